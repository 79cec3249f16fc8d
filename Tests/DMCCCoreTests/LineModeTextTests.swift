import DMCCCore
import Foundation
import Testing

/// A tryout (29 November 2026): in line mode an empty line at the conclusion or note prompt erased
/// the text silently (the README says Enter keeps it), re-opening the prompt did not show it, and the
/// date prompt dropped letters before its check ("'' is geen datum" for `foo`) and would not let `q` out.
@Suite("Line mode never erases what a person typed")
struct LineModeTextTests {
    let kb = Shipped.knowledge

    /// Every state after typing `lines`, with what line mode printed after each line.
    func typed(_ lines: [String], language: Language) -> [(state: WizardState, shown: String, effects: [WizardEffect])] {
        var s = Wizard.start(kb, session: Session(id: "text", date: date("2026-11-29")), language: language)
        var out: [(WizardState, String, [WizardEffect])] = []
        for (i, line) in lines.enumerated() {
            let previous = s
            let (next, effects) = LineMode.step(s, line, at: "2026-11-29T10:00:\(String(format: "%02d", i))Z", kb)
            s = next
            out.append((s, LineMode.prompt(s, kb, after: previous), effects))
        }
        return out
    }

    static let toAdvice = LineModeMessageTests.toAdvice

    @Test("the conclusion: typing it says it is stored, re-opening shows it, an empty line keeps it and says so, '-' clears it",
          arguments: [(Language.nl, "Gelukt: conclusie bewaard", "Nu: conclusie een", "Let op: conclusie ongewijzigd", "Gelukt: conclusie gewist"),
                      (.en, "Done: conclusion stored", "Now: conclusie een", "Note: conclusion unchanged", "Done: conclusion cleared")])
    func conclusion(_ language: Language, _ stored: String, _ now: String, _ unchanged: String, _ cleared: String) {
        let steps = typed(Self.toAdvice + ["k", "conclusie een", "k", "", "k", "-"], language: language)
        let n = Self.toAdvice.count
        #expect(steps[n + 1].shown.hasPrefix(stored + "\n"), "\(steps[n + 1].shown)")
        #expect(steps[n + 2].shown.contains(now + "\n"), "\(steps[n + 2].shown)")
        #expect(steps[n + 2].shown.contains(" - = "), "the prompt says how to clear: \(steps[n + 2].shown)")
        #expect(steps[n + 3].state.session.conclusion == "conclusie een")
        #expect(steps[n + 3].shown.hasPrefix(unchanged + "\n"), "\(steps[n + 3].shown)")
        #expect(steps[n + 5].state.session.conclusion == nil)
        #expect(steps[n + 5].shown.hasPrefix(cleared + "\n"), "\(steps[n + 5].shown)")
    }

    @Test("a note: typing it says it is stored, re-opening shows it, an empty line keeps it and says so, '-' clears it",
          arguments: [(Language.nl, "Gelukt: notitie bewaard", "Nu: klant belde zelf", "Let op: notitie ongewijzigd", "Gelukt: notitie gewist"),
                      (.en, "Done: note stored", "Now: klant belde zelf", "Note: note unchanged", "Done: note cleared")])
    func note(_ language: Language, _ stored: String, _ now: String, _ unchanged: String, _ cleared: String) throws {
        let steps = typed(["n", "klant belde zelf", "n", "", "n", "-"], language: language)
        let question = try #require(steps[0].state.exploration(kb)?.missing?.id)
        #expect(steps[1].shown.hasPrefix(stored + "\n"), "\(steps[1].shown)")
        #expect(steps[2].shown.contains(now + "\n"), "\(steps[2].shown)")
        #expect(steps[3].state.session.answers[question]?.note == "klant belde zelf")
        #expect(steps[3].shown.hasPrefix(unchanged + "\n"), "\(steps[3].shown)")
        #expect(steps[5].state.session.answers[question]?.note == nil)
        #expect(steps[5].shown.hasPrefix(cleared + "\n"), "\(steps[5].shown)")
    }

    @Test("an empty line at a prompt with nothing in it stores nothing and says nothing changed",
          arguments: [(Language.nl, "Let op: conclusie ongewijzigd"), (.en, "Note: conclusion unchanged")])
    func emptyStaysEmpty(_ language: Language, _ unchanged: String) {
        let last = typed(Self.toAdvice + ["k", ""], language: language).last!
        #expect(last.state.session.conclusion == nil)
        #expect(last.shown.hasPrefix(unchanged + "\n"), "\(last.shown)")
    }

    @Test("a wrong date is repeated exactly as typed, letters included",
          arguments: [(Language.nl, "foo", "Fout: 'foo' is geen datum"), (.nl, "abc-12", "Fout: 'abc-12' is geen datum"),
                      (.en, "foo", "Error: 'foo' is not a date"), (.en, "abc-12", "Error: 'abc-12' is not a date"),
                      (.en, "3O-06-2026", "Error: '3O-06-2026' is not a date")])
    func wrongDate(_ language: Language, _ line: String, _ expected: String) {
        let last = typed(["d", line], language: language).last!
        #expect(last.shown.hasPrefix(expected + ";"), "\(last.shown)")
        #expect(last.state.kind == .date)
        #expect(last.state.session.date == date("2026-11-29"))
    }

    @Test("'q' at the date prompt quits, as everywhere in line mode; 'b' and an empty line leave the date as it was")
    func leavingTheDate() {
        // Nothing answered yet: quitting needs no confirmation.
        #expect(typed(["d", "q"], language: .nl).last!.effects.contains { if case .quit = $0 { true } else { false } })
        // With answers, quit asks first, as on the question screen.
        let asked = typed(["1", "d", "Q"], language: .en).last!.state
        #expect(asked.screen == .confirm(.quit), "\(asked.screen)")
        for line in ["b", ""] {
            let left = typed(["d", line], language: .nl).last!.state
            #expect(left.kind == .question)
            #expect(left.session.date == date("2026-11-29"))
        }
    }

    @Test("the tester's run: the conclusion survives an empty line into the saved record")
    func pipedConclusionKept() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try runShell("printf '\\n\\n\\n4\\n1\\n1\\n2\\n1\\n1\\n2\\n3\\n2\\nk\\nconclusie een\\nk\\n\\ns\\nq\\n' | dmcc-advisor --plain --date 2026-11-29 --transcripts '\(scratch.path)'")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Gelukt: conclusie bewaard"), "\(r.stdout)")
        #expect(r.stdout.contains("Nu: conclusie een"), "\(r.stdout)")
        #expect(r.stdout.contains("Let op: conclusie ongewijzigd"), "\(r.stdout)")
        let records = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasSuffix(".md") }
        #expect(records.count == 1)
        let record = try String(contentsOf: scratch.appendingPathComponent(try #require(records.first)), encoding: .utf8)
        #expect(record.contains("conclusie een"), "\(record)")
    }
}
