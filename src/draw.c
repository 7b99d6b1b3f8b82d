/* draw.c: painting strings into curses windows, and the look (colours or,
 * without them, bold and reverse video). Never relies on ncurses wrapping:
 * every string is cut to its cell budget by the text layer first. */
#include <stdlib.h>
#include <string.h>

#include "fayan/draw.h"
#include "fayan/text.h"
#include "fayan/util.h"

/* ncurses decides how many cells a character takes, in its picture of the
 * screen and so in where it moves the cursor, with the C library's
 * wcwidth(), which counts ambiguous characters (“ ” — … ·) as one column
 * whatever the locale. fayan defines wcwidth() and wcswidth() itself, as
 * the text layer counts (text_char_wcwidth): linked statically (-static-pie)
 * these are the only definitions, libc.a's wcwidth.o is never pulled in;
 * linked dynamically (STATIC_BIN=no, the sanitizers, fayan-dyn for
 * valgrind), the executable's definitions come first in symbol lookup and
 * libncursesw.so's calls bind to them. With ambiguous characters counted
 * wide, ncurses then keeps each in two cells and positions everything after
 * it as a wide-ambiguous terminal does; counted narrow, the answers are
 * libunistring's for UTF-8, which are glibc's for every character of the
 * articles (where the two tables differ, ncurses now agrees with the layout
 * instead of with glibc), so the output is what it was. The other way,
 * compensating in the output (a cursor move after each ambiguous character),
 * would fight ncurses' own optimiser, which believes the cursor is one column
 * further left. */
int wcwidth(wchar_t c)
{
	return text_char_wcwidth((uint32_t)c);
}

int wcswidth(const wchar_t *s, size_t n)
{
	int cols = 0;

	for (size_t i = 0; i < n && s[i]; i++) {
		int w = wcwidth(s[i]);

		if (w < 0)
			return -1;
		cols += w;
	}
	return cols;
}

int draw_text(WINDOW *w, int y, int x, const char *s, size_t len, int cols, attr_t attr, short pair)
{
	int used = 0;
	size_t n;

	if (cols <= 0 || len == 0)
		return 0;
	wchar_t small[256], *ws = small;
	size_t nw = 0;

	n = text_prefix_cols(s, len, cols, &used);
	/* A cluster wider than the whole room (an emoji ZWJ sequence in a narrow
	 * pane, alone on its line) would leave nothing: an ellipsis says
	 * something is there. */
	if (n == 0) {
		s = "\xE2\x80\xA6";
		len = strlen(s);
		n = text_prefix_cols(s, len, cols, &used);
	}
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

void draw_fill(WINDOW *w, int y, int x, attr_t attr, short pair)
{
	int maxx = getmaxx(w);
	cchar_t blank;

	if (x >= maxx)
		return;
	setcchar(&blank, L" ", attr, pair, NULL);
	mvwhline_set(w, y, x, &blank, maxx - x);
}

WINDOW *draw_window(WINDOW **w, int h, int wd, int y, int x)
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

void draw_drop(WINDOW **w)
{
	if (*w) {
		delwin(*w);
		*w = NULL;
	}
}

void draw_look_init(struct draw_look *l, enum ui_color color)
{
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
	l->note = A_DIM;
	l->hit = A_REVERSE;
	l->cur_hit = A_REVERSE | A_UNDERLINE | A_BOLD;
	l->color = color != UI_COLOR_NEVER && !(nc && nc[0]) && has_colors();
	if (!l->color)
		return;
	if (start_color() != OK) {
		l->color = false;
		return;
	}
	{
		short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;
		short fg = bg == -1 ? -1 : COLOR_WHITE;

		init_pair(DRAW_PAIR_HEADLINE, COLOR_RED, bg);
		init_pair(DRAW_PAIR_BYLINE, COLOR_CYAN, bg);
		init_pair(DRAW_PAIR_TOPIC, COLOR_MAGENTA, bg);
		init_pair(DRAW_PAIR_PLACE, COLOR_CYAN, bg);
		init_pair(DRAW_PAIR_BAR, fg, bg);
		init_pair(DRAW_PAIR_HIT, COLOR_BLACK, COLOR_YELLOW);
	}
	l->hit = A_NORMAL;
	l->cur_hit = A_UNDERLINE | A_BOLD;
	l->hit_pair = DRAW_PAIR_HIT;
	l->headline_pair = DRAW_PAIR_HEADLINE;
	l->byline_pair = DRAW_PAIR_BYLINE;
	l->topic_pair = DRAW_PAIR_TOPIC;
	l->place_pair = DRAW_PAIR_PLACE;
	l->bar_pair = 0;
}
