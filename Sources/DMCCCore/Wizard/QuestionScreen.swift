/// A question of the walk: its options, the earlier answer highlighted, and "why we ask".
enum QuestionScreen {
    static func update(_ action: WizardAction, _ selection: Int, _ help: Bool, _ s: inout WizardState,
                       _ effects: inout [WizardEffect], _ now: String, _ kb: KnowledgeBase) {
        guard let exploration = s.exploration(kb), let question = exploration.missing else { return }
        let last = question.options.count - 1
        switch action {
        case .moveUp: s.screen = .question(selection: max(0, selection - 1), help: help)
        case .moveDown: s.screen = .question(selection: min(last, selection + 1), help: help)
        case .home, .pageUp: s.screen = .question(selection: 0, help: help)
        case .end, .pageDown: s.screen = .question(selection: last, help: help)
        case .choose(let i) where question.options.indices.contains(i): answer(question, i, &s, now, kb)
        case .click(let row):
            if let i = view(s, kb).option(atRow: row) { answer(question, i, &s, now, kb) }
        case .confirm where selection == Screen.none: s.message = WizardText.nothingHighlighted(question.options.count)
        case .confirm: answer(question, selection, &s, now, kb)
        case .dontKnow: answer(question, .unknown, &s, now, kb)
        case .back where help: s.screen = .question(selection: selection, help: false)
        case .back: back(exploration, &s, kb)
        case .toggleHelp: s.screen = .question(selection: selection, help: !help)
        case .addNote: s.screen = .note(question: kb.answerKey(question.id), original: s.session[answerTo: question.id, in: kb]?.note)
        default: Walk.common(action, &s, &effects, kb)
        }
    }

    /// Answers the question on screen; the walk goes on with any later answers given to the same questions.
    static func answer(_ question: Question, _ index: Int, _ s: inout WizardState, _ now: String, _ kb: KnowledgeBase) {
        guard question.options.indices.contains(index) else { return }
        answer(question, .value(question.options[index].value), &s, now, kb)
    }

    /// Records `value` ("don't know" included) for the question on screen and goes on.
    static func answer(_ question: Question, _ value: Answer, _ s: inout WizardState, _ now: String, _ kb: KnowledgeBase) {
        var entry = s.session[answerTo: question.id, in: kb] ?? SessionAnswer()
        entry.given = SessionAnswer.Given(value: value, time: now)
        entry.takenBack = false
        s.session[answerTo: question.id, in: kb] = entry
        s.screen = Wizard.walkScreen(s, kb)
    }

    /// One question back, with the earlier answer still highlighted: the last question of the branch
    /// being asked for, or on the advice the last question of the last branch (the one answered last).
    static func back(_ exploration: Exploration, _ s: inout WizardState, _ kb: KnowledgeBase) {
        guard let last = backStep(exploration) else { s.message = WizardText.atFirstQuestion; return }
        s.session[answerTo: last.questionID, in: kb]?.takenBack = true
        s.screen = Wizard.walkScreen(s, kb)
    }

    static func backStep(_ exploration: Exploration) -> PathStep? {
        (exploration.current ?? exploration.branches.last)?.advice.path.last
    }

    struct Rendered {
        var lines: [StyledLine]
        /// The option index on each screen row (-1: none), for mouse clicks. Plain arrays of Int: a
        /// `[Int: Int]` or an array of ranges cost the first screen a protocol-conformance scan each.
        var optionOfRow: [Int] = []

        func option(atRow row: Int) -> Int? {
            row >= 0 && row < optionOfRow.count && optionOfRow[row] >= 0 ? optionOfRow[row] : nil
        }
    }

    static func view(_ s: WizardState, _ kb: KnowledgeBase) -> Rendered {
        guard case .question(let selection, let help) = s.screen, let exploration = s.exploration(kb), let q = exploration.missing else {
            return Rendered(lines: [])
        }
        let L = s.language
        let w = WizardView.textWidth(s)
        var body: [StyledLine] = []
        let marker = s.session[answerTo: q.id, in: kb]?.note.map { $0.isEmpty ? "" : " " + WizardText.noteMarker } ?? ""
        body += TextLayout.wrap(q.text.text(L) + marker, width: w).map { StyledLine(" " + $0, .bold) }
        // Asked for one branch of a "don't know": say which.
        let assumed = exploration.current?.assumptions ?? []
        if !assumed.isEmpty {
            body += TextLayout.wrap(WizardText.assuming(assumed, kb, L), width: w).map { StyledLine(" " + $0, .dim) }
        }
        if s.session[answerTo: q.id, in: kb]?.given?.value == .unknown {
            body += TextLayout.wrap(WizardText.earlierDontKnow.text(L), width: w).map { StyledLine(" " + $0, .dim) }
        }
        body.append(StyledLine())
        var selectedRange = 0..<0
        var optionStarts: [Int] = [], optionEnds: [Int] = []
        for (i, option) in q.options.enumerated() {
            let label = kb.label(of: option.value, in: q).text(L)
            let selected = i == selection
            let prefix = (selected ? " › " : "   ") + "\(i + 1). "
            let start = body.count
            body += TextLayout.hanging(label, prefix: prefix, width: w + 1).map { StyledLine($0 + " ", selected ? .selected : .plain) }
            optionStarts.append(start)
            optionEnds.append(body.count)
            if selected { selectedRange = start..<body.count }
        }
        if help {
            body.append(StyledLine())
            body.append(StyledLine(" " + WizardText.whyWeAsk.text(L), .bold))
            body += TextLayout.wrap(q.why.text(L), width: w).map { StyledLine(" " + $0) }
        }
        let footer = WizardView.footer(.question, s, hiding: backStep(exploration) == nil ? [.back] : [])
        let room = s.height - 3 - WizardView.messageHeight(s) - footer.count
        var top = 0
        if body.count > room, selectedRange.upperBound > room, !help {
            // Keep the highlighted option in view.
            top = min(body.count - room, selectedRange.upperBound - room)
        }
        let headerRows = 3
        var optionOfRow: [Int] = []
        for i in optionStarts.indices {
            for row in optionStarts[i]..<optionEnds[i] where row >= top && row - top < room {
                let screenRow = row - top + headerRows
                if optionOfRow.count <= screenRow { optionOfRow += repeatElement(-1, count: screenRow + 1 - optionOfRow.count) }
                optionOfRow[screenRow] = i
            }
        }
        var lines = [WizardView.titleBar(s, kb, exploration), WizardView.breadcrumb(s, kb, exploration), StyledLine()]
        lines += body.dropFirst(top).prefix(room)
        let more = body.count > room ? (top, room, body.count) : nil
        return Rendered(lines: WizardView.padded(lines, s, footer) + WizardView.messageLines(s, more: more) + footer, optionOfRow: optionOfRow)
    }
}

/// Keys that mean the same on the question and the advice screen.
enum Walk {
    static func common(_ action: WizardAction, _ s: inout WizardState, _ effects: inout [WizardEffect], _ kb: KnowledgeBase) {
        switch action {
        case .openReview:
            let count = s.exploration(kb)?.steps.count ?? 0
            guard count > 0 else { s.message = WizardText.nothingToReview; return }
            s.screen = .review(selection: count - 1, help: false)
        case .editDate: s.screen = .date(DateEntry(text: s.session.date.description, prefilled: true))
        case .toggleLanguage: s.language = s.language == .nl ? .en : .nl
        case .quit: Wizard.quit(&s, &effects, kb)
        default: break
        }
    }
}
