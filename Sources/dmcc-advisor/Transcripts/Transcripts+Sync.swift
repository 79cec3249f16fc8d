import ArgumentParser
import DMCCCore
import Foundation

extension Transcripts {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Share the records through git: pull with rebase, then push.",
            discussion: """
                The records folder must be inside a git work tree with a remote. Records are files with unique \
                names, so colleagues' records never conflict. Exit 0 when synced; 1 when git could not pull or push \
                (a conflict in another file, no network); 2 when the folder is not in git or has no remote.
                """)

        @Option(name: .long, help: "The language of the messages: nl or en.")
        var lang: Language = .nl

        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let folder = store.folder
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError(CLIText.noRecordsFolder(store.shownPath).text(lang))
                throw Exit.badInput
            }
            guard RecordsGit.isWorkTree(folder) else {
                printError(CLIText.notInGit(store.shownPath).text(lang))
                throw Exit.badInput
            }
            let remotes = git(["remote"], folder).output.split(separator: "\n").map(String.init)
            guard !remotes.isEmpty else {
                printError(CLIText.noRemote(store.shownPath, path: folder.path).text(lang))
                throw Exit.badInput
            }
            let branchOutput = git(["symbolic-ref", "--quiet", "--short", "HEAD"], folder)
            let branch = branchOutput.output.trimmingCharacters(in: .whitespacesAndNewlines)
            guard branchOutput.status == 0, !branch.isEmpty else {
                printError(CLIText.detachedHead(store.shownPath, path: folder.path).text(lang))
                throw Exit.problems
            }
            let upstream = git(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"], folder)
            let hasUpstream = upstream.status == 0
            let remote = hasUpstream ? String(upstream.output.split(separator: "/").first ?? "origin")
                                     : (remotes.contains("origin") ? "origin" : remotes[0])
            let before = git(["rev-parse", "HEAD"], folder).output.trimmingCharacters(in: .whitespacesAndNewlines)

            // Someone may push between our pull and our push: pull again and retry a few times.
            for attempt in 1...3 {
                var pullArguments = ["pull", "--rebase", "--autostash", "--quiet"]
                if !hasUpstream {
                    let exists = git(["ls-remote", "--exit-code", "--heads", remote, branch], folder)
                    if exists.status == 2 { pullArguments = [] }  // the remote has no such branch yet: nothing to pull
                    else if exists.status != 0 { try fail(exists, CLIText.unreachableRemote(remote), store) }
                    else { pullArguments += [remote, branch] }
                }
                if !pullArguments.isEmpty {
                    let pull = git(pullArguments, folder)
                    if pull.status != 0 { try pullFailed(pull, store) }
                }
                let push = git(hasUpstream ? ["push", "--quiet"] : ["push", "--quiet", "--set-upstream", remote, "HEAD:\(branch)"], folder)
                if push.status == 0 { break }
                let rejected = push.errors.contains("rejected") || push.errors.contains("fetch first") || push.errors.contains("non-fast-forward")
                if !rejected || attempt == 3 { try fail(push, CLIText.pushFailed, store) }
            }
            let received = before.isEmpty ? [] : git(["diff", "--name-only", "--diff-filter=A", before, "HEAD", "--", "."], folder)
                .output.split(separator: "\n").filter { $0.hasSuffix(".json") }
            print(CLIText.synced(store.shownPath, remote: "\(remote)/\(branch)", received: received.count).text(lang))
        }

        private func git(_ arguments: [String], _ folder: URL) -> RecordsGit.Output {
            RecordsGit.run(arguments, in: folder) ?? RecordsGit.Output(status: 127, output: "", errors: "fatal: git could not be started")
        }

        private func pullFailed(_ pull: RecordsGit.Output, _ store: TranscriptStore) throws -> Never {
            let conflicted = git(["diff", "--name-only", "--diff-filter=U"], store.folder).output
                .split(separator: "\n").map(String.init)
            if !conflicted.isEmpty {
                let root = git(["rev-parse", "--show-toplevel"], store.folder).output.trimmingCharacters(in: .whitespacesAndNewlines)
                printError(CLIText.pullConflict(conflicted, root: root).text(lang))
                throw Exit.problems
            }
            try fail(pull, CLIText.pullFailed, store)
        }

        private func fail(_ output: RecordsGit.Output, _ what: LocalizedText, _ store: TranscriptStore) throws -> Never {
            printError(CLIText.syncFailed(what, output.reason, folder: store.shownPath).text(lang))
            throw Exit.problems
        }
    }
}
