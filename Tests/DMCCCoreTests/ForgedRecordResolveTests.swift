import DMCCCore
import Foundation
import Testing

/// `resolve` saves new, sealed (and signed) advice from an old record, and `replay` vouches that a
/// record's advice still holds: neither may build on a record that fails verification, or a forged
/// record would come out as a genuine one (a tryout found `resolve` doing exactly that).
@Suite("resolve and replay refuse a record that fails verification")
struct ForgedRecordResolveTests {
    let config = TrustShell.scratch("forged-config")
    let records = TrustShell.scratch("forged-records")

    func cleanUp() {
        try? FileManager.default.removeItem(at: config)
        try? FileManager.default.removeItem(at: records)
    }

    func run(_ arguments: [String]) throws -> Program.Result {
        try TrustShell.run(arguments + ["--transcripts", records.path], config: config)
    }

    /// A call saved with `consent=unknown` for client "Klant C": a record with an open point.
    func saveOpen() throws -> String {
        let facts = ["purpose=marketing-call", "recipient=consumer", "call-kind=marketing", "objected=no", "consent=unknown", "sender=business"]
        let r = try run(["advise", "--date", "2026-11-29", "--save", "--client", "Klant C"] + facts.flatMap { ["--fact", $0] })
        #expect(r.status == 6, "\(r.stderr)")
        return try #require(TrustShell.recordIDs(in: records).first)
    }

    func forge(_ id: String) throws {
        let url = records.appendingPathComponent("\(id).json")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("Klant C"))
        try text.replacingOccurrences(of: "Klant C", with: "Klant Q").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test("resolve refuses a hand-edited record with the reasons, exit 1, and saves nothing",
          arguments: [(nil as String?, "is niet door de controle gekomen, dus 'transcripts resolve' bouwt er niet op voort"),
                      ("en", "failed verification, so 'transcripts resolve' does not build on it")])
    func resolveRefusesForgery(_ language: String?, _ expected: String) throws {
        defer { cleanUp() }
        _ = try TrustShell.run(["keys", "init", "--name", "Eva"], config: config)
        let id = try saveOpen()
        try forge(id)
        let r = try run(["transcripts", "resolve", id, "--fact", "consent=yes"] + (language.map { ["--lang", $0] } ?? []))
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        #expect(r.stderr.contains("transcripts verify \(id)"), "\(r.stderr)")
        #expect(TrustShell.recordIDs(in: records) == [id], "nothing new was saved")
    }

    @Test("the same record, not edited, still resolves into a new record")
    func genuineRecordResolves() throws {
        defer { cleanUp() }
        let id = try saveOpen()
        let r = try run(["transcripts", "resolve", id, "--fact", "consent=yes"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(TrustShell.recordIDs(in: records).count == 2)
    }

    @Test("replay refuses a hand-edited record rather than say its advice still holds")
    func replayRefusesForgery() throws {
        defer { cleanUp() }
        let id = try saveOpen()
        #expect(try run(["transcripts", "replay", id]).status == 0)
        try forge(id)
        let r = try run(["transcripts", "replay", id])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("'transcripts replay' bouwt er niet op voort"), "\(r.stderr)")
        #expect(!r.stdout.contains(id), "no verdict on the forged record: \(r.stdout)")
    }
}

@Suite("verify of a record id that is not there")
struct VerifyUnknownIDTests {
    @Test("an id with no record is bad input (exit 2) and says so, as show, replay and resolve do",
          arguments: [(nil as String?, "geen verslag '20261129-000000-000000' in "), ("en", "no record '20261129-000000-000000' in ")])
    func unknownID(_ language: String?, _ expected: String) throws {
        let records = TrustShell.scratch("verify-unknown")
        defer { try? FileManager.default.removeItem(at: records) }
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        let r = try Program.run(["transcripts", "verify", "20261129-000000-000000", "--transcripts", records.path]
                                + (language.map { ["--lang", $0] } ?? []))
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let show = try Program.run(["transcripts", "show", "20261129-000000-000000", "--transcripts", records.path])
        #expect(show.status == 2)
    }
}
