/// The readable copy of a record for the client file, and its plain-text form.
public enum RecordRenderer {
    public static func markdown(_ record: AdviceRecord) -> String {
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
        out += openPointsMarkdown(record)
        // The advice itself, one heading level down.
        let advice = AdviceRenderer.markdown(record.advice, language: L)
        out += advice.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("#") ? "#" + $0 : String($0) }
        return out.joined(separator: "\n").trimmingTrailingNewlines + "\n"
    }

    public static func text(_ record: AdviceRecord) -> String {
        let L = Language(rawValue: record.language) ?? .nl
        let nl = L == .nl
        var out: [String] = []
        out.append((nl ? "Adviesverslag " : "Advice record ") + record.id)
        for (label, value) in [(nl ? "Klant" : "Client", record.client), ("Consultant", record.consultant),
                               (nl ? "Onderwerp" : "Subject", record.subject), (nl ? "Gemaakt" : "Created", record.created)] {
            if let value { out.append("  \(label): \(plain(value))") }
        }
        for step in record.steps {
            guard let note = step.note else { continue }
            out.append("  " + (nl ? "Notitie bij" : "Note on") + " '\(plain(step.text))': \(plain(note))")
        }
        out += openPointsText(record)
        out.append("")
        out.append(AdviceRenderer.text(record.advice, language: L))
        return out.joined(separator: "\n")
    }

    /// A field on one line with its control characters visible, for text output.
    static func plain(_ text: String) -> String { ControlCharacters.escaped(text, keepingNewlines: false) }

    /// A field on one line, safe inside a Markdown table cell or paragraph.
    static func inline(_ text: String) -> String { AdviceRenderer.escape(plain(text)) }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while s.last == "\n" { s.removeLast() }
        return String(s)
    }
}
