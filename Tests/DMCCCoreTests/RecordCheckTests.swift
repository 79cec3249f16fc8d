import DMCCCore
import Foundation
import Testing

/// `RecordCheck.problems`, which `verify` runs on every record: each file is parsed as few times as
/// the checks allow, and no check may be lost for it.
@Suite("Checking a record file")
struct RecordCheckTests {
    let record: AdviceRecord = {
        let kb = Shipped.knowledge
        let advice = try! Engine.advise(kb, facts: ["purpose": "objection", "request": "stop", "fee": "yes"], on: date("2026-11-29"))
        return AdviceRecord(id: "20261129-143012-a1b2c3", created: "2026-11-29T14:30:12+01:00", programVersion: "0.1.0",
                            advice: advice, kb: kb, language: .nl, client: "Bakkerij Één")
    }()

    func problems(_ json: String, markdown: String? = nil) -> [String] {
        RecordCheck.problems(json: Data(json.utf8), markdown: markdown ?? RecordRenderer.markdown(record), expectedID: record.id)
    }

    /// The file with its seal replaced by the digest of the file as it stands: a forger's recomputed seal.
    func resealed(_ json: String) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        object["sha256"] = RecordSeal.digest(ofFile: Data(json.utf8))
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("a record as saved has no problems, in any layout")
    func intact() {
        #expect(problems(record.prettyJSON()).isEmpty)
        #expect(problems(String(decoding: record.canonicalJSON(), as: UTF8.self)).isEmpty)
    }

    @Test("a seal replaced by another is caught")
    func replacedSeal() {
        let json = record.prettyJSON().replacingOccurrences(of: record.sha256, with: String(repeating: "0", count: 64))
        #expect(problems(json).contains { $0.contains("does not match its SHA-256 seal") })
    }

    @Test("a value changed under the old seal is caught")
    func changedValue() {
        let json = record.prettyJSON().replacingOccurrences(of: "Bakkerij Één", with: "Bakkerij Twee")
        #expect(problems(json).contains { $0.contains("does not match its SHA-256 seal") })
    }

    @Test("a changed value with a recomputed seal still fails: the Markdown copy no longer matches")
    func resealedValue() throws {
        let json = try resealed(record.prettyJSON().replacingOccurrences(of: "Bakkerij Één", with: "Bakkerij Twee"))
        #expect(problems(json) == ["the Markdown copy differs from what the JSON record states"])
    }

    @Test("a key the record does not carry is caught, also when the seal was recomputed over it")
    func extraKeyResealed() throws {
        let json = try resealed(record.prettyJSON().replacingOccurrences(of: "{\n  \"advice\"", with: "{\n  \"approved\" : true,\n  \"advice\""))
        let found = problems(json)
        #expect(found.contains { $0.contains("holds more than the record shows") }, "\(found)")
        #expect(found.contains { $0.contains("does not match its SHA-256 seal") }, "the record as read has another digest: \(found)")
    }

    @Test("a file without a seal, a file that is not JSON and a record under another id are named")
    func otherProblems() {
        let unsealed = record.prettyJSON().replacingOccurrences(of: "\"sha256\" : \"\(record.sha256)\"", with: "\"sha256\" : \"\"")
        #expect(problems(unsealed).contains("the record has no seal"))
        #expect(problems("not json") == ["the JSON file is not valid JSON"])
        #expect(RecordCheck.problems(json: Data(record.prettyJSON().utf8), markdown: RecordRenderer.markdown(record),
                                     expectedID: "20261129-143012-000000").contains { $0.contains("not '20261129-143012-000000'") })
    }

    @Test("quotes, braces and key-like text inside values do not confuse the duplicate-key scan")
    func trickyValues() throws {
        var tricky = record
        tricky.client = "Klant \"A\", {\"client\": \"B\"} \\"
        tricky.sha256 = ""
        let sealed = try #require(RecordSeal.digest(ofFile: Data(tricky.prettyJSON().utf8)))
        tricky.sha256 = sealed
        #expect(try RecordFile.read(Data(tricky.prettyJSON().utf8)) == tricky)
        let forged = tricky.prettyJSON().replacingOccurrences(
            of: "{\n  \"advice\"", with: "{\n  \"note\" : \"x \\\" , \\\"client\\\" : \",\n  \"client\" : \"Vervalst\",\n  \"advice\"")
        #expect(throws: RecordFile.Failure.duplicateKey("client")) { try RecordFile.read(Data(forged.utf8)) }
    }
}
