import Dispatch

/// Checks a loaded knowledge base as a whole: ids, references, cycles, reachability, the fact
/// vocabulary, outcome completeness, translations and date consistency. Every problem is reported.
public enum Linter {
    public static func check(_ kb: KnowledgeBase, graphChecks: Bool = true) -> [Problem] {
        // The checks are independent functions of the knowledge: run them side by side (lint of a
        // large generated knowledge base waits for them after the parallel parse).
        let checks: [@Sendable () -> [Problem]] = [
            { duplicateIDs(kb) },
            { vocabulary(kb) },
            // While a file does not parse, the vocabulary may be missing (a typo in facts.yaml): every
            // question would be reported as asking an unknown fact. Those checks wait, like the graph's.
            { questions(kb, vocabularyKnown: graphChecks) },
            { outcomes(kb) },
            { translations(kb) },
            { graphChecks ? Graph(kb).problems() : [] },
        ]
        let results = UnsafeMutableBufferPointer<[Problem]>.allocate(capacity: checks.count)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        // Each index is written by exactly one iteration, so the writes never overlap.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: checks.count) { i in slots[i] = checks[i]() }
        return Array(results.joined()).sorted()
    }

    /// Loads and checks; the `KnowledgeBase` is returned only when nothing is wrong (warnings aside).
    public static func validated(_ sources: [KnowledgeSource]) throws(KnowledgeErrors) -> KnowledgeBase {
        let (kb, problems) = lint(sources)
        let errors = problems.filter(\.isError)
        guard errors.isEmpty else { throw KnowledgeErrors(problems: errors) }
        return kb
    }

    /// Everything `dmcc-advisor lint` reports, sorted by file and line.
    /// - Parameter cases: the `cases/` folder; when it has files, the cases are read and every outcome
    ///   that no case reaches gets a warning.
    public static func lint(_ sources: [KnowledgeSource], cases: CaseFolder = .unchecked) -> (KnowledgeBase, [Problem]) {
        let report = KnowledgeLoader.load(sources)
        var problems = report.problems + check(report.knowledge, graphChecks: report.allFilesParsed)
        if report.allFilesParsed {
            problems += caseCoverage(report.knowledge, cases: cases, knowledgeIsSound: !problems.contains(where: \.isError))
        }
        return (report.knowledge, problems.sorted())
    }

    /// Problems in the case files, and a warning for each outcome that no case reaches (only for sound
    /// knowledge: running cases through a broken graph says nothing).
    static func caseCoverage(_ kb: KnowledgeBase, cases folder: CaseFolder, knowledgeIsSound: Bool) -> [Problem] {
        let cases: [KnowledgeSource]
        switch folder {
        case .unchecked:
            return []
        case .missing:
            return [Problem(.uncoveredOutcome, at: kb.metadata.location,
                            "there is no cases/ folder next to the knowledge files, so no outcome is checked by a test case",
                            severity: .warning)]
        case .files(let files):
            cases = files
        }
        let loaded = CaseLoader.load(cases, for: kb)
        guard knowledgeIsSound else { return loaded.problems }
        let reached = Set(CaseRunner.run(loaded.cases, in: kb).flatMap(\.reachedOutcomes))
        var problems = loaded.problems
        for case .outcome(let o) in kb.nodes where !reached.contains(o.id) {
            problems.append(Problem(.uncoveredOutcome, at: o.location,
                                    "no case in cases/ reaches outcome '\(o.id)'; add one that ends here",
                                    severity: .warning))
        }
        return problems
    }

    static func duplicateIDs(_ kb: KnowledgeBase) -> [Problem] {
        var problems: [Problem] = []
        var seen: [String: SourceLocation] = [:]
        for node in kb.nodes {
            if let first = seen[node.id] {
                problems.append(Problem(.duplicateID, at: node.location, "id '\(node.id)' is already used at \(first)"))
            } else {
                seen[node.id] = node.location
            }
        }
        var facts: [String: SourceLocation] = [:]
        for fact in kb.facts {
            if let first = facts[fact.id] {
                problems.append(Problem(.duplicateID, at: fact.location, "fact '\(fact.id)' is already defined at \(first)"))
            } else {
                facts[fact.id] = fact.location
            }
        }
        var scenarios = Set<String>()
        for scenario in kb.metadata.scenarios where !scenarios.insert(scenario.id).inserted {
            problems.append(Problem(.duplicateID, at: kb.metadata.location, "scenario '\(scenario.id)' is listed twice"))
        }
        return problems
    }

    static func vocabulary(_ kb: KnowledgeBase) -> [Problem] {
        var problems: [Problem] = []
        for fact in kb.facts {
            if fact.values.count < 2 {
                problems.append(Problem(.tooFewOptions, at: fact.location, "fact '\(fact.id)' has fewer than two values"))
            }
            var values = Set<String>()
            for value in fact.values where !values.insert(value.value).inserted {
                problems.append(Problem(.duplicateOption, at: value.label.location, "fact '\(fact.id)' lists value '\(value.value)' twice"))
            }
            for value in fact.values where value.value == Answer.unknownSpelling {
                problems.append(Problem(.invalidValue, at: value.label.location,
                                        "fact '\(fact.id)' uses the value '\(Answer.unknownSpelling)', which means \"don't know\"; choose another spelling"))
            }
        }
        return problems
    }

    static func questions(_ kb: KnowledgeBase, vocabularyKnown: Bool = true) -> [Problem] {
        var problems: [Problem] = []
        for case .question(let q) in kb.nodes {
            if q.options.count < 2 {
                problems.append(Problem(.tooFewOptions, at: q.location,
                                        "question '\(q.id)' has \(q.options.count) option(s); a question needs at least two"))
            }
            var values = Set<String>()
            for option in q.options where !values.insert(option.value).inserted {
                problems.append(Problem(.duplicateOption, at: option.location, "question '\(q.id)' offers value '\(option.value)' twice"))
            }
            guard vocabularyKnown else { continue }
            guard let fact = kb.factsByID[q.fact] else {
                if !q.fact.isEmpty {
                    let valid = kb.facts.map(\.id).joined(separator: ", ")
                    problems.append(Problem(.unknownFact, at: q.location,
                                            "question '\(q.id)' asks '\(q.fact)', which is not in the vocabulary (facts.yaml); known facts: \(valid)"))
                }
                continue
            }
            for option in q.options where fact.value(option.value) == nil {
                let valid = fact.values.map(\.value).joined(separator: ", ")
                problems.append(Problem(.unknownValue, at: option.location,
                                        "'\(option.value)' is not a value of fact '\(fact.id)'; valid values: \(valid)"))
            }
        }
        return problems + optionOrder(kb)
    }

    /// The options of one fact come in the same order in every question that asks it, so a person
    /// never finds "yes" where "no" was a moment ago. The first question asking the fact sets the order.
    static func optionOrder(_ kb: KnowledgeBase) -> [Problem] {
        var problems: [Problem] = []
        var first: [String: Question] = [:]
        for case .question(let q) in kb.nodes {
            guard let reference = first[q.fact] else { first[q.fact] = q; continue }
            let rank = Dictionary(reference.options.enumerated().map { ($1.value, $0) }, uniquingKeysWith: { a, _ in a })
            let shared = q.options.compactMap { rank[$0.value] }
            if shared != shared.sorted() {
                let expected = reference.options.map(\.value).filter { v in q.options.contains { $0.value == v } }
                problems.append(Problem(.optionOrder, at: q.location,
                                        "question '\(q.id)' lists the values of '\(q.fact)' as \(q.options.map(\.value).joined(separator: ", ")); '\(reference.id)' (\(reference.location)) sets the order \(expected.joined(separator: ", "))"))
            }
        }
        return problems
    }

    static func outcomes(_ kb: KnowledgeBase) -> [Problem] {
        var problems: [Problem] = []
        let scenarioIDs = Set(kb.metadata.scenarios.map(\.id))
        var used = Set<String>()
        for case .outcome(let o) in kb.nodes {
            if o.legalBasis.isEmpty {
                problems.append(Problem(.incompleteOutcome, at: o.location, "outcome '\(o.id)' names no legal basis"))
            }
            switch o.verdict {
            case .notAllowed where o.alternatives.isEmpty:
                problems.append(Problem(.incompleteOutcome, at: o.location,
                                        "outcome '\(o.id)' is not-allowed but says nothing under 'alternatives:' (what can still be done)"))
            case .allowedIf:
                if o.conditions.isEmpty {
                    problems.append(Problem(.incompleteOutcome, at: o.location, "outcome '\(o.id)' is allowed-if but lists no 'conditions:'"))
                }
                if o.alternatives.isEmpty {
                    problems.append(Problem(.incompleteOutcome, at: o.location,
                                            "outcome '\(o.id)' is allowed-if but lists no 'alternatives:' for when the conditions cannot be met"))
                }
            case .allowed where o.conditions.isEmpty && o.alternatives.isEmpty:
                problems.append(Problem(.incompleteOutcome, at: o.location, "outcome '\(o.id)' lists neither conditions nor alternatives"))
            default:
                break
            }
            if o.scenarios.isEmpty {
                problems.append(Problem(.unknownScenario, at: o.location, "outcome '\(o.id)' names no scenario"))
            }
            for scenario in o.scenarios {
                used.insert(scenario)
                if !scenarioIDs.contains(scenario) {
                    problems.append(Problem(.unknownScenario, at: o.location,
                                            "outcome '\(o.id)' names scenario '\(scenario)', which the 'knowledge:' block does not list; listed: \(kb.metadata.scenarios.map(\.id).joined(separator: ", "))"))
                }
            }
            if let from = o.validFrom, let until = o.validUntil, until < from {
                problems.append(Problem(.dateConflict, at: o.location, "outcome '\(o.id)' is valid until \(until), before it starts on \(from)"))
            }
        }
        for scenario in kb.metadata.scenarios where !used.contains(scenario.id) {
            problems.append(Problem(.unknownScenario, at: kb.metadata.location, "scenario '\(scenario.id)' has no outcome"))
        }
        return problems
    }

    static func translations(_ kb: KnowledgeBase) -> [Problem] {
        let languages = kb.metadata.languages
        var problems: [Problem] = []
        // `what` is only worded for a text that lacks a language: most texts have them all.
        func need(_ text: LocalizedText?, _ what: @autoclosure () -> String) {
            guard let text else { return }
            for language in languages where (text.byLanguage[language] ?? "").isEmpty {
                problems.append(Problem(.missingTranslation, at: text.location, "\(what()) has no '\(language)' text"))
            }
        }
        for scenario in kb.metadata.scenarios { need(scenario.title, "the title of scenario '\(scenario.id)'") }
        for fact in kb.facts {
            need(fact.label, "the label of fact '\(fact.id)'")
            need(fact.evidence, "the evidence of fact '\(fact.id)'")
            for value in fact.values { need(value.label, "the label of \(fact.id)=\(value.value)") }
        }
        for node in kb.nodes {
            switch node {
            case .question(let q):
                need(q.text, "the text of '\(q.id)'")
                need(q.why, "the 'why' of '\(q.id)'")
                for option in q.options { need(option.label, "the label of \(q.id)=\(option.value)") }
            case .outcome(let o):
                need(o.title, "the title of '\(o.id)'")
                need(o.explanation, "the explanation of '\(o.id)'")
                for (i, c) in o.conditions.enumerated() { need(c, "condition \(i + 1) of '\(o.id)'") }
                for (i, a) in o.alternatives.enumerated() { need(a, "alternative \(i + 1) of '\(o.id)'") }
                for r in o.legalBasis { need(r.ref, "a legal reference of '\(o.id)'") }
            case .dateSwitch(let d):
                need(d.change, "the change text of '\(d.id)'")
                for r in d.legalBasis { need(r.ref, "a legal reference of '\(d.id)'") }
            case .part(let p):
                need(p.label, "the label of '\(p.id)'")
            }
        }
        return problems
    }
}
