import ArgumentParser
import Foundation
import Testing
@testable import dmcc_advisor

/// The start-up parser (issue 12) against ArgumentParser, over generated command lines: it either
/// declines a command line or yields exactly the command ArgumentParser yields, every field; and
/// the program prints the same and exits the same either way.
@Suite("The start-up parser agrees with ArgumentParser")
struct StartupParserTests {
    /// A small deterministic generator (SplitMix64), so a failure names a reproducible command line.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let valueOptions = ["fact", "date", "lang", "format", "client", "consultant", "subject", "note", "conclusion",
                               "knowledge", "transcripts"]
    static let flagOptions = ["save", "plain", "resume"]
    static let oddWords = ["--", "-h", "--help", "--version", "-x", "--bogus", "---lang", "--Lang", "lint", "advise", "wizard",
                           "help", "positional", "ü", "--fact", "--save=yes", "--plain=", "-", "--="]
    static let goodValues: [String: [String]] = [
        "fact": ["purpose=objection", "request=stop", "fee=yes", "purpose=marketing-call"],
        "date": ["2026-11-29", "2021-06-30", "29-11-2026"],
        "lang": ["nl", "en"],
        "format": ["text", "json", "markdown"],
    ]
    static let anyValues = ["nl", "en", "xx", "NL", "text", "json", "markdown", "html", "2026-11-29", "", "-x", "--lang", "-",
                            "lint", "advise", "help", "wizard", "transcripts", "Jansen & Zn", "Ünïcødé ✓ 名前", "a=b", " spaced ",
                            "purpose=objection", "Knowledge", "/nonexistent/folder", "--", "=", "e\u{301}"]

    /// One command line: well-formed ones (each option once, valid values) half of the time, the
    /// rest anything: repeats, unknown options, missing or odd values, subcommand names, `--`, unicode.
    static func commandLine(_ g: inout Generator) -> [String] {
        var words: [String] = []
        let start = g.below(100)
        if start < 55 { words.append("advise") } else if start < 60 { words.append("wizard") }
        let wellFormed = g.chance(50)
        var used: Set<String> = []
        for _ in 0..<g.below(9) {
            if !wellFormed && g.chance(12) { words.append(g.pick(oddWords)); continue }
            let isFlag = g.chance(20)
            let name = isFlag ? g.pick(flagOptions) : g.pick(valueOptions)
            if wellFormed && name != "fact" && !used.insert(name).inserted { continue }
            if isFlag { words.append("--" + name); continue }
            let value = wellFormed || g.chance(50) ? g.pick(goodValues[name] ?? ["Jansen & Zn", "Ünïcødé ✓ 名前", "a=b", "x y"])
                                                   : g.pick(anyValues)
            switch g.below(wellFormed ? 2 : 3) {
            case 0: words += ["--" + name, value]
            case 1: words.append("--\(name)=\(value)")
            default: words.append("--" + name)  // no value, or the next word is taken as one
            }
        }
        return words
    }

    static let lines: [[String]] = {
        var g = Generator(state: 12)
        var lines = [[], ["advise"], ["--version"], ["advise", "--version"], ["--lang", "en"], ["advise", "--fact", "--lang", "--lang", "en"]]
        for _ in 0..<2000 { lines.append(commandLine(&g)) }
        return lines
    }()

    /// ArgumentParser's command as the start-up parser's values; nil for any other command.
    static func values(_ command: ParsableCommand) -> StartupParser.Command? {
        switch command {
        case let a as Advise: .advise(a.request)
        case let w as WizardCommand: .wizard(w.request)
        default: nil
        }
    }

    /// What the start-up parser makes of a whole command line, as `main` calls it.
    static func fast(_ line: [String]) -> StartupParser.Command? {
        var rest = line
        let facts = Advise.takeFacts(from: &rest)
        return StartupParser.command(rest, facts: facts)
    }

    @Test("an accepted command line gives ArgumentParser's command, every field")
    func sameCommand() throws {
        var accepted = 0, declined = 0
        for line in Self.lines {
            guard let fast = Self.fast(line) else { declined += 1; continue }
            accepted += 1
            let reference = try? DMCCAdvisor.parseAsRoot(line)
            #expect(reference != nil, "accepted, but ArgumentParser rejects: \(line)")
            guard let reference else { continue }
            #expect(Self.values(reference) == fast, "\(line)")
        }
        // Not vacuous: both outcomes are exercised often.
        #expect(accepted > 400, "accepted \(accepted)")
        #expect(declined > 400, "declined \(declined)")
    }

    @Test("the typical command lines are taken by the start-up parser", arguments: [
        [],
        ["--date", "2026-11-29", "--client", "Bench", "--transcripts", "/tmp/x", "--knowledge", "Knowledge"],
        ["advise", "--fact", "purpose=objection", "--fact=request=stop", "--lang=en", "--format", "json", "--date", "2026-11-29"],
        ["advise", "--save", "--client", "Jansen & Zn", "--note", "Ünïcødé ✓", "--fact", "fee=yes"],
    ])
    func typical(_ line: [String]) {
        #expect(Self.fast(line) != nil)
    }

    @Test("help, version, completions, subcommands and errors go to ArgumentParser", arguments: [
        ["--help"], ["-h"], ["advise", "--help"], ["advise", "--version"], ["lint"], ["transcripts", "list"], ["help"],
        ["advise", "--", "--fact", "x=y"], ["--lang", "xx"], ["advise", "--format", "html"], ["--client"], ["advise", "--client", "--lang", "en"],
        ["advise", "--lang", "en", "--lang", "nl"], ["--plain", "--plain"], ["--plain=yes"], ["advise", "--plain"], ["--save"],
        ["--client", "lint"], ["advise", "--note", "-x"], ["advise", "--note="], ["--generate-completion-script", "bash"],
        ["advise", "positional"], ["advise", "-l", "en"], ["--fact", "purpose=objection"],
    ])
    func declined(_ line: [String]) {
        #expect(Self.fast(line) == nil)
    }

    @Test("the parser knows every long option of advise and the wizard, and every subcommand name")
    func complete() {
        func longNames(_ help: String) -> Set<String> {
            var names: Set<String> = []
            var rest = Substring(help)
            while let range = rest.range(of: "--") {
                let name = rest[range.upperBound...].prefix { $0.isLetter || $0 == "-" }
                if !name.isEmpty { names.insert(String(name)) }
                rest = rest[range.upperBound...]
            }
            return names.subtracting(["help", "version"])
        }
        #expect(longNames(Advise.helpMessage()) == Set(StartupParser.adviseValues + StartupParser.adviseFlags + ["fact"]))
        #expect(longNames(WizardCommand.helpMessage()) == Set(StartupParser.wizardValues + StartupParser.wizardFlags))
        let names = DMCCAdvisor.configuration.subcommands.map { $0._commandName }
        #expect(Set(names + ["help"]) == Set(DMCCAdvisor.subcommandNames))
    }

    /// The program, run once with the start-up parser and once with `DMCC_PARSER=general`.
    static func run(_ arguments: [String], general: Bool, in folder: URL) throws -> (Int32, String, String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("dmcc-advisor"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dmcc-advisor"),
                          root.appendingPathComponent(".build/debug/dmcc-advisor")]
        let executable = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["DMCC_KNOWLEDGE"] = root.appendingPathComponent("Knowledge").path
        environment["DMCC_TRANSCRIPTS"] = folder.appendingPathComponent("records").path
        environment["DMCC_CACHE"] = folder.appendingPathComponent("cache").path
        environment["DMCC_PARSER"] = general ? "general" : nil
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test("the program prints the same and exits the same with either parser")
    func sameOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-startup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Saving names each record by the time: those lines are compared by the in-process test only.
        let candidates = Self.lines.filter { line in !line.contains { $0.hasPrefix("--save") } }
        var accepted = candidates.filter { Self.fast($0) != nil }.prefix(30)
        accepted += [["--version"]]
        let declined = candidates.filter { Self.fast($0) == nil }.prefix(10)
        for line in accepted + declined {
            let fast = try Self.run(line, general: false, in: folder)
            let general = try Self.run(line, general: true, in: folder)
            #expect(fast.0 == general.0, "exit status of \(line)")
            #expect(fast.1 == general.1, "stdout of \(line)")
            #expect(fast.2 == general.2, "stderr of \(line)")
        }
    }
}
