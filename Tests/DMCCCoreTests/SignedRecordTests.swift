import DMCCCore
import Foundation
import Testing

/// The program run with its own environment: a private config folder (`DMCC_CONFIG`), so a test
/// never reads or writes the developer's real signing key.
enum TrustShell {
    static func run(_ arguments: [String], config: URL, environment extra: [String: String] = [:],
                    in directory: URL = Program.root) throws -> Program.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["DMCC_CONFIG"] = config.path
        environment["DMCC_TRANSCRIPTS"] = nil
        for (name, value) in extra { environment[name] = value }
        return try Program.run(arguments, in: directory, environment: environment)
    }

    /// A fresh scratch folder, removed by the caller.
    static func scratch(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A complete call advice (business calls its own customers) to save.
    static func customerCall(on date: String) -> [String] {
        ["advise", "--fact", "purpose=marketing-call", "--fact", "recipient=consumer", "--fact", "call-kind=marketing",
         "--fact", "objected=no", "--fact", "consent=no", "--fact", "sender=business", "--fact", "relationship=customer",
         "--fact", "obtained-in-sale=yes", "--fact", "same-entity=yes", "--fact", "informed-at-collection=yes",
         "--fact", "opt-out-offered=yes", "--fact", "similar-offer=yes", "--fact", "within-3-years=yes",
         "--fact", "call-method=live", "--date", date]
    }

    static func recordIDs(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }
}

@Suite("Signed records: the seal says what, the signature says who")
struct RecordSignatureTests {
    let kb = Shipped.knowledge

    func record() throws -> AdviceRecord {
        let facts = ["purpose": "objection", "request": "stop", "fee": "yes"]
        let advice = try Engine.advise(kb, facts: facts, on: date("2026-11-29"))
        return AdviceRecord(id: "20261129-143012-a1b2c3", created: "2026-11-29T14:30:12+01:00", programVersion: "0.1.0",
                            advice: advice, kb: kb, language: .nl, client: "Bakkerij Jansen", consultant: "Eva de Vries")
    }

    @Test("a record signed by a trusted key names its signer, and the signature leaves the seal as it was")
    func trustedSigner() throws {
        let key = SigningKey(name: "Eva de Vries")
        let plain = try record()
        let signed = try plain.signed(with: key)
        #expect(signed.sha256 == plain.sha256)
        let file = Data(signed.prettyJSON().utf8)
        #expect(RecordCheck.problems(json: file, markdown: RecordRenderer.markdown(signed), expectedID: signed.id).isEmpty)
        let trusted = try TrustedKeys.parse(key.trustedKeyLine + "\n", file: "trusted-keys").get()
        let read = try RecordFile.read(file)
        #expect(RecordSignature.status(of: read, trusting: trusted) == .trusted(name: "Eva de Vries"))
        #expect(RecordSignature.status(ofFile: file, trusting: trusted) == .trusted(name: "Eva de Vries"))
        #expect(RecordSignature.status(ofFile: Data(plain.prettyJSON().utf8), trusting: trusted) == .unsigned)
    }

    @Test("an unsigned record (as main wrote them) has no signature key in its file and is 'unsigned'")
    func unsigned() throws {
        let plain = try record()
        #expect(!plain.prettyJSON().contains("signature"))
        #expect(RecordSignature.status(of: plain, trusting: TrustedKeys()) == .unsigned)
    }

    @Test("a valid signature by a key the team does not trust is untrusted, with the key's fingerprint")
    func untrusted() throws {
        let stranger = SigningKey(name: "Mallory")
        let signed = try record().signed(with: stranger)
        let colleague = SigningKey(name: "Eva")
        let trusted = try TrustedKeys.parse(colleague.trustedKeyLine, file: "trusted-keys").get()
        let fingerprint = RecordSignature.fingerprint(of: stranger.publicKey)
        #expect(RecordSignature.status(of: signed, trusting: trusted) == .untrusted(fingerprint: fingerprint))
        #expect(fingerprint.count == 19 && fingerprint.split(separator: "-").count == 4)
    }

    @Test("a forger who edits the record and recomputes the SHA-256 is caught by the signature")
    func forgerRecomputesSeal() throws {
        let key = SigningKey(name: "Eva")
        let signed = try record().signed(with: key)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(signed.prettyJSON().utf8)) as? [String: Any])
        object["client"] = "Someone Else B.V."
        let edited = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        var forged = try JSONDecoder().decode(AdviceRecord.self, from: edited)
        forged.sha256 = try #require(RecordSeal.digest(ofFile: edited))
        let forgedFile = Data(forged.prettyJSON().utf8)
        // The seal is consistent again, so only the signature can tell.
        #expect(!RecordCheck.problems(json: forgedFile, markdown: RecordRenderer.markdown(forged), expectedID: forged.id)
            .contains { $0.contains("seal") })
        let trusted = try TrustedKeys.parse(key.trustedKeyLine, file: "trusted-keys").get()
        #expect(RecordSignature.status(of: try RecordFile.read(forgedFile), trusting: trusted) == .mismatch)
    }

    @Test("verify's words: signed by NAME and sealed, unsigned pass; untrusted, mismatch and (when required) unsigned fail")
    func verificationWords() throws {
        let key = SigningKey(name: "Eva de Vries"), stranger = SigningKey(name: "Mallory")
        let trusted = try TrustedKeys.parse(key.trustedKeyLine, file: "trusted-keys").get()
        let plain = Data(try record().prettyJSON().utf8)
        let signed = Data(try record().signed(with: key).prettyJSON().utf8)
        let foreign = Data(try record().signed(with: stranger).prettyJSON().utf8)
        #expect(RecordSignature.verification(ofFile: signed, trusting: trusted, requireSignature: true) == .ok("signed by Eva de Vries"))
        #expect(RecordSignature.verification(ofFile: plain, trusting: trusted, requireSignature: false) == .ok("sealed, unsigned"))
        #expect(RecordSignature.verification(ofFile: plain, trusting: trusted, requireSignature: true) == .fail("sealed, but not signed"))
        #expect(RecordSignature.verification(ofFile: foreign, trusting: trusted, requireSignature: false)
            == .fail("signed with a key that is not trusted (fingerprint \(RecordSignature.fingerprint(of: stranger.publicKey)))"))
        var moved = try record()
        moved.sha256 = String(repeating: "0", count: 64)
        moved.signature = try record().signed(with: key).signature
        #expect(RecordSignature.verification(ofFile: Data(moved.prettyJSON().utf8), trusting: trusted, requireSignature: false)
            == .fail("the signature does not match"))
    }

    @Test("a signature moved to another record does not match it")
    func movedSignature() throws {
        let key = SigningKey(name: "Eva")
        var other = try record()
        other.client = "Slagerij Pietersen"
        other.sha256 = RecordSeal.digest(ofFile: Data(other.prettyJSON().utf8)) ?? ""
        other.signature = try record().signed(with: key).signature
        let trusted = try TrustedKeys.parse(key.trustedKeyLine, file: "trusted-keys").get()
        #expect(RecordSignature.status(of: other, trusting: trusted) == .mismatch)
    }

    @Test("the trusted-keys file takes names with spaces and comments, and names each malformed line as file:line")
    func trustedKeysFile() throws {
        let a = SigningKey(name: "x"), b = SigningKey(name: "y")
        let good = "# team keys\n\nEva de Vries \(a.publicKey)\n  Jan \(b.publicKey)  \n"
        let keys = try TrustedKeys.parse(good, file: "Transcripts/trusted-keys").get()
        #expect(keys.entries.map(\.name) == ["Eva de Vries", "Jan"])
        #expect(keys.name(of: b.publicKey) == "Jan")
        let bad = "Eva \(a.publicKey)\nJan not-a-key\nlonely\n"
        let problems = try #require(TrustedKeys.parse(bad, file: "Transcripts/trusted-keys").failure)
        #expect(problems.problems.map(\.description).map { String($0.prefix(27)) } == ["Transcripts/trusted-keys:2:", "Transcripts/trusted-keys:3:"])
    }

    @Test("a damaged key file is an error that names the line, never 'no key'")
    func damagedKeyFile() throws {
        let key = SigningKey(name: "Eva de Vries")
        let parsed = try SigningKey.parse(key.fileText)
        #expect(parsed.publicKey == key.publicKey && parsed.name == "Eva de Vries")
        #expect(throws: SigningKey.Damaged.self) { try SigningKey.parse(key.fileText.replacingOccurrences(of: "private-key ", with: "private-key x")) }
        let damaged = #expect(throws: SigningKey.Damaged.self) {
            try SigningKey.parse(key.fileText.replacingOccurrences(of: "name ", with: "nmae "))
        }
        #expect(damaged?.line == 2 && damaged?.reason == "unknown field 'nmae'")
        #expect(damaged?.text.text(.nl) == "regel 2: onbekend veld 'nmae'")
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}

@Suite("keys and signed saves on the command line")
struct SigningCommandTests {
    let config = TrustShell.scratch("config")
    let records = TrustShell.scratch("records")

    func cleanUp() {
        try? FileManager.default.removeItem(at: config)
        try? FileManager.default.removeItem(at: records)
    }

    func save(_ extra: [String] = []) throws -> Program.Result {
        try TrustShell.run(TrustShell.customerCall(on: "2026-05-15") + ["--save", "--transcripts", records.path] + extra, config: config)
    }

    @Test("keys init writes a 0600 key in a 0700 folder, prints the public key line, and never overwrites without --force")
    func keysInit() throws {
        defer { cleanUp() }
        let folder = config.appendingPathComponent("dmcc")
        let made = try TrustShell.run(["keys", "init", "--name", "Eva de Vries"], config: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let line = made.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("Eva de Vries ") && line.count == "Eva de Vries ".count + 44)
        let file = folder.appendingPathComponent("signing-key")
        #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int) == 0o700)
        let shown = try TrustShell.run(["keys", "show"], config: folder)
        #expect(shown.stdout == made.stdout)
        let again = try TrustShell.run(["keys", "init", "--name", "Eva"], config: folder)
        #expect(again.status == 2)
        #expect(again.stderr.contains("bestaat al een ondertekeningssleutel"), "\(again.stderr)")
        #expect(try TrustShell.run(["keys", "show"], config: folder).stdout == made.stdout)
        let forced = try TrustShell.run(["keys", "init", "--name", "Eva", "--force"], config: folder)
        #expect(forced.status == 0 && forced.stdout != made.stdout)
    }

    @Test("a save signs the record and says who signed; verify names the trusted signer")
    func signedSave() throws {
        defer { cleanUp() }
        let line = try TrustShell.run(["keys", "init", "--name", "Eva de Vries"], config: config).stdout
        let key = try #require(line.split(separator: " ").last).trimmingCharacters(in: .newlines)
        let saved = try save(["--client", "Bakkerij Jansen"])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stderr.contains("ondertekend door Eva de Vries (sleutel "))
        let id = try #require(TrustShell.recordIDs(in: records).first)
        // Not trusted yet: a FAIL with the fingerprint, exit 1.
        let before = try TrustShell.run(["transcripts", "verify", "--transcripts", records.path], config: config)
        #expect(before.status == 1)
        #expect(before.stdout.contains("FAIL \(id): ondertekend met een sleutel die niet vertrouwd wordt (vingerafdruk "))
        let trust = try TrustShell.run(["keys", "trust", "--name", "Eva de Vries", key, "--transcripts", records.path], config: config)
        #expect(trust.status == 0, "\(trust.stderr)")
        let after = try TrustShell.run(["transcripts", "verify", "--transcripts", records.path], config: config)
        #expect(after.status == 0, "\(after.stdout)")
        #expect(after.stdout.contains("ok   \(id)  ondertekend door Eva de Vries"))
    }

    @Test("a save with a key the records folder does not trust yet says so, and how to trust it")
    func untrustedOwnKeyIsNamed() throws {
        defer { cleanUp() }
        let line = try TrustShell.run(["keys", "init", "--name", "Eva de Vries"], config: config).stdout
        let key = try #require(line.split(separator: " ").last).trimmingCharacters(in: .newlines)
        let first = try save()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("uw sleutel staat nog niet in"), "\(first.stderr)")
        #expect(first.stderr.contains("keys trust --name 'Eva de Vries' \(key)"))
        _ = try TrustShell.run(["keys", "trust", "--name", "Eva de Vries", key, "--transcripts", records.path], config: config)
        let second = try save()
        #expect(second.status == 0)
        #expect(!second.stderr.contains("uw sleutel staat nog niet in"), "\(second.stderr)")
    }

    @Test("verify catches a forger who edits a signed record and recomputes its SHA-256")
    func forgedOnDisk() throws {
        defer { cleanUp() }
        let line = try TrustShell.run(["keys", "init", "--name", "Eva"], config: config).stdout
        let key = try #require(line.split(separator: " ").last).trimmingCharacters(in: .newlines)
        _ = try TrustShell.run(["keys", "trust", "--name", "Eva", key, "--transcripts", records.path], config: config)
        #expect(try save().status == 0)
        let id = try #require(TrustShell.recordIDs(in: records).first)
        let url = records.appendingPathComponent("\(id).json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var advice = try #require(object["advice"] as? [String: Any])
        advice["verdict"] = "allowed"
        object["advice"] = advice
        object["sha256"] = RecordSeal.digest(ofFile: try JSONSerialization.data(withJSONObject: object))
        let forged = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try forged.write(to: url)
        // A careful forger rewrites the Markdown copy too, so that the seal and the copy both agree.
        try RecordRenderer.markdown(try RecordFile.read(forged)).write(to: records.appendingPathComponent("\(id).md"), atomically: true, encoding: .utf8)
        let verify = try TrustShell.run(["transcripts", "verify", "--transcripts", records.path], config: config)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("FAIL \(id): de handtekening klopt niet"))
    }

    @Test("without a key records are saved as before and verify as sealed, unsigned; --require-signature fails them")
    func unsignedSave() throws {
        defer { cleanUp() }
        let saved = try save()
        #expect(saved.status == 0)
        #expect(!saved.stderr.contains("ondertekend door") && !saved.stderr.contains("signed by"))
        let id = try #require(TrustShell.recordIDs(in: records).first)
        let verify = try TrustShell.run(["transcripts", "verify", "--transcripts", records.path], config: config)
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("ok   \(id)  verzegeld, niet ondertekend"))
        let strict = try TrustShell.run(["transcripts", "verify", "--require-signature", "--transcripts", records.path], config: config)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("FAIL \(id): verzegeld, maar niet ondertekend"))
    }

    @Test("a damaged key file refuses the save with the reason (never silently unsigned) and saves nothing")
    func damagedKeyRefusesSave() throws {
        defer { cleanUp() }
        _ = try TrustShell.run(["keys", "init", "--name", "Eva"], config: config)
        try "name Eva\nprivate-key AAAA\n".write(to: config.appendingPathComponent("signing-key"), atomically: true, encoding: .utf8)
        let saved = try save()
        #expect(saved.status == 5)
        #expect(saved.stderr.contains("signing-key is beschadigd ("), "\(saved.stderr)")
        #expect(saved.stderr.contains("de privésleutel is geen 32 bytes in base64"), "\(saved.stderr)")
        #expect(saved.stderr.contains("er is niets opgeslagen"), "\(saved.stderr)")
        #expect(TrustShell.recordIDs(in: records).isEmpty)
    }

    @Test("a save warns when others may read the private key")
    func exposedKey() throws {
        defer { cleanUp() }
        _ = try TrustShell.run(["keys", "init", "--name", "Eva"], config: config)
        #expect(!(try save().stderr.contains("leesbaar voor anderen")))
        chmod(config.appendingPathComponent("signing-key").path, 0o644)
        let saved = try save()
        #expect(saved.status == 0)
        #expect(saved.stderr.contains("signing-key is leesbaar voor anderen (modus 644)"), "\(saved.stderr)")
    }

    @Test("a malformed trusted-keys line is reported as file:line and verify exits 2")
    func malformedTrustedKeys() throws {
        defer { cleanUp() }
        #expect(try save().status == 0)
        try "# team\nEva notakey\n".write(to: records.appendingPathComponent("trusted-keys"), atomically: true, encoding: .utf8)
        let verify = try TrustShell.run(["transcripts", "verify", "--transcripts", records.path], config: config)
        #expect(verify.status == 2)
        #expect(verify.stderr.contains("\(records.path)/trusted-keys:2: 'notakey' is geen publieke sleutel"), "\(verify.stderr)")
    }

    @Test("a record written by main before signing still lists, shows and verifies as sealed, unsigned")
    func mainRecordFixture() throws {
        defer { cleanUp() }
        let fixtures = Program.root.appendingPathComponent("Tests/Fixtures/Records")
        let id = "20261129-154623-dd73ec"
        for ext in ["json", "md"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("\(id).\(ext)"), to: records.appendingPathComponent("\(id).\(ext)"))
        }
        let verify = try TrustShell.run(["transcripts", "verify", "--transcripts", records.path], config: config)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("ok   \(id)  verzegeld, niet ondertekend"))
        let list = try TrustShell.run(["transcripts", "list", "--transcripts", records.path], config: config)
        #expect(list.stdout.contains(id) && list.stdout.contains("Bakkerij Jansen"))
        let show = try TrustShell.run(["transcripts", "show", id, "--transcripts", records.path], config: config)
        #expect(show.status == 0 && show.stdout.contains("Bakkerij Jansen"))
    }
}
