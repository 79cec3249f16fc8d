import DMCCCore
import Foundation

/// Records with open points as `advise --fact NAME=unknown --save` makes them: the same session steps.
enum OpenPointRecords {
    /// A marketing call to a consumer who did not consent; the business calls on 29 November 2026.
    static let consumerCall = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing",
                               "objected": "no", "consent": "no", "sender": "business"]

    static func record(_ facts: [String: String], id: String = "20261129-100000-00000a", language: Language = .nl,
                       client: String = "Bakkerij Jansen", on day: String = "2026-11-29",
                       kb: KnowledgeBase = Shipped.knowledge) throws -> AdviceRecord {
        let exploration = try Engine.explore(kb, facts: facts, on: date(day))
        var session = Session(id: "advise", date: exploration.date)
        for step in exploration.steps {
            let given = facts[step.fact] == Answer.unknownSpelling ? Answer.unknown : .value(step.value)
            session[answerTo: step.questionID, in: kb] = SessionAnswer(given: SessionAnswer.Given(value: given, time: ""))
        }
        session.client = client
        return session.record(exploration, id: id, created: "2026-11-29T10:00:00+01:00", programVersion: "test", kb: kb,
                              language: language)
    }
}
