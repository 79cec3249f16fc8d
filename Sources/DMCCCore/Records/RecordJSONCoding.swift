import Foundation

/// `Decodable` values from `JSONNode` (and, in `NodeCoding+Match`, whether an `Encodable` value
/// encodes to a given tree), for the types a record is made of (their synthesised conformances):
/// strings, `Int`, `Bool`, arrays, objects and absent optionals. Anything else throws
/// `Unsupported` and the caller takes the reference way (JSONDecoder, JSONEncoder), so a value is
/// never read differently from them. No coding path is kept: the errors are never shown (the
/// reference way gives those).
enum NodeCoding {
    struct Unsupported: Error {}

    static func decode<T: Decodable>(_ type: T.Type, from node: JSONNode) throws -> T {
        try decodeValue(type, from: node)
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
}
