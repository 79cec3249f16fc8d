import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Answer a record's open points ('don't know') and save the advice as a new record that supersedes it.",
            discussion: """
            Re-explores the record's answers on its action date with the current knowledge and saves a NEW \
            record (supersedes: ID); the old record stays untouched. Exit 0 when the new advice is definite, \
            6 when it still depends on an open point, 1 when the record fails verification (edited or forged: \
            nothing is saved), 2 for an unknown record, fact or value, a fact that \
            is not an open point, or a record another record already supersedes (resolve the latest instead), 3 when the knowledge now asks a question the record has no answer to.
            """)

        @Argument(help: "The id of the record with open points.")
        var id: String

        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("An open point's answer as name=value. Repeat for each.", valueName: "name=value"))
        var fact: [String] = []

        @Option(name: .long, help: "The language of the new record and the advice: nl or en (default: the record's).")
        var lang: Language?

        @Option(name: .long, help: "The consultant's conclusion for the client, saved with the new record (the old record's is not carried over).")
        var conclusion: String?

        @OptionGroup var knowledgeOptions: KnowledgeOptions
        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let old = try store.checkedRecordForCommand(id, command: "transcripts resolve", language: lang ?? .nl)
            let language = lang ?? Language(rawValue: old.language) ?? .nl
            // Resolving a superseded record would make a second "latest" version beside the real one.
            let newer = store.records(superseding: old.id)
            if !newer.isEmpty {
                let latest = store.latestVersions(of: old.id)
                let instead = latest.isEmpty ? newer : latest
                printError(CLIText.alreadySuperseded(old.id, by: newer, latest: instead).text(language))
                throw Exit.badInput
            }
            let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge, language: language)
            let now = Clock.now()
            var session: Session
            let exploration: Exploration
            do {
                session = try old.resolving(fact, in: kb, at: now)
                session.conclusion = conclusion
                exploration = try session.exploration(kb)
            } catch {
                printError(CLIText.reason(error).text(language))
                throw Exit.badInput
            }
            if old.advice.knowledge.version != kb.metadata.version || old.advice.knowledge.sha256 != kb.sha256 {
                printError(CLIText.otherKnowledge(old.advice.knowledge.version, kb.metadata.version).text(language))
            }
            if let missing = exploration.missing {
                printError(CLIText.knowledgeNowAsks(missing.text, fact: missing.fact, values: missing.options.map(\.value)).text(language))
                throw Exit.incomplete
            }
            let record: AdviceRecord
            do {
                record = try store.save({ newID in
                    session.record(exploration, id: newID, created: now, programVersion: programVersion, kb: kb, language: language, note: old.note)
                }, timestamp: now)
            } catch {
                printError(CLIText.notSaved(error).text(language))
                throw Exit.saveFailed
            }
            if conclusion == nil, let earlier = old.conclusion, !earlier.isEmpty {
                printError(CLIText.conclusionNotCarried(old.id).text(language))
            }
            print(CLIText.savedSuperseding(record.id, old.id).text(language))
            if !record.openPoints.isEmpty { print(CLIText.stillOpen(record.openFacts).text(language)) }
            print("")
            if exploration.isDefinite {
                print(AdviceRenderer.text(AdviceReport(exploration.branches[0].advice, in: kb, language: language), language: language), terminator: "")
            } else {
                print(AdviceRenderer.text(ExplorationReport(exploration, in: kb, language: language), language: language), terminator: "")
            }
            if exploration.isConditional { throw Exit.conditional }
        }
    }
}
