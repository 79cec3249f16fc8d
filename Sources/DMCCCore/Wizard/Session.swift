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
    /// By question id.
    public var answers: [String: SessionAnswer] = [:]
    /// The record id once the advice as it stands has been saved; any change clears it.
    public var savedAs: String?

    public init(id: String, date: CalendarDate, changed: String = "") {
        self.id = id
        self.date = date
        self.changed = changed
    }

    /// The walk for the answers given to the questions on the path. Facts for the engine are
    /// derived here and nowhere else.
    public func advice(_ kb: KnowledgeBase) throws(AdviceError) -> Advice {
        // A value the question no longer offers (a knowledge update since an autosave) counts as not given.
        try Engine.walk(kb, on: date) { question in
            guard let value = answers[question.id]?.inEffect?.value, question.option(for: value) != nil else { return nil }
            return value
        }
    }

    /// Client, consultant and subject, in that order.
    var details: [String] { [client, consultant, subject] }

    /// Nothing worth keeping yet: no answer, note or record detail.
    public var isEmpty: Bool {
        answers.values.allSatisfy(\.isEmpty) && client.isEmpty && consultant.isEmpty && subject.isEmpty
    }

    /// Questions with a note that the advice no longer passes (a change in review took them off the path).
    public func notesOffPath(_ kb: KnowledgeBase) -> [String] {
        let onPath = Set(((try? advice(kb))?.path ?? []).map(\.questionID))
        return answers.filter { !($0.value.note ?? "").isEmpty && !onPath.contains($0.key) }.map(\.key).sorted()
    }

    /// The advice record of this session: its steps are the path, each with its question's note and time.
    /// - Parameter advice: `advice(kb)` of this session.
    public func record(_ advice: Advice, id recordID: String, created: String, programVersion: String, kb: KnowledgeBase,
                       language: Language) -> AdviceRecord {
        let onPath = advice.path.map(\.questionID)
        var notes: [String: String] = [:], times: [String: String] = [:]
        for id in onPath {
            notes[id] = answers[id]?.note
            times[id] = answers[id]?.given?.time
        }
        return AdviceRecord(id: recordID, created: created, programVersion: programVersion, advice: advice, kb: kb,
                            language: language, client: client, consultant: consultant, subject: subject,
                            notes: notes, answeredAt: times)
    }

    /// The content without the bookkeeping, to tell a real change from a repeated key.
    var content: Session {
        var s = self
        s.changed = ""
        s.savedAs = nil
        return s
    }
}
