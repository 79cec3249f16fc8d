import Foundation
import Testing

/// `advise` and the wizard's start speak the session's language on standard error too: Dutch by
/// default, English with `--lang en` (a consultant tryout found these English in a Dutch session).
@Suite("Messages of advise and the wizard's start, in Dutch and English")
struct AdviseMessageTests {
    let objection = ["advise", "--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"]

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-advise-messages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a save says where the record went", arguments: [
        ("nl", "opgeslagen als "), ("en", "saved "),
    ])
    func saved(_ language: String, _ expected: String) throws {
        let records = try scratch()
        defer { try? FileManager.default.removeItem(at: records) }
        let r = try Program.run(objection + ["--save", "--lang", language, "--transcripts", records.path])
        #expect(r.status == 0, "\(r.stderr)")
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: records.path).first { $0.hasSuffix(".json") })
            .replacingOccurrences(of: ".json", with: "")
        #expect(r.stderr.hasPrefix("dmcc-advisor: " + expected + id + " in "), "\(r.stderr)")
    }

    @Test("incomplete advice is not saved, and says what to answer", arguments: [
        ("nl", "het advies is onvolledig, dus er is niets opgeslagen; beantwoord nog: request"),
        ("en", "the advice is incomplete, so nothing was saved; answer: request"),
    ])
    func incomplete(_ language: String, _ expected: String) throws {
        let records = try scratch()
        defer { try? FileManager.default.removeItem(at: records) }
        let r = try Program.run(["advise", "--fact", "purpose=objection", "--date", "2026-11-29", "--save", "--lang", language,
                                 "--transcripts", records.path])
        #expect(r.status == 3)
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: records.path).isEmpty)
    }

    @Test("an action date that is not a date is refused in the session's language, by advise and the wizard", arguments: [
        ("nl", "'2026-13-45' is geen datum; schrijf die als JJJJ-MM-DD"), ("en", "'2026-13-45' is not a date; write it as YYYY-MM-DD"),
    ])
    func badDate(_ language: String, _ expected: String) throws {
        let advise = try Program.run(objection.dropLast(2) + ["--date", "2026-13-45", "--lang", language])
        #expect(advise.status == 2)
        #expect(advise.stderr.contains(expected), "\(advise.stderr)")
        let wizard = try Program.run(["--plain", "--date", "2026-13-45", "--lang", language])
        #expect(wizard.status == 2)
        #expect(wizard.stderr.contains(expected), "\(wizard.stderr)")
    }

    @Test("--resume with nothing to resume says so in the session's language", arguments: [
        ("nl", "geen onderbroken sessie in "), ("en", "no interrupted session in "),
    ])
    func nothingToResume(_ language: String, _ expected: String) throws {
        let records = try scratch()
        defer { try? FileManager.default.removeItem(at: records) }
        let r = try Program.run(["--plain", "--resume", "--lang", language, "--date", "2026-11-29", "--transcripts", records.path])
        #expect(r.stderr.contains(expected), "\(r.stderr)")
    }

    @Test("knowledge that cannot be used is said in the session's language, the folder named as given", arguments: [
        ("nl", "--knowledge 'Knowledge/facts.yaml' is geen map; geef de kennismap op, niet een bestand daarin"),
        ("en", "--knowledge 'Knowledge/facts.yaml' is not a folder; name the knowledge folder, not a file in it"),
    ])
    func unusableKnowledge(_ language: String, _ expected: String) throws {
        let advise = try Program.run(objection + ["--lang", language, "--knowledge", "Knowledge/facts.yaml"])
        #expect(advise.status == 4)
        #expect(advise.stderr.contains(expected), "\(advise.stderr)")
        let wizard = try Program.run(["--plain", "--lang", language, "--knowledge", "Knowledge/facts.yaml"])
        #expect(wizard.status == 4)
        #expect(wizard.stderr.contains(expected), "\(wizard.stderr)")
    }

    @Test("broken knowledge: the count is said in the session's language, the problems as lint reports them", arguments: [
        ("nl", "de kennisbank heeft 1 probleem/problemen; 'dmcc-advisor lint' geeft de details:"),
        ("en", "the knowledge base has 1 problem(s); run 'dmcc-advisor lint' for details:"),
    ])
    func brokenKnowledge(_ language: String, _ expected: String) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let knowledge = folder.appendingPathComponent("Knowledge")
        try FileManager.default.copyItem(at: Program.root.appendingPathComponent("Knowledge"), to: knowledge)
        try FileManager.default.removeItem(at: knowledge.appendingPathComponent("cases"))
        try "nodes: [\n".write(to: knowledge.appendingPathComponent("80-broken.yaml"), atomically: true, encoding: .utf8)
        let r = try Program.run(objection + ["--lang", language, "--knowledge", knowledge.path])
        #expect(r.status == 4)
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        #expect(r.stderr.contains("80-broken.yaml:"), "the problem names its file and line: \(r.stderr)")
    }

    @Test("a letter that cannot be written names the system's reason, not Foundation's 'The operation could not be completed'")
    func letterReason() throws {
        let records = try scratch()
        defer { try? FileManager.default.removeItem(at: records) }
        let saved = try Program.run(objection + ["--save", "--transcripts", records.path])
        #expect(saved.status == 0, "\(saved.stderr)")
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: records.path).first { $0.hasSuffix(".json") })
            .replacingOccurrences(of: ".json", with: "")
        let target = records.appendingPathComponent("no-such-folder/letter.html").path
        let r = try Program.run(["transcripts", "show", id, "--format", "html", "--output", target, "--transcripts", records.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(target) kan niet worden geschreven: No such file or directory"), "\(r.stderr)")
        #expect(!r.stderr.contains("could not be completed"), "\(r.stderr)")
    }

    @Test("an empty --transcripts is refused as a usage error; nothing is saved in the default folder instead")
    func emptyTranscripts() throws {
        let fallback = try scratch()
        defer { try? FileManager.default.removeItem(at: fallback) }
        var env = Program.environment(removing: ["DMCC_TRANSCRIPTS"])
        env["DMCC_TRANSCRIPTS"] = fallback.path
        for command in [objection + ["--save", "--transcripts", ""], ["transcripts", "list", "--transcripts", ""]] {
            let r = try Program.run(command, environment: env)
            #expect(r.status == 64, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("--transcripts is empty"), "\(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: fallback.path).isEmpty)
    }
}
