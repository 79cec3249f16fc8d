import Crypto
import Foundation

/// A consultant's Ed25519 signature on a record. It signs the record's SHA-256 seal, and the seal
/// covers everything else, so the signature covers the whole record. Like the seal, it is left out
/// of what the seal covers; a record without one (made before keys existed) still verifies as
/// "sealed, unsigned".
public struct RecordSignature: Sendable, Equatable, Codable {
    /// The signer's public key, base64 of its 32 raw bytes.
    public var key: String
    /// The signature, base64 of its 64 bytes.
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// What is signed: the seal, with a label so that a signature on a record can never be taken
    /// for a signature on anything else.
    static func message(seal: String) -> Data { Data("dmcc-advice-record-signature/1 \(seal)".utf8) }

    /// Signs `seal` (the record's `sha256`) with `key`.
    public static func sign(seal: String, with key: SigningKey) throws -> RecordSignature {
        let value = try key.privateKey.signature(for: message(seal: seal))
        return RecordSignature(key: key.publicKey, value: value.base64EncodedString())
    }

    /// The signature status of a record whose seal has been checked, against the team's trusted keys.
    public enum Status: Sendable, Equatable {
        case unsigned
        case trusted(name: String)
        case untrusted(fingerprint: String)
        case mismatch
    }

    /// Checks `record.signature` over `record.sha256`. The seal itself is checked by `RecordCheck`.
    public static func status(of record: AdviceRecord, trusting keys: TrustedKeys) -> Status {
        status(seal: record.sha256, signature: record.signature, trusting: keys)
    }

    /// The same for a record file whose seal `RecordCheck` found intact: reads only the seal and the
    /// signature, so `verify` does not decode every record twice (and an unsigned file not at all).
    public static func status(ofFile json: Data, trusting keys: TrustedKeys) -> Status {
        struct Signed: Decodable {
            var sha256: String
            var signature: RecordSignature?
        }
        guard json.range(of: Data("\"signature\"".utf8)) != nil else { return .unsigned }
        guard let signed = try? JSONDecoder().decode(Signed.self, from: json) else { return .mismatch }
        return status(seal: signed.sha256, signature: signed.signature, trusting: keys)
    }

    static func status(seal: String, signature: RecordSignature?, trusting keys: TrustedKeys) -> Status {
        guard let signature else { return .unsigned }
        guard let raw = Data(base64Encoded: signature.key), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              let value = Data(base64Encoded: signature.value),
              key.isValidSignature(value, for: message(seal: seal)) else { return .mismatch }
        // A valid signature by a key nobody vouched for proves nothing: anyone can make a key.
        guard let name = keys.name(of: signature.key) else { return .untrusted(fingerprint: fingerprint(of: signature.key)) }
        return .trusted(name: name)
    }

    /// What `transcripts verify` says about a record file whose seal holds.
    public enum Verification: Sendable, Equatable {
        /// Shown after `ok   ID`: `signed by NAME` or `sealed, unsigned`.
        case ok(String)
        /// Shown after `FAIL ID:`.
        case fail(String)
    }

    /// The verify line for a record file whose seal `RecordCheck` found intact. An untrusted key and
    /// a signature that does not match fail; an unsigned record fails only when signatures are required.
    public static func verification(ofFile json: Data, trusting keys: TrustedKeys, requireSignature: Bool,
                                    language: Language = .en) -> Verification {
        verification(status(ofFile: json, trusting: keys), requireSignature: requireSignature, language: language)
    }

    /// The same for a record `RecordCheck.check` returned (the file holds exactly it, and its seal
    /// holds): the signature as already read, not read again.
    public static func verification(of record: AdviceRecord, trusting keys: TrustedKeys, requireSignature: Bool,
                                    language: Language = .en) -> Verification {
        verification(status(of: record, trusting: keys), requireSignature: requireSignature, language: language)
    }

    /// In `language` (`RecordText`): every command passes its session's; English for tests and tools.
    static func verification(_ status: Status, requireSignature: Bool, language: Language) -> Verification {
        switch status {
        case .trusted(let name): .ok(RecordText.signedBy(name).text(language))
        case .unsigned: requireSignature ? .fail(RecordText.sealedNotSigned.text(language)) : .ok(RecordText.sealedUnsigned.text(language))
        case .untrusted(let fingerprint): .fail(RecordText.untrustedKey(fingerprint).text(language))
        case .mismatch: .fail(RecordText.signatureMismatch.text(language))
        }
    }

    /// A short, stable name for a public key: the first 16 hex digits of the SHA-256 of its raw bytes,
    /// in groups of four (e.g. `3f9a-01bc-77de-52a0`).
    public static func fingerprint(of publicKey: String) -> String {
        let raw = Data(base64Encoded: publicKey) ?? Data(publicKey.utf8)
        let hex = RecordSeal.hex(SHA256.hash(data: raw))
        return stride(from: 0, to: 16, by: 4).map { i in
            String(hex.dropFirst(i).prefix(4))
        }.joined(separator: "-")
    }
}

/// A consultant's private signing key and the name it signs as, read from the key file:
///
///     # dmcc-advisor signing key (Ed25519); keep it private
///     name Eva de Vries
///     private-key BASE64
public struct SigningKey: Sendable {
    public var name: String
    let privateKey: Curve25519.Signing.PrivateKey

    /// A new random key pair.
    public init(name: String) {
        self.name = name
        self.privateKey = Curve25519.Signing.PrivateKey()
    }

    /// The public key, base64 of its 32 raw bytes.
    public var publicKey: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    /// The line to add to a team's trusted-keys file.
    public var trustedKeyLine: String { "\(name) \(publicKey)" }

    /// The key file's text.
    public var fileText: String {
        "# dmcc-advisor signing key (Ed25519); keep it private, never share or commit it\n"
            + "name \(name)\nprivate-key \(privateKey.rawRepresentation.base64EncodedString())\n"
    }

    /// A key file that cannot be used, with the line at fault (0 for the file as a whole).
    public struct Damaged: Error, Equatable, CustomStringConvertible {
        public var line: Int
        /// What is wrong, in both languages (`RecordText`).
        public var why: LocalizedText
        /// In English, for tests and tools.
        public var reason: String { why.text(.en) }
        /// What is wrong, with the line at fault, in `language`.
        public var text: LocalizedText { line > 0 ? RecordText.keyAtLine(line, why) : why }
        public var description: String { text.text(.en) }
        public init(line: Int, why: LocalizedText) {
            self.line = line
            self.why = why
        }
    }

    /// Reads a key file; never guesses: a damaged file is an error, not "no key".
    public static func parse(_ text: String) throws(Damaged) -> SigningKey {
        var name: String?, secret: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Damaged(line: index + 1, why: RecordText.keyLineMalformed) }
            switch parts[0] {
            case "name": name = parts[1].trimmingCharacters(in: .whitespaces)
            case "private-key": secret = parts[1].trimmingCharacters(in: .whitespaces)
            default: throw Damaged(line: index + 1, why: RecordText.keyUnknownField(ControlCharacters.escaped(parts[0], keepingNewlines: false)))
            }
        }
        guard let secret else { throw Damaged(line: 0, why: RecordText.keyNoPrivateKey) }
        guard let raw = Data(base64Encoded: secret), raw.count == 32,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw Damaged(line: 0, why: RecordText.keyNot32Bytes)
        }
        guard let name, !name.isEmpty else { throw Damaged(line: 0, why: RecordText.keyNoName) }
        return SigningKey(name: name, privateKey: key)
    }

    private init(name: String, privateKey: Curve25519.Signing.PrivateKey) {
        self.name = name
        self.privateKey = privateKey
    }
}

/// The team's trusted public keys, one `NAME BASE64-KEY` per line (the name may hold spaces; the
/// key is the last word). `#` starts a comment line; blank lines are ignored.
public struct TrustedKeys: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var key: String
        public var line: Int
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// A malformed line, as `file:line: reason`.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        /// What is wrong, in both languages (`RecordText`).
        public var why: LocalizedText
        /// `file:line: reason` in `language`.
        public func text(_ language: Language) -> String { "\(file):\(line): \(why.text(language))" }
        /// In English, for tests and tools.
        public var description: String { text(.en) }
    }

    public func name(of key: String) -> String? { entries.first { $0.key == key }?.name }

    /// Every entry, or every malformed line: a half-read list of trust would make verify lie.
    public static func parse(_ text: String, file: String) -> Result<TrustedKeys, ProblemList> {
        var entries: [Entry] = [], problems: [Problem] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 2, let key = words.last.map(String.init) else {
                problems.append(Problem(file: file, line: index + 1, why: RecordText.trustedLineMalformed))
                continue
            }
            guard let bytes = Data(base64Encoded: key), bytes.count == 32 else {
                problems.append(Problem(file: file, line: index + 1,
                                        why: RecordText.notAPublicKey(ControlCharacters.escaped(key, keepingNewlines: false))))
                continue
            }
            let name = words.dropLast().joined(separator: " ")
            if let earlier = entries.first(where: { $0.key == key }), earlier.name != name {
                problems.append(Problem(file: file, line: index + 1, why: RecordText.trustedTwice(earlier.name, line: earlier.line)))
                continue
            }
            entries.append(Entry(name: ControlCharacters.cleaned(name), key: key, line: index + 1))
        }
        return problems.isEmpty ? .success(TrustedKeys(entries: entries)) : .failure(ProblemList(problems: problems))
    }

    public struct ProblemList: Error, Sendable, Equatable {
        public var problems: [Problem]
    }

    /// Whether `key` is a well-formed public key (for `keys trust`).
    public static func isPublicKey(_ key: String) -> Bool {
        guard let bytes = Data(base64Encoded: key), bytes.count == 32 else { return false }
        return (try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)) != nil
    }
}
