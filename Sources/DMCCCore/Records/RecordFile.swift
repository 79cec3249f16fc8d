import Foundation

/// Reads a record file strictly: what `list`, `show` and `replay` display must be exactly what the
/// seal covers. JSON with a key twice (a decoder reads one value, the seal another) or with content
/// that the record does not carry is refused rather than shown.
public enum RecordFile {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notAnAdviceRecord(String?)
        case duplicateKey(String)
        case notCanonical

        /// Why, in both languages (`RecordText`).
        public var text: LocalizedText {
            switch self {
            case .notAnAdviceRecord(let detail): RecordText.notAnAdviceRecord(detail)
            case .duplicateKey(let key): RecordText.keyTwiceRefused(ControlCharacters.escaped(key, keepingNewlines: false))
            case .notCanonical: RecordText.fileHoldsMore
            }
        }
        /// In English, for callers that do not know the session's language.
        public var description: String { text.text(.en) }
    }

    /// The record in `json`, or why it cannot be trusted to be shown.
    public static func read(_ json: Data) throws(Failure) -> AdviceRecord {
        if let (record, _) = quickRead(json) { return record }
        return try referenceRead(json)
    }

    /// `read`, and whether the file's content still matches its seal (`list` marks it when not),
    /// digested from the tree the file was read into when it took the quick way.
    public static func readWithSeal(_ json: Data) throws(Failure) -> (record: AdviceRecord, sealHolds: Bool) {
        if let (record, tree) = quickRead(json), let digest = RecordSeal.digest(ofNode: tree) {
            return (record, digest == record.sha256)
        }
        let record = try referenceRead(json)
        return (record, RecordSeal.digest(ofFile: json) == record.sha256)
    }

    /// A file that holds exactly a record (every saved one) is read once, as `verify` reads it; nil for
    /// anything else, which takes the reference way that says what is wrong with it.
    private static func quickRead(_ json: Data) -> (AdviceRecord, JSONNode)? {
        guard let tree = try? RecordJSON.parse(json), let record = try? NodeCoding.decode(AdviceRecord.self, from: tree),
              NodeCoding.encodes(record, as: tree) else { return nil }
        return (record, tree)
    }

    /// `read` with JSONSerialization and JSONDecoder: the reference the quick way must agree with.
    static func referenceRead(_ json: Data) throws(Failure) -> AdviceRecord {
        guard let file = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else { throw .notAnAdviceRecord(nil) }
        if let key = firstDuplicateKey(in: json) { throw .duplicateKey(key) }
        let record: AdviceRecord
        do {
            record = try JSONDecoder().decode(AdviceRecord.self, from: json)
        } catch {
            throw .notAnAdviceRecord(RecordCheck.describe(error))
        }
        guard roundTrips(file, as: record) else { throw .notCanonical }
        return record
    }

    /// True when the file holds exactly what the record decoded from it holds: nothing in the file
    /// is ignored by the decoder. Then the file and the record have one canonical form (and one seal).
    static func roundTrips(_ json: Data, as record: AdviceRecord) -> Bool {
        guard let file = try? JSONSerialization.jsonObject(with: json) else { return false }
        return roundTrips(file, as: record)
    }

    /// Compares the JSON trees rather than their canonical texts: the same answer without
    /// serialising with sorted keys, which costs most of the time of reading a record.
    static func roundTrips(_ file: Any, as record: AdviceRecord) -> Bool {
        // The record's tree built directly: the tree JSONSerialization parses from JSONEncoder's
        // output, without writing and parsing the text. Anything but strings, arrays and objects
        // takes the long way.
        if let shown = try? JSONTree.encode(record) { return sameJSON(file, shown) }
        guard let encoded = try? JSONEncoder().encode(record),
              let shown = try? JSONSerialization.jsonObject(with: encoded) else { return false }
        return sameJSON(file, shown)
    }

    /// Two parsed JSON values are the same: keys and strings byte for byte (not merely canonically
    /// equivalent Unicode), arrays in order, other values as they are written.
    static func sameJSON(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (a as String, b as String):
            return a.utf8.elementsEqual(b.utf8)
        case let (a as [String: Any], b as [String: Any]):
            // Every key of `a` found in `b` with the same bytes (a dictionary finds canonically
            // equivalent keys too, so the key found is compared byte for byte) and the same value;
            // with as many keys on both sides, that pairs them all.
            guard a.count == b.count else { return false }
            return a.allSatisfy { key, value in
                guard let index = b.index(forKey: key), b[index].key.utf8.elementsEqual(key.utf8) else { return false }
                return sameJSON(value, b[index].value)
            }
        case let (a as [Any], b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { sameJSON($0, $1) }
        case (is NSNull, is NSNull):
            return true
        default:
            // Numbers and booleans (a record holds none): compared as written.
            let left = try? JSONSerialization.data(withJSONObject: [a]), right = try? JSONSerialization.data(withJSONObject: [b])
            return left != nil && left == right
        }
    }

    /// The first object key that occurs twice in one object, comparing keys after unescaping
    /// (`"\u0063lient"` is `"client"`). Expects valid JSON.
    static func firstDuplicateKey(in json: Data) -> String? {
        enum Container { case object(keys: Set<String>, expectingKey: Bool), array }
        let bytes = [UInt8](json)
        var stack: [Container] = []
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "{"): stack.append(.object(keys: [], expectingKey: true))
            case UInt8(ascii: "["): stack.append(.array)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if !stack.isEmpty { stack.removeLast() }
            case UInt8(ascii: ","):
                if case .object(let keys, _) = stack.last { stack[stack.count - 1] = .object(keys: keys, expectingKey: true) }
            case UInt8(ascii: "\""):
                if case .object(var keys, true) = stack.last {
                    let (text, end) = key(bytes, from: i + 1)
                    i = end
                    if !keys.insert(text).inserted { return text }
                    stack[stack.count - 1] = .object(keys: keys, expectingKey: false)
                } else {
                    // A value: only its end matters.
                    i += 1
                    while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// A key: as its bytes when it has no escape (the common case), else unescaped.
    private static func key(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            return (String(decoding: bytes[start..<end], as: UTF8.self), end)
        }
        return string(bytes, from: start)
    }

    /// The unescaped JSON string starting after its opening quote, and the index of its closing quote.
    private static func string(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var i = start
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            return UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16)
        }
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            guard bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count else { raw.append(bytes[i]); i += 1; continue }
            flush()
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u"):
                guard var code = hex4(i) else { continue }
                i += 4
                if (0xD800..<0xDC00).contains(code), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                   bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), (0xDC00..<0xE000).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(escape))
            }
        }
        flush()
        return (String(scalars), i)
    }
}

/// An `Encodable` value as the tree `JSONSerialization.jsonObject` reads from `JSONEncoder`'s
/// output: `[String: Any]`, `[Any]`, `String`. Only what a record holds (strings, arrays, objects,
/// absent optionals) is written; any other value throws `Unsupported`, and the caller encodes and
/// parses the text instead.
enum JSONTree {
    struct Unsupported: Error {}

    static func encode<T: Encodable>(_ value: T) throws -> Any {
        let node = Node()
        try value.encode(to: TreeEncoder(node: node))
        return try node.value()
    }

    final class Node {
        var object: [String: Node]?
        var array: [Node]?
        var text: String?

        func value() throws -> Any {
            if let text { return text }
            if let object { return try object.mapValues { try $0.value() } }
            if let array { return try array.map { try $0.value() } }
            throw Unsupported()  // a value that encoded nothing
        }

        func child<Key: CodingKey>(_ key: Key) -> Node {
            let child = Node()
            object![key.stringValue] = child
            return child
        }

        func appended() -> Node {
            let child = Node()
            array!.append(child)
            return child
        }
    }

    /// Types JSONEncoder writes in a way of its own (dates, data, URLs, numbers): not handled here.
    static func encodeValue<T: Encodable>(_ value: T, into node: Node, path: [CodingKey]) throws {
        if let text = value as? String {
            node.text = text
            return
        }
        // Numbers and booleans throw in the containers below (dates encode as numbers, data as an
        // array of numbers); URLs and decimals JSONEncoder writes in a way of its own.
        if T.self == URL.self || T.self == Decimal.self || T.self == Date.self || T.self == Data.self { throw Unsupported() }
        try value.encode(to: TreeEncoder(node: node, codingPath: path))
    }

    /// The coding path is not kept (nothing here reports it): building it costs more than the rest.
    struct TreeEncoder: Encoder {
        let node: Node
        var codingPath: [CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if node.object == nil { node.object = [:] }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if node.array == nil { node.array = [] }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [CodingKey]

        mutating func encodeNil(forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: String, forKey key: Key) throws { node.child(key).text = value }
        mutating func encode(_ value: Bool, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Double, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Float, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int8, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int16, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int32, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int64, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { throw Unsupported() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try encodeValue(value, into: node.child(key), path: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = node.child(key)
            child.object = [:]
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = node.child(key)
            child.array = []
            return Unkeyed(node: child, codingPath: codingPath)
        }

        // Not used by synthesised conformances; a node left empty makes `value()` throw.
        mutating func superEncoder() -> Encoder { TreeEncoder(node: Node(), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> Encoder { TreeEncoder(node: Node(), codingPath: codingPath) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [CodingKey]
        var count: Int { node.array?.count ?? 0 }

        mutating func encodeNil() throws { throw Unsupported() }
        mutating func encode(_ value: String) throws { node.appended().text = value }
        mutating func encode(_ value: Bool) throws { throw Unsupported() }
        mutating func encode(_ value: Double) throws { throw Unsupported() }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { throw Unsupported() }
        mutating func encode(_ value: Int8) throws { throw Unsupported() }
        mutating func encode(_ value: Int16) throws { throw Unsupported() }
        mutating func encode(_ value: Int32) throws { throw Unsupported() }
        mutating func encode(_ value: Int64) throws { throw Unsupported() }
        mutating func encode(_ value: UInt) throws { throw Unsupported() }
        mutating func encode(_ value: UInt8) throws { throw Unsupported() }
        mutating func encode(_ value: UInt16) throws { throw Unsupported() }
        mutating func encode(_ value: UInt32) throws { throw Unsupported() }
        mutating func encode(_ value: UInt64) throws { throw Unsupported() }
        mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: node.appended(), path: codingPath) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = node.appended()
            child.object = [:]
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let child = node.appended()
            child.array = []
            return Unkeyed(node: child, codingPath: codingPath)
        }

        mutating func superEncoder() -> Encoder { TreeEncoder(node: Node(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [CodingKey]

        mutating func encodeNil() throws { throw Unsupported() }
        mutating func encode(_ value: String) throws { node.text = value }
        mutating func encode(_ value: Bool) throws { throw Unsupported() }
        mutating func encode(_ value: Double) throws { throw Unsupported() }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { throw Unsupported() }
        mutating func encode(_ value: Int8) throws { throw Unsupported() }
        mutating func encode(_ value: Int16) throws { throw Unsupported() }
        mutating func encode(_ value: Int32) throws { throw Unsupported() }
        mutating func encode(_ value: Int64) throws { throw Unsupported() }
        mutating func encode(_ value: UInt) throws { throw Unsupported() }
        mutating func encode(_ value: UInt8) throws { throw Unsupported() }
        mutating func encode(_ value: UInt16) throws { throw Unsupported() }
        mutating func encode(_ value: UInt32) throws { throw Unsupported() }
        mutating func encode(_ value: UInt64) throws { throw Unsupported() }
        mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: node, path: codingPath) }
    }
}

/// Control characters in text that people typed or that a record file holds: they must never reach
/// a terminal raw (escape sequences recolour, move the cursor or clear the screen) nor break a
/// Markdown table or a line of output.
public enum ControlCharacters {
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Typed text fit for a record: line breaks and tabs become single spaces, other control
    /// characters are dropped.
    public static func cleaned(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                if out.last != " " { out.append(" ") }
            } else if !isControl(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Every control character made visible as `\u001b` (valid inside a JSON string too), except
    /// line breaks when `keepingNewlines` and tabs.
    public static func escaped(_ text: String, keepingNewlines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !(scalar == "\t" || (keepingNewlines && scalar == "\n")) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
