import Crypto
import Foundation

/// Canonical JSON and the SHA-256 seal. The seal is computed over the parsed JSON object, so a key
/// added to the file by hand changes the digest just as an edited value does. The seal leaves out
/// itself and the signature (which signs the seal).
///
/// The canonical form is, byte for byte, what
/// `JSONSerialization.data(withJSONObject:options: [.sortedKeys, .withoutEscapingSlashes])` writes:
/// every record ever sealed was sealed so. `CanonicalJSON` writes it much faster; for a value it
/// cannot write exactly so (a number, a key it cannot order with certainty) JSONSerialization does.
public enum RecordSeal {
    static func canonical(_ record: AdviceRecord, includingSeal: Bool) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(record) else { return Data() }
        return canonical(data, includingSeal: includingSeal) ?? Data()
    }

    /// Re-serialises any JSON object with sorted keys, optionally without its `sha256` and `signature` fields.
    static func canonical(_ json: Data, includingSeal: Bool) -> Data? {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else { return nil }
        return canonical(object: object, includingSeal: includingSeal)
    }

    /// The canonical form of a parsed JSON object, optionally without its `sha256` and `signature` fields.
    static func canonical(object: [String: Any], includingSeal: Bool) -> Data {
        var object = object
        if !includingSeal {
            object["sha256"] = nil
            object["signature"] = nil
        }
        return CanonicalJSON.data(object) ?? serialised(object)
    }

    /// The reference: what the seal has always been computed with.
    static func serialised(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    static func digest(of record: AdviceRecord) -> String {
        hex(SHA256.hash(data: canonical(record, includingSeal: false)))
    }

    /// The digest of a record file's content as it stands, or nil when it is not a JSON object.
    public static func digest(ofFile json: Data) -> String? {
        canonical(json, includingSeal: false).map { hex(SHA256.hash(data: $0)) }
    }

    /// The digest of a record file already parsed (`JSONSerialization.jsonObject`): `verify` parses each file once.
    public static func digest(ofObject object: [String: Any]) -> String {
        hex(SHA256.hash(data: canonical(object: object, includingSeal: false)))
    }

    /// The digest of a record file read by `RecordJSON`, or nil when `CanonicalJSON` cannot write it
    /// exactly as JSONSerialization would (then the reference way judges the file).
    static func digest(ofNode node: JSONNode) -> String? {
        guard case .object(let members) = node,
              let data = CanonicalJSON.data(.object(members.filter { $0.key != "sha256" && $0.key != "signature" })) else { return nil }
        return hex(SHA256.hash(data: data))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A writer for parsed JSON (strings, objects, arrays, null) that gives the same bytes as
/// JSONSerialization with `.sortedKeys` and `.withoutEscapingSlashes`.
///
/// - Strings: `"` and `\` escaped with a backslash; backspace, form feed, line feed, carriage return
///   and tab as `\b \f \n \r \t`; other characters below U+0020 as `\u00xx` (lower-case hex);
///   everything else (DEL, non-ASCII, U+2028) as its UTF-8 bytes.
/// - Key order: JSONSerialization compares keys numerically and ignoring case, in the system locale.
///   Rather than imitate that comparison, the order of each set of keys is asked of JSONSerialization
///   itself once and remembered. Only key sets whose order cannot depend on the order the keys are
///   met in (plain ASCII, distinct ignoring case, no digit runs with leading zeros) are written here.
/// - Anything else (numbers, booleans, other keys): nil, and the caller uses JSONSerialization.
public enum CanonicalJSON {
    /// The canonical bytes of a parsed JSON object, or nil when JSONSerialization must write them.
    public static func data(_ object: [String: Any]) -> Data? {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        guard write(object, into: &out) else { return nil }
        return Data(out)
    }

    /// The canonical bytes of a tree read by `RecordJSON`, or nil when JSONSerialization must write them.
    static func data(_ node: JSONNode) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        guard write(node, into: &out) else { return nil }
        return out
    }

    /// Integers and booleans as JSONSerialization writes what it read from `12` and `true`.
    private static func write(_ node: JSONNode, into out: inout [UInt8]) -> Bool {
        switch node {
        case .string(let text): writeString(text, into: &out)
        case .integer(let value): out.append(contentsOf: String(value).utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard write(element, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard let permutation = sortedPositions(members.map(\.key)) else { return false }
            out.append(UInt8(ascii: "{"))
            for (index, position) in permutation.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(members[position].key, into: &out)
                out.append(UInt8(ascii: ":"))
                guard write(members[position].value, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        }
        return true
    }

    private static func write(_ value: Any, into out: inout [UInt8]) -> Bool {
        if let text = value as? String {
            writeString(text, into: &out)
        } else if let object = value as? [String: Any] {
            guard let keys = order(object.keys) else { return false }
            out.append(UInt8(ascii: "{"))
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                guard let member = object[key], write(member, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        } else if let array = value as? [Any] {
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard write(element, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        } else if value is NSNull {
            out.append(contentsOf: "null".utf8)
        } else {
            return false
        }
        return true
    }

    static func writeString(_ text: String, into out: inout [UInt8]) {
        // Most strings need no escape: their bytes are copied at once.
        let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if copied == true { return }
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Key order

    private static let lock = NSLock()
    nonisolated(unsafe) private static var orders: [Set<String>: [String]] = [:]
    private static let maximumRemembered = 512

    nonisolated(unsafe) private static var positions: [KeyList: [Int]] = [:]

    /// A list of keys as a dictionary key, hashed cheaply by its length and first key (and compared whole).
    struct KeyList: Hashable {
        var keys: [String]
        func hash(into hasher: inout Hasher) {
            hasher.combine(keys.count)
            hasher.combine(keys.first)
        }
    }

    /// For keys in the order a file lists them, the positions of the keys in JSONSerialization's
    /// sorted order (from `order`), remembered per list: record files list their keys alike.
    static func sortedPositions(_ keys: [String]) -> [Int]? {
        lock.lock()
        let known = positions[KeyList(keys: keys)]
        lock.unlock()
        if let known { return known }
        guard let sorted = order(keys) else { return nil }
        var position: [String: Int] = [:]
        for (index, key) in keys.enumerated() { position[key] = index }
        let permutation = sorted.compactMap { position[$0] }
        guard permutation.count == keys.count else { return nil }
        lock.lock()
        if positions.count < maximumRemembered { positions[KeyList(keys: keys)] = permutation }
        lock.unlock()
        return permutation
    }

    /// The keys in JSONSerialization's sorted order, or nil when this writer cannot be sure of it.
    static func order<Keys: Collection>(_ keys: Keys) -> [String]? where Keys.Element == String {
        let set = Set(keys)
        lock.lock()
        let known = orders[set]
        lock.unlock()
        if let known { return known }
        guard isOrderable(set), let sorted = askedOrder(Array(set)) else { return nil }
        lock.lock()
        if orders.count < maximumRemembered { orders[set] = sorted }
        lock.unlock()
        return sorted
    }

    /// Keys whose sorted order does not depend on the order a dictionary happens to hold them in:
    /// ASCII, distinct when case is ignored, and no number written with a leading zero (`a01`, `a1`).
    static func isOrderable(_ keys: Set<String>) -> Bool {
        var folded = Set<String>()
        for key in keys {
            var previous: UInt8 = 0
            for byte in key.utf8 {
                guard byte >= 0x20, byte < 0x7F else { return false }
                let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                let previousIsDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(previous)
                if byte == UInt8(ascii: "0") && !previousIsDigit { return false }
                _ = isDigit
                previous = byte
            }
            guard folded.insert(key.lowercased()).inserted else { return false }
        }
        return true
    }

    /// JSONSerialization's order for `keys`: it serialises `{key: index}` sorted, and the indexes are
    /// read back in the order written.
    private static func askedOrder(_ keys: [String]) -> [String]? {
        var probe: [String: Any] = [:]
        for (index, key) in keys.enumerated() { probe[key] = index }
        guard let data = try? JSONSerialization.data(withJSONObject: probe, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        let bytes = [UInt8](data)
        var order: [String] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "\"") else { i += 1; continue }
            // A key: skip to its closing quote, then the colon and the index.
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            i += 2
            var index = 0, digits = 0
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
                index = index * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                digits += 1
                i += 1
            }
            guard digits > 0, index < keys.count else { return nil }
            order.append(keys[index])
        }
        return order.count == keys.count && Set(order).count == keys.count ? order : nil
    }
}
