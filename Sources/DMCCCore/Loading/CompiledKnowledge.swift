/// A validated `KnowledgeBase` in a compact binary form, so the advisor need not parse and check
/// the YAML on every start. Pure: values in, bytes out.
///
/// Layout: magic, format version, the key, a table of the files locations point into, then the
/// head (metadata, facts, the sha256, which questions are the same question, and a table of
/// every node's id and length), then the nodes one after another, then a checksum of all
/// bytes before it. Integers are LEB128 varints, strings length and UTF-8 bytes.
///
/// Decoding reads the head and checks the checksum and the node table; a node is decoded the
/// first time it is asked for (`NodeStore`): advice needs the twenty-odd nodes on its path, not
/// all of them. A file that is truncated, flipped, of another format or for another key decodes
/// to nil, never to a different model.
public enum CompiledKnowledge {
    /// Bump with every change of the layout below or of what the model holds.
    /// 2: node table and lazily decoded nodes; a 64-bit checksum instead of SHA-256.
    public static let formatVersion = 2
    static let magic: [UInt8] = Array("DMCC-KNOWLEDGE\n".utf8)
    static let checksumSize = 8

    /// The key a compiled form is valid for: the SHA-256 of the knowledge files' bytes, the
    /// program that validated them and the format version. Other bytes, other key.
    public static func key(knowledgeSHA256: String, program: String) -> String {
        "\(knowledgeSHA256) \(program) format-\(formatVersion)"
    }

    public static func encode(_ kb: KnowledgeBase, key: String) -> [UInt8] {
        // The nodes first, to know each one's length; the head then shares their table of files.
        var nodes = Writer()
        var table: [(id: String, length: Int)] = []
        for node in kb.nodes {
            let start = nodes.bytes.count
            nodes.node(node)
            table.append((node.id, nodes.bytes.count - start))
        }
        var head = Writer(files: nodes.files, fileIndex: nodes.fileIndex)
        head.head(kb)
        head.int(table.count)
        for entry in table {
            head.string(entry.id)
            head.int(entry.length)
        }
        var out = Writer()
        out.bytes += magic
        out.int(formatVersion)
        out.string(key)
        // Locations name files by base name; the reader puts back the paths they are read from now.
        out.int(head.files.count)
        for file in head.files { out.string(baseName(file)) }
        out.bytes += head.bytes
        out.bytes += nodes.bytes
        let sum = checksum(out.bytes[...])
        for shift in stride(from: 0, to: 64, by: 8) { out.bytes.append(UInt8(truncatingIfNeeded: sum >> UInt64(shift))) }
        return out.bytes
    }

    /// The model, or nil when `bytes` are not a sound compiled form for `key`.
    /// - Parameter paths: the paths the knowledge files are read from now; a location's file is
    ///   the one of these with its base name, exactly as the YAML loader would have written it.
    public static func decode(_ bytes: [UInt8], key: String, paths: [String]) -> KnowledgeBase? {
        guard let decoded = decode(bytes, paths: paths), decoded.key == key else { return nil }
        return decoded.base
    }

    /// The model and the key it was compiled for, or nil when `bytes` are not a sound compiled
    /// form. The caller compares the key with the knowledge's own before using the model: the
    /// start-up reads this while the knowledge's digest is still being computed.
    public static func decode(_ bytes: [UInt8], paths: [String]) -> (key: String, base: KnowledgeBase)? {
        guard bytes.count > magic.count + checksumSize, bytes.starts(with: magic) else { return nil }
        let end = bytes.count - checksumSize
        var stored: UInt64 = 0
        for (i, byte) in bytes[end...].enumerated() { stored |= UInt64(byte) << UInt64(8 * i) }
        guard checksum(bytes[0..<end]) == stored else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> (key: String, base: KnowledgeBase)? in
            var reader = Reader(bytes: buffer, offset: magic.count, end: end)
            do {
                guard try reader.int() == formatVersion else { return nil }
                let key = try reader.string()
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
                let head = try reader.head()
                let nodeCount = try reader.count()
                var ids: [String] = []
                var offsets: [Int] = []
                ids.reserveCapacity(nodeCount)
                offsets.reserveCapacity(nodeCount + 1)
                var nodeOffset = 0
                for _ in 0..<nodeCount {
                    ids.append(try reader.string())
                    let length = try reader.count()
                    offsets.append(nodeOffset)
                    nodeOffset += length
                }
                // The nodes fill exactly what is left.
                guard nodeOffset == end - reader.offset else { return nil }
                offsets.append(nodeOffset)
                let store = NodeStore(compiled: bytes, start: reader.offset, offsets: offsets, ids: ids, files: reader.files)
                return (key, KnowledgeBase(metadata: head.metadata, facts: head.facts, store: store,
                                           sameQuestion: head.sameQuestion, sha256: head.sha256))
            } catch {
                return nil
            }
        }
    }

    /// Decodes the node at `from..<to` of a compiled form that `decode` accepted; nil only if the bytes do not
    /// hold a node there (which the checksum and the node table rule out for a file this program wrote).
    static func node(in bytes: [UInt8], from: Int, to: Int, files: [String]) -> KnowledgeNode? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer, offset: from, end: to)
            reader.files = files
            guard let node = try? reader.node(), reader.offset == to else { return nil }
            return node
        }
    }

    /// A 64-bit checksum of the bytes: each 8-byte word is mixed in by an exclusive or and a
    /// multiplication by an odd constant, both one-to-one, so a change in any one word always
    /// changes the sum; the length is mixed in last, so a truncation does too. It guards against a
    /// damaged file, not against an attacker: the file is read only when it is this user's own and
    /// nobody else may write it (`KnowledgeCache`), and anyone who can write it can write the
    /// knowledge too. SHA-256 of these 200 KB cost a start some 3%.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var sum: UInt64 = 0xCBF2_9CE4_8422_2325
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for i in 0..<words {
                sum = (sum ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self).littleEndian) &* prime
                sum ^= sum >> 29
            }
            var tail: UInt64 = 0
            for i in (words * 8)..<raw.count { tail |= UInt64(raw[i]) << UInt64(8 * (i - words * 8)) }
            sum = (sum ^ tail) &* prime
            sum ^= sum >> 29
            sum = (sum ^ UInt64(raw.count)) &* prime
            sum ^= sum >> 32
        }
        return sum
    }

    /// The name of the file that keeps the compiled form for the knowledge folder `folder` read
    /// by `program`: one file per folder and program, whatever the folder holds, so that it can be
    /// read before the knowledge's digest is known; the key inside says which knowledge it is.
    /// Hex of a 64-bit checksum of the two: short and safe, and a collision only costs a YAML read.
    public static func fileName(folder: String, program: String) -> String {
        let sum = checksum(Array("\(folder)\0\(program)\0format-\(formatVersion)".utf8)[...])
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 16) { out in
            for i in 0..<16 { out[i] = digits[Int((sum >> UInt64(60 - 4 * i)) & 0xF)] }
            return 16
        }
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

    init(files: [String] = [], fileIndex: [String: Int] = [:]) {
        self.files = files
        self.fileIndex = fileIndex
        bytes.reserveCapacity(64 * 1024)
    }

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

    /// Everything but the nodes.
    mutating func head(_ kb: KnowledgeBase) {
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
        string(kb.sha256)
        let same = kb.sameQuestionPairs
        int(same.count)
        for (question, first) in same {
            string(question)
            string(first)
        }
    }

    /// One node: its kind (0 question, 1 outcome, 2 date switch, 3 part), then its fields.
    mutating func node(_ node: KnowledgeNode) {
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

    struct Head {
        var metadata: KnowledgeMetadata
        var facts: [Fact]
        var sha256: String
        var sameQuestion: [String: String]
    }

    mutating func head() throws(Corrupt) -> Head {
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
        let sha256 = try string()
        var sameQuestion: [String: String] = [:]
        for _ in 0..<(try count()) {
            let question = try string()
            sameQuestion[question] = try string()
        }
        return Head(metadata: metadata, facts: facts, sha256: sha256, sameQuestion: sameQuestion)
    }

    mutating func node() throws(Corrupt) -> KnowledgeNode {
        switch try int() {
        case 0:
            let id = try string(), fact = try string(), questionText = try text(), why = try text()
            var options: [AnswerOption] = []
            for _ in 0..<(try count()) {
                options.append(AnswerOption(value: try string(), label: try optionalText(), next: try string(),
                                            location: try location()))
            }
            return .question(Question(id: id, fact: fact, text: questionText, why: why, options: options,
                                      location: try location()))
        case 1:
            let id = try string()
            guard let verdict = Verdict(rawValue: try string()) else { throw Corrupt() }
            return .outcome(Outcome(
                id: id, verdict: verdict, scenarios: try strings(), title: try text(), explanation: try text(),
                conditions: try texts(), alternatives: try texts(), legalBasis: try legalBasis(),
                validFrom: try date(), validUntil: try date(), location: try location()))
        case 2:
            return .dateSwitch(DateSwitch(
                id: try string(), changeDate: try requiredDate(), change: try text(), legalBasis: try legalBasis(),
                before: try string(), onOrAfter: try string(), location: try location()))
        case 3:
            return .part(PartCall(id: try string(), start: try string(), then: try string(),
                                  label: try text(), location: try location()))
        default:
            throw Corrupt()
        }
    }
}
