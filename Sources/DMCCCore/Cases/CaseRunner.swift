/// Runs consultants' cases through the engine and compares the advice with what each case expects:
/// the overall verdict, the final outcome and the words the advice text must mention.
public enum CaseRunner {
    /// What one case produced, and why it failed when it did.
    public struct Result: Sendable, Equatable {
        public var adviceCase: AdviceCase
        /// What the advice said, in the words of a failure line: "not-allowed (out-x)",
        /// "an incomplete advice: ..." or "an error: ...".
        public var actual: String
        /// Every outcome the advice reached: the final outcome and those of the parts it passed.
        public var reachedOutcomes: [String]
        /// Each way the advice differs from the case; empty when the case passed.
        public var mismatches: [String]

        public var passed: Bool { mismatches.isEmpty }

        /// `file:line: case 'name': expected VERDICT (OUTCOME), got VERDICT (OUTCOME)`, plus missing mentions.
        public var failureLine: String? {
            guard !passed else { return nil }
            let place = "\(adviceCase.location.file):\(adviceCase.location.line)"
            return "\(place): case '\(adviceCase.name)': " + mismatches.joined(separator: "; ")
        }
    }

    public static func run(_ cases: [AdviceCase], in kb: KnowledgeBase) -> [Result] {
        cases.map { run($0, in: kb) }
    }

    public static func run(_ c: AdviceCase, in kb: KnowledgeBase) -> Result {
        let expected = "\(c.verdict.rawValue) (\(c.outcome))"
        let advice: Advice
        do {
            advice = try Engine.advise(kb, facts: c.facts, on: c.date)
        } catch {
            let actual = "an error: \(error.description)"
            return Result(adviceCase: c, actual: actual, reachedOutcomes: [], mismatches: ["expected \(expected), got \(actual)"])
        }
        guard let outcome = advice.outcome else {
            let actual = incompleteDescription(advice.missing, in: kb)
            return Result(adviceCase: c, actual: actual, reachedOutcomes: [], mismatches: ["expected \(expected), got \(actual)"])
        }
        let verdict = advice.verdict ?? outcome.verdict
        let actual = "\(verdict.rawValue) (\(outcome.id))"
        var mismatches: [String] = []
        if verdict != c.verdict || outcome.id != c.outcome {
            mismatches.append("expected \(expected), got \(actual)")
        }
        let missing = missingMentions(c.mentions, in: advice, kb: kb, language: c.language)
        if !missing.isEmpty {
            mismatches.append("the advice (\(c.language.rawValue)) does not mention "
                              + missing.map { "'\($0)'" }.joined(separator: ", "))
        }
        return Result(adviceCase: c, actual: actual, reachedOutcomes: reachedOutcomes(advice), mismatches: mismatches)
    }

    /// The mentions that the advice text, as `advise` prints it in `language`, does not contain.
    /// Case and line breaks do not matter: the text is compared with runs of white space made one space.
    public static func missingMentions(_ mentions: [String], in advice: Advice, kb: KnowledgeBase,
                                       language: Language) -> [String] {
        guard !mentions.isEmpty else { return [] }
        let report = AdviceReport(advice, in: kb, language: language)
        let text = normalized(AdviceRenderer.text(report, language: language, width: 1_000_000))
        return mentions.filter { !text.contains(normalized($0)) }
    }

    /// The outcomes of the shared parts passed on the way, then the final outcome.
    static func reachedOutcomes(_ advice: Advice) -> [String] {
        advice.parts.map(\.outcome.id) + (advice.outcome.map { [$0.id] } ?? [])
    }

    private static func incompleteDescription(_ question: Question?, in kb: KnowledgeBase) -> String {
        guard let q = question else { return "an incomplete advice" }
        let values = q.options.map(\.value).joined(separator: " | ")
        return "an incomplete advice: question '\(q.id)' asks fact '\(q.fact)' (add \(q.fact): \(values))"
    }

    private static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
