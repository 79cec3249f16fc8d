import DMCCCore
import Foundation
import Testing

/// How the wizard ends: the exit codes of `advise` (0 advice, 6 conditional, 3 incomplete, 5 not
/// saved), as a value, in line mode and full screen.
@Suite("How the wizard ends: its exit codes", .serialized)
struct WizardEndingTests {
    let kb = Shipped.knowledge

    // MARK: The ending, as a value

    @Test("definite advice ends 'advice'; unknowns that did not change the verdict too")
    func adviceEnding() {
        var w = WizardDriver()
        w.press("611")
        #expect(Wizard.ending(w.state, kb) == .advice)
        var settled = WizardDriver()
        settled.choose("marketing-call", "consumer", "marketing")
        settled.press("u")
        settled.choose("no", "business")
        #expect(settled.state.exploration(kb)?.isComplete == true)
        #expect(settled.state.exploration(kb)?.isConditional == false)
        #expect(Wizard.ending(settled.state, kb) == .advice)
    }

    @Test("conditional advice ends 'conditional', saved or not")
    func conditionalEnding() {
        var w = WizardDriver()
        w.choose(DontKnowWizardTests.callUpToConsent)
        w.press("u")
        w.choose("business")
        #expect(w.state.exploration(kb)?.isConditional == true)
        #expect(Wizard.ending(w.state, kb) == .conditional)
        w.act(.saved(id: "20261129-100000-abcdef", location: "T/20261129-100000-abcdef.md"))
        #expect(Wizard.ending(w.state, kb) == .conditional)
    }

    @Test("quitting before the advice ends 'incomplete'")
    func incompleteEnding() {
        var w = WizardDriver()
        #expect(Wizard.ending(w.state, kb) == .incomplete)
        w.press("61")
        #expect(Wizard.ending(w.state, kb) == .incomplete)
    }

    @Test("a refused save ends 'saveFailed' until a save succeeds")
    func saveFailedEnding() {
        var w = WizardDriver()
        w.press("611s")
        w.act(.saveFailed(.signingKey(path: SaveRefusedTests.keyPath, readError: nil)))
        #expect(Wizard.ending(w.state, kb) == .saveFailed)
        #expect(w.state.session.savedAs == nil && w.state.kind == .advice, "the session is kept, on the advice")
        w.act(.saved(id: "20261129-100000-abcdef", location: "T/20261129-100000-abcdef.md"))
        #expect(Wizard.ending(w.state, kb) == .advice)
    }

    // MARK: The real program

    @Test("line mode exits as advise does: 0 advice, 6 conditional, 3 when the input ends before the advice, 5 when the save was refused")
    func lineModeExitCodes() throws {
        let scratch = scratchFolder()
        let config = try SaveRefusedTests.damagedKeyFolder()
        defer { for url in [scratch, config] { try? FileManager.default.removeItem(at: url) } }
        let program = "dmcc-advisor --plain --date 2026-11-29 --transcripts '\(scratch.path)'"
        let definite = try runShell("printf '\\n\\n\\n6\\n1\\n1\\nq\\nj\\n' | \(program)")
        #expect(definite.status == 0, "\(definite.stdout)\(definite.stderr)")
        let digits = DontKnowTerminalTests.callUpToConsent.joined(separator: "\\n")
        let conditional = try runShell("printf '\\n\\n\\n\(digits)\\nu\\n1\\nq\\nj\\n' | \(program)")
        #expect(conditional.status == 6, "\(conditional.stdout)\(conditional.stderr)")
        #expect(conditional.stdout.contains("VOORWAARDELIJK ADVIES"))
        let cut = try runShell("printf '\\n\\n\\n6\\n1\\n' | \(program)")
        #expect(cut.status == 3, "\(cut.stderr)")
        let refused = try runShell("printf '\\n\\n\\n6\\n1\\n1\\ns\\nq\\nj\\n' | \(program)", environment: ["DMCC_CONFIG": config.path])
        #expect(refused.status == 5, "\(refused.stdout)\(refused.stderr)")
        let keyFile = config.appendingPathComponent("signing-key").path
        #expect(SaveRefusedTests.collapsed(refused.stdout).contains("Fout: " + SaveRefusedTests.damagedNL(at: keyFile)), "\(refused.stdout)")
        #expect(TrustShell.recordIDs(in: scratch).isEmpty, "nothing saved unsigned")
    }

    @Test("full screen: exit 5 after a refused save, 6 on conditional advice, as advise exits")
    func fullScreen() throws {
        let config = try SaveRefusedTests.damagedKeyFolder()
        defer { try? FileManager.default.removeItem(at: config) }
        let t = try SaveRefusedTests.saveRefusedInTerminal(config: config)
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        try t.type(["q", "j"])
        t.expectRestored(exit: 5)

        let u = try TerminalSession.atFirstQuestion()
        defer { try? FileManager.default.removeItem(at: u.transcripts) }
        try u.type(DontKnowTerminalTests.callUpToConsent + ["u", "1"])
        #expect(u.waitFor("VOORWAARDELIJK · TOT BEVESTIGING: NIET TOEGESTAAN"), "\(u.screen)")
        try u.type(["q", "j"])
        u.expectRestored(exit: 6)
        #expect(u.screen.contains("Advies: voorwaardelijk, tot bevestiging niet toegestaan; niet opgeslagen."), "\(u.screen)")
    }
}
