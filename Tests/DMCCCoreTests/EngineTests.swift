import DMCCCore
import Testing

@Suite("The decision engine")
struct EngineTests {
    let kb = Shipped.knowledge
    let today = date("2026-11-29")

    @Test("with no facts it asks the first question, with every option")
    func asksFirstQuestion() throws {
        let advice = try Engine.advise(kb, facts: [:], on: today)
        let missing = try #require(advice.missing)
        #expect(missing.id == kb.metadata.root)
        #expect(missing.fact == "purpose")
        #expect(missing.options.count == 6)
        #expect(advice.path.isEmpty)
    }

    @Test("an incomplete answer set stops at the next unanswered question and keeps the path so far")
    func incompleteKeepsPath() throws {
        let advice = try Engine.advise(kb, facts: ["purpose": "marketing-message", "channel": "email"], on: today)
        #expect(advice.missing?.fact == "message-type")
        #expect(advice.path.map(\.fact) == ["purpose", "channel"])
    }

    @Test("facts not on the path are ignored")
    func offPathFactsIgnored() throws {
        let base = ["purpose": "objection", "request": "stop", "fee": "yes"]
        var extra = base
        extra["channel"] = "sms"
        extra["sender"] = "publisher"
        let a = try Engine.advise(kb, facts: base, on: today)
        let b = try Engine.advise(kb, facts: extra, on: today)
        #expect(a == b)
    }

    @Test("an unknown fact is refused with the list of valid facts")
    func unknownFact() {
        #expect(throws: AdviceError.unknownFact("colour", valid: kb.facts.map(\.id))) {
            try Engine.advise(kb, facts: ["colour": "red"], on: today)
        }
    }

    @Test("an unknown value is refused with the fact's valid values")
    func unknownValue() {
        do {
            _ = try Engine.advise(kb, facts: ["channel": "fax"], on: today)
            Issue.record("fax was accepted")
        } catch {
            guard case .unknownValue(let fact, let value, let valid) = error else { Issue.record("\(error)"); return }
            #expect(fact == "channel" && value == "fax")
            #expect(valid == ["email", "sms", "messaging-app", "post"])
            #expect(error.description.contains("email, sms, messaging-app, post"))
        }
    }

    @Test("a value of the vocabulary that this question does not offer is refused with what it offers")
    func valueNotOffered() {
        #expect(throws: AdviceError.valueNotOffered(question: "cart-relationship", fact: "relationship", value: "donor",
                                                    offered: ["customer", "none", "aborted-purchase"])) {
            try Engine.advise(kb, facts: ["purpose": "cart-reminder", "objected": "no", "consent": "no", "relationship": "donor"], on: today)
        }
    }

    @Test("name=value parsing rejects malformed and conflicting facts")
    func parsing() throws {
        #expect(try Engine.facts(from: ["purpose=objection", " request = stop "], in: kb) == ["purpose": "objection", "request": "stop"])
        #expect(throws: AdviceError.malformedFact("purpose")) { try Engine.facts(from: ["purpose"], in: kb) }
        #expect(throws: AdviceError.malformedFact("=x")) { try Engine.facts(from: ["=x"], in: kb) }
        #expect(throws: AdviceError.conflictingFact("consent", first: "yes", second: "no")) {
            try Engine.facts(from: ["consent=yes", "consent=no"], in: kb)
        }
    }

    @Test("the same facts and date always give the same advice")
    func deterministic() throws {
        let facts = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing", "objected": "no",
                     "consent": "no", "sender": "business"]
        let first = try Engine.advise(kb, facts: facts, on: today)
        for _ in 0..<20 { #expect(try Engine.advise(kb, facts: facts, on: today) == first) }
    }

    @Test("the date switch follows the day of the change exactly")
    func changeDayBoundary() throws {
        let facts = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing", "objected": "no",
                     "consent": "no", "sender": "business"]
        #expect(try Engine.advise(kb, facts: facts, on: date("2026-06-30")).missing?.fact == "relationship")
        #expect(try Engine.advise(kb, facts: facts, on: date("2026-07-01")).outcome?.id == "out-call-business-2026")
    }

    @Test("calendar dates parse strictly and count days correctly")
    func calendar() {
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2026-7-1") == nil)
        #expect(CalendarDate(iso: "2026-07-01x") == nil)
        #expect(date("2026-07-01").dayNumber - date("2026-06-30").dayNumber == 1)
        #expect(date("1970-01-01").dayNumber == 0)
        #expect(CalendarDate(dayNumber: date("2028-03-01").dayNumber - 1) == date("2028-02-29"))
        #expect(date("2026-07-01").spelledOut(.nl) == "1 juli 2026")
    }
}
