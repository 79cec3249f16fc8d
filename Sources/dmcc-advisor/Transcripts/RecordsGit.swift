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
}
