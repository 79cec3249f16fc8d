import Foundation
import Testing
@testable import dmcc_advisor

/// The knowledge folder's paths are plain strings at start-up (issue 12: building URLs cost a start
/// some 4.5% of `advise`), spelled exactly as `URL(fileURLWithPath:)` spelled them before, so that
/// the search order, the shown file names and every message stay the same.
@Suite("The knowledge folder's paths are the URLs' paths")
struct KnowledgeFolderPathTests {
    static let inputs = ["Knowledge", "Knowledge/", "./Knowledge", "Knowledge/.", "Knowledge/./", "a//b", "Knowledge//",
                         "../x/Knowledge", "x/..", "x/../", ".", "..", "../..", "../../../../../..", "a/./b/../c", "/", "//",
                         "///a", "/tmp/../tmp", "/tmp/./x/", "/a/b/", "~", "~/", "~/x", "~/./x/", "~root/x", "~nobody-such-user/x",
                         "Know ledge", "é/ü", "a%20b", "a:b", "a?b#c", "e\u{301}", "-x", "a/b/c/d/e/f/../../g"]

    @Test("a folder named on the command line: its path, and its cases folder", arguments: inputs)
    func resolved(_ input: String) {
        let cwd = KnowledgeFolder.currentDirectory()
        let url = URL(fileURLWithPath: input)
        let folder = KnowledgeFolder.Path.resolved(input, workingDirectory: cwd)
        #expect(KnowledgeFolder.Path.shown(folder) == url.path)
        #expect(KnowledgeFolder.Path.appending("cases", to: folder) == url.appendingPathComponent("cases").path)
    }

    /// The search list as `locate` built it with URLs.
    static func urlCandidates(program: String) -> [String] {
        var candidates: [URL] = []
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 { candidates.append(dir.appendingPathComponent("Knowledge")); dir.deleteLastPathComponent() }
        var exe = URL(fileURLWithPath: program).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("share/dmcc-advisor/Knowledge"))
        for _ in 0..<5 { candidates.append(exe.appendingPathComponent("Knowledge")); exe.deleteLastPathComponent() }
        return candidates.map(\.path)
    }

    @Test("the folders searched, in order, wherever the program is and however it was started")
    func candidates() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-paths-\(UUID().uuidString)")
        let bin = scratch.appendingPathComponent("real/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data().write(to: bin.appendingPathComponent("dmcc-advisor"))
        try FileManager.default.createSymbolicLink(atPath: scratch.appendingPathComponent("link").path, withDestinationPath: "real")
        try FileManager.default.createSymbolicLink(atPath: scratch.appendingPathComponent("prog").path,
                                                   withDestinationPath: bin.appendingPathComponent("dmcc-advisor").path)
        let s = scratch.path
        let programs = [CommandLine.arguments[0], "dmcc-advisor", "./dmcc-advisor", ".build/release/dmcc-advisor", "/usr/local/bin/dmcc-advisor",
                        "\(s)/real/bin/dmcc-advisor", "\(s)/link/bin/dmcc-advisor", "\(s)/link/bin/../bin/dmcc-advisor",
                        "\(s)/./link//bin/dmcc-advisor", "\(s)/prog", "\(s)/missing/../real/bin/dmcc-advisor",
                        "/nonexistent/./a//b/../dmcc-advisor", "/dmcc-advisor", "~/bin/dmcc-advisor"]
        let cwd = KnowledgeFolder.currentDirectory()
        for program in programs {
            #expect(KnowledgeFolder.Path.candidates(workingDirectory: cwd, program: program) == Self.urlCandidates(program: program),
                    "\(program)")
        }
    }

    @Test("from the file system's root, the parents stay the root")
    func root() {
        let candidates = KnowledgeFolder.Path.candidates(workingDirectory: "/", program: "/dmcc-advisor")
        #expect(candidates == ["/Knowledge", "/Knowledge", "/Knowledge", "/Knowledge", "/share/dmcc-advisor/Knowledge",
                               "/Knowledge", "/Knowledge", "/Knowledge", "/Knowledge", "/Knowledge"])
    }
}
