import Foundation
import Testing

/// Runs a shell command line with the built program first on PATH, in the repository root.
func runShell(_ command: String, environment: [String: String] = [:], shell: String = "/bin/sh") throws -> (status: Int32, stdout: String, stderr: String) {
    let exe = try #require(Program.executable, "dmcc-advisor is not built next to the tests")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: shell)
    process.arguments = ["-c", command]
    process.currentDirectoryURL = Program.root
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = exe.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

func scratchFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-shell-\(UUID().uuidString)")
}

@Suite("The wizard's shell: line mode, sessions on disk")
struct WizardShellTests {
    /// The `sh` blocks of the README's wizard section.
    static func readmeWizardExamples() throws -> [String] {
        let readme = try String(contentsOf: Program.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = readme.components(separatedBy: "## The wizard").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        return section.components(separatedBy: "```sh\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
            .flatMap { $0.split(separator: "\n").map(String.init) }
    }

    @Test("the README's line-mode example answers the questions it says it does (issue 8.10, 9.20)")
    func readmeExample() throws {
        let examples = try Self.readmeWizardExamples()
        #expect(examples.count == 1)
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for example in examples {
            let result = try runShell(example, environment: ["DMCC_TRANSCRIPTS": scratch.path])
            #expect(result.status == 0, "\(result.stderr)")
            // The comment says "energy sale by voicelog": the nine answers go to the nine questions of that walk.
            #expect(result.stdout.contains("Stap 1: Wat wilt u doen?"))
            #expect(result.stdout.contains("Stap 9: Hoe heeft de consument het contract bevestigd?"))
            #expect(result.stdout.contains("NIET TOEGESTAAN\nEen voicelog is geen schriftelijke bevestiging"))
            #expect(!result.stdout.contains("onbekende invoer"))
            #expect(result.stdout.hasSuffix("Advies: Niet toegestaan; niet opgeslagen.\n"), "one line to the shell after quitting")
        }
    }

    @Test("the issue-8 repro through the real program asks about the call before any advice")
    func repro() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        // e-mail marketing, no objection, consent; review: reopen the first question; a marketing call to a consumer
        let result = try runShell(#"printf '\n\n\n1\n1\n1\n2\n1\nr\n1\n5\n1\n2\n' | dmcc-advisor --plain --lang en --date 2026-11-29"#,
                                  environment: ["DMCC_TRANSCRIPTS": scratch.path])
        let afterChange = result.stdout.components(separatedBy: "Review:").last ?? ""
        #expect(!afterChange.contains("Allowed with provable consent"), "\(afterChange)")
        #expect(afterChange.contains("Step 4: Has the person objected"), "\(afterChange)")
        #expect(result.stderr.contains("dmcc-advisor --resume"), "end of input says how to resume")
    }

    @Test("saving in line mode prints the record id on leaving, and the record's steps are the path with times")
    func saveInLineMode() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try runShell(#"printf 'Acme\n\n\n6\nn\nKlant wil 2 euro\n1\n1\ns\nq\n' | dmcc-advisor --plain --date 2026-11-29"#,
                                  environment: ["DMCC_TRANSCRIPTS": scratch.path])
        #expect(result.status == 0, "\(result.stderr)")
        let last = try #require(result.stdout.split(separator: "\n").last)
        #expect(last.hasPrefix("Advies: Niet toegestaan; opgeslagen als 2"), "\(last)")
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        let json = try #require(files.first { $0.hasSuffix(".json") && !$0.hasPrefix(".") })
        let record = try String(contentsOf: scratch.appendingPathComponent(json), encoding: .utf8)
        #expect(record.contains("\"note\" : \"Klant wil 2 euro\""))
        #expect(record.components(separatedBy: "\"answered\" :").count - 1 == 3, "each of the three steps has its time")
        #expect(!files.contains { $0.hasPrefix(".session-") && $0.hasSuffix(".json") }, "a session ended by choice leaves no autosave")
    }

    @Test("a piped run after an interrupted one is not hijacked by a resume offer; the hint names the records folder (fixes 3, 5)")
    func pipedRunsWithLeftoverSession() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let program = "dmcc-advisor --plain --date 2026-11-29 --transcripts '\(scratch.path)'"
        // Ends at end of input in the middle of the walk: the session is kept.
        let first = try runShell("printf '\\n\\n\\n6\\n1\\n' | \(program)")
        #expect(first.stderr.contains("dmcc-advisor --resume --transcripts \(scratch.path)"), "\(first.stderr)")
        let example = "printf '\\n\\n\\n4\\n1\\n1\\n2\\n1\\n1\\n2\\n3\\n2\\nq\\nj\\n' | \(program)"
        for _ in 0..<2 {
            let again = try runShell(example)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(!again.stdout.contains("onbekende invoer") && !again.stdout.contains("Hervatten?"), "\(again.stdout)")
            #expect(again.stdout.contains("NIET TOEGESTAAN\nEen voicelog is geen schriftelijke bevestiging"))
            #expect(again.stderr.contains("1 onderbroken sessie"), "the waiting session is named: \(again.stderr)")
        }
        let resumed = try runShell("printf '1\\n' | \(program) --resume")
        #expect(resumed.stdout.contains("Stap 3:"), "--resume continues the interrupted session: \(resumed.stdout)")
    }

    @Test("--resume where the only session file cannot be read names that file, leaves it alone, and starts a new session")
    func unreadableSessionNamed() throws {
        let scratch = scratchFolder()
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let damaged = scratch.appendingPathComponent(".session-deadbeefdeadbeef.json")
        try Data("{\"answers\": {".utf8).write(to: damaged)
        let r = try runShell("printf '' | dmcc-advisor --plain --resume --date 2026-11-29 --transcripts '\(scratch.path)'",
                             environment: ["DMCC_CACHE": scratch.appendingPathComponent("cache").path])
        #expect(r.stderr.contains(".session-deadbeefdeadbeef.json kan niet worden gelezen"), "\(r.stderr)")
        #expect(!r.stderr.contains("geen onderbroken sessie"), "\(r.stderr)")
        #expect(try Data(contentsOf: damaged) == Data("{\"answers\": {".utf8), "the damaged file is left as it was")
    }

    @Test("an autosave that fails after one succeeded: the earlier point is said to be kept, and the later changes not")
    func failedAfterKept() throws {
        let scratch = scratchFolder()
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Files may grow to 1 KiB: the first autosaves fit, the one with a 700-character note does not.
        let note = String(repeating: "x", count: 700)
        let r = try runShell("(printf 'Klant\\n\\n\\n4\\nn\\n'; echo '\(note)') | (trap '' XFSZ; ulimit -f 1; "
                             + "dmcc-advisor --plain --date 2026-11-29 --transcripts '\(scratch.path)')",
                             environment: ["DMCC_CACHE": scratch.appendingPathComponent("cache").path], shell: "/bin/bash")
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stdout.contains("wat u deed sinds het laatst bewaarde punt, is niet bewaard"), "\(r.stdout)")
        #expect(r.stderr.contains("de laatste wijzigingen konden niet worden bewaard"), "\(r.stderr)")
        #expect(r.stderr.contains("Hervatten gaat verder vanaf het laatst bewaarde punt: dmcc-advisor --resume"), "\(r.stderr)")
        #expect(autosaves(in: scratch).count == 1)
    }

    @Test("line mode cut off before the advice, its autosaves failing: it says the session could not be kept, never that it was")
    func cutOffWithFailedAutosave() throws {
        let scratch = scratchFolder()
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A records "folder" under a plain file: every autosave fails (ENOTDIR), also for root.
        try Data().write(to: scratch.appendingPathComponent("blocker"))
        let records = scratch.appendingPathComponent("blocker/records").path
        let r = try runShell("printf 'Klant\\n\\n\\n5\\n' | dmcc-advisor --plain --date 2026-11-29 --transcripts '\(records)'",
                             environment: ["DMCC_CACHE": scratch.appendingPathComponent("cache").path])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("de sessie kon niet worden bewaard"), "\(r.stderr)")
        #expect(!r.stderr.contains("de sessie is bewaard"), "\(r.stderr)")
    }
}
