import DMCCCore
import Foundation

/// The compiled knowledge on disk: one file per knowledge folder and program, holding the key it
/// was compiled for (the knowledge files' SHA-256, this program, the format), so an edited
/// knowledge file is never answered from an old compiled form.
/// `DMCC_CACHE`, else `$XDG_CACHE_HOME/dmcc-advisor`, else `~/.cache/dmcc-advisor`. Everything
/// here may fail quietly: a cache that cannot be read or written only costs a YAML parse.
enum KnowledgeCache {
    /// How many compiled forms are kept; older ones are removed when a new one is written.
    static let kept = 8

    static var folder: String? {
        if let explicit = environmentValue("DMCC_CACHE"), !explicit.isEmpty { return explicit }
        if let xdg = environmentValue("XDG_CACHE_HOME"), xdg.hasPrefix("/") { return xdg + "/dmcc-advisor" }
        if let home = environmentValue("HOME"), home.hasPrefix("/") { return home + "/.cache/dmcc-advisor" }
        return nil
    }

    /// This program: its version and the identity of this very executable (size and modification
    /// time), so a rebuilt program never trusts another build's compiled form.
    static func program() -> String {
        var program = "dmcc-advisor \(programVersion)"
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 {
            program += " \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return program
    }

    /// The key for these sources read by `program`.
    static func key(for sources: [KnowledgeSource], program: String) -> String {
        key(digest: KnowledgeDigest.sha256(of: sources), program: program)
    }

    /// The key for knowledge with this SHA-256 (`KnowledgeDigest`) read by `program`.
    static func key(digest: String, program: String) -> String {
        CompiledKnowledge.key(knowledgeSHA256: digest, program: program)
    }

    static func fileName(knowledge: String, program: String) -> String {
        "knowledge-" + CompiledKnowledge.fileName(folder: KnowledgeFolder.Path.shown(knowledge), program: program) + ".bin"
    }

    /// What was compiled last for the knowledge folder `knowledge`, with the key it was compiled
    /// for; the caller uses it only when that key is the knowledge's own. Only a file of this
    /// user's that nobody else may write is trusted: the advice rests on it.
    static func read(knowledge: String, program: String, paths: [String]) -> (key: String, base: KnowledgeBase)? {
        guard let folder, case .success(let bytes) = KnowledgeFolder.readFile(folder + "/" + fileName(knowledge: knowledge, program: program),
                                                                               limit: 1 << 30, ownOnly: true) else {
            return nil
        }
        return CompiledKnowledge.decode(bytes, paths: paths)
    }

    /// Writes through a temporary file and a rename, so a reader sees the old file or the whole
    /// new one; then removes all but the newest `kept` compiled forms.
    static func write(_ kb: KnowledgeBase, key: String, knowledge: String, program: String) {
        guard let folder else { return }
        let fm = FileManager.default
        try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var template = Array((folder + "/.tmp-knowledge-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let bytes = CompiledKnowledge.encode(kb, key: key)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            written += n
        }
        close(fd)
        guard written == bytes.count, rename(temporary, folder + "/" + fileName(knowledge: knowledge, program: program)) == 0 else {
            unlink(temporary)
            return
        }
        prune(folder)
    }

    /// Keeps the newest `kept` compiled forms, and removes temporary files that a killed write left
    /// behind (older than ten minutes, so a write in progress is never touched).
    private static func prune(_ folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        func modified(_ name: String) -> Int {
            var info = stat()
            return stat(folder + "/" + name, &info) == 0 ? info.st_mtim.tv_sec : 0
        }
        let now = time(nil)
        for name in names where name.hasPrefix(".tmp-knowledge-") && now - modified(name) > 600 {
            unlink(folder + "/" + name)
        }
        let compiled = names.filter { $0.hasPrefix("knowledge-") && $0.hasSuffix(".bin") }
        guard compiled.count > kept else { return }
        let byAge = compiled.map { (name: $0, modified: modified($0)) }.sorted { $0.modified > $1.modified }
        for old in byAge.dropFirst(kept) { unlink(folder + "/" + old.name) }
    }
}
