/// Walks the decision graph with the given facts on the action date. Deterministic and free of
/// I/O; facts that are not on the path are ignored.
public enum Engine {
    /// Parses `name=value` pairs and checks them against the vocabulary.
    public static func facts(from assignments: [String], in kb: KnowledgeBase) throws(AdviceError) -> [String: String] {
        var facts: [String: String] = [:]
        for assignment in assignments {
            guard let eq = assignment.firstIndex(of: "=") else { throw .malformedFact(assignment) }
            let name = String(assignment[..<eq]).trimmingWhitespace
            let value = String(assignment[assignment.index(after: eq)...]).trimmingWhitespace
            guard !name.isEmpty, !value.isEmpty else { throw .malformedFact(assignment) }
            if let earlier = facts[name], earlier != value {
                throw .conflictingFact(name, first: earlier, second: value)
            }
            facts[name] = value
        }
        try validate(facts, in: kb)
        return facts
    }

    public static func validate(_ facts: [String: String], in kb: KnowledgeBase) throws(AdviceError) {
        for (name, value) in facts.sorted(by: { $0.key < $1.key }) {
            guard let fact = kb.factsByID[name] else { throw .unknownFact(name, valid: kb.facts.map(\.id)) }
            guard fact.value(value) != nil else {
                throw .unknownValue(fact: name, value: value, valid: fact.values.map(\.value))
            }
        }
    }

    /// - Parameter unofferedAsMissing: treat an answer that the question on the path does not offer
    ///   as not given (the wizard keeps answers from other branches) instead of refusing it.
    public static func advise(_ kb: KnowledgeBase, facts: [String: String], on date: CalendarDate,
                              unofferedAsMissing: Bool = false) throws(AdviceError) -> Advice {
        try validate(facts, in: kb)
        if let from = kb.metadata.coversFrom, date < from { throw .dateNotCovered(date, coversFrom: from) }
        var path: [PathStep] = []
        var changes: [AppliedRuleChange] = []
        var current = kb.metadata.root
        // A valid knowledge base is acyclic; the bound only keeps a broken one from looping forever.
        for _ in 0...kb.nodes.count {
            switch kb.node(current) {
            case .question(let q)?:
                guard let value = facts[q.fact], !(unofferedAsMissing && q.option(for: value) == nil) else {
                    return .incomplete(missing: q, path: path, ruleChanges: changes, date: date)
                }
                guard let option = q.option(for: value) else {
                    throw .valueNotOffered(question: q.id, fact: q.fact, value: value, offered: q.options.map(\.value))
                }
                path.append(PathStep(questionID: q.id, fact: q.fact, value: value))
                current = option.next
            case .dateSwitch(let d)?:
                changes.append(AppliedRuleChange(switchID: d.id, changeDate: d.changeDate,
                                                 side: date < d.changeDate ? .before : .onOrAfter,
                                                 change: d.change, legalBasis: d.legalBasis))
                current = d.next(on: date)
            case .outcome(let o)?:
                guard o.holds(on: date) else { throw .outcomeNotValid(outcome: o.id, date: date) }
                return .complete(outcome: o, path: path, ruleChanges: changes, date: date)
            case nil:
                break
            }
        }
        // Unreachable for linted knowledge; reported as a broken outcome rather than crashing.
        throw .outcomeNotValid(outcome: current, date: date)
    }
}
