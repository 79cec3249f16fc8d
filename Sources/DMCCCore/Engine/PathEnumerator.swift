/// Every path from the root to an outcome, for the sign-off table and for testing the whole tree.
public struct DecisionPath: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case answer(question: String, fact: String, value: String)
        case date(switchID: String, side: AppliedRuleChange.Side, changeDate: CalendarDate)
        /// A shared part that ended in `outcome` and let the walk go on.
        case part(partID: String, outcome: Outcome)
    }
    public var steps: [Step]
    public var outcome: Outcome

    /// The overall verdict, as `Advice.verdict` gives it: the strictest of the outcome and the parts passed.
    public var verdict: Verdict {
        var verdict = outcome.verdict
        for case .part(_, let o) in steps where o.verdict.strictness > verdict.strictness { verdict = o.verdict }
        return verdict
    }

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
        forEachPath(in: kb, limit: limit) { result.append($0) }
        return result
    }

    /// The same paths handed over one at a time, so a caller can stream them (the sign-off table
    /// of a deep chain is far larger than any one row).
    public static func forEachPath(in kb: KnowledgeBase, limit: Int = 100_000, _ body: (DecisionPath) -> Void) {
        struct Partial {
            var id: String
            /// The steps so far, shared with the sibling partials instead of copied into each:
            /// a deep chain would otherwise keep a copy of its whole path per pending branch.
            var steps: Trail?
            var depth: Int
            /// The shared parts being walked, innermost last.
            var returns: [PartCall]
            /// The action dates (day numbers) this path can still be taken on; a path whose date
            /// switches contradict each other (before and after the same day) is not a path.
            var low = Int.min
            var high = Int.max
        }
        var count = 0
        var stack = [Partial(id: kb.metadata.root, steps: nil, depth: 0, returns: [], low: kb.metadata.coversFrom?.dayNumber ?? Int.min)]
        while let partial = stack.popLast(), count < limit {
            guard partial.depth <= 2 * kb.nodeCount + 1 else { continue }
            func push(_ next: String, _ step: DecisionPath.Step?, returns: [PartCall]? = nil,
                      low: Int? = nil, high: Int? = nil) {
                let low = max(partial.low, low ?? Int.min), high = min(partial.high, high ?? Int.max)
                guard low <= high else { return }
                stack.append(Partial(id: next, steps: step.map { Trail($0, after: partial.steps) } ?? partial.steps,
                                     depth: partial.depth + 1, returns: returns ?? partial.returns, low: low, high: high))
            }
            switch kb.node(partial.id) {
            case .outcome(let o)?:
                if o.verdict != .notAllowed, let part = partial.returns.last {
                    push(part.then, .part(partID: part.id, outcome: o), returns: partial.returns.dropLast())
                } else {
                    body(DecisionPath(steps: Trail.steps(partial.steps), outcome: o))
                    count += 1
                }
            case .question(let q)?:
                for option in q.options.reversed() {
                    push(option.next, .answer(question: q.id, fact: q.fact, value: option.value))
                }
            case .dateSwitch(let d)?:
                push(d.onOrAfter, .date(switchID: d.id, side: .onOrAfter, changeDate: d.changeDate), low: d.changeDate.dayNumber)
                push(d.before, .date(switchID: d.id, side: .before, changeDate: d.changeDate), high: d.changeDate.dayNumber - 1)
            case .part(let p)?:
                push(p.start, nil, returns: partial.returns + [p])
            case nil:
                continue
            }
        }
    }
}

/// A path's steps as a list linked backwards, so that branches share their common prefix.
private final class Trail {
    let step: DecisionPath.Step
    var previous: Trail?

    init(_ step: DecisionPath.Step, after previous: Trail?) {
        self.step = step
        self.previous = previous
    }

    static func steps(_ last: Trail?) -> [DecisionPath.Step] {
        var steps: [DecisionPath.Step] = []
        var trail = last
        while let t = trail { steps.append(t.step); trail = t.previous }
        return steps.reversed()
    }

    /// Releases a long unshared tail one node at a time rather than recursively.
    deinit {
        var next = previous
        previous = nil
        while isKnownUniquelyReferenced(&next) {
            let following = next!.previous
            next!.previous = nil
            next = following
        }
    }
}
