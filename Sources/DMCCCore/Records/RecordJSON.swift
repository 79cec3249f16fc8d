import Foundation

/// A JSON value as the fast record reader builds it: only what a record file holds. Objects keep
/// their members in file order; numbers are plain non-negative integers (a record's counts).
enum JSONNode {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([JSONNode])
    case object([(key: String, value: JSONNode)])

    /// The same UTF-8 bytes (`==` on strings compares canonical equivalence).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let quick = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                left.count == right.count && (left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
        return (quick ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }
}

/// A strict reader (RFC 8259) for record files: UTF-8 validated, a depth limit, nothing after the
/// value but white space. It reads only the part of JSON a well-formed record uses, and refuses
/// everything else rather than guess how JSONSerialization and JSONDecoder would read it:
/// `null`, numbers other than plain non-negative integers, keys with escapes or non-ASCII
/// characters, a key twice in one object, `\u0000`-`\u001f` and lone surrogate escapes, a byte
/// order mark. A refused file is read the reference way (`RecordCheck.referenceCheck`), so it
/// gets exactly the verdict it always got.
///
/// Anything this reader accepts is valid JSON that JSONSerialization reads to the same tree.
enum RecordJSON {
    enum Refusal: Error, Equatable {
        /// Not JSON, or JSON this reader leaves to the reference reader.
        case unsupported(offset: Int)
        /// A key that appears twice in one object (a reader sees one value, the seal another).
        case duplicateKey(String)
    }

    static let maximumDepth = 64
    /// Longer integers are left to the reference reader (they may not fit an `Int`).
    static let maximumDigits = 15

    /// The object in `data`.
    static func parse(_ data: Data) throws(Refusal) -> JSONNode {
        let result: Result<JSONNode, Refusal> = data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            do throws(Refusal) {
                reader.skipSpace()
                guard reader.peek == UInt8(ascii: "{") else { throw reader.refusal }
                let value = try reader.value(depth: 0)
                reader.skipSpace()
                guard reader.atEnd else { throw reader.refusal }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var scratch: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8 { i < bytes.count ? bytes[i] : 0 }
        var refusal: Refusal { .unsupported(offset: i) }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0A, 0x0D: i += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) throws(Refusal) {
            guard i < bytes.count, bytes[i] == byte else { throw refusal }
            i += 1
        }

        mutating func value(depth: Int) throws(Refusal) -> JSONNode {
            guard depth < RecordJSON.maximumDepth else { throw refusal }
            switch peek {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try integer())
            default: throw refusal  // null, negative numbers, anything else
            }
        }

        mutating func literal(_ word: StaticString) throws(Refusal) {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { throw refusal }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { throw refusal }
            i += count
        }

        /// `0` or a digit run without a leading zero; a fraction or an exponent is refused.
        mutating func integer() throws(Refusal) -> Int {
            let start = i
            var value = 0
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
                guard i - start <= RecordJSON.maximumDigits else { throw refusal }
            }
            if i - start > 1 && bytes[start] == UInt8(ascii: "0") { throw .unsupported(offset: start) }
            if i < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[i]) { throw refusal }
            return value
        }

        mutating func object(depth: Int) throws(Refusal) -> JSONNode {
            i += 1  // {
            var members: [(key: String, value: JSONNode)] = []
            skipSpace()
            if peek == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                skipSpace()
                let key = try self.key()
                // Keys are plain ASCII here, so comparing them as strings compares their bytes.
                if members.contains(where: { $0.key == key }) { throw .duplicateKey(key) }
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "}"))
                return .object(members)
            }
        }

        mutating func array(depth: Int) throws(Refusal) -> JSONNode {
            i += 1  // [
            var elements: [JSONNode] = []
            skipSpace()
            if peek == UInt8(ascii: "]") { i += 1; return .array(elements) }
            while true {
                skipSpace()
                elements.append(try value(depth: depth + 1))
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(elements)
            }
        }

        /// A key: printable ASCII without escapes (every key a record has); anything else is refused.
        mutating func key() throws(Refusal) -> String {
            try expect(UInt8(ascii: "\""))
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                guard bytes[i] >= 0x20, bytes[i] < 0x7F, bytes[i] != UInt8(ascii: "\\") else { throw refusal }
                i += 1
            }
            guard i < bytes.count else { throw refusal }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            i += 1
            return key
        }

        /// A string value, unescaped; its bytes must be valid UTF-8.
        mutating func string() throws(Refusal) -> String {
            i += 1  // "
            let start = i
            var ascii = true
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    let run = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    i += 1
                    if ascii { return String(decoding: run, as: UTF8.self) }
                    guard let text = String(validating: run, as: UTF8.self) else { throw .unsupported(offset: start) }
                    return text
                }
                if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
                guard byte >= 0x20 else { throw refusal }
                if byte >= 0x80 { ascii = false }
                i += 1
            }
            throw refusal
        }

        /// The rest of a string that has an escape, from its first byte `start`.
        mutating func escapedString(from start: Int) throws(Refusal) -> String {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    // Escapes add whole UTF-8 sequences, so this validates the raw bytes between them.
                    guard let text = String(validating: scratch, as: UTF8.self) else { throw .unsupported(offset: start) }
                    return text
                }
                guard byte >= 0x20 else { throw refusal }
                guard byte == UInt8(ascii: "\\") else { scratch.append(byte); i += 1; continue }
                guard i + 1 < bytes.count else { throw refusal }
                let escape = bytes[i + 1]
                i += 2
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        // A high surrogate must be followed by an escaped low one.
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { throw refusal }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw refusal }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    // Control characters and lone low surrogates are left to the reference reader.
                    guard code >= 0x20, let scalar = Unicode.Scalar(code) else { throw refusal }
                    scratch.append(contentsOf: String(scalar).utf8)
                default: throw refusal
                }
            }
            throw refusal
        }

        mutating func hex4() throws(Refusal) -> UInt32 {
            guard i + 4 <= bytes.count else { throw refusal }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[i]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw refusal
                }
                code = code << 4 | UInt32(digit)
                i += 1
            }
            return code
        }
    }
}
