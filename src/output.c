/* output.c: sections as text and JSON. Text goes through the same layout as
 * the reader pane, so `--print --width N` shows exactly the lines the browser
 * would show in a pane N columns wide. */
#include <stdlib.h>
#include <string.h>

#include "fayan/layout.h"
#include "fayan/output.h"
#include "fayan/text.h"

/* Append every line of a layout, each ending in LF. */
static void add_layout(struct buf *out, const struct layout *lo)
{
	for (size_t i = 0; i < lo->nlines; i++) {
		const struct layout_line *l = &lo->lines[i];

		if (l->kind != LAYOUT_BLANK)
			buf_add(out, l->text + l->off, l->len);
		buf_addc(out, '\n');
	}
}

void output_section_text(struct buf *out, const struct section *s, int width)
{
	struct layout lo;

	layout_section(&lo, s, width);
	add_layout(out, &lo);
	layout_free(&lo);
}

void output_intro_text(struct buf *out, const struct article *a, int width)
{
	struct layout lo;

	layout_paras(&lo, a->title, a->intro, a->nintro, width);
	add_layout(out, &lo);
	layout_free(&lo);
	if (a->editor) {
		buf_addc(out, '\n');
		buf_adds(out, a->editor);
		buf_addc(out, '\n');
	}
}

/* Append s[0..len) as a JSON string; strings in the model are valid UTF-8. */
void output_json_string(struct buf *out, const char *s, size_t len)
{
	buf_addc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			buf_addc(out, '\\');
			buf_addc(out, (char)c);
		} else if (c == '\n') {
			buf_adds(out, "\\n");
		} else if (c == '\t') {
			buf_adds(out, "\\t");
		} else if (c < 0x20 || c == 0x7F) {
			buf_printf(out, "\\u%04x", c);
		} else {
			buf_addc(out, (char)c);
		}
	}
	buf_addc(out, '"');
}

static void add_json_field(struct buf *out, const char *key, const char *val, bool comma)
{
	buf_printf(out, "%s\"%s\":", comma ? "," : "", key);
	if (val)
		output_json_string(out, val, strlen(val));
	else
		buf_adds(out, "null");
}

void output_section_json(struct buf *out, const struct section *s)
{
	const struct speaker *sp = &s->speaker;

	buf_printf(out, "{\"number\":%zu", s->number);
	add_json_field(out, "article", s->article ? s->article->name : NULL, true);
	add_json_field(out, "topic", s->topic, true);
	add_json_field(out, "headline", s->headline, true);
	buf_adds(out, ",\"speaker\":{");
	add_json_field(out, "byline", sp->byline, false);
	add_json_field(out, "place", sp->place, true);
	add_json_field(out, "title", sp->title, true);
	add_json_field(out, "name", sp->name, true);
	buf_adds(out, "},\"paragraphs\":[");
	for (size_t i = 0; i < s->npara; i++) {
		if (i)
			buf_addc(out, ',');
		output_json_string(out, s->paras[i].text, s->paras[i].len);
	}
	buf_adds(out, "]}");
}

/* Append a TSV field: tabs and newlines cannot occur in model strings. */
static void add_tsv(struct buf *out, const char *s, bool last)
{
	buf_adds(out, s ? s : "");
	buf_addc(out, last ? '\n' : '\t');
}

/* The place and the title as one string, into pt (emptied first). */
static void set_place_title(struct buf *pt, const struct speaker *sp)
{
	pt->len = 0;
	buf_adds(pt, sp->place);
	buf_adds(pt, sp->title);
}

/* Copy s[0..n) to p; the end of the copy. */
static char *put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* n spaces at p (none if n <= 0); the end. */
static char *put_spaces(char *p, int n)
{
	if (n <= 0)
		return p;
	memset(p, ' ', (size_t)n);
	return p + n;
}

/* Append the table's line for s: its number in wnum columns, its name
 * padded with pad_name spaces, place and title (title may be NULL) padded
 * with pad_place, its headline and, if hits is not NULL, the hit count;
 * without trailing blanks, and cut to `width` columns if width > 0. The
 * line is written in one piece, with copies only: a call per field made
 * up most of the time of a list of 66,000 lines. */
static void add_row(struct buf *out, const struct section *s, int wnum, int pad_name, const char *place,
		    const char *title, int pad_place, const size_t *hits, int width)
{
	size_t nl = strlen(s->speaker.name), pl = strlen(place), tl = title ? strlen(title) : 0;
	size_t hl = strlen(s->headline);
	size_t most = 24 + (size_t)(wnum > 0 ? wnum : 0) + 2 + nl + (size_t)(pad_name > 0 ? pad_name : 0) + 2 +
		      pl + tl + (size_t)(pad_place > 0 ? pad_place : 0) + 2 + hl + 40;
	char *start = buf_reserve(out, most), *p = start;

	p = util_put_decimal(p, s->number, wnum);
	p = put(p, "  ", 2);
	p = put(p, s->speaker.name, nl);
	p = put_spaces(p, pad_name);
	p = put(p, "  ", 2);
	p = put(p, place, pl);
	p = put(p, title ? title : "", tl);
	p = put_spaces(p, pad_place);
	p = put(p, "  ", 2);
	p = put(p, s->headline, hl);
	if (hits) {
		p = put(p, "  (", 3);
		p = util_put_decimal(p, *hits, 0);
		p = *hits == 1 ? put(p, " hit)", 5) : put(p, " hits)", 6);
	}
	while (p > start && p[-1] == ' ')
		p--;
	*p = '\0';
	if (width > 0 && text_cols(start, (size_t)(p - start)) > width) {
		/* Its "…" may take more bytes than what it replaces. */
		char *cut = text_truncate(start, (size_t)(p - start), width);
		size_t n = strlen(cut);

		start = buf_reserve(out, n + 1); /* the same line, perhaps moved */
		memcpy(start, cut, n);
		p = start + n;
		free(cut);
	}
	*p++ = '\n';
	buf_commit(out, (size_t)(p - start));
}

/* Whether the list shows s, and its hits (0 without a pick). */
static bool listed(const struct section *s, output_pick *pick, size_t *hits)
{
	*hits = 0;
	return !pick || pick(s, hits);
}

/* The columns of row s: its name, its place and title (built in pt, if
 * want_pt or they were not measured when stripped) and its headline. */
static void row_cols(const struct section *s, struct buf *pt, bool want_pt, int *name, int *place, int *head)
{
	if (want_pt || !s->cols_known)
		set_place_title(pt, &s->speaker);
	if (s->cols_known) {
		*name = s->name_cols;
		*place = s->place_cols;
		*head = s->headline_cols;
		return;
	}
	*name = text_cols(s->speaker.name, strlen(s->speaker.name));
	*place = text_cols(pt->data, pt->len);
	*head = text_cols(s->headline, strlen(s->headline));
}

size_t output_list(struct buf *out, struct section *const *secs, size_t n, output_pick *pick,
		   enum output_format fmt, int width)
{
	int wnum = 1, wname = 0, wplace = 0, wtail = 0;
	size_t hits, shown = 0;

	if (fmt == OUTPUT_JSON) {
		buf_addc(out, '[');
		for (size_t i = 0; i < n; i++) {
			const struct section *s = secs[i];

			if (!listed(s, pick, &hits))
				continue;
			buf_printf(out, "%s{\"number\":%zu", shown++ ? "," : "", s->number);
			add_json_field(out, "name", s->speaker.name, true);
			add_json_field(out, "place", s->speaker.place, true);
			add_json_field(out, "title", s->speaker.title, true);
			add_json_field(out, "headline", s->headline, true);
			add_json_field(out, "article", s->article ? s->article->name : NULL, true);
			if (pick)
				buf_printf(out, ",\"hits\":%zu", hits);
			buf_addc(out, '}');
		}
		buf_adds(out, "]\n");
		return shown;
	}
	if (fmt == OUTPUT_TSV) {
		for (size_t i = 0; i < n; i++) {
			const struct section *s = secs[i];

			if (!listed(s, pick, &hits))
				continue;
			shown++;
			buf_printf(out, "%zu\t", s->number);
			add_tsv(out, s->speaker.name, false);
			add_tsv(out, s->speaker.place, false);
			add_tsv(out, s->speaker.title, false);
			add_tsv(out, s->headline, false);
			add_tsv(out, s->article ? s->article->name : "", !pick);
			if (pick)
				buf_printf(out, "%zu\n", hits);
		}
		return shown;
	}
	/* A line per section of an archive: each row's widths are found once
	 * (when its article was stripped, if it was; else twice), the
	 * place-and-title is built in a buffer reused from row to row where it
	 * must be measured or cut, and each line is written in one piece
	 * (add_row). No array per row: over a large archive its fresh pages
	 * cost more than the rows. */
	struct buf pt;

	buf_init(&pt);
	for (size_t i = 0; i < n; i++) {
		const struct section *s = secs[i];
		int name, place, w;

		if (i + 8 < n)
			__builtin_prefetch(secs[i + 8]);
		if (!listed(s, pick, &hits))
			continue;
		for (size_t k = s->number, d = 1; k >= 10; k /= 10)
			if (++d > (size_t)wnum)
				wnum = (int)d;
		row_cols(s, &pt, false, &name, &place, &w);
		if (name > wname)
			wname = name;
		if (place > wplace)
			wplace = place;
		w += pick ? 12 : 0;
		if (w > wtail)
			wtail = w;
	}
	/* Too narrow for the whole table: the place column gives way first, so
	 * that every line keeps the start of its headline. */
	int avail = width - (wnum + 2 + wname + 2) - 2;

	if (width > 0 && wplace + 2 + wtail > avail + 2 && avail > 0) {
		int keep = avail * 2 / 5;

		if (keep < 6)
			keep = avail < 6 ? avail : 6;
		if (keep < wplace)
			wplace = keep;
	}
	for (size_t i = 0; i < n; i++) {
		const struct section *s = secs[i];
		int name, pw, head;

		/* The rows ahead, before their turn: going over 66,000 of them,
		 * the time went to waiting on memory for each one's strings. */
		if (i + 8 < n)
			__builtin_prefetch(secs[i + 8]);
		if (i + 4 < n) {
			__builtin_prefetch(secs[i + 4]->speaker.name);
			__builtin_prefetch(secs[i + 4]->headline);
		}
		if (!listed(s, pick, &hits))
			continue;
		shown++;
		row_cols(s, &pt, s->place_cols > wplace, &name, &pw, &head);
		if (pw > wplace) {
			char *cut = text_truncate(pt.data, pt.len, wplace);

			pw = text_cols(cut, strlen(cut));
			add_row(out, s, wnum, wname - name, cut, NULL, wplace - pw, pick ? &hits : NULL, width);
			free(cut);
		} else {
			add_row(out, s, wnum, wname - name, s->speaker.place, s->speaker.title, wplace - pw,
				pick ? &hits : NULL, width);
		}
	}
	buf_free(&pt);
	return shown;
}
