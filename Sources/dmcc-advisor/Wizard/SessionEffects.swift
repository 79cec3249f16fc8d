import DMCCCore
import Foundation

/// Carries out the effects `Wizard.reduce` returns, for both the full-screen and the line-mode
/// shell: saving the advice record, autosaving the session, letting go of an offered session.
/// Effects that report back (a save, a failed autosave) are fed to `reduce` as actions.
struct SessionEffects {
    let kb: KnowledgeBase
    let records: TranscriptStore
    let sessions: SessionStore
    /// How to resume, for the line said after Ctrl-C when only an earlier autosave is kept.
    let resumeCommand: String
    private var lastAutosaveError: String?

    init(kb: KnowledgeBase, records: TranscriptStore, sessions: SessionStore, resumeCommand: String = "dmcc-advisor --resume") {
        self.kb = kb
        self.records = records
        self.sessions = sessions
        self.resumeCommand = resumeCommand
    }

    /// Runs `effects`; returns the state after any reports, and the farewell line once the wizard should end.
    mutating func run(_ effects: [WizardEffect], _ state: WizardState) -> (WizardState, farewell: String?) {
        var s = state
        var farewell: String?
        // Only the last autosave of one key or line matters.
        let lastAutosave = effects.lastIndex { if case .autosave = $0 { true } else { false } }
        for (i, effect) in effects.enumerated() {
            switch effect {
            case .autosave(let session):
                guard i == lastAutosave else { continue }
                s = autosave(session, s)
            case .save(let session, let language):
                s = save(session, language, s)
            case .release(let id):
                sessions.release(id)
            case .discardAutosave(let id):
                sessions.discard(id)
            case .quit(let line):
                farewell = line
            }
        }
        return (s, farewell)
    }

    private func save(_ session: Session, _ language: Language, _ s: WizardState) -> WizardState {
        let now = Clock.now()
        do {
            let exploration = try session.exploration(kb)
            let record = try records.save({ id in
                session.record(exploration, id: id, created: now, programVersion: programVersion, kb: kb, language: language)
            }, timestamp: now)
            return Wizard.reduce(s, .saved(id: record.id, location: "\(records.shownPath)/\(record.id).md"), at: now, kb).0
        } catch let refused as ConsultantKey.Unusable {
            return Wizard.reduce(s, .saveFailed(.signingKey(path: refused.path, readError: refused.readError, damage: refused.damage)),
                                 at: now, kb).0
        } catch {
            return Wizard.reduce(s, .saveFailed(.other(CLIText.reason(error).text(s.language))), at: now, kb).0
        }
    }

    private mutating func autosave(_ session: Session, _ s: WizardState) -> WizardState {
        let next: WizardState
        do {
            try sessions.save(session)
            guard lastAutosaveError != nil || s.autosaveFailure != nil else { return s }
            lastAutosaveError = nil
            next = Wizard.reduce(s, .autosaved, at: Clock.now(), kb).0
        } catch {
            let reason = CLIText.reason(error).text(s.language)
            // Say it once, not after every key, while the problem lasts.
            guard reason != lastAutosaveError else { return s }
            lastAutosaveError = reason
            // An earlier autosave of this session (from this run, or the one resumed) is still on disk:
            // a resume goes on from there, and saying "not kept" would be untrue.
            let earlierKept = FileManager.default.fileExists(atPath: sessions.autosaveURL(session.id).path)
            next = Wizard.reduce(s, .autosaveFailed(reason, earlierKept: earlierKept), at: Clock.now(), kb).0
        }
        // Ctrl-C and a hangup say what is true now (how to resume, or what could not be kept): their
        // line is switched before the next key.
        CursesScreen.setInterruptedLine(WizardText.interrupted(next, resumeCommand: resumeCommand).text(next.language))
        return next
    }
}
