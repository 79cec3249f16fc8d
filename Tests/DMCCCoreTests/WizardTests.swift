import DMCCCore
import Foundation
import Testing

/// Drives the wizard's state machine the way a shell does: one key at a time, each with the time
/// it was pressed, collecting the effects.
struct WizardDriver {
    let kb: KnowledgeBase
    var state: WizardState
    var effects: [WizardEffect] = []
    var clock = 0

    init(_ kb: KnowledgeBase = Shipped.knowledge, date: CalendarDate = CalendarDate(year: 2026, month: 11, day: 29)!,
         language: Language = .nl, details: Bool = false, offer: Session? = nil, width: Int = 80, height: Int = 24) {
        self.kb = kb
        state = Wizard.start(kb, session: Session(id: "test", date: date), language: language, width: width, height: height,
                             details: details, offer: offer)
    }

    var now: String { "2026-11-29T10:\(String(format: "%02d", clock / 60 % 60)):\(String(format: "%02d", clock % 60))+01:00" }

    @discardableResult
    mutating func press(_ keys: [WizardKey]) -> Self {
        for key in keys {
            clock += 1
            let (next, more) = Wizard.handle(key, state, at: now, kb)
            state = next
            effects += more
        }
        return self
    }

    @discardableResult
    mutating func press(_ text: String) -> Self { press(text.map { .character($0) }) }

    @discardableResult
    mutating func act(_ action: WizardAction) -> Self {
        clock += 1
        let (next, more) = Wizard.reduce(state, action, at: now, kb)
        state = next
        effects += more
        return self
    }

    /// Chooses, on each question in turn, the option with the given value (not its position, so
    /// the tests follow the knowledge when options are reordered); returns the digits pressed.
    @discardableResult
    mutating func choose(_ values: [String]) -> [String] {
        var keys: [String] = []
        for value in values {
            guard let q = advice?.missing, let i = q.options.firstIndex(where: { $0.value == value }) else {
                Issue.record("'\(value)' is not an option of \(advice?.missing?.id ?? "the advice")")
                return keys
            }
            press(String(i + 1))
            keys.append(String(i + 1))
        }
        return keys
    }

    @discardableResult
    mutating func choose(_ values: String...) -> [String] { choose(values) }

    /// The digits that answer `values` from the first question on.
    static func digits(_ values: [String]) -> [String] {
        var w = WizardDriver()
        return w.choose(values)
    }

    static func digits(_ values: String...) -> [String] { digits(values) }

    var advice: Advice? { state.advice(kb) }
    var asking: String? { advice?.missing?.id }
    var quit: Bool { effects.contains { if case .quit = $0 { true } else { false } } }
}

@Suite("The wizard's state machine")
struct WizardTests {
    let kb = Shipped.knowledge
    /// A charity calls a donor, every condition met, a member of staff on the line: fourteen answers.
    static let charityCallsDonor = ["marketing-call", "consumer", "marketing", "no", "no", "charity", "donor",
                                    "yes", "yes", "yes", "yes", "yes", "yes", "live"]

    @Test("an answer belongs to its question: e-mail consent is not reused as consent to be called (issue 8)")
    func answerBelongsToItsQuestion() throws {
        var w = WizardDriver(language: .en)
        // E-mail marketing, no objection, consent given through this channel.
        w.choose("marketing-message", "email", "marketing", "no", "yes")
        let consentStep = try #require(w.advice?.path.first { $0.fact == "consent" })
        #expect(consentStep.questionID == "msg-consent")
        w.press("r1")      // review, reopen "What do you want to do?"
        w.choose("marketing-call", "consumer", "marketing")
        #expect(w.advice?.outcome == nil, "no advice before the call questions are asked")
        #expect(w.asking == "call-objected", "the objection to calls is asked, not carried over from e-mail")
        w.choose("no")
        #expect(w.asking == "call-consent", "consent to be called is asked: \(w.asking ?? "-")")
        #expect(w.advice?.path.map(\.questionID) == ["start", "call-recipient", "call-kind", "call-objected"])
    }

    @Test("a change in review keeps later answers only for the same questions still on the path")
    func reviewKeepsSameQuestions() {
        // A charity calls a donor: every condition met.
        var w = WizardDriver()
        w.choose(WizardTests.charityCallsDonor)
        #expect(w.advice?.outcome?.id == "out-call-donor-exception")
        w.press("r6")      // reopen "who is calling"
        #expect(w.asking == "call-sender")
        guard case .question(let selection, _) = w.state.screen else { Issue.record("not on a question"); return }
        #expect(selection == 1, "the old answer (charity) is highlighted")
        w.choose("business")
        #expect(w.advice?.outcome?.id == "out-call-business-2026")
        w.press("r6")      // back to a charity: the later answers to the same questions return
        w.choose("charity")
        #expect(w.advice?.outcome?.id == "out-call-donor-exception")
    }

    @Test("back goes one question back with the earlier answer still highlighted, and it is not used until chosen again")
    func backKeepsAnswer() {
        var w = WizardDriver()
        w.press("612")     // objection, stop, no fee
        #expect(w.asking == "obj-time-limited" || w.advice?.missing?.fact == "time-limited")
        w.press([.left])
        #expect(w.advice?.missing?.fact == "fee")
        #expect(w.state.screen == .question(selection: 1, help: false))
        w.press([.enter])
        #expect(w.advice?.missing?.fact == "time-limited")
        w.press([.backspace, .escape])
        #expect(w.advice?.missing?.fact == "request")
    }

    @Test("back on the first question says so")
    func backAtStart() {
        var w = WizardDriver()
        w.press([.left])
        #expect(w.advice?.path.isEmpty == true)
        #expect(w.state.message != nil)
    }

    @Test("every answer on the path has the time it was given")
    func answerTimes() {
        var w = WizardDriver()
        w.press("611")
        for step in w.advice?.path ?? [] {
            #expect(w.state.session[answerTo: step.questionID, in: kb]?.given?.time.hasPrefix("2026-11-29T10:") == true)
        }
    }

    @Test("the date can be changed: typing replaces the pre-filled date, and the Dutch order works")
    func dateChange() {
        var w = WizardDriver()
        w.choose("marketing-call", "consumer", "marketing", "no", "no", "business")
        #expect(w.advice?.outcome?.id == "out-call-business-2026", "since 1 July 2026 a business needs consent")
        w.press("d30-06-2026")
        w.press([.enter])
        #expect(w.state.session.date == date("2026-06-30"))
        #expect(w.advice?.missing?.fact == "relationship", "before 1 July 2026 a business could call its customers")
        w.press("d")
        w.press([.clearLine])
        w.press("2026-11-29")
        w.press([.enter])
        #expect(w.state.session.date == date("2026-11-29"))
    }

    @Test("an invalid or uncovered date is refused with a message and the old date kept")
    func badDates() {
        var w = WizardDriver()
        w.press("d2026-02-30")
        w.press([.enter])
        #expect(w.state.session.date == date("2026-11-29"))
        #expect(w.state.message?.text(.en).contains("not a date") == true)
        #expect(w.state.kind == .date, "still editing, so the typo can be fixed")
        w.press([.clearLine])
        w.press("2020-01-01")
        w.press([.enter])
        #expect(w.state.message?.text(.en).contains("2021") == true)
        w.press([.escape])
        #expect(w.state.kind == .question)
    }

    @Test("l switches between Dutch and English")
    func language() {
        var w = WizardDriver()
        w.press("l")
        #expect(w.state.language == .en)
        #expect(WizardView.render(w.state, kb).contains { $0.text.contains("What do you want to do?") })
    }

    @Test("q quits at once when nothing was answered, and asks first when the advice is unsaved")
    func quit() {
        var empty = WizardDriver()
        empty.press("q")
        #expect(empty.quit)
        var w = WizardDriver()
        w.press("6q")
        #expect(!w.quit && w.state.screen == .confirm(.quit))
        w.press("n")
        #expect(w.state.kind == .question && !w.quit)
        w.press("qj")
        #expect(w.quit)
        #expect(w.effects.contains(.discardAutosave(sessionID: "test")))
    }

    @Test("s asks the shell to save; success marks it saved, failure keeps the session open; the same advice is not saved twice")
    func saving() {
        var w = WizardDriver()
        w.press("611s")
        #expect(w.effects.contains { if case .save = $0 { true } else { false } })
        var failed = w
        failed.act(.saveFailed(.other("No space left on device")))
        #expect(failed.state.session.savedAs == nil)
        #expect(failed.state.message?.text(.nl).contains("No space left on device") == true)
        w.act(.saved(id: "20261129-100000-abcdef", location: "Transcripts/20261129-100000-abcdef.md"))
        #expect(w.state.session.savedAs == "20261129-100000-abcdef")
        var again = w
        again.effects = []
        again.press("s")
        #expect(!again.effects.contains { if case .save = $0 { true } else { false } })
        #expect(again.state.message?.text(.en) == "already saved as 20261129-100000-abcdef")
        var quitting = w
        quitting.press("q")
        #expect(quitting.quit, "saved advice quits without asking")
        w.press([.left])
        w.press("2")
        #expect(w.state.session.savedAs == nil, "a changed answer makes the advice unsaved again")
    }

    @Test("every change is autosaved with the session itself; a repeated key that changes nothing is not")
    func autosaveEffects() {
        var w = WizardDriver()
        w.press("6")
        guard case .autosave(let session)? = w.effects.last else { Issue.record("no autosave"); return }
        #expect(session == w.state.session)
        let count = w.effects.count
        w.press([.up, .up])
        #expect(w.effects.count == count)
    }

    @Test("o on the advice starts over after confirmation and asks whether to keep the date")
    func newSession() {
        var w = WizardDriver()
        w.press("l611o")
        #expect(w.state.screen == .confirm(.newSession))
        w.press("y")
        #expect(w.state.screen == .confirm(.keepDate))
        var keep = w
        keep.press("y")
        #expect(keep.advice?.path.isEmpty == true && keep.state.language == .en && keep.state.session.date == date("2026-11-29"))
        w.press("n")
        #expect(w.state.kind == .date, "a new date is asked for")
    }

    @Test("the advice scrolls and stops at its ends; ? shows the help from the top")
    func scrolling() {
        var w = WizardDriver()
        w.choose(WizardTests.charityCallsDonor)
        let total = WizardView.adviceBody(w.state, kb).count
        let room = WizardView.adviceBodyHeight(w.state)
        #expect(total > room)
        w.press([.up])
        #expect(w.state.screen == .advice(scroll: 0, help: false))
        w.press([.end, .down])
        #expect(w.state.screen == .advice(scroll: total - room, help: false))
        w.press("?")
        #expect(w.state.screen == .advice(scroll: 0, help: true))
        let shown = WizardView.render(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(shown.contains("Toetsen"))
        #expect(WizardView.adviceBody(w.state, kb).map(\.text).joined().contains("rechtspraak: een uitspraak van een rechter"))
    }

    @Test("one rule per key: Esc is back everywhere, n never means new session, letters never move")
    func keyRules() {
        #expect(Commands.action(for: .character("3"), on: .question) == .choose(2))
        #expect(Commands.action(for: .character("j"), on: .question) == nil)
        #expect(Commands.action(for: .character("j"), on: .confirm) == .yes)
        #expect(Commands.action(for: .character("n"), on: .advice) == nil)
        for screen in ScreenKind.allCases {
            #expect(Commands.action(for: .escape, on: screen) != nil, "Esc does something on \(screen)")
            #expect(Commands.action(for: .redraw, on: screen) == .redraw)
        }
        #expect(Commands.action(for: .paste("1\n2"), on: .question) == nil, "a paste never acts as keys")
    }

    @Test("the start screen takes client, consultant and subject, each skippable with Enter; Esc skips the rest")
    func detailsScreen() {
        var w = WizardDriver(details: true)
        #expect(w.state.kind == .details)
        w.press("Café Één")
        w.press([.enter, .enter])
        w.press("Nabellen")
        w.press([.enter])
        #expect(w.state.session.client == "Café Één" && w.state.session.consultant.isEmpty && w.state.session.subject == "Nabellen")
        #expect(w.state.kind == .question)
        var skipped = WizardDriver(details: true)
        skipped.press([.escape])
        #expect(skipped.state.kind == .question)
    }

    @Test("in a review list longer than 9, two digits pick the tenth answer")
    func twoDigitPick() {
        var w = WizardDriver()
        w.choose(WizardTests.charityCallsDonor)
        #expect(w.advice?.path.count == 14)
        w.press("r1")
        #expect(w.state.screen == .review(selection: 0, help: false, typed: 1), "1 waits for a second digit")
        w.press("0")
        #expect(w.advice?.path.count == 9, "the tenth answer was reopened")
        var first = WizardDriver()
        first.choose(WizardTests.charityCallsDonor)
        first.press("r1")
        first.press([.enter])
        #expect(first.advice?.path.isEmpty == true, "1 then Enter reopens the first")
    }

    @Test("← is not offered on the first question, where it does nothing")
    func backHiddenAtStart() {
        var w = WizardDriver()
        #expect(!WizardView.render(w.state, kb).suffix(2).map(\.text).joined().contains("← terug"))
        w.press("6")
        #expect(WizardView.render(w.state, kb).suffix(2).map(\.text).joined().contains("← terug"))
    }

    @Test("the footer always shows help and quit, even at 40 columns")
    func footerAt40() {
        var w = WizardDriver(width: 40, height: 12)
        w.press("1")
        let footer = WizardView.render(w.state, kb).suffix(2).map(\.text).joined()
        #expect(footer.contains("? hulp") && footer.contains("q stoppen"), "\(footer)")
    }

    @Test("keys pressed while the window is too small do nothing")
    func tooSmallIgnoresKeys() {
        var w = WizardDriver(width: 30, height: 10)
        w.press("611")
        #expect(w.advice?.path.isEmpty == true)
        w.press([.resize(width: 80, height: 24)])
        w.press("6")
        #expect(w.advice?.path.count == 1)
    }
}

@Suite("Text fields")
struct TextFieldTests {
    let kb = Shipped.knowledge

    @Test("a paste goes into the field with its line breaks made spaces, and never answers questions (issue 9.3)")
    func pasteIntoClient() {
        var w = WizardDriver(details: true)
        w.press([.paste("Bakkerij Jansen\nDorpsstraat 1\r\n1234 AB Ergens\n6\n1\n1\n")])
        #expect(w.state.session.client == "Bakkerij Jansen Dorpsstraat 1 1234 AB Ergens 6 1 1 ")
        #expect(w.state.kind == .details)
        w.press([.escape])
        #expect(w.advice?.path.isEmpty == true, "no digit of the paste answered a question")
        w.press([.paste("6")])
        #expect(w.advice?.path.isEmpty == true)
    }

    @Test("control characters are never stored in a text field")
    func controlCharacters() {
        var w = WizardDriver(details: true)
        w.press([.character("A"), .character("\u{1b}"), .character("\u{07}"), .character("B")])
        w.press([.paste("C\u{1b}[31mD\u{0}")])
        #expect(w.state.session.client == "AB" + "C[31mD")
    }

    @Test("a note is typed into the session itself, so an autosave keeps it mid-sentence (issue 9.18)")
    func noteAutosavedWhileTyping() {
        var w = WizardDriver()
        w.press("6n")
        w.press("Klant tw")
        guard case .autosave(let saved)? = w.effects.last else { Issue.record("no autosave while typing"); return }
        #expect(saved.answers["obj-request"]?.note == "Klant tw")
        w.press([.escape])
        #expect(w.state.session.answers["obj-request"]?.note == nil, "Esc restores the note as it was")
    }

    @Test("a note shows a marker, stays with its question when review takes it off the path and back, and saving warns")
    func notesStayWithTheirQuestion() {
        var w = WizardDriver()
        w.press("6n")
        w.press("Let op")
        w.press([.enter])
        #expect(LineMode.prompt(w.state, kb).contains("✎"))
        w.press("r1")
        w.choose("phone-contract", "business", "trader")
        #expect(w.state.session.answers["obj-request"]?.note == "Let op")
        w.choose("no", "live")   // a contract with a business that did not object, called by staff: advice
        #expect(w.advice?.outcome != nil)
        w.press("s")
        #expect(w.state.screen == .confirm(.saveWithoutNotes(count: 1)))
        w.press("n")
        w.press("r1")
        w.choose("objection")
        #expect(w.asking == "obj-request")
        #expect(WizardView.render(w.state, kb).contains { $0.text.contains("✎") })
    }

    @Test("typing 1,000 characters costs the same per key at the end as at the start (issue 9.11)")
    func typingStaysLinear() {
        // Counts layout work instead of timing: the text measured per key must not grow with the field.
        var w = WizardDriver(details: true)
        let long = String(repeating: "abcdefghij", count: 100)
        w.press([.paste(long)])
        let lines = WizardView.render(w.state, kb)
        #expect(lines.contains { $0.text.contains("abcdefghij_") })
        #expect(lines.allSatisfy { TextLayout.width($0.text) <= 80 })
        for c in long.prefix(300) { w.press([.character(c)]); _ = WizardView.render(w.state, kb) }
        #expect(w.state.session.client.count == 1300)
    }
}

@Suite("Resuming")
struct ResumeTests {
    let kb = Shipped.knowledge

    @Test("an interrupted session is offered, resumes where it stopped, and --lang of this run applies")
    func resume() throws {
        var first = WizardDriver()
        first.press("512n")
        first.press("Let op")
        first.press([.enter])
        first.state.session.client = "Bakkerij Jansen"
        let restored = try JSONDecoder().decode(Session.self, from: JSONEncoder().encode(first.state.session))
        #expect(restored == first.state.session, "the snapshot is the session value itself")
        var offered = WizardDriver(language: .en, details: true, offer: restored)
        #expect(offered.state.kind == .resumeOffer)
        let box = WizardView.render(offered.state, kb).map(\.text).joined(separator: "\n")
        #expect(box.contains("Bakkerij Jansen") && box.contains("step 4"), "\(box)")
        var resumed = offered
        resumed.press("y")
        #expect(resumed.advice == first.advice && resumed.state.language == .en)
        offered.press("n")
        #expect(offered.effects.contains(.release(sessionID: "test")))
        #expect(offered.state.kind == .details && offered.advice?.path.isEmpty == true)
        #expect(offered.state.message?.text(.en).contains("kept") == true, "declining says the session is kept")
    }

    @Test("a resumed session highlights a taken-back answer exactly as the live one did (fixes 1)")
    func resumeKeepsTakenBackHighlight() throws {
        var live = WizardDriver()
        live.press("512")
        let answered = try #require(live.advice?.path.last)
        live.press([.left])
        guard case .question(let shownLive, _) = live.state.screen else { Issue.record("\(live.state.screen)"); return }
        #expect(shownLive != 0, "the taken-back answer is not the first option, so the test tells the two apart")
        live.press("n")
        live.press("Let op")
        // kill -9 while the note is typed: the autosave is the session as it stands.
        let restored = try JSONDecoder().decode(Session.self, from: JSONEncoder().encode(live.state.session))
        var resumed = WizardDriver(offer: restored)
        resumed.press("y")
        live.press([.enter])
        #expect(resumed.state.screen == live.state.screen, "resumed: \(resumed.state.screen), live: \(live.state.screen)")
        resumed.press([.enter])
        #expect(resumed.advice?.path.last == answered, "Enter records the remembered answer")
    }

    @Test("a session whose date the knowledge no longer covers says so and asks for a date (issue 9.18)")
    func uncoveredDate() {
        var old = Session(id: "old", date: date("2020-05-01"))
        old.answers["start"] = SessionAnswer(given: .init(value: .value("objection"), time: "2020-05-01T10:00:00Z"))
        var w = WizardDriver(offer: old)
        #expect(WizardView.render(w.state, kb).map(\.text).joined().contains("nieuwe datum"))
        w.press("y")
        #expect(w.state.kind == .date)
        #expect(w.state.message?.text(.en).contains("no longer covered") == true)
        w.press("29-11-2026")
        w.press([.enter])
        #expect(w.asking == "obj-request", "the answers come back once the date is covered")
    }

    @Test("nothing worth autosaving before the first answer or detail")
    func emptySession() {
        #expect(Session(id: "x", date: date("2026-11-29")).isEmpty)
        var w = WizardDriver()
        w.press([.down, .up])
        #expect(w.effects.isEmpty)
    }
}

@Suite("The wizard's screens at 40, 80 and 200 columns")
struct WizardViewTests {
    let kb = Shipped.knowledge

    /// Every state met while walking every path of the tree, at a given size.
    func statesAlongAllPaths(width: Int, height: Int) -> [WizardState] {
        var states: [WizardState] = []
        for path in PathEnumerator.paths(in: kb) {
            var w = WizardDriver(date: path.representativeDate(coversFrom: kb.metadata.coversFrom), width: width, height: height)
            states.append(w.state)
            for case .answer(_, let fact, let value) in path.steps {
                guard let q = w.advice?.missing, q.fact == fact, let i = q.options.firstIndex(where: { $0.value == value }) else { break }
                w.act(.choose(i))
                states.append(w.state)
            }
            #expect(w.advice?.outcome?.id == path.outcome.id)
            for action in [WizardAction.end, .openReview, .editDate, .quit, .toggleHelp] {
                var v = w
                v.act(action)
                states.append(v.state)
            }
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

    @Test("text is wrapped at a readable width on a wide terminal")
    func readableWidth() {
        var w = WizardDriver(width: 200, height: 60)
        w.press("6")
        w.press("?")
        #expect(WizardView.render(w.state, kb).allSatisfy { $0.text.trimmingCharacters(in: .whitespaces).count <= 100 || $0.spans.first?.style == .header })
    }

    @Test("the verdict banner says the verdict in words, not only in colour; ASCII where UTF-8 is missing")
    func bannerInWords() {
        var w = WizardDriver()
        w.press("611")
        let lines = WizardView.render(w.state, kb)
        #expect(lines[1].text.contains("✘ NIET TOEGESTAAN"))
        #expect(lines[1].spans.first?.style == .verdict(.notAllowed))
        var ascii = w.state
        ascii.unicode = false
        #expect(WizardView.render(ascii, kb)[1].text.contains("X NIET TOEGESTAAN"))
    }

    @Test("the title bar names the product, client, knowledge version, action date and step")
    func titleBar() {
        var w = WizardDriver(width: 100)
        w.state.session.client = "Café Één"
        w.press("1")
        let header = WizardView.render(w.state, kb)[0].text
        for part in ["dmcc-advisor", "Café Één", kb.metadata.version, "29 november 2026", "stap 2"] {
            #expect(header.contains(part), "\(header)")
        }
    }

    @Test("a window below 40x12 asks to be made larger, and recovers when it is")
    func tooSmall() {
        var w = WizardDriver(width: 39, height: 24)
        #expect(WizardView.render(w.state, kb).contains { $0.text.contains("Maak het venster groter") })
        w.press([.resize(width: 40, height: 12)])
        #expect(WizardView.render(w.state, kb).contains { $0.text.contains("Wat wilt u doen?") })
    }

    @Test("the highlighted option stays visible in a short window")
    func selectionVisible() {
        var w = WizardDriver(width: 40, height: 12)
        // The first ↓ highlights option 1 (nothing is highlighted on a question asked for the first time).
        w.press([.down, .down, .down, .down, .down, .down])
        #expect(WizardView.render(w.state, kb).contains { $0.spans.contains { $0.style == .selected && $0.text.contains("6.") } })
    }
}

@Suite("Line mode")
struct LineModeTests {
    let kb = Shipped.knowledge
    static let voicelog = ["phone-contract", "consumer", "trader", "no", "yes", "regular-supply", "no", "no", "voicelog"]

    func run(_ lines: [String], language: Language = .nl, details: Bool = false) -> (WizardState, String, [WizardEffect]) {
        var s = Wizard.start(kb, session: Session(id: "line", date: date("2026-11-29")), language: language, details: details)
        var transcript = LineMode.prompt(s, kb)
        var effects: [WizardEffect] = []
        for (i, line) in lines.enumerated() {
            let (next, more) = LineMode.step(s, line, at: "2026-11-29T10:00:\(String(format: "%02d", i % 60))Z", kb)
            s = next
            effects += more
            transcript += LineMode.prompt(s, kb)
        }
        return (s, transcript, effects)
    }

    @Test("the issue-8 repro in line mode asks about the call before any advice")
    func repro() {
        // e-mail, marketing, no objection, consent; review, reopen the first question; a marketing call to a consumer
        let email = WizardDriver.digits("marketing-message", "email", "marketing", "no", "yes")
        var after = WizardDriver()
        after.choose("marketing-message", "email", "marketing", "no", "yes")
        after.press("r1")
        let call = after.choose("marketing-call", "consumer", "marketing")
        let (s, transcript, _) = run(["", "", ""] + email + ["r", "1"] + call, language: .en, details: true)
        #expect(s.advice(kb)?.outcome == nil)
        #expect(s.advice(kb)?.missing?.id == "call-objected")
        #expect(!transcript.contains("Allowed with provable consent"))
    }

    @Test("numbered answers reach the same advice text as advise prints")
    func sameAdvice() throws {
        let (s, transcript, _) = run(WizardDriver.digits(LineModeTests.voicelog))   // energy sale confirmed by voicelog
        let advice = try #require(s.advice(kb))
        #expect(advice.outcome?.id == "out-pc-voicelog")
        #expect(transcript.contains(AdviceRenderer.text(AdviceReport(advice, in: kb, language: .nl), language: .nl, width: 80)))
        #expect(transcript.contains("Stap 1: Wat wilt u doen?"))
        #expect(transcript.contains("  4) Een contract telefonisch afsluiten"))
    }

    @Test("b goes back and names the earlier answer, an empty line chooses nothing, ? shows why we ask (fixes 4)")
    func backAndHelp() {
        let (s, transcript, _) = run(["6", "1", "2", "b", "?", ""])
        #expect(s.advice(kb)?.missing?.fact == "fee", "the empty line did not answer the question again")
        #expect(transcript.contains("eerder = 2"))
        #expect(transcript.contains("Fout: een lege regel kiest niets; typ een nummer 1-"))
        #expect(transcript.contains("(Een afmelding moet kosteloos zijn.)"))
    }

    @Test("an empty line never records an answer, not even consent on a first question (fixes 4)")
    func emptyLineChoosesNothing() {
        let (s, transcript, effects) = run(["", ""])
        #expect(s.advice(kb)?.path.isEmpty == true, "no answer recorded: \(s.session.answers)")
        #expect(s.session.answers.isEmpty && !effects.contains { if case .autosave = $0 { true } else { false } })
        #expect(transcript.components(separatedBy: "Fout: een lege regel kiest niets").count == 3)
        #expect(!transcript.contains("Enter = "))
    }

    @Test("a number outside the list says which numbers work (fixes 10)")
    func outOfRange() throws {
        let count = try #require(WizardDriver().advice?.missing?.options.count)
        let (s, transcript, _) = run(["\(count + 1)", "0"], language: .en)
        #expect(s.advice(kb)?.path.isEmpty == true)
        #expect(transcript.components(separatedBy: "Error: choose 1-\(count)").count == 3, "\(transcript)")
    }

    @Test("unknown input is named and the question asked again")
    func unknownInput() {
        let (s, transcript, _) = run(["zeven"])
        #expect(s.advice(kb)?.path.isEmpty == true)
        #expect(transcript.contains("Fout: onbekende invoer 'zeven'"))
    }

    @Test("review, date, note and details work by typed lines, through the same commands")
    func reviewAndDate() {
        let (s, _, _) = run(["5", "1", "2", "2", "d", "30-06-2026", "r", "1", "6", "n", "Let op", "r", "c", "Acme", "", "Nabellen"])
        #expect(s.session.date == date("2026-06-30"))
        #expect(s.advice(kb)?.missing?.fact == "request")
        #expect(s.session.answers["obj-request"]?.note == "Let op")
        #expect(s.session.client == "Acme" && s.session.subject == "Nabellen")
    }

    @Test("q on unsaved advice asks first; j quits")
    func quit() {
        let (_, transcript, effects) = run(["6", "q", "j"])
        #expect(effects.contains { if case .quit = $0 { true } else { false } })
        #expect(transcript.contains("Toch stoppen? (j/n)"))
    }
}

@Suite("Fixes from the new-user tryout of the wizard")
struct WizardTryoutFixTests {
    let kb = Shipped.knowledge

    func shown(_ w: WizardDriver) -> String { WizardView.render(w.state, kb).map(\.text).joined(separator: "\n") }

    @Test("2. every interrupted session is offered: the box counts them and Tab steps through them")
    func severalInterrupted() {
        var a = Session(id: "a", date: date("2026-11-29"), changed: "2026-11-29T09:00:00+01:00")
        a.client = "Alpha"
        var b = Session(id: "b", date: date("2026-11-29"), changed: "2026-11-29T10:00:00+01:00")
        b.client = "Beta"
        var w = WizardDriver(language: .en)
        w.state = Wizard.start(kb, session: Session(id: "test", date: date("2026-11-29")), language: .en, offers: [b, a])
        #expect(shown(w).contains("There are 2 interrupted sessions") && shown(w).contains("Beta"), "\(shown(w))")
        w.press([.tab])
        #expect(shown(w).contains("Session 2 of 2: Alpha"), "\(shown(w))")
        var declined = w
        declined.press("n")
        #expect(declined.effects.contains(.release(sessionID: "a")) && declined.effects.contains(.release(sessionID: "b")))
        #expect(declined.state.message?.text(.en).contains("2 interrupted sessions kept") == true)
        w.press("y")
        #expect(w.state.session.id == "a" && w.state.session.client == "Alpha")
        #expect(w.effects.contains(.release(sessionID: "b")) && !w.effects.contains(.release(sessionID: "a")))
    }

    @Test("6. Esc closes the advice help, cancels the client screen's edit and the keep-date question; the note footer says Esc discards")
    func escapeIsCancel() {
        var w = WizardDriver()
        w.choose(WizardTests.charityCallsDonor)
        w.press("?")
        w.press([.escape])
        #expect(w.state.screen == .advice(scroll: 0, help: false), "Esc closed the help, the advice stays")
        w.state.session.client = "Bakkerij"
        w.press("r")
        w.press("c")
        w.press("X")
        w.press([.tab])
        w.press("Y")
        w.press([.escape])
        #expect(w.state.session.client == "Bakkerij" && w.state.session.consultant == "", "Esc restored the details")
        #expect(w.state.kind == .review)
        w.press([.escape])
        let before = w.state.session
        w.press("o")
        w.press("y")
        #expect(w.state.screen == .confirm(.keepDate))
        w.press([.escape])
        #expect(w.state.session.answers == before.answers && w.state.kind == .advice, "Esc at keep-date resets nothing")
        var note = WizardDriver()
        note.press("n")
        #expect(shown(note).contains("Esc weggooien"))
        note.press("x")
        note.press([.escape])
        #expect(note.state.message?.text(.en).contains("note left unchanged") == true)
    }

    @Test("8. quitting before any advice says the answers so far are lost, not that the advice was not saved")
    func quitBeforeAdvice() {
        var w = WizardDriver(language: .en)
        w.press("6q")
        #expect(w.state.screen == .confirm(.quit))
        #expect(shown(w).contains("no advice yet") && !shown(w).contains("advice has not been saved"), "\(shown(w))")
        var done = WizardDriver(language: .en)
        done.choose(WizardTests.charityCallsDonor)
        done.press("q")
        #expect(shown(done).contains("advice has not been saved"))
    }

    @Test("9. starting over keeps client, consultant and subject")
    func startOverKeepsDetails() {
        var w = WizardDriver()
        w.state.session.client = "Bakkerij"
        w.state.session.consultant = "Ans"
        w.state.session.subject = "Actie"
        w.choose(WizardTests.charityCallsDonor)
        w.press("oyy")
        #expect(w.advice?.path.isEmpty == true)
        #expect([w.state.session.client, w.state.session.consultant, w.state.session.subject] == ["Bakkerij", "Ans", "Actie"])
    }

    @Test("11. the advice's why list marks a question with a note; the title bar names the review screen")
    func noteMarkerAndReviewTitle() {
        var w = WizardDriver(width: 200, height: 60)
        w.press("n")
        w.press("Let op")
        w.press([.enter])
        w.choose(WizardTests.charityCallsDonor)
        let why = WizardView.adviceBody(w.state, kb).map(\.text).drop { !$0.contains("Waarom") }.dropFirst().prefix(2)
        #expect(why.first?.contains("✎") == true, "\(why)")
        w.press("r")
        let title = WizardView.render(w.state, kb)[0].text
        #expect(title.contains("herzien") && !title.contains("advies "), "\(title)")
    }

    @Test("7. at 80 columns the title bar keeps the whole action date; a long message wraps between words, nothing cut")
    func titleKeepsDate() throws {
        for language in [Language.nl, .en] {
            var w = WizardDriver(date: date("2026-09-30"), language: language)
            w.state.session.client = "Bakkerij Jansen en Zonen Groothandel B.V."
            w.choose(Array(WizardTests.charityCallsDonor.prefix(11)))
            let title = WizardView.render(w.state, kb)[0].text
            #expect(title.contains(language == .nl ? "30 september 2026" : "30 September 2026"), "\(title)")
        }
        let a = Session(id: "a", date: date("2026-11-29"), changed: "2026-11-29T09:00:00+01:00")
        var w = WizardDriver(offer: a, width: 40)
        w.press("n")
        let lines = WizardView.render(w.state, kb).map(\.text)
        let message = try #require(w.state.message?.text(.nl))
        #expect(TextLayout.width(message) > 40, "a message longer than the line")
        #expect(lines.allSatisfy { TextLayout.width($0) <= 40 })
        #expect(SaveRefusedTests.collapsed(lines.joined(separator: "\n")).contains(message), "wrapped whole, nothing cut: \(lines)")
    }

    @Test("a failed autosave's warning stays in view under a newer message, until an autosave succeeds")
    func autosaveWarningStays() {
        var w = WizardDriver()
        w.state = Wizard.reduce(w.state, .autosaveFailed("disk-full"), at: w.now, kb).0
        w.press([.left])  // "this is the first question": a newer message
        let shown = WizardView.render(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(shown.contains("dit is de eerste vraag"), "\(shown)")
        #expect(shown.contains("disk-full"), "the warning went: \(shown)")
        w.state = Wizard.reduce(w.state, .autosaved, at: w.now, kb).0
        let after = WizardView.render(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(!after.contains("disk-full"), "\(after)")
    }

    @Test("the start screen at the minimum 40x12 shows every field, the one typed in included; at 80x24 it keeps its spacing")
    func detailsInSmallWindow() {
        var small = WizardDriver(details: true, width: 40, height: 12)
        small.press([.tab])
        small.press([.tab])
        func expectEveryField(_ shown: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            #expect(shown.count <= 12, sourceLocation: sourceLocation)
            for label in ["Klant", "Consultant", "Onderwerp"] {
                #expect(shown.contains { $0.contains(label) }, "\(label) not on screen: \(shown)", sourceLocation: sourceLocation)
            }
        }
        let shown = WizardView.render(small.state, kb).map(\.text)
        expectEveryField(shown)
        #expect(shown.contains { $0.contains("Onderwerp") && $0.contains("_") }, "the subject being typed is not in view: \(shown)")
        // With a long warning (a failed autosave) on screen too.
        small.state = Wizard.reduce(small.state, .autosaveFailed("No space left on device (de schijf is vol): /tmp/dmcc/records/.session-0123456789abcdef.json"), at: small.now, kb).0
        let warned = WizardView.render(small.state, kb).map(\.text)
        expectEveryField(warned)
        #expect(warned.joined().contains("tussentijds bewaren mislukt"), "\(warned)")
        let roomy = WizardView.render(WizardDriver(details: true, width: 80, height: 24).state, kb).map(\.text)
        let client = try? #require(roomy.firstIndex { $0.contains("Klant") })
        if let client { #expect(roomy[client + 1].trimmingCharacters(in: .whitespaces).isEmpty, "\(roomy)") }
    }

    /// A wizard 80 wide on a terminal without UTF-8, with a note on its first question.
    static func withoutUTF8(height: Int) -> WizardDriver {
        var w = WizardDriver(width: 80, height: height)
        w.state.unicode = false
        w.press("n")
        w.press("Let op")
        w.press([.enter])
        return w
    }

    @Test("without UTF-8 the footer is laid out in its ASCII form: no hint cut at 80 columns on any step")
    func asciiFooterNotCut() {
        var w = Self.withoutUTF8(height: 24)
        for answer in WizardTests.charityCallsDonor {
            let footer = WizardView.render(w.state, kb).suffix(2)
            for line in footer {
                #expect(!line.text.contains("~"), "cut: \(line.text)")
                #expect(TextLayout.width(line.text) <= 80)
            }
            w.choose([answer])
        }
    }

    @Test("13. without UTF-8 every symbol on screen is ASCII, also in line mode")
    func asciiSymbols() {
        var w = Self.withoutUTF8(height: 40)
        w.choose(Array(WizardTests.charityCallsDonor.prefix(3)))
        w.press("r")
        var screens = [WizardView.render(w.state, kb)]
        w.press([.escape])
        screens.append(WizardView.render(w.state, kb))
        w.choose(Array(WizardTests.charityCallsDonor.dropFirst(3)))
        w.press("?")
        screens.append(WizardView.render(w.state, kb))
        for lines in screens {
            for line in lines {
                let bad = line.text.filter { "›…·✎←→↑↓⌫✔✘".contains($0) }
                #expect(bad.isEmpty, "\(line.text)")
                #expect(TextLayout.width(line.text) <= 80)
            }
        }
        var noted = WizardDriver()
        noted.state.unicode = false
        noted.press("n")
        noted.press("Let op")
        noted.press([.enter])
        let prompt = LineMode.prompt(noted.state, kb)
        #expect(prompt.contains("Wat wilt u doen? *") && !prompt.contains("✎"), "\(prompt)")
    }

    @Test("4. full screen: a question asked for the first time highlights nothing, so Enter records no consent nobody picked")
    func noPreselectedYes() throws {
        var w = WizardDriver()
        w.choose("marketing-message", "email", "marketing", "no")
        let consent = try #require(w.asking)
        #expect(w.state.screen == .question(selection: Screen.none, help: false))
        #expect(!WizardView.render(w.state, kb).contains { $0.spans.contains { $0.style == .selected } }, "no option is highlighted")
        w.press([.enter])
        #expect(w.asking == consent && w.state.session.answers[consent] == nil, "Enter chose nothing")
        #expect(w.state.message?.text(.en).contains("choose an answer first") == true)
        w.press([.down, .enter])
        #expect(w.advice?.path.last?.questionID == consent, "a highlighted option is chosen by Enter")
    }
}
