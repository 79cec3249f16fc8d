import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one record.")
        enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json, text }

        @Argument(help: "The record id, e.g. 20261129-143012-a1b2c3.")
        var id: String

        @Option(name: .long, help: "markdown, json or text.")
        var format: Format = .markdown

        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            do {
                let record = try store.record(id)
                switch format {
                // Whatever a record file holds, no control character reaches the terminal raw.
                case .markdown: print(ControlCharacters.escaped(RecordRenderer.markdown(record)), terminator: "")
                case .json: print(ControlCharacters.escaped(record.prettyJSON()), terminator: "")
                case .text: print(ControlCharacters.escaped(RecordRenderer.text(record)), terminator: "")
                }
            } catch {
                printError("\(error)")
                throw Exit.badInput
            }
        }
    }
}
