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

        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let folder = store.folder
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError("no records folder \(store.shownPath); choose one with --transcripts or DMCC_TRANSCRIPTS")
                throw Exit.badInput
            }
            guard RecordsGit.isWorkTree(folder) else {
                printError("\(store.shownPath) is not inside a git repository, so there is nothing to sync. To share records: "
                           + "git clone the team's repository and use a folder in it with --transcripts (see the README, 'Sharing records through git')")
                throw Exit.badInput
            }
            let remotes = git(["remote"], folder).output.split(separator: "\n").map(String.init)
            guard !remotes.isEmpty else {
                printError("the git repository of \(store.shownPath) has no remote; add the team's with 'git -C \(folder.path) remote add origin URL'")
                throw Exit.badInput
            }
            let branchOutput = git(["symbolic-ref", "--quiet", "--short", "HEAD"], folder)
            let branch = branchOutput.output.trimmingCharacters(in: .whitespacesAndNewlines)
            guard branchOutput.status == 0, !branch.isEmpty else {
                printError("the git repository of \(store.shownPath) is not on a branch (detached HEAD); check one out first, e.g. 'git -C \(folder.path) switch main'")
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
                    else if exists.status != 0 { try fail(exists, "could not reach the remote '\(remote)'", store) }
                    else { pullArguments += [remote, branch] }
                }
                if !pullArguments.isEmpty {
                    let pull = git(pullArguments, folder)
                    if pull.status != 0 { try pullFailed(pull, store) }
                }
                let push = git(hasUpstream ? ["push", "--quiet"] : ["push", "--quiet", "--set-upstream", remote, "HEAD:\(branch)"], folder)
                if push.status == 0 { break }
                let rejected = push.errors.contains("rejected") || push.errors.contains("fetch first") || push.errors.contains("non-fast-forward")
                if !rejected || attempt == 3 { try fail(push, "git push failed", store) }
            }
            let received = before.isEmpty ? [] : git(["diff", "--name-only", "--diff-filter=A", before, "HEAD", "--", "."], folder)
                .output.split(separator: "\n").filter { $0.hasSuffix(".json") }
            print("synced \(store.shownPath) with \(remote)/\(branch): \(received.count) new record(s) from the team")
        }

        private func git(_ arguments: [String], _ folder: URL) -> RecordsGit.Output {
            RecordsGit.run(arguments, in: folder) ?? RecordsGit.Output(status: 127, output: "", errors: "fatal: git could not be started")
        }

        private func pullFailed(_ pull: RecordsGit.Output, _ store: TranscriptStore) throws -> Never {
            let conflicted = git(["diff", "--name-only", "--diff-filter=U"], store.folder).output
                .split(separator: "\n").map(String.init)
            if !conflicted.isEmpty {
                let root = git(["rev-parse", "--show-toplevel"], store.folder).output.trimmingCharacters(in: .whitespacesAndNewlines)
                printError("git pull --rebase stopped on a conflict in \(conflicted.joined(separator: ", ")). Records never conflict "
                           + "(each has its own name), so this is another file. Resolve it in \(root): edit the file, 'git add' it and "
                           + "'git rebase --continue', or 'git rebase --abort' to go back to where you were; then run 'transcripts sync' again")
                throw Exit.problems
            }
            try fail(pull, "git pull --rebase failed", store)
        }

        private func fail(_ output: RecordsGit.Output, _ what: String, _ store: TranscriptStore) throws -> Never {
            printError("\(what): \(output.reason); nothing is lost, your records stay committed in \(store.shownPath); try 'transcripts sync' again later")
            throw Exit.problems
        }
    }
}
