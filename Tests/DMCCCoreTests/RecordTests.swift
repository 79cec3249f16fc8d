import DMCCCore
import Foundation
import Testing

@Suite("Advice records")
struct RecordTests {
    let kb = Shipped.knowledge
    let facts = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing", "objected": "no", "consent": "no",
                 "sender": "charity", "relationship": "customer", "obtained-in-sale": "yes", "same-entity": "yes",
                 "within-3-years": "yes", "informed-at-collection": "yes", "opt-out-offered": "yes", "similar-offer": "yes",
                 "call-method": "live"]

    func record(client: String? = "Stichting Hulp & Zorg", language: Language = .nl) throws -> AdviceRecord {
        let advice = try Engine.advise(kb, facts: facts, on: date("2026-11-29"))
        return AdviceRecord(id: "20261129-143012-a1b2c3", created: "2026-11-29T14:30:12+01:00", programVersion: "0.1.0",
                            advice: advice, kb: kb, language: language, client: client, consultant: "Eva de Vries",
                            subject: "Nabellen sms-donateurs", notes: ["call-sender": "Belt via eigen callcenter"],
                            answeredAt: ["start": "2026-11-29T14:29:01+01:00"])
    }

    func file(_ r: AdviceRecord) -> Data { Data(r.prettyJSON().utf8) }

    @Test("a record holds the steps with labels, notes and times, and the advice with its knowledge")
    func contents() throws {
        let r = try record()
        #expect(r.steps.count == 14)
        #expect(r.steps.first?.answered == "2026-11-29T14:29:01+01:00")
        #expect(r.steps.first { $0.question == "call-sender" }?.note == "Belt via eigen callcenter")
        #expect(r.steps.first { $0.fact == "sender" }?.label == "Een goed doel of ideële organisatie")
        #expect(r.advice.verdict == "allowed-if")
        #expect(r.advice.knowledge.sha256 == kb.sha256)
        // A charity keeps its customer exception: its advice passes no 1 July 2026 rule change (knowledge 2026.11.3 tryout, defect 3).
        #expect(r.advice.ruleChanges.isEmpty)
        #expect(r.facts == facts)
        #expect(r.sha256.count == 64)
    }

    @Test("canonical JSON is the same for the same record, and the seal verifies")
    func canonical() throws {
        let a = try record(), b = try record()
        #expect(a.canonicalJSON() == b.canonicalJSON())
        #expect(RecordCheck.problems(json: file(a), markdown: RecordRenderer.markdown(a), expectedID: a.id).isEmpty)
        let decoded = try JSONDecoder().decode(AdviceRecord.self, from: file(a))
        #expect(decoded == a)
    }

    @Test("an edited value is caught by its seal", arguments: ["\"Stichting Hulp & Zorg\"", "\"allowed-if\"", "\"sender\""])
    func editedValue(_ original: String) throws {
        let r = try record()
        let text = r.prettyJSON()
        #expect(text.contains(original))
        let edited = text.replacingOccurrences(of: original, with: "\"x\"")
        let problems = RecordCheck.problems(json: Data(edited.utf8), markdown: RecordRenderer.markdown(r), expectedID: r.id)
        #expect(problems.contains { $0.contains("SHA-256 seal") })
    }

    @Test("a key added by hand is caught too")
    func addedKey() throws {
        let r = try record()
        let edited = r.prettyJSON().replacingOccurrences(of: "\"client\" :", with: "\"approved-by\" : \"Legal\",\n  \"client\" :")
        #expect(RecordCheck.problems(json: Data(edited.utf8), markdown: RecordRenderer.markdown(r), expectedID: r.id)
            .contains { $0.contains("seal") })
    }

    @Test("an edited or missing Markdown copy is caught")
    func markdownEdits() throws {
        let r = try record()
        let md = RecordRenderer.markdown(r).replacingOccurrences(of: "Toegestaan", with: "Niet toegestaan")
        #expect(RecordCheck.problems(json: file(r), markdown: md, expectedID: r.id).contains { $0.contains("Markdown copy differs") })
        #expect(RecordCheck.problems(json: file(r), markdown: nil, expectedID: r.id).contains { $0.contains("missing") })
    }

    @Test("a record under another id, or not JSON at all, fails verification")
    func wrongFile() throws {
        let r = try record()
        #expect(RecordCheck.problems(json: file(r), markdown: RecordRenderer.markdown(r), expectedID: "20261129-143012-ffffff")
            .contains { $0.contains("not '20261129-143012-ffffff'") })
        #expect(RecordCheck.problems(json: Data("{oops".utf8), markdown: nil, expectedID: r.id) == ["the JSON file is not valid JSON"])
        #expect(RecordCheck.problems(json: Data("{\"id\": 1}".utf8), markdown: nil, expectedID: r.id).first?.contains("not an advice record") == true)
    }

    @Test("Markdown shows the client with accents, the notes, the seal and the advice")
    func markdown() throws {
        let r = try record(client: "Café Één ‘De Groene Weide’")
        let md = RecordRenderer.markdown(r)
        #expect(md.hasPrefix("# Adviesverslag: Nabellen sms-donateurs\n"))
        #expect(md.contains("| Klant | Café Één ‘De Groene Weide’ |"))
        #expect(md.contains("  > Notitie: Belt via eigen callcenter"))
        #expect(md.contains("| Zegel (SHA-256) | \(r.sha256) |"))
        #expect(md.contains("## Ons advies: Toegestaan, mits u aan de voorwaarden voldoet\n"))
        #expect(md.contains("### Voorwaarden"))
        let en = RecordRenderer.markdown(try record(language: .en))
        #expect(en.hasPrefix("# Advice record: "))
        #expect(en.contains("## Your question"))
    }

    @Test("record ids are date-time plus six hex digits; anything else is refused")
    func ids() {
        let id = RecordID.make(timestamp: "2026-11-29T14:30:12+01:00", random: 0xA1B2C3)
        #expect(id == "20261129-143012-a1b2c3")
        #expect(RecordID.isValid(id))
        for bad in ["../20261129-143012-a1b2c3", "20261129-143012-a1b2c3/..", "..", "20261129-143012", "x/y", "20261129-143012-A1B2C3", ""] {
            #expect(!RecordID.isValid(bad), "\(bad)")
        }
    }

    @Test("replay against the same knowledge finds the advice unchanged")
    func replayUnchanged() throws {
        let result = Replay.run(try record(), against: kb)
        #expect(!result.changed)
        #expect(result.lines.isEmpty)
    }

    @Test("replay against changed knowledge names the changed verdict, conditions and legal basis")
    func replayChanged() throws {
        var sources = Shipped.sources
        let i = try #require(sources.firstIndex { $0.path.hasSuffix("60-marketing-calls.yaml") })
        var text = String(decoding: sources[i].bytes, as: UTF8.self)
        // The law moves on: the charities' customer exception is gone, with its first condition and the Code's reference.
        let block = try #require(text.range(of: "  - id: out-call-customer-exception-2026\n"))
        var rest = String(text[block.upperBound...])
        rest = rest.replacingOccurrences(of: "    verdict: allowed-if", with: "    verdict: not-allowed",
                                         range: rest.range(of: "    verdict: allowed-if"))
        let condition = try #require(rest.range(of: "      - nl: U bent echt een goed doel"))
        let conditionEnd = try #require(rest.range(of: "\n      - nl:", range: condition.upperBound..<rest.endIndex))
        rest.removeSubrange(condition.lowerBound...conditionEnd.lowerBound)
        let code = try #require(rest.range(of: "      - ref: {nl: \"Code Telemarketing (klanttermijn"))
        let codeEnd = try #require(rest.range(of: "grade: self-regulation\n", range: code.upperBound..<rest.endIndex))
        rest.removeSubrange(code.lowerBound..<codeEnd.upperBound)
        text = String(text[..<block.upperBound]) + rest
        sources[i].bytes = Array(text.utf8)
        let changedKB = try Linter.validated(sources)
        let result = Replay.run(try record(), against: changedKB)
        #expect(result.changed)
        #expect(result.lines.contains("Oordeel: Toegestaan, mits u aan de voorwaarden voldoet → Niet toegestaan"))
        #expect(result.lines.contains { $0.hasPrefix("Voorwaarden:") })
        #expect(result.lines.contains { $0.hasPrefix("  - Code Telemarketing") })
    }

    @Test("replay names a question the knowledge now asks that the record has no answer to")
    func replayNewQuestion() throws {
        var sources = Shipped.sources
        let i = try #require(sources.firstIndex { $0.path.hasSuffix("60-marketing-calls.yaml") })
        var text = String(decoding: sources[i].bytes, as: UTF8.self)
        // A new question before the final outcome: is the number withheld?
        text = text.replacingOccurrences(of: "      - {value: live, next: out-call-customer-exception-2026}",
                                          with: "      - {value: live, next: call-renewal-check}")
        text += """

          - id: call-renewal-check
            ask: addressed
            text: {nl: Staat de naam van de persoon in uw bellijst?, en: Is the person's name in your calling list?}
            why: {nl: Nieuwe vraag., en: New question.}
            options:
              - {value: "yes", next: out-call-customer-exception-2026}
              - {value: "no", next: out-call-not-similar}

        """
        sources[i].bytes = Array(text.utf8)
        let changedKB = try Linter.validated(sources)
        let result = Replay.run(try record(), against: changedKB)
        #expect(result.changed)
        #expect(result.lines.contains { $0.hasPrefix("De kennisbank vraagt nu ook: Staat de naam van de persoon in uw bellijst? (addressed: yes, no)") })
    }
}
