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
}
