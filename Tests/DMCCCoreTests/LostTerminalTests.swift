import Foundation
import Testing

/// The full-screen wizard whose terminal goes away without a hangup signal reaching it: it runs in
/// a session of its own with a pseudo-terminal that is not its controlling terminal, so closing
/// the terminal's side sends no SIGHUP and every read fails at once. Before, the wizard took the
/// failed read for "no key" and read again, at full speed, for ever.
@Suite("The wizard when its terminal goes away")
struct LostTerminalTests {
    /// A pseudo-terminal pair; the program gets the second side as standard input, output and error.
    static func openTerminal() throws -> (master: Int32, slave: Int32) {
        // posix_openpt, unlockpt and ptsname, which Swift's Glibc does not offer, as the ioctls they
        // are; Linux's numbers, which Swift cannot import (they are macros over _IOW/_IOR).
        let TIOCSPTLCK: UInt = 0x4004_5431, TIOCGPTN: UInt = 0x8004_5430
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw POSIXError(.ENXIO) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else {
            close(master)
            throw POSIXError(.ENXIO)
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { close(master); throw POSIXError(.ENXIO) }
        return (master, slave)
    }

    /// Reads the terminal until `text` has appeared (false after `timeout` seconds).
    static func read(_ master: Int32, until text: String, timeout: Double = 20) -> Bool {
        var seen: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) > 0 else { continue }
            let n = Glibc.read(master, &buffer, buffer.count)
            if n <= 0 { return false }
            seen += buffer[0..<n]
            if String(decoding: seen, as: UTF8.self).contains(text) { return true }
        }
        return false
    }

    /// The full-screen wizard on a new pseudo-terminal, in a session of its own with no controlling
    /// terminal (so closing the terminal sends no SIGHUP); its pid and the terminal's side.
    static func spawnWizard(records: URL, scratch: URL) throws -> (pid: pid_t, master: Int32) {
        let exe = try #require(Program.executable, "dmcc-advisor is not built next to the tests")
        let (master, slave) = try openTerminal()
        defer { close(slave) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, slave, target) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let POSIX_SPAWN_SETSID: Int16 = 0x80  // glibc's value, not imported into Swift
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID)
        let arguments = [exe.path, "--date", "2026-11-29", "--client", "Lost", "--knowledge",
                         Program.root.appendingPathComponent("Knowledge").path, "--transcripts", records.path]
        let environment = ["TERM=xterm-256color", "LANG=C.UTF-8", "COLUMNS=80", "LINES=24", "HOME=\(scratch.path)",
                           "DMCC_CACHE=\(scratch.appendingPathComponent("cache").path)"]
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, exe.path, &actions, &attributes, &argv, &envp) == 0 else {
            close(master)
            throw POSIXError(.ECHILD)
        }
        return (pid, master)
    }

    /// The raw wait status once `pid` ended; nil when it still ran after `seconds` (it is then killed).
    static func waitStatus(_ pid: pid_t, within seconds: Double) -> Int32? {
        var status: Int32 = 0
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if waitpid(pid, &status, WNOHANG) == pid { return status }
            usleep(5_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return nil
    }

    @Test("a hangup while the wizard is busy or ending never leaves it waiting: 100 times, each ends within 5 s")
    func hangupRace() throws {
        // The hangup lands at varied moments: while keys are handled, while the screen is freed after
        // the terminal went away. Handlers written in Swift (or calling endwin) sometimes waited for
        // ever on a lock the interrupted main thread held (about 1 run in 40 here); the C handlers
        // make only async-signal-safe calls.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-hup-\(UUID().uuidString)")
        let records = scratch.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var hung = 0
        for round in 0..<100 {
            // A folder per round: a session kept from the round before would be offered for resuming.
            let folder = records.appendingPathComponent("\(round)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let (pid, master) = try Self.spawnWizard(records: folder, scratch: scratch)
            _ = Self.read(master, until: "stoppen")
            let keys = Array(("1n" + String(repeating: "x", count: 20)).utf8)
            _ = keys.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            usleep(UInt32(round % 5) * 300)
            close(master)
            usleep(UInt32(round % 7) * 400)
            kill(pid, SIGHUP)
            if Self.waitStatus(pid, within: 5) == nil { hung += 1 }
        }
        #expect(hung == 0, "\(hung) of 100 wizards were still waiting 5 s after the hangup")
    }

    @Test("it ends as after a hangup (exit 129) and keeps the session, instead of spinning")
    func lostTerminal() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-lost-\(UUID().uuidString)")
        let records = scratch.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let (pid, master) = try Self.spawnWizard(records: records, scratch: scratch)
        var masterOpen = true
        defer { if masterOpen { close(master) } }

        var waited = false
        defer { if !waited { kill(pid, SIGKILL); var status: Int32 = 0; waitpid(pid, &status, 0) } }
        try #require(Self.read(master, until: "stoppen"), "the first screen never appeared")
        // One answer, so there is a session to keep.
        _ = "1".withCString { Glibc.write(master, $0, 1) }
        let autosaved = { (try? FileManager.default.contentsOfDirectory(atPath: records.path))?.contains { $0.hasPrefix(".session-") } ?? false }
        let deadline = Date().addingTimeInterval(20)
        while !autosaved() && Date() < deadline { usleep(20_000) }
        try #require(autosaved(), "the session was never autosaved")

        close(master)
        masterOpen = false
        let ended = Self.waitStatus(pid, within: 10)
        waited = true
        #expect(ended != nil, "the wizard still runs 10 s after its terminal went away")
        guard let status = ended else { return }
        // WIFEXITED and WEXITSTATUS, written out (they are macros).
        #expect(status & 0x7F == 0, "ended by signal \(status & 0x7F)")
        #expect((status >> 8) & 0xFF == 129)
        #expect(autosaved(), "the session's autosave is gone")
    }
}
