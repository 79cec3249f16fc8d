#ifndef DMCC_SIGNAL_SAFE_H
#define DMCC_SIGNAL_SAFE_H

#include <stddef.h>
#include <termios.h>

// The wizard's signal handlers, in C: a handler may only make async-signal-safe calls, and Swift
// code in a handler can allocate or instantiate type metadata, which waits for ever on a lock the
// interrupted main thread holds (a hangup while the wizard freed its screen left it hanging, its
// session locked). Everything a handler writes is copied here beforehand, outside any handler.

/// The line written to standard error after Ctrl-C (and, in the full screen, a hangup): how to
/// resume, or that the session could not be kept. Copied (up to 4 KiB); may be replaced at any time.
void dmcc_signal_set_line(const char *text, size_t length);

/// Line mode: Ctrl-C writes the line and exits 130.
void dmcc_signal_line_mode(void);

/// The full screen: Ctrl-C, SIGTERM, a hangup and SIGQUIT write `leave` (the terminal's sequences
/// to leave the full screen), put back `shell_mode` (when not NULL), write the line (Ctrl-C and a
/// hangup) and exit 128 + the signal; a crash restores the terminal the same way and is re-raised.
/// After Ctrl-Z and `fg` (SIGCONT), or when Ctrl-Z could not stop the program (curses' own Ctrl-Z
/// handler is wrapped), `keypad_on` (terminfo smkx) is written again.
void dmcc_signal_full_screen(const char *leave, size_t leave_length, const struct termios *shell_mode,
                             const char *keypad_on, size_t keypad_length);

/// Out of the full screen: the handlers have nothing more to leave or restore.
void dmcc_signal_full_screen_ended(void);

/// Whether SIGCONT arrived since the last call (the terminal may be back in line mode).
int dmcc_signal_take_continued(void);

#endif
