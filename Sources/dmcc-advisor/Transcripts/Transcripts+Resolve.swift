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
            6 when it still depends on an open point, 2 for an unknown record, fact or value, a fact that \
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
            let old = try store.recordForCommand(id)
            // Resolving a superseded record would make a second "latest" version beside the real one.
            let newer = store.records(superseding: old.id)
            if !newer.isEmpty {
                let latest = store.latestVersions(of: old.id)
                let instead = latest.isEmpty ? newer : latest
                printError("record \(old.id) is already superseded by \(newer.joined(separator: ", ")); nothing saved. "
                    + "Resolve the latest version instead: \(instead.map { "transcripts resolve \($0)" }.joined(separator: " or "))")
                throw Exit.badInput
            }
            let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge)
            let language = lang ?? Language(rawValue: old.language) ?? .nl
            let nl = language == .nl
            let now = Clock.now()
            var session: Session
            let exploration: Exploration
            do {
                session = try old.resolving(fact, in: kb, at: now)
                session.conclusion = conclusion
                exploration = try session.exploration(kb)
            } catch let error as ResolveError {
                printError(error.description)
                throw Exit.badInput
            } catch {
                printError("\(error)")
                throw Exit.badInput
            }
            if old.advice.knowledge.version != kb.metadata.version || old.advice.knowledge.sha256 != kb.sha256 {
                printError(nl ? "let op: het verslag gebruikte kennisbank \(old.advice.knowledge.version); het nieuwe advies volgt \(kb.metadata.version)"
                              : "note: the record used knowledge \(old.advice.knowledge.version); the new advice follows \(kb.metadata.version)")
            }
            if let missing = exploration.missing {
                printError(nl ? "de kennisbank vraagt nu ook: \(missing.text.text(language)) (\(missing.fact): \(missing.options.map(\.value).joined(separator: ", "))); niets opgeslagen"
                              : "the knowledge now also asks: \(missing.text.text(language)) (\(missing.fact): \(missing.options.map(\.value).joined(separator: ", "))); nothing saved")
                throw Exit.incomplete
            }
            let record: AdviceRecord
            do {
                record = try store.save({ newID in
                    session.record(exploration, id: newID, created: now, programVersion: programVersion, kb: kb, language: language, note: old.note)
                }, timestamp: now)
            } catch {
                printError("not saved: \(error)")
                throw Exit.saveFailed
            }
            if conclusion == nil, let earlier = old.conclusion, !earlier.isEmpty {
                printError(nl ? "de conclusie van \(old.id) is niet overgenomen: die was geschreven bij het voorwaardelijke advies; "
                                + "geef het nieuwe advies een eigen conclusie met --conclusion TEKST bij transcripts resolve"
                              : "the conclusion of \(old.id) was not carried over: it was written for the conditional advice; "
                                + "give the new advice its own with --conclusion TEXT on transcripts resolve")
            }
            print(nl ? "Opgeslagen als \(record.id); vervangt \(old.id)." : "Saved as \(record.id); supersedes \(old.id).")
            if !record.openPoints.isEmpty {
                print(nl ? "Nog open: \(record.openFacts.joined(separator: ", "))" : "Still open: \(record.openFacts.joined(separator: ", "))")
            }
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
