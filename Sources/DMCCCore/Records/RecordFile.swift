import Foundation

/// Reads a record file strictly: what `list`, `show` and `replay` display must be exactly what the
/// seal covers. JSON with a key twice (a decoder reads one value, the seal another) or with content
/// that the record does not carry is refused rather than shown.
public enum RecordFile {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notAnAdviceRecord(String?)
        case duplicateKey(String)
        case notCanonical

        public var description: String {
            switch self {
            case .notAnAdviceRecord(nil): "not an advice record"
            case .notAnAdviceRecord(let detail?): "not an advice record (\(detail))"
            case .duplicateKey(let key):
                "the key '\(ControlCharacters.escaped(key, keepingNewlines: false))' appears twice in one object; the record is refused"
            case .notCanonical: "the file holds more than the record shows (an unknown key, a null or a value written differently)"
            }
        }
    }

    /// The record in `json`, or why it cannot be trusted to be shown.
    public static func read(_ json: Data) throws(Failure) -> AdviceRecord {
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
            guard a.count == b.count else { return false }
            let left = a.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            let right = b.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            return zip(left, right).allSatisfy { $0.key.utf8.elementsEqual($1.key.utf8) && sameJSON($0.value, $1.value) }
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
                    let (text, end) = string(bytes, from: i + 1)
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
