import DMCCCore
import Foundation

/// The records folder as part of a git work tree: each save commits that record's two files, and
/// `transcripts sync` pulls and pushes. git runs as `git -C DIR ...` with no terminal to ask on:
/// a question (a password, a host key) fails at once instead of hanging.
enum RecordsGit {
    struct Output {
        var status: Int32
        var output: String
        var errors: String

        /// git's first error line, for a message.
        var reason: String {
            let lines = (errors + "\n" + output).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let meaningful = lines.first { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") } ?? lines.first { !$0.isEmpty }
            return meaningful ?? "git exited with status \(status)"
        }
    }

    /// Runs git in `folder`; nil when git cannot be started (not installed).
    static func run(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) -> Output? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GCM_INTERACTIVE"] = "never"
        if environment["GIT_SSH_COMMAND"] == nil { environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes" }
        environment["LC_ALL"] = "C"  // git's messages are matched below; keep them in one language
        for (name, value) in extra { environment[name] = value }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        process.standardOutput = out
        // Standard error goes to a file: two pipes read one after the other can deadlock when both fill.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-git-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil),
              let errorHandle = try? FileHandle(forWritingTo: errorFile) else { return nil }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        process.standardError = errorHandle
        do {
            try process.run()
        } catch {
            try? errorHandle.close()
            return nil
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errorHandle.close()
        let errors = (try? Data(contentsOf: errorFile)) ?? Data()
        guard !(process.terminationStatus == 127 && errors.isEmpty && output.isEmpty) else { return nil }  // env: no git
        return Output(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      errors: String(decoding: errors, as: UTF8.self))
    }

    /// True when `folder` is inside a git work tree.
    static func isWorkTree(_ folder: URL) -> Bool {
        guard let r = run(["rev-parse", "--is-inside-work-tree"], in: folder) else { return false }
        return r.status == 0 && r.output.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
    }

    /// Commits exactly `files` (names inside `folder`), leaving anything else staged or changed as
    /// it is. Nil when committed or when the folder is not shared through git (no work tree, or
    /// the files are ignored, as `Transcripts/` is in the program's own repository); otherwise the
    /// warning to show. The files are saved either way.
    static func commit(_ files: [String], in folder: URL, author: String?, message: String, language: Language = .nl) -> String? {
        guard isWorkTree(folder) else { return nil }
        if let ignored = run(["check-ignore", "--"] + files, in: folder), ignored.status == 0 { return nil }
        var environment: [String: String] = [:]
        if let author, !author.isEmpty { environment["GIT_AUTHOR_NAME"] = author }
        // A consultant who never set up git still gets the commit: the name is the consultant's,
        // the e-mail address empty, rather than a failing commit on every save.
        let configured = { (key: String) in (run(["config", key], in: folder)?.output ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        if configured("user.name").isEmpty {
            let name = author.flatMap { $0.isEmpty ? nil : $0 } ?? "dmcc-advisor"
            environment["GIT_AUTHOR_NAME"] = name
            environment["GIT_COMMITTER_NAME"] = name
        }
        if configured("user.email").isEmpty && (ProcessInfo.processInfo.environment["EMAIL"] ?? "").isEmpty {
            environment["GIT_AUTHOR_EMAIL"] = ""
            environment["GIT_COMMITTER_EMAIL"] = ""
        }
        var last: Output?
        // Two saves in one clone at the same moment take turns at git's index lock.
        for attempt in 0..<20 {
            if attempt > 0 { usleep(UInt32.random(in: 50_000...200_000)) }
            guard let added = run(["add", "--"] + files, in: folder) else { return CLIText.gitNotStarted.text(language) }
            last = added
            if added.status != 0 {
                if added.errors.contains("index.lock") { continue }
                break
            }
            guard let committed = run(["commit", "--quiet", "-m", message, "--"] + files, in: folder, environment: environment) else {
                return CLIText.gitNotStarted.text(language)
            }
            last = committed
            if committed.status == 0 { return nil }
            if !committed.errors.contains("index.lock") { break }
        }
        let command = "git -C \(folder.path) add \(files.joined(separator: " ")) && git -C \(folder.path) commit"
        return CLIText.notCommitted(last?.reason, command: command).text(language)
    }

    /// The commit message of a record: `advice ID: client, verdict`, and for advice with open points
    /// whether they matter: a conditional record's verdict is only the safe reading until they are
    /// confirmed, and `git log` must not read as if it were definite.
    static func message(for record: AdviceRecord) -> String {
        let head = "advice \(record.id): \(ControlCharacters.escaped(record.client ?? "-", keepingNewlines: false)), \(record.advice.verdict ?? "incomplete")"
        let open = record.openPoints.count
        guard open > 0 else { return head }
        let points = open == 1 ? "1 open point" : "\(open) open points"
        return head + (record.isConditional ? " (conditional: \(points) to confirm)" : " (\(points), did not change the verdict)")
    }
}
