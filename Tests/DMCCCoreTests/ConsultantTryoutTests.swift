import DMCCCore
import Foundation
import Testing

/// Defects a consultant found trying the program out: resolving a record twice, showing a forged
/// record, a conclusion lost on resolve, an empty `--client` filter and a `--fact` without its value.
@Suite("A consultant's tryout")
struct ConsultantTryoutTests {
    let config = TrustShell.scratch("tryout-config")
    let records = TrustShell.scratch("tryout-records")

    func cleanUp() {
        try? FileManager.default.removeItem(at: config)
        try? FileManager.default.removeItem(at: records)
    }

    func run(_ arguments: [String]) throws -> Program.Result {
        try TrustShell.run(arguments + ["--transcripts", records.path], config: config)
    }

    func ids() -> [String] { TrustShell.recordIDs(in: records) }

    func json(_ id: String) throws -> [String: Any] {
        let data = try Data(contentsOf: records.appendingPathComponent(id + ".json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A call to a consumer with `unknown` for the facts given: conditional advice, saved with open points.
    func saveOpen(unknown: [String], conclusion: String? = nil) throws -> String {
        var facts = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing", "objected": "no",
                     "consent": "no", "sender": "business"]
        for fact in unknown { facts[fact] = "unknown" }
        var arguments = ["advise", "--date", "2026-11-29", "--save"]
        for (name, value) in facts.sorted(by: { $0.key < $1.key }) { arguments += ["--fact", "\(name)=\(value)"] }
        if let conclusion { arguments += ["--conclusion", conclusion] }
        let before = Set(ids())
        let r = try run(arguments)
        #expect(r.status == 6, "\(r.stderr)")
        return try #require(ids().first { !before.contains($0) })
    }

    func newest(after known: [String]) throws -> String { try #require(ids().first { !known.contains($0) }) }

    /// A saved definite record and its id.
    func saveDefinite() throws -> String {
        let r = try TrustShell.run(TrustShell.customerCall(on: "2026-05-15") + ["--save", "--client", "Acme", "--transcripts", records.path], config: config)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(ids().first)
    }

    // MARK: 1. resolve refuses a superseded record

    @Test("resolving a record that is already superseded is refused (exit 2), naming who superseded it; nothing is saved")
    func resolveTwice() throws {
        defer { cleanUp() }
        let a = try saveOpen(unknown: ["consent"])
        let first = try run(["transcripts", "resolve", a, "--fact", "consent=no"])
        #expect(first.status == 0, "\(first.stderr)")
        let b = try newest(after: [a])
        let again = try run(["transcripts", "resolve", a, "--fact", "consent=yes"])
        #expect(again.status == 2, "\(again.stdout)\(again.stderr)")
        #expect(again.stderr.contains("verslag \(a) is al vervangen door \(b)"), "\(again.stderr)")
        #expect(again.stderr.contains("transcripts resolve \(b)"), "\(again.stderr)")
        #expect(again.stdout.isEmpty)
        #expect(ids() == [a, b].sorted(), "no second record that supersedes \(a)")
        let list = try run(["transcripts", "list"])
        #expect(list.stdout.contains(b) && !list.stdout.contains(a), "one current record: \(list.stdout)")
    }

    @Test("the refusal names the latest of the chain to resolve instead; resolving the latest works")
    func resolveChain() throws {
        defer { cleanUp() }
        let a = try saveOpen(unknown: ["objected", "consent"])
        let toB = try run(["transcripts", "resolve", a, "--fact", "objected=no"])
        #expect(toB.status == 6, "\(toB.stderr)")
        let b = try newest(after: [a])
        let toC = try run(["transcripts", "resolve", b, "--fact", "consent=no"])
        #expect(toC.status == 0, "\(toC.stderr)")
        let c = try newest(after: [a, b])
        let old = try run(["transcripts", "resolve", a, "--fact", "consent=no"])
        #expect(old.status == 2)
        #expect(old.stderr.contains("al vervangen door \(b)") && old.stderr.contains("transcripts resolve \(c)"), "\(old.stderr)")
        #expect(!old.stderr.contains("transcripts resolve \(b)"), "\(b) is not the latest: \(old.stderr)")
        let middle = try run(["transcripts", "resolve", b, "--fact", "consent=yes"])
        #expect(middle.status == 2 && middle.stderr.contains("al vervangen door \(c)"), "\(middle.stderr)")
        #expect(ids().count == 3)
    }

    // MARK: 2. show checks the record as verify does

    @Test("show of a record whose seal is broken: html and pdf refuse and write nothing; markdown, text and json warn and exit 1")
    func showTampered() throws {
        defer { cleanUp() }
        let id = try saveDefinite()
        let letter = records.appendingPathComponent("letter.html").path
        let fine = try run(["transcripts", "show", id, "--format", "html", "--output", letter])
        #expect(fine.status == 0, "a sealed, unsigned record is fine: \(fine.stderr)")
        #expect(try run(["transcripts", "show", id]).status == 0)
        try FileManager.default.removeItem(atPath: letter)

        let url = records.appendingPathComponent("\(id).json")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\"Acme\""))
        try text.replacingOccurrences(of: "\"Acme\"", with: "\"Acme Holding\"").write(to: url, atomically: true, encoding: .utf8)
        #expect(try run(["transcripts", "verify", id]).status == 1)

        for format in ["html", "pdf"] {
            let target = records.appendingPathComponent("letter.\(format)").path
            let r = try run(["transcripts", "show", id, "--format", format, "--output", target])
            #expect(r.status == 1, "\(format): \(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("niet door de controle gekomen") && r.stderr.contains("SHA-256-zegel"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: target), "no \(format) letter of a tampered record")
        }
        let html = try run(["transcripts", "show", id, "--format", "html"])
        #expect(html.status == 1 && html.stdout.isEmpty, "not to standard output either")
        for format in ["markdown", "text", "json"] {
            let r = try run(["transcripts", "show", id, "--format", format])
            #expect(r.status == 1, "\(format)")
            #expect(r.stderr.contains("WAARSCHUWING: verslag \(id) is niet door de controle gekomen") && r.stderr.contains("SHA-256-zegel"), "\(r.stderr)")
            #expect(r.stdout.contains(id), "still printed: \(r.stdout)")
        }
    }

    @Test("show of a signed record: an untrusted key or a forged signature refuses the letter; a trusted signer is fine")
    func showSigned() throws {
        defer { cleanUp() }
        let line = try TrustShell.run(["keys", "init", "--name", "Eva"], config: config).stdout
        let key = try #require(line.split(separator: " ").last).trimmingCharacters(in: .newlines)
        let id = try saveDefinite()
        let untrusted = try run(["transcripts", "show", id, "--format", "html"])
        #expect(untrusted.status == 1 && untrusted.stdout.isEmpty)
        #expect(untrusted.stderr.contains("ondertekend met een sleutel die niet vertrouwd wordt"), "\(untrusted.stderr)")
        #expect(try run(["keys", "trust", "--name", "Eva", key]).status == 0)
        let trusted = try run(["transcripts", "show", id, "--format", "html"])
        #expect(trusted.status == 0 && trusted.stdout.contains("<html"), "\(trusted.stderr)")

        // A forger edits the verdict and recomputes the seal: only the signature gives it away.
        let url = records.appendingPathComponent("\(id).json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var advice = try #require(object["advice"] as? [String: Any])
        advice["verdict"] = advice["verdict"] as? String == "allowed" ? "not-allowed" : "allowed"
        object["advice"] = advice
        object["sha256"] = RecordSeal.digest(ofFile: try JSONSerialization.data(withJSONObject: object))
        let forged = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try forged.write(to: url)
        try RecordRenderer.markdown(try RecordFile.read(forged)).write(to: records.appendingPathComponent("\(id).md"), atomically: true, encoding: .utf8)
        let letter = try run(["transcripts", "show", id, "--format", "html"])
        #expect(letter.status == 1 && letter.stdout.isEmpty)
        #expect(letter.stderr.contains("de handtekening klopt niet"), "\(letter.stderr)")
        let markdown = try run(["transcripts", "show", id])
        #expect(markdown.status == 1 && markdown.stderr.contains("WAARSCHUWING") && !markdown.stdout.isEmpty)
    }

    // MARK: 3. resolve and the conclusion

    @Test("resolve says the old conclusion was not carried over, and --conclusion gives the new record its own")
    func resolveConclusion() throws {
        defer { cleanUp() }
        let a = try saveOpen(unknown: ["objected", "consent"], conclusion: "Eerst bewijs")
        let toB = try run(["transcripts", "resolve", a, "--fact", "objected=no"])
        #expect(toB.status == 6)
        #expect(toB.stderr.contains("de conclusie van \(a) is niet overgenomen") && toB.stderr.contains("--conclusion"), "\(toB.stderr)")
        let b = try newest(after: [a])
        #expect(try json(b)["conclusion"] == nil)
        let toC = try run(["transcripts", "resolve", b, "--fact", "consent=no", "--conclusion", "Niet bellen"])
        #expect(toC.status == 0, "\(toC.stderr)")
        #expect(!toC.stderr.contains("niet overgenomen"))
        let c = try newest(after: [a, b])
        #expect(try json(c)["conclusion"] as? String == "Niet bellen")
        #expect(try run(["transcripts", "verify", c]).status == 0)
    }

    // MARK: 4. empty filter and a fact without its value

    @Test("list --client with an empty text is refused (exit 2) with the reason")
    func emptyClientFilter() throws {
        defer { cleanUp() }
        _ = try saveDefinite()
        for empty in ["", " "] {
            let r = try run(["transcripts", "list", "--client", empty])
            #expect(r.status == 2, "\(r.stdout)")
            #expect(r.stderr.contains("--client is leeg"), "\(r.stderr)")
            #expect(!r.stdout.contains("0 verslag"))
        }
    }

    @Test("a --fact without its value names the fact and lists its values")
    func factWithoutValue() throws {
        let kb = Shipped.knowledge
        #expect(throws: AdviceError.missingValue(fact: "opt-out-offered", valid: ["yes", "no"])) {
            try Engine.facts(from: ["opt-out-offered="], in: kb)
        }
        #expect(throws: AdviceError.unknownFact("nonsense", valid: kb.facts.map(\.id))) { try Engine.facts(from: ["nonsense="], in: kb) }
        let r = try Program.run(["advise", "--fact", "purpose=marketing-call", "--fact", "opt-out-offered="])
        #expect(r.status == 2)
        #expect(r.stderr.contains("feit 'opt-out-offered' heeft geen waarde; schrijf het als opt-out-offered=WAARDE met een van: yes, no"), "\(r.stderr)")
        #expect(!r.stderr.contains("is geen feit"))
        let english = try Program.run(["advise", "--lang", "en", "--fact", "purpose=marketing-call", "--fact", "opt-out-offered="])
        #expect(english.status == 2)
        #expect(english.stderr.contains("fact 'opt-out-offered' has no value; write it as opt-out-offered=VALUE with one of: yes, no"), "\(english.stderr)")
        #expect(!english.stderr.contains("is not a fact"))
    }
}
