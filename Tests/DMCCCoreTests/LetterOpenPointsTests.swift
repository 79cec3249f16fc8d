import DMCCCore
import Foundation
import Testing

/// The client letter of a record with open points says whether the verdict depends on them.
@Suite("The letter's open points")
struct LetterOpenPointsTests {
    func letter(unknown: String, _ language: Language) throws -> String {
        var facts = OpenPointRecords.consumerCall
        facts[unknown] = "unknown"
        return RecordLetter.html(try OpenPointRecords.record(facts, language: language))
    }

    @Test("open points that decide the verdict: the letter says the advice depends on them")
    func conditional() throws {
        #expect(try letter(unknown: "consent", .nl).contains("Het advies hangt (mede) af van deze punten; bevestig ze voordat u de actie uitvoert."))
        #expect(try letter(unknown: "consent", .en).contains("The advice depends on these points; confirm them before you carry out the action."))
    }

    @Test("open points that did not change the verdict: the letter never claims the advice depends on them")
    func settled() throws {
        let nl = try letter(unknown: "objected", .nl), en = try letter(unknown: "objected", .en)
        #expect(nl.contains("Deze punten veranderen het oordeel niet: het geldt wat het antwoord ook is."), "\(nl)")
        #expect(en.contains("These points do not change the verdict: it holds whatever the answer."))
        #expect(!nl.contains("Het advies hangt (mede) af") && !en.contains("The advice depends on these points"))
    }
}
