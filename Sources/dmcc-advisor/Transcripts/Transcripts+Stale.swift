import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct Stale: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stale",
            abstract: "List the advice that would now differ: every record replayed on its action date and on today's date.",
            discussion: """
                Replays the latest record of each chain against the current (or given) knowledge, on the record's own \
                action date and, for a campaign repeated now, on today's date (--on overrides today). Lists each record \
                whose advice would differ, with the old and new verdict, the date, and the rule change or knowledge \
                version that made the difference. Exit 0 when none, 1 when any.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(name: .long, help: ArgumentHelp("The date a campaign would be repeated on (default: today), YYYY-MM-DD.", valueName: "date"))
        var on: String?

        @Option(name: .long, help: "text or json.")
        var format: Format = .text

        @Option(name: .long, help: "The language of the headings and verdicts: nl or en (what changed is said in each record's language).")
        var lang: Language = .nl

        @OptionGroup var knowledgeOptions: KnowledgeOptions
        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            var today = Clock.today()
            if let on {
                guard let date = CalendarDate(iso: on) else {
                    printError(CLIText.onDate(CLIText.adviceError(.invalidDate(on)).text(lang)).text(lang))
                    throw Exit.badInput
                }
                today = date
            }
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: store.folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError(CLIText.noRecordsFolder(store.shownPath).text(lang))
                throw Exit.badInput
            }
            let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge, language: lang)
            let (listed, unreadable) = store.list()
            for bad in unreadable { printError(CLIText.skipped("\(store.shownPath)/\(bad.file)", bad.reason).text(lang)) }
            let records = listed.map(\.record)
            let findings = Staleness.check(records, against: kb, today: today)
            let checked = Staleness.latest(records).count
            switch format {
            case .text: print(Staleness.text(findings, checked: checked, language: lang), terminator: "")
            case .json: print(ControlCharacters.escaped(Staleness.json(findings, checked: checked)), terminator: "")
            }
            if !findings.isEmpty { throw Exit.problems }
        }
    }
}
