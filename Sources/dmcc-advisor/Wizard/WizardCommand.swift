import ArgumentParser
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

    func run() throws {
        let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge)
        let date = try actionDate.resolve(for: kb)
        let records = TranscriptStore.locate(transcriptOptions.transcripts, knowledge: knowledgeOptions.knowledge)
        let sessions = SessionStore(records: records)
        // Taken (locked) now, so no other wizard offers the same session at the same time.
        let interrupted = sessions.takeInterrupted()
        if resume && interrupted == nil { printError("no interrupted session in \(records.shownPath); starting a new one") }
        var session = Session(id: SessionStore.newID(), date: date, changed: Clock.now())
        session.client = details.client ?? ""
        session.consultant = details.consultant ?? ""
        session.subject = details.subject ?? ""
        var effects = SessionEffects(kb: kb, records: records, sessions: sessions)
        let start: (Int, Int, Bool) -> WizardState = { width, height, unicode in
            var s = Wizard.start(kb, session: session, language: lang, width: width, height: height,
                                 details: details.isEmpty, offer: resume ? nil : interrupted)
            s.unicode = unicode
            if resume, let interrupted { s = Wizard.resume(interrupted, into: s, kb) }
            return s
        }
        let farewell: String?
        if useLineMode {
            farewell = runLineMode(kb, start(80, 24, true), &effects)
        } else {
            farewell = try runFullScreen(kb, start, &effects)
        }
        if let farewell { print(farewell) }
    }

    private func runFullScreen(_ kb: KnowledgeBase, _ start: (Int, Int, Bool) -> WizardState,
                               _ effects: inout SessionEffects) throws -> String? {
        let screen = CursesScreen()
        CursesScreen.setInterruptedLine(WizardText.interrupted.text(lang))
        try screen.start()
        defer { screen.stop() }
        var state = start(screen.size.width, screen.size.height, screen.unicode)
        while true {
            screen.draw(WizardView.render(state, kb))
            guard let key = screen.readKey() else { continue }
            if key == .redraw { screen.clear() }
            let (next, todo) = Wizard.handle(key, state, at: Clock.now(), kb)
            let (after, farewell) = effects.run(todo, next)
            state = after
            if let farewell { return farewell }
        }
    }

    private func runLineMode(_ kb: KnowledgeBase, _ start: WizardState, _ effects: inout SessionEffects) -> String? {
        var state = start
        // Ctrl-C in line mode also says how to resume (the autosave keeps the session).
        CursesScreen.setInterruptedLine(WizardText.interrupted.text(lang))
        signal(SIGINT) { received in
            if let line = CursesScreen.interruptedLine { _ = Glibc.write(2, line.baseAddress, line.count) }
            _exit(128 + received)
        }
        write(LineMode.prompt(state, kb))
        while true {
            write("> ")
            guard let line = readLine() else {
                // End of input: the autosave keeps the session for --resume.
                write("\n")
                if !state.session.isEmpty && state.session.savedAs == nil { printError(WizardText.interrupted.text(state.language)) }
                return nil
            }
            let (next, todo) = LineMode.step(state, line, at: Clock.now(), kb)
            let (after, farewell) = effects.run(todo, next)
            state = after
            if let farewell {
                // Typed input from a pipe is not echoed: end the prompt's line first.
                if isatty(0) == 0 { write("\n") }
                return farewell
            }
            write(LineMode.prompt(state, kb))
        }
    }

    private var useLineMode: Bool {
        let env = ProcessInfo.processInfo.environment
        let term = env["TERM"] ?? ""
        return plain || isatty(0) == 0 || isatty(1) == 0 || term.isEmpty || term == "dumb"
            || !(env["ACCESSIBLE"] ?? "").isEmpty
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
