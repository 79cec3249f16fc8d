import Foundation

/// `Decodable` and `Encodable` values to and from `JSONNode`, for the types a record is made of
/// (their synthesised conformances): strings, `Int`, `Bool`, arrays, objects and absent optionals.
/// Anything else throws `Unsupported` and the caller takes the reference way (JSONDecoder,
/// JSONEncoder), so a value is never read or written differently from them. No coding path is
/// kept: the errors are never shown (the reference way gives those).
enum NodeCoding {
    struct Unsupported: Error {}

    static func decode<T: Decodable>(_ type: T.Type, from node: JSONNode) throws -> T {
        try decodeValue(type, from: node)
    }

    static func encode<T: Encodable>(_ value: T) throws -> JSONNode {
        let box = Box()
        try encodeValue(value, into: box)
        return try box.node()
    }

    /// Types JSONDecoder and JSONEncoder read and write in a way of their own.
    static func isSpecial(_ type: Any.Type) -> Bool {
        type == URL.self || type == Decimal.self || type == Date.self || type == Data.self
    }

    static func decodeValue<T: Decodable>(_ type: T.Type, from node: JSONNode) throws -> T {
        if T.self == String.self {
            guard case .string(let text) = node else { throw Unsupported() }
            return text as! T
        }
        if isSpecial(T.self) { throw Unsupported() }
        return try T(from: NodeDecoder(node: node))
    }

    // MARK: Decoding

    struct NodeDecoder: Decoder {
        let node: JSONNode
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let members) = node else { throw Unsupported() }
            return KeyedDecodingContainer(Keyed<Key>(members: members))
        }

        func unkeyedContainer() throws -> UnkeyedDecodingContainer {
            guard case .array(let elements) = node else { throw Unsupported() }
            return Unkeyed(elements: elements)
        }

        func singleValueContainer() throws -> SingleValueDecodingContainer { Single(node: node) }
    }

    static func string(_ node: JSONNode) throws -> String {
        guard case .string(let text) = node else { throw Unsupported() }
        return text
    }

    static func bool(_ node: JSONNode) throws -> Bool {
        guard case .bool(let value) = node else { throw Unsupported() }
        return value
    }

    static func int(_ node: JSONNode) throws -> Int {
        guard case .integer(let value) = node else { throw Unsupported() }
        return value
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [(key: String, value: JSONNode)]
        var codingPath: [CodingKey] { [] }
        var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

        func find(_ key: Key) -> JSONNode? {
            let name = key.stringValue
            return members.first { $0.key == name }?.value
        }

        func node(_ key: Key) throws -> JSONNode {
            guard let node = find(key) else { throw Unsupported() }
            return node
        }

        func contains(_ key: Key) -> Bool { find(key) != nil }
        // The reader refuses null: a present key never holds it.
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try bool(node(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try string(node(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { throw Unsupported() }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw Unsupported() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try int(node(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { throw Unsupported() }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { throw Unsupported() }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { throw Unsupported() }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { throw Unsupported() }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { throw Unsupported() }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { throw Unsupported() }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { throw Unsupported() }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { throw Unsupported() }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { throw Unsupported() }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decodeValue(type, from: node(key)) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try NodeDecoder(node: node(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            try NodeDecoder(node: node(key)).unkeyedContainer()
        }

        func superDecoder() throws -> Decoder { throw Unsupported() }
        func superDecoder(forKey key: Key) throws -> Decoder { throw Unsupported() }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let elements: [JSONNode]
        var currentIndex = 0
        var codingPath: [CodingKey] { [] }
        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        init(elements: [JSONNode]) { self.elements = elements }

        mutating func next() throws -> JSONNode {
            guard currentIndex < elements.count else { throw Unsupported() }
            defer { currentIndex += 1 }
            return elements[currentIndex]
        }

        mutating func decodeNil() throws -> Bool { false }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try bool(next()) }
        mutating func decode(_ type: String.Type) throws -> String { try string(next()) }
        mutating func decode(_ type: Double.Type) throws -> Double { throw Unsupported() }
        mutating func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        mutating func decode(_ type: Int.Type) throws -> Int { try int(next()) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { throw Unsupported() }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { throw Unsupported() }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { throw Unsupported() }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { throw Unsupported() }
        mutating func decode(_ type: UInt.Type) throws -> UInt { throw Unsupported() }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { throw Unsupported() }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { throw Unsupported() }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { throw Unsupported() }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { throw Unsupported() }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, from: next()) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try NodeDecoder(node: next()).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
            try NodeDecoder(node: next()).unkeyedContainer()
        }

        mutating func superDecoder() throws -> Decoder { throw Unsupported() }
    }

    struct Single: SingleValueDecodingContainer {
        let node: JSONNode
        var codingPath: [CodingKey] { [] }

        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { try bool(node) }
        func decode(_ type: String.Type) throws -> String { try string(node) }
        func decode(_ type: Double.Type) throws -> Double { throw Unsupported() }
        func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        func decode(_ type: Int.Type) throws -> Int { try int(node) }
        func decode(_ type: Int8.Type) throws -> Int8 { throw Unsupported() }
        func decode(_ type: Int16.Type) throws -> Int16 { throw Unsupported() }
        func decode(_ type: Int32.Type) throws -> Int32 { throw Unsupported() }
        func decode(_ type: Int64.Type) throws -> Int64 { throw Unsupported() }
        func decode(_ type: UInt.Type) throws -> UInt { throw Unsupported() }
        func decode(_ type: UInt8.Type) throws -> UInt8 { throw Unsupported() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { throw Unsupported() }
        func decode(_ type: UInt32.Type) throws -> UInt32 { throw Unsupported() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { throw Unsupported() }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, from: node) }
    }

    // MARK: Encoding

    /// A value being encoded: one of a string, integer, boolean, array or object once written.
    /// Children are appended in place (the arrays stay uniquely referenced).
    final class Box {
        enum Kind { case empty, leaf, array, object }
        var kind = Kind.empty
        var leaf: JSONNode?
        var elements: [Box] = []
        var members: [(key: String, box: Box)] = []

        func node() throws -> JSONNode {
            switch kind {
            case .empty: throw Unsupported()  // a value that encoded nothing
            case .leaf: return leaf!
            case .array: return .array(try elements.map { try $0.node() })
            case .object: return .object(try members.map { (key: $0.key, value: try $0.box.node()) })
            }
        }

        func set(_ node: JSONNode) throws {
            guard kind == .empty else { throw Unsupported() }
            kind = .leaf
            leaf = node
        }

        func makeObject() throws {
            guard kind == .empty || kind == .object else { throw Unsupported() }
            kind = .object
        }

        func makeArray() throws {
            guard kind == .empty || kind == .array else { throw Unsupported() }
            kind = .array
        }

        /// A member (a key encoded twice is not looked for: `JSONNode.same` then finds a key missing).
        func child(_ key: String) throws -> Box {
            guard kind == .object else { throw Unsupported() }
            let child = Box()
            members.append((key, child))
            return child
        }

        func appended() throws -> Box {
            guard kind == .array else { throw Unsupported() }
            let child = Box()
            elements.append(child)
            return child
        }
    }

    static func encodeValue<T: Encodable>(_ value: T, into box: Box) throws {
        if let text = value as? String { return try box.set(.string(text)) }
        if isSpecial(T.self) { throw Unsupported() }
        try value.encode(to: NodeEncoder(box: box))
    }

    /// Containers that cannot be made (a keyed one on a box holding an array) fail when used: the
    /// protocol's container methods cannot throw.
    struct NodeEncoder: Encoder {
        let box: Box
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(KeyedOut<Key>(box: (try? box.makeObject()) == nil ? nil : box))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            UnkeyedOut(box: (try? box.makeArray()) == nil ? nil : box)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { SingleOut(box: box) }
    }

    struct KeyedOut<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Box?
        var codingPath: [CodingKey] { [] }

        func child(_ key: Key) throws -> Box {
            guard let box else { throw Unsupported() }
            return try box.child(key.stringValue)
        }

        mutating func encodeNil(forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try child(key).set(.bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { try child(key).set(.string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Float, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int, forKey key: Key) throws { try child(key).set(try integer(value)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int16, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int32, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int64, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { throw Unsupported() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encodeValue(value, into: child(key)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = try? child(key)
            return KeyedEncodingContainer(KeyedOut<NestedKey>(box: (try? nested?.makeObject()) == nil ? nil : nested))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let nested = try? child(key)
            return UnkeyedOut(box: (try? nested?.makeArray()) == nil ? nil : nested)
        }

        // Not used by synthesised conformances; a box left empty makes `node()` throw.
        mutating func superEncoder() -> Encoder { NodeEncoder(box: Box()) }
        mutating func superEncoder(forKey key: Key) -> Encoder { NodeEncoder(box: Box()) }
    }

    struct UnkeyedOut: UnkeyedEncodingContainer {
        let box: Box?
        var codingPath: [CodingKey] { [] }
        var count: Int { box?.elements.count ?? 0 }

        func next() throws -> Box {
            guard let box else { throw Unsupported() }
            return try box.appended()
        }

        mutating func encodeNil() throws { throw Unsupported() }
        mutating func encode(_ value: Bool) throws { try next().set(.bool(value)) }
        mutating func encode(_ value: String) throws { try next().set(.string(value)) }
        mutating func encode(_ value: Double) throws { throw Unsupported() }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { try next().set(try integer(value)) }
        mutating func encode(_ value: Int8) throws { throw Unsupported() }
        mutating func encode(_ value: Int16) throws { throw Unsupported() }
        mutating func encode(_ value: Int32) throws { throw Unsupported() }
        mutating func encode(_ value: Int64) throws { throw Unsupported() }
        mutating func encode(_ value: UInt) throws { throw Unsupported() }
        mutating func encode(_ value: UInt8) throws { throw Unsupported() }
        mutating func encode(_ value: UInt16) throws { throw Unsupported() }
        mutating func encode(_ value: UInt32) throws { throw Unsupported() }
        mutating func encode(_ value: UInt64) throws { throw Unsupported() }
        mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: next()) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = try? next()
            return KeyedEncodingContainer(KeyedOut<NestedKey>(box: (try? nested?.makeObject()) == nil ? nil : nested))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let nested = try? next()
            return UnkeyedOut(box: (try? nested?.makeArray()) == nil ? nil : nested)
        }

        mutating func superEncoder() -> Encoder { NodeEncoder(box: Box()) }
    }

    struct SingleOut: SingleValueEncodingContainer {
        let box: Box
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil() throws { throw Unsupported() }
        mutating func encode(_ value: Bool) throws { try box.set(.bool(value)) }
        mutating func encode(_ value: String) throws { try box.set(.string(value)) }
        mutating func encode(_ value: Double) throws { throw Unsupported() }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { try box.set(try integer(value)) }
        mutating func encode(_ value: Int8) throws { throw Unsupported() }
        mutating func encode(_ value: Int16) throws { throw Unsupported() }
        mutating func encode(_ value: Int32) throws { throw Unsupported() }
        mutating func encode(_ value: Int64) throws { throw Unsupported() }
        mutating func encode(_ value: UInt) throws { throw Unsupported() }
        mutating func encode(_ value: UInt8) throws { throw Unsupported() }
        mutating func encode(_ value: UInt16) throws { throw Unsupported() }
        mutating func encode(_ value: UInt32) throws { throw Unsupported() }
        mutating func encode(_ value: UInt64) throws { throw Unsupported() }
        mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: box) }
    }

    /// Only what the reader reads back: a non-negative integer of at most `maximumDigits` digits.
    static func integer(_ value: Int) throws -> JSONNode {
        guard value >= 0, value < 1_000_000_000_000_000 else { throw Unsupported() }
        return .integer(value)
    }
}
