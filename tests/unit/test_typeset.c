/* Unit tests for the layout of text set like a Chinese page (--punct=cjk,
 * --indent): paragraph indents and the measures over the built-in
 * article and every article of tests/data/ at widths 20 to 120: at least 98%
 * of the lines that do not end a paragraph exactly the measure wide, no line
 * starting with closing punctuation or ending with opening punctuation, none
 * wider than the measure plus the hanging column, and the text read back
 * (without what display added) the document's with its punctuation widened. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fayan/cjk.h"
#include "fayan/doc.h"
#include "fayan/layout.h"
#include "fayan/punct.h"
#include "fayan/text.h"
#include "fayan/util.h"
#include "widen.h"

static const struct layout_style cjk = { .punct = LAYOUT_PUNCT_CJK, .full = true };

/* Indented paragraphs open with two ideographic spaces that show nothing of
 * the document, with no blank line between them; the reading position
 * (offsets) and the lead sentence are the document's. */
static void test_indent(void **state)
{
	struct para paras[2] = {
		{ .text = "第一段,说明。", .len = strlen("第一段,说明。"), .lead_len = 0 },
		{ .text = "第二段。其余。", .len = strlen("第二段。其余。"), .lead_len = strlen("第二段。") },
	};
	struct layout_style st = { .punct = LAYOUT_PUNCT_CJK, .full = true, .indent = true };
	struct layout lo;

	(void)state;
	layout_paras_as(&lo, "标题", paras, 2, 40, &st);
	assert_int_equal(lo.nlines, 4); /* title, blank, two paragraphs */
	assert_int_equal(lo.lines[1].kind, LAYOUT_BLANK);
	for (size_t i = 2; i < 4; i++) {
		const struct layout_line *l = &lo.lines[i];

		assert_int_equal(l->kind, LAYOUT_PARA);
		assert_memory_equal(l->disp, "\u3000\u3000", 6);
		for (size_t k = 0; k < 6; k++)
			assert_int_equal(l->map[k], LAYOUT_ADDED);
		assert_int_equal(l->off, 0);
		assert_int_equal(l->len, paras[i - 2].len);
	}
	assert_int_equal(lo.lines[2].disp_len, 6 + strlen("第一段，说明。"));
	assert_memory_equal(lo.lines[2].disp + 6, "第一段，说明。", strlen("第一段，说明。"));
	assert_int_equal(lo.lines[2].cols, 4 + 14);
	assert_int_equal(lo.lines[3].lead_len, strlen("第二段。"));
	layout_free(&lo);
	/* Without the style, as today: blank lines, the document's own bytes. */
	layout_paras(&lo, "标题", paras, 2, 40);
	assert_int_equal(lo.nlines, 5);
	assert_null(lo.lines[2].disp);
	layout_free(&lo);
}

/* On a measure too narrow to hold the indent and a character after it, the
 * paragraphs open without it (still without blank lines between them): no
 * line is wider than the width for an indent alone. */
static void test_indent_narrow(void **state)
{
	struct para paras[2] = {
		{ .text = "第一段。", .len = strlen("第一段。") },
		{ .text = "第二段。", .len = strlen("第二段。") },
	};
	struct layout_style st = { .indent = true };
	struct layout lo;

	(void)state;
	for (int w = 1; w <= 8; w++) {
		bool shown = false;

		layout_paras_as(&lo, "", paras, 2, w, &st);
		for (size_t i = 0; i < lo.nlines; i++) {
			const struct layout_line *l = &lo.lines[i];

			assert_int_not_equal(l->kind, LAYOUT_BLANK);
			if (l->cols > w)
				assert_true(l->cols <= 2 && w < 2); /* a lone two-column character */
			if (l->disp_len >= 6 && memcmp(l->disp, "\u3000\u3000", 6) == 0)
				shown = true;
		}
		assert_int_equal(shown, w >= 6);
		layout_free(&lo);
	}
}

/* The columns of the last character of s[0..len). */
static int last_cols(const char *s, size_t len)
{
	uint32_t c;

	cjk_char_at(s, len, cjk_last_char_off(s, len), &c);
	return text_char_cols(c);
}

struct tally {
	size_t lines, full, faults, wide, paras;
};

/* Check one layout in style cjk; add to t. */
static void check_layout(const struct layout *lo, const struct para *paras, struct tally *t)
{
	for (size_t p = 0; p < lo->npara; p++) {
		struct buf got;
		char *want = widen(paras[p].text);
		size_t prev_end = 0;

		buf_init(&got);
		for (size_t i = lo->para_first[p]; i < lo->nlines && lo->lines[i].kind == LAYOUT_PARA &&
						 lo->lines[i].para == p; i++) {
			const struct layout_line *l = &lo->lines[i];
			bool last = i + 1 == lo->nlines || lo->lines[i + 1].kind != LAYOUT_PARA ||
				    lo->lines[i + 1].para != p;
			uint32_t c0, c1;
			int hang = l->hang ? last_cols(l->disp, l->disp_len) : 0;

			assert_non_null(l->disp);
			assert_int_equal(text_cols(l->disp, l->disp_len), l->cols);
			if (l->cols > lo->measure + 2) {
				t->wide++;
				print_error("too wide at %d: %.*s\n", lo->width, (int)l->disp_len, l->disp);
			}
			if (l->disp_len) {
				cjk_char_at(l->disp, l->disp_len, 0, &c0);
				cjk_char_at(l->disp, l->disp_len, cjk_last_char_off(l->disp, l->disp_len), &c1);
				if (text_is_closing_punct(c0) || (text_is_opening_punct(c1) && !last)) {
					t->faults++;
					print_error("kinsoku at %d: %.*s\n", lo->width, (int)l->disp_len, l->disp);
				}
			}
			if (!last) {
				t->lines++;
				t->full += l->cols - hang == lo->measure;
			}
			/* Between lines only spaces of the document are left out. */
			for (size_t k = prev_end; k < l->off; k++)
				if (paras[p].text[k] != ' ')
					fail_msg("byte %zu left out between lines", k);
			for (size_t k = prev_end; k < l->off; k++)
				buf_addc(&got, ' ');
			for (size_t k = 0; k < l->disp_len; k++) {
				if (l->map[k] == LAYOUT_ADDED)
					continue;
				assert_true(l->map[k] >= l->off && l->map[k] < l->off + l->len);
				buf_addc(&got, l->disp[k]);
			}
			prev_end = l->off + l->len;
		}
		buf_addc(&got, '\0');
		if (strcmp(got.data, want))
			fail_msg("read back:\n%s\nnot:\n%s", got.data, want);
		t->paras++;
		buf_free(&got);
		free(want);
	}
}

/* Load the built-in article and every article of tests/data/. */
static void load_all(struct doc *d)
{
	struct doc_opts o = { .force = false };
	DIR *dir = opendir("tests/data");
	struct dirent *e;

	doc_init(d);
	doc_add_builtin(d);
	assert_non_null(dir);
	while ((e = readdir(dir))) {
		struct fy_err err = { .code = 0 };
		char path[512];

		if (!strstr(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof path, "tests/data/%s", e->d_name);
		doc_add_file(d, path, &o, &err);
	}
	closedir(dir);
}

static void test_measures(void **state)
{
	struct doc d;
	double worst = 100;
	int worst_w = 0;
	struct tally all = { 0 };

	(void)state;
	load_all(&d);
	assert_true(d.narticles >= 10);
	for (int width = 20; width <= 120; width++) {
		struct tally t = { 0 };
		struct layout lo;

		for (size_t i = 0; i < d.nsections; i++) {
			layout_section_as(&lo, d.sections[i], width, &cjk);
			check_layout(&lo, d.sections[i]->paras, &t);
			layout_free(&lo);
		}
		for (size_t i = 0; i < d.narticles; i++) {
			layout_intro_as(&lo, d.articles[i], width, &cjk);
			check_layout(&lo, d.articles[i]->intro, &t);
			layout_free(&lo);
		}
		if (t.lines && 100.0 * (double)t.full / (double)t.lines < worst) {
			worst = 100.0 * (double)t.full / (double)t.lines;
			worst_w = width;
		}
		all.lines += t.lines;
		all.full += t.full;
		all.faults += t.faults;
		all.wide += t.wide;
	}
	print_message("full lines: %.2f%% of %zu; worst %.2f%% at width %d\n",
		      100.0 * (double)all.full / (double)all.lines, all.lines, worst, worst_w);
	assert_int_equal(all.faults, 0);
	assert_int_equal(all.wide, 0);
	assert_true(100.0 * (double)all.full / (double)all.lines >= 98.0);
	assert_true(worst >= 95.0);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indent),
		cmocka_unit_test(test_indent_narrow),
		cmocka_unit_test(test_measures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
