import ArgumentParser
import DMCCCore
import Foundation

struct Transcripts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, verify and replay saved advice records.",
        subcommands: [List.self, Show.self, Verify.self, Replay.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A table of the saved records, newest last.")

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

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one record.")
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

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove records were not edited since they were saved (all records by default).")

        @Argument(help: "A record id; all records when left out.")
        var id: String?

        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            var ids: [String]
            if let id {
                guard RecordID.isValid(id) else {
                    printError("'\(id)' is not a record id (they look like 20261129-143012-a1b2c3)")
                    throw Exit.badInput
                }
                ids = [id]
            } else {
                ids = store.recordFiles().map { String($0.dropLast(5)) }
            }
            var failed: [String] = []
            for id in ids {
                guard RecordID.isValid(id) else {
                    print("FAIL \(id).json: not named like a record")
                    failed.append(id)
                    continue
                }
                let problems: [String]
                do {
                    let (json, markdown) = try store.read(id)
                    problems = RecordCheck.problems(json: json, markdown: markdown, expectedID: id)
                } catch {
                    problems = ["\(error)"]
                }
                if problems.isEmpty {
                    print("ok   \(id)")
                } else {
                    failed.append(id)
                    for problem in problems { print("FAIL \(id): \(ControlCharacters.escaped(problem, keepingNewlines: false))") }
                }
            }
            print("\(ids.count - failed.count) of \(ids.count) record(s) verified in \(store.shownPath)")
            if !failed.isEmpty {
                printError("failed: \(failed.joined(separator: ", "))")
                throw Exit.problems
            }
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
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
