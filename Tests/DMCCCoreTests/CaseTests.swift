import DMCCCore
import Foundation
import Testing

/// The fixture knowledge and case files under Tests/Fixtures, read the way the command line reads them.
enum CaseFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let knowledgeFolder = root.appendingPathComponent("CaseKnowledge")

    static func sources(_ folder: URL, shownAs prefix: String) -> [KnowledgeSource] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            let data = (try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()
            return KnowledgeSource(path: prefix + name, bytes: [UInt8](data))
        }
    }

    static let knowledgeSources = sources(knowledgeFolder, shownAs: "k/")
    static let passingCases = sources(knowledgeFolder.appendingPathComponent("cases"), shownAs: "cases/")
    static let failingCases = sources(root.appendingPathComponent("FailingCases"), shownAs: "cases/").filter { $0.path == "cases/failing.yaml" }
    static let unreadableCases = sources(root.appendingPathComponent("FailingCases"), shownAs: "cases/").filter { $0.path == "cases/unreadable.yaml" }

    static let knowledge: KnowledgeBase = {
        do { return try Linter.validated(knowledgeSources) } catch { fatalError("fixture knowledge does not lint: \(error)") }
    }()

    /// The failure line of the case called `name` in `sources`.
    static func failure(_ name: String, in sources: [KnowledgeSource]) throws -> String? {
        let loaded = CaseLoader.load(sources, for: knowledge)
        let adviceCase = try #require(loaded.cases.first { $0.name == name }, "no case '\(name)'")
        return CaseRunner.run(adviceCase, in: knowledge).failureLine
    }
}

@Suite("Consultants' test cases: reading and running them")
struct CaseTests {
    @Test("cases that match the advice pass, and reading them reports nothing")
    func passing() {
        let loaded = CaseLoader.load(CaseFixtures.passingCases, for: CaseFixtures.knowledge)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        #expect(loaded.cases.count == 4)
        #expect(loaded.unreadable == 0)
        let results = CaseRunner.run(loaded.cases, in: CaseFixtures.knowledge)
        #expect(results.allSatisfy { $0.passed }, "\(results.compactMap(\.failureLine))")
    }

    @Test("a case is read with its facts, date, verdict, outcome, mentions, language and line")
    func readsEveryField() throws {
        let loaded = CaseLoader.load(CaseFixtures.passingCases, for: CaseFixtures.knowledge)
        let c = try #require(loaded.cases.first { $0.name == "consumer without consent before the change" })
        #expect(c.facts == ["recipient": "consumer", "consent": "no"])
        #expect(c.date == date("2026-06-30"))
        #expect(c.verdict == .allowedIf)
        #expect(c.outcome == "out-old-rule")
        #expect(c.mentions == ["customer exception applied"])
        #expect(c.language == .en)
        #expect(c.location.file == "cases/calls.yaml" && c.location.line == 15)
        let business = try #require(loaded.cases.first { $0.name == "a legal entity" })
        #expect(business.facts["consent"] == "no", "an unquoted no stays the value no")
        #expect(business.language == .nl, "mentions are checked in Dutch unless the case says otherwise")
    }

    @Test("a wrong verdict names the case's line, the expected and the actual advice")
    func wrongVerdict() throws {
        #expect(try CaseFixtures.failure("wrong verdict", in: CaseFixtures.failingCases)
                == "cases/failing.yaml:8: case 'wrong verdict': expected allowed-if (out-no-consent), got not-allowed (out-no-consent)")
    }

    @Test("a wrong outcome fails even when the verdict matches")
    func wrongOutcome() throws {
        #expect(try CaseFixtures.failure("wrong outcome", in: CaseFixtures.failingCases)
                == "cases/failing.yaml:13: case 'wrong outcome': expected allowed (out-consent), got allowed (out-business)")
    }

    @Test("a mention the advice text lacks fails; case and spacing do not matter")
    func missingMention() throws {
        #expect(try CaseFixtures.failure("missing mention", in: CaseFixtures.failingCases)
                == "cases/failing.yaml:18: case 'missing mention': the advice (nl) does not mention 'toestemming van de paus'")
    }

    @Test("mentions are looked for in the language of the case")
    func mentionLanguage() throws {
        let c = AdviceCase(name: "business in English", date: date("2026-11-29"), facts: ["recipient": "business"],
                           verdict: .allowed, outcome: "out-business", mentions: ["consumer rules do not apply"], language: .en)
        #expect(CaseRunner.run(c, in: CaseFixtures.knowledge).passed)
        var dutch = c
        dutch.language = .nl
        #expect(CaseRunner.run(dutch, in: CaseFixtures.knowledge).mismatches
                == ["the advice (nl) does not mention 'consumer rules do not apply'"])
    }

    @Test("an incomplete advice fails and names the question that still needs an answer")
    func incomplete() throws {
        #expect(try CaseFixtures.failure("a fact too few", in: CaseFixtures.failingCases)
                == "cases/failing.yaml:24: case 'a fact too few': expected not-allowed (out-no-consent), got an incomplete advice: question 'q-consent' asks fact 'consent' (add consent: yes | no)")
    }

    @Test("an advice the engine refuses fails with the engine's reason")
    func engineError() {
        let c = AdviceCase(name: "too early", date: date("2021-06-30"), facts: ["recipient": "business"],
                           verdict: .allowed, outcome: "out-business")
        let result = CaseRunner.run(c, in: CaseFixtures.knowledge)
        #expect(!result.passed)
        #expect(result.actual == "an error: the knowledge gives advice for action dates from 2021-07-01 on, not for 2021-06-30")
    }

    @Test("of the failing file only the matching case passes")
    func failingFile() {
        let loaded = CaseLoader.load(CaseFixtures.failingCases, for: CaseFixtures.knowledge)
        #expect(loaded.problems.isEmpty)
        let results = CaseRunner.run(loaded.cases, in: CaseFixtures.knowledge)
        #expect(results.filter(\.passed).map(\.adviceCase.name) == ["passes"])
    }
}

@Suite("Case files written wrongly are reported at their file and line")
struct CaseLoaderTests {
    let loaded = CaseLoader.load(CaseFixtures.unreadableCases, for: CaseFixtures.knowledge)

    func problem(_ kind: Problem.Kind, line: Int) -> Problem? {
        loaded.problems.first { $0.kind == kind && $0.location.file == "cases/unreadable.yaml" && $0.location.line == line }
    }

    @Test("no case of a wrongly written file is run, and each counts as unreadable")
    func noneRun() {
        #expect(loaded.cases.isEmpty)
        #expect(loaded.unreadable == 7)
    }

    @Test("an unknown fact lists the valid facts")
    func unknownFact() throws {
        let p = try #require(problem(.unknownFact, line: 5), "\(loaded.problems)")
        #expect(p.message == "case 'unknown fact' gives unknown fact 'colour'; valid facts: recipient, consent")
    }

    @Test("an unknown value lists the fact's valid values")
    func unknownValue() throws {
        let p = try #require(problem(.unknownValue, line: 10), "\(loaded.problems)")
        #expect(p.message == "'robot' is not a value of fact 'recipient'; valid values: consumer, business")
    }

    @Test("a date not written YYYY-MM-DD")
    func badDate() throws {
        let p = try #require(problem(.invalidValue, line: 14), "\(loaded.problems)")
        #expect(p.message.contains("YYYY-MM-DD, not '29-11-2026'"))
    }

    @Test("an outcome id the knowledge does not have, with the ids it does have")
    func unknownOutcome() throws {
        let p = try #require(problem(.unknownOutcome, line: 22), "\(loaded.problems)")
        #expect(p.message == "case 'unknown outcome' expects outcome 'out-bussiness', which the knowledge does not have; did you mean: out-business")
    }

    @Test("an outcome id that is no typo lists the outcomes of the same family")
    func unknownOutcomeFamily() throws {
        let text = "cases:\n  - name: x\n    date: 2026-11-29\n    facts: {recipient: business}\n    verdict: allowed\n    outcome: out-no-permission\n"
        let loaded = CaseLoader.load([KnowledgeSource(path: "cases/z.yaml", text: text)], for: CaseFixtures.knowledge)
        #expect(loaded.problems.first?.message.hasSuffix("outcomes starting 'out-no-': out-no-consent") == true, "\(loaded.problems)")
    }

    @Test("an unknown key, usually a typo, lists the keys a case may have")
    func unknownKey() throws {
        let p = try #require(problem(.unknownKey, line: 28), "\(loaded.problems)")
        #expect(p.message.contains("unknown key 'mention'"))
        #expect(p.message.contains("date, facts, lang, mentions, name, outcome, verdict"))
    }

    @Test("a case without a name or verdict is reported where it starts")
    func missingFields() {
        let missing = loaded.problems.filter { $0.kind == .missingField && $0.location.line == 29 }.map(\.message)
        #expect(missing == ["a case has no 'name:'", "a case has no 'verdict:'"])
    }

    @Test("a verdict and a language that do not exist list the ones that do")
    func badVerdictAndLanguage() throws {
        #expect(try #require(problem(.invalidValue, line: 35)).message.contains("allowed, allowed-if, not-allowed"))
        #expect(try #require(problem(.invalidValue, line: 37)).message.contains("use: nl, en"))
    }

    @Test("a file that is not YAML, or has no cases: list, is reported and counted")
    func wrongFile() {
        let broken = CaseLoader.load([KnowledgeSource(path: "cases/x.yaml", text: "cases:\n  - name: [unclosed\n"),
                                      KnowledgeSource(path: "cases/y.yaml", text: "case:\n  - name: typo\n")],
                                     for: CaseFixtures.knowledge)
        #expect(broken.unreadable == 2)
        #expect(broken.problems.contains { $0.kind == .syntax && $0.location.file == "cases/x.yaml" && !$0.message.contains("cycles") })
        #expect(broken.problems.contains { $0.kind == .unknownKey && $0.location.file == "cases/y.yaml" && $0.location.line == 1 })
    }

    @Test("a mistake outside any case fails the run even though the cases themselves are read")
    func mistakeBesideTheCases() {
        let text = "cases:\n  - name: business\n    date: 2026-11-29\n    facts: {recipient: business}\n    verdict: allowed\n    outcome: out-business\nnote: typo\n"
        let loaded = CaseLoader.load([KnowledgeSource(path: "cases/z.yaml", text: text)], for: CaseFixtures.knowledge)
        #expect(loaded.cases.map(\.name) == ["business"])
        #expect(loaded.unreadable == 1)
        #expect(loaded.problems.map(\.location.line) == [7])
    }
}

@Suite("Lint warns about outcomes that no case reaches")
struct CaseCoverageTests {
    @Test("knowledge whose cases reach every outcome lints clean")
    func covered() {
        let problems = Linter.lint(CaseFixtures.knowledgeSources, cases: .files(CaseFixtures.passingCases)).1
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("an outcome without a case is a warning at the outcome's line, not an error")
    func uncovered() throws {
        let cases = CaseFixtures.passingCases.map { source in
            let text = String(decoding: source.bytes, as: UTF8.self)
            let cut = text.components(separatedBy: "  - name: a legal entity")[0]
            return KnowledgeSource(path: source.path, text: cut)
        }
        let problems = Linter.lint(CaseFixtures.knowledgeSources, cases: .files(cases)).1
        #expect(problems.count == 1)
        let warning = try #require(problems.first)
        #expect(warning.severity == .warning && !warning.isError)
        #expect(warning.kind == .uncoveredOutcome)
        #expect(warning.location.file == "k/nodes.yaml" && warning.location.line == 56)
        #expect(warning.description == "k/nodes.yaml:56:5: warning: no-case: no case in cases/ reaches outcome 'out-business'; add one that ends here")
    }

    @Test("without a cases folder lint warns once instead of for every outcome")
    func noFolder() {
        let problems = Linter.lint(CaseFixtures.knowledgeSources, cases: .missing).1
        #expect(problems.map(\.kind) == [.uncoveredOutcome])
        #expect(problems.allSatisfy { !$0.isError })
    }

    @Test("a case file with an unknown fact makes lint fail")
    func brokenCaseIsAnError() {
        let problems = Linter.lint(CaseFixtures.knowledgeSources, cases: .files(CaseFixtures.unreadableCases)).1
        #expect(problems.contains { $0.kind == .unknownFact && $0.isError })
    }
}

@Suite("Cases through shared parts")
struct CasePartTests {
    static let cases = """
    cases:
      - name: contract sold in an allowed call
        date: 2026-11-29
        facts: {purpose: contract, consent: "yes", confirmed: "yes"}
        verdict: allowed-if
        outcome: contract-ok
        mentions: [Het verkoopgesprek zelf, Voorwaarde call-ok]
      - name: contract sold in a call without consent
        date: 2026-11-29
        facts: {purpose: contract, consent: "no"}
        verdict: not-allowed
        outcome: call-no
      - name: contract not confirmed
        date: 2026-11-29
        facts: {purpose: contract, consent: "yes", confirmed: "no"}
        verdict: not-allowed
        outcome: contract-no
    """

    @Test("the expected verdict is the advice's overall one: as strict as the part passed")
    func overallVerdict() throws {
        let kb = try SharedPartTests.knowledge()
        let loaded = CaseLoader.load([KnowledgeSource(path: "cases/parts.yaml", text: Self.cases)], for: kb)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        let results = CaseRunner.run(loaded.cases, in: kb)
        #expect(results.allSatisfy { $0.passed }, "\(results.compactMap(\.failureLine))")
        var permissive = try #require(loaded.cases.first)
        permissive.verdict = .allowed
        #expect(CaseRunner.run(permissive, in: kb).failureLine
                == "cases/parts.yaml:2: case 'contract sold in an allowed call': expected allowed (contract-ok), got allowed-if (contract-ok)")
    }

    @Test("an outcome reached only inside a part counts as covered")
    func partOutcomeCovered() throws {
        let problems = Linter.lint(Tiny.sources(facts: SharedPartTests.facts, nodes: SharedPartTests.nodes),
                                   cases: .files([KnowledgeSource(path: "cases/parts.yaml", text: Self.cases)])).1
        #expect(problems.isEmpty, "\(problems)")
        let fewer = Self.cases.components(separatedBy: "  - name: contract not confirmed")[0]
        let warned = Linter.lint(Tiny.sources(facts: SharedPartTests.facts, nodes: SharedPartTests.nodes),
                                 cases: .files([KnowledgeSource(path: "cases/parts.yaml", text: fewer)])).1
        #expect(warned.map(\.message) == ["no case in cases/ reaches outcome 'contract-no'; add one that ends here"])
    }
}
