import ArgumentParser
import DMCCCore
import Glibc

/// The hand-written parse of the hot paths' well-formed command lines: `--version`, `advise ...`
/// and the wizard with plain long options (issue 12). ArgumentParser's own parse reflects over
/// every command's property wrappers and does dynamic casts that scan the whole protocol-
/// conformance table, milliseconds in a static binary; this builds the same command values
/// directly.
///
/// It accepts only what it is sure of and declines (nil) everything else, which then goes to
/// ArgumentParser unchanged: help, completions, errors and their usage lines stay its own. Declined:
/// short options, `--`, unknown or repeated options (`--fact` excepted, taken out before), a
/// flag with `=value`, an option without its value or with an empty one or one that starts with
/// `-`, a value that names a subcommand, an invalid `--lang`/`--format`, and any word that is not
/// an option (a subcommand name or a positional argument). StartupParserTests checks, over
/// generated command lines, that an accepted one yields exactly ArgumentParser's command.
enum StartupParser {
    /// `DMCC_PARSER=general` sends every command line to ArgumentParser: the differential test
    /// compares the two parses' output with it.
    static var enabled: Bool {
        guard let value = getenv("DMCC_PARSER") else { return true }
        return String(cString: value) != "general"
    }

    /// `--version` alone: what ArgumentParser prints for it.
    static func isVersionRequest(_ arguments: [String]) -> Bool {
        arguments == ["--version"]
    }

    /// The command for `arguments` (without the program name); `facts` are the `--fact` values that
    /// `Advise.takeFacts` took out of an `advise` command line. Nil when ArgumentParser must decide.
    static func command(_ arguments: [String], facts: [String]) -> ParsableCommand? {
        if arguments.first == "advise" {
            return advise(arguments.dropFirst(), facts: facts)
        }
        guard facts.isEmpty else { return nil }
        return wizard(arguments[...])
    }

    // Arrays, not sets: a set's first use costs a conformance look-up at start.
    static let adviseValues = ["date", "lang", "format", "client", "consultant", "subject", "note",
                                            "conclusion", "knowledge", "transcripts"]
    static let adviseFlags = ["save"]
    static let wizardValues = ["lang", "date", "client", "consultant", "subject", "knowledge", "transcripts"]
    static let wizardFlags = ["plain", "resume"]

    static func advise(_ arguments: ArraySlice<String>, facts: [String]) -> Advise? {
        guard let options = scan(arguments, values: adviseValues, flags: adviseFlags),
              let lang = language(options.values["lang"]),
              let format = format(options.values["format"]) else { return nil }
        var advise = Advise()
        advise.fact = facts
        advise.actionDate = actionDate(options)
        advise.lang = lang
        advise.format = format
        advise.save = options.flags.contains("save")
        advise.details = details(options)
        advise.note = options.values["note"]
        advise.conclusion = options.values["conclusion"]
        advise.knowledgeOptions = knowledge(options)
        advise.transcriptOptions = transcripts(options)
        return advise
    }

    static func wizard(_ arguments: ArraySlice<String>) -> WizardCommand? {
        guard let options = scan(arguments, values: wizardValues, flags: wizardFlags),
              let lang = language(options.values["lang"]) else { return nil }
        var wizard = WizardCommand()
        wizard.lang = lang
        wizard.actionDate = actionDate(options)
        wizard.plain = options.flags.contains("plain")
        wizard.resume = options.flags.contains("resume")
        wizard.details = details(options)
        wizard.knowledgeOptions = knowledge(options)
        wizard.transcriptOptions = transcripts(options)
        return wizard
    }

    /// The long options of a command line: each given once, as `--name value` or `--name=value`.
    struct Options {
        var values: [String: String] = [:]
        var flags: [String] = []
    }

    static func scan(_ arguments: ArraySlice<String>, values: [String], flags: [String]) -> Options? {
        let subcommands = DMCCAdvisor.subcommandNames
        var options = Options()
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let argument = arguments[i]
            guard argument.hasPrefix("--") else { return nil }
            let body = argument.dropFirst(2)
            var name = String(body)
            var value: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
            }
            if flags.contains(name) {
                guard value == nil, !options.flags.contains(name) else { return nil }
                options.flags.append(name)
            } else if values.contains(name) {
                if value == nil {
                    i += 1
                    guard i < arguments.endIndex else { return nil }
                    value = arguments[i]
                }
                guard let value, !value.isEmpty, !value.hasPrefix("-"), !subcommands.contains(value),
                      options.values[name] == nil else { return nil }
                options.values[name] = value
            } else {
                return nil
            }
            i += 1
        }
        return options
    }

    private static func language(_ value: String?) -> Language? {
        guard let value else { return .nl }
        return Language(rawValue: value)
    }

    private static func format(_ value: String?) -> Advise.Format? {
        guard let value else { return .text }
        return Advise.Format(rawValue: value)
    }

    private static func actionDate(_ options: Options) -> ActionDateOption {
        var group = ActionDateOption()
        group.date = options.values["date"]
        return group
    }

    private static func details(_ options: Options) -> RecordDetails {
        var group = RecordDetails()
        group.client = options.values["client"]
        group.consultant = options.values["consultant"]
        group.subject = options.values["subject"]
        return group
    }

    private static func knowledge(_ options: Options) -> KnowledgeOptions {
        var group = KnowledgeOptions()
        group.knowledge = options.values["knowledge"]
        return group
    }

    private static func transcripts(_ options: Options) -> TranscriptOptions {
        var group = TranscriptOptions()
        group.transcripts = options.values["transcripts"]
        return group
    }
}
