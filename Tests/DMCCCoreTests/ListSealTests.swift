import DMCCCore
import Foundation
import Testing

/// A tryout (29 November 2026): a record whose client was changed by hand in its JSON ("Acme" to
/// "Acme BV") was listed like any other; only `verify` and `show --format html` caught it.
@Suite("list marks a record whose seal no longer matches")
struct ListSealTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-listseal-\(UUID().uuidString)")
    let objection = ["--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"]

    func records() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") })
    }

    /// Saves a record and returns its id (the one new file: two saves in one second do not sort by time).
    func save(client: String) throws -> String {
        let before = records()
        let r = try Program.run(["advise"] + objection + ["--save", "--transcripts", folder.path, "--client", client])
        #expect(r.status == 0, "\(r.stderr)")
        let added = records().subtracting(before)
        #expect(added.count == 1)
        return try #require(added.first.map { String($0.dropLast(5)) })
    }

    func list(_ extra: [String] = []) throws -> Program.Result {
        try Program.run(["transcripts", "list", "--transcripts", folder.path] + extra)
    }

    @Test("an edited record gets '!' and the legend, in text, JSON and CSV; an untouched one does not; the index keeps it")
    func editedRecordMarked() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = try save(client: "Bakkerij")
        let edited = try save(client: "Acme")
        // A first listing builds the index with both seals holding.
        #expect(!(try list().stdout.contains("!")))
        let file = folder.appendingPathComponent("\(edited).json")
        let json = try String(contentsOf: file, encoding: .utf8)
        try Data(json.replacingOccurrences(of: "\"Acme\"", with: "\"Acme BV\"").utf8).write(to: file)

        for _ in 0..<2 {  // once reading the changed file, once from the index
            let text = try list()
            let lines = text.stdout.split(separator: "\n").map(String.init)
            let editedLine = try #require(lines.first { $0.hasPrefix(edited) })
            let keptLine = try #require(lines.first { $0.hasPrefix(kept) })
            #expect(editedLine.hasSuffix("!"), "\(text.stdout)")
            #expect(editedLine.contains("Acme BV"))
            #expect(!keptLine.contains("!"))
            #expect(text.stdout.contains("!  het zegel klopt niet"), "\(text.stdout)")
        }
        let english = try list(["--lang", "en"]).stdout
        #expect(english.contains("!  the seal does not match"))
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(try list(["--format", "json"]).stdout.utf8)) as? [[String: Any]])
        #expect(objects.first { $0["id"] as? String == edited }?["seal-broken"] as? Bool == true)
        #expect(objects.first { $0["id"] as? String == kept }?["seal-broken"] as? Bool == false)
        let csv = try list(["--format", "csv"]).stdout
        #expect(csv.hasPrefix(RecordListing.fields.joined(separator: ",")), "\(csv.prefix(300))")
        #expect(RecordListing.fields.last == "seal-broken")
    }
}
