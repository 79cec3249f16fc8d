import Foundation
import Testing

/// Every `swift run dmcc-advisor ...` example in the README runs with the built program, and an output
/// block shown right after one matches what it prints (lines in order; `...` stands for lines left out).
/// The wizard section's line-mode example is run by `WizardShellTests`.
@Suite("The README's command-line examples")
struct ReadmeExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var shownOutput: [String]?
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let examples: [Example] = {
        guard let readme = try? String(contentsOf: Program.root.appendingPathComponent("README.md"), encoding: .utf8) else { return [] }
        var examples: [Example] = []
        let blocks = readme.components(separatedBy: "```")
        // Odd-numbered pieces are inside fences; each starts with its info string ("sh\n" or "\n").
        for i in stride(from: 1, to: blocks.count, by: 2) where blocks[i].hasPrefix("sh\n") {
            let body = blocks[i].dropFirst(3).replacingOccurrences(of: "\\\n", with: " ")
            for line in body.split(separator: "\n") {
                let command = line.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
                guard command.hasPrefix("swift run dmcc-advisor ") else { continue }
                let arguments = command.split(separator: " ").dropFirst(3).map(String.init)
                var shown: [String]?
                if i + 2 < blocks.count, blocks[i + 1].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                   blocks[i + 2].hasPrefix("\n") {
                    shown = blocks[i + 2].split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                }
                examples.append(Example(arguments: arguments, shownOutput: shown))
            }
        }
        return examples
    }()

    @Test("the README has its examples")
    func found() {
        #expect(Self.examples.count >= 7)
        #expect(Self.examples.contains { $0.shownOutput != nil })
    }

    @Test("each example runs and gives advice (or the conditional advice it describes)", arguments: examples)
    func runs(_ example: Example) throws {
        let r = try Program.run(example.arguments)
        // 0: advice given; 6: the "don't know" example's conditional advice. Anything else is a broken example.
        #expect(r.status == 0 || (r.status == 6 && example.arguments.contains { $0.hasSuffix("=unknown") }), "\(r.stderr)")
        #expect(!r.stdout.isEmpty)
        guard let shown = example.shownOutput else { return }
        let actual = r.stdout.split(separator: "\n").map(String.init)
        var next = 0
        for line in shown where line != "..." {
            guard let found = actual[next...].firstIndex(of: line) else {
                Issue.record("the README shows '\(line)', which the program no longer prints (in this order)")
                return
            }
            next = found + 1
        }
    }
}
