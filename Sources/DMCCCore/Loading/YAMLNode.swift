import CYaml
import Yams

/// The YAML tree the loader reads: scalars (always text: the loader decides what a value means),
/// mappings in written order and sequences, each with where it starts. Named `Node` inside
/// DMCCCore, where it stands in for `Yams.Node`: readers use the same `.scalar`, `.mapping`
/// and `.sequence` cases, but building it costs a fraction of Yams' tree (lint at 100,000 nodes).
typealias Node = YAMLNode

enum YAMLNode {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(List)

    struct Mark {
        /// Line and column, from 1.
        var line: Int
        var column: Int
    }

    struct Scalar {
        var string: String
        var mark: Mark
    }

    struct Mapping: RandomAccessCollection {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var mark: Mark
        var startIndex: Int { 0 }
        var endIndex: Int { pairs.count }
        subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
        var keys: [YAMLNode] { pairs.map(\.key) }
        /// The value of the first key written as `key`.
        subscript(key: String) -> YAMLNode? { pairs.first { $0.key.scalar?.string == key }?.value }
    }

    struct List: RandomAccessCollection {
        var items: [YAMLNode]
        var mark: Mark
        var startIndex: Int { 0 }
        var endIndex: Int { items.count }
        subscript(position: Int) -> YAMLNode { items[position] }
    }

    var scalar: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    var mark: Mark? {
        switch self {
        case .scalar(let s): s.mark
        case .mapping(let m): m.mark
        case .sequence(let l): l.mark
        }
    }

    /// The same tree from Yams (the slow path, for files the fast reader leaves to Yams).
    init(_ node: Yams.Node) {
        let mark = node.mark.map { Mark(line: $0.line, column: $0.column) } ?? Mark(line: 0, column: 0)
        switch node {
        case .scalar(let s):
            self = .scalar(Scalar(string: s.string, mark: mark))
        case .mapping(let m):
            self = .mapping(Mapping(pairs: m.map { (YAMLNode($0.key), YAMLNode($0.value)) }, mark: mark))
        case .sequence(let s):
            self = .sequence(List(items: s.map(YAMLNode.init), mark: mark))
        case .alias:
            self = .scalar(Scalar(string: "", mark: mark))
        }
    }
}

extension YAMLNode {
    var mapping: Mapping? {
        if case .mapping(let m) = self { return m }
        return nil
    }
}

/// Builds `YAMLNode` trees straight from libyaml's events. Anything unusual (a syntax error, an
/// explicit tag, a key that is not plain text or is written twice, an undefined alias, an empty
/// file or several documents) is left to Yams, so every problem is reported exactly as before.
enum FastYAML {
    enum Result {
        case node(YAMLNode)
        case leaveToYams
    }

    static func compose(_ bytes: [UInt8]) -> Result {
        bytes.withUnsafeBufferPointer { buffer in
            var composer = Composer()
            guard yaml_parser_initialize(&composer.parser) == 1 else { return .leaveToYams }
            defer { yaml_parser_delete(&composer.parser) }
            yaml_parser_set_input_string(&composer.parser, buffer.baseAddress, buffer.count)
            return composer.document().map(Result.node) ?? .leaveToYams
        }
    }

    private struct Composer {
        var parser = yaml_parser_t()
        var anchors: [String: YAMLNode] = [:]

        /// The next event, or nil on a syntax error; the caller deletes it.
        mutating func next() -> yaml_event_t? {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            return event
        }

        mutating func expect(_ type: yaml_event_type_t) -> Bool {
            guard var event = next() else { return false }
            defer { yaml_event_delete(&event) }
            return event.type == type
        }

        mutating func document() -> YAMLNode? {
            guard expect(YAML_STREAM_START_EVENT), expect(YAML_DOCUMENT_START_EVENT),
                  var first = next() else { return nil }
            let root = node(&first)
            guard let root, expect(YAML_DOCUMENT_END_EVENT), expect(YAML_STREAM_END_EVENT) else { return nil }
            return root
        }

        static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }

        /// The node that starts with `event` (deleted here), with all its children.
        mutating func node(_ event: inout yaml_event_t) -> YAMLNode? {
            defer { yaml_event_delete(&event) }
            let mark = YAMLNode.Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            let built: YAMLNode
            let anchor: String?
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                guard s.tag == nil else { return nil }
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                built = .scalar(YAMLNode.Scalar(string: value, mark: mark))
                anchor = Self.text(s.anchor)
            case YAML_ALIAS_EVENT:
                guard let name = Self.text(event.data.alias.anchor), let target = anchors[name] else { return nil }
                return target
            case YAML_SEQUENCE_START_EVENT:
                guard event.data.sequence_start.tag == nil else { return nil }
                anchor = Self.text(event.data.sequence_start.anchor)
                var items: [YAMLNode] = []
                while true {
                    guard var child = next() else { return nil }
                    if child.type == YAML_SEQUENCE_END_EVENT { yaml_event_delete(&child); break }
                    guard let item = node(&child) else { return nil }
                    items.append(item)
                }
                built = .sequence(YAMLNode.List(items: items, mark: mark))
            case YAML_MAPPING_START_EVENT:
                guard event.data.mapping_start.tag == nil else { return nil }
                anchor = Self.text(event.data.mapping_start.anchor)
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                var names: [String] = []
                // Mappings have a handful of keys: comparing them beats hashing them.
                var seen: Set<String>? = nil
                while true {
                    guard var keyEvent = next() else { return nil }
                    if keyEvent.type == YAML_MAPPING_END_EVENT { yaml_event_delete(&keyEvent); break }
                    guard let key = node(&keyEvent), let name = key.scalar?.string else { return nil }
                    if names.count >= 16 {
                        if seen == nil { seen = Set(names) }
                        guard seen!.insert(name).inserted else { return nil }
                    } else {
                        guard !names.contains(name) else { return nil }
                    }
                    names.append(name)
                    guard var valueEvent = next(), let value = node(&valueEvent) else { return nil }
                    pairs.append((key, value))
                }
                built = .mapping(YAMLNode.Mapping(pairs: pairs, mark: mark))
            default:
                return nil
            }
            if let anchor { anchors[anchor] = built }
            return built
        }
    }
}
