import Foundation
import DMCCCore
import Testing

/// Each test breaks the tiny knowledge base in one way and checks that lint names the kind of
/// problem and the exact file and line a consultant has to fix.
@Suite("Lint reports each kind of problem at its file and line")
struct LintTests {
    /// Tiny.nodes with line `n` (1-based) replaced by `text`, or removed when `text` is nil.
    func nodes(line n: Int, _ text: String?) -> String {
        var lines = Tiny.nodes.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let text { lines[n - 1] = text } else { lines.remove(at: n - 1) }
        return lines.joined(separator: "\n")
    }

    func expectProblem(_ problems: [Problem], _ kind: Problem.Kind, file: String = "k/nodes.yaml", line: Int,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = problems.contains { $0.kind == kind && $0.location.file == file && $0.location.line == line }
        #expect(found, "expected \(kind.rawValue) at \(file):\(line), got:\n\(problems.map(\.description).joined(separator: "\n"))",
                sourceLocation: sourceLocation)
    }

    @Test("the tiny fixture itself is clean")
    func fixtureIsClean() {
        #expect(Tiny.problems().isEmpty, "\(Tiny.problems())")
    }

    @Test("YAML syntax errors give line and column")
    func syntax() throws {
        let problems = Tiny.problems(nodes: nodes(line: 3, "    ask: consent: yes"))
        expectProblem(problems, .syntax, line: 3)
        let problem = try #require(problems.first { $0.kind == .syntax })
        #expect(problem.location.column > 0)
        #expect(problem.message.contains("once every file parses"))
    }

    @Test("a syntax error in the vocabulary is reported alone, not as every question asking an unknown fact")
    func brokenVocabulary() {
        let problems = Tiny.problems(facts: Tiny.facts.replacingOccurrences(of: "    label: {nl: Toestemming, en: Consent}",
                                                                              with: "    label: {nl: Toestemming, en: Consent"))
        #expect(problems.contains { $0.kind == .syntax && $0.location.file == "k/facts.yaml" }, "\(problems)")
        #expect(!problems.contains { $0.kind == .unknownFact || $0.kind == .unknownValue }, "\(problems)")
    }

    @Test("bytes that are not UTF-8 are reported at their line")
    func encoding() {
        var bytes = Array(Tiny.nodes.utf8)
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        bytes.insert(0xFF, at: lineStarts[3] + 4)
        let sources = Tiny.sources().dropLast() + [KnowledgeSource(path: "k/nodes.yaml", bytes: bytes)]
        let problems = Linter.lint(Array(sources)).1
        expectProblem(problems, .encoding, line: 4)
        #expect(problems.first { $0.kind == .encoding }?.location.column == 5)
    }

    @Test("a duplicate id points at the second definition and names the first")
    func duplicateID() {
        let problems = Tiny.problems(nodes: nodes(line: 20, "  - id: ok"))
        expectProblem(problems, .duplicateID, line: 20)
        #expect(problems.contains { $0.kind == .duplicateID && $0.message.contains("k/nodes.yaml:9") })
    }

    @Test("a link to a node that does not exist")
    func missingReference() {
        expectProblem(Tiny.problems(nodes: nodes(line: 8, "      - {value: \"no\", next: nowhere}")), .missingReference, line: 8)
    }

    @Test("a cycle is reported where the tree loops back")
    func cycle() {
        let problems = Tiny.problems(nodes: nodes(line: 7, "      - {value: \"yes\", next: q1}"))
        expectProblem(problems, .cycle, line: 7)
    }

    @Test("a node no path reaches")
    func unreachable() {
        let orphan = Tiny.nodes + """

          - id: orphan
            verdict: allowed
            scenario: s1
            title: {nl: Wees, en: Orphan}
            explanation: {nl: Uitleg., en: Explanation.}
            conditions:
              - {nl: Voorwaarde., en: Condition.}
            legal-basis:
              - {ref: AVG art. 21, grade: statute}
        """
        expectProblem(Tiny.problems(nodes: orphan), .unreachable, line: 29)
    }

    @Test("a question with fewer than two options")
    func tooFewOptions() {
        expectProblem(Tiny.problems(nodes: nodes(line: 8, nil)), .tooFewOptions, line: 2)
    }

    @Test("a question offering the same value twice")
    func duplicateOption() {
        expectProblem(Tiny.problems(nodes: nodes(line: 8, "      - {value: \"yes\", next: no}")), .duplicateOption, line: 8)
    }

    @Test("a question asking a fact outside the vocabulary")
    func unknownFact() {
        let problems = Tiny.problems(nodes: nodes(line: 3, "    ask: colour"))
        expectProblem(problems, .unknownFact, line: 2)
        #expect(problems.contains { $0.message.contains("known facts: consent") })
    }

    @Test("an option value outside the fact's values")
    func unknownValue() {
        let problems = Tiny.problems(nodes: nodes(line: 8, "      - {value: maybe, next: no}"))
        expectProblem(problems, .unknownValue, line: 8)
        #expect(problems.contains { $0.message.contains("valid values: yes, no") })
    }

    @Test("an outcome without a verdict")
    func missingVerdict() {
        expectProblem(Tiny.problems(nodes: nodes(line: 21, nil)), .incompleteOutcome, line: 20)
    }

    @Test("a not-allowed outcome without alternatives")
    func missingAlternatives() {
        var lines = Tiny.nodes.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeSubrange(24...25)
        let problems = Tiny.problems(nodes: lines.joined(separator: "\n"))
        expectProblem(problems, .incompleteOutcome, line: 20)
        #expect(problems.contains { $0.message.contains("alternatives") })
    }

    @Test("an outcome without a legal basis")
    func missingLegalBasis() {
        var lines = Tiny.nodes.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeSubrange(26...27)
        let problems = Tiny.problems(nodes: lines.joined(separator: "\n"))
        expectProblem(problems, .incompleteOutcome, line: 20)
        #expect(problems.contains { $0.message.contains("legal-basis") || $0.message.contains("legal basis") })
    }

    @Test("a text without its English translation")
    func missingTranslation() {
        expectProblem(Tiny.problems(nodes: nodes(line: 13, "    explanation: {nl: Uitleg.}")), .missingTranslation, line: 13)
    }

    @Test("a path that does not end in an outcome")
    func deadEnd() {
        var lines = Tiny.nodes.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[5] = "    options: []"
        lines.removeSubrange(6...7)
        let problems = Tiny.problems(nodes: lines.joined(separator: "\n"))
        expectProblem(problems, .deadEnd, line: 2)
        expectProblem(problems, .tooFewOptions, line: 2)
    }

    @Test("an outcome reachable on dates it does not hold for")
    func dateConflict() {
        let problems = Tiny.problems(nodes: nodes(line: 11, "    scenario: s1\n    valid-from: 2026-07-01"))
        expectProblem(problems, .dateConflict, line: 9)
        #expect(problems.contains { $0.message.contains("action date 2026-06-30") })
    }

    @Test("a date switch branch no action date can take")
    func deadDateBranch() {
        let switchNode = Tiny.nodes.replacingOccurrences(of: "next: ok}", with: "next: by-date}") + """

          - id: by-date
            on-date: 2020-01-01
            change: {nl: Regel veranderde., en: The rule changed.}
            legal-basis:
              - {ref: Tw art. 11.7, grade: statute}
            before: no
            on-or-after: ok
        """
        expectProblem(Tiny.problems(nodes: switchNode), .dateConflict, line: 29)
    }

    @Test("a misspelt key is reported rather than silently ignored")
    func unknownKey() {
        let problems = Tiny.problems(nodes: nodes(line: 13, "    explantion: {nl: Uitleg., en: Explanation.}"))
        expectProblem(problems, .unknownKey, line: 13)
        expectProblem(problems, .missingField, line: 9)
    }

    @Test("an outcome naming a scenario the metadata does not list")
    func unknownScenario() {
        expectProblem(Tiny.problems(nodes: nodes(line: 11, "    scenario: s2")), .unknownScenario, line: 9)
    }

    @Test("a verdict or grade outside the allowed words")
    func invalidValues() {
        expectProblem(Tiny.problems(nodes: nodes(line: 10, "    verdict: maybe")), .invalidValue, line: 10)
        expectProblem(Tiny.problems(nodes: nodes(line: 19, "      - {ref: Tw art. 11.7, grade: rumour}")), .invalidValue, line: 19)
    }

    @Test("a root that is not a node")
    func missingRoot() {
        let meta = Tiny.meta.replacingOccurrences(of: "root: q1", with: "root: begin")
        expectProblem(Tiny.problems(meta: meta), .missingReference, file: "k/knowledge.yaml", line: 2)
    }

    @Test("a fact defined twice in the vocabulary")
    func duplicateFact() {
        let facts = Tiny.facts + "\n" + Tiny.facts.split(separator: "\n").dropFirst().joined(separator: "\n")
        expectProblem(Tiny.problems(facts: facts), .duplicateID, file: "k/facts.yaml", line: 7)
    }

    @Test("every problem is reported at once, sorted by file and line")
    func allAtOnce() {
        let broken = nodes(line: 8, "      - {value: maybe, next: nowhere}").replacingOccurrences(of: "explanation: {nl: Uitleg., en: Explanation.}", with: "explanation: {nl: Uitleg.}")
        let problems = Tiny.problems(nodes: broken)
        #expect(Set(problems.map(\.kind)).isSuperset(of: [.unknownValue, .missingReference, .missingTranslation, .unreachable]))
        #expect(problems == problems.sorted())
    }
}
