/* Unit tests for the text layer's part of typesetting like a Chinese page:
 * full-width punctuation for display (punct_widen, with its map back to the
 * document's bytes) and full lines (text_fill: hanging closing marks, a space
 * for an odd column, words and numbers kept whole, kinsoku); and that search
 * finds the document's ASCII comma whichever comma it is asked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fayan/punct.h"
#include "fayan/search.h"
#include "fayan/text.h"
#include "fayan/util.h"
#include "widen.h"

static void test_widen_rules(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "向内挖潜,充分运用", "向内挖潜，充分运用" },
		{ "盘活“五闲资源”,破解", "盘活“五闲资源”，破解" },
		{ "他说:“好。”", "他说：“好。”" },
		{ "为什么?因为!是;的", "为什么？因为！是；的" },
		{ "镇(街道)党委", "镇（街道）党委" },
		{ "教学设计(20%)、课堂", "教学设计（20%）、课堂" },
		{ "到了晚上,", "到了晚上，" },              /* a paragraph end after a hanzi */
		{ "截至目前,2025年", "截至目前，2025年" },
		{ "共3.5亿元。", "共3.5亿元。" },           /* . is left alone */
		{ "1,000人", "1,000人" },                  /* inside a number */
		{ "感染COVID-19的人", "感染COVID-19的人" },
		{ "Hello, world (again).", "Hello, world (again)." },
		{ "a,b", "a,b" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *w = widen(cases[i].in);

		if (strcmp(w, cases[i].out))
			fail_msg("%s -> %s, not %s", cases[i].in, w, cases[i].out);
		free(w);
	}
}

/* The map of a widened string leads back to the document's bytes. */
static void test_widen_map(void **state)
{
	static const char s[] = "中,文";
	size_t n;
	uint32_t *map;
	char *w = punct_widen(s, strlen(s), &n, &map);

	(void)state;
	assert_non_null(w);
	assert_int_equal(n, 9);
	assert_string_equal(w, "中，文");
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(map[i], i);
	for (size_t i = 3; i < 6; i++)
		assert_int_equal(map[i], 3); /* the comma */
	for (size_t i = 6; i < 9; i++)
		assert_int_equal(map[i], i - 2);
	free(w);
	free(map);
	assert_null(punct_widen("abc", 3, &n, &map));
}

/* Fill s to `measure` columns with hanging and padding; the lines in *tl. */
static size_t fill(const char *s, int measure, struct text_line **tl)
{
	struct text_fill f = { .measure = measure, .hang = true, .pad = true };

	return text_fill(s, strlen(s), &f, tl);
}

/* Line i of s as filled. */
static char *line_text(const char *s, const struct text_line *tl, size_t i)
{
	char *t = xmalloc(tl[i].len + 1);

	memcpy(t, s + tl[i].off, tl[i].len);
	t[tl[i].len] = '\0';
	return t;
}

static void assert_line(const char *s, const struct text_line *tl, size_t i, const char *want)
{
	char *t = line_text(s, tl, i);

	if (strcmp(t, want))
		fail_msg("line %zu is %s, not %s", i, t, want);
	free(t);
}

/* A closing mark that would start the next line hangs past the measure. */
static void test_fill_hangs(void **state)
{
	static const char s[] = "一二三四五六七八九，十一";
	struct text_line *tl;
	struct text_fill plain = { .measure = 18 };

	(void)state;
	assert_int_equal(fill(s, 18, &tl), 2);
	assert_line(s, tl, 0, "一二三四五六七八九，");
	assert_true(tl[0].hang);
	assert_false(tl[0].pad);
	assert_int_equal(tl[0].cols, 20);
	assert_line(s, tl, 1, "十一");
	assert_false(tl[1].hang);
	free(tl);
	/* Without hanging the mark takes its character along (kinsoku). */
	assert_int_equal(text_fill(s, strlen(s), &plain, &tl), 2);
	assert_line(s, tl, 0, "一二三四五六七八");
	assert_line(s, tl, 1, "九，十一");
	free(tl);
}

/* Lines fill the measure exactly, the last one excepted. */
static void test_fill_full(void **state)
{
	static const char s[] = "一二三四五六七八九十一二三四五六七八九十一二";
	struct text_line *tl;

	(void)state;
	assert_int_equal(fill(s, 18, &tl), 3);
	assert_int_equal(tl[0].cols, 18);
	assert_int_equal(tl[1].cols, 18);
	assert_int_equal(tl[2].cols, 8);
	free(tl);
}

/* An odd column left by Latin text or digits is taken by a space at the end. */
static void test_fill_pads(void **state)
{
	static const char s[] = "一二三四五六七八a九十";
	struct text_line *tl;

	(void)state;
	assert_int_equal(fill(s, 18, &tl), 2);
	assert_line(s, tl, 0, "一二三四五六七八a");
	assert_true(tl[0].pad);
	assert_int_equal(tl[0].pad_off, tl[0].off + tl[0].len);
	assert_int_equal(tl[0].cols, 18);
	assert_false(tl[1].pad); /* the last line is as long as the text */
	free(tl);
}

/* On a line whose mark hangs, the space goes after the odd run, so that the
 * mark stands in the margin and what follows the run is back on the grid. */
static void test_fill_pads_hanging(void **state)
{
	static const char s[] = "一二三四五六七a八，九";
	struct text_line *tl;

	(void)state;
	assert_int_equal(fill(s, 18, &tl), 2);
	assert_line(s, tl, 0, "一二三四五六七a八，");
	assert_true(tl[0].hang && tl[0].pad);
	assert_int_equal(tl[0].pad_off, strlen("一二三四五六七a"));
	assert_int_equal(tl[0].cols, 20);
	free(tl);
}

/* A number or a word is never split to fill a line. */
static void test_fill_keeps_words(void **state)
{
	static const char s[] = "一二三四五六七八123九 word";
	struct text_line *tl;

	(void)state;
	assert_int_equal(fill(s, 18, &tl), 2);
	assert_line(s, tl, 0, "一二三四五六七八");
	assert_line(s, tl, 1, "123九 word");
	free(tl);
}

/* No line ends with an opening mark: the quote goes down with its word. */
static void test_fill_kinsoku_open(void **state)
{
	static const char s[] = "一二三四五六七八“九十”十一";
	struct text_line *tl;

	(void)state;
	assert_int_equal(fill(s, 18, &tl), 2);
	assert_line(s, tl, 0, "一二三四五六七八");
	assert_line(s, tl, 1, "“九十”十一");
	free(tl);
}

/* A search for , or ， finds the document's comma either way. */
static void test_search_either_comma(void **state)
{
	static const char text[] = "向内挖潜,充分运用";
	const char *queries[] = { ",", "，" };
	struct search_hits h = { 0 };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct search *q = search_compile(queries[i], strlen(queries[i]));

		assert_non_null(q);
		assert_int_equal(search_para(q, text, strlen(text), &h), 1);
		assert_int_equal(h.v[0].off, strlen("向内挖潜"));
		assert_int_equal(h.v[0].len, 1);
		search_free(q);
	}
	free(h.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widen_rules),
		cmocka_unit_test(test_widen_map),
		cmocka_unit_test(test_fill_hangs),
		cmocka_unit_test(test_fill_full),
		cmocka_unit_test(test_fill_pads),
		cmocka_unit_test(test_fill_pads_hanging),
		cmocka_unit_test(test_fill_keeps_words),
		cmocka_unit_test(test_fill_kinsoku_open),
		cmocka_unit_test(test_search_either_comma),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
