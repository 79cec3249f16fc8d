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
            if s.exploration(kb) != nil { s.screen = Wizard.walkScreen(s, kb) }
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
        let exploration = s.exploration(kb)
        var lines = [WizardView.titleBar(s, kb, exploration), exploration.map { WizardView.breadcrumb(s, kb, $0) } ?? StyledLine(), StyledLine()]
        lines += TextLayout.wrap(WizardText.dateQuestion.text(L), width: w).map { StyledLine(" " + $0, .bold) }
        lines.append(StyledLine())
        let shown = entry.text + "_"
        lines.append(StyledLine([Span("   "), Span(" " + shown + String(repeating: " ", count: max(0, 11 - shown.count)) + " ",
                                                  entry.prefilled ? .dim : .selected)]))
        lines.append(StyledLine())
        lines += TextLayout.wrap(WizardText.dateFormats.text(L), width: w).map { StyledLine(" " + $0) }
        lines += TextLayout.wrap(WizardText.dateWhy.text(L), width: w).map { StyledLine(" " + $0, .dim) }
        let footer = WizardView.footer(.date, s)
        return WizardView.padded(lines, s, footer) + WizardView.messageLines(s, more: nil) + footer
    }
}
