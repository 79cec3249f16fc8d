/// An answer as a person gives it: one of the values the question offers, or "don't know".
public enum Answer: Sendable, Hashable, Codable {
    case value(String)
    case unknown

    /// The spelling of "don't know" in `advise --fact name=unknown`; no fact may use it as a value.
    public static let unknownSpelling = "unknown"

    public var value: String? {
        if case .value(let v) = self { return v }
        return nil
    }
}

/// A value assumed for a question answered "don't know", on one branch of a conditional advice.
public struct Assumption: Sendable, Hashable {
    public var questionID: String
    public var fact: String
    public var value: String
}

/// The advice when some answers are "don't know": every branch those unknowns open, each with what it
/// assumed and the advice it leads to. With no unknowns it is a single branch without assumptions.
public struct Exploration: Sendable, Equatable {
    public struct Branch: Sendable, Equatable {
        public var assumptions: [Assumption]
        public var advice: Advice
    }

    public var branches: [Branch]
    /// True when the branches were more than the bound and only the first ones were followed.
    public var truncated: Bool
    public var date: CalendarDate

    /// The first question some branch still needs answered, if any. Questions are keyed by id, so one
    /// answer to it serves every branch that meets it.
    public var missing: Question? { branches.lazy.compactMap(\.advice.missing).first }

    public var isComplete: Bool { missing == nil }

    /// True when nothing was unknown on the way: the exploration is plain advice.
    public var isDefinite: Bool { branches.count == 1 && branches[0].assumptions.isEmpty }

    /// The questions answered "don't know" that a branch met, in the order first met.
    public var unknownQuestionIDs: [String] {
        var seen = Set<String>()
        return branches.flatMap(\.assumptions).map(\.questionID).filter { seen.insert($0).inserted }
    }

    /// The distinct verdicts of the complete branches, strictest first.
    public var verdicts: [Verdict] {
        Set(branches.compactMap(\.advice.verdict)).sorted { $0.strictness > $1.strictness }
    }

    /// The reading to act on until the unknowns are confirmed: the strictest verdict of any branch.
    public var safeVerdict: Verdict? { verdicts.first }

    /// True when the unknowns change the verdict; false when every branch ends in the same verdict.
    public var isConditional: Bool { verdicts.count > 1 }

    /// The first branch that still needs a question answered: the one the wizard is asking for.
    public var current: Branch? { branches.first { $0.advice.missing != nil } }

    /// The reading to act on until the unknowns are confirmed: the first branch, in the knowledge's
    /// option order, whose verdict is the strictest. Nil while some branch is incomplete.
    public var safeBranch: Branch? {
        guard isComplete, let safe = safeVerdict else { return nil }
        return branches.first { $0.advice.verdict == safe }
    }

    /// Every question some branch passed, once, in the order first met (a question answered "don't know"
    /// included, with the value its first branch assumed).
    public var steps: [PathStep] {
        var seen = Set<String>()
        return branches.flatMap(\.advice.path).filter { seen.insert($0.questionID).inserted }
    }
}

extension Engine {
    /// How many branches a conditional advice follows at most; past it the advice says it was cut short.
    public static let branchLimit = 512

    /// Like `walk`, but an answer may be "don't know": then every option of that question is followed,
    /// and so on for later unknowns, up to `limit` branches.
    public static func explore(_ kb: KnowledgeBase, on date: CalendarDate, limit: Int = branchLimit,
                               answer: (Question) -> Answer?) throws(AdviceError) -> Exploration {
        var branches: [Exploration.Branch] = []
        // Assumptions still to follow, depth first so branches come out in the knowledge's option order.
        var pending: [[String: String]] = [[:]]
        var truncated = false
        while let assumed = pending.popLast() {
            if branches.count >= limit { truncated = true; break }
            var split: Question?
            let advice = try walk(kb, on: date) { q in
                switch answer(q) {
                case .value(let v)?: return v
                case .unknown?:
                    if let v = assumed[q.id] { return v }
                    split = q
                    return nil
                case nil: return nil
                }
            }
            if let q = split {
                for option in q.options.reversed() { pending.append(assumed.merging([q.id: option.value]) { $1 }) }
                continue
            }
            let assumptions = advice.path.compactMap { step in
                assumed[step.questionID].map { Assumption(questionID: step.questionID, fact: step.fact, value: $0) }
            }
            branches.append(Exploration.Branch(assumptions: assumptions, advice: advice))
        }
        return Exploration(branches: branches, truncated: truncated, date: date)
    }

    /// `explore` for answers given by fact, as `advise --fact name=value|unknown` gives them.
    public static func explore(_ kb: KnowledgeBase, facts: [String: String], on date: CalendarDate) throws(AdviceError) -> Exploration {
        try validate(facts.filter { $0.value != Answer.unknownSpelling }, in: kb)
        for name in facts.keys.sorted() where kb.factsByID[name] == nil {
            throw .unknownFact(name, valid: kb.facts.map(\.id))
        }
        return try explore(kb, on: date) { q in
            facts[q.fact].map { $0 == Answer.unknownSpelling ? .unknown : .value($0) }
        }
    }
}
