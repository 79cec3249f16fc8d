import Foundation
import Testing

/// `advise` and the wizard are parsed by their own command when the arguments are plain long
/// options (issue 12); errors, help and completions must read exactly as the whole tree's.
@Suite("Start-up parsing keeps the command line's answers")
struct StartupParsingTests {
    @Test("a bad value for advise names the full command in its usage line")
    func adviseErrorUsage() throws {
        let r = try Program.run(["advise", "--lang", "xx", "--fact", "purpose=objection"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Error: The value 'xx' is invalid for '--lang <lang>'"), "\(r.stderr)")
        #expect(r.stderr.contains("Usage: dmcc-advisor advise [--fact <name=value> ...]"), "\(r.stderr)")
        #expect(r.stderr.contains("See 'dmcc-advisor advise --help'"), "\(r.stderr)")
    }

    @Test("a bad value for the wizard names the full command in its usage line")
    func wizardErrorUsage() throws {
        let r = try Program.run(["--lang", "xx"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Usage: dmcc-advisor wizard [--lang <lang>]"), "\(r.stderr)")
        #expect(r.stderr.contains("See 'dmcc-advisor wizard --help'"), "\(r.stderr)")
    }

    @Test("an option that misses its value is a usage error, also when the next word is an option")
    func missingValue() throws {
        let r = try Program.run(["advise", "--client", "--lang", "en"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("dmcc-advisor advise"), "\(r.stderr)")
    }

    @Test("help, version and completion scripts still come from the whole command tree",
          arguments: [["advise", "--help"], ["--help"], ["advise", "--generate-completion-script", "bash"]])
    func helpAndCompletions(_ arguments: [String]) throws {
        let r = try Program.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("dmcc-advisor"), "\(r.stdout)")
    }

    @Test("advise given with = and in any order gives the advice")
    func equalsForms() throws {
        let r = try Program.run(["advise", "--lang=en", "--fact", "purpose=objection", "--date=2026-11-29",
                                 "--fact=request=stop", "--fact", "fee=yes"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("NOT ALLOWED"), "\(r.stdout)")
    }
}
