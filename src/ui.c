/* ui.c: the terminal side of the browser: opening the terminal (on /dev/tty,
 * so that stdin and stdout can be redirected), turning keys and mouse events
 * into actions, and drawing the view's state. Drawing is a function of the
 * state in ui_view.c: every pass erases and repaints the windows, and one
 * doupdate sends the difference. Never relies on ncurses wrapping: every
 * string is cut to its cell budget by the text layer first. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "fayan/actions.h"
#include "fayan/state.h"
#include "fayan/text.h"
#include "fayan/ui.h"
#include "ui_view.h"

/* Set by the signal handler; the loop restores the terminal and exits. */
static volatile sig_atomic_t ui_signal;
/* Whether curses owns the terminal, for the fatal hook. */
static bool ui_active;

enum {
	PAIR_HEADLINE = 1,
	PAIR_BYLINE,
	PAIR_TOPIC,
	PAIR_PLACE,
	PAIR_BAR,
};

struct ui_look {
	bool color;
	attr_t headline, byline, topic, place, bar, cur, sel, lead, title_row;
	short headline_pair, byline_pair, topic_pair, place_pair, bar_pair;
};

struct ui {
	SCREEN *scr;
	FILE *in, *out;
	WINDOW *top, *status, *sp, *body;
	struct ui_look look;
	struct view v;
	char *state_dir;
	bool state_failed;
	size_t saved_item;
};

static void on_signal(int sig)
{
	ui_signal = sig;
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
	n = text_prefix_cols(s, len, cols, &used);
	if (n == 0)
		return 0;
	wattr_set(w, attr, pair, NULL);
	mvwaddnstr(w, y, x, s, (int)n);
	wattr_set(w, A_NORMAL, 0, NULL);
	return used;
}

/* Fill row y of w from column x to the end with spaces in attr. */
static void fill_row(WINDOW *w, int y, int x, attr_t attr, short pair)
{
	int maxx = getmaxx(w);

	wattr_set(w, attr, pair, NULL);
	for (int c = x; c < maxx; c++)
		mvwaddch(w, y, c, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
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
	*w = newwin(h, wd, y, x);
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

static const char *article_title(const struct view *v, size_t article)
{
	const struct article *a;

	if (article >= v->d->narticles)
		return "fayan";
	a = v->d->articles[article];
	return a->title && a->title[0] ? a->title : a->name;
}

/* The speaker pane's text for item i: "3 段祥生 惠济区大河路街道", "  导语", or a title. */
static char *speaker_row(const struct view *v, size_t i, int name_cols)
{
	const struct view_item *it = &v->items[i];
	struct buf b;
	int digits = 1;

	for (size_t n = v->d->nsections; n >= 10; n /= 10)
		digits++;
	buf_init(&b);
	if (it->kind == VIEW_ITEM_TITLE) {
		buf_adds(&b, article_title(v, it->article));
	} else if (it->kind == VIEW_ITEM_INTRO) {
		buf_printf(&b, "%*s 导语", digits, "");
	} else {
		const struct section *s = it->sec;
		const char *name = s->speaker.name && s->speaker.name[0] ? s->speaker.name
				 : s->headline && s->headline[0] ? s->headline : "";

		buf_printf(&b, "%*zu %s", digits, s->number, name);
		/* Pad short names so that the places line up. */
		for (int c = text_cols(name, strlen(name)); c < name_cols; c++)
			buf_addc(&b, ' ');
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
	int name_cols = 0;

	/* Names are two to four characters; a longer one is not worth the room. */
	for (size_t i = 0; i < v->nitems; i++) {
		const struct section *s = v->items[i].sec;
		int c = s && s->speaker.name ? text_cols(s->speaker.name, strlen(s->speaker.name)) : 0;

		if (c > name_cols && c <= 8)
			name_cols = c;
	}
	werase(w);
	for (int r = 0; r < g->body_rows; r++) {
		size_t i = v->sp_top + (size_t)r;
		const struct view_item *it;
		char *row;
		size_t rowlen;
		int used;
		attr_t attr = A_NORMAL;

		if (i >= v->nitems)
			break;
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
		{
			char *cut = text_truncate(row, rowlen, textw);

			used = put_text(w, r, 1, cut, strlen(cut), textw, attr, 0);
			free(cut);
		}
		/* The place, dimmer, in the room left after the name. */
		if (it->kind == VIEW_ITEM_SECTION && it->sec->speaker.place && it->sec->speaker.place[0] &&
		    used + 2 < textw) {
			const char *place = it->sec->speaker.place;
			char *cut = text_truncate(place, strlen(place), textw - used - 1);
			attr_t pa = attr & A_REVERSE ? attr : u->look.place;

			put_text(w, r, 1 + used + 1, cut, strlen(cut), textw - used - 1, pa,
				 attr & A_REVERSE ? 0 : u->look.place_pair);
			free(cut);
		}
		free(row);
	}
	if (sep)
		mvwvline(w, 0, g->sp_w - 1, ACS_VLINE, g->body_rows);
}

static void draw_reader(struct ui *u, WINDOW *w)
{
	struct view *v = &u->v;
	const struct view_geom *g = &v->g;
	const struct layout *lo = view_layout(v);
	int x = g->text_x - g->rd_x;

	werase(w);
	for (int r = 0; r < g->body_rows; r++) {
		size_t li = v->top + (size_t)r;
		const struct layout_line *l;
		const char *s;

		if (li >= lo->nlines)
			break;
		l = &lo->lines[li];
		s = l->text + l->off;
		switch (l->kind) {
		case LAYOUT_TOPIC:
			put_text(w, r, x, s, l->len, g->text_w, u->look.topic, u->look.topic_pair);
			break;
		case LAYOUT_HEADLINE:
			put_text(w, r, x, s, l->len, g->text_w, u->look.headline, u->look.headline_pair);
			break;
		case LAYOUT_BYLINE:
			put_text(w, r, x, s, l->len, g->text_w, u->look.byline, u->look.byline_pair);
			break;
		case LAYOUT_BLANK:
			break;
		case LAYOUT_PARA: {
			size_t lead = l->lead_len < l->len ? l->lead_len : l->len;
			int used = put_text(w, r, x, s, lead, g->text_w, u->look.lead, 0);

			put_text(w, r, x + used, s + lead, l->len - lead, g->text_w - used, A_NORMAL, 0);
			break;
		}
		}
	}
}

static void draw_help(struct ui *u, WINDOW *w)
{
	struct view *v = &u->v;
	int x = v->g.cols >= 30 ? 1 : 0;
	int width = v->g.cols - 2 * x;

	werase(w);
	for (int r = 0; r < v->g.body_rows; r++) {
		size_t i = v->help_top + (size_t)r;

		if (i >= v->nhelp)
			break;
		put_text(w, r, x, v->help_lines[i].text, strlen(v->help_lines[i].text), width,
			 v->help_lines[i].heading ? A_BOLD : A_NORMAL, 0);
	}
}

static void draw_top(struct ui *u, WINDOW *w)
{
	struct view *v = &u->v;
	const char *title = v->help ? "fayan: help" : article_title(v, v->items[v->cur].article);
	char *cut = text_truncate(title, strlen(title), v->g.cols - 2);

	werase(w);
	fill_row(w, 0, 0, u->look.bar, u->look.bar_pair);
	put_text(w, 0, 1, cut, strlen(cut), v->g.cols - 2, u->look.bar | A_BOLD, u->look.bar_pair);
	free(cut);
}

static void draw_status(struct ui *u, WINDOW *w)
{
	struct view *v = &u->v;
	const struct view_item *it = &v->items[v->cur];
	const char *hint = "? help";
	int hint_cols = 6;
	struct buf b;
	int room;
	char *cut;

	buf_init(&b);
	if (v->prompt) {
		buf_printf(&b, "Go to section: %s_", v->num);
	} else if (v->help) {
		buf_printf(&b, "help %zu/%zu", v->help_top + 1 < v->nhelp ? v->help_top + 1 : v->nhelp, v->nhelp);
		hint = "q close";
		hint_cols = 7;
	} else {
		const struct layout *lo = view_layout(v);
		size_t rows = (size_t)v->g.body_rows;

		if (it->kind == VIEW_ITEM_SECTION)
			buf_printf(&b, "%zu/%zu %s", it->sec->number, v->d->nsections,
				   it->sec->speaker.name ? it->sec->speaker.name : "");
		else
			buf_printf(&b, "导语 0/%zu", v->d->nsections);
		if (lo->nlines <= rows)
			buf_adds(&b, " all");
		else
			buf_printf(&b, " %zu%%", (v->top + rows >= lo->nlines ? lo->nlines : v->top + rows) * 100 / lo->nlines);
		if (v->filter)
			buf_printf(&b, "  filter: %s", v->filter);
		if (v->msg[0])
			buf_printf(&b, "  %s", v->msg);
		else if (v->note[0])
			buf_printf(&b, "  %s", v->note);
	}
	werase(w);
	fill_row(w, 0, 0, u->look.bar, u->look.bar_pair);
	room = v->g.cols - 2 - (v->g.cols >= 24 ? hint_cols + 1 : 0);
	cut = text_truncate(b.data, b.len, room);
	put_text(w, 0, 1, cut, strlen(cut), room, u->look.bar, u->look.bar_pair);
	free(cut);
	if (v->g.cols >= 24)
		put_text(w, 0, v->g.cols - 1 - hint_cols, hint, strlen(hint), hint_cols, u->look.bar,
			 u->look.bar_pair);
	buf_free(&b);
}

/* Paint the whole screen from the view's state and send it with one doupdate. */
static void draw(struct ui *u)
{
	struct view *v = &u->v;
	const struct view_geom *g = &v->g;

	/* stdscr is never drawn on except for "too small"; refreshing it first keeps
	 * wget_wch from repainting it over the windows. */
	werase(stdscr);
	if (g->too_small) {
		const char *msg = "terminal too small";
		char *cut = text_truncate(msg, strlen(msg), g->cols);

		drop_win(&u->top);
		drop_win(&u->status);
		drop_win(&u->sp);
		drop_win(&u->body);
		put_text(stdscr, 0, 0, cut, strlen(cut), g->cols, A_NORMAL, 0);
		free(cut);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	wnoutrefresh(stdscr);
	if (ensure_win(&u->top, 1, g->cols, 0, 0)) {
		draw_top(u, u->top);
		wnoutrefresh(u->top);
	}
	if (v->help) {
		drop_win(&u->sp);
		if (ensure_win(&u->body, g->body_rows, g->cols, 1, 0)) {
			draw_help(u, u->body);
			wnoutrefresh(u->body);
		}
	} else {
		if (g->show_speakers && ensure_win(&u->sp, g->body_rows, g->sp_w, 1, g->sp_x)) {
			draw_speakers(u, u->sp);
			wnoutrefresh(u->sp);
		} else if (!g->show_speakers) {
			drop_win(&u->sp);
		}
		if (g->show_reader && ensure_win(&u->body, g->body_rows, g->rd_w, 1, g->rd_x)) {
			draw_reader(u, u->body);
			wnoutrefresh(u->body);
		} else if (!g->show_reader) {
			drop_win(&u->body);
		}
	}
	if (ensure_win(&u->status, 1, g->cols, g->lines - 1, 0)) {
		draw_status(u, u->status);
		wnoutrefresh(u->status);
	}
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
	}
	l->headline_pair = PAIR_HEADLINE;
	l->byline_pair = PAIR_BYLINE;
	l->topic_pair = PAIR_TOPIC;
	l->place_pair = PAIR_PLACE;
	l->bar_pair = 0;
}

/* Remember where the user is; after the first failure say so once and stop trying. */
static void save_state(struct ui *u)
{
	struct view *v = &u->v;
	const struct view_item *it = &v->items[v->cur];
	const struct article *a;
	struct state_pos pos;
	struct fy_err err = {0};

	if (!u->state_dir || u->state_failed || it->article >= v->d->narticles)
		return;
	a = v->d->articles[it->article];
	pos.key = state_key(a->src, a->src_len);
	pos.section = view_local_section(v, v->cur);
	pos.para = view_top_para(v);
	u->saved_item = v->cur;
	if (state_save(u->state_dir, &pos, &err) != 0) {
		u->state_failed = true;
		snprintf(v->note, sizeof v->note, "reading position not saved: %s", err.msg);
	}
}

/* Open where the user left off: the most recently read of the articles given. */
static void restore_state(struct ui *u)
{
	struct view *v = &u->v;
	long best = -1;
	struct state_pos best_pos = {0};
	size_t best_article = 0;

	for (size_t a = 0; a < v->d->narticles; a++) {
		const struct article *art = v->d->articles[a];
		struct state_pos pos;
		long rank = state_load(u->state_dir, state_key(art->src, art->src_len), &pos);

		if (rank >= 0 && (best < 0 || rank < best)) {
			best = rank;
			best_pos = pos;
			best_article = a;
		}
	}
	if (best < 0)
		return;
	for (size_t i = 0; i < v->nitems; i++) {
		if (v->items[i].article != best_article || v->items[i].kind == VIEW_ITEM_TITLE)
			continue;
		if (view_local_section(v, i) == best_pos.section) {
			view_open(v, i);
			view_goto_para(v, best_pos.para);
			break;
		}
	}
}

static void close_term(struct ui *u)
{
	drop_win(&u->top);
	drop_win(&u->status);
	drop_win(&u->sp);
	drop_win(&u->body);
	if (ui_active) {
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
	u->scr = newterm(NULL, u->out, u->in);
	if (!u->scr) {
		fclose(u->in);
		fclose(u->out);
		u->in = u->out = NULL;
		return err_set(err, "unknown terminal type TERM=%s; use --print to print sections", term);
	}
	set_term(u->scr);
	ui_active = true;
	util_set_fatal_hook(fatal_restore);
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	typeahead(-1);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
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

static void handle_mouse(struct view *v)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		view_wheel(v, ev.y, ev.x, -1);
	else if (ev.bstate & BUTTON5_PRESSED)
		view_wheel(v, ev.y, ev.x, 1);
	else if (ev.bstate & BUTTON1_PRESSED)
		view_click(v, ev.y, ev.x);
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
	setup_look(&u, opts);
	view_init(&u.v, d, opts, COLS, LINES);
	if (!opts->no_state) {
		u.state_dir = state_dir(getenv("XDG_STATE_HOME"), getenv("HOME"));
		if (u.state_dir && opts->start_section == 0)
			restore_state(&u);
	}
	u.saved_item = u.v.cur;

	while (!u.v.done && !ui_signal) {
		wint_t ch = 0;
		int r;
		char buf[16];
		const char *name;

		draw(&u);
		errno = 0;
		r = wget_wch(stdscr, &ch);
		if (ui_signal)
			break;
		if (r == ERR) {
			/* A signal we do not handle (SIGCONT, SIGCHLD) interrupts the read;
			 * anything else is a terminal that went away: leave, do not spin. */
			if (errno == EINTR && ++errs < 100)
				continue;
			u.v.done = true;
			u.v.result.outcome = UI_QUIT;
			break;
		}
		errs = 0;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			view_resize(&u.v, COLS, LINES);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			handle_mouse(&u.v);
			continue;
		}
		name = key_to_name(r, ch, buf, sizeof buf);
		if (u.v.prompt)
			view_prompt_key(&u.v, name);
		else
			view_do(&u.v, actions_lookup(name), name);
		if (u.v.cur != u.saved_item)
			save_state(&u);
	}
	save_state(&u);
	*res = u.v.result;
	close_term(&u);
	view_free(&u.v);
	free(u.state_dir);
	if (ui_signal) {
		int sig = ui_signal;

		signal(sig, SIG_DFL);
		exit(128 + sig);
	}
	return 0;
}
