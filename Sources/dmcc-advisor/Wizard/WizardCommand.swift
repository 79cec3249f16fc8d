import ArgumentParser
import CSignalSafe
import DMCCCore
import Foundation

/// `dmcc-advisor` without a subcommand: the guided questionnaire, full-screen or line by line.
struct WizardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "Answer the questions one by one and read the advice (the default).",
        discussion: "Line mode (numbered prompts) is used when input or output is not a terminal, TERM=dumb, ACCESSIBLE is set, or with --plain.")

    @Option(name: .long, help: "The language to start in: nl or en.")
    var lang: Language = .nl

    @OptionGroup var actionDate: ActionDateOption

    @Flag(name: .long, help: "Numbered prompts, one per line, instead of the full-screen wizard.")
    var plain = false

    @Flag(name: .long, help: "Resume the interrupted session without asking.")
    var resume = false

    /// Given on the command line, these skip the start screen.
    @OptionGroup var details: RecordDetails

    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @OptionGroup var transcriptOptions: TranscriptOptions

    /// The command line's values, which the run works from.
    var request: WizardRequest {
        WizardRequest(lang: lang, date: actionDate.date, plain: plain, resume: resume, details: details.values,
                      knowledge: knowledgeOptions.knowledge, transcripts: transcriptOptions.transcripts)
    }

    func run() throws { try request.run() }
}

/// The wizard's command line as plain values, which the start-up parser builds directly (see
/// `AdviseRequest`).
struct WizardRequest: Equatable {
    var lang: Language = .nl
    var date: String?
    var plain = false
    var resume = false
    /// Given on the command line, these skip the start screen.
    var details = RecordDetails.Values()
    var knowledge: String?
    var transcripts: String?

    func run() throws {
        let kb = try KnowledgeFolder.load(knowledge, language: lang)
        let date = try ActionDateOption.resolve(date, for: kb, language: lang)
        let records = TranscriptStore.locate(transcripts)
        let sessions = SessionStore(records: records)
        let lineMode = useLineMode
        // Line mode offers no resume unless asked (--resume): a piped run must never stop at an offer.
        let offers: [Session]
        if lineMode && !resume {
            let waiting = sessions.interrupted().filter { !sessions.isLive($0.id) }.count
            if waiting > 0 { printError(WizardText.interruptedWaiting(waiting, hint: resumeCommand).text(lang)) }
            offers = []
        } else {
            // Taken (locked) now, so no other wizard offers the same sessions at the same time.
            offers = sessions.takeInterrupted()
        }
        let interrupted = offers.first
        // --resume with nothing to take: said on the first screen (stderr is hidden behind the full
        // screen), naming why: none at all, or only sessions another wizard has open.
        let nothingToResume = resume && interrupted == nil
            ? WizardText.nothingToResume(in: records.shownPath, inUse: sessions.interrupted().filter { sessions.isLive($0.id) }.count,
                                         unreadable: sessions.unreadable()) : nil
        if lineMode, let nothingToResume { printError(nothingToResume.text(lang)) }
        if resume && offers.count > 1 {
            // --resume takes the newest; the others are named, never hidden.
            for other in offers.dropFirst() { sessions.release(other.id) }
            printError(WizardText.othersWaiting(offers.count - 1).text(lang))
        }
        var session = Session(id: SessionStore.newID(), date: date, changed: Clock.now())
        session.client = details.client ?? ""
        session.consultant = details.consultant ?? ""
        session.subject = details.subject ?? ""
        session.knowledge = KnowledgeStamp(kb)
        var effects = SessionEffects(kb: kb, records: records, sessions: sessions, resumeCommand: resumeCommand)
        let start: (Int, Int, Bool) -> WizardState = { width, height, unicode in
            var s = Wizard.start(kb, session: session, language: lang, width: width, height: height,
                                 details: details.isEmpty, offers: resume ? [] : offers)
            s.unicode = unicode
            if resume, let interrupted { s = Wizard.resume(interrupted, into: s, kb) }
            if !lineMode, let nothingToResume { s.message = nothingToResume }
            return s
        }
        let farewell: String?, end: WizardState
        do {
            (farewell, end) = lineMode ? runLineMode(kb, start(80, 24, Self.utf8Locale), &effects)
                                       : try runFullScreen(kb, start, &effects)
        } catch is CursesScreen.TerminalLost {
            // As after a hangup signal: the autosave stays for --resume (the line says whether it could be
            // kept, for a standard error that outlives the terminal), and nobody is left to read a farewell.
            CursesScreen.writeInterruptedLine()
            throw Exit.hangup
        }
        if let farewell { print(farewell) }
        // The exit codes of `advise` (README, `Exit.meanings`), so a script piping answers in can tell.
        switch Wizard.ending(end, kb) {
        case .advice: return
        case .conditional: throw Exit.conditional
        case .incomplete: throw Exit.incomplete
        case .saveFailed: throw Exit.saveFailed
        }
    }

    /// Runs until the wizard ends; the farewell line and the state it ended in.
    private func runFullScreen(_ kb: KnowledgeBase, _ start: (Int, Int, Bool) -> WizardState,
                               _ effects: inout SessionEffects) throws -> (String?, WizardState) {
        let screen = CursesScreen()
        CursesScreen.setInterruptedLine(WizardText.interrupted(resumeCommand).text(lang))
        try screen.start()
        defer { screen.stop() }
        var state = start(screen.size.width, screen.size.height, screen.unicode)
        while true {
            screen.draw(WizardView.render(state, kb))
            guard let key = try screen.readKey() else { continue }
            if key == .redraw { screen.clear() }
            let (next, todo) = Wizard.handle(key, state, at: Clock.now(), kb)
            let (after, farewell) = effects.run(todo, next)
            state = after
            if let farewell { return (farewell, state) }
        }
    }

    private func runLineMode(_ kb: KnowledgeBase, _ start: WizardState, _ effects: inout SessionEffects) -> (String?, WizardState) {
        var state = start
        // Ctrl-C in line mode also says how to resume (the autosave keeps the session).
        CursesScreen.setInterruptedLine(WizardText.interrupted(resumeCommand).text(lang))
        // A closed output pipe fails the prompt's write (EPIPE), which ends the run with 74, a message
        // and the session kept, instead of killing the program silently with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        dmcc_signal_line_mode()
        // Asked now: a terminal that hung up no longer says it is one.
        let output = LineOutput(terminal: isatty(1) != 0, resumeCommand: resumeCommand)
        var input = LineReader()
        output.write(LineMode.prompt(state, kb), state)
        while true {
            output.write("> ", state)
            let line: String
            switch input.next() {
            case .text(let text):
                line = text
            case .tooLong:
                // Refused whole: part of a line is no answer.
                output.write(LineMode.refused(state, WizardText.lineTooLong(LineReader.limit), kb), state)
                continue
            case .notText:
                // NUL bytes are no text (binary input).
                output.write(LineMode.refused(state, WizardText.lineNotText, kb), state)
                continue
            case .hangup:
                // As after a hangup signal: the autosave stays for --resume, and nobody is left to read a farewell.
                Foundation.exit(Exit.hangup.rawValue)
            case .end:
                output.write("\n", state)
                // Piped answers that reached the advice: it is printed in full and the answers are in the
                // script, so there is nothing to resume; keeping the autosave would only greet every later
                // wizard with an offer to resume it.
                if isatty(0) == 0, case .advice = state.screen, [.advice, .conditional].contains(Wizard.ending(state, kb)) {
                    _ = effects.run([.discardAutosave(sessionID: state.session.id)], state)
                    return (nil, state)
                }
                // Otherwise (typed at a terminal, or cut off before the advice) the autosave keeps the session for --resume.
                if !state.session.isEmpty && state.session.savedAs == nil {
                    printError(WizardText.interrupted(state, resumeCommand: resumeCommand).text(state.language))
                }
                return (nil, state)
            }
            let before = state
            let (next, todo) = LineMode.step(state, line, at: Clock.now(), kb)
            let (after, farewell) = effects.run(todo, next)
            state = after
            if let farewell {
                // Typed input from a pipe is not echoed: end the prompt's line first.
                if isatty(0) == 0 { output.write("\n", state) }
                return (farewell, state)
            }
            output.write(LineMode.prompt(state, kb, after: before), state)
        }
    }

    /// How to resume: with the knowledge and records folders when they were given, so the hint works
    /// as printed and the session goes on with the knowledge it was answered with.
    private var resumeCommand: String {
        var command = "dmcc-advisor --resume"
        if let knowledge { command += " --knowledge " + Self.shellQuoted(knowledge) }
        if let transcripts { command += " --transcripts " + Self.shellQuoted(transcripts) }
        return command
    }

    /// A path as a shell reads it back: as it is when safe, otherwise in single quotes.
    private static func shellQuoted(_ path: String) -> String {
        let safe = path.allSatisfy { $0.isLetter || $0.isNumber || "/._-~+,:@".contains($0) }
        return safe ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Whether the environment's locale is UTF-8 (line mode prints ASCII symbols otherwise).
    private static var utf8Locale: Bool {
        // No locale set at all (a bare pipe, cron) is taken as UTF-8; LANG=C and the like are not.
        guard let locale = ["LC_ALL", "LC_CTYPE", "LANG"].compactMap(environmentValue).first(where: { !$0.isEmpty }) else { return true }
        return locale.uppercased().replacingOccurrences(of: "-", with: "").contains("UTF8")
    }

    private var useLineMode: Bool {
        let term = environmentValue("TERM") ?? ""
        return plain || isatty(0) == 0 || isatty(1) == 0 || term.isEmpty || term == "dumb"
            || !(environmentValue("ACCESSIBLE") ?? "").isEmpty
    }

    /// Line mode's prompts on standard output, written at once (never through `FileHandle`, which
    /// traps when a write fails). A prompt that cannot be written ends the run there, the autosave
    /// kept for --resume: exit 129 when the terminal went away, else 74 as for any output.
    private struct LineOutput {
        let terminal: Bool
        let resumeCommand: String

        func write(_ text: String, _ state: WizardState) {
            guard let failure = PlainOutput.write(text, to: 1) else { return }
            // A terminal that hung up fails every write with EIO: as after a hangup signal, and nobody reads a message.
            if terminal && failure == EIO { Foundation.exit(Exit.hangup.rawValue) }
            let keeps = !state.session.isEmpty && state.session.savedAs == nil
            Exit.outputFailed(failure, then: keeps ? WizardText.interrupted(state, resumeCommand: resumeCommand).text(state.language) : nil)
        }
    }
}
