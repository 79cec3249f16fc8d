import ArgumentParser
import CNcursesw
import Foundation
import DMCCCore

@main
struct DMCCAdvisor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmcc-advisor",
        abstract: "Tells whether a direct-marketing action is allowed under Dutch and EU rules, on what conditions, and what you can still do.",
        discussion: "Exit codes:\n" + Exit.meanings.map { "  \($0.code)  \($0.meaning)" }.joined(separator: "\n"),
        version: programVersion,
        subcommands: [WizardCommand.self, Advise.self, Lint.self, TestCommand.self, GraphCommand.self, Transcripts.self, Keys.self],
        defaultSubcommand: WizardCommand.self
    )
}

/// The program version written into every advice record.
let programVersion = "0.1.0"

extension DMCCAdvisor {
    /// ArgumentParser's `main()`, plus the check that everything printed was written: a full disk
    /// or a closed output is an error (exit 74), never a silent success.
    static func main() {
        PlainOutput.reserveClosedStandardDescriptors()
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            if StartupParser.enabled, StartupParser.isVersionRequest(arguments) {
                print(programVersion)
                Exit.checkOutput()
                Self.exit()
            }
            let facts = Advise.takeFacts(from: &arguments)
            if StartupParser.enabled, let parsed = StartupParser.command(arguments, facts: facts) {
                try parsed.run()
            } else {
                var command = try parseAsRoot(arguments)
                if var advise = command as? Advise {
                    advise.fact = facts + advise.fact
                    command = advise
                }
                if let speaking = command as? SpeaksLanguage { Exit.language = speaking.messageLanguage }
                try command.run()
            }
        } catch let code as ExitCode where code.rawValue != 0 {
            // A command's own exit code (3 incomplete, 6 conditional, ...): ArgumentParser would print
            // nothing for it either, but would first build the usage text, a third of a start.
            // After a hangup the terminal is gone: that its output cannot be written is no news.
            if code != Exit.hangup { Exit.checkOutput() }
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                // --help and --version: printed here, so that a failed write is caught too.
                print(fullMessage(for: error))
                Exit.checkOutput()
                Self.exit()
            }
            Exit.checkOutput()
            Self.exit(withError: error)
        }
        Exit.checkOutput()
        Self.exit()
    }

    /// The subcommands' names and `help`, spelled out so that start-up does not derive them by
    /// reflection (StartupParserTests checks the list against the configuration).
    static let subcommandNames = ["wizard", "advise", "lint", "test", "graph", "transcripts", "keys", "help"]
}

/// Exit codes shared by the subcommands. `meanings` is the one list: `--help` prints it and the
/// README's table must match it (a test checks).
enum Exit {
    static let problems = ExitCode(1)
    static let badInput = ExitCode(2)
    static let incomplete = ExitCode(3)
    static let knowledge = ExitCode(4)
    static let saveFailed = ExitCode(5)
    static let conditional = ExitCode(6)
    static let usage = ExitCode.validationFailure
    static let outputFailed = ExitCode(74)
    /// 128 + SIGHUP, as the hangup signal's handler exits.
    static let hangup = ExitCode(129)

    static let meanings: [(code: Int32, meaning: String)] = [
        (0, "advice given; lint: nothing wrong; transcripts: records verified, advice unchanged, nothing stale"),
        (problems.rawValue, "lint found problems; test: a case fails or cannot be read; transcripts verify: a record failed "
            + "(broken seal, untrusted or wrong signature); transcripts show: the record fails those checks "
            + "(html/pdf: nothing written; other formats: printed after a warning); transcripts replay: the advice changed; transcripts resolve, replay: the record fails those checks (nothing saved); transcripts stale: some advice "
            + "would now differ; transcripts sync: git could not pull or push; "
            + "the wizard cannot drive this terminal (unknown TERM; use --plain)"),
        (badInput.rawValue, "bad input: unknown fact or value or a fact without its value, malformed or uncovered date, unknown record id, a records folder "
            + "that does not exist; transcripts show: a broken firm.yaml or an existing --output file; transcripts list: an empty "
            + "--client; transcripts resolve: a fact that is not an open point or a record another record already supersedes; keys: a key exists already or there is none; a malformed trusted-keys line; "
            + "transcripts sync: not in git or no remote"),
        (incomplete.rawValue, "advice incomplete: a fact is missing (transcripts resolve: the knowledge now asks a question "
            + "the record has no answer to; nothing is saved); the wizard: it ended before the advice (quit, or the end of piped input)"),
        (knowledge.rawValue, "the knowledge base is missing or broken, or the folder chosen with --knowledge or DMCC_KNOWLEDGE cannot be used; "
            + "test: no cases/ folder"),
        (saveFailed.rawValue, "the advice record could not be saved (also: the signing key cannot be read; nothing is saved unsigned); "
            + "the wizard: its last save was refused and nothing was saved after it"),
        (conditional.rawValue, "conditional advice: the verdict depends on an answer given as 'unknown' (also after transcripts resolve, and when the wizard ends on it)"),
        (usage.rawValue, "usage error: unknown subcommand or option, or an option without its value"),
        (outputFailed.rawValue, "the output could not be written (full disk, closed output; the wizard in line mode: a prompt, the session kept); "
            + "transcripts show --format pdf: no browser, or it made no PDF"),
        (hangup.rawValue, "the wizard: its terminal went away (a hangup, or its input ended or failed); the session is kept for --resume unless its last autosave failed"),
    ]

    /// The language of the command that runs, recorded once it is parsed (`SpeaksLanguage`), for
    /// the last message of all. English until then, and for the commands that speak only English
    /// (lint, test, graph, --help and usage errors).
    nonisolated(unsafe) static var language: Language = .en

    /// Flushes standard output and exits 74 when anything printed could not be written.
    static func checkOutput() {
        var failure: Int32 = 0
        let output = dmcc_c_stdout()
        if fflush(output) != 0 { failure = errno }
        guard failure != 0 || ferror(output) != 0 else { return }
        if failure == 0 { failure = errno }  // set by the write that failed, as a rule
        outputFailed(failure)
    }

    /// Says that standard output could not be written (`failure`: the write's errno, 0 if unknown)
    /// and, when given, one more line (how to resume), and exits 74.
    static func outputFailed(_ failure: Int32, then more: String? = nil) -> Never {
        printError(CLIText.outputNotWritten(failure != 0 ? String(cString: strerror(failure)) : nil).text(language))
        if let more { printError(more) }
        Foundation.exit(outputFailed.rawValue)
    }
}

/// A command whose messages follow `--lang`: `main` records its language in `Exit.language` before
/// it runs, so that "the output could not be written" is said in it too.
protocol SpeaksLanguage {
    var messageLanguage: Language { get }
}

/// `--lang` for a command that has no other use for the language than its messages (`keys`).
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: "The language of the messages: nl or en.")
    var lang: Language = .nl
}

/// `--date`, shared by the wizard and `advise`.
struct ActionDateOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The date of the marketing action, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    /// The action date (`date`, else today), checked against what the knowledge covers; bad input
    /// exits 2 with the reason.
    static func resolve(_ date: String?, for kb: KnowledgeBase, language: Language) throws -> CalendarDate {
        // Today only when no date is given: the local date reads the time zone file.
        let actionDate: CalendarDate
        if let date {
            guard let parsed = CalendarDate(iso: date) else {
                printError(CLIText.adviceError(.invalidDate(date)).text(language))
                throw Exit.badInput
            }
            actionDate = parsed
        } else {
            actionDate = Clock.today()
        }
        if let from = kb.metadata.coversFrom, actionDate < from {
            printError(CLIText.adviceError(.dateNotCovered(actionDate, coversFrom: from)).text(language))
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

    var values: Values { Values(client: client, consultant: consultant, subject: subject) }

    /// The same as plain values, for a run (see `AdviseRequest`).
    struct Values: Equatable {
        var client: String?
        var consultant: String?
        var subject: String?

        var isEmpty: Bool { client == nil && consultant == nil && subject == nil }
    }
}

struct TranscriptOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of advice records (default: $DMCC_TRANSCRIPTS, else Transcripts/).", valueName: "dir"))
    var transcripts: String?

    /// An empty `--transcripts ''` (an unset shell variable, as a rule) is a mistake, not a wish for the
    /// default folder: saving elsewhere than the consultant meant would lose the record from view.
    func validate() throws {
        if transcripts?.isEmpty == true {
            throw ValidationError("--transcripts is empty; name a records folder, or leave the option out for $DMCC_TRANSCRIPTS, else Transcripts/")
        }
    }
}

struct KnowledgeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge folder (default: Knowledge/ found from here or next to the program).", valueName: "dir"))
    var knowledge: String?
}

extension Language: ExpressibleByArgument {}

/// One environment variable, read without building ProcessInfo's dictionary of all of them (start-up).
func environmentValue(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// One message on stderr; control characters (from a file name or a record) are shown, not obeyed.
/// A message that cannot be written (stderr closed, full or gone) is dropped: nobody can read it,
/// and the command keeps its own exit code.
func printError(_ message: String) {
    PlainOutput.write("dmcc-advisor: \(ControlCharacters.escaped(message))\n", to: 2)
}

// Every command that speaks Dutch by default. Show, replay and resolve say their messages in Dutch
// without --lang (the record's own language is not known when they start).
extension Advise: SpeaksLanguage { var messageLanguage: Language { lang } }
extension WizardCommand: SpeaksLanguage { var messageLanguage: Language { lang } }
extension Transcripts.List: SpeaksLanguage { var messageLanguage: Language { lang } }
extension Transcripts.Verify: SpeaksLanguage { var messageLanguage: Language { lang } }
extension Transcripts.Stale: SpeaksLanguage { var messageLanguage: Language { lang } }
extension Transcripts.Sync: SpeaksLanguage { var messageLanguage: Language { lang } }
extension Transcripts.Show: SpeaksLanguage { var messageLanguage: Language { lang ?? .nl } }
extension Transcripts.Replay: SpeaksLanguage { var messageLanguage: Language { lang ?? .nl } }
extension Transcripts.Resolve: SpeaksLanguage { var messageLanguage: Language { lang ?? .nl } }
extension Keys.Init: SpeaksLanguage { var messageLanguage: Language { language.lang } }
extension Keys.Show: SpeaksLanguage { var messageLanguage: Language { language.lang } }
extension Keys.Trust: SpeaksLanguage { var messageLanguage: Language { language.lang } }
