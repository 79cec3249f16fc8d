/// The action date: typing replaces the pre-filled date; both 29-11-2026 and 2026-11-29 work.
enum DateScreen {
    static func update(_ action: WizardAction, _ entry: DateEntry, _ s: inout WizardState, _ kb: KnowledgeBase) {
        switch action {
        case .type(let c) where (c.isASCII && c.isNumber) || c == "-":
            let text = entry.prefilled ? "" : entry.text
            if text.count < 10 { s.screen = .date(DateEntry(text: text + String(c), prefilled: false)) }
        case .paste(let text):
            let typed = String(TextInput.pasted(text).filter { ($0.isASCII && $0.isNumber) || $0 == "-" }.prefix(10))
            s.screen = .date(DateEntry(text: typed, prefilled: false))
        case .deleteCharacter: s.screen = .date(DateEntry(text: String(entry.text.dropLast()), prefilled: false))
        case .clearField: s.screen = .date(DateEntry(text: "", prefilled: false))
        case .cancel:
            // A session whose date is not covered has no walk to go back to.
            if s.advice(kb) != nil { s.screen = Wizard.walkScreen(s, kb) }
        case .confirm:
            guard let date = parse(entry.text) else { s.message = WizardText.invalidDate(entry.text); return }
            if let from = kb.metadata.coversFrom, date < from { s.message = WizardText.dateNotCovered(from); return }
            s.session.date = date
            s.screen = Wizard.walkScreen(s, kb)
            s.message = WizardText.dateSet(date)
        default: break
        }
    }

    /// `YYYY-MM-DD`, or the Dutch order `DD-MM-YYYY` (also `D-M-YYYY`).
    static func parse(_ text: String) -> CalendarDate? {
        if let iso = CalendarDate(iso: text) { return iso }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    static func view(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        guard case .date(let entry) = s.screen else { return [] }
        let w = WizardView.textWidth(s)
        let L = s.language
        let advice = s.advice(kb)
        var lines = [WizardView.titleBar(s, kb, advice), advice.map { WizardView.breadcrumb(s, kb, $0) } ?? StyledLine(), StyledLine()]
        lines += TextLayout.wrap(WizardText.dateQuestion.text(L), width: w).map { StyledLine(" " + $0, .bold) }
        lines.append(StyledLine())
        let shown = entry.text + "_"
        lines.append(StyledLine([Span("   "), Span(" " + shown + String(repeating: " ", count: max(0, 11 - shown.count)) + " ",
                                                  entry.prefilled ? .dim : .selected)]))
        lines.append(StyledLine())
        lines += TextLayout.wrap(WizardText.dateFormats.text(L), width: w).map { StyledLine(" " + $0) }
        lines += TextLayout.wrap(WizardText.dateWhy.text(L), width: w).map { StyledLine(" " + $0, .dim) }
        let footer = WizardView.footer(.date, s)
        return WizardView.padded(lines, s, footer) + [WizardView.messageLine(s, more: nil)] + footer
    }
}

/// A note on the question on screen, typed straight into the session so an autosave keeps it.
enum NoteScreen {
    static func update(_ action: WizardAction, _ question: String, _ original: String?, _ s: inout WizardState, _ kb: KnowledgeBase) {
        func edit(_ change: (inout String) -> Void) {
            var entry = s.session.answers[question] ?? Answer()
            var text = entry.note ?? ""
            change(&text)
            entry.note = text
            s.session.answers[question] = entry
        }
        switch action {
        case .type(let c): if let kept = TextInput.typed(c) { edit { $0 += kept } }
        case .paste(let text): edit { $0 += TextInput.pasted(text) }
        case .deleteCharacter: edit { if !$0.isEmpty { $0.removeLast() } }
        case .clearField: edit { $0 = "" }
        case .cancel:
            s.session.answers[question]?.note = original
            if s.session.answers[question]?.isEmpty == true { s.session.answers[question] = nil }
            s.screen = Wizard.walkScreen(s, kb)
        case .confirm:
            let note = (s.session.answers[question]?.note ?? "").trimmingWhitespace
            s.session.answers[question]?.note = note.isEmpty ? nil : note
            if s.session.answers[question]?.isEmpty == true { s.session.answers[question] = nil }
            s.screen = Wizard.walkScreen(s, kb)
        default: break
        }
    }

    static func view(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        guard case .note(let question, _) = s.screen else { return [] }
        let w = WizardView.textWidth(s)
        let L = s.language
        let advice = s.advice(kb)
        var lines = [WizardView.titleBar(s, kb, advice), advice.map { WizardView.breadcrumb(s, kb, $0) } ?? StyledLine(), StyledLine()]
        if let q = kb.question(question) {
            lines += TextLayout.wrap(q.text.text(L), width: w).map { StyledLine(" " + $0, .dim) }
            lines.append(StyledLine())
        }
        lines += TextLayout.wrap(WizardText.noteTitle.text(L), width: w).map { StyledLine(" " + $0, .bold) }
        let footer = WizardView.footer(.note, s)
        let room = max(1, s.height - 1 - footer.count - lines.count)
        // Only the end of a long note, where the typing happens, is laid out: the cost per key
        // does not grow with the length of the note.
        let text = WizardView.tail(s.session.answers[question]?.note ?? "", cells: room * (w - 2))
        let wrapped = TextLayout.wrap(text + "_", width: w - 2)
        lines += wrapped.suffix(room).map { StyledLine([Span("  "), Span($0, .selected)]) }
        return WizardView.padded(lines, s, footer) + [WizardView.messageLine(s, more: nil)] + footer
    }
}

/// Client, consultant and subject, for the record: at the start, or later from review.
enum DetailsScreen {
    static func update(_ action: WizardAction, _ entry: DetailsEntry, _ s: inout WizardState, _ kb: KnowledgeBase) {
        func edit(_ change: (inout String) -> Void) {
            switch entry.field {
            case .client: change(&s.session.client)
            case .consultant: change(&s.session.consultant)
            case .subject: change(&s.session.subject)
            }
        }
        func leave() {
            s.screen = entry.fromReview ? .review(selection: Int.max, help: false) : Wizard.walkScreen(s, kb)
        }
        switch action {
        case .type(let c): if let kept = TextInput.typed(c) { edit { $0 += kept } }
        case .paste(let text): edit { $0 += TextInput.pasted(text) }
        case .deleteCharacter: edit { if !$0.isEmpty { $0.removeLast() } }
        case .clearField: edit { $0 = "" }
        case .moveUp:
            s.screen = .details(DetailsEntry(field: DetailsEntry.Field(rawValue: max(0, entry.field.rawValue - 1)) ?? .client, fromReview: entry.fromReview))
        case .nextField:
            s.screen = .details(DetailsEntry(field: DetailsEntry.Field(rawValue: min(2, entry.field.rawValue + 1)) ?? .subject, fromReview: entry.fromReview))
        case .confirm:
            edit { $0 = $0.trimmingWhitespace }
            if entry.field == .subject { leave() } else {
                s.screen = .details(DetailsEntry(field: DetailsEntry.Field(rawValue: entry.field.rawValue + 1) ?? .subject, fromReview: entry.fromReview))
            }
        case .cancel: leave()
        default: break
        }
    }

    static func view(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        guard case .details(let entry) = s.screen else { return [] }
        let L = s.language
        let w = WizardView.textWidth(s)
        var lines = [WizardView.titleBar(s, kb, s.advice(kb)), StyledLine(), StyledLine()]
        lines += TextLayout.wrap(WizardText.detailsTitle.text(L), width: w).map { StyledLine(" " + $0, .bold) }
        lines.append(StyledLine())
        let labels = WizardText.detailLabels.map { $0.text(L) }
        let values = [s.session.client, s.session.consultant, s.session.subject]
        let labelWidth = labels.map { TextLayout.width($0) }.max() ?? 0
        for field in DetailsEntry.Field.allCases {
            let i = field.rawValue
            let current = field == entry.field
            let label = " " + labels[i] + String(repeating: " ", count: labelWidth - TextLayout.width(labels[i])) + "  "
            let room = max(1, s.width - TextLayout.width(label) - 2)
            // A long entry scrolls: the end, where the typing happens, stays in view.
            let value = current ? WizardView.tail(values[i] + "_", cells: room) : TextLayout.truncate(values[i], to: room)
            lines.append(StyledLine([Span(label, current ? .bold : .plain), Span(value + " ", current ? .selected : .plain)]))
            lines.append(StyledLine())
        }
        let footer = WizardView.footer(.details, s)
        return WizardView.padded(lines, s, footer) + [WizardView.messageLine(s, more: nil)] + footer
    }
}
