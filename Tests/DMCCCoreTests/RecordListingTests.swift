import DMCCCore
import Foundation
import Testing

/// `transcripts list` as plain values: chains of records that supersede each other, filters, the
/// table, JSON and CSV, and the index that spares a listing from parsing every file.
@Suite("Listing records")
struct RecordListingTests {
    static func summary(_ id: String, created: String = "2026-11-29T10:00:00+01:00", client: String? = "Bakkerij Jansen",
                        verdict: String? = "not-allowed", open: Int = 0, supersedes: String? = nil) -> RecordSummary {
        RecordSummary(id: id, created: created, actionDate: "2026-12-01", client: client, consultant: "Eva",
                      subject: "Nieuwsbrief", purpose: "marketing-message", verdict: verdict, openPoints: open,
                      supersedes: supersedes)
    }

    let a = "20261129-100000-00000a", b = "20261129-110000-00000b", c = "20261129-120000-00000c"
    let d = "20261129-130000-00000d", missing = "20261101-090000-0000ff"

    func shownIDs(_ records: [RecordSummary], _ filter: RecordListing.Filter = .init()) -> [String] {
        RecordListing.rows(records, filter).rows.map(\.summary.id)
    }

    // MARK: Chains

    @Test("list shows the latest record of a chain with the number of earlier versions")
    func latestOfChain() {
        let records = [Self.summary(a), Self.summary(b, supersedes: a), Self.summary(c, supersedes: b)]
        let (rows, hidden) = RecordListing.rows(records, .init())
        #expect(rows.map(\.summary.id) == [c])
        #expect(rows[0].position.earlierVersions == 2)
        #expect(hidden == 2)
    }

    @Test("--all shows every record and marks the superseded ones with their successor")
    func allMarksSuperseded() {
        let records = [Self.summary(a), Self.summary(b, supersedes: a)]
        let rows = RecordListing.rows(records, .init(all: true)).rows
        #expect(rows.map(\.summary.id) == [a, b])
        #expect(rows[0].position.isLatest == false && rows[0].position.supersededBy == [b])
        let text = RecordListing.text(rows, hiddenEarlier: 0, all: true, folder: "T", language: .nl)
        #expect(text.contains("vervangen door \(b)"))
    }

    @Test("two records that supersede each other are both shown, marked as a loop, and the walk ends")
    func loopHidesNothing() {
        let records = [Self.summary(a, supersedes: b), Self.summary(b, supersedes: a), Self.summary(c, supersedes: c)]
        let rows = RecordListing.rows(records, .init()).rows
        #expect(Set(rows.map(\.summary.id)) == [a, b, c])
        #expect(rows.allSatisfy { $0.position.inLoop })
        let text = RecordListing.text(rows, hiddenEarlier: 0, all: false, folder: "T", language: .en)
        #expect(text.contains("loop the chain of superseded records loops"))
    }

    @Test("a record above a loop is the latest; the loop below it counts as its earlier versions")
    func headAboveLoop() {
        let records = [Self.summary(a, supersedes: b), Self.summary(b, supersedes: a), Self.summary(c, supersedes: a)]
        let rows = RecordListing.rows(records, .init()).rows
        #expect(rows.map(\.summary.id) == [c])
        #expect(rows[0].position.earlierVersions == 2)
        #expect(!rows[0].position.inLoop)
    }

    @Test("a record that supersedes a missing record is shown and says so")
    func missingPredecessor() {
        let rows = RecordListing.rows([Self.summary(a, supersedes: missing)], .init()).rows
        #expect(rows.map(\.summary.id) == [a])
        #expect(rows[0].position.supersedesMissing == missing)
        #expect(RecordListing.text(rows, hiddenEarlier: 0, all: false, folder: "T", language: .nl).contains("vervangt ontbrekend \(missing)"))
    }

    @Test("two newer versions of one record are both shown; the common earlier one is hidden once")
    func fork() {
        let records = [Self.summary(a), Self.summary(b, supersedes: a), Self.summary(c, supersedes: a)]
        let (rows, hidden) = RecordListing.rows(records, .init())
        #expect(rows.map(\.summary.id) == [b, c])
        #expect(rows.map(\.position.earlierVersions) == [1, 1])
        #expect(hidden == 1)
    }

    @Test("a long chain resolves (each record walked once)")
    func longChain() {
        var records = [Self.summary("20261129-000000-000000")]
        for i in 1..<5000 {
            records.append(Self.summary(String(format: "20261129-000000-%06x", i), supersedes: String(format: "20261129-000000-%06x", i - 1)))
        }
        let rows = RecordListing.rows(records, .init()).rows
        #expect(rows.count == 1)
        #expect(rows[0].position.earlierVersions == 4999)
    }

    @Test("filters apply after the chains: an earlier version is never shown as the latest")
    func filtersAfterChains() {
        let records = [Self.summary(a, verdict: "not-allowed"), Self.summary(b, verdict: "allowed", supersedes: a)]
        #expect(shownIDs(records, .init(verdict: "not-allowed")).isEmpty)
        #expect(shownIDs(records, .init(verdict: "not-allowed", all: true)) == [a])
    }

    // MARK: Filters

    @Test("--client matches part of the name in any case; --since compares the date the record was made")
    func clientAndSince() {
        let records = [Self.summary(a, created: "2026-11-28T23:59:59+01:00", client: "Bakkerij Jansen"),
                       Self.summary(b, created: "2026-11-29T00:00:00+01:00", client: "Slagerij Pietersen"),
                       Self.summary(c, client: nil)]
        #expect(shownIDs(records, .init(client: "JANSEN")) == [a])
        #expect(shownIDs(records, .init(since: "2026-11-29")) == [b, c])
    }

    @Test("--verdict takes the id or the words in either language", arguments: [
        ("not-allowed", "not-allowed"), ("Niet toegestaan", "not-allowed"), ("NOT ALLOWED", "not-allowed"),
        ("allowed-if", "allowed-if"), ("Toegestaan, mits u aan de voorwaarden voldoet", "allowed-if"), ("allowed", "allowed"),
    ])
    func verdictNames(_ text: String, _ id: String) {
        #expect(RecordListing.verdict(named: text) == id)
    }

    @Test("an unknown verdict names nothing, and the choices list every verdict")
    func unknownVerdict() {
        #expect(RecordListing.verdict(named: "maybe") == nil)
        for verdict in Verdict.allCases { #expect(RecordListing.verdictChoices.contains(verdict.rawValue)) }
    }

    // MARK: Output

    @Test("the table is in the chosen language: header, verdict in words, open-point mark and legend")
    func textInLanguage() {
        let rows = RecordListing.rows([Self.summary(a, open: 2), Self.summary(b, verdict: "allowed")], .init()).rows
        let nl = RecordListing.text(rows, hiddenEarlier: 0, all: false, folder: "T", language: .nl)
        #expect(nl.hasPrefix("ID  "))
        #expect(nl.contains("GEMAAKT") && nl.contains("ACTIEDATUM") && nl.contains("OORDEEL"))
        #expect(nl.contains("Niet toegestaan") && nl.contains("Toegestaan"))
        #expect(nl.split(separator: "\n").contains { $0.hasPrefix(a) && $0.hasSuffix("?") })
        #expect(nl.contains("?  open punten"))
        #expect(nl.hasSuffix("2 verslag(en) in T\n"))
        let en = RecordListing.text(rows, hiddenEarlier: 3, all: false, folder: "T", language: .en)
        #expect(en.contains("ACTION DATE") && en.contains("Not allowed") && !en.contains("Niet"))
        #expect(en.contains("?  open points"))
        #expect(en.hasSuffix("2 record(s) in T; 3 earlier version(s) not shown (--all)\n"))
    }

    @Test("no legend for marks that do not occur")
    func noLegendWithoutMarks() {
        let rows = RecordListing.rows([Self.summary(a)], .init()).rows
        let text = RecordListing.text(rows, hiddenEarlier: 0, all: false, folder: "T", language: .nl)
        #expect(text.split(separator: "\n").count == 3)
    }

    @Test("columns line up, also with accented and wide characters")
    func alignment() {
        let rows = RecordListing.rows([Self.summary(a, client: "Één B.V."), Self.summary(b, client: "東京")], .init()).rows
        let lines = RecordListing.text(rows, hiddenEarlier: 0, all: false, folder: "T", language: .nl).split(separator: "\n")
        let starts = lines.prefix(3).map { line -> Int in
            let prefix = line[..<(line.range(of: "Eva") ?? line.range(of: "CONSULTANT")!).lowerBound]
            return TextLayout.width(prefix)
        }
        #expect(Set(starts).count == 1, "\(lines)")
    }

    @Test("control characters in a record never reach the terminal from the table or the CSV")
    func controlCharacters() {
        let rows = RecordListing.rows([Self.summary(a, client: "Evil\u{1b}[2J")], .init()).rows
        #expect(!RecordListing.text(rows, hiddenEarlier: 0, all: false, folder: "T", language: .nl).contains("\u{1b}"))
        #expect(!RecordListing.csv(rows, language: .nl).contains("\u{1b}"))
        #expect(!RecordListing.json(rows, language: .nl).contains("\u{1b}"))
    }

    @Test("JSON is an array of objects with every key, the verdict id and its words")
    func json() throws {
        let rows = RecordListing.rows([Self.summary(a, client: "Quote \" en \\ slash", open: 1), Self.summary(b, client: nil, supersedes: a)],
                                      .init(all: true)).rows
        let text = RecordListing.json(rows, language: .en)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        for object in objects { #expect(Set(object.keys) == Set(RecordListing.fields)) }
        #expect(objects[0]["client"] as? String == "Quote \" en \\ slash")
        #expect(objects[0]["verdict"] as? String == "not-allowed")
        #expect(objects[0]["verdict-label"] as? String == "Not allowed")
        #expect(objects[0]["open-points"] as? Int == 1)
        #expect(objects[0]["superseded-by"] as? [String] == [b])
        #expect(objects[0]["latest"] as? Bool == false)
        #expect(objects[1]["client"] is NSNull)
        #expect(objects[1]["supersedes"] as? String == a)
        #expect(objects[1]["earlier-versions"] as? Int == 1)
        #expect(RecordListing.json([], language: .nl) == "[]\n")
    }

    @Test("CSV follows RFC 4180: a header row, CRLF, quoted fields with commas, quotes and line breaks")
    func csv() {
        let rows = RecordListing.rows([Self.summary(a, client: "Jansen, \"de\" Bakker"), Self.summary(b, client: "Één\nB.V.")], .init()).rows
        let text = RecordListing.csv(rows, language: .nl)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == RecordListing.fields.joined(separator: ","))
        #expect(lines[1].hasPrefix("\(a),2026-11-29T10:00:00+01:00,2026-12-01,\"Jansen, \"\"de\"\" Bakker\",Eva,Nieuwsbrief,marketing-message,not-allowed,Niet toegestaan,0,"))
        #expect(lines[2].hasPrefix("\(b),2026-11-29T10:00:00+01:00,2026-12-01,\"Één\nB.V.\","))
        #expect(lines.last == "")
        #expect(lines.count == 4)
    }

    // MARK: The index

    static func stamp(_ n: Int64, size: Int64 = 100, inode: UInt64 = 1) -> FileStamp {
        FileStamp(size: size, mtime: n, ctime: n, inode: inode, device: 7)
    }

    @Test("the index round-trips through its file, absent values and escapes included")
    func indexRoundTrip() throws {
        let index = RecordIndex(settledBefore: 5_000, entries: [
            .init(name: "\(a).json", stamp: Self.stamp(10), content: .record(Self.summary(a, client: "Tab\there\\ and\nline", open: 1, supersedes: b))),
            .init(name: "\(b).json", stamp: Self.stamp(11), content: .record(Self.summary(b, client: nil, verdict: nil))),
            .init(name: "x.json", stamp: Self.stamp(12), content: .unreadable(.notAnAdviceRecord(nil))),
            .init(name: "y.json", stamp: Self.stamp(13), content: .unreadable(.notAnAdviceRecord("missing 'id'"))),
            .init(name: "z.json", stamp: Self.stamp(14), content: .unreadable(.duplicateKey("tab\there"))),
            .init(name: "w.json", stamp: Self.stamp(15), content: .unreadable(.notCanonical)),
        ])
        let decoded = try #require(RecordIndex.decode(index.encoded()))
        #expect(decoded == index)
    }

    @Test("an unchanged, settled file is taken from the index; any other is read", arguments: [
        ("unchanged", RecordListingTests.stamp(10), true),
        ("edited: size", RecordListingTests.stamp(10, size: 101), false),
        ("edited: same size, new times", RecordListingTests.stamp(11), false),
        ("replaced by another file (new inode)", RecordListingTests.stamp(10, inode: 2), false),
        ("written in the tick the index was built", RecordListingTests.stamp(5_000), false),
    ])
    func reconcile(_ what: String, _ now: FileStamp, _ reused: Bool) {
        let index = RecordIndex(settledBefore: 5_000, entries: [.init(name: "r.json", stamp: Self.stamp(10), content: .unreadable(.notCanonical))])
        let result = index.reconcile([("r.json", now), ("new.json", Self.stamp(20))])
        #expect(result.reused.map(\.name) == (reused ? ["r.json"] : []), "\(what)")
        #expect(result.toRead == (reused ? ["new.json"] : ["r.json", "new.json"]), "\(what)")
    }

    @Test("entries for files that are gone are dropped")
    func removedFiles() {
        let index = RecordIndex(settledBefore: 5_000, entries: [.init(name: "gone.json", stamp: Self.stamp(10), content: .unreadable(.notCanonical))])
        let result = index.reconcile([])
        #expect(result.reused.isEmpty && result.toRead.isEmpty)
    }

    @Test("a corrupt, truncated or foreign index is not used", arguments: [
        "", "garbage", "dmcc-record-index/9\t5\nend\t0\n", "dmcc-record-index/1\t5\nend\t0\n", "dmcc-record-index/1\t5\n",
        "dmcc-record-index/1\t5\nr\ta.json\t1\t2\t3\t4\t5\nend\t1\n", "dmcc-record-index/1\t5\nend\t1\n",
        "dmcc-record-index/1\tfive\nend\t0\n", "dmcc-record-index/1\t5\nu\ta.json\t1\t2\t3\t4\t5\tbad\\escape\nend\t1\n",
    ])
    func corruptIndex(_ text: String) {
        #expect(RecordIndex.decode(text) == nil)
    }

    @Test("a truncated index (any cut) is never used")
    func truncatedIndex() {
        let index = RecordIndex(settledBefore: 5_000, entries: [
            .init(name: "\(a).json", stamp: Self.stamp(10), content: .record(Self.summary(a))),
            .init(name: "\(b).json", stamp: Self.stamp(11), content: .record(Self.summary(b))),
        ])
        let text = index.encoded()
        for cut in 0..<text.utf8.count - 1 {
            let part = String(decoding: Array(text.utf8.prefix(cut)), as: UTF8.self)
            #expect(RecordIndex.decode(part) == nil, "cut at \(cut)")
        }
    }

    @Test("a summary holds what the record says: action date, verdict, open points and what it supersedes")
    func summaryOfRecord() throws {
        let kb = Shipped.knowledge
        let advice = try Engine.advise(kb, facts: ["purpose": "objection", "request": "stop", "fee": "yes"], on: date("2026-12-03"))
        let record = AdviceRecord(id: a, created: "2026-11-29T14:30:12+01:00", programVersion: "0.1.0", advice: advice, kb: kb,
                                  language: .nl, client: "Klant", supersedes: b)
        let summary = RecordSummary(record)
        #expect(summary.actionDate == "2026-12-03")
        #expect(summary.verdict == "not-allowed")
        #expect(summary.purpose == "objection")
        #expect(summary.supersedes == b)
        #expect(summary.openPoints == 0)
        #expect(summary.createdDate == "2026-11-29")
    }
}
