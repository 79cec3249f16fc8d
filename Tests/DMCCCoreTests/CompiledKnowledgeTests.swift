import DMCCCore
import Foundation
import Testing

/// The compiled form of the knowledge (issue 12): the model read from it is the model read from
/// the YAML, and a compiled form that does not belong to exactly these bytes is never used.
@Suite("Compiled knowledge")
struct CompiledKnowledgeTests {
    static let fixtures = Program.root.appendingPathComponent("Tests/Fixtures/CaseKnowledge")

    static func sources(in folder: URL, shownAs prefix: String) throws -> [KnowledgeSource] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            KnowledgeSource(path: prefix + name, bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    static func roundTrip(_ sources: [KnowledgeSource]) throws -> (yaml: KnowledgeBase, compiled: KnowledgeBase?) {
        let yaml = try Linter.validated(sources)
        let key = CompiledKnowledge.key(knowledgeSHA256: KnowledgeDigest.sha256(of: sources), program: "test")
        let bytes = CompiledKnowledge.encode(yaml, key: key)
        return (yaml, CompiledKnowledge.decode(bytes, key: key, paths: sources.map(\.path)))
    }

    @Test("the shipped knowledge read from its compiled form equals the knowledge read from YAML: every node, question, outcome and location")
    func shippedRoundTrip() throws {
        let (yaml, compiled) = try Self.roundTrip(Shipped.sources)
        let kb = try #require(compiled)
        #expect(kb == yaml)
        // Equatable compares everything; these say where a difference would be.
        #expect(kb.metadata == yaml.metadata)
        #expect(kb.facts == yaml.facts)
        #expect(kb.nodes.count == yaml.nodes.count)
        for (a, b) in zip(kb.nodes, yaml.nodes) {
            #expect(a == b, "node \(b.id) at \(b.location)")
            #expect(a.location == b.location)
        }
        #expect(kb.sha256 == yaml.sha256)
        #expect(kb.question(yaml.metadata.root) == yaml.question(yaml.metadata.root))
    }

    @Test("the test fixtures round-trip as well")
    func fixturesRoundTrip() throws {
        let (yaml, compiled) = try Self.roundTrip(try Self.sources(in: Self.fixtures, shownAs: "fixture/"))
        #expect(compiled == yaml)
    }

    @Test("locations name the files where they are read now, as a YAML load from there would")
    func locationsFollowTheFolder() throws {
        let here = Shipped.sources
        let there = here.map { KnowledgeSource(path: "/elsewhere/Knowledge/" + $0.path.split(separator: "/").last!, bytes: $0.bytes) }
        let key = CompiledKnowledge.key(knowledgeSHA256: KnowledgeDigest.sha256(of: here), program: "test")
        #expect(KnowledgeDigest.sha256(of: here) == KnowledgeDigest.sha256(of: there))
        let bytes = CompiledKnowledge.encode(try Linter.validated(here), key: key)
        let moved = try #require(CompiledKnowledge.decode(bytes, key: key, paths: there.map(\.path)))
        #expect(moved == (try Linter.validated(there)))
        #expect(moved.nodes.allSatisfy { $0.location.file.hasPrefix("/elsewhere/Knowledge/") })
        // A file the compiled form points into that is not among the files now: not this knowledge.
        #expect(CompiledKnowledge.decode(bytes, key: key, paths: Array(there.map(\.path).dropFirst())) == nil)
    }

    @Test("a compiled form for another key (other bytes, program or format) is refused")
    func otherKey() throws {
        let sources = Shipped.sources
        let key = CompiledKnowledge.key(knowledgeSHA256: KnowledgeDigest.sha256(of: sources), program: "0.1.0")
        let bytes = CompiledKnowledge.encode(Shipped.knowledge, key: key)
        var edited = sources
        edited[0].bytes += Array("\n".utf8)
        let otherBytes = CompiledKnowledge.key(knowledgeSHA256: KnowledgeDigest.sha256(of: edited), program: "0.1.0")
        let otherProgram = CompiledKnowledge.key(knowledgeSHA256: KnowledgeDigest.sha256(of: sources), program: "0.1.1")
        #expect(otherBytes != key && otherProgram != key)
        #expect(key.contains("format-\(CompiledKnowledge.formatVersion)"))
        #expect(CompiledKnowledge.decode(bytes, key: otherBytes, paths: sources.map(\.path)) == nil)
        #expect(CompiledKnowledge.decode(bytes, key: otherProgram, paths: sources.map(\.path)) == nil)
        // The key it was compiled for comes with the model, for the caller to compare.
        #expect(CompiledKnowledge.decode(bytes, paths: sources.map(\.path))?.key == key)
    }

    @Test("a compiled form's file is named by knowledge folder and program: 16 hex digits, one per pair")
    func fileNames() {
        let name = CompiledKnowledge.fileName(folder: "/srv/Knowledge", program: "dmcc-advisor 0.1.0 1 2.3")
        #expect(name.count == 16 && name.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(CompiledKnowledge.fileName(folder: "/srv/Knowledge", program: "dmcc-advisor 0.1.0 1 2.3") == name)
        let others = [CompiledKnowledge.fileName(folder: "/srv/Knowledge2", program: "dmcc-advisor 0.1.0 1 2.3"),
                      CompiledKnowledge.fileName(folder: "/srv/Knowledge", program: "dmcc-advisor 0.1.0 1 2.4"),
                      CompiledKnowledge.fileName(folder: "/srv/Knowledg", program: "e dmcc-advisor 0.1.0 1 2.3")]
        #expect(Set(others + [name]).count == 4)
    }

    @Test("a truncated or altered compiled form is refused, never read as other knowledge")
    func corrupt() throws {
        let sources = Shipped.sources
        let key = CompiledKnowledge.key(knowledgeSHA256: KnowledgeDigest.sha256(of: sources), program: "test")
        let bytes = CompiledKnowledge.encode(Shipped.knowledge, key: key)
        let paths = sources.map(\.path)
        #expect(CompiledKnowledge.decode(bytes, key: key, paths: paths) != nil)
        #expect(CompiledKnowledge.decode([], key: key, paths: paths) == nil)
        #expect(CompiledKnowledge.decode(Array(bytes.dropLast()), key: key, paths: paths) == nil)
        #expect(CompiledKnowledge.decode(Array(bytes.prefix(bytes.count / 2)), key: key, paths: paths) == nil)
        #expect(CompiledKnowledge.decode(bytes + [0], key: key, paths: paths) == nil)
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var flipped = bytes
            flipped[position] ^= 0x20
            #expect(CompiledKnowledge.decode(flipped, key: key, paths: paths) == nil, "byte \(position)")
        }
    }

    @Test("knowledge bases that differ in one location are not equal")
    func equalityIncludesLocations() throws {
        let kb = Shipped.knowledge
        var nodes = kb.nodes
        guard case .question(var q) = nodes[0] else { Issue.record("the first node is not a question"); return }
        q.location.line += 1
        nodes[0] = .question(q)
        #expect(KnowledgeBase(metadata: kb.metadata, facts: kb.facts, nodes: nodes, sha256: kb.sha256) != kb)
    }

    @Test("a text with a language other than Dutch and English keeps all its entries through the compiled form")
    func otherLanguageRoundTrip() throws {
        let kb = Shipped.knowledge
        var nodes = kb.nodes
        guard case .question(var q) = nodes[0] else { Issue.record("the first node is not a question"); return }
        q.text.byLanguage["de"] = "Wozu dient der Kontakt?"
        nodes[0] = .question(q)
        let edited = KnowledgeBase(metadata: kb.metadata, facts: kb.facts, nodes: nodes, sha256: kb.sha256)
        let bytes = CompiledKnowledge.encode(edited, key: "k")
        let decoded = try #require(CompiledKnowledge.decode(bytes, key: "k", paths: Shipped.sources.map(\.path)))
        #expect(decoded == edited)
        #expect(decoded != kb)
        guard case .question(let back) = decoded.nodes[0] else { Issue.record("the first node is not a question"); return }
        #expect(back.text.byLanguage.keys.sorted() == ["de", "en", "nl"])
        #expect(back.text.byLanguage["de"] == "Wozu dient der Kontakt?")
    }
}

/// A translated text: Dutch and English are held without a dictionary, and callers see the same
/// entries, equality and fall-backs as with one.
@Suite("Localized text")
struct LocalizedTextTests {
    let at = SourceLocation(file: "k.yaml", line: 3, column: 5)

    @Test("a text made from Dutch and English equals the same text made from a dictionary")
    func twoLanguagesEqualDictionary() {
        let fields = LocalizedText(nl: "Bellen", en: "Calling", location: at)
        let dictionary = LocalizedText(["nl": "Bellen", "en": "Calling"], location: at)
        #expect(fields == dictionary)
        #expect(fields.hashValue == dictionary.hashValue)
        #expect(fields.byLanguage == ["nl": "Bellen", "en": "Calling"])
        #expect(LocalizedText(nl: "Bellen", en: nil) == LocalizedText(["nl": "Bellen"]))
        #expect(LocalizedText(nl: "Bellen", en: nil).byLanguage == ["nl": "Bellen"])
        #expect(LocalizedText(nl: "Bellen", en: "Calling", location: at) != LocalizedText(nl: "Bellen", en: "Phoning", location: at))
        #expect(LocalizedText(nl: "Bellen", en: "Calling", location: at) != LocalizedText(nl: "Bellen", en: "Calling"))
        #expect(LocalizedText(["nl": "Bellen", "en": "Calling", "de": "Anrufen"]) != LocalizedText(nl: "Bellen", en: "Calling"))
    }

    @Test("changing byLanguage changes the text, other languages included")
    func settingEntries() {
        var text = LocalizedText(nl: "Bellen", en: "Calling", location: at)
        text.byLanguage["en"] = nil
        text.byLanguage["de"] = "Anrufen"
        #expect(text.byLanguage == ["nl": "Bellen", "de": "Anrufen"])
        #expect(text == LocalizedText(["de": "Anrufen", "nl": "Bellen"], location: at))
        #expect(text.location == at)
        text.byLanguage = [:]
        #expect(text.byLanguage.isEmpty)
        #expect(text == LocalizedText([:], location: at))
    }

    @Test("a missing translation falls back to Dutch, then to the first text in sort order, then to nothing")
    func fallBacks() {
        #expect(LocalizedText(nl: "Bellen", en: "Calling").text(.en) == "Calling")
        #expect(LocalizedText(nl: "Bellen", en: "Calling").text(.nl) == "Bellen")
        #expect(LocalizedText(nl: "Bellen", en: nil).text(.en) == "Bellen")
        #expect(LocalizedText(nl: nil, en: "Calling").text(.nl) == "Calling")
        #expect(LocalizedText(["en": "Calling", "de": "Anrufen"]).text(.nl) == "Anrufen")
        #expect(LocalizedText(["de": "Anrufen", "fr": "Appeler"]).text(.en) == "Anrufen")
        #expect(LocalizedText([:]).text(.nl) == "")
    }
}

/// The compiled form on disk, as the program uses it.
@Suite("Compiled knowledge in the program")
struct CompiledKnowledgeProgramTests {
    let objection = ["advise", "--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes", "--date", "2026-11-29"]

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-compiled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Program.root.appendingPathComponent("Knowledge"), to: folder.appendingPathComponent("Knowledge"))
        return folder
    }

    func environment(cache: URL) -> [String: String] {
        var env = Program.environment(removing: ["DMCC_KNOWLEDGE", "DMCC_CACHE"])
        env["DMCC_CACHE"] = cache.path
        return env
    }

    func compiledFiles(_ cache: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasSuffix(".bin") }
    }

    @Test("advice writes the compiled form once and gives the same advice from it")
    func writesAndReuses() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let env = environment(cache: cache)
        let first = try Program.run(objection + ["--format", "json"], in: folder, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(compiledFiles(cache).count == 1)
        let second = try Program.run(objection + ["--format", "json"], in: folder, environment: env)
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
        #expect(compiledFiles(cache).count == 1)
    }

    @Test("an edited knowledge file is used at once, compiled form or not")
    func editedKnowledgeIsUsedAtOnce() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = environment(cache: folder.appendingPathComponent("cache"))
        let before = try Program.run(objection, in: folder, environment: env)
        #expect(before.status == 0)
        #expect(before.stdout.contains("Geen kosten voor een afmelding"))
        let file = folder.appendingPathComponent("Knowledge/70-objections.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("nl: Geen kosten voor een afmelding"))
        try text.replacingOccurrences(of: "nl: Geen kosten voor een afmelding", with: "nl: Nooit kosten voor een afmelding")
            .write(to: file, atomically: true, encoding: .utf8)
        let after = try Program.run(objection, in: folder, environment: env)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("Nooit kosten voor een afmelding"), "\(after.stdout)")
    }

    @Test("one compiled file per knowledge folder: an edit and its undo each answer from their own knowledge")
    func oneFilePerFolder() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let env = environment(cache: cache)
        let file = folder.appendingPathComponent("Knowledge/70-objections.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "nl: Geen kosten voor een afmelding", with: "nl: Nooit kosten voor een afmelding")
        for (text, expected) in [(original, "Geen kosten"), (edited, "Nooit kosten"), (original, "Geen kosten"), (original, "Geen kosten")] {
            try text.write(to: file, atomically: true, encoding: .utf8)
            let r = try Program.run(objection, in: folder, environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains(expected), "\(r.stdout)")
            #expect(compiledFiles(cache).count == 1)
        }
        // Another folder with the same knowledge gets a file of its own.
        try FileManager.default.copyItem(at: folder.appendingPathComponent("Knowledge"), to: folder.appendingPathComponent("Copy"))
        #expect(try Program.run(objection + ["--knowledge", "Copy"], in: folder, environment: env).status == 0)
        #expect(compiledFiles(cache).count == 2)
    }

    @Test("a corrupt compiled form is ignored and written again")
    func corruptFileIsRewritten() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let env = environment(cache: cache)
        let good = try Program.run(objection, in: folder, environment: env)
        let name = try #require(compiledFiles(cache).first)
        let file = cache.appendingPathComponent(name)
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: file)
        let again = try Program.run(objection, in: folder, environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == good.stdout)
        #expect([UInt8](try Data(contentsOf: file)) != bytes)
    }

    @Test("a compiled form that others may write is not trusted: it is written again")
    func writableByOthersIsRewritten() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let env = environment(cache: cache)
        let good = try Program.run(objection, in: folder, environment: env)
        let file = cache.appendingPathComponent(try #require(compiledFiles(cache).first))
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: file.path)
        let again = try Program.run(objection, in: folder, environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == good.stdout)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0, "mode \(String(mode, radix: 8))")
    }

    @Test("only the newest compiled forms are kept, and leftovers of a killed write are removed")
    func pruning() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let hourAgo = Date(timeIntervalSinceNow: -3600)
        for i in 0..<10 {
            let old = cache.appendingPathComponent("knowledge-old\(i).bin")
            try Data([1]).write(to: old)
            try FileManager.default.setAttributes([.modificationDate: hourAgo.addingTimeInterval(Double(i))], ofItemAtPath: old.path)
        }
        let leftover = cache.appendingPathComponent(".tmp-knowledge-killed")
        try Data([1]).write(to: leftover)
        try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: leftover.path)
        let writing = cache.appendingPathComponent(".tmp-knowledge-writing")
        try Data([1]).write(to: writing)
        #expect(try Program.run(objection, in: folder, environment: environment(cache: cache)).status == 0)
        let files = compiledFiles(cache)
        #expect(files.count == 8, "\(files)")
        #expect(files.contains { !$0.contains("-old") })
        #expect(!files.contains("knowledge-old0.bin") && files.contains("knowledge-old9.bin"))
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(FileManager.default.fileExists(atPath: writing.path))
    }

    @Test("a cache folder that cannot be written is never fatal")
    func unwritableCache() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notAFolder = folder.appendingPathComponent("Knowledge/facts.yaml")
        let r = try Program.run(objection, in: folder, environment: environment(cache: notAFolder.appendingPathComponent("cache")))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("NIET TOEGESTAAN"))
    }

    @Test("without DMCC_CACHE the compiled form goes to $XDG_CACHE_HOME/dmcc-advisor")
    func xdgCacheHome() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var env = Program.environment(removing: ["DMCC_KNOWLEDGE", "DMCC_CACHE"])
        env["XDG_CACHE_HOME"] = folder.appendingPathComponent("xdg").path
        let r = try Program.run(objection, in: folder, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(compiledFiles(folder.appendingPathComponent("xdg/dmcc-advisor")).count == 1)
    }

    @Test("lint and test read the YAML: they write no compiled form")
    func lintAndTestReadYAML() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let env = environment(cache: cache)
        #expect(try Program.run(["lint"], in: folder, environment: env).status == 0)
        #expect(try Program.run(["test"], in: folder, environment: env).status == 0)
        #expect(compiledFiles(cache).isEmpty)
    }
}
