import Foundation

/// Which earlier advice no longer holds: every record (the latest of each `supersedes` chain) is
/// replayed against the current knowledge on its own action date and, for a campaign repeated
/// now, on today's date. Today is given by the shell; the core has no clock.
public enum Staleness {
    /// One record whose advice would now differ on one date.
    public struct Finding: Sendable, Equatable {
        public enum When: String, Sendable { case actionDate = "action-date", today }

        public var id: String
        public var client: String?
        public var consultant: String?
        public var when: When
        /// The date replayed (ISO).
        public var date: String
        public var oldVerdict: String?
        public var oldVerdictLabel: String?
        /// Nil when the knowledge now asks a question the record has no answer to.
        public var newVerdict: String?
        public var newVerdictLabel: String?
        /// The rule changes on the new path that the advice did not rest on before (what changed the law).
        public var ruleChanges: [AdviceReport.RuleChange]
        /// The knowledge versions, when they differ.
        public var knowledge: (old: String, new: String)?
        /// What changed, as `transcripts replay` says it (in the record's language).
        public var changes: [String]
        public var language: String

        public static func == (a: Finding, b: Finding) -> Bool {
            a.id == b.id && a.when == b.when && a.date == b.date && a.oldVerdict == b.oldVerdict && a.newVerdict == b.newVerdict
                && a.ruleChanges == b.ruleChanges && a.knowledge?.old == b.knowledge?.old && a.knowledge?.new == b.knowledge?.new
                && a.changes == b.changes
        }
    }

    /// The latest record of each chain: those no other record supersedes.
    public static func latest(_ records: [AdviceRecord]) -> [AdviceRecord] {
        let superseded = Set(records.compactMap(\.supersedes))
        return records.filter { !superseded.contains($0.id) }
    }

    /// The findings for `records`, ordered by record id, the action date before today.
    public static func check(_ records: [AdviceRecord], against kb: KnowledgeBase, today: CalendarDate) -> [Finding] {
        var findings: [Finding] = []
        for record in latest(records).sorted(by: { $0.id < $1.id }) {
            if let finding = replay(record, against: kb, when: .actionDate) { findings.append(finding) }
            // A campaign repeated now; a record of a campaign still to come has no "repeated now".
            if let actionDate = CalendarDate(iso: record.advice.date), actionDate < today {
                var now = record
                now.advice.date = today.description
                if let finding = replay(now, against: kb, when: .today) { findings.append(finding) }
            }
        }
        return findings
    }

    private static func replay(_ record: AdviceRecord, against kb: KnowledgeBase, when: Finding.When) -> Finding? {
        let result = Replay.run(record, against: kb)
        guard result.changed else { return nil }
        let before = Set(record.advice.ruleChanges.filter { $0.applies == "on-or-after" }.map(\.id))
        let changes = (result.advice?.ruleChanges ?? []).filter { $0.applies == "on-or-after" && !before.contains($0.id) }
        let old = record.advice.knowledge.version, new = result.advice?.knowledge.version ?? kb.metadata.version
        let verdictChanged = result.advice?.verdict != record.advice.verdict
        return Finding(id: record.id, client: record.client, consultant: record.consultant, when: when, date: record.advice.date,
                       oldVerdict: record.advice.verdict, oldVerdictLabel: record.advice.verdictLabel,
                       newVerdict: result.advice?.verdict, newVerdictLabel: result.advice?.verdictLabel,
                       ruleChanges: changes, knowledge: old == new ? nil : (old, new),
                       changes: details(result.lines, verdictChanged: verdictChanged), language: record.language)
    }

    /// Replay's lines without what a finding already says (the verdict, the knowledge versions).
    /// When the verdict itself changed, the lists of changed conditions, alternatives and legal
    /// basis are left out: who to call is the point here, `transcripts replay` has the detail.
    public static func details(_ lines: [String], verdictChanged: Bool) -> [String] {
        let summary = ["Oordeel: ", "Verdict: ", "Kennisbank: ", "Knowledge: "]
        var kept: [String] = []
        var inList = false
        for line in lines {
            if summary.contains(where: line.hasPrefix) { inList = false; continue }
            if line.hasSuffix(":") && !line.hasPrefix(" ") { inList = true; if !verdictChanged { kept.append(line) }; continue }
            if inList && line.hasPrefix("  ") { if !verdictChanged { kept.append(line) }; continue }
            inList = false
            kept.append(line)
        }
        return kept
    }

    // MARK: - Rendering

    /// The findings as text: per record a heading, then per date the verdicts and why.
    public static func text(_ findings: [Finding], checked: Int, language: Language) -> String {
        let nl = language == .nl
        var out = ""
        var lastID: String?
        for f in findings {
            if f.id != lastID {
                let who = [f.client, f.consultant.map { "consultant " + $0 }].compactMap { $0 }.joined(separator: ", ")
                out += "\(f.id)  \(who.isEmpty ? "-" : who)\n"
                lastID = f.id
            }
            let on = f.when == .today ? (nl ? "vandaag, \(f.date)" : "today, \(f.date)") : (nl ? "actiedatum \(f.date)" : "action date \(f.date)")
            // The verdicts in the session's language; the record keeps its words in its own.
            let oldLabel = verdictLabel(f.oldVerdict, saidAs: f.oldVerdictLabel, language) ?? "-"
            let newLabel = verdictLabel(f.newVerdict, saidAs: f.newVerdictLabel, language) ?? (nl ? "onvolledig" : "incomplete")
            out += "  \(nl ? "op" : "on") \(on): \(oldLabel) → \(newLabel)\n"
            for change in f.ruleChanges {
                out += "    \(nl ? "regelwijziging" : "rule change") \(change.id) (\(change.date)): \(change.text)\n"
            }
            if let knowledge = f.knowledge {
                out += "    \(nl ? "kennisbank" : "knowledge") \(knowledge.old) → \(knowledge.new)\n"
            }
            for line in f.changes {
                out += "    \(line)\n"
            }
        }
        let count = Set(findings.map(\.id)).count
        out += nl ? "\(count) van \(checked) advies(en) zou nu anders luiden\n" : "\(count) of \(checked) advice record(s) would now differ\n"
        return ControlCharacters.escaped(out)
    }

    /// The words for `verdict` in `language`; a verdict this program does not know keeps the words it was saved with.
    static func verdictLabel(_ verdict: String?, saidAs label: String?, _ language: Language) -> String? {
        verdict.flatMap(Verdict.init(rawValue:)).map { Wording.verdict($0, language) } ?? label
    }

    /// The findings as JSON: `checked`, `stale` [{`id`, `client`, `consultant`, `on` (`action-date`|`today`),
    /// `date`, `old-verdict`, `new-verdict`, `rule-changes` [{`id`, `date`, `text`}], `knowledge` {`old`, `new`}, `changes`}].
    public static func json(_ findings: [Finding], checked: Int) -> String {
        let stale: [[String: Any]] = findings.map { f in
            var object: [String: Any] = [
                "id": f.id, "on": f.when.rawValue, "date": f.date,
                "old-verdict": f.oldVerdict ?? NSNull(), "new-verdict": f.newVerdict ?? NSNull(),
                "rule-changes": f.ruleChanges.map { ["id": $0.id, "date": $0.date, "text": $0.text] },
                "changes": f.changes,
            ]
            object["client"] = f.client ?? NSNull()
            object["consultant"] = f.consultant ?? NSNull()
            object["knowledge"] = f.knowledge.map { ["old": $0.old, "new": $0.new] } ?? NSNull()
            return object
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["checked": checked, "stale": stale],
                                                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
