import DMCCCore
import Testing

@Suite("The shipped knowledge base")
struct KnowledgeTests {
    let kb = Shipped.knowledge

    @Test("lints clean")
    func lintsClean() {
        let (_, problems) = Linter.lint(Shipped.sources)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test("keeps the fact vocabulary contract: these facts and values, with these spellings")
    func vocabularyContract() {
        let contract: [String: [String]] = [
            "purpose": ["marketing-message", "cart-reminder", "custom-audience", "phone-contract", "marketing-call", "objection"],
            "channel": ["email", "sms", "messaging-app", "post"],
            "recipient": ["consumer", "sole-trader", "business"],
            "sender": ["business", "charity", "charity-lottery", "publisher"],
            "relationship": ["none", "customer", "aborted-purchase", "donor"],
            "call-initiator": ["trader", "consumer"],
            "contract-type": ["regular-supply", "other"],
            "confirmation": ["none", "voicelog", "paper", "digital"],
            "request": ["stop", "resubscribe"],
            "initiative": ["consumer", "company"],
            "message-type": ["marketing", "service-with-offer", "service", "tell-a-friend"],
            "consent-source": ["own", "partner"],
            "call-kind": ["service", "marketing"],
            "contract-extra": ["add-on", "bundle", "no"],
        ]
        let yesNo = ["consent", "obtained-in-sale", "informed-at-collection", "opt-out-offered", "objected", "similar-offer",
                     "within-3-years", "full-agreement", "durable-medium", "consumer-specific", "retrievable", "provable",
                     "fee", "time-limited", "recorded", "reward", "published-for-offers", "advertiser-named",
                     "residents-address", "same-entity", "renewal", "addressed"]
        for (fact, values) in contract {
            let have = Set(kb.factsByID[fact]?.values.map(\.value) ?? [])
            #expect(have.isSuperset(of: values), "fact \(fact)")
        }
        for fact in yesNo {
            let have = Set(kb.factsByID[fact]?.values.map(\.value) ?? [])
            #expect(have.isSuperset(of: ["yes", "no"]), "fact \(fact)")
        }
    }

    @Test("every path from the root ends in an outcome with a verdict, a legal basis and advice text")
    func everyPathEndsInAnOutcome() {
        let paths = PathEnumerator.paths(in: kb)
        #expect(paths.count > 50)
        for path in paths {
            #expect(!path.outcome.legalBasis.isEmpty, "\(path.outcome.id)")
            #expect(!(path.outcome.conditions.isEmpty && path.outcome.alternatives.isEmpty), "\(path.outcome.id)")
            if path.outcome.verdict == .notAllowed { #expect(!path.outcome.alternatives.isEmpty, "\(path.outcome.id)") }
        }
    }

    @Test("the engine reaches each enumerated path's outcome from that path's answers and date")
    func engineAgreesWithEveryPath() throws {
        for path in PathEnumerator.paths(in: kb) {
            let day = path.representativeDate(coversFrom: kb.metadata.coversFrom)
            let advice = try Engine.advise(kb, facts: path.facts, on: day)
            #expect(advice.outcome?.id == path.outcome.id, "path \(path.steps) on \(day)")
        }
    }

    @Test("every outcome is reachable and every outcome is an answer to some path")
    func allOutcomesUsed() {
        let reached = Set(PathEnumerator.paths(in: kb).map(\.outcome.id))
        let outcomes = kb.nodes.compactMap { node -> String? in if case .outcome(let o) = node { o.id } else { nil } }
        #expect(Set(outcomes) == reached)
    }

    @Test("each source scenario of the Q&A page is answered by outcomes and checked by consultant cases")
    func sourceScenariosCovered() {
        let tested = Set(ShippedCases.report.cases.compactMap { kb.outcome($0.outcome) }.flatMap(\.scenarios))
        for scenario in kb.metadata.scenarios {
            #expect(tested.contains(scenario.id), "scenario \(scenario.id) has no scenario test")
        }
        #expect(kb.metadata.scenarios.filter(\.source).count == 6)
    }

    @Test("every text is in Dutch and English")
    func bilingual() {
        for case .outcome(let o) in kb.nodes {
            for text in [o.title, o.explanation] + o.conditions + o.alternatives {
                #expect(!(text.byLanguage["nl"] ?? "").isEmpty && !(text.byLanguage["en"] ?? "").isEmpty, "\(o.id)")
            }
        }
    }

    @Test("the post-July-2026 call outcome is only reachable on or after its start date")
    func datedOutcome() throws {
        let outcome = try #require(kb.outcome("out-call-business-2026"))
        #expect(outcome.validFrom == date("2026-07-01"))
        for path in PathEnumerator.paths(in: kb) where path.outcome.id == outcome.id {
            #expect(path.steps.contains(.date(switchID: "call-rule-2026", side: .onOrAfter, changeDate: date("2026-07-01"))))
        }
    }

    @Test("the digest changes when one byte of knowledge changes")
    func digestTracksContent() {
        var sources = Shipped.sources
        sources[0].bytes.append(0x20)
        let changed = KnowledgeLoader.load(sources).knowledge.sha256
        #expect(changed != kb.sha256)
        #expect(kb.sha256.count == 64)
    }
}
