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
        let store = TranscriptStore.locate(transcriptOptions.transcripts, knowledge: knowledgeOptions.knowledge)
        let interrupted = store.interruptedSession()
        if resume && interrupted == nil { printError("no interrupted session in \(store.shownPath); starting a new one") }
        var effects = SessionEffects(kb: kb, store: store)
        let start: (Int, Int) -> WizardState = { width, height in
            var s = Wizard.start(kb, date: date, language: lang, width: width, height: height,
                                 header: details.isEmpty, resumable: resume ? nil : interrupted)
            if resume, let interrupted { s = WizardState(restoring: interrupted, width: width, height: height) }
            if !resume || interrupted == nil {
                s.client = details.client ?? s.client
                s.consultant = details.consultant ?? s.consultant
                s.subject = details.subject ?? s.subject
            }
            return s
        }
        if useLineMode {
            runLineMode(kb, start(80, 24), &effects)
        } else {
            try runFullScreen(kb, start, &effects)
        }
    }

    private var useLineMode: Bool {
        let env = ProcessInfo.processInfo.environment
        let term = env["TERM"] ?? ""
        return plain || isatty(0) == 0 || isatty(1) == 0 || term.isEmpty || term == "dumb"
            || !(env["ACCESSIBLE"] ?? "").isEmpty
    }

    private func runFullScreen(_ kb: KnowledgeBase, _ start: (Int, Int) -> WizardState, _ effects: inout SessionEffects) throws {
        let screen = CursesScreen()
        try screen.start()
        defer { screen.stop() }
        var state = start(screen.size.width, screen.size.height)
        while !state.finished {
            screen.draw(WizardView.render(state, kb))
            guard let key = screen.readKey() else { continue }
            state = effects.afterKey(Wizard.handle(key, effects.beforeKey(state), kb))
        }
        effects.finish(state)
    }

    private func runLineMode(_ kb: KnowledgeBase, _ start: WizardState, _ effects: inout SessionEffects) {
        var state = start
        write(LineMode.prompt(state, kb))
        while !state.finished {
            write("> ")
            guard let line = readLine() else {
                // End of input: the autosave keeps the session for --resume.
                write("\n")
                return
            }
            state = effects.afterKey(LineMode.step(effects.beforeKey(state), line, kb))
            if !state.finished { write(LineMode.prompt(state, kb)) }
        }
        effects.finish(state)
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
