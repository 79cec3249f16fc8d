import DMCCCore
import Glibc

/// The hand-written parse of the hot paths' well-formed command lines: `--version`, `advise ...`
/// and the wizard with plain long options (issue 12). ArgumentParser's own parse reflects over
/// every command's property wrappers and does dynamic casts that scan the whole protocol-
/// conformance table, milliseconds in a static binary; this builds the values the commands
/// run from directly (`AdviseRequest`, `WizardRequest`).
///
/// It accepts only what it is sure of and declines (nil) everything else, which then goes to
/// ArgumentParser unchanged: help, completions, errors and their usage lines stay its own. Declined:
/// short options, `--`, unknown or repeated options (`--fact` excepted, taken out before), a
/// flag with `=value`, an option without its value or with an empty one or one that starts with
/// `-`, a value that names a subcommand, an invalid `--lang`/`--format`, and any word that is not
/// an option (a subcommand name or a positional argument). StartupParserTests checks, over
/// generated command lines, that an accepted one yields exactly the values of ArgumentParser's command.
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

    /// A command line the start-up parser took: the plain values the command runs from.
    enum Command: Equatable {
        case advise(AdviseRequest)
        case wizard(WizardRequest)

        func run() throws {
            switch self {
            case .advise(let request):
                Exit.language = request.lang
                try request.run()
            case .wizard(let request):
                Exit.language = request.lang
                try request.run()
            }
        }
    }

    /// The command for `arguments` (without the program name); `facts` are the `--fact` values that
    /// `Advise.takeFacts` took out of an `advise` command line. Nil when ArgumentParser must decide.
    static func command(_ arguments: [String], facts: [String]) -> Command? {
        if arguments.first == "advise" {
            return advise(arguments.dropFirst(), facts: facts).map(Command.advise)
        }
        guard facts.isEmpty else { return nil }
        return wizard(arguments[...]).map(Command.wizard)
    }

    // Arrays of strings only: a set's or a dictionary's first use costs a conformance look-up and
    // a type instantiation at start.
    static let adviseValues = ["date", "lang", "format", "client", "consultant", "subject", "note",
                                            "conclusion", "knowledge", "transcripts"]
    static let adviseFlags = ["save"]
    static let wizardValues = ["lang", "date", "client", "consultant", "subject", "knowledge", "transcripts"]
    static let wizardFlags = ["plain", "resume"]

    static func advise(_ arguments: ArraySlice<String>, facts: [String]) -> AdviseRequest? {
        guard let options = scan(arguments, values: adviseValues, flags: adviseFlags),
              let lang = language(options["lang"]),
              let format = format(options["format"]) else { return nil }
        return AdviseRequest(fact: facts, date: options["date"], lang: lang, format: format,
                             save: options.flags.contains("save"), details: details(options),
                             note: options["note"], conclusion: options["conclusion"],
                             knowledge: options["knowledge"], transcripts: options["transcripts"])
    }

    static func wizard(_ arguments: ArraySlice<String>) -> WizardRequest? {
        guard let options = scan(arguments, values: wizardValues, flags: wizardFlags),
              let lang = language(options["lang"]) else { return nil }
        return WizardRequest(lang: lang, date: options["date"], plain: options.flags.contains("plain"),
                             resume: options.flags.contains("resume"), details: details(options),
                             knowledge: options["knowledge"], transcripts: options["transcripts"])
    }

    /// The long options of a command line: each given once, as `--name value` or `--name=value`.
    /// Names and values in two arrays (see above).
    struct Options {
        var names: [String] = []
        var values: [String] = []
        var flags: [String] = []

        subscript(name: String) -> String? {
            names.firstIndex(of: name).map { values[$0] }
        }
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
                      !options.names.contains(name) else { return nil }
                options.names.append(name)
                options.values.append(value)
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

    private static func details(_ options: Options) -> RecordDetails.Values {
        RecordDetails.Values(client: options["client"], consultant: options["consultant"], subject: options["subject"])
    }
}
