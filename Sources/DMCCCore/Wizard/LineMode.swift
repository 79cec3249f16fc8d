/// The wizard without curses: numbered prompts, one per line, that a screen reader or a pipe can
/// follow. Same commands (`Commands.table`), same `reduce`, same advice text as the full screen.
public enum LineMode {
    /// What to print for the state now: the question with numbered options, the advice, the
    /// review list, a text prompt or the confirmation.
    public static func prompt(_ s: WizardState, _ kb: KnowledgeBase) -> String {
        let L = s.language
        var out: [String] = []
        if let message = s.message { out.append("! " + message.text(L)) }
        let advice = s.advice(kb)
        switch s.screen {
        case .advice:
            if let advice {
                out.append("")
                out.append(AdviceRenderer.text(AdviceReport(advice, in: kb, language: L), language: L, width: 80))
                out.append(Commands.lineHints(for: .advice, language: L))
            }
        case .question(let selection, let help):
            if let advice, let q = advice.missing {
                out.append("")
                let note = (s.session.answers[q.id]?.note ?? "").isEmpty ? "" : " " + WizardText.noteMarker
                out.append("\(WizardText.stepTitle.text(L)) \(advice.path.count + 1): \(q.text.text(L))\(note)")
                for (i, option) in q.options.enumerated() {
                    out.append("  \(i + 1)) \(kb.label(of: option.value, in: q).text(L))")
                }
                if help { out.append("  (\(q.why.text(L)))") }
                let earlier = s.session.answers[q.id]?.given == nil ? nil : selection + 1
                out.append(Commands.lineHints(for: .question, language: L, count: q.options.count, earlier: earlier,
                                              hiding: advice.path.isEmpty ? [.back] : []))
            }
        case .review:
            out.append("")
            out.append(WizardText.reviewLine.text(L))
            if let advice {
                for (i, step) in AdviceReport(advice, in: kb, language: L).path.enumerated() {
                    out.append("  \(i + 1)) \(WizardView.stepLine(step, s))")
                }
                out.append(Commands.lineHints(for: .review, language: L, count: advice.path.count))
            }
        case .date:
            out.append(WizardText.datePrompt.text(L))
        case .note:
            out.append(WizardText.notePrompt.text(L))
        case .details(let entry):
            out.append("\(WizardText.detailLabels[entry.field.rawValue].text(L)) (\(WizardText.skip.text(L))):")
        case .confirm, .resumeOffer:
            out.append(ConfirmScreen.lines(s, kb).joined(separator: " "))
        }
        let text = out.joined(separator: "\n") + "\n"
        return s.unicode ? text : WizardView.ascii(StyledLine(text)).text
    }

    /// Applies one typed line: the same actions a key would give, through the same `reduce`.
    public static func step(_ state: WizardState, _ line: String, at now: String, _ kb: KnowledgeBase) -> (WizardState, [WizardEffect]) {
        var s = state
        var effects: [WizardEffect] = []
        let advice = s.advice(kb)
        let count = s.kind == .question ? advice?.missing?.options.count ?? 0 : advice?.path.count ?? 0
        for action in Commands.actions(forLine: line, on: s.kind, count: count) {
            let (next, more) = Wizard.reduce(s, action, at: now, kb)
            s = next
            effects += more
            if more.contains(where: \.endsSession) { break }
        }
        return (s, effects)
    }
}
