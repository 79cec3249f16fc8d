import CNcursesw
import DMCCCore
import Foundation

/// The folder of advice records on disk: created 0700, each file 0600, written to a temporary
/// file, synced, and linked into place so that no record is ever overwritten or half-written.
/// A record exists once its JSON file does: the Markdown copy is linked first, the JSON last.
struct TranscriptStore {
    /// The folder, spelled as `URL(fileURLWithPath:).path` spells it (`KnowledgeFolder.Path`): kept as a
    /// string, because the first `URL` and `URL.path` of a run cost the wizard's first screen some 3%.
    let path: String
    var folder: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// A problem with the records folder or a record in it, in both languages (`CLIText.reason`).
    struct Failure: Error, CustomStringConvertible {
        var text: LocalizedText
        init(_ text: LocalizedText) { self.text = text }
        init(_ nl: String, _ en: String) { text = LocalizedText(nl: nl, en: en) }
        /// English, as before, for callers that do not know the session's language.
        var description: String { text.text(.en) }
    }

    /// The one rule for every command: `--transcripts`, then `DMCC_TRANSCRIPTS`, then `Transcripts/`
    /// in the working directory. The knowledge folder in use never moves the records, so `list`
    /// finds what `advise --knowledge OTHER --save` saved.
    static func locate(_ explicit: String?) -> TranscriptStore {
        let cwd = KnowledgeFolder.currentDirectory()
        func store(_ given: String) -> TranscriptStore {
            TranscriptStore(path: KnowledgeFolder.Path.shown(KnowledgeFolder.Path.opened(given, workingDirectory: cwd)))
        }
        if let explicit, !explicit.isEmpty { return store(explicit) }
        if let env = environmentValue("DMCC_TRANSCRIPTS"), !env.isEmpty { return store(env) }
        return TranscriptStore(path: KnowledgeFolder.Path.appending("Transcripts", to: KnowledgeFolder.Path.resolved(cwd, workingDirectory: cwd)))
    }

    var shownPath: String {
        let cwd = KnowledgeFolder.currentDirectory() + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    func jsonURL(_ id: String) -> URL { folder.appendingPathComponent(id + ".json") }
    func markdownURL(_ id: String) -> URL { folder.appendingPathComponent(id + ".md") }

    /// Creates the folder private (0700, whatever the umask); a folder the user already has keeps
    /// its mode. Clears what killed saves left behind.
    func prepare() throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw Failure("\(shownPath) is een bestand, geen map", "\(shownPath) is a file, not a folder") }
        } else {
            // mkdir(2) one level at a time, so the error names the real cause (permission, not a folder, full disk).
            var partial = path.hasPrefix("/") ? "" : "."
            for component in path.split(separator: "/") {
                partial += "/" + component
                if mkdir(partial, 0o700) == 0 {
                    chmod(partial, 0o700)  // mkdir's mode is filtered by the umask
                } else if errno != EEXIST {
                    let reason = String(cString: strerror(errno))
                    throw Failure("de map \(shownPath) kan niet worden gemaakt: \(reason); kies een andere met --transcripts of DMCC_TRANSCRIPTS",
                                  "cannot create the folder \(shownPath): \(reason); choose another with --transcripts or DMCC_TRANSCRIPTS")
                }
            }
        }
        removeLeftovers()
        guard access(path, W_OK) == 0 else {
            let reason = String(cString: strerror(errno))
            throw Failure("er kan niet worden geschreven in \(shownPath): \(reason); kies een andere map met --transcripts of DMCC_TRANSCRIPTS",
                          "cannot write in \(shownPath): \(reason); choose another folder with --transcripts or DMCC_TRANSCRIPTS")
        }
    }

    /// Saves both files of a record. Both are written and synced as temporary files first; then
    /// the Markdown copy is linked into place and the JSON file last, so a record (listed by its
    /// JSON file) never appears without its Markdown copy, whenever the process is killed. A new
    /// id is drawn when one is taken, so concurrent saves into one folder each keep their own record.
    /// With a signing key the record is signed; a key file that cannot be used refuses the save
    /// (the wizard keeps the session), never saves silently unsigned. Inside a git work tree the
    /// record's two files are committed; a failing commit is a warning, the record stays saved.
    func save(_ make: (String) -> AdviceRecord, timestamp: String) throws -> AdviceRecord {
        try prepare()
        // A key that cannot be used refuses the save (`ConsultantKey.Unusable`), never saves unsigned.
        let key = try ConsultantKey.location().load()
        let keyFile = ConsultantKey.location().file
        for _ in 0..<20 {
            var record = make(RecordID.make(timestamp: timestamp, random: UInt32.random(in: 0...0xFFFFFF)))
            if let key {
                do {
                    record = try record.signed(with: key)
                } catch {
                    throw ConsultantKey.Unusable(path: keyFile.path, damage: CLIText.verbatim("\(error)"))
                }
            }
            let markdown = try writeTemporary(Data(RecordRenderer.markdown(record).utf8), beside: markdownURL(record.id))
            defer { unlink(markdown) }
            let json = try writeTemporary(Data(record.prettyJSON().utf8), beside: jsonURL(record.id))
            defer { unlink(json) }
            guard try linkNew(markdown, to: markdownURL(record.id)) else { continue }
            do {
                guard try linkNew(json, to: jsonURL(record.id)) else {
                    unlink(markdownURL(record.id).path)
                    continue
                }
            } catch {
                unlink(markdownURL(record.id).path)
                throw error
            }
            syncFolder()
            // The notices speak the language the advice was given in.
            let language = Language(rawValue: record.language) ?? .nl
            if let key {
                notice(CLIText.savedSigned(key.name, fingerprint: RecordSignature.fingerprint(of: key.publicKey)).text(language))
                // Without this, the consultant's own records fail verify and get no client letter, and nobody says why.
                if let trusted = trustedKeysSilently(), trusted.name(of: key.publicKey) == nil {
                    notice(CLIText.ownKeyNotTrusted("\(shownPath)/\(Self.trustedKeysFile)", name: key.name, key: key.publicKey).text(language))
                }
                if let warning = ConsultantKey.location().exposure() { notice(warning.text(language)) }
            }
            if let warning = RecordsGit.commit([record.id + ".json", record.id + ".md"], in: folder,
                                                author: record.consultant ?? key?.name, message: RecordsGit.message(for: record),
                                                language: language) {
                notice(warning)
            }
            return record
        }
        throw Failure("geen vrij verslag-id gevonden in \(shownPath)", "could not find a free record id in \(shownPath)")
    }

    /// A line about a save on standard error. While curses owns the terminal (the full-screen
    /// wizard) stray text would stay on the screen, so the line is printed when the program
    /// ends, after the screen is restored: a failed commit is never silent.
    private func notice(_ line: String) {
        guard dmcc_stdscr() != nil && !isendwin() else { return printError(line) }
        if DeferredNotices.lines.isEmpty { atexit { DeferredNotices.flush() } }
        DeferredNotices.lines.append(line)
    }

    // MARK: - Trusted keys

    /// The team's trusted public keys, in the records folder.
    static let trustedKeysFile = "trusted-keys"

    var trustedKeysURL: URL { folder.appendingPathComponent(Self.trustedKeysFile) }

    /// The trusted keys, or nil when the file cannot be read or parsed; nothing is printed.
    func trustedKeysSilently() -> TrustedKeys? {
        guard let data = try? Data(contentsOf: trustedKeysURL) else {
            return FileManager.default.fileExists(atPath: trustedKeysURL.path) ? nil : TrustedKeys()
        }
        return try? TrustedKeys.parse(String(decoding: data, as: UTF8.self), file: Self.trustedKeysFile).get()
    }

    /// The trusted keys (none when the file does not exist); a malformed line is an error naming
    /// `file:line`, and so is a file that cannot be read.
    func trustedKeys(language: Language = .nl) throws -> TrustedKeys {
        let data: Data
        do {
            data = try Data(contentsOf: trustedKeysURL)
        } catch {
            if !FileManager.default.fileExists(atPath: trustedKeysURL.path) { return TrustedKeys() }
            printError(CLIText.cannotReadTrustedKeys("\(shownPath)/\(Self.trustedKeysFile)", Self.reason(error)).text(language))
            throw Exit.badInput
        }
        switch TrustedKeys.parse(String(decoding: data, as: UTF8.self), file: "\(shownPath)/\(Self.trustedKeysFile)") {
        case .success(let keys): return keys
        case .failure(let list):
            for problem in list.problems { printError(problem.text(language)) }
            throw Exit.badInput
        }
    }

    /// Appends `NAME KEY` to the trusted keys (creating the file 0600), and commits the file when
    /// the folder is shared through git.
    func trust(name: String, key: String, language: Language) throws {
        try prepare()
        var text = (try? String(contentsOf: trustedKeysURL, encoding: .utf8)) ?? "# Trusted signing keys: one 'NAME PUBLIC-KEY' per line (dmcc-advisor keys trust)\n"
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += "\(name) \(key)\n"
        try replace(Data(text.utf8), at: trustedKeysURL)
        if let warning = RecordsGit.commit([Self.trustedKeysFile], in: folder, author: nil, message: "trust the signing key of \(name)",
                                           language: language) {
            printError(warning)
        }
    }

    /// Links a written temporary file to its final name; false when the name is taken (link()
    /// never replaces a file).
    private func linkNew(_ temporary: String, to url: URL) throws -> Bool {
        if link(temporary, url.path) == 0 { return true }
        let code = errno
        if code == EEXIST { return false }
        let reason = String(cString: strerror(code))
        throw Failure("\(url.lastPathComponent) kan niet worden opgeslagen in \(shownPath): \(reason)",
                      "cannot save \(url.lastPathComponent) in \(shownPath): \(reason)")
    }

    /// Temporary files of saves that were killed: `.tmp-PID-N` whose process no longer runs.
    func removeLeftovers() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where name.hasPrefix(".tmp-") {
            let parts = name.split(separator: "-")
            guard parts.count == 3, let pid = pid_t(parts[1]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
    }

    /// Replaces a file atomically (for the autosave, which is meant to be replaced).
    func replace(_ data: Data, at url: URL) throws {
        try prepare()
        let temporary = try writeTemporary(data, beside: url)
        if rename(temporary, url.path) != 0 {
            let code = errno
            unlink(temporary)
            throw Failure(CLIText.cannotWrite(url.lastPathComponent, String(cString: strerror(code))))
        }
        syncFolder()
    }

    private func writeTemporary(_ data: Data, beside url: URL) throws -> String {
        let temporary = folder.appendingPathComponent(".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw Failure("er kan niet worden geschreven in \(shownPath): \(reason)", "cannot write in \(shownPath): \(reason)")
        }
        var failure: Int32 = 0
        // open()'s mode is filtered by the umask; a record must stay readable by its owner.
        if fchmod(fd, 0o600) != 0 { failure = errno }
        if failure == 0 { data.withUnsafeBytes { buffer in
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
        } }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            let reason = String(cString: strerror(failure))
            let full = failure == ENOSPC
            throw Failure("\(url.lastPathComponent) kan niet worden geschreven in \(shownPath): \(reason)\(full ? " (de schijf is vol)" : "")",
                          "cannot write \(url.lastPathComponent) in \(shownPath): \(reason)\(full ? " (the disk is full)" : "")")
        }
        return temporary
    }

    private func syncFolder() {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    // MARK: - Reading

    struct Listed {
        var record: AdviceRecord
        var file: String
    }

    /// The record files' names (`<id>.json`), leaving out the autosave and temporary files.
    func recordFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }

    /// Every complete, readable record, and the files that could not be read as one.
    func list() -> (records: [Listed], unreadable: [(file: String, reason: LocalizedText)]) {
        let names = recordFiles()
        var records: [Listed] = [], unreadable: [(String, LocalizedText)] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                unreadable.append((name, CLIText.verbatim(Self.reason(error))))
                continue
            }
            do {
                let record = try RecordFile.read(data)
                guard access(markdownURL(String(name.dropLast(5))).path, F_OK) == 0 else {
                    unreadable.append((name, CLIText.markdownCopyMissing))
                    continue
                }
                records.append(Listed(record: record, file: name))
            } catch {
                unreadable.append((name, error.text))
            }
        }
        return (records, unreadable)
    }

    func read(_ id: String) throws -> (json: Data, markdown: String?) {
        guard RecordID.isValid(id) else {
            throw Failure(CLIText.notARecordID(id))
        }
        guard let json = try? Data(contentsOf: jsonURL(id)) else {
            throw Failure(CLIText.noSuchRecord(id, in: shownPath))
        }
        return (json, try? String(contentsOf: markdownURL(id), encoding: .utf8))
    }

    func record(_ id: String) throws -> AdviceRecord {
        let (json, _) = try read(id)
        do {
            return try RecordFile.read(json)
        } catch {
            throw Failure(CLIText.unreadableRecord(id, error.text))
        }
    }

    /// The record for a command: one that cannot be read is reported and ends the command (exit 2).
    /// The record, for a command that builds on it (`resolve` saves new advice from it, `replay`
    /// vouches that its advice still holds): read once and checked as `verify` checks it. A record
    /// that fails (edited by hand, its seal broken, a signature that does not hold) is refused with
    /// the reasons and exit 1, so a forged record is never turned into a new, sealed one.
    func checkedRecordForCommand(_ id: String, command: String, language: Language) throws -> AdviceRecord {
        let checked = try checkedRead(id, trusting: try trustedKeys(language: language), language: language)
        guard checked.problems.isEmpty else {
            printError(CLIText.refusedFailedRecord(id, command: command).text(language))
            for problem in checked.problems { printError("  \(problem)") }
            printError(CLIText.verifySaysTheSame(id).text(language))
            throw Exit.problems
        }
        return checked.record
    }

    /// Record `id` read once and checked as `verify` checks it, its problems said in `language`. No
    /// such record, or bytes that hold no record at all, are reported in `language` (exit 2).
    func checkedRead(_ id: String, trusting keys: TrustedKeys, language: Language) throws -> CheckedRecord {
        do {
            return try CheckedRecord.read(id, trusting: keys, language: language, with: read)
        } catch let failure as RecordFile.Failure {
            printError(CLIText.unreadableRecord(id, failure.text).text(language))
            throw Exit.badInput
        } catch {
            printError(CLIText.reason(error).text(language))
            throw Exit.badInput
        }
    }

    func recordForCommand(_ id: String, language: Language = .nl) throws -> AdviceRecord {
        do {
            return try record(id)
        } catch {
            printError(CLIText.reason(error).text(language))
            throw Exit.badInput
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        // Foundation's own wording ("The operation could not be completed. The file doesn't exist.",
        // "NSCocoaErrorDomain error 256") says less than the system's reason for the same failure.
        if ns.domain == NSCocoaErrorDomain, let code = posixCode(CocoaError.Code(rawValue: ns.code), path: ns.userInfo[NSFilePathErrorKey] as? String) {
            return String(cString: strerror(code))
        }
        return ns.localizedDescription
    }

    /// The system error a Foundation file error stands for, where there is one; for an unknown read
    /// error of a path that is a folder, "Is a directory".
    static func posixCode(_ code: CocoaError.Code, path: String?) -> Int32? {
        switch code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteFileExists: return EEXIST
        case .fileReadTooLarge: return EFBIG
        case .fileReadUnknown, .fileWriteUnknown:
            var info = stat()
            if let path, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return EISDIR }
            return nil
        default: return nil
        }
    }
}

/// Notices held back while curses draws the screen; printed at exit. Only the main thread saves.
enum DeferredNotices {
    nonisolated(unsafe) static var lines: [String] = []

    static func flush() {
        for line in lines { printError(line) }
        lines.removeAll()
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
