@testable import DMCCCore
import Testing

/// `TextLayout`'s fast paths (issue 12: Latin letters measured without the Unicode property tables,
/// wrapping split by bytes where that equals splitting by characters) against the plain grapheme
/// walk they replace, over generated text full of the cases that tell them apart.
@Suite("TextLayout's fast paths measure and wrap as the grapheme walk does")
struct TextLayoutFastPathTests {
    /// The measure and wrap as they were before the fast paths: one grapheme cluster at a time.
    enum Reference {
        static func width(_ character: Character) -> Int {
            let scalars = character.unicodeScalars
            guard let first = scalars.first else { return 0 }
            if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
            switch first.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return scalars.count == 1 ? 0 : 1
            default: break
            }
            if isWide(first) { return 2 }
            if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
            return 1
        }

        static func width(_ text: some StringProtocol) -> Int { text.reduce(0) { $0 + width($1) } }

        static func isWide(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            if s.properties.isEmojiPresentation { return true }
            return (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
                || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        }

        static func wrap(_ text: String, width maxWidth: Int) -> [String] {
            let limit = max(1, maxWidth)
            var lines: [String] = []
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                var line = "", lineWidth = 0
                for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                    var word = String(word)
                    var wordWidth = width(word)
                    if lineWidth > 0 && lineWidth + 1 + wordWidth <= limit {
                        line += " " + word
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
    }

    /// Pieces that tell a byte split from a character split, or a Latin letter from its neighbours.
    static let pieces = ["a", "Z", "9", "#", " ", " ", "  ", "\n", "\r", "\r\n", "é", "e\u{301}", "\u{301}", "\u{308}\u{301}",
                         "ë", "ĳ", "ǅ", "ȳ", "ɐ", "\u{A0}", "\u{AD}", "©", "©\u{FE0F}", "1\u{FE0F}\u{20E3}", "\u{7F}", "\u{85}",
                         "\u{200D}", "\u{200B}", "\u{903}", "\u{600}", "\u{600} ", " \u{301}", " \u{200D}", "名前", "한", "😀", "👍🏽",
                         "🇳🇱", "\u{1F469}\u{200D}\u{1F4BB}", "\t", " – ", "–", " “", "” ", "→ ", " €", " ≥", " \u{20DD}", "\u{20DD}", " \u{200C}", " \u{2060}",
                         " \u{FF9E}", "\u{110BD} ", "\u{1F3FB}", " \u{1F3FB}", " \u{E0020}", "Ω", "ß", "ſ", "€", "—", "…", "ﬁ", "\u{FE0F}"]

    static func text(_ state: inout UInt64) -> String {
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var text = ""
        for _ in 0..<(next() % 40) {
            // Mostly Latin words and spaces, as the advice is, with the odd pieces mixed in.
            text += next() % 3 == 0 ? pieces[next() % pieces.count] : ["toestemming", " ", "één", " ", "opt-out"][next() % 5]
        }
        return text
    }

    @Test("widths and wraps of 20,000 generated texts, at widths 1 to 40")
    func generated() {
        var state: UInt64 = 12
        for _ in 0..<20_000 {
            let text = Self.text(&state)
            #expect(TextLayout.width(text) == Reference.width(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            let width = Int(state >> 40) % 40 + 1
            #expect(TextLayout.wrap(text, width: width) == Reference.wrap(text, width: width),
                    "\(width): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("join gives what joined(separator:) gives, for strings and substrings, 0 to 5 parts")
    func join() {
        var state: UInt64 = 7
        for round in 0..<2_000 {
            let parts = (0..<(round % 6)).map { _ in Self.text(&state) }
            let separator = Self.pieces[round % Self.pieces.count]
            #expect(TextLayout.join(parts, separator: separator) == parts.joined(separator: separator))
            let slices = parts.map { $0.dropFirst(min(1, $0.count)) }
            #expect(TextLayout.join(slices, separator: separator) == slices.joined(separator: separator))
        }
    }

    @Test("every scalar of Latin-1, Latin Extended and the combining diacritics, alone and after a letter")
    func latin() {
        for value in UInt32(0x20)...0x36F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = Character(scalar)
            #expect(TextLayout.width(alone) == Reference.width(alone), "U+\(String(value, radix: 16))")
            let text = "a" + String(scalar) + "b"
            #expect(TextLayout.width(text) == Reference.width(text), "U+\(String(value, radix: 16))")
            #expect(TextLayout.width(String(scalar)) == Reference.width(String(scalar)), "U+\(String(value, radix: 16))")
        }
    }

    @Test("byte splitting is declined where characters join across a space or CR LF")
    func declined() {
        #expect(TextLayout.splitsAtBytes("Uw klant één keer gebeld.\nVolgende regel"))
        #expect(!TextLayout.splitsAtBytes("a\r\nb"))
        #expect(!TextLayout.splitsAtBytes("a \u{301}b"))
        #expect(!TextLayout.splitsAtBytes("\u{600} x"))
        #expect(TextLayout.splitsAtBytes("\u{5FF} x"))
        #expect(TextLayout.splitsAtBytes("Bel – of mail – “nooit” → € 5 ≥ 3 …"))
        #expect(!TextLayout.splitsAtBytes("x \u{20DD}"))
        #expect(!TextLayout.splitsAtBytes("x \u{200D}"))
    }
}
