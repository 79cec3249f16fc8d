/// One answered question on the way to the advice.
public struct PathStep: Sendable, Equatable {
    public var questionID: String
    public var fact: String
    public var value: String
}

/// A dated rule change met on the way, and which side of it the action date fell on.
public struct AppliedRuleChange: Sendable, Equatable {
    public enum Side: String, Sendable, Codable {
        case before
        case onOrAfter = "on-or-after"
    }
    public var switchID: String
    public var changeDate: CalendarDate
    public var side: Side
    public var change: LocalizedText
    public var legalBasis: [LegalReference]
}

/// A shared part passed on the way (see `PartCall`): its heading and the outcome it ended in,
/// whose conditions and legal basis belong to the advice too.
public struct PassedPart: Sendable, Equatable {
    public var partID: String
    public var label: LocalizedText
    public var outcome: Outcome
}

/// What the engine returns: the advice, or the next question it needs answered.
public struct Advice: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case complete(Outcome)
        case incomplete(missing: Question)
    }

    public var status: Status
    /// Every question answered on the way, in order.
    public var path: [PathStep]
    public var ruleChanges: [AppliedRuleChange]
    /// Shared parts passed on the way, in order.
    public var parts: [PassedPart]
    public var date: CalendarDate

    public init(status: Status, path: [PathStep], ruleChanges: [AppliedRuleChange], parts: [PassedPart] = [],
                date: CalendarDate) {
        self.status = status
        self.path = path
        self.ruleChanges = ruleChanges
        self.parts = parts
        self.date = date
    }

    public var outcome: Outcome? {
        if case .complete(let outcome) = status { return outcome }
        return nil
    }

    public var missing: Question? {
        if case .incomplete(let question) = status { return question }
        return nil
    }

    /// What the advice says overall: the strictest of the final outcome and the parts passed on the way
    /// (a contract may be fine while the call that sold it needed consent). Nil while incomplete.
    public var verdict: Verdict? {
        guard let outcome else { return nil }
        return ([outcome.verdict] + parts.map(\.outcome.verdict)).max { $0.strictness < $1.strictness }
    }
}

extension Verdict {
    /// Orders verdicts from the most to the least permissive.
    public var strictness: Int {
        switch self {
        case .allowed: 0
        case .allowedIf: 1
        case .notAllowed: 2
        }
    }
}

/// Input the engine cannot use, each with what would have been valid.
public enum AdviceError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedFact(String)
    /// `name=` with nothing after the `=`: the fact exists, its value is missing.
    case missingValue(fact: String, valid: [String])
    case unknownFact(String, valid: [String])
    case unknownValue(fact: String, value: String, valid: [String])
    case conflictingFact(String, first: String, second: String)
    case valueNotOffered(question: String, fact: String, value: String, offered: [String])
    case dateNotCovered(CalendarDate, coversFrom: CalendarDate)
    case invalidDate(String)
    case outcomeNotValid(outcome: String, date: CalendarDate)

    public var description: String {
        switch self {
        case .malformedFact(let text):
            "'\(text)' is not a fact; write it as name=value, e.g. purpose=marketing-message"
        case .missingValue(let fact, let valid):
            "fact '\(fact)' has no value; write it as \(fact)=VALUE with one of: \(valid.joined(separator: ", "))"
        case .unknownFact(let name, let valid):
            "unknown fact '\(name)'; valid facts: \(valid.joined(separator: ", "))"
        case .unknownValue(let fact, let value, let valid):
            "'\(value)' is not a value of fact '\(fact)'; valid values: \(valid.joined(separator: ", "))"
        case .conflictingFact(let fact, let first, let second):
            "fact '\(fact)' is given twice, as '\(first)' and as '\(second)'; give it once"
        case .valueNotOffered(let question, let fact, let value, let offered):
            "question '\(question)' does not accept \(fact)=\(value) here; it accepts: \(offered.joined(separator: ", "))"
        case .dateNotCovered(let date, let from):
            "the knowledge gives advice for action dates from \(from) on, not for \(date)"
        case .invalidDate(let text):
            "'\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-29"
        case .outcomeNotValid(let outcome, let date):
            "outcome '\(outcome)' does not hold on \(date); the knowledge needs a date switch here (run lint)"
        }
    }
}
