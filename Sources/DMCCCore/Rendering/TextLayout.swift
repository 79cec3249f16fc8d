/// Measuring and wrapping text in terminal cells: combining marks take 0 cells, East Asian wide
/// and emoji characters 2, everything else 1. Works on grapheme clusters, so "é" written as
/// e + combining accent is one character of width 1 and is never split.
public enum TextLayout {
    public static func width(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // A printable Latin letter alone is one cell, without asking the Unicode property tables.
        if scalars.index(after: scalars.startIndex) == scalars.endIndex, isLatin(first.value) { return 1 }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return scalars.count == 1 ? 0 : 1
        default: break
        }
        if isWide(first) { return 2 }
        // An emoji presentation selector makes a narrow symbol wide.
        if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
        return 1
    }

    /// `parts.joined(separator: separator)`, written out. The standard library's is generic and not
    /// inlined: its first call in a process looks up the collection's associated types and
    /// conformances at run time, a scan of the static binary's 6,500 protocol conformances (about
    /// 0.1 ms) for each kind of collection joined. Used on the way to the first screen and the advice.
    @inlinable
    public static func join<Part: StringProtocol>(_ parts: [Part], separator: String) -> String {
        var out = ""
        var first = true
        for part in parts {
            if !first { out += separator }
            out += part
            first = false
        }
        return out
    }

    // Concrete overloads for the shell's calls: across modules the generic one runs unspecialized,
    // through witness tables (tens of thousands of instructions a call at start).
    public static func width(_ text: String) -> Int { measure(text) }
    public static func width(_ text: Substring) -> Int { measure(text) }
    public static func width(_ text: some StringProtocol) -> Int { measure(text) }

    private static func measure(_ text: some StringProtocol) -> Int {
        // Printable ASCII, most of what is measured, is one cell a byte: no grapheme walk needed.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text.utf8.count }
        if let cells = latinWidth(text.unicodeScalars) { return cells }
        return text.reduce(0) { $0 + width($1) }
    }

    /// Printable ASCII, Latin-1 and Latin Extended-A and -B (U+00A0-U+024F but the soft hyphen):
    /// no combining, wide or emoji scalar among them.
    private static func isLatin(_ value: UInt32) -> Bool {
        (0x20...0x7E).contains(value) || ((0xA0...0x24F).contains(value) && value != 0xAD)
    }

    /// The width of text of Latin letters with combining diacritics (U+0300-U+036F) after them,
    /// scalar by scalar: a letter and its marks are one grapheme cluster of one cell. Nil for
    /// anything else (or a mark first), which is measured by grapheme clusters.
    private static func latinWidth(_ scalars: some Sequence<Unicode.Scalar>) -> Int? {
        var cells = 0
        for scalar in scalars {
            if isLatin(scalar.value) {
                cells += 1
            } else if (0x300...0x36F).contains(scalar.value) {
                if cells == 0 { return nil }
            } else {
                return nil
            }
        }
        return cells
    }

    /// True when splitting `text` at its space and line-feed bytes cuts it exactly where splitting
    /// its characters does: no CR before a LF (CR LF is one character), and next to each space
    /// only scalars that cannot join it into one character: after it none that extends (combining
    /// marks start at U+0300), before it none that prepends (those start at U+0600). Common
    /// punctuation, currency signs, arrows and mathematical signs are neither.
    static func splitsAtBytes(_ text: String) -> Bool {
        func plain(_ value: UInt32) -> Bool {
            (0x2010...0x205F).contains(value) || (0x20A0...0x20CF).contains(value) || (0x2100...0x23FF).contains(value)
        }
        var previous: UInt32 = 0x0A
        var afterSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if afterSpace, value >= 0x300, !plain(value) { return false }
            afterSpace = value == 0x20
            if afterSpace, previous >= 0x600, !plain(previous) { return false }
            if value == 0x0A, previous == 0x0D { return false }
            previous = value
        }
        return true
    }

    /// The pieces of `text` between `separator` bytes (an ASCII space or line feed), found in its
    /// contiguous bytes.
    private static func pieces(_ text: Substring, _ separator: UInt8, omittingEmpty: Bool) -> [Substring] {
        let utf8 = text.utf8
        let cuts = utf8.withContiguousStorageIfAvailable { bytes in
            var cuts: [Int] = []
            for i in bytes.indices where bytes[i] == separator { cuts.append(i) }
            return cuts
        } ?? utf8.enumerated().filter { $0.element == separator }.map(\.offset)
        var result: [Substring] = []
        result.reserveCapacity(cuts.count + 1)
        var start = utf8.startIndex, startOffset = 0
        for cut in cuts {
            let end = utf8.index(start, offsetBy: cut - startOffset)
            if !(omittingEmpty && cut == startOffset) { result.append(text[start..<end]) }
            start = utf8.index(after: end)
            startOffset = cut + 1
        }
        if !(omittingEmpty && start == utf8.endIndex) { result.append(text[start..<utf8.endIndex]) }
        return result
    }

    private static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if s.properties.isEmojiPresentation { return true }
        return (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// Cuts `text` to at most `maxWidth` cells, ending in "…" when something was cut.
    public static func truncate(_ text: String, to maxWidth: Int) -> String {
        guard maxWidth > 0 else { return "" }
        if width(text) <= maxWidth { return text }
        var result = "", used = 0
        for character in text {
            let w = width(character)
            if used + w > maxWidth - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// Word-wraps `text` into lines of at most `maxWidth` cells; a word longer than a line is broken.
    public static func wrap(_ text: String, width maxWidth: Int) -> [String] {
        let limit = max(1, maxWidth)
        var lines: [String] = []
        // Splitting by bytes where that is the same as by characters: a grapheme walk is most of a wrap.
        let bytewise = splitsAtBytes(text)
        let paragraphs = bytewise ? pieces(text[...], 0x0A, omittingEmpty: false)
                                  : text.split(separator: "\n", omittingEmptySubsequences: false)
        for paragraph in paragraphs {
            var line = "", lineWidth = 0
            let words = bytewise ? pieces(paragraph, 0x20, omittingEmpty: true)
                                 : paragraph.split(separator: " ", omittingEmptySubsequences: true)
            for word in words {
                var word = String(word)
                var wordWidth = width(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= limit {
                    line.append(" ")
                    line.append(word)
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while wordWidth > limit {
                    var head = "", headWidth = 0
                    var rest = Substring(word)
                    while let c = rest.first, headWidth + width(c) <= limit {
                        head.append(c); headWidth += width(c); rest.removeFirst()
                    }
                    if head.isEmpty, let c = rest.first { head.append(c); rest.removeFirst() }
                    lines.append(head)
                    word = String(rest)
                    wordWidth = width(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }

    /// Wraps with a first-line prefix (e.g. "  - ") and hangs the following lines under the text.
    public static func hanging(_ text: String, prefix: String, width maxWidth: Int) -> [String] {
        let indent = String(repeating: " ", count: width(prefix))
        return wrap(text, width: maxWidth - width(prefix)).enumerated().map { ($0.offset == 0 ? prefix : indent) + $0.element }
    }
}
