/// The identity of a file's current content as `stat` gives it. Any write changes the ctime (which
/// no program can set back), a rename of another file into place changes the inode.
public struct FileStamp: Sendable, Equatable {
    public var size: Int64
    public var mtime: Int64  // nanoseconds since the epoch
    public var ctime: Int64  // nanoseconds since the epoch
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int64, mtime: Int64, ctime: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.mtime = mtime
        self.ctime = ctime
        self.inode = inode
        self.device = device
    }
}

/// A cache of what `list` shows of each record file (`.index` in the records folder), so a listing
/// need not parse every file. Never trusted blindly: an entry is used only for a file that is in
/// the folder now with exactly the stamp it had when it was read, and only if that stamp is older
/// than the moment the index was built (a file written again within the same clock tick as its
/// reading keeps its stamp; such entries are read again next time). A corrupt or foreign index
/// decodes to nil and is rebuilt.
public struct RecordIndex: Sendable, Equatable {
    public static let header = "dmcc-record-index/4"

    public enum Content: Sendable, Equatable {
        case record(RecordSummary)
        /// A file that is not a record that can be shown, and why (`RecordFile.read`'s failure, said in
        /// the session's language when listed).
        case unreadable(RecordFile.Failure)
    }

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var stamp: FileStamp
        public var content: Content

        public init(name: String, stamp: FileStamp, content: Content) {
            self.name = name
            self.stamp = stamp
            self.content = content
        }
    }

    /// The file system's time when the files were stamped: an entry whose ctime or mtime is not
    /// older is not reused.
    public var settledBefore: Int64
    public var entries: [String: Entry]

    public init(settledBefore: Int64, entries: [Entry]) {
        self.settledBefore = settledBefore
        self.entries = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Splits the files in the folder now into the entries that can be used as they are and the
    /// names that must be read. Entries for files that are gone are left out.
    public func reconcile(_ files: [(name: String, stamp: FileStamp)]) -> (reused: [Entry], toRead: [String]) {
        var reused: [Entry] = [], toRead: [String] = []
        for file in files {
            if let entry = entries[file.name], entry.stamp == file.stamp,
               file.stamp.ctime < settledBefore, file.stamp.mtime < settledBefore {
                reused.append(entry)
            } else {
                toRead.append(file.name)
            }
        }
        return (reused, toRead)
    }

    // MARK: - The file

    /// One line per file, tab-separated, after a header line; an end line with the count guards
    /// against a truncated file. Text is escaped (`\\`, `\t`, `\n`, `\r`) and `\N` is an absent value.
    public func encoded() -> String {
        var out = "\(Self.header)\t\(settledBefore)\n"
        for entry in entries.values.sorted(by: { $0.name < $1.name }) {
            let s = entry.stamp
            let stamp = [String(s.size), String(s.mtime), String(s.ctime), String(s.inode), String(s.device)]
            let fields: [String]
            switch entry.content {
            case .record(let r):
                fields = ["r", Self.escape(entry.name)] + stamp
                    + [Self.escape(r.id), Self.escape(r.created), Self.escape(r.actionDate), Self.escape(r.client),
                       Self.escape(r.consultant), Self.escape(r.subject), Self.escape(r.purpose), Self.escape(r.verdict),
                       String(r.openPoints), r.conditional ? "c" : "-", Self.escape(r.supersedes), r.sealBroken ? "b" : "-"]
            case .unreadable(let failure):
                let (kind, detail): (String, String?) = switch failure {
                case .notAnAdviceRecord(let detail): ("n", detail)
                case .duplicateKey(let key): ("d", key)
                case .notCanonical: ("c", nil)
                }
                fields = ["u", Self.escape(entry.name)] + stamp + [kind, Self.escape(detail)]
            }
            out += fields.joined(separator: "\t") + "\n"
        }
        return out + "end\t\(entries.count)\n"
    }

    /// The index in `text`, or nil when it is not one this program wrote in full.
    public static func decode(_ text: String) -> RecordIndex? {
        // Split on bytes: a tab or a line break is never part of a multi-byte character.
        func fields(_ line: Substring.UTF8View) -> [Substring] {
            line.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
        }
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.last?.isEmpty == true else { return nil }  // every line ends in a line break
        lines.removeLast()
        guard lines.count >= 2 else { return nil }
        let head = fields(lines[0])
        guard head.count == 2, head[0] == header, let settled = Int64(head[1]) else { return nil }
        let tail = fields(lines[lines.count - 1])
        guard tail.count == 2, tail[0] == "end", let count = Int(tail[1]), count == lines.count - 2 else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for line in lines[1..<lines.count - 1] {
            let f = fields(line)
            guard f.count >= 8, let name = unescape(f[1]), let size = Int64(f[2]), let mtime = Int64(f[3]),
                  let ctime = Int64(f[4]), let inode = UInt64(f[5]), let device = UInt64(f[6]) else { return nil }
            let stamp = FileStamp(size: size, mtime: mtime, ctime: ctime, inode: inode, device: device)
            switch f[0] {
            case "r":
                guard f.count == 19, f[18] == "b" || f[18] == "-", let id = unescape(f[7]), let created = unescape(f[8]), let date = unescape(f[9]),
                      let client = optional(f[10]), let consultant = optional(f[11]), let subject = optional(f[12]),
                      let purpose = optional(f[13]), let verdict = optional(f[14]), let open = Int(f[15]),
                      f[16] == "c" || f[16] == "-", let supersedes = optional(f[17]) else { return nil }
                var summary = RecordSummary(
                    id: id, created: created, actionDate: date, client: client, consultant: consultant, subject: subject,
                    purpose: purpose, verdict: verdict, openPoints: open, conditional: f[16] == "c", supersedes: supersedes)
                summary.sealBroken = f[18] == "b"
                entries.append(Entry(name: name, stamp: stamp, content: .record(summary)))
            case "u":
                guard f.count == 9, let detail = optional(f[8]) else { return nil }
                let failure: RecordFile.Failure
                switch (f[7], detail) {
                case ("n", let detail): failure = .notAnAdviceRecord(detail)
                case ("d", let key?): failure = .duplicateKey(key)
                case ("c", nil): failure = .notCanonical
                default: return nil
                }
                entries.append(Entry(name: name, stamp: stamp, content: .unreadable(failure)))
            default:
                return nil
            }
        }
        return RecordIndex(settledBefore: settled, entries: entries)
    }

    static func escape(_ text: String?) -> String {
        guard let text else { return "\\N" }
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// An escaped text; nil for `\N` or a broken escape.
    static func unescape(_ field: Substring) -> String? {
        guard field.utf8.contains(0x5C) else { return String(field) }
        var out = String.UnicodeScalarView()
        var escaping = false
        for scalar in field.unicodeScalars {
            if escaping {
                switch scalar {
                case "\\": out.append("\\")
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: return nil
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.append(scalar)
            }
        }
        return escaping ? nil : String(out)
    }

    /// An optional text: `.some(nil)` for `\N`, nil for a broken field.
    static func optional(_ field: Substring) -> String?? {
        if field == "\\N" { return .some(nil) }
        guard let text = unescape(field) else { return nil }
        return .some(text)
    }
}
