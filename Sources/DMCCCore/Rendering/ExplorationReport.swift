/// Advice with "don't know" answers, resolved into one language: the safe reading, each branch with
/// what it assumed, and what to confirm. Built from the same exploration that decided.
public struct ExplorationReport: Sendable, Equatable, Codable {
    public struct Assumed: Sendable, Equatable, Codable {
        public var question: String
        public var text: String
        public var fact: String
        public var value: String
        public var label: String
    }

    public struct Branch: Sendable, Equatable, Codable {
        public var assumptions: [Assumed]
        /// The branch's advice, as `advise` would give it for these answers.
        public var advice: AdviceReport
    }

    public struct Meaning: Sendable, Equatable, Codable {
        public var value: String
        public var label: String
        /// The verdicts of the branches that assume this answer, strictest first.
        public var verdicts: [String]
        public var verdictLabels: [String]
        /// What this answer means, worded no stronger than the branches show: "Yes → Not allowed", or for a
        /// question asked only on some branches "Yes, together with that assumption → …". Absent in older records.
        public var summary: String?
        enum CodingKeys: String, CodingKey { case value, label, verdicts, verdictLabels = "verdict-labels", summary }
    }

    /// A question answered "don't know": what each answer would mean, and what settles it.
    public struct Confirm: Sendable, Equatable, Codable {
        public var fact: String
        public var question: String
        public var text: String
        public var why: String
        /// What settles it (a record, a form, a date), when the knowledge says so.
        public var evidence: String?
        public var options: [Meaning]
        /// False when only some branches reach this question (it depends on the answer to another open point).
        /// Absent in older records.
        public var askedOnEveryBranch: Bool?
        /// The assumptions every branch that reaches this question made before it: the question is asked
        /// only if they hold. Absent when every branch reaches it.
        public var askedIf: [Assumed]?
        enum CodingKeys: String, CodingKey {
            case fact, question, text, why, evidence, options
            case askedOnEveryBranch = "asked-on-every-branch", askedIf = "asked-if"
        }
    }

    public struct Group: Sendable, Equatable, Codable {
        public var verdict: String
        public var verdictLabel: String
        public var count: Int
        /// The assumptions of the first branch with this verdict, as an example.
        public var example: [Assumed]
        enum CodingKeys: String, CodingKey { case verdict, verdictLabel = "verdict-label", count, example }
    }

    /// A rule change some branch meets, listed once for the whole advice.
    public struct BranchRuleChange: Sendable, Equatable, Codable {
        public var change: AdviceReport.RuleChange
        /// The assumptions of each branch it applies on; absent when it applies on every branch.
        public var onlyOn: [[Assumed]]?
        enum CodingKeys: String, CodingKey { case change, onlyOn = "only-on" }
    }

    /// `complete` when every branch gives the same verdict (the unknowns did not matter), else `conditional`.
    public var status: String
    public var verdict: String?
    public var verdictLabel: String?
    public var safeVerdict: String
    public var safeVerdictLabel: String
    public var branches: [Branch]
    public var toConfirm: [Confirm]
    /// Set when there are too many branches to read one by one: how many end in each verdict.
    public var groups: [Group]?
    public var truncated: Bool
    public var date: String
    public var language: String
    /// The rule changes of the branches, each once. Absent in records saved before they were listed here
    /// (their saved Markdown copy has no such section).
    public var ruleChanges: [BranchRuleChange]?

    enum CodingKeys: String, CodingKey {
        case status, verdict, verdictLabel = "verdict-label", safeVerdict = "safe-verdict"
        case safeVerdictLabel = "safe-verdict-label", branches, toConfirm = "to-confirm", groups, truncated, date, language
        case ruleChanges = "rule-changes"
    }

    /// How a "don't know" answer is shown where an answer's label would be (review, records).
    public static let dontKnow = LocalizedText(["nl": "Weet ik niet", "en": "Don't know"])

    /// Past this many branches the text shows them grouped by verdict instead of one by one.
    public static let branchesShownOneByOne = 8

    /// What one answer to an open point means, claiming no more than the branches show: several verdicts
    /// depend on the other open points; a question not every branch reaches holds only with its assumptions.
    static func meaning(_ label: String, verdictLabels: [String], everyBranch: Bool, conditioned: Bool, language: Language) -> String {
        let nl = language == .nl
        var answer = label
        if !everyBranch {
            answer += conditioned ? (nl ? ", samen met die aanname" : ", together with that assumption")
                                  : (nl ? ", bij die mogelijkheden" : ", on those possibilities")
        }
        let verdicts = verdictLabels.joined(separator: " / ")
        return "\(answer) → " + (verdictLabels.count > 1
            ? (nl ? "hangt af van de andere open punten: \(verdicts)" : "depends on the other open points: \(verdicts)")
            : verdicts)
    }

    /// "Alleen gevraagd als: …": when an open point is asked, for a question not every branch reaches.
    public static func askedOnly(_ c: Confirm, language: Language) -> String? {
        let nl = language == .nl
        if let conditions = c.askedIf, !conditions.isEmpty {
            return (nl ? "Alleen gevraagd als: " : "Only asked if: ") + conditions.map { "\($0.text) → \($0.label)" }.joined(separator: "; ")
        }
        if c.askedOnEveryBranch == false {
            return nl ? "Alleen gevraagd bij een deel van de mogelijkheden hierboven." : "Only asked on some of the possibilities above."
        }
        return nil
    }

    /// - Precondition: every branch of `exploration` is complete.
    public init(_ exploration: Exploration, in kb: KnowledgeBase, language: Language) {
        func assumed(_ a: Assumption) -> Assumed {
            let q = kb.question(a.questionID)
            return Assumed(question: a.questionID, text: q?.text.text(language) ?? a.questionID, fact: a.fact, value: a.value,
                           label: q.map { kb.label(of: a.value, in: $0).text(language) } ?? a.value)
        }
        branches = exploration.branches.map {
            Branch(assumptions: $0.assumptions.map(assumed), advice: AdviceReport($0, in: kb, language: language))
        }
        let safe = exploration.safeVerdict ?? .notAllowed
        safeVerdict = safe.rawValue
        safeVerdictLabel = Wording.verdict(safe, language)
        if exploration.isConditional {
            status = "conditional"
        } else {
            status = "complete"
            verdict = safe.rawValue
            verdictLabel = safeVerdictLabel
        }
        toConfirm = exploration.unknownQuestionIDs.compactMap { id -> Confirm? in
            guard let q = kb.question(id) else { return nil }
            let reaching = exploration.branches.filter { $0.assumptions.contains { $0.questionID == id } }
            let everyBranch = reaching.count == exploration.branches.count
            // What every branch that reaches the question assumed before it: the conditions it is asked under.
            let before = reaching.map { Array($0.assumptions.prefix { $0.questionID != id }) }
            let common = (before.first ?? []).filter { a in before.allSatisfy { $0.contains(a) } }
            let options = q.options.map { option -> Meaning in
                let verdicts = Set(reaching.filter { branch in
                    branch.assumptions.contains { $0.questionID == id && $0.value == option.value }
                }.compactMap(\.advice.verdict)).sorted { $0.strictness > $1.strictness }
                let label = kb.label(of: option.value, in: q).text(language)
                let labels = verdicts.map { Wording.verdict($0, language) }
                return Meaning(value: option.value, label: label, verdicts: verdicts.map(\.rawValue), verdictLabels: labels,
                               summary: verdicts.isEmpty ? nil
                                   : Self.meaning(label, verdictLabels: labels, everyBranch: everyBranch,
                                                  conditioned: !common.isEmpty, language: language))
            }
            return Confirm(fact: q.fact, question: q.id, text: q.text.text(language), why: q.why.text(language),
                           evidence: kb.factsByID[q.fact]?.evidence?.text(language), options: options,
                           askedOnEveryBranch: everyBranch, askedIf: everyBranch || common.isEmpty ? nil : common.map(assumed))
        }
        if exploration.branches.count > Self.branchesShownOneByOne {
            groups = exploration.verdicts.map { v in
                let matching = exploration.branches.filter { $0.advice.verdict == v }
                return Group(verdict: v.rawValue, verdictLabel: Wording.verdict(v, language), count: matching.count,
                             example: matching.first?.assumptions.map(assumed) ?? [])
            }
        }
        var found: [(change: AdviceReport.RuleChange, onlyOn: [[Assumed]])] = []
        for branch in branches {
            for change in branch.advice.ruleChanges {
                if let i = found.firstIndex(where: { $0.change == change }) { found[i].onlyOn.append(branch.assumptions) }
                else { found.append((change, [branch.assumptions])) }
            }
        }
        let total = branches.count
        ruleChanges = found.map { BranchRuleChange(change: $0.change, onlyOn: $0.onlyOn.count == total ? nil : $0.onlyOn) }
        truncated = exploration.truncated
        date = exploration.date.description
        self.language = language.rawValue
    }
}

extension ExplorationReport {
    /// "Alleen als: …" under a rule change that not every branch meets.
    static func ruleChangeScope(_ onlyOn: [[Assumed]]?, total: Int, language: Language) -> String? {
        let nl = language == .nl
        guard let onlyOn, !onlyOn.isEmpty else { return nil }
        guard onlyOn.count <= 3 else {
            return nl ? "Geldt bij \(onlyOn.count) van de \(total) mogelijkheden." : "Applies on \(onlyOn.count) of the \(total) possibilities."
        }
        let sets = onlyOn.map { $0.map { "\($0.text) → \($0.label)" }.joined(separator: "; ") }
        return (nl ? "Alleen als: " : "Only if: ") + sets.joined(separator: nl ? ", of: " : ", or: ")
    }
}

extension AdviceRenderer {
    public static func text(_ report: ExplorationReport, language: Language, width: Int = 80) -> String {
        let w = max(20, width)
        var out: [String] = []
        let nl = language == .nl
        func assumptions(_ list: [ExplorationReport.Assumed]) -> String {
            list.map { "\($0.text) → \($0.label)" }.joined(separator: "; ")
        }
        if let verdictLabel = report.verdictLabel {
            out.append(verdictLabel.uppercased())
            out += TextLayout.wrap(nl ? "Dit geldt wat het antwoord op deze vragen ook is:" : "This holds whatever the answer to these questions:", width: w)
            for c in report.toConfirm { out += TextLayout.hanging(c.text, prefix: "  · ", width: w) }
        } else {
            out.append(nl ? "VOORWAARDELIJK ADVIES" : "CONDITIONAL ADVICE")
            out += TextLayout.wrap(nl
                ? "Tot de open punten hieronder bevestigd zijn: behandel dit als \(report.safeVerdictLabel.lowercased())."
                : "Until the open points below are confirmed: treat this as \(report.safeVerdictLabel.lowercased()).", width: w)
        }
        if let groups = report.groups {
            out.append("")
            out.append(nl ? "Mogelijkheden (\(report.branches.count), per oordeel)" : "Possibilities (\(report.branches.count), by verdict)")
            for g in groups {
                out += TextLayout.hanging(nl ? "\(g.verdictLabel): \(g.count) keer, bijvoorbeeld als \(assumptions(g.example))"
                                             : "\(g.verdictLabel): \(g.count) times, for example if \(assumptions(g.example))",
                                          prefix: "  - ", width: w)
            }
        } else {
            // Branches that end in the same advice are shown once, with every set of answers that leads there.
            var shown: [(key: String, branches: [ExplorationReport.Branch])] = []
            for branch in report.branches {
                let key = ([branch.advice.outcome ?? ""] + (branch.advice.parts ?? []).map(\.outcome)).joined(separator: "+")
                if let i = shown.firstIndex(where: { $0.key == key }) { shown[i].branches.append(branch) } else { shown.append((key, [branch])) }
            }
            for group in shown {
                out.append("")
                out.append(group.branches.count == 1 ? (nl ? "Als het antwoord is:" : "If the answer is:")
                                                      : (nl ? "Als de antwoorden een van deze zijn:" : "If the answers are one of these:"))
                for branch in group.branches {
                    out += TextLayout.hanging(assumptions(branch.assumptions), prefix: "  · ", width: w)
                }
                let advice = group.branches[0].advice
                out += TextLayout.hanging("\(advice.verdictLabel ?? ""): \(advice.title ?? "")", prefix: "  ", width: w)
                for c in advice.conditions ?? [] { out += TextLayout.hanging(c, prefix: "  [ ] ", width: w) }
                for part in advice.parts ?? [] {
                    out += TextLayout.hanging("\(part.label): \(part.verdictLabel): \(part.title)", prefix: "  ", width: w)
                    for c in part.conditions { out += TextLayout.hanging(c, prefix: "  [ ] ", width: w) }
                }
                for a in advice.alternatives ?? [] { out += TextLayout.hanging(a, prefix: "  - ", width: w) }
            }
        }
        out.append("")
        out.append(report.verdictLabel == nil ? (nl ? "Te bevestigen" : "To confirm")
                                              : (nl ? "Nog open (veranderde het oordeel niet)" : "Still open (did not change the verdict)"))
        for c in report.toConfirm {
            out += TextLayout.hanging(c.text, prefix: "  - ", width: w)
            if let asked = ExplorationReport.askedOnly(c, language: language) { out += TextLayout.hanging(asked, prefix: "      ", width: w) }
            for o in c.options where !o.verdicts.isEmpty {
                out += TextLayout.hanging(o.summary ?? "\(o.label) → \(o.verdictLabels.joined(separator: " / "))", prefix: "      ", width: w)
            }
            if let evidence = c.evidence {
                out += TextLayout.hanging((nl ? "Hoe u dit vaststelt: " : "How to settle it: ") + evidence, prefix: "      ", width: w)
            } else {
                out += TextLayout.hanging((nl ? "Waarom dit telt: " : "Why it matters: ") + c.why, prefix: "      ", width: w)
            }
        }
        if report.truncated {
            out.append("")
            out += TextLayout.wrap(nl ? "Let op: te veel open punten; alleen de eerste \(report.branches.count) mogelijkheden zijn bekeken. Beantwoord er een paar."
                                      : "Note: too many open points; only the first \(report.branches.count) possibilities were followed. Answer some of them.", width: w)
        }
        var seen = Set<String>()
        let references = report.branches.flatMap { allReferences($0.advice) }.filter { seen.insert($0.ref).inserted }
        out.append("")
        out.append(Wording.text(.legalBasis, language))
        for r in references { out += TextLayout.hanging("\(r.ref) (\(r.gradeLabel))", prefix: "  - ", width: w) }
        for scoped in report.ruleChanges ?? [] {
            let (change, onlyOn) = (scoped.change, scoped.onlyOn)
            out.append("")
            out.append(Wording.text(.ruleChange, language))
            out += TextLayout.hanging(change.text, prefix: "  ", width: w)
            out += TextLayout.hanging("(\(Wording.ruleSide(change.applies, language)))", prefix: "  ", width: w)
            if let scope = ExplorationReport.ruleChangeScope(onlyOn, total: report.branches.count, language: language) {
                out += TextLayout.hanging(scope, prefix: "  ", width: w)
            }
        }
        if let first = report.branches.first?.advice {
            out.append("")
            out += TextLayout.wrap("\(Wording.text(.actionDate, language)): \(spelled(first.date, language)) · \(knowledgeLine(first, language))", width: w)
        }
        return out.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ report: ExplorationReport, language: Language) -> String {
        let nl = language == .nl
        var out: [String] = []
        if let verdictLabel = report.verdictLabel {
            out.append("# \(verdictLabel)")
            out.append("")
            out.append(nl ? "Dit geldt wat het antwoord op deze vragen ook is:" : "This holds whatever the answer to these questions:")
            out.append("")
            for c in report.toConfirm { out.append("- \(escape(c.text))") }
        } else {
            out.append(nl ? "# Voorwaardelijk advies" : "# Conditional advice")
            out.append("")
            out.append(nl ? "**Tot de open punten hieronder bevestigd zijn: behandel dit als \(report.safeVerdictLabel.lowercased()).**"
                          : "**Until the open points below are confirmed: treat this as \(report.safeVerdictLabel.lowercased()).**")
        }
        if let groups = report.groups {
            out += ["", nl ? "## Mogelijkheden per oordeel" : "## Possibilities by verdict", ""]
            for g in groups {
                let example = g.example.map { "\(escape($0.text)) **\(escape($0.label))**" }.joined(separator: "; ")
                out.append("- \(g.verdictLabel): \(g.count) × (\(nl ? "bijvoorbeeld" : "for example") \(example))")
            }
        } else {
            for branch in report.branches {
                let advice = branch.advice
                out += ["", "## \(advice.verdictLabel ?? ""): \(escape(advice.title ?? ""))", ""]
                out.append(nl ? "Als het antwoord is:" : "If the answer is:")
                out.append("")
                for a in branch.assumptions { out.append("- \(escape(a.text)) **\(escape(a.label))** (`\(a.fact)=\(a.value)`)") }
                if !(advice.conditions ?? []).isEmpty { out.append("") }
                for c in advice.conditions ?? [] { out.append("- [ ] \(escape(c))") }
                for part in advice.parts ?? [] {
                    out += ["", "\(escape(part.label)): \(part.verdictLabel): \(escape(part.title))"]
                    for c in part.conditions { out.append("- [ ] \(escape(c))") }
                }
                if !(advice.alternatives ?? []).isEmpty {
                    out += ["", "\(Wording.text(.alternatives, language)):", ""]
                    for a in advice.alternatives ?? [] { out.append("- \(escape(a))") }
                }
            }
        }
        out += ["", report.verdictLabel == nil ? (nl ? "## Te bevestigen" : "## To confirm")
                                               : (nl ? "## Nog open" : "## Still open"), ""]
        for c in report.toConfirm {
            out.append("- \(escape(c.text))")
            if let asked = ExplorationReport.askedOnly(c, language: language) { out.append("  - _\(escape(asked))_") }
            for o in c.options where !o.verdicts.isEmpty {
                out.append("  - " + (o.summary.map(escape) ?? "\(escape(o.label)): \(o.verdictLabels.joined(separator: " / "))"))
            }
            if let evidence = c.evidence { out.append("  - \(nl ? "Hoe u dit vaststelt" : "How to settle it"): \(escape(evidence))") }
        }
        var seen = Set<String>()
        let references = report.branches.flatMap { allReferences($0.advice) }.filter { seen.insert($0.ref).inserted }
        out += ["", "## " + Wording.text(.legalBasis, language), ""]
        for r in references { out.append("- \(escape(r.ref)) (_\(r.gradeLabel)_)") }
        for scoped in report.ruleChanges ?? [] {
            let (change, onlyOn) = (scoped.change, scoped.onlyOn)
            out += ["", "## " + Wording.text(.ruleChange, language), ""]
            out.append("\(escape(change.text)) (\(Wording.ruleSide(change.applies, language)))")
            if let scope = ExplorationReport.ruleChangeScope(onlyOn, total: report.branches.count, language: language) {
                out += ["", "_\(escape(scope))_"]
            }
        }
        if let first = report.branches.first?.advice {
            out += ["", "---", "", "\(Wording.text(.actionDate, language)): \(spelled(first.date, language)) · \(knowledgeLine(first, language))"]
        }
        return out.joined(separator: "\n") + "\n"
    }

    public static func json(_ report: ExplorationReport) -> String { encodeJSON(report) }
}
