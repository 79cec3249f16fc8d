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
            guard !name.isEmpty else { throw .malformedFact(assignment) }
            guard !value.isEmpty else {
                guard let fact = kb.factsByID[name] else { throw .unknownFact(name, valid: kb.facts.map(\.id)) }
                throw .missingValue(fact: name, valid: fact.values.map(\.value))
            }
            if let earlier = facts[name], earlier != value {
                throw .conflictingFact(name, first: earlier, second: value)
            }
            facts[name] = value
        }
        // "unknown" (don't know) is not a value of the vocabulary; the fact itself must exist.
        try validate(facts.filter { $0.value != Answer.unknownSpelling }, in: kb)
        for name in facts.keys.sorted() where kb.factsByID[name] == nil { throw .unknownFact(name, valid: kb.facts.map(\.id)) }
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

    /// The advice for answers given by fact, as `advise --fact` and replay give them.
    public static func advise(_ kb: KnowledgeBase, facts: [String: String], on date: CalendarDate) throws(AdviceError) -> Advice {
        try validate(facts, in: kb)
        return try walk(kb, on: date) { facts[$0.fact] }
    }

    /// Walks the graph from the root on the action date, asking `answer` for every question on the
    /// path. Answers are asked per question, so a value given to one question is never used for
    /// another that happens to ask the same fact; nil means "not answered yet" and makes the advice
    /// incomplete at that question.
    public static func walk(_ kb: KnowledgeBase, on date: CalendarDate,
                            answer: (Question) throws(AdviceError) -> String?) throws(AdviceError) -> Advice {
        if let from = kb.metadata.coversFrom, date < from { throw .dateNotCovered(date, coversFrom: from) }
        var path: [PathStep] = []
        var changes: [AppliedRuleChange] = []
        var parts: [PassedPart] = []
        /// Where to go on after each shared part being walked, innermost last.
        var returns: [PartCall] = []
        var current = kb.metadata.root
        // A valid knowledge base is acyclic; the bound only keeps a broken one from looping forever.
        for _ in 0...(2 * kb.nodeCount + 1) {
            switch kb.node(current) {
            case .question(let q)?:
                guard let value = try answer(q) else {
                    return Advice(status: .incomplete(missing: q), path: path, ruleChanges: changes, parts: parts, date: date)
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
            case .part(let p)?:
                returns.append(p)
                current = p.start
            case .outcome(let o)?:
                guard o.holds(on: date) else { throw .outcomeNotValid(outcome: o.id, date: date) }
                if o.verdict != .notAllowed, let part = returns.popLast() {
                    parts.append(PassedPart(partID: part.id, label: part.label, outcome: o))
                    current = part.then
                    continue
                }
                return Advice(status: .complete(o), path: path, ruleChanges: changes, parts: parts, date: date)
            case nil:
                break
            }
        }
        // Unreachable for linted knowledge; reported as a broken outcome rather than crashing.
        throw .outcomeNotValid(outcome: current, date: date)
    }
}
