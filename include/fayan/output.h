/* output.h: the text and JSON forms of sections, shared by `fayan --print`
 * and the browser's print action. Built on the same layout as the reader. */
#ifndef FAYAN_OUTPUT_H
#define FAYAN_OUTPUT_H

#include "fayan/doc.h"
#include "fayan/util.h"

/* Append section `s` as text: topic line (if any), headline line, byline line,
 * a blank line, then the paragraphs separated by blank lines, each line ending
 * in LF. width <= 0 puts each paragraph on one line. */
void output_section_text(struct buf *out, const struct section *s, int width);

/* Append article `a`'s title and intro paragraphs as text, like output_section_text. */
void output_intro_text(struct buf *out, const struct article *a, int width);

/* Append section `s` as one JSON object (no trailing newline). */
void output_section_json(struct buf *out, const struct section *s);

/* Append s[0..len) (valid UTF-8) as a JSON string literal, escaped. */
void output_json_string(struct buf *out, const char *s, size_t len);

/* Append `"key":` and val as a JSON string (null if val is NULL), after a
 * comma if `comma`. */
void output_json_field(struct buf *out, const char *key, const char *val, bool comma);

/* The form of what the command line prints (--format). */
enum output_format {
	OUTPUT_TEXT,
	OUTPUT_TSV,
	OUTPUT_JSON,
};

#endif
