import Foundation

/// The decision graph for review: Mermaid or Graphviz for the picture, and a sign-off table
/// (every path: answers -> verdict) that a lawyer can read and tick off.
public enum GraphRenderer {
    public static func mermaid(_ kb: KnowledgeBase, language: Language) -> String {
        var out = ["flowchart TD"]
        for node in kb.nodes {
            let id = safeID(node.id)
            switch node {
            case .question(let q):
                out.append("    \(id){\"\(quote(q.text.text(language)))\"}")
                for o in q.options {
                    out.append("    \(id) -->|\"\(quote(kb.label(of: o.value, in: q).text(language)))\"| \(safeID(o.next))")
                }
            case .dateSwitch(let d):
                out.append("    \(id)[/\"\(d.changeDate)\"/]")
                out.append("    \(id) -->|\"< \(d.changeDate)\"| \(safeID(d.before))")
                out.append("    \(id) -->|\"≥ \(d.changeDate)\"| \(safeID(d.onOrAfter))")
            case .part(let p):
                out.append("    \(id)[[\"\(quote(p.label.text(language)))\"]]")
                out.append("    \(id) -->|part| \(safeID(p.start))")
                out.append("    \(id) -->|then| \(safeID(p.then))")
            case .outcome(let o):
                out.append("    \(id)([\"\(quote(Wording.verdict(o.verdict, language))): \(quote(o.title.text(language)))\"])")
                out.append("    class \(id) \(o.verdict.rawValue)")
            }
        }
        out.append("    classDef allowed fill:#d4edda,stroke:#155724")
        out.append("    classDef allowed-if fill:#fff3cd,stroke:#856404")
        out.append("    classDef not-allowed fill:#f8d7da,stroke:#721c24")
        return out.joined(separator: "\n") + "\n"
    }

    public static func dot(_ kb: KnowledgeBase, language: Language) -> String {
        var out = ["digraph knowledge {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];"]
        let colours: [Verdict: String] = [.allowed: "#d4edda", .allowedIf: "#fff3cd", .notAllowed: "#f8d7da"]
        for node in kb.nodes {
            switch node {
            case .question(let q):
                out.append("  \"\(q.id)\" [shape=diamond, label=\"\(quote(q.text.text(language)))\"];")
                for o in q.options {
                    out.append("  \"\(q.id)\" -> \"\(o.next)\" [label=\"\(quote(kb.label(of: o.value, in: q).text(language)))\"];")
                }
            case .dateSwitch(let d):
                out.append("  \"\(d.id)\" [shape=parallelogram, label=\"\(d.changeDate)\"];")
                out.append("  \"\(d.id)\" -> \"\(d.before)\" [label=\"< \(d.changeDate)\"];")
                out.append("  \"\(d.id)\" -> \"\(d.onOrAfter)\" [label=\">= \(d.changeDate)\"];")
            case .part(let p):
                out.append("  \"\(p.id)\" [shape=component, label=\"\(quote(p.label.text(language)))\"];")
                out.append("  \"\(p.id)\" -> \"\(p.start)\" [label=\"part\", style=dashed];")
                out.append("  \"\(p.id)\" -> \"\(p.then)\" [label=\"then\"];")
            case .outcome(let o):
                out.append("  \"\(o.id)\" [shape=box, style=filled, fillcolor=\"\(colours[o.verdict]!)\", label=\"\(quote(Wording.verdict(o.verdict, language))): \(quote(o.title.text(language)))\"];")
            }
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    public static func table(_ kb: KnowledgeBase, language: Language) -> String {
        var out = ""
        table(kb, language: language) { out += $0 + "\n" }
        return out
    }

    /// The sign-off table one line at a time, as the paths are found: a deep chain's table is far
    /// larger than memory should hold at once.
    public static func table(_ kb: KnowledgeBase, language: Language, line: (String) -> Void) {
        line(language == .nl
            ? "| # | Antwoorden | Oordeel | Uitkomst | Juridische basis |"
            : "| # | Answers | Verdict | Outcome | Legal basis |")
        line("|---|---|---|---|---|")
        var i = 0
        PathEnumerator.forEachPath(in: kb) { path in
            i += 1
            let answers = path.steps.map { step -> String in
                switch step {
                case .answer(_, let fact, let value): "\(fact)=\(value)"
                case .date(_, .before, let date): "date<\(date)"
                case .date(_, .onOrAfter, let date): "date≥\(date)"
                case .part(let id, let outcome): "\(id): \(Wording.verdict(outcome.verdict, language)) (\(outcome.id))"
                }
            }.joined(separator: ", ")
            let basis = path.outcome.legalBasis.map { "\($0.ref.text(language)) (\(Wording.grade($0.grade, language)))" }.joined(separator: "; ")
            line("| \(i) | \(cell(answers)) | \(Wording.verdict(path.verdict, language)) | \(cell(path.outcome.id)): \(cell(path.outcome.title.text(language))) | \(cell(basis)) |")
        }
    }

    private static func safeID(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    private static func quote(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "'")
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
