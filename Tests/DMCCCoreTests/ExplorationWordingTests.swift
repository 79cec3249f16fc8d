import DMCCCore
import Foundation
import Testing

/// What a "don't know" advice says must not claim more than the branches show (consultant tryout):
/// a question asked only on some branches, answers assumed for a branch, rule changes on the branches.
@Suite("Don't know: the wording claims no more than the branches show")
struct ExplorationWordingTests {
    let kb = Shipped.knowledge

    /// Email to an existing customer without consent: whether the customer was told at collection is not
    /// known, nor whether each message offered an opt-out (asked only if the customer was told).
    static let customerEmail = ["purpose=marketing-message", "channel=email", "recipient=consumer", "message-type=marketing",
                                "sender=business", "relationship=customer", "objected=no", "consent=no", "obtained-in-sale=yes",
                                "similar-offer=yes", "same-entity=yes", "within-3-years=yes", "informed-at-collection=unknown",
                                "opt-out-offered=unknown"]

    /// A marketing call where consent is not known: the branch without consent meets the rule change of 1 July 2026.
    static let callConsentUnknown = ["purpose=marketing-call", "recipient=consumer", "call-kind=marketing", "objected=no",
                                     "consent=unknown", "sender=business"]

    func advise(_ facts: [String], _ extra: [String] = []) throws -> Program.Result {
        try Program.run(["advise", "--date", "2026-11-29"] + facts.flatMap { ["--fact", $0] } + extra)
    }

    func questionText(fact: String, _ language: Language) throws -> String {
        let questions = kb.nodes.compactMap { node -> Question? in
            if case .question(let q) = node { return q }
            return nil
        }
        return try #require(questions.first { $0.fact == fact }).text.text(language)
    }

    /// The text with its line wrapping undone, to find a sentence whatever the width.
    func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    func exploration(_ facts: [String]) throws -> Exploration {
        try Engine.explore(kb, facts: try Engine.facts(from: facts, in: kb), on: CalendarDate(year: 2026, month: 11, day: 29)!)
    }

    // MARK: - 1. A question not every branch reaches

    @Test("an open point asked only on some branches says under which assumption, and its meanings hold only together with it")
    func dependentQuestion() throws {
        let informed = try questionText(fact: "informed-at-collection", .en)
        let report = ExplorationReport(try exploration(Self.customerEmail), in: kb, language: .en)
        let optOut = try #require(report.toConfirm.first { $0.fact == "opt-out-offered" })
        #expect(optOut.askedOnEveryBranch == false)
        #expect(optOut.askedIf?.map { "\($0.fact)=\($0.value)" } == ["informed-at-collection=yes"])
        let first = try #require(report.toConfirm.first { $0.fact == "informed-at-collection" })
        #expect(first.askedOnEveryBranch == true && first.askedIf == nil)
        // "Yes" on the first point leads to more than one verdict: it says these depend on the other open point.
        let yes = try #require(first.options.first { $0.value == "yes" })
        #expect(yes.verdicts.count == 2)
        #expect(yes.summary?.contains("depends on the other open points") == true, "\(yes.summary ?? "")")

        let text = try advise(Self.customerEmail, ["--lang", "en"]).stdout
        let unwrapped = text.replacingOccurrences(of: "\n      ", with: " ")
        #expect(unwrapped.contains("Only asked if: \(informed) → Yes"), "\(text)")
        #expect(text.contains("Yes, together with that assumption → Allowed"), "\(text)")
        // The wording the consultant misread: the answer alone does not make it allowed.
        #expect(!text.contains("      Yes → Allowed"), "\(text)")
        let nl = try advise(Self.customerEmail).stdout
        let informedNL = try questionText(fact: "informed-at-collection", .nl)
        #expect(nl.replacingOccurrences(of: "\n      ", with: " ").contains("Alleen gevraagd als: \(informedNL) → Ja"), "\(nl)")
        #expect(nl.contains("Ja, samen met die aanname → "), "\(nl)")
        let markdown = try advise(Self.customerEmail, ["--lang", "en", "--format", "markdown"]).stdout
        #expect(markdown.contains("_Only asked if: "), "\(markdown)")
        #expect(markdown.contains("  - Yes, together with that assumption → Allowed"), "\(markdown)")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(advise(Self.customerEmail, ["--format", "json"]).stdout.utf8)) as? [String: Any])
        let confirm = try #require(json["to-confirm"] as? [[String: Any]])
        let point = try #require(confirm.first { $0["fact"] as? String == "opt-out-offered" })
        #expect(point["asked-on-every-branch"] as? Bool == false)
        #expect((point["asked-if"] as? [[String: Any]])?.first?["fact"] as? String == "informed-at-collection")
        #expect(((point["options"] as? [[String: Any]])?.first?["summary"] as? String)?.contains("samen met die aanname") == true)
    }

    @Test("the wizard's advice screen words a dependent open point the same way")
    func dependentQuestionInTheWizard() throws {
        var w = WizardDriver(language: .en)
        let facts = Dictionary(uniqueKeysWithValues: Self.customerEmail.map { ($0.split(separator: "=")[0], String($0.split(separator: "=")[1])) })
        while let q = w.state.exploration(kb)?.missing {
            let value = try #require(facts[Substring(q.fact)], "asked \(q.fact)")
            if value == "unknown" { w.press("u") } else { w.choose([value]) }
        }
        let body = WizardView.adviceBody(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(body.contains("Only asked if: "), "\(body)")
        #expect(body.contains("Yes, together with that assumption → Allowed"), "\(body)")
    }

    // MARK: - 2. Answers assumed for a branch, in an advice still incomplete

    @Test("an incomplete advice marks the answers it assumed for a branch and says which branch it asks for")
    func assumedAnswersAreMarked() throws {
        let r = try advise(["purpose=unknown"], ["--lang", "en"])
        #expect(r.status != 0)
        #expect(flat(r.stdout).contains("(assumed for this possibility: you answered \"Don't know\")"), "\(r.stdout)")
        #expect(r.stdout.contains("For the case: "), "\(r.stdout)")
        let nl = try advise(["purpose=unknown"]).stdout
        #expect(flat(nl).contains("(aangenomen voor deze mogelijkheid: u antwoordde \"Weet ik niet\")"), "\(nl)")
        #expect(nl.contains("Voor het geval: "), "\(nl)")
        let markdown = try advise(["purpose=unknown"], ["--format", "markdown", "--lang", "en"]).stdout
        #expect(markdown.contains("(`purpose=marketing-message`) _(assumed for this possibility"), "\(markdown)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(advise(["purpose=unknown"], ["--format", "json"]).stdout.utf8)) as? [String: Any])
        let path = try #require(json["path"] as? [[String: Any]])
        #expect(path.first?["assumed"] as? Bool == true)
        // A later missing fact after an unknown: the unknown's assumed answer is marked, the given ones are not.
        let later = try advise(Array(Self.callConsentUnknown.dropLast()), ["--lang", "en"]).stdout
        let consent = try #require(kb.question("call-consent")).text.text(.en)
        #expect(flat(later).components(separatedBy: "(assumed for this possibility").count == 2, "\(later)")
        #expect(flat(later).contains("For the case: \(consent)"), "\(later)")
        // Given answers alone stay as they were.
        let definite = try advise(["purpose=marketing-call"], ["--format", "json"]).stdout
        #expect(!definite.contains("\"assumed\""))
    }

    // MARK: - 3. Rule changes on the branches

    @Test("a conditional advice shows the rule change its branches meet, once, and on which branch")
    func ruleChangesOnBranches() throws {
        let definite = try advise(Self.callConsentUnknown.map { $0 == "consent=unknown" ? "consent=no" : $0 }, ["--format", "json", "--lang", "en"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(definite.stdout.utf8)) as? [String: Any])
        let change = try #require((json["rule-changes"] as? [[String: Any]])?.first?["text"] as? String)
        let text = try advise(Self.callConsentUnknown, ["--lang", "en"]).stdout
        #expect(text.components(separatedBy: "\nRule change\n").count == 2, "\(text)")
        #expect(text.contains(String(change.prefix(40))), "\(text)")
        let consent = try #require(kb.question("call-consent")).text.text(.en)
        #expect(flat(text).contains("Only if: \(consent) → No"), "\(text)")
        let markdown = try advise(Self.callConsentUnknown, ["--lang", "en", "--format", "markdown"]).stdout
        #expect(markdown.contains("## Rule change"), "\(markdown)")
        // The wizard's advice screen shows it too.
        var w = WizardDriver()
        w.choose(DontKnowWizardTests.callUpToConsent)
        w.press("u")
        w.choose(["business"])
        let body = WizardView.adviceBody(w.state, kb).map(\.text).joined(separator: "\n")
        #expect(body.contains("Regelwijziging"), "\(body)")
    }
}

@Suite("Conditional records saved by main before the wording fixes")
struct ConditionalRecordFixtureTests {
    static let folder = Program.root.appendingPathComponent("Tests/Fixtures/ConditionalRecordFromMain")

    @Test("a conditional record saved by main at 068b363 still decodes and its Markdown copy still matches")
    func conditionalRecordFromMain() throws {
        let id = "20261129-173359-bbb16e"
        let json = try Data(contentsOf: Self.folder.appendingPathComponent(id + ".json"))
        let markdown = try String(contentsOf: Self.folder.appendingPathComponent(id + ".md"), encoding: .utf8)
        let record = try JSONDecoder().decode(AdviceRecord.self, from: json)
        let conditional = try #require(record.conditional)
        // The fields added since are absent, so the rendering stays what was saved.
        #expect(conditional.ruleChanges == nil)
        #expect(conditional.toConfirm.allSatisfy { $0.askedOnEveryBranch == nil && $0.options.allSatisfy { $0.summary == nil } })
        #expect(RecordCheck.problems(json: json, markdown: markdown, expectedID: id).isEmpty)
        // Verified and shown from a copy: the commands may write an index next to the records.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("conditional-from-main-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Self.folder, to: copy)
        let verify = try Program.run(["transcripts", "verify", "--transcripts", copy.path])
        #expect(verify.status == 0 && verify.stdout.contains("1 van 1 verslag(en) gecontroleerd"), "\(verify.stdout)")
        #expect(try Program.run(["transcripts", "show", id, "--transcripts", copy.path]).status == 0)
    }
}
