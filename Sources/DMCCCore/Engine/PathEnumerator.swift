/// Every path from the root to an outcome, for the sign-off table and for testing the whole tree.
public struct DecisionPath: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case answer(question: String, fact: String, value: String)
        case date(switchID: String, side: AppliedRuleChange.Side, changeDate: CalendarDate)
    }
    public var steps: [Step]
    public var outcome: Outcome

    /// The facts this path answers, ready for `Engine.advise`.
    public var facts: [String: String] {
        var facts: [String: String] = [:]
        for case .answer(_, let fact, let value) in steps { facts[fact] = value }
        return facts
    }

    /// An action date for which the engine takes this path: the earliest the date switches allow.
    public func representativeDate(coversFrom: CalendarDate?) -> CalendarDate {
        var low = coversFrom?.dayNumber ?? Int.min
        var high = Int.max
        for case .date(_, let side, let change) in steps {
            switch side {
            case .before: high = min(high, change.dayNumber - 1)
            case .onOrAfter: low = max(low, change.dayNumber)
            }
        }
        if low != Int.min { return CalendarDate(dayNumber: low) }
        if high != Int.max { return CalendarDate(dayNumber: high) }
        return CalendarDate(year: 2026, month: 1, day: 1)!
    }
}

public enum PathEnumerator {
    /// Paths are built depth-first with an explicit stack; `limit` stops a runaway enumeration of a
    /// huge generated graph (the count of paths in a DAG can grow exponentially).
    public static func paths(in kb: KnowledgeBase, limit: Int = 100_000) -> [DecisionPath] {
        var result: [DecisionPath] = []
        var stack: [(id: String, steps: [DecisionPath.Step], depth: Int)] = [(kb.metadata.root, [], 0)]
        while let (id, steps, depth) = stack.popLast(), result.count < limit {
            guard depth <= kb.nodes.count else { continue }
            switch kb.node(id) {
            case .outcome(let o)?:
                result.append(DecisionPath(steps: steps, outcome: o))
            case .question(let q)?:
                for option in q.options.reversed() {
                    stack.append((option.next, steps + [.answer(question: q.id, fact: q.fact, value: option.value)], depth + 1))
                }
            case .dateSwitch(let d)?:
                stack.append((d.onOrAfter, steps + [.date(switchID: d.id, side: .onOrAfter, changeDate: d.changeDate)], depth + 1))
                stack.append((d.before, steps + [.date(switchID: d.id, side: .before, changeDate: d.changeDate)], depth + 1))
            case nil:
                continue
            }
        }
        return result
    }
}
