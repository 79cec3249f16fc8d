import ArgumentParser
import DMCCCore
import Foundation

/// `dmcc-advisor keys`: the consultant's signing key, and the team's trusted public keys.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make and show your signing key, and trust a colleague's public key.",
        discussion: """
            Your private key lives in your config folder ($DMCC_CONFIG, else $XDG_CONFIG_HOME/dmcc-advisor, \
            else ~/.config/dmcc-advisor), readable by you only. Every saved record is signed with it. \
            The team's trusted public keys are the file 'trusted-keys' in the records folder, one \
            'NAME KEY' per line; 'transcripts verify' names the signer from it.
            """,
        subcommands: [Init.self, Show.self, Trust.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Make your Ed25519 key pair; prints the public key line for the team's trusted keys.")

        @Option(name: .long, help: "The name records are signed as (default: git's user.name, else $USER).")
        var name: String?

        @Flag(name: .long, help: "Replace an existing key (records signed with the old one stay verifiable only while the team trusts it).")
        var force = false

        @OptionGroup var language: LanguageOption

        func run() throws {
            let L = language.lang
            let location = ConsultantKey.location()
            if !force, FileManager.default.fileExists(atPath: location.file.path) {
                printError(CLIText.keyExists(location.file.path).text(L))
                throw Exit.badInput
            }
            let chosen = ControlCharacters.cleaned(name ?? ConsultantKey.defaultName()).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !chosen.isEmpty else {
                printError(CLIText.noNameToSignAs.text(L))
                throw Exit.badInput
            }
            let key = SigningKey(name: chosen)
            do {
                try location.store(key, replacing: force)
            } catch {
                printError(error.text.text(L))
                throw Exit.saveFailed
            }
            printError(CLIText.keyWritten(key.name, to: location.file.path).text(L))
            print(key.trustedKeyLine)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print your public key line (NAME KEY) for the team's trusted keys.")

        @OptionGroup var language: LanguageOption

        func run() throws {
            let L = language.lang
            guard let key = try ConsultantKey.loadForCommand(L) else {
                printError(CLIText.noKey(ConsultantKey.location().file.path).text(L))
                throw Exit.badInput
            }
            if let warning = ConsultantKey.location().exposure() { printError(warning.text(L)) }
            print(key.trustedKeyLine)
            printError(CLIText.fingerprint(RecordSignature.fingerprint(of: key.publicKey)).text(L))
        }
    }

    struct Trust: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trust",
            abstract: "Add a public key to the trusted keys in the records folder (trusted-keys).",
            discussion: "Paste the line 'keys show' printed on a colleague's machine: keys trust --name \"Eva de Vries\" KEY.")

        @Option(name: .long, help: "The name the key signs as, shown by 'transcripts verify'.")
        var name: String

        @Argument(help: "The base64 public key (44 characters).")
        var key: String

        @OptionGroup var language: LanguageOption
        @OptionGroup var transcriptOptions: TranscriptOptions

        func run() throws {
            let L = language.lang
            let store = TranscriptStore.locate(transcriptOptions.transcripts)
            let cleanName = ControlCharacters.cleaned(name).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !cleanName.isEmpty else {
                printError(CLIText.emptyKeyName.text(L))
                throw Exit.badInput
            }
            guard TrustedKeys.isPublicKey(key) else {
                printError(RecordText.notAPublicKey(ControlCharacters.escaped(key, keepingNewlines: false)).text(L))
                throw Exit.badInput
            }
            let trusted = try store.trustedKeys(language: L)
            let file = "\(store.shownPath)/\(TranscriptStore.trustedKeysFile)"
            if let known = trusted.name(of: key) {
                printError(CLIText.alreadyTrusted(known, in: file).text(L))
                return
            }
            do {
                try store.trust(name: cleanName, key: key, language: L)
            } catch {
                printError(CLIText.reason(error).text(L))
                throw Exit.saveFailed
            }
            printError(CLIText.trusted(cleanName, fingerprint: RecordSignature.fingerprint(of: key), in: file).text(L))
        }
    }
}

/// Where the consultant's private key lives, and reading and writing it.
struct ConsultantKey {
    static let fileName = "signing-key"

    let folder: URL
    var file: URL { folder.appendingPathComponent(Self.fileName) }

    /// `$DMCC_CONFIG`, else `$XDG_CONFIG_HOME/dmcc-advisor`, else `~/.config/dmcc-advisor`.
    static func location() -> ConsultantKey {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["DMCC_CONFIG"], !dir.isEmpty { return ConsultantKey(folder: URL(fileURLWithPath: dir)) }
        if let xdg = env["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return ConsultantKey(folder: URL(fileURLWithPath: xdg).appendingPathComponent("dmcc-advisor"))
        }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return ConsultantKey(folder: URL(fileURLWithPath: home).appendingPathComponent(".config/dmcc-advisor"))
    }

    /// The key file cannot be written, in both languages.
    struct Failure: Error, CustomStringConvertible {
        var text: LocalizedText
        var description: String { text.text(.en) }
    }

    /// The key file exists but cannot be used (never silently unsigned): `readError` is the system's
    /// reason when it cannot be read; else `damage` says what is wrong with it.
    struct Unusable: Error, CustomStringConvertible {
        var path: String
        var readError: String?
        var damage: LocalizedText?
        /// Why, and what to do (`RecordText`: the wizard says the same).
        var text: LocalizedText { RecordText.signingKeyUnusable(path, readError: readError, damage: damage) }
        var description: String { text.text(.en) }
    }

    /// The key, nil when there is none; a key file that exists but cannot be used is an error
    /// (never silently unsigned).
    func load() throws(Unusable) -> SigningKey? {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            if !FileManager.default.fileExists(atPath: file.path) { return nil }
            throw Unusable(path: file.path, readError: TranscriptStore.reason(error))
        }
        do {
            return try SigningKey.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw Unusable(path: file.path, damage: error.text)
        }
    }

    /// A warning when others may read the private key (anyone who can read it can sign as you).
    func exposure() -> LocalizedText? {
        var info = stat()
        guard stat(file.path, &info) == 0, info.st_mode & 0o077 != 0 else { return nil }
        return CLIText.keyExposed(file.path, mode: String(info.st_mode & 0o777, radix: 8))
    }

    /// `load()` for a command: a key that cannot be used is reported in `language` and exits 2.
    static func loadForCommand(_ language: Language) throws -> SigningKey? {
        do {
            return try location().load()
        } catch {
            printError(error.text.text(language))
            throw Exit.badInput
        }
    }

    /// Writes the key file 0600 in a 0700 folder, through a temporary file; never replaces an
    /// existing key unless `replacing`.
    func store(_ key: SigningKey, replacing: Bool) throws(Failure) {
        var path = folder.path.hasPrefix("/") ? "" : "."
        for component in folder.path.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw Failure(text: CLIText.cannotCreateConfig(folder.path, String(cString: strerror(errno))))
            }
        }
        // The folder holds a private key: only its owner may look inside (mkdir's mode is filtered by the umask).
        guard chmod(folder.path, 0o700) == 0 else {
            throw Failure(text: CLIText.cannotMakePrivate(folder.path, String(cString: strerror(errno))))
        }
        let temporary = folder.appendingPathComponent(".\(Self.fileName)-\(getpid())").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(text: CLIText.cannotWriteIn(folder.path, String(cString: strerror(errno)))) }
        let bytes = Array(key.fileText.utf8)
        let written = fchmod(fd, 0o600) == 0 ? bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } : -1
        let synced = written == bytes.count && fsync(fd) == 0
        close(fd)
        guard synced else {
            unlink(temporary)
            throw Failure(text: CLIText.cannotWrite(file.path, String(cString: strerror(errno))))
        }
        defer { unlink(temporary) }
        if replacing {
            guard rename(temporary, file.path) == 0 else {
                throw Failure(text: CLIText.cannotWrite(file.path, String(cString: strerror(errno))))
            }
        } else if link(temporary, file.path) != 0 {
            let code = errno
            throw Failure(text: code == EEXIST ? CLIText.keyExists(file.path) : CLIText.cannotWrite(file.path, String(cString: strerror(code))))
        }
    }

    /// git's user.name, else the login name.
    static func defaultName() -> String {
        if let name = RecordsGit.run(["config", "user.name"], in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
           name.status == 0, !name.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return name.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ProcessInfo.processInfo.environment["USER"] ?? ""
    }
}
