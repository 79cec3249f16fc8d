import Foundation
import Testing

/// A detached tmux session on its own socket running the real program, read with capture-pane:
/// the wizard as a person at an 80x24 terminal meets it.
final class TerminalSession {
    let socket = "dmcc-e2e-\(UUID().uuidString.prefix(8))"

    /// Each session saves into its own scratch folder unless given one to share.
    let transcripts: URL

    init(arguments: String = "--client E2E", environment: String = "", transcripts: URL? = nil, width: Int = 80, height: Int = 24) throws {
        self.transcripts = transcripts ?? FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-e2e-records-\(UUID().uuidString)")
        let exe = try #require(Program.executable, "dmcc-advisor is not built next to the tests")
        let knowledge = Program.root.appendingPathComponent("Knowledge").path
        // After the program ends, print its exit status and the tty settings, then stay so the pane can be read.
        // `trap : INT QUIT` keeps the pane's shell alive after Ctrl-C, as an interactive shell would, and
        // (unlike ignoring the signal) is not inherited by the program.
        let script = "trap : INT QUIT; env -u NO_COLOR LANG=C.UTF-8 \(environment) '\(exe.path)' --date 2026-11-29 --knowledge '\(knowledge)' --transcripts '\(self.transcripts.path)' \(arguments); "
            + "echo EXIT=$?; stty -a | tr '\\n' ' '; echo; sleep 600"
        // The server started here outlives this call: it must not inherit a pipe we wait to close.
        try tmux(["new-session", "-d", "-s", "w", "-x", "\(width)", "-y", "\(height)", "sh", "-c", script], capture: false)
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Runs tmux through the shell and waits with waitpid. Foundation's Process is not used here:
    /// the tmux server forked by the first call would inherit the descriptor Process watches for
    /// the child's exit, and the call would never return.
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let quoted = (["tmux", "-L", socket, "-f", "/dev/null"] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "unset TMUX; " + quoted.joined(separator: " ") + " </dev/null >'\(output.path)' 2>/dev/null"
        let status = system(command)
        guard status != -1 else { throw POSIXError(.ECHILD) }
        return capture ? ((try? String(contentsOf: output, encoding: .utf8)) ?? "") : ""
    }

    func send(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", "w", key]) }
    }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", "w"])) ?? "" }
    var lines: [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Polls the screen until `predicate` holds (no fixed sleeps); false after `timeout` seconds.
    func waitUntil(timeout: Double = 15, _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(screen) { return true }
            usleep(30_000)
        }
        return predicate(screen)
    }

    func waitFor(_ text: String, timeout: Double = 15) -> Bool { waitUntil(timeout: timeout) { $0.contains(text) } }

    /// Types keys one at a time, waiting for the screen to change after each, like a person reading.
    func type(_ keys: [String]) throws {
        for key in keys {
            let before = screen
            try send(key)
            _ = waitUntil(timeout: 5) { $0 != before }
        }
    }

    var alternateScreen: Bool { ((try? tmux(["display", "-p", "-t", "w", "#{alternate_on}"])) ?? "").hasPrefix("1") }

    /// The pid of the program: the child of the pane's shell.
    var programPID: Int32? {
        guard let shell = Int32(((try? tmux(["display", "-p", "-t", "w", "#{pane_pid}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)),
              let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8) else { return nil }
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// The terminal is back to normal: out of the alternate screen, line editing and echo on.
    func expectRestored(exit: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(waitFor("EXIT=\(exit)"), "exit status: \(screen)", sourceLocation: sourceLocation)
        #expect(!alternateScreen, "still in the alternate screen", sourceLocation: sourceLocation)
        // Joined, so a setting is not split where the long stty line wraps. The shell prints the settings
        // just after the exit status: on a loaded machine the line may come a moment later.
        var stty = ""
        let deadline = Date().addingTimeInterval(5)
        repeat {
            stty = (try? tmux(["capture-pane", "-p", "-J", "-t", "w"])) ?? ""
            if stty.contains("icanon") && stty.contains("echo ") { break }
            usleep(30_000)
        } while Date() < deadline
        #expect(stty.contains(" icanon ") && !stty.contains("-icanon"), "canonical mode not restored", sourceLocation: sourceLocation)
        #expect(stty.contains(" echo ") && !stty.contains("-echo "), "echo not restored", sourceLocation: sourceLocation)
    }
}

/// The set-ups the tmux tests share: a wizard at its first question, and a session left behind by a
/// wizard killed with SIGKILL. Each expectation is reported at the test that called the helper.
extension TerminalSession {
    /// A wizard started in tmux, showing its first question (in English with `--lang en`).
    static func atFirstQuestion(arguments: String = "--client E2E", environment: String = "", transcripts: URL? = nil,
                                width: Int = 80, height: Int = 24,
                                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TerminalSession {
        let t = try TerminalSession(arguments: arguments, environment: environment, transcripts: transcripts, width: width, height: height)
        let first = arguments.contains("--lang en") ? "What do you want to do?" : "Wat wilt u doen?"
        #expect(t.waitFor(first), "the first question: \(t.screen)", sourceLocation: sourceLocation)
        return t
    }

    /// Kills the program with SIGKILL, as a crash or a dropped connection would, and waits until it is gone.
    func killHard(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        kill(try #require(programPID, sourceLocation: sourceLocation), SIGKILL)
        #expect(waitFor("EXIT=137"), "\(screen)", sourceLocation: sourceLocation)
    }

    /// An interrupted session on disk: a wizard that answered `keys`, showed `shown`, and was killed with
    /// SIGKILL. Its `transcripts` folder holds the autosave; the caller removes it.
    static func interrupted(arguments: String = "--client E2E", keys: [String] = ["6", "1"], showing shown: String = "stap 3",
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TerminalSession {
        let t = try atFirstQuestion(arguments: arguments, sourceLocation: sourceLocation)
        try t.type(keys)
        #expect(t.waitFor(shown), "\(t.screen)", sourceLocation: sourceLocation)
        try t.killHard(sourceLocation: sourceLocation)
        return t
    }
}
