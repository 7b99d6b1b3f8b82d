/* view_geom.h: where the panes go on a terminal of a given size: the speaker
 * pane, the reader and the text inside it, the title and status lines. It is
 * a function of the size and the toggles alone, so that every rule about it
 * holds without a terminal. Units: rows and cols are terminal cells. */
#ifndef FAYAN_VIEW_GEOM_H
#define FAYAN_VIEW_GEOM_H

#include <stdbool.h>

/* Below this many columns one pane is shown at a time. */
#define VIEW_SIDE_BY_SIDE_COLS 72
/* Smallest terminal the browser draws in; smaller shows one line saying so. */
#define VIEW_MIN_COLS 20
#define VIEW_MIN_LINES 6

enum view_focus {
	VIEW_FOCUS_READER,
	VIEW_FOCUS_SPEAKERS,
};

/* Where the panes are, computed from the terminal size and the toggles. */
struct view_geom {
	int cols, lines;
	bool too_small;
	bool show_speakers, show_reader;
	int sp_x, sp_w;     /* speaker pane (sp_w includes its separator column) */
	int rd_x, rd_w;     /* reader window, full terminal width when alone */
	int text_x, text_w; /* the text inside the reader window */
	int body_rows;      /* rows between the top line and the status line */
	/* Full-width reading (z) has no title line: the status line goes on top
	 * and the text runs to the bottom row, so that ncurses scrolls it with a
	 * delete-line at its top instead of setting a scroll region each time. */
	bool title_line;    /* a title line on row 0 */
	int body_y;         /* the first row of the panes */
	int status_y;       /* the status line's row */
};

/* Fill g for a cols x lines terminal: the speaker pane hidden (z) or not, the
 * help shown or not, and `focus`, the pane shown when only one fits. */
void view_geom_compute(struct view_geom *g, int cols, int lines, bool hide_speakers, bool help,
		       enum view_focus focus);

/* The width in columns the item read is laid out at: the reader's text
 * width, even when only the speaker pane shows. */
int view_geom_reader_width(const struct view_geom *g);

#endif
