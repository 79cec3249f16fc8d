import DMCCCore
import Foundation
import Testing

/// `transcripts show` as a letter (HTML, PDF), with firm settings, `--lang` and the chain of records,
/// run as the real program against a scratch records folder.
@Suite("The client letter on the command line")
struct ClientLetterCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-letter-\(UUID().uuidString)")

    /// Writes a record's two files as a save does.
    func put(_ record: AdviceRecord) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(RecordRenderer.markdown(record).utf8).write(to: folder.appendingPathComponent(record.id + ".md"))
        try Data(record.prettyJSON().utf8).write(to: folder.appendingPathComponent(record.id + ".json"))
    }

    func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL = Program.root) throws -> Program.Result {
        try Program.run(arguments, in: directory, environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new })
    }

    func show(_ id: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> Program.Result {
        try run(["transcripts", "show", id, "--transcripts", folder.path] + extra, environment: environment)
    }

    @Test("show --format html takes the firm from firm.yaml in the records folder")
    func htmlWithFirm() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try LetterFixture.record()
        try put(r)
        try "name: Voorbeeld Compliance B.V.\nemail: advies@voorbeeld.nl\n".write(to: folder.appendingPathComponent("firm.yaml"), atomically: true, encoding: .utf8)
        let html = try show(r.id, ["--format", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.contains("<p class=\"firm-name\">Voorbeeld Compliance B.V.</p>"))
        #expect(html.stdout.contains("advies@voorbeeld.nl"))
    }

    @Test("a broken firm.yaml stops show with the problem at its file:line")
    func brokenFirm() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try LetterFixture.record()
        try put(r)
        try "name: Voorbeeld\ntelefoon: 020 123\n".write(to: folder.appendingPathComponent("firm.yaml"), atomically: true, encoding: .utf8)
        let html = try show(r.id, ["--format", "html"])
        #expect(html.status == 2)
        #expect(html.stderr.contains("firm.yaml:2:1: unknown-key: unknown key 'telefoon'"), "\(html.stderr)")
        #expect(html.stdout.isEmpty)
    }

    @Test("--output writes the page and never overwrites a file without --force")
    func output() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try LetterFixture.record()
        try put(r)
        let target = folder.appendingPathComponent("brief.html")
        #expect(try show(r.id, ["--format", "html", "--output", target.path]).status == 0)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("<h2>Ons advies</h2>"))
        try "mine".write(to: target, atomically: true, encoding: .utf8)
        let again = try show(r.id, ["--format", "html", "--output", target.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("bestaat al") && again.stderr.contains("--force"))
        #expect(try String(contentsOf: target, encoding: .utf8) == "mine")
        #expect(try show(r.id, ["--format", "html", "--output", target.path, "--force"]).status == 0)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("<h2>Ons advies</h2>"))
        #expect(try show(r.id, ["--output", target.path]).status == 64)
    }

    @Test("show --lang en gives a Dutch record wholly in English, replay --lang en too")
    func otherLanguage() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try LetterFixture.record()
        try put(r)
        let md = try show(r.id, ["--lang", "en"])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.contains("## Our advice: Not allowed\n\n**A voicelog is not written confirmation**"))
        #expect(!md.stdout.contains("Ons advies") && !md.stdout.contains("Klant"))
        let text = try show(r.id, ["--lang", "en", "--format", "text"])
        #expect(text.stdout.contains("NOT ALLOWED") && text.stdout.contains("  Client: Energie Één B.V."))
        let replay = try run(["transcripts", "replay", r.id, "--lang", "en", "--transcripts", folder.path])
        #expect(replay.status == 0)
        #expect(replay.stdout == "The advice of \(r.id) still holds.\n")
    }

    @Test("a record from other knowledge, shown and replayed in the other language, says its texts are quoted as saved")
    func otherKnowledge() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var sources = Shipped.sources
        let i = try #require(sources.firstIndex { $0.path.hasSuffix("knowledge.yaml") })
        let meta = String(decoding: sources[i].bytes, as: UTF8.self)
        sources[i].bytes = Array(meta.replacingOccurrences(of: "version: \(LetterFixture.kb.metadata.version)", with: "version: 2026.10.1").utf8)
        let older = try Linter.validated(sources)
        #expect(older.sha256 != LetterFixture.kb.sha256)
        let r = try LetterFixture.record(kb: older)
        try put(r)
        let md = try show(r.id, ["--lang", "en"])
        #expect(md.stdout.contains("_The texts of this advice are in Dutch, as it was saved"))
        #expect(md.stdout.contains("## Our advice: Not allowed\n\n**Een voicelog is geen schriftelijke bevestiging**"))
        let replay = try run(["transcripts", "replay", r.id, "--lang", "en", "--transcripts", folder.path])
        #expect(replay.status == 0)
        #expect(replay.stdout.hasPrefix("(The differences are quoted in Dutch, the language the record was saved in.)\n"))
        #expect(replay.stdout.hasSuffix("The advice of \(r.id) still holds.\n"))
    }

    @Test("show names the record a record supersedes and the one that superseded it")
    func chain() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try LetterFixture.record(id: "20261129-143012-0000aa")
        let second = try LetterFixture.record(supersedes: first.id, id: "20261129-150000-0000bb")
        try put(first)
        try put(second)
        let old = try show(first.id)
        #expect(old.stdout.contains("| Vervangen door | 20261129-150000-0000bb |"), "\(old.stdout)")
        let new = try show(second.id)
        #expect(new.stdout.contains("| Vervangt | 20261129-143012-0000aa |"))
        #expect(!new.stdout.contains("Vervangen door"))
        let en = try show(first.id, ["--format", "text", "--lang", "en"])
        #expect(en.stdout.contains("  Superseded by: 20261129-150000-0000bb"))
        #expect(try run(["transcripts", "verify", "--transcripts", folder.path]).status == 0)
    }

    @Test("records saved by main at 9bfbd18 verify with the program, and show in the new layout")
    func oldRecords() throws {
        let fixtures = RecordLayoutCompatibilityTests.folder.path
        let verify = try run(["transcripts", "verify", "--transcripts", fixtures])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("2 van 2 verslag(en) gecontroleerd"))
        let show = try run(["transcripts", "show", "20261129-154401-3edc07", "--transcripts", fixtures])
        #expect(show.stdout.contains("| Klant | Energie Één B.V. \\<script\\> |"))
        #expect(show.stdout.contains("## Ons advies: Niet toegestaan"))
    }

    @Test("without a browser, --format pdf says how to get a PDF and exits 74")
    func noBrowser() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try LetterFixture.record()
        try put(r)
        let target = folder.appendingPathComponent("brief.pdf")
        let pdf = try show(r.id, ["--format", "pdf", "--output", target.path], environment: ["DMCC_CHROMIUM": "/nonexistent/chromium"])
        #expect(pdf.status == 74)
        #expect(pdf.stderr.contains("apt-get install chromium") && pdf.stderr.contains("--format html --output"), "\(pdf.stderr)")
        #expect(pdf.stderr.contains("geen Chromium gevonden om de PDF te maken"), "Dutch by default: \(pdf.stderr)")
        let english = try show(r.id, ["--format", "pdf", "--output", target.path, "--lang", "en"], environment: ["DMCC_CHROMIUM": "/nonexistent/chromium"])
        #expect(english.status == 74 && english.stderr.contains("no Chromium found to print the PDF"), "\(english.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    static var browserInstalled: Bool {
        ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"].contains { name in
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
                .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
    }

    /// In CI `DMCC_REQUIRE_CHROMIUM` is set: a missing browser fails this test instead of skipping it.
    static var printsPDFs: Bool { browserInstalled || ProcessInfo.processInfo.environment["DMCC_REQUIRE_CHROMIUM"] != nil }

    /// The text of a PDF as pdftotext reads it, with white space made single spaces (lines wrap where the page ends them).
    static func pdfText(_ file: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", file.path, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let raw = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "pdftotext (poppler-utils) is needed to read the PDF back", sourceLocation: sourceLocation)
        return raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("--format pdf prints the letter with headless Chromium; pdftotext reads it back", .enabled(if: printsPDFs))
    func realPDF() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try LetterFixture.record(conclusion: "Laat de klant eerst schriftelijk bevestigen.")
        try put(r)
        try "name: Voorbeeld Compliance B.V.\n".write(to: folder.appendingPathComponent("firm.yaml"), atomically: true, encoding: .utf8)
        // The default name, in the current folder.
        let pdf = try run(["transcripts", "show", r.id, "--format", "pdf", "--transcripts", folder.path], in: folder)
        #expect(pdf.status == 0, "\(pdf.stderr)")
        let file = folder.appendingPathComponent("\(r.id).pdf")
        #expect(try Data(contentsOf: file).starts(with: Data("%PDF".utf8)))
        let text = try Self.pdfText(file)
        for expected in ["Voorbeeld Compliance B.V.", "Energie Één B.V.", "Ons advies", "Niet toegestaan",
                         "Een voicelog is geen schriftelijke bevestiging", "Laat de klant eerst schriftelijk bevestigen.",
                         "Voorbehoud", "Eva de Vries", "Bijlage: technische gegevens", r.id] {
            #expect(text.lowercased().contains(expected.lowercased()), "the PDF text lacks '\(expected)'")
        }
        let again = try run(["transcripts", "show", r.id, "--format", "pdf", "--transcripts", folder.path], in: folder)
        #expect(again.status == 2 && again.stderr.contains("bestaat al"))
    }
}
