import DMCCCore
import Foundation
import Testing

/// The full-screen wizard's sessions and terminal, as a consultant meets them in tmux: an autosave
/// that fails, Ctrl-Z and `fg`, `--resume` with nothing to take, and a session resumed with other
/// knowledge.
@Suite("The wizard's sessions and terminal", .serialized)
struct SessionTerminalTests {
    /// A records "folder" under a plain file: every autosave fails (ENOTDIR), also for root, which a
    /// read-only folder would not stop.
    private static func unwritableRecords() throws -> (scratch: URL, records: URL) {
        let scratch = scratchFolder()
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let blocker = scratch.appendingPathComponent("blocker")
        try Data().write(to: blocker)
        return (scratch, blocker.appendingPathComponent("records"))
    }

    /// The pane with every run of spaces and line breaks made one space, so a line the wizard or
    /// the terminal wrapped is found whole.
    private static func joined(_ t: TerminalSession) -> String {
        ((try? t.tmux(["capture-pane", "-p", "-J", "-t", "w"])) ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test("a failing autosave stays on screen, and Ctrl-C then says the session could not be kept")
    func autosaveFailsThenCtrlC() throws {
        let (scratch, records) = try Self.unwritableRecords()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let t = try TerminalSession.atFirstQuestion(transcripts: records)
        try t.type(["6"])
        #expect(t.waitFor("tussentijds bewaren mislukt"), "the first failed autosave is shown: \(t.screen)")
        // Still in view while the consultant goes on: a note, typed and closed.
        try t.type(["n"])
        try t.send("-l", "Belt vanuit NL")
        #expect(t.waitFor("Belt vanuit NL_"))
        #expect(t.screen.contains("tussentijds bewaren mislukt"), "kept in view while typing: \(t.screen)")
        try t.type(["Enter", "Down"])
        #expect(t.screen.contains("tussentijds bewaren mislukt"), "kept in view after other keys: \(t.screen)")
        try t.send("C-c")
        t.expectRestored(exit: 130)
        let pane = Self.joined(t)
        #expect(pane.contains("Onderbroken; de sessie kon niet worden bewaard ("), "\(pane)")
        #expect(!pane.contains("de sessie is bewaard"), "no false promise: \(pane)")
    }

    @Test("once an autosave succeeds again the warning goes, and Ctrl-C says how to resume")
    func autosaveRecovers() throws {
        let (scratch, records) = try Self.unwritableRecords()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let t = try TerminalSession.atFirstQuestion(arguments: "--client E2E --lang en", transcripts: records)
        try t.type(["6"])
        #expect(t.waitFor("autosave failed, the session is not kept"), "\(t.screen)")
        // The folder becomes usable: the next change is kept.
        try FileManager.default.removeItem(at: scratch.appendingPathComponent("blocker"))
        try t.type(["1"])
        #expect(t.waitFor("autosave works again"), "\(t.screen)")
        try t.type(["Down"])
        #expect(!t.screen.contains("autosave failed"), "\(t.screen)")
        try t.send("C-c")
        t.expectRestored(exit: 130)
        #expect(Self.joined(t).contains("Interrupted; the session is kept. Resume with: dmcc-advisor --resume"), "\(t.screen)")
    }

    @Test("a hangup after a failed autosave says on standard error that the session could not be kept")
    func hangupAfterFailedAutosave() throws {
        let (scratch, records) = try Self.unwritableRecords()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = scratch.appendingPathComponent("stderr.log")
        let t = try TerminalSession.atFirstQuestion(arguments: "--client E2E 2>'\(log.path)'", transcripts: records)
        try t.type(["6"])
        #expect(t.waitFor("tussentijds bewaren mislukt"), "\(t.screen)")
        kill(try #require(t.programPID), SIGHUP)
        #expect(t.waitFor("EXIT=129"), "\(t.screen)")
        let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(said.contains("de sessie kon niet worden bewaard"), "\(said)")
        #expect(!said.contains("de sessie is bewaard"), "\(said)")
    }

    /// The wizard started from an interactive bash in the pane (job control needs one), at its first question.
    private static func underInteractiveShell(records: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TerminalSession {
        let exe = try #require(Program.executable, sourceLocation: sourceLocation)
        let t = try TerminalSession(arguments: "--version")
        try t.tmux(["respawn-pane", "-k", "-t", "w", "env", "-u", "NO_COLOR", "LANG=C.UTF-8", "PS1=$ ", "bash", "--norc", "--noprofile", "-i"])
        #expect(t.waitFor("$"), "\(t.screen)", sourceLocation: sourceLocation)
        let knowledge = Program.root.appendingPathComponent("Knowledge").path
        try t.send("-l", "'\(exe.path)' --date 2026-11-29 --client E2E --knowledge '\(knowledge)' --transcripts '\(records.path)'")
        try t.send("Enter")
        #expect(t.waitFor("Wat wilt u doen?"), "\(t.screen)", sourceLocation: sourceLocation)
        return t
    }

    @Test("after Ctrl-Z and fg the first arrow key acts as an arrow: the note being typed is kept")
    func suspendAndContinue() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let t = try Self.underInteractiveShell(records: scratch)
        try t.type(["6", "n"])
        try t.send("-l", "Belt vanuit NL")
        #expect(t.waitFor("Belt vanuit NL_"), "\(t.screen)")
        try t.send("C-z")
        #expect(t.waitFor("Stopped"), "\(t.screen)")
        try t.send("-l", "fg")
        try t.send("Enter")
        #expect(t.waitFor("Belt vanuit NL_"), "back after fg: \(t.screen)")
        try t.send("Left")
        // Read as Esc, ← would throw the note away ("notitie niet gewijzigd (Esc)") and leave the editor.
        try t.send("-l", "!")
        #expect(t.waitFor("Belt vanuit NL!_", timeout: 5), "← acted as ←, the note stays open: \(t.screen)")
        #expect(!t.screen.contains("niet gewijzigd (Esc)"), "\(t.screen)")
        try t.type(["Enter"])
        try t.send("C-c")
        let deadline = Date().addingTimeInterval(15)
        while t.alternateScreen && Date() < deadline { usleep(30_000) }
        #expect(!t.alternateScreen, "the wizard ended: \(t.screen)")
    }

    @Test("--resume with nothing to resume says so on the first screen, in the session's language")
    func nothingToResume() throws {
        let t = try TerminalSession.atFirstQuestion(arguments: "--client E2E --resume")
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        #expect(Self.joined(t).contains("geen onderbroken sessie in \(t.transcripts.path); er begint een nieuwe"), "\(t.screen)")
        let u = try TerminalSession.atFirstQuestion(arguments: "--client E2E --resume --lang en")
        defer { try? FileManager.default.removeItem(at: u.transcripts) }
        #expect(Self.joined(u).contains("no interrupted session in \(u.transcripts.path); starting a new one"), "\(u.screen)")
    }

    @Test("--resume when the only session is open in another wizard says it is in use there")
    func resumeInUse() throws {
        let first = try TerminalSession.atFirstQuestion()
        defer { try? FileManager.default.removeItem(at: first.transcripts) }
        try first.type(["6", "1"])
        #expect(first.waitFor("stap 3"))
        let second = try TerminalSession.atFirstQuestion(arguments: "--client E2E --resume", transcripts: first.transcripts)
        let pane = Self.joined(second)
        #expect(pane.contains("de onderbroken sessie in \(first.transcripts.path) is open in een andere wizard"), "\(pane)")
        #expect(!pane.contains("geen onderbroken sessie"), "\(pane)")
    }

    @Test("the resume hint repeats --knowledge; the session keeps its knowledge, and resuming with other knowledge says so")
    func knowledgeOfTheSession() throws {
        let knowledge = Program.root.appendingPathComponent("Knowledge").path
        let t = try TerminalSession.atFirstQuestion()
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        try t.type(["6", "1"])
        #expect(t.waitFor("stap 3"))
        try t.send("C-c")
        t.expectRestored(exit: 130)
        let hint = "Hervat met: dmcc-advisor --resume --knowledge \(knowledge) --transcripts \(t.transcripts.path)"
        #expect(Self.joined(t).contains(hint), "\(Self.joined(t))")

        // The autosave says which knowledge its answers were given with.
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: t.transcripts.path)
            .first { $0.hasPrefix(".session-") && $0.hasSuffix(".json") })
        let session = try JSONDecoder().decode(Session.self, from: Data(contentsOf: t.transcripts.appendingPathComponent(file)))
        let kb = Shipped.knowledge
        #expect(session.knowledge?.version == kb.metadata.version)
        #expect(session.knowledge?.sha256.count == 64, "the SHA-256 of the knowledge's files: \(String(describing: session.knowledge))")

        // The same session resumed with other knowledge: said on screen, both versions, before going on.
        let other = scratchFolder()
        defer { try? FileManager.default.removeItem(at: other) }
        try FileManager.default.copyItem(at: Program.root.appendingPathComponent("Knowledge"), to: other)
        let meta = other.appendingPathComponent("knowledge.yaml")
        try String(contentsOf: meta, encoding: .utf8).replacingOccurrences(of: "version: \(kb.metadata.version)", with: "version: 2026.12.9")
            .write(to: meta, atomically: true, encoding: .utf8)
        let r = try TerminalSession(arguments: "--client E2E --resume --knowledge '\(other.path)'", transcripts: t.transcripts)
        #expect(r.waitFor("stap 3"), "\(r.screen)")
        #expect(Self.joined(r).contains("deze sessie is beantwoord met kennisbank \(kb.metadata.version), nu is 2026.12.9 geladen"), "\(r.screen)")
    }

    @Test("an autosave written before sessions kept their knowledge still loads, and resumes without a word about it")
    func olderSessionFile() throws {
        let kb = Shipped.knowledge
        var session = Session(id: "old", date: try #require(CalendarDate(iso: "2026-11-29")))
        session.knowledge = KnowledgeStamp(version: "2020.1.1", sha256: "00")
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(session)) as? [String: Any])
        json["knowledge"] = nil
        let old = try JSONDecoder().decode(Session.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.knowledge == nil)
        let fresh = Wizard.start(kb, session: Session(id: "new", date: old.date), language: .nl)
        #expect(Wizard.resume(old, into: fresh, kb).message == nil)
        #expect(Wizard.resume(session, into: fresh, kb).message?.text(.en).contains("answered with knowledge 2020.1.1") == true)
    }

    @Test("Ctrl-Z where it cannot stop the wizard (no job-control shell): the next arrow is an arrow, the note stays")
    func suspendWithoutJobControl() throws {
        // TerminalSession runs the wizard under `sh -c`: its process group is orphaned, so Ctrl-Z does
        // not stop it, but curses' Ctrl-Z handler still switched the keypad's mode off (second tryout).
        let t = try TerminalSession.atFirstQuestion()
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        try t.type(["6", "n"])
        try t.send("-l", "Belt vanuit NL")
        #expect(t.waitFor("Belt vanuit NL_"), "\(t.screen)")
        func keypadOn() -> Bool { ((try? t.tmux(["display", "-p", "-t", "w", "#{keypad_flag}"])) ?? "").hasPrefix("1") }
        #expect(keypadOn())
        try t.send("C-z")
        let deadline = Date().addingTimeInterval(5)
        usleep(100_000)
        while !keypadOn() && Date() < deadline { usleep(30_000) }
        #expect(keypadOn(), "keypad mode back on after Ctrl-Z: \(t.screen)")
        try t.send("Left")
        try t.send("-l", "!")
        #expect(t.waitFor("Belt vanuit NL!_", timeout: 5), "← acted as ←, the note stays open: \(t.screen)")
        #expect(!t.screen.contains("niet gewijzigd (Esc)"), "\(t.screen)")
    }

    @Test("stopped with SIGSTOP and continued under an interactive shell: back in the wizard's mode, keys act at once")
    func stopSignalAndContinue() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let t = try Self.underInteractiveShell(records: scratch)
        let pid = try #require(t.programPID, "\(t.screen)")
        kill(pid, SIGSTOP)
        #expect(t.waitFor("Stopped"), "\(t.screen)")
        kill(pid, SIGCONT)
        try t.send("-l", "fg")
        try t.send("Enter")
        #expect(t.waitFor("Wat wilt u doen?"), "back after fg: \(t.screen)")
        // In line mode ↓ would be echoed as ^[OB and wait for Enter; in the wizard's it moves the highlight.
        try t.send("Down")
        #expect(t.waitFor("› 1."), "↓ acted at once: \(t.screen)")
        #expect(!t.screen.contains("^[OB"), "\(t.screen)")
        try t.send("C-c")
        let deadline = Date().addingTimeInterval(15)
        while t.alternateScreen && Date() < deadline { usleep(30_000) }
    }
}
