import Foundation
import Testing

/// A tryout (29 November 2026): every piped run that stopped on the advice without `q` left its
/// autosave, so the next full-screen wizard greeted the user with "Er zijn 4 onderbroken sessies".
@Suite("Piped answers that end on the advice leave no session to resume")
struct PipedEndTests {
    func autosaves(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".session-") && $0.hasSuffix(".json") }
    }

    @Test("input that ends on the advice: exit 0, the advice printed, no autosave and no 'interrupted' line")
    func endsOnAdvice() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try runShell("printf '\\n\\n\\n6\\n1\\n1\\n' | dmcc-advisor --plain --date 2026-11-29 --transcripts '\(scratch.path)'")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("TOEGESTAAN"), "\(r.stdout)")
        #expect(autosaves(in: scratch).isEmpty, "\(autosaves(in: scratch))")
        #expect(!r.stderr.contains("Onderbroken"), "\(r.stderr)")
    }

    @Test("input that ends before the advice still keeps the session for --resume, and says so")
    func endsBeforeAdvice() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try runShell("printf '\\n\\n\\n6\\n1\\n' | dmcc-advisor --plain --date 2026-11-29 --transcripts '\(scratch.path)'")
        #expect(r.status == 3, "\(r.stderr)")
        #expect(autosaves(in: scratch).count == 1)
        #expect(r.stderr.contains("Onderbroken"), "\(r.stderr)")
    }
}

/// The same tryout: at the advice, every stray line reprinted the whole advice (some 90 lines), four
/// times in one run, for a screen-reader user to hear again.
@Suite("Line mode does not repeat unchanged advice")
struct LineModeRepeatTests {
    @Test("stray lines at the advice print the message and the hints, not the advice again; a change of language does")
    func strayLines() throws {
        let scratch = scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let program = "dmcc-advisor --plain --date 2026-11-29 --transcripts '\(scratch.path)'"
        let stray = try runShell("printf '\\n\\n\\n6\\n1\\n1\\n1\\n1\\nq\\nj\\n' | \(program)")
        #expect(stray.stdout.components(separatedBy: "Juridische basis").count - 1 == 1, "\(stray.stdout)")
        #expect(stray.stdout.components(separatedBy: "Fout: onbekende invoer '1'").count - 1 == 2, "\(stray.stdout)")
        let english = try runShell("printf '\\n\\n\\n6\\n1\\n1\\nl\\nq\\ny\\n' | \(program)")
        #expect(english.stdout.contains("Juridische basis") && english.stdout.contains("Legal basis"), "\(english.stdout)")
    }
}
