import DMCCCore
import Foundation

/// The repository's own Knowledge/ folder, read the way the command line reads it.
enum Shipped {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Knowledge")

    static let sources: [KnowledgeSource] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            let data = (try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()
            return KnowledgeSource(path: "Knowledge/" + name, bytes: [UInt8](data))
        }
    }()

    static let knowledge: KnowledgeBase = {
        do { return try Linter.validated(sources) } catch { fatalError("shipped knowledge does not lint: \(error)") }
    }()
}

/// A tiny valid knowledge base for lint tests; each test replaces one file with a broken variant.
enum Tiny {
    static let meta = """
    knowledge:
      version: t1
      reviewed: 2026-11-01
      jurisdiction: NL
      languages: [nl, en]
      root: q1
      covers-from: 2021-07-01
      scenarios:
        - id: s1
          source: true
          title: {nl: Scenario, en: Scenario}
    """

    static let facts = """
    facts:
      - id: consent
        label: {nl: Toestemming, en: Consent}
        values:
          - {value: "yes", nl: Ja, en: "Yes"}
          - {value: "no", nl: Nee, en: "No"}
    """

    static let nodes = """
    nodes:
      - id: q1
        ask: consent
        text: {nl: Toestemming?, en: Consent?}
        why: {nl: Omdat., en: Because.}
        options:
          - {value: "yes", next: ok}
          - {value: "no", next: no}
      - id: ok
        verdict: allowed-if
        scenario: s1
        title: {nl: Mag, en: Allowed}
        explanation: {nl: Uitleg., en: Explanation.}
        conditions:
          - {nl: Voorwaarde., en: Condition.}
        alternatives:
          - {nl: Alternatief., en: Alternative.}
        legal-basis:
          - {ref: Tw art. 11.7, grade: statute}
      - id: no
        verdict: not-allowed
        scenario: s1
        title: {nl: Mag niet, en: Not allowed}
        explanation: {nl: Uitleg., en: Explanation.}
        alternatives:
          - {nl: Alternatief., en: Alternative.}
        legal-basis:
          - {ref: Tw art. 11.7, grade: statute}
    """

    static func sources(meta: String = meta, facts: String = facts, nodes: String = nodes) -> [KnowledgeSource] {
        [KnowledgeSource(path: "k/knowledge.yaml", text: meta),
         KnowledgeSource(path: "k/facts.yaml", text: facts),
         KnowledgeSource(path: "k/nodes.yaml", text: nodes)]
    }

    static func problems(meta: String = meta, facts: String = facts, nodes: String = nodes) -> [Problem] {
        Linter.lint(sources(meta: meta, facts: facts, nodes: nodes)).1
    }
}

func date(_ text: String) -> CalendarDate {
    guard let d = CalendarDate(iso: text) else { fatalError("bad test date \(text)") }
    return d
}
