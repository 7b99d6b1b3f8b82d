/* screen.h: the screen painted from the view's state. A terminal file (<curses.h>). */
#ifndef FAYAN_SCREEN_H
#define FAYAN_SCREEN_H

#include <stddef.h>

#include <curses.h>

#include "fayan/draw.h"
#include "fayan/view.h"

/* The panes' windows (subwindows of stdscr) and what painting keeps between frames. */
struct screen_state {
	WINDOW *top, *status, *sp, *body, *pick;
	struct draw_look look;
	int name_cols;     /* widest speaker name up to 8 columns */
	size_t name_items; /* the items measured for it */
};

/* Paint the whole screen from the view's state and send it with one doupdate. */
void screen_paint(struct screen_state *s, struct view *v);

/* Delete the windows. */
void screen_free(struct screen_state *s);

#endif
