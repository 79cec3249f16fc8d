#ifndef DMCC_CNCURSESW_SHIM_H
#define DMCC_CNCURSESW_SHIM_H

// Wide-character ncurses. The define must come before the include: SwiftPM drops pkg-config's
// defines and a cSettings define does not reach the importer.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <signal.h>
#include <unistd.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

// Swift 6 rejects C globals as not concurrency-safe and cannot import function-like macros,
// so the few the wizard needs are wrapped here.
static inline WINDOW *dmcc_stdscr(void) { return stdscr; }
static inline int dmcc_lines(void) { return LINES; }
static inline int dmcc_cols(void) { return COLS; }
static inline attr_t dmcc_a_normal(void) { return A_NORMAL; }
static inline attr_t dmcc_a_bold(void) { return A_BOLD; }
static inline attr_t dmcc_a_reverse(void) { return A_REVERSE; }
static inline attr_t dmcc_a_dim(void) { return A_DIM; }
static inline attr_t dmcc_color_pair(short n) { return COLOR_PAIR(n); }
static inline int dmcc_key_code_yes(void) { return KEY_CODE_YES; }
static inline int dmcc_err(void) { return ERR; }
static inline FILE *dmcc_c_stdout(void) { return stdout; }
static inline FILE *dmcc_c_stdin(void) { return stdin; }

#endif
