import ArgumentParser
import Foundation
import DMCCCore

@main
struct DMCCAdvisor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmcc-advisor",
        abstract: "Tells whether a direct-marketing action is allowed under Dutch and EU rules, on what conditions, and what you can still do.",
        discussion: """
        Exit codes: 0 advice given (or nothing wrong), 1 lint found problems or a test case failed, 2 bad input \
        (unknown fact, value or date), 3 advice incomplete (a fact is missing), \
        4 knowledge base missing or broken, 5 a record could not be saved, \
        6 conditional advice: the verdict depends on an answer given as 'unknown'.
        """,
        version: programVersion,
        subcommands: [WizardCommand.self, Advise.self, Lint.self, TestCommand.self, GraphCommand.self, Transcripts.self],
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
    static let conditional = ExitCode(6)
}

/// `--date`, shared by the wizard and `advise`.
struct ActionDateOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The date of the marketing action, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    /// The action date, checked against what the knowledge covers; bad input exits 2 with the reason.
    func resolve(for kb: KnowledgeBase) throws -> CalendarDate {
        var actionDate = Clock.today()
        if let date {
            guard let parsed = CalendarDate(iso: date) else {
                printError(AdviceError.invalidDate(date).description)
                throw Exit.badInput
            }
            actionDate = parsed
        }
        if let from = kb.metadata.coversFrom, actionDate < from {
            printError(AdviceError.dateNotCovered(actionDate, coversFrom: from).description)
            throw Exit.badInput
        }
        return actionDate
    }
}

/// Who an advice record is for, shared by the wizard and `advise --save`.
struct RecordDetails: ParsableArguments {
    @Option(name: .long, help: "Client name for the advice record.")
    var client: String?

    @Option(name: .long, help: "Consultant name for the advice record.")
    var consultant: String?

    @Option(name: .long, help: "Subject of the advice record.")
    var subject: String?

    var isEmpty: Bool { client == nil && consultant == nil && subject == nil }
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
    FileHandle.standardError.write(Data("dmcc-advisor: \(message)\n".utf8))
}
