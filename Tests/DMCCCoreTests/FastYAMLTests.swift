import DMCCCore
import Foundation
import Testing

/// The loader builds its YAML trees from libyaml's events instead of Yams' trees (issue 12, lint
/// at 100,000 nodes); whatever a file holds, the knowledge and the problems must be the same.
@Suite("The fast YAML reader agrees with Yams")
struct FastYAMLTests {
    static func expectSame(_ sources: [KnowledgeSource], _ comment: Comment? = nil) {
        let fast = KnowledgeLoader.load(sources)
        let yams = KnowledgeLoader.load(sources, yaml: .yams)
        #expect(fast.knowledge == yams.knowledge, comment)
        #expect(fast.problems == yams.problems, comment)
        #expect(fast.allFilesParsed == yams.allFilesParsed, comment)
    }

    @Test("the shipped knowledge, with its anchors and aliases")
    func shipped() {
        #expect(Shipped.sources.contains { String(decoding: $0.bytes, as: UTF8.self).contains("*yes-no") })
        Self.expectSame(Shipped.sources)
    }

    @Test("the case fixtures' knowledge")
    func fixtures() throws {
        let folder = Program.root.appendingPathComponent("Tests/Fixtures/CaseKnowledge")
        let sources = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.map {
            KnowledgeSource(path: $0, bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))
        }
        Self.expectSame(sources)
    }

    static let styles = """
    nodes:
      - id: q1
        ask: consent
        text:
          nl: |
            Toestemming
            gegeven?
          en: >
            Consent
            given?
        why: {"nl": 'Omdat.', en: "Because \\u00e9."}   # comment
        options:
          - value: "yes"
            next: ok
          - {value: no, next: no}
      - &ok
        id: ok
        verdict: allowed-if
        scenario: [s1]
        title: {nl: Mag — écht, en: Allowed}
        explanation: {nl: Uitleg., en: Explanation.}
        conditions: [{nl: Voorwaarde., en: Condition.}]
        alternatives: &alts
          - {nl: Alternatief., en: Alternative.}
        legal-basis:
          - {ref: Tw art. 11.7, grade: statute}
      - id: no
        verdict: not-allowed
        scenario: s1
        title: {nl: Mag niet, en: Not allowed}
        explanation: {nl: Uitleg., en: Explanation.}
        alternatives: *alts
        legal-basis:
          - ref: {nl: Tw artikel 11.7, en: Tw article 11.7}
            grade: statute
        valid-from: 2021-07-01
        valid-until: ~
    """

    @Test("block and flow styles, quotes, comments, anchors, empty values and non-ASCII text")
    func styles() {
        Self.expectSame(Tiny.sources(nodes: Self.styles))
        Self.expectSame(Tiny.sources(nodes: "\u{FEFF}" + Self.styles), "with a byte order mark")
        Self.expectSame(Tiny.sources(nodes: Self.styles.replacingOccurrences(of: "\n", with: "\r\n")), "with CRLF line ends")
    }

    @Test("files the fast reader leaves to Yams give the same problems",
          arguments: [
              "nodes:\n  - id: q1\n    id: q2\n",                       // a key twice
              "nodes:\n  - *missing\n",                                 // an undefined alias
              "nodes:\n  - id: q1\n   bad: [\n",                        // a syntax error
              "nodes:\n  - id: !!str q1\n    ask: consent\n",           // an explicit tag
              "",                                                         // an empty file
              "# only a comment\n",
              "nodes: []\n---\nnodes: []\n",                             // two documents
              "nodes:\n  - ? [a, b]\n    : c\n",                       // a key that is not plain text
              "nodes:\n  - <<: {id: q1}\n",                             // a merge key
              "- just\n- a list\n",
          ])
    func leftToYams(_ nodes: String) {
        Self.expectSame(Tiny.sources(nodes: nodes), "\(nodes)")
    }
}
