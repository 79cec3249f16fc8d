/// The advice resolved into one language: what every output (text, JSON, Markdown, the wizard,
/// saved records) shows. Built from the same data that decided, so it cannot disagree with the verdict.
public struct AdviceReport: Sendable, Equatable, Codable {
    public struct Reference: Sendable, Equatable, Codable {
        public var ref: String
        public var grade: String
        public var gradeLabel: String
        enum CodingKeys: String, CodingKey { case ref, grade, gradeLabel = "grade-label" }
    }

    public struct Step: Sendable, Equatable, Codable {
        public var question: String
        public var text: String
        public var fact: String
        public var value: String
        public var label: String
        /// Set in advice records only: the consultant's note on this question and when it was answered.
        public var note: String?
        public var answered: String?
        /// True when this answer was not given but assumed for one branch of a "don't know" answer.
        public var assumed: Bool?
    }

    public struct RuleChange: Sendable, Equatable, Codable {
        public var id: String
        public var date: String
        public var applies: String
        public var text: String
        public var legalBasis: [Reference]
        enum CodingKeys: String, CodingKey { case id, date, applies, text, legalBasis = "legal-basis" }
    }

    public struct Choice: Sendable, Equatable, Codable {
        public var value: String
        public var label: String
    }

    public struct Missing: Sendable, Equatable, Codable {
        public var fact: String
        public var question: String
        public var text: String
        public var why: String
        public var options: [Choice]
    }

    public struct KnowledgeID: Sendable, Equatable, Codable {
        public var version: String
        public var sha256: String
        /// When the knowledge was last reviewed and is due again (absent in records made before they were kept).
        public var reviewed: String?
        public var reviewDue: String?
        enum CodingKeys: String, CodingKey { case version, sha256, reviewed, reviewDue = "review-due" }
    }

    /// A shared part passed on the way (e.g. the sales call behind a phone contract) and what it requires.
    public struct Part: Sendable, Equatable, Codable {
        public var label: String
        public var outcome: String
        public var verdict: String
        public var verdictLabel: String
        public var title: String
        public var conditions: [String]
        public var legalBasis: [Reference]
        enum CodingKeys: String, CodingKey {
            case label, outcome, verdict, verdictLabel = "verdict-label", title, conditions, legalBasis = "legal-basis"
        }
    }

    public var status: String
    public var verdict: String?
    public var verdictLabel: String?
    public var outcome: String?
    public var title: String?
    public var explanation: String?
    public var scenarios: [String]?
    public var conditions: [String]?
    public var alternatives: [String]?
    public var legalBasis: [Reference]?
    public var parts: [Part]?
    public var path: [Step]
    public var ruleChanges: [RuleChange]
    public var date: String
    public var language: String
    public var knowledge: KnowledgeID
    public var missing: Missing?

    enum CodingKeys: String, CodingKey {
        case status, verdict, verdictLabel = "verdict-label", outcome, title, explanation, scenarios
        case conditions, alternatives, legalBasis = "legal-basis", parts, path, ruleChanges = "rule-changes"
        case date, language, knowledge, missing
    }

    public var isComplete: Bool { status == "complete" }

    /// The advice of one branch of a "don't know" answer: the answers it assumed are marked as assumed.
    public init(_ branch: Exploration.Branch, in kb: KnowledgeBase, language: Language) {
        self.init(branch.advice, in: kb, language: language)
        let assumed = Set(branch.assumptions.map(\.questionID))
        for i in path.indices where assumed.contains(path[i].question) { path[i].assumed = true }
    }

    /// The steps assumed for this branch rather than answered, in path order.
    public var assumedSteps: [Step] { path.filter { $0.assumed == true } }

    public init(_ advice: Advice, in kb: KnowledgeBase, language: Language) {
        func refs(_ list: [LegalReference]) -> [Reference] {
            list.map { Reference(ref: $0.ref.text(language), grade: $0.grade.rawValue, gradeLabel: Wording.grade($0.grade, language)) }
        }
        path = advice.path.map { step in
            let question = kb.question(step.questionID)
            return Step(question: step.questionID, text: question?.text.text(language) ?? step.questionID,
                        fact: step.fact, value: step.value,
                        label: question.map { kb.label(of: step.value, in: $0).text(language) } ?? step.value)
        }
        ruleChanges = advice.ruleChanges.map {
            RuleChange(id: $0.switchID, date: $0.changeDate.description, applies: $0.side.rawValue,
                       text: $0.change.text(language), legalBasis: refs($0.legalBasis))
        }
        date = advice.date.description
        self.language = language.rawValue
        knowledge = KnowledgeID(version: kb.metadata.version, sha256: kb.sha256,
                                reviewed: kb.metadata.reviewed?.description, reviewDue: kb.metadata.reviewDue?.description)
        if !advice.parts.isEmpty {
            parts = advice.parts.map { part in
                Part(label: part.label.text(language), outcome: part.outcome.id, verdict: part.outcome.verdict.rawValue,
                     verdictLabel: Wording.verdict(part.outcome.verdict, language), title: part.outcome.title.text(language),
                     conditions: part.outcome.conditions.map { $0.text(language) }, legalBasis: refs(part.outcome.legalBasis))
            }
        }
        switch advice.status {
        case .complete(let o):
            let overall = advice.verdict ?? o.verdict
            status = "complete"
            verdict = overall.rawValue
            verdictLabel = Wording.verdict(overall, language)
            outcome = o.id
            title = o.title.text(language)
            explanation = o.explanation.text(language)
            scenarios = o.scenarios
            conditions = o.conditions.map { $0.text(language) }
            alternatives = o.alternatives.map { $0.text(language) }
            legalBasis = refs(o.legalBasis)
        case .incomplete(let q):
            status = "incomplete"
            missing = Missing(fact: q.fact, question: q.id, text: q.text.text(language), why: q.why.text(language),
                              options: q.options.map { Choice(value: $0.value, label: kb.label(of: $0.value, in: q).text(language)) })
        }
    }
}
