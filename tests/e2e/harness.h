/* harness.h: run a program in a pseudo-terminal and read what a terminal shows.
 *
 * A `struct term` owns a child process on a pty, a libvterm emulator fed with
 * everything the child writes, a raw log of those bytes and a private temporary
 * directory (removed by term_free).  Rows and columns are 0-based screen cells. */
#ifndef FAYAN_E2E_HARNESS_H
#define FAYAN_E2E_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <vterm.h>

/* Default quiet period: longer than the ESC delay fayan sets for itself. */
#define TERM_QUIET_MS 200
/* Default upper bound of any wait, so that a test never hangs. */
#define TERM_CAP_MS 10000

struct term;

/* A NULL-terminated argument vector literal: TERM_ARGV("fayan", "--list"). */
#define TERM_ARGV(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* How to start a child; zero fields take the defaults noted. */
struct term_opts {
	int cols, rows;                /* size of the terminal (80x24) */
	const char *const *argv;       /* NULL-terminated; argv[0] "fayan" (or argv NULL)
	                                  runs $FAYAN, default build/fayan; else PATH lookup */
	const char *const *env;        /* NULL-terminated "VAR=value" entries applied last;
	                                  "VAR=" unsets VAR */
	const char *stdin_path;        /* stdin from this file (e.g. "/dev/null"); NULL: the pty */
	const char *stdin_data;        /* stdin from these bytes (written to a temp file) */
	bool stdout_to_file;           /* stdout to a file read by term_stdout(); the pty
	                                  stays the controlling terminal (/dev/tty) */
	bool stderr_to_file;           /* stderr to a file read by term_stderr() */
	bool ambi_wide;                /* a terminal that draws East Asian Ambiguous
	                                  characters (“ ” — … · │) two columns wide,
	                                  as with a CJK font; it answers CSI 6 n so */
	bool no_cpr;                   /* a terminal that never answers CSI 6 n */
	int report_cols, report_rows;  /* if set, the size the pty reports to the child
	                                  (TIOCGWINSZ) in place of cols x rows */
};

/* Start argv in a cols x rows pty with TERM=xterm-256color, LANG=C.UTF-8, no LC_*,
 * HOME and XDG_STATE_HOME in a fresh private directory, then `env_extra` applied.
 * Returns NULL (after printing why) if the pty or temp dir cannot be made. */
struct term *term_spawn(int cols, int rows, const char *const argv[], const char *const env_extra[]);
/* Same as term_spawn with every option of `o`. */
struct term *term_spawn_opts(const struct term_opts *o);
/* Kill the child's process group if still running, reap it, remove the temp dir, free. */
void term_free(struct term *t);

/* Read output until none arrived for `quiet_ms` (<= 0: TERM_QUIET_MS) or the child's
 * side closed; false if output kept coming for TERM_CAP_MS. */
bool term_wait_quiet(struct term *t, int quiet_ms);
/* term_wait_quiet with an explicit cap on the total wait, in ms. */
bool term_wait_quiet_cap(struct term *t, int quiet_ms, int cap_ms);
/* Read output until `text` is on the screen (true) or `timeout_ms` passed (false; the
 * screen is then printed to stderr to explain the failure). */
bool term_wait_for(struct term *t, const char *text, int timeout_ms);
/* Read output until row `row` reads exactly `text` (as term_row gives it); false,
 * with the screen printed to stderr, after `timeout_ms`. */
bool term_wait_row(struct term *t, int row, const char *text, int timeout_ms);
/* Read output until the child exits; fills the waitpid status (use WIFEXITED,
 * WEXITSTATUS, WTERMSIG). False if it still runs after `timeout_ms`. */
/* Wait until row `row` holds `text` somewhere in it; false after timeout_ms. */
bool term_wait_row_has(struct term *t, int row, const char *text, int timeout_ms);
/* Wait until row `row` is no longer `was`; false after timeout_ms. */
bool term_wait_row_changes(struct term *t, int row, const char *was, int timeout_ms);
bool term_wait_exit(struct term *t, int timeout_ms, int *status);
/* Read whatever output is pending now, without waiting. */
void term_pump(struct term *t);

/* Type UTF-8 text as a terminal would send it (one key per code point). */
void term_send(struct term *t, const char *utf8);
/* Press a special key (VTERM_KEY_UP, VTERM_KEY_ENTER, VTERM_KEY_FUNCTION(1), ...). */
void term_key(struct term *t, VTermKey key);
/* Press a special key with modifiers (VTERM_MOD_SHIFT | VTERM_MOD_ALT | VTERM_MOD_CTRL). */
void term_key_mod(struct term *t, VTermKey key, VTermModifier mod);
/* Press Ctrl with a letter or one of @[\]^_ (sends the C0 byte, like xterm). */
void term_ctrl(struct term *t, char c);
/* Send `len` bytes exactly as given (e.g. a lone "\033", or a bracketed paste). */
void term_raw(struct term *t, const void *bytes, size_t len);
/* Resize the terminal: kernel window size (the child gets SIGWINCH) and emulator. */
void term_resize(struct term *t, int cols, int rows);
/* Make the pty report cols x rows to the child (which gets SIGWINCH), the
 * emulator keeping its size: a terminal that claims a size it does not draw. */
void term_report_size(struct term *t, int cols, int rows);
/* Put bytes on the emulator's screen as if another program on the same
 * terminal (a shell, say) had written them; the child sees nothing. */
void term_show(struct term *t, const char *bytes, size_t len);
/* Send signal `sig` to the child. */
void term_signal(struct term *t, int sig);
/* Close the pty's master side, as a terminal emulator or sshd does when it goes
 * away: the child's terminal hangs up. Output is no longer read afterwards. */
void term_hangup(struct term *t);

/* Text of screen row `row` as UTF-8, trailing spaces trimmed; the cell after a wide
 * character is skipped. Valid until the next term_row of the same row or term_free. */
const char *term_row(struct term *t, int row);
/* All rows joined by "\n" (no newline after the last). Valid until the next call. */
const char *term_screen(struct term *t);
/* First row containing `text`, or -1. */
int term_find(const struct term *t, const char *text);
/* Like term_find, also giving the screen column (cells) where `text` starts. */
bool term_find_pos(const struct term *t, const char *text, int *row, int *col);
/* Print the screen with row numbers to stderr (for diagnosing a failing test). */
void term_dump(struct term *t);

/* What one cell shows. A default colour has index -1 and is_default true. */
struct term_cell {
	char text[32];        /* UTF-8 of the cell, "" for an empty cell or a wide char's 2nd cell */
	int width;            /* 1 or 2 columns */
	bool bold, italic, underline, reverse, blink, strike;
	bool fg_default, bg_default;
	int fg_index, bg_index; /* palette index 0-255, or -1 (default or rgb) */
	bool fg_rgb, bg_rgb;
	uint8_t fg[3], bg[3];   /* red, green, blue when *_rgb */
};
/* Fill `c` with the cell at (row, col); false if outside the screen. */
bool term_cell(const struct term *t, int row, int col, struct term_cell *c);
/* Cursor position in cells. */
void term_cursor(const struct term *t, int *row, int *col);
/* Whether the cursor is visible (DECTCEM, curs_set). */
bool term_cursor_visible(const struct term *t);
/* Whether the alternate screen (smcup) is active. */
bool term_altscreen(const struct term *t);
/* The emulator's size. */
void term_size(const struct term *t, int *cols, int *rows);

/* Every byte the child wrote since spawn or term_log_clear; NUL-terminated, `len`
 * (may be NULL) gets the length. Valid until the next read of output. */
const char *term_log(const struct term *t, size_t *len);
/* Forget the logged bytes (e.g. to measure what one key press costs). */
void term_log_clear(struct term *t);
/* Whether the log contains `bytes` (a C string, e.g. "\033[31m"). */
bool term_log_has(const struct term *t, const char *bytes);
/* Number of SGR sequences in the log that set a colour (30-38, 40-48, 90-97,
 * 100-107); the resets 39 and 49 do not count. */
int term_log_colours(const struct term *t);

/* The text of the one OSC 52 clipboard sequence (ESC ] 52 ; c ; BASE64 BEL)
 * in the log, decoded, in a malloc'd buffer of `len` bytes (NUL after);
 * `b64_len` (may be NULL) gets the size of its base64. NULL when there is
 * none, more than one, or one that is cut short or not base64. */
char *term_log_clipboard(const struct term *t, size_t *len, size_t *b64_len);

/* Contents of the redirected stdout / stderr file (NUL-terminated, `len` may be NULL),
 * "" if none. Valid until the next call of the same function or term_free. */
const char *term_stdout(struct term *t, size_t *len);
const char *term_stderr(struct term *t, size_t *len);
/* The private temp directory (HOME is DIR/home, XDG_STATE_HOME is DIR/state). */
const char *term_dir(const struct term *t);
/* The child's process id. */
pid_t term_pid(const struct term *t);
/* A number from the child's /proc/PID/status ("VmHWM:" in kB,
 * "voluntary_ctxt_switches:"); -1 if unknown (the child is gone). */
long term_proc_status(const struct term *t, const char *field);
/* CPU time (user + system) the child has used so far, in ms (clock-tick
 * steps); -1 if unknown. */
long term_cpu_ms(const struct term *t);
/* CPU time (user + system) the child used from exec to exit, in ms to the
 * microsecond (wait4); -1 until it has exited and been reaped. */
double term_exit_cpu_ms(const struct term *t);
/* Context switches of the child so far, voluntary and not: how often it was
 * scheduled; -1 if unknown. */
long term_switches(const struct term *t);

/* Define a test file's group: `E2E_GROUP(browser) { return cmocka_run_group_tests_name(
 * "browser", tests, NULL, NULL); }`, then add `X(browser)` to E2E_GROUPS in main.c. */
#define E2E_GROUP(name) int e2e_group_##name(void)

/* Type `keys` (as term_send) and wait until the screen is quiet. */
void term_type(struct term *t, const char *keys);

/* Press q, wait up to 5 s for the program to exit, and free t. Returns its
 * exit status, or -1 if it did not exit by itself in time. */
int term_quit(struct term *t);

/* Check the body rows (all but the first and last): every wide character is
 * whole (the next cell is its continuation, never past the right edge) and a
 * pane separator '│', if any, stands in one column on every row. Returns NULL,
 * or what is wrong (valid until the next call). */
const char *term_misaligned(struct term *t);

#endif
