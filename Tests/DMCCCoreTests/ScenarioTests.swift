import DMCCCore
import Testing

/// One consultant's question: the facts, the action date, and the advice we expect.
struct ScenarioCase: CustomTestStringConvertible, Sendable {
    let name: String
    let facts: String
    let date: String
    let verdict: Verdict
    let outcome: String

    init(_ name: String, _ facts: String, on date: String = "2026-11-29", _ verdict: Verdict, _ outcome: String) {
        self.name = name
        self.facts = facts
        self.date = date
        self.verdict = verdict
        self.outcome = outcome
    }

    var testDescription: String { name }

    var factMap: [String: String] {
        Dictionary(uniqueKeysWithValues: facts.split(separator: " ").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (kv[0], kv[1])
        })
    }
}

// Facts that reach the soft opt-in outcome, shared by several cases below.
private let softOptIn = "objected=no consent=no obtained-in-sale=yes informed-at-collection=yes opt-out-offered=yes similar-offer=yes same-entity=yes"
private let callCustomer = "purpose=marketing-call recipient=consumer objected=no consent=no within-3-years=yes informed-at-collection=yes opt-out-offered=yes similar-offer=yes"
private let digital = "purpose=phone-contract recipient=consumer call-initiator=trader contract-type=regular-supply renewal=no confirmation=digital"

let commercialMessages: [ScenarioCase] = [
    .init("e-mail to a prospect without opt-in", "purpose=marketing-message channel=email objected=no consent=no relationship=none", .notAllowed, "out-msg-no-relationship"),
    .init("e-mail with an active opt-in", "purpose=marketing-message channel=email objected=no consent=yes", .allowedIf, "out-msg-consent"),
    .init("SMS with an active opt-in", "purpose=marketing-message channel=sms objected=no consent=yes", .allowedIf, "out-msg-consent"),
    .init("WhatsApp to a customer under the soft opt-in", "purpose=marketing-message channel=messaging-app relationship=customer \(softOptIn)", .allowedIf, "out-soi-applies"),
    .init("e-mail to a donor under the soft opt-in", "purpose=marketing-message channel=email relationship=donor \(softOptIn)", .allowedIf, "out-soi-applies"),
    .init("soft opt-in needs the address from the sale itself", "purpose=marketing-message channel=email objected=no consent=no relationship=customer obtained-in-sale=no", .notAllowed, "out-soi-not-from-sale"),
    .init("soft opt-in needs the customer to know newsletters follow", "purpose=marketing-message channel=email objected=no consent=no relationship=customer obtained-in-sale=yes informed-at-collection=no", .notAllowed, "out-soi-collection-flawed"),
    .init("soft opt-in needs a way to refuse at collection", "purpose=marketing-message channel=email objected=no consent=no relationship=customer obtained-in-sale=yes informed-at-collection=yes opt-out-offered=no", .notAllowed, "out-soi-collection-flawed"),
    .init("bought shoes, offer kitchen appliances", "purpose=marketing-message channel=email objected=no consent=no relationship=customer obtained-in-sale=yes informed-at-collection=yes opt-out-offered=yes similar-offer=no", .notAllowed, "out-soi-not-similar"),
    .init("sister brand e-mails the other brand's customers", "purpose=marketing-message channel=email objected=no consent=no relationship=customer obtained-in-sale=yes informed-at-collection=yes opt-out-offered=yes similar-offer=yes same-entity=no", .notAllowed, "out-soi-other-entity"),
    .init("an unsubscription overrides an earlier opt-in", "purpose=marketing-message channel=email objected=yes consent=yes", .notAllowed, "out-msg-objected"),
    .init("objected in 2023, buys again in 2026", "purpose=marketing-message channel=email objected=yes relationship=customer", on: "2026-03-15", .notAllowed, "out-msg-objected"),
    .init("customer bought 4 years ago: e-mail soft opt-in has no statutory limit", "purpose=marketing-message channel=email relationship=customer within-3-years=no \(softOptIn)", .allowedIf, "out-soi-applies"),
    .init("e-mail after an aborted purchase only", "purpose=marketing-message channel=email objected=no consent=no relationship=aborted-purchase", .notAllowed, "out-aborted-purchase"),
]

let abandonedCart: [ScenarioCase] = [
    .init("cart reminder with opt-in given at account creation", "purpose=cart-reminder objected=no consent=yes", .allowedIf, "out-msg-consent"),
    .init("cart reminder after an aborted purchase without opt-in", "purpose=cart-reminder objected=no consent=no relationship=aborted-purchase", .notAllowed, "out-aborted-purchase"),
    .init("cart reminder to a visitor with no relationship", "purpose=cart-reminder objected=no consent=no relationship=none", .notAllowed, "out-aborted-purchase"),
    .init("cart reminder to an existing customer under the soft opt-in", "purpose=cart-reminder relationship=customer \(softOptIn)", .allowedIf, "out-soi-applies"),
    .init("cart reminder to someone who unsubscribed", "purpose=cart-reminder objected=yes", .notAllowed, "out-msg-objected"),
    .init("cart reminder to a customer whose address did not come from a sale", "purpose=cart-reminder objected=no consent=no relationship=customer obtained-in-sale=no", .notAllowed, "out-soi-not-from-sale"),
]

let customAudiences: [ScenarioCase] = [
    .init("custom audience with information and specific consent", "purpose=custom-audience objected=no informed-at-collection=yes consent=yes", .allowedIf, "out-ca-consent"),
    .init("newsletter consent does not cover custom audiences", "purpose=custom-audience objected=no informed-at-collection=yes consent=no relationship=customer", .notAllowed, "out-ca-customer-no-consent"),
    .init("custom audience without information at collection", "purpose=custom-audience objected=no informed-at-collection=no", .notAllowed, "out-ca-not-informed"),
    .init("prospects always need consent for custom audiences", "purpose=custom-audience objected=no informed-at-collection=yes consent=no relationship=none", .notAllowed, "out-ca-prospect"),
    .init("custom audience after an objection", "purpose=custom-audience objected=yes", .notAllowed, "out-ca-objected"),
]

let phoneContracts: [ScenarioCase] = [
    .init("energy sale confirmed by voicelog only", "purpose=phone-contract recipient=consumer call-initiator=trader contract-type=regular-supply renewal=no confirmation=voicelog", .notAllowed, "out-pc-voicelog"),
    .init("energy sale never confirmed", "purpose=phone-contract recipient=consumer call-initiator=trader contract-type=regular-supply renewal=no confirmation=none", .notAllowed, "out-pc-no-confirmation"),
    .init("energy sale confirmed on paper", "purpose=phone-contract recipient=consumer call-initiator=trader contract-type=regular-supply renewal=no confirmation=paper", .allowedIf, "out-pc-paper"),
    .init("energy sale confirmed by WhatsApp meeting every requirement", "\(digital) full-agreement=yes durable-medium=yes consumer-specific=yes retrievable=yes provable=yes", .allowedIf, "out-pc-digital-ok"),
    .init("digital confirmation without the full agreement", "\(digital) full-agreement=no", .notAllowed, "out-pc-digital-incomplete"),
    .init("digital confirmation not on a durable medium", "\(digital) full-agreement=yes durable-medium=no", .notAllowed, "out-pc-digital-incomplete"),
    .init("digital confirmation with general terms only", "\(digital) full-agreement=yes durable-medium=yes consumer-specific=no", .notAllowed, "out-pc-digital-incomplete"),
    .init("digital confirmation that cannot be re-read later", "\(digital) full-agreement=yes durable-medium=yes consumer-specific=yes retrievable=no", .notAllowed, "out-pc-digital-incomplete"),
    .init("digital confirmation the trader cannot prove", "\(digital) full-agreement=yes durable-medium=yes consumer-specific=yes retrievable=yes provable=no", .notAllowed, "out-pc-digital-incomplete"),
    .init("the consumer called us", "purpose=phone-contract recipient=consumer call-initiator=consumer", .allowedIf, "out-pc-consumer-called"),
    .init("renewal of an existing energy contract", "purpose=phone-contract recipient=consumer call-initiator=trader contract-type=regular-supply renewal=yes", .allowedIf, "out-pc-renewal"),
    .init("contract with a legal entity by phone", "purpose=phone-contract recipient=business", .allowed, "out-pc-not-consumer"),
    .init("other contract concluded by phone", "purpose=phone-contract recipient=consumer call-initiator=trader contract-type=other", .allowedIf, "out-pc-other-contract"),
]

let calls: [ScenarioCase] = [
    .init("charity calls an SMS donor after 1 July 2026", "\(callCustomer) sender=charity relationship=donor", on: "2026-11-29", .allowedIf, "out-call-customer-exception"),
    .init("charity calls an SMS donor before 1 July 2026", "\(callCustomer) relationship=donor", on: "2026-06-30", .allowedIf, "out-call-customer-exception"),
    .init("business calls own customers on 30 June 2026", "\(callCustomer) sender=business relationship=customer", on: "2026-06-30", .allowedIf, "out-call-customer-exception"),
    .init("business calls own customers on 1 July 2026", "\(callCustomer) sender=business relationship=customer", on: "2026-07-01", .notAllowed, "out-call-business-2026"),
    .init("charity lottery calls its players after the change", "\(callCustomer) sender=charity-lottery relationship=customer", on: "2026-08-01", .allowedIf, "out-call-customer-exception"),
    .init("publisher calls its subscribers after the change", "\(callCustomer) sender=publisher relationship=customer", .allowedIf, "out-call-customer-exception"),
    .init("customer bought 4 years ago, called in March 2026", "purpose=marketing-call recipient=consumer objected=no consent=no relationship=customer within-3-years=no", on: "2026-03-01", .notAllowed, "out-call-relationship-expired"),
    .init("customer bought 4 years ago, business calls after July 2026", "purpose=marketing-call recipient=consumer objected=no consent=no sender=business relationship=customer within-3-years=no", .notAllowed, "out-call-business-2026"),
    .init("charity donor who last gave 4 years ago", "purpose=marketing-call recipient=consumer objected=no consent=no sender=charity relationship=donor within-3-years=no", .notAllowed, "out-call-relationship-expired"),
    .init("calling a legal entity without consent", "purpose=marketing-call recipient=business objected=no", .allowedIf, "out-call-legal-entity"),
    .init("calling a legal entity that objected", "purpose=marketing-call recipient=business objected=yes", .notAllowed, "out-call-objected"),
    .init("calling a sole trader without consent or relationship", "purpose=marketing-call recipient=sole-trader objected=no consent=no relationship=none", on: "2026-05-01", .notAllowed, "out-call-no-relationship"),
    .init("calling a consumer with provable consent", "purpose=marketing-call recipient=consumer objected=no consent=yes", .allowedIf, "out-call-consent"),
    .init("donor not told the number would be used for calls", "purpose=marketing-call recipient=consumer objected=no consent=no sender=charity relationship=donor within-3-years=yes informed-at-collection=no", .notAllowed, "out-call-not-informed"),
    .init("donor who could not opt out of calls", "purpose=marketing-call recipient=consumer objected=no consent=no sender=charity relationship=donor within-3-years=yes informed-at-collection=yes opt-out-offered=no", .notAllowed, "out-call-not-informed"),
    .init("charity calls a donor about an unrelated product", "\(callCustomer.replacingSimilar()) sender=charity relationship=donor similar-offer=no", .notAllowed, "out-call-not-similar"),
    .init("calling a consumer who objected", "purpose=marketing-call recipient=consumer objected=yes consent=yes", .notAllowed, "out-call-objected"),
]

let objections: [ScenarioCase] = [
    .init("charging for an objection", "purpose=objection request=stop fee=yes", .notAllowed, "out-obj-fee"),
    .init("letting an objection lapse", "purpose=objection request=stop fee=no time-limited=yes", .notAllowed, "out-obj-time-limited"),
    .init("honouring an objection free and indefinitely", "purpose=objection request=stop fee=no time-limited=no", .allowedIf, "out-obj-honoured"),
    .init("re-subscription proposed by the company", "purpose=objection request=resubscribe initiative=company", .notAllowed, "out-obj-company-initiative"),
    .init("re-subscription on the person's own recorded request", "purpose=objection request=resubscribe initiative=consumer recorded=yes", .allowedIf, "out-obj-resubscribe"),
    .init("re-subscription asked for but not recorded", "purpose=objection request=resubscribe initiative=consumer recorded=no", .notAllowed, "out-obj-not-recorded"),
]

let post: [ScenarioCase] = [
    .init("unaddressed leaflets", "purpose=marketing-message channel=post addressed=no", .allowedIf, "out-post-unaddressed"),
    .init("addressed post to customers", "purpose=marketing-message channel=post addressed=yes objected=no relationship=customer", .allowedIf, "out-post-customer"),
    .init("addressed post to prospects", "purpose=marketing-message channel=post addressed=yes objected=no relationship=none", .allowedIf, "out-post-prospect"),
    .init("addressed post after an objection", "purpose=marketing-message channel=post addressed=yes objected=yes", .notAllowed, "out-post-objected"),
]

private extension String {
    /// The call-customer facts without their similar-offer answer, for the one case that flips it.
    func replacingSimilar() -> String {
        split(separator: " ").filter { !$0.hasPrefix("similar-offer=") }.joined(separator: " ")
    }
}

@Suite("Advice for the consultancy's scenarios and the edge cases in the knowledge notes")
struct ScenarioTests {
    static let all = commercialMessages + abandonedCart + customAudiences + phoneContracts + calls + objections + post

    @Test("gives the expected verdict", arguments: all)
    func expectedVerdict(_ c: ScenarioCase) throws {
        let advice = try Engine.advise(Shipped.knowledge, facts: c.factMap, on: date(c.date))
        let outcome = try #require(advice.outcome, "advice is incomplete: missing \(advice.missing?.fact ?? "?")")
        #expect(outcome.id == c.outcome)
        #expect(outcome.verdict == c.verdict)
    }

    @Test("there are at least 40 checked fact combinations")
    func enoughCases() {
        #expect(Self.all.count >= 40)
    }

    @Test("every not-allowed advice says what can still be done", arguments: all.filter { $0.verdict == .notAllowed })
    func notAllowedHasAlternatives(_ c: ScenarioCase) throws {
        let outcome = try #require(try Engine.advise(Shipped.knowledge, facts: c.factMap, on: date(c.date)).outcome)
        #expect(!outcome.alternatives.isEmpty)
    }

    @Test("calls after 1 July 2026 report the rule change as applied")
    func ruleChangeAfter() throws {
        let c = calls[0]
        let advice = try Engine.advise(Shipped.knowledge, facts: c.factMap, on: date("2026-07-01"))
        #expect(advice.ruleChanges.map(\.side) == [.onOrAfter])
        #expect(advice.ruleChanges.first?.changeDate == date("2026-07-01"))
    }

    @Test("calls before 1 July 2026 report that the old rule applied")
    func ruleChangeBefore() throws {
        let advice = try Engine.advise(Shipped.knowledge, facts: calls[1].factMap, on: date("2026-06-30"))
        #expect(advice.ruleChanges.map(\.side) == [.before])
    }

    @Test("advice for a date before the Bel-me-niet register ended is refused, not guessed")
    func beforeCoverage() {
        #expect(throws: AdviceError.dateNotCovered(date("2021-06-30"), coversFrom: date("2021-07-01"))) {
            try Engine.advise(Shipped.knowledge, facts: calls[1].factMap, on: date("2021-06-30"))
        }
    }

    @Test("the soft opt-in advice after a long silence recommends fresh consent")
    func longSilenceAdvice() throws {
        let outcome = try #require(try Engine.advise(Shipped.knowledge, facts: commercialMessages[12].factMap, on: date("2026-11-29")).outcome)
        #expect(outcome.conditions.contains { $0.text(.en).contains("fresh consent") })
    }

    @Test("the customer-exception advice no longer mentions the Bel-me-niet register as a rule")
    func registerIsGone() throws {
        let outcome = try #require(try Engine.advise(Shipped.knowledge, facts: calls[0].factMap, on: date("2026-11-29")).outcome)
        #expect(outcome.explanation.text(.en).contains("no longer exists"))
        #expect(!outcome.conditions.contains { $0.text(.nl).contains("Bel-me-niet") })
    }
}
