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

    public static func load(_ sources: [KnowledgeSource]) -> Report {
        var problems: [Problem] = []
        var metadata: KnowledgeMetadata?
        var facts: [Fact] = []
        var nodes: [KnowledgeNode] = []
        var allParsed = true
        let ordered = sources.sorted { $0.path < $1.path }

        for source in ordered {
            var file = FileReader(file: source.path)
            guard let root = file.parse(source.bytes) else {
                allParsed = false
                problems += file.problems
                continue
            }
            let sections = file.fields(root, "a knowledge file", allowed: ["knowledge", "facts", "nodes"], required: [])
            if let meta = sections?["knowledge"] {
                if let earlier = metadata {
                    file.report(.duplicateID, at: meta, "a second 'knowledge:' block; the first is at \(earlier.location)")
                } else {
                    metadata = file.metadata(meta)
                }
            }
            if let list = sections?["facts"] { facts += file.facts(list) }
            if let list = sections?["nodes"] { nodes += file.nodes(list) }
            if let sections, sections.isEmpty {
                file.report(.structure, at: sections.location, "the file has none of 'knowledge:', 'facts:' or 'nodes:'")
            }
            problems += file.problems
        }

        if metadata == nil {
            let where_ = SourceLocation(file: ordered.first?.path ?? "Knowledge", line: 1)
            problems.append(Problem(.missingField, at: where_,
                                    "no 'knowledge:' block with version, languages and root was found in any file"))
        }
        let meta = metadata ?? KnowledgeMetadata(version: "?", reviewed: nil, jurisdiction: "NL", languages: ["nl", "en"],
                                                 root: "start", coversFrom: nil, scenarios: [],
                                                 location: SourceLocation(file: ordered.first?.path ?? "Knowledge", line: 1))
        let knowledge = KnowledgeBase(metadata: meta, facts: facts, nodes: nodes, sha256: KnowledgeDigest.sha256(of: ordered))
        return Report(knowledge: knowledge, problems: problems, allFilesParsed: allParsed)
    }

}
