/* report.c: the command line's reports on a collection: --list, --check
 * and --themes, each written whole into a buffer (text, TSV or JSON where
 * the option allows it). Built on the model and the output forms alone, so
 * that the reports are unit-tested without running fayan. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/i18n.h"
#include "fayan/report.h"
#include "fayan/text.h"

/* Append fmt, whose only conversions are two of size_t, "%zu" in turn or
 * "%1$zu" and "%2$zu" (a translation may swap them), with a and b: without
 * printf, for a line per section. msgfmt --check holds translations to the
 * conversions of their message. */
static void add_counts(struct buf *out, const char *fmt, size_t a, size_t b)
{
	const size_t v[2] = { a, b };
	size_t next = 0;

	for (const char *p = fmt; *p;) {
		const char *pc = strchr(p, '%');
		size_t k;

		if (!pc) {
			buf_adds(out, p);
			break;
		}
		buf_add(out, p, (size_t)(pc - p));
		p = pc + 1;
		if (*p == '%') {
			buf_addc(out, '%');
			p++;
			continue;
		}
		k = next++;
		if ((*p == '1' || *p == '2') && p[1] == '$') {
			k = (size_t)(*p - '1');
			p += 2;
		}
		if (p[0] == 'z' && p[1] == 'u')
			p += 2;
		buf_addu(out, v[k < 2 ? k : 1], 0);
	}
}

/* The words of --check, each looked up once for the whole report. */
struct check_words {
	const char *head, *encoding, *kicker, *title, *subtitle, *layout, *editor, *trailer, *warning, *empty;
	const char *none_found;
	struct i18n_plural sections, intro, breaks, line;
	const char *layout_name[8], *layout_said[8]; /* the layouts met so far, translated */
};

/* The layout's words translated, once per layout. */
static const char *layout_said(struct check_words *w, const char *name)
{
	size_t i = 0;

	while (i < 8 && w->layout_name[i] && w->layout_name[i] != name)
		i++;
	if (i == 8)
		return _(name);
	if (!w->layout_name[i]) {
		w->layout_name[i] = name;
		w->layout_said[i] = _(name);
	}
	return w->layout_said[i];
}

size_t report_check(struct buf *out, const struct doc *d)
{
	struct check_words w = {
		/* TRANSLATORS: --check's first line for each file: its name,
		 * then "10 sections", "2 intro paragraphs", "20 page breaks rejoined". */
		.head = _("%s: %s, %s, %s\n"),
		.encoding = _("  encoding: %s (not UTF-8)\n"),
		.kicker = _("  kicker: %s\n"),
		.title = _("  title: %s\n"),
		.subtitle = _("  subtitle: %s\n"),
		.layout = _("  layout: %s\n"),
		.editor = _("  editor: %s\n"),
		.trailer = _("  trailer: %s\n"),
		.warning = _("  warning: %s\n"),
		.empty = _("  no sections: %s\n"),
		.none_found = _("none found"),
		.sections = I18N_PLURAL("%zu section", "%zu sections"),
		.intro = I18N_PLURAL("%zu intro paragraph", "%zu intro paragraphs"),
		.breaks = I18N_PLURAL("%zu page break rejoined", "%zu page breaks rejoined"),
		/* TRANSLATORS: after a section in --check: its first line and how many paragraphs it has. */
		.line = I18N_PLURAL("(line %zu, %zu paragraph)", "(line %zu, %zu paragraphs)"),
	};

	for (size_t i = 0; i < d->narticles; i++) {
		const struct article *a = d->articles[i];
		char secs[64], intro[64], breaks[64];

		snprintf(secs, sizeof secs, i18n_plural(&w.sections, a->nsections), a->nsections);
		snprintf(intro, sizeof intro, i18n_plural(&w.intro, a->nintro), a->nintro);
		snprintf(breaks, sizeof breaks, i18n_plural(&w.breaks, a->rejoined), a->rejoined);
		buf_printf(out, w.head, a->name, secs, intro, breaks);
		if (a->encoding)
			buf_printf(out, w.encoding, a->encoding);
		if (a->kicker)
			buf_printf(out, w.kicker, a->kicker);
		if (*a->title)
			buf_printf(out, w.title, a->title);
		if (a->subtitle)
			buf_printf(out, w.subtitle, a->subtitle);
		if (a->layout)
			buf_printf(out, w.layout, layout_said(&w, a->layout));
		for (size_t k = 0; k < a->nsections; k++) {
			const struct section *s = &a->sections[k];

			/* "  %zu. %s | %s | %s | %s (line %zu, %zu paragraph%s)\n",
			 * without printf: a line per section of the archive. */
			buf_adds(out, "  ");
			buf_addu(out, s->number, 0);
			buf_adds(out, ". ");
			buf_adds(out, s->speaker.name);
			buf_adds(out, " | ");
			buf_adds(out, s->speaker.place);
			buf_adds(out, " | ");
			buf_adds(out, s->speaker.title);
			buf_adds(out, " | ");
			buf_adds(out, *s->headline ? s->headline : "-");
			buf_addc(out, ' ');
			add_counts(out, i18n_plural(&w.line, s->npara), s->line, s->npara);
			buf_addc(out, '\n');
		}
		if (a->editor)
			buf_printf(out, w.editor, a->editor);
		if (a->trailer)
			buf_printf(out, w.trailer, a->trailer);
		for (size_t k = 0; k < a->nwarnings; k++)
			buf_printf(out, w.warning, a->warnings[k]);
		if (!a->nsections)
			buf_printf(out, w.empty, a->why_empty ? a->why_empty : w.none_found);
	}
	return d->nsections;
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
 * with pad_place, its headline and, if hits is not NULL, the hit count
 * and its unit ("(15 hits)");
 * without trailing blanks, and cut to `width` columns if width > 0. The
 * line is written in one piece, with copies only: a call per field made
 * up most of the time of a list of 66,000 lines. */
static void add_row(struct buf *out, const struct section *s, int wnum, int pad_name, const char *place,
		    const char *title, int pad_place, const size_t *hits, const char *unit, int width)
{
	size_t nl = strlen(s->speaker.name), pl = strlen(place), tl = title ? strlen(title) : 0;
	size_t hl = strlen(s->headline);
	size_t most = 24 + (size_t)(wnum > 0 ? wnum : 0) + 2 + nl + (size_t)(pad_name > 0 ? pad_name : 0) + 2 +
		      pl + tl + (size_t)(pad_place > 0 ? pad_place : 0) + 2 + hl + 40 + (hits ? strlen(unit) : 0);
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
		p = put(p, " ", 1);
		p = put(p, unit, strlen(unit));
		p = put(p, ")", 1);
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
static bool listed(const struct section *s, report_pick *pick, const void *ctx, size_t *hits)
{
	*hits = 0;
	return !pick || pick(s, hits, ctx);
}

/* One section's columns (struct report_cols). */
struct report_row {
	uint16_t name, place, headline;
};

/* Where the rows of the last article asked about are (struct report_cols):
 * the rows of an article come one after another. */
struct row_look {
	const struct report_cols *cols;
	const struct article *a;
	const struct report_row *rows;
};

/* The columns of row s: its name, its place and title (built in pt if
 * they were not measured as read, or are wider than `cut`) and its headline. */
static void row_cols(const struct section *s, struct row_look *lk, struct buf *pt, int cut, int *name, int *place,
		     int *head)
{
	const struct report_row *r = NULL;

	if (lk->cols && s->article) {
		if (s->article != lk->a) {
			lk->a = s->article;
			lk->rows = idmap_get(&lk->cols->map, s->article->id);
		}
		r = lk->rows ? lk->rows + (s - s->article->sections) : NULL;
	}
	if (!r || r->place > cut)
		set_place_title(pt, &s->speaker);
	if (r) {
		*name = r->name;
		*place = r->place;
		*head = r->headline;
		return;
	}
	*name = text_cols(s->speaker.name, strlen(s->speaker.name));
	*place = text_cols(pt->data, pt->len);
	*head = text_cols(s->headline, strlen(s->headline));
}

/* Column counts fit 16 bits: a string of at most this many bytes is at
 * most twice as many columns. */
#define ROW_MAX_BYTES (UINT16_MAX / 2)

static void measure_article(struct article *a, unsigned thread, void *ctx)
{
	struct report_cols *rc = ctx;
	struct report_row *v = NULL;

	if (rc->next)
		rc->next(a, thread, rc->next_ctx);
	if (a->nsections)
		v = xmalloc(a->nsections * sizeof *v);
	for (size_t i = 0; i < a->nsections; i++) {
		const struct section *s = &a->sections[i];
		const struct speaker *sp = &s->speaker;
		size_t name = strlen(sp->name), place = strlen(sp->place), title = strlen(sp->title);
		size_t head = strlen(s->headline);

		if (name > ROW_MAX_BYTES || place + title > ROW_MAX_BYTES || head > ROW_MAX_BYTES) {
			free(v); /* not measured: report_list measures them itself */
			return;
		}
		v[i].name = (uint16_t)text_cols(sp->name, name);
		v[i].place = (uint16_t)(text_cols(sp->place, place) + text_cols(sp->title, title));
		v[i].headline = (uint16_t)text_cols(s->headline, head);
	}
	if (v)
		idmap_put(&rc->map, thread, a->id, v);
}

void report_cols_reading(struct report_cols *rc, struct doc_opts *opts, unsigned threads)
{
	idmap_init(&rc->map, threads);
	rc->next = opts->parsed;
	rc->next_ctx = opts->ctx;
	opts->parsed = measure_article;
	opts->ctx = rc;
}

void report_cols_gather(struct report_cols *rc)
{
	idmap_gather(&rc->map);
}

void report_cols_free(struct report_cols *rc)
{
	idmap_free(&rc->map);
}

size_t report_list(struct buf *out, struct section *const *secs, size_t n, report_pick *pick, const void *pick_ctx,
		   const struct report_cols *cols, enum output_format fmt, int width)
{
	int wnum = 1, wname = 0, wplace = 0, wtail = 0;
	size_t hits, shown = 0;

	if (fmt == OUTPUT_JSON) {
		buf_addc(out, '[');
		for (size_t i = 0; i < n; i++) {
			const struct section *s = secs[i];

			if (!listed(s, pick, pick_ctx, &hits))
				continue;
			buf_printf(out, "%s{\"number\":%zu", shown++ ? "," : "", s->number);
			output_json_field(out, "name", s->speaker.name, true);
			output_json_field(out, "place", s->speaker.place, true);
			output_json_field(out, "title", s->speaker.title, true);
			output_json_field(out, "headline", s->headline, true);
			output_json_field(out, "article", s->article ? s->article->name : NULL, true);
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

			if (!listed(s, pick, pick_ctx, &hits))
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
	struct row_look lk = {.cols = cols};
	/* TRANSLATORS: after a count in --list: "(15 hits)". */
	struct i18n_plural unit = I18N_PLURAL("hit", "hits");

	buf_init(&pt);
	for (size_t i = 0; i < n; i++) {
		const struct section *s = secs[i];
		int name, place, w;

		if (i + 8 < n)
			__builtin_prefetch(secs[i + 8]);
		if (!listed(s, pick, pick_ctx, &hits))
			continue;
		for (size_t k = s->number, d = 1; k >= 10; k /= 10)
			if (++d > (size_t)wnum)
				wnum = (int)d;
		row_cols(s, &lk, &pt, INT_MAX, &name, &place, &w);
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

		/* The rows ahead, before their turn: sections and their strings
		 * lie scattered over the heap, and a row waits on memory for
		 * each of them otherwise. */
		if (i + 8 < n)
			__builtin_prefetch(secs[i + 8]);
		if (i + 4 < n) {
			__builtin_prefetch(secs[i + 4]->speaker.name);
			__builtin_prefetch(secs[i + 4]->headline);
		}
		if (!listed(s, pick, pick_ctx, &hits))
			continue;
		shown++;
		row_cols(s, &lk, &pt, wplace, &name, &pw, &head);
		if (pw > wplace) {
			char *cut = text_truncate(pt.data, pt.len, wplace);

			pw = text_cols(cut, strlen(cut));
			add_row(out, s, wnum, wname - name, cut, NULL, wplace - pw, pick ? &hits : NULL,
				pick ? i18n_plural(&unit, hits) : NULL, width);
			free(cut);
		} else {
			add_row(out, s, wnum, wname - name, s->speaker.place, s->speaker.title, wplace - pw,
				pick ? &hits : NULL, pick ? i18n_plural(&unit, hits) : NULL, width);
		}
	}
	buf_free(&pt);
	return shown;
}

void report_themes(struct buf *out, const struct themes *t, const size_t *nsec, const size_t *nhit,
		   enum output_format fmt)
{
	int wname = 0;

	for (size_t i = 0; i < t->n; i++) {
		int w = text_cols(t->v[i].name, strlen(t->v[i].name));

		if (w > wname)
			wname = w;
	}
	if (fmt == OUTPUT_JSON)
		buf_addc(out, '[');
	for (size_t i = 0; i < t->n; i++) {
		const struct theme *th = &t->v[i];

		if (fmt == OUTPUT_JSON) {
			buf_adds(out, i ? ",{\"name\":" : "{\"name\":");
			output_json_string(out, th->name, strlen(th->name));
			buf_printf(out, ",\"sections\":%zu,\"hits\":%zu,\"terms\":[", nsec[i], nhit[i]);
			for (size_t k = 0; k < th->nterms; k++) {
				if (k)
					buf_addc(out, ',');
				output_json_string(out, th->terms[k], strlen(th->terms[k]));
			}
			buf_adds(out, "]}");
		} else if (fmt == OUTPUT_TSV) {
			buf_printf(out, "%s\t%zu\t%zu\n", th->name, nsec[i], nhit[i]);
		} else {
			text_add_padded(out, th->name, wname);
			buf_adds(out, "  ");
			buf_printf(out, ngettext("%3zu section ", "%3zu sections", nsec[i]), nsec[i]);
			buf_adds(out, "  ");
			buf_printf(out, ngettext("%4zu hit", "%4zu hits", nhit[i]), nhit[i]);
			buf_addc(out, '\n');
		}
	}
	if (fmt == OUTPUT_JSON)
		buf_adds(out, "]\n");
}
