import Foundation

/// A record read once and checked as `transcripts verify` checks it (seal, Markdown copy, signature
/// against the trusted keys), decoded from the very bytes that were checked. `show` prints this
/// value and nothing read later: a file swapped in after the check can never be shown as checked.
public struct CheckedRecord: Sendable {
    /// The record the checked bytes hold.
    public var record: AdviceRecord
    /// What `verify` would report (empty when the record passes).
    public var problems: [String]
    /// `signed by NAME` or `sealed, unsigned` when the record passes; empty otherwise.
    public var signer: String

    /// Reads the record's two files once with `read` and checks them; the problems and the signer are
    /// said in `language`.
    /// - Throws: what `read` throws (no such record), or `RecordFile.Failure` when the bytes do not hold
    ///   a record that can be shown at all.
    public static func read(_ id: String, trusting keys: TrustedKeys, requireSignature: Bool = false, language: Language,
                            with read: (String) throws -> (json: Data, markdown: String?)) throws -> CheckedRecord {
        let (json, markdown) = try read(id)
        return try check(json: json, markdown: markdown, id: id, trusting: keys, requireSignature: requireSignature, language: language)
    }

    /// The checks of `verify` on bytes already read, and the record they hold.
    public static func check(json: Data, markdown: String?, id: String, trusting keys: TrustedKeys,
                             requireSignature: Bool = false, language: Language) throws(RecordFile.Failure) -> CheckedRecord {
        let found = findings(json: json, markdown: markdown, id: id, trusting: keys, requireSignature: requireSignature, language: language)
        // A record that fails is still shown (after a warning) to look into what happened: decoded
        // from the same bytes, never read again.
        guard let record = found.record else {
            return CheckedRecord(record: try RecordFile.read(json), problems: found.problems, signer: found.signer)
        }
        return CheckedRecord(record: record, problems: found.problems, signer: found.signer)
    }

    /// What `verify` reports for one record's bytes, in `language`: its problems, or who signed it. `record` is the
    /// record as read when its seal holds (the signature signs the seal), nil otherwise.
    public static func findings(json: Data, markdown: String?, id: String, trusting keys: TrustedKeys,
                                requireSignature: Bool = false, language: Language) -> (problems: [String], signer: String, record: AdviceRecord?) {
        let check = RecordCheck.check(json: json, markdown: markdown, expectedID: id, language: language)
        // The signature is only worth checking on a seal that holds: it signs the seal.
        guard check.problems.isEmpty, let record = check.record else { return (check.problems, "", nil) }
        switch RecordSignature.verification(of: record, trusting: keys, requireSignature: requireSignature, language: language) {
        case .ok(let signer): return ([], signer, record)
        case .fail(let problem): return ([problem], "", record)
        }
    }
}
