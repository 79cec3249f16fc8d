/// The verdict of an outcome. The wording shown to people lives in `Vocabulary.verdictLabel`.
public enum Verdict: String, CaseIterable, Sendable, Codable {
    case allowed
    case allowedIf = "allowed-if"
    case notAllowed = "not-allowed"
}

/// How strong a legal source is: a provenance grade, shown next to every reference.
public enum Grade: String, CaseIterable, Sendable, Codable {
    case statute
    case regulator
    case caseLaw = "case-law"
    case selfRegulation = "self-regulation"
    case firmPosition = "firm-position"
}

public struct LegalReference: Sendable, Equatable, Hashable {
    /// The reference as shown in each language; a bare article number reads the same in every language.
    public var ref: LocalizedText
    public var grade: Grade
    public var location: SourceLocation
}

/// One answer to a question: the fact value it sets and the node that follows.
public struct AnswerOption: Sendable, Equatable {
    public var value: String
    /// A label written for this question; when absent the vocabulary's label for the value is shown.
    public var label: LocalizedText?
    public var next: String
    public var location: SourceLocation
}

/// A node that asks one fact.
public struct Question: Sendable, Equatable {
    public var id: String
    public var fact: String
    public var text: LocalizedText
    public var why: LocalizedText
    public var options: [AnswerOption]
    public var location: SourceLocation

    public func option(for value: String) -> AnswerOption? { options.first { $0.value == value } }
}

/// A leaf: the advice.
public struct Outcome: Sendable, Equatable {
    public var id: String
    public var verdict: Verdict
    public var scenarios: [String]
    public var title: LocalizedText
    public var explanation: LocalizedText
    public var conditions: [LocalizedText]
    public var alternatives: [LocalizedText]
    public var legalBasis: [LegalReference]
    /// The action dates this outcome holds for, when the rule behind it changed over time.
    public var validFrom: CalendarDate?
    public var validUntil: CalendarDate?
    public var location: SourceLocation

    public func holds(on date: CalendarDate) -> Bool {
        if let from = validFrom, date < from { return false }
        if let until = validUntil, date > until { return false }
        return true
    }
}

/// A node that asks nothing: it follows one branch or the other by the action date,
/// because a rule changed on `changeDate`.
public struct DateSwitch: Sendable, Equatable {
    public var id: String
    public var changeDate: CalendarDate
    public var change: LocalizedText
    public var legalBasis: [LegalReference]
    public var before: String
    public var onOrAfter: String
    public var location: SourceLocation

    public func next(on date: CalendarDate) -> String { date < changeDate ? before : onOrAfter }
}

/// A node that runs a shared part of the tree (for example the rules for a marketing call, which
/// both the call scenario and the phone-contract scenario need) from `start`. When the part ends in an
/// outcome that allows, the walk goes on at `then` and that outcome becomes part of the advice; when
/// it ends in `not-allowed`, that outcome is the advice.
public struct PartCall: Sendable, Equatable {
    public var id: String
    public var start: String
    public var then: String
    /// The heading of the part in the advice, e.g. "The sales call itself".
    public var label: LocalizedText
    public var location: SourceLocation
}

public enum KnowledgeNode: Sendable, Equatable {
    case question(Question)
    case outcome(Outcome)
    case dateSwitch(DateSwitch)
    case part(PartCall)

    public var id: String {
        switch self {
        case .question(let q): q.id
        case .outcome(let o): o.id
        case .dateSwitch(let d): d.id
        case .part(let p): p.id
        }
    }

    public var location: SourceLocation {
        switch self {
        case .question(let q): q.location
        case .outcome(let o): o.location
        case .dateSwitch(let d): d.location
        case .part(let p): p.location
        }
    }

    /// The nodes this one leads to, in the order they are written, each with where the link is written.
    public var successors: [(id: String, location: SourceLocation)] {
        switch self {
        case .question(let q): q.options.map { ($0.next, $0.location) }
        case .outcome: []
        case .dateSwitch(let d): [(d.before, d.location), (d.onOrAfter, d.location)]
        case .part(let p): [(p.start, p.location), (p.then, p.location)]
        }
    }
}

public struct FactValue: Sendable, Equatable {
    public var value: String
    public var label: LocalizedText
}

/// A fact of the vocabulary: what questions ask and what `--fact k=v`, records and replay use.
public struct Fact: Sendable, Equatable {
    public var id: String
    public var label: LocalizedText
    public var values: [FactValue]
    /// What settles this fact when a client does not know the answer yet (a record, a form, a date).
    public var evidence: LocalizedText?
    public var location: SourceLocation

    public init(id: String, label: LocalizedText, values: [FactValue], evidence: LocalizedText? = nil, location: SourceLocation) {
        self.id = id
        self.label = label
        self.values = values
        self.evidence = evidence
        self.location = location
    }

    public func value(_ v: String) -> FactValue? { values.first { $0.value == v } }
}

public struct Scenario: Sendable, Equatable {
    public var id: String
    /// True for the scenarios of the consultancy's Q&A page the knowledge mirrors.
    public var source: Bool
    public var title: LocalizedText
}

public struct KnowledgeMetadata: Sendable, Equatable {
    public var version: String
    public var reviewed: CalendarDate?
    /// When the knowledge must be reviewed again; advice after this date says the review is overdue.
    public var reviewDue: CalendarDate?
    public var jurisdiction: String
    public var languages: [String]
    public var root: String
    /// The earliest action date the knowledge gives advice for.
    public var coversFrom: CalendarDate?
    public var scenarios: [Scenario]
    public var location: SourceLocation
}

/// The whole knowledge base: metadata, fact vocabulary and the decision graph.
public struct KnowledgeBase: Sendable, Equatable {
    public var metadata: KnowledgeMetadata
    public private(set) var facts: [Fact]
    /// SHA-256 (hex) of the knowledge files' names and bytes, so advice can name exactly what it rests on.
    public var sha256: String

    /// The nodes, at hand or decoded from a compiled form as they are asked for (`NodeStore`).
    private let store: NodeStore
    public private(set) var factsByID: [String: Fact] = [:]
    /// Question id -> the id of the first question in the knowledge that asks the same fact in the same
    /// words with the same answers (only where they differ); see `answerKey`.
    private let sameQuestion: [String: String]

    public init(metadata: KnowledgeMetadata, facts: [Fact], nodes: [KnowledgeNode], sha256: String) {
        let store = NodeStore(nodes)
        var sameQuestion: [String: String] = [:]
        var firstAsking: [Wording: String] = [:]
        for case .question(let q) in nodes {
            let wording = Wording(q)
            if let first = firstAsking[wording] {
                if first != q.id { sameQuestion[q.id] = first }
            } else {
                firstAsking[wording] = q.id
            }
        }
        self.init(metadata: metadata, facts: facts, store: store, sameQuestion: sameQuestion, sha256: sha256)
    }

    /// A knowledge base over nodes kept elsewhere: `CompiledKnowledge` passes the nodes of a compiled
    /// form, with the same questions it wrote.
    init(metadata: KnowledgeMetadata, facts: [Fact], store: NodeStore, sameQuestion: [String: String], sha256: String) {
        self.metadata = metadata
        self.facts = facts
        self.sha256 = sha256
        self.store = store
        self.sameQuestion = sameQuestion
        // First definition wins; the linter reports duplicates.
        factsByID.reserveCapacity(facts.count)
        for fact in facts where factsByID[fact.id] == nil { factsByID[fact.id] = fact }
    }

    /// Every node, in the order they are written. From a compiled form this decodes all of them: the
    /// engine and the wizard ask `node(_:)` for the ones they need.
    public var nodes: [KnowledgeNode] { store.all }

    public var nodeCount: Int { store.count }

    /// How many nodes have been decoded so far: all of them, unless read from a compiled form.
    var decodedNodeCount: Int { store.decodedCount }

    /// The same questions, for the compiled form: sorted, so equal knowledge compiles to equal bytes.
    var sameQuestionPairs: [(question: String, first: String)] {
        sameQuestion.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// What a person sees of a question: its fact, its text and its answers, in every language.
    private struct Wording: Hashable {
        var fact: String
        var text: [String: String]
        var options: [String]
        var labels: [[String: String]?]
        init(_ q: Question) {
            (fact, text) = (q.fact, q.text.byLanguage)
            options = q.options.map(\.value)
            labels = q.options.map { $0.label?.byLanguage }
        }
    }

    /// The key a session keeps the answer to `questionID` under. Two nodes that ask the same fact in the
    /// same words with the same answers are one question to the person: a "don't know" earlier can lead
    /// two branches to them, and the person must be asked once, with one answer for both (a planned call
    /// is live or automated whoever it turns out to be made to).
    public func answerKey(_ questionID: String) -> String { sameQuestion[questionID] ?? questionID }

    /// The lookup tables are derived from `facts` and `nodes`, so they are left out.
    public static func == (a: KnowledgeBase, b: KnowledgeBase) -> Bool {
        a.sha256 == b.sha256 && a.metadata == b.metadata && a.facts == b.facts && a.nodes == b.nodes
    }

    public func node(_ id: String) -> KnowledgeNode? { store.node(id) }

    public func question(_ id: String) -> Question? {
        if case .question(let q)? = store.node(id) { return q }
        return nil
    }

    public func outcome(_ id: String) -> Outcome? {
        if case .outcome(let o)? = store.node(id) { return o }
        return nil
    }

    /// The label of an answer as shown for `question`: the option's own label, else the vocabulary's.
    public func label(of value: String, in question: Question) -> LocalizedText {
        if let own = question.option(for: value)?.label { return own }
        return factsByID[question.fact]?.value(value)?.label ?? LocalizedText(["nl": value, "en": value])
    }
}
