@testable import DMCCCore
import Foundation
import Testing

/// Compiled knowledge decodes a node the first time it is asked for (issue 12): a start decodes the
/// nodes on its path, and the advice is the advice the YAML gives.
@Suite("Compiled knowledge, decoded as it is used")
struct LazyKnowledgeTests {
    static let key = "lazy-test"
    static let bytes = CompiledKnowledge.encode(Shipped.knowledge, key: key)
    static let paths = Shipped.sources.map(\.path)

    static func compiled() throws -> KnowledgeBase {
        try #require(CompiledKnowledge.decode(bytes, key: key, paths: paths))
    }

    /// The bytes with a new checksum, as a faulty writer would have sealed them.
    static func resealed(_ body: [UInt8]) -> [UInt8] {
        var sealed = body
        let sum = CompiledKnowledge.checksum(body[...])
        for shift in stride(from: 0, to: 64, by: 8) { sealed.append(UInt8(truncatingIfNeeded: sum >> UInt64(shift))) }
        return sealed
    }

    @Test("decoding reads no node; asking for one decodes that one")
    func nothingBeforeAsked() throws {
        let kb = try Self.compiled()
        #expect(kb.nodeCount == Shipped.knowledge.nodeCount)
        #expect(kb.decodedNodeCount == 0)
        let root = try #require(kb.question(kb.metadata.root))
        #expect(.question(root) == Shipped.knowledge.node(kb.metadata.root))
        #expect(kb.decodedNodeCount == 1)
        _ = kb.question(kb.metadata.root)
        #expect(kb.decodedNodeCount == 1, "a node is decoded once")
        #expect(kb.node("no-such-node") == nil)
        #expect(kb.decodedNodeCount == 1)
    }

    @Test("advice on a compiled knowledge base decodes only the nodes on its path, and equals the YAML's advice")
    func adviceDecodesItsPath() throws {
        let kb = try Self.compiled()
        let facts = ["purpose": "objection", "request": "stop", "fee": "yes"]
        let date = try #require(CalendarDate(iso: "2026-11-29"))
        let advice = try Engine.advise(kb, facts: facts, on: date)
        #expect(advice == (try Engine.advise(Shipped.knowledge, facts: facts, on: date)))
        #expect(kb.decodedNodeCount > 0)
        #expect(kb.decodedNodeCount * 10 < kb.nodeCount, "\(kb.decodedNodeCount) of \(kb.nodeCount) nodes decoded")
    }

    @Test("every consultant case gives the same result on the compiled knowledge as on the YAML")
    func casesAgree() throws {
        let kb = try Self.compiled()
        #expect(!ShippedCases.report.cases.isEmpty)
        for c in ShippedCases.report.cases {
            let compiled = CaseRunner.run(c, in: kb), yaml = CaseRunner.run(c, in: Shipped.knowledge)
            #expect(compiled.passed, "\(compiled.failureLine ?? "")")
            #expect(compiled.actual == yaml.actual && compiled.reachedOutcomes == yaml.reachedOutcomes, "\(c.name)")
        }
        #expect(kb == Shipped.knowledge)
    }

    @Test("the same question is the same question after compiling")
    func answerKeysSurvive() throws {
        let kb = try Self.compiled()
        let yaml = Shipped.knowledge
        let questions = yaml.nodes.compactMap { node -> String? in if case .question(let q) = node { q.id } else { nil } }
        #expect(questions.contains { yaml.answerKey($0) != $0 }, "the shipped knowledge has questions asked in two places")
        for id in questions { #expect(kb.answerKey(id) == yaml.answerKey(id), "\(id)") }
        #expect(kb.decodedNodeCount == 0, "answer keys need no node")
    }

    @Test("many threads asking for nodes at once all get the YAML's nodes")
    func concurrentUse() async throws {
        let kb = try Self.compiled()
        let expected = Shipped.knowledge.nodes
        let ids = expected.map(\.id)
        await withTaskGroup(of: Bool.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var ok = true
                    for (i, id) in ids.enumerated().shuffled() where (i + worker) % 2 == 0 || worker == 7 {
                        ok = ok && kb.node(id) == Shipped.knowledge.node(id)
                    }
                    return ok && (worker != 3 || kb.nodes == expected)
                }
            }
            for await ok in group { #expect(ok) }
        }
        #expect(kb.decodedNodeCount == kb.nodeCount)
        #expect(kb.nodes == expected)
    }

    @Test("a resealed file whose node table does not fit its nodes is refused")
    func nodeTableChecked() throws {
        let body = Array(Self.bytes.dropLast(CompiledKnowledge.checksumSize))
        #expect(CompiledKnowledge.decode(Self.resealed(body), key: Self.key, paths: Self.paths) != nil, "resealing alone changes nothing")
        #expect(CompiledKnowledge.decode(Self.resealed(Array(body.dropLast())), key: Self.key, paths: Self.paths) == nil)
        #expect(CompiledKnowledge.decode(Self.resealed(body + [0]), key: Self.key, paths: Self.paths) == nil)
    }

    @Test("a node the bytes do not hold is missing, not a crash: advice through it stops with an error")
    func brokenNodeIsMissing() throws {
        // Damage the last node's kind byte behind a valid checksum, as only a writer fault could.
        let kb = Shipped.knowledge
        let last = try #require(kb.nodes.last)
        var body = Array(Self.bytes.dropLast(CompiledKnowledge.checksumSize))
        var lastNode = [UInt8]()
        // The last node is its kind followed by its id, as `Writer.node` writes it.
        lastNode.append(0)
        let id = Array(last.id.utf8)
        lastNode.append(UInt8(id.count))
        lastNode += id
        let start = try #require(Self.lastIndex(of: Array(lastNode.dropFirst()), in: body)) - 1
        body[start] = 9
        let broken = try #require(CompiledKnowledge.decode(Self.resealed(body), key: Self.key, paths: Self.paths))
        #expect(broken.node(last.id) == nil)
        #expect(broken.node(kb.metadata.root) == kb.node(kb.metadata.root))
        #expect(broken.nodes.count == kb.nodes.count - 1)
        #expect(!broken.nodes.contains { $0.id == last.id })
    }

    static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in stride(from: haystack.count - needle.count, through: 0, by: -1) where Array(haystack[i..<i + needle.count]) == needle {
            return i
        }
        return nil
    }

    @Test("the checksum notices any one changed byte and any truncation")
    func checksumSensitivity() {
        let data = Array(Self.bytes.prefix(4_099))
        let sum = CompiledKnowledge.checksum(data[...])
        for position in 0..<data.count {
            var changed = data
            changed[position] &+= 1
            #expect(CompiledKnowledge.checksum(changed[...]) != sum, "byte \(position)")
        }
        for length in 0..<data.count { #expect(CompiledKnowledge.checksum(data[..<length]) != sum, "length \(length)") }
    }
}
