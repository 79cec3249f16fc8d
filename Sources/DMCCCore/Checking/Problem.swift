/// Something wrong in the knowledge files, with the place to fix it.
public struct Problem: Error, Sendable, Equatable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case unreadable = "unreadable"
        case tooLarge = "too-large"
        case encoding = "encoding"
        case syntax = "yaml-syntax"
        case structure = "structure"
        case unknownKey = "unknown-key"
        case missingField = "missing-field"
        case invalidValue = "invalid-value"
        case duplicateID = "duplicate-id"
        case missingReference = "missing-reference"
        case cycle = "cycle"
        case unreachable = "unreachable"
        case tooFewOptions = "too-few-options"
        case duplicateOption = "duplicate-option"
        case unknownFact = "unknown-fact"
        case unknownValue = "unknown-value"
        case incompleteOutcome = "incomplete-outcome"
        case missingTranslation = "missing-translation"
        case deadEnd = "dead-end"
        case dateConflict = "date-conflict"
        case repeatedFact = "repeated-fact"
        case optionOrder = "option-order"
        case unknownScenario = "unknown-scenario"
        case uncoveredOutcome = "no-case"
        case unknownOutcome = "unknown-outcome"
    }

    /// An error makes the knowledge unusable; a warning is worth fixing but lint still passes.
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var location: SourceLocation
    public var kind: Kind
    public var message: String
    public var severity: Severity

    public init(_ kind: Kind, at location: SourceLocation, _ message: String, severity: Severity = .error) {
        self.kind = kind
        self.location = location
        self.message = message
        self.severity = severity
    }

    public var isError: Bool { severity == .error }

    public var description: String {
        severity == .warning ? "\(location): warning: \(kind.rawValue): \(message)" : "\(location): \(kind.rawValue): \(message)"
    }

    public static func < (a: Problem, b: Problem) -> Bool {
        (a.location, a.kind.rawValue, a.message) < (b.location, b.kind.rawValue, b.message)
    }
}

/// Thrown when knowledge cannot be used for advice; carries every problem found.
public struct KnowledgeErrors: Error, Sendable, CustomStringConvertible {
    public var problems: [Problem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
