import DMCCCore
import Foundation
import Testing

/// "Don't know" answers: the engine follows every branch an unknown opens, and the advice says what
/// holds whatever the answer, or what is safe until the unknown is confirmed.
@Suite("Don't know: advice that follows every branch of an unknown answer")
struct UnknownAnswerTests {
    let kb = Shipped.knowledge

    /// The answers of a path, by question id, with the date the path is taken on.
    func answers(of path: DecisionPath) -> ([String: String], CalendarDate) {
        var byQuestion: [String: String] = [:]
        for case .answer(let question, _, let value) in path.steps { byQuestion[question] = value }
        return (byQuestion, path.representativeDate(coversFrom: kb.metadata.coversFrom))
    }

    @Test("for every path and every question on it, 'unknown' gives one branch per option, each equal to the definite advice")
    func branchesMatchDefiniteAnswers() throws {
        var checked = 0
        for path in PathEnumerator.paths(in: kb) {
            let (given, date) = answers(of: path)
            for (question, _) in given {
                let exploration = try Engine.explore(kb, on: date) { q in
                    q.id == question ? .unknown : given[q.id].map(Answer.value)
                }
                let options = try #require(kb.question(question)).options.map(\.value)
                #expect(exploration.branches.map { $0.assumptions.map(\.value) } == options.map { [$0] })
                for branch in exploration.branches {
                    let value = try #require(branch.assumptions.first?.value)
                    let definite = try Engine.walk(kb, on: date) { q in q.id == question ? value : given[q.id] }
                    #expect(branch.advice == definite, "path to \(path.outcome.id), \(question)=\(value)")
                }
                // The verdicts of the branches are exactly the verdicts of the complete definite answers.
                let definiteVerdicts = Set(try options.compactMap { value in
                    try Engine.walk(kb, on: date) { q in q.id == question ? value : given[q.id] }.verdict
                })
                #expect(Set(exploration.verdicts) == definiteVerdicts)
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    @Test("two unknowns open every combination that the tree can reach, each once")
    func twoUnknowns() throws {
        let facts = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing", "objected": "unknown", "consent": "unknown"]
        let exploration = try Engine.explore(kb, facts: facts, on: date("2026-11-29"))
        let assumed = exploration.branches.map { $0.assumptions.map { "\($0.fact)=\($0.value)" } }
        #expect(Set(assumed.map { $0.joined(separator: ",") }).count == assumed.count, "a branch is listed twice")
        #expect(assumed.contains(["objected=yes"]))
        #expect(assumed.contains(["objected=no", "consent=yes"]))
        #expect(assumed.contains { $0.starts(with: ["objected=no", "consent=no"]) })
        #expect(exploration.safeVerdict == .notAllowed)
        #expect(exploration.isConditional)
    }

    @Test("when every branch ends in the same verdict, the advice says it holds whatever the answer")
    func unknownThatDoesNotMatter() throws {
        let facts = ["purpose": "marketing-call", "recipient": "unknown", "call-kind": "marketing", "objected": "yes"]
        let exploration = try Engine.explore(kb, facts: facts, on: date("2026-11-29"))
        #expect(!exploration.isConditional)
        let report = ExplorationReport(exploration, in: kb, language: .en)
        #expect(report.status == "complete")
        #expect(report.verdict == Verdict.notAllowed.rawValue)
        let text = AdviceRenderer.text(report, language: .en)
        #expect(text.contains("This holds whatever the answer to these questions:"))
    }

    @Test("the branch limit stops a runaway exploration and says so")
    func bounded() throws {
        let facts = ["purpose": "unknown"]
        let exploration = try Engine.explore(kb, on: date("2026-11-29"), limit: 3) { q in
            q.fact == "purpose" ? .unknown : nil
        }
        // Branches that still need answers are kept too (the wizard asks them); the bound cuts the rest.
        #expect(exploration.branches.count == 3)
        #expect(exploration.truncated)
        _ = facts
    }

    @Test("lint refuses a fact value spelled 'unknown', which is reserved for don't know")
    func reservedSpelling() {
        let facts = Tiny.facts.replacingOccurrences(of: "{value: \"no\", nl: Nee, en: \"No\"}", with: "{value: unknown, nl: Nee, en: \"No\"}")
        let problems = Tiny.problems(facts: facts)
        #expect(problems.contains { $0.kind == .invalidValue && $0.message.contains("don't know") && $0.location.line == 6 }, "\(problems)")
    }

    @Test("an unknown fact name is refused with the valid ones, also when marked unknown")
    func unknownFactName() {
        #expect(throws: AdviceError.self) { try Engine.facts(from: ["consnet=unknown"], in: kb) }
        #expect((try? Engine.facts(from: ["consent=unknown"], in: kb)) == ["consent": "unknown"])
    }

    @Test("advise with an unknown that changes the verdict exits 6 with a conditional JSON advice")
    func conditionalOnTheCommandLine() throws {
        let r = try Program.run(["advise", "--fact", "purpose=marketing-call", "--fact", "recipient=consumer",
                                 "--fact", "call-kind=marketing", "--fact", "objected=no", "--fact", "consent=unknown", "--fact", "sender=business",
                                 "--date", "2026-11-29", "--format", "json"])
        #expect(r.status == 6, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "conditional")
        #expect(json["safe-verdict"] as? String == "not-allowed")
        let branches = try #require(json["branches"] as? [[String: Any]])
        #expect(branches.count == 2)
        let confirm = try #require(json["to-confirm"] as? [[String: Any]])
        #expect(confirm.first?["fact"] as? String == "consent")
        let text = try Program.run(["advise", "--fact", "purpose=marketing-call", "--fact", "recipient=consumer",
                                    "--fact", "call-kind=marketing", "--fact", "objected=no", "--fact", "consent=unknown", "--fact", "sender=business",
                                    "--date", "2026-11-29"])
        #expect(text.stdout.hasPrefix("VOORWAARDELIJK ADVIES\nTot de open punten hieronder bevestigd zijn: behandel dit als niet toegestaan."))
        #expect(text.stdout.contains("Te bevestigen"))
        // What settles the open point comes from the fact's evidence in the knowledge.
        #expect(text.stdout.contains("Hoe u dit vaststelt: Het toestemmingsbewijs per adres of nummer"))
        #expect(confirm.first?["evidence"] as? String != nil)
        let markdown = try Program.run(["advise", "--fact", "purpose=marketing-call", "--fact", "recipient=consumer",
                                        "--fact", "call-kind=marketing", "--fact", "objected=no", "--fact", "consent=unknown",
                                        "--fact", "sender=business", "--date", "2026-11-29", "--format", "markdown", "--lang", "en"])
        #expect(markdown.stdout.hasPrefix("# Conditional advice\n\n**Until the open points below are confirmed: treat this as not allowed.**"))
        #expect(markdown.stdout.contains("## To confirm"))
        #expect(markdown.stdout.contains("(`consent=yes`)"))
    }
}
