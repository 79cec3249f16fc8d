import DMCCCore
import Foundation
import Testing

@Suite("Firm settings")
struct FirmSettingsTests {
    @Test("firm.yaml gives name, contact, disclaimer and caption, plain or in both languages")
    func parsesBothForms() throws {
        let text = """
        name: Voorbeeld Compliance B.V.
        address: Herengracht 1, 1015 BA Amsterdam
        phone: 020 123 45 67
        email: advies@voorbeeld.nl
        web: www.voorbeeld.nl
        disclaimer:
          nl: Dit is ons voorbehoud.
          en: This is our disclaimer.
        signature: {nl: "Hoogachtend,", en: "Yours sincerely,"}
        """
        let settings = try FirmSettings.parse(text, file: "Transcripts/firm.yaml").get()
        #expect(settings.name?.text(.en) == "Voorbeeld Compliance B.V.")
        #expect(settings.contact(.nl) == ["Herengracht 1, 1015 BA Amsterdam", "020 123 45 67", "advies@voorbeeld.nl", "www.voorbeeld.nl"])
        #expect(settings.disclaimer(.nl) == "Dit is ons voorbehoud.")
        #expect(settings.disclaimer(.en) == "This is our disclaimer.")
        #expect(settings.signatureCaption(.en) == "Yours sincerely,")
    }

    @Test("a misspelt key and a syntax error are reported at their file:line")
    func locatedProblems() throws {
        let misspelt = FirmSettings.parse("name: Voorbeeld\nadres: Herengracht 1\n", file: "Transcripts/firm.yaml")
        guard case .failure(let errors) = misspelt else { Issue.record("a misspelt key was accepted"); return }
        #expect(errors.problems.map(\.description).contains { $0.hasPrefix("Transcripts/firm.yaml:2:1: unknown-key: unknown key 'adres'") },
                "\(errors)")
        let broken = FirmSettings.parse("name: Voorbeeld\ndisclaimer: {nl: open\n", file: "firm.yaml")
        guard case .failure(let syntax) = broken else { Issue.record("broken YAML was accepted"); return }
        #expect(syntax.problems.first?.location.file == "firm.yaml")
        #expect((syntax.problems.first?.location.line ?? 0) >= 2, "\(syntax)")
    }

    @Test("a template of comments only holds no settings; the defaults say the advice is not legal advice")
    func defaults() throws {
        #expect(try FirmSettings.parse("# name: Voorbeeld\n\n", file: "firm.yaml").get() == .none)
        #expect(FirmSettings.none.disclaimer(.nl).contains("geen juridisch advies"))
        #expect(FirmSettings.none.disclaimer(.en).contains("not legal advice"))
        #expect(FirmSettings.none.contact(.nl).isEmpty)
    }

    @Test("the firm.yaml example in the README is valid settings")
    func readmeExample() throws {
        let readme = try String(contentsOf: Program.root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try #require(readme.components(separatedBy: "```yaml\n").dropFirst().first { $0.hasPrefix("name: ") }?
            .components(separatedBy: "```").first)
        let settings = try FirmSettings.parse(example, file: "README.md").get()
        #expect(settings.name?.text(.nl) == "Voorbeeld Compliance B.V.")
        #expect(settings.disclaimer(.en).contains("not legal advice"))
        #expect(settings.contact(.en).count == 4)
    }
}
