/// A note on the question on screen, typed straight into the session so an autosave keeps it.
enum NoteScreen {
    static func update(_ action: WizardAction, _ question: String, _ original: String?, _ s: inout WizardState, _ kb: KnowledgeBase) {
        func edit(_ change: (inout String) -> Void) {
            var entry = s.session.answers[question] ?? SessionAnswer()
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
            if (s.session.answers[question]?.note ?? "") != (original ?? "") { s.message = WizardText.noteDiscarded }
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
        let exploration = s.exploration(kb)
        var lines = [WizardView.titleBar(s, kb, exploration), exploration.map { WizardView.breadcrumb(s, kb, $0) } ?? StyledLine(), StyledLine()]
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
        return WizardView.padded(lines, s, footer) + WizardView.messageLines(s, more: nil) + footer
    }
}
