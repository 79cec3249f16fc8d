import Crypto
import Foundation

/// The record of one advice session: what was asked, what was answered (with the consultant's
/// notes), and the advice given, with the knowledge it rests on. Tamper-evident: `sha256` covers
/// the canonical JSON of everything else, and the optional `signature` (the consultant's Ed25519
/// signature on that seal) says who gave the advice.
public struct AdviceRecord: Sendable, Equatable, Codable {
    public static let format = "dmcc-advice-record/1"

    /// A question as asked and answered, with the consultant's note and the time of the answer.
    public typealias Step = AdviceReport.Step

    public struct Program: Sendable, Equatable, Codable {
        public var name: String
        public var version: String
    }

    public var format: String = AdviceRecord.format
    public var id: String
    public var created: String
    public var changed: String
    public var program: Program
    public var client: String?
    public var consultant: String?
    public var subject: String?
    public var note: String?
    /// The consultant's conclusion for the client, in their own words (shown with the advice).
    public var conclusion: String?
    /// The id of the record this one replaces (a change after saving, or an open point resolved).
    /// Records are never overwritten: both stay, and the chain says which is the latest.
    public var supersedes: String?
    public var language: String
    public var steps: [Step]
    /// The advice as shown: verdict, title, explanation, conditions, alternatives, graded legal
    /// basis, rule changes, action date and the knowledge version with its SHA-256.
    public var advice: AdviceReport
    /// Set when answers were "don't know": every branch they open, what to confirm, and the safe reading
    /// (which `advice` then holds). Absent in definite records, so those read and seal as before.
    public var conditional: ExplorationReport?
    public var sha256: String = ""
    /// The consultant's signature on `sha256`; nil (and absent from the file) when unsigned.
    public var signature: RecordSignature?

    enum CodingKeys: String, CodingKey {
        case format, id, created, changed, program, client, consultant, subject, note, conclusion, supersedes, language, steps, advice
        case conditional
        case sha256, signature
    }

    /// The facts as answered, for replay.
    public var facts: [String: String] {
        Dictionary(steps.map { ($0.fact, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The questions the client could not answer yet ("don't know"): a step answered so has the
    /// value `unknown` (`Answer.unknownSpelling`). A record with open points holds conditional advice.
    public var openPoints: [Step] { steps.filter { $0.value == Answer.unknownSpelling } }

    public var purpose: String? { steps.first { $0.fact == "purpose" }?.value }

    public init(id: String, created: String, programVersion: String, advice: Advice, kb: KnowledgeBase,
                language: Language, client: String? = nil, consultant: String? = nil, subject: String? = nil,
                note: String? = nil, conclusion: String? = nil, supersedes: String? = nil,
                notes: [String: String] = [:], answeredAt: [String: String] = [:], conditional: ExplorationReport? = nil) {
        self.id = id
        self.created = created
        self.changed = created
        self.program = Program(name: "dmcc-advisor", version: programVersion)
        self.client = client.flatMap(Self.nonEmpty)
        self.consultant = consultant.flatMap(Self.nonEmpty)
        self.subject = subject.flatMap(Self.nonEmpty)
        self.note = note.flatMap(Self.nonEmpty)
        self.conclusion = conclusion.flatMap(Self.nonEmpty)
        self.supersedes = supersedes.flatMap { RecordID.isValid($0) ? $0 : nil }
        self.language = language.rawValue
        self.advice = AdviceReport(advice, in: kb, language: language)
        self.conditional = conditional
        self.steps = Self.annotated(self.advice.path, notes: notes, answeredAt: answeredAt)
        self.sha256 = RecordSeal.digest(of: self)
    }

    /// The steps with each question's note (as typed text is kept) and the time it was answered.
    static func annotated(_ steps: [Step], notes: [String: String], answeredAt: [String: String]) -> [Step] {
        steps.map { step in
            var step = step
            step.note = notes[step.question].flatMap(Self.nonEmpty)
            step.answered = answeredAt[step.question]
            return step
        }
    }

    /// Typed text as kept: control characters cannot reach a record (line breaks become spaces).
    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = ControlCharacters.cleaned(text).trimmingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The record signed with `key`. The seal is untouched: the signature is not part of what it covers.
    public func signed(with key: SigningKey) throws -> AdviceRecord {
        var record = self
        record.signature = try RecordSignature.sign(seal: sha256, with: key)
        return record
    }

    /// The record as canonical JSON (sorted keys, no insignificant white space), with its seal.
    public func canonicalJSON() -> Data { RecordSeal.canonical(self, includingSeal: true) }

    /// Readable JSON for the file; `verify` checks content, not layout.
    public func prettyJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}

/// Record ids: `YYYYMMDD-HHMMSS-xxxxxx` (date-time and six hex digits), safe as file names.
public enum RecordID {
    public static func make(timestamp: String, random: UInt32) -> String {
        let digits = timestamp.filter(\.isNumber)
        let date = String(digits.prefix(8)), time = String(digits.dropFirst(8).prefix(6))
        let hex = String(random & 0xFFFFFF, radix: 16)
        return "\(date)-\(time)-" + String(repeating: "0", count: 6 - hex.count) + hex
    }

    /// True for ids this program makes; anything else (a path, `..`, spaces) is refused.
    public static func isValid(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 8, parts[1].count == 6, parts[2].count == 6 else { return false }
        return parts[0].allSatisfy { $0.isASCII && $0.isNumber } && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
            && parts[2].allSatisfy { $0.isASCII && $0.isHexDigit && !$0.isUppercase }
    }
}
