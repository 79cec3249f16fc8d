import DMCCCore
import Foundation
import Testing

/// Records shared through git, with real repositories in a scratch folder. git runs with its own
/// global config (an identity, nothing else), so the developer's settings never play a part.
@Suite("Sharing records through git")
struct GitSharingTests {
    let root = TrustShell.scratch("git")
    var gitConfig: URL { root.appendingPathComponent("gitconfig") }
    var environment: [String: String] {
        ["GIT_CONFIG_GLOBAL": gitConfig.path, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"]
    }

    init() throws {
        try "[user]\n\tname = Git User\n\temail = git@example.org\n[init]\n\tdefaultBranch = main\n"
            .write(to: gitConfig, atomically: true, encoding: .utf8)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func git(_ arguments: [String], in folder: URL) throws -> Program.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        var env = ProcessInfo.processInfo.environment
        for (name, value) in environment { env[name] = value }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Program.Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    func run(_ arguments: [String], config: String = "config") throws -> Program.Result {
        try TrustShell.run(arguments, config: root.appendingPathComponent(config), environment: environment)
    }

    func save(into records: URL, client: String, config: String = "config") throws -> Program.Result {
        try run(TrustShell.customerCall(on: "2026-11-29") + ["--save", "--client", client, "--consultant", "Eva de Vries",
                                                             "--transcripts", records.path], config: config)
    }

    /// Starts a save without waiting for it.
    func startSave(into records: URL, client: String, config: String) throws -> Process {
        let process = Process()
        let executable: URL = try #require(Program.executable)
        process.executableURL = executable
        process.arguments = TrustShell.customerCall(on: "2026-11-29") + ["--save", "--client", client, "--transcripts", records.path]
        var env = ProcessInfo.processInfo.environment
        for (name, value) in environment { env[name] = value }
        env["DMCC_CONFIG"] = root.appendingPathComponent(config).path
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("a save inside a git work tree commits exactly the record's two files, by the consultant, named by id, client and verdict")
    func saveCommits() throws {
        defer { cleanUp() }
        let repo = root.appendingPathComponent("repo")
        let records = repo.appendingPathComponent("Transcripts")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        try git(["init", "--quiet"], in: repo)
        try "draft".write(to: repo.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "{}".write(to: records.appendingPathComponent(".session-20261129-000000-abcdef.json"), atomically: true, encoding: .utf8)
        let saved = try save(into: records, client: "Bakkerij Jansen")
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(!saved.stderr.contains("not committed"))
        let id = try #require(TrustShell.recordIDs(in: records).first)
        let log = try git(["log", "--format=%an|%s"], in: repo).stdout
        #expect(log == "Eva de Vries|advice \(id): Bakkerij Jansen, not-allowed\n")
        let files = try git(["show", "--name-only", "--format=", "HEAD"], in: repo).stdout
        #expect(files == "Transcripts/\(id).json\nTranscripts/\(id).md\n")
        let status = try git(["status", "--porcelain", "--untracked-files=all"], in: repo).stdout
        #expect(status.contains("?? notes.txt") && status.contains("?? Transcripts/.session-20261129-000000-abcdef.json"))
    }

    @Test("the commit message of advice with open points says whether it is conditional, and how many points are open")
    func conditionalCommitMessage() throws {
        defer { cleanUp() }
        let repo = root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try git(["init", "--quiet"], in: repo)
        func saved(_ unknown: String, client: String) throws -> (status: Int32, subject: String) {
            let facts = TrustShell.customerCall(on: "2026-11-29").map { $0 == "\(unknown)=no" ? "\(unknown)=unknown" : $0 }
            #expect(facts.contains("\(unknown)=unknown"))
            let r = try run(facts + ["--save", "--client", client, "--consultant", "Eva de Vries", "--transcripts", repo.path])
            return (r.status, try git(["log", "-1", "--format=%s"], in: repo).stdout)
        }
        // Consent unknown: "yes" would allow the call, so the verdict is only the safe reading.
        let conditional = try saved("consent", client: "Bakkerij Jansen")
        #expect(conditional.status == 6)
        #expect(conditional.subject.hasSuffix(": Bakkerij Jansen, not-allowed (conditional: 1 open point to confirm)\n"), "\(conditional.subject)")
        // An objection unknown: not allowed whatever the answer, so nothing is conditional.
        let unchanged = try saved("objected", client: "Slagerij Smit")
        #expect(unchanged.status == 0)
        #expect(unchanged.subject.hasSuffix(": Slagerij Smit, not-allowed (1 open point, did not change the verdict)\n"), "\(unchanged.subject)")
        #expect(!unchanged.subject.contains("conditional"))
    }

    @Test("a consultant who never set up git still gets the commit, by their name")
    func noGitIdentity() throws {
        defer { cleanUp() }
        try "".write(to: gitConfig, atomically: true, encoding: .utf8)
        let repo = root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try git(["init", "--quiet"], in: repo)
        let saved = try TrustShell.run(TrustShell.customerCall(on: "2026-11-29") + ["--save", "--consultant", "Eva de Vries", "--transcripts", repo.path],
                                       config: root.appendingPathComponent("config"), environment: environment.merging(["EMAIL": ""]) { $1 })
        #expect(saved.status == 0)
        #expect(!saved.stderr.contains("not committed"), "\(saved.stderr)")
        #expect(try git(["log", "--format=%an|%cn"], in: repo).stdout == "Eva de Vries|Eva de Vries\n")
    }

    @Test("a folder git ignores (as the program's own repository ignores Transcripts/) is saved without a commit or a warning")
    func ignoredFolder() throws {
        defer { cleanUp() }
        let repo = root.appendingPathComponent("repo")
        let records = repo.appendingPathComponent("Transcripts")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        try git(["init", "--quiet"], in: repo)
        try "/Transcripts/*\n".write(to: repo.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        let saved = try save(into: records, client: "Bakkerij Jansen")
        #expect(saved.status == 0)
        #expect(!saved.stderr.contains("commit"))
        #expect(try git(["rev-list", "--all", "--count"], in: repo).stdout == "0\n")
    }

    @Test("a failing commit is a warning; the record stays saved and verifies")
    func failingCommit() throws {
        defer { cleanUp() }
        let repo = root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try git(["init", "--quiet"], in: repo)
        let hook = repo.appendingPathComponent(".git/hooks/pre-commit")
        try "#!/bin/sh\necho 'refused by policy' >&2\nexit 1\n".write(to: hook, atomically: true, encoding: .utf8)
        chmod(hook.path, 0o755)
        let saved = try save(into: repo, client: "Bakkerij Jansen")
        #expect(saved.status == 0)
        #expect(saved.stderr.contains("niet vastgelegd in git"))
        #expect(saved.stderr.contains("het verslag is opgeslagen"))
        #expect(TrustShell.recordIDs(in: repo).count == 1)
        #expect(try run(["transcripts", "verify", "--transcripts", repo.path]).status == 0)
    }

    @Test("two clones save at the same time, sync, and hold every record, signed and verified, on both sides")
    func twoClones() throws {
        defer { cleanUp() }
        let remote = root.appendingPathComponent("team.git")
        try git(["init", "--quiet", "--bare", remote.path], in: root)
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        try git(["clone", "--quiet", remote.path, a.path], in: root)
        // Both consultants make a key; Eva trusts both and shares the list (committed by keys trust).
        let eva = try run(["keys", "init", "--name", "Eva"], config: "eva").stdout.split(separator: " ").last.map { $0.trimmingCharacters(in: .newlines) }
        let jan = try run(["keys", "init", "--name", "Jan"], config: "jan").stdout.split(separator: " ").last.map { $0.trimmingCharacters(in: .newlines) }
        #expect(try run(["keys", "trust", "--name", "Eva", try #require(eva), "--transcripts", a.path], config: "eva").status == 0)
        #expect(try run(["keys", "trust", "--name", "Jan", try #require(jan), "--transcripts", a.path], config: "eva").status == 0)
        let first = try run(["transcripts", "sync", "--transcripts", a.path], config: "eva")
        #expect(first.status == 0, "\(first.stderr)")
        try git(["clone", "--quiet", remote.path, b.path], in: root)

        let processes = [try startSave(into: a, client: "Bakkerij Jansen", config: "eva"),
                         try startSave(into: b, client: "Slagerij Pietersen", config: "jan"),
                         try startSave(into: a, client: "Kapsalon Knip", config: "eva"),
                         try startSave(into: b, client: "Fietsenmaker Wiel", config: "jan")]
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })

        for (clone, config) in [(a, "eva"), (b, "jan"), (a, "eva")] {
            let sync = try run(["transcripts", "sync", "--transcripts", clone.path], config: config)
            #expect(sync.status == 0, "\(sync.stderr)")
        }
        #expect(TrustShell.recordIDs(in: a) == TrustShell.recordIDs(in: b))
        #expect(TrustShell.recordIDs(in: a).count == 4)
        for clone in [a, b] {
            let verify = try run(["transcripts", "verify", "--transcripts", clone.path])
            #expect(verify.status == 0, "\(verify.stdout)")
            #expect(verify.stdout.components(separatedBy: "ondertekend door Eva").count == 3)
            #expect(verify.stdout.components(separatedBy: "ondertekend door Jan").count == 3)
            #expect(try git(["status", "--porcelain"], in: clone).stdout.isEmpty)
        }
    }

    @Test("sync says what to do when the folder is not in git or has no remote (exit 2)")
    func syncWithoutGit() throws {
        defer { cleanUp() }
        let plain = root.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        let notGit = try run(["transcripts", "sync", "--transcripts", plain.path])
        #expect(notGit.status == 2)
        #expect(notGit.stderr.contains("staat niet in een git-repository"))
        try git(["init", "--quiet"], in: plain)
        let noRemote = try run(["transcripts", "sync", "--transcripts", plain.path])
        #expect(noRemote.status == 2)
        #expect(noRemote.stderr.contains("heeft geen remote; voeg die van het team toe met 'git -C"))
    }

    @Test("a conflict in another file stops sync with what to do")
    func conflict() throws {
        defer { cleanUp() }
        let remote = root.appendingPathComponent("team.git")
        try git(["init", "--quiet", "--bare", remote.path], in: root)
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        try git(["clone", "--quiet", remote.path, a.path], in: root)
        try "one\n".write(to: a.appendingPathComponent("README"), atomically: true, encoding: .utf8)
        try git(["add", "README"], in: a)
        try git(["commit", "--quiet", "-m", "start"], in: a)
        try git(["push", "--quiet", "origin", "HEAD:main"], in: a)
        try git(["branch", "--set-upstream-to=origin/main"], in: a)
        try git(["clone", "--quiet", remote.path, b.path], in: root)
        for (clone, text) in [(a, "from a\n"), (b, "from b\n")] {
            try text.write(to: clone.appendingPathComponent("README"), atomically: true, encoding: .utf8)
            try git(["commit", "--quiet", "-am", text], in: clone)
        }
        #expect(try run(["transcripts", "sync", "--transcripts", a.path]).status == 0)
        let stopped = try run(["transcripts", "sync", "--transcripts", b.path])
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("is gestopt op een conflict in README"))
        #expect(stopped.stderr.contains("git rebase --continue"))
    }
}
