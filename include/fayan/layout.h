/* layout.h: lays a section out into lines of a given width, shared by the
 * browser's reader pane and by `--print --width`. Layout measures; drawing
 * (in the UI) only prints the lines it is given. */
#ifndef FAYAN_LAYOUT_H
#define FAYAN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/doc.h"

/* What a laid-out line shows: a line of one of the section's fields (the
 * same values as enum section_field), or a blank line between them. */
enum layout_kind {
	LAYOUT_TOPIC = FIELD_TOPIC,       /* a line of the section's topic line */
	LAYOUT_HEADLINE = FIELD_HEADLINE, /* a line of the headline */
	LAYOUT_BYLINE = FIELD_BYLINE,     /* a line of the byline */
	LAYOUT_PARA = FIELD_PARA,         /* a line of a paragraph */
	LAYOUT_BLANK,                     /* an empty line between blocks */
};

/* One laid-out line: bytes [off, off+len) of `text`, `cols` wide. For LAYOUT_PARA,
 * `para` is the paragraph's index and `lead_len` how many of the line's bytes
 * belong to the paragraph's lead sentence (to emphasise). */
struct layout_line {
	enum layout_kind kind;
	const char *text;
	size_t off;
	size_t len;
	int cols;
	size_t para;     /* paragraph index for LAYOUT_PARA; for others, the next paragraph */
	size_t lead_len;
	bool note;       /* a line of a paragraph that is not speech (enum para_kind): shown dimmed */
};

struct layout {
	int width;
	struct layout_line *lines;
	size_t nlines;
	size_t *para_first; /* index of the first line of each paragraph */
	size_t npara;
};

/* Lay out section `s` to `width` columns (width <= 0: one line per paragraph,
 * unwrapped). The layout points into the section's strings. Free with layout_free.
 * Lines: topic, headline and byline (each only when non-empty), one blank line
 * if any of those was laid out, then the paragraphs with one blank line between
 * them and none at the end. */
void layout_section(struct layout *lo, const struct section *s, int width);

/* Lay out an article's kicker, title and subtitle (each only when present)
 * and its intro paragraphs. */
void layout_intro(struct layout *lo, const struct article *a, int width);

/* Lay out a list of paragraphs (the intro) with an optional title line. */
void layout_paras(struct layout *lo, const char *title, const struct para *paras, size_t npara, int width);

void layout_free(struct layout *lo);

/* The line index at which paragraph `para` starts (clamped to the layout). */
size_t layout_line_of_para(const struct layout *lo, size_t para);

/* The paragraph shown at line `line`. */
size_t layout_para_of_line(const struct layout *lo, size_t line);

#endif
