import ArgumentParser
import DMCCCore
import Foundation

struct Advise: ParsableCommand {
    // An explicit name spares argument parsing a reflective look-up at start-up.
    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "Give advice for the facts given; say which fact is still missing if they are not enough.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("A fact as name=value, e.g. purpose=marketing-message. Repeat for each fact.", valueName: "name=value"))
    var fact: [String] = []

    @OptionGroup var actionDate: ActionDateOption

    @Option(name: .long, help: "The language of the advice: nl or en.")
    var lang: Language = .nl

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Flag(name: .long, help: "Save the advice as a record (JSON + Markdown) in the transcripts folder.")
    var save = false

    @OptionGroup var details: RecordDetails

    @Option(name: .long, help: "A note for the saved record.")
    var note: String?

    @Option(name: .long, help: "The consultant's conclusion for the client, saved with the record.")
    var conclusion: String?

    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @OptionGroup var transcriptOptions: TranscriptOptions

    /// The command line's values, which the run works from.
    var request: AdviseRequest {
        AdviseRequest(fact: fact, date: actionDate.date, lang: lang, format: format, save: save, details: details.values,
                      note: note, conclusion: conclusion, knowledge: knowledgeOptions.knowledge,
                      transcripts: transcriptOptions.transcripts)
    }

    func run() throws { try request.run() }

    /// Takes the `--fact` options out of `advise`'s arguments before ArgumentParser sees them:
    /// it parses a repeated option in quadratic time (10,000 facts took minutes), this is linear.
    /// A `--fact` without its value (at the end, or followed by a word that starts with `-`) is
    /// left for ArgumentParser to report, as it would without this.
    static func takeFacts(from arguments: inout [String]) -> [String] {
        guard arguments.first == "advise" else { return [] }
        var facts: [String] = [], rest: [String] = []
        rest.reserveCapacity(arguments.count)
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" {
                rest += arguments[i...]
                break
            } else if argument == "--fact", i + 1 < arguments.count, !arguments[i + 1].hasPrefix("-") {
                facts.append(arguments[i + 1])
                i += 2
                continue
            } else if argument.hasPrefix("--fact=") {
                facts.append(String(argument.dropFirst("--fact=".count)))
            } else {
                rest.append(argument)
            }
            i += 1
        }
        arguments = rest
        return facts
    }

}

/// `advise`'s command line as plain values. The start-up parser builds one directly: creating the
/// command's ArgumentParser property wrappers costs a start generic metadata and protocol-
/// conformance look-ups (issue 12).
struct AdviseRequest: Equatable {
    var fact: [String] = []
    var date: String?
    var lang: Language = .nl
    var format: Advise.Format = .text
    var save = false
    var details = RecordDetails.Values()
    var note: String?
    var conclusion: String?
    var knowledge: String?
    var transcripts: String?

    func run() throws {
        let kb = try KnowledgeFolder.load(knowledge, language: lang)
        let date = try ActionDateOption.resolve(date, for: kb, language: lang)
        let exploration: Exploration
        do {
            let facts = try Engine.facts(from: fact, in: kb)
            exploration = try Engine.explore(kb, facts: facts, on: date)
        } catch {
            printError(CLIText.adviceError(error).text(lang))
            throw Exit.badInput
        }
        // "unknown" answers that opened branches: the advice is conditional on what is still to confirm.
        if !exploration.isDefinite, exploration.isComplete {
            try printExploration(exploration, kb)
            return
        }
        // The branch still asking: answers it assumed for a "don't know" are shown as assumed, not as given.
        let branch = exploration.current ?? exploration.branches[0]
        let report = AdviceReport(branch, in: kb, language: lang)
        if save {
            guard report.isComplete else {
                printError(CLIText.incompleteNotSaved(missing: report.missing?.fact ?? "").text(lang))
                throw Exit.incomplete
            }
            try saveRecord(exploration, kb)
        }
        emit(text: { AdviceRenderer.text(report, language: lang) }, json: { AdviceRenderer.json(report) },
             markdown: { AdviceRenderer.markdown(report, language: lang) })
        if !report.isComplete { throw Exit.incomplete }
    }

    private func printExploration(_ exploration: Exploration, _ kb: KnowledgeBase) throws {
        let report = ExplorationReport(exploration, in: kb, language: lang)
        // Saved with its open points (the "unknown" answers), the conditional advice and the safe reading.
        if save { try saveRecord(exploration, kb) }
        emit(text: { AdviceRenderer.text(report, language: lang) }, json: { AdviceRenderer.json(report) },
             markdown: { AdviceRenderer.markdown(report, language: lang) })
        if exploration.isConditional { throw Exit.conditional }
    }

    /// Saves the complete exploration as a record; "unknown" answers become its open points.
    private func saveRecord(_ exploration: Exploration, _ kb: KnowledgeBase) throws {
        let store = TranscriptStore.locate(transcripts)
        let now = Clock.now()
        // The record's steps are the session's: one source for how answers (and "don't know") are listed.
        var session = Session(id: "advise", date: exploration.date)
        let facts = (try? Engine.facts(from: fact, in: kb)) ?? [:]
        for step in exploration.steps {
            let given = facts[step.fact] == Answer.unknownSpelling ? Answer.unknown : .value(step.value)
            session[answerTo: step.questionID, in: kb] = SessionAnswer(given: SessionAnswer.Given(value: given, time: ""))
        }
        (session.client, session.consultant, session.subject) = (details.client ?? "", details.consultant ?? "", details.subject ?? "")
        session.conclusion = conclusion
        do {
            let record = try store.save({ id in
                session.record(exploration, id: id, created: now, programVersion: programVersion, kb: kb, language: lang, note: note)
            }, timestamp: now)
            printError(CLIText.saved(record.id, in: store.shownPath).text(lang))
        } catch {
            printError(CLIText.notSaved(error).text(lang))
            throw Exit.saveFailed
        }
    }

    /// Prints the advice in the chosen format; only the chosen rendering is made.
    private func emit(text: () -> String, json: () -> String, markdown: () -> String) {
        switch format {
        case .text: print(text(), terminator: "")
        case .json: print(json(), terminator: "")
        case .markdown: print(markdown(), terminator: "")
        }
    }
}
