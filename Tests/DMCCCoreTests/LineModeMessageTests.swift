import DMCCCore
import Foundation
import Testing

/// Line mode (`--plain`) says in words whether something worked or went wrong: a screen reader
/// does not read a colour, often skips a "!", and "!" is also the sign of "allowed if".
@Suite("Line mode: success and error messages")
struct LineModeMessageTests {
    let kb = Shipped.knowledge

    /// The state after typing `lines`, and what line mode printed for the last of them.
    func typed(_ lines: [String], language: Language) -> (state: WizardState, last: String) {
        var s = Wizard.start(kb, session: Session(id: "line", date: date("2026-11-29")), language: language)
        var last = LineMode.prompt(s, kb)
        for (i, line) in lines.enumerated() {
            let previous = s
            s = LineMode.step(s, line, at: "2026-11-29T10:00:\(String(format: "%02d", i))Z", kb).0
            last = LineMode.prompt(s, kb, after: previous)
        }
        return (s, last)
    }

    /// The voicelog sale, answered to its advice.
    static let toAdvice = WizardDriver.digits(["phone-contract", "consumer", "trader", "no", "yes", "regular-supply", "no", "no", "voicelog"])

    /// What line mode prints after the shell reports `action` on the advice screen.
    func after(_ action: WizardAction, language: Language) -> String {
        let advice = typed(Self.toAdvice, language: language).state
        let next = Wizard.reduce(advice, action, at: "2026-11-29T10:01:00Z", kb).0
        return LineMode.prompt(next, kb, after: advice)
    }

    static let location = "Transcripts/20261129-100000-aaaaaa.md"

    @Test("a save that worked starts with 'Gelukt:' in Dutch and 'Done:' in English, never with the error marker",
          arguments: [(Language.nl, "Gelukt: opgeslagen: \(location)"), (.en, "Done: saved: \(location)")])
    func savedIsSuccess(_ language: Language, _ expected: String) {
        let shown = after(.saved(id: "20261129-100000-aaaaaa", location: Self.location), language: language)
        #expect(shown.hasPrefix(expected + "\n"), "\(shown)")
        #expect(!shown.contains("Fout:") && !shown.contains("Error:") && !shown.hasPrefix("!"), "\(shown)")
    }

    @Test("a refused save starts with 'Fout:' in Dutch and 'Error:' in English",
          arguments: [(Language.nl, "Fout: niet opgeslagen: de schijf is vol; de sessie blijft open"),
                      (.en, "Error: not saved: de schijf is vol; the session stays open")])
    func refusedIsError(_ language: Language, _ expected: String) {
        let shown = after(.saveFailed(.other("de schijf is vol")), language: language)
        #expect(shown.hasPrefix(expected + "\n"), "\(shown)")
    }

    @Test("saving again is a note, neither a success nor an error",
          arguments: [(Language.nl, "Let op: al opgeslagen als 20261129-100000-aaaaaa"), (.en, "Note: already saved as 20261129-100000-aaaaaa")])
    func savingAgainIsANote(_ language: Language, _ expected: String) {
        let advice = typed(Self.toAdvice, language: language).state
        let saved = Wizard.reduce(advice, .saved(id: "20261129-100000-aaaaaa", location: Self.location), at: "2026-11-29T10:01:00Z", kb).0
        let again = LineMode.step(saved, "s", at: "2026-11-29T10:02:00Z", kb).0
        let shown = LineMode.prompt(again, kb, after: saved)
        #expect(shown.hasPrefix(expected + "\n"), "\(shown)")
    }

    @Test("a date typed right is a success, a date typed wrong an error",
          arguments: [(Language.nl, "Gelukt: actiedatum is nu", "Fout: '31-02-2026' is geen datum"),
                      (.en, "Done: action date is now", "Error: '31-02-2026' is not a date")])
    func dates(_ language: Language, _ good: String, _ bad: String) {
        #expect(typed(["d", "30-06-2026"], language: language).last.hasPrefix(good), "\(typed(["d", "30-06-2026"], language: language).last)")
        #expect(typed(["d", "31-02-2026"], language: language).last.hasPrefix(bad), "\(typed(["d", "31-02-2026"], language: language).last)")
    }

    @Test("unknown input is an error in both languages",
          arguments: [(Language.nl, "Fout: onbekende invoer 'zeven'"), (.en, "Error: unknown input 'zeven'")])
    func unknownInput(_ language: Language, _ expected: String) {
        #expect(typed(["zeven"], language: language).last.hasPrefix(expected))
    }

    @Test("no message line starts with the bare '!' any more; the allowed-if banner keeps its sign")
    func bangIsTheVerdictOnly() {
        for language in Language.allCases {
            let shown = after(.saved(id: "20261129-100000-aaaaaa", location: Self.location), language: language)
                + typed(["zeven", "d", "30-06-2026"], language: language).last
            #expect(!shown.split(separator: "\n").contains { $0.hasPrefix("! ") }, "\(shown)")
        }
    }
}
