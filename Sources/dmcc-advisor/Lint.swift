import ArgumentParser
import DMCCCore

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the knowledge files and their test cases; report every problem with file:line.",
        discussion: "Warnings (such as an outcome that no case in cases/ reaches) are printed but do not fail the check.")

    @OptionGroup var knowledgeOptions: KnowledgeOptions

    func run() throws {
        let sources: [KnowledgeSource]
        let cases: [KnowledgeSource]?
        do {
            let folder = try KnowledgeFolder.locate(knowledgeOptions.knowledge)
            sources = try KnowledgeFolder.read(folder)
            cases = try KnowledgeFolder.readCases(folder)
        } catch {
            printError("\(error)")
            throw Exit.knowledge
        }
        let (kb, problems) = Linter.lint(sources, cases: cases.map(CaseFolder.files) ?? .missing)
        for problem in problems { print(problem.description) }
        let errors = problems.filter(\.isError)
        let warnings = problems.count - errors.count
        let warningNote = warnings == 0 ? "" : "; \(warnings) warning(s)"
        if errors.isEmpty {
            let questions = kb.nodes.filter { if case .question = $0 { true } else { false } }.count
            let outcomes = kb.nodes.filter { if case .outcome = $0 { true } else { false } }.count
            print("ok: \(sources.count) files, \(kb.nodes.count) nodes (\(questions) questions, \(outcomes) outcomes), \(kb.facts.count) facts, \(cases?.count ?? 0) case files; knowledge \(kb.metadata.version), sha256 \(kb.sha256)\(warningNote)")
        } else {
            print("\(errors.count) problem(s) in \(Set(errors.map(\.location.file)).count) file(s)\(warningNote)")
            throw Exit.problems
        }
    }
}
