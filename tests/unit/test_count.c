/* Unit tests for counting the filters of the command line while the files
 * are read, against the browser's filter over whole articles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fayan/count.h"
#include "fayan/report.h"

#include "builtin.h"

/* Every test article and the seed, as the command line names them. */
static char *const inputs[] = {
	"tests/data/colon.txt", "tests/data/deputies.txt", "tests/data/editor.txt",
	"tests/data/indented.txt", "tests/data/no_intro.txt", "tests/data/no_sections.txt",
	"seeds/000_5ab60398d2227b0f.txt", "tests/data/separators.txt", "tests/data/trailer.txt",
	"tests/data/two_line_headline.txt",
};
#define NINPUTS (sizeof inputs / sizeof *inputs)

/* Read the inputs in two threads, counting cnt while reading (and, with
 * cols, measuring the list's columns after it) and stripping each article,
 * as the command line does for --list and --themes. */
static void read_counting(struct doc *d, struct count *cnt, struct report_cols *cols)
{
	struct doc_opts opts = {.strip = true};
	struct fy_err err = { 0 };

	doc_init(d);
	count_reading(cnt, &opts, 2);
	if (cols)
		report_cols_reading(cols, &opts, 2);
	assert_int_equal(doc_add_files(d, inputs, NINPUTS, &opts, 2, &err), 0);
	count_gather(cnt, d);
	if (cols)
		report_cols_gather(cols);
}

static char *check_report(const struct doc *d)
{
	struct buf b;

	buf_init(&b);
	report_check(&b, d);
	return buf_take(&b, NULL);
}

/* --list over all of d at `width`: with cols, its columns as measured while
 * reading; without, as report_list measures them. */
static char *list_report(const struct doc *d, const struct report_cols *cols, int width)
{
	struct buf b;

	buf_init(&b);
	report_list(&b, d->sections, d->nsections, NULL, NULL, cols, OUTPUT_TEXT, width);
	return buf_take(&b, NULL);
}

/* Counting each article while it is read, then stripping it, gives what
 * filter_count gives over the whole collection read as the browser reads it,
 * and --check reports the same. */
static void test_count_while_reading(void **state)
{
	static const char *const filters[][2] = {
		{ "疫情防控", NULL }, { NULL, "防控" }, { "老旧小区改造", "shequ" }, { "yqfk", "shequ" },
	};
	struct doc whole, light;
	struct fy_err err = { 0 };
	char *want, *got;

	(void)state;
	doc_init(&whole);
	assert_int_equal(doc_add_files(&whole, inputs, NINPUTS, NULL, 1, &err), 0);
	for (size_t k = 0; k < sizeof filters / sizeof *filters; k++) {
		struct count cnt;
		struct report_cols cols;
		struct filter f;

		assert_int_equal(count_prepare(&cnt, filters[k][0], filters[k][1], false, &err), 0);
		read_counting(&light, &cnt, &cols);
		filter_init(&f);
		filter_count(&f, &whole, cnt.theme_search, cnt.search);
		assert_int_equal(light.nsections, whole.nsections);
		assert_int_equal(f.n, whole.nsections);
		assert_true(cnt.nmatch > 0);
		assert_int_equal(cnt.nmatch, f.nmatch);
		assert_int_equal(cnt.ntheme, f.ntheme);
		assert_int_equal(cnt.nsearch, f.nsearch);
		for (size_t i = 0; i < f.n; i++) {
			const struct filter_section *fs = count_section(&cnt, light.sections[i]);

			assert_int_equal(fs->match, f.v[i].match);
			assert_int_equal(fs->nhits, f.v[i].nhits);
			assert_int_equal(fs->ntheme, f.v[i].ntheme);
			assert_int_equal(fs->nsearch, f.v[i].nsearch);
			assert_ptr_equal(fs->section, light.sections[i]);
		}
		filter_free(&f);
		count_close(&cnt);
		for (size_t i = 0; i < light.narticles; i++) {
			const struct article *a = light.articles[i];

			assert_true(a->stripped);
			assert_null(a->intro);
			/* The article moved into its block, its sections with it. */
			assert_true((const char *)a >= a->src && (const char *)a < a->src + a->src_len);
			for (size_t k = 0; k < a->nsections; k++)
				assert_ptr_equal(a->sections[k].article, a);
		}
		assert_null(light.sections[0]->paras);
		assert_true(light.sections[0]->npara > 0);
		want = check_report(&whole);
		got = check_report(&light);
		assert_string_equal(got, want);
		free(want);
		free(got);
		/* Measured while read: every article with sections. */
		for (size_t i = 0; i < light.narticles; i++)
			assert_true(light.articles[i]->nsections == 0 || idmap_get(&cols.map, light.articles[i]->id));
		for (int width = 0; width <= 60; width += 60) {
			want = list_report(&whole, NULL, width);
			got = list_report(&light, &cols, width);
			assert_string_equal(got, want);
			free(want);
			free(got);
		}
		report_cols_free(&cols);
		doc_free(&light);
	}
	doc_free(&whole);
}

/* --themes counted while reading gives, for each theme, what filter_count
 * gives over the whole collection read as the browser reads it. */
static void test_themes_while_reading(void **state)
{
	struct doc whole, light;
	struct fy_err err = { 0 };
	struct count cnt;
	struct filter f;
	size_t some = 0;

	(void)state;
	doc_init(&whole);
	assert_int_equal(doc_add_files(&whole, inputs, NINPUTS, NULL, 1, &err), 0);
	assert_int_equal(count_prepare(&cnt, NULL, "zhili", true, &err), 0);
	read_counting(&light, &cnt, NULL);
	filter_init(&f);
	for (size_t i = 0; i < cnt.themes.n; i++) {
		struct search *ts = theme_search(&cnt.themes.v[i]);

		filter_count(&f, &whole, ts, cnt.search);
		assert_int_equal(cnt.nsec[i], f.nmatch);
		assert_int_equal(cnt.nhit[i], f.ntheme);
		some += cnt.nsec[i];
		search_free(ts);
	}
	assert_true(some > 0);
	filter_free(&f);
	count_close(&cnt);
	doc_free(&light);
	doc_free(&whole);
}

/* The figures of --themes on the built-in article, counted when gathered
 * (it is not read from a file), within a search or not. */
static void test_themes_builtin(void **state)
{
	static const char *const searches[] = { NULL, "马东亮" };
	struct fy_err err = { 0 };

	for (size_t k = 0; k < 2; k++) {
		struct count cnt;
		const struct theme *yq, *lj;

		assert_int_equal(count_prepare(&cnt, NULL, searches[k], true, &err), 0);
		count_gather(&cnt, *state);
		yq = themes_find(&cnt.themes, "疫情防控");
		lj = themes_find(&cnt.themes, "老旧小区改造");
		assert_non_null(yq);
		assert_non_null(lj);
		if (k == 0) {
			assert_int_equal(cnt.nsec[yq - cnt.themes.v], 2);
			assert_int_equal(cnt.nhit[yq - cnt.themes.v], 17);
			assert_int_equal(cnt.nsec[lj - cnt.themes.v], 3);
		} else {
			/* Within the sections the search selects: 马东亮's has no 疫情防控 term. */
			assert_int_equal(cnt.nsec[yq - cnt.themes.v], 0);
			assert_int_equal(cnt.nhit[yq - cnt.themes.v], 0);
		}
		count_close(&cnt);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_while_reading),
		cmocka_unit_test(test_themes_while_reading),
		cmocka_unit_test(test_themes_builtin),
	};

	return cmocka_run_group_tests_name("count", tests, builtin_setup, builtin_teardown);
}
