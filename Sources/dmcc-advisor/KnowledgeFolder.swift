import DMCCCore
import Foundation

/// Finds and reads the knowledge folder: the only place the program touches knowledge files.
enum KnowledgeFolder {
    struct NotFound: Error, CustomStringConvertible {
        var tried: [String]
        var description: String {
            "no knowledge folder found (looked in: \(tried.joined(separator: ", "))); pass --knowledge DIR"
        }
    }

    /// A folder named with `--knowledge` or `DMCC_KNOWLEDGE` that cannot be used: an explicit
    /// choice is never replaced by another folder.
    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    /// `--knowledge`, else `DMCC_KNOWLEDGE`, else `Knowledge/` in the working directory or a parent,
    /// else next to the program.
    static func locate(_ explicit: String?) throws -> URL {
        if let explicit { return try chosen(explicit, by: "--knowledge") }
        if let env = ProcessInfo.processInfo.environment["DMCC_KNOWLEDGE"], !env.isEmpty {
            return try chosen(env, by: "DMCC_KNOWLEDGE")
        }
        var candidates: [URL] = []
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 { candidates.append(dir.appendingPathComponent("Knowledge")); dir.deleteLastPathComponent() }
        var exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 { candidates.append(exe.appendingPathComponent("Knowledge")); exe.deleteLastPathComponent() }
        for url in candidates where isFolder(url.path) { return url }
        throw NotFound(tried: candidates.map(\.path))
    }

    private static func chosen(_ path: String, by source: String) throws -> URL {
        let named = source == "--knowledge" ? "--knowledge '\(path)'" : "DMCC_KNOWLEDGE='\(path)'"
        guard !path.isEmpty else { throw Unusable(description: "\(named) is empty; name a knowledge folder") }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Unusable(description: "\(named): \(String(cString: strerror(errno))); name an existing knowledge folder")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Unusable(description: "\(named) is not a folder; name the knowledge folder, not a file in it")
        }
        return URL(fileURLWithPath: path)
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// Reads every `.yaml`/`.yml` file of the folder, with paths shown relative to the working directory.
    static func read(_ folder: URL) throws -> [KnowledgeSource] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return try names.map { name in
            let url = folder.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            let shown = url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
            return KnowledgeSource(path: shown, bytes: [UInt8](data))
        }
    }

    /// The validated knowledge base, or a printed list of problems and exit code 4.
    static func load(_ explicit: String?) throws -> KnowledgeBase {
        do {
            let sources = try read(try locate(explicit))
            return try Linter.validated(sources)
        } catch let errors as KnowledgeErrors {
            printError("the knowledge base has \(errors.problems.count) problem(s); run 'dmcc-advisor lint' for details:")
            for problem in errors.problems.prefix(20) { printError("  \(problem)") }
            throw Exit.knowledge
        } catch {
            printError("\(error)")
            throw Exit.knowledge
        }
    }
}
