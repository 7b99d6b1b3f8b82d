/* layout.c: turns a section (or the intro) into lines of a given width. The
 * reader pane and `--print --width` both draw from this, so what the user sees
 * in the browser and what a script gets are the same lines. Lines point into
 * the section's strings; in a style other than the document's own, each line
 * also gets the text it shows, with a map back to the document's bytes, so
 * that everything that works on the document (search, hits, copying, the
 * reading position) never sees what display added. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/cjk.h"
#include "fayan/layout.h"
#include "fayan/punct.h"
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
	l->disp = NULL;
	l->disp_len = 0;
	l->map = NULL;
	l->dpos = SIZE_MAX;
	l->hang = false;
}

/* The indent of a paragraph in an indented layout: two ideographic spaces. */
static const char indent_text[] = "\u3000\u3000";
enum { INDENT_COLS = 4 };

/* Whether paragraphs open with the indent: where a line holds it and a
 * two-column character after it (or lines have no width), so that no line
 * is wider than the width for an indent alone (paragraphs still run on
 * without blank lines). */
static bool indent_shown(const struct layout *lo)
{
	return lo->style.indent && (lo->width <= 0 || lo->measure >= INDENT_COLS + 2);
}

/* Append s[0..n) to the layout's display text, its bytes showing the
 * document's bytes from `from` on (LAYOUT_ADDED: none); with `one`, all of
 * them show the byte at `from` (a widened mark shows its ASCII one). */
static void add_disp(struct builder *b, const char *s, size_t n, uint32_t from, bool one)
{
	struct layout *lo = b->lo;

	lo->disp = xgrow(lo->disp, &lo->disp_cap, lo->disp_len + n + 1, 1);
	lo->map = xgrow(lo->map, &lo->map_cap, lo->disp_len + n + 1, sizeof *lo->map);
	memcpy(lo->disp + lo->disp_len, s, n);
	for (size_t i = 0; i < n; i++)
		lo->map[lo->disp_len + i] = from == LAYOUT_ADDED || one ? from : from + (uint32_t)i;
	lo->disp_len += n;
}

/* The shown text of one block: the document's, or with its punctuation widened. */
struct shown {
	const char *s;
	size_t len;
	uint32_t *map; /* NULL: s is the document's text */
};

/* The document offset that byte i of the shown text shows. */
static size_t doc_off(const struct shown *sh, size_t i)
{
	return sh->map ? sh->map[i] : i;
}

/* Whether byte i of the shown text starts a widened mark. */
static bool widened(const struct shown *sh, size_t i)
{
	return sh->map && i + 2 < sh->len && sh->map[i] == sh->map[i + 2];
}

/* Add the line tl of a block shown as `sh` (text[0..len) in the document),
 * with the indent if `indent`. */
static void push_shown(struct builder *b, enum layout_kind kind, const char *text, size_t len, const struct shown *sh,
		       const struct text_line *tl, bool indent, size_t para, size_t lead)
{
	size_t off, end, l = 0;
	size_t dpos = b->lo->disp_len;
	struct layout_line *ln;
	int cols = tl->cols;

	if (indent) {
		add_disp(b, indent_text, sizeof indent_text - 1, LAYOUT_ADDED, false);
		cols += INDENT_COLS;
	}
	for (size_t i = tl->off, stop = tl->off + tl->len; i < stop;) {
		size_t j = i;

		if (tl->pad && i == tl->pad_off)
			add_disp(b, " ", 1, LAYOUT_ADDED, false);
		if (widened(sh, i)) {
			add_disp(b, sh->s + i, 3, (uint32_t)doc_off(sh, i), true);
			i += 3;
			continue;
		}
		/* A run of bytes that show consecutive document bytes, in one go. */
		while (j < stop && (j == i || !tl->pad || j != tl->pad_off) && !widened(sh, j)) {
			uint32_t c;

			j += cjk_char_at(sh->s, sh->len, j, &c);
		}
		add_disp(b, sh->s + i, j - i, (uint32_t)doc_off(sh, i), false);
		i = j;
	}
	if (tl->pad && tl->pad_off == tl->off + tl->len)
		add_disp(b, " ", 1, LAYOUT_ADDED, false);
	off = tl->off < sh->len ? doc_off(sh, tl->off) : len;
	end = tl->len ? doc_off(sh, tl->off + tl->len - 1) + 1 : off;
	if (lead > off)
		l = lead - off < end - off ? lead - off : end - off;
	push(b, kind, text, off, end - off, cols, para, l);
	ln = &b->lo->lines[b->lo->nlines - 1];
	ln->dpos = dpos;
	ln->disp_len = b->lo->disp_len - dpos;
	ln->hang = tl->hang;
}

/* Lay text[0..len) out in the layout's style; see add_block. */
static size_t add_styled(struct builder *b, enum layout_kind kind, const char *text, size_t len, size_t para,
			 size_t lead)
{
	const struct layout *lo = b->lo;
	const struct layout_style *st = &lo->style;
	bool para_kind = kind == LAYOUT_PARA;
	bool indent = para_kind && indent_shown(lo);
	struct shown sh = { text, len, NULL };
	struct text_line *tl, one;
	size_t n;
	char *wide = NULL;

	if (st->punct == LAYOUT_PUNCT_CJK)
		wide = punct_widen(text, len, &sh.len, &sh.map);
	if (wide)
		sh.s = wide;
	if (lo->width <= 0) {
		one = (struct text_line){ .off = 0, .len = sh.len, .cols = text_cols(sh.s, sh.len) };
		tl = &one;
		n = 1;
	} else if (para_kind) {
		struct text_fill f = {
			.measure = lo->measure,
			.first_cols = indent ? INDENT_COLS : 0,
			.hang = st->full && lo->measure < lo->width,
			.pad = st->full,
		};

		n = text_fill(sh.s, sh.len, &f, &tl);
	} else {
		n = text_wrap(sh.s, sh.len, lo->width, &tl);
	}
	for (size_t i = 0; i < n; i++)
		push_shown(b, kind, text, len, &sh, &tl[i], i == 0 && indent, para, lead);
	if (tl != &one)
		free(tl);
	free(wide);
	free(sh.map);
	return n;
}

/* Add the lines of text[0..len) of one block; lead bytes from its start are
 * reported per line. Returns how many lines were added. */
static size_t add_block(struct builder *b, enum layout_kind kind, const char *text, size_t len,
			size_t para, size_t lead)
{
	const struct layout_style *st = &b->lo->style;
	struct text_line *tl;
	size_t n;

	if (st->punct != LAYOUT_PUNCT_AS_PRINTED || (kind == LAYOUT_PARA && (st->full || st->indent)))
		return add_styled(b, kind, text, len, para, lead);
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
		if (i > 0 && !lo->style.indent)
			push(b, LAYOUT_BLANK, "", 0, 0, 0, i, 0);
		lo->para_first[i] = lo->nlines;
		add_block(b, LAYOUT_PARA, paras[i].text, paras[i].len, i, paras[i].lead_len);
		/* A credit, a caption or a question: shown apart from the speech. */
		for (size_t k = lo->para_first[i]; paras[i].kind != PARA_TEXT && k < lo->nlines; k++)
			lo->lines[k].note = true;
	}
}

static void layout_start(struct builder *b, struct layout *lo, int width, const struct layout_style *st)
{
	memset(lo, 0, sizeof *lo);
	lo->width = width;
	lo->measure = width;
	if (st)
		lo->style = *st;
	/* Full lines keep two columns for a hanging mark and an even measure,
	 * so that the lines of two-column characters all end at one column. */
	if (lo->style.full && width >= 6)
		lo->measure = (width - 2) & ~1;
	b->lo = lo;
	b->cap = 0;
}

/* Point the lines' disp and map into the display text, now that it no longer moves. */
static void layout_finish(struct layout *lo)
{
	for (size_t i = 0; i < lo->nlines; i++) {
		struct layout_line *l = &lo->lines[i];

		if (l->dpos != SIZE_MAX) {
			l->disp = lo->disp + l->dpos;
			l->map = lo->map + l->dpos;
		}
	}
}

/* Lay out section `s` to `width` columns: topic, headline and byline (each only
 * when non-empty), a blank line, then the paragraphs separated by blank lines. */
void layout_section(struct layout *lo, const struct section *s, int width)
{
	layout_section_as(lo, s, width, NULL);
}

/* layout_section in style `st`. */
void layout_section_as(struct layout *lo, const struct section *s, int width, const struct layout_style *st)
{
	struct builder b;
	bool header = false;

	layout_start(&b, lo, width, st);
	header |= add_header(&b, LAYOUT_TOPIC, s->topic);
	header |= add_header(&b, LAYOUT_HEADLINE, s->headline);
	header |= add_header(&b, LAYOUT_BYLINE, s->speaker.byline);
	add_paras(&b, header, s->paras, s->npara);
	layout_finish(lo);
}

/* Lay out intro paragraphs to `width` columns under an optional title (a
 * LAYOUT_HEADLINE line, omitted when NULL or ""). */
void layout_paras(struct layout *lo, const char *title, const struct para *paras, size_t npara, int width)
{
	layout_paras_as(lo, title, paras, npara, width, NULL);
}

/* layout_paras in style `st`. */
void layout_paras_as(struct layout *lo, const char *title, const struct para *paras, size_t npara, int width,
		     const struct layout_style *st)
{
	struct builder b;
	bool header = false;

	layout_start(&b, lo, width, st);
	header |= add_header(&b, LAYOUT_HEADLINE, title);
	add_paras(&b, header, paras, npara);
	layout_finish(lo);
}

/* Lay out an article's front: the kicker over the title and the subtitle
 * under it (LAYOUT_TOPIC lines), the title (LAYOUT_HEADLINE), then the intro
 * paragraphs. */
void layout_intro(struct layout *lo, const struct article *a, int width)
{
	layout_intro_as(lo, a, width, NULL);
}

/* layout_intro in style `st`. */
void layout_intro_as(struct layout *lo, const struct article *a, int width, const struct layout_style *st)
{
	struct builder b;
	bool header = false;

	layout_start(&b, lo, width, st);
	header |= add_header(&b, LAYOUT_TOPIC, a->kicker);
	header |= add_header(&b, LAYOUT_HEADLINE, a->title);
	header |= add_header(&b, LAYOUT_TOPIC, a->subtitle);
	add_paras(&b, header, a->intro, a->nintro);
	layout_finish(lo);
}

/* Free the arrays of a layout (not the strings it points into). */
void layout_free(struct layout *lo)
{
	free(lo->lines);
	free(lo->para_first);
	free(lo->disp);
	free(lo->map);
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
