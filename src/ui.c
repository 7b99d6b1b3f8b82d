/* ui.c: the terminal side of the browser: opening the terminal (on /dev/tty,
 * so that stdin and stdout can be redirected), turning keys and mouse events
 * into actions, and drawing the view's state. Drawing is a function of the
 * state in ui_view.c: every pass erases and repaints the windows, and one
 * doupdate sends the difference. Never relies on ncurses wrapping: every
 * string is cut to its cell budget by the text layer first. */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "fayan/actions.h"
#include "fayan/resume.h"
#include "fayan/state.h"
#include "fayan/status.h"
#include "fayan/text.h"
#include "fayan/ui.h"
#include "fayan/view.h"

/* The longest wait for a key where ncurses has no SIGWINCH handler to chain
 * to (see ui_wake): ncurses checks for a resize before it blocks in read(), so
 * a SIGWINCH that arrives in between would otherwise wait for the next key
 * press; once a second the loop goes round and sees it. */
#define UI_TICK_MS 1000
/* prefault_screens: what the first frame needs on the heap beside ncurses'
 * screens, the largest terminal it bothers with (4 MiB: about 220x70), and
 * glibc's default mmap threshold, set back afterwards. */
#define UI_PREFAULT_EXTRA (96 * 1024)
#define UI_PREFAULT_MAX (4 * 1024 * 1024)
#define UI_MMAP_THRESHOLD (128 * 1024)

/* Key codes for the two ends of a bracketed paste (terminfo PS and PE). */
#define UI_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define UI_KEY_PASTE_END (KEY_MAX + 2)
/* How long a paste may pause between characters before it counts as over. */
#define UI_PASTE_WAIT_MS 200

/* Set by the signal handler; the loop restores the terminal and exits. */
static volatile sig_atomic_t ui_signal;
/* Whether curses owns the terminal, for the fatal hook. */
static bool ui_active;
/* The terminal's input descriptor and one open on /dev/null, for the handler. */
static volatile int ui_in_fd = -1, ui_null_fd = -1;

enum {
	PAIR_HEADLINE = 1,
	PAIR_BYLINE,
	PAIR_TOPIC,
	PAIR_PLACE,
	PAIR_BAR,
	PAIR_HIT,
};

struct ui_look {
	bool color;
	attr_t headline, byline, topic, place, bar, cur, sel, lead, title_row;
	attr_t hit, cur_hit; /* a hit of the search or theme, and the one n/N went to */
	short headline_pair, byline_pair, topic_pair, place_pair, bar_pair, hit_pair;
};

struct ui {
	SCREEN *scr;
	FILE *in, *out;
	WINDOW *top, *status, *sp, *body, *pick;
	struct buf osc; /* an OSC 52 sequence to send after the next doupdate */
	struct ui_look look;
	struct view v;
	struct resume resume;
	int name_cols;     /* widest speaker name up to 8 columns */
	size_t name_items; /* the items measured for it */
};

/* A pipe that SIGWINCH writes a byte to, so that the loop waits for a key or
 * a resize in one poll() and wakes for nothing else (0% CPU and no wake-ups
 * while idle). ncurses' own handler still runs after ours and makes the next
 * wget_wch return KEY_RESIZE. {-1, -1} when there is no such handler. */
static int ui_wake[2] = {-1, -1};
static struct sigaction ui_old_winch;

static void on_winch(int sig)
{
	int saved = errno;

	if (ui_wake[1] >= 0 && write(ui_wake[1], "", 1) < 0) {
		/* Full: a wake-up is already waiting. */
	}
	ui_old_winch.sa_handler(sig);
	errno = saved;
}

/* Chain to ncurses' SIGWINCH handler (installed by newterm) through the pipe. */
static void wake_install(void)
{
	struct sigaction old, sa;

	if (sigaction(SIGWINCH, NULL, &old) != 0 || (old.sa_flags & SA_SIGINFO) || old.sa_handler == SIG_DFL ||
	    old.sa_handler == SIG_IGN)
		return;
	if (pipe2(ui_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		ui_wake[0] = ui_wake[1] = -1;
		return;
	}
	ui_old_winch = old;
	sa = old;
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
}

static void wake_remove(void)
{
	if (ui_wake[0] < 0)
		return;
	sigaction(SIGWINCH, &ui_old_winch, NULL);
	close(ui_wake[0]);
	close(ui_wake[1]);
	ui_wake[0] = ui_wake[1] = -1;
}

/* Block until the terminal has input (or hung up) or a resize came. Returns
 * false if the terminal hung up or is gone. */
static bool wait_input(const struct ui *u)
{
	struct pollfd p[2] = {
		{.fd = fileno(u->in), .events = POLLIN},
		{.fd = ui_wake[0], .events = POLLIN},
	};
	char drain[64];

	if (poll(p, 2, -1) < 0)
		return true; /* EINTR: the caller looks at the signal flag */
	if (p[1].revents & POLLIN)
		while (read(ui_wake[0], drain, sizeof drain) > 0)
			;
	return !(p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) || (p[0].revents & POLLIN);
}

static void on_signal(int sig)
{
	int saved = errno;

	ui_signal = sig;
	/* A signal that lands between the loop's check and the blocking read
	 * (while drawing, say) would wait for the next key press: make that read
	 * end at once by putting /dev/null where the terminal's input was. */
	if (ui_in_fd >= 0 && ui_null_fd >= 0)
		dup2(ui_null_fd, ui_in_fd);
	errno = saved;
}

/* Bracketed paste (terminfo BE, BD, PS, PE; xterm, tmux and most emulators
 * have them): pasted text arrives marked, so that a paste is never taken
 * for keys (a 'q' in it would quit). Written straight to the terminal
 * (putp would write to stdout), when ncurses has nothing buffered: after a
 * doupdate or endwin, before the next. */
static void paste_mode(FILE *out, bool on)
{
	const char *cap = tigetstr(on ? "BE" : "BD");

	if (out && cap && cap != (char *)-1) {
		fputs(cap, out);
		fflush(out);
	}
}

static void fatal_restore(void)
{
	if (ui_active) {
		endwin();
		ui_active = false;
	}
}

/* Write s[0..len) at (y, x) in at most `cols` cells, cut at a grapheme boundary; returns the cells used. */
static int put_text(WINDOW *w, int y, int x, const char *s, size_t len, int cols, attr_t attr, short pair)
{
	int used = 0;
	size_t n;

	if (cols <= 0 || len == 0)
		return 0;
	wchar_t small[256], *ws = small;
	size_t nw = 0;

	n = text_prefix_cols(s, len, cols, &used);
	if (n == 0)
		return 0;
	/* Decoded here, once: ncurses' multibyte path decodes a byte at a time
	 * through mbrtowc, a third of the first frame's instructions. A string
	 * with a control character in it (a file name, say) goes the multibyte
	 * way, where ncurses shows controls as ^X and ~X, never raw. */
	if (n > sizeof small / sizeof small[0])
		ws = xmalloc(n * sizeof *ws);
	for (size_t off = 0; off < n && ws;) {
		uint32_t c;

		if (text_control_len(s + off, n - off)) {
			if (ws != small)
				free(ws);
			ws = NULL;
			break;
		}
		off += text_next_char(s + off, n - off, &c);
		ws[nw++] = (wchar_t)c;
	}
	wattr_set(w, attr, pair, NULL);
	if (ws)
		mvwaddnwstr(w, y, x, ws, (int)nw);
	else
		mvwaddnstr(w, y, x, s, (int)n);
	wattr_set(w, A_NORMAL, 0, NULL);
	if (ws && ws != small)
		free(ws);
	return used;
}

/* Fill row y of w from column x to the end with spaces in attr. */
static void fill_row(WINDOW *w, int y, int x, attr_t attr, short pair)
{
	int maxx = getmaxx(w);
	cchar_t blank;

	if (x >= maxx)
		return;
	setcchar(&blank, L" ", attr, pair, NULL);
	mvwhline_set(w, y, x, &blank, maxx - x);
}

/* Make *w a window of the given rectangle, reusing it when it already is one. */
static WINDOW *ensure_win(WINDOW **w, int h, int wd, int y, int x)
{
	if (*w) {
		int cy, cx, ch, cw;

		getbegyx(*w, cy, cx);
		getmaxyx(*w, ch, cw);
		if (cy == y && cx == x && ch == h && cw == wd)
			return *w;
		delwin(*w);
		*w = NULL;
	}
	/* A subwindow: it draws into stdscr's cells, so that a frame needs no
	 * memory of its own per pane and one wnoutrefresh of stdscr sends it. */
	*w = derwin(stdscr, h, wd, y, x);
	if (*w)
		leaveok(*w, TRUE);
	return *w;
}

static void drop_win(WINDOW **w)
{
	if (*w) {
		delwin(*w);
		*w = NULL;
	}
}


/* The speaker pane's text for item i: "3 段祥生 惠济区大河路街道", "  导语", or a title. */
static char *speaker_row(const struct view *v, size_t i, int name_cols)
{
	const struct view_item *it = &v->items[i];
	struct buf b;
	int digits = 1;

	for (size_t n = view_sections_expected(v); n >= 10; n /= 10)
		digits++;
	buf_init(&b);
	if (it->kind == VIEW_ITEM_TITLE) {
		buf_adds(&b, view_article_title(v, it->article));
	} else if (it->kind == VIEW_ITEM_INTRO) {
		buf_printf(&b, "%*s 导语", digits, "");
	} else {
		const struct section *s = it->sec;
		const char *name = s->speaker.name && s->speaker.name[0] ? s->speaker.name
				 : s->headline && s->headline[0] ? s->headline : "";

		buf_printf(&b, "%*zu ", digits, s->number);
		/* Pad short names so that the places line up. */
		text_add_padded(&b, name, name_cols);
	}
	return buf_take(&b, NULL);
}

static void draw_speakers(struct ui *u, WINDOW *w)
{
	struct view *v = &u->v;
	const struct view_geom *g = &v->g;
	bool sep = g->show_reader;
	int textw = g->sp_w - (sep ? 3 : 2);
	bool focused = v->focus == VIEW_FOCUS_SPEAKERS;
	int name_cols;

	/* Names are two to four characters; a longer one is not worth the room.
	 * Each entry is measured once, when it arrives: over a large archive
	 * this loop would cost every frame. */
	if (u->name_items < v->nitems) {
		for (size_t i = u->name_items; i < v->nitems; i++) {
			const struct section *s = v->items[i].sec;
			int c = s && s->speaker.name ? text_cols(s->speaker.name, strlen(s->speaker.name)) : 0;

			if (c > u->name_cols && c <= 8)
				u->name_cols = c;
		}
		u->name_items = v->nitems;
	}
	name_cols = u->name_cols;
	werase(w);
	for (int r = 0; r < g->body_rows; r++) {
		size_t k = v->sp_top + (size_t)r, i;
		const struct view_item *it;
		const struct filter_section *fs;
		char *row;
		size_t rowlen;
		int used, room = textw;
		attr_t attr = A_NORMAL;
		char count[32];
		int count_cols = 0;

		if (k >= v->nvis)
			break;
		i = v->vis[k];
		it = &v->items[i];
		row = speaker_row(v, i, name_cols);
		rowlen = strlen(row);
		if ((focused && i == v->sel) || (!focused && i == v->cur))
			attr = u->look.cur;
		else if (focused && i == v->cur)
			attr = u->look.sel;
		if (it->kind == VIEW_ITEM_TITLE)
			attr |= u->look.title_row;
		if (attr & A_REVERSE)
			fill_row(w, r, 0, attr, 0);
		/* The section's hit count, right-aligned: "(15)". */
		fs = view_item_hits(v, i);
		if (fs && fs->match && fs->nhits > 0) {
			snprintf(count, sizeof count, "(%zu)", fs->nhits);
			count_cols = (int)strlen(count);
			if (count_cols + 4 <= textw) {
				put_text(w, r, 1 + textw - count_cols, count, strlen(count), count_cols, attr, 0);
				room = textw - count_cols - 1;
			}
		}
		{
			char *cut = text_truncate(row, rowlen, room);

			used = put_text(w, r, 1, cut, strlen(cut), room, attr, 0);
			free(cut);
		}
		/* The place, dimmer, in the room left after the name. */
		if (it->kind == VIEW_ITEM_SECTION && it->sec->speaker.place && it->sec->speaker.place[0] &&
		    used + 2 < room) {
			const char *place = it->sec->speaker.place;
			char *cut = text_truncate(place, strlen(place), room - used - 1);
			attr_t pa = attr & A_REVERSE ? attr : u->look.place;

			put_text(w, r, 1 + used + 1, cut, strlen(cut), room - used - 1, pa,
				 attr & A_REVERSE ? 0 : u->look.place_pair);
			free(cut);
		}
		free(row);
	}
	if (sep) {
		cchar_t bar;

		setcchar(&bar, L"\u2502", A_NORMAL, 0, NULL);
		mvwvline_set(w, 0, g->sp_w - 1, &bar, g->body_rows);
	}
}

/* Draw line l at (r, x): its own attributes, with the bytes of the hits on it
 * (spans sp[0..nsp)) in the hit attribute; hit number `cur` (SIZE_MAX: none) stands out. */
static void draw_line(struct ui *u, WINDOW *w, int r, int x, const struct layout_line *l, const struct span *sp,
		      size_t nsp, size_t cur)
{
	const struct view_geom *g = &u->v.g;
	const char *s = l->text + l->off;
	attr_t base;
	short base_pair;
	size_t lead = 0;
	int used = 0;

	switch (l->kind) {
	case LAYOUT_TOPIC: base = u->look.topic; base_pair = u->look.topic_pair; break;
	case LAYOUT_HEADLINE: base = u->look.headline; base_pair = u->look.headline_pair; break;
	case LAYOUT_BYLINE: base = u->look.byline; base_pair = u->look.byline_pair; break;
	case LAYOUT_PARA:
		base = A_NORMAL;
		base_pair = 0;
		lead = l->lead_len < l->len ? l->lead_len : l->len;
		break;
	default: return;
	}
	if (l->len == 0)
		return;
	/* Runs of bytes with the same mark (0 plain, 1 in a hit, 2 in the current
	 * hit) and the same lead-sentence state, each painted in one call. */
	for (size_t a = 0; a < l->len && used < g->text_w;) {
		unsigned m = nsp ? spans_mark(sp, nsp, a, cur) : 0;
		bool in_lead = a < lead;
		size_t b = a + 1;
		attr_t attr = in_lead ? u->look.lead : base;
		short pair = base_pair;

		while (b < l->len && (nsp ? spans_mark(sp, nsp, b, cur) : 0) == m && (b < lead) == in_lead)
			b++;
		if (m) {
			attr |= m == 2 ? u->look.cur_hit : u->look.hit;
			pair = u->look.hit_pair;
		}
		used += put_text(w, r, x + used, s + a, b - a, g->text_w - used, attr, pair);
		a = b;
	}
}

static void draw_reader(struct ui *u, WINDOW *w)
{
	struct view *v = &u->v;
	const struct view_geom *g = &v->g;
	const struct layout *lo = view_layout(v);
	const struct spans *hits = view_spans(v);
	size_t cur_hit = SIZE_MAX;
	int x = g->text_x - g->rd_x;

	if (hits && v->find.hit_valid && v->item_of_section[v->find.hit.sec] == v->cur)
		cur_hit = v->find.hit.hit;
	werase(w);
	for (int r = 0; r < g->body_rows; r++) {
		size_t li = v->top + (size_t)r, nsp = 0;
		const struct span *sp;

		if (li >= lo->nlines)
			break;
		sp = hits ? spans_of_line(hits, li, &nsp) : NULL;
		draw_line(u, w, r, x, &lo->lines[li], sp, nsp, cur_hit);
	}
}

static void draw_help(struct ui *u, WINDOW *w)
{
	struct view *v = &u->v;
	int x = v->g.cols >= 30 ? 1 : 0;
	int width = v->g.cols - 2 * x;

	werase(w);
	for (int r = 0; r < v->g.body_rows; r++) {
		size_t i = v->help.top + (size_t)r;
		const struct help_line *l;

		if (i >= v->help.n)
			break;
		l = &v->help.lines[i];
		put_text(w, r, x, l->text, strlen(l->text), width, l->heading ? A_BOLD : A_NORMAL, 0);
	}
}

static void draw_top(struct ui *u, WINDOW *w)
{
	struct view *v = &u->v;
	char *cut = status_title(v);

	werase(w);
	fill_row(w, 0, 0, u->look.bar, u->look.bar_pair);
	put_text(w, 0, 1, cut, strlen(cut), v->g.cols - 2, u->look.bar | A_BOLD, u->look.bar_pair);
	free(cut);
}
static void draw_status(struct ui *u, WINDOW *w)
{
	struct view *v = &u->v;
	const char *hint;
	char *text = status_line(v, &hint);
	int hint_cols = (int)strlen(hint);
	int room = v->g.cols - 2 - (v->g.cols >= 24 ? hint_cols + 1 : 0);

	werase(w);
	fill_row(w, 0, 0, u->look.bar, u->look.bar_pair);
	put_text(w, 0, 1, text, strlen(text), room, u->look.bar, u->look.bar_pair);
	free(text);
	if (v->g.cols >= 24)
		put_text(w, 0, v->g.cols - 1 - hint_cols, hint, strlen(hint), hint_cols, u->look.bar,
			 u->look.bar_pair);
}

/* The theme picker: a box over the body listing each theme with its sections and hits. */
static void draw_picker(struct ui *u, WINDOW *w, int width)
{
	struct view *v = &u->v;
	const struct picker *pk = &v->pick;
	int rows = getmaxy(w) - 3, inner = width - 4, name_cols = 0;
	struct buf b;

	werase(w);
	box(w, 0, 0);
	buf_init(&b);
	status_add_prompt(&b, "Theme: ", v->prompt.text, inner);
	put_text(w, 1, 2, b.data, b.len, inner, A_BOLD, 0);
	buf_free(&b);
	for (size_t i = 0; i < pk->n; i++) {
		const char *name = v->find.themes.v[pk->idx[i]].name;
		int c = text_cols(name, strlen(name));

		if (c > name_cols)
			name_cols = c;
	}
	if (pk->n == 0)
		put_text(w, 2, 2, "no theme matches", 16, inner, A_NORMAL, 0);
	for (int r = 0; r < rows; r++) {
		size_t k = pk->top + (size_t)r, t;
		const char *name;
		attr_t attr;
		char *cut;

		if (k >= pk->n)
			break;
		t = pk->idx[k];
		name = v->find.themes.v[t].name;
		attr = k == pk->sel ? A_REVERSE : A_NORMAL;
		buf_init(&b);
		text_add_padded(&b, name, name_cols);
		if (t < pk->ncounted)
			buf_printf(&b, "  %3zu section%s %4zu hit%s", pk->nsec[t], pk->nsec[t] == 1 ? " " : "s",
				   pk->nhit[t], pk->nhit[t] == 1 ? "" : "s");
		else
			buf_adds(&b, "  counting…");
		cut = text_truncate(b.data, b.len, inner);
		if (attr & A_REVERSE)
			for (int c = 1; c < width - 1; c++)
				mvwaddch(w, 2 + r, c, ' ' | A_REVERSE);
		put_text(w, 2 + r, 2, cut, strlen(cut), inner, attr, 0);
		free(cut);
		buf_free(&b);
	}
}

/* Paint the whole screen from the view's state and send it with one doupdate. */
static void draw(struct ui *u)
{
	struct view *v = &u->v;
	const struct view_geom *g = &v->g;

	/* The panes are subwindows of stdscr: erased and drawn into it, then sent
	 * with one wnoutrefresh (wget_wch then finds nothing left to refresh). */
	werase(stdscr);
	if (g->too_small) {
		const char *msg = "terminal too small";
		char *cut = text_truncate(msg, strlen(msg), g->cols);

		drop_win(&u->top);
		drop_win(&u->status);
		drop_win(&u->sp);
		drop_win(&u->body);
		drop_win(&u->pick);
		put_text(stdscr, 0, 0, cut, strlen(cut), g->cols, A_NORMAL, 0);
		free(cut);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	if (!g->title_line) {
		drop_win(&u->top);
	} else if (ensure_win(&u->top, 1, g->cols, 0, 0)) {
		draw_top(u, u->top);
	}
	if (v->mode == MODE_HELP) {
		drop_win(&u->sp);
		if (ensure_win(&u->body, g->body_rows, g->cols, g->body_y, 0)) {
			draw_help(u, u->body);
		}
	} else {
		if (g->show_speakers && ensure_win(&u->sp, g->body_rows, g->sp_w, g->body_y, g->sp_x)) {
			draw_speakers(u, u->sp);
		} else if (!g->show_speakers) {
			drop_win(&u->sp);
		}
		if (g->show_reader && ensure_win(&u->body, g->body_rows, g->rd_w, g->body_y, g->rd_x)) {
			draw_reader(u, u->body);
		} else if (!g->show_reader) {
			drop_win(&u->body);
		}
	}
	if (v->mode == MODE_PICKER) {
		int pw = g->cols - 4 < 56 ? g->cols - 4 : 56;
		int ph = (int)v->pick.n + 3 < g->body_rows ? (int)v->pick.n + 3 : g->body_rows;

		if (ph < 4)
			ph = g->body_rows;
		if (pw >= 12 && ensure_win(&u->pick, ph, pw, g->body_y + (g->body_rows - ph) / 2, (g->cols - pw) / 2)) {
			draw_picker(u, u->pick, pw);
		}
	} else {
		drop_win(&u->pick);
	}
	if (ensure_win(&u->status, 1, g->cols, g->status_y, 0)) {
		draw_status(u, u->status);
	}
	wnoutrefresh(stdscr);
	if (v->redraw_all) {
		clearok(curscr, TRUE);
		v->redraw_all = false;
	}
	doupdate();
}

/* Name a key the way the binding table does ("j", "C-f", "PgDn"); buf holds 8+ bytes. */
static const char *key_to_name(int r, wint_t ch, char *buf, size_t size)
{
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_DOWN: return "Down";
		case KEY_UP: return "Up";
		case KEY_LEFT: return "Left";
		case KEY_RIGHT: return "Right";
		case KEY_NPAGE: return "PgDn";
		case KEY_PPAGE: return "PgUp";
		case KEY_HOME: return "Home";
		case KEY_END: return "End";
		case KEY_ENTER: return "Enter";
		case KEY_BACKSPACE: return "Backspace";
		case KEY_BTAB: return "S-Tab";
		default: {
			const char *n = keyname((int)ch);

			snprintf(buf, size, "%s", n ? n : "?");
			return buf;
		}
		}
	}
	switch (ch) {
	case '\r':
	case '\n': return "Enter";
	case '\t': return "Tab";
	case ' ': return "Space";
	case 27: return "Esc";
	case 127:
	case 8: return "Backspace";
	default: break;
	}
	if (ch < 32) {
		snprintf(buf, size, "C-%c", (char)(ch + 'a' - 1));
	} else if (ch < 127) {
		snprintf(buf, size, "%c", (char)ch);
	} else if (ch >= 0xA0 && ch <= 0x10FFFF && !(ch >= 0xD800 && ch <= 0xDFFF)) {
		/* Typed text (a Chinese character): UTF-8 so the message can show it. */
		unsigned c = (unsigned)ch;

		if (c < 0x800) {
			snprintf(buf, size, "%c%c", 0xC0 | (c >> 6), 0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			snprintf(buf, size, "%c%c%c", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
		} else {
			snprintf(buf, size, "%c%c%c%c", 0xF0 | (c >> 18), 0x80 | ((c >> 12) & 0x3F),
				 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
		}
	} else {
		snprintf(buf, size, "U+%04X", (unsigned)ch);
	}
	return buf;
}

static void setup_look(struct ui *u, const struct ui_opts *opts)
{
	struct ui_look *l = &u->look;
	const char *nc = getenv("NO_COLOR");

	memset(l, 0, sizeof *l);
	l->headline = A_BOLD;
	l->lead = A_BOLD;
	l->bar = A_REVERSE;
	l->cur = A_REVERSE;
	l->sel = A_BOLD;
	l->title_row = A_BOLD;
	l->place = A_NORMAL;
	l->byline = A_NORMAL;
	l->topic = A_NORMAL;
	l->hit = A_REVERSE;
	l->cur_hit = A_REVERSE | A_UNDERLINE | A_BOLD;
	l->color = opts->color != UI_COLOR_NEVER && !(nc && nc[0]) && has_colors();
	if (!l->color)
		return;
	if (start_color() != OK) {
		l->color = false;
		return;
	}
	{
		short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;
		short fg = bg == -1 ? -1 : COLOR_WHITE;

		init_pair(PAIR_HEADLINE, COLOR_RED, bg);
		init_pair(PAIR_BYLINE, COLOR_CYAN, bg);
		init_pair(PAIR_TOPIC, COLOR_MAGENTA, bg);
		init_pair(PAIR_PLACE, COLOR_CYAN, bg);
		init_pair(PAIR_BAR, fg, bg);
		init_pair(PAIR_HIT, COLOR_BLACK, COLOR_YELLOW);
	}
	l->hit = A_NORMAL;
	l->cur_hit = A_UNDERLINE | A_BOLD;
	l->hit_pair = PAIR_HIT;
	l->headline_pair = PAIR_HEADLINE;
	l->byline_pair = PAIR_BYLINE;
	l->topic_pair = PAIR_TOPIC;
	l->place_pair = PAIR_PLACE;
	l->bar_pair = 0;
}

static void close_term(struct ui *u)
{
	wake_remove();
	ui_in_fd = -1;
	if (ui_null_fd >= 0)
		close(ui_null_fd);
	ui_null_fd = -1;
	drop_win(&u->top);
	drop_win(&u->status);
	drop_win(&u->sp);
	drop_win(&u->body);
	drop_win(&u->pick);
	if (ui_active) {
		paste_mode(u->out, false);
		endwin();
		ui_active = false;
	}
	util_set_fatal_hook(NULL);
	if (u->scr) {
		delscreen(u->scr);
		u->scr = NULL;
	}
	if (u->in)
		fclose(u->in);
	if (u->out)
		fclose(u->out);
	u->in = u->out = NULL;
}

/* Fault in, with one call, the heap that newterm is about to fill: its three
 * screens of cells (some 160 KiB at 80x24) are most of what the first frame
 * touches. Page by page that is a fault per 4 KiB, and on the virtual
 * machines our users reach over SSH a fault costs 10 us or more: about a
 * third of the browser's start-up. The block is taken from the top of the
 * heap (not mmap), faulted in, and given back to the heap, not the system,
 * for ncurses to take. Without MADV_POPULATE_WRITE (Linux before 5.14) it
 * does nothing. */
static void prefault_screens(int fd)
{
#ifdef MADV_POPULATE_WRITE
	struct winsize ws;
	long page = sysconf(_SC_PAGESIZE);

	if (ioctl(fd, TIOCGWINSZ, &ws) < 0 || ws.ws_row == 0 || ws.ws_col == 0 || page <= 0)
		return;
	size_t need = 3 * (size_t)ws.ws_row * ws.ws_col * sizeof(cchar_t) + UI_PREFAULT_EXTRA;

	if (need > UI_PREFAULT_MAX)
		return;
	mallopt(M_MMAP_THRESHOLD, (int)need * 2);
	mallopt(M_TRIM_THRESHOLD, (int)need * 4);
	char *p = malloc(need);

	if (p) {
		uintptr_t from = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
		uintptr_t to = ((uintptr_t)p + need) & ~((uintptr_t)page - 1);

		if (to > from)
			madvise((void *)from, to - from, MADV_POPULATE_WRITE);
		free(p);
	}
	mallopt(M_MMAP_THRESHOLD, UI_MMAP_THRESHOLD);
#else
	(void)fd;
#endif
}

static int open_term(struct ui *u, struct fy_err *err)
{
	const char *term = getenv("TERM");

	if (!term || !term[0] || strcmp(term, "dumb") == 0)
		return err_set(err, "the terminal (TERM=%s) cannot show the browser; use --print to print sections",
			       term && term[0] ? term : "unset");
	u->out = fopen("/dev/tty", "w");
	u->in = u->out ? fopen("/dev/tty", "r") : NULL;
	if (!u->in || !u->out) {
		int e = errno;

		if (u->out)
			fclose(u->out);
		u->out = NULL;
		return err_set(err, "no terminal to browse on (/dev/tty: %s); use --print to print sections",
			       strerror(e));
	}
	prefault_screens(fileno(u->out));
	u->scr = newterm(NULL, u->out, u->in);
	if (!u->scr) {
		fclose(u->in);
		fclose(u->out);
		u->in = u->out = NULL;
		return err_set(err, "unknown terminal type TERM=%s; use --print to print sections", term);
	}
	set_term(u->scr);
	ui_active = true;
	ui_null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ui_in_fd = fileno(u->in);
	util_set_fatal_hook(fatal_restore);
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	typeahead(-1);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	wtimeout(stdscr, UI_TICK_MS);
	leaveok(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	/* ncurses 6 writes out what it has after every cursor movement until the
	 * program has once left curses and come back: some thirty writes for one
	 * frame instead of one or two, each a wake-up of sshd and, with
	 * TCP_NODELAY, often a packet of its own. Leaving and coming back now,
	 * before anything is drawn and before colours are started (coming back
	 * then would reset the terminal's palette), costs about 140 bytes once. */
	endwin();
	doupdate();
	{
		const char *ps = tigetstr("PS"), *pe = tigetstr("PE");

		if (ps && ps != (char *)-1 && pe && pe != (char *)-1) {
			define_key(ps, UI_KEY_PASTE_BEGIN);
			define_key(pe, UI_KEY_PASTE_END);
			paste_mode(u->out, true);
		}
	}
	return 0;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the blocking read must return */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* A mouse event, named as the binding tables name it, for the view to dispatch. */
static void handle_mouse(struct view *v)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		view_mouse(v, "WheelUp", ev.y, ev.x);
	else if (ev.bstate & BUTTON5_PRESSED)
		view_mouse(v, "WheelDown", ev.y, ev.x);
	else if (ev.bstate & BUTTON1_PRESSED)
		view_mouse(v, "Click", ev.y, ev.x);
}

/* Whether a key is waiting on the terminal: then the filter can wait for it.
 * ncurses reads the terminal a byte at a time, so what it has not read is here. */
static bool input_pending(const struct ui *u)
{
	struct pollfd p = {.fd = fileno(u->in), .events = POLLIN};

	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

/* Write all of data[0..len) to fd; false on an error (EPIPE when the reader left). */
static bool write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR && !ui_signal)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* What the current item is called in messages: "section 3" or "the intro". */
static void item_label(const struct view *v, char *buf, size_t size)
{
	const struct view_item *it = &v->items[v->cur];

	if (it->kind == VIEW_ITEM_SECTION)
		snprintf(buf, size, "section %zu", it->sec->number);
	else
		snprintf(buf, size, "the intro");
}

/* '|': hand the terminal to `/bin/sh -c CMD` with the current section on its
 * stdin (like less), wait for Enter, take the terminal back and report how the
 * command ended in the status line. */
static void run_pipe(struct ui *u)
{
	struct view *v = &u->v;
	struct buf text;
	int fds[2], tty = fileno(u->out), status = 0;
	pid_t pid;
	struct sigaction ign, old_pipe, old_int, old_quit;
	char label[64];
	bool waited = false;
	const char *press = "\r\nPress Enter to continue";

	item_label(v, label, sizeof label);
	buf_init(&text);
	view_item_text(v, &text);
	paste_mode(u->out, false);
	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* SIGPIPE: a command that does not read everything (head -1) must not kill
	 * us; SIGINT and SIGQUIT from the keyboard are for the command, as in system(3). */
	sigaction(SIGPIPE, &ign, &old_pipe);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	if (pipe(fds) != 0) {
		view_msg(v, "cannot pipe: %s", strerror(errno));
		goto back;
	}
	pid = fork();
	if (pid < 0) {
		view_msg(v, "cannot run /bin/sh: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		goto back;
	}
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		if (dup2(fds[0], 0) < 0 || dup2(tty, 1) < 0 || dup2(tty, 2) < 0)
			_exit(126);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", v->prompt.text, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	write_all(fds[1], text.data ? text.data : "", text.len);
	close(fds[1]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			break;
		}
	}
	waited = true;
	if (!ui_signal && write_all(tty, press, strlen(press))) {
		char c;

		/* The terminal is in its normal (line) mode here: a line ends with Enter. */
		while (!ui_signal && read(fileno(u->in), &c, 1) == 1 && c != '\n' && c != '\r')
			;
	}
back:
	sigaction(SIGPIPE, &old_pipe, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (waited) {
		if (status == -1)
			view_msg(v, "|%s: lost track of the command", v->prompt.text);
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			view_msg(v, "|%s: exit status 127 (command not found?)", v->prompt.text);
		else if (WIFEXITED(status))
			view_msg(v, "|%s: %s piped, exit status %d", v->prompt.text, label, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			view_msg(v, "|%s: killed by signal %d", v->prompt.text, WTERMSIG(status));
	}
	buf_free(&text);
	reset_prog_mode();
	paste_mode(u->out, true);
	v->redraw_all = true;
}

/* A bracketed paste has begun: take its text up to the end mark (or a pause
 * of UI_PASTE_WAIT_MS) as typed at a prompt. In the browser itself it opens
 * the search prompt with the text, so that a word copied from elsewhere is
 * searched for without a Chinese input method; at the theme picker it
 * narrows the list. Only the first line counts; controls in it are dropped. */
static void take_paste(struct ui *u)
{
	struct view *v = &u->v;
	bool first_line = true;

	if (v->mode == MODE_BROWSE)
		view_do(v, ACTION_SEARCH, "/");
	wtimeout(stdscr, UI_PASTE_WAIT_MS);
	for (;;) {
		wint_t ch = 0;
		int r = wget_wch(stdscr, &ch);
		char buf[16];
		const char *name;

		if (r == ERR || ui_signal || (r == KEY_CODE_YES && ch == UI_KEY_PASTE_END))
			break;
		if (r == KEY_CODE_YES || !first_line)
			continue;
		if (ch == '\r' || ch == '\n') {
			first_line = false;
			continue;
		}
		if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0))
			continue;
		name = key_to_name(OK, ch, buf, sizeof buf);
		/* Typed at the line the mode has; the help has none and takes nothing. */
		if (v->mode != MODE_BROWSE && v->mode != MODE_HELP)
			view_key(v, name);
	}
}

/* 'y': prepare the OSC 52 sequence that puts the current section on the
 * terminal's clipboard; it is written after the next doupdate, in one piece.
 * Not wrapped for tmux or screen: tmux with set-clipboard on takes the plain
 * sequence itself, which is what works over SSH. */
static void prepare_copy(struct ui *u)
{
	struct view *v = &u->v;
	struct buf text;
	char label[64];

	item_label(v, label, sizeof label);
	buf_init(&text);
	view_item_text(v, &text);
	buf_free(&u->osc);
	buf_adds(&u->osc, "\033]52;c;");
	buf_base64(&u->osc, text.data ? text.data : "", text.len);
	buf_addc(&u->osc, '\a');
	view_msg(v, "copied %s (%zu bytes) with OSC 52", label, text.len);
	buf_free(&text);
}

int ui_run(struct doc *d, const struct ui_opts *opts, struct ui_result *res, struct fy_err *err)
{
	struct ui u;
	int errs = 0;

	memset(&u, 0, sizeof u);
	memset(res, 0, sizeof *res);
	if (open_term(&u, err) != 0)
		return -1;
	install_signals();
	wake_install();
	setup_look(&u, opts);
	/* The first screen needs only the first inputs: enough to fill the speaker pane. */
	while (load_pending(opts->load) && d->nsections + 2 * d->narticles < (size_t)LINES)
		load_next(opts->load, d);
	view_init(&u.v, d, opts, COLS, LINES);
	/* A section, theme or search on the command line says where to start. */
	resume_start(&u.resume, &u.v,
		     opts->no_state ? NULL
				    : state_dir_safe(getenv("XDG_STATE_HOME"), getenv("HOME"), u.v.note, sizeof u.v.note),
		     opts->start_section == 0 && !opts->theme && !opts->search);

	while (!u.v.done && !ui_signal) {
		wint_t ch = 0;
		int r;
		struct timespec t0;
		char buf[16];
		const char *name;

		bool loading = load_pending(u.v.load);
		bool busy = loading || view_idle_pending(&u.v);

		if (!input_pending(&u))
			view_sync(&u.v);
		resume_progress(&u.resume, &u.v);
		draw(&u);
		if (u.osc.len) {
			write_all(fileno(u.out), u.osc.data, u.osc.len);
			buf_free(&u.osc);
		}
		errno = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		/* While inputs remain to be read or themes to be counted, only look
		 * for a key, and go on with that work if none came. Otherwise
		 * take a key ncurses already holds, or wait for the terminal or a
		 * resize, then take the key. */
		wtimeout(stdscr, busy || ui_wake[0] >= 0 ? 0 : UI_TICK_MS);
		r = wget_wch(stdscr, &ch);
		if (r == ERR && !busy && ui_wake[0] >= 0 && !ui_signal) {
			bool alive = wait_input(&u);

			errno = 0;
			r = wget_wch(stdscr, &ch);
			if (r == ERR && !ui_signal) {
				/* Woken with nothing to read: a signal we do not handle
				 * (SIGCONT, SIGCHLD) or a resize already taken. A terminal
				 * that hung up or keeps reading nothing is gone: leave. */
				if (alive && ++errs < 100)
					continue;
				u.v.done = true;
				u.v.result.outcome = UI_QUIT;
				break;
			}
		}
		if (ui_signal)
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
			if (errno == 0 && util_ms_between(&t0, &t1) >= UI_TICK_MS / 2) {
				errs = 0;
				continue;
			}
			/* A signal we do not handle (SIGCONT, SIGCHLD) interrupts the read;
			 * anything else is a terminal that went away: leave, do not spin. */
			if (errno == EINTR && ++errs < 100)
				continue;
			u.v.done = true;
			u.v.result.outcome = UI_QUIT;
			break;
		}
		errs = 0;
		if (resume_waiting(&u.resume) && !(r == KEY_CODE_YES && ch == KEY_RESIZE))
			resume_stop(&u.resume); /* a key came first: the reader stays where they are */
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			view_resize(&u.v, COLS, LINES);
			continue;
		}
		if (r == KEY_CODE_YES && ch == UI_KEY_PASTE_BEGIN) {
			take_paste(&u);
			continue;
		}
		if (r == KEY_CODE_YES && ch == UI_KEY_PASTE_END)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			handle_mouse(&u.v);
			continue;
		}
		name = key_to_name(r, ch, buf, sizeof buf);
		view_key(&u.v, name);
		if (u.v.req == VIEW_REQ_PIPE) {
			u.v.req = VIEW_REQ_NONE;
			run_pipe(&u);
		} else if (u.v.req == VIEW_REQ_COPY) {
			u.v.req = VIEW_REQ_NONE;
			prepare_copy(&u);
		}
		/* Not while a search is being typed: it moves through sections as it goes. */
		if (resume_moved(&u.resume, &u.v) && u.v.mode != MODE_SEARCH)
			resume_save(&u.resume, &u.v);
	}
	resume_save(&u.resume, &u.v);
	*res = u.v.result;
	close_term(&u);
	view_free(&u.v);
	buf_free(&u.osc);
	resume_free(&u.resume);
	if (ui_signal) {
		int sig = ui_signal;

		signal(sig, SIG_DFL);
		exit(128 + sig);
	}
	return 0;
}
