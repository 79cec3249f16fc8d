#include "signal_safe.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

enum { line_room = 4096, sequence_room = 1024 };

// Two line buffers: the one not in use is filled, then made current, so a handler never reads a
// buffer while it is being written.
static char lines[2][line_room];
static volatile sig_atomic_t line_lengths[2];
static volatile sig_atomic_t current_line;

static char leave_sequence[sequence_room];
static volatile sig_atomic_t leave_length;
static char keypad_sequence[sequence_room];
static volatile sig_atomic_t keypad_sequence_length;
static struct termios saved_shell_mode;
static volatile sig_atomic_t have_shell_mode;
static volatile sig_atomic_t continued;
static void (*curses_stop)(int);

static void write_all(int fd, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(fd, bytes, count);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        bytes += written;
        count -= (size_t)written;
    }
}

static size_t copy_into(char *room, size_t size, const char *text, size_t length) {
    if (length > size) length = size;
    memcpy(room, text, length);
    return length;
}

void dmcc_signal_set_line(const char *text, size_t length) {
    int next = !current_line;
    line_lengths[next] = (sig_atomic_t)copy_into(lines[next], line_room, text, length);
    current_line = next;
}

static void write_line(void) {
    int i = current_line;
    write_all(2, lines[i], (size_t)line_lengths[i]);
}

static void restore_terminal(void) {
    if (leave_length > 0) write_all(1, leave_sequence, (size_t)leave_length);
    if (have_shell_mode) tcsetattr(0, TCSADRAIN, &saved_shell_mode);
}

static void on_interrupt_in_line_mode(int sig) {
    write_line();
    _exit(128 + sig);
}

static void on_end(int sig) {
    restore_terminal();
    // After a hangup too: standard error may be a log that outlives the terminal.
    if (sig == SIGINT || sig == SIGHUP) write_line();
    _exit(128 + sig);
}

static void on_crash(int sig) {
    restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_continue(int sig) {
    (void)sig;
    if (keypad_sequence_length > 0) write_all(1, keypad_sequence, (size_t)keypad_sequence_length);
    continued = 1;
}

static void on_stop(int sig) {
    if (curses_stop) curses_stop(sig);
    // Back from a stop, or not stopped at all (no job control): keypad mode on again.
    if (keypad_sequence_length > 0) write_all(1, keypad_sequence, (size_t)keypad_sequence_length);
}

static void install(int sig, void (*handler)(int), int flags) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    sigaction(sig, &action, NULL);
}

void dmcc_signal_line_mode(void) {
    install(SIGINT, on_interrupt_in_line_mode, SA_RESTART);
}

void dmcc_signal_full_screen(const char *leave, size_t leave_count, const struct termios *shell_mode,
                             const char *keypad_on, size_t keypad_count) {
    leave_length = (sig_atomic_t)copy_into(leave_sequence, sequence_room, leave, leave_count);
    keypad_sequence_length = (sig_atomic_t)copy_into(keypad_sequence, sequence_room, keypad_on, keypad_count);
    if (shell_mode) {
        saved_shell_mode = *shell_mode;
        have_shell_mode = 1;
    }
    const int ending[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++) install(ending[i], on_end, SA_RESTART);
    const int crashes[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
    for (size_t i = 0; i < sizeof crashes / sizeof crashes[0]; i++) install(crashes[i], on_crash, 0);
    // Without SA_RESTART, so the read the wizard was stopped in returns and the loop redraws.
    install(SIGCONT, on_continue, 0);
    struct sigaction stop;
    if (sigaction(SIGTSTP, NULL, &stop) == 0 && !(stop.sa_flags & SA_SIGINFO)
        && stop.sa_handler != SIG_DFL && stop.sa_handler != SIG_IGN && stop.sa_handler != on_stop) {
        curses_stop = stop.sa_handler;
        stop.sa_handler = on_stop;
        sigaction(SIGTSTP, &stop, NULL);
    }
}

void dmcc_signal_full_screen_ended(void) {
    leave_length = 0;
    have_shell_mode = 0;
    keypad_sequence_length = 0;
}

int dmcc_signal_take_continued(void) {
    int was = continued;
    continued = 0;
    return was;
}
