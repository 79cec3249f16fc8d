import Foundation
import Testing

/// The command line's promises to scripts: exit codes, explicit choices, output that was really
/// written (issue 9, points 14-16).
@Suite("The command line keeps its contract")
struct CommandLineContractTests {
    let objection = ["advise", "--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"]

    @Test("a DMCC_KNOWLEDGE that cannot be used is an error, never a reason to use another folder",
          arguments: ["/nonexistent/Knowledge", "Knowledge/facts.yaml"])
    func unusableKnowledgeVariable(_ path: String) throws {
        var env = Program.environment(removing: ["DMCC_KNOWLEDGE"])
        env["DMCC_KNOWLEDGE"] = path
        let r = try Program.run(objection, environment: env)
        #expect(r.status == 4, "\(r.stdout)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("DMCC_KNOWLEDGE='\(path)'"), "\(r.stderr)")
        let lint = try Program.run(["lint"], environment: env)
        #expect(lint.status == 4)
    }

    @Test("--knowledge naming a file or a missing folder is an error that names it", arguments: ["Knowledge/facts.yaml", "/nonexistent"])
    func unusableKnowledgeOption(_ path: String) throws {
        let r = try Program.run(objection + ["--knowledge", path])
        #expect(r.status == 4)
        #expect(r.stderr.contains("--knowledge '\(path)'"), "\(r.stderr)")
    }

    /// In the command's language: Dutch for advise by default; lint, graph and --help speak English.
    @Test("output that cannot be written is an error (exit 74), for every command that prints",
          arguments: [(["advise", "--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"],
                       "de uitvoer kan niet worden geschreven"),
                      (["lint"], "the output could not be written"), (["graph", "--format", "table"], "the output could not be written"),
                      (["advise", "--help"], "the output could not be written")])
    func fullDisk(_ arguments: [String], _ said: String) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let r = try Program.run(arguments, environment: nil, stdout: full)
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains(said), "\(r.stderr)")
    }

    @Test("a usage error exits 64 and says what is wrong")
    func usageError() throws {
        let r = try Program.run(["advise", "--colour", "red"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--colour"))
    }

    @Test("every exit code in --help is in the README's table, with no code missing from either")
    func exitCodesAreDocumented() throws {
        let help = try Program.run(["--help"])
        let helpCodes = Set(help.stdout.split(separator: "\n").compactMap { line -> Int? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("  "), let first = trimmed.split(separator: " ").first, trimmed.dropFirst(first.count).hasPrefix("  ") else { return nil }
            return Int(first)
        })
        #expect(helpCodes == [0, 1, 2, 3, 4, 5, 6, 64, 74, 129], "\(help.stdout)")
        let readme = try String(contentsOf: Program.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "### Exit codes").dropFirst().first)
        let tableCodes = Set(section.split(separator: "\n").prefix { !$0.hasPrefix("#") }.compactMap { line -> Int? in
            guard line.hasPrefix("| ") else { return nil }
            return Int(line.dropFirst(2).prefix { $0 != " " })
        })
        #expect(tableCodes == helpCodes)
    }

    /// Today's parser took minutes for 10,000; the limit only guards against that, it times nothing.
    @Test("50,000 repeated --fact options are parsed and answered", .timeLimit(.minutes(1)))
    func manyFacts() throws {
        let repeated = Array(repeating: ["--fact", "purpose=objection"], count: 50_000).flatMap { $0 }
        let r = try Program.run(objection + repeated)
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        #expect(r.stdout.hasPrefix("NIET TOEGESTAAN"))
    }
}
