/// The Markdown copy as records were saved until the letter layout (main at 9bfbd18, program 0.1.0).
///
/// Frozen on purpose: `transcripts verify` compares a saved copy with what its JSON states, and
/// copies saved in this layout must keep verifying whatever later happens to the renderers. It
/// therefore has its own copy of the advice part instead of calling `AdviceRenderer.markdown`.
enum RecordMarkdownV1 {
    static func markdown(_ record: AdviceRecord) -> String {
        let L = Language(rawValue: record.language) ?? .nl
        let nl = L == .nl
        var out = ["# " + (nl ? "Adviesverslag " : "Advice record ") + record.id, "", "| | |", "|---|---|"]
        func row(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out.append("| \(label) | \(inline(value)) |")
        }
        row(nl ? "Klant" : "Client", record.client)
        row(nl ? "Consultant" : "Consultant", record.consultant)
        row(nl ? "Onderwerp" : "Subject", record.subject)
        row(nl ? "Gemaakt" : "Created", record.created)
        if record.changed != record.created { row(nl ? "Gewijzigd" : "Changed", record.changed) }
        row(nl ? "Actiedatum" : "Action date", CalendarDate(iso: record.advice.date)?.spelledOut(L) ?? record.advice.date)
        row(nl ? "Kennisbank" : "Knowledge", "\(record.advice.knowledge.version) (sha256 \(record.advice.knowledge.sha256))")
        row(nl ? "Programma" : "Program", "\(record.program.name) \(record.program.version)")
        row(nl ? "Zegel (SHA-256)" : "Seal (SHA-256)", record.sha256)
        if let note = record.note {
            out += ["", "**" + (nl ? "Notitie" : "Note") + ":** " + inline(note)]
        }
        out += ["", "## " + (nl ? "Vragen en antwoorden" : "Questions and answers"), ""]
        for (i, step) in record.steps.enumerated() {
            var line = "\(i + 1). \(inline(step.text)) **\(inline(step.label))** (`\(plain(step.fact))=\(plain(step.value))`)"
            if let answered = step.answered { line += " — \(plain(answered))" }
            out.append(line)
            if let note = step.note { out.append("   > " + (nl ? "Notitie: " : "Note: ") + inline(note)) }
        }
        out.append("")
        // The advice itself, one heading level down.
        let advice = adviceMarkdown(record.advice, language: L)
        out += advice.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("#") ? "#" + $0 : String($0) }
        return out.joined(separator: "\n").trimmingTrailingNewlines + "\n"
    }

    /// `AdviceRenderer.markdown` as it was at 9bfbd18.
    static func adviceMarkdown(_ report: AdviceReport, language: Language) -> String {
        var out: [String] = []
        let nl = language == .nl
        func section(_ nlText: String, _ enText: String) { out.append(""); out.append("## " + (nl ? nlText : enText)); out.append("") }
        func why() {
            guard !report.path.isEmpty else { return }
            section("Waarom", "Why")
            for step in report.path { out.append("- \(escape(step.text)) **\(escape(step.label))** (`\(step.fact)=\(step.value)`)") }
        }
        if let verdictLabel = report.verdictLabel, let title = report.title {
            out.append("# \(verdictLabel): \(escape(title))")
            if let explanation = report.explanation { out.append(""); out.append(escape(explanation)) }
            why()
            let conditions = report.conditions ?? []
            if !conditions.isEmpty || report.verdict != Verdict.notAllowed.rawValue {
                section("Voorwaarden", "Conditions")
                if conditions.isEmpty { out.append(nl ? "Geen bijzondere voorwaarden." : "No special conditions.") }
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
            section("Wat u nog wel kunt doen", "What you can still do")
            let alternatives = report.alternatives ?? []
            if alternatives.isEmpty { out.append(nl ? "Geen." : "None.") }
            for a in alternatives { out.append("- \(escape(a))") }
            section("Juridische basis", "Legal basis")
            var seen = Set<String>()
            let references = ((report.legalBasis ?? []) + (report.parts ?? []).flatMap(\.legalBasis)).filter { seen.insert($0.ref).inserted }
            for r in references { out.append("- \(escape(r.ref)) (_\(r.gradeLabel)_)") }
        } else if let missing = report.missing {
            out.append("# " + (nl ? "Nog geen advies: er ontbreekt een antwoord" : "No advice yet: an answer is missing"))
            why()
            section("Volgende vraag", "Next question")
            out.append(escape(missing.text))
            out.append("")
            for o in missing.options { out.append("- `\(missing.fact)=\(o.value)`: \(escape(o.label))") }
        }
        for change in report.ruleChanges {
            section("Regelwijziging", "Rule change")
            let before = change.applies == AppliedRuleChange.Side.before.rawValue
            let side = nl ? (before ? "deze actie valt vóór de wijziging; de oude regel geldt" : "deze actie valt op of na de wijziging; de nieuwe regel geldt")
                : (before ? "this action falls before the change; the old rule applies" : "this action falls on or after the change; the new rule applies")
            out.append("\(escape(change.text)) (\(side))")
        }
        out.append("")
        out.append("---")
        out.append("")
        out.append("\(nl ? "Datum van de actie" : "Action date"): \(spelled(report.date, language)) · \(knowledgeLine(report, language)) (sha256 `\(report.knowledge.sha256)`)")
        return out.joined(separator: "\n") + "\n"
    }

    static func knowledgeLine(_ report: AdviceReport, _ language: Language) -> String {
        let nl = language == .nl
        var line = "\(nl ? "Kennisbank" : "Knowledge base") \(report.knowledge.version)"
        if let reviewed = report.knowledge.reviewed {
            line += ", \(nl ? "juridisch beoordeeld op" : "legally reviewed on") \(spelled(reviewed, language))"
        }
        if let due = report.knowledge.reviewDue, let dueDate = CalendarDate(iso: due), let date = CalendarDate(iso: report.date),
           date > dueDate {
            line += " (\(nl ? "let op: de kennisbank moest opnieuw beoordeeld zijn op" : "note: the knowledge was due for review on") \(spelled(due, language)))"
        }
        return line
    }

    static func spelled(_ iso: String, _ language: Language) -> String { CalendarDate(iso: iso)?.spelledOut(language) ?? iso }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]<>#|".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    static func plain(_ text: String) -> String { ControlCharacters.escaped(text, keepingNewlines: false) }
    static func inline(_ text: String) -> String { escape(plain(text)) }
}
