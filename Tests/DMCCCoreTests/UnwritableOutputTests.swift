import Foundation
import Testing

/// A new, empty scratch folder (removed by the test).
func madeScratchFolder() throws -> URL {
    let folder = scratchFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// The autosaved sessions in a records folder (also used by the line-mode input tests).
func autosaves(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".session-") && $0.hasSuffix(".json") }
}

/// A tryout: a failed write to standard output or error crashed the program ("Fatal error: 'try!'",
/// SIGILL, exit 132), because messages and line mode's prompts went through `FileHandle.write`.
@Suite("Output that cannot be written")
struct UnwritableOutputTests {
    @Test("line mode whose output is full exits 74 and says so, no crash")
    func lineModeFull() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try runShell("printf '\\n\\n\\n4\\n' | dmcc-advisor --date 2026-11-29 --transcripts '\(scratch.path)' >/dev/full")
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains("de uitvoer kan niet worden geschreven: No space left on device"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"), "\(r.stderr)")
    }

    @Test("a prompt that cannot be written mid-session: exit 74 at once, the autosave kept, how to resume said")
    func lineModeMidSession() throws {
        let scratch = try madeScratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        // The output file may grow to 512 bytes: the client prompt fits, the first question does not.
        let r = try runShell("trap '' XFSZ; ulimit -f 1; printf 'Klant\\n\\n\\n4\\n1\\n1\\n' | dmcc-advisor --date 2026-11-29 "
                             + "--transcripts '\(scratch.path)' >'\(scratch.path)/out'")
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains("de uitvoer kan niet worden geschreven: File too large"), "\(r.stderr)")
        #expect(r.stderr.contains("Onderbroken; de sessie is bewaard"), "\(r.stderr)")
        #expect(autosaves(in: scratch).count == 1)
    }

    @Test("line mode whose output pipe is closed mid-session (| head) exits 74 and says so, the autosave kept, not a silent SIGPIPE")
    func lineModeClosedPipe() throws {
        let scratch = try madeScratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        // head takes the first prompts and goes; the answers after the pause meet a closed pipe.
        let r = try runShell("(printf 'Klant\\n\\n\\n4\\n1\\n'; sleep 1; printf '1\\n2\\n') | dmcc-advisor --plain --date 2026-11-29 "
                             + "--transcripts '\(scratch.path)' 2>'\(scratch.path)/err' | head -c 300 >/dev/null; "
                             + "echo \"status=${PIPESTATUS[1]}\"; cat '\(scratch.path)/err'", shell: "/bin/bash")
        #expect(r.stdout.contains("status=74"), "\(r.stdout)")
        #expect(r.stdout.contains("de uitvoer kan niet worden geschreven: Broken pipe"), "\(r.stdout)")
        #expect(autosaves(in: scratch).count == 1)
    }

    @Test("a message that cannot be written to stderr is dropped; the command keeps its exit code")
    func stderrGone() throws {
        let empty = try madeScratchFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(try runShell("dmcc-advisor advise --fact bogus=1 2>&-").status == 2)
        #expect(try runShell("dmcc-advisor advise --knowledge '\(empty.path)' --fact purpose=objection 2>/dev/full").status == 4)
        #expect(try runShell("dmcc-advisor advise --fact purpose=objection --date 2026-11-29 2>/dev/full").status == 3)
    }

    @Test("a closed stderr is not taken by a file the program opens: no message goes into the session's lock file")
    func closedStderr() throws {
        let scratch = try madeScratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try runShell("printf '\\n\\n\\n6\\n' | dmcc-advisor --date 2026-11-29 --transcripts '\(scratch.path)' 2>&-")
        #expect(r.status == 3)
        #expect(autosaves(in: scratch).count == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        for file in files {
            let text = (try? String(contentsOf: scratch.appendingPathComponent(file), encoding: .utf8)) ?? ""
            #expect(!text.contains("Onderbroken"), "\(file): \(text)")
        }
        // A closed stdout fails every write as a closed output does, whatever the program opened since.
        let closed = try runShell("printf '\\n\\n\\n6\\n' | dmcc-advisor --date 2026-11-29 --transcripts '\(scratch.path)' >&-")
        #expect(closed.status == 74)
        #expect(closed.stderr.contains("Bad file descriptor"), "\(closed.stderr)")
    }

    @Test("stdout and stderr both unwritable: 74, no crash")
    func bothGone() throws {
        #expect(try runShell("dmcc-advisor advise --fact purpose=objection --fact request=stop --fact fee=yes --date 2026-11-29 >/dev/full 2>&-").status == 74)
    }
}
