import DMCCCore
import Foundation

/// Carries out what the wizard's state asks of the outside world, for both the full-screen and
/// the line-mode shell: saving the advice record, and autosaving the session after every change.
struct SessionEffects {
    let kb: KnowledgeBase
    let store: TranscriptStore
    private var lastAutosaved: SessionSnapshot?
    private var lastAutosaveError: String?

    init(kb: KnowledgeBase, store: TranscriptStore) {
        self.kb = kb
        self.store = store
    }

    /// Stamps the time for the next key.
    func beforeKey(_ state: WizardState) -> WizardState {
        var s = state
        s.now = Clock.now()
        return s
    }

    mutating func afterKey(_ state: WizardState) -> WizardState {
        var s = state
        if s.pendingSave { s = save(s) }
        if !s.finished { s = autosave(s) }
        return s
    }

    /// A session that ended by choice leaves no autosave behind; one that was killed does.
    func finish(_ state: WizardState) {
        if state.finished { store.discardSession() }
    }

    private func save(_ s: WizardState) -> WizardState {
        let advice = s.advice(kb)
        let now = s.now.isEmpty ? Clock.now() : s.now
        do {
            let record = try store.save({ id in
                AdviceRecord(id: id, created: now, programVersion: programVersion, advice: advice, kb: kb, language: s.language,
                             client: s.client, consultant: s.consultant, subject: s.subject,
                             notes: s.notes, answeredAt: s.answeredAt)
            }, timestamp: now)
            return Wizard.reduce(s, .saved(id: record.id, location: "\(store.shownPath)/\(record.id).md"), kb)
        } catch {
            return Wizard.reduce(s, .saveFailed("\(error)"), kb)
        }
    }

    private mutating func autosave(_ s: WizardState) -> WizardState {
        guard var snapshot = s.snapshot(kb) else { return s }
        // Only a change in what was answered counts, not the clock.
        var comparable = snapshot
        comparable.changed = lastAutosaved?.changed ?? ""
        if comparable == lastAutosaved { return s }
        if snapshot.changed.isEmpty { snapshot.changed = Clock.now() }
        do {
            try store.saveSession(snapshot)
            lastAutosaved = snapshot
            lastAutosaveError = nil
            return s
        } catch {
            let reason = "\(error)"
            defer { lastAutosaveError = reason }
            // Say it once, not after every key, while the problem lasts.
            return reason == lastAutosaveError ? s : Wizard.reduce(s, .autosaveFailed(reason), kb)
        }
    }
}
