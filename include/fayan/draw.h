/* draw.h: strings painted into curses windows within a cell budget, the
 * panes' windows, and the look. A terminal file (<curses.h>). */
#ifndef FAYAN_DRAW_H
#define FAYAN_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "fayan/ui.h"

enum {
	DRAW_PAIR_HEADLINE = 1,
	DRAW_PAIR_BYLINE,
	DRAW_PAIR_TOPIC,
	DRAW_PAIR_PLACE,
	DRAW_PAIR_BAR,
	DRAW_PAIR_HIT,
};

struct draw_look {
	bool color;
	attr_t headline, byline, topic, place, bar, cur, sel, lead, title_row;
	attr_t note; /* a credit, caption or question printed with the speech */
	attr_t hit, cur_hit; /* a hit of the search or theme, and the one n/N went to */
	short headline_pair, byline_pair, topic_pair, place_pair, bar_pair, hit_pair;
};

/* Choose the look: colours where the terminal has them and neither --color=never nor NO_COLOR says no. */
void draw_look_init(struct draw_look *l, enum ui_color color);

/* Write s[0..len) at (y, x) in at most `cols` cells, cut at a grapheme boundary; returns the cells used. */
int draw_text(WINDOW *w, int y, int x, const char *s, size_t len, int cols, attr_t attr, short pair);

/* Fill row y of w from column x to the end with spaces in attr. */
void draw_fill(WINDOW *w, int y, int x, attr_t attr, short pair);

/* Make *w a window of the given rectangle, reusing it when it already is one; NULL if curses cannot. */
WINDOW *draw_window(WINDOW **w, int h, int wd, int y, int x);

/* Delete *w if it is a window. */
void draw_drop(WINDOW **w);

#endif
