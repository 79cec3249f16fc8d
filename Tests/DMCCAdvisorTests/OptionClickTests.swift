import DMCCCore
import Foundation
import Testing
@testable import dmcc_advisor

/// A click on an option's row answers with that option, as its number key does; a click elsewhere
/// does nothing. The rows are kept as plain arrays since issue 12 (they were a dictionary).
@Suite("Clicking an option")
struct OptionClickTests {
    static let knowledge = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Knowledge").path

    @Test("every row of the first screen: an option's row answers it, the others do nothing", arguments: [(80, 24), (40, 12), (120, 40)])
    func rows(_ size: (Int, Int)) throws {
        let kb = try Linter.validated(try KnowledgeFolder.read(Self.knowledge))
        let session = Session(id: "click", date: try #require(CalendarDate(iso: "2026-11-29")))
        let start = Wizard.start(kb, session: session, language: .nl, width: size.0, height: size.1)
        let lines = WizardView.render(start, kb).map(\.text)
        var answered = 0
        for row in lines.indices {
            let (clicked, _) = Wizard.handle(.click(row: row), start, at: "2026-11-29T10:00:00Z", kb)
            // The option listed on the row, by its number ("› 2. " or "  2. "); continuation rows belong to the option above.
            let numbered = lines.prefix(row + 1).reversed().lazy.compactMap { line -> Int? in
                let trimmed = line.drop { $0 == " " || $0 == "›" }
                guard let dot = trimmed.firstIndex(of: "."), let n = Int(trimmed[..<dot]), line.hasPrefix("   ") || line.hasPrefix(" › ") else { return nil }
                return n
            }.first
            if clicked.session == start.session { continue }
            answered += 1
            let number = try #require(numbered, "row \(row) answered, but lists no option: \(lines[row])")
            let (keyed, _) = Wizard.handle(.character(Character(String(number))), start, at: "2026-11-29T10:00:00Z", kb)
            #expect(clicked.session == keyed.session, "row \(row): \(lines[row])")
        }
        #expect(answered >= 2, "\(lines.joined(separator: "\n"))")
    }
}
