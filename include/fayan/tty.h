/* tty.h: the terminal the browser draws on, opened on /dev/tty for curses,
 * with the signals that end the browser and a wake-up on resize. One of the
 * terminal files that include <curses.h>. */
#ifndef FAYAN_TTY_H
#define FAYAN_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <curses.h>

#include "fayan/util.h"

/* The longest wait for a key where ncurses has no SIGWINCH handler to chain
 * to (see tty_wakes): ncurses checks for a resize before it blocks in read(),
 * so a SIGWINCH that arrives in between would otherwise wait for the next key
 * press; once a second the loop goes round and sees it. */
#define TTY_TICK_MS 1000

/* Key codes for the two ends of a bracketed paste (terminfo PS and PE). */
#define TTY_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define TTY_KEY_PASTE_END (KEY_MAX + 2)

/* Key codes for the terminal's answer to tty_probe_ambiwidth: its cursor
 * moved one column for an ambiguous character, or two. */
#define TTY_KEY_AMBI_NARROW (KEY_MAX + 3)
#define TTY_KEY_AMBI_WIDE (KEY_MAX + 4)

/* How long the browser waits for that answer before it takes the terminal
 * for one that will not answer (an answer that comes later still counts). */
#define TTY_PROBE_MS 1000

/* The largest terminal, in lines or columns, the browser takes: larger in
 * LINES, COLUMNS or the size the terminal reports is refused at start, and
 * a resize to more is not followed (ncurses would allocate its screens for
 * it). No screen has a thousand columns of legible text. */
#define TTY_SIZE_MAX 1000

struct tty {
	SCREEN *scr;
	FILE *in, *out;
};

/* Open /dev/tty for curses (TERM must name a terminal), set its modes,
 * bracketed paste, the signal handlers and the resize wake-up. Returns 0, or
 * -1 with err filled (no terminal, TERM=dumb or unknown). */
int tty_open(struct tty *t, struct fy_err *err);

/* Give the terminal back as it was and close it. */
void tty_close(struct tty *t);

/* Whether the terminal was resized past TTY_SIZE_MAX since the last call,
 * with the size it reported in *cols and *rows: the screen keeps the size
 * it had (only where resizes wake tty_wait). */
bool tty_size_refused(int *cols, int *rows);

/* Whether a resize wakes tty_wait (else the loop must poll every TTY_TICK_MS). */
bool tty_wakes(void);

/* Block until the terminal has input (or hung up) or a resize came, or
 * `timeout_ms` passed (-1: no limit). Returns false if the terminal hung up
 * or is gone. */
bool tty_wait(const struct tty *t, int timeout_ms);

/* Ask the terminal how wide it draws an ambiguous character, once the screen
 * is drawn (the row it draws on is sent again): the answer arrives later
 * among the keys, as TTY_KEY_AMBI_NARROW or TTY_KEY_AMBI_WIDE. */
void tty_probe_ambiwidth(const struct tty *t);

/* Whether a key is waiting on the terminal (ncurses reads a byte at a time,
 * so what it has not read is there). */
bool tty_input_pending(const struct tty *t);

/* Switch bracketed paste on or off (when ncurses has nothing buffered). */
void tty_paste_mode(const struct tty *t, bool on);

/* If SIGTSTP or SIGCONT came since the last call: give the terminal back
 * as it was (bracketed paste, mouse, keypad, cursor, screen), stop with the
 * job for a SIGTSTP, and once continued set every mode again; the next
 * doupdate repaints the whole screen. Returns whether that happened. */
bool tty_resumed(const struct tty *t);

/* While a '|' command has the terminal (dfl true), SIGTSTP stops the browser
 * with it, doing nothing; false takes the signal back for tty_resumed. */
void tty_stop_default(bool dfl);

/* The signal (SIGHUP, SIGINT, SIGQUIT, SIGTERM) that asked the browser to end, or 0. */
int tty_caught(void);

/* Write all of data[0..len) to fd; false on an error (EPIPE when the reader left). */
bool tty_write_all(int fd, const char *data, size_t len);

#endif
