import Foundation
import Testing

/// `dmcc-advisor test` and the case warnings of `lint`, run through the built program.
@Suite("The test command")
struct TestCommandTests {
    /// A scratch copy of the fixture knowledge with its passing cases, removed when the test ends.
    final class Scratch {
        let folder: URL
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-cases-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: CaseFixtures.knowledgeFolder, to: folder)
        }
        deinit { try? FileManager.default.removeItem(at: folder) }
        var cases: URL { folder.appendingPathComponent("cases") }

        func addFailingCases() throws {
            try FileManager.default.copyItem(at: CaseFixtures.root.appendingPathComponent("FailingCases/failing.yaml"),
                                             to: cases.appendingPathComponent("failing.yaml"))
        }
    }

    @Test("every case passing exits 0 and closes with the count")
    func passing() throws {
        let r = try Program.run(["test", "--knowledge", CaseFixtures.knowledgeFolder.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout == "4 passed, 0 failed\n")
    }

    @Test("a failing case exits 1 with one file:line line per failure")
    func failing() throws {
        let scratch = try Scratch()
        try scratch.addFailingCases()
        let r = try Program.run(["test", "--knowledge", scratch.folder.path])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines.contains { $0.hasSuffix("cases/failing.yaml:8: case 'wrong verdict': expected allowed-if (out-no-consent), got not-allowed (out-no-consent)") })
        #expect(lines.contains { $0.hasSuffix("cases/failing.yaml:18: case 'missing mention': the advice (nl) does not mention 'toestemming van de paus'") })
        #expect(lines.last == "5 passed, 4 failed")
    }

    @Test("a case file written wrongly exits 1 and reports each problem at its line")
    func unreadable() throws {
        let scratch = try Scratch()
        try FileManager.default.copyItem(at: CaseFixtures.root.appendingPathComponent("FailingCases/unreadable.yaml"),
                                         to: scratch.cases.appendingPathComponent("unreadable.yaml"))
        let r = try Program.run(["test", "--knowledge", scratch.folder.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("cases/unreadable.yaml:5:") && r.stdout.contains("valid facts: recipient, consent"))
        #expect(r.stdout.hasSuffix("4 passed, 7 failed\n"))
    }

    @Test("a knowledge folder without cases is an error, not '0 passed'")
    func noCases() throws {
        let scratch = try Scratch()
        try FileManager.default.removeItem(at: scratch.cases)
        let r = try Program.run(["test", "--knowledge", scratch.folder.path])
        #expect(r.status == 4)
        #expect(r.stderr.contains("no test cases"))
        #expect(!r.stdout.contains("passed"))
    }

    @Test("broken knowledge exits 4 before any case runs")
    func brokenKnowledge() throws {
        let scratch = try Scratch()
        let nodes = scratch.folder.appendingPathComponent("nodes.yaml")
        let text = try String(contentsOf: nodes, encoding: .utf8).replacingOccurrences(of: "next: out-business}", with: "next: out-busines}")
        try text.write(to: nodes, atomically: true, encoding: .utf8)
        let r = try Program.run(["test", "--knowledge", scratch.folder.path])
        #expect(r.status == 4)
        #expect(r.stderr.contains("missing-reference"))
        #expect(r.stdout.isEmpty)
    }

    @Test("lint warns about an outcome no case reaches and still exits 0")
    func lintWarning() throws {
        let scratch = try Scratch()
        let file = scratch.cases.appendingPathComponent("calls.yaml")
        let text = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "  - name: a legal entity")[0]
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try Program.run(["lint", "--knowledge", scratch.folder.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("nodes.yaml:56:5: warning: no-case: no case in cases/ reaches outcome 'out-business'"))
        #expect(r.stdout.split(separator: "\n").last?.hasPrefix("ok: ") == true)
        #expect(r.stdout.contains("; 1 warning(s)"))
    }
}
