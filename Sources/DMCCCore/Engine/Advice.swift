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

/// What the engine returns: the advice, or the next question it needs answered.
public enum Advice: Sendable, Equatable {
    case complete(outcome: Outcome, path: [PathStep], ruleChanges: [AppliedRuleChange], date: CalendarDate)
    case incomplete(missing: Question, path: [PathStep], ruleChanges: [AppliedRuleChange], date: CalendarDate)

    public var path: [PathStep] {
        switch self {
        case .complete(_, let path, _, _), .incomplete(_, let path, _, _): path
        }
    }

    public var ruleChanges: [AppliedRuleChange] {
        switch self {
        case .complete(_, _, let changes, _), .incomplete(_, _, let changes, _): changes
        }
    }

    public var date: CalendarDate {
        switch self {
        case .complete(_, _, _, let date), .incomplete(_, _, _, let date): date
        }
    }

    public var outcome: Outcome? {
        if case .complete(let outcome, _, _, _) = self { return outcome }
        return nil
    }

    public var missing: Question? {
        if case .incomplete(let question, _, _, _) = self { return question }
        return nil
    }
}

/// Input the engine cannot use, each with what would have been valid.
public enum AdviceError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedFact(String)
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
