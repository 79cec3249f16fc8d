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

    @Option(name: .long, help: ArgumentHelp("The date of the marketing action, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    @Flag(name: .long, help: "Numbered prompts, one per line, instead of the full-screen wizard.")
    var plain = false

    @OptionGroup var knowledgeOptions: KnowledgeOptions

    func run() throws {
        let kb = try KnowledgeFolder.load(knowledgeOptions.knowledge)
        var actionDate = Today.date()
        if let date {
            guard let parsed = CalendarDate(iso: date) else {
                printError(AdviceError.invalidDate(date).description)
                throw Exit.badInput
            }
            actionDate = parsed
        }
        if let from = kb.metadata.coversFrom, actionDate < from {
            printError(AdviceError.dateNotCovered(actionDate, coversFrom: from).description)
            throw Exit.badInput
        }
        if useLineMode {
            runLineMode(kb, Wizard.start(kb, date: actionDate, language: lang))
        } else {
            try runFullScreen(kb, date: actionDate)
        }
    }

    private var useLineMode: Bool {
        let env = ProcessInfo.processInfo.environment
        let term = env["TERM"] ?? ""
        return plain || isatty(0) == 0 || isatty(1) == 0 || term.isEmpty || term == "dumb"
            || !(env["ACCESSIBLE"] ?? "").isEmpty
    }

    private func runFullScreen(_ kb: KnowledgeBase, date: CalendarDate) throws {
        let screen = CursesScreen()
        try screen.start()
        defer { screen.stop() }
        var state = Wizard.start(kb, date: date, language: lang, width: screen.size.width, height: screen.size.height)
        while !state.finished {
            screen.draw(WizardView.render(state, kb))
            guard let key = screen.readKey() else { continue }
            state = Wizard.handle(key, state, kb)
        }
    }

    private func runLineMode(_ kb: KnowledgeBase, _ start: WizardState) {
        var state = start
        write(LineMode.prompt(state, kb))
        while !state.finished {
            write("> ")
            guard let line = readLine() else {
                write("\n")
                return
            }
            state = LineMode.step(state, line, kb)
            if !state.finished { write(LineMode.prompt(state, kb)) }
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
