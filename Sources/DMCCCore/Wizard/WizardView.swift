/// How a piece of the screen is drawn; the terminal shell maps these to attributes and colours.
public enum TextStyle: Sendable, Equatable {
    case plain, bold, dim, selected, header, message
    case verdict(Verdict)
}

public struct Span: Sendable, Equatable {
    public var text: String
    public var style: TextStyle
    public init(_ text: String, _ style: TextStyle = .plain) { self.text = text; self.style = style }
}

public struct StyledLine: Sendable, Equatable {
    public var spans: [Span]
    /// Fill the rest of the line with the style of the last span (banners and highlighted rows).
    public var fill: Bool

    public init(_ spans: [Span] = [], fill: Bool = false) { self.spans = spans; self.fill = fill }
    public init(_ text: String, _ style: TextStyle = .plain, fill: Bool = false) {
        self.init([Span(text, style)], fill: fill)
    }

    public var text: String { TextLayout.join(spans.map(\.text), separator: "") }

    /// The line cut to `width` cells, with "…" where text was cut.
    func fitted(_ width: Int) -> StyledLine {
        var out: [Span] = [], used = 0
        for span in spans {
            let w = TextLayout.width(span.text)
            if used + w <= width { out.append(span); used += w; continue }
            out.append(Span(TextLayout.truncate(span.text, to: width - used), span.style))
            break
        }
        return StyledLine(out, fill: fill)
    }
}

/// Turns a `WizardState` into exactly `height` lines of at most `width` cells. Called on every
/// key and every resize: the screen is always redrawn whole from state. Each screen draws itself
/// in its own file; this one holds the parts they share.
public enum WizardView {
    public static let minimumWidth = 40
    public static let minimumHeight = 12
    /// Text is wrapped at a readable width on wide terminals.
    static let readableWidth = 100

    public static func render(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        guard s.width >= minimumWidth, s.height >= minimumHeight else { return s.unicode ? tooSmall(s) : tooSmall(s).map { ascii($0) } }
        let lines: [StyledLine]
        switch s.screen {
        case .question: lines = QuestionScreen.view(s, kb).lines
        case .advice: lines = AdviceScreen.view(s, kb)
        case .review: lines = ReviewScreen.view(s, kb).lines
        case .date: lines = DateScreen.view(s, kb)
        case .note: lines = NoteScreen.view(s, kb)
        case .conclusion: lines = ConclusionScreen.view(s, kb)
        case .details: lines = DetailsScreen.view(s, kb)
        case .confirm, .resumeOffer: lines = ConfirmScreen.view(s, kb)
        }
        let fitted = s.unicode ? lines.map { $0.fitted(s.width) } : lines.map { ascii(ascii($0).fitted(s.width), cut: true) }
        if fitted.count >= s.height { return Array(fitted.prefix(s.height)) }
        return fitted + Array(repeating: StyledLine(), count: s.height - fitted.count)
    }

    /// The lines of the advice body (for scrolling tests and the shell).
    public static func adviceBody(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] { AdviceScreen.body(s, kb) }
    public static func adviceBodyHeight(_ s: WizardState) -> Int { AdviceScreen.bodyHeight(s) }

    static func textWidth(_ s: WizardState) -> Int { min(s.width, readableWidth) - 2 }

    // MARK: - Parts

    static func titleBar(_ s: WizardState, _ kb: KnowledgeBase, _ exploration: Exploration?) -> StyledLine {
        let L = s.language
        var step: [String] = []
        if let exploration {
            if s.kind == .review {
                step.append(WizardText.reviewStep.text(L))
            } else {
                step.append(exploration.isComplete ? WizardText.adviceStep.text(L) : "\(WizardText.step.text(L)) \(exploration.steps.count + 1)")
            }
        }
        // The action date decides the advice, so it is never cut: the knowledge version, the
        // program name, the client and the date's label give way first, in that order.
        let date = s.session.date.spelledOut(L)
        let knowledge = "\(WizardText.knowledge.text(L)) \(kb.metadata.version)"
        func bar(name: Bool, client: Int, dateLabel: Bool, knowledge showKnowledge: Bool) -> String {
            var parts = name ? ["dmcc-advisor"] : []
            if !s.session.client.isEmpty && client > 0 { parts.append(TextLayout.truncate(s.session.client, to: client)) }
            parts += step
            parts.append(dateLabel ? "\(WizardText.actionDate.text(L)) \(date)" : date)
            if showKnowledge { parts.append(knowledge) }
            return " " + TextLayout.join(parts, separator: " · ") + " "
        }
        let tries = [bar(name: true, client: 30, dateLabel: true, knowledge: true),
                     bar(name: true, client: 30, dateLabel: true, knowledge: false),
                     bar(name: false, client: 30, dateLabel: true, knowledge: false),
                     bar(name: false, client: 16, dateLabel: true, knowledge: false),
                     bar(name: false, client: 16, dateLabel: false, knowledge: false),
                     bar(name: false, client: 8, dateLabel: false, knowledge: false),
                     bar(name: false, client: 0, dateLabel: false, knowledge: false)]
        let text = tries.first { TextLayout.width($0) <= s.width } ?? tries[tries.count - 1]
        return StyledLine(text, .header, fill: true)
    }

    /// The answers so far; when too long, the oldest give way to "…".
    static func breadcrumb(_ s: WizardState, _ kb: KnowledgeBase, _ exploration: Exploration) -> StyledLine {
        let labels = s.session.steps(exploration, kb, language: s.language).map(\.label)
        guard !labels.isEmpty else { return StyledLine() }
        var parts = labels
        var text = " " + TextLayout.join(parts, separator: " › ")
        while TextLayout.width(text) > s.width && parts.count > 1 {
            parts.removeFirst()
            text = " … › " + TextLayout.join(parts, separator: " › ")
        }
        return StyledLine(TextLayout.truncate(text, to: s.width), .dim)
    }

    /// An answered question as listed in review, marked when it has a note.
    static func stepLine(_ step: AdviceReport.Step, _ s: WizardState, _ kb: KnowledgeBase) -> String {
        let note = s.session[answerTo: step.question, in: kb]?.note ?? ""
        return "\(step.text) → \(step.label)" + (note.isEmpty ? "" : " " + WizardText.noteMarker)
    }

    /// The key hints, on one line when they fit and on two when they do not.
    static func footer(_ screen: ScreenKind, _ s: WizardState, hiding: [WizardAction] = []) -> [StyledLine] {
        let hints = Commands.footerHints(for: screen, language: s.language, hiding: hiding)
        var lines: [String] = [""]
        for hint in hints {
            let candidate = lines[lines.count - 1].isEmpty ? " " + hint : lines[lines.count - 1] + " · " + hint
            // Measured as shown: without UTF-8, "←" becomes the wider "<-".
            if TextLayout.width(s.unicode ? candidate : asciiText(candidate)) < s.width || lines[lines.count - 1].isEmpty {
                lines[lines.count - 1] = candidate
            } else if lines.count < 2 {
                lines.append(" " + hint)
            } else {
                lines[lines.count - 1] = candidate
            }
        }
        return lines.map { StyledLine($0 + " ", .header, fill: true) }
    }

    /// The message wrapped to the screen's width: a long one (why a save was refused, and what to do)
    /// takes the lines it needs, up to half the screen, rather than being cut at the edge.
    static func messageText(_ s: WizardState) -> [String] {
        // A failed autosave stays in view, under any newer message, until an autosave succeeds.
        var messages = s.message.map { [$0] } ?? []
        if let warning = s.autosaveFailure.map({ WizardText.autosaveFailed($0, earlierKept: s.autosaveEarlierKept) }), warning != s.message {
            messages.append(warning)
        }
        guard !messages.isEmpty else { return [] }
        let wrapped = messages.flatMap { TextLayout.wrap($0.text(s.language), width: max(1, s.width - 2)) }
        let room = max(1, s.height / 2)
        guard wrapped.count > room else { return wrapped.map { " " + $0 } }
        // Only on a very small screen: the last line shown is cut between words, never in the middle of one.
        var shown = wrapped.prefix(room).map { " " + $0 }
        shown[room - 1] = wordCut(shown[room - 1] + " " + wrapped[room], to: s.width - 1)
        return shown
    }

    /// How many rows the message lines take (at least one, the scroll position's).
    static func messageHeight(_ s: WizardState) -> Int { max(1, messageText(s).count) }

    /// The message, and on its last line where the scrolling body is (`lines 1-20 of 45`).
    static func messageLines(_ s: WizardState, more: (top: Int, room: Int, total: Int)?) -> [StyledLine] {
        var lines = messageText(s).map { StyledLine([Span($0, .message)]) }
        if lines.isEmpty { lines = [StyledLine()] }
        if let more {
            let position = WizardText.position(more.top + 1, min(more.total, more.top + more.room), more.total).text(s.language)
            let used = TextLayout.width(lines[lines.count - 1].text)
            let gap = max(1, s.width - used - TextLayout.width(position) - 1)
            lines[lines.count - 1].spans.append(Span(String(repeating: " ", count: gap) + position, .dim))
        }
        return lines
    }

    /// The lines above the message lines and footer, cut or filled to fit.
    static func padded(_ lines: [StyledLine], _ s: WizardState, _ footer: [StyledLine]) -> [StyledLine] {
        let target = s.height - messageHeight(s) - footer.count
        if lines.count >= target { return Array(lines.prefix(target)) }
        return lines + Array(repeating: StyledLine(), count: target - lines.count)
    }

    static func overlay(_ base: [StyledLine], _ text: [String], _ s: WizardState) -> [StyledLine] {
        var lines = base
        let inner = min(s.width - 4, (text.map { TextLayout.width($0) }.max() ?? 0) + 2)
        let box = text.flatMap { TextLayout.wrap($0, width: inner - 2) }
        let left = String(repeating: " ", count: max(0, (s.width - inner - 2) / 2))
        let (h, v, tl, tr, bl, br) = s.unicode ? ("─", "│", "┌", "┐", "└", "┘") : ("-", "|", "+", "+", "+", "+")
        let framed = [tl + String(repeating: h, count: inner) + tr]
            + box.map { v + " " + TextLayout.truncate($0, to: inner - 2) + String(repeating: " ", count: max(0, inner - 2 - TextLayout.width($0))) + " " + v }
            + [bl + String(repeating: h, count: inner) + br]
        let top = max(0, (s.height - framed.count) / 2)
        for (i, row) in framed.enumerated() where top + i < lines.count {
            lines[top + i] = StyledLine([Span(left), Span(row, .selected)])
        }
        return lines
    }

    static func tooSmall(_ s: WizardState) -> [StyledLine] {
        let text = WizardText.tooSmall(s.width, s.height, minimumWidth, minimumHeight).text(s.language)
        let wrapped = TextLayout.wrap(text, width: max(1, s.width))
        let top = max(0, (s.height - wrapped.count) / 2)
        var lines = Array(repeating: StyledLine(), count: max(0, s.height))
        for (i, line) in wrapped.enumerated() where top + i < lines.count { lines[top + i] = StyledLine(line, .bold) }
        return lines.map { $0.fitted(max(0, s.width)) }
    }

    /// `text` cut after the last whole word that fits in `cells`, ending in "…" when cut.
    static func wordCut(_ text: String, to cells: Int) -> String {
        guard TextLayout.width(text) > cells else { return text }
        let cut = TextLayout.truncate(text, to: cells).dropLast()
        guard let space = cut.lastIndex(of: " "), cut[..<space].contains(where: { $0 != " " }) else { return String(cut) + "…" }
        return String(cut[..<space]) + " …"
    }

    /// The symbols of the wizard in ASCII, for a terminal whose locale is not UTF-8.
    static let asciiSymbols: [(String, String)] = [
        ("›", ">"), ("…", "..."), ("·", "|"), ("✎", "*"), ("←", "<-"), ("→", "->"), ("↑", "Up"), ("↓", "Down"),
        ("⌫", "Bksp"), ("✔", "OK"), ("✘", "X"), ("×", "x"), ("§", "#"),
    ]

    /// - Parameter cut: only the "…" that fitting a line to the width added, made "~" (one cell, as wide).
    static func ascii(_ line: StyledLine, cut: Bool = false) -> StyledLine {
        var out = line
        for i in out.spans.indices { out.spans[i].text = asciiText(out.spans[i].text, cut: cut) }
        return out
    }

    static func asciiText(_ text: String, cut: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        var text = text
        for (symbol, plain) in cut ? [("…", "~")] : asciiSymbols { text = text.replacingOccurrences(of: symbol, with: plain) }
        return text
    }

    static func symbol(_ verdict: Verdict, _ s: WizardState) -> String {
        switch verdict {
        case .allowed: s.unicode ? "✔" : "OK"
        case .allowedIf: "!"
        case .notAllowed: s.unicode ? "✘" : "X"
        }
    }

    static func arrow(_ s: WizardState) -> String { s.unicode ? "→" : "->" }

    static func symbolLegend(_ s: WizardState) -> [String] {
        [WizardText.symbolLines.text(s.language)]
    }

    /// The end of `text` that fits in `cells`, found in one pass from the end, so a long field
    /// costs the same to draw as a short one.
    static func tail(_ text: String, cells: Int) -> String {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let before = text.index(before: start)
            let w = TextLayout.width(text[before])
            if used + w > cells { break }
            used += w
            start = before
        }
        return String(text[start...])
    }
}
