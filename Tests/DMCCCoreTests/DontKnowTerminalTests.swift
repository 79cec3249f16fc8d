import Foundation
import Testing

/// "Don't know" tried as a consultant would: in a real terminal (tmux) and in line mode, with one and
/// with two unknowns, the list of what to confirm, saving, and `transcripts resolve` afterwards.
@Suite("Don't know in a real terminal and in line mode (issue 11)", .serialized)
struct DontKnowTerminalTests {
    static let callUpToConsent = WizardDriver.digits(DontKnowWizardTests.callUpToConsent)

    /// The one record in `folder`, by id.
    func recordIDs(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    func json(_ id: String, in folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(id + ".json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("full screen, one unknown: u, the branch's question, the conditional advice, save; resolve makes it definite")
    func fullScreenOneUnknown() throws {
        let t = try TerminalSession.atFirstQuestion(arguments: "--client Acme")
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        try t.type(Self.callUpToConsent)
        #expect(t.waitFor("toestemming"), "\(t.screen)")
        #expect(t.screen.contains("u weet ik niet"), "the key is in the footer: \(t.screen)")
        try t.type(["u"])
        #expect(t.waitFor("Voor het geval:"), "\(t.screen)")
        try t.type(["1"])
        #expect(t.waitFor("VOORWAARDELIJK · TOT BEVESTIGING: NIET TOEGESTAAN"), "\(t.screen)")
        #expect(t.screen.contains("Tot de open punten hieronder bevestigd zijn"))
        try t.type(["End"])
        #expect(t.waitFor("Datum van de actie"), "\(t.screen)")
        try t.type(["s"])
        #expect(t.waitFor("opgeslagen:"), "\(t.screen)")
        try t.type(["q"])
        #expect(t.waitFor("EXIT=6"), "conditional advice exits 6, as advise does: \(t.screen)")
        let id = try #require(try recordIDs(in: t.transcripts).first)
        let open = try json(id, in: t.transcripts)
        let steps = try #require(open["steps"] as? [[String: Any]])
        #expect(steps.contains { $0["value"] as? String == "unknown" && $0["fact"] as? String == "consent" })
        #expect(open["conditional"] != nil)

        let resolved = try runShell("dmcc-advisor transcripts resolve \(id) --fact consent=no --transcripts '\(t.transcripts.path)' --knowledge Knowledge")
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(resolved.stdout.contains("vervangt \(id)."), "\(resolved.stdout)")
        #expect(resolved.stdout.contains("NIET TOEGESTAAN"))
        let ids = try recordIDs(in: t.transcripts)
        #expect(ids.count == 2, "a new record; the old one stays")
        let newID = try #require(ids.first { $0 != id })
        let new = try json(newID, in: t.transcripts)
        #expect(new["supersedes"] as? String == id)
        #expect(new["client"] as? String == "Acme")
        #expect(new["conditional"] == nil)
        #expect(try json(id, in: t.transcripts)["sha256"] as? String == open["sha256"] as? String, "the old record is untouched")
        let verify = try runShell("dmcc-advisor transcripts verify --transcripts '\(t.transcripts.path)'")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    @Test("full screen, two unknowns in English: both to confirm; resolving one leaves the other open (exit 6), then definite")
    func fullScreenTwoUnknowns() throws {
        let t = try TerminalSession.atFirstQuestion(arguments: "--client Beta --lang en")
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        try t.type(Array(Self.callUpToConsent.prefix(3)))
        #expect(t.waitFor("objected"), "\(t.screen)")
        #expect(t.screen.contains("u don't know"))
        try t.type(["u"])
        #expect(t.waitFor("consent"), "\(t.screen)")
        try t.type(["u"])
        #expect(t.waitFor("Who is calling?"), "\(t.screen)")
        try t.type(["1"])
        #expect(t.waitFor("CONDITIONAL · UNTIL CONFIRMED: NOT ALLOWED"), "\(t.screen)")
        try t.type(["End"])
        #expect(t.waitFor("Action date"), "\(t.screen)")
        let bottom = t.screen
        try t.type(["PageUp"])
        #expect((bottom + t.screen).contains("How to settle it"), "the to-confirm list: \(bottom)\(t.screen)")
        try t.type(["r"])
        #expect(t.waitUntil { ($0.components(separatedBy: "Review:").last ?? "").components(separatedBy: "Don't know").count - 1 == 2 },
                "review shows both: \(t.screen)")
        try t.type(["Escape", "s"])
        #expect(t.waitFor("saved:"), "\(t.screen)")
        try t.type(["q"])
        #expect(t.waitFor("EXIT=6"), "conditional advice: \(t.screen)")
        let id = try #require(try recordIDs(in: t.transcripts).first)
        let confirm = try #require((try json(id, in: t.transcripts)["conditional"] as? [String: Any])?["to-confirm"] as? [[String: Any]])
        #expect(confirm.map { $0["fact"] as? String } == ["objected", "consent"])

        let folder = "--transcripts '\(t.transcripts.path)'"
        let wrong = try runShell("dmcc-advisor transcripts resolve \(id) --fact recipient=business \(folder)")
        #expect(wrong.status == 2 && wrong.stderr.contains("its open points are: objected, consent"), "\(wrong.stderr)")
        let first = try runShell("dmcc-advisor transcripts resolve \(id) --fact objected=no \(folder)")
        #expect(first.status == 6, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("Still open: consent"), "\(first.stdout)")
        let middle = try #require(try recordIDs(in: t.transcripts).first { $0 != id })
        let second = try runShell("dmcc-advisor transcripts resolve \(middle) --fact consent=yes \(folder)")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("supersedes \(middle)."))
        #expect(second.stdout.contains("ALLOWED IF"), "\(second.stdout)")
    }

    @Test("line mode: 'weet niet' and 'don't know' answer don't know; the advice lists what to confirm; saved with its open points")
    func lineMode() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let digits = Self.callUpToConsent.joined(separator: "\\n")
        let one = try runShell("printf '\\n\\n\\n\(digits)\\nweet niet\\n1\\ns\\nq\\n' | dmcc-advisor --plain --date 2026-11-29",
                               environment: ["DMCC_TRANSCRIPTS": scratch.path])
        #expect(one.status == 6, "conditional advice exits 6 in line mode too: \(one.stderr)")
        #expect(one.stdout.contains("u = weet ik niet"), "the hint names the answer")
        #expect(one.stdout.contains("Voor het geval: "))
        #expect(one.stdout.contains("VOORWAARDELIJK ADVIES\nTot de open punten hieronder bevestigd zijn"))
        #expect(one.stdout.contains("Te bevestigen"))
        let last = try #require(one.stdout.split(separator: "\n").last)
        #expect(last.hasPrefix("Advies: voorwaardelijk, tot bevestiging niet toegestaan; opgeslagen als 2"), "\(last)")

        let two = try runShell("printf '\\n\\n\\n5\\n1\\n2\\ndon'\\''t know\\nu\\n1\\ns\\nq\\n' | dmcc-advisor --plain --lang en --date 2026-11-29",
                               environment: ["DMCC_TRANSCRIPTS": scratch.path])
        #expect(two.status == 6, "\(two.stderr)")
        #expect(two.stdout.contains("CONDITIONAL ADVICE"), "\(two.stdout)")
        let toConfirm = two.stdout.components(separatedBy: "To confirm").last ?? ""
        #expect(toConfirm.contains("Has the person objected") && toConfirm.contains("provable prior consent"), "\(toConfirm)")
        #expect(try recordIDs(in: scratch).count == 2)
        // The first record, named on leaving: only the consent is open there.
        let id = String(last.split(separator: " ").last?.dropLast() ?? "")
        let resolve = try runShell("dmcc-advisor transcripts resolve \(id) --fact consent=yes --lang en",
                                   environment: ["DMCC_TRANSCRIPTS": scratch.path])
        #expect(resolve.status == 0, "\(resolve.stderr)")
        #expect(resolve.stdout.contains("Saved as"))
    }

    @Test("advise --save keeps the open points and the conclusion (exit 6); show prints the open points; resolve names valid facts")
    func adviseSave() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = "--transcripts '\(scratch.path)'"
        let r = try runShell("dmcc-advisor advise --date 2026-11-29 --fact purpose=marketing-call --fact recipient=consumer "
            + "--fact call-kind=marketing --fact objected=no --fact consent=unknown --fact sender=business --save --conclusion 'Eerst bewijs' \(folder)")
        #expect(r.status == 6, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("VOORWAARDELIJK ADVIES"))
        let id = try #require(try recordIDs(in: scratch).first)
        let saved = try json(id, in: scratch)
        #expect(saved["conclusion"] as? String == "Eerst bewijs")
        let steps = try #require(saved["steps"] as? [[String: Any]])
        #expect(steps.filter { $0["value"] as? String == "unknown" }.map { $0["fact"] as? String } == ["consent"])
        #expect((saved["advice"] as? [String: Any])?["verdict"] as? String == "not-allowed", "the safe reading")
        let show = try runShell("dmcc-advisor transcripts show \(id) \(folder)")
        #expect(show.stdout.contains("## Open punten") && show.stdout.contains("Nog niet bekend (te bevestigen)") && show.stdout.contains("consent=unknown"),
                "\(show.stdout)")
        let verify = try runShell("dmcc-advisor transcripts verify \(id) \(folder)")
        #expect(verify.status == 0, "\(verify.stdout)")
        let typo = try runShell("dmcc-advisor transcripts resolve \(id) --fact consnet=yes \(folder)")
        #expect(typo.status == 2 && typo.stderr.contains("onbekend feit 'consnet'; geldige feiten:"), "\(typo.stderr)")
        let value = try runShell("dmcc-advisor transcripts resolve \(id) --fact consent=misschien \(folder)")
        #expect(value.status == 2 && value.stderr.contains("geldige waarden: yes, no"), "\(value.stderr)")
        #expect(try recordIDs(in: scratch) == [id], "a refused resolve saves nothing")
    }
}
