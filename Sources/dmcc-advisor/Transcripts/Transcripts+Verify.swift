import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Prove records were not edited since they were saved, and who signed them (all records by default).",
            discussion: """
                Each record: 'ok   ID  signed by NAME' (a key in the records folder's trusted-keys file), \
                'ok   ID  sealed, unsigned' (no signature: records made without a key), or FAIL with the reason: \
                a broken seal, 'signed with a key that is not trusted (fingerprint ...)', \
                'the signature does not match'. Any FAIL exits 1; a malformed trusted-keys line exits 2. \
                The words follow --lang (Dutch by default: 'ok   ID  ondertekend door NAME'); the markers 'ok   ' \
                and 'FAIL ', the id and the closing 'N ... M' count stay in place in both languages.
                """)

        @Argument(help: "A record id; all records when left out.")
        var id: String?

        @Flag(name: .long, help: "Fail records that are sealed but not signed (for a team where everyone signs).")
        var requireSignature = false

        @Option(name: .long, help: "The language of the result lines: nl or en.")
        var lang: Language = .nl

        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            var ids: [String]
            if let id {
                guard RecordID.isValid(id) else {
                    printError(CLIText.notARecordID(id).text(lang))
                    throw Exit.badInput
                }
                // An id with neither file is an unknown record (exit 2, as for show, replay and resolve),
                // not a record that failed.
                let base = store.folder.appendingPathComponent(id).path
                var info = stat()
                guard stat(base + ".json", &info) == 0 || stat(base + ".md", &info) == 0 else {
                    printError(CLIText.noSuchRecord(id, in: store.shownPath).text(lang))
                    throw Exit.badInput
                }
                ids = [id]
            } else {
                // A folder that does not exist (a typing error, an unmounted share) is an error, as in
                // `list`: never "0 of 0 record(s) verified".
                do {
                    ids = try store.folderNames().filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
                        .map { String($0.dropLast(5)) }
                } catch {
                    printError(CLIText.reason(error).text(lang))
                    throw Exit.badInput
                }
            }
            let trusted = try store.trustedKeys(language: lang)
            // Checked on every core; reported in id order.
            let checks = Self.check(ids, in: store, trusting: trusted, requireSignature: requireSignature, language: lang)
            var failed: [String] = []
            for (id, check) in zip(ids, checks) {
                guard RecordID.isValid(id) else {
                    print("FAIL \(id).json: \(CLIText.notNamedLikeARecord.text(lang))")
                    failed.append(id)
                    continue
                }
                if check.problems.isEmpty {
                    print("ok   \(id)  \(ControlCharacters.escaped(check.signer, keepingNewlines: false))")
                } else {
                    failed.append(id)
                    for problem in check.problems { print("FAIL \(id): \(ControlCharacters.escaped(problem, keepingNewlines: false))") }
                }
            }
            print(CLIText.verified(ids.count - failed.count, of: ids.count, in: store.shownPath).text(lang))
            if !failed.isEmpty {
                printError(CLIText.failedRecords(failed).text(lang))
                throw Exit.problems
            }
        }

        /// The problems of each record and who signed it, in the order of `ids`, in `language`.
        static func check(_ ids: [String], in store: TranscriptStore, trusting trusted: TrustedKeys,
                          requireSignature: Bool, language: Language) -> [(problems: [String], signer: String)] {
            concurrentMap(ids.count) { i in
                let id = ids[i]
                guard RecordID.isValid(id) else { return ([], "") }
                do {
                    let (json, markdown) = try store.read(id)
                    let found = CheckedRecord.findings(json: json, markdown: markdown, id: id, trusting: trusted,
                                                       requireSignature: requireSignature, language: language)
                    return (found.problems, found.signer)
                } catch {
                    return ([CLIText.reason(error).text(language)], "")
                }
            }
        }
    }
}
