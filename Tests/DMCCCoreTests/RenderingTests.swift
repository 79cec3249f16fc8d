import DMCCCore
import Foundation
import Testing

@Suite("Rendering the advice")
struct RenderingTests {
    let kb = Shipped.knowledge
    /// An energy sale by phone, the call made with consent, confirmed only by a voicelog.
    let voicelog = ["purpose": "phone-contract", "recipient": "consumer", "call-initiator": "trader", "objected": "no",
                    "consent": "yes", "contract-type": "regular-supply", "renewal": "no", "contract-extra": "no",
                    "confirmation": "voicelog"]

    func report(_ facts: [String: String], _ language: Language = .nl, on day: String = "2026-11-29") throws -> AdviceReport {
        AdviceReport(try Engine.advise(kb, facts: facts, on: date(day)), in: kb, language: language)
    }

    @Test("JSON has the documented keys for complete advice")
    func jsonComplete() throws {
        let json = AdviceRenderer.json(try report(voicelog))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["status", "verdict", "outcome", "title", "explanation", "conditions", "alternatives", "legal-basis", "path", "date", "knowledge"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["status"] as? String == "complete")
        #expect(object["verdict"] as? String == "not-allowed")
        #expect(object["missing"] == nil)
        let basis = try #require(object["legal-basis"] as? [[String: Any]])
        #expect(basis.first?["ref"] as? String == "BW art. 6:230v lid 6")
        #expect(basis.first?["grade"] as? String == "statute")
        let path = try #require(object["path"] as? [[String: Any]])
        #expect(path.count == 9)
        #expect(path.last?["fact"] as? String == "confirmation")
        #expect(path.last?["value"] as? String == "voicelog")
        let knowledge = try #require(object["knowledge"] as? [String: Any])
        #expect(knowledge["sha256"] as? String == kb.sha256)
        #expect(knowledge["version"] as? String == kb.metadata.version)
    }

    @Test("JSON for incomplete advice names the missing fact and its options")
    func jsonIncomplete() throws {
        let json = AdviceRenderer.json(try report(["purpose": "objection"]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "incomplete")
        #expect(object["verdict"] == nil)
        let missing = try #require(object["missing"] as? [String: Any])
        #expect(missing["fact"] as? String == "request")
        let options = try #require(missing["options"] as? [[String: Any]])
        #expect(options.compactMap { $0["value"] as? String } == ["stop", "resubscribe"])
        #expect(options.allSatisfy { ($0["label"] as? String)?.isEmpty == false })
    }

    @Test("JSON round-trips into the same report")
    func jsonRoundTrip() throws {
        let original = try report(voicelog, .en)
        let decoded = try JSONDecoder().decode(AdviceReport.self, from: Data(AdviceRenderer.json(original).utf8))
        #expect(decoded == original)
    }

    @Test("text shows the verdict in words, why, what you can still do and the graded legal basis")
    func text() throws {
        let text = AdviceRenderer.text(try report(voicelog), language: .nl)
        #expect(text.hasPrefix("NIET TOEGESTAAN\n"))
        #expect(text.contains("Waarom"))
        #expect(text.contains("Wat u nog wel kunt doen"))
        #expect(text.contains("BW art. 6:230v lid 6 (wet)"))
        #expect(text.contains("ACM: een voicelog of toetsdruk is geen schriftelijke bevestiging"))
        #expect(text.contains("(toezichthouder)"))
        #expect(!text.contains("Voorwaarden"), "a not-allowed advice without conditions shows no empty checklist")
        for line in text.split(separator: "\n") { #expect(TextLayout.width(line) <= 80, "too wide: \(line)") }
    }

    @Test("English text uses the English verdict and grades")
    func english() throws {
        let text = AdviceRenderer.text(try report(voicelog, .en), language: .en)
        #expect(text.hasPrefix("NOT ALLOWED\n"))
        #expect(text.contains("(statute)"))
        #expect(text.contains("What you can still do"))
    }

    @Test("the rule change is shown with the side of the change the action falls on")
    func ruleChangeShown() throws {
        let facts = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing", "objected": "no",
                     "consent": "no", "sender": "business"]
        let text = AdviceRenderer.text(try report(facts), language: .nl)
        #expect(text.contains("Regelwijziging"))
        #expect(text.contains("de nieuwe regel geldt"))
        let markdown = AdviceRenderer.markdown(try report(facts, .en), language: .en)
        #expect(markdown.contains("## Rule change"))
        #expect(markdown.contains("the new rule applies"))
    }

    @Test("Markdown has a checklist of conditions and escapes Markdown characters")
    func markdown() throws {
        let facts = ["purpose": "marketing-message", "channel": "email", "message-type": "marketing", "objected": "no",
                     "consent": "yes", "consent-source": "own"]
        let markdown = AdviceRenderer.markdown(try report(facts), language: .nl)
        #expect(markdown.hasPrefix("# Toegestaan, mits u aan de voorwaarden voldoet: "))
        #expect(markdown.contains("\n- [ ] De toestemming is actief gegeven"))
        #expect(AdviceRenderer.markdown(try report(facts), language: .nl).contains("`consent=yes`"))
    }
}

@Suite("Display widths, wrapping and truncation")
struct TextLayoutTests {
    @Test("accents, combining marks and wide characters are measured in cells")
    func widths() {
        #expect(TextLayout.width("privacyverklaring") == 17)
        #expect(TextLayout.width("geïnformeerd") == 12)
        #expect(TextLayout.width("e\u{301}e\u{301}n") == 3, "combining accents take no cell")
        #expect(TextLayout.width("„toestemming” — ‘ja’") == 20)
        #expect(TextLayout.width("日本") == 4)
    }

    @Test("wrapping keeps every line within the width", arguments: [40, 80, 200])
    func wrap(width: Int) {
        let text = "De ‘verlaten winkelwagen’ mail is een commerciële e-mail; één afmelding — ook via „info@” — geldt voor onbepaalde tijd. 日本語のテキストも正しく折り返されます。"
        let lines = TextLayout.wrap(text, width: width)
        #expect(lines.allSatisfy { TextLayout.width($0) <= width })
        #expect(lines.joined(separator: " ").filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace })
    }

    @Test("truncation ends in an ellipsis and never splits a grapheme")
    func truncate() {
        let cut = TextLayout.truncate("Geïnformeerde toestemming", to: 10)
        #expect(cut == "Geïnforme…")
        #expect(TextLayout.width(cut) == 10)
        let combining = TextLayout.truncate("cafe\u{301}s en meer", to: 5)
        #expect(combining == "cafe\u{301}…")
        #expect(TextLayout.truncate("日本語です", to: 5) == "日本…")
        #expect(TextLayout.truncate("kort", to: 10) == "kort")
    }
}
