import DMCCCore
import Foundation
import Testing

/// A save the shell refuses because the signing key cannot be used (nothing is ever saved unsigned):
/// the wizard says why and what to do in the screen's language, wrapped to the screen's width with
/// nothing cut, and keeps the session.
@Suite("A refused save in the wizard", .serialized)
struct SaveRefusedTests {
    let kb = Shipped.knowledge
    static let keyPath = "/home/eva/.config/dmcc-advisor/signing-key"
    static let damagedNL = "niet opgeslagen: uw ondertekeningssleutel \(keyPath) is beschadigd; herstel het bestand, maak een nieuwe "
        + "sleutel met 'dmcc-advisor keys init --force' (en laat het team de nieuwe publieke sleutel vertrouwen), of zet het "
        + "bestand opzij om zonder handtekening op te slaan; er is niets opgeslagen; de sessie blijft open"
    static let damagedEN = "not saved: your signing key \(keyPath) is damaged; repair the file, make a new key with "
        + "'dmcc-advisor keys init --force' (and have the team trust the new public key), or move the file away to save unsigned; "
        + "nothing was saved; the session stays open"

    /// White space collapsed, so text wrapped over lines can be compared with the text itself.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    // MARK: The refused save on screen

    func refusedSave(_ language: Language, width: Int = 80, height: Int = 24, readError: String? = nil,
                     damage: LocalizedText? = nil) -> WizardDriver {
        var w = WizardDriver(language: language, width: width, height: height)
        w.press("611s")
        w.act(.saveFailed(.signingKey(path: Self.keyPath, readError: readError, damage: damage)))
        return w
    }

    /// `damagedNL` as the real program says it for `damagedKeyFolder()`'s key at `keyFile`: with what is wrong with it.
    static func damagedNL(at keyFile: String) -> String {
        damagedNL.replacingOccurrences(of: "\(keyPath) is beschadigd;", with: "\(keyFile) is beschadigd (de privésleutel is geen 32 bytes in base64);")
    }

    @Test("a damaged key: the wizard says what is wrong with it, in the words of advise --save, in both languages")
    func damageIsSaid() {
        let damage = LocalizedText(nl: "regel 2: onbekend veld 'nmae'", en: "line 2: unknown field 'nmae'")
        for (language, expected) in [(Language.nl, "is beschadigd (regel 2: onbekend veld 'nmae'); herstel het bestand"),
                                     (.en, "is damaged (line 2: unknown field 'nmae'); repair the file")] {
            let text = LineMode.prompt(refusedSave(language, damage: damage).state, kb)
            #expect(Self.collapsed(text).contains(expected), "\(text)")
        }
    }

    @Test("a damaged signing key: the whole reason and what to do, in Dutch, wrapped at 80 columns, nothing cut")
    func damagedKeyDutch() {
        let w = refusedSave(.nl)
        let lines = WizardView.render(w.state, kb).map(\.text)
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { TextLayout.width($0) <= 80 })
        #expect(Self.collapsed(lines.joined(separator: "\n")).contains(Self.damagedNL), "\(lines.joined(separator: "\n"))")
        #expect(!lines.joined().contains("…"))
        #expect(lines.first { $0.contains("NIET TOEGESTAAN") } != nil, "the advice stays on screen above it")
        #expect(!lines.joined().contains("signing key"), "no English in a Dutch screen")
    }

    @Test("--lang en says it in English; an unreadable key says why it cannot be read")
    func damagedKeyEnglish() {
        let lines = WizardView.render(refusedSave(.en).state, kb).map(\.text)
        #expect(Self.collapsed(lines.joined(separator: "\n")).contains(Self.damagedEN), "\(lines.joined(separator: "\n"))")
        let unreadable = WizardView.render(refusedSave(.nl, readError: "Permission denied").state, kb).map(\.text).joined(separator: "\n")
        #expect(Self.collapsed(unreadable).contains("kan niet worden gelezen (Permission denied); maak het bestand leesbaar"), "\(unreadable)")
    }

    @Test("the message takes rows from the advice body: title, banner and footer stay in place, at 80x24 and 40x12")
    func messageTakesBodyRows() {
        for (width, height) in [(80, 24), (40, 12)] {
            let lines = WizardView.render(refusedSave(.nl, width: width, height: height).state, kb).map(\.text)
            #expect(lines.count == height)
            #expect(lines[0].contains("advies") && lines[1].contains("NIET TOEGESTAAN"), "\(lines)")
            #expect(lines[height - 1].contains("? hulp") || lines[height - 2].contains("? hulp"), "footer: \(lines)")
            let message = lines.filter { !$0.isEmpty && Self.damagedNL.contains($0.trimmingCharacters(in: .whitespaces)) }
            #expect(message.count >= 4, "wrapped over several lines: \(lines)")
        }
        let full = WizardView.render(refusedSave(.nl).state, kb).map(\.text)
        #expect(Self.collapsed(full.joined(separator: "\n")).contains(Self.damagedNL))
    }

    @Test("line mode prints the whole message too")
    func lineModeMessage() {
        let text = LineMode.prompt(refusedSave(.nl).state, kb)
        #expect(text.contains("Fout: " + Self.damagedNL))
    }

    /// A config folder with a signing key file that cannot be parsed.
    static func damagedKeyFolder() throws -> URL {
        let folder = scratchFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "name Eva\nprivate-key not-base64!\n".write(to: folder.appendingPathComponent("signing-key"), atomically: true, encoding: .utf8)
        chmod(folder.appendingPathComponent("signing-key").path, 0o600)
        return folder
    }

    /// A wizard in tmux whose signing key is the damaged one in `config`: on the advice, `s` was refused.
    static func saveRefusedInTerminal(config: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TerminalSession {
        let t = try TerminalSession.atFirstQuestion(environment: "DMCC_CONFIG='\(config.path)'", sourceLocation: sourceLocation)
        try t.type(["6", "1", "1"])
        #expect(t.waitFor("NIET TOEGESTAAN"), "\(t.screen)", sourceLocation: sourceLocation)
        try t.type(["s"])
        #expect(t.waitFor("de sessie blijft open"), "\(t.screen)", sourceLocation: sourceLocation)
        return t
    }

    @Test("full screen at 80x24: the refused save in Dutch, wrapped, nothing cut; the session is kept")
    func fullScreen() throws {
        let config = try Self.damagedKeyFolder()
        defer { try? FileManager.default.removeItem(at: config) }
        let keyFile = config.appendingPathComponent("signing-key").path
        let t = try Self.saveRefusedInTerminal(config: config)
        defer { try? FileManager.default.removeItem(at: t.transcripts) }
        let expected = Self.damagedNL(at: keyFile)
        #expect(Self.collapsed(t.screen).contains(expected), "the whole message: \(t.screen)")
        #expect(t.lines.allSatisfy { TextLayout.width($0) <= 80 })
        #expect(TrustShell.recordIDs(in: t.transcripts).isEmpty)
        try t.type(["q"])
        #expect(t.waitFor("Toch stoppen? (j/n)"), "not saved, so quitting asks: \(t.screen)")
        try t.type(["n"])
        #expect(t.waitFor("NIET TOEGESTAAN"), "the session is kept: \(t.screen)")
    }
}
