import Foundation
import Testing

/// Issue 8's list of what a terminal user expects, each point tried in a real terminal (tmux).
@Suite("What a terminal user expects (issue 8)", .serialized)
struct WizardExpectationTests {
    @Test("1. notes stay with their question: marked, kept off the path, and saving warns")
    func notes() throws {
        let t = try TerminalSession.atFirstQuestion()
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        try t.type(["6", "n"])
        try t.send("-l", "Let op")
        try t.type(["Enter"])
        #expect(t.waitFor("✎"), "the question shows it has a note: \(t.screen)")
        // A contract with a business: the note's question is off the path.
        try t.type(["r", "1"] + WizardDriver.digits("phone-contract", "business", "trader", "no", "live"))
        #expect(t.waitFor("TOEGESTAAN"))
        try t.type(["s"])
        #expect(t.waitFor("horen bij vragen die niet meer op het pad liggen"), "\(t.screen)")
        try t.type(["n", "r", "1", "6"])
        #expect(t.waitFor("Wat vraagt de persoon?"))
        #expect(t.screen.contains("✎"), "the note came back with its question")
    }

    @Test("2. date entry: typing replaces the date, Ctrl-U clears, Dutch order works; starting over asks about the date")
    func dateEntry() throws {
        let t = try TerminalSession.atFirstQuestion()
        try t.type(["d"])
        #expect(t.waitFor("Schrijf 29-11-2026 of 2026-11-29"))
        try t.type(["3"])
        #expect(t.waitFor(" 3_"), "typing replaced the pre-filled date: \(t.screen)")
        try t.type(["C-u"])
        #expect(t.waitUntil { !$0.contains(" 3_") })
        try t.send("-l", "30-06-2026")
        try t.type(["Enter"])
        #expect(t.waitFor("actiedatum 30 juni 2026"), "\(t.screen)")
        try t.type(["6", "1", "1", "o"])
        #expect(t.waitFor("Opnieuw beginnen? (j/n)"))
        try t.type(["j"])
        #expect(t.waitFor("Dezelfde actiedatum houden? (j/n)"))
        try t.type(["j"])
        #expect(t.waitFor("Wat wilt u doen?"))
        #expect(t.screen.contains("30 juni 2026"))
    }

    @Test("3. ? on the advice shows its help from the top, with the symbols and the grades of legal sources")
    func adviceHelp() throws {
        let t = try TerminalSession.atFirstQuestion()
        try t.type(WizardDriver.digits(WizardTests.charityCallsDonor))
        #expect(t.waitFor("TOEGESTAAN, MITS"))
        try t.type(["End", "?"])
        #expect(t.waitUntil { $0.split(separator: "\n").dropFirst(2).first?.contains("Toetsen") == true }, "\(t.screen)")
        try t.type(["PageDown"])
        #expect(t.waitFor("rechtspraak: een uitspraak van een rechter"), "\(t.screen)")
        #expect(t.screen.contains("✘ niet toegestaan") || t.screen.contains("toegestaan"), "symbols explained")
    }

    @Test("4. one rule per key: Esc goes back, ← only where it works, a 10th answer is picked by key, a click picks")
    func keys() throws {
        let t = try TerminalSession.atFirstQuestion()
        #expect(!t.lines.suffix(3).joined().contains("← terug"), "← is not offered on the first question")
        try t.type(["6"])
        #expect(t.waitFor("Wat vraagt de persoon?"))
        #expect(t.lines.suffix(3).joined().contains("← terug"))
        try t.type(["Escape"])
        #expect(t.waitFor("Wat wilt u doen?"), "Esc is back")
        try t.type(["End", "Enter"])
        #expect(t.waitFor("Wat vraagt de persoon?"), "End goes to the last option")
        try t.type(["Escape", "Escape"])
        // Fourteen answers, then review and "1", "0" reopens the tenth.
        try t.type(WizardDriver.digits(WizardTests.charityCallsDonor) + ["r", "1", "0"])
        #expect(t.waitFor("stap 10"), "\(t.screen)")
        // A click on option 1 ("Ja", as before) answers it, and the kept later answers lead to the advice.
        let row = try #require(t.lines.firstIndex { $0.contains("1. ") })
        try t.tmux(["send-keys", "-t", "w", "-H", "1b", "5b", "4d", "20", String(32 + 6, radix: 16), String(32 + row + 1, radix: 16)])
        try t.tmux(["send-keys", "-t", "w", "-H", "1b", "5b", "4d", "23", String(32 + 6, radix: 16), String(32 + row + 1, radix: 16)])
        #expect(t.waitFor("advies"), "the click answered the question: \(t.screen)")
    }

    @Test("5. client, consultant and subject can be reached again from review; the client shows in the title bar")
    func detailsFromReview() throws {
        let t = try TerminalSession(arguments: "--client Bakkerij")
        #expect(t.waitFor("dmcc-advisor · Bakkerij · stap 1"))
        try t.type(["6", "r", "c"])
        #expect(t.waitFor("Voor het adviesverslag"))
        try t.send("-l", " Jansen")
        try t.type(["Enter", "Enter", "Enter"])
        #expect(t.waitFor("Bakkerij Jansen"))
        #expect(t.waitFor("Herzien"))
        // Esc cancels an edit: what was there before the screen opened comes back (fixes 6).
        try t.type(["c"])
        #expect(t.waitFor("Voor het adviesverslag"))
        #expect(t.screen.contains("Ctrl-C stoppen"), "the footer says how to quit here (fixes 12): \(t.screen)")
        try t.send("-l", " en Zonen")
        #expect(t.waitFor("Jansen en Zonen"))
        try t.type(["Escape"])
        #expect(t.waitFor("Herzien"))
        #expect(t.screen.contains("Bakkerij Jansen") && !t.screen.contains("en Zonen"), "\(t.screen)")
    }

    @Test("6. the resume offer names client, step and time; declining keeps the session and says so")
    func resumeOffer() throws {
        let first = try TerminalSession.interrupted(arguments: "--client Bakkerij")
        defer { try? FileManager.default.removeItem(at: first.transcripts) }
        let second = try TerminalSession(arguments: "--client Ander --lang en", transcripts: first.transcripts)
        #expect(second.waitFor("interrupted session (Bakkerij, step 3, 2026-"), "\(second.screen)")
        try second.type(["n"])
        #expect(second.waitFor("kept"), "\(second.screen)")
        try second.type(["q"])
        #expect(second.waitFor("EXIT=3"), "quit before any advice: incomplete")
        let third = try TerminalSession(arguments: "--lang en", transcripts: first.transcripts)
        #expect(third.waitFor("interrupted session (Bakkerij, step 3"), "still there after declining: \(third.screen)")
        try third.type(["y"])
        #expect(third.waitFor("step 3"))
        #expect(third.screen.contains("Do you plan to charge"), "--lang applies to the resumed session: \(third.screen)")
    }

    @Test("fixes 2: declining A, starting B and pressing Ctrl-C: the next start offers both, counted, and Tab steps to the other")
    func everyInterruptedSessionOffered() throws {
        let first = try TerminalSession.interrupted(arguments: "--client Alpha --lang en", showing: "step 3")
        defer { try? FileManager.default.removeItem(at: first.transcripts) }
        let second = try TerminalSession(arguments: "--client Beta --lang en", transcripts: first.transcripts)
        #expect(second.waitFor("interrupted session (Alpha, step 3"), "\(second.screen)")
        try second.type(["n"])
        #expect(second.waitFor("kept"))
        try second.type(["6"])
        #expect(second.waitFor("step 2"))
        try second.send("C-c")
        #expect(second.waitFor("EXIT=130"))
        let third = try TerminalSession(arguments: "--lang en", transcripts: first.transcripts)
        // Newest first; both may have been left within the same second, so the order is not asserted.
        #expect(third.waitFor("There are 2 interrupted sessions. Session 1 of 2"), "\(third.screen)")
        let firstShown = third.screen.contains("Alpha, step 3") ? "Alpha" : "Beta"
        let other = firstShown == "Alpha" ? ("Beta", "step 2") : ("Alpha", "step 3")
        try third.type(["Tab"])
        #expect(third.waitFor("Session 2 of 2: \(other.0), \(other.1)"), "\(third.screen)")
        try third.type(["y"])
        #expect(third.waitFor("\(other.0) · \(other.1)"), "the session shown is the one resumed: \(third.screen)")
    }

    @Test("7. at 40x12 help and quit stay in the footer, keys do nothing while too small, ASCII without UTF-8")
    func smallAndPlain() throws {
        let t = try TerminalSession(width: 40, height: 12)
        #expect(t.waitFor("Wat wilt u"))
        #expect(t.lines.suffix(3).joined().contains("? hulp") && t.lines.suffix(3).joined().contains("q stoppen"), "\(t.screen)")
        try t.tmux(["resize-window", "-t", "w", "-x", "30", "-y", "10"])
        #expect(t.waitFor("Maak het venster groter"))
        try t.send("6")
        try t.tmux(["resize-window", "-t", "w", "-x", "80", "-y", "24"])
        #expect(t.waitFor("Wat wilt u doen?"))
        #expect(t.screen.contains("stap 1"), "the key pressed while too small did nothing")

        let ascii = try TerminalSession.atFirstQuestion(environment: "LANG=C LC_ALL=C")
        try ascii.type(["6", "1", "1"])
        #expect(ascii.waitFor("X NIET TOEGESTAAN"), "\(ascii.screen)")
    }

    @Test("two wizards on one records folder keep their own autosaves; quitting one never deletes the other's (issue 9.2)")
    func twoWizards() throws {
        let a = try TerminalSession.atFirstQuestion(arguments: "--client A")
        defer { try? FileManager.default.removeItem(at: a.transcripts) }
        try a.type(["6", "1"])
        #expect(a.waitFor("stap 3"))
        let b = try TerminalSession(arguments: "--client B", transcripts: a.transcripts)
        #expect(b.waitFor("Wat wilt u doen?"), "A's live session is not offered to B: \(b.screen)")
        try b.type(["5"])
        #expect(b.waitFor("stap 2"))
        try a.killHard()
        try b.type(["q", "j"])
        #expect(b.waitFor("EXIT=3"), "quit before the advice: incomplete")
        let c = try TerminalSession(arguments: "", transcripts: a.transcripts)
        #expect(c.waitFor("onderbroken sessie (A, stap 3"), "A's answers survived B quitting: \(c.screen)")
    }
}
