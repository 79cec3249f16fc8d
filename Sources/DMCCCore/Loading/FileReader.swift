import Yams

/// Reads one knowledge file's YAML tree into model values, collecting located problems.
struct FileReader {
    let file: String
    private(set) var problems: [Problem] = []
    /// Which YAML reader builds the tree; both give the same trees and the same problems.
    let yaml: KnowledgeLoader.YAMLReader

    init(file: String, yaml: KnowledgeLoader.YAMLReader = .fast) {
        self.file = file
        self.yaml = yaml
    }

    /// The keys of one YAML mapping, with the mapping's own location for "missing key" reports.
    struct Fields {
        /// A handful of pairs per mapping: a linear scan beats hashing here.
        var values: [(key: String, node: Node)]
        var location: SourceLocation
        subscript(key: String) -> Node? { values.first { $0.key == key }?.node }
        var isEmpty: Bool { values.isEmpty }
    }

    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: 0) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func report(_ kind: Problem.Kind, at location: SourceLocation, _ message: String) {
        problems.append(Problem(kind, at: location, message))
    }

    mutating func report(_ kind: Problem.Kind, at node: Node, _ message: String) {
        report(kind, at: location(node), message)
    }

    // MARK: - YAML syntax

    /// Parses a source, or reports why the shell could not read it.
    /// Said after a knowledge file's syntax error: the checks that need every file wait until then.
    static let whatWaitsForParsing = "; references, cycles, reachability and the facts questions ask are checked once every file parses"

    mutating func parse(_ source: KnowledgeSource) -> Node? {
        if let failure = source.failure {
            report(.unreadable, at: SourceLocation(file: file, line: 0), failure)
            return nil
        }
        return parse(source.bytes)
    }

    /// Parses the bytes as YAML, reporting bad UTF-8 and syntax errors with line and column.
    mutating func parse(_ bytes: [UInt8]) -> Node? {
        if bytes.count > KnowledgeSource.maximumSize {
            report(.tooLarge, at: SourceLocation(file: file, line: 0), KnowledgeSource.tooLarge(bytes.count))
            return nil
        }
        if let bad = UTF8Check.firstInvalidByte(in: bytes) {
            let hex = String(bad.byte, radix: 16, uppercase: true)
            report(.encoding, at: SourceLocation(file: file, line: bad.line, column: bad.column),
                   "byte 0x\(hex) is not valid UTF-8; save the file as UTF-8 (graph checks wait until every file reads)")
            return nil
        }
        if let alias = AliasExpansion.firstAliasBeyond(KnowledgeSource.maximumExpandedNodes, in: bytes) {
            report(.tooLarge, at: SourceLocation(file: file, line: alias.line, column: alias.column),
                   "with this alias the file expands to more than \(KnowledgeSource.maximumExpandedNodes) YAML nodes; write the values out or use fewer nested aliases")
            return nil
        }
        if yaml == .fast, case .node(let node) = FastYAML.compose(bytes) { return node }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            // The basic resolver keeps every scalar a string: no regular-expression tag guessing, and `no` stays "no".
            guard let node = try Yams.compose(yaml: text, .basic) else {
                report(.structure, at: SourceLocation(file: file, line: 1), "the file is empty")
                return nil
            }
            return Node(node)
        } catch let error as YamlError {
            report(.syntax, at: syntaxLocation(error, text: text),
                   syntaxMessage(error) + Self.whatWaitsForParsing)
            return nil
        } catch {
            report(.syntax, at: SourceLocation(file: file, line: 1), "\(error)")
            return nil
        }
    }

    private func syntaxLocation(_ error: YamlError, text: String) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(_, let context):
            return SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
        case .reader(_, let offset, _, _):
            guard let offset else { return SourceLocation(file: file, line: 1) }
            let prefix = text.utf8.prefix(max(0, offset))
            let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return SourceLocation(file: file, line: line)
        default:
            return SourceLocation(file: file, line: 1)
        }
    }

    private func syntaxMessage(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            if let context {
                return "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping"
        case .reader(let problem, _, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    // MARK: - Typed access

    /// Reads a mapping, reporting keys that are not allowed (usually typos) and required keys that are absent.
    mutating func fields(_ node: Node, _ what: @autoclosure () -> String, allowed: [String], required: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(.structure, at: node, "\(what()) must be a mapping of 'key: value' lines")
            return nil
        }
        var values: [(key: String, node: Node)] = []
        values.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(.structure, at: key, "a key in \(what()) must be plain text")
                continue
            }
            let name = scalar.string
            if !allowed.contains(name) {
                let expected = allowed.sorted().joined(separator: ", ")
                report(.unknownKey, at: key, "unknown key '\(name)' in \(what()); expected one of: \(expected)")
                continue
            }
            values.append((name, value))
        }
        let here = location(node)
        for key in required where !values.contains(where: { $0.key == key }) {
            report(.missingField, at: here, "\(what()) has no '\(key):'")
        }
        return Fields(values: values, location: here)
    }

    mutating func string(_ node: Node?, _ what: @autoclosure () -> String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            report(.structure, at: node, "\(what()) must be a single value")
            return nil
        }
        let text = scalar.string.trimmingWhitespace
        if text.isEmpty {
            report(.missingField, at: node, "\(what()) is empty")
            return nil
        }
        return text
    }

    mutating func sequence(_ node: Node?, _ what: @autoclosure () -> String) -> [Node] {
        guard let node else { return [] }
        switch node {
        case .sequence(let sequence): return sequence.items
        case .scalar(let scalar) where scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null":
            return []
        default:
            report(.structure, at: node, "\(what()) must be a list ('- ' items or [a, b])")
            return []
        }
    }

    /// A sequence of plain values, or one value standing alone.
    mutating func strings(_ node: Node?, _ what: @autoclosure () -> String) -> [String] {
        guard let node else { return [] }
        if case .scalar = node { return string(node, what()).map { [$0] } ?? [] }
        return sequence(node, what()).compactMap { string($0, "an item of \(what())") }
    }

    mutating func bool(_ node: Node?, _ what: @autoclosure () -> String) -> Bool? {
        guard let text = string(node, what()) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(.invalidValue, at: node!, "\(what()) must be true or false, not '\(text)'")
            return nil
        }
    }

    mutating func date(_ node: Node?, _ what: @autoclosure () -> String) -> CalendarDate? {
        guard let node, let text = string(node, what()) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            report(.invalidValue, at: node, "\(what()) must be a date written YYYY-MM-DD, not '\(text)'")
            return nil
        }
        return date
    }

    /// `{nl: ..., en: ...}`. Which languages must be present is checked by the linter against the metadata.
    mutating func localized(_ node: Node?, _ what: @autoclosure () -> String) -> LocalizedText? {
        guard let node else { return nil }
        let languages = Language.allCases.map(\.rawValue)
        guard let fields = fields(node, what(), allowed: languages, required: []) else { return nil }
        var texts: [String: String] = [:]
        for language in languages {
            if let value = fields[language], let text = string(value, "the '\(language)' text of \(what())") {
                texts[language] = text
            }
        }
        return LocalizedText(texts, location: fields.location)
    }

    mutating func localizedList(_ node: Node?, _ what: @autoclosure () -> String) -> [LocalizedText] {
        sequence(node, what()).compactMap { localized($0, "an item of \(what())") }
    }

    mutating func legalBasis(_ node: Node?, _ what: @autoclosure () -> String) -> [LegalReference] {
        sequence(node, what()).compactMap { item in
            guard let f = fields(item, "a reference in \(what())", allowed: ["ref", "grade"], required: ["ref", "grade"]),
                  let refNode = f["ref"], let gradeText = string(f["grade"], "'grade'") else { return nil }
            // A bare string (an article number) reads the same in every language; words need a translation.
            let ref: LocalizedText
            if refNode.scalar != nil {
                guard let text = string(refNode, "'ref'") else { return nil }
                ref = LocalizedText(Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0.rawValue, text) }),
                                    location: f.location)
            } else {
                guard let text = localized(refNode, "the 'ref' of a reference in \(what())") else { return nil }
                ref = text
            }
            guard let grade = Grade(rawValue: gradeText) else {
                let valid = Grade.allCases.map(\.rawValue).joined(separator: ", ")
                report(.invalidValue, at: f["grade"]!, "grade '\(gradeText)' is not one of: \(valid)")
                return nil
            }
            return LegalReference(ref: ref, grade: grade, location: f.location)
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        // Fast path for the usual case: ASCII, non-space characters at both ends.
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           !Self.asciiSpace(first), !Self.asciiSpace(last) { return self }
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    private static func asciiSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
