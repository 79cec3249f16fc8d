/// Everything the wizard shows follows from this value; every key turns it into a new value.
/// Nothing here touches a terminal, so the whole wizard is tested without one.
public struct WizardState: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case walking
        case review
        case editingDate(String)
        case editingNote(String)
        /// The optional client, consultant and subject fields at the start (0, 1, 2).
        case header(field: Int)
        case confirm(ConfirmTarget)
    }

    public enum ConfirmTarget: Sendable, Equatable {
        case quit, newSession, resume
    }

    /// The answers the walk uses, by fact. Answers off the current path are kept, so that a
    /// change made in review keeps the later answers that still apply.
    public var answers: [String: String] = [:]
    /// Answers taken back with "back" or opened in review: shown as the selection, not used.
    public var remembered: [String: String] = [:]
    public var date: CalendarDate
    public var language: Language
    public var mode: Mode = .walking
    /// The highlighted option (question) or answer (review).
    public var selection = 0
    /// The first visible line of the outcome body.
    public var scroll = 0
    public var showHelp = false
    /// True once the current advice has been saved; quitting unsaved work asks first.
    public var saved = false
    public var message: LocalizedText?
    public var width = 80
    public var height = 24
    public var finished = false

    // The advice record (see Records/): who it is for, notes per question, when each was answered.
    public var client = ""
    public var consultant = ""
    public var subject = ""
    public var notes: [String: String] = [:]
    public var answeredAt: [String: String] = [:]
    /// The time the shell stamps on answers given with the next key (ISO 8601); the core has no clock.
    public var now = ""
    /// Set by `s` on the advice; the shell saves, then reports back with `.saved` or `.saveFailed`.
    public var pendingSave = false
    public var recordID: String?
    /// An interrupted session the shell found at start, offered for resuming.
    public var resumable: SessionSnapshot?
    var headerAtStart = true
    public init(date: CalendarDate, language: Language, width: Int = 80, height: Int = 24) {
        self.date = date
        self.language = language
        self.width = width
        self.height = height
    }

    public var screen: ScreenKind {
        switch mode {
        case .walking: .question
        case .review: .review
        case .editingDate: .date
        case .editingNote: .note
        case .header: .header
        case .confirm: .confirm
        }
    }

    /// The walk for the current answers and date. Answers a question on the path does not offer
    /// (left from another branch) count as unanswered.
    public func advice(_ kb: KnowledgeBase) -> Advice {
        let answer: (Question) -> String? = { q in answers[q.fact].flatMap { q.option(for: $0) != nil ? $0 : nil } }
        if let advice = try? Engine.walk(kb, on: date, answer: answer) { return advice }
        // The date is checked before it is set, so this only guards a knowledge base that lint would reject.
        return Advice(status: .incomplete(missing: kb.question(kb.metadata.root) ?? Question(id: "?", fact: "?", text: LocalizedText([:]),
                                                                             why: LocalizedText([:]), options: [], location: .unknown)),
                      path: [], ruleChanges: [], date: date)
    }

    /// The screen kind actually on show: a walk that reached an outcome shows the outcome screen.
    public func screen(_ kb: KnowledgeBase) -> ScreenKind {
        if mode == .walking, advice(kb).outcome != nil { return .outcome }
        return screen
    }
}

public enum Wizard {
    /// - Parameters:
    ///   - header: start with the client/consultant/subject screen (skippable with Enter or Esc).
    ///   - resumable: an interrupted session to offer for resuming first.
    public static func start(_ kb: KnowledgeBase, date: CalendarDate, language: Language, width: Int = 80, height: Int = 24,
                             header: Bool = false, resumable: SessionSnapshot? = nil) -> WizardState {
        var s = WizardState(date: date, language: language, width: width, height: height)
        s.headerAtStart = header
        s.resumable = resumable
        s.mode = resumable != nil ? .confirm(.resume) : (header ? .header(field: 0) : .walking)
        return s
    }

    /// Applies a key on the screen now shown.
    public static func handle(_ key: WizardKey, _ state: WizardState, _ kb: KnowledgeBase) -> WizardState {
        guard let action = KeyBindings.action(for: key, on: state.screen(kb)) else { return state }
        return reduce(state, action, kb)
    }

    public static func reduce(_ old: WizardState, _ action: WizardAction, _ kb: KnowledgeBase) -> WizardState {
        var s = old
        switch action {
        case .resize(let w, let h):
            s.width = w
            s.height = h
            s.scroll = clampScroll(s.scroll, s, kb)
            return s
        case .saved(let id, let location):
            s.pendingSave = false
            s.saved = true
            s.recordID = id
            s.message = WizardText.savedTo(location)
            return s
        case .saveFailed(let reason), .autosaveFailed(let reason):
            s.pendingSave = false
            s.message = WizardText.notSaved(reason)
            return s
        default:
            break
        }
        s.message = nil
        switch s.mode {
        case .walking:
            if s.advice(kb).outcome != nil { outcomeAction(action, &s, kb) } else { questionAction(action, &s, kb) }
        case .review:
            reviewAction(action, &s, kb)
        case .editingDate(let text):
            dateAction(action, text, &s, kb)
        case .editingNote(let text):
            noteAction(action, text, &s, kb)
        case .header(let field):
            headerAction(action, field, &s)
        case .confirm(let target):
            switch (action, target) {
            case (.yes, .quit): s.finished = true
            case (.yes, .newSession): s = fresh(s)
            case (.yes, .resume):
                if let snapshot = s.resumable { s = WizardState(restoring: snapshot, width: s.width, height: s.height) }
                s.selection = selectionForCurrentQuestion(s, kb)
            case (.no, .resume), (.cancel, .resume):
                s.resumable = nil
                s.mode = s.headerAtStart ? .header(field: 0) : .walking
            case (.no, _), (.cancel, _):
                s.mode = .walking
            default:
                break
            }
        }
        return s
    }

    // MARK: - Screens

    private static func questionAction(_ action: WizardAction, _ s: inout WizardState, _ kb: KnowledgeBase) {
        guard let question = s.advice(kb).missing else { return }
        switch action {
        case .moveUp: s.selection = max(0, s.selection - 1)
        case .moveDown: s.selection = min(question.options.count - 1, s.selection + 1)
        case .choose(let i) where question.options.indices.contains(i):
            s.selection = i
            answer(question, i, &s, kb)
        case .confirm where question.options.indices.contains(s.selection):
            answer(question, s.selection, &s, kb)
        case .back: back(&s, kb)
        case .toggleHelp: s.showHelp.toggle()
        case .addNote: s.mode = .editingNote(s.notes[question.id] ?? "")
        default: common(action, &s, kb)
        }
    }

    private static func outcomeAction(_ action: WizardAction, _ s: inout WizardState, _ kb: KnowledgeBase) {
        let page = max(1, WizardView.bodyHeight(s) - 1)
        switch action {
        case .moveUp: s.scroll -= 1
        case .moveDown: s.scroll += 1
        case .pageUp: s.scroll -= page
        case .pageDown: s.scroll += page
        case .home: s.scroll = 0
        case .end: s.scroll = Int.max / 2
        case .back: back(&s, kb)
        case .toggleHelp: s.showHelp.toggle()
        case .newSession: if s.saved { s = fresh(s) } else { s.mode = .confirm(.newSession) }
        case .save:
            // Saving the same advice twice would make two records of one advice.
            if s.saved, let id = s.recordID { s.message = WizardText.alreadySaved(id) } else { s.pendingSave = true }
        default: common(action, &s, kb)
        }
        s.scroll = clampScroll(s.scroll, s, kb)
    }

    private static func reviewAction(_ action: WizardAction, _ s: inout WizardState, _ kb: KnowledgeBase) {
        let path = s.advice(kb).path
        switch action {
        case .moveUp: s.selection = max(0, s.selection - 1)
        case .moveDown: s.selection = min(max(0, path.count - 1), s.selection + 1)
        case .choose(let i) where path.indices.contains(i):
            s.selection = i
            reopen(path[i], &s, kb)
        case .confirm where path.indices.contains(s.selection):
            reopen(path[s.selection], &s, kb)
        case .cancel:
            s.mode = .walking
            s.selection = selectionForCurrentQuestion(s, kb)
        case .toggleHelp: s.showHelp.toggle()
        case .quit: quit(&s, kb)
        default: break
        }
    }

    private static func dateAction(_ action: WizardAction, _ text: String, _ s: inout WizardState, _ kb: KnowledgeBase) {
        switch action {
        case .type(let c) where (c.isASCII && c.isNumber) || c == "-":
            if text.count < 10 { s.mode = .editingDate(text + String(c)) }
        case .deleteCharacter:
            s.mode = .editingDate(String(text.dropLast()))
        case .cancel:
            s.mode = .walking
        case .confirm:
            guard let date = CalendarDate(iso: text) else {
                s.message = WizardText.invalidDate(text)
                return
            }
            if let from = kb.metadata.coversFrom, date < from {
                s.message = WizardText.dateNotCovered(from)
                return
            }
            s.date = date
            s.mode = .walking
            s.saved = false
            s.selection = selectionForCurrentQuestion(s, kb)
            s.message = WizardText.dateSet(date)
        default:
            break
        }
    }

    private static func noteAction(_ action: WizardAction, _ text: String, _ s: inout WizardState, _ kb: KnowledgeBase) {
        switch action {
        case .type(let c): s.mode = .editingNote(text + String(c))
        case .deleteCharacter: s.mode = .editingNote(String(text.dropLast()))
        case .cancel: s.mode = .walking
        case .confirm:
            if let question = s.advice(kb).missing {
                let note = text.trimmingWhitespace
                s.notes[question.id] = note.isEmpty ? nil : note
                s.saved = false
            }
            s.mode = .walking
        default: break
        }
    }

    private static func headerAction(_ action: WizardAction, _ field: Int, _ s: inout WizardState) {
        func edit(_ change: (inout String) -> Void) {
            switch field {
            case 0: change(&s.client)
            case 1: change(&s.consultant)
            default: change(&s.subject)
            }
        }
        switch action {
        case .type(let c): edit { $0.append(c) }
        case .deleteCharacter: edit { if !$0.isEmpty { $0.removeLast() } }
        case .moveUp: s.mode = .header(field: max(0, field - 1))
        case .moveDown: s.mode = .header(field: min(2, field + 1))
        case .confirm: s.mode = field >= 2 ? .walking : .header(field: field + 1)
        case .cancel: s.mode = .walking
        default: break
        }
    }

    /// Keys that mean the same on the question and the outcome screen.
    private static func common(_ action: WizardAction, _ s: inout WizardState, _ kb: KnowledgeBase) {
        switch action {
        case .openReview:
            let path = s.advice(kb).path
            guard !path.isEmpty else { s.message = WizardText.nothingToReview; return }
            s.mode = .review
            s.selection = path.count - 1
        case .editDate: s.mode = .editingDate(s.date.description)
        case .toggleLanguage: s.language = s.language == .nl ? .en : .nl
        case .quit: quit(&s, kb)
        default: break
        }
    }

    // MARK: - Walking

    private static func answer(_ question: Question, _ index: Int, _ s: inout WizardState, _ kb: KnowledgeBase) {
        let value = question.options[index].value
        s.answers[question.fact] = value
        s.remembered[question.fact] = value
        if !s.now.isEmpty { s.answeredAt[question.id] = s.now }
        s.saved = false
        s.showHelp = false
        s.scroll = 0
        s.selection = selectionForCurrentQuestion(s, kb)
    }

    /// One question back, with the earlier answer still selected.
    private static func back(_ s: inout WizardState, _ kb: KnowledgeBase) {
        guard let last = s.advice(kb).path.last else { s.message = WizardText.atFirstQuestion; return }
        s.remembered[last.fact] = last.value
        s.answers[last.fact] = nil
        s.showHelp = false
        s.scroll = 0
        s.selection = selectionForCurrentQuestion(s, kb)
    }

    /// Review: reopen one answered question; the walk goes on from there once it is answered again.
    private static func reopen(_ step: PathStep, _ s: inout WizardState, _ kb: KnowledgeBase) {
        s.remembered[step.fact] = step.value
        s.answers[step.fact] = nil
        s.mode = .walking
        s.scroll = 0
        s.selection = selectionForCurrentQuestion(s, kb)
    }

    private static func quit(_ s: inout WizardState, _ kb: KnowledgeBase) {
        if s.saved || s.advice(kb).path.isEmpty { s.finished = true } else { s.mode = .confirm(.quit) }
    }

    private static func fresh(_ s: WizardState) -> WizardState {
        var new = WizardState(date: s.date, language: s.language, width: s.width, height: s.height)
        new.headerAtStart = s.headerAtStart
        new.mode = s.headerAtStart ? .header(field: 0) : .walking
        return new
    }

    /// The remembered answer of the question now asked, or the first option.
    static func selectionForCurrentQuestion(_ s: WizardState, _ kb: KnowledgeBase) -> Int {
        guard let q = s.advice(kb).missing, let value = s.remembered[q.fact] else { return 0 }
        return q.options.firstIndex { $0.value == value } ?? 0
    }

    static func clampScroll(_ scroll: Int, _ s: WizardState, _ kb: KnowledgeBase) -> Int {
        guard s.mode == .walking, let _ = s.advice(kb).outcome else { return 0 }
        let total = WizardView.outcomeBody(s, kb).count
        return min(max(0, scroll), max(0, total - WizardView.bodyHeight(s)))
    }
}

/// Status messages of the wizard, in both languages.
enum WizardText {
    static func invalidDate(_ text: String) -> LocalizedText {
        LocalizedText(["nl": "'\(text)' is geen datum; schrijf JJJJ-MM-DD, bijv. 2026-11-29",
                       "en": "'\(text)' is not a date; write YYYY-MM-DD, e.g. 2026-11-29"])
    }
    static func dateNotCovered(_ from: CalendarDate) -> LocalizedText {
        LocalizedText(["nl": "de kennisbank geeft advies vanaf \(from.spelledOut(.nl))",
                       "en": "the knowledge gives advice from \(from.spelledOut(.en)) on"])
    }
    static func dateSet(_ date: CalendarDate) -> LocalizedText {
        LocalizedText(["nl": "actiedatum is nu \(date.spelledOut(.nl))", "en": "action date is now \(date.spelledOut(.en))"])
    }
    static let atFirstQuestion = LocalizedText(["nl": "dit is de eerste vraag", "en": "this is the first question"])
    static let nothingToReview = LocalizedText(["nl": "nog geen antwoorden om te herzien", "en": "no answers to review yet"])
    static func savedTo(_ location: String) -> LocalizedText {
        LocalizedText(["nl": "opgeslagen: \(location)", "en": "saved: \(location)"])
    }
    static func alreadySaved(_ id: String) -> LocalizedText {
        LocalizedText(["nl": "al opgeslagen als \(id)", "en": "already saved as \(id)"])
    }
    static func notSaved(_ reason: String) -> LocalizedText {
        LocalizedText(["nl": "niet opgeslagen: \(reason); de sessie blijft open", "en": "not saved: \(reason); the session stays open"])
    }
}
