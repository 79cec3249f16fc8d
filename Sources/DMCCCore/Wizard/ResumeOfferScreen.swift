/// The interrupted sessions found at start, offered for resuming one at a time over a view of
/// where each stopped. Yes continues the one shown; Tab steps to the next; no keeps them all on
/// disk for a later start and says so. None is ever hidden.
enum ResumeOfferScreen {
    static func update(_ action: WizardAction, _ offer: ResumeOffer, _ s: inout WizardState,
                       _ effects: inout [WizardEffect], _ kb: KnowledgeBase) {
        let count = offer.sessions.count
        switch action {
        case .yes:
            effects += offer.sessions.filter { $0.id != offer.offered.id }.map { .release(sessionID: $0.id) }
            s = Wizard.resume(offer.offered, into: s, kb)
        case .no, .cancel:
            effects += offer.sessions.map { .release(sessionID: $0.id) }
            s.screen = Wizard.firstScreen(s)
            s.message = WizardText.keptForLater(count)
        case .nextField, .moveDown:
            s.screen = .resumeOffer(ResumeOffer(sessions: offer.sessions, index: (offer.index + 1) % count))
        case .moveUp:
            s.screen = .resumeOffer(ResumeOffer(sessions: offer.sessions, index: (offer.index + count - 1) % count))
        default:
            break
        }
    }
}
