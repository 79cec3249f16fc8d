/// A consultant's test case from `Knowledge/cases/*.yaml`: the facts of a question, the action
/// date and the advice the knowledge must give for it. Only valid cases are built: every fact and
/// value is in the vocabulary and the outcome exists.
public struct AdviceCase: Sendable, Equatable {
    public var name: String
    public var date: CalendarDate
    public var facts: [String: String]
    /// The overall verdict of the advice (the strictest of the final outcome and the parts passed).
    public var verdict: Verdict
    /// The id of the outcome the advice ends in.
    public var outcome: String
    /// Words or phrases the advice text must contain, compared without regard to case.
    public var mentions: [String]
    /// The language the advice is rendered in to look for `mentions`.
    public var language: Language
    /// Where the case starts (its `- name:` line), for every report about it.
    public var location: SourceLocation

    public init(name: String, date: CalendarDate, facts: [String: String], verdict: Verdict, outcome: String,
                mentions: [String] = [], language: Language = .nl, location: SourceLocation = .unknown) {
        self.name = name
        self.date = date
        self.facts = facts
        self.verdict = verdict
        self.outcome = outcome
        self.mentions = mentions
        self.language = language
        self.location = location
    }
}

/// The `cases/` folder of a knowledge base as the shell found it, for `Linter.lint`.
public enum CaseFolder: Sendable {
    /// Cases are not looked at (a caller that only needs the knowledge itself).
    case unchecked
    /// The knowledge folder has no `cases/` folder: one warning instead of one per outcome.
    case missing
    /// The case files found there.
    case files([KnowledgeSource])
}
