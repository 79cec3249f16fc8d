import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "A table of the saved records, newest last.")

        @Option(name: .long, help: "Only records whose client contains this text (case-insensitive).")
        var client: String?

        @Option(name: .long, help: ArgumentHelp("Only records created on or after this date (YYYY-MM-DD).", valueName: "date"))
        var since: String?

        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            if let since, CalendarDate(iso: since) == nil {
                printError(AdviceError.invalidDate(since).description)
                throw Exit.badInput
            }
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let (records, unreadable) = store.list()
            for bad in unreadable { printError("\(store.shownPath)/\(bad.file): \(bad.reason); skipped") }
            let shown = records.map(\.record).filter { record in
                (client.map { record.client?.lowercased().contains($0.lowercased()) ?? false } ?? true)
                    && (since.map { String(record.created.prefix(10)) >= $0 } ?? true)
            }.sorted { $0.created < $1.created }
            let rows = [["ID", "DATUM", "KLANT", "CONSULTANT", "DOEL", "OORDEEL"]] + shown.map { r in
                [r.id, String(r.created.prefix(10)), r.client ?? "-", r.consultant ?? "-", r.purpose ?? "-", r.advice.verdict ?? "incomplete"]
                    .map { ControlCharacters.escaped($0, keepingNewlines: false) }
            }
            let widths = (0..<6).map { column in rows.map { TextLayout.width($0[column]) }.max() ?? 0 }
            for row in rows {
                let cells = row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - TextLayout.width(cell)) }
                print(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
            print("\(shown.count) record(s) in \(store.shownPath)")
        }
    }
}
