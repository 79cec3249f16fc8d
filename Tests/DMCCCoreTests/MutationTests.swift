import DMCCCore
import Testing

/// A small deterministic generator, so a failing mutation can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Mutation: CaseIterable {
    case deleteLine, duplicateLine, swapLines, truncate, badIndentation, invalidUTF8, deleteCharacter

    /// Applies the mutation to a file's bytes, line-wise where it makes sense.
    func apply(to bytes: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return bytes }
        let i = Int.random(in: 0..<lines.count, using: &rng)
        switch self {
        case .deleteLine:
            lines.remove(at: i)
        case .duplicateLine:
            lines.insert(lines[i], at: i)
        case .swapLines:
            lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
        case .truncate:
            return Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
        case .badIndentation:
            let shift = Int.random(in: 1...3, using: &rng)
            if Bool.random(using: &rng) {
                lines[i] = [UInt8](repeating: 0x20, count: shift) + lines[i]
            } else {
                lines[i] = Array(lines[i].drop { $0 == 0x20 }.prefix(Int.max))
                lines[i] = [UInt8](repeating: 0x09, count: 1) + lines[i]
            }
        case .invalidUTF8:
            let bad: [[UInt8]] = [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF]]
            let at = Int.random(in: 0...lines[i].count, using: &rng)
            lines[i].insert(contentsOf: bad.randomElement(using: &rng)!, at: at)
        case .deleteCharacter:
            if !lines[i].isEmpty { lines[i].remove(at: Int.random(in: 0..<lines[i].count, using: &rng)) }
        }
        return Array(lines.joined(separator: [0x0A]))
    }
}

@Suite("Robustness: mutated knowledge never crashes the loader")
struct MutationTests {
    @Test("500 seeded mutations of the shipped YAML each load cleanly or report a located problem")
    func seededMutations() throws {
        var rng = SplitMix64(state: 20_261_129)
        var loaded = 0, rejected = 0
        var kinds = Set<Problem.Kind>()
        for round in 0..<500 {
            var sources = Shipped.sources
            let file = Int.random(in: 0..<sources.count, using: &rng)
            let mutation = Mutation.allCases.randomElement(using: &rng)!
            sources[file].bytes = mutation.apply(to: sources[file].bytes, using: &rng)
            let (kb, problems) = Linter.lint(sources)
            if problems.isEmpty {
                loaded += 1
                // What loads must also be usable: the engine asks the root question.
                let advice = try Engine.advise(kb, facts: [:], on: date("2026-11-29"))
                #expect(advice.missing?.id == kb.metadata.root, "round \(round)")
            } else {
                rejected += 1
                for problem in problems {
                    kinds.insert(problem.kind)
                    let located = !problem.location.file.isEmpty && problem.location.line >= 1
                    #expect(located, "round \(round), \(mutation) of \(sources[file].path): unlocated \(problem)")
                }
            }
        }
        #expect(loaded + rejected == 500)
        #expect(rejected > 100, "the mutations should break most files")
        #expect(kinds.contains(.syntax) && kinds.contains(.encoding))
    }
}
