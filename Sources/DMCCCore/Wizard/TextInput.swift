/// Text typed into a field: control characters are never stored, and a paste's line breaks and
/// tabs become spaces.
enum TextInput {
    static func typed(_ c: Character) -> String? {
        c.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format && $0.value < 0x200B } ? nil : String(c)
    }

    static func pasted(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            if c.isNewline || c == "\t" {
                if out.last != " " { out.append(" ") }
            } else if let kept = typed(c) {
                out += kept
            }
        }
        return out
    }
}
