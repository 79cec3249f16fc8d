/// Records of advice given while some answers were "don't know" (issue 11): the open points are
/// steps with the value `unknown`, the conditional advice is kept whole, and resolving them later
/// writes a new record that supersedes this one.
extension AdviceRecord {
    /// A record for an exploration: the steps are the questions answered (see `Session.steps`), the
    /// conditional advice is kept in `conditional`, and `advice` holds the **safe reading's branch**:
    /// the first branch, in the knowledge's option order, with the strictest verdict. That is what
    /// the client must act on until the open points are confirmed, so a reader who only looks at
    /// `advice` (an older program, `list`, replay) never sees a more lenient verdict than is safe.
    /// A definite exploration gives exactly the record `init(advice:)` gives.
    /// - Precondition: every branch of `exploration` is complete.
    public init(id: String, created: String, programVersion: String, exploration: Exploration, steps: [Step],
                kb: KnowledgeBase, language: Language, client: String? = nil, consultant: String? = nil,
                subject: String? = nil, note: String? = nil, conclusion: String? = nil, supersedes: String? = nil,
                notes: [String: String] = [:], answeredAt: [String: String] = [:]) {
        let branch = exploration.safeBranch ?? exploration.branches[0]
        self.init(id: id, created: created, programVersion: programVersion, advice: branch.advice, kb: kb, language: language,
                  client: client, consultant: consultant, subject: subject, note: note, conclusion: conclusion,
                  supersedes: supersedes, notes: notes, answeredAt: answeredAt,
                  conditional: exploration.isDefinite ? nil : ExplorationReport(exploration, in: kb, language: language))
        guard !exploration.isDefinite else { return }
        self.steps = Self.annotated(steps, notes: notes, answeredAt: answeredAt)
        self.sha256 = RecordSeal.digest(of: self)
    }

    /// The answers of the record by question: a step with the value `unknown` is "don't know".
    public var answers: [String: Answer] {
        Dictionary(steps.map { ($0.question, $0.value == Answer.unknownSpelling ? Answer.unknown : .value($0.value)) },
                   uniquingKeysWith: { _, last in last })
    }

    /// The record's answers explored again against `kb` on the record's action date.
    public func explore(against kb: KnowledgeBase) throws(AdviceError) -> Exploration {
        guard let date = CalendarDate(iso: advice.date) else { throw .malformedFact("date=\(advice.date)") }
        // Keyed as a session keys them: a question asked in the same words as one answered is answered.
        let answers = Dictionary(self.answers.map { (kb.answerKey($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        return try Engine.explore(kb, on: date) { q in
            switch answers[kb.answerKey(q.id)] {
            case .unknown?: .unknown
            case .value(let v)? where q.option(for: v) != nil: .value(v)
            default: nil
            }
        }
    }
}

extension RecordRenderer {
    /// The open points of a record with conditional advice, as a Markdown section to put before the
    /// advice (which is then the safe reading); nothing for a definite record.
    public static func openPointsMarkdown(_ record: AdviceRecord) -> [String] {
        guard let report = record.conditional else { return [] }
        let L = Language(rawValue: record.language) ?? .nl
        let nl = L == .nl
        // The questions themselves are listed with the answers ("Weet ik niet"); this is what they mean.
        var out = ["## " + (nl ? "Open punten" : "Open points"), ""]
        let body = AdviceRenderer.markdown(report, language: L)
        out += body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("#") ? "##" + $0 : String($0) }
        out.append(nl ? "**Hieronder de veilige lezing, waar u zich aan houdt tot de open punten bevestigd zijn.**"
                      : "**Below is the safe reading, to act on until the open points are confirmed.**")
        out.append("")
        return out
    }

    /// The open points in the text form of a record; nothing for a definite record.
    public static func openPointsText(_ record: AdviceRecord) -> [String] {
        guard let report = record.conditional else { return [] }
        let L = Language(rawValue: record.language) ?? .nl
        let nl = L == .nl
        var out = ["", nl ? "Open punten (beantwoord met \"weet ik niet\"):" : "Open points (answered \"don't know\"):"]
        for step in record.openPoints { out.append("  - \(plain(step.text)) (\(plain(step.fact)))") }
        out.append("")
        out.append(AdviceRenderer.text(report, language: L))
        out.append(nl ? "De veilige lezing, tot de open punten bevestigd zijn:" : "The safe reading, until the open points are confirmed:")
        return out
    }
}

extension Replay {
    /// Replay of a record with open points: its answers ("don't know" included) explored again on its
    /// action date; changed when the safe verdict, the set of verdicts or the open points differ.
    public static func runWithOpenPoints(_ record: AdviceRecord, against kb: KnowledgeBase) -> Result {
        let L = Language(rawValue: record.language) ?? .nl
        let nl = L == .nl
        let exploration: Exploration
        do {
            exploration = try record.explore(against: kb)
        } catch {
            return Result(changed: true, lines: [error.description], advice: nil)
        }
        var lines: [String] = []
        if record.advice.knowledge.version != kb.metadata.version || record.advice.knowledge.sha256 != kb.sha256 {
            lines.append((nl ? "Kennisbank: " : "Knowledge: ") + "\(record.advice.knowledge.version) → \(kb.metadata.version)")
        }
        if let missing = exploration.missing {
            lines.append((nl ? "De kennisbank vraagt nu ook: " : "The knowledge now also asks: ")
                         + "\(missing.text.text(L)) (\(missing.fact): \(missing.options.map(\.value).joined(separator: ", ")))")
            return Result(changed: true, lines: lines, advice: nil)
        }
        let now = ExplorationReport(exploration, in: kb, language: L)
        var changed = false
        if let old = record.conditional {
            if old.safeVerdict != now.safeVerdict || old.status != now.status {
                changed = true
                lines.append((nl ? "Veilige lezing: " : "Safe reading: ") + "\(old.safeVerdictLabel) → \(now.safeVerdictLabel)")
            }
            if old.toConfirm.map(\.question) != now.toConfirm.map(\.question) {
                changed = true
                lines.append((nl ? "Open punten: " : "Open points: ") + "\(old.toConfirm.map(\.fact).joined(separator: ", ")) → "
                             + now.toConfirm.map(\.fact).joined(separator: ", "))
            }
        }
        let safe = exploration.safeBranch.map { AdviceReport($0.advice, in: kb, language: L) }
        return Result(changed: changed, lines: lines, advice: safe)
    }
}

/// Why `transcripts resolve` refused: each says what to type instead.
public enum ResolveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A malformed, unknown or conflicting fact or value, or a value the open question does not offer.
    case advice(AdviceError)
    case notAnOpenPoint(String, open: [String])
    case stillUnknown(String)
    case noOpenPoints(record: String)
    case nothingGiven(open: [String])

    public var description: String {
        switch self {
        case .advice(let error): error.description
        case .notAnOpenPoint(let fact, let open):
            "'\(fact)' is not an open point of this record; its open points are: \(open.joined(separator: ", "))"
        case .stillUnknown(let fact): "give a value for '\(fact)': resolving an open point with 'unknown' leaves it open"
        case .noOpenPoints(let id): "record \(id) has no open points; nothing to resolve"
        case .nothingGiven(let open): "name the answer to an open point with --fact NAME=VALUE; open points: \(open.joined(separator: ", "))"
        }
    }
}

extension AdviceRecord {
    /// The open points' facts, each once, in the order asked.
    public var openFacts: [String] {
        var seen = Set<String>()
        return openPoints.map(\.fact).filter { seen.insert($0).inserted }
    }

    /// The session this record was made in, continued: every answer with its time and note, the open
    /// points named in `assignments` (`fact=value`) answered at `now`, client, consultant and subject
    /// kept, and `lastSaved` set to this record so saving it supersedes this one.
    public func resolving(_ assignments: [String], in kb: KnowledgeBase, at now: String) throws(ResolveError) -> Session {
        guard !openPoints.isEmpty else { throw .noOpenPoints(record: id) }
        guard !assignments.isEmpty else { throw .nothingGiven(open: openFacts) }
        let facts: [String: String]
        do { facts = try Engine.facts(from: assignments, in: kb) } catch { throw .advice(error) }
        let open = openFacts
        for (fact, value) in facts.sorted(by: { $0.key < $1.key }) {
            guard open.contains(fact) else { throw .notAnOpenPoint(fact, open: open) }
            guard value != Answer.unknownSpelling else { throw .stillUnknown(fact) }
        }
        guard let date = CalendarDate(iso: advice.date) else { throw .advice(.invalidDate(advice.date)) }
        var session = Session(id: "resolve-\(id)", date: date, changed: now)
        for step in steps {
            var answer = answers[step.question] ?? .unknown
            var time = step.answered ?? ""
            if answer == .unknown, let value = facts[step.fact] {
                if let q = kb.question(step.question), q.option(for: value) == nil {
                    throw .advice(.valueNotOffered(question: q.id, fact: q.fact, value: value, offered: q.options.map(\.value)))
                }
                (answer, time) = (.value(value), now)
            }
            session[answerTo: step.question, in: kb] = SessionAnswer(given: SessionAnswer.Given(value: answer, time: time), note: step.note)
        }
        (session.client, session.consultant, session.subject) = (client ?? "", consultant ?? "", subject ?? "")
        session.lastSaved = id
        return session
    }
}
