/// The advice at the end of the walk: verdict banner, then a scrolling body.
enum AdviceScreen {
    static func update(_ action: WizardAction, _ scroll: Int, _ help: Bool, _ s: inout WizardState,
                       _ effects: inout [WizardEffect], _ now: String, _ kb: KnowledgeBase) {
        let page = max(1, bodyHeight(s) - 1)
        switch action {
        case .moveUp: s.screen = .advice(scroll: scroll - 1, help: help)
        case .moveDown: s.screen = .advice(scroll: scroll + 1, help: help)
        case .pageUp: s.screen = .advice(scroll: scroll - page, help: help)
        case .pageDown: s.screen = .advice(scroll: scroll + page, help: help)
        case .home: s.screen = .advice(scroll: 0, help: help)
        case .end: s.screen = .advice(scroll: Int.max / 2, help: help)
        // The help is shown from its top, whatever the scroll position was.
        case .toggleHelp: s.screen = .advice(scroll: 0, help: !help)
        // Esc (back) with the help open closes the help first.
        case .back where help: s.screen = .advice(scroll: 0, help: false)
        case .back:
            if let exploration = s.exploration(kb) { QuestionScreen.back(exploration, &s, kb) }
        case .editConclusion: s.screen = .conclusion(original: s.session.conclusion)
        case .newSession:
            if s.session.savedAs != nil { s.screen = .confirm(.keepDate) } else { s.screen = .confirm(.newSession) }
        case .save: save(&s, &effects, kb)
        default: Walk.common(action, &s, &effects, kb)
        }
    }

    static func save(_ s: inout WizardState, _ effects: inout [WizardEffect], _ kb: KnowledgeBase, warned: Bool = false) {
        // Saving the same advice twice would make two records of one advice.
        if let id = s.session.savedAs { s.message = WizardText.alreadySaved(id); return }
        let offPath = s.session.notesOffPath(kb)
        if !offPath.isEmpty && !warned {
            s.screen = .confirm(.saveWithoutNotes(count: offPath.count))
            return
        }
        effects.append(.save(s.session, s.language))
    }

    /// Rows between the fixed title, banner, message and footer lines, where the body scrolls.
    static func bodyHeight(_ s: WizardState) -> Int {
        max(1, s.height - 2 - WizardView.messageHeight(s) - WizardView.footer(.advice, s).count)
    }

    static func clamp(_ scroll: Int, _ s: WizardState, _ kb: KnowledgeBase) -> Int {
        min(max(0, scroll), max(0, body(s, kb).count - bodyHeight(s)))
    }

    static func view(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        guard case .advice(let scroll, _) = s.screen, let exploration = s.exploration(kb), exploration.isComplete,
              let verdict = exploration.safeVerdict else { return [] }
        let body = body(s, kb)
        let room = bodyHeight(s)
        let top = min(scroll, max(0, body.count - room))
        // What the advice says overall: the strictest of the outcome and the shared parts passed; with
        // "don't know" answers that change it, the safe reading until they are confirmed.
        let label = Wording.verdict(verdict, s.language)
        let text = exploration.isConditional ? WizardText.conditionalBanner(label).text(s.language) : label.uppercased()
        let banner = StyledLine([Span(" " + WizardView.symbol(verdict, s) + " " + text + " ", .verdict(verdict))], fill: true)
        let footer = WizardView.footer(.advice, s)
        var lines = [WizardView.titleBar(s, kb, exploration), banner]
        lines += body.dropFirst(top).prefix(room)
        return WizardView.padded(lines, s, footer) + WizardView.messageLines(s, more: body.count > room ? (top, room, body.count) : nil) + footer
    }

    /// The scrollable text of the advice, wrapped to the current width; the help comes first when open.
    static func body(_ s: WizardState, _ kb: KnowledgeBase) -> [StyledLine] {
        guard case .advice(_, let help) = s.screen, let exploration = s.exploration(kb), exploration.isComplete else { return [] }
        let w = WizardView.textWidth(s)
        let L = s.language
        var body: [StyledLine] = []
        func heading(_ text: String) { body.append(StyledLine()); body.append(StyledLine(" " + text, .bold)) }
        func items(_ texts: [String], _ prefix: String) {
            for t in texts { body += TextLayout.hanging(t, prefix: " " + prefix, width: w + 1).map { StyledLine($0) } }
        }
        if help {
            body.append(StyledLine(" " + WizardText.keys.text(L), .bold))
            items(Commands.fullHelp(for: .advice, language: L), "")
            heading(WizardText.symbols.text(L))
            items(WizardView.symbolLegend(s), "")
            heading(WizardText.grades.text(L))
            items(Grade.allCases.map { "\(Wording.grade($0, L)): \(WizardText.gradeExplanation($0).text(L))" }, "")
            body.append(StyledLine())
        }
        if let conclusion = s.session.conclusion, !conclusion.isEmpty {
            body.append(StyledLine(" " + WizardText.conclusionHeading.text(L), .bold))
            body += TextLayout.wrap(conclusion, width: w).map { StyledLine(" " + $0) }
            body.append(StyledLine())
        }
        guard exploration.isDefinite else {
            // The same text as `advise` prints, without its first line: the banner above says it.
            let report = ExplorationReport(exploration, in: kb, language: L)
            let lines = AdviceRenderer.text(report, language: L, width: w).split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            return body + lines.map { line in
                // Headings ("Te bevestigen", "Als het antwoord is:") start at the margin; items are indented.
                StyledLine(" " + line, line.first == " " || line.isEmpty ? .plain : .bold)
            }
        }
        let report = AdviceReport(exploration.branches[0].advice, in: kb, language: L)
        body += TextLayout.wrap(report.title ?? "", width: w).map { StyledLine(" " + $0, .bold) }
        if let explanation = report.explanation {
            body.append(StyledLine())
            body += TextLayout.wrap(explanation, width: w).map { StyledLine(" " + $0) }
        }
        heading(Wording.text(.why, L))
        items(report.path.map { WizardView.stepLine($0, s, kb) }, "· ")
        let conditions = report.conditions ?? []
        if !conditions.isEmpty {
            heading(Wording.text(.conditions, L))
            items(conditions, "[ ] ")
        }
        // Shared parts passed on the way (the sales call behind a contract) bring their own conditions.
        for part in report.parts ?? [] {
            heading(part.label)
            items(["\(part.verdictLabel): \(part.title)"], "")
            items(part.conditions, "[ ] ")
        }
        let alternatives = report.alternatives ?? []
        if !alternatives.isEmpty {
            heading(Wording.text(.alternatives, L))
            items(alternatives, WizardView.arrow(s) + " ")
        }
        heading(Wording.text(.legalBasis, L))
        var seen = Set<String>()
        let references = ((report.legalBasis ?? []) + (report.parts ?? []).flatMap(\.legalBasis)).filter { seen.insert($0.ref).inserted }
        items(references.map { "\($0.ref) (\($0.gradeLabel))" }, "§ ")
        for change in report.ruleChanges {
            heading(Wording.text(.ruleChange, L))
            items([change.text, "(\(Wording.ruleSide(change.applies, L)))"], "")
        }
        return body
    }
}
