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
                'the signature does not match'. Any FAIL exits 1; a malformed trusted-keys line exits 2.
                """)

        @Argument(help: "A record id; all records when left out.")
        var id: String?

        @Flag(name: .long, help: "Fail records that are sealed but not signed (for a team where everyone signs).")
        var requireSignature = false

        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let trusted = try store.trustedKeys()
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
                var problems: [String]
                var signer = ""
                do {
                    let (json, markdown) = try store.read(id)
                    problems = RecordCheck.problems(json: json, markdown: markdown, expectedID: id)
                    // The signature is only worth checking on a seal that holds: it signs the seal.
                    if problems.isEmpty {
                        switch RecordSignature.verification(ofFile: json, trusting: trusted, requireSignature: requireSignature) {
                        case .ok(let note): signer = note
                        case .fail(let problem): problems.append(problem)
                        }
                    }
                } catch {
                    problems = ["\(error)"]
                }
                if problems.isEmpty {
                    print("ok   \(id)  \(ControlCharacters.escaped(signer, keepingNewlines: false))")
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
}
