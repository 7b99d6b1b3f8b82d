/* output.h: the text and JSON forms of sections, shared by `fayan --print`
 * and the browser's print action. Built on the same layout as the reader. */
#ifndef FAYAN_OUTPUT_H
#define FAYAN_OUTPUT_H

#include "fayan/doc.h"
#include "fayan/layout.h"
#include "fayan/util.h"

/* The form of what the command line prints (--format). */
enum output_format {
	OUTPUT_TEXT,
	OUTPUT_TSV,
	OUTPUT_JSON,
};

/* Append section `s` as text: topic line (if any), headline line, byline line,
 * a blank line, then the paragraphs separated by blank lines, each line ending
 * in LF. width <= 0 puts each paragraph on one line. */
void output_section_text(struct buf *out, const struct section *s, int width);

/* The functions above and below, with the text set in style `st` (NULL: the
 * document's own text, wrapped as the functions without _as do). */
void output_section_text_as(struct buf *out, const struct section *s, int width, const struct layout_style *st);
void output_intro_text_as(struct buf *out, const struct article *a, int width, const struct layout_style *st);
void output_intros_text_as(struct buf *out, const struct doc *d, int width, const struct layout_style *st);
void output_sections_as(struct buf *out, struct section *const *secs, size_t n, enum output_format fmt, bool array,
			int width, const struct layout_style *st);

/* Append article `a`'s title and intro paragraphs as text, like output_section_text. */
void output_intro_text(struct buf *out, const struct article *a, int width);

/* Append section `s` as one JSON object (no trailing newline). */
void output_section_json(struct buf *out, const struct section *s);

/* Append s[0..len) (valid UTF-8) as a JSON string literal, escaped. */
void output_json_string(struct buf *out, const char *s, size_t len);

/* Append `"key":` and val as a JSON string (null if val is NULL), after a
 * comma if `comma`. */
void output_json_field(struct buf *out, const char *key, const char *val, bool comma);

/* Append the title and intro of every article of d as text, a blank line
 * between articles (what --print intro prints). */
void output_intros_text(struct buf *out, const struct doc *d, int width);

/* Append secs[0..n) as --print prints them: as text (any fmt but JSON), a
 * blank line between sections; as JSON, the sections' objects, in an array
 * if `array` (else n should be 1), and a newline. */
void output_sections(struct buf *out, struct section *const *secs, size_t n, enum output_format fmt, bool array,
		     int width);

#endif
