import DMCCCore
import Foundation

/// The folder of advice records on disk: created 0700, each file 0600, written to a temporary
/// file, synced, and linked into place so that no record is ever overwritten or half-written.
struct TranscriptStore {
    let folder: URL

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `--transcripts`, then `DMCC_TRANSCRIPTS`, then `Transcripts/` beside the knowledge folder, then in the working directory.
    static func locate(_ explicit: String?, knowledge: String? = nil) -> TranscriptStore {
        if let explicit, !explicit.isEmpty { return TranscriptStore(folder: URL(fileURLWithPath: explicit)) }
        if let env = ProcessInfo.processInfo.environment["DMCC_TRANSCRIPTS"], !env.isEmpty {
            return TranscriptStore(folder: URL(fileURLWithPath: env))
        }
        if let knowledgeFolder = try? KnowledgeFolder.locate(knowledge) {
            let beside = knowledgeFolder.deletingLastPathComponent().appendingPathComponent("Transcripts")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: beside.path, isDirectory: &isDir), isDir.boolValue {
                return TranscriptStore(folder: beside)
            }
        }
        return TranscriptStore(folder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Transcripts"))
    }

    var shownPath: String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return folder.path.hasPrefix(cwd) ? String(folder.path.dropFirst(cwd.count)) : folder.path
    }

    func jsonURL(_ id: String) -> URL { folder.appendingPathComponent(id + ".json") }
    func markdownURL(_ id: String) -> URL { folder.appendingPathComponent(id + ".md") }

    /// Creates the folder (0700) and makes an existing one private.
    func prepare() throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw Failure(description: "\(shownPath) is a file, not a folder") }
        } else {
            // mkdir(2) one level at a time, so the error names the real cause (permission, not a folder, full disk).
            var path = folder.path.hasPrefix("/") ? "" : "."
            for component in folder.path.split(separator: "/") {
                path += "/" + component
                if mkdir(path, 0o700) != 0 && errno != EEXIST {
                    throw Failure(description: "cannot create the folder \(shownPath): \(String(cString: strerror(errno))); choose another with --transcripts or DMCC_TRANSCRIPTS")
                }
            }
        }
        chmod(folder.path, 0o700)
        guard access(folder.path, W_OK) == 0 else {
            throw Failure(description: "cannot write in \(shownPath): \(String(cString: strerror(errno))); choose another folder with --transcripts or DMCC_TRANSCRIPTS")
        }
    }

    /// Saves both files of a record. A new id is drawn when one is taken, so concurrent saves into
    /// one folder each keep their own record.
    func save(_ make: (String) -> AdviceRecord, timestamp: String) throws -> AdviceRecord {
        try prepare()
        for _ in 0..<20 {
            let record = make(RecordID.make(timestamp: timestamp, random: UInt32.random(in: 0...0xFFFFFF)))
            do {
                try writeNew(Data(record.prettyJSON().utf8), to: jsonURL(record.id))
            } catch let error as POSIXError where error.code == .EEXIST {
                continue
            }
            do {
                try writeNew(Data(RecordRenderer.markdown(record).utf8), to: markdownURL(record.id))
            } catch {
                unlink(jsonURL(record.id).path)
                throw error
            }
            return record
        }
        throw Failure(description: "could not find a free record id in \(shownPath)")
    }

    /// Writes `data` to a new file: temporary file, fsync, then link() to the final name, which
    /// fails rather than replace an existing file.
    func writeNew(_ data: Data, to url: URL) throws {
        let temporary = try writeTemporary(data, beside: url)
        defer { unlink(temporary) }
        if link(temporary, url.path) != 0 {
            let code = errno
            if code == EEXIST { throw POSIXError(.EEXIST) }
            throw Failure(description: "cannot save \(url.lastPathComponent) in \(shownPath): \(String(cString: strerror(code)))")
        }
        syncFolder()
    }

    /// Replaces a file atomically (for the autosave, which is meant to be replaced).
    func replace(_ data: Data, at url: URL) throws {
        try prepare()
        let temporary = try writeTemporary(data, beside: url)
        if rename(temporary, url.path) != 0 {
            let code = errno
            unlink(temporary)
            throw Failure(description: "cannot write \(url.lastPathComponent): \(String(cString: strerror(code)))")
        }
        syncFolder()
    }

    private func writeTemporary(_ data: Data, beside url: URL) throws -> String {
        let path = folder.appendingPathComponent(".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw Failure(description: "cannot write in \(shownPath): \(String(cString: strerror(errno)))")
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            let hint = failure == ENOSPC ? " (the disk is full)" : ""
            throw Failure(description: "cannot write \(url.lastPathComponent) in \(shownPath): \(String(cString: strerror(failure)))\(hint)")
        }
        return path
    }

    private func syncFolder() {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    // MARK: - Reading

    struct Listed {
        var record: AdviceRecord
        var file: String
    }

    /// Every readable record, and the names of files that could not be read as one.
    /// The record files' names (`<id>.json`), leaving out the autosave and temporary files.
    func recordFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }

    func list() -> (records: [Listed], unreadable: [(file: String, reason: String)]) {
        let names = recordFiles()
        var records: [Listed] = [], unreadable: [(String, String)] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            do {
                let record = try JSONDecoder().decode(AdviceRecord.self, from: Data(contentsOf: url))
                records.append(Listed(record: record, file: name))
            } catch {
                unreadable.append((name, error is DecodingError ? "not an advice record" : Self.reason(error)))
            }
        }
        return (records, unreadable)
    }

    func read(_ id: String) throws -> (json: Data, markdown: String?) {
        guard RecordID.isValid(id) else {
            throw Failure(description: "'\(id)' is not a record id (they look like 20261129-143012-a1b2c3)")
        }
        guard let json = try? Data(contentsOf: jsonURL(id)) else {
            throw Failure(description: "no record '\(id)' in \(shownPath)")
        }
        return (json, try? String(contentsOf: markdownURL(id), encoding: .utf8))
    }

    func record(_ id: String) throws -> AdviceRecord {
        let (json, _) = try read(id)
        do {
            return try JSONDecoder().decode(AdviceRecord.self, from: json)
        } catch {
            throw Failure(description: "\(id).json is not an advice record")
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}

/// The shell's clock. Uses the C library directly: called on every key, and Foundation's
/// formatters would load ICU into a session that otherwise never needs it.
enum Clock {
    /// Now, in ISO 8601 with the local time zone, e.g. 2026-11-29T14:30:12+01:00.
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 40)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        let text = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // strftime writes +0100; ISO 8601 with a colon reads +01:00.
        guard text.count >= 5 else { return text }
        return String(text.dropLast(2)) + ":" + String(text.suffix(2))
    }

    /// Today's date in the local time zone: the shell's clock, never the core's.
    static func today() -> CalendarDate {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CalendarDate(year: 2026, month: 1, day: 1)!
    }
}
