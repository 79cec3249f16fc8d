import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "A table of the saved records, oldest first: the latest of each chain of versions.",
            discussion: """
                A record that a newer one supersedes is left out and counted (+N); --all shows every record. \
                ? marks a record with open points (questions answered "don't know"). \
                JSON and CSV carry every column, the verdict id as well as its words.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

        @Option(name: .long, help: "Only records whose client contains this text (case-insensitive).")
        var client: String?

        @Option(name: .long, help: ArgumentHelp("Only records created on or after this date (YYYY-MM-DD).", valueName: "date"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Only records with this verdict: allowed, allowed-if, not-allowed, or its words.", valueName: "verdict"))
        var verdict: String?

        @Flag(name: .long, help: "Every record, also those a newer version supersedes (marked).")
        var all = false

        @Option(name: .long, help: "text, json or csv.")
        var format: Format = .text

        @Option(name: .long, help: "The language of the table and the verdict words: nl or en.")
        var lang: Language = .nl

        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            if let client, client.trimmingCharacters(in: .whitespaces).isEmpty {
                printError(CLIText.emptyClient.text(lang))
                throw Exit.badInput
            }
            if let since, CalendarDate(iso: since) == nil {
                printError(CLIText.adviceError(.invalidDate(since)).text(lang))
                throw Exit.badInput
            }
            var verdictID: String?
            if let verdict {
                guard let id = RecordListing.verdict(named: verdict) else {
                    printError(CLIText.unknownVerdict(verdict, choices: RecordListing.verdictChoices).text(lang))
                    throw Exit.badInput
                }
                verdictID = id
            }
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let found: (records: [RecordSummary], unreadable: [(file: String, reason: LocalizedText)])
            do {
                found = try store.summaries()
            } catch {
                printError(CLIText.reason(error).text(lang))
                throw Exit.badInput
            }
            for bad in found.unreadable { printError(CLIText.skipped("\(store.shownPath)/\(bad.file)", bad.reason).text(lang)) }
            let filter = RecordListing.Filter(client: client, since: since, verdict: verdictID, all: all)
            let (rows, hidden) = RecordListing.rows(found.records, filter)
            let output = switch format {
            case .text: RecordListing.text(rows, hiddenEarlier: hidden, all: all, folder: store.shownPath, language: lang)
            case .json: RecordListing.json(rows, language: lang)
            case .csv: RecordListing.csv(rows, language: lang)
            }
            // One write: thousands of print calls would each take the output lock.
            print(output, terminator: "")
        }
    }
}
