import DMCCCore
import Testing

@Suite("The wizard's state machine")
struct WizardTests {
    let kb = Shipped.knowledge
    let today = date("2026-11-29")

    func start(_ language: Language = .nl) -> WizardState { Wizard.start(kb, date: today, language: language) }

    /// Presses keys one after another, as a person would.
    func press(_ keys: [WizardKey], from state: WizardState? = nil) -> WizardState {
        keys.reduce(state ?? start()) { Wizard.handle($1, $0, kb) }
    }

    func digits(_ text: String) -> [WizardKey] { text.map { .character($0) } }

    @Test("choosing options walks the tree to the advice")
    func walksToAdvice() {
        let s = press(digits("6" + "1" + "1"))   // objection, stop, charge a fee
        #expect(s.advice(kb).outcome?.id == "out-obj-fee")
        #expect(s.screen(kb) == .outcome)
    }

    @Test("back goes one question back with the earlier answer still selected")
    func backKeepsAnswer() {
        var s = press(digits("6" + "1" + "2"))   // objection, stop, no fee
        #expect(s.advice(kb).missing?.fact == "time-limited")
        s = press([.left], from: s)
        #expect(s.advice(kb).missing?.fact == "fee")
        #expect(s.selection == 1, "the earlier answer 'no' is highlighted")
        s = press([.enter], from: s)
        #expect(s.advice(kb).missing?.fact == "time-limited")
        s = press([.backspace, .backspace], from: s)
        #expect(s.advice(kb).missing?.fact == "request")
        #expect(s.selection == 0)
    }

    @Test("back on the first question says so and changes nothing else")
    func backAtStart() {
        let s = press([.left])
        #expect(s.advice(kb).path.isEmpty)
        #expect(s.message != nil)
    }

    @Test("review: changing an answer resumes from there and keeps later answers that still apply")
    func reviewKeepsLaterAnswers() {
        // A charity calls a donor: every condition met.
        let walked = press(digits("5" + "1" + "2" + "2" + "2" + "2" + "1" + "1" + "1" + "1"))
        #expect(walked.advice(kb).outcome?.id == "out-call-customer-exception")
        // Review, reopen "who is calling" (step 5), and make it a business.
        var s = press([.character("r")], from: walked)
        #expect(s.screen(kb) == .review)
        s = press([.character("5")], from: s)
        #expect(s.advice(kb).missing?.fact == "sender")
        #expect(s.selection == 1, "the old answer (charity) is highlighted")
        s = press([.character("1")], from: s)
        #expect(s.advice(kb).outcome?.id == "out-call-business-2026")
        // And back to a charity: the later answers were kept, so the advice returns at once.
        s = press([.character("r"), .character("5"), .character("2")], from: s)
        #expect(s.advice(kb).outcome?.id == "out-call-customer-exception")
    }

    @Test("review can be left without changing anything")
    func reviewCancel() {
        let walked = press(digits("6" + "1"))
        let s = press([.character("r"), .escape], from: walked)
        #expect(s.mode == .walking)
        #expect(s.advice(kb) == walked.advice(kb))
    }

    @Test("the action date can be changed, and the walk follows the rule of that date")
    func dateChange() {
        var s = press(digits("5" + "1" + "2" + "2"))  // call a consumer, no objection, no consent
        #expect(s.advice(kb).missing?.fact == "sender", "after 1 July 2026 the caller matters")
        s = press([.character("d")] + Array(repeating: .backspace, count: 10) + digits("2026-06-30") + [.enter], from: s)
        #expect(s.date == date("2026-06-30"))
        #expect(s.advice(kb).missing?.fact == "relationship", "before 1 July 2026 any business could call customers")
    }

    @Test("an invalid or uncovered date is refused with a message and the old date kept")
    func badDates() {
        var s = press([.character("d")] + Array(repeating: .backspace, count: 10) + digits("2026-02-30") + [.enter])
        #expect(s.date == today)
        #expect(s.message?.text(.en).contains("not a date") == true)
        #expect(s.screen == .date, "still editing, so the typo can be fixed")
        s = press(Array(repeating: .backspace, count: 10) + digits("2020-01-01") + [.enter], from: s)
        #expect(s.date == today)
        #expect(s.message?.text(.en).contains("2021") == true)
        s = press([.escape], from: s)
        #expect(s.mode == .walking)
    }

    @Test("l switches between Dutch and English")
    func language() {
        let s = press([.character("l")])
        #expect(s.language == .en)
        #expect(WizardView.render(s, kb).contains { $0.text.contains("What do you want to do?") })
        #expect(press([.character("l")], from: s).language == .nl)
    }

    @Test("q quits at once when nothing was answered")
    func quitEmpty() {
        #expect(press([.character("q")]).finished)
    }

    @Test("q asks to confirm when the advice has not been saved")
    func quitConfirm() {
        var s = press(digits("6") + [.character("q")])
        #expect(!s.finished)
        #expect(s.mode == .confirm(.quit))
        s = press([.character("n")], from: s)
        #expect(s.mode == .walking && !s.finished)
        s = press([.character("q"), .character("j")], from: s)
        #expect(s.finished)
    }

    @Test("saved advice quits without asking")
    func quitSaved() {
        var s = press(digits("611"))
        s.saved = true
        #expect(press([.character("q")], from: s).finished)
    }

    @Test("n on the advice starts a new session after confirmation, keeping date and language")
    func newSession() {
        var s = press([.character("l")] + digits("611") + [.character("n")])
        #expect(s.mode == .confirm(.newSession))
        s = press([.character("y")], from: s)
        #expect(s.advice(kb).path.isEmpty)
        #expect(s.language == .en && s.date == today)
    }

    @Test("the advice scrolls and stops at its ends")
    func scrolling() {
        var s = press(digits("5122221111"))
        s = Wizard.reduce(s, .resize(width: 80, height: 24), kb)
        let total = WizardView.outcomeBody(s, kb).count
        let room = WizardView.bodyHeight(s)
        #expect(total > room)
        s = press([.up], from: s)
        #expect(s.scroll == 0)
        s = press([.end, .down], from: s)
        #expect(s.scroll == total - room)
        s = press([.pageUp], from: s)
        #expect(s.scroll == total - room - (room - 1))
        s = press([.home], from: s)
        #expect(s.scroll == 0)
    }

    @Test("keys come from the one binding table, and the footer from the same table")
    func bindings() {
        #expect(KeyBindings.action(for: .character("3"), on: .question) == .choose(2))
        #expect(KeyBindings.action(for: .character("k"), on: .question) == .moveUp)
        #expect(KeyBindings.action(for: .character("x"), on: .question) == nil)
        #expect(KeyBindings.action(for: .character("j"), on: .confirm) == .yes)
        #expect(KeyBindings.action(for: .backspace, on: .date) == .deleteCharacter)
        #expect(KeyBindings.action(for: .character("7"), on: .date) == .type("7"))
        #expect(KeyBindings.footer(for: .outcome, language: .nl).contains("r herzien"))
        #expect(KeyBindings.footer(for: .outcome, language: .en).contains("n new"))
    }
}

@Suite("The wizard's screens at 40, 80 and 200 columns")
struct WizardViewTests {
    let kb = Shipped.knowledge

    /// Every state met while walking every path of the tree, at a given size.
    func statesAlongAllPaths(width: Int, height: Int) -> [WizardState] {
        var states: [WizardState] = []
        for path in PathEnumerator.paths(in: kb) {
            var s = Wizard.start(kb, date: path.representativeDate(coversFrom: kb.metadata.coversFrom), language: .nl,
                                 width: width, height: height)
            states.append(s)
            for case .answer(_, let fact, let value) in path.steps {
                guard let q = s.advice(kb).missing, q.fact == fact, let i = q.options.firstIndex(where: { $0.value == value }) else { break }
                s = Wizard.reduce(s, .choose(i), kb)
                states.append(s)
            }
            #expect(s.advice(kb).outcome?.id == path.outcome.id)
            states.append(Wizard.reduce(s, .end, kb))
            states.append(Wizard.reduce(s, .openReview, kb))
            states.append(Wizard.reduce(s, .editDate, kb))
            states.append(Wizard.reduce(s, .quit, kb))
        }
        return states
    }

    @Test("every screen of every path fills the window exactly, never wider than it", arguments: [(40, 12), (80, 24), (200, 60)])
    func fits(size: (Int, Int)) {
        for state in statesAlongAllPaths(width: size.0, height: size.1) {
            for language in Language.allCases {
                var s = state
                s.language = language
                let lines = WizardView.render(s, kb)
                #expect(lines.count == size.1)
                for line in lines { #expect(TextLayout.width(line.text) <= size.0, "\(line.text)") }
            }
        }
    }

    @Test("the verdict banner says the verdict in words, not only in colour")
    func bannerInWords() {
        let s = ["6", "1", "1"].reduce(Wizard.start(kb, date: date("2026-11-29"), language: .nl)) {
            Wizard.handle(.character(Character($1)), $0, kb)
        }
        let lines = WizardView.render(s, kb)
        #expect(lines[1].text.contains("NIET TOEGESTAAN"))
        #expect(lines[1].spans.first?.style == .verdict(.notAllowed))
        var en = s
        en.language = .en
        #expect(WizardView.render(en, kb)[1].text.contains("NOT ALLOWED"))
    }

    @Test("the header names the product, knowledge version, action date and step")
    func header() {
        let s = Wizard.handle(.character("1"), Wizard.start(kb, date: date("2026-11-29"), language: .nl), kb)
        let header = WizardView.render(s, kb)[0].text
        #expect(header.contains("dmcc-advisor"))
        #expect(header.contains(kb.metadata.version))
        #expect(header.contains("29 november 2026"))
        #expect(header.contains("stap 2"))
    }

    @Test("a window below 40x12 asks to be made larger, and recovers when it is")
    func tooSmall() {
        var s = Wizard.start(kb, date: date("2026-11-29"), language: .nl, width: 39, height: 24)
        #expect(WizardView.render(s, kb).contains { $0.text.contains("Maak het venster groter") })
        s = Wizard.reduce(s, .resize(width: 40, height: 12), kb)
        #expect(WizardView.render(s, kb).contains { $0.text.contains("Wat wilt u doen?") })
    }

    @Test("the highlighted option stays visible in a short window")
    func selectionVisible() {
        var s = Wizard.start(kb, date: date("2026-11-29"), language: .nl, width: 40, height: 12)
        for _ in 0..<5 { s = Wizard.reduce(s, .moveDown, kb) }
        let lines = WizardView.render(s, kb)
        #expect(lines.contains { $0.spans.contains { $0.style == .selected && $0.text.contains("6.") } })
    }
}

@Suite("Line mode")
struct LineModeTests {
    let kb = Shipped.knowledge

    func run(_ lines: [String]) -> (WizardState, String) {
        var s = Wizard.start(kb, date: date("2026-11-29"), language: .nl)
        var transcript = LineMode.prompt(s, kb)
        for line in lines {
            s = LineMode.step(s, line, kb)
            transcript += LineMode.prompt(s, kb)
        }
        return (s, transcript)
    }

    @Test("numbered answers reach the same advice text as advise prints")
    func sameAdvice() throws {
        let (s, transcript) = run(["4", "1", "1", "1", "2", "2"])   // energy sale confirmed by voicelog
        let advice = s.advice(kb)
        #expect(advice.outcome?.id == "out-pc-voicelog")
        #expect(transcript.contains(AdviceRenderer.text(AdviceReport(advice, in: kb, language: .nl), language: .nl, width: 80)))
        #expect(transcript.contains("Stap 1: Wat wilt u doen?"))
        #expect(transcript.contains("  4) Een contract telefonisch afsluiten"))
    }

    @Test("b goes back, Enter keeps the earlier answer, ? shows why we ask")
    func backAndHelp() {
        let (s, transcript) = run(["6", "1", "2", "b", "?", ""])
        #expect(s.advice(kb).missing?.fact == "time-limited")
        #expect(transcript.contains("Enter = 2"))
        #expect(transcript.contains("(Een afmelding moet kosteloos zijn.)"))
    }

    @Test("unknown input is named and the question asked again")
    func unknownInput() {
        let (s, transcript) = run(["zeven"])
        #expect(s.advice(kb).path.isEmpty)
        #expect(transcript.contains("! onbekende invoer 'zeven'"))
    }

    @Test("review and date work by typed lines too")
    func reviewAndDate() {
        let (s, _) = run(["5", "1", "2", "2", "d", "2026-06-30", "r", "1", "6"])
        #expect(s.date == date("2026-06-30"))
        #expect(s.advice(kb).missing?.fact == "request")
    }

    @Test("q on unsaved advice asks first; j quits")
    func quit() {
        let (s, transcript) = run(["6", "q", "j"])
        #expect(s.finished)
        #expect(transcript.contains("Toch stoppen? (j/n)"))
    }
}
