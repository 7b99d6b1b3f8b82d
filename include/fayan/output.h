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

#endif
