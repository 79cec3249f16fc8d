/// An interrupted session found at start, offered for resuming over a view of where it stopped.
/// Yes continues it; no keeps it on disk for a later start and says so.
enum ResumeOfferScreen {
    static func update(_ action: WizardAction, _ offered: Session, _ s: inout WizardState,
                       _ effects: inout [WizardEffect], _ kb: KnowledgeBase) {
        switch action {
        case .yes:
            s = Wizard.resume(offered, into: s, kb)
        case .no, .cancel:
            effects.append(.release(sessionID: offered.id))
            s.screen = Wizard.firstScreen(s)
            s.message = WizardText.keptForLater
        default:
            break
        }
    }
}
