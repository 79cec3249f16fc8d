import ArgumentParser
import DMCCCore

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the decision tree for review (Mermaid or Graphviz) or as a sign-off table of every path.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case mermaid, dot, table }

    @Option(name: .long, help: "mermaid, dot or table.")
    var format: Format = .mermaid

    @Option(name: .long, help: "The language of the labels: nl or en.")
    var lang: Language = .nl

    @OptionGroup var knowledgeOptions: KnowledgeOptions

    func run() throws {
        let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge)
        switch format {
        case .mermaid: print(GraphRenderer.mermaid(kb, language: lang), terminator: "")
        case .dot: print(GraphRenderer.dot(kb, language: lang), terminator: "")
        case .table: GraphRenderer.table(kb, language: lang) { print($0) }
        }
    }
}
