/* layout.h: lays a section out into lines of a given width, shared by the
 * browser's reader pane and by `--print --width`. Layout measures; drawing
 * (in the UI) only prints the lines it is given. */
#ifndef FAYAN_LAYOUT_H
#define FAYAN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* The byte that a line's `map` gives for a byte that the layout added (an
 * indent, a space that fills a line): it shows nothing of the document. */
#define LAYOUT_ADDED UINT32_MAX

/* One laid-out line: bytes [off, off+len) of `text`, the document's own (what
 * search, hits, copying and the reading position use), `cols` wide as shown.
 * What is shown is those bytes themselves when `disp` is NULL, else
 * disp[0..disp_len): the same text with its punctuation widened, an indent or
 * a filling space added; map[i] is the offset in `text` of the byte that
 * disp[i] shows, or LAYOUT_ADDED. For LAYOUT_PARA, `para` is the paragraph's
 * index and `lead_len` how many of the line's bytes (of `text`) belong to the
 * paragraph's lead sentence (to emphasise). */
struct layout_line {
	enum layout_kind kind;
	const char *text;
	size_t off;
	size_t len;
	int cols;
	const char *disp;
	size_t disp_len;
	const uint32_t *map;
	size_t dpos;     /* where disp starts in the layout's display text (SIZE_MAX: no disp) */
	bool hang;       /* the line's last character hangs past the measure */
	size_t para;     /* paragraph index for LAYOUT_PARA; for others, the next paragraph */
	size_t lead_len;
	bool note;       /* a line of a paragraph that is not speech (enum para_kind): shown dimmed */
};

/* How punctuation is shown: as the document has it, or full-width where
 * Chinese text surrounds it (punct_widen). */
enum layout_punct {
	LAYOUT_PUNCT_AS_PRINTED,
	LAYOUT_PUNCT_CJK,
};

/* How a layout sets text; all false/AS_PRINTED is the document's own text
 * wrapped as text_wrap wraps it. */
struct layout_style {
	enum layout_punct punct;
	bool full;   /* paragraphs on the character grid: every line but the last
		      * fills the measure (width - 2, even), closing marks hang
		      * into the two columns past it (text_fill) */
	bool indent; /* each paragraph opens with two ideographic spaces, with no
		      * blank line between paragraphs */
};

struct layout {
	int width;
	int measure;        /* columns a full paragraph line fills */
	struct layout_style style;
	char *disp;         /* the display text the lines' disp point into */
	uint32_t *map;
	size_t disp_len, disp_cap, map_cap;
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

/* The same, set in style `st` (NULL: as layout_section and the others do). */
void layout_section_as(struct layout *lo, const struct section *s, int width, const struct layout_style *st);
void layout_intro_as(struct layout *lo, const struct article *a, int width, const struct layout_style *st);
void layout_paras_as(struct layout *lo, const char *title, const struct para *paras, size_t npara, int width,
		     const struct layout_style *st);

void layout_free(struct layout *lo);

/* The line index at which paragraph `para` starts (clamped to the layout). */
size_t layout_line_of_para(const struct layout *lo, size_t para);

/* The paragraph shown at line `line`. */
size_t layout_para_of_line(const struct layout *lo, size_t line);

#endif
