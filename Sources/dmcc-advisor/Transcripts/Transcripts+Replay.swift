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

        @Option(name: .long, help: ArgumentHelp("nl or en (default: the language the record was saved in).", valueName: "lang"))
        var lang: Language?

        @OptionGroup var knowledgeOptions: KnowledgeOptions
        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let record = try store.checkedRecordForCommand(id, command: "transcripts replay", language: lang ?? .nl)
            let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge, language: lang ?? .nl)
            let saved = Language(rawValue: record.language) ?? .nl
            let language = lang ?? saved
            // In the other language the record is translated first when the knowledge it was given with is
            // at hand; otherwise the changes quote the texts in the language the record was saved in.
            let shown = RecordTranslation.shown(record, in: language, using: kb)
            let result = DMCCCore.Replay.run(shown.textsLanguage == nil ? shown.record : record, against: kb)
            if shown.textsLanguage != nil && !result.lines.isEmpty { print(CLIText.replayQuotesOther.text(language)) }
            for line in result.lines { print(ControlCharacters.escaped(line, keepingNewlines: false)) }
            if result.changed {
                print(CLIText.replayChanged(record.id).text(language))
                throw Exit.problems
            }
            print(CLIText.replayHolds(record.id).text(language))
        }
    }
}
