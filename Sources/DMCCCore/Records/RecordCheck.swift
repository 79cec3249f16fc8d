import Foundation

/// Checks that a saved record is exactly what was saved: the seal matches the JSON content, the
/// Markdown copy matches what the JSON states, and the id is the one asked for. The problems are
/// said in `language` (`RecordText`): every command passes its session's; English for tests and tools.
public enum RecordCheck {
    public static func problems(json: Data, markdown: String?, expectedID: String, language: Language = .en) -> [String] {
        check(json: json, markdown: markdown, expectedID: expectedID, language: language).problems
    }

    /// The problems, and the record as read when the file holds exactly a record whose seal holds
    /// (nil otherwise): `verify` checks its signature without reading the file again.
    public static func check(json: Data, markdown: String?, expectedID: String,
                             language: Language = .en) -> (problems: [String], record: AdviceRecord?) {
        quickCheck(json: json, markdown: markdown, expectedID: expectedID, language: language)
            ?? referenceCheck(json: json, markdown: markdown, expectedID: expectedID, language: language)
    }

    /// `referenceCheck`'s verdict for a file that holds exactly a record (what every saved record
    /// is), reading it once with `RecordJSON`; nil for anything else (a file the strict reader
    /// refuses, that is not an advice record, or that holds more than the record shows), which
    /// `referenceCheck` judges. Verify reads thousands of records.
    static func quickCheck(json: Data, markdown: String?, expectedID: String,
                           language: Language = .en) -> (problems: [String], record: AdviceRecord?)? {
        guard let tree = try? RecordJSON.parse(json),
              let record = try? NodeCoding.decode(AdviceRecord.self, from: tree),
              NodeCoding.encodes(record, as: tree),
              let fileDigest = RecordSeal.digest(ofNode: tree) else { return nil }
        // As `referenceCheck` judges a file that round-trips (so the file's digest is the record's).
        let seal: SealFinding = record.sha256.isEmpty ? .missing : fileDigest != record.sha256 ? .broken : .holds
        let problems = recordProblems(record, expectedID: expectedID, seal: seal, markdown: markdown).map { $0.text(language) }
        return (problems, problems.isEmpty ? record : nil)
    }

    enum SealFinding { case holds, missing, broken }

    /// What both ways of checking find in a record once it is read, in the order `verify` reports it:
    /// its format, its id, its seal, its Markdown copy.
    private static func recordProblems(_ record: AdviceRecord, expectedID: String, seal: SealFinding, markdown: String?) -> [LocalizedText] {
        var problems: [LocalizedText] = []
        if record.format != AdviceRecord.format {
            problems.append(RecordText.unknownFormat(ControlCharacters.escaped(record.format, keepingNewlines: false)))
        }
        if record.id != expectedID {
            problems.append(RecordText.holdsOtherRecord(ControlCharacters.escaped(record.id, keepingNewlines: false), expected: expectedID))
        }
        switch seal {
        case .holds: break
        case .missing: problems.append(RecordText.noSeal)
        case .broken: problems.append(RecordText.brokenSeal)
        }
        if let markdown {
            if !RecordRenderer.isSavedCopy(markdown, of: record) { problems.append(RecordText.markdownDiffers) }
        } else {
            problems.append(RecordText.markdownMissing)
        }
        return problems
    }

    /// The check with JSONSerialization and JSONDecoder: the reference `quickCheck` must agree with,
    /// and the verdict for every file it leaves alone.
    static func referenceCheck(json: Data, markdown: String?, expectedID: String,
                               language: Language = .en) -> (problems: [String], record: AdviceRecord?) {
        guard let stored = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            return ([RecordText.notJSON.text(language)], nil)
        }
        var problems: [LocalizedText] = []
        if let key = RecordFile.firstDuplicateKey(in: json) {
            problems.append(RecordText.keyTwice(ControlCharacters.escaped(key, keepingNewlines: false)))
        }
        let record: AdviceRecord
        do {
            record = try JSONDecoder().decode(AdviceRecord.self, from: json)
        } catch {
            return ((problems + [RecordText.notAnAdviceRecordFile(describe(error))]).map { $0.text(language) }, nil)
        }
        let roundTrips = RecordFile.roundTrips(stored, as: record)
        if problems.isEmpty && !roundTrips { problems.append(RecordText.holdsMore) }
        let seal = stored["sha256"] as? String ?? ""
        // When the file holds exactly the record, both have one canonical form and one digest.
        let fileDigest = RecordSeal.digest(ofObject: stored)
        // The file as a whole and the record as read (what show and list display) must both match.
        let finding: SealFinding = seal.isEmpty ? .missing
            : fileDigest != seal || (roundTrips ? fileDigest : RecordSeal.digest(of: record)) != record.sha256 ? .broken : .holds
        problems += recordProblems(record, expectedID: expectedID, seal: finding, markdown: markdown)
        return (problems.map { $0.text(language) }, problems.isEmpty ? record : nil)
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            "at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "\(error)"
        }
    }
}

/// Re-evaluates a record's facts on its action date against (newer) knowledge and says what changed.
public enum Replay {
    public struct Result: Sendable {
        public var changed: Bool
        public var lines: [String]
        public var advice: AdviceReport?
    }

    public static func run(_ record: AdviceRecord, against kb: KnowledgeBase) -> Result {
        // "Don't know" answers are not values of their fact: such a record is explored again, not walked.
        if !record.openPoints.isEmpty { return runWithOpenPoints(record, against: kb) }
        let L = Language(rawValue: record.language) ?? .nl
        let nl = L == .nl
        var lines: [String] = []
        var facts: [String: String] = [:]
        for (fact, value) in record.facts.sorted(by: { $0.key < $1.key }) {
            if kb.factsByID[fact]?.value(value) != nil {
                facts[fact] = value
            } else {
                lines.append((nl ? "Het antwoord \(fact)=\(value) bestaat niet meer in de kennisbank"
                                 : "The answer \(fact)=\(value) no longer exists in the knowledge"))
            }
        }
        guard let date = CalendarDate(iso: record.advice.date) else {
            return Result(changed: true, lines: [nl ? "De actiedatum van het verslag is onleesbaar" : "The record's action date is unreadable"], advice: nil)
        }
        let advice: Advice
        do {
            // Replay gives each question the answer the record holds for that very question: an answer is
            // never carried over to another question that asks the same fact.
            var byQuestion: [String: String] = [:]
            for step in record.advice.path where facts[step.fact] == step.value { byQuestion[step.question] = step.value }
            advice = try Engine.walk(kb, on: date) { q in byQuestion[q.id].flatMap { q.option(for: $0) != nil ? $0 : nil } }
        } catch {
            return Result(changed: true, lines: lines + [error.description], advice: nil)
        }
        let now = AdviceReport(advice, in: kb, language: L)
        if record.advice.knowledge != now.knowledge {
            lines.insert((nl ? "Kennisbank: " : "Knowledge: ") + "\(record.advice.knowledge.version) → \(now.knowledge.version)", at: 0)
        }
        var changed = !lines.filter { !$0.hasPrefix(nl ? "Kennisbank" : "Knowledge") }.isEmpty
        if let missing = now.missing {
            changed = true
            lines.append((nl ? "De kennisbank vraagt nu ook: " : "The knowledge now also asks: ")
                         + "\(missing.text) (\(missing.fact): \(missing.options.map(\.value).joined(separator: ", ")))")
            return Result(changed: changed, lines: lines, advice: now)
        }
        if record.advice.verdict != now.verdict {
            changed = true
            lines.append((nl ? "Oordeel: " : "Verdict: ") + "\(record.advice.verdictLabel ?? "-") → \(now.verdictLabel ?? "-")")
        }
        func compare(_ title: String, _ old: [String], _ new: [String]) {
            let removed = old.filter { !new.contains($0) }, added = new.filter { !old.contains($0) }
            guard !removed.isEmpty || !added.isEmpty else { return }
            changed = true
            lines.append(title + ":")
            lines += removed.map { "  - " + $0 } + added.map { "  + " + $0 }
        }
        compare(Wording.text(.conditions, L), record.advice.conditions ?? [], now.conditions ?? [])
        compare(Wording.text(.alternatives, L), record.advice.alternatives ?? [], now.alternatives ?? [])
        compare(Wording.text(.legalBasis, L), (record.advice.legalBasis ?? []).map { "\($0.ref) (\($0.gradeLabel))" },
                (now.legalBasis ?? []).map { "\($0.ref) (\($0.gradeLabel))" })
        return Result(changed: changed, lines: lines, advice: now)
    }
}
