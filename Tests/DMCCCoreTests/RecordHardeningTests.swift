import DMCCCore
import Foundation
import Testing

/// Records against forgery, injection, killed saves, odd folders and umasks (issue 9, points 1, 4-7, 19).
@Suite("Records resist forgery, injection and killed saves")
struct RecordHardeningTests {
    let kb = Shipped.knowledge
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-hard-\(UUID().uuidString)")
    /// A short, complete (not-allowed) advice: a fee for unsubscribing.
    let feeForObjection = ["--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"]

    func record(client: String) throws -> AdviceRecord {
        let advice = try Engine.advise(kb, facts: ["purpose": "objection", "request": "stop", "fee": "yes"], on: date("2026-11-29"))
        return AdviceRecord(id: "20261129-143012-a1b2c3", created: "2026-11-29T14:30:12+01:00", programVersion: "0.1.0",
                            advice: advice, kb: kb, language: .nl, client: client)
    }

    /// A forged copy of every key put before the original body: a decoder reads the first value of
    /// each key, JSONSerialization (and so the seal) the last.
    static func forge(_ original: String, _ edits: [(String, String)]) -> String {
        var forged = original
        for (from, to) in edits { forged = forged.replacingOccurrences(of: from, with: to) }
        let body = forged.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst().dropLast()
        return "{" + body + "," + original.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst()
    }

    func save(_ extra: [String] = [], environment: [String: String]? = nil, umask: String? = nil) throws -> Program.Result {
        try Program.run(["advise"] + feeForObjection + ["--save", "--transcripts", folder.path] + extra, environment: environment, umask: umask)
    }

    func ids() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    func transcripts(_ arguments: [String]) throws -> Program.Result {
        try Program.run(["transcripts"] + arguments + ["--transcripts", folder.path])
    }

    // MARK: 1. forged records

    @Test("a record with a key twice is refused: what is shown must be what is sealed")
    func duplicateKeysAreRefused() throws {
        let real = try record(client: "Echte Klant")
        let text = Self.forge(real.prettyJSON(), [("Echte Klant", "Vervalste Klant"), ("\"not-allowed\"", "\"allowed\"")])
        let json = Data(text.utf8)
        let shown = try JSONDecoder().decode(AdviceRecord.self, from: json)
        let problems = RecordCheck.problems(json: json, markdown: RecordRenderer.markdown(shown), expectedID: real.id)
        #expect(problems.contains { $0.contains("appears twice") }, "\(problems)")
        #expect(throws: RecordFile.Failure.self) { try RecordFile.read(json) }
        #expect(try RecordFile.read(Data(real.prettyJSON().utf8)) == real)
    }

    @Test("a key spelt with escapes is the same key", arguments: ["\\u0063lient", "cli\\u0065nt"])
    func escapedDuplicateKey(_ spelling: String) throws {
        let real = try record(client: "Echte Klant")
        let text = real.prettyJSON().replacingOccurrences(of: "{\n  \"advice\"", with: "{\n  \"\(spelling)\" : \"Vervalst\",\n  \"advice\"")
        #expect(throws: RecordFile.Failure.duplicateKey("client")) { try RecordFile.read(Data(text.utf8)) }
    }

    @Test("content the record does not carry is refused, not ignored")
    func unknownContentIsRefused() throws {
        let real = try record(client: "Echte Klant")
        let text = real.prettyJSON().replacingOccurrences(of: "{\n  \"advice\"", with: "{\n  \"approved\" : true,\n  \"advice\"")
        #expect(throws: RecordFile.Failure.notCanonical) { try RecordFile.read(Data(text.utf8)) }
    }

    @Test("a forged record on disk fails verify, and list and show do not print the forgery")
    func forgedRecordOnDisk() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try save(["--client", "Echte Klant"]).status == 0)
        let id = try #require(ids().first)
        let file = folder.appendingPathComponent("\(id).json")
        let original = try String(contentsOf: file, encoding: .utf8)
        try Self.forge(original, [("Echte Klant", "Vervalste Klant"), ("\"not-allowed\"", "\"allowed\"")])
            .write(to: file, atomically: true, encoding: .utf8)
        let show = try transcripts(["show", id])
        try show.stdout.write(to: folder.appendingPathComponent("\(id).md"), atomically: true, encoding: .utf8)
        #expect(!show.stdout.contains("Vervalste Klant"))
        #expect(show.status == 2)
        let verify = try transcripts(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("FAIL \(id)"))
        let list = try transcripts(["list"])
        #expect(!list.stdout.contains("Vervalste Klant"))
        #expect(list.stderr.contains("\(id).json: de sleutel"), "\(list.stderr)")
    }

    // MARK: 4. killed saves

    @Test("a record missing its Markdown copy is not listed, and a killed save's temporary files are cleared")
    func leftoversOfKilledSaves() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try save(["--client", "Half"]).status == 0)
        let half = try #require(ids().first)
        #expect(try save(["--client", "Heel"]).status == 0)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(half).md"))
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let leftover = folder.appendingPathComponent(".tmp-\(dead.processIdentifier)-12345")
        try Data("{".utf8).write(to: leftover)

        let list = try transcripts(["list"])
        #expect(list.stdout.contains("Heel"))
        #expect(!list.stdout.contains("Half"), "a record without its Markdown copy is not listed as normal")
        #expect(list.stderr.contains("\(half).json: de Markdown-kopie ontbreekt"))
        #expect(list.stdout.contains("1 verslag(en)"))

        #expect(try save().status == 0)
        #expect(!FileManager.default.fileExists(atPath: leftover.path), "the next save clears a dead process's temporary file")
    }

    @Test("saves killed at random moments leave complete records or none")
    func killedSaves() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let exe = try #require(Program.executable)
        for i in 0..<30 {
            let process = Process()
            process.executableURL = exe
            process.arguments = ["advise"] + feeForObjection + ["--save", "--transcripts", folder.path, "--client", "Klant \(i)"]
            process.currentDirectoryURL = Program.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...60_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let list = try transcripts(["list"])
        // When every save was killed before it made the folder, listing it is an error (exit 2) by design.
        #expect(list.status == (FileManager.default.fileExists(atPath: folder.path) ? 0 : 2))
        #expect(!list.stderr.contains("missing"), "\(list.stderr)")
        for id in ids() where list.stdout.contains(id) {
            #expect(try transcripts(["verify", id]).status == 0, "listed record \(id) verifies")
        }
        #expect(try save().status == 0)
        let temporary = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".tmp-") }
        #expect(temporary.isEmpty, "\(temporary)")
    }

    // MARK: 5. injection

    @Test("control characters typed into a field never reach a record, the terminal or the Markdown table")
    func typedControlCharacters() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try save(["--client", "Kwaad\u{1B}[2J\u{1B}]0;titel\u{07}\nBV | extra", "--note", "regel 1\nregel 2"]).status == 0)
        let id = try #require(ids().first)
        let list = try transcripts(["list"])
        #expect(!list.stdout.contains("\u{1B}") && !list.stdout.contains("\u{07}"))
        #expect(list.stdout.split(separator: "\n").count == 3, "header, one row, count:\n\(list.stdout)")
        let show = try transcripts(["show", id])
        #expect(!show.stdout.contains("\u{1B}"))
        #expect(show.stdout.contains("| Klant | Kwaad\\[2J\\]0;titel BV \\| extra |"), "\(show.stdout)")
        #expect(show.stdout.contains("regel 1 regel 2"))
        #expect(try transcripts(["verify", id]).status == 0)
    }

    @Test("control characters in a record file are shown escaped by list and show", arguments: ["text", "markdown", "json"])
    func storedControlCharacters(_ format: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try save(["--client", "Gewoon"]).status == 0)
        let id = try #require(ids().first)
        let file = folder.appendingPathComponent("\(id).json")
        let edited = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "\"Gewoon\"", with: "\"\\u001b[31mRood\\nNep\\u009b\\u0007\"")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let controls = Set<Unicode.Scalar>(["\u{1B}", "\u{07}", "\u{9B}"])
        let show = try transcripts(["show", id, "--format", format])
        // The edit breaks the seal: printed (escaped) after a warning, exit 1.
        #expect(show.status == 1)
        #expect(show.stderr.contains("niet door de controle gekomen") && !show.stderr.unicodeScalars.contains { controls.contains($0) })
        #expect(!show.stdout.unicodeScalars.contains { controls.contains($0) }, "\(show.stdout)")
        #expect(show.stdout.contains("u001b"))
        let list = try transcripts(["list"])
        #expect(!list.stdout.unicodeScalars.contains { controls.contains($0) })
        #expect(list.stdout.contains("\\u001b[31mRood\\u000aNep"))
    }

    // MARK: 6, 7. folder and file modes

    @Test("an existing folder keeps its mode, also through a symbolic link")
    func existingFolderKeepsItsMode() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = folder.appendingPathComponent("shared"), link = folder.appendingPathComponent("link")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        chmod(shared.path, 0o1777)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: shared)
        let r = try Program.run(["advise"] + feeForObjection + ["--save", "--transcripts", link.path])
        #expect(r.status == 0, "\(r.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: shared.path)[.posixPermissions] as? Int
        #expect(mode == 0o1777)
    }

    @Test("a strict umask still gives a private folder and records their owner can read")
    func strictUmask() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try save(umask: "777")
        #expect(r.status == 0, "\(r.stderr)")
        let id = try #require(ids().first)
        #expect((try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int) == 0o700)
        for ext in ["json", "md"] {
            let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("\(id).\(ext)").path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(ext)")
        }
        #expect(try transcripts(["verify", id]).status == 0)
    }

    // MARK: 19. one place for records

    @Test("list finds what advise --knowledge OTHER --save saved: --knowledge never moves the records")
    func oneRuleForTheRecordsFolder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other.appendingPathComponent("Transcripts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Program.root.appendingPathComponent("Knowledge"), to: other.appendingPathComponent("Knowledge"))
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let env = Program.environment(removing: ["DMCC_TRANSCRIPTS", "DMCC_KNOWLEDGE"])
        let saved = try Program.run(["advise"] + feeForObjection + ["--knowledge", other.appendingPathComponent("Knowledge").path, "--save",
                                                             "--client", "Elders"], in: work, environment: env)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stderr.contains("in Transcripts ("), "\(saved.stderr)")
        let list = try Program.run(["transcripts", "list"], in: work, environment: env)
        #expect(list.stdout.contains("Elders"), "\(list.stdout)")
    }
}

extension Program {
    /// The current environment without the given variables.
    static func environment(removing names: [String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for name in names { env[name] = nil }
        return env
    }

    /// Runs the program with its own environment, umask or standard output.
    static func run(_ arguments: [String], in directory: URL = root, environment: [String: String]?,
                    umask: String? = nil, stdout: FileHandle? = nil) throws -> Result {
        let exe = try #require(executable, "dmcc-advisor is not built next to the tests")
        let process = Process()
        if let umask {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask \(umask); exec \"$0\" \"$@\"", exe.path] + arguments
        } else {
            process.executableURL = exe
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = stdout ?? out
        process.standardError = err
        try process.run()
        let output = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                      stderr: String(decoding: errors, as: UTF8.self))
    }
}
