import DMCCCore
import Dispatch
import Foundation

/// Listing a records folder through its index (`.index`, see `RecordIndex`): every run lists the
/// folder and stats every record file, takes from the index only entries whose file is unchanged,
/// reads the rest (on every core), and rewrites the index atomically when anything differed.
/// Deleting the index is always safe: the next listing reads every file and writes it again.
extension TranscriptStore {
    static let indexName = ".index"

    var indexURL: URL { folder.appendingPathComponent(Self.indexName) }

    /// What `list` shows of every readable record, and the files that could not be read as one.
    /// Throws when the folder itself cannot be listed (missing, not a folder, no permission).
    func summaries() throws -> (records: [RecordSummary], unreadable: [(file: String, reason: LocalizedText)]) {
        let names = try folderNames()
        let present = Set(names)
        let recordNames = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()

        // The file system's clock before any file is stamped: files changed since then are not trusted
        // from the index next time. Taken from a new file in the folder, so it is the clock that
        // stamps the records (not this machine's, which may differ on a network folder).
        let scratch = openScratch()
        defer { if let scratch { close(scratch.fd); unlink(scratch.path) } }

        let dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if dir >= 0 { close(dir) } }
        var files: [(name: String, stamp: FileStamp)] = []
        var unreadable: [(file: String, reason: LocalizedText)] = []
        files.reserveCapacity(recordNames.count)
        for name in recordNames {
            var info = stat()
            guard fstatat(dir, name, &info, 0) == 0 else {
                if errno != ENOENT { unreadable.append((name, CLIText.verbatim(String(cString: strerror(errno))))) }
                continue  // removed since the folder was listed
            }
            guard info.st_mode & S_IFMT == S_IFREG else {
                unreadable.append((name, CLIText.notAFile))
                continue
            }
            files.append((name, Self.stamp(info)))
        }

        let previous = readIndex()
        let (reused, toRead) = (previous ?? RecordIndex(settledBefore: 0, entries: [])).reconcile(files)
        let stamps = Dictionary(files.map { ($0.name, $0.stamp) }, uniquingKeysWith: { first, _ in first })
        let fresh = readRecords(toRead, stamps: stamps)

        var entries = reused
        for (name, result) in zip(toRead, fresh) {
            switch result {
            case .success(let entry): entries.append(entry)
            case .failure(let reason): unreadable.append((name, CLIText.verbatim(reason)))  // not kept: may be passing (permissions)
            }
        }
        if let scratch, !toRead.isEmpty || previous == nil || previous!.entries.count != reused.count {
            writeIndex(RecordIndex(settledBefore: scratch.time, entries: entries), through: scratch)
        }

        var records: [RecordSummary] = []
        records.reserveCapacity(entries.count)
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            switch entry.content {
            case .record(let summary):
                // The Markdown copy is linked before the JSON file: without it the save did not finish.
                guard present.contains(String(entry.name.dropLast(5)) + ".md") else {
                    unreadable.append((entry.name, CLIText.markdownCopyMissing))
                    continue
                }
                records.append(summary)
            case .unreadable(let failure):
                unreadable.append((entry.name, failure.text))
            }
        }
        unreadable.sort { $0.file < $1.file }
        return (records, unreadable)
    }

    /// The names in the folder, or why it cannot be listed, saying how to choose another.
    func folderNames() throws -> [String] {
        guard let stream = opendir(path) else {
            let code = errno
            throw Failure(code == ENOENT ? CLIText.noRecordsFolder(shownPath)
                : code == ENOTDIR ? CLIText.recordsFolderNotAFolder(shownPath)
                : CLIText.recordsFolderUnreadable(shownPath, String(cString: strerror(code))))
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func stamp(_ info: stat) -> FileStamp {
        FileStamp(size: Int64(info.st_size),
                  mtime: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                  ctime: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                  inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }

    enum Read { case success(RecordIndex.Entry), failure(String) }

    /// Reads and parses record files on every core; results in the order of `names`.
    private func readRecords(_ names: [String], stamps: [String: FileStamp]) -> [Read] {
        let folder = self.folder
        return concurrentMap(names.count) { i in
            let name = names[i]
            let data: Data
            do {
                data = try Data(contentsOf: folder.appendingPathComponent(name))
            } catch {
                return .failure(Self.reason(error))
            }
            let content: RecordIndex.Content
            do throws(RecordFile.Failure) {
                let (record, sealHolds) = try RecordFile.readWithSeal(data)
                var summary = RecordSummary(record)
                summary.sealBroken = !sealHolds
                content = .record(summary)
            } catch {
                content = .unreadable(error)
            }
            return .success(RecordIndex.Entry(name: name, stamp: stamps[name]!, content: content))
        }
    }

    /// The index as it stands, or nil when there is none or it is corrupt or foreign.
    private func readIndex() -> RecordIndex? {
        guard let data = FileManager.default.contents(atPath: indexURL.path),
              let text = String(data: data, encoding: .utf8) else { return nil }
        return RecordIndex.decode(text)
    }

    /// A new temporary file in the folder and the file system's time at its creation; nil when the
    /// folder is read-only (the listing then works without writing an index).
    private func openScratch() -> (fd: Int32, path: String, time: Int64)? {
        let path = folder.appendingPathComponent(".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            unlink(path)
            return nil
        }
        return (fd, path, Self.stamp(info).mtime)
    }

    /// Writes the index into the scratch file and renames it into place: a reader sees the old
    /// index or the new one, never half of one. Failing to write it only costs speed.
    private func writeIndex(_ index: RecordIndex, through scratch: (fd: Int32, path: String, time: Int64)) {
        var bytes = Array(index.encoded().utf8)
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = write(scratch.fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        bytes.removeAll()
        if complete { rename(scratch.path, indexURL.path) }
    }
}

/// `body` for 0..<count on every core (records are checked one per iteration), results in order.
func concurrentMap<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let slots = Slots<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { i in slots.buffer[i] = body(i) }
    return slots.buffer.map { $0! }
}

/// One slot per iteration of concurrent work; each slot is written by one worker only, and read
/// after all have finished.
private final class Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>

    init(_ count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
}
