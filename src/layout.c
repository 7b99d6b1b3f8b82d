/* layout.c: turns a section (or the intro) into lines of a given width. The
 * reader pane and `--print --width` both draw from this, so what the user sees
 * in the browser and what a script gets are the same lines. Lines point into
 * the section's strings; nothing is copied. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/layout.h"
#include "fayan/text.h"
#include "fayan/util.h"

struct builder {
	struct layout *lo;
	size_t cap;
};

static void push(struct builder *b, enum layout_kind kind, const char *text, size_t off,
		 size_t len, int cols, size_t para, size_t lead_len)
{
	struct layout *lo = b->lo;
	struct layout_line *l;

	lo->lines = xgrow(lo->lines, &b->cap, lo->nlines + 1, sizeof *lo->lines);
	l = &lo->lines[lo->nlines++];
	l->kind = kind;
	l->text = text;
	l->off = off;
	l->len = len;
	l->cols = cols;
	l->para = para;
	l->lead_len = lead_len;
	l->note = false;
}

/* Add the lines of text[0..len) of one block; lead bytes from its start are
 * reported per line. Returns how many lines were added. */
static size_t add_block(struct builder *b, enum layout_kind kind, const char *text, size_t len,
			size_t para, size_t lead)
{
	struct text_line *tl;
	size_t n;

	if (b->lo->width <= 0) {
		push(b, kind, text, 0, len, text_cols(text, len), para, lead < len ? lead : len);
		return 1;
	}
	n = text_wrap(text, len, b->lo->width, &tl);
	for (size_t i = 0; i < n; i++) {
		size_t l = 0;

		if (lead > tl[i].off)
			l = lead - tl[i].off < tl[i].len ? lead - tl[i].off : tl[i].len;
		push(b, kind, text, tl[i].off, tl[i].len, tl[i].cols, para, l);
	}
	free(tl);
	return n;
}

/* Whether a header string is worth a line. */
static bool present(const char *s)
{
	return s && *s;
}

/* Lay out header line s as `kind` if it is worth a line; whether it was. */
static bool add_header(struct builder *b, enum layout_kind kind, const char *s)
{
	if (!present(s))
		return false;
	add_block(b, kind, s, strlen(s), 0, 0);
	return true;
}

/* Lay out the paragraphs after whatever header lines are already in the layout:
 * a blank line after the header (if any), then each paragraph, blank-separated. */
static void add_paras(struct builder *b, bool header, const struct para *paras, size_t npara)
{
	struct layout *lo = b->lo;

	lo->npara = npara;
	lo->para_first = xcalloc(npara ? npara : 1, sizeof *lo->para_first);
	if (header && npara > 0)
		push(b, LAYOUT_BLANK, "", 0, 0, 0, 0, 0);
	for (size_t i = 0; i < npara; i++) {
		if (i > 0)
			push(b, LAYOUT_BLANK, "", 0, 0, 0, i, 0);
		lo->para_first[i] = lo->nlines;
		add_block(b, LAYOUT_PARA, paras[i].text, paras[i].len, i, paras[i].lead_len);
		/* A credit, a caption or a question: shown apart from the speech. */
		for (size_t k = lo->para_first[i]; paras[i].kind != PARA_TEXT && k < lo->nlines; k++)
			lo->lines[k].note = true;
	}
}

static void layout_start(struct builder *b, struct layout *lo, int width)
{
	memset(lo, 0, sizeof *lo);
	lo->width = width;
	b->lo = lo;
	b->cap = 0;
}

/* Lay out section `s` to `width` columns: topic, headline and byline (each only
 * when non-empty), a blank line, then the paragraphs separated by blank lines. */
void layout_section(struct layout *lo, const struct section *s, int width)
{
	struct builder b;
	bool header = false;

	layout_start(&b, lo, width);
	header |= add_header(&b, LAYOUT_TOPIC, s->topic);
	header |= add_header(&b, LAYOUT_HEADLINE, s->headline);
	header |= add_header(&b, LAYOUT_BYLINE, s->speaker.byline);
	add_paras(&b, header, s->paras, s->npara);
}

/* Lay out intro paragraphs to `width` columns under an optional title (a
 * LAYOUT_HEADLINE line, omitted when NULL or ""). */
void layout_paras(struct layout *lo, const char *title, const struct para *paras, size_t npara, int width)
{
	struct builder b;
	bool header = false;

	layout_start(&b, lo, width);
	header |= add_header(&b, LAYOUT_HEADLINE, title);
	add_paras(&b, header, paras, npara);
}

/* Lay out an article's front: the kicker over the title and the subtitle
 * under it (LAYOUT_TOPIC lines), the title (LAYOUT_HEADLINE), then the intro
 * paragraphs. */
void layout_intro(struct layout *lo, const struct article *a, int width)
{
	struct builder b;
	bool header = false;

	layout_start(&b, lo, width);
	header |= add_header(&b, LAYOUT_TOPIC, a->kicker);
	header |= add_header(&b, LAYOUT_HEADLINE, a->title);
	header |= add_header(&b, LAYOUT_TOPIC, a->subtitle);
	add_paras(&b, header, a->intro, a->nintro);
}

/* Free the arrays of a layout (not the strings it points into). */
void layout_free(struct layout *lo)
{
	free(lo->lines);
	free(lo->para_first);
	memset(lo, 0, sizeof *lo);
}

/* Return the index of the first line of paragraph `para`, clamped to the last
 * paragraph; 0 when there are no paragraphs. */
size_t layout_line_of_para(const struct layout *lo, size_t para)
{
	if (lo->npara == 0)
		return 0;
	if (para >= lo->npara)
		para = lo->npara - 1;
	return lo->para_first[para];
}

/* Return the paragraph shown at line `line` (clamped to the layout); header
 * lines give 0 and a blank line between paragraphs gives the one after it. */
size_t layout_para_of_line(const struct layout *lo, size_t line)
{
	size_t p;

	if (lo->nlines == 0 || lo->npara == 0)
		return 0;
	if (line >= lo->nlines)
		line = lo->nlines - 1;
	p = lo->lines[line].para;
	return p < lo->npara ? p : lo->npara - 1;
}
