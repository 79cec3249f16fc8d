import DMCCCore
import Foundation
import Testing

/// `transcripts show ID --lang en` of a record with open points, saved in Dutch (and the other way
/// round): the conditional part (banner, branches, what each answer means, "to confirm") is in the
/// language asked for, in text, Markdown, the HTML letter and its PDF.
@Suite("Records with open points shown in the other language")
struct TranslatedOpenPointsTests {
    let kb = Shipped.knowledge

    /// Words of the conditional part in Dutch: none may be left on an English screen.
    static let dutch = ["VOORWAARDELIJK", "Voorwaardelijk", "behandel dit als", "Als het antwoord", "Te bevestigen", "Weet ik niet",
                        "hangt af van de andere open punten", "samen met die aanname", "Alleen gevraagd", "Hoe u dit vaststelt",
                        "Open punten", "Nog niet bekend", "→ Niet toegestaan", "→ Toegestaan", "niet toegestaan.",
                        "Ons advies zolang"]
    static let english = ["CONDITIONAL", "Conditional advice", "treat this as", "If the answer", "To confirm", "Don't know",
                          "depends on the other open points", "together with that assumption", "Only asked", "How to settle it",
                          "Open points", "Not known yet", "→ Not allowed", "→ Allowed", "not allowed.", "Our advice until"]

    func record(_ unknowns: [String], language: Language) throws -> AdviceRecord {
        var facts = OpenPointRecords.consumerCall
        for fact in unknowns { facts[fact] = "unknown" }
        return try OpenPointRecords.record(facts, language: language)
    }

    /// Every form `show` renders from a shown record (the PDF is the HTML printed).
    func forms(_ shown: RecordTranslation.Shown) -> [(String, String)] {
        let context = RecordRenderer.Context(textsLanguage: shown.textsLanguage)
        return [("text", RecordRenderer.text(shown.record, context)), ("markdown", RecordRenderer.markdown(shown.record, context)),
                ("html", RecordLetter.html(shown.record, firm: .none, context))]
    }

    func expectNone(of words: [String], in shown: RecordTranslation.Shown, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for (form, text) in forms(shown) {
            for word in words where text.contains(word) {
                Issue.record("\(form) still says '\(word)'", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("with the knowledge it was given with, a Dutch record with one open point reads wholly in English")
    func oneOpenPointInEnglish() throws {
        let record = try record(["consent"], language: .nl)
        #expect(record.conditional?.status == "conditional")
        let shown = RecordTranslation.shown(record, in: .en, using: kb)
        #expect(shown.textsLanguage == nil, "re-resolved from the same knowledge")
        expectNone(of: Self.dutch, in: shown)
        let text = RecordRenderer.text(shown.record)
        #expect(text.contains("CONDITIONAL ADVICE\nUntil the open points below are confirmed: treat this as not allowed."), "\(text)")
        #expect(text.contains("To confirm") && text.contains("Did the person give provable prior consent"))
        #expect(text.contains("Yes → Allowed if you meet the conditions") && text.contains("No → Not allowed"), "\(text)")
        #expect(RecordLetter.html(shown.record).contains("Our advice until the open points are confirmed"))
        // What was advised is unchanged: the same verdicts, branches and points to confirm.
        #expect(shown.record.conditional?.branches.map(\.advice.verdict) == record.conditional?.branches.map(\.advice.verdict))
        #expect(shown.record.conditional?.toConfirm.map(\.question) == record.conditional?.toConfirm.map(\.question))
        #expect(shown.record.advice.verdict == record.advice.verdict)
        #expect(shown.record.sha256 == record.sha256 && shown.record.steps.map(\.value) == record.steps.map(\.value))
    }

    @Test("two open points, one asked only on some branches: the qualified meanings are in English too")
    func twoOpenPointsInEnglish() throws {
        let record = try record(["objected", "consent"], language: .nl)
        let shown = RecordTranslation.shown(record, in: .en, using: kb)
        #expect(shown.textsLanguage == nil)
        expectNone(of: Self.dutch, in: shown)
        let text = RecordRenderer.text(shown.record)
        #expect(text.contains("Only asked if: Has the person objected"), "\(text)")
    }

    @Test("an English record shown in Dutch has no English left in its conditional part")
    func englishRecordInDutch() throws {
        let record = try record(["objected", "consent"], language: .en)
        let shown = RecordTranslation.shown(record, in: .nl, using: kb)
        #expect(shown.textsLanguage == nil)
        expectNone(of: Self.english, in: shown)
        #expect(RecordRenderer.text(shown.record).contains("VOORWAARDELIJK ADVIES\nTot de open punten hieronder bevestigd zijn: behandel dit als niet toegestaan."))
    }

    @Test("without the knowledge it was given with: verdict words, meanings and headings in English, stored texts quoted with a note")
    func otherKnowledgeRelabelled() throws {
        let record = try record(["objected", "consent"], language: .nl)
        let shown = RecordTranslation.shown(record, in: .en, using: nil)
        #expect(shown.textsLanguage == .nl)
        expectNone(of: Self.dutch, in: shown)
        let text = RecordRenderer.text(shown.record, RecordRenderer.Context(textsLanguage: .nl))
        #expect(text.contains("treat this as not allowed."), "\(text)")
        #expect(text.contains("Ja → Not allowed") || text.contains("Ja, together with that assumption → "), "answers as stored, meaning in English: \(text)")
        #expect(text.contains("Gaf de persoon vooraf aantoonbaar toestemming"), "the question as saved")
        #expect(text.contains("are in Dutch, as it was saved"), "the note that says so")
        #expect(shown.record.sha256 == record.sha256)
    }

    @Test("knowledge that no longer gives the same advice is not used to translate: the stored texts are quoted")
    func changedKnowledgeNotUsed() throws {
        var record = try record(["consent"], language: .nl)
        record.conditional?.branches[0].advice.title = "Een andere titel dan de kennisbank nu geeft"
        let shown = RecordTranslation.shown(record, in: .en, using: kb)
        #expect(shown.textsLanguage == .nl)
        #expect(SaveRefusedTests.collapsed(RecordRenderer.text(shown.record)).contains("Een andere titel dan de kennisbank nu geeft"))
    }

    @Test("the command: show --lang en of a conditional record saved by main, in every format (PDF when a browser is installed)")
    func command() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("translated-open-points-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: ConditionalRecordFixtureTests.folder, to: folder)
        let id = "20261129-173359-bbb16e"
        for format in ["text", "markdown", "html"] {
            let r = try Program.run(["transcripts", "show", id, "--lang", "en", "--format", format, "--transcripts", folder.path])
            #expect(r.status == 0, "\(format): \(r.stderr)")
            for word in Self.dutch where r.stdout.contains(word) { Issue.record("\(format) still says '\(word)'") }
            #expect(r.stdout.contains("To confirm"), "\(format): \(r.stdout)")
        }
        let json = try Program.run(["transcripts", "show", id, "--lang", "en", "--format", "json", "--transcripts", folder.path])
        #expect(json.status == 0)
        #expect(json.stdout == (try String(contentsOf: folder.appendingPathComponent(id + ".json"), encoding: .utf8)),
                "json is the sealed record as saved, whatever --lang")
        guard ClientLetterCommandTests.printsPDFs else { return }
        let target = folder.appendingPathComponent("letter.pdf")
        let pdf = try Program.run(["transcripts", "show", id, "--lang", "en", "--format", "pdf", "--output", target.path,
                                   "--transcripts", folder.path])
        #expect(pdf.status == 0, "\(pdf.stderr)")
        let text = try ClientLetterCommandTests.pdfText(target)
        #expect(text.contains("To confirm") && text.contains("Our advice until the open points are confirmed"), "\(text)")
        for word in Self.dutch where text.contains(word) { Issue.record("the PDF still says '\(word)'") }
    }
}
