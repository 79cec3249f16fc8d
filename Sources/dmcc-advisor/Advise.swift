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

    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @OptionGroup var transcriptOptions: TranscriptOptions

    /// Takes the `--fact` options out of `advise`'s arguments before ArgumentParser sees them:
    /// it parses a repeated option in quadratic time (10,000 facts took minutes), this is linear.
    /// A `--fact` without its value is left for ArgumentParser to report.
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
            } else if argument == "--fact", i + 1 < arguments.count {
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

    func run() throws {
        let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge)
        let date = try actionDate.resolve(for: kb)
        let exploration: Exploration
        do {
            let facts = try Engine.facts(from: fact, in: kb)
            exploration = try Engine.explore(kb, facts: facts, on: date)
        } catch {
            printError(error.description)
            throw Exit.badInput
        }
        // "unknown" answers that opened branches: the advice is conditional on what is still to confirm.
        if !exploration.isDefinite, exploration.isComplete {
            try printExploration(exploration, kb)
            return
        }
        let advice = exploration.branches.first { $0.advice.missing != nil }?.advice ?? exploration.branches[0].advice
        let report = AdviceReport(advice, in: kb, language: lang)
        if save {
            guard report.isComplete else {
                printError("the advice is incomplete, so nothing was saved; answer: \(report.missing?.fact ?? "")")
                throw Exit.incomplete
            }
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let now = Clock.now()
            do {
                let record = try store.save({ id in
                    AdviceRecord(id: id, created: now, programVersion: programVersion, advice: advice, kb: kb, language: lang,
                                 client: details.client, consultant: details.consultant, subject: details.subject, note: note)
                }, timestamp: now)
                printError("saved \(record.id) in \(store.shownPath) (\(record.id).json, \(record.id).md)")
            } catch {
                printError("not saved: \(error)")
                throw Exit.saveFailed
            }
        }
        emit(text: { AdviceRenderer.text(report, language: lang) }, json: { AdviceRenderer.json(report) },
             markdown: { AdviceRenderer.markdown(report, language: lang) })
        if !report.isComplete { throw Exit.incomplete }
    }

    private func printExploration(_ exploration: Exploration, _ kb: KnowledgeBase) throws {
        let report = ExplorationReport(exploration, in: kb, language: lang)
        if save {
            printError("advice that depends on unknown answers is not saved yet; answer them, or save the safe reading by hand")
            throw Exit.conditional
        }
        emit(text: { AdviceRenderer.text(report, language: lang) }, json: { AdviceRenderer.json(report) },
             markdown: { AdviceRenderer.markdown(report, language: lang) })
        if exploration.isConditional { throw Exit.conditional }
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
