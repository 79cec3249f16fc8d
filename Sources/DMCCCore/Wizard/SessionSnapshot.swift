/// A session in progress, autosaved by the shell after every answer so that a crash, `kill -9`
/// or a dropped connection loses nothing: the next start offers to resume it.
public struct SessionSnapshot: Sendable, Equatable, Codable {
    public static let format = "dmcc-session/1"

    public var format: String = SessionSnapshot.format
    public var changed: String
    public var answers: [String: String]
    public var remembered: [String: String]
    public var notes: [String: String]
    public var answeredAt: [String: String]
    public var client: String
    public var consultant: String
    public var subject: String
    public var date: CalendarDate
    public var language: Language
    public var saved: Bool
    public var recordID: String?
    /// How far the session got, for the resume question.
    public var steps: Int
}

extension WizardState {
    /// What the shell autosaves; nil when there is nothing worth keeping yet.
    public func snapshot(_ kb: KnowledgeBase) -> SessionSnapshot? {
        let steps = advice(kb).path.count
        guard steps > 0 || !notes.isEmpty || !client.isEmpty || !consultant.isEmpty || !subject.isEmpty else { return nil }
        return SessionSnapshot(changed: now, answers: answers, remembered: remembered, notes: notes, answeredAt: answeredAt,
                               client: client, consultant: consultant, subject: subject, date: date, language: language,
                               saved: saved, recordID: recordID, steps: steps)
    }

    public init(restoring snapshot: SessionSnapshot, width: Int, height: Int) {
        self.init(date: snapshot.date, language: snapshot.language, width: width, height: height)
        answers = snapshot.answers
        remembered = snapshot.remembered
        notes = snapshot.notes
        answeredAt = snapshot.answeredAt
        client = snapshot.client
        consultant = snapshot.consultant
        subject = snapshot.subject
        saved = snapshot.saved
        recordID = snapshot.recordID
        mode = .walking
    }
}
