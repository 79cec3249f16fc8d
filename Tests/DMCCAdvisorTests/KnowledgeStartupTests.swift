import DMCCCore
import Foundation
import Testing
@testable import dmcc_advisor

/// Start-up with compiled knowledge computes the cache key a buffer at a time, without reading
/// the files into memory (issue 12); it must be the key the YAML path computes, or nil.
@Suite("The start-up cache key")
struct KnowledgeStartupTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Knowledge")
    static let program = KnowledgeCache.program()

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.shipped.path) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: Self.shipped.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    func yamlKey(_ folder: URL) throws -> String {
        KnowledgeCache.key(for: try KnowledgeFolder.read(folder.path).sorted { $0.path < $1.path }, program: Self.program)
    }

    @Test("the streamed key is the key of the files as read, for the shipped knowledge")
    func shipped() throws {
        let key = try #require(KnowledgeFolder.key(try KnowledgeFolder.files(Self.shipped.path), program: Self.program))
        #expect(key == (try yamlKey(Self.shipped)))
    }

    @Test("one changed byte changes the key; an added file too")
    func changes() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try #require(KnowledgeFolder.key(try KnowledgeFolder.files(folder.path), program: Self.program))
        let file = folder.appendingPathComponent("facts.yaml")
        var bytes = try [UInt8](Data(contentsOf: file))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: file)
        let edited = try #require(KnowledgeFolder.key(try KnowledgeFolder.files(folder.path), program: Self.program))
        #expect(edited != before)
        #expect(edited == (try yamlKey(folder)))
        try Data("nodes: []\n".utf8).write(to: folder.appendingPathComponent("99-more.yml"))
        let added = try #require(KnowledgeFolder.key(try KnowledgeFolder.files(folder.path), program: Self.program))
        #expect(added != edited)
        #expect(added == (try yamlKey(folder)))
    }

    @Test("a file that is not a readable regular file gives no key: the YAML path reports it")
    func unusual() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub.yaml"), withIntermediateDirectories: true)
        #expect(KnowledgeFolder.key(try KnowledgeFolder.files(folder.path), program: Self.program) == nil)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("sub.yaml"))
        #expect(mkfifo(folder.appendingPathComponent("pipe.yaml").path, 0o600) == 0)
        #expect(KnowledgeFolder.key(try KnowledgeFolder.files(folder.path), program: Self.program) == nil)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("pipe.yaml"))
        let large = folder.appendingPathComponent("large.yaml")
        try Data(repeating: 0x20, count: KnowledgeSource.maximumSize + 1).write(to: large)
        #expect(KnowledgeFolder.key(try KnowledgeFolder.files(folder.path), program: Self.program) == nil)
    }
}

@Suite("The knowledge folder's listing")
struct KnowledgeListingTests {
    @Test("files lists what FileManager lists, with the same paths: hidden, lock and other files left out")
    func sameAsFileManager() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-list-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.yaml", "a.yml", "with space.yaml", "ünïcode ✓.yaml", ".hidden.yaml", ".#lock.yaml", "notes.txt", "C.yaml", "x.yaml.bak"] {
            try Data("x: 1\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        let expected = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted()
            .map { folder.appendingPathComponent($0).path }
        let files = try KnowledgeFolder.files(folder.path)
        #expect(files.map(\.path) == expected)
        #expect(files.map(\.name) == ["C.yaml", "a.yml", "b.yaml", "with space.yaml", "ünïcode ✓.yaml"])
    }

    @Test("a folder that cannot be listed is reported with its path")
    func missing() {
        #expect(throws: KnowledgeFolder.Unusable.self) { try KnowledgeFolder.files("/nonexistent/knowledge") }
    }
}

@Suite("Start-up work on a second thread")
struct SecondThreadTests {
    @Test("the work runs on another thread, and its result, nil included, comes back")
    func runsBeside() {
        let caller = pthread_self()
        let work = SecondThread { () -> (String?, Bool) in
            (nil, pthread_equal(pthread_self(), caller) == 0)
        }
        let (value, elsewhere) = work.result()
        #expect(value == nil)
        #expect(elsewhere)
        let sum = SecondThread { (1...1_000).reduce(0, +) }
        #expect(sum.result() == 500_500)
        #expect(sum.result() == 500_500, "a second call gives the same result without running the work again")
    }
}
