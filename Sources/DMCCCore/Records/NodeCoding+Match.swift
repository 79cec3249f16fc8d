import Foundation

/// The round trip without building the record's tree: `value` is encoded against the file's tree,
/// each value written is compared with the one the file holds at that place, and at the end every
/// member of every object and every element of every array must have been written, once. So it is
/// true exactly when the encoding is the file's tree (keys and strings byte for byte, arrays in
/// order, objects whatever their key order); anything unexpected (a value of a type left to
/// JSONEncoder, nil written, a value written twice or not at all) is false, and the caller takes
/// the reference way.
extension NodeCoding {
    static func encodes<T: Encodable>(_ value: T, as expected: JSONNode) -> Bool {
        let run = MatchRun()
        guard (try? run.match(value, expected)) != nil, run.ok else { return false }
        return run.visits.allSatisfy(\.complete)
    }

    /// One comparison: its verdict so far and every object and array met, to check they were all written.
    final class MatchRun {
        var ok = true
        var visits: [Visit] = []

        func fail() -> Unsupported {
            ok = false
            return Unsupported()
        }

        func match<T: Encodable>(_ value: T, _ expected: JSONNode) throws {
            if let text = value as? String {
                guard case .string(let file) = expected, JSONNode.sameBytes(text, file) else { throw fail() }
                return
            }
            if isSpecial(T.self) { throw fail() }
            let slot = Slot(expected: expected)
            try value.encode(to: MatchEncoder(run: self, slot: slot))
            // A value that wrote nothing at all is not what the file holds.
            guard slot.used else { throw fail() }
        }

        /// The members of an object (or elements of an array) met, to be written each once.
        func visit(_ count: Int) -> Visit {
            let visit = Visit(count: count)
            visits.append(visit)
            return visit
        }
    }

    final class Visit {
        var written: [Bool]
        var next = 0  // for arrays: the next element to write
        var writtenCount = 0

        init(count: Int) { written = Array(repeating: false, count: count) }

        var complete: Bool { writtenCount == written.count }

        /// Marks position `index` written; false when it was already.
        func write(_ index: Int) -> Bool {
            guard !written[index] else { return false }
            written[index] = true
            writtenCount += 1
            return true
        }
    }

    /// The place one value is written to: the file's value there, and how it was written.
    final class Slot {
        enum Use { case none, object(Visit), array(Visit), single }
        let expected: JSONNode
        var use = Use.none
        var used: Bool {
            if case .none = use { return false }
            return true
        }

        init(expected: JSONNode) { self.expected = expected }
    }

    struct MatchEncoder: Encoder {
        let run: MatchRun
        let slot: Slot
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(KeyedMatch<Key>(run: run, members: objectVisit(run: run, slot: slot)))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            UnkeyedMatch(run: run, elements: arrayVisit(run: run, slot: slot))
        }

        func singleValueContainer() -> SingleValueEncodingContainer { SingleMatch(run: run, slot: slot) }
    }

    /// The object's members and their visit, or nil (and the run failed) when the file holds no object there.
    static func objectVisit(run: MatchRun, slot: Slot) -> (members: [(key: String, value: JSONNode)], visit: Visit)? {
        guard case .object(let members) = slot.expected else { _ = run.fail(); return nil }
        switch slot.use {
        case .none:
            let visit = run.visit(members.count)
            slot.use = .object(visit)
            return (members, visit)
        case .object(let visit): return (members, visit)
        default: _ = run.fail(); return nil
        }
    }

    static func arrayVisit(run: MatchRun, slot: Slot) -> (elements: [JSONNode], visit: Visit)? {
        guard case .array(let elements) = slot.expected else { _ = run.fail(); return nil }
        switch slot.use {
        case .none:
            let visit = run.visit(elements.count)
            slot.use = .array(visit)
            return (elements, visit)
        case .array(let visit): return (elements, visit)
        default: _ = run.fail(); return nil
        }
    }

    struct KeyedMatch<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let run: MatchRun
        let members: (members: [(key: String, value: JSONNode)], visit: Visit)?
        var codingPath: [CodingKey] { [] }

        /// The file's value for `key`, marked written; throws when absent or already written.
        func take(_ key: Key) throws -> JSONNode {
            guard let members else { throw run.fail() }
            let name = key.stringValue
            guard let index = members.members.firstIndex(where: { JSONNode.sameBytes($0.key, name) }),
                  members.visit.write(index) else { throw run.fail() }
            return members.members[index].value
        }

        mutating func encodeNil(forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: Bool, forKey key: Key) throws {
            guard case .bool(let file) = try take(key), file == value else { throw run.fail() }
        }
        mutating func encode(_ value: String, forKey key: Key) throws {
            guard case .string(let file) = try take(key), JSONNode.sameBytes(file, value) else { throw run.fail() }
        }
        mutating func encode(_ value: Int, forKey key: Key) throws {
            guard case .integer(let file) = try take(key), file == value else { throw run.fail() }
        }
        mutating func encode(_ value: Double, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: Float, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: Int8, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: Int16, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: Int32, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: Int64, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: UInt, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { throw run.fail() }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { throw run.fail() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try run.match(value, take(key)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            guard let node = try? take(key) else { return KeyedEncodingContainer(KeyedMatch<NestedKey>(run: run, members: nil)) }
            return KeyedEncodingContainer(KeyedMatch<NestedKey>(run: run, members: objectVisit(run: run, slot: Slot(expected: node))))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            guard let node = try? take(key) else { return UnkeyedMatch(run: run, elements: nil) }
            return UnkeyedMatch(run: run, elements: arrayVisit(run: run, slot: Slot(expected: node)))
        }

        // Not used by synthesised conformances.
        mutating func superEncoder() -> Encoder { _ = run.fail(); return MatchEncoder(run: run, slot: Slot(expected: .array([]))) }
        mutating func superEncoder(forKey key: Key) -> Encoder { superEncoder() }
    }

    struct UnkeyedMatch: UnkeyedEncodingContainer, PrimitiveMatch {
        let run: MatchRun
        let elements: (elements: [JSONNode], visit: Visit)?
        var codingPath: [CodingKey] { [] }
        var count: Int { elements?.visit.next ?? 0 }

        /// The file's next element, marked written; throws past the end.
        func take() throws -> JSONNode {
            guard let elements, elements.visit.next < elements.elements.count else { throw run.fail() }
            let index = elements.visit.next
            elements.visit.next += 1
            guard elements.visit.write(index) else { throw run.fail() }
            return elements.elements[index]
        }

        mutating func encode<T: Encodable>(_ value: T) throws { try run.match(value, take()) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            guard let node = try? take() else { return KeyedEncodingContainer(KeyedMatch<NestedKey>(run: run, members: nil)) }
            return KeyedEncodingContainer(KeyedMatch<NestedKey>(run: run, members: objectVisit(run: run, slot: Slot(expected: node))))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            guard let node = try? take() else { return UnkeyedMatch(run: run, elements: nil) }
            return UnkeyedMatch(run: run, elements: arrayVisit(run: run, slot: Slot(expected: node)))
        }

        mutating func superEncoder() -> Encoder { _ = run.fail(); return MatchEncoder(run: run, slot: Slot(expected: .array([]))) }
    }

    struct SingleMatch: SingleValueEncodingContainer, PrimitiveMatch {
        let run: MatchRun
        let slot: Slot
        var codingPath: [CodingKey] { [] }

        /// The file's value here, once.
        func take() throws -> JSONNode {
            guard !slot.used else { throw run.fail() }
            slot.use = .single
            return slot.expected
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            // The value writes itself into this very place.
            let node = try take()
            slot.use = .none
            if let text = value as? String {
                guard case .string(let file) = node, JSONNode.sameBytes(file, text) else { throw run.fail() }
                slot.use = .single
                return
            }
            if isSpecial(T.self) { throw run.fail() }
            try value.encode(to: MatchEncoder(run: run, slot: slot))
            guard slot.used else { throw run.fail() }
        }
    }
}

/// The values of the unkeyed and the single-value container, which differ only in where they take the
/// file's value from: Bool, String and Int compare with it; nil and the number types a record never
/// holds fail the match.
protocol PrimitiveMatch {
    var run: NodeCoding.MatchRun { get }
    /// The file's value in the place written next (once).
    func take() throws -> JSONNode
}

extension PrimitiveMatch {
    mutating func encodeNil() throws { throw run.fail() }
    mutating func encode(_ value: Bool) throws {
        guard case .bool(let file) = try take(), file == value else { throw run.fail() }
    }
    mutating func encode(_ value: String) throws {
        guard case .string(let file) = try take(), JSONNode.sameBytes(file, value) else { throw run.fail() }
    }
    mutating func encode(_ value: Int) throws {
        guard case .integer(let file) = try take(), file == value else { throw run.fail() }
    }
    mutating func encode(_ value: Double) throws { throw run.fail() }
    mutating func encode(_ value: Float) throws { throw run.fail() }
    mutating func encode(_ value: Int8) throws { throw run.fail() }
    mutating func encode(_ value: Int16) throws { throw run.fail() }
    mutating func encode(_ value: Int32) throws { throw run.fail() }
    mutating func encode(_ value: Int64) throws { throw run.fail() }
    mutating func encode(_ value: UInt) throws { throw run.fail() }
    mutating func encode(_ value: UInt8) throws { throw run.fail() }
    mutating func encode(_ value: UInt16) throws { throw run.fail() }
    mutating func encode(_ value: UInt32) throws { throw run.fail() }
    mutating func encode(_ value: UInt64) throws { throw run.fail() }
}
