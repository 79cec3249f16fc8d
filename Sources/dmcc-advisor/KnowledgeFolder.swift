import DMCCCore
import Foundation

/// Finds and reads the knowledge folder: the only place the program touches knowledge files.
enum KnowledgeFolder {
    struct NotFound: Error, CustomStringConvertible {
        var tried: [String]
        var text: LocalizedText { CLIText.knowledgeNotFound(tried) }
        var description: String { text.text(.en) }
    }

    /// A folder named with `--knowledge` or `DMCC_KNOWLEDGE` that cannot be used: an explicit
    /// choice is never replaced by another folder.
    struct Unusable: Error, CustomStringConvertible {
        var text: LocalizedText
        var description: String { text.text(.en) }
    }

    /// `--knowledge`, else `DMCC_KNOWLEDGE`, else `Knowledge/` in the working directory or a parent,
    /// else next to the program. The folder is a plain path, spelled as `URL(fileURLWithPath:)`
    /// spelled it (see `Path`): building URLs cost a start some 4.5% of `advise`.
    static func locate(_ explicit: String?) throws -> String {
        if let explicit { return try chosen(explicit, by: "--knowledge") }
        if let env = environmentValue("DMCC_KNOWLEDGE"), !env.isEmpty {
            return try chosen(env, by: "DMCC_KNOWLEDGE")
        }
        let candidates = Path.candidates(workingDirectory: currentDirectory(), program: CommandLine.arguments[0])
        for path in candidates where isFolder(path) { return path }
        throw NotFound(tried: candidates)
    }

    private static func chosen(_ path: String, by source: String) throws -> String {
        let named = source == "--knowledge" ? "--knowledge '\(path)'" : "DMCC_KNOWLEDGE='\(path)'"
        guard !path.isEmpty else { throw Unusable(text: CLIText.knowledgeEmpty(named)) }
        // The folder as it is read: `~` expanded, `..` resolved by the system.
        let folder = Path.opened(path, workingDirectory: currentDirectory())
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw Unusable(text: CLIText.knowledgeMissing(named, String(cString: strerror(errno))))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Unusable(text: CLIText.knowledgeNotAFolder(named))
        }
        return folder
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Paths as the program spelled them with `URL(fileURLWithPath:)`, on plain strings, so that
    /// messages and shown file names stay as they were (KnowledgeFolderPathTests compares the two).
    enum Path {
        /// `URL(fileURLWithPath: path)` as a string: `~` expanded; a relative path joined to the
        /// working directory with `.` and `..` taken out (an absolute one is kept as written);
        /// trailing slashes kept (`shown` drops them, `appending` uses them).
        static func resolved(_ path: String, workingDirectory: String) -> String {
            if path.hasPrefix("~"), let expanded = expandingTilde(path) { return expanded }
            if path.hasPrefix("/") { return path }
            return removingDotSegments((workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/") + path)
        }

        /// The folder the system opens for `path`, as `ls` and `cat` would: `resolved`, except that
        /// a path with a `..` segment is resolved by the system (`realpath`). Taking `..` out as text
        /// goes wrong after a symbolic link: `p/link/../K` is the `K` next to the link's target, not
        /// `p/K`, and reading `p/K` gave advice from other knowledge than the folder named.
        static func opened(_ path: String, workingDirectory: String) -> String {
            let textual = resolved(path, workingDirectory: workingDirectory)
            guard path.split(separator: "/").contains("..") else { return textual }
            let given = path.hasPrefix("~") ? (expandingTilde(path) ?? path) : path
            let absolute = given.hasPrefix("/") ? given : (workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/") + given
            guard let real = realpath(absolute, nil) else { return textual }
            defer { free(real) }
            return String(cString: real)
        }

        /// The resolved path as `URL.path` gives it: without trailing slashes (`/` stays `/`).
        static func shown(_ resolved: String) -> String {
            var path = Substring(resolved)
            while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
            return String(path)
        }

        /// `URL.appendingPathComponent(component).path`.
        static func appending(_ component: String, to resolved: String) -> String {
            shown(resolved.hasSuffix("/") ? resolved + component : resolved + "/" + component)
        }

        /// `URL.deletingLastPathComponent().path` of an absolute path without `.`, `..` or doubled
        /// slashes: the parent, and `/` for `/`.
        static func parent(_ path: String) -> String {
            let path = shown(path)
            guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
            return String(path[..<slash])
        }

        /// Where the knowledge is looked for, in order: `Knowledge` in the working directory and
        /// three parents, `share/dmcc-advisor/Knowledge` next to the program's folder (`make install`
        /// puts the program in PREFIX/bin), and `Knowledge` in the program's folder and four parents.
        static func candidates(workingDirectory: String, program: String) -> [String] {
            var candidates: [String] = []
            var dir = shown(workingDirectory)
            for _ in 0..<4 { candidates.append(appending("Knowledge", to: dir)); dir = parent(dir) }
            var exe = parent(resolvingSymlinks(resolved(program, workingDirectory: workingDirectory)))
            candidates.append(appending("share/dmcc-advisor/Knowledge", to: parent(exe)))
            for _ in 0..<5 { candidates.append(appending("Knowledge", to: exe)); exe = parent(exe) }
            return candidates
        }

        /// `URL.resolvingSymlinksInPath().path`: the real path of an existing file, else the path
        /// with `.`, `..` and doubled slashes taken out.
        static func resolvingSymlinks(_ path: String) -> String {
            if let real = realpath(path, nil) {
                defer { free(real) }
                return String(cString: real)
            }
            var parts: [Substring] = []
            for part in path.split(separator: "/") {
                if part == "." { continue }
                if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
                parts.append(part)
            }
            return "/" + TextLayout.join(parts, separator: "/")
        }

        /// RFC 3986's remove_dot_segments of an absolute path; empty segments are kept.
        static func removingDotSegments(_ path: String) -> String {
            let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            var out: [Substring] = []
            for (i, segment) in zip(segments.indices, segments) {
                let last = i == segments.index(before: segments.endIndex)
                if segment == "." || segment == ".." {
                    if segment == "..", !out.isEmpty { out.removeLast() }
                    if last { out.append("") }
                    continue
                }
                out.append(segment)
            }
            return "/" + TextLayout.join(out, separator: "/")
        }

        /// `~` and `~/...` from HOME (else the password database), `~name/...` from the password
        /// database; nil when there is no such user.
        static func expandingTilde(_ path: String) -> String? {
            let slash = path.firstIndex(of: "/") ?? path.endIndex
            let user = path[path.index(after: path.startIndex)..<slash]
            var home: String?
            if user.isEmpty {
                if let value = environmentValue("HOME"), !value.isEmpty { home = value }
                else if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { home = String(cString: dir) }
            } else if let entry = getpwnam(String(user)), let dir = entry.pointee.pw_dir {
                home = String(cString: dir)
            }
            guard let home else { return nil }
            let rest = path[slash...]
            return rest.isEmpty ? home : shown(home) + rest
        }
    }

    /// Reads every `.yaml`/`.yml` file of the folder, with paths shown relative to the working
    /// directory. A file that cannot be read becomes a source with its failure, so that lint
    /// reports every such file (`file: what is wrong`) and goes on. Hidden files and editor lock
    /// files (`.#name.yaml`) are not knowledge.
    static func read(_ folder: String) throws -> [KnowledgeSource] {
        try files(folder).map { file in
            switch readFile(file.path) {
            case .success(let bytes): return KnowledgeSource(path: file.shown, bytes: bytes)
            case .failure(let failure): return KnowledgeSource(path: file.shown, failure: failure.description)
            }
        }
    }

    /// The knowledge files of a folder, sorted by name: where each is and how it is shown. Read with
    /// opendir/readdir and plain strings (FileManager and URL cost a start some 5% of `advise`);
    /// a folder that cannot be opened is reported through FileManager's error, as before.
    static func files(_ folder: String) throws -> [(name: String, path: String, shown: String)] {
        let folderPath = Path.shown(folder)
        guard let dir = opendir(folderPath) else {
            do {
                _ = try FileManager.default.contentsOfDirectory(atPath: folderPath)
            } catch {
                throw Unusable(text: CLIText.knowledgeUnreadable(folderPath, TranscriptStore.reason(error)))
            }
            throw Unusable(text: CLIText.knowledgeUnreadable(folderPath, String(cString: strerror(errno))))
        }
        var names = entries(dir).filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
        names.sort()
        let cwd = currentDirectory() + "/"
        let prefix = folderPath.hasSuffix("/") ? folderPath : folderPath + "/"
        return names.map { name in
            let path = prefix + name
            return (name, path, path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path)
        }
    }

    /// The names in an opened folder, in the system's order, without `.` and `..` (as
    /// FileManager.contentsOfDirectory lists them); closes it.
    static func entries(_ dir: OpaquePointer) -> [String] {
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        return names
    }

    /// The working directory, as FileManager.currentDirectoryPath gives it.
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return FileManager.default.currentDirectoryPath }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The cache key of the folder's knowledge, computed as `KnowledgeCache.key(for: read(folder), program:)`
    /// would, but a piece at a time through one buffer: at start-up only the digest is needed, not
    /// the files. Nil when any file is not a plain readable regular file of a size the YAML path
    /// accepts, or changes while it is read: the YAML path then reads and reports it.
    static func key(_ files: [(name: String, path: String, shown: String)], program: String) -> String? {
        var digest = KnowledgeDigest.Stream()
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        for file in files.sorted(by: { $0.shown < $1.shown }) {
            let fd = open(file.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= KnowledgeSource.maximumSize else { return nil }
            let size = Int(info.st_size)
            digest.file(name: file.name, size: size)
            var total = 0
            while true {
                let n = Glibc.read(fd, buffer.baseAddress!, chunk)
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { return nil }
                if n == 0 { break }
                total += n
                guard total <= size else { return nil }
                digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
            guard total == size else { return nil }
        }
        return KnowledgeCache.key(digest: digest.hex(), program: program)
    }

    struct ReadFailure: Error, CustomStringConvertible { var description: String }

    /// The bytes of a regular file no larger than `limit`. Opened without blocking, so that a FIFO
    /// is reported instead of waited on. With `ownOnly`, a file that is not this user's own or that
    /// others may write is refused (checked on the opened file, so it cannot be swapped meanwhile).
    static func readFile(_ path: String, limit: Int = KnowledgeSource.maximumSize, ownOnly: Bool = false) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            let what = code == ELOOP ? "a symbolic link that loops or is nested too deeply" : String(cString: strerror(code))
            return .failure(ReadFailure(description: "cannot be opened: \(what)"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(ReadFailure(description: "cannot be read: \(String(cString: strerror(errno)))")) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(ReadFailure(description: "is a folder, not a knowledge file"))
        case S_IFIFO: return .failure(ReadFailure(description: "is a named pipe (FIFO), not a knowledge file"))
        default: return .failure(ReadFailure(description: "is not a regular file"))
        }
        if ownOnly && (info.st_uid != getuid() || info.st_mode & 0o022 != 0) {
            return .failure(ReadFailure(description: "is not private to this user"))
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            return .failure(ReadFailure(description: KnowledgeSource.tooLarge(size)))
        }
        // The file may grow between fstat and read: the limit holds for what is read, too. Read
        // straight into the array, sized by fstat (one byte more shows that it grew).
        var bytes: [UInt8] = []
        var capacity = size + 1
        while true {
            var failure: Int32 = 0
            let previous = bytes.count
            let room = capacity - previous
            bytes.reserveCapacity(capacity)
            bytes.append(contentsOf: repeatElement(0, count: room))
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                let read = Glibc.read(fd, buffer.baseAddress! + previous, room)
                if read < 0 { failure = errno }
                return read
            }
            if n < 0 {
                bytes.removeLast(room)
                if failure == EINTR { continue }
                return .failure(ReadFailure(description: "cannot be read: \(String(cString: strerror(failure)))"))
            }
            bytes.removeLast(room - n)
            if n == 0 { return .success(bytes) }
            if bytes.count > limit {
                return .failure(ReadFailure(description: KnowledgeSource.tooLarge(bytes.count)))
            }
            if bytes.count == capacity { capacity = min(capacity * 2, limit + 1) + 1 }
        }
    }

    /// The consultants' test cases, `cases/*.yaml` inside the knowledge folder; nil when that folder does not exist.
    static func readCases(_ folder: String) throws -> [KnowledgeSource]? {
        let cases = Path.appending("cases", to: folder)
        guard isFolder(cases) else { return nil }
        return try read(cases)
    }

    /// The validated knowledge base, or a printed list of problems and exit code 4.
    /// - Parameter compiled: take the compiled form of exactly these files' bytes when there is one
    ///   (see `KnowledgeCache`), and write it after a YAML load. `test` reads the YAML every time.
    /// - Parameter language: the language of the messages when the knowledge cannot be used (the
    ///   problems themselves, as `lint` reports them, stay in English).
    static func load(_ explicit: String?, compiled: Bool = true, language: Language = .en) throws -> KnowledgeBase {
        let kb = try loadOnce(explicit, compiled: compiled, language: language)
        lastLoaded = kb
        return kb
    }

    /// The knowledge base loaded last, kept until the process exits (a command loads one): freeing
    /// it node by node just before the exit cost `advise` some 7% of its instructions (issue 12).
    nonisolated(unsafe) private static var lastLoaded: KnowledgeBase?

    private static func loadOnce(_ explicit: String?, compiled: Bool, language: Language) throws -> KnowledgeBase {
        do {
            let folder = try locate(explicit)
            let files = try files(folder)
            // A folder without knowledge files is the wrong folder, not a broken knowledge base.
            guard !files.isEmpty else { throw Unusable(text: CLIText.knowledgeNoFiles(Path.shown(folder))) }
            guard compiled else { return try Linter.validated(read(folder).sorted { $0.path < $1.path }) }
            // Compiled knowledge for exactly these bytes: no file needs to be held or parsed. The
            // files' digest is computed on a second thread while this one reads and decodes what
            // was compiled for this folder last; that is used only if it was compiled for this digest.
            let program = KnowledgeCache.program()
            let hashing = SecondThread { KnowledgeFolder.key(files, program: program) }
            let last = KnowledgeCache.read(knowledge: folder, program: program, paths: files.map(\.shown).sorted())
            if let key = hashing.result(), let last, last.key == key { return last.base }
            let sources = try read(folder).sorted { $0.path < $1.path }
            guard sources.allSatisfy({ $0.failure == nil }) else { return try Linter.validated(sources) }
            let key = KnowledgeCache.key(for: sources, program: program)
            if let last, last.key == key { return last.base }
            let kb = try Linter.validated(sources)
            KnowledgeCache.write(kb, key: key, knowledge: folder, program: program)
            return kb
        } catch let errors as KnowledgeErrors {
            printError(CLIText.knowledgeProblems(errors.problems.count).text(language))
            for problem in errors.problems.prefix(20) { printError("  \(problem)") }
            throw Exit.knowledge
        } catch let unusable as Unusable {
            printError(unusable.text.text(language))
            throw Exit.knowledge
        } catch let notFound as NotFound {
            printError(notFound.text.text(language))
            throw Exit.knowledge
        } catch {
            printError("\(error)")
            throw Exit.knowledge
        }
    }
}
