import Foundation
import Testing

struct WalkCase: Sendable, CustomTestStringConvertible {
    let name: String
    let keys: [String]
    let banner: String
    var testDescription: String { name }
}

@Suite("End to end in tmux", .serialized)
struct EndToEndTests {
    static let walks: [WalkCase] = [
        WalkCase(name: "e-mail to a prospect", keys: WizardDriver.digits("marketing-message", "email", "marketing", "no", "no", "consumer", "none"),
                 banner: "✘ NIET TOEGESTAAN"),
        WalkCase(name: "abandoned cart without opt-in", keys: WizardDriver.digits("cart-reminder", "no", "no", "none"), banner: "✘ NIET TOEGESTAAN"),
        WalkCase(name: "custom audience with consent", keys: WizardDriver.digits("custom-audience", "no", "yes"),
                 banner: "! TOEGESTAAN, MITS U AAN DE VOORWAARDEN VOLDOET"),
        WalkCase(name: "energy sale by voicelog", keys: WizardDriver.digits(LineModeTests.voicelog), banner: "✘ NIET TOEGESTAAN"),
        WalkCase(name: "contract with a business", keys: WizardDriver.digits("phone-contract", "business", "trader", "no", "live"),
                 banner: "! TOEGESTAAN, MITS U AAN DE VOORWAARDEN VOLDOET"),
        WalkCase(name: "charity calls a donor", keys: WizardDriver.digits(WizardTests.charityCallsDonor),
                 banner: "! TOEGESTAAN, MITS U AAN DE VOORWAARDEN VOLDOET"),
        WalkCase(name: "charging for an objection", keys: WizardDriver.digits("objection", "stop", "yes"), banner: "✘ NIET TOEGESTAAN"),
    ]

    @Test("a full walk per scenario ends on the verdict in words", arguments: walks)
    func walk(_ c: WalkCase) throws {
        let t = try TerminalSession.atFirstQuestion()
        try t.type(c.keys)
        #expect(t.waitUntil { $0.split(separator: "\n").dropFirst().first?.trimmingCharacters(in: .whitespaces) == c.banner },
                "banner: \(t.screen)")
        try t.send("q")
        #expect(t.waitFor("Toch stoppen? (j/n)"))
        try t.send("j")
        t.expectRestored(exit: 0)
    }

    @Test("back keeps the earlier answer; review lists the answers")
    func backAndReview() throws {
        let t = try TerminalSession.atFirstQuestion()
        try t.type(["6", "1", "2"])
        #expect(t.waitFor("vervallen"))
        try t.send("Left")
        #expect(t.waitFor("› 2. Nee"), "the earlier answer is highlighted: \(t.screen)")
        try t.send("r")
        #expect(t.waitFor("Herzien: kies een antwoord om te wijzigen"))
        #expect(t.screen.contains("2. Wat vraagt de persoon? → Afmelding of bezwaar"))
        try t.send("Escape")
        #expect(t.waitFor("Wilt u kosten in rekening brengen"))
    }

    @Test("Dutch accents are drawn as written")
    func accents() throws {
        let t = try TerminalSession.atFirstQuestion()
        try t.type(WizardDriver.digits("marketing-call", "consumer", "marketing", "no", "no"))
        #expect(t.waitFor("ideële"), "\(t.screen)")
        try t.send("Left")
        #expect(t.waitFor("Gaf de persoon vooraf aantoonbaar toestemming"), "\(t.screen)")
    }

    @Test("colours mark the verdict, and NO_COLOR turns them off without losing the words")
    func noColor() throws {
        func bannerEscapes(_ environment: String) throws -> String {
            let t = try TerminalSession.atFirstQuestion(environment: environment)
            try t.type(["6", "1", "1"])
            #expect(t.waitFor("NIET TOEGESTAAN"))
            let screen = try t.tmux(["capture-pane", "-p", "-e", "-t", "w"])
            return screen.split(separator: "\n").first { $0.contains("NIET TOEGESTAAN") }.map(String.init) ?? ""
        }
        let coloured = try bannerEscapes("")
        let plain = try bannerEscapes("NO_COLOR=1")
        #expect(coloured.contains("41m"), "red background expected: \(coloured.debugDescription)")
        #expect(!plain.contains("41m") && plain.contains("NIET TOEGESTAAN"), "\(plain.debugDescription)")
    }

    @Test("resizing to 40x12 and below redraws, and recovers when larger")
    func resize() throws {
        let t = try TerminalSession.atFirstQuestion()
        try t.type(WizardDriver.digits("marketing-call", "consumer", "marketing"))
        try t.tmux(["resize-window", "-t", "w", "-x", "40", "-y", "12"])
        #expect(t.waitUntil { $0.contains("Heeft de persoon bezwaar") && $0.split(separator: "\n").allSatisfy { $0.count <= 40 } })
        try t.tmux(["resize-window", "-t", "w", "-x", "30", "-y", "10"])
        #expect(t.waitFor("Maak het venster groter"))
        try t.tmux(["resize-window", "-t", "w", "-x", "80", "-y", "24"])
        #expect(t.waitFor("Heeft de persoon bezwaar gemaakt tegen telefoontjes van u of tegen alle"))
        try t.send("q")
        try t.send("j")
        t.expectRestored(exit: 3)  // quit before the advice: incomplete, as `advise` exits
    }

    @Test("Ctrl-C leaves the terminal restored")
    func interrupt() throws {
        let t = try TerminalSession.atFirstQuestion()
        try t.type(["1"])
        try t.send("C-c")
        t.expectRestored(exit: 130)
    }

    @Test("kill -TERM and a dropped connection (SIGHUP) leave the terminal restored", arguments: [(SIGTERM, 143), (SIGHUP, 129)])
    func signals(_ signal: (Int32, Int)) throws {
        let t = try TerminalSession.atFirstQuestion()
        let pid = try #require(t.programPID)
        kill(pid, signal.0)
        t.expectRestored(exit: signal.1)
    }

    @Test("line mode through a pipe gives the same advice as the wizard")
    func lineModeMatchesWizard() throws {
        let keys = WizardDriver.digits(LineModeTests.voicelog)
        let t = try TerminalSession.atFirstQuestion()
        try t.type(keys)
        #expect(t.waitFor("NIET TOEGESTAAN"))
        let title = t.lines[2].trimmingCharacters(in: .whitespaces)
        #expect(title == "Een voicelog is geen schriftelijke bevestiging")

        let process = Process()
        let executable: URL = try #require(Program.executable)
        process.executableURL = executable
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-e2e-records-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        process.arguments = ["--date", "2026-11-29", "--knowledge", Program.root.appendingPathComponent("Knowledge").path,
                             "--transcripts", scratch.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Three empty lines skip client, consultant and subject.
        input.fileHandleForWriting.write(Data((["", "", ""] + keys + ["q", "j"]).joined(separator: "\n").utf8 + [0x0A]))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("NIET TOEGESTAAN\n" + title))
        #expect(text.contains("Stap 9: Hoe heeft de consument het contract bevestigd?"))
        #expect(text.contains("Klant (Enter = overslaan):"))
    }

    @Test("a consultant fills in the client, notes a question, saves the advice, and the record verifies")
    func saveFromWizard() throws {
        let t = try TerminalSession(arguments: "")
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        #expect(t.waitFor("Voor het adviesverslag"))
        try t.send("-l", "Café Één")
        try t.type(["Enter", "Enter"])
        try t.send("-l", "Afmeldkosten")
        try t.type(["Enter"])
        #expect(t.waitFor("Wat wilt u doen?"))
        try t.type(["6", "1", "n"])
        #expect(t.waitFor("Notitie bij deze vraag"))
        try t.send("-l", "Klant wil 2 euro vragen")
        try t.type(["Enter", "1"])
        #expect(t.waitFor("NIET TOEGESTAAN"))
        try t.send("s")
        #expect(t.waitFor("opgeslagen:"), "\(t.screen)")
        let ids = try FileManager.default.contentsOfDirectory(atPath: t.transcripts.path).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        #expect(ids.count == 1)
        let id = String(try #require(ids.first).dropLast(5))
        let verify = try Program.run(["transcripts", "verify", id, "--transcripts", t.transcripts.path])
        #expect(verify.status == 0)
        let markdown = try Program.run(["transcripts", "show", id, "--transcripts", t.transcripts.path])
        #expect(markdown.stdout.contains("| Klant | Café Één |"))
        #expect(markdown.stdout.contains("> Notitie: Klant wil 2 euro vragen"))
        try t.send("q")
        t.expectRestored(exit: 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.transcripts.path).allSatisfy { !$0.hasPrefix(".session-") },
                "a session that ended by choice leaves no autosave")
    }

    @Test("after kill -9 in the middle of a session, the next start offers to resume it with nothing lost")
    func resumeAfterKill() throws {
        let first = try TerminalSession.atFirstQuestion(arguments: "--client 'Bakkerij Jansen'")
        defer { try? FileManager.default.removeItem(at: first.transcripts) }
        var shadow = WizardDriver()
        try first.type(shadow.choose("marketing-call", "consumer", "marketing", "no") + ["n"])
        try first.send("-l", "Belt vanuit NL")
        try first.type(["Enter"])
        #expect(first.waitUntil { !$0.contains("Notitie bij deze vraag") && $0.contains("Gaf de persoon vooraf aantoonbaar toestemming") })
        let pid = try #require(first.programPID)
        kill(pid, SIGKILL)
        #expect(first.waitFor("EXIT=137"))

        let second = try TerminalSession(arguments: "", transcripts: first.transcripts)
        #expect(second.waitFor("Er is een onderbroken sessie (Bakkerij Jansen, stap 5"), "\(second.screen)")
        try second.send("j")
        #expect(second.waitFor("Gaf de persoon vooraf aantoonbaar toestemming"), "\(second.screen)")
        #expect(second.screen.contains("stap 5"))
        // While the second wizard runs the session, no other start offers it (issue 9.2).
        let third = try TerminalSession(arguments: "", transcripts: first.transcripts)
        #expect(third.waitFor("Voor het adviesverslag"), "a live session is not offered: \(third.screen)")
        try second.type(shadow.choose("no", "charity", "donor", "yes", "yes", "yes", "yes", "yes", "yes", "live") + ["s"])
        #expect(second.waitFor("opgeslagen:"))
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: first.transcripts.path)
            .first { $0.hasSuffix(".json") && !$0.hasPrefix(".") }).dropLast(5)
        let json = try Program.run(["transcripts", "show", String(id), "--format", "json", "--transcripts", first.transcripts.path])
        #expect(json.stdout.contains("\"client\" : \"Bakkerij Jansen\""))
        #expect(json.stdout.contains("\"note\" : \"Belt vanuit NL\""))
    }

    @Test("--resume goes straight back into a killed session")
    func resumeDirectly() throws {
        let first = try TerminalSession.interrupted()
        defer { try? FileManager.default.removeItem(at: first.transcripts) }
        let second = try TerminalSession(arguments: "--resume", transcripts: first.transcripts)
        #expect(second.waitFor("stap 3"), "--resume goes straight back: \(second.screen)")
    }

    @Test("a note being typed survives kill -9 (issue 9.18)")
    func noteSurvivesKill() throws {
        let first = try TerminalSession.atFirstQuestion()
        defer { try? FileManager.default.removeItem(at: first.transcripts) }
        try first.type(["6", "n"])
        try first.send("-l", "Half getypt")
        #expect(first.waitFor("Half getypt_"))
        try first.killHard()
        let second = try TerminalSession(arguments: "--resume", transcripts: first.transcripts)
        #expect(second.waitFor("✎"), "the question is marked as having a note: \(second.screen)")
        try second.send("n")
        #expect(second.waitFor("Half getypt_"), "\(second.screen)")
    }

    @Test("Ctrl-\\ (SIGQUIT) restores the terminal and exits like SIGTERM, without a crash report (issue 9.10)")
    func sigquit() throws {
        let t = try TerminalSession.atFirstQuestion()
        try t.tmux(["send-keys", "-t", "w", "-H", "1c"])   // Ctrl-\\
        t.expectRestored(exit: 131)
        #expect(!t.screen.contains("Stack dump") && !t.screen.contains("Quit (core dumped)"), "\(t.screen)")
    }

    @Test("a bracketed paste goes into the client field, and its digits answer nothing (issue 9.3)")
    func bracketedPaste() throws {
        let t = try TerminalSession(arguments: "")
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        #expect(t.waitFor("Voor het adviesverslag"))
        try t.tmux(["set-buffer", "Bakkerij Jansen\nDorpsstraat 6\n1\n1\n"])
        try t.tmux(["paste-buffer", "-p", "-t", "w"])
        #expect(t.waitFor("Bakkerij Jansen Dorpsstraat 6 1 1"), "\(t.screen)")
        #expect(t.screen.contains("Klant"), "still on the details screen")
        try t.send("Escape")
        #expect(t.waitFor("Wat wilt u doen?"))
        #expect(t.screen.contains("stap 1"), "no question was answered by the paste")
    }

    @Test("a 1,000-character paste into a field is taken in at once (issue 9.11)")
    func longPaste() throws {
        let t = try TerminalSession(arguments: "")
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        #expect(t.waitFor("Voor het adviesverslag"))
        try t.tmux(["set-buffer", String(repeating: "abcdefghi ", count: 100) + "END"])
        try t.tmux(["paste-buffer", "-p", "-t", "w"])
        // Generous bound: the n³ version took 16 s for this.
        #expect(t.waitFor("END_", timeout: 5), "\(t.screen)")
    }

    @Test("Ctrl-C says how to resume; quitting prints the verdict (issue 8.8)")
    func linesAfterLeaving() throws {
        let t = try TerminalSession.atFirstQuestion()
        try t.type(["6", "1"])
        try t.send("C-c")
        t.expectRestored(exit: 130)
        #expect(t.screen.contains("dmcc-advisor --resume"))
        let u = try TerminalSession.atFirstQuestion()
        try u.type(["6", "1", "1", "q"])
        try u.send("j")
        u.expectRestored(exit: 0)
        #expect(u.screen.contains("Advies: Niet toegestaan; niet opgeslagen."))
        let plain = try TerminalSession(arguments: "--plain --client X")
        #expect(plain.waitFor("Stap 1: Wat wilt u doen?"))
        try plain.send("6", "Enter")
        #expect(plain.waitFor("Stap 2"))
        try plain.send("C-c")
        #expect(plain.waitFor("EXIT=130"))
        #expect(plain.screen.contains("dmcc-advisor --resume"), "line mode says how to resume too: \(plain.screen)")
    }
}
