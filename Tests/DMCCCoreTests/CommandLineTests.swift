import Foundation
import Testing

/// Runs the built `dmcc-advisor` as a user or a script would, to check exit codes and streams.
enum Program {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL? {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("dmcc-advisor"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dmcc-advisor"),
                          root.appendingPathComponent(".build/debug/dmcc-advisor")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], in directory: URL = root) throws -> Result {
        try run(arguments, in: directory, environment: nil)
    }
}

@Suite("The command line")
struct CommandLineTests {
    @Test("complete advice exits 0")
    func complete() throws {
        let r = try Program.run(["advise", "--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("NIET TOEGESTAAN"))
    }

    @Test("incomplete advice exits 3 and lists the options to answer with")
    func incomplete() throws {
        let r = try Program.run(["advise", "--fact", "purpose=objection", "--format", "json"])
        #expect(r.status == 3)
        #expect(r.stdout.contains("\"status\" : \"incomplete\""))
    }

    @Test("an unknown fact exits 2 and lists the valid facts")
    func unknownFact() throws {
        let r = try Program.run(["advise", "--fact", "colour=red"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("onbekend feit 'colour'; geldige feiten: purpose, "), "\(r.stderr)")
        #expect(r.stderr.contains(", channel, "))
        let english = try Program.run(["advise", "--lang", "en", "--fact", "colour=red"])
        #expect(english.status == 2)
        #expect(english.stderr.contains("unknown fact 'colour'; valid facts: purpose, "), "\(english.stderr)")
    }

    @Test("an unknown value exits 2 and lists the valid values")
    func unknownValue() throws {
        let r = try Program.run(["advise", "--fact", "channel=fax"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("geldige waarden: email, sms, messaging-app, post"), "\(r.stderr)")
        let english = try Program.run(["advise", "--lang", "en", "--fact", "channel=fax"])
        #expect(english.stderr.contains("valid values: email, sms, messaging-app, post"), "\(english.stderr)")
    }

    @Test("a malformed date exits 2")
    func badDate() throws {
        let r = try Program.run(["advise", "--fact", "purpose=objection", "--date", "29-11-2026"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("JJJJ-MM-DD"), "\(r.stderr)")
        let early = try Program.run(["advise", "--fact", "purpose=objection", "--date", "2021-06-30"])
        #expect(early.status == 2)
        #expect(early.stderr.contains("vanaf 2021-07-01, niet voor 2021-06-30"), "\(early.stderr)")
        let english = try Program.run(["advise", "--lang", "en", "--fact", "purpose=objection", "--date", "2021-06-30"])
        #expect(english.status == 2)
        #expect(english.stderr.contains("from 2021-07-01 on"), "\(english.stderr)")
    }

    @Test("lint passes on the shipped knowledge and fails with file:line on a broken copy")
    func lint() throws {
        let ok = try Program.run(["lint"])
        #expect(ok.status == 0)
        // Warnings (such as an outcome no case reaches) may come first; the closing line says ok.
        #expect(ok.stdout.split(separator: "\n").last?.hasPrefix("ok: ") == true)

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-lint-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Program.root.appendingPathComponent("Knowledge"), to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("70-objections.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "next: out-obj-fee}", with: "next: out-obj-feee}")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let broken = try Program.run(["lint", "--knowledge", scratch.path])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("70-objections.yaml:24:9: missing-reference: 'obj-fee' leads to 'out-obj-feee'"))

        let advise = try Program.run(["advise", "--knowledge", scratch.path, "--fact", "purpose=objection"])
        #expect(advise.status == 4, "advice from broken knowledge is refused")
    }

    @Test("the knowledge folder is found from a subfolder of the repository")
    func findsKnowledge() throws {
        let r = try Program.run(["lint"], in: Program.root.appendingPathComponent("Sources"))
        #expect(r.status == 0)
    }

    @Test("graph prints Mermaid and a sign-off table with one row per path")
    func graph() throws {
        let mermaid = try Program.run(["graph"])
        #expect(mermaid.status == 0 && mermaid.stdout.hasPrefix("flowchart TD"))
        let table = try Program.run(["graph", "--format", "table", "--lang", "en"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("| # | Answers | Verdict | Outcome | Legal basis |"))
        #expect(table.stdout.contains("date≥2026-07-01"))
        let dot = try Program.run(["graph", "--format", "dot"])
        #expect(dot.stdout.hasPrefix("digraph knowledge {"))
    }
}
