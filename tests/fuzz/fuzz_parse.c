/* fuzz_parse.c: the parser and everything printed from its model. The input
 * is an article, added once as given and once with --force; the width for
 * layout and printing is taken from the input's length and last byte, so the
 * seed articles stay intact as a corpus. Properties: a failed add leaves the
 * collection as it was and explains itself in one clean line; the model keeps
 * its promises (valid UTF-8, no controls, numbering, pieces that map back to
 * the source); layouts fit the width; and no output form (text, JSON, lists,
 * --check) carries a control byte or invalid UTF-8. */
#include <string.h>

#include "fayan/doc.h"
#include "fayan/layout.h"
#include "fayan/output.h"
#include "fayan/report.h"
#include "fayan/select.h"
#include "fayan/text.h"
#include "fayan/util.h"
#include "fuzz.h"

/* A model string: valid UTF-8 without controls or LF. NULL only if allowed. */
static void check_str(const char *s, int may_be_null)
{
	size_t len;

	if (!s) {
		FUZZ_ASSERT(may_be_null);
		return;
	}
	len = strlen(s);
	FUZZ_ASSERT(text_check_utf8(s, len) == len);
	FUZZ_ASSERT(!text_has_controls(s, len));
	FUZZ_ASSERT(memchr(s, '\n', len) == NULL);
}

/* Output bytes: valid UTF-8, no control but LF (and TAB where `tabs`). */
static void check_out(const struct buf *b, int tabs)
{
	FUZZ_ASSERT(strlen(b->data ? b->data : "") == b->len);
	FUZZ_ASSERT(text_check_utf8(b->data ? b->data : "", b->len) == b->len);
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->data[i];

		if (c == '\t' && tabs)
			continue;
		FUZZ_ASSERT(!((c < 0x20 && c != '\n') || c == 0x7F));
		FUZZ_ASSERT(!(c == 0xC2 && i + 1 < b->len && (unsigned char)b->data[i + 1] < 0xA0));
	}
}

static void check_paras(const struct article *a, const struct para *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t end = 0;

		check_str(p[i].text, 0);
		FUZZ_ASSERT(strlen(p[i].text) == p[i].len);
		FUZZ_ASSERT(p[i].lead_len <= p[i].len);
		FUZZ_ASSERT(p[i].lead_len == 0 || ((unsigned char)p[i].text[p[i].lead_len] & 0xC0) != 0x80);
		for (size_t k = 0; k < p[i].npieces; k++) {
			const struct piece *pc = &p[i].pieces[k];

			FUZZ_ASSERT(pc->text_off >= end && pc->text_off <= p[i].len &&
				    pc->len <= p[i].len - pc->text_off);
			FUZZ_ASSERT(pc->src_off <= a->src_len && pc->len <= a->src_len - pc->src_off);
			FUZZ_ASSERT(memcmp(p[i].text + pc->text_off, a->src + pc->src_off, pc->len) == 0);
			end = pc->text_off + pc->len;
		}
	}
}

static void check_layout(const struct layout *lo, int width, size_t npara)
{
	FUZZ_ASSERT(lo->npara == npara);
	for (size_t i = 0; i < lo->nlines; i++) {
		const struct layout_line *l = &lo->lines[i];
		size_t tlen = strlen(l->text);

		FUZZ_ASSERT(l->off <= tlen && l->len <= tlen - l->off);
		FUZZ_ASSERT(l->cols == text_cols(l->text + l->off, l->len));
		FUZZ_ASSERT(l->lead_len <= l->len);
		if (width > 0 && l->cols > width)
			FUZZ_ASSERT(text_grapheme_len(l->text + l->off, l->len) == l->len);
		if (l->kind == LAYOUT_PARA)
			FUZZ_ASSERT(l->para < npara);
		FUZZ_ASSERT(layout_para_of_line(lo, i) < (npara ? npara : 1));
	}
	for (size_t p = 0; p < npara; p++) {
		size_t first = layout_line_of_para(lo, p);

		FUZZ_ASSERT(first < lo->nlines);
		FUZZ_ASSERT(lo->lines[first].kind == LAYOUT_PARA && lo->lines[first].para == p);
		FUZZ_ASSERT(p == 0 || first > layout_line_of_para(lo, p - 1));
	}
}

/* Check a layout in a typeset style: what each line shows is as wide as it
 * says and leads back only into the line's own bytes of the document. */
static void check_styled(const struct layout *lo, size_t npara)
{
	FUZZ_ASSERT(lo->npara == npara);
	for (size_t i = 0; i < lo->nlines; i++) {
		const struct layout_line *l = &lo->lines[i];
		size_t tlen = strlen(l->text);

		FUZZ_ASSERT(l->off <= tlen && l->len <= tlen - l->off);
		FUZZ_ASSERT(l->lead_len <= l->len);
		if (!l->disp)
			continue;
		FUZZ_ASSERT(l->cols == text_cols(l->disp, l->disp_len));
		for (size_t k = 0; k < l->disp_len; k++)
			FUZZ_ASSERT(l->map[k] == LAYOUT_ADDED || (l->map[k] >= l->off && l->map[k] < l->off + l->len));
	}
}

/* Walk a whole collection: model, layouts and every output form. */
/* A filter's choice for report_list: two sections in three, with hits. */
static bool pick_some(const struct section *s, size_t *hits, const void *ctx)
{
	(void)ctx;
	*hits = s->number * 7919;
	return s->number % 3 != 0;
}

static void check_doc(const struct doc *d, int width)
{
	size_t total = 0;
	struct buf out;

	for (size_t i = 0; i < d->narticles; i++) {
		const struct article *a = d->articles[i];

		check_str(a->name, 0);
		check_str(a->title, 0);
		check_str(a->editor, 1);
		check_str(a->trailer, 1);
		check_str(a->why_empty, 1);
		for (size_t k = 0; k < a->nwarnings; k++)
			check_str(a->warnings[k], 0);
		check_paras(a, a->intro, a->nintro);
		for (size_t k = 0; k < a->nsections; k++) {
			const struct section *s = &a->sections[k];

			FUZZ_ASSERT(s->article == a);
			FUZZ_ASSERT(total + k < d->nsections && d->sections[total + k] == s);
			FUZZ_ASSERT(s->src_off <= a->src_len && s->line >= 1);
		}
		total += a->nsections;

		struct layout lo;

		layout_paras(&lo, a->title, a->intro, a->nintro, width);
		check_layout(&lo, width, a->nintro);
		layout_free(&lo);
		buf_init(&out);
		output_intro_text(&out, a, width);
		check_out(&out, 0);
		buf_free(&out);
	}
	FUZZ_ASSERT(total == d->nsections);
	for (size_t i = 0; i < d->nsections; i++) {
		const struct section *s = d->sections[i];
		struct layout lo;

		FUZZ_ASSERT(s->number == i + 1);
		check_str(s->topic, 1);
		check_str(s->headline, 0);
		check_str(s->speaker.byline, 0);
		check_str(s->speaker.place, 0);
		check_str(s->speaker.title, 0);
		check_str(s->speaker.name, 0);
		check_paras(s->article, s->paras, s->npara);

		layout_section(&lo, s, width);
		check_layout(&lo, width, s->npara);
		layout_free(&lo);
		{
			struct layout_style st = {.punct = LAYOUT_PUNCT_CJK, .full = true, .indent = width % 2};

			layout_section_as(&lo, s, width, &st);
			check_styled(&lo, s->npara);
			layout_free(&lo);
		}
		buf_init(&out);
		output_section_text(&out, s, width);
		check_out(&out, 0);
		buf_free(&out);
		buf_init(&out);
		output_section_json(&out, s);
		check_out(&out, 0);
		buf_free(&out);
	}
	for (int form = 0; form < 6; form++) {
		enum output_format fmt = (enum output_format)(form % 3);
		report_pick *pick = form >= 3 ? pick_some : NULL;
		size_t want = 0;

		for (size_t i = 0; i < d->nsections; i++) {
			size_t hits;

			want += !pick || pick(d->sections[i], &hits, NULL);
		}
		buf_init(&out);
		FUZZ_ASSERT(report_list(&out, d->sections, d->nsections, pick, NULL, NULL, fmt, width) == want);
		check_out(&out, fmt == OUTPUT_TSV);
		if (fmt == OUTPUT_TSV) { /* six or seven fields a line: no TAB inside one */
			size_t tabs = 0, lines = 0;

			for (size_t k = 0; k < out.len; k++) {
				tabs += out.data[k] == '\t';
				lines += out.data[k] == '\n';
			}
			FUZZ_ASSERT(lines == want && tabs == (pick ? 6 : 5) * lines);
		}
		if (fmt == OUTPUT_TEXT && width > 0) {
			size_t start = 0;

			for (size_t k = 0; k < out.len; k++) {
				if (out.data[k] != '\n')
					continue;
				FUZZ_ASSERT(text_cols(out.data + start, k - start) <= width);
				start = k + 1;
			}
		}
		buf_free(&out);
	}
	buf_init(&out);
	FUZZ_ASSERT(report_check(&out, d) == d->nsections);
	check_out(&out, 0);
	buf_free(&out);

	/* Selecting by the first speaker's name, by number and `all`. */
	if (d->nsections) {
		struct selection sel;
		struct fy_err err = {0};
		const char *name = d->sections[0]->speaker.name;

		if (select_which(d, "all", &sel, &err) == 0) {
			FUZZ_ASSERT(sel.n == d->nsections);
			select_free(&sel);
		}
		if (*name) {
			int rc = select_which(d, name, &sel, &err);

			if (rc == 0) {
				FUZZ_ASSERT(sel.n == 1);
				select_free(&sel);
			} else {
				FUZZ_ASSERT(!fuzz_has_control(err.msg, strlen(err.msg)));
			}
		}
	}
}

/* The reports of an article stripped as --check and --list strip it are
 * those of the whole article. */
static void check_stripped(const uint8_t *data, size_t size, int width)
{
	struct doc_opts whole_opts = {.force = true}, strip_opts = {.force = true, .strip = true};
	struct doc whole, light;
	struct fy_err err = {0};
	int rc_whole, rc_light;

	doc_init(&whole);
	doc_init(&light);
	rc_whole = doc_add_buffer(&whole, "-", (const char *)data, size, &whole_opts, &err);
	rc_light = doc_add_buffer(&light, "-", (const char *)data, size, &strip_opts, &err);
	FUZZ_ASSERT(rc_whole == rc_light);
	if (rc_whole == 0) {
		struct buf a, b;

		FUZZ_ASSERT(light.articles[0]->stripped && light.nsections == whole.nsections);
		buf_init(&a);
		buf_init(&b);
		report_check(&a, &whole);
		report_check(&b, &light);
		report_list(&a, whole.sections, whole.nsections, NULL, NULL, NULL, OUTPUT_TEXT, width);
		report_list(&b, light.sections, light.nsections, NULL, NULL, NULL, OUTPUT_TEXT, width);
		report_list(&a, whole.sections, whole.nsections, NULL, NULL, NULL, OUTPUT_JSON, 0);
		report_list(&b, light.sections, light.nsections, NULL, NULL, NULL, OUTPUT_JSON, 0);
		FUZZ_ASSERT(a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0));
		buf_free(&a);
		buf_free(&b);
	}
	doc_free(&whole);
	doc_free(&light);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc d;
	struct fy_err err;
	struct doc_opts plain = {.force = false}, force = {.force = true};
	int width = size ? (int)((size * 31 + data[size - 1]) % 202) - 1 : 0;
	int rc_plain, rc_force;
	size_t n_plain = 0;

	doc_init(&d);
	memset(&err, 0, sizeof err);
	rc_plain = doc_add_buffer(&d, "fuzz.txt", (const char *)data, size, &plain, &err);
	if (rc_plain != 0) {
		FUZZ_ASSERT(d.narticles == 0 && d.nsections == 0);
		FUZZ_ASSERT(err.msg[0] && strchr(err.msg, '\n') == NULL);
		FUZZ_ASSERT(!fuzz_has_control(err.msg, strlen(err.msg)));
		FUZZ_ASSERT(strncmp(err.msg, "fuzz.txt: ", 10) == 0);
	} else {
		FUZZ_ASSERT(d.narticles == 1);
		n_plain = d.nsections;
	}
	memset(&err, 0, sizeof err);
	rc_force = doc_add_buffer(&d, "-", (const char *)data, size, &force, &err);
	if (rc_plain == 0) {
		/* --force changes nothing in valid input. */
		FUZZ_ASSERT(rc_force == 0 && d.narticles == 2 && d.nsections == 2 * n_plain);
	}
	if (rc_force != 0) {
		FUZZ_ASSERT(err.msg[0] && !fuzz_has_control(err.msg, strlen(err.msg)));
		FUZZ_ASSERT(strncmp(err.msg, "(stdin): ", 9) == 0);
	}
	check_doc(&d, width);
	doc_free(&d);
	check_stripped(data, size, width);
	return 0;
}
