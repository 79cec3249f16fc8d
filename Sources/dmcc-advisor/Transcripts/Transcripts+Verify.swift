import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
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
            // Checked on every core; reported in id order.
            let checks = Self.check(ids, in: store)
            var failed: [String] = []
            for (id, check) in zip(ids, checks) {
                guard RecordID.isValid(id) else {
                    print("FAIL \(id).json: not named like a record")
                    failed.append(id)
                    continue
                }
                let problems = check
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

        /// The problems of each record, in the order of `ids`.
        static func check(_ ids: [String], in store: TranscriptStore) -> [[String]] {
            concurrentMap(ids.count) { i in
                let id = ids[i]
                guard RecordID.isValid(id) else { return [] }
                do {
                    let (json, markdown) = try store.read(id)
                    return RecordCheck.problems(json: json, markdown: markdown, expectedID: id)
                } catch {
                    return ["\(error)"]
                }
            }
        }
    }
}
