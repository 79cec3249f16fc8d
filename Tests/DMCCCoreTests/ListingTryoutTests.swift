import DMCCCore
import Foundation
import Testing

/// Defects of `transcripts list` found by the consultant tryout: what its CSV does in a spreadsheet,
/// and what the `?` mark says about records with open points.
@Suite("Listing records: tryout defects")
struct ListingTryoutTests {
    let a = "20261129-100000-00000a"

    func row(client: String?, consultant: String? = "Eva", subject: String? = "Nieuwsbrief", open: Int = 0,
             conditional: Bool = false) -> RecordListing.Row {
        let summary = RecordSummary(id: a, created: "2026-11-29T10:00:00+01:00", actionDate: "2026-12-01", client: client,
                                    consultant: consultant, subject: subject, purpose: "marketing-message",
                                    verdict: "not-allowed", openPoints: open, conditional: conditional, supersedes: nil)
        return RecordListing.rows([summary], .init()).rows[0]
    }

    /// The cells of the one data row of a CSV, split per RFC 4180 (quoted fields may hold commas).
    func cells(_ csv: String) -> [String] {
        let line = csv.components(separatedBy: "\r\n")[1]
        var cells: [String] = [], cell = "", quoted = false, previous: Character = " "
        for c in line {
            if c == "\"" { quoted.toggle(); if quoted && previous == "\"" { cell.append("\"") } }
            else if c == "," && !quoted { cells.append(cell); cell = "" }
            else { cell.append(c) }
            previous = c
        }
        return cells + [cell]
    }

    @Test("a client, subject or consultant a spreadsheet would run as a formula gets a single quote in front (OWASP)",
          arguments: ["=HYPERLINK(\"http://x\",\"klik\")", "+31 20 123", "-2+3", "@SUM(A1)", "\tTab B.V."])
    func formulaDefused(_ hostile: String) {
        let client = RecordListing.fields.firstIndex(of: "client")!
        let consultant = RecordListing.fields.firstIndex(of: "consultant")!
        let subject = RecordListing.fields.firstIndex(of: "subject")!
        let row = cells(RecordListing.csv([row(client: hostile, consultant: hostile, subject: hostile)], language: .nl))
        #expect(row.count == RecordListing.fields.count, "still one cell per field: \(row)")
        for i in [client, consultant, subject] {
            #expect(row[i] == "'" + hostile, "\(RecordListing.fields[i]): \(row[i].debugDescription)")
        }
    }

    @Test("a quoted formula cell stays RFC 4180: the quote goes inside the field's quotes")
    func formulaWithCommaStaysQuoted() {
        let text = RecordListing.csv([row(client: "=1,2")], language: .nl)
        #expect(text.contains(",\"'=1,2\","), "\(text)")
    }

    @Test("ordinary text, also with a sign inside it, is left exactly as it is")
    func ordinaryTextUntouched() {
        let row = cells(RecordListing.csv([row(client: "Jansen & Zn. = top", consultant: "Eva-Marie")], language: .nl))
        #expect(row[RecordListing.fields.firstIndex(of: "client")!] == "Jansen & Zn. = top")
        #expect(row[RecordListing.fields.firstIndex(of: "consultant")!] == "Eva-Marie")
        #expect(!row.contains { $0.hasPrefix("'") })
    }

    // MARK: What "?" says

    func table(_ rows: [RecordListing.Row], _ language: Language) -> String {
        RecordListing.text(rows, hiddenEarlier: 0, all: false, folder: "T", language: language)
    }

    @Test("open points that decide the verdict: '?' and a legend that says the advice is conditional")
    func conditionalMark() {
        let rows = [row(client: "A", open: 1, conditional: true)]
        let nl = table(rows, .nl), en = table(rows, .en)
        #expect(nl.split(separator: "\n")[1].hasSuffix("  ?"), "\(nl)")
        #expect(nl.contains("?  open punten die het oordeel bepalen: het advies is voorwaardelijk tot ze bevestigd zijn"))
        #expect(en.contains("?  open points that decide the verdict: the advice is conditional until they are confirmed"))
        #expect(!nl.contains("(?)") && !en.contains("(?)"))
    }

    @Test("open points that did not change the verdict: '(?)', and the legend never calls that advice conditional")
    func settledMark() {
        let rows = [row(client: "A", open: 2, conditional: false)]
        let nl = table(rows, .nl), en = table(rows, .en)
        #expect(nl.split(separator: "\n")[1].hasSuffix("  (?)"), "\(nl)")
        #expect(nl.contains("(?) open punten die het oordeel niet veranderen: het oordeel geldt wat het antwoord ook is"))
        #expect(en.contains("(?) open points that do not change the verdict: it holds whatever the answer"))
        #expect(!nl.contains("voorwaardelijk") && !en.contains("conditional"), "\(nl)\n\(en)")
        let json = RecordListing.json(rows, language: .en)
        #expect(json.contains("\"open-points\": 2") && json.contains("\"conditional\": false"), "\(json)")
    }

    @Test("both kinds in one table: each row its own mark, and both legend lines")
    func bothMarks() throws {
        let summaries = [
            RecordSummary(id: a, created: "2026-11-29T10:00:00+01:00", actionDate: "2026-12-01", openPoints: 1, conditional: true),
            RecordSummary(id: "20261129-110000-00000b", created: "2026-11-29T11:00:00+01:00", actionDate: "2026-12-01",
                          openPoints: 1, conditional: false),
            RecordSummary(id: "20261129-120000-00000c", created: "2026-11-29T12:00:00+01:00", actionDate: "2026-12-01"),
        ]
        let rows = RecordListing.rows(summaries, .init()).rows
        let lines = table(rows, .nl).split(separator: "\n")
        #expect(lines[1].hasSuffix("  ?") && lines[2].hasSuffix("  (?)") && !lines[3].contains("?"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("?  ") } && lines.contains { $0.hasPrefix("(?) ") })
        let csv = RecordListing.csv(rows, language: .nl).components(separatedBy: "\r\n")
        let conditional = try #require(RecordListing.fields.firstIndex(of: "conditional"))
        #expect(csv[0].split(separator: ",")[conditional] == "conditional")
        #expect(csv[1...3].map { $0.split(separator: ",", omittingEmptySubsequences: false)[conditional] } == ["true", "false", "false"])
    }

    @Test("a record's summary knows whether its open points matter, from the conditional advice it holds")
    func summaryFromRecord() throws {
        let kb = Shipped.knowledge
        func record(_ unknown: String) throws -> AdviceRecord {
            var facts = OpenPointRecords.consumerCall
            facts[unknown] = "unknown"
            return try OpenPointRecords.record(facts, id: a)
        }
        let conditional = RecordSummary(try record("consent")), settled = RecordSummary(try record("objected"))
        #expect(conditional.openPoints == 1 && conditional.conditional)
        #expect(settled.openPoints == 1 && !settled.conditional)
        // The index keeps the difference.
        let index = RecordIndex(settledBefore: 1, entries: [
            .init(name: "c.json", stamp: FileStamp(size: 1, mtime: 0, ctime: 0, inode: 1, device: 1), content: .record(conditional)),
            .init(name: "s.json", stamp: FileStamp(size: 1, mtime: 0, ctime: 0, inode: 2, device: 1), content: .record(settled)),
        ])
        #expect(RecordIndex.decode(index.encoded()) == index)
    }
}
