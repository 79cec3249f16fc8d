import DMCCCore
import Foundation
import Testing

/// "Don't know" in the wizard (issue 11) and the wizard half of issue 10 (conclusion, supersede on re-save).
@Suite("Don't know in the wizard, and records that keep the open points")
struct DontKnowWizardTests {
    let kb = Shipped.knowledge

    /// A marketing call by a business to a consumer who has not objected: consent decides.
    static let callUpToConsent = ["marketing-call", "consumer", "marketing", "no"]

    /// Answers the call up to consent, "don't know" on consent, then the sender of the branch without consent.
    func consentUnknown(language: Language = .nl) -> WizardDriver {
        var w = WizardDriver(language: language)
        w.choose(Self.callUpToConsent)
        #expect(w.asking == "call-consent")
        w.press("u")
        w.choose("business")
        return w
    }

    var exploration: (WizardDriver) -> Exploration? { { $0.state.exploration(kb) } }

    // MARK: - 1. The wizard model

    @Test("u answers don't know; the wizard then asks what the other branch still needs, and shows the advice")
    func dontKnowKey() throws {
        var w = WizardDriver()
        w.choose(Self.callUpToConsent)
        w.press("u")
        #expect(w.state.session.answers["call-consent"]?.given?.value == .unknown)
        // Consent "yes" ends at once; consent "no" still needs the sender.
        #expect(w.asking == "call-sender")
        let screen = WizardView.render(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(screen.contains("Voor het geval:"), "the question says which branch it is for: \(screen)")
        #expect(screen.contains("stap 6"), "six questions answered or asked, the unknown included: \(screen)")
        w.choose("business")
        guard case .advice = w.state.screen else { Issue.record("no advice: \(w.state.screen)"); return }
        let e = try #require(exploration(w))
        #expect(e.isConditional && e.safeVerdict == .notAllowed)
    }

    @Test("each question is asked once, also when two branches need it")
    func askedOnce() throws {
        var w = WizardDriver()
        w.choose("marketing-call", "consumer", "marketing")
        w.press("u") // objected: yes ends, no asks consent
        #expect(w.asking == "call-consent")
        w.press("u") // consent: yes ends, no asks sender
        #expect(w.asking == "call-sender")
        w.choose("business")
        let e = try #require(exploration(w))
        #expect(e.isComplete)
        #expect(e.branches.count == 3)
        #expect(e.unknownQuestionIDs == ["call-objected", "call-consent"])
        #expect(Set(e.steps.map(\.questionID)).count == e.steps.count)
    }

    @Test("the don't-know key is in the footer and the key help, from the command table, in both languages")
    func footerAndHelp() {
        #expect(Commands.footerHints(for: .question, language: .nl).contains("u weet ik niet"))
        #expect(Commands.footerHints(for: .question, language: .en).contains("u don't know"))
        #expect(Commands.fullHelp(for: .question, language: .en).contains("u: don't know"))
        // No other command of the question screen uses the key.
        let onQuestion = Commands.table.filter { $0.screens.contains(.question) && $0.keys.contains(.character("u")) }
        #expect(onQuestion.count == 1)
        var w = WizardDriver()
        w.choose("marketing-call")
        let footer = WizardView.render(w.state, kb).suffix(2).map(\.text).joined()
        #expect(footer.contains("u weet ik niet"), "\(footer)")
    }

    @Test("line mode: 'weet niet', 'don't know' and 'u' answer don't know, and the hint says so")
    func lineMode() {
        for word in ["weet niet", "don't know", "u", "Weet ik niet"] {
            var w = WizardDriver()
            w.choose(Self.callUpToConsent)
            #expect(LineMode.prompt(w.state, kb).contains("u = weet ik niet"))
            let (next, _) = LineMode.step(w.state, word, at: w.now, kb)
            #expect(next.session.answers["call-consent"]?.given?.value == .unknown, "\(word)")
            #expect(next.exploration(kb)?.missing?.id == "call-sender", "\(word)")
        }
    }

    @Test("review lists a don't-know answer as 'Weet ik niet'; changing it makes the advice definite")
    func reviewAndChange() throws {
        var w = consentUnknown()
        w.press("r")
        let screen = WizardView.render(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(screen.contains("→ Weet ik niet"), "\(screen)")
        let line = LineMode.prompt(w.state, kb)
        #expect(line.contains("→ Weet ik niet"))
        // The fifth answer is consent: reopen it and answer "no".
        w.press("5")
        #expect(w.asking == "call-consent")
        let reopened = WizardView.render(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(reopened.contains("Eerder beantwoord met: weet ik niet"), "\(reopened)")
        w.choose("no")
        let e = try #require(exploration(w))
        #expect(e.isDefinite && e.safeVerdict == .notAllowed)
        guard case .advice = w.state.screen else { Issue.record("\(w.state.screen)"); return }
    }

    @Test("back from the question a branch needs takes back that branch's last answer")
    func back() {
        var w = WizardDriver()
        w.choose(Self.callUpToConsent)
        w.press("u")
        #expect(w.asking == "call-sender")
        w.press([.left])
        #expect(w.asking == "call-consent", "the don't know is taken back")
    }

    // MARK: - 2. The advice screen

    @Test("a conditional advice: safe reading in the banner, branches, and what to confirm; it scrolls")
    func conditionalAdviceScreen() throws {
        var w = consentUnknown()
        let screen = WizardView.render(w.state, kb).map(\.text)
        #expect(screen[1].contains("VOORWAARDELIJK · TOT BEVESTIGING: NIET TOEGESTAAN"), "\(screen[1])")
        let body = WizardView.adviceBody(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(body.contains("Tot de open punten hieronder bevestigd zijn: behandel dit als niet toegestaan."))
        #expect(body.contains("Te bevestigen"))
        #expect(body.contains("Hoe u dit vaststelt"))
        #expect(body.contains("Als het antwoord is:"))
        // The one source of truth: the same lines as `advise` prints for these answers.
        let report = ExplorationReport(try #require(exploration(w)), in: kb, language: .nl)
        let text = AdviceRenderer.text(report, language: .nl, width: 78)
        #expect(body.contains(text.split(separator: "\n")[1]))
        #expect(WizardView.adviceBody(w.state, kb).count > WizardView.adviceBodyHeight(w.state))
        w.press([.end])
        guard case .advice(let scroll, _) = w.state.screen else { Issue.record("\(w.state.screen)"); return }
        #expect(scroll > 0)
        let bottom = WizardView.render(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(bottom.contains("Datum van de actie: 29 november 2026"), "the end of the advice: \(bottom)")
    }

    @Test("a don't know that does not change the verdict: that verdict, whatever the answer, naming the question")
    func unknownThatDoesNotMatter() throws {
        var w = WizardDriver(language: .en)
        w.choose("marketing-call")
        w.press("u") // recipient: don't know
        // Every recipient branch is then asked what it needs; answer "objected: yes" wherever asked.
        for _ in 0..<10 {
            guard let q = w.advice?.missing else { break }
            if q.fact == "objected" { w.choose("yes") } else if q.fact == "call-kind" { w.choose("marketing") } else { w.press("1") }
        }
        let e = try #require(exploration(w))
        #expect(e.isComplete && !e.isConditional, "\(e.verdicts)")
        let screen = WizardView.render(w.state, kb).map(\.text)
        #expect(screen[1].contains("NOT ALLOWED") && !screen[1].contains("CONDITIONAL"))
        let body = WizardView.adviceBody(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(body.contains("This holds whatever the answer to these questions:"))
        #expect(body.contains("Who do you want to call?"))
    }

    // MARK: - 3. Records keep the open points

    func savedRecord(_ w: WizardDriver, id: String = "20261129-100000-aaaaaa") throws -> AdviceRecord {
        let e = try #require(exploration(w))
        return w.state.session.record(e, id: id, created: "2026-11-29T10:00:00+01:00", programVersion: "test", kb: kb, language: w.state.language)
    }

    @Test("saving a conditional advice: the don't-know step is an open point, the safe reading is the advice")
    func conditionalRecord() throws {
        var w = consentUnknown()
        w.press("s")
        #expect(w.effects.contains { if case .save = $0 { true } else { false } })
        let record = try savedRecord(w)
        #expect(record.openPoints.map(\.question) == ["call-consent"])
        #expect(record.openPoints.first?.label == "Weet ik niet")
        #expect(record.steps.count == 6)
        #expect(record.advice.verdict == Verdict.notAllowed.rawValue, "the safe reading's branch")
        #expect(record.conditional?.status == "conditional")
        #expect(record.conditional?.toConfirm.map(\.fact) == ["consent"])
        // Each step keeps the time it was answered, the don't know included.
        #expect(record.steps.allSatisfy { $0.answered != nil })
        let markdown = RecordRenderer.markdown(record)
        #expect(markdown.contains("## Open punten"))
        // The letter's words for a don't-know answer; the code stays in the appendix.
        #expect(markdown.contains("Nog niet bekend (te bevestigen)") && markdown.contains("consent=unknown"))
        #expect(markdown.contains("Hieronder de veilige lezing"))
        #expect(RecordRenderer.text(record).contains("Open punten (beantwoord met \"weet ik niet\")"))
        // Written and read back as a file would be, it verifies.
        let json = Data(record.prettyJSON().utf8)
        #expect(RecordCheck.problems(json: json, markdown: markdown, expectedID: record.id).isEmpty)
        let read = try JSONDecoder().decode(AdviceRecord.self, from: json)
        #expect(read == record)
    }

    @Test("the client letter of a conditional advice says what each answer would mean, and heads the safe reading as such")
    func conditionalLetter() throws {
        var w = consentUnknown()
        w.press("s")
        let record = try savedRecord(w)
        let html = RecordLetter.html(record)
        #expect(html.contains("Ons advies zolang de open punten niet bevestigd zijn"))
        #expect(html.contains("Als het antwoord &quot;Ja&quot; is: <strong>Toegestaan"), "quotes in the letter are escaped")
        #expect(html.contains("Als het antwoord &quot;Nee&quot; is: <strong>Niet toegestaan"))
        // An open point reached on one branch only says when it is asked, and claims no more than that branch.
        var dependent = record
        var point = try #require(dependent.conditional?.toConfirm.first)
        point.askedOnEveryBranch = false
        var condition = try #require(dependent.conditional?.branches.first?.assumptions.first)
        condition.text = "Werd de klant geïnformeerd?"
        condition.label = "Ja"
        point.askedIf = [condition]
        point.options[0].verdictLabels = ["Niet toegestaan", "Toegestaan"]
        dependent.conditional?.toConfirm = [point]
        let dependentHTML = RecordLetter.html(dependent)
        #expect(dependentHTML.contains("Alleen gevraagd als: Werd de klant geïnformeerd? → Ja"))
        #expect(dependentHTML.contains("(samen met die aanname): <strong>hangt af van de andere open punten: Niet toegestaan / Toegestaan"))
        // A definite record keeps the plain heading.
        var definite = record
        definite.conditional = nil
        #expect(!RecordLetter.html(definite).contains("zolang de open punten"))
    }

    @Test("a definite record has no conditional part in its JSON, as before")
    func definiteRecordUnchanged() throws {
        var w = WizardDriver()
        w.choose(Self.callUpToConsent + ["no", "business"])
        let record = try savedRecord(w)
        #expect(record.conditional == nil)
        #expect(!record.prettyJSON().contains("\"conditional\""))
        let e = try #require(exploration(w))
        let plain = AdviceRecord(id: record.id, created: record.created, programVersion: "test", advice: e.branches[0].advice, kb: kb,
                                 language: .nl, notes: [:], answeredAt: Dictionary(uniqueKeysWithValues: record.steps.map { ($0.question, $0.answered ?? "") }))
        #expect(plain.steps == record.steps && plain.sha256 == record.sha256)
    }

    @Test("replay of a record with open points against the same knowledge finds it unchanged")
    func replayOpenPoints() throws {
        let record = try savedRecord(consentUnknown())
        let result = Replay.runWithOpenPoints(record, against: kb)
        #expect(!result.changed, "\(result.lines)")
        #expect(result.advice?.verdict == Verdict.notAllowed.rawValue)
    }

    // MARK: - 4. Resolving open points

    @Test("resolving an open point gives a session that supersedes the record, with the answer given and notes kept")
    func resolving() throws {
        var w = WizardDriver()
        w.choose(Self.callUpToConsent)
        w.press("n")
        w.press("Bel de klant")
        w.press([.enter])
        w.press("u")
        w.choose("business")
        let record = try savedRecord(w, id: "20261129-100000-bbbbbb")
        let session = try record.resolving(["consent=yes"], in: kb, at: "2026-11-30T09:00:00+01:00")
        #expect(session.lastSaved == record.id)
        let e = try session.exploration(kb)
        #expect(e.isDefinite && e.safeVerdict == .allowedIf)
        let resolved = session.record(e, id: "20261130-090000-cccccc", created: "2026-11-30T09:00:00+01:00", programVersion: "test", kb: kb, language: .nl)
        #expect(resolved.supersedes == record.id)
        #expect(resolved.openPoints.isEmpty && resolved.conditional == nil)
        #expect(resolved.steps.first { $0.question == "call-consent" }?.note == "Bel de klant")
        #expect(resolved.steps.first { $0.question == "call-consent" }?.answered == "2026-11-30T09:00:00+01:00")
        // The sender is no longer on the path: its step is gone.
        #expect(!resolved.steps.contains { $0.question == "call-sender" })
    }

    @Test("resolve refuses an unknown fact or value listing the valid ones, and a fact that is not an open point")
    func resolveRefusals() throws {
        let record = try savedRecord(consentUnknown())
        #expect(throws: ResolveError.self) { try record.resolving(["consnet=yes"], in: kb, at: "") }
        do {
            _ = try record.resolving(["consent=maybe"], in: kb, at: "")
            Issue.record("an unknown value was accepted")
        } catch { #expect(error.description.contains("valid values: yes, no"), "\(error)") }
        do {
            _ = try record.resolving(["recipient=business"], in: kb, at: "")
            Issue.record("a fact that is not open was accepted")
        } catch { #expect(error.description.contains("its open points are: consent"), "\(error)") }
        do {
            _ = try record.resolving(["consent=unknown"], in: kb, at: "")
            Issue.record("unknown was accepted as a resolution")
        } catch { #expect(error == .stillUnknown("consent")) }
        #expect(throws: ResolveError.nothingGiven(open: ["consent"])) { try record.resolving([], in: kb, at: "") }
        var w = WizardDriver()
        w.choose(Self.callUpToConsent + ["no", "business"])
        #expect(throws: ResolveError.noOpenPoints(record: "20261129-100000-aaaaaa")) { try savedRecord(w).resolving(["consent=yes"], in: kb, at: "") }
    }

    // MARK: - 5. Supersede on re-save, conclusion

    @Test("saving again after a change supersedes the record saved before in this session")
    func supersedeOnResave() throws {
        var w = consentUnknown()
        w.press("s")
        w.act(.saved(id: "20261129-100000-aaaaaa", location: "x"))
        #expect(w.state.session.savedAs == "20261129-100000-aaaaaa")
        w.press("s")
        #expect(w.state.message?.text(.nl).contains("al opgeslagen") == true)
        // A change: the consent turns out to be "no".
        w.press("r")
        w.press("5")
        w.choose("no")
        #expect(w.state.session.savedAs == nil)
        #expect(w.state.session.lastSaved == "20261129-100000-aaaaaa", "kept after the change")
        w.effects = []
        w.press("s")
        #expect(w.effects.contains { if case .save = $0 { true } else { false } })
        #expect(try savedRecord(w, id: "20261129-100100-bbbbbb").supersedes == "20261129-100000-aaaaaa")
        // Starting over is a new advice: nothing to supersede.
        w.act(.saved(id: "20261129-100100-bbbbbb", location: "x"))
        w.press("o")
        w.press("j")
        #expect(w.state.session.lastSaved == nil)
    }

    @Test("k on the advice writes a conclusion: kept in the session and autosave, shown, saved in the record; Esc discards")
    func conclusion() throws {
        var w = consentUnknown()
        w.press("k")
        #expect(w.state.kind == .conclusion)
        #expect(WizardView.render(w.state, kb).map(\.text).joined().contains("Uw conclusie voor de klant"))
        w.press("Eerst het toestemmingsbewijs opvragen")
        #expect(w.effects.contains { if case .autosave(let s) = $0 { s.conclusion == "Eerst het toestemmingsbewijs opvragen" } else { false } })
        w.press([.enter])
        guard case .advice = w.state.screen else { Issue.record("\(w.state.screen)"); return }
        #expect(WizardView.adviceBody(w.state, kb).map(\.text).contains(" Eerst het toestemmingsbewijs opvragen"))
        #expect(LineMode.prompt(w.state, kb).contains("Conclusie: Eerst het toestemmingsbewijs opvragen"))
        #expect(try savedRecord(w).conclusion == "Eerst het toestemmingsbewijs opvragen")
        w.press("k")
        w.press("weg")
        w.press([.escape])
        #expect(w.state.session.conclusion == "Eerst het toestemmingsbewijs opvragen")
        #expect(w.state.message?.text(.nl) == "conclusie niet gewijzigd (Esc)")
        // Line mode: the same screen takes one line.
        let (next, _) = LineMode.step(w.state, "k", at: w.now, kb)
        // It shows the conclusion kept so far, which a typed line replaces (an empty line keeps it).
        #expect(LineMode.prompt(next, kb).contains("Nu: Eerst het toestemmingsbewijs opvragen\nConclusie voor de klant (leeg = ongewijzigd, nieuwe tekst = vervangen, - = wissen):"))
        let (written, _) = LineMode.step(next, "Anders", at: w.now, kb)
        #expect(written.session.conclusion == "Anders")
    }

    @Test("a session with a conclusion and a last saved record still decodes, and an old session without them too")
    func sessionCoding() throws {
        var w = consentUnknown()
        w.press("k")
        w.press("Tekst")
        w.press([.enter])
        w.act(.saved(id: "20261129-100000-aaaaaa", location: "x"))
        let data = try JSONEncoder().encode(w.state.session)
        #expect(try JSONDecoder().decode(Session.self, from: data) == w.state.session)
        let old = #"{"format":"dmcc-session/2","id":"x","changed":"","date":"2026-11-29","client":"","consultant":"","subject":"","answers":{}}"#
        let decoded = try JSONDecoder().decode(Session.self, from: Data(old.utf8))
        #expect(decoded.conclusion == nil && decoded.lastSaved == nil)
    }

    // MARK: - The property, through the wizard model

    /// Drives the wizard with answers by question (keyed as a session keys them, `KnowledgeBase.answerKey`);
    /// `unknown` gets "don't know"; questions off the path get their first option.
    func walk(_ given: [String: String], unknown: String?, date: CalendarDate) -> Exploration? {
        var w = WizardDriver(date: date)
        for _ in 0..<80 {
            guard let q = w.state.exploration(kb)?.missing else { break }
            if kb.answerKey(q.id) == unknown {
                w.act(.dontKnow)
            } else {
                let value = given[kb.answerKey(q.id)] ?? q.options[0].value
                w.act(.choose(q.options.firstIndex { $0.value == value } ?? 0))
            }
        }
        return w.state.exploration(kb)
    }

    /// The same answers given definitely, straight to the session (the baseline needs no screens).
    func definiteWalk(_ given: [String: String], date: CalendarDate) throws -> Exploration? {
        var session = Session(id: "baseline", date: date)
        for _ in 0..<80 {
            guard let q = try session.exploration(kb).missing else { break }
            let value = given[kb.answerKey(q.id)] ?? q.options[0].value
            session[answerTo: q.id, in: kb] = SessionAnswer(given: SessionAnswer.Given(value: .value(value), time: "t"))
        }
        return try session.exploration(kb)
    }

    @Test("for every path and every question on it, don't know in the wizard gives exactly the verdicts of the definite answers")
    func property() throws {
        var checked = 0
        for path in PathEnumerator.paths(in: kb) {
            var given: [String: String] = [:]
            for case .answer(let question, _, let value) in path.steps { given[kb.answerKey(question)] = value }
            let date = path.representativeDate(coversFrom: kb.metadata.coversFrom)
            for question in given.keys.sorted() {
                let unknown = try #require(walk(given, unknown: question, date: date))
                #expect(unknown.isComplete, "\(path.outcome.id), \(question)")
                let options = try #require(kb.question(question)).options.map(\.value)
                var definite = Set<Verdict>()
                for value in options {
                    var answers = given
                    answers[question] = value
                    let e = try #require(try definiteWalk(answers, date: date))
                    #expect(e.isDefinite && e.isComplete)
                    if let v = e.safeVerdict { definite.insert(v) }
                }
                #expect(Set(unknown.verdicts) == definite, "path to \(path.outcome.id), \(question) unknown")
                #expect(unknown.safeVerdict == definite.max { $0.strictness < $1.strictness })
                checked += 1
            }
        }
        #expect(checked > 200)
    }
}

@Suite("Records written by main before issue 11")
struct DefiniteRecordFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Records")

    @Test("a record saved by main at 9bfbd18 still reads, verifies and has no open points")
    func oldRecord() throws {
        let id = "20261129-161409-ef39ab"
        let json = try Data(contentsOf: Self.folder.appendingPathComponent(id + ".json"))
        let record = try JSONDecoder().decode(AdviceRecord.self, from: json)
        #expect(record.conditional == nil && record.openPoints.isEmpty)
        #expect(RecordCheck.problems(json: json, markdown: RecordRenderer.markdown(record), expectedID: id).isEmpty)
        #expect(!RecordRenderer.markdown(record).contains("Open punten"))
        #expect(throws: ResolveError.noOpenPoints(record: id)) { try record.resolving(["consent=yes"], in: Shipped.knowledge, at: "") }
    }
}
