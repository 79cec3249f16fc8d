/// Everything the wizard shows follows from this value; every action turns it into a new value
/// and a list of effects for the shell. Nothing here touches a terminal, a clock or a file.
public struct WizardState: Sendable, Equatable {
    public var session: Session
    public var screen: Screen
    /// The language of the screen (a preference of this run, so `--lang` also applies to a resumed session).
    public var language: Language
    public var width: Int
    public var height: Int
    public var message: WizardMessage?
    /// Start (and start again) with the client/consultant/subject screen.
    public var detailsFirst: Bool
    /// False in a terminal that cannot show UTF-8: ASCII symbols instead of box and check characters.
    public var unicode = true
    /// The last save was refused (and none succeeded since): the run ends with the save failure's exit code.
    public var saveFailed = false
    /// Why the last autosave failed; nil once one succeeds. The full screen keeps the warning in view
    /// while it is set, and Ctrl-C then says the session could not be kept.
    public var autosaveFailure: String?
    /// With `autosaveFailure`: an earlier autosave of this session is on disk, so a resume goes on
    /// from there (what came after it is lost), rather than nothing being kept at all.
    public var autosaveEarlierKept = false

    public init(session: Session, screen: Screen, language: Language, width: Int = 80, height: Int = 24, detailsFirst: Bool = false) {
        self.session = session
        self.screen = screen
        self.language = language
        self.width = width
        self.height = height
        self.detailsFirst = detailsFirst
    }

    /// The walk for the session's answers (the branch being asked for, or the safe reading); nil only
    /// when the session's date is not covered by the knowledge.
    public func advice(_ kb: KnowledgeBase) -> Advice? { try? session.advice(kb) }

    /// Every branch the session's answers open; nil only when the session's date is not covered.
    public func exploration(_ kb: KnowledgeBase) -> Exploration? { try? session.exploration(kb) }

    public var kind: ScreenKind { screen.kind }
}

/// Each screen carries its own state, so a combination that makes no sense cannot be built.
public enum Screen: Sendable, Equatable {
    /// A question of the walk: the highlighted option and whether its help is open. A question
    /// asked for the first time has no highlight (`Screen.none`): Enter never records an answer
    /// nobody picked, such as a "yes" to consent.
    case question(selection: Int, help: Bool)
    /// The advice at the end of the walk.
    case advice(scroll: Int, help: Bool)
    /// The consultant's conclusion being typed straight into the session; `original` is restored by Esc.
    case conclusion(original: String?)
    /// The answers on the path, one highlighted; `typed` is the first digit of a two-digit number
    /// in a list longer than 9.
    case review(selection: Int, help: Bool, typed: Int? = nil)
    case date(DateEntry)
    /// A note being typed straight into the session (so an autosave keeps it); `original` is
    /// restored by Esc.
    case note(question: String, original: String?)
    case details(DetailsEntry)
    case confirm(Confirmation)
    /// The interrupted sessions found at start, offered for resuming one at a time; declining keeps them on disk.
    case resumeOffer(ResumeOffer)

    /// No option highlighted yet.
    public static let none = -1

    public var kind: ScreenKind {
        switch self {
        case .question: .question
        case .advice: .advice
        case .conclusion: .conclusion
        case .review: .review
        case .date: .date
        case .note: .note
        case .details: .details
        case .confirm: .confirm
        case .resumeOffer: .resumeOffer
        }
    }
}

public struct DateEntry: Sendable, Equatable {
    public var text: String
    /// Still the pre-filled date: the first character typed replaces it.
    public var prefilled: Bool
    public init(text: String, prefilled: Bool) { self.text = text; self.prefilled = prefilled }
}

/// Every interrupted session found at start (newest first, never empty) and the one now offered.
public struct ResumeOffer: Sendable, Equatable {
    public var sessions: [Session]
    public var index: Int
    public init(sessions: [Session], index: Int = 0) { self.sessions = sessions; self.index = index }
    public var offered: Session { sessions[index] }
}

public struct DetailsEntry: Sendable, Equatable {
    public enum Field: Int, Sendable, CaseIterable { case client, consultant, subject }
    public var field: Field
    /// Opened from review (go back there) rather than at the start (go on to the first question).
    public var fromReview: Bool
    /// Client, consultant and subject as they were when the screen opened: Esc restores them.
    public var original: [String]?
    public init(field: Field, fromReview: Bool, original: [String]? = nil) {
        self.field = field
        self.fromReview = fromReview
        self.original = original
    }
}

public enum Confirmation: Sendable, Equatable {
    /// Quit without saving the advice (or the answers so far).
    case quit
    /// Start a new session without saving the advice.
    case newSession
    /// Keep the action date for the new session?
    case keepDate
    /// Save, although notes belong to questions no longer on the path (they are left out).
    case saveWithoutNotes(count: Int)
}

/// The screens that have their own commands.
public enum ScreenKind: Sendable, Hashable, CaseIterable {
    case question, advice, review, date, note, details, confirm, resumeOffer, conclusion

    /// Screens where printable keys are typed into a text field.
    public var takesText: Bool { self == .date || self == .note || self == .details || self == .conclusion }
}

/// What the shell must do after an action; it reports back with an action where needed.
public enum WizardEffect: Sendable, Equatable {
    /// Write the session's own autosave (after every change).
    case autosave(Session)
    /// Save the advice record; the shell answers with `.saved` or `.saveFailed`.
    case save(Session, Language)
    /// Let go of an offered session's lock; its autosave stays for a later start.
    case release(sessionID: String)
    /// Remove this session's own autosave: it ended by choice.
    case discardAutosave(sessionID: String)
    /// End the program, printing `farewell` to the shell.
    case quit(farewell: String)
}

/// A line the wizard shows under the screen after an action, with what it tells (`WizardText.MessageTone`):
/// that something worked, that nothing changed, or that something was not done.
public struct WizardMessage: Sendable, Equatable {
    public var tone: WizardText.MessageTone
    public var text: LocalizedText

    public init(_ tone: WizardText.MessageTone, _ text: LocalizedText) {
        self.tone = tone
        self.text = text
    }

    public func text(_ language: Language) -> String { text.text(language) }
}
