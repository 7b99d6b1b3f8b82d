/* status.h: what the status line and the title line say, as strings cut to
 * the terminal's width: what to say, not how to paint it, so that tests can
 * read it without a terminal. */
#ifndef FAYAN_STATUS_H
#define FAYAN_STATUS_H

#include "fayan/util.h"
#include "fayan/view.h"

/* The status line's text for the view's mode, sanitized and cut to fit
 * before the hint at its right end; *hint gets that hint ("? help", "Esc",
 * "q close"; ASCII, so its length is its width), shown only from 24 columns.
 * Returns a malloc'd string. */
char *status_line(struct view *v, const char **hint);

/* The title line's text ("fayan: help" or the article's title), cut to the width. Returns a malloc'd string. */
char *status_title(const struct view *v);

/* Append `label` and the text typed at a prompt, the end that fits in `cols`
 * columns shown (what was typed last), then a '_' for the cursor. */
void status_add_prompt(struct buf *b, const char *label, const char *text, int cols);

#endif
