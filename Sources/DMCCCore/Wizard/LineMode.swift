/// The wizard without curses: numbered prompts, one per line, that a screen reader or a pipe can
/// follow. Same state machine, same walk and the same advice text as the full-screen wizard.
public enum LineMode {
    struct Command {
        var words: [String]
        var action: WizardAction
        var help: LocalizedText
        var screens: Set<ScreenKind>
    }

    private static func text(_ nl: String, _ en: String) -> LocalizedText { LocalizedText(["nl": nl, "en": en]) }

    /// The typed commands of line mode; the prompt hints are generated from this table.
    static let commands: [Command] = [
        Command(words: ["?"], action: .toggleHelp, help: text("waarom", "why"), screens: [.question]),
        Command(words: ["b"], action: .back, help: text("terug", "back"), screens: [.question, .outcome]),
        Command(words: ["b"], action: .cancel, help: text("terug", "back"), screens: [.review]),
        Command(words: ["r"], action: .openReview, help: text("herzien", "review"), screens: [.question, .outcome]),
        Command(words: ["d"], action: .editDate, help: text("datum", "date"), screens: [.question, .outcome]),
        Command(words: ["l"], action: .toggleLanguage, help: text("English", "Nederlands"), screens: [.question, .outcome]),
        Command(words: ["n"], action: .addNote, help: text("notitie", "note"), screens: [.question]),
        Command(words: ["s"], action: .save, help: text("opslaan", "save"), screens: [.outcome]),
        Command(words: ["n"], action: .newSession, help: text("nieuw", "new"), screens: [.outcome]),
        Command(words: ["q"], action: .quit, help: text("stoppen", "quit"), screens: [.question, .outcome, .review]),
        Command(words: ["j", "ja", "y", "yes"], action: .yes, help: text("ja", "yes"), screens: [.confirm]),
        Command(words: ["n", "nee", "no"], action: .no, help: text("nee", "no"), screens: [.confirm]),
    ]

    /// What to print for the state now: the question with numbered options, the advice, the
    /// review list, the date prompt or the confirmation.
    public static func prompt(_ s: WizardState, _ kb: KnowledgeBase) -> String {
        let L = s.language
        let advice = s.advice(kb)
        var out: [String] = []
        if let message = s.message { out.append("! " + message.text(L)) }
        switch s.mode {
        case .walking:
            if advice.outcome != nil {
                out.append("")
                out.append(AdviceRenderer.text(AdviceReport(advice, in: kb, language: L), language: L, width: 80))
                out.append(hints(.outcome, L))
            } else if let q = advice.missing {
                out.append("")
                out.append("\(L == .nl ? "Stap" : "Step") \(advice.path.count + 1): \(q.text.text(L))")
                for (i, option) in q.options.enumerated() {
                    out.append("  \(i + 1)) \(kb.label(of: option.value, in: q).text(L))")
                }
                if s.showHelp { out.append("  (\(q.why.text(L)))") }
                out.append(hints(.question, L, count: q.options.count, current: s.selection + 1))
            }
        case .review:
            out.append("")
            out.append(L == .nl ? "Herzien: welk antwoord wilt u wijzigen?" : "Review: which answer do you want to change?")
            for (i, step) in AdviceReport(advice, in: kb, language: L).path.enumerated() {
                out.append("  \(i + 1)) \(step.text) → \(step.label)")
            }
            out.append(hints(.review, L, count: advice.path.count))
        case .editingDate:
            out.append(L == .nl ? "Actiedatum (JJJJ-MM-DD, leeg = annuleren):" : "Action date (YYYY-MM-DD, empty = cancel):")
        case .editingNote:
            out.append(L == .nl ? "Notitie bij deze vraag (leeg = geen):" : "Note on this question (empty = none):")
        case .header(let field):
            let labels = L == .nl ? ["Klant", "Consultant", "Onderwerp"] : ["Client", "Consultant", "Subject"]
            out.append("\(labels[min(2, field)]) (\(L == .nl ? "Enter = overslaan" : "Enter = skip")):")
        case .confirm(let target):
            var box = WizardView.confirmBox(target, L)
            if target == .resume, let snapshot = s.resumable {
                let who = [snapshot.client, snapshot.subject].filter { !$0.isEmpty }.joined(separator: ", ")
                box[0] += " (" + (who.isEmpty ? "" : who + ", ") + (L == .nl ? "stap" : "step") + " \(snapshot.steps + 1), \(snapshot.changed))"
            }
            out.append(box.joined(separator: " "))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Applies one typed line.
    public static func step(_ s: WizardState, _ line: String, _ kb: KnowledgeBase) -> WizardState {
        let input = line.trimmingWhitespace.lowercased()
        let screen = s.screen(kb)
        switch s.mode {
        case .editingDate:
            if input.isEmpty { return Wizard.reduce(s, .cancel, kb) }
            var typed = s
            typed.mode = .editingDate(input)
            return Wizard.reduce(typed, .confirm, kb)
        case .editingNote:
            var typed = s
            typed.mode = .editingNote(line.trimmingWhitespace)
            return Wizard.reduce(typed, .confirm, kb)
        case .header(let field):
            var typed = s
            let value = line.trimmingWhitespace
            switch field {
            case 0: typed.client = value
            case 1: typed.consultant = value
            default: typed.subject = value
            }
            return Wizard.reduce(typed, .confirm, kb)
        default:
            break
        }
        if let number = Int(input) {
            return Wizard.reduce(s, .choose(number - 1), kb)
        }
        if input.isEmpty, screen == .question { return Wizard.reduce(s, .confirm, kb) }
        if input.isEmpty, screen == .review { return Wizard.reduce(s, .cancel, kb) }
        if let command = commands.first(where: { $0.screens.contains(screen) && $0.words.contains(input) }) {
            return Wizard.reduce(s, command.action, kb)
        }
        var unknown = s
        unknown.message = LocalizedText(["nl": "onbekende invoer '\(line)'", "en": "unknown input '\(line)'"])
        return unknown
    }

    static func hints(_ screen: ScreenKind, _ L: Language, count: Int = 0, current: Int = 0) -> String {
        var parts: [String] = []
        if count > 0 {
            parts.append(screen == .question
                         ? (L == .nl ? "1-\(count), Enter = \(current)" : "1-\(count), Enter = \(current)")
                         : "1-\(count)")
        }
        parts += commands.filter { $0.screens.contains(screen) }.map { "\($0.words[0]) = \($0.help.text(L))" }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
