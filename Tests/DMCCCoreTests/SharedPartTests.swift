import DMCCCore
import Testing

/// A shared part (`part:` node) states a rule set once and lets several scenarios reach it: the call
/// rules behind a phone contract are the same rules as for a marketing call.
@Suite("Shared parts: a rule set stated once, reached from several scenarios")
struct SharedPartTests {
    static let facts = """
    facts:
      - id: purpose
        label: {nl: Doel, en: Purpose}
        values:
          - {value: call, nl: Bellen, en: Call}
          - {value: contract, nl: Contract, en: Contract}
      - id: consent
        label: {nl: Toestemming, en: Consent}
        values:
          - {value: "yes", nl: Ja, en: "Yes"}
          - {value: "no", nl: Nee, en: "No"}
      - id: confirmed
        label: {nl: Bevestigd, en: Confirmed}
        values:
          - {value: "yes", nl: Ja, en: "Yes"}
          - {value: "no", nl: Nee, en: "No"}
    """

    static func outcome(_ id: String, _ verdict: String, condition: String = "Voorwaarde") -> String {
        """
          - id: \(id)
            verdict: \(verdict)
            scenario: s1
            title: {nl: Titel \(id), en: Title \(id)}
            explanation: {nl: Uitleg., en: Explanation.}
            conditions:
              - {nl: \(condition) \(id)., en: Condition \(id).}
            alternatives:
              - {nl: Alternatief., en: Alternative.}
            legal-basis:
              - {ref: {nl: Bron \(id), en: Source \(id)}, grade: statute}
        """
    }

    static let nodes = """
    nodes:
      - id: q1
        ask: purpose
        text: {nl: Doel?, en: Purpose?}
        why: {nl: Omdat., en: Because.}
        options:
          - {value: call, next: call-consent}
          - {value: contract, next: sales-call}
      - id: sales-call
        part: call-consent
        then: contract-confirmed
        label: {nl: Het verkoopgesprek zelf, en: The sales call itself}
      - id: call-consent
        ask: consent
        text: {nl: Toestemming om te bellen?, en: Consent to be called?}
        why: {nl: Omdat., en: Because.}
        options:
          - {value: "yes", next: call-ok}
          - {value: "no", next: call-no}
      - id: contract-confirmed
        ask: confirmed
        text: {nl: Schriftelijk bevestigd?, en: Confirmed in writing?}
        why: {nl: Omdat., en: Because.}
        options:
          - {value: "yes", next: contract-ok}
          - {value: "no", next: contract-no}
    \(outcome("call-ok", "allowed-if"))
    \(outcome("call-no", "not-allowed"))
    \(outcome("contract-ok", "allowed"))
    \(outcome("contract-no", "not-allowed"))
    """

    static func knowledge(nodes: String = nodes) throws -> KnowledgeBase {
        try Linter.validated(Tiny.sources(facts: facts, nodes: nodes))
    }

    @Test("a part that allows lets the walk go on, and the advice is as strict as the part")
    func partThatAllows() throws {
        let kb = try Self.knowledge()
        let advice = try Engine.advise(kb, facts: ["purpose": "contract", "consent": "yes", "confirmed": "yes"], on: date("2026-11-29"))
        #expect(advice.outcome?.id == "contract-ok")
        #expect(advice.parts.map(\.outcome.id) == ["call-ok"])
        // The contract alone would be plainly allowed; the call behind it needed consent.
        #expect(advice.outcome?.verdict == .allowed)
        #expect(advice.verdict == .allowedIf)
        #expect(advice.path.map(\.questionID) == ["q1", "call-consent", "contract-confirmed"])
        let text = AdviceRenderer.text(AdviceReport(advice, in: kb, language: .en), language: .en)
        #expect(text.hasPrefix("ALLOWED IF YOU MEET THE CONDITIONS"))
        #expect(text.contains("The sales call itself"))
        #expect(text.contains("Condition call-ok."))
        #expect(text.contains("Source call-ok (statute)"))
    }

    @Test("a part that does not allow is the advice: the walk stops there")
    func partThatForbids() throws {
        let kb = try Self.knowledge()
        let advice = try Engine.advise(kb, facts: ["purpose": "contract", "consent": "no"], on: date("2026-11-29"))
        #expect(advice.outcome?.id == "call-no")
        #expect(advice.verdict == .notAllowed)
        #expect(advice.parts.isEmpty)
    }

    @Test("the same outcomes are final when the part's nodes are reached directly")
    func reachedDirectly() throws {
        let kb = try Self.knowledge()
        let advice = try Engine.advise(kb, facts: ["purpose": "call", "consent": "yes"], on: date("2026-11-29"))
        #expect(advice.outcome?.id == "call-ok")
        #expect(advice.parts.isEmpty)
    }

    @Test("every path through a part is enumerated with the part's outcome and the overall verdict")
    func enumeration() throws {
        let kb = try Self.knowledge()
        let paths = PathEnumerator.paths(in: kb)
        #expect(paths.count == 5)
        for path in paths {
            let advice = try Engine.advise(kb, facts: path.facts, on: date("2026-11-29"))
            #expect(advice.outcome?.id == path.outcome.id)
            #expect(advice.verdict == path.verdict)
        }
        let table = GraphRenderer.table(kb, language: .en)
        #expect(table.contains("sales-call: Allowed if you meet the conditions (call-ok)"))
    }

    @Test("walking by question never lends one question's answer to another that asks the same fact")
    func answersBelongToQuestions() throws {
        let kb = try Self.knowledge()
        let answers = ["q1": "contract", "call-consent": "yes"]
        let advice = try Engine.walk(kb, on: date("2026-11-29")) { answers[$0.id] }
        #expect(advice.missing?.id == "contract-confirmed")
    }

    @Test("lint reports a fact asked twice on one path, also across a part")
    func repeatedFact() {
        let twice = Self.nodes.replacingOccurrences(of: "ask: confirmed", with: "ask: consent")
        let problems = Tiny.problems(facts: Self.facts, nodes: twice)
        #expect(problems.contains { $0.kind == .repeatedFact && $0.message.contains("'contract-confirmed'") }, "\(problems)")
    }

    @Test("lint reports a question that lists a fact's options in another order than the first question asking it")
    func optionOrder() {
        let swapped = Self.nodes.replacingOccurrences(of: """
              - {value: "yes", next: contract-ok}
              - {value: "no", next: contract-no}
        """, with: """
              - {value: "no", next: contract-no}
              - {value: "yes", next: contract-ok}
        """).replacingOccurrences(of: "ask: confirmed", with: "ask: consent")
        let problems = Tiny.problems(facts: Self.facts, nodes: swapped)
        #expect(problems.contains { $0.kind == .optionOrder && $0.message.contains("'contract-confirmed'") }, "\(problems)")
    }

    @Test("a legal reference in words needs every language; an article number does not")
    func referenceTranslations() {
        let clean = Tiny.problems(facts: Self.facts, nodes: Self.nodes)
        #expect(clean.isEmpty, "\(clean)")
        let dutchOnly = Self.nodes.replacingOccurrences(of: "{nl: Bron call-ok, en: Source call-ok}", with: "{nl: Bron call-ok}")
        let problems = Tiny.problems(facts: Self.facts, nodes: dutchOnly)
        #expect(problems.contains { $0.kind == .missingTranslation && $0.message.contains("legal reference of 'call-ok'") }, "\(problems)")
    }

    @Test("a part without a label, or with an empty 'then', is reported at its line")
    func brokenPart() {
        let problems = Tiny.problems(facts: Self.facts, nodes: Self.nodes.replacingOccurrences(of: "    then: contract-confirmed\n", with: ""))
        #expect(problems.contains { $0.kind == .missingField && $0.location.line == 9 }, "\(problems)")
    }
}
