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

    public var text: String { spans.map(\.text).joined() }

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
/// key and every resize: the screen is always redrawn whole from state.
public enum WizardView {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public static func render(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        guard s.width >= minimumWidth, s.height >= minimumHeight else { return tooSmall(s) }
        var lines: [StyledLine]
        switch s.mode {
        case .walking:
            lines = s.advice(kb).outcome != nil ? outcomeScreen(s, kb) : questionScreen(s, kb)
        case .review:
            lines = reviewScreen(s, kb)
        case .editingDate(let text):
            lines = dateScreen(s, kb, text)
        case .editingNote(let text):
            lines = noteScreen(s, kb, text)
        case .header(let field):
            lines = headerScreen(s, kb, field)
        case .confirm(let target):
            var base = s
            base.mode = .walking
            if target == .resume, let snapshot = s.resumable {
                base = WizardState(restoring: snapshot, width: s.width, height: s.height)
            }
            let footerLines = footer(.confirm, s)
            lines = Array(overlay(render(base, kb), confirmBox(target, s.language), s).prefix(s.height - footerLines.count)) + footerLines
        }
        return lines.map { $0.fitted(s.width) }
    }

    /// Rows between the fixed header and footer lines, where the body (or outcome) scrolls.
    public static func bodyHeight(_ s: WizardState) -> Int { max(1, s.height - 3 - footerHeight(.outcome, s)) }

    // MARK: - Screens

    static func questionScreen(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        let advice = s.advice(kb)
        guard let q = advice.missing else { return [] }
        let w = s.width - 2
        var body: [StyledLine] = []
        body += TextLayout.wrap(q.text.text(s.language), width: w).map { StyledLine(" " + $0, .bold) }
        body.append(StyledLine())
        var selectedRange = 0..<0
        for (i, option) in q.options.enumerated() {
            let label = kb.label(of: option.value, in: q).text(s.language)
            let selected = i == s.selection
            let prefix = (selected ? " › " : "   ") + "\(i + 1). "
            let wrapped = TextLayout.hanging(label, prefix: prefix, width: w + 1)
            let start = body.count
            body += wrapped.map { StyledLine($0 + " ", selected ? .selected : .plain) }
            if selected { selectedRange = start..<body.count }
        }
        if s.showHelp {
            body.append(StyledLine())
            body.append(StyledLine(" " + (s.language == .nl ? "Waarom we dit vragen" : "Why we ask"), .bold))
            body += TextLayout.wrap(q.why.text(s.language), width: w).map { StyledLine(" " + $0) }
        }
        let room = s.height - 4 - footerHeight(.question, s)
        var top = 0
        if body.count > room {
            // Keep the highlighted option in view; otherwise show as much of the start as fits.
            if selectedRange.upperBound > room { top = min(body.count - room, selectedRange.upperBound - room) }
            if s.showHelp && selectedRange.upperBound <= room { top = 0 }
        }
        let visible = Array(body.dropFirst(top).prefix(room))
        var lines = [header(s, kb, advice), breadcrumb(s, kb, advice), StyledLine()]
        lines += visible
        return padded(lines, s, .question) + [messageLine(s, more: body.count > room ? (top, room, body.count) : nil)] + footer(.question, s)
    }

    static func outcomeScreen(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        let advice = s.advice(kb)
        guard let outcome = advice.outcome else { return [] }
        let body = outcomeBody(s, kb)
        let room = bodyHeight(s)
        let top = min(s.scroll, max(0, body.count - room))
        let banner = StyledLine([Span(" " + verdictSymbol(outcome.verdict) + " " + Wording.verdict(outcome.verdict, s.language).uppercased() + " ",
                                      .verdict(outcome.verdict))], fill: true)
        var lines = [header(s, kb, advice), banner]
        lines += body.dropFirst(top).prefix(room)
        return padded(lines, s, .outcome) + [messageLine(s, more: body.count > room ? (top, room, body.count) : nil)] + footer(.outcome, s)
    }

    /// The scrollable text of the outcome screen, wrapped to the current width.
    public static func outcomeBody(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        let report = AdviceReport(s.advice(kb), in: kb, language: s.language)
        let w = s.width - 2
        let L = s.language
        var body: [StyledLine] = []
        func heading(_ key: Wording.Key) { body.append(StyledLine()); body.append(StyledLine(" " + Wording.text(key, L), .bold)) }
        func items(_ texts: [String], _ prefix: String) {
            for t in texts { body += TextLayout.hanging(t, prefix: " " + prefix, width: w + 1).map { StyledLine($0) } }
        }
        if s.showHelp {
            body.append(StyledLine(" " + (L == .nl ? "Toetsen" : "Keys"), .bold))
            items(KeyBindings.fullHelp(for: .outcome, language: L), "")
            body.append(StyledLine())
        }
        body += TextLayout.wrap(report.title ?? "", width: w).map { StyledLine(" " + $0, .bold) }
        if let explanation = report.explanation {
            body.append(StyledLine())
            body += TextLayout.wrap(explanation, width: w).map { StyledLine(" " + $0) }
        }
        heading(.why)
        items(report.path.map { "\($0.text) → \($0.label)" }, "· ")
        let conditions = report.conditions ?? []
        if !conditions.isEmpty {
            heading(.conditions)
            items(conditions, "[ ] ")
        }
        let alternatives = report.alternatives ?? []
        if !alternatives.isEmpty {
            heading(.alternatives)
            items(alternatives, "→ ")
        }
        heading(.legalBasis)
        items((report.legalBasis ?? []).map { "\($0.ref) (\($0.gradeLabel))" }, "§ ")
        for change in report.ruleChanges {
            heading(.ruleChange)
            let side = Wording.ruleSide(change.applies, L)
            items([change.text, "(\(side))"], "")
        }
        return body
    }

    static func reviewScreen(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        let advice = s.advice(kb)
        let w = s.width - 2
        var body: [StyledLine] = []
        let title = s.language == .nl ? "Herzien: kies een antwoord om te wijzigen" : "Review: choose an answer to change"
        body += TextLayout.wrap(title, width: w).map { StyledLine(" " + $0, .bold) }
        body.append(StyledLine())
        var selectedEnd = 0
        for (i, step) in AdviceReport(advice, in: kb, language: s.language).path.enumerated() {
            let selected = i == s.selection
            let prefix = (selected ? " › " : "   ") + "\(i + 1). "
            body += TextLayout.hanging("\(step.text) → \(step.label)", prefix: prefix, width: w + 1)
                .map { StyledLine($0 + " ", selected ? .selected : .plain) }
            if selected { selectedEnd = body.count }
        }
        if s.showHelp {
            body.append(StyledLine())
            body += KeyBindings.fullHelp(for: .review, language: s.language).map { StyledLine(" " + $0) }
        }
        let room = s.height - 4 - footerHeight(.review, s)
        let top = body.count > room && selectedEnd > room ? min(body.count - room, selectedEnd - room) : 0
        var lines = [header(s, kb, advice), breadcrumb(s, kb, advice), StyledLine()]
        lines += body.dropFirst(top).prefix(room)
        return padded(lines, s, .review) + [messageLine(s, more: body.count > room ? (top, room, body.count) : nil)] + footer(.review, s)
    }

    static func dateScreen(_ s: WizardState, _ kb: KnowledgeBase, _ text: String) -> [StyledLine] {
        let advice = s.advice(kb)
        let w = s.width - 2
        let L = s.language
        var lines = [header(s, kb, advice), breadcrumb(s, kb, advice), StyledLine()]
        lines += TextLayout.wrap(L == .nl ? "Op welke datum vindt de actie plaats? (JJJJ-MM-DD)" : "On what date does the action take place? (YYYY-MM-DD)",
                                 width: w).map { StyledLine(" " + $0, .bold) }
        lines.append(StyledLine())
        lines.append(StyledLine([Span("   "), Span(" " + text + "_" + String(repeating: " ", count: max(0, 10 - text.count)) + " ", .selected)]))
        lines.append(StyledLine())
        let why = L == .nl
            ? "De regels kunnen per datum verschillen, bijvoorbeeld voor bellen sinds 1 juli 2026."
            : "The rules can differ by date, for example for calls since 1 July 2026."
        lines += TextLayout.wrap(why, width: w).map { StyledLine(" " + $0, .dim) }
        return padded(lines, s, .date) + [messageLine(s, more: nil)] + footer(.date, s)
    }

    static func noteScreen(_ s: WizardState, _ kb: KnowledgeBase, _ text: String) -> [StyledLine] {
        let advice = s.advice(kb)
        let w = s.width - 2
        let L = s.language
        var lines = [header(s, kb, advice), breadcrumb(s, kb, advice), StyledLine()]
        if let q = advice.missing {
            lines += TextLayout.wrap(q.text.text(L), width: w).map { StyledLine(" " + $0, .dim) }
            lines.append(StyledLine())
        }
        lines += TextLayout.wrap(L == .nl ? "Notitie bij deze vraag (komt in het adviesverslag):" : "Note on this question (goes into the advice record):",
                                 width: w).map { StyledLine(" " + $0, .bold) }
        lines += TextLayout.wrap(text + "_", width: w - 2).map { StyledLine([Span("  "), Span($0, .selected)]) }
        return padded(lines, s, .note) + [messageLine(s, more: nil)] + footer(.note, s)
    }

    static func headerScreen(_ s: WizardState, _ kb: KnowledgeBase, _ field: Int) -> [StyledLine] {
        let L = s.language
        let w = s.width - 2
        var lines = [header(s, kb, s.advice(kb)), StyledLine(), StyledLine()]
        lines += TextLayout.wrap(L == .nl ? "Voor het adviesverslag (optioneel; Enter slaat een veld over):"
                                          : "For the advice record (optional; Enter skips a field):", width: w)
            .map { StyledLine(" " + $0, .bold) }
        lines.append(StyledLine())
        let labels = L == .nl ? ["Klant", "Consultant", "Onderwerp"] : ["Client", "Consultant", "Subject"]
        let values = [s.client, s.consultant, s.subject]
        let labelWidth = labels.map { TextLayout.width($0) }.max() ?? 0
        for i in 0..<3 {
            let label = " " + labels[i] + String(repeating: " ", count: labelWidth - TextLayout.width(labels[i])) + "  "
            let room = max(1, s.width - TextLayout.width(label) - 2)
            var value = values[i] + (i == field ? "_" : "")
            // Keep the end of a long entry, where the typing happens, in view.
            while TextLayout.width(value) > room, !value.isEmpty { value.removeFirst() }
            lines.append(StyledLine([Span(label, i == field ? .bold : .plain), Span(value + " ", i == field ? .selected : .plain)]))
            lines.append(StyledLine())
        }
        return padded(lines, s, .header) + [messageLine(s, more: nil)] + footer(.header, s)
    }

    // MARK: - Parts

    static func header(_ s: WizardState, _ kb: KnowledgeBase, _ advice: Advice) -> StyledLine {
        let L = s.language
        let step = advice.outcome != nil ? (L == .nl ? "advies" : "advice") : (L == .nl ? "stap" : "step") + " \(advice.path.count + 1)"
        let text = " dmcc-advisor · \(L == .nl ? "kennisbank" : "knowledge") \(kb.metadata.version) · \(L == .nl ? "actiedatum" : "action date") \(s.date.spelledOut(L)) · \(step)"
        return StyledLine(text + " ", .header, fill: true)
    }

    /// The answers so far; when too long, the oldest give way to "…".
    static func breadcrumb(_ s: WizardState, _ kb: KnowledgeBase, _ advice: Advice) -> StyledLine {
        let labels = AdviceReport(advice, in: kb, language: s.language).path.map(\.label)
        guard !labels.isEmpty else { return StyledLine() }
        var parts = labels
        var text = " " + parts.joined(separator: " › ")
        while TextLayout.width(text) > s.width && parts.count > 1 {
            parts.removeFirst()
            text = " … › " + parts.joined(separator: " › ")
        }
        return StyledLine(TextLayout.truncate(text, to: s.width), .dim)
    }

    /// The key hints, on one line when they fit and on two when they do not.
    static func footer(_ screen: ScreenKind, _ s: WizardState) -> [StyledLine] {
        let hints = KeyBindings.footerHints(for: screen, language: s.language)
        var lines: [String] = [""]
        for hint in hints {
            let candidate = lines[lines.count - 1].isEmpty ? " " + hint : lines[lines.count - 1] + " · " + hint
            if TextLayout.width(candidate) < s.width || lines[lines.count - 1].isEmpty {
                lines[lines.count - 1] = candidate
            } else if lines.count < 2 {
                lines.append(" " + hint)
            } else {
                lines[lines.count - 1] = candidate
            }
        }
        return lines.map { StyledLine($0 + " ", .header, fill: true) }
    }

    static func footerHeight(_ screen: ScreenKind, _ s: WizardState) -> Int { footer(screen, s).count }

    static func messageLine(_ s: WizardState, more: (top: Int, room: Int, total: Int)?) -> StyledLine {
        var spans: [Span] = []
        if let message = s.message { spans.append(Span(" " + message.text(s.language), .message)) }
        if let more {
            let position = s.language == .nl
                ? "regels \(more.top + 1)-\(min(more.total, more.top + more.room)) van \(more.total)"
                : "lines \(more.top + 1)-\(min(more.total, more.top + more.room)) of \(more.total)"
            let used = spans.reduce(0) { $0 + TextLayout.width($1.text) }
            let gap = max(1, s.width - used - TextLayout.width(position) - 1)
            spans.append(Span(String(repeating: " ", count: gap) + position, .dim))
        }
        return StyledLine(spans)
    }

    static func padded(_ lines: [StyledLine], _ s: WizardState, _ screen: ScreenKind) -> [StyledLine] {
        let target = s.height - 1 - footerHeight(screen, s)
        if lines.count >= target { return Array(lines.prefix(target)) }
        return lines + Array(repeating: StyledLine(), count: target - lines.count)
    }

    static func confirmBox(_ target: WizardState.ConfirmTarget, _ language: Language) -> [String] {
        switch (target, language) {
        case (.quit, .nl): ["Het advies is niet opgeslagen.", "Toch stoppen? (j/n)"]
        case (.quit, .en): ["The advice has not been saved.", "Quit anyway? (y/n)"]
        case (.newSession, .nl): ["Het advies is niet opgeslagen.", "Opnieuw beginnen? (j/n)"]
        case (.newSession, .en): ["The advice has not been saved.", "Start again? (y/n)"]
        case (.resume, .nl): ["Er is een onderbroken sessie.", "Hervatten? (j/n)"]
        case (.resume, .en): ["There is an interrupted session.", "Resume it? (y/n)"]
        }
    }

    static func overlay(_ base: [StyledLine], _ box: [String], _ s: WizardState) -> [StyledLine] {
        var lines = base
        let inner = min(s.width - 4, (box.map { TextLayout.width($0) }.max() ?? 0) + 2)
        let left = String(repeating: " ", count: max(0, (s.width - inner - 2) / 2))
        let framed = ["┌" + String(repeating: "─", count: inner) + "┐"]
            + box.map { "│ " + TextLayout.truncate($0, to: inner - 2) + String(repeating: " ", count: max(0, inner - 2 - TextLayout.width($0))) + " │" }
            + ["└" + String(repeating: "─", count: inner) + "┘"]
        let top = max(0, (s.height - framed.count) / 2)
        for (i, row) in framed.enumerated() where top + i < lines.count {
            lines[top + i] = StyledLine([Span(left), Span(row, .selected)])
        }
        return lines
    }

    static func tooSmall(_ s: WizardState) -> [StyledLine] {
        let text = s.language == .nl
            ? "Maak het venster groter (minimaal \(minimumWidth)×\(minimumHeight), nu \(s.width)×\(s.height))"
            : "Make the window larger (at least \(minimumWidth)×\(minimumHeight), now \(s.width)×\(s.height))"
        let wrapped = TextLayout.wrap(text, width: max(1, s.width))
        let top = max(0, (s.height - wrapped.count) / 2)
        var lines = Array(repeating: StyledLine(), count: max(0, s.height))
        for (i, line) in wrapped.enumerated() where top + i < lines.count { lines[top + i] = StyledLine(line, .bold) }
        return lines.map { $0.fitted(max(0, s.width)) }
    }

    static func verdictSymbol(_ verdict: Verdict) -> String {
        switch verdict {
        case .allowed: "✔"
        case .allowedIf: "!"
        case .notAllowed: "✘"
        }
    }
}
