import Crypto

/// A validated `KnowledgeBase` in a compact binary form that decodes in well under a millisecond,
/// so the advisor need not parse and check the YAML on every start. Pure: values in, bytes out.
///
/// Layout: magic, format version, the key, then the model (integers as LEB128 varints, strings as
/// length and UTF-8 bytes, a table of the files locations point into), then the SHA-256 of all
/// bytes before it. A file that is truncated, flipped, of another format or for another key
/// decodes to nil, never to a different model.
public enum CompiledKnowledge {
    /// Bump with every change of the layout below or of what the model holds.
    public static let formatVersion = 1
    static let magic: [UInt8] = Array("DMCC-KNOWLEDGE\n".utf8)

    /// The key a compiled form is valid for: the SHA-256 of the knowledge files' bytes, the
    /// program that validated them and the format version. Other bytes, other key.
    public static func key(knowledgeSHA256: String, program: String) -> String {
        "\(knowledgeSHA256) \(program) format-\(formatVersion)"
    }

    public static func encode(_ kb: KnowledgeBase, key: String) -> [UInt8] {
        var body = Writer()
        body.model(kb)
        var out = Writer()
        out.bytes += magic
        out.int(formatVersion)
        out.string(key)
        // Locations name files by base name; the reader puts back the paths they are read from now.
        out.int(body.files.count)
        for file in body.files { out.string(baseName(file)) }
        out.bytes += body.bytes
        out.bytes += Array(SHA256.hash(data: out.bytes))
        return out.bytes
    }

    /// The model, or nil when `bytes` are not a sound compiled form for `key`.
    /// - Parameter paths: the paths the knowledge files are read from now; a location's file is
    ///   the one of these with its base name, exactly as the YAML loader would have written it.
    public static func decode(_ bytes: [UInt8], key: String, paths: [String]) -> KnowledgeBase? {
        let digestSize = SHA256.byteCount
        guard bytes.count > magic.count + digestSize, bytes.starts(with: magic) else { return nil }
        let end = bytes.count - digestSize
        guard Array(SHA256.hash(data: bytes[0..<end])) == Array(bytes[end...]) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer, offset: magic.count, end: end)
            do {
                guard try reader.int() == formatVersion, try reader.string() == key else { return nil }
                let byName = Dictionary(paths.map { (baseName($0), $0) }, uniquingKeysWith: { first, _ in first })
                let count = try reader.count()
                for _ in 0..<count {
                    let name = try reader.string()
                    if name.isEmpty {
                        reader.files.append("")
                    } else {
                        guard let path = byName[name] else { return nil }
                        reader.files.append(path)
                    }
                }
                let kb = try reader.model()
                return reader.offset == end ? kb : nil
            } catch {
                return nil
            }
        }
    }

    /// A short name for the file that holds the compiled form for `key`: hex of its SHA-256.
    public static func fileName(for key: String) -> String {
        SHA256.hash(data: Array(key.utf8)).prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }
}

// MARK: - Writing

private struct Writer {
    var bytes: [UInt8] = []
    /// The distinct files locations point into, in order of first use.
    var files: [String] = []
    var fileIndex: [String: Int] = [:]

    init() { bytes.reserveCapacity(256 * 1024) }

    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value))
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        let utf8 = value.utf8
        int(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for v in values { string(v) }
    }

    mutating func location(_ l: SourceLocation) {
        let index: Int
        if let known = fileIndex[l.file] {
            index = known
        } else {
            index = files.count
            files.append(l.file)
            fileIndex[l.file] = index
        }
        int(index)
        int(l.line)
        int(l.column)
    }

    mutating func text(_ t: LocalizedText) {
        int(t.byLanguage.count)
        for (language, text) in t.byLanguage.sorted(by: { $0.key < $1.key }) {
            string(language)
            string(text)
        }
        location(t.location)
    }

    mutating func texts(_ values: [LocalizedText]) {
        int(values.count)
        for v in values { text(v) }
    }

    mutating func optionalText(_ t: LocalizedText?) {
        bool(t != nil)
        if let t { text(t) }
    }

    mutating func date(_ d: CalendarDate?) {
        guard let d else { return int(0) }
        int(d.dayNumber - CalendarDate.earliest.dayNumber + 1)
    }

    mutating func legalBasis(_ refs: [LegalReference]) {
        int(refs.count)
        for r in refs {
            text(r.ref)
            string(r.grade.rawValue)
            location(r.location)
        }
    }

    mutating func model(_ kb: KnowledgeBase) {
        let m = kb.metadata
        string(m.version)
        date(m.reviewed)
        date(m.reviewDue)
        string(m.jurisdiction)
        strings(m.languages)
        string(m.root)
        date(m.coversFrom)
        int(m.scenarios.count)
        for s in m.scenarios {
            string(s.id)
            bool(s.source)
            text(s.title)
        }
        location(m.location)

        int(kb.facts.count)
        for f in kb.facts {
            string(f.id)
            text(f.label)
            int(f.values.count)
            for v in f.values {
                string(v.value)
                text(v.label)
            }
            optionalText(f.evidence)
            location(f.location)
        }

        int(kb.nodes.count)
        for node in kb.nodes {
            switch node {
            case .question(let q):
                int(0)
                string(q.id)
                string(q.fact)
                text(q.text)
                text(q.why)
                int(q.options.count)
                for o in q.options {
                    string(o.value)
                    optionalText(o.label)
                    string(o.next)
                    location(o.location)
                }
                location(q.location)
            case .outcome(let o):
                int(1)
                string(o.id)
                string(o.verdict.rawValue)
                strings(o.scenarios)
                text(o.title)
                text(o.explanation)
                texts(o.conditions)
                texts(o.alternatives)
                legalBasis(o.legalBasis)
                date(o.validFrom)
                date(o.validUntil)
                location(o.location)
            case .dateSwitch(let d):
                int(2)
                string(d.id)
                date(d.changeDate)
                text(d.change)
                legalBasis(d.legalBasis)
                string(d.before)
                string(d.onOrAfter)
                location(d.location)
            case .part(let p):
                int(3)
                string(p.id)
                string(p.start)
                string(p.then)
                text(p.label)
                location(p.location)
            }
        }
        string(kb.sha256)
    }
}

// MARK: - Reading

private struct Corrupt: Error {}

private struct Reader {
    /// Read through a buffer pointer: decoding strings from it takes the standard library's fast path.
    let bytes: UnsafeBufferPointer<UInt8>
    var offset: Int
    let end: Int
    var files: [String] = []

    mutating func byte() throws(Corrupt) -> UInt8 {
        guard offset < end else { throw Corrupt() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func int() throws(Corrupt) -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw Corrupt() }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return Int(Int64(bitPattern: result)) }
            shift += 7
        }
    }

    /// A length or count: never negative, never more than the bytes left could hold.
    mutating func count() throws(Corrupt) -> Int {
        let n = try int()
        guard n >= 0, n <= end - offset else { throw Corrupt() }
        return n
    }

    mutating func bool() throws(Corrupt) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Corrupt()
        }
    }

    mutating func string() throws(Corrupt) -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
    }

    mutating func strings() throws(Corrupt) -> [String] {
        let n = try count()
        var values: [String] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try string()) }
        return values
    }

    mutating func location() throws(Corrupt) -> SourceLocation {
        let index = try int()
        guard index >= 0, index < files.count else { throw Corrupt() }
        return SourceLocation(file: files[index], line: try int(), column: try int())
    }

    mutating func text() throws(Corrupt) -> LocalizedText {
        let n = try count()
        var nl: String?, en: String?
        var others: [String: String] = [:]
        for _ in 0..<n {
            let language = try string()
            let text = try string()
            switch language {
            case Language.nl.rawValue: nl = text
            case Language.en.rawValue: en = text
            default: others[language] = text
            }
        }
        let location = try location()
        // Only Dutch and English (all the shipped knowledge has): no dictionary is built.
        guard others.isEmpty else {
            if let nl { others[Language.nl.rawValue] = nl }
            if let en { others[Language.en.rawValue] = en }
            return LocalizedText(others, location: location)
        }
        return LocalizedText(nl: nl, en: en, location: location)
    }

    mutating func texts() throws(Corrupt) -> [LocalizedText] {
        let n = try count()
        var values: [LocalizedText] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try text()) }
        return values
    }

    mutating func optionalText() throws(Corrupt) -> LocalizedText? {
        try bool() ? try text() : nil
    }

    mutating func date() throws(Corrupt) -> CalendarDate? {
        let n = try int()
        guard n != 0 else { return nil }
        let day = n - 1 + CalendarDate.earliest.dayNumber
        guard day >= CalendarDate.earliest.dayNumber, day <= CalendarDate.latest.dayNumber else { throw Corrupt() }
        return CalendarDate(dayNumber: day)
    }

    mutating func requiredDate() throws(Corrupt) -> CalendarDate {
        guard let d = try date() else { throw Corrupt() }
        return d
    }

    mutating func legalBasis() throws(Corrupt) -> [LegalReference] {
        let n = try count()
        var refs: [LegalReference] = []
        refs.reserveCapacity(n)
        for _ in 0..<n {
            let ref = try text()
            guard let grade = Grade(rawValue: try string()) else { throw Corrupt() }
            refs.append(LegalReference(ref: ref, grade: grade, location: try location()))
        }
        return refs
    }

    mutating func model() throws(Corrupt) -> KnowledgeBase {
        let version = try string()
        let reviewed = try date()
        let reviewDue = try date()
        let jurisdiction = try string()
        let languages = try strings()
        let root = try string()
        let coversFrom = try date()
        var scenarios: [Scenario] = []
        for _ in 0..<(try count()) {
            scenarios.append(Scenario(id: try string(), source: try bool(), title: try text()))
        }
        let metadata = KnowledgeMetadata(version: version, reviewed: reviewed, reviewDue: reviewDue,
                                         jurisdiction: jurisdiction, languages: languages, root: root,
                                         coversFrom: coversFrom, scenarios: scenarios, location: try location())

        var facts: [Fact] = []
        let factCount = try count()
        facts.reserveCapacity(factCount)
        for _ in 0..<factCount {
            let id = try string()
            let label = try text()
            var values: [FactValue] = []
            for _ in 0..<(try count()) {
                values.append(FactValue(value: try string(), label: try text()))
            }
            facts.append(Fact(id: id, label: label, values: values, evidence: try optionalText(), location: try location()))
        }

        var nodes: [KnowledgeNode] = []
        let nodeCount = try count()
        nodes.reserveCapacity(nodeCount)
        for _ in 0..<nodeCount {
            switch try int() {
            case 0:
                let id = try string(), fact = try string(), questionText = try text(), why = try text()
                var options: [AnswerOption] = []
                for _ in 0..<(try count()) {
                    options.append(AnswerOption(value: try string(), label: try optionalText(), next: try string(),
                                                location: try location()))
                }
                nodes.append(.question(Question(id: id, fact: fact, text: questionText, why: why, options: options,
                                                location: try location())))
            case 1:
                let id = try string()
                guard let verdict = Verdict(rawValue: try string()) else { throw Corrupt() }
                nodes.append(.outcome(Outcome(
                    id: id, verdict: verdict, scenarios: try strings(), title: try text(), explanation: try text(),
                    conditions: try texts(), alternatives: try texts(), legalBasis: try legalBasis(),
                    validFrom: try date(), validUntil: try date(), location: try location())))
            case 2:
                nodes.append(.dateSwitch(DateSwitch(
                    id: try string(), changeDate: try requiredDate(), change: try text(), legalBasis: try legalBasis(),
                    before: try string(), onOrAfter: try string(), location: try location())))
            case 3:
                nodes.append(.part(PartCall(id: try string(), start: try string(), then: try string(),
                                            label: try text(), location: try location())))
            default:
                throw Corrupt()
            }
        }
        return KnowledgeBase(metadata: metadata, facts: facts, nodes: nodes, sha256: try string())
    }
}
