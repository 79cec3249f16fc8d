import Dispatch
import Yams

/// Turns knowledge files into a `KnowledgeBase`, reporting every problem it meets with its
/// `file:line` instead of stopping at the first. Pure: bytes in, values out.
public enum KnowledgeLoader {
    public struct Report: Sendable {
        public var knowledge: KnowledgeBase
        public var problems: [Problem]
        /// False when a file could not be read as YAML at all, so graph checks would be guesses.
        public var allFilesParsed: Bool
    }

    /// What one file contributes; files are read independently, so they can be read in parallel.
    struct FileContent {
        var problems: [Problem] = []
        var metadata: KnowledgeMetadata?
        var facts: [Fact] = []
        var nodes: [KnowledgeNode] = []
        var parsed = true
    }

    /// How the YAML of a file becomes a tree: `fast` builds it from libyaml's events and leaves
    /// anything unusual to Yams; `yams` always uses Yams (kept to check that both agree).
    public enum YAMLReader: Sendable {
        case fast
        case yams
    }

    public static func load(_ sources: [KnowledgeSource], yaml: YAMLReader = .fast) -> Report {
        let ordered = sources.sorted { $0.path < $1.path }
        let contents = readInParallel(ordered, yaml)

        var problems: [Problem] = []
        var metadata: KnowledgeMetadata?
        var facts: [Fact] = []
        var nodes: [KnowledgeNode] = []
        for content in contents {
            problems += content.problems
            if let meta = content.metadata {
                if let first = metadata {
                    problems.append(Problem(.duplicateID, at: meta.location,
                                            "a second 'knowledge:' block; the first is at \(first.location)"))
                } else {
                    metadata = meta
                }
            }
            facts += content.facts
            nodes += content.nodes
        }
        let firstFile = SourceLocation(file: ordered.first?.path ?? "Knowledge", line: 1)
        if metadata == nil && contents.allSatisfy(\.parsed) {
            problems.append(Problem(.missingField, at: firstFile,
                                    "no 'knowledge:' block with version, languages and root was found in any file"))
        }
        let meta = metadata ?? KnowledgeMetadata(version: "?", reviewed: nil, jurisdiction: "NL", languages: ["nl", "en"],
                                                 root: "start", coversFrom: nil, scenarios: [], location: firstFile)
        let knowledge = KnowledgeBase(metadata: meta, facts: facts, nodes: nodes, sha256: KnowledgeDigest.sha256(of: ordered))
        return Report(knowledge: knowledge, problems: problems, allFilesParsed: contents.allSatisfy(\.parsed))
    }

    private static func readInParallel(_ sources: [KnowledgeSource], _ yaml: YAMLReader) -> [FileContent] {
        let results = UnsafeMutableBufferPointer<FileContent>.allocate(capacity: sources.count)
        results.initialize(repeating: FileContent())
        defer { results.deallocate() }
        // Each index is written by exactly one iteration, so the writes never overlap.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: sources.count) { i in
            slots[i] = read(sources[i], yaml)
        }
        return Array(results)
    }

    static func read(_ source: KnowledgeSource, _ yaml: YAMLReader = .fast) -> FileContent {
        var file = FileReader(file: source.path, yaml: yaml)
        var content = FileContent()
        guard let root = file.parse(source) else {
            content.parsed = false
            content.problems = file.problems
            return content
        }
        if let sections = file.fields(root, "a knowledge file", allowed: ["knowledge", "facts", "nodes"], required: []) {
            if let meta = sections["knowledge"] { content.metadata = file.metadata(meta) }
            if let list = sections["facts"] { content.facts = file.facts(list) }
            if let list = sections["nodes"] { content.nodes = file.nodes(list) }
            if sections.isEmpty {
                file.report(.structure, at: sections.location, "the file has none of 'knowledge:', 'facts:' or 'nodes:'")
            }
        }
        content.problems = file.problems
        return content
    }
}
