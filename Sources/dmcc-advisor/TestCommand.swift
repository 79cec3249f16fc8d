import ArgumentParser
import DMCCCore

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the consultants' test cases (cases/*.yaml in the knowledge folder) and report each failure with file:line.",
        discussion: """
        Prints one line per failing case and closes with 'N passed, M failed'. Exit codes: 0 every case \
        passed, 1 a case failed or could not be read, 4 the knowledge (or its cases/ folder) is missing or broken.
        """)

    @OptionGroup var knowledgeOptions: KnowledgeOptions

    func run() throws {
        let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge, compiled: false)
        let sources: [KnowledgeSource]
        do {
            let folder = try KnowledgeFolder.locate(knowledgeOptions.knowledge)
            guard let cases = try KnowledgeFolder.readCases(folder), !cases.isEmpty else {
                printError("no test cases: \(KnowledgeFolder.Path.appending("cases", to: folder)) does not exist or holds no .yaml file; write the cases there (see the README, 'Test cases')")
                throw Exit.knowledge
            }
            sources = cases
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw Exit.knowledge
        }
        let loaded = CaseLoader.load(sources, for: kb)
        let results = CaseRunner.run(loaded.cases, in: kb)
        // Mistakes in the files and failing cases together, in file and line order.
        let lines = loaded.problems.map { ($0.location, $0.description) }
            + results.compactMap { r in r.failureLine.map { (r.adviceCase.location, $0) } }
        for (_, line) in lines.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { print(line) }
        let passed = results.filter(\.passed).count
        let failed = results.count - passed + loaded.unreadable
        print("\(passed) passed, \(failed) failed")
        if failed > 0 || !loaded.problems.isEmpty { throw Exit.problems }
    }
}
