/// What `transcripts list` shows of one record. Read once from the record file and kept in the
/// folder's index, so a listing of thousands of records does not parse thousands of files.
public struct RecordSummary: Sendable, Equatable {
    public var id: String
    public var created: String
    /// The advice's action date (YYYY-MM-DD).
    public var actionDate: String
    public var client: String?
    public var consultant: String?
    public var subject: String?
    public var purpose: String?
    /// The verdict id (`allowed`, `allowed-if`, `not-allowed`); nil for incomplete advice.
    public var verdict: String?
    /// How many questions were answered "don't know" (`AdviceRecord.openPoints`).
    public var openPoints: Int
    /// The verdict depends on the open points (`AdviceRecord.isConditional`); false when they did not
    /// change it, and without open points.
    public var conditional: Bool
    public var supersedes: String?
    /// The file's content does not match its SHA-256 seal: it was changed after it was saved. `list`
    /// checks the seal of every file it reads (the index keeps the finding while the file is unchanged);
    /// `transcripts verify` does the full check, signature and Markdown copy included.
    public var sealBroken = false

    /// - Parameter conditional: by default, any open point is taken to matter (the safe reading).
    public init(id: String, created: String, actionDate: String, client: String? = nil, consultant: String? = nil,
                subject: String? = nil, purpose: String? = nil, verdict: String? = nil, openPoints: Int = 0,
                conditional: Bool? = nil, supersedes: String? = nil) {
        self.id = id
        self.created = created
        self.actionDate = actionDate
        self.client = client
        self.consultant = consultant
        self.subject = subject
        self.purpose = purpose
        self.verdict = verdict
        self.openPoints = openPoints
        self.conditional = conditional ?? (openPoints > 0)
        self.supersedes = supersedes
    }

    public init(_ record: AdviceRecord) {
        self.init(id: record.id, created: record.created, actionDate: record.advice.date, client: record.client,
                  consultant: record.consultant, subject: record.subject, purpose: record.purpose,
                  verdict: record.advice.verdict, openPoints: record.openPoints.count, conditional: record.isConditional,
                  supersedes: record.supersedes)
    }

    /// The day the record was made, as written in the record (its local date).
    public var createdDate: String { String(created.prefix(10)) }
}

extension AdviceRecord {
    /// The verdict depends on an open point: the advice is conditional until it is confirmed. False for
    /// a record whose "don't know" answers did not change the verdict (every branch ended alike).
    public var isConditional: Bool { !openPoints.isEmpty && conditional?.status != "complete" }
}

/// Where a record stands in its chain of `supersedes` links.
public struct ChainPosition: Sendable, Equatable {
    /// The records in the folder that name this one as the record they supersede.
    public var supersededBy: [String] = []
    /// How many earlier versions lie below this record in its chain (records it supersedes, directly or not).
    public var earlierVersions: Int = 0
    /// Shown by default: no record supersedes it, or its chain loops so that no record is the latest.
    public var isLatest: Bool = true
    /// The chain above this record loops (A supersedes B supersedes A): no record in it is the latest,
    /// so each is shown rather than all hidden.
    public var inLoop: Bool = false
    /// The id this record supersedes when no readable record has it.
    public var supersedesMissing: String?
}

/// Resolves the `supersedes` links of a folder of records. Every record is either the latest of its
/// chain, or reachable from a latest record (then hidden by default and counted as an earlier
/// version), or in a loop (then shown): a loop or a link to a missing record never hides a record
/// and never makes the walk endless.
public enum RecordChains {
    public static func positions(_ records: [RecordSummary]) -> [String: ChainPosition] {
        var byID: [String: RecordSummary] = [:]
        for record in records where byID[record.id] == nil { byID[record.id] = record }
        /// The record a record supersedes, when it is in the folder.
        func predecessor(_ id: String) -> String? {
            guard let earlier = byID[id]?.supersedes, byID[earlier] != nil else { return nil }
            return earlier
        }
        var positions: [String: ChainPosition] = [:]
        for id in byID.keys { positions[id] = ChainPosition() }
        for (id, record) in byID {
            guard let earlier = record.supersedes else { continue }
            if byID[earlier] != nil {
                positions[earlier]!.supersededBy.append(id)
            } else {
                positions[id]!.supersedesMissing = earlier
            }
        }
        for id in positions.keys { positions[id]!.supersededBy.sort() }

        // Depth: the number of distinct records below each record. With one predecessor per record a
        // chain is a path that may end in a cycle; each record is walked once.
        var depth: [String: Int] = [:]
        for start in byID.keys where depth[start] == nil {
            var path: [String] = [], onPath: [String: Int] = [:]
            var current = start
            var below: Int  // depth of the record after the last one on `path`
            while true {
                if let known = depth[current] { below = known; break }
                if let at = onPath[current] {
                    let cycle = path[at...]
                    for member in cycle { depth[member] = cycle.count - 1 }
                    below = cycle.count - 1
                    path.removeSubrange(at...)
                    break
                }
                onPath[current] = path.count
                path.append(current)
                guard let earlier = predecessor(current) else {
                    depth[current] = 0
                    path.removeLast()
                    below = 0
                    break
                }
                current = earlier
            }
            for id in path.reversed() {
                below += 1
                depth[id] = below
            }
        }

        // Latest records (superseded by none) and everything reachable below them.
        var reached = Set<String>()
        for (id, position) in positions where position.supersededBy.isEmpty {
            var current = id
            while let earlier = predecessor(current), reached.insert(earlier).inserted { current = earlier }
        }
        for id in byID.keys {
            let inLoop = !positions[id]!.supersededBy.isEmpty && !reached.contains(id)
            positions[id]!.inLoop = inLoop
            positions[id]!.isLatest = positions[id]!.supersededBy.isEmpty || inLoop
            positions[id]!.earlierVersions = inLoop ? 0 : depth[id] ?? 0
        }
        return positions
    }
}

/// `transcripts list`: which records to show, in which order, and how (a table, JSON or CSV).
/// Plain values in, text out: the command only reads the folder and prints.
public enum RecordListing {
    public struct Row: Sendable, Equatable {
        public var summary: RecordSummary
        public var position: ChainPosition
    }

    public struct Filter: Sendable {
        /// Only records whose client contains this text (case-insensitive).
        public var client: String?
        /// Only records created on or after this date (YYYY-MM-DD).
        public var since: String?
        /// Only records with this verdict id.
        public var verdict: String?
        /// Every record, not only the latest of each chain.
        public var all: Bool

        public init(client: String? = nil, since: String? = nil, verdict: String? = nil, all: Bool = false) {
            self.client = client
            self.since = since
            self.verdict = verdict
            self.all = all
        }
    }

    /// The rows to show, oldest first. Chains are resolved over every record before filtering, so a
    /// filter never turns an earlier version into "the latest".
    public static func rows(_ records: [RecordSummary], _ filter: Filter) -> (rows: [Row], hiddenEarlier: Int) {
        let positions = RecordChains.positions(records)
        let needle = filter.client?.lowercased()
        var rows: [Row] = [], hidden = 0
        for record in records {
            let position = positions[record.id] ?? ChainPosition()
            if let needle, !(record.client?.lowercased().contains(needle) ?? false) { continue }
            if let since = filter.since, record.createdDate < since { continue }
            if let verdict = filter.verdict, record.verdict != verdict { continue }
            if !position.isLatest && !filter.all {
                hidden += 1
                continue
            }
            rows.append(Row(summary: record, position: position))
        }
        rows.sort { ($0.summary.created, $0.summary.id) < ($1.summary.created, $1.summary.id) }
        return (rows, hidden)
    }

    // MARK: - Verdicts

    /// The verdict id that `text` names: an id (`not-allowed`) or its words in either language
    /// ("Niet toegestaan", "not allowed"), ignoring case. Nil when it names none.
    public static func verdict(named text: String) -> String? {
        let wanted = text.trimmingWhitespace.lowercased()
        for verdict in Verdict.allCases {
            if verdict.rawValue == wanted { return verdict.rawValue }
            if Language.allCases.contains(where: { Wording.verdict(verdict, $0).lowercased() == wanted }) { return verdict.rawValue }
        }
        return nil
    }

    /// What `--verdict` accepts, for the message after a wrong one.
    public static var verdictChoices: String {
        Verdict.allCases.map { v in "\(v.rawValue) (\(Language.allCases.map { Wording.verdict(v, $0) }.joined(separator: " / ")))" }
            .joined(separator: ", ")
    }

    static func verdictWords(_ id: String?, _ language: Language) -> String {
        guard let id else { return language == .nl ? "onvolledig" : "incomplete" }
        return Verdict(rawValue: id).map { Wording.verdict($0, language) } ?? id
    }

    // MARK: - Text

    /// The table, its legend (only for marks that occur) and a count, in one language.
    public static func text(_ rows: [Row], hiddenEarlier: Int, all: Bool, folder: String, language L: Language) -> String {
        let nl = L == .nl
        let header = nl ? ["ID", "GEMAAKT", "ACTIEDATUM", "KLANT", "CONSULTANT", "DOEL", "OORDEEL", "KENMERK"]
                        : ["ID", "CREATED", "ACTION DATE", "CLIENT", "CONSULTANT", "PURPOSE", "VERDICT", "MARKS"]
        var table = [header]
        var used = (conditional: false, settled: false, earlier: false, loop: false, sealBroken: false)
        table.reserveCapacity(rows.count + 1)
        for row in rows {
            let s = row.summary, p = row.position
            var marks: [String] = []
            if s.sealBroken { marks.append("!"); used.sealBroken = true }
            // Open points that decide the verdict and open points that did not are told apart: only the
            // first make the advice conditional.
            if s.openPoints > 0 && s.conditional { marks.append("?"); used.conditional = true }
            if s.openPoints > 0 && !s.conditional { marks.append("(?)"); used.settled = true }
            if p.earlierVersions > 0 { marks.append("+\(p.earlierVersions)"); used.earlier = true }
            if p.inLoop { marks.append(nl ? "lus" : "loop"); used.loop = true }
            if !p.isLatest { marks.append((nl ? "vervangen door " : "superseded by ") + p.supersededBy.joined(separator: ", ")) }
            if let missing = p.supersedesMissing { marks.append((nl ? "vervangt ontbrekend " : "supersedes missing ") + missing) }
            table.append([s.id, s.createdDate, s.actionDate, s.client ?? "-", s.consultant ?? "-", s.purpose ?? "-",
                          verdictWords(s.verdict, L), marks.joined(separator: " ")]
                .map { ControlCharacters.escaped($0, keepingNewlines: false) })
        }
        if table.dropFirst().allSatisfy({ $0.last!.isEmpty }) {
            for i in table.indices { table[i].removeLast() }  // no marks: no column for them
        }
        let widths = (0..<table[0].count).map { column in table.map { cellWidth($0[column]) }.max() ?? 0 }
        var out = ""
        for row in table {
            var line = ""
            for (i, cell) in row.enumerated() {
                if i > 0 { line += "  " }
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - cellWidth(cell)) }
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        if used.sealBroken {
            out += nl ? "!  het zegel klopt niet: het bestand is na het opslaan gewijzigd; niet gebruiken (zie transcripts verify)\n"
                      : "!  the seal does not match: the file was changed after it was saved; do not rely on it (see transcripts verify)\n"
        }
        if used.conditional {
            out += nl ? "?  open punten die het oordeel bepalen: het advies is voorwaardelijk tot ze bevestigd zijn\n"
                      : "?  open points that decide the verdict: the advice is conditional until they are confirmed\n"
        }
        if used.settled {
            out += nl ? "(?) open punten die het oordeel niet veranderen: het oordeel geldt wat het antwoord ook is\n"
                      : "(?) open points that do not change the verdict: it holds whatever the answer\n"
        }
        if used.earlier {
            out += nl ? "+N het aantal eerdere versies die dit verslag vervangt" + (all ? "" : " (--all toont ze)") + "\n"
                      : "+N the number of earlier versions this record supersedes" + (all ? "" : " (--all shows them)") + "\n"
        }
        if used.loop {
            out += nl ? "lus  de keten van vervangen verslagen loopt rond, dus elk verslag erin wordt getoond\n"
                      : "loop the chain of superseded records loops, so each record in it is shown\n"
        }
        out += nl ? "\(rows.count) verslag(en) in \(folder)" : "\(rows.count) record(s) in \(folder)"
        if hiddenEarlier > 0 {
            out += nl ? "; \(hiddenEarlier) eerdere versie(s) niet getoond (--all)" : "; \(hiddenEarlier) earlier version(s) not shown (--all)"
        }
        return out + "\n"
    }

    /// Terminal cells of a table cell; plain ASCII (most cells) is counted without grapheme breaking.
    private static func cellWidth(_ cell: String) -> Int {
        cell.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? cell.utf8.count : TextLayout.width(cell)
    }

    // MARK: - JSON and CSV

    /// The columns of the JSON and CSV forms, in order. Every key is present in every object.
    public static let fields = ["id", "created", "action-date", "client", "consultant", "subject", "purpose", "verdict",
                                "verdict-label", "open-points", "supersedes", "supersedes-missing", "superseded-by",
                                "earlier-versions", "latest", "loop", "conditional", "seal-broken"]

    enum Value {
        case string(String?), number(Int), bool(Bool), list([String])
    }

    static func values(_ row: Row, _ L: Language) -> [Value] {
        let s = row.summary, p = row.position
        return [.string(s.id), .string(s.created), .string(s.actionDate), .string(s.client), .string(s.consultant),
                .string(s.subject), .string(s.purpose), .string(s.verdict), .string(verdictWords(s.verdict, L)),
                .number(s.openPoints), .string(s.supersedes), .bool(p.supersedesMissing != nil), .list(p.supersededBy),
                .number(p.earlierVersions), .bool(p.isLatest), .bool(p.inLoop), .bool(s.openPoints > 0 && s.conditional),
                .bool(s.sealBroken)]
    }

    /// An array of objects with the keys of `fields`, one object per line.
    public static func json(_ rows: [Row], language L: Language) -> String {
        guard !rows.isEmpty else { return "[]\n" }
        var out = "[\n"
        for (n, row) in rows.enumerated() {
            out += "  {"
            for (i, (key, value)) in zip(fields, values(row, L)).enumerated() {
                if i > 0 { out += ", " }
                out += jsonString(key) + ": "
                switch value {
                case .string(let text?): out += jsonString(text)
                case .string(nil): out += "null"
                case .number(let number): out += String(number)
                case .bool(let flag): out += flag ? "true" : "false"
                case .list(let items): out += "[" + items.map(jsonString).joined(separator: ", ") + "]"
                }
            }
            out += n == rows.count - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// CSV per RFC 4180: a header row of `fields`, CRLF line ends, a field quoted when it holds a comma,
    /// a quote or a line break. Control characters are shown as `\u001b`, never written raw. A text
    /// cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return) gets a single quote in front, as OWASP advises against CSV injection: a client
    /// named `=HYPERLINK(...)` is shown as text, never evaluated.
    public static func csv(_ rows: [Row], language L: Language) -> String {
        var out = fields.joined(separator: ",") + "\r\n"
        for row in rows {
            out += values(row, L).map { value -> String in
                switch value {
                case .string(let text): csvField(defused(ControlCharacters.escaped(text ?? "", keepingNewlines: true)))
                case .number(let number): String(number)
                case .bool(let flag): flag ? "true" : "false"
                case .list(let items): csvField(defused(items.joined(separator: " ")))
                }
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` with a leading single quote when a spreadsheet would take it for a formula.
    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
