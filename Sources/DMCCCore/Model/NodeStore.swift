import Synchronization

/// The nodes of a knowledge base: all of them at hand (read from the YAML), or the bytes of a
/// compiled form from which each node is decoded the first time it is asked for. Advice and the
/// wizard's first screen need the few nodes on their path, so a start decodes those and no more.
final class NodeStore: Sendable {
    let count: Int
    /// Node id -> its position; the first definition wins (the linter reports duplicates).
    private let index: [String: Int]
    private let source: Source
    /// The compiled form's nodes decoded so far, and all of them once `all` was asked for.
    private let decoded: Mutex<(nodes: [KnowledgeNode?], all: [KnowledgeNode]?)>

    private enum Source {
        case nodes([KnowledgeNode])
        /// The nodes' fields from `start`; node i lies at `start + offsets[i] ..< start + offsets[i + 1]`.
        case compiled(bytes: [UInt8], start: Int, offsets: [Int], files: [String])
    }

    init(_ nodes: [KnowledgeNode]) {
        var index: [String: Int] = [:]
        index.reserveCapacity(nodes.count)
        for (i, node) in nodes.enumerated() where index[node.id] == nil { index[node.id] = i }
        self.index = index
        count = nodes.count
        source = .nodes(nodes)
        decoded = Mutex(([], nodes))
    }

    /// - Parameters: `offsets` has one more entry than `ids`: where each node starts, and the end.
    init(compiled bytes: [UInt8], start: Int, offsets: [Int], ids: [String], files: [String]) {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
        self.index = index
        count = ids.count
        source = .compiled(bytes: bytes, start: start, offsets: offsets, files: files)
        decoded = Mutex((Array(repeating: nil, count: ids.count), nil))
    }

    func node(_ id: String) -> KnowledgeNode? {
        guard let i = index[id] else { return nil }
        switch source {
        case .nodes(let nodes):
            return nodes[i]
        case .compiled:
            return decoded.withLock { state in decodedNode(i, &state.nodes) }
        }
    }

    /// Node `i` of the compiled form, decoded now unless it was before. Call under the lock.
    private func decodedNode(_ i: Int, _ nodes: inout [KnowledgeNode?]) -> KnowledgeNode? {
        if let node = nodes[i] { return node }
        guard case .compiled(let bytes, let start, let offsets, let files) = source else { return nil }
        let node = CompiledKnowledge.node(in: bytes, from: start + offsets[i], to: start + offsets[i + 1], files: files)
        nodes[i] = node
        return node
    }

    /// How many nodes have been decoded so far (all, for nodes at hand).
    var decodedCount: Int {
        switch source {
        case .nodes: count
        case .compiled: decoded.withLock { state in state.nodes.count { $0 != nil } }
        }
    }

    /// Every node, in the order they are written.
    var all: [KnowledgeNode] {
        switch source {
        case .nodes(let nodes):
            return nodes
        case .compiled:
            return decoded.withLock { state in
                if let all = state.all { return all }
                var all: [KnowledgeNode] = []
                all.reserveCapacity(count)
                for i in 0..<count {
                    // A node the checksum-tested bytes do not hold would be a fault of this program's
                    // writer; it is left out, and advice that needs it stops at "unknown node".
                    if let node = decodedNode(i, &state.nodes) { all.append(node) }
                }
                state.all = all
                return all
            }
        }
    }
}
