import DMCCCore
import Foundation
import Testing

/// The consultants' own cases (`Knowledge/cases/*.yaml`), read and run as `dmcc-advisor test` does.
enum ShippedCases {
    static let sources: [KnowledgeSource] = {
        let folder = Shipped.folder.appendingPathComponent("cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            let data = (try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()
            return KnowledgeSource(path: "Knowledge/cases/" + name, bytes: [UInt8](data))
        }
    }()

    static let report = CaseLoader.load(sources, for: Shipped.knowledge)
}

extension AdviceCase: CustomTestStringConvertible {
    public var testDescription: String { "\(location): \(name)" }
}

@Suite("Advice for the consultancy's scenarios: the consultants' cases and the rules behind them")
struct ScenarioTests {
    let kb = Shipped.knowledge

    @Test("the case files read without a problem")
    func casesRead() {
        #expect(ShippedCases.report.problems.isEmpty, "\(ShippedCases.report.problems.map(\.description))")
        #expect(ShippedCases.report.unreadable == 0)
    }

    @Test("each consultant case gets the expected verdict and outcome", arguments: ShippedCases.report.cases)
    func expectedAdvice(_ c: AdviceCase) {
        let result = CaseRunner.run(c, in: Shipped.knowledge)
        #expect(result.passed, "\(result.failureLine ?? "")")
    }

    @Test("there are at least 40 cases, and every outcome is reached by one")
    func everyOutcomeHasACase() {
        let cases = ShippedCases.report.cases
        #expect(cases.count >= 40)
        let reached = Set(CaseRunner.run(cases, in: kb).flatMap(\.reachedOutcomes))
        for case .outcome(let o) in kb.nodes {
            #expect(reached.contains(o.id), "no case reaches \(o.id) (\(o.location))")
        }
    }

    @Test("every not-allowed or conditional outcome says what can still be done")
    func notAllowedHasAlternatives() {
        for case .outcome(let o) in kb.nodes where o.verdict != .allowed {
            #expect(!o.alternatives.isEmpty, "\(o.id) has no alternatives")
        }
    }

    /// A consumer called for marketing without consent, by a business, up to the caller question.
    let uninvitedCall = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing",
                         "objected": "no", "consent": "no", "sender": "business"]

    @Test("a business calling its customers after 1 July 2026 needs consent, and the advice names the change")
    func ruleChangeAfter() throws {
        let advice = try Engine.advise(kb, facts: uninvitedCall.merging(["relationship": "customer"]) { $1 }, on: date("2026-07-01"))
        #expect(advice.outcome?.id == "out-call-business-2026")
        #expect(advice.verdict == .notAllowed)
        #expect(advice.ruleChanges.contains { $0.side == .onOrAfter && $0.changeDate == date("2026-07-01") })
    }

    /// The customer-exception answers after the caller question, for a live call.
    let customerCall = ["relationship": "customer", "obtained-in-sale": "yes", "same-entity": "yes",
                        "informed-at-collection": "yes", "opt-out-offered": "yes", "similar-offer": "yes",
                        "within-3-years": "yes", "call-method": "live"]

    @Test("a business calling its customer on 30 June 2026 gets the 1 July 2026 change once; a charity, lottery or publisher, which keeps the exception, none")
    func oneRuleChangePerCustomerCall() throws {
        let business = try Engine.advise(kb, facts: uninvitedCall.merging(customerCall) { $1 }, on: date("2026-06-30"))
        #expect(business.outcome?.id == "out-call-customer-exception")
        #expect(business.ruleChanges.map(\.switchID) == ["call-rule-2026"])
        for sender in ["charity", "charity-lottery", "publisher"] {
            for day in ["2026-06-30", "2026-07-01"] {
                let facts = uninvitedCall.merging(customerCall) { $1 }.merging(["sender": sender]) { $1 }
                let advice = try Engine.advise(kb, facts: facts, on: date(day))
                #expect(advice.outcome?.id == "out-call-customer-exception-2026", "\(sender) \(day)")
                #expect(advice.ruleChanges.isEmpty, "\(sender) \(day)")
            }
        }
    }

    @Test("the day before, the old rule applies and the customer exception can still be used")
    func ruleChangeBefore() throws {
        let advice = try Engine.advise(kb, facts: uninvitedCall, on: date("2026-06-30"))
        #expect(advice.ruleChanges.allSatisfy { $0.side == .before })
        #expect(!advice.ruleChanges.isEmpty)
        #expect(advice.outcome?.id != "out-call-business-2026")
    }

    @Test("a renewal call to an energy customer without consent is not allowed after 1 July 2026")
    func renewalCallNeedsConsent() throws {
        let facts = ["purpose": "phone-contract", "call-initiator": "trader", "recipient": "consumer", "objected": "no",
                     "consent": "no", "sender": "business", "relationship": "customer"]
        let advice = try Engine.advise(kb, facts: facts, on: date("2026-11-29"))
        #expect(advice.verdict == .notAllowed, "\(advice.outcome?.id ?? "incomplete: \(advice.missing?.id ?? "")")")
    }

    @Test("advice for a date before the Bel-me-niet register ended is refused, not guessed")
    func beforeCoverage() {
        #expect(throws: AdviceError.dateNotCovered(date("2021-06-30"), coversFrom: date("2021-07-01"))) {
            try Engine.advise(kb, facts: uninvitedCall, on: date("2021-06-30"))
        }
    }

    @Test("no call outcome presents the Bel-me-niet register as a rule that still applies")
    func registerIsGone() {
        for case .outcome(let o) in kb.nodes where o.id.hasPrefix("out-call") {
            #expect(!o.conditions.contains { $0.text(.nl).contains("Bel-me-niet") }, "\(o.id)")
        }
    }
}
