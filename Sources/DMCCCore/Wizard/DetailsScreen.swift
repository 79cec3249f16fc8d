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
            s.screen = .details(DetailsEntry(field: DetailsEntry.Field(rawValue: max(0, entry.field.rawValue - 1)) ?? .client, fromReview: entry.fromReview, original: entry.original))
        case .nextField:
            s.screen = .details(DetailsEntry(field: DetailsEntry.Field(rawValue: min(2, entry.field.rawValue + 1)) ?? .subject, fromReview: entry.fromReview, original: entry.original))
        case .confirm:
            edit { $0 = $0.trimmingWhitespace }
            if entry.field == .subject { leave() } else {
                s.screen = .details(DetailsEntry(field: DetailsEntry.Field(rawValue: entry.field.rawValue + 1) ?? .subject, fromReview: entry.fromReview, original: entry.original))
            }
        case .cancel:
            if let original = entry.original, original.count == 3 {
                (s.session.client, s.session.consultant, s.session.subject) = (original[0], original[1], original[2])
            }
            leave()
        default: break
        }
    }

    static func view(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        guard case .details(let entry) = s.screen else { return [] }
        let L = s.language
        let w = WizardView.textWidth(s)
        let heading = TextLayout.wrap(WizardText.detailsTitle.text(L), width: w).map { StyledLine(" " + $0, .bold) }
        let footer = WizardView.footer(.details, s)
        // In a small window (down to the minimum 40×12) the blank lines give way, and then the
        // heading (a long warning may need its rows), so every field, the one being typed in above
        // all, stays in view.
        let fields = DetailsEntry.Field.allCases.count
        let always = 2 + fields + WizardView.messageHeight(s) + footer.count  // title bar, a blank, fields, message, footer
        let roomy = always + 2 + heading.count + fields <= s.height
        let withHeading = roomy || always + heading.count <= s.height
        var lines = [WizardView.titleBar(s, kb, s.exploration(kb)), StyledLine()] + (roomy ? [StyledLine()] : [])
        if withHeading { lines += heading }
        if roomy { lines.append(StyledLine()) }
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
            if roomy { lines.append(StyledLine()) }
        }
        return WizardView.padded(lines, s, footer) + WizardView.messageLines(s, more: nil) + footer
    }
}
