import DMCCCore
import Foundation

/// Prints an HTML page to PDF with headless Chromium: the page is written to a private temporary
/// folder, printed there, and the PDF moved into place only when the browser made one.
enum PDFPrinter {
    /// Why no PDF was made, in both languages (`CLIText.reason`).
    struct Failure: Error, CustomStringConvertible {
        var text: LocalizedText
        var description: String { text.text(.en) }
    }

    static let browserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    static let timeoutSeconds = 90


    /// The browser: `DMCC_CHROMIUM` when set, else the first of `browserNames` on the PATH.
    static func browser() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["DMCC_CHROMIUM"], !chosen.isEmpty {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in browserNames {
            for folder in path where !folder.isEmpty {
                let candidate = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    static func print(_ html: String, to target: URL) throws {
        guard let browser = browser() else { throw Failure(text: CLIText.noBrowser(browserNames)) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dmcc-pdf-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard mkdir(work.path, 0o700) == 0 else {
            throw Failure(text: CLIText.noTemporaryFolder(String(cString: strerror(errno))))
        }
        defer { try? FileManager.default.removeItem(at: work) }
        let page = work.appendingPathComponent("letter.html"), pdf = work.appendingPathComponent("letter.pdf")
        let log = work.appendingPathComponent("browser.log")
        try Data(html.utf8).write(to: page)
        let arguments = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                         "--disable-background-networking", "--disable-component-update", "--mute-audio",
                         "--user-data-dir=" + work.appendingPathComponent("profile").path,
                         "--no-pdf-header-footer", "--print-to-pdf-no-header", "--print-to-pdf=" + pdf.path, page.absoluteString]
        let status = try run(arguments, log: log.path)
        let made = (try? Data(contentsOf: pdf)) ?? Data()
        guard made.starts(with: Data("%PDF".utf8)) else {
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let last = said.split(separator: "\n").suffix(3).joined(separator: " | ")
            throw Failure(text: CLIText.noPDF(browser, status: status, timeout: timeoutSeconds, said: last))
        }
        // Into place: a rename within one file system, else a copy.
        if FileManager.default.fileExists(atPath: target.path) { try? FileManager.default.removeItem(at: target) }
        do {
            try FileManager.default.moveItem(at: pdf, to: target)
        } catch {
            throw Failure(text: CLIText.cannotWrite(target.path, TranscriptStore.reason(error)))
        }
    }

    /// Runs the browser in its own process group with output to `log`; its exit status, or nil
    /// when it did not finish in time (then the whole group is stopped).
    private static func run(_ arguments: [String], log: String) throws -> Int32? {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes: posix_spawnattr_t = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw Failure(text: CLIText.cannotStart(arguments[0], String(cString: strerror(spawned))))
        }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { return -1 }
            if Date() > deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return nil
            }
            usleep(50_000)
        }
        // Helpers the browser left behind in its group.
        kill(-pid, SIGKILL)
        let exited = status & 0x7f == 0
        return exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
