/* view_geom.c: the panes' places on the terminal. Side by side from
 * VIEW_SIDE_BY_SIDE_COLS columns, else one pane at a time; the reader keeps a
 * margin on each side when it has room for one. */
#include <string.h>

#include "fayan/view_geom.h"

void view_geom_compute(struct view_geom *g, int cols, int lines, bool hide_speakers, bool help,
		       enum view_focus focus)
{
	bool wide = cols >= VIEW_SIDE_BY_SIDE_COLS;

	memset(g, 0, sizeof *g);
	g->cols = cols;
	g->lines = lines;
	g->too_small = cols < VIEW_MIN_COLS || lines < VIEW_MIN_LINES;
	g->title_line = !(hide_speakers && !help);
	g->body_y = 1;
	if (g->title_line) {
		g->body_rows = lines > 2 ? lines - 2 : 1;
		g->status_y = lines > 1 ? lines - 1 : 0;
	} else {
		g->body_rows = lines > 1 ? lines - 1 : 1;
		g->status_y = 0;
	}
	if (wide && !hide_speakers) {
		g->show_speakers = g->show_reader = true;
		g->sp_w = cols >= 100 ? 30 : 25; /* includes the separator column */
		g->rd_x = g->sp_w;
		g->rd_w = cols - g->sp_w;
	} else if (!hide_speakers && focus == VIEW_FOCUS_SPEAKERS) {
		g->show_speakers = true;
		g->sp_w = cols;
	} else {
		g->show_reader = true;
		g->rd_w = cols;
	}
	/* A margin on each side when there is room for it. */
	if (g->rd_w >= 30) {
		g->text_x = g->rd_x + 1;
		g->text_w = g->rd_w - 2;
	} else {
		g->text_x = g->rd_x;
		g->text_w = g->rd_w;
	}
	if (g->text_w < 1)
		g->text_w = 1;
}

int view_geom_reader_width(const struct view_geom *g)
{
	if (g->show_reader)
		return g->text_w;
	return g->cols >= 30 ? g->cols - 2 : g->cols;
}
