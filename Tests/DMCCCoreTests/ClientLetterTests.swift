import DMCCCore
import Foundation
import Testing

/// Records as documents for the client: firm settings, the HTML letter, the Markdown copy in the
/// letter's order, another language, and the chain of records that supersede each other.
enum LetterFixture {
    static let kb = Shipped.knowledge
    /// An energy sale by phone with consent, confirmed only by a voicelog: not allowed, and it passes
    /// the shared part about the sales call itself.
    static let voicelog = ["purpose": "phone-contract", "recipient": "consumer", "call-initiator": "trader", "objected": "no",
                           "consent": "yes", "contract-type": "regular-supply", "renewal": "no", "contract-extra": "no",
                           "confirmation": "voicelog"]

    static func record(client: String? = "Energie Één B.V.", language: Language = .nl, conclusion: String? = nil,
                       supersedes: String? = nil, id: String = "20261129-143012-a1b2c3",
                       facts: [String: String] = voicelog, kb: KnowledgeBase = kb) throws -> AdviceRecord {
        let advice = try Engine.advise(kb, facts: facts, on: date("2026-11-29"))
        return AdviceRecord(id: id, created: "2026-11-29T14:30:12+01:00", programVersion: "0.1.0",
                            advice: advice, kb: kb, language: language, client: client, consultant: "Eva de Vries",
                            subject: "Verkoop via voicelog", note: "Gesprek van 28/11", conclusion: conclusion,
                            supersedes: supersedes, notes: ["pc-confirmation": "Alleen een opname"],
                            answeredAt: ["start": "2026-11-29T14:29:01+01:00"])
    }

    /// The part of a document before its appendix.
    static func body(_ text: String, appendixHeading: String) -> String {
        text.range(of: appendixHeading).map { String(text[..<$0.lowerBound]) } ?? text
    }
}

@Suite("The letter for the client (HTML)")
struct RecordLetterTests {
    let firm = FirmSettings(name: LocalizedText(["nl": "Voorbeeld Compliance B.V.", "en": "Example Compliance Ltd"]),
                            phone: LocalizedText(["nl": "020 123 45 67", "en": "+31 20 123 45 67"]))

    @Test("typed text is escaped: a client called <script> stays text, and the page loads nothing")
    func escaped() throws {
        let r = try LetterFixture.record(client: "<script>alert('x')</script> & Zn \"BV\"", conclusion: "Niet doen <b>nu</b>")
        let html = RecordLetter.html(r, firm: firm)
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Zn &quot;BV&quot;"))
        #expect(html.contains("Niet doen &lt;b&gt;nu&lt;/b&gt;"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="))
        #expect(html.contains("@media print"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"))
    }

    @Test("the letter reads in order: firm, client, question, verdict, conditions, parts, alternatives, legal basis, notes, conclusion, knowledge, disclaimer, signature, appendix")
    func order() throws {
        let r = try LetterFixture.record(conclusion: "Laat klanten schriftelijk bevestigen.")
        let html = RecordLetter.html(r, firm: firm)
        let marks = ["Voorbeeld Compliance B.V.", "020 123 45 67", "Energie Één B.V.", "<h2>Uw vraag</h2>",
                     "Wat wilt u doen?</dt>", "<h2>Ons advies</h2>", "<p class=\"verdict\">Niet toegestaan</p>",
                     "Een voicelog is geen schriftelijke bevestiging", "<h3>Het verkoopgesprek zelf</h3>",
                     "<h3>Wat u nog wel kunt doen</h3>", "<h3>Juridische basis</h3>", "BW art. 6:230v lid 6",
                     "<h2>Notities van de consultant</h2>", "Gesprek van 28/11", "<h2>Conclusie</h2>",
                     "Laat klanten schriftelijk bevestigen.", "Kennisbank \(LetterFixture.kb.metadata.version)",
                     "<h2>Voorbehoud</h2>", "Met vriendelijke groet,", "<p class=\"signer\">Eva de Vries</p>",
                     "<h2>Bijlage: technische gegevens</h2>", r.id, r.sha256, "purpose=phone-contract"]
        var from = html.startIndex
        for mark in marks {
            let found = try #require(html.range(of: mark, range: from..<html.endIndex), "'\(mark)' missing or out of order")
            from = found.upperBound
        }
        #expect(html.contains("<span class=\"grade grade-statute\">wet</span>"))
        #expect(html.contains("29 november 2026, 14:30"))
    }

    @Test("the body has questions and answers in words; the codes and hashes are only in the appendix")
    func codesInAppendix() throws {
        let r = try LetterFixture.record()
        let body = LetterFixture.body(RecordLetter.html(r, firm: firm), appendixHeading: "<section class=\"appendix\">")
        #expect(body.contains("<dt>Hoe heeft de consument het contract bevestigd?</dt>"))
        #expect(body.contains("Alleen tijdens het gesprek (voicelog, toets of link)"))
        #expect(!body.contains("confirmation=voicelog") && !body.contains(r.sha256) && !body.contains(r.id))
        #expect(!body.contains(LetterFixture.kb.sha256))
    }

    @Test("without firm settings the letter has a neutral heading and the default disclaimer")
    func neutral() throws {
        let html = RecordLetter.html(try LetterFixture.record())
        #expect(html.contains("<p class=\"firm-name neutral\">Advies direct marketing</p>"))
        #expect(html.contains(FirmSettings.defaultDisclaimer(.nl)))
    }

    @Test("the English letter takes the firm's English texts and English words throughout")
    func english() throws {
        let html = RecordLetter.html(try LetterFixture.record(language: .en), firm: firm)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("Example Compliance Ltd") && html.contains("+31 20 123 45 67"))
        #expect(html.contains("<h2>Your question</h2>") && html.contains("<p class=\"verdict\">Not allowed</p>"))
        #expect(html.contains(FirmSettings.defaultDisclaimer(.en)) && html.contains("29 November 2026, 14:30"))
        for dutch in ["Uw vraag", "Ons advies", "Voorwaarden", "Juridische basis", "Bijlage", "Voorbehoud", "november"] {
            #expect(!html.contains(dutch), "Dutch word '\(dutch)' in the English letter")
        }
    }

    @Test("open points show as to confirm")
    func openPoints() throws {
        var r = try LetterFixture.record()
        r.steps[4].value = "unknown"
        let html = RecordLetter.html(r)
        #expect(html.contains("<h3>Nog te bevestigen</h3>"))
        #expect(html.contains("<dd class=\"open\">Nog niet bekend (te bevestigen)"))
        let md = RecordRenderer.markdown(r)
        #expect(md.contains("### Nog te bevestigen\n\n- [ ] Gaf de persoon vooraf aantoonbaar toestemming"))
    }

    @Test("the letter names the record it supersedes and the records that superseded it")
    func chain() throws {
        let r = try LetterFixture.record(supersedes: "20261128-090000-0000aa")
        let html = RecordLetter.html(r, RecordRenderer.Context(supersededBy: ["20261130-100000-0000bb"]))
        #expect(html.contains("<tr><th>Vervangt</th><td class=\"code\">20261128-090000-0000aa</td></tr>"))
        #expect(html.contains("<tr><th>Vervangen door</th><td class=\"code\">20261130-100000-0000bb</td></tr>"))
        let en = RecordRenderer.text(try LetterFixture.record(language: .en, supersedes: "20261128-090000-0000aa"),
                                     RecordRenderer.Context(supersededBy: ["20261130-100000-0000bb"]))
        #expect(en.contains("  Supersedes: 20261128-090000-0000aa\n  Superseded by: 20261130-100000-0000bb"))
    }
}

@Suite("The Markdown copy in the letter's order")
struct RecordMarkdownTests {
    @Test("no raw codes in the body, readable local times, the verdict once")
    func readable() throws {
        let r = try LetterFixture.record(conclusion: "Eerst schriftelijk laten bevestigen.")
        let md = RecordRenderer.markdown(r)
        let body = LetterFixture.body(md, appendixHeading: "## Bijlage: technische gegevens")
        #expect(md.hasPrefix("# Adviesverslag: Verkoop via voicelog\n"))
        #expect(md.contains("| Klant | Energie Één B.V. |"))
        #expect(md.contains("| Datum | 29 november 2026, 14:30 |"))
        #expect(body.contains("- Hoe heeft de consument het contract bevestigd? **Alleen tijdens het gesprek (voicelog, toets of link)**"))
        #expect(!body.contains("=") , "a fact=value code in the body")
        #expect(!body.contains("2026-11-29T"))
        #expect(md.components(separatedBy: "Niet toegestaan").count == 2, "the verdict is said once:\n\(md)")
        #expect(body.contains("## Ons advies: Niet toegestaan\n\n**Een voicelog is geen schriftelijke bevestiging**"))
        #expect(body.contains("## Conclusie\n\nEerst schriftelijk laten bevestigen."))
        #expect(md.contains("- `confirmation=voicelog`"))
        #expect(md.contains("| Zegel (SHA-256) | \(r.sha256) |"))
    }

    @Test("the Markdown follows the letter's order")
    func order() throws {
        let md = RecordRenderer.markdown(try LetterFixture.record(conclusion: "Conclusie hier."))
        let marks = ["## Uw vraag", "## Ons advies", "### Het verkoopgesprek zelf", "### Wat u nog wel kunt doen",
                     "### Juridische basis", "## Notities van de consultant", "## Conclusie", "Kennisbank ",
                     "Advies gegeven door Eva de Vries op 29 november 2026.", "## Bijlage: technische gegevens"]
        var from = md.startIndex
        for mark in marks {
            let found = try #require(md.range(of: mark, range: from..<md.endIndex), "'\(mark)' missing or out of order")
            from = found.upperBound
        }
    }

    @Test("a record saved in the new layout verifies, and an edited copy does not")
    func verifies() throws {
        let r = try LetterFixture.record()
        let json = Data(r.prettyJSON().utf8)
        #expect(RecordCheck.problems(json: json, markdown: RecordRenderer.markdown(r), expectedID: r.id).isEmpty)
        let edited = RecordRenderer.markdown(r).replacingOccurrences(of: "Niet toegestaan", with: "Toegestaan")
        #expect(RecordCheck.problems(json: json, markdown: edited, expectedID: r.id).contains { $0.contains("Markdown copy differs") })
    }
}

@Suite("Records saved by earlier versions")
struct RecordLayoutCompatibilityTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/RecordsFromMain")

    @Test("records and Markdown copies saved by main at 9bfbd18 still verify",
          arguments: ["20261129-154401-3edc07", "20261129-154402-646c90"])
    func oldLayoutVerifies(_ id: String) throws {
        let json = try Data(contentsOf: Self.folder.appendingPathComponent(id + ".json"))
        let markdown = try String(contentsOf: Self.folder.appendingPathComponent(id + ".md"), encoding: .utf8)
        #expect(RecordCheck.problems(json: json, markdown: markdown, expectedID: id).isEmpty)
        // The old copy is not the new layout: it verifies because that layout is kept.
        let record = try RecordFile.read(json)
        #expect(markdown != RecordRenderer.markdown(record))
        let edited = markdown.replacingOccurrences(of: "| Consultant |", with: "| Adviseur |")
        if edited != markdown {
            #expect(!RecordCheck.problems(json: json, markdown: edited, expectedID: id).isEmpty)
        }
    }
}

@Suite("A record in the other language")
struct RecordTranslationTests {
    @Test("with the knowledge it was given with, a Dutch record is shown wholly in English")
    func sameKnowledge() throws {
        let r = try LetterFixture.record()
        let shown = RecordTranslation.shown(r, in: .en, using: LetterFixture.kb)
        #expect(shown.textsLanguage == nil)
        let english = try LetterFixture.record(language: .en)
        #expect(shown.record.advice == english.advice)
        #expect(shown.record.steps.map(\.text) == english.steps.map(\.text))
        #expect(shown.record.steps.first { $0.question == "pc-confirmation" }?.note == "Alleen een opname")
        #expect(shown.record.sha256 == r.sha256)
        #expect(RecordRenderer.markdown(shown.record).contains("## Our advice: Not allowed\n\n**A voicelog is not written confirmation**"))
    }

    @Test("without that knowledge, the words and verdict are translated and the stored texts quoted with a note")
    func otherKnowledge() throws {
        var r = try LetterFixture.record()
        r.advice.knowledge.sha256 = String(repeating: "0", count: 64)
        let shown = RecordTranslation.shown(r, in: .en, using: LetterFixture.kb)
        #expect(shown.textsLanguage == .nl)
        #expect(shown.record.advice.verdictLabel == "Not allowed")
        #expect(shown.record.advice.legalBasis?.first?.gradeLabel == "statute")
        #expect(shown.record.advice.title == r.advice.title)
        let md = RecordRenderer.markdown(shown.record, RecordRenderer.Context(textsLanguage: shown.textsLanguage))
        #expect(md.contains("_The texts of this advice are in Dutch, as it was saved"))
        #expect(md.contains("## Our advice: Not allowed"))
        #expect(RecordTranslation.shown(r, in: .en, using: nil).textsLanguage == .nl)
    }

    @Test("shown in its own language a record is unchanged")
    func ownLanguage() throws {
        let r = try LetterFixture.record()
        #expect(RecordTranslation.shown(r, in: .nl, using: LetterFixture.kb).record == r)
    }
}
