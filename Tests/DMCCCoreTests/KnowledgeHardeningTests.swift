import DMCCCore
import Foundation
import Testing

/// Hostile or odd knowledge folders (issue 9, points 8, 9, 12, 13, 17): every one is reported as a
/// located problem, in bounded time and memory, never a crash or a hang.
@Suite("Hostile knowledge is reported, not crashed on")
struct KnowledgeHardeningTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-kb-\(UUID().uuidString)")

    /// Writes the three tiny knowledge files (and any extra ones) into `folder`.
    func writeTiny(meta: String = Tiny.meta, facts: String = Tiny.facts, nodes: String = Tiny.nodes) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try meta.write(to: folder.appendingPathComponent("knowledge.yaml"), atomically: true, encoding: .utf8)
        try facts.write(to: folder.appendingPathComponent("facts.yaml"), atomically: true, encoding: .utf8)
        try nodes.write(to: folder.appendingPathComponent("nodes.yaml"), atomically: true, encoding: .utf8)
    }

    /// A chain of `count` questions, each asking its own fact: "yes" leads on, "no" to `no(i)`.
    static func chain(_ count: Int, no: (Int) -> String) -> [KnowledgeSource] {
        var facts = "facts:\n", nodes = "nodes:\n"
        for i in 0..<count {
            facts += "  - {id: f\(i), label: {nl: F, en: F}, values: [{value: \"yes\", nl: Ja, en: \"Yes\"}, {value: \"no\", nl: Nee, en: \"No\"}]}\n"
            nodes += "  - {id: q\(i), ask: f\(i), text: {nl: V?, en: Q?}, why: {nl: W., en: W.}, options: [{value: \"yes\", next: \(i + 1 < count ? "q\(i + 1)" : "ok")}, {value: \"no\", next: \(no(i))}]}\n"
        }
        nodes += """
          - {id: ok, verdict: allowed-if, scenario: s1, title: {nl: Mag, en: Allowed}, explanation: {nl: U., en: E.}, conditions: [{nl: V., en: C.}], alternatives: [{nl: A., en: A.}], legal-basis: [{ref: Tw art. 11.7, grade: statute}]}
          - {id: no, verdict: not-allowed, scenario: s1, title: {nl: Niet, en: Not}, explanation: {nl: U., en: E.}, alternatives: [{nl: A., en: A.}], legal-basis: [{ref: Tw art. 11.7, grade: statute}]}

        """
        return [KnowledgeSource(path: "k/knowledge.yaml", text: Tiny.meta.replacingOccurrences(of: "root: q1", with: "root: q0")),
                KnowledgeSource(path: "k/facts.yaml", text: facts), KnowledgeSource(path: "k/nodes.yaml", text: nodes)]
    }

    func write(_ sources: [KnowledgeSource]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for source in sources {
            try Data(source.bytes).write(to: folder.appendingPathComponent(String(source.path.split(separator: "/").last!)))
        }
    }

    // MARK: 8. extreme dates

    @Test("an outcome valid until 9999-12-31 lints and advises",
          arguments: [("    scenario: s1\n    valid-until: 9999-12-31", Tiny.meta),
                      ("    scenario: s1\n    valid-from: 0001-01-01", Tiny.meta.replacingOccurrences(of: "  covers-from: 2021-07-01\n", with: ""))])
    func extremeDates(_ validity: String, _ meta: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = Tiny.nodes.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[10] = validity   // the 'ok' outcome's scenario line
        try writeTiny(meta: meta, nodes: lines.joined(separator: "\n"))
        let lint = try Program.run(["lint", "--knowledge", folder.path])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        let advise = try Program.run(["advise", "--knowledge", folder.path, "--fact", "consent=yes", "--date", "2026-11-29"])
        #expect(advise.status == 0, "\(advise.stderr)")
    }

    @Test("dates at the ends of the calendar stay dates")
    func calendarEnds() {
        #expect(CalendarDate(dayNumber: CalendarDate.latest.dayNumber + 1) == CalendarDate.latest)
        #expect(CalendarDate(dayNumber: Int.min) == CalendarDate.earliest)
    }

    @Test("a date switch on 0001-01-01 is reported as a branch never taken, not a crash")
    func switchAtTheStartOfTheCalendar() {
        let meta = Tiny.meta.replacingOccurrences(of: "  covers-from: 2021-07-01\n", with: "").replacingOccurrences(of: "root: q1", with: "root: d")
        let nodes = Tiny.nodes + """

          - id: d
            on-date: 0001-01-01
            change: {nl: Wijziging., en: Change.}
            legal-basis:
              - {ref: Tw art. 11.7, grade: statute}
            before: q1
            on-or-after: q1
        """
        let problems = Tiny.problems(meta: meta, nodes: nodes)
        #expect(problems.contains { $0.kind == .dateConflict && $0.message.contains("'before' branch of 'd' is never taken") }, "\(problems)")
    }

    // MARK: 9. alias bombs

    /// Six levels of ten aliases used as mapping keys: some 5 million nodes from 600 bytes.
    static let aliasBomb: String = {
        var text = "bomb:\n  - &l0 [x]\n"
        for level in 1...6 {
            let keys = (0..<10).map { "[*l\(level - 1), \($0)]: x" }.joined(separator: ", ")
            text += "  - &l\(level) {\(keys)}\n"
        }
        return text
    }()

    @Test("an alias bomb is refused at the alias that crosses the bound")
    func aliasBomb() throws {
        let problems = Tiny.problems(facts: Tiny.facts + "\n" + Self.aliasBomb)
        let problem = try #require(problems.first { $0.kind == .tooLarge }, "\(problems)")
        #expect(problem.location.file == "k/facts.yaml")
        #expect(problem.location.line > 8)
        #expect(problem.message.contains("more than 1000000 YAML nodes"))
    }

    @Test("aliases within the bound still work (the shipped facts use them)")
    func modestAliases() {
        let facts = Tiny.facts.replacingOccurrences(of: "    values:\n", with: "    values: &yes-no\n")
            + "\n  - id: other\n    label: {nl: Ander, en: Other}\n    values: *yes-no\n"
        let (kb, problems) = Linter.lint(Tiny.sources(facts: facts))
        #expect(problems.isEmpty, "\(problems)")
        #expect(kb.factsByID["other"]?.values.count == 2)
    }

    // MARK: 12. quadratic output

    @Test("lint reports a chain of links to missing nodes once each, with short paths")
    func lintOutputStaysLinear() {
        let count = 2_000
        let (_, problems) = Linter.lint(Self.chain(count) { "missing\($0)" })
        #expect(problems.filter { $0.kind == .missingReference }.count == count)
        #expect(problems.filter { $0.kind == .deadEnd }.isEmpty, "a missing node is reported once, as missing-reference")
        let size = problems.map(\.description.utf8.count).reduce(0, +)
        #expect(size < count * 200, "\(size) bytes of problems for \(count) nodes")
    }

    @Test("a dead end deep in a chain is named with a short path")
    func shortDeadEndPath() throws {
        var sources = Self.chain(500) { _ in "no" }
        let text = String(decoding: sources[2].bytes, as: UTF8.self)
            .replacingOccurrences(of: "{id: q499, ask: f499, text: {nl: V?, en: Q?}, why: {nl: W., en: W.}, options: [{value: \"yes\", next: ok}, {value: \"no\", next: no}]}",
                                  with: "{id: q499, ask: f499, text: {nl: V?, en: Q?}, why: {nl: W., en: W.}, options: []}")
        sources[2] = KnowledgeSource(path: "k/nodes.yaml", text: text)
        let problem = try #require(Linter.lint(sources).1.first { $0.kind == .deadEnd })
        #expect(problem.message.hasPrefix("the path q0 > q1 > … (495 more) > q497 > q498 > q499 does not end in an outcome"), "\(problem.message)")
    }

    @Test("the sign-off table is streamed: its memory does not grow with the table")
    func tableIsStreamed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        func peak(_ count: Int) throws -> Int {
            try? FileManager.default.removeItem(at: folder)
            try write(Self.chain(count) { _ in "no" })
            let (status, kilobytes) = try Program.peakMemory(["graph", "--format", "table", "--knowledge", folder.path])
            #expect(status == 0)
            return kilobytes
        }
        let small = try peak(200), large = try peak(2_500)
        // 1,250 rows of 625 answers on average: some 8 MB of table, over 100 MB as paths held in memory.
        #expect(large < small + 40_000, "peak \(small) KiB for 200 nodes, \(large) KiB for 2,500")
    }

    @Test("the streamed table is the table")
    func streamedTableIsTheTable() {
        var lines: [String] = []
        GraphRenderer.table(Shipped.knowledge, language: .en) { lines.append($0) }
        #expect(lines.joined(separator: "\n") + "\n" == GraphRenderer.table(Shipped.knowledge, language: .en))
        #expect(lines.count == PathEnumerator.paths(in: Shipped.knowledge).count + 2)
    }

    // MARK: 13. size

    @Test("a knowledge file over the size limit is refused before it is parsed")
    func oversizedFile() throws {
        let big = "facts:\n" + String(repeating: "  - x\n", count: KnowledgeSource.maximumSize / 6 + 10)
        let problems = Tiny.problems(facts: big).filter { $0.location.file == "k/facts.yaml" }
        #expect(problems.count == 1, "\(problems.prefix(3))")
        #expect(problems.first?.kind == .tooLarge)
        #expect(problems.first?.description == "k/facts.yaml: too-large: the file has \(big.utf8.count) bytes; a knowledge file may have at most 4194304 (4 MiB): split it into several files",
                "\(problems.first?.description ?? "")")
    }

    @Test("lint refuses an oversized file without reading it, and names it")
    func oversizedFileOnDisk() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeTiny()
        let big = folder.appendingPathComponent("zz-big.yaml")
        _ = FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 80 * 1024 * 1024)   // 80 MB, sparse
        try handle.close()
        let lint = try Program.run(["lint", "--knowledge", folder.path])
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("zz-big.yaml: unreadable: the file has 83886080 bytes; a knowledge file may have at most 4194304 (4 MiB): split it into several files"), "\(lint.stdout)")
    }

    // MARK: 17. folder problems

    @Test("a folder, a FIFO and a symbolic link loop are each reported as 'file: what is wrong', and lint goes on")
    func oddFiles() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeTiny()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a-folder.yaml"), withIntermediateDirectories: false)
        #expect(mkfifo(folder.appendingPathComponent("b-pipe.yaml").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("c-loop.yaml").path, withDestinationPath: "c-loop.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(".#nodes.yaml").path, withDestinationPath: "eva@host.1234")
        try "not: [valid".write(to: folder.appendingPathComponent(".hidden.yaml"), atomically: true, encoding: .utf8)
        let lint = try Program.run(["lint", "--knowledge", folder.path])
        #expect(lint.status == 1)
        let lines = lint.stdout.split(separator: "\n").map(String.init)
        let shown = folder.path
        #expect(lines.contains("\(shown)/a-folder.yaml: unreadable: is a folder, not a knowledge file"), "\(lint.stdout)")
        #expect(lines.contains("\(shown)/b-pipe.yaml: unreadable: is a named pipe (FIFO), not a knowledge file"))
        #expect(lines.contains { $0.hasPrefix("\(shown)/c-loop.yaml: unreadable: cannot be opened: a symbolic link that loops") })
        #expect(!lint.stdout.contains(".#nodes") && !lint.stdout.contains(".hidden"), "hidden and lock files are not knowledge")
        #expect(lint.stdout.contains("3 problem(s) in 3 file(s)"), "\(lint.stdout)")
        #expect(!lint.stderr.contains("Error Domain"))
        let advise = try Program.run(["advise", "--knowledge", folder.path, "--fact", "consent=yes"])
        #expect(advise.status == 4)
        #expect(advise.stderr.contains("a-folder.yaml: unreadable"))
    }

    @Test("a file without read permission is reported by name", .enabled(if: getuid() != 0, "root reads every file"))
    func unreadableFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeTiny()
        let secret = folder.appendingPathComponent("secret.yaml")
        try "nodes: []".write(to: secret, atomically: true, encoding: .utf8)
        chmod(secret.path, 0)
        let lint = try Program.run(["lint", "--knowledge", folder.path])
        #expect(lint.stdout.contains("secret.yaml: unreadable: cannot be opened: Permission denied"), "\(lint.stdout)")
    }
}

extension Program {
    /// Runs the program with its output discarded and returns its exit status and peak resident
    /// memory (KiB), from wait4 for this one child.
    static func peakMemory(_ arguments: [String]) throws -> (status: Int32, kilobytes: Int) {
        let exe = try #require(executable)
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([exe.path] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid: pid_t = 0
        let env = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for entry in env { free(entry) } }
        let spawned = posix_spawn(&pid, exe.path, &actions, nil, argv, env)
        try #require(spawned == 0)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xFF, usage.ru_maxrss)
    }
}
