import Foundation
import Testing

/// The advice-record commands, run as processes against a scratch folder.
@Suite("Transcripts on disk")
struct TranscriptCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-records-\(UUID().uuidString)")
    let voicelog = ["--fact", "purpose=phone-contract", "--fact", "recipient=consumer", "--fact", "call-initiator=trader",
                    "--fact", "objected=no", "--fact", "consent=yes", "--fact", "contract-type=regular-supply",
                    "--fact", "renewal=no", "--fact", "contract-extra=no", "--fact", "confirmation=voicelog",
                    "--date", "2026-11-29"]

    func save(_ extra: [String] = []) throws -> Program.Result {
        try Program.run(["advise"] + voicelog + ["--save", "--transcripts", folder.path] + extra)
    }

    func ids() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test("advise --save writes a private JSON and Markdown record that verifies")
    func saveAndVerify() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try save(["--client", "Energie Één B.V.", "--consultant", "Eva", "--subject", "Voicelog", "--note", "Gesprek van 28/11"])
        #expect(r.status == 0, "\(r.stderr)")
        let id = try #require(ids().first)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        for ext in ["json", "md"] {
            let file = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("\(id).\(ext)").path)
            #expect((file[.posixPermissions] as? Int) == 0o600)
        }
        let verify = try Program.run(["transcripts", "verify", "--transcripts", folder.path])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("ok   \(id)"))
        let show = try Program.run(["transcripts", "show", id, "--transcripts", folder.path])
        #expect(show.stdout.contains("| Klant | Energie Één B.V. |"))
        let json = try Program.run(["transcripts", "show", id, "--format", "json", "--transcripts", folder.path])
        #expect(json.stdout.contains("\"verdict\" : \"not-allowed\""))
    }

    @Test("verify names every tampered record and exits non-zero")
    func tampered() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try save()
        _ = try save()
        let all = ids()
        #expect(all.count == 2)
        let target = folder.appendingPathComponent("\(all[1]).json")
        let edited = try String(contentsOf: target, encoding: .utf8).replacingOccurrences(of: "not-allowed", with: "allowed")
        try edited.write(to: target, atomically: true, encoding: .utf8)
        let verify = try Program.run(["transcripts", "verify", "--transcripts", folder.path])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("ok   \(all[0])"))
        #expect(verify.stdout.contains("FAIL \(all[1]): de inhoud klopt niet met het SHA-256-zegel"), "\(verify.stdout)")
        #expect(verify.stderr.contains("afgekeurd: \(all[1])"))
    }

    @Test("verify checks records on every core and reports them in id order, each with its own problems")
    func verifyInOrder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for i in 0..<12 { #expect(try save(["--client", "Klant \(i)"]).status == 0) }
        let all = ids()
        let tampered = [all[2], all[7], all[11]]
        for id in tampered {
            let file = folder.appendingPathComponent("\(id).json")
            try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "Klant", with: "Klont")
                .write(to: file, atomically: true, encoding: .utf8)
        }
        let verify = try Program.run(["transcripts", "verify", "--transcripts", folder.path])
        #expect(verify.status == 1)
        let lines = verify.stdout.split(separator: "\n").map(String.init)
        var order: [String] = []
        for line in lines.dropLast() {
            let id = String(line.dropFirst(5).prefix(22))
            if order.last != id { order.append(id) }
            #expect(line.hasPrefix(tampered.contains(id) ? "FAIL \(id): " : "ok   \(id)"), "\(line)")
        }
        #expect(order == all, "\(lines)")
        for id in tampered { #expect(lines.contains("FAIL \(id): de inhoud klopt niet met het SHA-256-zegel: het verslag is gewijzigd nadat het is opgeslagen")) }
        #expect(lines.last == "9 van 12 verslag(en) gecontroleerd in \(folder.path)")
    }

    @Test("list filters by client and date, and reports a corrupt file by name while listing the rest")
    func list() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try save(["--client", "Bakkerij Jansen"])
        _ = try save(["--client", "Slagerij Pietersen"])
        try Data("not json".utf8).write(to: folder.appendingPathComponent("20260101-000000-000000.json"))
        let all = try Program.run(["transcripts", "list", "--transcripts", folder.path])
        #expect(all.status == 0)
        #expect(all.stdout.contains("Bakkerij Jansen") && all.stdout.contains("Slagerij Pietersen"))
        #expect(all.stdout.contains("phone-contract") && all.stdout.contains("Niet toegestaan"))
        #expect(all.stderr.contains("20260101-000000-000000.json: geen adviesverslag; overgeslagen"), "\(all.stderr)")
        let filtered = try Program.run(["transcripts", "list", "--client", "jansen", "--transcripts", folder.path])
        #expect(filtered.stdout.contains("Bakkerij Jansen") && !filtered.stdout.contains("Pietersen"))
        let future = try Program.run(["transcripts", "list", "--since", "2999-01-01", "--transcripts", folder.path])
        #expect(future.stdout.contains("0 verslag(en)"))
    }

    @Test("replay exits 0 when the advice still holds and 1 with the changes when it does not")
    func replay() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try save()
        let id = try #require(ids().first)
        let same = try Program.run(["transcripts", "replay", id, "--transcripts", folder.path])
        #expect(same.status == 0)
        #expect(same.stdout.contains("geldt nog"))

        let knowledge = folder.appendingPathComponent("knowledge-changed")
        try FileManager.default.copyItem(at: Program.root.appendingPathComponent("Knowledge"), to: knowledge)
        let file = knowledge.appendingPathComponent("50-phone-contracts.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "Bewaar de voicelog als bewijs van wat er besproken is; als bevestiging volstaat hij niet.",
                                  with: "Bewaar de voicelog minstens twee jaar.")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let changed = try Program.run(["transcripts", "replay", id, "--knowledge", knowledge.path, "--transcripts", folder.path])
        #expect(changed.status == 1, "\(changed.stdout)\(changed.stderr)")
        #expect(changed.stdout.contains("Wat u nog wel kunt doen:\n  - Bewaar de voicelog als bewijs"))
        #expect(changed.stdout.contains("  + Bewaar de voicelog minstens twee jaar."))
        #expect(changed.stdout.contains("veranderd"))
    }

    @Test("an id that is not a record id is refused", arguments: ["../etc/passwd", "..", "a/b", "20261129-143012-a1b2c3/../x"])
    func badIDs(_ id: String) throws {
        for command in [["show", id], ["verify", id], ["replay", id]] {
            let r = try Program.run(["transcripts"] + command + ["--transcripts", folder.path])
            #expect(r.status == 2, "\(command)")
            #expect(r.stderr.contains("is geen verslag-id"))
        }
    }

    @Test("twenty concurrent saves into one folder keep twenty records")
    func concurrentSaves() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for i in 0..<20 {
                group.addTask { try self.save(["--client", "Klant \(i)"]).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 0, count: 20))
        #expect(ids().count == 20)
        let verify = try Program.run(["transcripts", "verify", "--transcripts", folder.path])
        #expect(verify.stdout.contains("20 van 20 verslag(en) gecontroleerd"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("an unwritable folder gives a clear error and exit 5")
    func unwritable() throws {
        let r = try Program.run(["advise"] + voicelog + ["--save", "--transcripts", "/etc/passwd/records"])
        #expect(r.status == 5)
        #expect(r.stderr.contains("niet opgeslagen: de map /etc/passwd/records kan niet worden gemaakt: Not a directory"), "\(r.stderr)")
        let english = try Program.run(["advise"] + voicelog + ["--save", "--lang", "en", "--transcripts", "/etc/passwd/records"])
        #expect(english.status == 5)
        #expect(english.stderr.contains("not saved: cannot create the folder /etc/passwd/records: Not a directory"), "\(english.stderr)")
    }

    @Test("a full disk gives a clear error and leaves no half-written record",
          .enabled(if: FullDisk.canMount, "needs root to mount a tiny tmpfs"))
    func fullDisk() throws {
        let mount = try FullDisk()
        defer { mount.remove() }
        let r = try Program.run(["advise"] + voicelog + ["--save", "--transcripts", mount.path + "/T"])
        #expect(r.status == 5)
        #expect(r.stderr.contains("No space left on device (de schijf is vol)"), "\(r.stderr)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: mount.path + "/T")) ?? []
        #expect(left.isEmpty, "\(left)")
    }
}

/// A 12 KiB tmpfs filled to the brim, to see what a save does on a full disk.
struct FullDisk {
    let path = "/tmp/dmcc-full-\(UUID().uuidString.prefix(8))"

    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let probe = "/tmp/dmcc-probe-\(getpid())"
        mkdir(probe, 0o700)
        defer { rmdir(probe) }
        guard system("mount -t tmpfs -o size=12k tmpfs \(probe) 2>/dev/null") == 0 else { return false }
        _ = system("umount \(probe)")
        return true
    }()

    init() throws {
        mkdir(path, 0o700)
        guard system("mount -t tmpfs -o size=12k tmpfs \(path)") == 0 else { throw POSIXError(.EPERM) }
        _ = system("dd if=/dev/zero of=\(path)/fill bs=1k count=64 2>/dev/null")
        mkdir(path + "/T", 0o700)
        _ = system("dd if=/dev/zero of=\(path)/fill2 bs=1k count=64 2>/dev/null")
    }

    func remove() {
        _ = system("umount \(path)")
        rmdir(path)
    }
}
