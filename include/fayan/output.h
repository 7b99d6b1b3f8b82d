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

enum output_format {
	OUTPUT_TEXT,
	OUTPUT_TSV,
	OUTPUT_JSON,
};

/* Which sections a list shows: whether s is listed and, when a filter
 * chose it, its hit count in *hits. */
typedef bool output_pick(const struct section *s, size_t *hits);

/* Append the list of the sections of secs[0..n) that `pick` lists (all of
 * them if pick is NULL): one line each with number, name, place and title,
 * headline, and with a pick the section's hit count. Text is an aligned
 * table; when width > 0 each line is cut to `width` columns. TSV has those
 * fields (number, name, place, title, headline, article, hits)
 * tab-separated; JSON is an array of objects. Returns how many were listed. */
size_t output_list(struct buf *out, struct section *const *secs, size_t n, output_pick *pick,
		   enum output_format fmt, int width);

#endif
