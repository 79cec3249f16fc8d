/// A key as the wizard understands it, independent of curses or the line reader.
public enum WizardKey: Sendable, Hashable {
    case up, down, left, right, enter, backspace, escape, tab, pageUp, pageDown, home, end
    /// Ctrl-L and Ctrl-U.
    case redraw, clearLine
    case character(Character)
    /// A bracketed paste: goes into a text field as text, never acts as keys.
    case paste(String)
    case resize(width: Int, height: Int)
    /// A mouse click on a screen row, and the wheel.
    case click(row: Int)
    case wheelUp, wheelDown
}

/// What a key or a typed line does. The state machine only knows actions.
public enum WizardAction: Sendable, Equatable {
    case moveUp, moveDown, pageUp, pageDown, home, end
    case choose(Int)
    case confirm
    /// "Don't know" to the question on screen (issue 11).
    case dontKnow
    /// Write the consultant's conclusion on the advice screen (issue 10).
    case editConclusion
    case back
    case cancel
    case toggleHelp
    case openReview
    case editDate
    case editDetails
    case toggleLanguage
    case addNote
    case save
    case newSession
    case quit
    case yes, no
    case redraw
    case type(Character)
    case paste(String)
    case deleteCharacter
    case clearField
    case nextField
    case resize(width: Int, height: Int)
    case click(row: Int)
    case unknownInput(String)
    /// Line mode: an empty line or a number outside 1-`count` on a list; nothing is chosen.
    case notAChoice(String, count: Int)
    /// Reported back by the shell after it carried out a save or an autosave.
    case saved(id: String, location: String)
    case saveFailed(SaveFailure)
    /// Why an autosave failed, and whether an earlier autosave of the session is still on disk.
    case autosaveFailed(String, earlierKept: Bool = false)
    /// An autosave succeeded (reported after one failed).
    case autosaved
}

/// Why the shell could not save the advice record; the wizard says it in the screen's language.
public enum SaveFailure: Sendable, Equatable {
    /// The consultant's signing key exists but cannot be used, so the save is refused (never saved
    /// unsigned): `readError` is the system's reason when the file cannot be read, nil when it is damaged;
    /// `damage` then says what is wrong with it.
    case signingKey(path: String, readError: String?, damage: LocalizedText? = nil)
    /// Anything else (an unwritable folder, a full disk), as the system words it.
    case other(String)
}

/// One command of the wizard: its keys (full screen), its words (line mode), where it works and
/// its help. The footer, the key help and the line-mode hints are generated from `Commands.table`.
public struct Command: Sendable {
    public var keys: [WizardKey]
    public var words: [String]
    /// How the key is written in hints, e.g. "↑".
    public var label: String
    public var action: WizardAction
    public var help: LocalizedText
    public var screens: ScreenKinds
    /// Shown in the one-line footer; the rest only in the full key help.
    public var inFooter: Bool
}

/// A set of screens, as bits. A `Set<ScreenKind>`'s first use cost the wizard's first screen a
/// scan of the binary's protocol conformances (for `Hashable`), 1.4% of its start (issue 12).
public struct ScreenKinds: Sendable, Equatable, ExpressibleByArrayLiteral {
    private var bits: UInt32 = 0

    public init(_ screens: some Sequence<ScreenKind>) {
        for screen in screens { bits |= Self.bit(screen) }
    }

    public init(arrayLiteral screens: ScreenKind...) { self.init(screens) }

    public func contains(_ screen: ScreenKind) -> Bool { bits & Self.bit(screen) != 0 }

    public func union(_ other: ScreenKinds) -> ScreenKinds {
        var union = self
        union.bits |= other.bits
        return union
    }

    private static func bit(_ screen: ScreenKind) -> UInt32 {
        switch screen {
        case .question: 1 << 0
        case .advice: 1 << 1
        case .review: 1 << 2
        case .date: 1 << 3
        case .note: 1 << 4
        case .details: 1 << 5
        case .confirm: 1 << 6
        case .resumeOffer: 1 << 7
        case .conclusion: 1 << 8
        }
    }
}

public enum Commands {
    private static func text(_ nl: String, _ en: String) -> LocalizedText { LocalizedText(["nl": nl, "en": en]) }
    private static let walking: ScreenKinds = [.question, .advice]
    private static let lists: ScreenKinds = [.question, .review]

    /// The one table of commands, for the full-screen wizard and line mode alike. Order is the order of the hints.
    /// One rule per key: Esc is back/cancel everywhere, `n` is only ever "note" (and "no" when asked
    /// a yes/no question), `o` is "start over", and letters never move the highlight.
    public static let table: [Command] = [
        Command(keys: [.character("?")], words: ["?"], label: "?", action: .toggleHelp, help: text("hulp", "help"),
                screens: [.question, .advice, .review], inFooter: true),
        Command(keys: [.up], words: [], label: "↑", action: .moveUp, help: text("omhoog", "up"),
                screens: lists.union([.advice]), inFooter: false),
        Command(keys: [.down], words: [], label: "↓", action: .moveDown, help: text("omlaag", "down"),
                screens: lists.union([.advice]), inFooter: false),
        Command(keys: [.pageUp], words: [], label: "PgUp", action: .pageUp, help: text("pagina omhoog", "page up"),
                screens: lists.union([.advice]), inFooter: false),
        Command(keys: [.pageDown, .character(" ")], words: [], label: "PgDn", action: .pageDown, help: text("pagina omlaag", "page down"),
                screens: lists.union([.advice]), inFooter: false),
        Command(keys: [.home], words: [], label: "Home", action: .home, help: text("begin", "top"), screens: lists.union([.advice]), inFooter: false),
        Command(keys: [.end], words: [], label: "End", action: .end, help: text("einde", "bottom"), screens: lists.union([.advice]), inFooter: false),
        Command(keys: (0...9).map { .character(Character(String($0))) }, words: [], label: "1-9", action: .choose(0),
                help: text("kies direct", "pick directly"), screens: lists, inFooter: true),
        // No word: in line mode an empty line never chooses (one stray newline must not record consent).
        Command(keys: [.enter], words: [], label: "Enter", action: .confirm, help: text("kiezen", "choose"),
                screens: [.question], inFooter: true),
        Command(keys: [.enter], words: [], label: "Enter", action: .confirm, help: text("wijzigen", "change"),
                screens: [.review], inFooter: true),
        // "u" as in "unknown" / "uitzoeken": no other screen uses it, in either language.
        Command(keys: [.character("u")], words: ["u", "weet niet", "weet ik niet", "onbekend", "don't know", "dont know", "unknown"],
                label: "u", action: .dontKnow, help: text("weet ik niet", "don't know"), screens: [.question], inFooter: true),
        Command(keys: [.left, .backspace, .escape], words: ["b"], label: "←", action: .back, help: text("terug", "back"),
                screens: walking, inFooter: true),
        Command(keys: [.character("r")], words: ["r"], label: "r", action: .openReview, help: text("herzien", "review"),
                screens: walking, inFooter: true),
        Command(keys: [.character("n")], words: ["n"], label: "n", action: .addNote, help: text("notitie", "note"),
                screens: [.question], inFooter: true),
        Command(keys: [.character("s")], words: ["s"], label: "s", action: .save, help: text("opslaan", "save"),
                screens: [.advice], inFooter: true),
        Command(keys: [.character("k")], words: ["k"], label: "k", action: .editConclusion, help: text("conclusie", "conclusion"),
                screens: [.advice], inFooter: true),
        Command(keys: [.character("o")], words: ["o"], label: "o", action: .newSession, help: text("opnieuw", "start over"),
                screens: [.advice], inFooter: true),
        Command(keys: [.character("d")], words: ["d"], label: "d", action: .editDate, help: text("datum", "date"),
                screens: walking, inFooter: true),
        Command(keys: [.character("c")], words: ["c"], label: "c", action: .editDetails, help: text("klant", "client"),
                screens: [.review], inFooter: true),
        Command(keys: [.character("l")], words: ["l"], label: "l", action: .toggleLanguage, help: text("English", "Nederlands"),
                screens: walking, inFooter: false),
        Command(keys: [.character("q")], words: ["q"], label: "q", action: .quit, help: text("stoppen", "quit"),
                screens: walking.union([.review]), inFooter: true),
        Command(keys: [.escape, .left, .backspace], words: ["b", ""], label: "Esc", action: .cancel, help: text("terug", "back"),
                screens: [.review], inFooter: true),
        Command(keys: [.enter], words: [], label: "Enter", action: .confirm, help: text("klaar", "done"),
                screens: [.date, .note, .conclusion], inFooter: true),
        Command(keys: [.enter], words: [], label: "Enter", action: .confirm, help: text("verder", "next"),
                screens: [.details], inFooter: true),
        Command(keys: [.up], words: [], label: "↑", action: .moveUp, help: text("vorig veld", "previous field"),
                screens: [.details], inFooter: false),
        Command(keys: [.down, .tab], words: [], label: "Tab", action: .nextField, help: text("volgend veld", "next field"),
                screens: [.details], inFooter: true),
        Command(keys: [.escape], words: [], label: "Esc", action: .cancel, help: text("annuleren", "cancel"),
                screens: [.date, .details], inFooter: true),
        // The note editor discards on Esc, and says so in the footer.
        Command(keys: [.escape], words: [], label: "Esc", action: .cancel, help: text("weggooien", "discard"),
                screens: [.note, .conclusion], inFooter: true),
        Command(keys: [.backspace], words: [], label: "⌫", action: .deleteCharacter, help: text("wissen", "delete"),
                screens: [.date, .note, .details, .conclusion], inFooter: false),
        Command(keys: [.clearLine], words: [], label: "Ctrl-U", action: .clearField, help: text("veld leeg", "clear"),
                screens: [.date, .note, .details, .conclusion], inFooter: true),
        Command(keys: [.character("j"), .character("y")], words: ["j", "ja", "y", "yes"], label: "j/y", action: .yes, help: text("ja", "yes"),
                screens: [.confirm, .resumeOffer], inFooter: true),
        Command(keys: [.character("n")], words: ["n", "nee", "no"], label: "n", action: .no, help: text("nee", "no"),
                screens: [.confirm, .resumeOffer], inFooter: true),
        // Esc cancels the question in the box: nothing happens (no new session, no reset of the date).
        Command(keys: [.escape], words: [], label: "Esc", action: .cancel, help: text("annuleren", "cancel"),
                screens: [.confirm, .resumeOffer], inFooter: true),
        Command(keys: [.tab, .down], words: ["v", "next"], label: "Tab", action: .nextField, help: text("volgende sessie", "next session"),
                screens: [.resumeOffer], inFooter: true),
        Command(keys: [.up], words: [], label: "↑", action: .moveUp, help: text("vorige sessie", "previous session"),
                screens: [.resumeOffer], inFooter: false),
        // Text screens take every printable key, so only Ctrl-C stops there (the session is kept for --resume).
        Command(keys: [], words: [], label: "Ctrl-C", action: .quit, help: text("stoppen", "quit"),
                screens: [.details, .date, .note, .conclusion], inFooter: true),
        Command(keys: [.redraw], words: [], label: "Ctrl-L", action: .redraw, help: text("opnieuw tekenen", "redraw"),
                screens: ScreenKinds(ScreenKind.allCases), inFooter: false),
    ]

    /// The action of `key` on `screen`, or nil when the key does nothing there.
    public static func action(for key: WizardKey, on screen: ScreenKind) -> WizardAction? {
        switch key {
        case .resize(let w, let h): return .resize(width: w, height: h)
        case .paste(let text): return screen.takesText ? .paste(text) : nil
        case .click(let row): return [.question, .review].contains(screen) ? .click(row: row) : nil
        case .wheelUp: return [.question, .review, .advice].contains(screen) ? .moveUp : nil
        case .wheelDown: return [.question, .review, .advice].contains(screen) ? .moveDown : nil
        case .character(let c) where screen.takesText: return .type(c)
        default: break
        }
        for command in table where command.screens.contains(screen) && command.keys.contains(key) {
            if case .choose = command.action, case .character(let c) = key, let digit = c.wholeNumberValue {
                return .choose(digit - 1)
            }
            return command.action
        }
        return nil
    }

    /// The actions of one typed line in line mode: the same table, through the same reduce.
    /// - Parameter count: the number of options (question) or answers (review) listed.
    public static func actions(forLine line: String, on screen: ScreenKind, count: Int = 0) -> [WizardAction] {
        // The date, note and conclusion prompts are read by `LineMode.textActions`; this is the details' fields.
        if screen.takesText { return [.clearField, .paste(line.trimmingWhitespace), .confirm] }
        let input = line.trimmingWhitespace.lowercased()
        if let number = Int(input), screen == .question || screen == .review {
            return (1...max(1, count)).contains(number) ? [.choose(number - 1)] : [.notAChoice(input, count: count)]
        }
        if input.isEmpty && screen == .question { return [.notAChoice(input, count: count)] }
        if let command = table.first(where: { $0.screens.contains(screen) && $0.words.contains(input) }) {
            return [command.action]
        }
        return [.unknownInput(line.trimmingWhitespace)]
    }

    /// The footer hints of a screen, generated from the table.
    /// Help and quit come first, so they still show on a narrow terminal.
    /// - Parameter hiding: actions that do nothing on the screen as it is (← on the first question).
    public static func footerHints(for screen: ScreenKind, language: Language, hiding: [WizardAction] = []) -> [String] {
        let shown = table.filter { $0.inFooter && $0.screens.contains(screen) && !hiding.contains($0.action) }
        let first = shown.filter { $0.action == .toggleHelp || $0.action == .quit }
        return (first + shown.filter { $0.action != .toggleHelp && $0.action != .quit }).map { "\($0.label) \($0.help.text(language))" }
    }

    /// Every key of a screen, one per line, for the help panel.
    public static func fullHelp(for screen: ScreenKind, language: Language) -> [String] {
        table.filter { $0.screens.contains(screen) }.map { "\($0.label): \($0.help.text(language))" }
    }

    /// The line-mode hints: "[1-6, earlier = 2, ? = help, b = back, …]".
    /// - Parameter earlier: the number of the answer given before (taken back or reopened); Enter does not repeat it.
    public static func lineHints(for screen: ScreenKind, language: Language, count: Int = 0, earlier: Int? = nil,
                                 hiding: [WizardAction] = []) -> String {
        var parts: [String] = []
        if count > 0 { parts.append("1-\(count)") }
        if let earlier { parts.append("\(LocalizedText(["nl": "eerder", "en": "earlier"]).text(language)) = \(earlier)") }
        var seen = Set<String>()
        for command in table where command.screens.contains(screen) && !hiding.contains(command.action) {
            guard let word = command.words.first(where: { !$0.isEmpty }), seen.insert(word).inserted else { continue }
            parts.append("\(word) = \(command.help.text(language))")
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
