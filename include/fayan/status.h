/* status.h: what the status line and the title line say, as strings cut to
 * the terminal's width: what to say, not how to paint it, so that tests can
 * read it without a terminal. */
#ifndef FAYAN_STATUS_H
#define FAYAN_STATUS_H

#include "fayan/util.h"
#include "fayan/view.h"

/* The status line's text for the view's mode, sanitized and cut to fit
 * before the hint at its right end; *hint gets that hint ("? help", "Esc",
 * "q close", or their translation), shown only from 24 columns.
 * Returns a malloc'd string. */
char *status_line(struct view *v, const char **hint);

/* Append "12 hits in 3 sections", in the interface's language. */
void status_add_hits(struct buf *b, size_t hits, size_t sections);

/* The columns a status line of `cols` leaves for its text beside `hint`
 * (measured by display width: a translated hint may hold hanzi). */
int status_room(int cols, const char *hint);

/* The title line's text ("fayan: help" or the article's title), cut to the width. Returns a malloc'd string. */
char *status_title(const struct view *v);

/* Append `label` and the text typed at a prompt, the end that fits in `cols`
 * columns shown (what was typed last), then a '_' for the cursor. */
void status_add_prompt(struct buf *b, const char *label, const char *text, int cols);

#endif
