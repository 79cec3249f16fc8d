/// The decision graph as integer-indexed adjacency, for the checks that look at the whole tree:
/// references, cycles, reachability, dead ends and date consistency. Iterative throughout, so a
/// deep generated tree cannot overflow the stack.
struct Graph {
    let kb: KnowledgeBase
    let nodes: [KnowledgeNode]
    let index: [String: Int]
    /// Successor indices per node; nil where the reference points at no node.
    let successors: [[(target: Int?, name: String, location: SourceLocation)]]
    let root: Int?

    init(_ kb: KnowledgeBase) {
        self.kb = kb
        var index: [String: Int] = [:]
        index.reserveCapacity(kb.nodes.count)
        var nodes: [KnowledgeNode] = []
        nodes.reserveCapacity(kb.nodes.count)
        for node in kb.nodes where index[node.id] == nil {
            index[node.id] = nodes.count
            nodes.append(node)
        }
        self.nodes = nodes
        self.index = index
        self.successors = nodes.map { node in node.successors.map { (index[$0.id], $0.id, $0.location) } }
        self.root = index[kb.metadata.root]
    }

    func problems() -> [Problem] {
        var problems = missingReferences()
        guard let root else {
            if !kb.metadata.root.isEmpty {
                problems.append(Problem(.missingReference, at: kb.metadata.location,
                                        "the root '\(kb.metadata.root)' is not a node in any file"))
            }
            return problems
        }
        let cycles = self.cycles()
        problems += cycles
        let (reached, parent) = reachable(from: root)
        for (i, node) in nodes.enumerated() where !reached[i] {
            problems.append(Problem(.unreachable, at: node.location, "node '\(node.id)' cannot be reached from the root '\(kb.metadata.root)'"))
        }
        problems += deadEnds(reached: reached, parent: parent)
        if cycles.isEmpty {
            let order = topologicalOrder(from: root)
            problems += dateConflicts(root: root, order: order)
            problems += repeatedFacts(root: root, order: order)
        }
        return problems
    }

    private func missingReferences() -> [Problem] {
        var problems: [Problem] = []
        for (i, edges) in successors.enumerated() {
            for edge in edges where edge.target == nil && !edge.name.isEmpty {
                problems.append(Problem(.missingReference, at: edge.location,
                                        "'\(nodes[i].id)' leads to '\(edge.name)', which is not a node in any file"))
            }
        }
        return problems
    }

    private func cycles() -> [Problem] {
        enum Colour { case white, grey, black }
        var colour = [Colour](repeating: .white, count: nodes.count)
        var problems: [Problem] = []
        for start in nodes.indices where colour[start] == .white {
            var stack: [(node: Int, edge: Int)] = [(start, 0)]
            colour[start] = .grey
            while let top = stack.last {
                let edges = successors[top.node]
                if top.edge == edges.count {
                    colour[top.node] = .black
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].edge += 1
                guard let next = edges[top.edge].target else { continue }
                switch colour[next] {
                case .white:
                    colour[next] = .grey
                    stack.append((next, 0))
                case .grey:
                    let from = stack.firstIndex { $0.node == next } ?? 0
                    let loop = stack[from...].map { nodes[$0.node].id } + [nodes[next].id]
                    problems.append(Problem(.cycle, at: edges[top.edge].location,
                                            "cycle: \(loop.joined(separator: " -> ")); the tree must not loop back"))
                case .black:
                    break
                }
            }
        }
        return problems
    }

    private func reachable(from root: Int) -> (reached: [Bool], parent: [Int?]) {
        var reached = [Bool](repeating: false, count: nodes.count)
        var parent = [Int?](repeating: nil, count: nodes.count)
        var queue = [root], head = 0
        reached[root] = true
        while head < queue.count {
            let n = queue[head]; head += 1
            for edge in successors[n] {
                if let t = edge.target, !reached[t] {
                    reached[t] = true
                    parent[t] = n
                    queue.append(t)
                }
            }
        }
        return (reached, parent)
    }

    /// Reachable nodes from which a path stops without an outcome: a question without options,
    /// or a link to a node that does not exist. Each is reported with one path from the root.
    private func deadEnds(reached: [Bool], parent: [Int?]) -> [Problem] {
        var problems: [Problem] = []
        for (i, node) in nodes.enumerated() where reached[i] {
            var reason: String?
            switch node {
            case .question(let q) where q.options.isEmpty: reason = "it has no options"
            case .dateSwitch(let d) where d.before.isEmpty || d.onOrAfter.isEmpty: reason = "a date branch has no next node"
            case .part(let p) where p.start.isEmpty || p.then.isEmpty: reason = "the part has no 'part' or no 'then' node"
            default:
                // A link to a missing node is reported once, as missing-reference; an empty link here.
                if successors[i].contains(where: { $0.target == nil && $0.name.isEmpty }) { reason = "a link is empty" }
            }
            guard let reason else { continue }
            var path = [node.id]
            var p = parent[i]
            while let q = p { path.append(nodes[q].id); p = parent[q] }
            path.reverse()
            // A short path: a deep generated chain would otherwise print its whole length per problem.
            if path.count > 6 {
                path = path.prefix(2) + ["… (\(path.count - 5) more)"] + path.suffix(3)
            }
            problems.append(Problem(.deadEnd, at: node.location,
                                    "the path \(path.joined(separator: " > ")) does not end in an outcome: \(reason)"))
        }
        return problems
    }

    /// Walks the action-date intervals each node can be reached with and checks them against date
    /// switches (a branch no date can take) and outcomes' validity (advice given outside its dates).
    private func dateConflicts(root: Int, order: [Int]) -> [Problem] {
        // Action dates are calendar dates: the intervals never leave 0001-01-01...9999-12-31, so a
        // date named in a message (the day before or after a bound) always exists.
        let lowest = max(kb.metadata.coversFrom ?? .earliest, .earliest).dayNumber
        var incoming = [DateIntervals](repeating: DateIntervals(), count: nodes.count)
        incoming[root] = DateIntervals([(lowest, CalendarDate.latest.dayNumber)])
        var problems: [Problem] = []
        for n in order {
            let here = incoming[n]
            if here.isEmpty { continue }
            switch nodes[n] {
            case .question, .part:
                // A part passes its dates on to its start and (conservatively, unnarrowed) to its continuation.
                for edge in successors[n] { if let t = edge.target { incoming[t].add(here) } }
            case .dateSwitch(let d):
                let change = d.changeDate.dayNumber
                let before = here.clipped(to: (Int.min, change - 1))
                let after = here.clipped(to: (change, Int.max))
                if before.isEmpty {
                    problems.append(Problem(.dateConflict, at: d.location,
                                            "the 'before' branch of '\(d.id)' is never taken: no path reaches it with an action date before \(d.changeDate)"))
                }
                if after.isEmpty {
                    problems.append(Problem(.dateConflict, at: d.location,
                                            "the 'on-or-after' branch of '\(d.id)' is never taken: no path reaches it with an action date on or after \(d.changeDate)"))
                }
                if let t = successors[n][0].target { incoming[t].add(before) }
                if let t = successors[n][1].target { incoming[t].add(after) }
            case .outcome(let o):
                let valid = (o.validFrom?.dayNumber ?? Int.min, o.validUntil?.dayNumber ?? Int.max)
                if let outside = here.firstOutside(valid) {
                    problems.append(Problem(.dateConflict, at: o.location,
                                            "outcome '\(o.id)' holds \(o.validFrom.map { "from \($0)" } ?? "")\(o.validUntil.map { " until \($0)" } ?? "") but can be reached for action date \(CalendarDate(dayNumber: outside)); put it behind a date switch"))
                }
            }
        }
        return problems
    }

    /// A fact asked twice on one path cannot be given two answers with `advise --fact`, and the second
    /// question would silently take the first one's answer. Facts asked on some path to each node are
    /// carried forward as bit sets; a part's continuation also carries every fact its part can ask.
    private func repeatedFacts(root: Int, order: [Int]) -> [Problem] {
        var factIndex: [String: Int] = [:]
        for node in nodes { if case .question(let q) = node, factIndex[q.fact] == nil { factIndex[q.fact] = factIndex.count } }
        let words = factIndex.count / 64 + 1
        func bit(_ fact: Int) -> (Int, UInt64) { (fact / 64, UInt64(1) << UInt64(fact % 64)) }
        // Facts asked anywhere below each node, for the continuation of parts.
        var below = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: nodes.count)
        for n in order.reversed() {
            if case .question(let q) = nodes[n], let f = factIndex[q.fact] { let (w, m) = bit(f); below[n][w] |= m }
            for edge in successors[n] { if let t = edge.target { for w in 0..<words { below[n][w] |= below[t][w] } } }
        }
        var asked = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: nodes.count)
        var problems: [Problem] = []
        for n in order {
            var out = asked[n]
            switch nodes[n] {
            case .question(let q):
                if let f = factIndex[q.fact] {
                    let (w, m) = bit(f)
                    if asked[n][w] & m != 0 {
                        problems.append(Problem(.repeatedFact, at: q.location,
                                                "fact '\(q.fact)' is asked again by '\(q.id)' on a path that already asked it; a path may ask each fact once"))
                    }
                    out[w] |= m
                }
            case .part:
                if let start = successors[n][0].target, let then = successors[n][1].target {
                    for w in 0..<words { asked[start][w] |= out[w]; asked[then][w] |= out[w] | below[start][w] }
                }
                continue
            default:
                break
            }
            for edge in successors[n] { if let t = edge.target { for w in 0..<words { asked[t][w] |= out[w] } } }
        }
        return problems
    }

    private func topologicalOrder(from root: Int) -> [Int] {
        let (reached, _) = reachable(from: root)
        var indegree = [Int](repeating: 0, count: nodes.count)
        for (i, edges) in successors.enumerated() where reached[i] {
            for edge in edges { if let t = edge.target { indegree[t] += 1 } }
        }
        var order = [root], head = 0
        while head < order.count {
            let n = order[head]; head += 1
            for edge in successors[n] {
                guard let t = edge.target else { continue }
                indegree[t] -= 1
                if indegree[t] == 0 { order.append(t) }
            }
        }
        return order
    }
}

/// A sorted union of inclusive day-number intervals.
struct DateIntervals {
    private(set) var ranges: [(Int, Int)] = []

    init(_ ranges: [(Int, Int)] = []) { for r in ranges { add(r) } }

    var isEmpty: Bool { ranges.isEmpty }

    mutating func add(_ other: DateIntervals) { for r in other.ranges { add(r) } }

    mutating func add(_ r: (Int, Int)) {
        guard r.0 <= r.1 else { return }
        var merged: [(Int, Int)] = []
        var current = r
        for existing in ranges {
            if Self.apart(existing, current) {
                merged.append(existing)
            } else {
                current = (min(existing.0, current.0), max(existing.1, current.1))
            }
        }
        merged.append(current)
        ranges = merged.sorted { $0.0 < $1.0 }
    }

    /// True when neither range overlaps nor touches the other (computed without overflow at the ends).
    private static func apart(_ a: (Int, Int), _ b: (Int, Int)) -> Bool {
        func gapAfter(_ end: Int, _ start: Int) -> Bool {
            guard end < start else { return false }
            let (difference, overflow) = start.subtractingReportingOverflow(end)
            return overflow || difference > 1
        }
        return gapAfter(a.1, b.0) || gapAfter(b.1, a.0)
    }

    func clipped(to bound: (Int, Int)) -> DateIntervals {
        DateIntervals(ranges.map { (max($0.0, bound.0), min($0.1, bound.1)) }.filter { $0.0 <= $0.1 })
    }

    /// A day inside these intervals but outside `bound`, if there is one.
    func firstOutside(_ bound: (Int, Int)) -> Int? {
        for r in ranges {
            if r.0 < bound.0 { return min(r.1, bound.0 - 1) }
            if r.1 > bound.1 { return max(r.0, bound.1 + 1) }
        }
        return nil
    }
}
