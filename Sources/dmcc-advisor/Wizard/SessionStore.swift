import DMCCCore
import Foundation

/// The autosaves of wizard sessions, in the records folder: one file per session
/// (`.session-<id>.json`, the `Session` value encoded as it is), each with a lock file that its
/// wizard holds while it runs. A session whose lock is held is live and never offered for
/// resuming; a killed wizard's lock is released by the system, so its session is offered.
final class SessionStore {
    let records: TranscriptStore
    /// Locks held by this process, by session id.
    private var held: [String: Int32] = [:]

    init(records: TranscriptStore) { self.records = records }

    deinit { for fd in held.values { close(fd) } }

    var folder: URL { records.folder }
    func autosaveURL(_ id: String) -> URL { folder.appendingPathComponent(".session-\(id).json") }
    func lockURL(_ id: String) -> URL { folder.appendingPathComponent(".session-\(id).lock") }

    static func newID() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// Takes the session's lock; false when another wizard holds it.
    @discardableResult
    func lock(_ id: String) -> Bool {
        if held[id] != nil { return true }
        guard (try? records.prepare()) != nil else { return false }
        let fd = open(lockURL(id).path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); return false }
        held[id] = fd
        return true
    }

    func release(_ id: String) {
        if let fd = held.removeValue(forKey: id) { close(fd) }
    }

    /// Every session that no running wizard holds, newest first, each locked for this process
    /// (so two wizards never both take one over); the ones not resumed are released again.
    func takeInterrupted() -> [Session] {
        interrupted().filter { held[$0.id] == nil && lock($0.id) }
    }

    /// The interrupted sessions in the folder, newest first, without taking any.
    func interrupted() -> [Session] { scan().sessions }

    /// The session files that cannot be read as a session of this program (damaged, cut short, of
    /// another format), by name: they are left alone, and named when nothing can be resumed.
    func unreadable() -> [String] { scan().unreadable }

    private func scan() -> (sessions: [Session], unreadable: [String]) {
        // Listed with readdir: FileManager's listing cost the wizard's start 1.3%.
        let names = opendir(records.path).map(KnowledgeFolder.entries) ?? []
        var candidates: [Session] = []
        var unreadable: [String] = []
        for name in names where name.hasPrefix(".session-") && name.hasSuffix(".json") {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                  let session = try? JSONDecoder().decode(Session.self, from: data),
                  session.format == Session.currentFormat, name == ".session-\(session.id).json" else {
                unreadable.append(name)
                continue
            }
            candidates.append(session)
        }
        return (candidates.sorted { $0.changed > $1.changed }, unreadable.sorted())
    }

    /// True when another running wizard holds the session.
    func isLive(_ id: String) -> Bool {
        if held[id] != nil { return false }
        guard lock(id) else { return true }
        release(id)
        return false
    }

    /// Replaces the session's own autosave atomically.
    func save(_ session: Session) throws {
        try records.prepare()
        lock(session.id)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(session)
        // The records store writes it: a private temporary file (mode set explicitly, so a strict umask
        // still leaves it readable), synced, then renamed over the old autosave.
        try records.replace(data, at: autosaveURL(session.id))
    }

    /// Removes this process's own session autosave (it ended by choice) and its lock.
    func discard(_ id: String) {
        guard held[id] != nil else { return }
        unlink(autosaveURL(id).path)
        unlink(lockURL(id).path)
        release(id)
    }
}
