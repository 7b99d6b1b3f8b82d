/* spans.h: which bytes of each laid-out line are hits of the search or the
 * theme, worked out once per layout and filter, so that painting a line only
 * looks its spans up. No curses. Units: `a`/`b` are bytes of the line. */
#ifndef FAYAN_SPANS_H
#define FAYAN_SPANS_H

#include <stddef.h>
#include <stdint.h>

#include "fayan/filter.h"
#include "fayan/layout.h"

/* Bytes [a, b) of a line that hit number `hit` of the section covers. */
struct span {
	uint32_t a, b;
	uint32_t hit;
};

struct spans {
	struct span *v;  /* every line's spans, line after line */
	size_t n, cap;
	size_t *first;   /* line i's spans are v[first[i]..first[i + 1]) */
	size_t nlines, first_cap;
};

/* Work out the spans of every hit of fs on every line of lo. */
void spans_build(struct spans *sp, const struct layout *lo, const struct filter_section *fs);

/* The spans of line `line`; *n gets their count (0 for a line past the layout). */
const struct span *spans_of_line(const struct spans *sp, size_t line, size_t *n);

/* How byte `off` of a line with spans s[0..n) shows: 0 plain, 1 in a hit, 2 in hit `cur`. */
unsigned spans_mark(const struct span *s, size_t n, size_t off, size_t cur);

void spans_free(struct spans *sp);

#endif
