import Crypto
import DMCCCore
import Foundation
import Testing

/// The seal's canonical JSON must be byte for byte what JSONSerialization (sorted keys, slashes
/// unescaped) writes: every record ever sealed was sealed over that, and must keep verifying.
@Suite("Canonical JSON for the seal")
struct CanonicalJSONTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// What the seal has always been computed over.
    func reference(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    func sha(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    func object(_ json: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    }

    /// The writer gives the reference's bytes, or declines (nil) and the seal uses the reference.
    func expectSameAsReference(_ object: [String: Any], mustWrite: Bool, _ comment: Comment? = nil) throws {
        let expected = try reference(object)
        let written = CanonicalJSON.data(object)
        if mustWrite { #expect(written != nil, comment) }
        if let written {
            #expect(written == expected, "\(comment.map { "\($0)" } ?? ""): \(String(decoding: written, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
        }
        var unsealed = object
        unsealed["sha256"] = nil
        unsealed["signature"] = nil
        #expect(RecordSeal.digest(ofObject: object) == sha(try reference(unsealed)), comment)
    }

    @Test("every JSON fixture is written byte for byte as JSONSerialization writes it, and its seal still holds")
    func fixtures() throws {
        let files = (FileManager.default.enumerator(at: Self.fixtures, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "json" }
        #expect(files.count >= 4)
        for file in files {
            let json = try Data(contentsOf: file)
            guard let parsed = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else { continue }
            let isRecord = parsed["format"] as? String == AdviceRecord.format
            // A conditional record holds numbers and booleans (branch counts, `truncated`), which the writer
            // leaves to JSONSerialization by design; its seal is still checked below and in the helper.
            try expectSameAsReference(parsed, mustWrite: isRecord && parsed["conditional"] == nil, "\(file.lastPathComponent)")
            if isRecord, let seal = parsed["sha256"] as? String, (try? RecordFile.read(json)) != nil {
                #expect(RecordSeal.digest(ofObject: parsed) == seal, "\(file.lastPathComponent)")
            }
        }
    }

    static let hostile: [String] = {
        var texts = (0..<0x20).map { "x" + String(UnicodeScalar(UInt8($0))) + "y" }
        texts += ["\"quoted\"", "back\\slash", "\\\"", "a/b//c", "</script>", "\u{7F}del", "\u{80}\u{9F}c1",
                  "line\u{2028}sep\u{2029}para", "emoji 👩🏽‍💻 🇳🇱", "combining e\u{301} vs é", "\u{FEFF}bom", "\u{FFFD}",
                  "Één café naïve", "汉字", "\u{10FFFF}", "", " ", "\\u0041", "tab\there", "cr\r\nlf", "nul\u{0}end",
                  String(repeating: "ä\"\\\n", count: 200)]
        return texts
    }()

    @Test("records with hostile text in every typed field are written byte for byte as JSONSerialization writes them")
    func hostileRecords() throws {
        let kb = Shipped.knowledge
        let advice = try Engine.advise(kb, facts: ["purpose": "objection", "request": "stop", "fee": "yes"], on: date("2026-11-29"))
        let base = AdviceRecord(id: "20261129-143012-a1b2c3", created: "2026-11-29T14:30:12+01:00", programVersion: "0.1.0",
                                advice: advice, kb: kb, language: .nl)
        for text in Self.hostile {
            var record = base
            // Set directly (the initialiser cleans typed text), as a hand-edited file could hold it.
            record.client = text
            record.consultant = text + text
            record.note = text
            record.conclusion = text
            record.subject = text
            record.steps[0].note = text
            record.advice.title = text
            let json = try JSONEncoder().encode(record)
            try expectSameAsReference(try object(json), mustWrite: true, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("every character below U+0100 and a sample above, alone and in context, is escaped as JSONSerialization does")
    func everyScalar() throws {
        var scalars = (0..<0x100).compactMap(UnicodeScalar.init)
        scalars += [0x2028, 0x2029, 0xD7FF, 0xE000, 0xFFFF, 0x1F600].compactMap(UnicodeScalar.init)
        for scalar in scalars {
            let text = String(scalar)
            try expectSameAsReference(["k": text, "l": ["a" + text + "b", [text]]], mustWrite: true, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("keys are ordered as JSONSerialization orders them: case, digits, punctuation")
    func keyOrder() throws {
        let keys = ["b", "B2", "a_b", "aB", "a10", "a9", "Z", "_x", "-y", "~", "sha256", "sha3", "legalBasis", "legal",
                    "reviewDue", "review_due2", "x y", "a.b", "A1b", "abc"]
        var object: [String: Any] = [:]
        for (index, key) in keys.enumerated() { object[key] = "\(index)" }
        try expectSameAsReference(object, mustWrite: true)
        try expectSameAsReference(["nested": [object, ["q": object]]], mustWrite: true)
    }

    @Test("keys whose order is not certain (differing only in case, non-ASCII, leading zeros) and numbers fall back to JSONSerialization")
    func fallback() throws {
        let cases: [[String: Any]] = [
            ["client": "a", "Client": "b", "CLIENT": "c"],
            ["é": "1", "f": "3", "e": "4"],
            ["e\u{301}": "2", "z": "5"],
            ["Één": "1", "een": "2"],
            ["a01": "1", "a1": "2", "a001": "3"],
            ["n": 1, "b": true, "d": 1.5],
            ["s": NSNull(), "t": [NSNull()], "u": [:] as [String: Any], "v": [] as [Any]],
        ]
        for object in cases {
            try expectSameAsReference(object, mustWrite: false)
            try expectSameAsReference(["wrapped": object, "client": "x"], mustWrite: false)
        }
        #expect(CanonicalJSON.data(["client": "a", "Client": "b"]) == nil)
        #expect(CanonicalJSON.data(["n": 1]) == nil)
    }

    @Test("a file with a key that differs only in case from a record key does not verify, however the seal is written")
    func caseTwin() throws {
        let folder = RecordLayoutCompatibilityTests.folder
        let id = "20261129-154401-3edc07"
        let json = try Data(contentsOf: folder.appendingPathComponent(id + ".json"))
        let markdown = try String(contentsOf: folder.appendingPathComponent(id + ".md"), encoding: .utf8)
        var edited = try object(json)
        edited["Client"] = "Someone else"
        edited["sha256"] = RecordSeal.digest(ofObject: edited)
        let forged = try JSONSerialization.data(withJSONObject: edited, options: [.sortedKeys])
        #expect(!RecordCheck.problems(json: forged, markdown: markdown, expectedID: id).isEmpty)
    }
}

@Suite("Verify reads each record once")
struct VerifyOnceTests {
    static let folder = RecordLayoutCompatibilityTests.folder

    @Test("records saved by main before the canonical writer still verify and give back the record",
          arguments: ["20261129-154401-3edc07", "20261129-154402-646c90"])
    func savedByMain(_ id: String) throws {
        let json = try Data(contentsOf: Self.folder.appendingPathComponent(id + ".json"))
        let markdown = try String(contentsOf: Self.folder.appendingPathComponent(id + ".md"), encoding: .utf8)
        let check = RecordCheck.check(json: json, markdown: markdown, expectedID: id)
        #expect(check.problems.isEmpty)
        #expect(check.record == (try RecordFile.read(json)))
        // Any problem and no record is handed on for the signature check.
        let broken = RecordCheck.check(json: json, markdown: markdown + "x", expectedID: id)
        #expect(!broken.problems.isEmpty && broken.record == nil)
    }

    @Test("the signature is judged the same from the record as read as from the file")
    func signatureFromRecord() throws {
        let kb = Shipped.knowledge
        let advice = try Engine.advise(kb, facts: ["purpose": "objection", "request": "stop", "fee": "yes"], on: date("2026-11-29"))
        let plain = AdviceRecord(id: "20261129-143012-a1b2c3", created: "2026-11-29T14:30:12+01:00", programVersion: "0.1.0",
                                 advice: advice, kb: kb, language: .nl)
        let eva = SigningKey(name: "Eva de Vries"), other = SigningKey(name: "Mallory")
        let trusted = try TrustedKeys.parse(eva.trustedKeyLine, file: "trusted-keys").get()
        var tampered = try plain.signed(with: eva)
        tampered.signature?.value = try plain.signed(with: other).signature!.value
        for record in [plain, try plain.signed(with: eva), try plain.signed(with: other), tampered] {
            let json = Data(record.prettyJSON().utf8)
            let check = RecordCheck.check(json: json, markdown: RecordRenderer.markdown(record), expectedID: record.id)
            let read = try #require(check.record)
            for require in [false, true] {
                #expect(RecordSignature.verification(of: read, trusting: trusted, requireSignature: require)
                        == RecordSignature.verification(ofFile: json, trusting: trusted, requireSignature: require))
            }
        }
        let check = RecordCheck.check(json: Data(tampered.prettyJSON().utf8), markdown: RecordRenderer.markdown(tampered), expectedID: tampered.id)
        #expect(RecordSignature.verification(of: try #require(check.record), trusting: trusted, requireSignature: false)
                == .fail("the signature does not match"))
    }

    @Test("verify on a records folder that does not exist exits 2, naming the folder and how to choose another")
    func missingFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-missing-\(UUID().uuidString)")
        let r = try Program.run(["transcripts", "verify", "--transcripts", folder.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("de verslagenmap \(folder.path) bestaat niet"), "\(r.stderr)")
        #expect(r.stderr.contains("--transcripts"))
        #expect(!r.stdout.contains("0 of 0"))
        // An empty folder that exists is not an error.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try Program.run(["transcripts", "verify", "--transcripts", folder.path])
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("0 van 0"))
    }
}

@Suite("The round trip check, with the record's tree built directly")
struct RoundTripTests {
    let record: AdviceRecord = {
        let kb = Shipped.knowledge
        let advice = try! Engine.advise(kb, facts: ["purpose": "objection", "request": "stop", "fee": "yes"], on: date("2026-11-29"))
        var record = AdviceRecord(id: "20261129-143012-a1b2c3", created: "2026-11-29T14:30:12+01:00", programVersion: "0.1.0",
                                  advice: advice, kb: kb, language: .nl, client: "Bakkerij Één", note: "zie \"offerte\" \\ 2")
        record.steps[0].note = "e\u{301} 👩🏽‍💻 \u{2028}"
        record.sha256 = RecordSeal.digest(ofFile: Data(record.prettyJSON().utf8)) ?? ""
        return record
    }()

    func edited(_ change: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(record.prettyJSON().utf8)) as? [String: Any])
        change(&object)
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test("a record with hostile text reads back as it was saved")
    func intact() throws {
        #expect(try RecordFile.read(Data(record.prettyJSON().utf8)) == record)
        #expect(try RecordFile.read(record.canonicalJSON()) == record)
    }

    @Test("a null for an absent optional, and unknown keys nested in the advice, a step or the program, are refused")
    func refused() throws {
        let forgeries: [(String, (inout [String: Any]) -> Void)] = [
            ("null", { $0["subject"] = NSNull() }),
            ("advice", { o in var a = o["advice"] as! [String: Any]; a["approvedBy"] = "Jurist"; o["advice"] = a }),
            ("step", { o in var s = o["steps"] as! [[String: Any]]; s[0]["override"] = "yes"; o["steps"] = s }),
            ("program", { o in var p = o["program"] as! [String: Any]; p["build"] = "x"; o["program"] = p }),
        ]
        for (label, forge) in forgeries {
            let json = try edited(forge)
            // Both a decoder that reads it and one that refuses it are fine; reading it as the record is not.
            if let read = try? JSONDecoder().decode(AdviceRecord.self, from: json) {
                #expect(throws: RecordFile.Failure.self, "\(label)") { try RecordFile.read(json) }
                _ = read
            }
        }
    }

    @Test("text changed to a canonically equivalent spelling (é for e and a combining accent) breaks the seal")
    func equivalentSpelling() throws {
        let json = try edited { o in var s = o["steps"] as! [[String: Any]]; s[0]["note"] = "\u{E9} 👩🏽‍💻 \u{2028}"; o["steps"] = s }
        let read = try RecordFile.read(json)
        let problems = RecordCheck.problems(json: json, markdown: RecordRenderer.markdown(read), expectedID: record.id)
        #expect(problems.contains { $0.contains("does not match its SHA-256 seal") }, "\(problems)")
    }
}
