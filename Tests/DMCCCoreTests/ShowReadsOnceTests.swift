import DMCCCore
import Foundation
import Testing

/// `transcripts show` checks a record as `verify` does and shows it: both from one read of the file,
/// so a file swapped in between the check and the display is never shown as checked.
@Suite("show reads a record once")
struct ShowReadsOnceTests {
    let id = "20261129-100000-00000a"

    func files(client: String, verdictFacts consent: String = "no") throws -> (json: Data, markdown: String?) {
        var facts = OpenPointRecords.consumerCall
        facts["consent"] = consent
        let record = try OpenPointRecords.record(facts, id: id, client: client)
        return (Data(record.prettyJSON().utf8), RecordRenderer.markdown(record))
    }

    @Test("the record shown is the one checked, even when the file changes after the first read")
    func swapAfterCheck() throws {
        let checkedFiles = try files(client: "Checked B.V.")
        // A forged file: a lenient verdict with a recomputed seal, but no Markdown copy to match.
        let swapped = try files(client: "Swapped B.V.", verdictFacts: "yes")
        var reads = 0
        let shown = try CheckedRecord.read(id, trusting: TrustedKeys(), language: .en) { asked in
            #expect(asked == id)
            reads += 1
            return reads == 1 ? checkedFiles : (swapped.json, nil)
        }
        #expect(reads == 1, "read once: the check and the display see the same bytes")
        #expect(shown.problems.isEmpty, "\(shown.problems)")
        #expect(shown.signer == "sealed, unsigned")
        #expect(shown.record.client == "Checked B.V.")
        #expect(shown.record == (try RecordFile.read(checkedFiles.json)))
    }

    @Test("a record that fails its checks is shown from the same bytes, with the problems verify reports")
    func failingRecordFromSameBytes() throws {
        var (json, markdown) = try files(client: "Jansen")
        // Edited after saving: the seal no longer matches.
        json = Data(String(decoding: json, as: UTF8.self).replacingOccurrences(of: "\"Jansen\"", with: "\"Pietersen\"").utf8)
        var reads = 0
        let shown = try CheckedRecord.read(id, trusting: TrustedKeys(), language: .en) { _ in
            reads += 1
            return (json, markdown)
        }
        #expect(reads == 1)
        #expect(shown.record.client == "Pietersen", "what the file holds, shown after the warning")
        #expect(shown.problems == RecordCheck.problems(json: json, markdown: markdown, expectedID: id))
        #expect(shown.problems.contains { $0.contains("SHA-256 seal") })
        #expect(shown.signer.isEmpty)
        markdown = nil
        #expect(try CheckedRecord.read(id, trusting: TrustedKeys(), language: .en) { _ in (json, markdown) }.problems.contains("the Markdown copy is missing"))
    }

    @Test("bytes that hold no record at all are an error, not an empty record")
    func notARecord() {
        #expect(throws: RecordFile.Failure.self) {
            try CheckedRecord.read(id, trusting: TrustedKeys(), language: .en) { _ in (Data("{\"format\": 1}".utf8), nil) }
        }
    }

    @Test("a signed record names its signer when the key is trusted, and fails when it is not")
    func signature() throws {
        let key = SigningKey(name: "Eva de Vries")
        var facts = OpenPointRecords.consumerCall
        facts["consent"] = "no"
        let record = try OpenPointRecords.record(facts, id: id).signed(with: key)
        let bytes = (Data(record.prettyJSON().utf8), Optional(RecordRenderer.markdown(record)))
        let trusted = try TrustedKeys.parse("Eva de Vries \(key.publicKey)\n", file: "trusted-keys").get()
        #expect(try CheckedRecord.read(id, trusting: trusted, language: .en) { _ in bytes }.signer == "signed by Eva de Vries")
        let untrusted = try CheckedRecord.read(id, trusting: TrustedKeys(), language: .en) { _ in bytes }
        #expect(untrusted.problems.count == 1 && untrusted.problems[0].contains("not trusted"))
        #expect(untrusted.record == record)
    }
}
