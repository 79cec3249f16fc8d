/// Everything the wizard shows follows from this value; every key turns it into a new value.
/// Nothing here touches a terminal, so the whole wizard is tested without one.
public struct WizardState: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case walking
        case review
        case editingDate(String)
        case confirm(ConfirmTarget)
    }

    public enum ConfirmTarget: Sendable, Equatable {
        case quit, newSession
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
        case .confirm: .confirm
        }
    }

    /// The walk for the current answers and date. Answers a question on the path does not offer
    /// (left from another branch) count as unanswered.
    public func advice(_ kb: KnowledgeBase) -> Advice {
        if let advice = try? Engine.advise(kb, facts: answers, on: date, unofferedAsMissing: true) { return advice }
        // The date is checked before it is set, so this only guards a knowledge base that lint would reject.
        return .incomplete(missing: kb.question(kb.metadata.root) ?? Question(id: "?", fact: "?", text: LocalizedText([:]),
                                                                             why: LocalizedText([:]), options: [], location: .unknown),
                           path: [], ruleChanges: [], date: date)
    }

    /// The screen kind actually on show: a walk that reached an outcome shows the outcome screen.
    public func screen(_ kb: KnowledgeBase) -> ScreenKind {
        if mode == .walking, advice(kb).outcome != nil { return .outcome }
        return screen
    }
}

public enum Wizard {
    public static func start(_ kb: KnowledgeBase, date: CalendarDate, language: Language, width: Int = 80, height: Int = 24) -> WizardState {
        WizardState(date: date, language: language, width: width, height: height)
    }

    /// Applies a key on the screen now shown.
    public static func handle(_ key: WizardKey, _ state: WizardState, _ kb: KnowledgeBase) -> WizardState {
        guard let action = KeyBindings.action(for: key, on: state.screen(kb)) else { return state }
        return reduce(state, action, kb)
    }

    public static func reduce(_ old: WizardState, _ action: WizardAction, _ kb: KnowledgeBase) -> WizardState {
        var s = old
        if case .resize(let w, let h) = action {
            s.width = w
            s.height = h
            s.scroll = clampScroll(s.scroll, s, kb)
            return s
        }
        s.message = nil
        switch s.mode {
        case .walking:
            if s.advice(kb).outcome != nil { outcomeAction(action, &s, kb) } else { questionAction(action, &s, kb) }
        case .review:
            reviewAction(action, &s, kb)
        case .editingDate(let text):
            dateAction(action, text, &s, kb)
        case .confirm(let target):
            switch action {
            case .yes:
                if target == .quit { s.finished = true } else { s = fresh(s) }
            case .no, .cancel:
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
        WizardState(date: s.date, language: s.language, width: s.width, height: s.height)
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
}
