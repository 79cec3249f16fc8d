/// The consultant's conclusion for the client, written on the advice screen and typed straight into
/// the session (so an autosave keeps it); saved as the record's `conclusion` (issue 10).
enum ConclusionScreen {
    static func update(_ action: WizardAction, _ original: String?, _ s: inout WizardState, _ kb: KnowledgeBase) {
        func edit(_ change: (inout String) -> Void) {
            var text = s.session.conclusion ?? ""
            change(&text)
            s.session.conclusion = text
        }
        switch action {
        case .type(let c): if let kept = TextInput.typed(c) { edit { $0 += kept } }
        case .paste(let text): edit { $0 += TextInput.pasted(text) }
        case .deleteCharacter: edit { if !$0.isEmpty { $0.removeLast() } }
        case .clearField: edit { $0 = "" }
        case .cancel:
            if (s.session.conclusion ?? "") != (original ?? "") { s.message = WizardText.conclusionDiscarded }
            s.session.conclusion = original
            s.screen = Wizard.walkScreen(s, kb)
        case .confirm:
            let text = (s.session.conclusion ?? "").trimmingWhitespace
            s.session.conclusion = text.isEmpty ? nil : text
            s.screen = Wizard.walkScreen(s, kb)
        default: break
        }
    }

    static func view(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        let w = WizardView.textWidth(s)
        let L = s.language
        let exploration = s.exploration(kb)
        var lines = [WizardView.titleBar(s, kb, exploration), exploration.map { WizardView.breadcrumb(s, kb, $0) } ?? StyledLine(), StyledLine()]
        lines += TextLayout.wrap(WizardText.conclusionTitle.text(L), width: w).map { StyledLine(" " + $0, .bold) }
        let footer = WizardView.footer(.conclusion, s)
        let room = max(1, s.height - 1 - footer.count - lines.count)
        // Only the end of a long text, where the typing happens, is laid out (as in the note editor).
        let text = WizardView.tail(s.session.conclusion ?? "", cells: room * (w - 2))
        lines += TextLayout.wrap(text + "_", width: w - 2).suffix(room).map { StyledLine([Span("  "), Span($0, .selected)]) }
        return WizardView.padded(lines, s, footer) + WizardView.messageLines(s, more: nil) + footer
    }
}
