import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print one record, or make it a letter for the client (HTML or PDF).",
            discussion: """
            html and pdf use the firm settings in firm.yaml in the records folder (or --firm FILE): name, \
            contact, disclaimer. pdf prints the page with headless Chromium to --output (default ID.pdf here). \
            The record is checked as verify checks it (seal, signature, trusted keys): html and pdf refuse a record \
            that fails (exit 1, nothing written); the other formats print it after a warning on stderr and exit 1.
            """)
        enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json, text, html, pdf }

        @Argument(help: "The record id, e.g. 20261129-143012-a1b2c3.")
        var id: String

        @Option(name: .long, help: "markdown, json, text, html or pdf.")
        var format: Format = .markdown

        @Option(name: .long, help: ArgumentHelp("nl or en (default: the language the record was saved in).", valueName: "lang"))
        var lang: Language?

        @Option(name: .long, help: ArgumentHelp("Write the html or pdf to this file (pdf default: ID.pdf in the current folder).", valueName: "file"))
        var output: String?

        @Flag(name: .long, help: "Replace an existing --output file.")
        var force = false

        @Option(name: .long, help: ArgumentHelp("The firm settings (default: firm.yaml in the records folder).", valueName: "file"))
        var firm: String?

        @OptionGroup var knowledgeOptions: KnowledgeOptions
        @OptionGroup var transcriptOptions: TranscriptOptions

        func validate() throws {
            if output != nil && format != .html && format != .pdf {
                throw ValidationError(CLIText.outputOnlyForLetters.text(lang ?? .nl))
            }
        }

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            // The checks of `verify`: a tampered or forged record never leaves as a letter, and is
            // never printed without a warning. The record shown is decoded from the bytes checked:
            // the file is read once, so one swapped in after the check is never shown as checked.
            // The messages follow --lang; without it, Dutch (the record's language is not known yet).
            let L = lang ?? .nl
            let trusted = try store.trustedKeys(language: L)
            let checked = try store.checkedRead(id, trusting: trusted, language: L)
            let record = checked.record, problems = checked.problems
            if !problems.isEmpty {
                let reasons = problems.map { "  \($0)" }
                if format == .html || format == .pdf {
                    printError(CLIText.refusedLetter(record.id, format: format.rawValue).text(L))
                    for reason in reasons { printError(reason) }
                    printError(CLIText.verifySaysTheSame(record.id).text(L))
                    throw Exit.problems
                }
                printError(CLIText.failedWarning(record.id).text(L))
                for reason in reasons { printError(reason) }
            }
            let shown = RecordTranslation.shown(record, in: lang ?? Language(rawValue: record.language) ?? .nl,
                                                using: knowledgeForTranslation(record))
            let context = RecordRenderer.Context(supersededBy: store.records(superseding: record.id), textsLanguage: shown.textsLanguage)
            switch format {
            // Whatever a record file holds, no control character reaches the terminal raw.
            case .markdown: try write(ControlCharacters.escaped(RecordRenderer.markdown(shown.record, context)), L)
            case .json: try write(ControlCharacters.escaped(record.prettyJSON()), L)
            case .text: try write(ControlCharacters.escaped(RecordRenderer.text(shown.record, context)), L)
            case .html: try write(RecordLetter.html(shown.record, firm: try firmSettings(store, L), context), L)
            case .pdf:
                let html = RecordLetter.html(shown.record, firm: try firmSettings(store, L), context)
                let target = URL(fileURLWithPath: output ?? "\(record.id).pdf")
                try refuseOverwrite(target, L)
                do {
                    try PDFPrinter.print(html, to: target)
                } catch {
                    printError(CLIText.reason(error).text(L))
                    throw Exit.outputFailed
                }
                print(CLIText.wrote(target.path).text(L))
            }
            if !problems.isEmpty { throw Exit.problems }
        }

        /// The knowledge, only to translate a record into the language it was not saved in; when it
        /// cannot be loaded the stored texts are shown as they are, with a note.
        private func knowledgeForTranslation(_ record: AdviceRecord) -> KnowledgeBase? {
            guard let lang, lang.rawValue != record.language else { return nil }
            guard let folder = try? KnowledgeFolder.locate(knowledgeOptions.knowledge),
                  let sources = try? KnowledgeFolder.read(folder) else { return nil }
            return try? Linter.validated(sources)
        }

        /// The firm settings, or none without a file; a broken file stops with every problem at its `file:line`.
        private func firmSettings(_ store: TranscriptStore, _ L: Language) throws -> FirmSettings {
            let url = firm.map { URL(fileURLWithPath: $0) } ?? store.folder.appendingPathComponent(FirmSettings.fileName)
            let shownPath = firm ?? (store.shownPath + "/" + FirmSettings.fileName)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                if firm != nil {
                    printError(CLIText.cannotReadFirm(shownPath).text(L))
                    throw Exit.badInput
                }
                return .none
            }
            switch FirmSettings.parse(String(decoding: data, as: UTF8.self), file: shownPath, language: L) {
            case .success(let settings): return settings
            case .failure(let errors):
                printError(CLIText.firmProblems(errors.problems.count).text(L))
                for problem in errors.problems { printError("  \(problem)") }
                throw Exit.badInput
            }
        }

        /// html goes to standard output unless --output names a file.
        private func write(_ text: String, _ L: Language) throws {
            guard let output, format == .html else {
                print(text, terminator: "")
                return
            }
            let target = URL(fileURLWithPath: output)
            try refuseOverwrite(target, L)
            do {
                try Data(text.utf8).write(to: target, options: .atomic)
            } catch {
                printError(CLIText.cannotWrite(output, TranscriptStore.reason(error)).text(L))
                throw Exit.outputFailed
            }
            print(CLIText.wrote(target.path).text(L))
        }

        private func refuseOverwrite(_ target: URL, _ L: Language) throws {
            guard !force, FileManager.default.fileExists(atPath: target.path) else { return }
            printError(CLIText.alreadyExists(target.path).text(L))
            throw Exit.badInput
        }
    }
}

extension TranscriptStore {
    /// The ids of the records in the folder that name `id` as the record they supersede. Only files
    /// that mention the id at all are decoded, so a large folder is scanned at the speed of reading it.
    func records(superseding id: String) -> [String] {
        let needle = Data(id.utf8)
        return recordFiles().compactMap { name -> String? in
            guard name != id + ".json", let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                  data.range(of: needle) != nil, let record = try? RecordFile.read(data), record.supersedes == id else { return nil }
            return record.id
        }.sorted()
    }

    /// The latest versions of `id`'s chain: the records that supersede it, directly or not, and
    /// that no record supersedes (more than one when the chain forks). A loop ends the walk.
    func latestVersions(of id: String) -> [String] {
        var latest: [String] = [], seen: Set<String> = [id], pending = [id]
        while let current = pending.popLast() {
            let newer = records(superseding: current).filter { seen.insert($0).inserted }
            if newer.isEmpty { if current != id { latest.append(current) } } else { pending += newer }
        }
        return latest.sorted()
    }
}
