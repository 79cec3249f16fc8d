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

    static func locate(_ explicit: String?) throws -> URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let explicit {
            candidates = [URL(fileURLWithPath: explicit)]
        } else {
            if let env = ProcessInfo.processInfo.environment["DMCC_KNOWLEDGE"], !env.isEmpty {
                candidates.append(URL(fileURLWithPath: env))
            }
            var dir = URL(fileURLWithPath: fm.currentDirectoryPath)
            for _ in 0..<4 { candidates.append(dir.appendingPathComponent("Knowledge")); dir.deleteLastPathComponent() }
            var exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<5 { candidates.append(exe.appendingPathComponent("Knowledge")); exe.deleteLastPathComponent() }
        }
        for url in candidates {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue { return url }
        }
        throw NotFound(tried: candidates.map(\.path))
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

    /// The consultants' test cases, `cases/*.yaml` inside the knowledge folder; nil when that folder does not exist.
    static func readCases(_ folder: URL) throws -> [KnowledgeSource]? {
        let cases = folder.appendingPathComponent("cases")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: cases.path, isDirectory: &isDir), isDir.boolValue else { return nil }
        return try read(cases)
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
