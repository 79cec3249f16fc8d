import Foundation

/// Renders an `AdviceReport` as plain text, Markdown or JSON.
public enum AdviceRenderer {
    public static func text(_ report: AdviceReport, language: Language, width: Int = 80) -> String {
        var out: [String] = []
        let w = max(20, width)
        func section(_ key: Wording.Key) { out.append(""); out.append(Wording.text(key, language)) }
        if let verdictLabel = report.verdictLabel, let title = report.title {
            out.append(verdictLabel.uppercased())
            out += TextLayout.wrap(title, width: w)
            if let explanation = report.explanation { out.append(""); out += TextLayout.wrap(explanation, width: w) }
            if !report.path.isEmpty {
                section(.why)
                for step in report.path { out += TextLayout.hanging(stepLine(step, language), prefix: "  · ", width: w) }
            }
            let conditions = report.conditions ?? []
            if !conditions.isEmpty || report.verdict != Verdict.notAllowed.rawValue {
                section(.conditions)
                if conditions.isEmpty { out.append("  " + Wording.text(.noConditions, language)) }
                for c in conditions { out += TextLayout.hanging(c, prefix: "  [ ] ", width: w) }
            }
            for part in report.parts ?? [] {
                out.append("")
                out.append(part.label)
                out += TextLayout.hanging("\(part.verdictLabel): \(part.title)", prefix: "  ", width: w)
                for c in part.conditions { out += TextLayout.hanging(c, prefix: "  [ ] ", width: w) }
            }
            section(.alternatives)
            let alternatives = report.alternatives ?? []
            if alternatives.isEmpty { out.append("  " + Wording.text(.noAlternatives, language)) }
            for a in alternatives { out += TextLayout.hanging(a, prefix: "  - ", width: w) }
            section(.legalBasis)
            for r in allReferences(report) { out += TextLayout.hanging("\(r.ref) (\(r.gradeLabel))", prefix: "  - ", width: w) }
        } else if let missing = report.missing {
            out.append(Wording.text(.incomplete, language))
            if !report.path.isEmpty {
                section(.why)
                for step in report.path { out += TextLayout.hanging(stepLine(step, language), prefix: "  · ", width: w) }
            }
            section(.nextQuestion)
            if let scope = branchScope(report, language) { out += TextLayout.hanging(scope, prefix: "  ", width: w) }
            out += TextLayout.hanging(missing.text, prefix: "  ", width: w)
            out += TextLayout.hanging(missing.why, prefix: "  ", width: w)
            out.append("")
            out.append(Wording.text(.answerWith, language) + ":")
            for o in missing.options { out += TextLayout.hanging("\(o.label)", prefix: "  --fact \(missing.fact)=\(o.value)  ", width: w) }
        }
        for change in report.ruleChanges {
            section(.ruleChange)
            let side = Wording.ruleSide(change.applies, language)
            out += TextLayout.hanging(change.text, prefix: "  ", width: w)
            out += TextLayout.hanging("(\(side))", prefix: "  ", width: w)
        }
        out.append("")
        out += TextLayout.wrap("\(Wording.text(.actionDate, language)): \(spelled(report.date, language)) · \(knowledgeLine(report, language)) (sha256 \(report.knowledge.sha256.prefix(12)))", width: w)
        return TextLayout.join(out, separator: "\n") + "\n"
    }

    public static func markdown(_ report: AdviceReport, language: Language) -> String {
        var out: [String] = []
        func section(_ key: Wording.Key) { out.append(""); out.append("## " + Wording.text(key, language)); out.append("") }
        if let verdictLabel = report.verdictLabel, let title = report.title {
            out.append("# \(verdictLabel): \(escape(title))")
            if let explanation = report.explanation { out.append(""); out.append(escape(explanation)) }
            if !report.path.isEmpty {
                section(.why)
                for step in report.path {
                    out.append("- \(escape(step.text)) **\(escape(step.label))** (`\(step.fact)=\(step.value)`)"
                               + (step.assumed == true ? " _\(escape(assumedNote(language)))_" : ""))
                }
            }
            let conditions = report.conditions ?? []
            if !conditions.isEmpty || report.verdict != Verdict.notAllowed.rawValue {
                section(.conditions)
                if conditions.isEmpty { out.append(Wording.text(.noConditions, language)) }
                for c in conditions { out.append("- [ ] \(escape(c))") }
            }
            for part in report.parts ?? [] {
                out.append("")
                out.append("### " + escape(part.label))
                out.append("")
                out.append("\(escape(part.verdictLabel)): \(escape(part.title))")
                if !part.conditions.isEmpty { out.append("") }
                for c in part.conditions { out.append("- [ ] \(escape(c))") }
            }
            section(.alternatives)
            let alternatives = report.alternatives ?? []
            if alternatives.isEmpty { out.append(Wording.text(.noAlternatives, language)) }
            for a in alternatives { out.append("- \(escape(a))") }
            section(.legalBasis)
            for r in allReferences(report) { out.append("- \(escape(r.ref)) (_\(r.gradeLabel)_)") }
        } else if let missing = report.missing {
            out.append("# " + Wording.text(.incomplete, language))
            if !report.path.isEmpty {
                section(.why)
                for step in report.path {
                    out.append("- \(escape(step.text)) **\(escape(step.label))** (`\(step.fact)=\(step.value)`)"
                               + (step.assumed == true ? " _\(escape(assumedNote(language)))_" : ""))
                }
            }
            section(.nextQuestion)
            if let scope = branchScope(report, language) { out.append("_\(escape(scope))_"); out.append("") }
            out.append(escape(missing.text))
            out.append("")
            for o in missing.options { out.append("- `\(missing.fact)=\(o.value)`: \(escape(o.label))") }
        }
        for change in report.ruleChanges {
            section(.ruleChange)
            let side = Wording.ruleSide(change.applies, language)
            out.append("\(escape(change.text)) (\(side))")
        }
        out.append("")
        out.append("---")
        out.append("")
        out.append("\(Wording.text(.actionDate, language)): \(spelled(report.date, language)) · \(knowledgeLine(report, language)) (sha256 `\(report.knowledge.sha256)`)")
        return TextLayout.join(out, separator: "\n") + "\n"
    }

    /// A step of "Why": the question and its answer, marked when the answer was assumed for a "don't know".
    public static func stepLine(_ step: AdviceReport.Step, _ language: Language) -> String {
        "\(step.text) → \(step.label)" + (step.assumed == true ? " " + assumedNote(language) : "")
    }

    /// The mark on an answer assumed for one branch of a "don't know" answer, not given.
    public static func assumedNote(_ language: Language) -> String {
        language == .nl ? "(aangenomen voor deze mogelijkheid: u antwoordde \"Weet ik niet\")"
                        : "(assumed for this possibility: you answered \"Don't know\")"
    }

    /// Which branch a missing question is asked for, when the way there assumed answers.
    static func branchScope(_ report: AdviceReport, _ language: Language) -> String? {
        let assumed = report.assumedSteps
        guard !assumed.isEmpty else { return nil }
        let list = TextLayout.join(assumed.map { "\($0.text) → \($0.label)" }, separator: "; ")
        return language == .nl
            ? "Voor het geval: \(list). Andere mogelijkheden kunnen later andere vragen stellen."
            : "For the case: \(list). Other possibilities may ask other questions later."
    }

    /// The legal basis of the outcome, then that of the parts passed on the way, each reference once.
    static func allReferences(_ report: AdviceReport) -> [AdviceReport.Reference] {
        var seen = Set<String>()
        return ((report.legalBasis ?? []) + (report.parts ?? []).flatMap(\.legalBasis)).filter { seen.insert($0.ref).inserted }
    }

    /// "Kennisbank 2026.11.2, beoordeeld op 29 november 2026": which knowledge the advice rests on and how fresh it is.
    public static func knowledgeLine(_ report: AdviceReport, _ language: Language) -> String {
        var line = "\(Wording.text(.knowledge, language)) \(report.knowledge.version)"
        if let reviewed = report.knowledge.reviewed {
            line += ", \(Wording.text(.reviewedOn, language)) \(spelled(reviewed, language))"
        }
        if let due = report.knowledge.reviewDue, let dueDate = CalendarDate(iso: due), let date = CalendarDate(iso: report.date),
           date > dueDate {
            line += " (\(Wording.text(.reviewOverdue, language)) \(spelled(due, language)))"
        }
        return line
    }

    public static func json(_ report: AdviceReport) -> String { encodeJSON(report) }

    static func encodeJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and arrays of a report cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Escapes the characters that would change the meaning of Markdown inline text.
    static func escape(_ text: String) -> String {
        // Most text has none of these characters: returned as it is, without building a copy.
        guard text.utf8.contains(where: isEscaped) else { return text }
        var out = ""
        for c in text {
            if "\\`*_[]<>#|".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Whether `byte` is one of the characters `escape` escapes (all ASCII).
    private static func isEscaped(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"): true
        default: false
        }
    }

    static func spelled(_ iso: String, _ language: Language) -> String {
        CalendarDate(iso: iso)?.spelledOut(language) ?? iso
    }
}
