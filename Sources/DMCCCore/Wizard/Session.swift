/// Everything kept for one question, keyed in the session by question id: the value with the
/// time it was given, and the consultant's note.
public struct SessionAnswer: Sendable, Equatable, Codable {
    public struct Given: Sendable, Equatable, Codable {
        /// One of the question's values; `Answer.unknown` ("don't know", issue 11) fits here too.
        public var value: Answer
        /// When it was answered (ISO 8601, the shell's clock).
        public var time: String
        public init(value: Answer, time: String) { self.value = value; self.time = time }
    }

    public var given: Given?
    /// Taken back with "back" or reopened in review: still highlighted when the question is asked
    /// again, but not used by the walk until it is answered again.
    public var takenBack = false
    public var note: String?

    public init(given: Given? = nil, takenBack: Bool = false, note: String? = nil) {
        self.given = given
        self.takenBack = takenBack
        self.note = note
    }

    /// The value the walk uses: none while taken back.
    public var inEffect: Answer? { takenBack ? nil : given?.value }

    var isEmpty: Bool { given == nil && (note ?? "").isEmpty }
}

/// One advice session: the session value itself is what is autosaved (encoded as it is), and
/// everything about the advice is derived from it by walking the knowledge.
public struct Session: Sendable, Equatable, Codable {
    public static let currentFormat = "dmcc-session/2"

    public var format = Session.currentFormat
    /// Names the session's own autosave file and lock, so sessions never overwrite each other.
    public var id: String
    /// When the session last changed (ISO 8601).
    public var changed: String
    public var date: CalendarDate
    public var client = ""
    public var consultant = ""
    public var subject = ""
    /// By question id; questions asked in the same words share one (`KnowledgeBase.answerKey`), so
    /// read and write them through `subscript(answerTo:in:)`.
    public var answers: [String: SessionAnswer] = [:]
    /// The record id once the advice as it stands has been saved; any change clears it.
    public var savedAs: String?
    /// The last record saved in this session, kept after a change: saving again supersedes it (issue 10).
    public var lastSaved: String?
    /// The consultant's conclusion for the client, written on the advice screen; saved with the record.
    public var conclusion: String?
    /// The knowledge the answers were given with: a resume with other knowledge says so. Optional, so
    /// autosaves written before it was kept still load.
    public var knowledge: KnowledgeStamp?

    public init(id: String, date: CalendarDate, changed: String = "") {
        self.id = id
        self.date = date
        self.changed = changed
    }

    /// The answer kept for a question: the one given to it, or to a question asked in the same words.
    public subscript(answerTo questionID: String, in kb: KnowledgeBase) -> SessionAnswer? {
        get { answers[kb.answerKey(questionID)] }
        set { answers[kb.answerKey(questionID)] = newValue }
    }

    /// Every branch the answers open: a "don't know" answer is followed for each of its options. Facts
    /// for the engine are derived here and nowhere else.
    public func exploration(_ kb: KnowledgeBase) throws(AdviceError) -> Exploration {
        try Engine.explore(kb, on: date) { question in
            // A value the question no longer offers (a knowledge update since an autosave) counts as not given.
            switch self[answerTo: question.id, in: kb]?.inEffect {
            case .unknown?: return .unknown
            case .value(let v)? where question.option(for: v) != nil: return .value(v)
            default: return nil
            }
        }
    }

    /// One walk of the exploration: the branch the wizard is asking for, or once every branch is
    /// complete the safe reading's branch (with no "don't know" answers, simply the advice).
    public func advice(_ kb: KnowledgeBase) throws(AdviceError) -> Advice {
        let exploration = try exploration(kb)
        return exploration.current?.advice ?? exploration.safeBranch?.advice ?? exploration.branches[0].advice
    }

    /// Client, consultant and subject, in that order.
    var details: [String] { [client, consultant, subject] }

    /// Nothing worth keeping yet: no answer, note or record detail.
    public var isEmpty: Bool {
        answers.values.allSatisfy(\.isEmpty) && client.isEmpty && consultant.isEmpty && subject.isEmpty
    }

    /// Questions with a note that the advice no longer passes (a change in review took them off every branch).
    public func notesOffPath(_ kb: KnowledgeBase) -> [String] {
        let onPath = Set(((try? exploration(kb))?.steps ?? []).map { kb.answerKey($0.questionID) })
        return answers.filter { !($0.value.note ?? "").isEmpty && !onPath.contains($0.key) }.map(\.key).sorted()
    }

    /// The questions answered, as listed in review and saved in a record: every question some branch
    /// passed, once, with the answer given to it; "don't know" has the value `unknown`. Questions asked in
    /// the same words are one question, listed where first met.
    public func steps(_ exploration: Exploration, _ kb: KnowledgeBase, language: Language) -> [AdviceReport.Step] {
        var seen = Set<String>()
        return exploration.steps.filter { seen.insert(kb.answerKey($0.questionID)).inserted }.map { step in
            let question = kb.question(step.questionID)
            let unknown = self[answerTo: step.questionID, in: kb]?.inEffect == .unknown
            let value = unknown ? Answer.unknownSpelling : step.value
            let label = unknown ? ExplorationReport.dontKnow.text(language)
                : question.map { kb.label(of: step.value, in: $0).text(language) } ?? step.value
            return AdviceReport.Step(question: step.questionID, text: question?.text.text(language) ?? step.questionID,
                                     fact: step.fact, value: value, label: label)
        }
    }

    /// The advice record of this session: its steps are the questions answered (a "don't know" as an
    /// open point), each with its note and time; saving again after a change supersedes the last record.
    /// - Parameter exploration: `exploration(kb)` of this session, complete.
    public func record(_ exploration: Exploration, id recordID: String, created: String, programVersion: String,
                       kb: KnowledgeBase, language: Language, note: String? = nil) -> AdviceRecord {
        var notes: [String: String] = [:], times: [String: String] = [:]
        for step in exploration.steps {
            notes[step.questionID] = self[answerTo: step.questionID, in: kb]?.note
            times[step.questionID] = self[answerTo: step.questionID, in: kb]?.given?.time.nonEmpty
        }
        return AdviceRecord(id: recordID, created: created, programVersion: programVersion, exploration: exploration,
                            steps: steps(exploration, kb, language: language), kb: kb, language: language,
                            client: client, consultant: consultant, subject: subject, note: note, conclusion: conclusion,
                            supersedes: lastSaved, notes: notes, answeredAt: times)
    }

    /// The content without the bookkeeping, to tell a real change from a repeated key.
    var content: Session {
        var s = self
        s.changed = ""
        s.savedAs = nil
        s.lastSaved = nil
        return s
    }
}

/// Which knowledge a session was answered with: its version and the SHA-256 of its files.
public struct KnowledgeStamp: Sendable, Equatable, Codable {
    public var version: String
    public var sha256: String
    public init(version: String, sha256: String) { self.version = version; self.sha256 = sha256 }
    public init(_ kb: KnowledgeBase) { self.init(version: kb.metadata.version, sha256: kb.sha256) }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
