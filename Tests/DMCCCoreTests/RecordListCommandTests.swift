import DMCCCore
import Foundation
import Testing

/// `transcripts list` run as a process: formats, filters, chains, a missing folder, and the index
/// (`.index`) that must never show a record that is not there or hide one that is.
@Suite("transcripts list on disk")
struct RecordListCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-list-\(UUID().uuidString)")
    let feeForObjection = ["--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"]

    var index: URL { folder.appendingPathComponent(".index") }

    func save(client: String) throws {
        let r = try Program.run(["advise"] + feeForObjection + ["--save", "--transcripts", folder.path, "--client", client])
        #expect(r.status == 0, "\(r.stderr)")
    }

    func list(_ extra: [String] = []) throws -> Program.Result {
        try Program.run(["transcripts", "list", "--transcripts", folder.path] + extra)
    }

    func ids() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Writes a record as a save would (JSON and its Markdown copy), for chains that `advise` cannot make.
    func write(_ id: String, client: String, supersedes: String? = nil) throws {
        let kb = Shipped.knowledge
        let advice = try Engine.advise(kb, facts: ["purpose": "objection", "request": "stop", "fee": "yes"], on: date("2026-11-29"))
        // Made at the time its id says.
        let created = "\(id.prefix(4))-\(id.dropFirst(4).prefix(2))-\(id.dropFirst(6).prefix(2))T\(id.dropFirst(9).prefix(2)):00:00+01:00"
        let record = AdviceRecord(id: id, created: created, programVersion: "0.1.0",
                                  advice: advice, kb: kb, language: .nl, client: client, supersedes: supersedes)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(RecordRenderer.markdown(record).utf8).write(to: folder.appendingPathComponent("\(id).md"))
        try Data(record.prettyJSON().utf8).write(to: folder.appendingPathComponent("\(id).json"))
    }

    func inode(_ url: URL) -> UInt64? {
        var info = stat()
        return stat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// Saved records a moment before the listing, so their stamps are older than the index.
    func settle() { usleep(100_000) }

    // MARK: The folder

    @Test("a records folder that does not exist is an error that names it and how to choose another")
    func missingFolder() throws {
        let r = try list()
        #expect(r.status == 2)
        #expect(r.stderr.contains("de verslagenmap \(folder.path) bestaat niet"), "\(r.stderr)")
        #expect(r.stderr.contains("--transcripts"))
        #expect(!r.stdout.contains("0 "))
    }

    @Test("an empty folder lists no records, in the header's language")
    func emptyFolder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let nl = try list()
        #expect(nl.status == 0)
        #expect(nl.stdout.hasPrefix("ID  GEMAAKT  ACTIEDATUM"))
        #expect(nl.stdout.contains("0 verslag(en) in"))
        let en = try list(["--lang", "en"])
        #expect(en.stdout.hasPrefix("ID  CREATED  ACTION DATE"))
        #expect(en.stdout.contains("0 record(s) in"))
    }

    // MARK: Columns, filters and formats

    @Test("the table shows the action date and the verdict in words; --verdict takes an id or words")
    func verdictInWords() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try save(client: "Bakkerij Jansen")
        let nl = try list()
        #expect(nl.stdout.contains("OORDEEL"))
        #expect(nl.stdout.contains("2026-11-29  Bakkerij Jansen  -           objection  Niet toegestaan"), "\(nl.stdout)")
        #expect(try list(["--lang", "en"]).stdout.contains("Not allowed"))
        #expect(try list(["--verdict", "not-allowed"]).stdout.contains("Bakkerij Jansen"))
        #expect(try list(["--verdict", "niet toegestaan"]).stdout.contains("Bakkerij Jansen"))
        #expect(!(try list(["--verdict", "allowed"]).stdout.contains("Bakkerij Jansen")))
    }

    @Test("an unknown verdict exits 2 and lists the valid ones")
    func unknownVerdict() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let r = try list(["--verdict", "maybe"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("onbekend oordeel 'maybe'; gebruik een van: allowed (Toegestaan / Allowed), allowed-if"), "\(r.stderr)")
        #expect(r.stderr.contains("not-allowed (Niet toegestaan / Not allowed)"))
    }

    @Test("--format json and csv carry every record with the raw verdict id and its words")
    func machineFormats() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try save(client: "Jansen, Bakkerij")
        try save(client: "Pietersen")
        let json = try list(["--format", "json", "--lang", "en"])
        #expect(json.status == 0)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(objects.allSatisfy { $0["verdict"] as? String == "not-allowed" && $0["verdict-label"] as? String == "Not allowed" })
        #expect(Set(objects.compactMap { $0["client"] as? String }) == ["Jansen, Bakkerij", "Pietersen"])
        let csv = try list(["--format", "csv", "--client", "jansen"])
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.count == 3, "\(csv.stdout)")
        #expect(lines[0].hasPrefix("id,created,action-date,client,"))
        #expect(lines[1].contains(",\"Jansen, Bakkerij\",") && lines[1].contains(",not-allowed,Niet toegestaan,"))
    }

    @Test("--since compares the date a record was made")
    func since() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("20261128-100000-00000a", client: "Eerder")
        try write("20261129-100000-00000b", client: "Later")
        let r = try list(["--since", "2026-11-29"])
        #expect(r.stdout.contains("Later") && !r.stdout.contains("Eerder"))
        #expect(try list(["--since", "2026-11-30"]).stdout.contains("0 verslag(en)"))
        #expect(try list(["--since", "29-11-2026"]).status == 2)
    }

    // MARK: Chains

    @Test("list shows the latest of a chain with its earlier versions counted; --all shows and marks every record")
    func chains() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("20261129-100000-00000a", client: "Versie een")
        try write("20261129-110000-00000b", client: "Versie twee", supersedes: "20261129-100000-00000a")
        try write("20261129-120000-00000c", client: "Los")
        let latest = try list()
        #expect(latest.stdout.contains("Versie twee") && latest.stdout.contains("Los"))
        #expect(!latest.stdout.contains("Versie een"))
        #expect(latest.stdout.split(separator: "\n").contains { $0.contains("Versie twee") && $0.hasSuffix("+1") })
        #expect(latest.stdout.contains("2 verslag(en) in \(folder.path); 1 eerdere versie(s) niet getoond (--all)"))
        let all = try list(["--all"])
        #expect(all.stdout.contains("Versie een"))
        #expect(all.stdout.contains("vervangen door 20261129-110000-00000b"))
        #expect(all.stdout.contains("3 verslag(en)"))
    }

    @Test("a chain that loops or names a missing record hides nothing and ends")
    func brokenChains() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("20261129-100000-00000a", client: "Lus A", supersedes: "20261129-110000-00000b")
        try write("20261129-110000-00000b", client: "Lus B", supersedes: "20261129-100000-00000a")
        try write("20261129-120000-00000c", client: "Wees", supersedes: "20261101-090000-0000ff")
        let r = try list()
        #expect(r.status == 0)
        for client in ["Lus A", "Lus B", "Wees"] { #expect(r.stdout.contains(client), "\(client)") }
        #expect(r.stdout.contains(" lus") && r.stdout.contains("vervangt ontbrekend 20261101-090000-0000ff"))
    }

    // MARK: The index

    @Test("a second listing of an unchanged folder uses the index as it is, and shows the same")
    func indexHit() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try save(client: "Jansen")
        try save(client: "Pieter")
        settle()
        let first = try list()
        let written = try #require(inode(index), "the first listing writes the index")
        let text = try String(contentsOf: index, encoding: .utf8)
        #expect(text.hasPrefix(RecordIndex.header))
        let second = try list()
        #expect(second.stdout == first.stdout)
        #expect(inode(index) == written, "nothing changed, so the index is not rewritten")
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasPrefix(".tmp") }))
    }

    @Test("a record edited in place to the same size, with its modification time put back, is read again")
    func editedSameSize() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try save(client: "Jansen")
        settle()
        _ = try list()
        let id = try #require(ids().first)
        let file = folder.appendingPathComponent("\(id).json")
        var before = stat()
        stat(file.path, &before)
        let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "Jansen", with: "Jonsen")
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: Data(edited.utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
        var after = stat()
        stat(file.path, &after)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        let r = try list()
        #expect(r.stdout.contains("Jonsen") && !r.stdout.contains("Jansen"), "\(r.stdout)")
    }

    @Test("a record replaced by another of the same size is shown as it is now")
    func replacedSameSize() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try save(client: "Jansen")
        try save(client: "Pieter")
        settle()
        _ = try list()
        let all = ids()
        let files = all.map { folder.appendingPathComponent("\($0).json") }
        let (jansen, pieter) = try String(contentsOf: files[0], encoding: .utf8).contains("Jansen") ? (files[0], files[1]) : (files[1], files[0])
        var original = stat(), other = stat()
        stat(jansen.path, &original)
        stat(pieter.path, &other)
        #expect(original.st_size == other.st_size)
        // Pieter's record, with its size, put in place of Jansen's file with Jansen's times.
        let copy = folder.appendingPathComponent("copy.tmp")
        try FileManager.default.copyItem(at: pieter, to: copy)
        var times = [original.st_atim, original.st_mtim]
        utimensat(AT_FDCWD, copy.path, &times, 0)
        #expect(rename(copy.path, jansen.path) == 0)
        let r = try list()
        #expect(!r.stdout.contains("Jansen"), "\(r.stdout)")
        #expect(r.stdout.components(separatedBy: "Pieter").count == 3, "both files now hold Pieter's record")
    }

    @Test("an added record is listed and a removed one is not, with an index from before")
    func addedAndRemoved() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try save(client: "Jansen")
        try save(client: "Pieter")
        settle()
        _ = try list()
        let gone = try #require(ids().first)
        let goneClient = try String(contentsOf: folder.appendingPathComponent("\(gone).json"), encoding: .utf8).contains("Jansen") ? "Jansen" : "Pieter"
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(gone).json"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(gone).md"))
        try save(client: "Nieuw")
        let r = try list()
        #expect(r.stdout.contains("Nieuw"))
        #expect(!r.stdout.contains(goneClient))
        #expect(r.stdout.contains("2 verslag(en)"))
        #expect(!(try String(contentsOf: index, encoding: .utf8)).contains(gone), "the index drops the entry of a removed file")
    }

    @Test("a corrupt or foreign index is ignored and rebuilt", arguments: ["garbage\n", "dmcc-record-index/1\t0\nend\t5\n", ""])
    func corruptIndex(_ content: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try save(client: "Jansen")
        settle()
        let clean = try list()
        try Data(content.utf8).write(to: index)
        let r = try list()
        #expect(r.status == 0)
        #expect(r.stdout == clean.stdout)
        #expect(try String(contentsOf: index, encoding: .utf8).hasPrefix(RecordIndex.header + "\t"))
    }

    @Test("an index that names records which are not there never shows them")
    func lyingIndex() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try save(client: "Jansen")
        settle()
        _ = try list()
        let real = try String(contentsOf: index, encoding: .utf8)
        let id = try #require(ids().first)
        // The same entry again under another name, as if a record "20200101-000000-000000" existed.
        let lines = real.split(separator: "\n").map(String.init)
        let forged = lines[1].replacingOccurrences(of: id, with: "20200101-000000-000000")
        try Data(([lines[0], lines[1], forged, "end\t2"].joined(separator: "\n") + "\n").utf8).write(to: index)
        let r = try list(["--all"])
        #expect(!r.stdout.contains("20200101-000000-000000"))
        #expect(r.stdout.contains("1 verslag(en)"))
    }

    @Test("unreadable files are reported on every listing, also when the index knows them")
    func unreadableEveryTime() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try save(client: "Jansen")
        try Data("not json".utf8).write(to: folder.appendingPathComponent("20260101-000000-000000.json"))
        settle()
        // In the session's language, also when the reason comes from the index.
        for _ in 0..<2 {
            let r = try list()
            #expect(r.stderr.contains("20260101-000000-000000.json: geen adviesverslag; overgeslagen"), "\(r.stderr)")
            #expect(r.stdout.contains("1 verslag(en)"))
            let en = try list(["--lang", "en"])
            #expect(en.stderr.contains("20260101-000000-000000.json: not an advice record; skipped"), "\(en.stderr)")
        }
    }

    @Test("a read-only folder is listed without an index", .enabled(if: getuid() != 0, "root writes in a read-only folder"))
    func readOnlyFolder() throws {
        defer {
            chmod(folder.path, 0o700)
            try? FileManager.default.removeItem(at: folder)
        }
        try save(client: "Jansen")
        chmod(folder.path, 0o500)
        let r = try list()
        #expect(r.status == 0)
        #expect(r.stdout.contains("Jansen"))
        #expect(!FileManager.default.fileExists(atPath: index.path))
    }

    // MARK: Records from before

    @Test("a record saved by the previous version reads, lists, shows and verifies")
    func recordFromBefore() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixtures = Program.root.appendingPathComponent("Tests/Fixtures/Records")
        let id = "20261129-160000-96465e"
        // Only this record: the fixtures folder holds records of other tests too.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in [id + ".json", id + ".md"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let r = try list()
        #expect(r.stdout.contains("\(id)  2026-11-29  2026-11-29  Bakkerij Één  Eva         objection  Niet toegestaan"), "\(r.stdout)")
        #expect(try Program.run(["transcripts", "show", id, "--transcripts", folder.path]).status == 0)
        let verify = try Program.run(["transcripts", "verify", "--transcripts", folder.path])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("1 van 1 verslag(en) gecontroleerd"))
    }
}
