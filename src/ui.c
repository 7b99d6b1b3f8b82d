/* ui.c: the browser's loop and nothing else: read a key, a mouse event, a
 * resize or a paste; hand it to the view, which dispatches it by its mode;
 * do what the view asks of the terminal (a pipe, a copy); between keys, read
 * the remaining inputs and count the picker's themes; paint. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fayan/keyname.h"
#include "fayan/osc52.h"
#include "fayan/resume.h"
#include "fayan/screen.h"
#include "fayan/shell.h"
#include "fayan/state.h"
#include "fayan/text.h"
#include "fayan/tty.h"
#include "fayan/ui.h"
#include "fayan/view_do.h"

/* The ambiguous-width probe (--ambiwidth=auto): to be sent after the first
 * frame, sent and awaited until `probe_t0` + TTY_PROBE_MS, or settled. */
enum ui_probe {
	UI_PROBE_NONE,
	UI_PROBE_TO_SEND,
	UI_PROBE_SENT,
};

struct ui {
	struct tty tty;
	struct screen_state screen;
	struct view v;
	struct resume resume;
	struct buf osc; /* an OSC 52 sequence to send after the next doupdate */
	enum ui_probe probe;
	struct timespec probe_t0;
	int hint; /* the state file's answer for $TERM: 1 wide, 0 narrow, -1 none */
};

/* Stop and come back if asked (tty_resumed), repainting everything after. */
static bool resumed(struct ui *u)
{
	if (!tty_resumed(&u->tty))
		return false;
	u->v.redraw_all = true;
	return true;
}

/* Count ambiguous characters as `wide` says from now on: lay everything out
 * again and have the next doupdate clear the screen and draw it all, since
 * ncurses' picture of the cells on the terminal was made with the old widths. */
static void ambi_switch(struct ui *u, bool wide)
{
	if ((text_ambiwidth() == TEXT_AMBI_WIDE) == wide)
		return;
	text_set_ambiwidth(wide ? TEXT_AMBI_WIDE : TEXT_AMBI_NARROW);
	u->screen.name_cols = 0;
	u->screen.name_items = 0;
	view_relayout(&u->v);
	u->v.redraw_all = true;
}

/* The terminal answered the probe: follow it, and keep it as the hint for
 * this terminal type's next first frame (written only when it changed; no
 * hint means narrow, so that a narrow terminal never writes). Returns
 * whether the screen must be drawn again. */
static bool ambi_answer(struct ui *u, bool wide)
{
	bool changed = (text_ambiwidth() == TEXT_AMBI_WIDE) != wide;

	u->probe = UI_PROBE_NONE;
	ambi_switch(u, wide);
	if (u->resume.state_dir && (u->hint == 1) != wide) {
		struct fy_err err = { 0 };

		state_ambiwidth_save(u->resume.state_dir, getenv("TERM"), wide, &err);
		u->hint = wide;
	}
	return changed;
}

/* The ms left to wait for the probe's answer (at least 1), -1 when none is awaited. */
static int ambi_wait_left(const struct ui *u)
{
	struct timespec now;
	long used;

	if (u->probe != UI_PROBE_SENT)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	used = util_ms_between(&u->probe_t0, &now);
	return used < TTY_PROBE_MS ? (int)(TTY_PROBE_MS - used) : 1;
}

/* A terminal that has not answered the probe in time is taken as narrow
 * (the first frame may have been drawn wide on the state file's word). */
static void ambi_settle(struct ui *u)
{
	struct timespec now;

	if (u->probe != UI_PROBE_SENT)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (util_ms_between(&u->probe_t0, &now) < TTY_PROBE_MS)
		return;
	u->probe = UI_PROBE_NONE;
	ambi_switch(u, false);
}

int ui_run(struct doc *d, const struct ui_opts *opts, struct ui_result *res, struct fy_err *err)
{
	struct ui u;
	int errs = 0;
	char *dir, note[sizeof u.v.note] = "";
	struct state_file sf;

	memset(&u, 0, sizeof u);
	memset(res, 0, sizeof *res);
	if (tty_open(&u.tty, err) != 0)
		return -1;
	/* The state file, read once for all that starting needs: auto draws its
	 * first frame as this terminal type answered last time, then asks. */
	snprintf(note, sizeof note, "%s", opts->locale_note ? opts->locale_note : "");
	dir = opts->no_state ? NULL : state_dir_safe(getenv("XDG_STATE_HOME"), getenv("HOME"), note, sizeof note);
	state_read(dir, &sf);
	u.hint = -1;
	if (opts->ambiwidth == UI_AMBI_AUTO) {
		u.hint = state_file_ambiwidth(&sf, getenv("TERM"));
		u.probe = UI_PROBE_TO_SEND;
	}
	text_set_ambiwidth(opts->ambiwidth == UI_AMBI_WIDE || u.hint == 1 ? TEXT_AMBI_WIDE : TEXT_AMBI_NARROW);
	draw_look_init(&u.screen.look, opts->color);
	/* The first screen needs only the first inputs: enough to fill the speaker pane. */
	while (load_pending(opts->load) && d->nsections + 2 * d->narticles < (size_t)LINES)
		load_next(opts->load, d);
	view_init(&u.v, d, opts, COLS, LINES);
	/* The locale's note and what is wrong with the state directory. */
	memcpy(u.v.note, note, sizeof note);
	/* A section, theme or search on the command line says where to start. */
	resume_start_from(&u.resume, &u.v, dir, opts->start_section == 0 && !opts->theme && !opts->search, &sf);
	state_file_free(&sf);

	/* Whether the last event left the screen as it was drawn (the usual
	 * answer to the probe): the next round need not paint it again. */
	bool unchanged = false;

	while (!u.v.done && !tty_caught()) {
		wint_t ch = 0;
		int r;
		struct timespec t0;
		char buf[16];
		const char *name;

		bool loading = load_pending(u.v.load);
		bool busy = loading || view_idle_pending(&u.v);

		resumed(&u);
		ambi_settle(&u);
		{
			int cols, rows;

			if (tty_size_refused(&cols, &rows))
				view_msg(&u.v, _("terminal size %dx%d too large (at most %d): the screen stays %dx%d"),
					 cols, rows, TTY_SIZE_MAX, COLS, LINES);
		}
		if (!tty_input_pending(&u.tty))
			view_sync(&u.v);
		resume_progress(&u.resume, &u.v);
		if (!unchanged || u.v.redraw_all)
			screen_paint(&u.screen, &u.v);
		unchanged = false;
		if (u.probe == UI_PROBE_TO_SEND) {
			/* After the first frame, never before it. */
			tty_probe_ambiwidth(&u.tty);
			u.probe = UI_PROBE_SENT;
			clock_gettime(CLOCK_MONOTONIC, &u.probe_t0);
		}
		if (u.osc.len) {
			tty_write_all(fileno(u.tty.out), u.osc.data, u.osc.len);
			buf_free(&u.osc);
		}
		errno = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		/* While inputs remain to be read or themes to be counted, only look
		 * for a key, and go on with that work if none came. Otherwise
		 * take a key ncurses already holds, or wait for the terminal or a
		 * resize, then take the key. */
		wtimeout(stdscr, busy || tty_wakes() ? 0 : TTY_TICK_MS);
		r = wget_wch(stdscr, &ch);
		if (r == ERR && !busy && tty_wakes() && !tty_caught()) {
			bool alive = tty_wait(&u.tty, ambi_wait_left(&u));

			errno = 0;
			r = wget_wch(stdscr, &ch);
			if (r == ERR && !tty_caught()) {
				/* Woken with nothing to read: a stop and a resume, which
				 * are no error, a signal we do not handle (SIGCHLD) or a
				 * resize already taken. A terminal that hung up or keeps
				 * reading nothing is gone: leave. */
				if (alive && (resumed(&u) || ++errs < 100))
					continue;
				u.v.done = true;
				u.v.result.outcome = UI_QUIT;
				break;
			}
		}
		if (tty_caught())
			break;
		if (r == ERR && busy) {
			if (view_idle_pending(&u.v))
				view_idle(&u.v);
			else
				resume_read_slice(&u.resume, &u.v);
			continue;
		}
		if (r == ERR) {
			struct timespec t1;

			clock_gettime(CLOCK_MONOTONIC, &t1);
			/* The tick passed with no key: go round, which picks up a resize
			 * whose SIGWINCH came just before ncurses blocked in read(). */
			if (errno == 0 && util_ms_between(&t0, &t1) >= TTY_TICK_MS / 2) {
				errs = 0;
				continue;
			}
			/* A stop and resume, or a signal we do not handle (SIGCHLD),
			 * interrupts the read; anything else is a terminal that went
			 * away: leave, do not spin. */
			if (errno == EINTR && (resumed(&u) || ++errs < 100))
				continue;
			u.v.done = true;
			u.v.result.outcome = UI_QUIT;
			break;
		}
		errs = 0;
		if (r == KEY_CODE_YES && (ch == TTY_KEY_AMBI_NARROW || ch == TTY_KEY_AMBI_WIDE)) {
			unchanged = !ambi_answer(&u, ch == TTY_KEY_AMBI_WIDE) && !busy;
			continue;
		}
		if (resume_waiting(&u.resume) && !(r == KEY_CODE_YES && ch == KEY_RESIZE))
			resume_stop(&u.resume); /* a key came first: the reader stays where they are */
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			view_resize(&u.v, COLS, LINES);
			continue;
		}
		if (r == KEY_CODE_YES && ch == TTY_KEY_PASTE_BEGIN) {
			keyname_paste(&u.v);
			continue;
		}
		if (r == KEY_CODE_YES && ch == TTY_KEY_PASTE_END)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			keyname_mouse(&u.v);
			continue;
		}
		name = keyname_of(r, ch, buf, sizeof buf);
		view_key(&u.v, name);
		if (u.v.req == VIEW_REQ_PIPE) {
			u.v.req = VIEW_REQ_NONE;
			shell_pipe(&u.tty, &u.v);
		} else if (u.v.req == VIEW_REQ_COPY) {
			u.v.req = VIEW_REQ_NONE;
			osc52_copy(&u.osc, &u.v);
		}
		/* Not while a search is being typed: it moves through sections as it goes. */
		if (resume_moved(&u.resume, &u.v) && u.v.mode != MODE_SEARCH)
			resume_save(&u.resume, &u.v);
	}
	resume_save(&u.resume, &u.v);
	*res = u.v.result;
	screen_free(&u.screen);
	tty_close(&u.tty);
	view_free(&u.v);
	buf_free(&u.osc);
	resume_free(&u.resume);
	if (tty_caught()) {
		int sig = tty_caught();

		signal(sig, SIG_DFL);
		exit(128 + sig);
	}
	return 0;
}
