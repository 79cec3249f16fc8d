/// The record as a letter for the client: one self-contained HTML page (inline CSS with a print
/// stylesheet, no scripts, nothing fetched from the network) that prints as the PDF.
///
/// Order: letterhead (the firm), who and what it is about, the question in plain words, the
/// verdict, conditions as a checklist, shared parts passed, what can still be done, rule change,
/// legal basis with grades, notes and conclusion, the knowledge it rests on, the disclaimer and the
/// signature block; the technical part (answers as codes, record id, seals) in an appendix.
/// Every text from a record is escaped: records hold what people typed.
public enum RecordLetter {
    public static func html(_ record: AdviceRecord, firm: FirmSettings = .none, _ context: RecordRenderer.Context = .none) -> String {
        let L = Language(rawValue: record.language) ?? .nl
        let words = LetterWords(L)
        let advice = record.advice
        var body: [String] = []
        func add(_ line: String) { body.append(line) }

        // Letterhead.
        add("<header class=\"letterhead\">")
        if let name = firm.name?.text(L) {
            add("<p class=\"firm-name\">\(h(name))</p>")
            let contact = firm.contact(L)
            if !contact.isEmpty { add("<p class=\"contact\">" + contact.map(h).joined(separator: " <span class=\"sep\">·</span> ") + "</p>") }
        } else {
            add("<p class=\"firm-name neutral\">\(h(words.neutralHeading))</p>")
        }
        add("</header>")

        // Who and what.
        add("<table class=\"meta\">")
        func row(_ label: String, _ value: String?, code: Bool = false) {
            guard let value, !value.isEmpty else { return }
            add("<tr><th>\(h(label))</th><td\(code ? " class=\"code\"" : "")>\(h(value))</td></tr>")
        }
        row(words.client, record.client)
        row(words.date, LetterWords.readableTime(record.created, L))
        if record.changed != record.created { row(words.changed, LetterWords.readableTime(record.changed, L)) }
        row(words.actionDate, RecordRenderer.spelled(advice.date, L))
        row(words.consultant, record.consultant)
        row(words.supersedes, record.supersedes, code: true)
        row(words.supersededBy, context.supersededBy.isEmpty ? nil : context.supersededBy.joined(separator: ", "), code: true)
        add("</table>")
        // The subject is the letter's heading.
        add("<h1>\(h(record.subject ?? words.title))</h1>")
        if let texts = context.textsLanguage { add("<p class=\"notice\">\(h(words.textsIn(texts)))</p>") }

        // The question in plain words.
        add("<section class=\"question\">")
        add("<h2>\(h(words.question))</h2>")
        add("<p>\(h(words.situation(RecordRenderer.spelled(advice.date, L))))</p>")
        add("<dl class=\"answers\">")
        for step in record.steps {
            let open = step.value == Answer.unknownSpelling
            add("<dt>\(h(step.text))</dt>")
            var answer = "<dd\(open ? " class=\"open\"" : "")>\(h(open ? words.dontKnow : step.label))"
            if let note = step.note { answer += "<span class=\"note\">\(h(words.noteLabel)): \(h(note))</span>" }
            add(answer + "</dd>")
        }
        add("</dl>")
        add("</section>")
        if !record.openPoints.isEmpty {
            add("<section class=\"to-confirm\">")
            add("<h3>\(h(words.toConfirm))</h3>")
            add("<p>\(h(words.toConfirmIntro(conditional: record.isConditional)))</p>")
            if let conditional = record.conditional, !conditional.toConfirm.isEmpty {
                // Each open point with what each answer would mean for the advice, and what settles it.
                add("<ul class=\"checklist\">")
                for point in conditional.toConfirm {
                    var item = "<li>\(h(point.text))"
                    // A point asked on some branches only: say when, and claim no more than those branches show.
                    if let asked = ExplorationReport.askedOnly(point, language: L) { item += "<p class=\"hint\">\(h(asked))</p>" }
                    let qualifier = point.askedOnEveryBranch == false ? words.onThoseBranches(conditioned: point.askedIf != nil) : ""
                    item += "<ul class=\"meanings\">"
                    for option in point.options where !option.verdictLabels.isEmpty {
                        let verdicts = option.verdictLabels.joined(separator: " / ")
                        let meaning = option.verdictLabels.count > 1 ? words.dependsOnOtherPoints(verdicts) : verdicts
                        item += "<li>\(h(words.ifAnswer(option.label) + qualifier)): <strong>\(h(meaning))</strong></li>"
                    }
                    item += "</ul>"
                    if let evidence = point.evidence { item += "<p class=\"hint\">\(h(words.settledBy)): \(h(evidence))</p>" }
                    add(item + "</li>")
                }
                add("</ul>")
            } else {
                add(checklist(record.openPoints.map(\.text)))
            }
            add("</section>")
        }

        // The advice.
        if let verdictLabel = advice.verdictLabel, let title = advice.title {
            let verdictClass = advice.verdict.map { " verdict-" + h($0) } ?? ""
            add("<section class=\"advice\(verdictClass)\">")
            add("<h2>\(h(record.conditional?.status == "conditional" ? words.ourAdviceUntilConfirmed : words.ourAdvice))</h2>")
            add("<p class=\"verdict\">\(h(verdictLabel))</p>")
            add("<p class=\"advice-title\">\(h(title))</p>")
            if let explanation = advice.explanation { add("<p>\(h(explanation))</p>") }
            add("</section>")
            let conditions = advice.conditions ?? []
            if !conditions.isEmpty || advice.verdict != Verdict.notAllowed.rawValue {
                add("<section>")
                add("<h3>\(h(Wording.text(.conditions, L)))</h3>")
                if conditions.isEmpty {
                    add("<p>\(h(Wording.text(.noConditions, L)))</p>")
                } else {
                    add("<p class=\"hint\">\(h(words.checklistHint))</p>")
                    add(checklist(conditions))
                }
                add("</section>")
            }
            for part in advice.parts ?? [] {
                add("<section class=\"part verdict-\(h(part.verdict))\">")
                add("<h3>\(h(part.label))</h3>")
                add("<p><strong>\(h(part.verdictLabel))</strong>: \(h(part.title))</p>")
                if !part.conditions.isEmpty { add(checklist(part.conditions)) }
                add("</section>")
            }
            add("<section>")
            add("<h3>\(h(Wording.text(.alternatives, L)))</h3>")
            let alternatives = advice.alternatives ?? []
            if alternatives.isEmpty { add("<p>\(h(Wording.text(.noAlternatives, L)))</p>") }
            else { add("<ul class=\"alternatives\">" + alternatives.map { "<li>\(h($0))</li>" }.joined() + "</ul>") }
            add("</section>")
        } else if let missing = advice.missing {
            add("<section class=\"advice verdict-incomplete\">")
            add("<h2>\(h(words.ourAdvice))</h2>")
            add("<p class=\"verdict\">\(h(Wording.text(.incomplete, L)))</p>")
            add("<p>\(h(missing.text))</p>")
            add("</section>")
        }
        for change in advice.ruleChanges {
            add("<section>")
            add("<h3>\(h(Wording.text(.ruleChange, L)))</h3>")
            add("<p>\(h(change.text)) <em>(\(h(Wording.ruleSide(change.applies, L))))</em></p>")
            add("</section>")
        }
        let references = AdviceRenderer.allReferences(advice)
        if !references.isEmpty {
            add("<section>")
            add("<h3>\(h(Wording.text(.legalBasis, L)))</h3>")
            add("<ul class=\"references\">" + references.map {
                "<li>\(h($0.ref)) <span class=\"grade grade-\(h($0.grade))\">\(h($0.gradeLabel))</span></li>"
            }.joined() + "</ul>")
            add("</section>")
        }

        // The consultant's words.
        // Notes on single questions stand with their answer above; this is the note on the whole.
        if let note = record.note {
            add("<section class=\"notes\">")
            add("<h2>\(h(words.notes))</h2>")
            add("<p>\(h(note))</p>")
            add("</section>")
        }
        if let conclusion = record.conclusion {
            add("<section class=\"conclusion\">")
            add("<h2>\(h(words.conclusion))</h2>")
            add("<p>\(h(conclusion))</p>")
            add("</section>")
        }
        add("<p class=\"knowledge\">\(h(AdviceRenderer.knowledgeLine(advice, L))).</p>")
        add("<section class=\"disclaimer\">")
        add("<h2>\(h(words.disclaimer))</h2>")
        add("<p>\(h(firm.disclaimer(L)))</p>")
        add("</section>")

        // Signature.
        add("<section class=\"signature\">")
        add("<p>\(h(firm.signatureCaption(L)))</p>")
        add("<div class=\"signature-space\" aria-label=\"\(h(words.signatureLine))\"></div>")
        if let consultant = record.consultant { add("<p class=\"signer\">\(h(consultant))</p>") }
        if let name = firm.name?.text(L) { add("<p>\(h(name))</p>") }
        add("<p>\(h(LetterWords.readableDate(record.created, L)))</p>")
        add("</section>")

        // Appendix.
        var appendix: [String] = []
        appendix.append("<section class=\"appendix\">")
        appendix.append("<h2>\(h(words.appendix))</h2>")
        appendix.append("<table class=\"meta technical\">")
        func technical(_ label: String, _ value: String) {
            appendix.append("<tr><th>\(h(label))</th><td class=\"code\">\(h(value))</td></tr>")
        }
        technical(words.recordID, record.id)
        technical(words.seal, record.sha256)
        technical(words.knowledge, "\(advice.knowledge.version) (sha256 \(advice.knowledge.sha256))")
        technical(words.program, "\(record.program.name) \(record.program.version)")
        technical(words.created, record.created)
        if record.changed != record.created { technical(words.changed, record.changed) }
        technical(words.actionDate, advice.date)
        appendix.append("</table>")
        if !record.steps.isEmpty {
            appendix.append("<p>\(h(words.answersAsCodes))</p>")
            appendix.append("<table class=\"codes\">")
            let timed = record.steps.contains { $0.answered != nil }
            for step in record.steps {
                let answered = timed ? "<td class=\"code\">\(h(step.answered ?? ""))</td>" : ""
                appendix.append("<tr><td>\(h(step.text))</td><td class=\"code\">\(h(step.fact))=\(h(step.value))</td>\(answered)</tr>")
            }
            appendix.append("</table>")
        }
        appendix.append("</section>")

        let title = [words.title, record.subject, record.client].compactMap { $0 }.joined(separator: " – ")
        return """
        <!DOCTYPE html>
        <html lang="\(L.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(h(title))</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        <main class="letter">
        \(body.joined(separator: "\n"))
        </main>
        \(appendix.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    static func checklist(_ items: [String]) -> String {
        "<ul class=\"checklist\">" + items.map { "<li>\(h($0))</li>" }.joined() + "</ul>"
    }

    /// Text as HTML: the five characters that could start markup or end an attribute are escaped, and
    /// control characters are shown as `\u001b`, as everywhere else a record is shown.
    static func h(_ text: String) -> String {
        var out = ""
        for c in ControlCharacters.escaped(text, keepingNewlines: false) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let stylesheet = """
    :root { --ink: #1d2430; --muted: #5b6472; --line: #d5d9e0; --accent: #1f4e79;
            --allowed: #2e7d32; --allowed-if: #b26a00; --not-allowed: #b3261e; }
    * { box-sizing: border-box; }
    html { background: #eceef1; }
    body { margin: 0; padding: 24px 0; color: var(--ink);
           font: 10.5pt/1.5 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
    .letter, .appendix { background: #fff; width: 210mm; max-width: 100%; margin: 0 auto 24px;
                         padding: 18mm 20mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
    .letterhead { border-bottom: 2px solid var(--accent); padding-bottom: 8px; margin-bottom: 18px; }
    .firm-name { font-size: 17pt; font-weight: 700; color: var(--accent); margin: 0; letter-spacing: .01em; }
    .firm-name.neutral { font-weight: 600; }
    .contact { margin: 2px 0 0; color: var(--muted); font-size: 9pt; }
    .sep { margin: 0 .3em; }
    table.meta { border-collapse: collapse; margin: 0 0 14px; font-size: 10pt; }
    table.meta th { text-align: left; font-weight: 600; color: var(--muted); padding: 1px 16px 1px 0; vertical-align: top; white-space: nowrap; }
    table.meta td { padding: 1px 0; }
    .code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 8.5pt; word-break: break-all; }
    h1 { font-size: 15pt; margin: 18px 0 10px; }
    h2 { font-size: 12pt; color: var(--accent); margin: 20px 0 6px; }
    h3 { font-size: 10.5pt; margin: 14px 0 4px; }
    p { margin: 0 0 8px; }
    .notice { border: 1px solid var(--line); background: #f6f7f9; padding: 6px 10px; font-size: 9.5pt; }
    dl.answers { margin: 0; display: grid; grid-template-columns: 3fr 2fr; column-gap: 16px; }
    dl.answers dt, dl.answers dd { border-top: 1px solid var(--line); padding: 4px 0; }
    dl.answers dd { margin: 0; font-weight: 600; }
    dl.answers dd.open { color: var(--allowed-if); }
    .note { display: block; font-weight: 400; font-style: italic; color: var(--muted); }
    .advice { margin-top: 20px; padding: 10px 14px; border-left: 6px solid var(--accent); background: #f6f7f9; }
    .advice h2 { margin-top: 0; }
    .verdict { font-size: 14pt; font-weight: 700; margin-bottom: 2px; }
    .advice-title { font-weight: 600; }
    .verdict-allowed { border-left-color: var(--allowed); }
    .verdict-allowed .verdict { color: var(--allowed); }
    .verdict-allowed-if { border-left-color: var(--allowed-if); }
    .verdict-allowed-if .verdict { color: var(--allowed-if); }
    .verdict-not-allowed { border-left-color: var(--not-allowed); }
    .verdict-not-allowed .verdict { color: var(--not-allowed); }
    .part { border-left: 3px solid var(--line); padding-left: 12px; }
    .hint { color: var(--muted); font-size: 9pt; margin-bottom: 2px; }
    ul { margin: 0 0 8px; padding-left: 1.3em; }
    li { margin: 2px 0; }
    ul.checklist { list-style: none; padding-left: 0; }
    ul.checklist li { position: relative; padding-left: 1.7em; }
    ul.checklist li::before { content: ""; position: absolute; left: 0; top: .25em; width: .85em; height: .85em;
                              border: 1.5px solid var(--ink); border-radius: 2px; }
    ul.checklist ul.meanings { list-style: disc; padding-left: 1.2em; margin: .2em 0; }
    ul.checklist ul.meanings li { padding-left: 0; }
    ul.checklist ul.meanings li::before { content: none; }
    .grade { display: inline-block; font-size: 8pt; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
             border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; margin-left: 4px; }
    .conclusion p { font-size: 11pt; }
    .knowledge { margin-top: 18px; color: var(--muted); font-size: 9pt; }
    .disclaimer { border-top: 1px solid var(--line); margin-top: 12px; }
    .disclaimer h2 { font-size: 9pt; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
    .disclaimer p { font-size: 8.5pt; color: var(--muted); }
    .signature { margin-top: 22px; }
    .signature p { margin: 0; }
    .signature-space { height: 16mm; width: 70mm; border-bottom: 1px solid var(--ink); margin: 4px 0 6px; }
    .signer { font-weight: 600; }
    .appendix h2 { margin-top: 0; }
    table.codes { border-collapse: collapse; width: 100%; font-size: 9pt; }
    table.codes td { border-top: 1px solid var(--line); padding: 3px 8px 3px 0; vertical-align: top; }
    table.codes td.code { white-space: nowrap; word-break: normal; }
    @page { size: A4; margin: 18mm 18mm 20mm; }
    @media print {
      html, body { background: #fff; padding: 0; }
      .letter, .appendix { width: auto; margin: 0; padding: 0; box-shadow: none; }
      .appendix { break-before: page; }
      h1, h2, h3 { break-after: avoid; }
      .advice, .part, .signature, .disclaimer, li, dt, dd { break-inside: avoid; }
      .verdict-allowed, .verdict-allowed-if, .verdict-not-allowed { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
