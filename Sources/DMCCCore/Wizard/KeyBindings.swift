/// A key as the wizard understands it, independent of curses or the line reader.
public enum WizardKey: Sendable, Hashable {
    case up, down, left, right, enter, backspace, escape, pageUp, pageDown, home, end
    case character(Character)
    case resize(width: Int, height: Int)
}

/// What a key does. The state machine only knows actions; which key means which action on
/// which screen is data (`KeyBindings.table`), and the footer hints are generated from it.
public enum WizardAction: Sendable, Equatable {
    case moveUp, moveDown, pageUp, pageDown, home, end
    case choose(Int)
    case confirm
    case back
    case toggleHelp
    case openReview
    case editDate
    case toggleLanguage
    case quit
    case newSession
    case yes, no
    case type(Character)
    case deleteCharacter
    case cancel
    case resize(width: Int, height: Int)
    case addNote
    case save
    /// Reported back by the shell after it performed a save.
    case saved(id: String, location: String)
    case saveFailed(String)
    case autosaveFailed(String)
}

/// The screens that have their own key bindings.
public enum ScreenKind: Sendable, Hashable, CaseIterable {
    case question, outcome, review, date, note, header, confirm
}

public struct KeyBinding: Sendable {
    public var keys: [WizardKey]
    /// How the key is written in hints, e.g. "↑/k".
    public var label: String
    public var action: WizardAction
    public var help: LocalizedText
    public var screens: Set<ScreenKind>
    /// Shown in the one-line footer; the rest only in the full key help.
    public var inFooter: Bool
}

public enum KeyBindings {
    private static func text(_ nl: String, _ en: String) -> LocalizedText { LocalizedText(["nl": nl, "en": en]) }
    private static let walking: Set<ScreenKind> = [.question, .outcome]

    /// The one table of keys. Order is the order of the hints.
    public static let table: [KeyBinding] = [
        KeyBinding(keys: [.up, .character("k")], label: "↑/k", action: .moveUp, help: text("omhoog", "up"),
                   screens: [.question, .review, .outcome], inFooter: true),
        KeyBinding(keys: [.down, .character("j")], label: "↓/j", action: .moveDown, help: text("omlaag", "down"),
                   screens: [.question, .review, .outcome], inFooter: true),
        KeyBinding(keys: (1...9).map { .character(Character(String($0))) }, label: "1-9", action: .choose(0),
                   help: text("kies direct", "pick directly"), screens: [.question, .review], inFooter: true),
        KeyBinding(keys: [.enter], label: "Enter", action: .confirm, help: text("kiezen", "choose"),
                   screens: [.question, .review, .date], inFooter: true),
        KeyBinding(keys: [.left, .backspace], label: "←", action: .back, help: text("terug", "back"),
                   screens: walking, inFooter: true),
        KeyBinding(keys: [.pageUp], label: "PgUp", action: .pageUp, help: text("pagina omhoog", "page up"),
                   screens: [.outcome], inFooter: false),
        KeyBinding(keys: [.pageDown, .character(" ")], label: "PgDn", action: .pageDown, help: text("pagina omlaag", "page down"),
                   screens: [.outcome], inFooter: false),
        KeyBinding(keys: [.home], label: "Home", action: .home, help: text("begin", "top"), screens: [.outcome], inFooter: false),
        KeyBinding(keys: [.end], label: "End", action: .end, help: text("einde", "bottom"), screens: [.outcome], inFooter: false),
        KeyBinding(keys: [.character("?")], label: "?", action: .toggleHelp, help: text("waarom/hulp", "why/help"),
                   screens: [.question, .outcome, .review], inFooter: true),
        KeyBinding(keys: [.character("r")], label: "r", action: .openReview, help: text("herzien", "review"),
                   screens: walking, inFooter: true),
        KeyBinding(keys: [.character("d")], label: "d", action: .editDate, help: text("datum", "date"),
                   screens: walking, inFooter: true),
        KeyBinding(keys: [.character("l")], label: "l", action: .toggleLanguage, help: text("English", "Nederlands"),
                   screens: walking, inFooter: true),
        KeyBinding(keys: [.character("n")], label: "n", action: .addNote, help: text("notitie", "note"),
                   screens: [.question], inFooter: true),
        KeyBinding(keys: [.character("s")], label: "s", action: .save, help: text("opslaan", "save"),
                   screens: [.outcome], inFooter: true),
        KeyBinding(keys: [.character("n")], label: "n", action: .newSession, help: text("nieuw", "new"),
                   screens: [.outcome], inFooter: true),
        KeyBinding(keys: [.character("q")], label: "q", action: .quit, help: text("stoppen", "quit"),
                   screens: walking.union([.review]), inFooter: true),
        KeyBinding(keys: [.escape, .left, .backspace], label: "Esc", action: .cancel, help: text("terug", "back"),
                   screens: [.review], inFooter: true),
        KeyBinding(keys: [.up], label: "↑", action: .moveUp, help: text("vorig veld", "previous field"),
                   screens: [.header], inFooter: true),
        KeyBinding(keys: [.down, .character("\t")], label: "↓", action: .moveDown, help: text("volgend veld", "next field"),
                   screens: [.header], inFooter: true),
        KeyBinding(keys: [.enter], label: "Enter", action: .confirm, help: text("verder", "next"),
                   screens: [.header, .note], inFooter: true),
        KeyBinding(keys: [.escape], label: "Esc", action: .cancel, help: text("overslaan", "skip"),
                   screens: [.header], inFooter: true),
        KeyBinding(keys: [.escape], label: "Esc", action: .cancel, help: text("annuleren", "cancel"),
                   screens: [.date, .note], inFooter: true),
        KeyBinding(keys: [.backspace], label: "⌫", action: .deleteCharacter, help: text("wissen", "delete"),
                   screens: [.date, .note, .header], inFooter: true),
        KeyBinding(keys: [.character("j"), .character("y")], label: "j/y", action: .yes, help: text("ja", "yes"),
                   screens: [.confirm], inFooter: true),
        KeyBinding(keys: [.character("n"), .escape], label: "n/Esc", action: .no, help: text("nee", "no"),
                   screens: [.confirm], inFooter: true),
    ]

    /// The action of `key` on `screen`, or nil when the key does nothing there.
    public static func action(for key: WizardKey, on screen: ScreenKind) -> WizardAction? {
        if case .resize(let w, let h) = key { return .resize(width: w, height: h) }
        if [.date, .note, .header].contains(screen), case .character(let c) = key, c != "\t" { return .type(c) }
        for binding in table where binding.screens.contains(screen) && binding.keys.contains(key) {
            if case .choose = binding.action, case .character(let c) = key, let digit = c.wholeNumberValue {
                return .choose(digit - 1)
            }
            return binding.action
        }
        return nil
    }

    /// The footer for a screen: "↑/k omhoog · ↓/j omlaag · …", generated from the table.
    public static func footer(for screen: ScreenKind, language: Language) -> String {
        footerHints(for: screen, language: language).joined(separator: " · ")
    }

    public static func footerHints(for screen: ScreenKind, language: Language) -> [String] {
        table.filter { $0.inFooter && $0.screens.contains(screen) }.map { "\($0.label) \($0.help.text(language))" }
    }

    /// Every key of a screen, one per line, for the help panel.
    public static func fullHelp(for screen: ScreenKind, language: Language) -> [String] {
        table.filter { $0.screens.contains(screen) }.map { "\($0.label): \($0.help.text(language))" }
    }
}
