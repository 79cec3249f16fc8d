import Yams

/// Reads the consultants' case files (`cases/*.yaml`) against a knowledge base, reporting every
/// problem with its `file:line`: unknown keys, facts and values (with the valid ones), bad dates,
/// verdicts and languages, outcome ids that do not exist, and missing fields. Pure: bytes in, values out.
public enum CaseLoader {
    public struct Report: Sendable {
        /// The cases that read without a problem, in file and line order.
        public var cases: [AdviceCase]
        public var problems: [Problem]
        /// How many cases could not be read; a file with a mistake outside its cases (not YAML, an
        /// unknown top-level key) counts as one more, so such a mistake always fails the run.
        public var unreadable: Int
    }

    static let caseKeys = ["name", "date", "facts", "verdict", "outcome", "mentions", "lang"]
    static let requiredKeys = ["name", "date", "facts", "verdict", "outcome"]

    public static func load(_ sources: [KnowledgeSource], for kb: KnowledgeBase) -> Report {
        var report = Report(cases: [], problems: [], unreadable: 0)
        for source in sources.sorted(by: { $0.path < $1.path }) {
            read(source, kb, into: &report)
        }
        report.problems.sort()
        return report
    }

    private static func read(_ source: KnowledgeSource, _ kb: KnowledgeBase, into report: inout Report) {
        var file = FileReader(file: source.path)
        defer { report.problems += file.problems.map(withoutGraphHint) }
        guard let root = file.parse(source) else {
            report.unreadable += 1
            return
        }
        guard let top = file.fields(root, "a case file", allowed: ["cases"], required: ["cases"]),
              let list = top["cases"] else {
            report.unreadable += 1
            return
        }
        let items = file.sequence(list, "'cases:'")
        if items.isEmpty, case .sequence = list {
            file.report(.missingField, at: list, "'cases:' lists no case; write at least one '- name: ...'")
        }
        if !file.problems.isEmpty { report.unreadable += 1 }
        for item in items {
            let before = file.problems.count
            let adviceCase = readCase(item, kb, &file)
            if let adviceCase, file.problems.count == before {
                report.cases.append(adviceCase)
            } else {
                report.unreadable += 1
            }
        }
    }

    private static func readCase(_ node: Node, _ kb: KnowledgeBase, _ file: inout FileReader) -> AdviceCase? {
        let peekedName = node.mapping?["name"]?.scalar?.string
        let what = peekedName.map { "case '\($0)'" } ?? "a case"
        guard let f = file.fields(node, what, allowed: caseKeys, required: requiredKeys) else { return nil }
        let name = file.string(f["name"], "the name of \(what)")
        let date = file.date(f["date"], "the date of \(what)")
        let facts = readFacts(f["facts"], what, kb, &file)
        var verdict: Verdict?
        if let node = f["verdict"], let text = file.string(node, "the verdict of \(what)") {
            verdict = Verdict(rawValue: text)
            if verdict == nil {
                file.report(.invalidValue, at: node,
                            "verdict '\(text)' of \(what) is not one of: \(Verdict.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        var outcome: String?
        if let node = f["outcome"], let id = file.string(node, "the outcome of \(what)") {
            outcome = id
            if kb.outcome(id) == nil {
                file.report(.unknownOutcome, at: node, "\(what) expects outcome '\(id)', which the knowledge does not have; \(outcomeHint(id, kb))")
            }
        }
        var language = Language.nl
        if let node = f["lang"], let text = file.string(node, "the 'lang' of \(what)") {
            if let l = Language(rawValue: text) {
                language = l
            } else {
                file.report(.invalidValue, at: node,
                            "language '\(text)' of \(what) is not supported; use: \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let mentions = file.strings(f["mentions"], "the 'mentions' of \(what)")
        guard let name, let date, let facts, let verdict, let outcome else { return nil }
        return AdviceCase(name: name, date: date, facts: facts, verdict: verdict, outcome: outcome,
                          mentions: mentions, language: language, location: f.location)
    }

    /// `facts: {name: value, ...}`, each checked against the vocabulary.
    private static func readFacts(_ node: Node?, _ what: String, _ kb: KnowledgeBase,
                                  _ file: inout FileReader) -> [String: String]? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            file.report(.structure, at: node, "the facts of \(what) must be a mapping, e.g. {purpose: marketing-call, consent: \"no\"}")
            return nil
        }
        var facts: [String: String] = [:]
        var valid = true
        for (key, value) in mapping {
            guard let name = file.string(key, "a fact name in \(what)") else { valid = false; continue }
            guard let fact = kb.factsByID[name] else {
                file.report(.unknownFact, at: key,
                            "\(what) gives unknown fact '\(name)'; valid facts: \(kb.facts.map(\.id).joined(separator: ", "))")
                valid = false
                continue
            }
            guard let text = file.string(value, "the value of fact '\(name)' in \(what)") else { valid = false; continue }
            guard fact.value(text) != nil else {
                file.report(.unknownValue, at: value,
                            "'\(text)' is not a value of fact '\(name)'; valid values: \(fact.values.map(\.value).joined(separator: ", "))")
                valid = false
                continue
            }
            facts[name] = text
        }
        return valid ? facts : nil
    }

    /// The outcome ids that look like the one written: a few letters off (a typo), else the same
    /// first two parts (e.g. `out-pc-`), else all of them.
    private static func outcomeHint(_ id: String, _ kb: KnowledgeBase) -> String {
        let all = kb.nodes.compactMap { node -> String? in
            if case .outcome(let o) = node { return o.id }
            return nil
        }
        let typos = all.filter { editDistance($0, id) <= 2 }
        if !typos.isEmpty { return "did you mean: \(typos.joined(separator: ", "))" }
        let stem = id.split(separator: "-").prefix(2).joined(separator: "-") + "-"
        let near = all.filter { $0.hasPrefix(stem) }
        return near.isEmpty ? "outcomes: \(all.joined(separator: ", "))"
                            : "outcomes starting '\(stem)': \(near.joined(separator: ", "))"
    }

    /// Levenshtein distance, for suggesting the id that was meant.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The YAML reader's syntax hint speaks of graph checks, which do not apply to case files.
    private static func withoutGraphHint(_ problem: Problem) -> Problem {
        let hint = FileReader.whatWaitsForParsing
        guard problem.message.hasSuffix(hint) else { return problem }
        var p = problem
        p.message = String(p.message.dropLast(hint.count))
        return p
    }
}
