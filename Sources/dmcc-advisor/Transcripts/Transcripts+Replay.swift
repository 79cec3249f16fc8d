import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Re-evaluate a record's answers on its action date against the current (or given) knowledge.",
            discussion: "Exit 0 when the advice is unchanged, 1 when it changed.")

        @Argument(help: "The record id.")
        var id: String

        @OptionGroup var knowledgeOptions: KnowledgeOptions
        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let record: AdviceRecord
            do {
                record = try store.record(id)
            } catch {
                printError("\(error)")
                throw Exit.badInput
            }
            let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge)
            let result = DMCCCore.Replay.run(record, against: kb)
            let nl = record.language == Language.nl.rawValue
            for line in result.lines { print(ControlCharacters.escaped(line, keepingNewlines: false)) }
            if result.changed {
                print(nl ? "Het advies is veranderd sinds \(record.id)." : "The advice has changed since \(record.id).")
                throw Exit.problems
            }
            print(nl ? "Het advies van \(record.id) geldt nog." : "The advice of \(record.id) still holds.")
        }
    }
}
