import DMCCCore
import Foundation
import Testing

@Suite("Stale advice: which earlier advice no longer holds")
struct StaleAdviceTests {
    let kb = Shipped.knowledge
    let customerCall = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing", "objected": "no", "consent": "no",
                        "sender": "business", "relationship": "customer", "obtained-in-sale": "yes", "same-entity": "yes",
                        "informed-at-collection": "yes", "opt-out-offered": "yes", "similar-offer": "yes", "within-3-years": "yes",
                        "call-method": "live"]

    func record(_ id: String, on day: String, supersedes: String? = nil) throws -> AdviceRecord {
        let advice = try Engine.advise(kb, facts: customerCall, on: date(day))
        return AdviceRecord(id: id, created: "2026-05-15T10:00:00+02:00", programVersion: "0.1.0", advice: advice, kb: kb,
                            language: .nl, client: "Bakkerij Jansen", supersedes: supersedes)
    }

    @Test("advice of May 2026 that a company may call its own customers is stale for a campaign after 1 July 2026")
    func customerExceptionEnds() throws {
        let may = try record("20260515-100000-aaaaaa", on: "2026-05-15")
        #expect(may.advice.verdict == "allowed-if")
        let findings = Staleness.check([may], against: kb, today: date("2026-07-02"))
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.when == .today && finding.date == "2026-07-02")
        #expect(finding.oldVerdict == "allowed-if" && finding.newVerdict == "not-allowed")
        #expect(finding.client == "Bakkerij Jansen")
        #expect(finding.ruleChanges.map(\.id) == ["call-rule-2026"])
        #expect(finding.ruleChanges.first?.date == "2026-07-01")
    }

    @Test("the same advice still holds for a campaign before 1 July 2026")
    func stillHoldsBeforeTheChange() throws {
        let may = try record("20260515-100000-aaaaaa", on: "2026-05-15")
        #expect(Staleness.check([may], against: kb, today: date("2026-06-30")).isEmpty)
    }

    @Test("advice given after the change is not stale: on its own date and today it is the same")
    func adviceAfterTheChange() throws {
        let july = try record("20260702-100000-bbbbbb", on: "2026-07-02")
        #expect(Staleness.check([july], against: kb, today: date("2026-11-29")).isEmpty)
    }

    @Test("only the latest record of a chain is checked")
    func latestOfChain() throws {
        let old = try record("20260515-100000-aaaaaa", on: "2026-05-15")
        let newer = try record("20260520-100000-cccccc", on: "2026-05-20", supersedes: old.id)
        #expect(Staleness.latest([old, newer]).map(\.id) == [newer.id])
        let findings = Staleness.check([old, newer], against: kb, today: date("2026-07-02"))
        #expect(findings.map(\.id) == [newer.id])
    }

    @Test("a campaign still to come is not replayed on an earlier today")
    func futureCampaign() throws {
        let planned = try record("20260515-100000-aaaaaa", on: "2026-06-15")
        #expect(Staleness.check([planned], against: kb, today: date("2026-05-20")).isEmpty)
    }

    @Test("when the verdict changed, the finding names the verdicts and the rule change, not every changed condition")
    func shortWhenTheVerdictChanged() throws {
        let may = try record("20260515-100000-aaaaaa", on: "2026-05-15")
        let finding = try #require(Staleness.check([may], against: kb, today: date("2026-07-02")).first)
        #expect(finding.changes.isEmpty, "\(finding.changes)")
        let lines = ["Kennisbank: 1 → 2", "Oordeel: a → b", "Voorwaarden:", "  - oud", "  + nieuw", "De kennisbank vraagt nu ook: x"]
        #expect(Staleness.details(lines, verdictChanged: true) == ["De kennisbank vraagt nu ook: x"])
        #expect(Staleness.details(lines, verdictChanged: false) == ["Voorwaarden:", "  - oud", "  + nieuw", "De kennisbank vraagt nu ook: x"])
    }

    @Test("the text and JSON name the record, both verdicts, the date and the rule change")
    func rendering() throws {
        let may = try record("20260515-100000-aaaaaa", on: "2026-05-15")
        let findings = Staleness.check([may], against: kb, today: date("2026-07-02"))
        let text = Staleness.text(findings, checked: 1, language: .nl)
        #expect(text.contains("20260515-100000-aaaaaa  Bakkerij Jansen"))
        #expect(text.contains("op vandaag, 2026-07-02: \(may.advice.verdictLabel ?? "?") → \(Wording.verdict(.notAllowed, .nl))"))
        #expect(text.contains("regelwijziging call-rule-2026 (2026-07-01): Vanaf 1 juli 2026"))
        #expect(text.hasSuffix("1 van 1 advies(en) zou nu anders luiden\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Staleness.json(findings, checked: 1).utf8)) as? [String: Any])
        let stale = try #require(json["stale"] as? [[String: Any]])
        #expect(stale.first?["old-verdict"] as? String == "allowed-if")
        #expect(stale.first?["new-verdict"] as? String == "not-allowed")
        #expect(stale.first?["on"] as? String == "today")
    }
}

@Suite("transcripts stale on the command line")
struct StaleCommandTests {
    let config = TrustShell.scratch("config")
    let records = TrustShell.scratch("records")

    func cleanUp() {
        try? FileManager.default.removeItem(at: config)
        try? FileManager.default.removeItem(at: records)
    }

    @Test("a saved May 2026 customer-call advice is listed for 2 July 2026 (exit 1) and not for 30 June (exit 0)")
    func staleCommand() throws {
        defer { cleanUp() }
        let saved = try TrustShell.run(TrustShell.customerCall(on: "2026-05-15")
                                       + ["--save", "--client", "Bakkerij Jansen", "--transcripts", records.path], config: config)
        #expect(saved.status == 0, "\(saved.stderr)")
        let id = try #require(TrustShell.recordIDs(in: records).first)
        let after = try TrustShell.run(["transcripts", "stale", "--on", "2026-07-02", "--transcripts", records.path], config: config)
        #expect(after.status == 1, "\(after.stderr)")
        #expect(after.stdout.contains("\(id)  Bakkerij Jansen"))
        #expect(after.stdout.contains("op vandaag, 2026-07-02:"))
        #expect(after.stdout.contains("call-rule-2026"))
        let json = try TrustShell.run(["transcripts", "stale", "--on", "2026-07-02", "--format", "json", "--transcripts", records.path], config: config)
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"new-verdict\" : \"not-allowed\""))
        let before = try TrustShell.run(["transcripts", "stale", "--on", "2026-06-30", "--transcripts", records.path], config: config)
        #expect(before.status == 0)
        #expect(before.stdout.contains("0 van 1 advies(en) zou nu anders luiden"))
    }

    @Test("a bad --on date and a missing records folder exit 2")
    func badInput() throws {
        defer { cleanUp() }
        let badDate = try TrustShell.run(["transcripts", "stale", "--on", "1 juli", "--transcripts", records.path], config: config)
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("--on: '1 juli' is geen datum"))
        let missing = try TrustShell.run(["transcripts", "stale", "--transcripts", records.appendingPathComponent("nope").path], config: config)
        #expect(missing.status == 2)
    }
}
