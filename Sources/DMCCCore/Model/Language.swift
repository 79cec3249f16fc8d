/// A language the advice is given in. Dutch is the primary language; English is the translation.
public enum Language: String, CaseIterable, Sendable, Codable {
    case nl
    case en
}

/// A piece of user-facing text with one entry per language, as written in the knowledge files.
///
/// Dutch and English are kept in their own fields and only other language keys in a dictionary:
/// reading the compiled knowledge makes about two thousand of these at every start, and a
/// dictionary per text (an allocation and two hashed inserts) was most of that read's cost.
/// Callers see one `byLanguage` dictionary as before; equality and hashing are over the same
/// entries, because a given dictionary always splits into the fields the same way.
public struct LocalizedText: Sendable, Equatable, Hashable {
    private var nl: String?
    private var en: String?
    /// Entries for language keys other than `nl` and `en` (the linter reports those; they stay kept).
    private var others: [String: String]
    /// Where the text was written, so a missing translation can be reported at its line.
    public var location: SourceLocation

    public init(_ byLanguage: [String: String], location: SourceLocation = .unknown) {
        var others = byLanguage
        nl = others.removeValue(forKey: Language.nl.rawValue)
        en = others.removeValue(forKey: Language.en.rawValue)
        self.others = others
        self.location = location
    }

    /// The same value as `init(["nl": nl, "en": en], location:)` with the nil entries left out,
    /// without building a dictionary.
    public init(nl: String?, en: String?, location: SourceLocation = .unknown) {
        self.nl = nl
        self.en = en
        others = [:]
        self.location = location
    }

    /// Every entry, keyed by language code.
    public var byLanguage: [String: String] {
        get {
            var all = others
            if let nl { all[Language.nl.rawValue] = nl }
            if let en { all[Language.en.rawValue] = en }
            return all
        }
        set { self = LocalizedText(newValue, location: location) }
    }

    /// The text in `language`, falling back to Dutch and then any text, so a display never shows nothing.
    public func text(_ language: Language) -> String {
        switch language {
        case .nl: if let nl { return nl }
        case .en: if let en { return en }
        }
        return nl ?? byLanguage.values.sorted().first ?? ""
    }
}

/// A place in a knowledge file. Lines and columns start at 1; 0 means unknown.
public struct SourceLocation: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static let unknown = SourceLocation(file: "", line: 0)

    public var description: String {
        // Line 0: the file as a whole (it cannot be read, or is too large).
        line == 0 ? file : column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
