import DMCCCore
import Foundation
import Testing

/// The `transcripts` commands speak the session's language: Dutch by default, English with
/// `--lang en`. Verify's lines keep their shape for scripts (`ok   ID  `, `FAIL ID: `, `N ... M`).
@Suite("Command messages in Dutch and English")
struct CommandMessageTests {
    let config = TrustShell.scratch("messages-config")
    let records = TrustShell.scratch("messages-records")

    func cleanUp() {
        try? FileManager.default.removeItem(at: config)
        try? FileManager.default.removeItem(at: records)
    }

    /// Runs the program on the scratch records folder; `language` nil leaves `--lang` out (Dutch).
    func run(_ arguments: [String], _ language: Language? = nil, folder: URL? = nil) throws -> Program.Result {
        try TrustShell.run(arguments + (language.map { ["--lang", $0.rawValue] } ?? []) + ["--transcripts", (folder ?? records).path],
                           config: config)
    }

    func saveDefinite() throws -> String {
        let before = Set(TrustShell.recordIDs(in: records))
        let r = try TrustShell.run(TrustShell.customerCall(on: "2026-05-15") + ["--save", "--transcripts", records.path], config: config)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(TrustShell.recordIDs(in: records).first { !before.contains($0) })
    }

    /// A call saved with `consent=unknown`: a record with an open point.
    func saveOpen() throws -> String {
        let facts = ["purpose=marketing-call", "recipient=consumer", "call-kind=marketing", "objected=no", "consent=unknown", "sender=business"]
        let before = Set(TrustShell.recordIDs(in: records))
        let r = try TrustShell.run(["advise", "--date", "2026-11-29", "--save", "--transcripts", records.path] + facts.flatMap { ["--fact", $0] },
                                   config: config)
        #expect(r.status == 6, "\(r.stderr)")
        return try #require(TrustShell.recordIDs(in: records).first { !before.contains($0) })
    }

    func tamper(_ id: String) throws {
        let url = records.appendingPathComponent("\(id).json")
        try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"live\"", with: "\"robot\"")
            .write(to: url, atomically: true, encoding: .utf8)
    }

    // MARK: verify

    @Test("verify's lines: the words follow --lang (Dutch by default), the markers, ids and counts keep their place",
          arguments: [(nil as Language?, "verzegeld, niet ondertekend", "1 van 2 verslag(en) gecontroleerd in ", "afgekeurd: "),
                      (.en, "sealed, unsigned", "1 of 2 record(s) verified in ", "failed: ")])
    func verifyLines(_ language: Language?, _ unsigned: String, _ count: String, _ failed: String) throws {
        defer { cleanUp() }
        let good = try saveDefinite(), bad = try saveDefinite()
        try tamper(bad)
        let r = try run(["transcripts", "verify"], language)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("ok   \(good)  \(unsigned)"), "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("FAIL \(bad): ") }, "\(r.stdout)")
        #expect(lines.last == count + records.path, "\(r.stdout)")
        #expect(r.stderr.contains(failed + bad), "\(r.stderr)")
    }

    @Test("verify names the signer and an untrusted key in the session's language",
          arguments: [(nil as Language?, "ondertekend met een sleutel die niet vertrouwd wordt (vingerafdruk ", "ondertekend door Eva de Vries"),
                      (.en, "signed with a key that is not trusted (fingerprint ", "signed by Eva de Vries")])
    func verifySignatures(_ language: Language?, _ untrusted: String, _ signer: String) throws {
        defer { cleanUp() }
        let line = try TrustShell.run(["keys", "init", "--name", "Eva de Vries"], config: config).stdout
        let key = try #require(line.split(separator: " ").last).trimmingCharacters(in: .newlines)
        let id = try saveDefinite()
        let before = try run(["transcripts", "verify"], language)
        #expect(before.status == 1 && before.stdout.contains("FAIL \(id): \(untrusted)"), "\(before.stdout)")
        #expect(try TrustShell.run(["keys", "trust", "--name", "Eva de Vries", key, "--transcripts", records.path], config: config).status == 0)
        let after = try run(["transcripts", "verify"], language)
        #expect(after.status == 0 && after.stdout.contains("ok   \(id)  \(signer)\n"), "\(after.stdout)")
        let strict = try run(["transcripts", "verify", "--require-signature"], language)
        #expect(strict.status == 0, "a trusted signature passes --require-signature: \(strict.stdout)")
    }

    @Test("verify --require-signature fails an unsigned record in the session's language",
          arguments: [(nil as Language?, "verzegeld, maar niet ondertekend"), (.en, "sealed, but not signed")])
    func verifyRequireSignature(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        let id = try saveDefinite()
        let r = try run(["transcripts", "verify", "--require-signature"], language)
        #expect(r.status == 1 && r.stdout.contains("FAIL \(id): \(expected)"), "\(r.stdout)")
    }

    @Test("verify refuses what is not a record id, in the session's language",
          arguments: [(nil as Language?, "'x' is geen verslag-id"), (.en, "'x' is not a record id")])
    func verifyNotAnID(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        let r = try run(["transcripts", "verify", "x"], language)
        #expect(r.status == 2 && r.stderr.contains(expected), "\(r.stderr)")
    }

    // MARK: a missing folder, a missing record

    @Test("list, verify and stale on a records folder that does not exist say so in the session's language",
          arguments: [(nil as Language?, "de verslagenmap %@ bestaat niet; kies een andere met --transcripts MAP of DMCC_TRANSCRIPTS"),
                      (.en, "the records folder %@ does not exist; choose another with --transcripts DIR or DMCC_TRANSCRIPTS")])
    func missingFolder(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        let missing = records.appendingPathComponent("nowhere")
        let message = expected.replacingOccurrences(of: "%@", with: missing.path)
        for command in [["transcripts", "list"], ["transcripts", "verify"], ["transcripts", "stale"]] {
            let r = try run(command, language, folder: missing)
            #expect(r.status == 2 && r.stderr.contains(message), "\(command): \(r.stderr)")
        }
    }

    @Test("show, replay and resolve of a record that is not there say so in the chosen language",
          arguments: [(nil as Language?, "geen verslag '20261129-143012-a1b2c3' in "), (.en, "no record '20261129-143012-a1b2c3' in ")])
    func noSuchRecord(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        for command in ["show", "replay", "resolve"] {
            let r = try run(["transcripts", command, "20261129-143012-a1b2c3"], language)
            #expect(r.status == 2 && r.stderr.contains(expected + records.path), "\(command): \(r.stderr)")
        }
    }

    // MARK: resolve

    @Test("resolve's refusal of a superseded record is in the chosen language",
          arguments: [(Language.nl, "is al vervangen door", "er is niets opgeslagen", "Los de nieuwste versie op: transcripts resolve "),
                      (.en, "is already superseded by", "nothing saved", "Resolve the latest version instead: transcripts resolve ")])
    func resolveSuperseded(_ language: Language, _ superseded: String, _ nothing: String, _ instead: String) throws {
        defer { cleanUp() }
        let a = try saveOpen()
        let first = try run(["transcripts", "resolve", a, "--fact", "consent=no"], language)
        #expect(first.status == 0, "\(first.stderr)")
        let b = try #require(TrustShell.recordIDs(in: records).first { $0 != a })
        #expect(first.stdout.hasPrefix(language == .nl ? "Opgeslagen als \(b); vervangt \(a)." : "Saved as \(b); supersedes \(a)."), "\(first.stdout)")
        let again = try run(["transcripts", "resolve", a, "--fact", "consent=yes"], language)
        #expect(again.status == 2)
        #expect(again.stderr.contains("\(a) \(superseded) \(b); \(nothing)"), "\(again.stderr)")
        #expect(again.stderr.contains(instead + b), "\(again.stderr)")
    }

    @Test("resolve's refusals of a wrong fact are in the chosen language",
          arguments: [(Language.nl, "'sender' is geen open punt van dit verslag; de open punten zijn: consent",
                       "geef een waarde voor 'consent'", "geef het antwoord op een open punt met --fact NAAM=WAARDE"),
                      (.en, "'sender' is not an open point of this record; its open points are: consent",
                       "give a value for 'consent'", "name the answer to an open point with --fact NAME=VALUE")])
    func resolveRefusals(_ language: Language, _ notOpen: String, _ stillUnknown: String, _ nothing: String) throws {
        defer { cleanUp() }
        let id = try saveOpen()
        let wrong = try run(["transcripts", "resolve", id, "--fact", "sender=business"], language)
        #expect(wrong.status == 2 && wrong.stderr.contains(notOpen), "\(wrong.stderr)")
        let unknown = try run(["transcripts", "resolve", id, "--fact", "consent=unknown"], language)
        #expect(unknown.status == 2 && unknown.stderr.contains(stillUnknown), "\(unknown.stderr)")
        let none = try run(["transcripts", "resolve", id], language)
        #expect(none.status == 2 && none.stderr.contains(nothing), "\(none.stderr)")
        #expect(TrustShell.recordIDs(in: records) == [id], "nothing saved")
    }

    // MARK: show

    @Test("show's warning and refusal for a record that fails verification are in the chosen language",
          arguments: [(nil as Language?, "WAARSCHUWING: verslag %@ is niet door de controle gekomen",
                       "verslag %@ is niet door de controle gekomen, dus er is geen html-brief gemaakt:"),
                      (.en, "WARNING: record %@ failed verification", "record %@ failed verification, so no html letter was written:")])
    func showFailed(_ language: Language?, _ warning: String, _ refused: String) throws {
        defer { cleanUp() }
        let id = try saveDefinite()
        try tamper(id)
        let shown = try run(["transcripts", "show", id], language)
        #expect(shown.status == 1 && shown.stderr.contains(warning.replacingOccurrences(of: "%@", with: id)), "\(shown.stderr)")
        let letter = try run(["transcripts", "show", id, "--format", "html"], language)
        #expect(letter.status == 1 && letter.stderr.contains(refused.replacingOccurrences(of: "%@", with: id)), "\(letter.stderr)")
    }

    @Test("show gives the reason a signature fails in the chosen language",
          arguments: [(nil as Language?, "  ondertekend met een sleutel die niet vertrouwd wordt (vingerafdruk "),
                      (.en, "  signed with a key that is not trusted (fingerprint ")])
    func showUntrusted(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        #expect(try TrustShell.run(["keys", "init", "--name", "Eva de Vries"], config: config).status == 0)
        let id = try saveDefinite()
        let letter = try run(["transcripts", "show", id, "--format", "html"], language)
        #expect(letter.status == 1 && letter.stdout.isEmpty && letter.stderr.contains(expected), "\(letter.stderr)")
    }

    @Test("show says where it wrote the letter, and refuses to overwrite it, in the chosen language",
          arguments: [(nil as Language?, "geschreven: %@", "%@ bestaat al; kies een andere --output of voeg --force toe"),
                      (.en, "wrote %@", "%@ already exists; choose another --output or add --force")])
    func showWrote(_ language: Language?, _ wrote: String, _ exists: String) throws {
        defer { cleanUp() }
        let id = try saveDefinite()
        let file = records.appendingPathComponent("letter.html").path
        let first = try run(["transcripts", "show", id, "--format", "html", "--output", file], language)
        #expect(first.status == 0 && first.stdout == wrote.replacingOccurrences(of: "%@", with: file) + "\n", "\(first.stdout)")
        let second = try run(["transcripts", "show", id, "--format", "html", "--output", file], language)
        #expect(second.status == 2 && second.stderr.contains(exists.replacingOccurrences(of: "%@", with: file)), "\(second.stderr)")
    }

    @Test("show --output with a format that prints is refused in the chosen language",
          arguments: [(nil as Language?, "--output is voor --format html of pdf"), (.en, "--output is for --format html or pdf")])
    func showOutputOnlyForLetters(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        let r = try run(["transcripts", "show", "20261129-143012-a1b2c3", "--format", "text", "--output", "x.txt"], language)
        #expect(r.status != 0 && r.stderr.contains(expected), "\(r.stderr)")
    }

    // MARK: list, stale, sync

    @Test("list's refusals are in the chosen language",
          arguments: [(nil as Language?, "--client is leeg", "onbekend oordeel 'misschien'; gebruik een van: ", "'morgen' is geen datum"),
                      (.en, "--client is empty", "unknown verdict 'misschien'; use one of: ", "'morgen' is not a date")])
    func listRefusals(_ language: Language?, _ empty: String, _ verdict: String, _ since: String) throws {
        defer { cleanUp() }
        for (arguments, expected) in [(["--client", " "], empty), (["--verdict", "misschien"], verdict), (["--since", "morgen"], since)] {
            let r = try run(["transcripts", "list"] + arguments, language)
            #expect(r.status == 2 && r.stderr.contains(expected), "\(arguments): \(r.stderr)")
        }
    }

    @Test("list and stale name a record whose Markdown copy is missing in the chosen language, and skip it",
          arguments: [(nil as Language?, "de Markdown-kopie ontbreekt (een onderbroken opslag?); overgeslagen"),
                      (.en, "its Markdown copy is missing (an interrupted save?); skipped")])
    func skippedRecord(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        let id = try saveDefinite()
        try FileManager.default.removeItem(at: records.appendingPathComponent("\(id).md"))
        let list = try run(["transcripts", "list"], language)
        #expect(list.stderr.contains("\(records.path)/\(id).json: \(expected)"), "\(list.stderr)")
        let stale = try run(["transcripts", "stale"], language)
        #expect(stale.stderr.contains("\(records.path)/\(id).json: \(expected)"), "\(stale.stderr)")
    }

    @Test("stale refuses a bad --on date in the chosen language",
          arguments: [(nil as Language?, "--on: 'gisteren' is geen datum"), (.en, "--on: 'gisteren' is not a date")])
    func staleDate(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        let r = try run(["transcripts", "stale", "--on", "gisteren"], language)
        #expect(r.status == 2 && r.stderr.contains(expected), "\(r.stderr)")
    }

    @Test("sync outside git says what to do in the chosen language",
          arguments: [(nil as Language?, "staat niet in een git-repository, dus er is niets te synchroniseren"),
                      (.en, "is not inside a git repository, so there is nothing to sync")])
    func syncOutsideGit(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        let r = try run(["transcripts", "sync"], language)
        #expect(r.status == 2 && r.stderr.contains(expected), "\(r.stderr)")
    }

    // MARK: why a record fails, in verify and show

    @Test("verify and show say why a record fails in the session's language: a broken seal, an edited or missing Markdown copy, no JSON, another record's id",
          arguments: [(nil as Language?, ["de inhoud klopt niet met het SHA-256-zegel: het verslag is gewijzigd nadat het is opgeslagen",
                                           "de Markdown-kopie wijkt af van wat het JSON-verslag zegt", "de Markdown-kopie ontbreekt",
                                           "het JSON-bestand is geen geldige JSON", "het bestand bevat verslag '%@', niet '%@'"], "geen adviesverslag"),
                      (.en, ["the content does not match its SHA-256 seal: the record was changed after it was saved",
                             "the Markdown copy differs from what the JSON record states", "the Markdown copy is missing",
                             "the JSON file is not valid JSON", "the file holds record '%@', not '%@'"], "not an advice record")])
    func recordProblems(_ language: Language?, _ reasons: [String], _ notARecord: String) throws {
        defer { cleanUp() }
        let tampered = try saveDefinite(), edited = try saveDefinite(), noCopy = try saveDefinite(), notJSON = try saveDefinite()
        let renamed = try saveDefinite()
        try tamper(tampered)
        try "edited\n".write(to: records.appendingPathComponent("\(edited).md"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: records.appendingPathComponent("\(noCopy).md"))
        try "{oops".write(to: records.appendingPathComponent("\(notJSON).json"), atomically: true, encoding: .utf8)
        let other = "20261129-143012-a1b2c3"
        for ext in ["json", "md"] {
            try FileManager.default.moveItem(at: records.appendingPathComponent("\(renamed).\(ext)"),
                                             to: records.appendingPathComponent("\(other).\(ext)"))
        }
        let holds = reasons[4].replacingOccurrences(of: "'%@', niet '%@'", with: "'\(renamed)', niet '\(other)'")
            .replacingOccurrences(of: "'%@', not '%@'", with: "'\(renamed)', not '\(other)'")
        let verify = try run(["transcripts", "verify"], language)
        #expect(verify.status == 1)
        for (id, reason) in [(tampered, reasons[0]), (edited, reasons[1]), (noCopy, reasons[2]), (notJSON, reasons[3]), (other, holds)] {
            #expect(verify.stdout.contains("FAIL \(id): \(reason)\n"), "\(id): \(verify.stdout)")
        }
        let shown = try run(["transcripts", "show", tampered], language)
        #expect(shown.status == 1 && shown.stderr.contains("  \(reasons[0])\n"), "\(shown.stderr)")
        let unreadable = try run(["transcripts", "show", notJSON], language)
        #expect(unreadable.status == 2 && unreadable.stderr.contains("\(notJSON).json: \(notARecord);"), "\(unreadable.stderr)")
    }

    @Test("a malformed trusted-keys line is said in the session's language",
          arguments: [(nil as Language?, "trusted-keys:2: 'notakey' is geen publieke sleutel (44 tekens base64"),
                      (.en, "trusted-keys:2: 'notakey' is not a public key (44 characters of base64")])
    func malformedTrustedKeys(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        try "# team\nEva notakey\n".write(to: records.appendingPathComponent("trusted-keys"), atomically: true, encoding: .utf8)
        let r = try run(["transcripts", "verify"], language)
        #expect(r.status == 2 && r.stderr.contains("\(records.path)/\(expected)"), "\(r.stderr)")
    }

    // MARK: keys

    /// `keys` without a records folder (`init` and `show` take none).
    func keys(_ arguments: [String], _ language: Language?) throws -> Program.Result {
        try TrustShell.run(["keys"] + arguments + (language.map { ["--lang", $0.rawValue] } ?? []), config: config)
    }

    @Test("keys init, show and trust and their refusals speak the session's language",
          arguments: [(nil as Language?, ["geen ondertekeningssleutel in %@; maak er een met 'dmcc-advisor keys init'",
                                           "ondertekeningssleutel voor Eva de Vries geschreven naar %@ (0600); zet deze regel bij de vertrouwde sleutels",
                                           "er bestaat al een ondertekeningssleutel in %@;", "geen naam om mee te ondertekenen: geef er een op met --name",
                                           "vingerafdruk ", "--name: de naam is leeg", "'x' is geen publieke sleutel",
                                           "de sleutel van Eva de Vries (vingerafdruk ", "deze sleutel wordt al vertrouwd als 'Eva de Vries' in "]),
                      (.en, ["no signing key in %@; make one with 'dmcc-advisor keys init'",
                             "signing key for Eva de Vries written to %@ (0600); add this line to the team's trusted keys",
                             "a signing key already exists in %@;", "no name to sign as: give one with --name",
                             "fingerprint ", "--name: the name is empty", "'x' is not a public key",
                             "trusted Eva de Vries (fingerprint ", "this key is already trusted as 'Eva de Vries' in "])])
    func keysMessages(_ language: Language?, _ said: [String]) throws {
        defer { cleanUp() }
        let file = config.appendingPathComponent("signing-key").path
        let expected = said.map { $0.replacingOccurrences(of: "%@", with: file) }
        let none = try keys(["show"], language)
        #expect(none.status == 2 && none.stderr.contains(expected[0]), "\(none.stderr)")
        let made = try keys(["init", "--name", "Eva de Vries"], language)
        #expect(made.status == 0 && made.stderr.contains(expected[1]), "\(made.stderr)")
        let key = try #require(made.stdout.split(separator: " ").last).trimmingCharacters(in: .newlines)
        let again = try keys(["init", "--name", "Eva de Vries"], language)
        #expect(again.status == 2 && again.stderr.contains(expected[2]), "\(again.stderr)")
        let nameless = try keys(["init", "--name", " ", "--force"], language)
        #expect(nameless.status == 2 && nameless.stderr.contains(expected[3]), "\(nameless.stderr)")
        let shown = try keys(["show"], language)
        #expect(shown.status == 0 && shown.stderr.contains(expected[4]), "\(shown.stderr)")
        let folder = ["--transcripts", records.path]
        let empty = try keys(["trust", "--name", " ", key] + folder, language)
        #expect(empty.status == 2 && empty.stderr.contains(expected[5]), "\(empty.stderr)")
        let wrong = try keys(["trust", "--name", "Eva de Vries", "x"] + folder, language)
        #expect(wrong.status == 2 && wrong.stderr.contains(expected[6]), "\(wrong.stderr)")
        let trusted = try keys(["trust", "--name", "Eva de Vries", key] + folder, language)
        #expect(trusted.status == 0 && trusted.stderr.contains(expected[7]), "\(trusted.stderr)")
        let twice = try keys(["trust", "--name", "Eva de Vries", key] + folder, language)
        #expect(twice.status == 0 && twice.stderr.contains(expected[8]), "\(twice.stderr)")
    }

    @Test("keys show says what is wrong with a damaged key and a key others can read, in the session's language",
          arguments: [(nil as Language?, "uw ondertekeningssleutel %@ is beschadigd (regel 2: onbekend veld 'colour'); herstel het bestand",
                       "is leesbaar voor anderen (modus 644)"),
                      (.en, "your signing key %@ is damaged (line 2: unknown field 'colour'); repair the file", "is readable by others (mode 644)")])
    func keysDamaged(_ language: Language?, _ damaged: String, _ exposed: String) throws {
        defer { cleanUp() }
        #expect(try keys(["init", "--name", "Eva"], language).status == 0)
        let file = config.appendingPathComponent("signing-key")
        chmod(file.path, 0o644)
        let open = try keys(["show"], language)
        #expect(open.status == 0 && open.stderr.contains(exposed), "\(open.stderr)")
        try "name Eva\ncolour blue\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try keys(["show"], language)
        #expect(r.status == 2 && r.stderr.contains(damaged.replacingOccurrences(of: "%@", with: file.path)), "\(r.stderr)")
    }

    // MARK: firm.yaml, stale, output that cannot be written

    @Test("show names a firm.yaml field without text in the session's language",
          arguments: [(nil as Language?, "firm.yaml:1:7: missing-field: 'name' heeft geen tekst; schrijf het als gewone tekst of als {nl: ..., en: ...}"),
                      (.en, "firm.yaml:1:7: missing-field: 'name' has no text; write it as plain text or as {nl: ..., en: ...}")])
    func firmFieldWithoutText(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        let id = try saveDefinite()
        try "name: {}\n".write(to: records.appendingPathComponent("firm.yaml"), atomically: true, encoding: .utf8)
        let r = try run(["transcripts", "show", id, "--format", "html"], language)
        #expect(r.status == 2 && r.stderr.contains(expected), "\(r.stderr)")
    }

    @Test("stale says the old and the new verdict in the session's language, whatever language the record was saved in",
          arguments: [(nil as Language?, Language.en, "Toegestaan, mits u aan de voorwaarden voldoet → Niet toegestaan"),
                      (.en, .nl, "Allowed if you meet the conditions → Not allowed")])
    func staleVerdicts(_ language: Language?, _ saved: Language, _ expected: String) throws {
        defer { cleanUp() }
        let r = try TrustShell.run(TrustShell.customerCall(on: "2026-05-15") + ["--save", "--lang", saved.rawValue, "--transcripts", records.path],
                                   config: config)
        #expect(r.status == 0, "\(r.stderr)")
        let stale = try run(["transcripts", "stale", "--on", "2026-09-01"], language)
        #expect(stale.status == 1 && stale.stdout.contains(": \(expected)\n"), "\(stale.stdout)")
    }

    @Test("output that cannot be written is said in the language of the command, on both ways of parsing it",
          arguments: [(nil as Language?, "de uitvoer kan niet worden geschreven: "), (.en, "the output could not be written: ")])
    func outputNotWritten(_ language: Language?, _ expected: String) throws {
        defer { cleanUp() }
        let id = try saveDefinite()
        let lang = language.map { ["--lang", $0.rawValue] } ?? []
        let objection = ["advise", "--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"]
        let commands = [objection + lang, ["transcripts", "show", id, "--transcripts", records.path] + lang, ["keys", "show"] + lang]
        #expect(try keys(["init", "--name", "Eva"], nil).status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["DMCC_CONFIG"] = config.path
        for command in commands {
            let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let r = try Program.run(command, environment: environment, stdout: full)
            #expect(r.status == 74 && r.stderr.contains(expected), "\(command): \(r.stderr)")
        }
    }
}
