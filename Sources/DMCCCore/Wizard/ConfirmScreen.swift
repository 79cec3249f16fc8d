/// A yes/no question in a box over the screen it is about: quit, start over, keep the date,
/// save without off-path notes; the resume offer (ResumeOfferScreen) is drawn the same way.
enum ConfirmScreen {
    static func update(_ action: WizardAction, _ confirmation: Confirmation, _ s: inout WizardState,
                       _ effects: inout [WizardEffect], _ now: String, _ kb: KnowledgeBase) {
        switch (action, confirmation) {
        case (.yes, .quit):
            effects += [.discardAutosave(sessionID: s.session.id), .quit(farewell: Wizard.farewell(s, kb))]
        case (.yes, .newSession):
            s.screen = .confirm(.keepDate)
        case (.yes, .keepDate), (.no, .keepDate):
            // Who the advice is for stays: starting over is about the action, not the client.
            var fresh = Session(id: s.session.id, date: s.session.date, changed: now)
            (fresh.client, fresh.consultant, fresh.subject) = (s.session.client, s.session.consultant, s.session.subject)
            s.session = fresh
            // Not keeping the date: the new session asks for it first.
            s.screen = action == .yes ? Wizard.firstScreen(s) : .date(DateEntry(text: s.session.date.description, prefilled: true))
        case (.yes, .saveWithoutNotes):
            s.screen = Wizard.walkScreen(s, kb)
            AdviceScreen.save(&s, &effects, kb, warned: true)
        case (.no, _), (.cancel, _):
            s.screen = Wizard.walkScreen(s, kb)
        default:
            break
        }
    }

    static func lines(_ s: WizardState, _ kb: KnowledgeBase) -> [String] {
        switch s.screen {
        case .confirm(let c):
            return WizardText.confirmation(c, adviceShown: s.exploration(kb)?.isComplete == true).map { $0.text(s.language) }
        case .resumeOffer(let offer):
            let offered = offer.offered
            let exploration = try? offered.exploration(kb)
            let step = (exploration?.steps.count ?? offered.answers.values.filter { $0.inEffect != nil }.count) + 1
            return WizardText.resumeOffer(offered, step: step, covered: exploration != nil, coversFrom: kb.metadata.coversFrom,
                                          number: offer.index + 1, of: offer.sessions.count).map { $0.text(s.language) }
        default: return []
        }
    }

    /// Stepping through the offered sessions only when there is more than one.
    static func hiding(_ s: WizardState) -> [WizardAction] {
        if case .resumeOffer(let offer) = s.screen, offer.sessions.count > 1 { return [] }
        return [.nextField]
    }

    static func view(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        var base = s
        switch s.screen {
        case .resumeOffer(let offer):
            base.session = offer.offered
            base.screen = Wizard.walkScreen(base, kb)
            if base.exploration(kb) == nil { base.screen = .date(DateEntry(text: offer.offered.date.description, prefilled: true)) }
        default:
            base.screen = Wizard.walkScreen(s, kb)
        }
        base.message = nil
        let footer = WizardView.footer(s.kind, s, hiding: hiding(s))
        // The screen underneath without its own message line and footer: only this box's keys work now.
        let covered = WizardView.footer(base.kind, base).count + 1
        let under = Array(WizardView.render(base, kb).prefix(max(0, s.height - covered)))
        let body = under + Array(repeating: StyledLine(), count: max(0, s.height - footer.count - under.count))
        return Array(WizardView.overlay(body, lines(s, kb), s).prefix(s.height - footer.count)) + footer
    }
}
