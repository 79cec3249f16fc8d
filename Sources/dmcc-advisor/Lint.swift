import ArgumentParser
import DMCCCore

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the knowledge files and report every problem with file:line.")

    @OptionGroup var knowledgeOptions: KnowledgeOptions

    func run() throws {
        let sources: [KnowledgeSource]
        do {
            sources = try KnowledgeFolder.read(try KnowledgeFolder.locate(knowledgeOptions.knowledge))
        } catch {
            printError("\(error)")
            throw Exit.knowledge
        }
        let (kb, problems) = Linter.lint(sources)
        for problem in problems { print(problem.description) }
        if problems.isEmpty {
            let questions = kb.nodes.filter { if case .question = $0 { true } else { false } }.count
            let outcomes = kb.nodes.filter { if case .outcome = $0 { true } else { false } }.count
            print("ok: \(sources.count) files, \(kb.nodes.count) nodes (\(questions) questions, \(outcomes) outcomes), \(kb.facts.count) facts; knowledge \(kb.metadata.version), sha256 \(kb.sha256)")
        } else {
            print("\(problems.count) problem(s) in \(Set(problems.map(\.location.file)).count) file(s)")
            throw Exit.problems
        }
    }
}
