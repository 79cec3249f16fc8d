import DMCCCore
import Foundation
import Testing

/// Two nodes that ask the same fact in the same words are one question to the person (tryout,
/// 29 November 2026): with "don't know" on the relationship, the customer and the donor branch each
/// reached their own "member of staff or machine?" node, the wizard asked it twice, and the record kept
/// `call-method` both `live` and `automated`, so the letter showed two answers to one question.
@Suite("A question asked in the same words is asked once")
struct SameQuestionTests {
    let kb = Shipped.knowledge

    /// A charity calls a consumer without consent, relationship "don't know", then every later question
    /// answered "yes" (or its first option), a member of staff on the line. Returns the ids asked.
    func charityRelationshipUnknown() -> (WizardDriver, asked: [String]) {
        var w = WizardDriver()
        w.choose("marketing-call", "consumer", "marketing", "no", "no", "charity")
        #expect(kb.question(w.asking ?? "")?.fact == "relationship")
        w.press("u")
        var asked: [String] = []
        while let id = w.asking, asked.count < 40, let q = kb.question(id) {
            asked.append(id)
            w.choose(q.fact == "call-method" ? "live" : q.options.contains { $0.value == "yes" } ? "yes" : q.options[0].value)
        }
        return (w, asked)
    }

    @Test("the shipped knowledge has such questions: the call-method nodes share one answer key")
    func shippedKnowledgeSharesKeys() {
        let asking = kb.nodes.compactMap { node -> Question? in
            if case .question(let q) = node, q.fact == "call-method" { return q }
            return nil
        }
        #expect(asking.count >= 3, "the test needs several call-method nodes")
        #expect(Set(asking.map { kb.answerKey($0.id) }).count == 1)
        // Different words stay different questions: the consent questions are not merged.
        let consent = kb.nodes.compactMap { node -> String? in
            if case .question(let q) = node, q.fact == "consent" { return kb.answerKey(q.id) }
            return nil
        }
        #expect(Set(consent).count > 1)
    }

    @Test("with the relationship unknown, 'member of staff or machine?' is asked once and serves every branch")
    func askedOnceAcrossBranches() throws {
        let (w, asked) = charityRelationshipUnknown()
        let methodQuestions = asked.filter { kb.question($0)?.fact == "call-method" }
        #expect(methodQuestions.count == 1, "asked: \(asked)")
        let exploration = try #require(w.state.exploration(kb))
        #expect(exploration.isComplete)
        // Every branch that met a call-method node took the one answer.
        let methods = exploration.branches.flatMap(\.advice.path).filter { $0.fact == "call-method" }
        #expect(methods.count >= 2, "both the customer and the donor branch meet the question")
        #expect(methods.allSatisfy { $0.value == "live" })
        #expect(!exploration.branches.contains { $0.advice.outcome?.id == "out-call-automated-no-consent" })
        // The record and the review list it once.
        let steps = w.state.session.steps(exploration, kb, language: .nl)
        #expect(steps.filter { $0.fact == "call-method" }.count == 1)
    }

    @Test("changing that one answer in review changes it for every branch")
    func oneAnswerForAll() throws {
        var (w, _) = charityRelationshipUnknown()
        let methodID = try #require(w.state.session.answers.keys.first { kb.question($0)?.fact == "call-method" })
        w.state.session.answers[methodID]?.given = SessionAnswer.Given(value: .value("automated"), time: "")
        let exploration = try #require(w.state.exploration(kb))
        let methods = exploration.branches.flatMap(\.advice.path).filter { $0.fact == "call-method" }
        #expect(!methods.isEmpty && methods.allSatisfy { $0.value == "automated" })
    }

    @Test("a record of such a session explores again to the same advice (replay, resolve)")
    func recordExploresAgain() throws {
        let (w, _) = charityRelationshipUnknown()
        let exploration = try #require(w.state.exploration(kb))
        let record = w.state.session.record(exploration, id: "20261129-100000-abcdef", created: "2026-11-29T10:00:00+01:00",
                                            programVersion: "test", kb: kb, language: .nl)
        #expect(record.steps.filter { $0.fact == "call-method" }.count == 1)
        let again = try record.explore(against: kb)
        #expect(again.isComplete, "a record with the question once still answers every branch")
        #expect(again.branches.map(\.advice.outcome?.id) == exploration.branches.map(\.advice.outcome?.id))
    }
}
