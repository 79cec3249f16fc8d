/// Review: every answer on the path; choosing one reopens its question, and the walk goes on
/// from there with the later answers given to the same questions.
enum ReviewScreen {
    static func update(_ action: WizardAction, _ selection: Int, _ help: Bool, _ typed: Int?, _ s: inout WizardState,
                       _ effects: inout [WizardEffect], _ kb: KnowledgeBase) {
        let path = s.exploration(kb)?.steps ?? []
        let last = max(0, path.count - 1)
        switch action {
        // More than 9 answers: a digit that can start a two-digit number highlights its answer and
        // waits for a second digit (or Enter), so every answer can be picked by key.
        case .choose(let i) where typed != nil:
            let number = typed! * 10 + i + 1
            if path.indices.contains(number - 1) { reopen(path[number - 1], &s, kb) } else if path.indices.contains(i) { reopen(path[i], &s, kb) }
        case .choose(let i) where path.indices.contains(i) && (i + 1) * 10 <= path.count:
            s.screen = .review(selection: i, help: help, typed: i + 1)
        case .moveUp: s.screen = .review(selection: max(0, selection - 1), help: help)
        case .moveDown: s.screen = .review(selection: min(last, selection + 1), help: help)
        case .home, .pageUp: s.screen = .review(selection: 0, help: help)
        case .end, .pageDown: s.screen = .review(selection: last, help: help)
        case .choose(let i) where path.indices.contains(i): reopen(path[i], &s, kb)
        case .click(let row):
            if let i = view(s, kb).rows[row], path.indices.contains(i) { reopen(path[i], &s, kb) }
        case .confirm where path.indices.contains(selection): reopen(path[selection], &s, kb)
        case .cancel: s.screen = Wizard.walkScreen(s, kb)
        case .toggleHelp: s.screen = .review(selection: selection, help: !help)
        case .editDetails: s.screen = .details(DetailsEntry(field: .client, fromReview: true, original: s.session.details))
        case .quit: Wizard.quit(&s, &effects, kb)
        default: break
        }
    }

    /// Reopens one answered question: its answer is taken back (and highlighted), later ones are kept.
    static func reopen(_ step: PathStep, _ s: inout WizardState, _ kb: KnowledgeBase) {
        s.session[answerTo: step.questionID, in: kb]?.takenBack = true
        s.screen = Wizard.walkScreen(s, kb)
    }

    struct Rendered {
        var lines: [StyledLine]
        var rows: [Int: Int]
    }

    static func view(_ s: WizardState, _ kb: KnowledgeBase) -> Rendered {
        guard case .review(let selection, let help, _) = s.screen, let exploration = s.exploration(kb) else { return Rendered(lines: [], rows: [:]) }
        let w = WizardView.textWidth(s)
        let L = s.language
        var body: [StyledLine] = []
        body += TextLayout.wrap(WizardText.reviewTitle.text(L), width: w).map { StyledLine(" " + $0, .bold) }
        body.append(StyledLine())
        var selectedEnd = 0
        var itemRows: [(Range<Int>, Int)] = []
        for (i, step) in s.session.steps(exploration, kb, language: L).enumerated() {
            let selected = i == selection
            let prefix = (selected ? " › " : "   ") + "\(i + 1). "
            let start = body.count
            body += TextLayout.hanging(WizardView.stepLine(step, s, kb), prefix: prefix, width: w + 1)
                .map { StyledLine($0 + " ", selected ? .selected : .plain) }
            itemRows.append((start..<body.count, i))
            if selected { selectedEnd = body.count }
        }
        if help {
            body.append(StyledLine())
            body += Commands.fullHelp(for: .review, language: L).map { StyledLine(" " + $0) }
        }
        let footer = WizardView.footer(.review, s)
        let room = s.height - 3 - WizardView.messageHeight(s) - footer.count
        let top = body.count > room && selectedEnd > room ? min(body.count - room, selectedEnd - room) : 0
        var rows: [Int: Int] = [:]
        for (range, i) in itemRows {
            for row in range where row >= top && row - top < room { rows[row - top + 3] = i }
        }
        var lines = [WizardView.titleBar(s, kb, exploration), WizardView.breadcrumb(s, kb, exploration), StyledLine()]
        lines += body.dropFirst(top).prefix(room)
        return Rendered(lines: WizardView.padded(lines, s, footer) + WizardView.messageLines(s, more: body.count > room ? (top, room, body.count) : nil) + footer,
                        rows: rows)
    }
}
