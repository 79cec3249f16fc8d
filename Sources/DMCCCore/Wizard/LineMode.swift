/// The wizard without curses: numbered prompts, one per line, that a screen reader or a pipe can
/// follow. Same commands (`Commands.table`), same `reduce`, same advice text as the full screen.
public enum LineMode {
    /// What to print for the state now: the question with numbered options, the advice, the
    /// review list, a text prompt or the confirmation. After `previous`, advice that did not change
    /// (a stray line, a save) is not printed again: the message and the hints are enough, and a screen
    /// reader is not made to read some 90 lines once more.
    public static func prompt(_ s: WizardState, _ kb: KnowledgeBase, after previous: WizardState? = nil) -> String {
        let L = s.language
        var out: [String] = []
        // Success and failure each say so in words first: "Gelukt:" / "Fout:" (plain text, no colour).
        if let message = s.message { out.append(WizardText.lineMessage(message, L)) }
        let exploration = s.exploration(kb)
        switch s.screen {
        case .advice:
            if let previous, case .advice = previous.screen, previous.language == s.language,
               previous.session.content == s.session.content {
                out.append(Commands.lineHints(for: .advice, language: L))
            } else if let exploration, exploration.isComplete {
                out.append("")
                if let conclusion = s.session.conclusion {
                    out.append("\(WizardText.conclusionHeading.text(L)): \(conclusion)")
                    out.append("")
                }
                if exploration.isDefinite {
                    out.append(AdviceRenderer.text(AdviceReport(exploration.branches[0].advice, in: kb, language: L), language: L, width: 80))
                } else {
                    out.append(AdviceRenderer.text(ExplorationReport(exploration, in: kb, language: L), language: L, width: 80))
                }
                out.append(Commands.lineHints(for: .advice, language: L))
            }
        case .question(let selection, let help):
            if let exploration, let q = exploration.missing {
                out.append("")
                let note = (s.session[answerTo: q.id, in: kb]?.note ?? "").isEmpty ? "" : " " + WizardText.noteMarker
                out.append("\(WizardText.stepTitle.text(L)) \(exploration.steps.count + 1): \(q.text.text(L))\(note)")
                let assumed = exploration.current?.assumptions ?? []
                if !assumed.isEmpty { out.append("  " + WizardText.assuming(assumed, kb, L)) }
                for (i, option) in q.options.enumerated() {
                    out.append("  \(i + 1)) \(kb.label(of: option.value, in: q).text(L))")
                }
                if help { out.append("  (\(q.why.text(L)))") }
                let earlier = s.session[answerTo: q.id, in: kb]?.given == nil || selection == Screen.none ? nil : selection + 1
                if s.session[answerTo: q.id, in: kb]?.given?.value == .unknown { out.append("  " + WizardText.earlierDontKnow.text(L)) }
                out.append(Commands.lineHints(for: .question, language: L, count: q.options.count, earlier: earlier,
                                              hiding: QuestionScreen.backStep(exploration) == nil ? [.back] : []))
            }
        case .review:
            out.append("")
            out.append(WizardText.reviewLine.text(L))
            if let exploration {
                let steps = s.session.steps(exploration, kb, language: L)
                for (i, step) in steps.enumerated() {
                    out.append("  \(i + 1)) \(WizardView.stepLine(step, s, kb))")
                }
                out.append(Commands.lineHints(for: .review, language: L, count: steps.count))
            }
        case .date:
            out.append(WizardText.datePrompt.text(L))
        case .note(let question, _):
            out += textPrompt(WizardText.notePrompt, current: s.session.answers[question]?.note, L)
        case .conclusion:
            out += textPrompt(WizardText.conclusionPrompt, current: s.session.conclusion, L)
        case .details(let entry):
            out.append("\(WizardText.detailLabels[entry.field.rawValue].text(L)) (\(WizardText.skip.text(L))):")
        case .confirm, .resumeOffer:
            out.append(ConfirmScreen.lines(s, kb).joined(separator: " "))
        }
        let text = out.joined(separator: "\n") + "\n"
        return s.unicode ? text : WizardView.ascii(StyledLine(text)).text
    }

    /// What to print for a line that was refused before it reached the wizard (too long, not text):
    /// the message, then the prompt as after a stray line; the state itself is unchanged.
    public static func refused(_ s: WizardState, _ message: WizardMessage, _ kb: KnowledgeBase) -> String {
        var shown = s
        shown.message = message
        return prompt(shown, kb, after: s)
    }

    /// A note or conclusion prompt: the text kept so far (a line replaces it, so it is shown first)
    /// and how to keep, replace or clear it.
    static func textPrompt(_ label: LocalizedText, current: String?, _ L: Language) -> [String] {
        guard let current, !current.isEmpty else { return ["\(label.text(L)) (\(WizardText.textEmptyIsNone.text(L))):"] }
        return ["\(WizardText.textNow.text(L)): \(current)", "\(label.text(L)) (\(WizardText.textKeepReplaceClear.text(L))):"]
    }

    /// The word that clears a note or conclusion in line mode (an empty line keeps it).
    public static let clearWord = "-"

    /// The actions of a line typed at the date, note or conclusion prompt, and the message line
    /// mode adds after them (nil: the screen's own message stands). Letters are never dropped
    /// before a check, and an empty line never erases text.
    static func textActions(_ s: WizardState, _ line: String) -> (actions: [WizardAction], message: WizardMessage?)? {
        let text = line.trimmingWhitespace
        switch s.screen {
        case .date:
            switch text.lowercased() {
            // An empty line or "b" leaves the date as it was (Esc); "q" stops, as on every other screen.
            case "", "b": return ([.cancel], nil)
            case "q": return ([.cancel, .quit], nil)
            default:
                // The check sees what was typed, letters included, and the error repeats it.
                guard DateScreen.parse(text) != nil else { return ([], WizardText.invalidDate(text)) }
                return ([.clearField, .paste(text), .confirm], nil)
            }
        case .note(let question, _):
            return textField(text, had: s.session.answers[question]?.note, .note)
        case .conclusion:
            return textField(text, had: s.session.conclusion, .conclusion)
        default:
            return nil
        }
    }

    private static func textField(_ text: String, had current: String?, _ field: WizardText.TextField) -> (actions: [WizardAction], message: WizardMessage?) {
        let had = !(current ?? "").isEmpty
        if text.isEmpty { return ([.cancel], WizardText.textUnchanged(field)) }
        if text == clearWord { return ([.clearField, .confirm], had ? WizardText.textCleared(field) : WizardText.textUnchanged(field)) }
        return ([.clearField, .paste(text), .confirm], WizardText.textStored(field))
    }

    /// Applies one typed line: the same actions a key would give, through the same `reduce`.
    public static func step(_ state: WizardState, _ line: String, at now: String, _ kb: KnowledgeBase) -> (WizardState, [WizardEffect]) {
        var s = state
        var effects: [WizardEffect] = []
        // A date, note or conclusion prompt reads its line here; every other screen as its keys' words.
        let text = textActions(s, line)
        let actions: [WizardAction]
        if let text {
            actions = text.actions
        } else {
            let exploration = s.exploration(kb)
            let count = s.kind == .question ? exploration?.missing?.options.count ?? 0 : exploration?.steps.count ?? 0
            actions = Commands.actions(forLine: line, on: s.kind, count: count)
        }
        for action in actions {
            let (next, more) = Wizard.reduce(s, action, at: now, kb)
            s = next
            effects += more
            if more.contains(where: \.endsSession) { return (s, effects) }
        }
        if let text {
            // "q" at a date prompt with no walk behind it (a date the knowledge does not cover).
            if text.actions.contains(.quit), s.kind == .date { Wizard.quit(&s, &effects, kb) }
            if let message = text.message { s.message = message }
        }
        return (s, effects)
    }
}
