/// A language the advice is given in. Dutch is the primary language; English is the translation.
public enum Language: String, CaseIterable, Sendable, Codable {
    case nl
    case en
}

/// A piece of user-facing text with one entry per language, as written in the knowledge files.
public struct LocalizedText: Sendable, Equatable, Hashable {
    public var byLanguage: [String: String]
    /// Where the text was written, so a missing translation can be reported at its line.
    public var location: SourceLocation

    public init(_ byLanguage: [String: String], location: SourceLocation = .unknown) {
        self.byLanguage = byLanguage
        self.location = location
    }

    /// The text in `language`, falling back to Dutch and then any text, so a display never shows nothing.
    public func text(_ language: Language) -> String {
        byLanguage[language.rawValue] ?? byLanguage[Language.nl.rawValue] ?? byLanguage.values.sorted().first ?? ""
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
