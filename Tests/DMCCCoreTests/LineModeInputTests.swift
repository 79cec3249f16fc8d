import Foundation
import Testing

/// A tryout: line mode kept an input line of any length in memory (`</dev/zero` grew to gigabytes).
@Suite("Line mode's input is read with a bound")
struct BoundedInputTests {
    /// VmHWM (peak resident memory) of a process, in kB.
    static func peakMemory(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    @Test("32 MB without a line break: memory stays small, the line is refused, the next line is read, EOF ends with 3")
    func hugeLine() throws {
        let exe = try #require(Program.executable, "dmcc-advisor is not built next to the tests")
        let scratch = try madeScratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outFile = scratch.appendingPathComponent("out")
        try #require(FileManager.default.createFile(atPath: outFile.path, contents: nil))
        let process = Process()
        process.executableURL = exe
        process.arguments = ["--date", "2026-11-29", "--transcripts", scratch.path,
                             "--knowledge", Program.root.appendingPathComponent("Knowledge").path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let output = { (try? String(contentsOf: outFile, encoding: .utf8)) ?? "" }
        let deadline = Date().addingTimeInterval(20)
        while !output().contains("Klant") && Date() < deadline { usleep(20_000) }
        let before = try #require(Self.peakMemory(process.processIdentifier))

        let fd = input.fileHandleForWriting.fileDescriptor
        let chunk = [UInt8](repeating: 0x61, count: 1 << 20)
        for _ in 0..<32 {
            var done = 0
            while done < chunk.count {
                let n = chunk[done...].withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count) }
                try #require(n > 0, "the program stopped reading")
                done += n
            }
        }
        // Everything but what the pipe holds has been read by now.
        let after = try #require(Self.peakMemory(process.processIdentifier))
        #expect(after - before < 8 * 1024, "peak memory grew from \(before) kB to \(after) kB")
        let rest = Array("\nKlant\n".utf8)
        _ = rest.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        let out = output()
        #expect(out.components(separatedBy: "Fout: regel te lang (meer dan 64 KiB); overgeslagen").count == 2, "\(out.suffix(2000))")
        #expect(out.contains("Consultant"), "\(out.suffix(2000))")
    }

    @Test("a NUL line is refused, then normal lines (CR LF, a last line without line break) read as typed")
    func nulAndNormalLines() throws {
        let scratch = try madeScratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try runShell("printf 'Kl\\000ant\\nKlant \\303\\251\\r\\nIk\\n\\n4\\n1' | dmcc-advisor --date 2026-11-29 --transcripts '\(scratch.path)'")
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stdout.contains("Fout: regel met een NUL-teken is geen tekst; overgeslagen"), "\(r.stdout)")
        #expect(r.stdout.contains("Stap 2:"), "\(r.stdout)")
        let saved = try #require(autosaves(in: scratch).first)
        let session = try String(contentsOf: scratch.appendingPathComponent(saved), encoding: .utf8)
        #expect(session.contains("\"Klant é\""), "\(session)")
        #expect(session.contains("\"Ik\""), "\(session)")
    }
}

/// A tryout: line mode whose terminal went away without a hangup signal (another process led its
/// session) took the end of its input for "ended before the advice" (exit 3), or crashed on the next
/// prompt; the README's table says 129, the session kept for --resume.
@Suite("Line mode when its terminal goes away")
struct LineModeLostTerminalTests {
    /// Spawns line mode on a pseudo-terminal of its own, in a session of its own (no SIGHUP when the
    /// terminal closes), answers the details and one question, and waits for the autosave.
    /// `output`: a file for standard output instead of the terminal (as `>file` in the tryout's
    /// repro), so only the failed read can tell that the terminal went away.
    static func start(_ records: URL, _ scratch: URL, output: URL? = nil) throws -> (pid: pid_t, master: Int32) {
        let exe = try #require(Program.executable, "dmcc-advisor is not built next to the tests")
        let (master, slave) = try LostTerminalTests.openTerminal()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, slave, target) }
        if let output { posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let POSIX_SPAWN_SETSID: Int16 = 0x80  // glibc's value, not imported into Swift
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID)
        let arguments = [exe.path, "--plain", "--date", "2026-11-29", "--client", "Lost", "--knowledge",
                         Program.root.appendingPathComponent("Knowledge").path, "--transcripts", records.path]
        let environment = ["TERM=xterm-256color", "LANG=C.UTF-8", "HOME=\(scratch.path)",
                           "DMCC_CACHE=\(scratch.appendingPathComponent("cache").path)"]
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, exe.path, &actions, &attributes, &argv, &envp)
        close(slave)
        guard spawned == 0 else { close(master); throw POSIXError(.ENOEXEC) }
        let shown = { (text: String) -> Bool in
            guard let output else { return LostTerminalTests.read(master, until: text) }
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if ((try? String(contentsOf: output, encoding: .utf8)) ?? "").contains(text) { return true }
                usleep(20_000)
            }
            return false
        }
        guard shown("Stap 1") else {
            kill(pid, SIGKILL); var status: Int32 = 0; waitpid(pid, &status, 0); close(master)
            throw POSIXError(.ETIMEDOUT)
        }
        _ = "1\n".withCString { Glibc.write(master, $0, 2) }
        let deadline = Date().addingTimeInterval(20)
        while autosaves(in: records).isEmpty && Date() < deadline { usleep(20_000) }
        _ = shown("Stap 2")
        return (pid, master)
    }

    /// The exit code once the program ended (nil: still running after 10 s, then killed).
    static func exitCode(_ pid: pid_t) -> Int32? {
        LostTerminalTests.waitStatus(pid, within: 10).map { $0 & 0x7F == 0 ? ($0 >> 8) & 0xFF : 128 + ($0 & 0x7F) }
    }

    @Test("the terminal closes: exit 129, the autosave kept", arguments: [false, true])
    func hungUp(outputToFile: Bool) throws {
        let scratch = scratchFolder()
        let records = scratch.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = outputToFile ? scratch.appendingPathComponent("out") : nil
        let (pid, master) = try Self.start(records, scratch, output: output)
        try #require(autosaves(in: records).count == 1, "the session was never autosaved")
        close(master)
        #expect(Self.exitCode(pid) == 129)
        #expect(autosaves(in: records).count == 1, "the session's autosave is gone")
        // No farewell and no "interrupted" line: nobody is left to read them.
        if let output { #expect(!((try? String(contentsOf: output, encoding: .utf8)) ?? "").contains("Geen advies")) }
    }

    @Test("Ctrl-D at a terminal that is still there ends the input: exit 3, as before")
    func endOfInput() throws {
        let scratch = scratchFolder()
        let records = scratch.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (pid, master) = try Self.start(records, scratch)
        defer { close(master) }
        _ = "\u{04}".withCString { Glibc.write(master, $0, 1) }
        #expect(LostTerminalTests.read(master, until: "Onderbroken"))
        #expect(Self.exitCode(pid) == 3)
        #expect(autosaves(in: records).count == 1)
    }
}
