/* help.h: the help screen's lines, made from the binding tables of every mode
 * (actions.h), so that the help cannot leave out a key. No curses: the
 * terminal side paints these lines. */
#ifndef FAYAN_HELP_H
#define FAYAN_HELP_H

#include <stdbool.h>
#include <stddef.h>

struct help_line {
	char *text; /* laid out to fit the width, never wider */
	bool heading;
};

struct help {
	struct help_line *lines;
	size_t n;
	size_t top; /* the first line shown */
};

/* Lay out the help for `width` columns: per mode a heading, then each action
 * bound in it with its keys ("Space, PgDn, C-f  One page down"). */
void help_build(struct help *h, int width);

/* Scroll by `delta` lines within [0, n - rows]. */
void help_scroll(struct help *h, long delta, size_t rows);

void help_free(struct help *h);

#endif
