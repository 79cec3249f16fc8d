import Foundation
import Testing
@testable import dmcc_advisor

/// The records folder is kept as a plain path (issue 12: the first URL of a run cost the wizard's
/// first screen some 3%), spelled exactly as `URL(fileURLWithPath:)` spelled it, so that every
/// message, listing and saved file stays where it was; except that a path with a `..` segment is
/// the folder the system opens (`realpath`), which differs from the URL's after a symbolic link.
@Suite("The records folder's path is the URL's path")
struct TranscriptStorePathTests {
    /// `URL(fileURLWithPath:)`, or for an existing path with `..` the system's real path.
    static func expected(_ input: String) -> URL {
        let url = URL(fileURLWithPath: input)
        guard input.split(separator: "/").contains("..") else { return url }
        let raw = input.hasPrefix("/") ? input : FileManager.default.currentDirectoryPath + "/" + input
        guard let real = realpath(raw, nil) else { return url }
        defer { free(real) }
        return URL(fileURLWithPath: String(cString: real))
    }

    @Test("--transcripts as given: the same path and the same shown path as with URLs", arguments: KnowledgeFolderPathTests.inputs)
    func explicit(_ input: String) {
        let store = TranscriptStore.locate(input)
        let url = Self.expected(input)
        #expect(store.path == url.path)
        #expect(store.folder.path == url.path)
        // The same file: a URL kept a doubled slash of "a//" inside the path, which names the same file.
        func collapsed(_ p: String) -> String { p.replacingOccurrences(of: "//", with: "/") }
        #expect(collapsed(store.jsonURL("20261129-000000-abcdef").path)
                == collapsed(url.appendingPathComponent("20261129-000000-abcdef.json").path))
        let cwd = FileManager.default.currentDirectoryPath + "/"
        #expect(store.shownPath == (url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path))
    }

    @Test("without --transcripts or DMCC_TRANSCRIPTS: Transcripts/ in the working directory")
    func defaultFolder() throws {
        try #require(getenv("DMCC_TRANSCRIPTS") == nil || String(cString: getenv("DMCC_TRANSCRIPTS")).isEmpty)
        let store = TranscriptStore.locate(nil)
        #expect(store.path == URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Transcripts").path)
        #expect(store.shownPath == "Transcripts")
    }
}
