import CNcursesw
import CSignalSafe
import DMCCCore
import Foundation

/// The one file that talks to curses: it draws `StyledLine`s and reads keys. Everything it shows
/// comes from `WizardView`, everything it reads goes to `Wizard.handle`.
final class CursesScreen {
    private var colours = false
    private var screen: OpaquePointer?
    /// False when the terminal's locale is not UTF-8: the wizard then draws ASCII symbols.
    private(set) var unicode = true

    /// Key codes given to the bracketed-paste markers with define_key.
    private static let pasteStart: Int32 = 0x1F01
    private static let pasteEnd: Int32 = 0x1F02

    enum StartError: Error, CustomStringConvertible {
        case noTerminal(String)
        var description: String {
            switch self { case .noTerminal(let term): "cannot start the terminal '\(term)'; use --plain for line mode" }
        }
    }

    /// Enters curses mode. From here until `stop()` the terminal must be restored on every exit path.
    func start() throws {
        useUTF8Locale()
        // The shell's line mode, for a signal handler to put back (curses has not changed it yet).
        var mode = termios()
        let shellMode = tcgetattr(0, &mode) == 0 ? mode : nil
        guard let screen = newterm(nil, dmcc_c_stdout(), dmcc_c_stdin()) else {
            throw StartError.noTerminal(environmentValue("TERM") ?? "")
        }
        self.screen = screen
        installSignalHandlers(shellMode: shellMode)
        cbreak()
        noecho()
        nonl()
        keypad(dmcc_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        // Bracketed paste: the terminal marks pasted text, so it is typed into a field as text
        // and never acts as keys.
        define_key("\u{1b}[200~", Self.pasteStart)
        define_key("\u{1b}[201~", Self.pasteEnd)
        Self.writeRaw(Self.pasteOn)
        // Clicks pick options and the wheel scrolls, as in dialog (Shift still selects text).
        mousemask(Self.button1Clicked | Self.button1Released | Self.button4Pressed | Self.button5Pressed, nil)
        let noColour = !(environmentValue("NO_COLOR") ?? "").isEmpty
        if !noColour && has_colors() {
            start_color()
            use_default_colors()
            init_pair(1, Int16(COLOR_BLACK), Int16(COLOR_GREEN))
            init_pair(2, Int16(COLOR_BLACK), Int16(COLOR_YELLOW))
            init_pair(3, Int16(COLOR_WHITE), Int16(COLOR_RED))
            init_pair(4, Int16(COLOR_RED), -1)
            colours = true
        }
    }

    func stop() {
        guard screen != nil else { return }
        Self.writeRaw(Self.pasteOff)
        endwin()
        // Out of the full screen: a later signal has nothing to leave, and a SIGCONT must not switch
        // the keypad's mode of the shell's terminal.
        dmcc_signal_full_screen_ended()
        delscreen(screen)
        screen = nil
    }

    var size: (width: Int, height: Int) { (Int(dmcc_cols()), Int(dmcc_lines())) }

    func draw(_ lines: [StyledLine]) {
        erase()
        let width = size.width
        for (row, line) in lines.enumerated() {
            move(Int32(row), 0)
            var used = 0
            for span in line.spans {
                let attr = attribute(span.style)
                attron(Int32(bitPattern: UInt32(truncatingIfNeeded: attr)))
                addstr(span.text)
                attroff(Int32(bitPattern: UInt32(truncatingIfNeeded: attr)))
                used += TextLayout.width(span.text)
            }
            if line.fill, let last = line.spans.last, used < width {
                let attr = attribute(last.style)
                attron(Int32(bitPattern: UInt32(truncatingIfNeeded: attr)))
                addstr(String(repeating: " ", count: width - used))
                attroff(Int32(bitPattern: UInt32(truncatingIfNeeded: attr)))
            }
        }
        refresh()
    }

    /// Draws everything again from scratch (Ctrl-L).
    func clear() {
        clearok(dmcc_stdscr(), true)
    }

    /// The terminal went away without a hangup signal reaching the wizard: its input ended or
    /// fails (e.g. the terminal was closed while another process led its session). Waiting for
    /// keys would return at once, for ever.
    struct TerminalLost: Error {}

    /// Reads in a row that gave nothing: a blocking read returns nothing only when a signal
    /// interrupts it or the input is gone.
    private var failedReads = 0

    /// The next key; nil when nothing usable arrived (e.g. an interrupted read).
    func readKey() throws(TerminalLost) -> WizardKey? {
        var ch: wint_t = 0
        errno = 0
        let result = get_wch(&ch)
        if result == dmcc_err() {
            let interrupted = errno == EINTR
            if interrupted && dmcc_signal_take_continued() != 0 {
                // Continued after a stop: the terminal may be back in line mode (echo, no raw keys).
                reset_prog_mode()
                keypad(dmcc_stdscr(), true)
                clear()
            }
            failedReads += 1
            if Self.inputGone() || (!interrupted && failedReads >= 100) { throw TerminalLost() }
            return nil
        }
        failedReads = 0
        if result == dmcc_key_code_yes() {
            switch Int32(ch) {
            case Self.pasteStart: return readPaste()
            case KEY_MOUSE:
                var event = MEVENT()
                guard getmouse(&event) == OK else { return nil }
                if event.bstate & Self.button4Pressed != 0 { return .wheelUp }
                if event.bstate & Self.button5Pressed != 0 { return .wheelDown }
                if event.bstate & (Self.button1Clicked | Self.button1Released) != 0 { return .click(row: Int(event.y)) }
                return nil
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_RESIZE: return .resize(width: size.width, height: size.height)
            default: return nil
            }
        }
        switch ch {
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        case 12: return .redraw
        case 21: return .clearLine
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Everything up to the end-of-paste marker, as one piece of text.
    private func readPaste() -> WizardKey {
        var scalars = String.UnicodeScalarView()
        while true {
            var ch: wint_t = 0
            let result = get_wch(&ch)
            if result == dmcc_err() { break }
            if result == dmcc_key_code_yes() {
                if Int32(ch) == Self.pasteEnd { break }
                continue
            }
            if let scalar = Unicode.Scalar(UInt32(ch)) { scalars.append(scalar == "\r" ? "\n" : scalar) }
        }
        return .paste(String(scalars))
    }

    // ncurses' BUTTONn_* masks are function-like macros Swift cannot import (mouse version 2).
    private static let button1Released: mmask_t = 1
    private static let button1Clicked: mmask_t = 4
    private static let button4Pressed: mmask_t = 2 << 15
    private static let button5Pressed: mmask_t = 2 << 20

    private static let pasteOn = Array("\u{1b}[?2004h".utf8)
    private static let pasteOff = Array("\u{1b}[?2004l".utf8)

    private static func writeRaw(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { _ = write(1, $0.baseAddress, $0.count) }
    }

    private func attribute(_ style: TextStyle) -> attr_t {
        switch style {
        case .plain: return dmcc_a_normal()
        case .bold: return dmcc_a_bold()
        case .dim: return dmcc_a_dim()
        case .selected, .header: return dmcc_a_reverse()
        case .message: return colours ? dmcc_color_pair(4) | dmcc_a_bold() : dmcc_a_bold()
        case .verdict(let verdict):
            guard colours else { return dmcc_a_reverse() | dmcc_a_bold() }
            let pair: Int16 = switch verdict { case .allowed: 1; case .allowedIf: 2; case .notAllowed: 3 }
            return dmcc_color_pair(pair) | dmcc_a_bold()
        }
    }

    /// Accented Dutch text needs a UTF-8 locale; fall back to C.UTF-8 when the environment's is not.
    /// Only the character type is taken from the environment: it is all that curses and `wcwidth`
    /// use, and loading every category opened some 25 files before the first screen.
    private func useUTF8Locale() {
        setlocale(LC_CTYPE, "")
        // Plain Swift, no Foundation string bridging: this runs before the first screen.
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().filter { $0 != "-" }
        if codeset != "UTF8" {
            unicode = false
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// The terminal's input has hung up or is no longer open.
    private static func inputGone() -> Bool {
        var input = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&input, 1, 0) >= 0 else { return false }
        return input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Printed after Ctrl-C (and a hangup): how to resume, or what could not be kept once an
    /// autosave failed (`WizardText.interrupted(_:resumeCommand:)`). The signal handlers (C,
    /// `CSignalSafe`) write a copy made here, outside any handler.
    nonisolated(unsafe) private static var currentLine = ""

    /// Set before the wizard starts, and again whenever an autosave fails or works again.
    static func setInterruptedLine(_ text: String) {
        currentLine = text + "\n"
        var bytes = Array(currentLine.utf8)
        dmcc_signal_set_line(&bytes, bytes.count)
    }

    /// Writes the interrupted line to standard error (outside a signal handler: when the terminal
    /// was lost without a hangup signal).
    static func writeInterruptedLine() {
        _ = PlainOutput.write(currentLine, to: 2)
    }

    /// Ctrl-C, Ctrl-\\ (SIGQUIT), `kill` and a dropped ssh connection all leave the terminal as it
    /// was found and exit with 128 + the signal; so does a crash, which is then re-raised so it
    /// still reports (and dumps core) as a crash. The handlers are C (`CSignalSafe`): a handler may
    /// only make async-signal-safe calls, and endwin (which allocates) or Swift code (which may
    /// allocate or instantiate type metadata) in a handler waited for ever on a lock the interrupted
    /// main thread held: a hangup while the wizard freed its screen left it hanging, its session
    /// locked. So the terminal's own sequences to leave the full screen are looked up now, and a
    /// handler writes them and puts back the shell's line mode (saved before curses started).
    ///
    /// After Ctrl-Z and `fg` the wizard is still blocked in the read it was stopped in, and curses
    /// switches the keypad's mode back on only when a read begins: the first arrow key would arrive
    /// in the terminal's normal mode and read as Esc (which throws a note away). So SIGCONT writes
    /// the terminal's keypad sequence again, and interrupts that read (the loop then draws, after
    /// putting back the wizard's terminal mode: `readKey`); where Ctrl-Z cannot stop the wizard (no
    /// job-control shell above it), curses' Ctrl-Z handler is wrapped to do the same when it returns.
    private func installSignalHandlers(shellMode: termios?) {
        func capability(_ name: String) -> String {
            guard let text = tigetstr(name), Int(bitPattern: text) != -1 else { return "" }
            return String(cString: text)
        }
        var leave = Array((capability("sgr0") + capability("op") + capability("cnorm") + capability("rmkx")
            + "\u{1b}[?1006;1000l" + String(decoding: Self.pasteOff, as: UTF8.self) + capability("rmcup")).utf8)
        var keypadOn = Array(capability("smkx").utf8)
        if var mode = shellMode {
            dmcc_signal_full_screen(&leave, leave.count, &mode, &keypadOn, keypadOn.count)
        } else {
            dmcc_signal_full_screen(&leave, leave.count, nil, &keypadOn, keypadOn.count)
        }
    }
}
