import ArgumentParser
import DMCCCore

@main
struct DMCCAdvisor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmcc-advisor",
        abstract: "Tells whether a direct-marketing action is allowed under Dutch and EU rules, on what conditions, and what you can still do.",
        discussion: """
        Exit codes: 0 advice given (or nothing wrong), 1 lint found problems, 2 bad input \
        (unknown fact, value or date), 3 advice incomplete (a fact is missing), \
        4 knowledge base missing or broken, 5 a record could not be saved.
        """,
        version: programVersion,
        subcommands: [WizardCommand.self, Advise.self, Lint.self, GraphCommand.self, Transcripts.self],
        defaultSubcommand: WizardCommand.self
    )
}

/// The program version written into every advice record.
let programVersion = "0.1.0"

/// Exit codes shared by the subcommands and documented in the README.
enum Exit {
    static let problems = ExitCode(1)
    static let badInput = ExitCode(2)
    static let incomplete = ExitCode(3)
    static let knowledge = ExitCode(4)
    static let saveFailed = ExitCode(5)
}

struct TranscriptOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of advice records (default: $DMCC_TRANSCRIPTS, else Transcripts/).", valueName: "dir"))
    var transcripts: String?
}

struct KnowledgeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge folder (default: Knowledge/ found from here or next to the program).", valueName: "dir"))
    var knowledge: String?
}

extension Language: ExpressibleByArgument {}

func printError(_ message: String) {
    var stderr = StandardError()
    print("dmcc-advisor: \(message)", to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleOutput.stderr(string)
    }
}
