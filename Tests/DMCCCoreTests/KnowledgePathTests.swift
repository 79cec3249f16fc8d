import Foundation
import Testing

/// A folder named with `..` after a symbolic link is the folder the system opens, as `ls` and
/// `cat` see it. Before, `..` was taken out as text, so `p/link/../K` read `p/K` while
/// `$PWD/p/link/../K` (resolved by the system) read the `K` next to the link's target: the same
/// spelling, two knowledge bases, two verdicts (a tryout found this).
@Suite("Folders named through a symbolic link and ..")
struct KnowledgePathTests {
    @Test("--knowledge p/link/../K reads the folder the system resolves, relative or absolute, and so does DMCC_KNOWLEDGE")
    func dotDotAfterLink() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("dmcc-dotdot-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let p = root.appendingPathComponent("p"), q = root.appendingPathComponent("q")
        try fm.createDirectory(at: p, withIntermediateDirectories: true)
        try fm.createDirectory(at: q.appendingPathComponent("inner"), withIntermediateDirectories: true)
        let shipped = Program.root.appendingPathComponent("Knowledge")
        try fm.copyItem(at: shipped, to: p.appendingPathComponent("K"))
        try fm.copyItem(at: shipped, to: q.appendingPathComponent("K"))
        // q/K says something p/K does not, in the advice for an objection.
        let file = q.appendingPathComponent("K/70-objections.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("nl: Geen kosten voor een afmelding"))
        try text.replacingOccurrences(of: "nl: Geen kosten voor een afmelding", with: "nl: Kennis uit q, geen kosten")
            .write(to: file, atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: p.appendingPathComponent("link").path, withDestinationPath: q.appendingPathComponent("inner").path)

        let advice = ["advise", "--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"]
        var env = Program.environment(removing: ["DMCC_KNOWLEDGE", "DMCC_CACHE"])
        env["DMCC_CACHE"] = root.appendingPathComponent("cache").path
        for spelling in ["p/link/../K", root.path + "/p/link/../K", "./p/link/../K/"] {
            let r = try Program.run(advice + ["--knowledge", spelling], in: root, environment: env)
            #expect(r.status == 0, "\(spelling): \(r.stderr)")
            #expect(r.stdout.contains("Kennis uit q"), "\(spelling) did not read q/K: \(r.stdout)")
        }
        var viaEnvironment = env
        viaEnvironment["DMCC_KNOWLEDGE"] = "p/link/../K"
        let r = try Program.run(advice, in: root, environment: viaEnvironment)
        #expect(r.stdout.contains("Kennis uit q"), "DMCC_KNOWLEDGE did not read q/K: \(r.stdout)")
        // Without a symbolic link, .. is what it always was.
        let plain = try Program.run(advice + ["--knowledge", "q/inner/../../p/K"], in: root, environment: env)
        #expect(plain.stdout.contains("Geen kosten voor een afmelding"), "\(plain.stdout)")
    }
}

@Suite("A knowledge folder that is not one")
struct WrongKnowledgeFolderTests {
    let objection = ["advise", "--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"]

    @Test("a folder without .yaml files is named as the wrong folder (exit 4), not reported as broken knowledge, in both languages")
    func noKnowledgeFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-nofiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("not knowledge\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        var env = Program.environment(removing: ["DMCC_KNOWLEDGE", "DMCC_CACHE"])
        env["DMCC_CACHE"] = folder.appendingPathComponent("cache").path
        let nl = try Program.run(objection + ["--knowledge", folder.path], environment: env)
        #expect(nl.status == 4)
        #expect(nl.stderr.contains("bevat geen kennisbestanden (.yaml of .yml)"), "\(nl.stderr)")
        #expect(!nl.stderr.contains("missing-field"), "\(nl.stderr)")
        let en = try Program.run(objection + ["--lang", "en", "--knowledge", folder.path], environment: env)
        #expect(en.status == 4)
        #expect(en.stderr.contains("holds no knowledge files (.yaml or .yml)"), "\(en.stderr)")
    }

    @Test("--knowledge '~/K' (the shell left the ~) is the folder K in the home folder")
    func tildeNotExpandedByTheShell() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.copyItem(at: Program.root.appendingPathComponent("Knowledge"), to: home.appendingPathComponent("K"))
        var env = Program.environment(removing: ["DMCC_KNOWLEDGE", "DMCC_CACHE"])
        env["HOME"] = home.path
        env["DMCC_CACHE"] = home.appendingPathComponent("cache").path
        let r = try Program.run(objection + ["--knowledge", "~/K"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("NIET TOEGESTAAN"), "\(r.stdout)")
    }
}
