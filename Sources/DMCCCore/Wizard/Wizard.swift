/// The wizard as a pure state machine: `reduce(state, action, now)` gives the next state and the
/// effects the shell must carry out. The time comes with the action; the core has no clock.
public enum Wizard {
    /// - Parameters:
    ///   - details: start with the client/consultant/subject screen.
    ///   - offer: an interrupted session to offer for resuming first.
    ///   - offers: all interrupted sessions, newest first (instead of `offer`); the user steps through them.
    public static func start(_ kb: KnowledgeBase, session: Session, language: Language, width: Int = 80, height: Int = 24,
                             details: Bool = false, offer: Session? = nil, offers: [Session] = []) -> WizardState {
        var s = WizardState(session: session, screen: .question(selection: Screen.none, help: false), language: language,
                            width: width, height: height, detailsFirst: details)
        let offered = offers.isEmpty ? (offer.map { [$0] } ?? []) : offers
        if !offered.isEmpty {
            s.screen = .resumeOffer(ResumeOffer(sessions: offered))
        } else {
            s.screen = firstScreen(s)
            s = settled(s, kb)
        }
        return s
    }

    /// Continues `session`; a session whose date the knowledge no longer covers goes to the date
    /// screen and says so, instead of stopping at the first question without a word.
    public static func resume(_ session: Session, into state: WizardState, _ kb: KnowledgeBase) -> WizardState {
        var s = state
        s.session = session
        s.screen = .question(selection: Screen.none, help: false)
        s.message = nil
        if (try? session.advice(kb)) == nil {
            s.screen = .date(DateEntry(text: "", prefilled: false))
            s.message = WizardText.sessionDateNotCovered(session.date, kb.metadata.coversFrom, otherKnowledge: otherKnowledge(session, kb))
            return s
        }
        // Exactly what the live session showed: a taken-back answer is highlighted again.
        s.screen = walkScreen(s, kb)
        s.message = otherKnowledge(session, kb)
        return settled(s, kb)
    }

    /// Said on resuming a session answered with other knowledge than is loaded now (both versions),
    /// so the consultant can stop and start again with the right folder; nil when it is the same or
    /// the session does not say (an autosave from before it was kept).
    static func otherKnowledge(_ session: Session, _ kb: KnowledgeBase) -> WizardMessage? {
        guard let then = session.knowledge, then != KnowledgeStamp(kb) else { return nil }
        return WizardText.otherKnowledge(then: then, now: KnowledgeStamp(kb))
    }

    /// Applies a key on the screen now shown.
    public static func handle(_ key: WizardKey, _ state: WizardState, at now: String, _ kb: KnowledgeBase) -> (WizardState, [WizardEffect]) {
        if state.width < WizardView.minimumWidth || state.height < WizardView.minimumHeight {
            // While the window is too small nothing is shown, so no key may act unseen.
            guard case .resize(let w, let h) = key else { return (state, []) }
            return reduce(state, .resize(width: w, height: h), at: now, kb)
        }
        guard let action = Commands.action(for: key, on: state.kind) else { return (state, []) }
        return reduce(state, action, at: now, kb)
    }

    public static func reduce(_ old: WizardState, _ action: WizardAction, at now: String, _ kb: KnowledgeBase) -> (WizardState, [WizardEffect]) {
        var s = old
        var effects: [WizardEffect] = []
        switch action {
        case .resize(let w, let h):
            s.width = w
            s.height = h
        case .redraw:
            break
        case .saved(let id, let location):
            s.session.savedAs = id
            s.session.lastSaved = id
            s.saveFailed = false
            s.message = WizardText.savedTo(location)
        case .saveFailed(let reason):
            s.saveFailed = true
            s.message = WizardText.notSaved(reason)
        case .autosaveFailed(let reason, let earlierKept):
            s.autosaveFailure = reason
            s.autosaveEarlierKept = earlierKept
            s.message = WizardText.autosaveFailed(reason, earlierKept: earlierKept)
        case .autosaved:
            // Kept again after a failure: the warning goes, and says so.
            if s.autosaveFailure != nil { s.message = WizardText.autosaveWorksAgain }
            s.autosaveFailure = nil
        case .unknownInput(let text):
            s.message = WizardText.unknownInput(text)
        case .notAChoice(let text, let count):
            s.message = WizardText.notAChoice(text, count: count)
        default:
            s.message = nil
            switch s.screen {
            case .question(let selection, let help): QuestionScreen.update(action, selection, help, &s, &effects, now, kb)
            case .advice(let scroll, let help): AdviceScreen.update(action, scroll, help, &s, &effects, now, kb)
            case .review(let selection, let help, let typed): ReviewScreen.update(action, selection, help, typed, &s, &effects, kb)
            case .date(let entry): DateScreen.update(action, entry, &s, kb)
            case .note(let question, let original): NoteScreen.update(action, question, original, &s, kb)
            case .conclusion(let original): ConclusionScreen.update(action, original, &s, kb)
            case .details(let entry): DetailsScreen.update(action, entry, &s, kb)
            case .confirm(let confirmation): ConfirmScreen.update(action, confirmation, &s, &effects, now, kb)
            case .resumeOffer(let offer): ResumeOfferScreen.update(action, offer, &s, &effects, kb)
            }
        }
        s = settled(s, kb)
        if s.session.content != old.session.content {
            s.session.savedAs = nil
            s.session.changed = now
            // A change to this session is made with the knowledge loaded now (a session just resumed
            // keeps the knowledge it was answered with until it is changed).
            if s.session.id == old.session.id { s.session.knowledge = KnowledgeStamp(kb) }
        }
        // The session as it stands is autosaved after every change, a note being typed included.
        if s.session != old.session, !s.session.isEmpty, !effects.contains(where: \.endsSession) {
            effects.insert(.autosave(s.session), at: 0)
        }
        return (s, effects)
    }

    // MARK: - Shared steps

    /// Question or advice, whichever the walk now shows, with a valid selection or scroll.
    static func settled(_ state: WizardState, _ kb: KnowledgeBase) -> WizardState {
        var s = state
        switch s.screen {
        case .question(let selection, let help):
            guard let exploration = s.exploration(kb) else { break }
            if let q = exploration.missing {
                s.screen = .question(selection: min(max(Screen.none, selection), q.options.count - 1), help: help)
            } else {
                s.screen = .advice(scroll: 0, help: false)
            }
        case .advice(let scroll, let help):
            guard let exploration = s.exploration(kb) else { break }
            if exploration.missing != nil {
                s.screen = .question(selection: preselection(s, kb), help: false)
            } else {
                s.screen = .advice(scroll: AdviceScreen.clamp(scroll, s, kb), help: help)
            }
        case .review(let selection, let help, let typed):
            let count = s.exploration(kb)?.steps.count ?? 0
            s.screen = .review(selection: min(max(0, selection), max(0, count - 1)), help: help, typed: typed)
        default:
            break
        }
        return s
    }

    /// The screen the walk shows now: its question, with the earlier answer highlighted, or the advice.
    static func walkScreen(_ s: WizardState, _ kb: KnowledgeBase) -> Screen {
        guard let exploration = s.exploration(kb) else { return .date(DateEntry(text: "", prefilled: false)) }
        return exploration.missing != nil ? .question(selection: preselection(s, kb), help: false) : .advice(scroll: 0, help: false)
    }

    /// The earlier answer of the question now asked (taken back or reopened), or none: a question
    /// asked for the first time has nothing highlighted.
    static func preselection(_ s: WizardState, _ kb: KnowledgeBase) -> Int {
        guard let q = s.exploration(kb)?.missing, let value = s.session[answerTo: q.id, in: kb]?.given?.value.value else { return Screen.none }
        return q.options.firstIndex { $0.value == value } ?? Screen.none
    }

    static func firstScreen(_ s: WizardState) -> Screen {
        s.detailsFirst ? .details(DetailsEntry(field: .client, fromReview: false, original: s.session.details)) : .question(selection: Screen.none, help: false)
    }

    /// Quit: at once when nothing would be lost, otherwise after a confirmation.
    static func quit(_ s: inout WizardState, _ effects: inout [WizardEffect], _ kb: KnowledgeBase) {
        // Record details alone (often given on the command line) are not worth a question.
        if s.session.savedAs != nil || s.session.answers.values.allSatisfy(\.isEmpty) {
            effects += [.discardAutosave(sessionID: s.session.id), .quit(farewell: farewell(s, kb))]
        } else {
            s.screen = .confirm(.quit)
        }
    }

    /// How the wizard ended, for the shell's exit code: the same meanings as `advise` has.
    public enum Ending: Sendable, Equatable {
        /// Advice given (also when "don't know" answers did not change the verdict): exit 0.
        case advice
        /// Conditional advice: the verdict depends on a "don't know" answer: exit 6.
        case conditional
        /// Ended before the advice (quit, or the end of piped input): exit 3.
        case incomplete
        /// A save was refused and nothing was saved after it: exit 5.
        case saveFailed
    }

    public static func ending(_ s: WizardState, _ kb: KnowledgeBase) -> Ending {
        if s.saveFailed && s.session.savedAs == nil { return .saveFailed }
        guard let exploration = s.exploration(kb), exploration.isComplete else { return .incomplete }
        return exploration.isConditional ? .conditional : .advice
    }

    /// One line for the shell after the wizard ends: the verdict, and the record id if saved.
    public static func farewell(_ s: WizardState, _ kb: KnowledgeBase) -> String {
        let exploration = s.exploration(kb)
        var verdict = exploration?.isComplete == true ? exploration?.safeVerdict.map { Wording.verdict($0, s.language) } : nil
        if let v = verdict, exploration?.isConditional == true { verdict = WizardText.conditionalVerdict(v).text(s.language) }
        return WizardText.farewell(verdict: verdict, recordID: s.session.savedAs).text(s.language)
    }
}

extension WizardEffect {
    var endsSession: Bool {
        switch self {
        case .quit, .discardAutosave: true
        default: false
        }
    }
}
