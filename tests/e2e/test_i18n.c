/* test_i18n.c: the browser in Chinese, as a user whose SSH client forwards
 * LANG=zh_CN.UTF-8 sees it on a server without that locale: the status line,
 * the help screen, a search and the theme picker in Chinese, laid out by
 * display width (two columns a hanzi) at 100 and at 40 columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

static const char *const zh[] = { "LANG=zh_CN.UTF-8", NULL };

/* Start the browser on the built-in article with `env` and wait for its first screen. */
static struct term *start(int cols, int rows, const char *const env[])
{
	struct term *t = term_spawn(cols, rows, TERM_ARGV("fayan", "--no-state"), env);

	assert_non_null(t);
	if (!term_wait_for(t, "1/10 ", 5000))
		fail_msg("the browser did not start");
	term_wait_quiet(t, 0);
	return t;
}

/* Whether the cell at (row, col) is blank. */
static bool blank(struct term *t, int row, int col)
{
	struct term_cell c;

	return term_cell(t, row, col, &c) && (c.text[0] == '\0' || strcmp(c.text, " ") == 0);
}

static void test_chinese_screens(void **state)
{
	struct term *t = start(100, 30, zh);

	(void)state;
	assert_non_null(strstr(term_row(t, 29), "第 1/10 位 马东亮 全文"));
	assert_non_null(strstr(term_row(t, 29), "? 帮助"));
	assert_null(strstr(term_row(t, 29), "help"));
	term_type(t, "?");
	assert_true(term_wait_for(t, "下翻一页", 2000));
	assert_string_equal(term_row(t, 0), " fayan:帮助");
	assert_true(term_find(t, "阅读") >= 1);
	assert_true(term_find(t, "打开第 1-9 位发言人") >= 1);
	assert_non_null(strstr(term_row(t, 29), "帮助 1/"));
	assert_non_null(strstr(term_row(t, 29), "q 关闭"));
	term_type(t, "q/mdl");
	assert_non_null(strstr(term_row(t, 29), "/mdl_  1 节中 1 处"));
	term_type(t, "\r");
	assert_non_null(strstr(term_row(t, 29), "第 1/1 处"));
	assert_non_null(strstr(term_row(t, 29), "1 节中 1 处;n、N 逐处跳转"));
	term_type(t, "t");
	assert_true(term_find(t, "主题:_") >= 1);
	assert_true(term_find(t, "疫情防控") >= 1);
	assert_non_null(strstr(term_row(t, 29), "主题:输入文字缩小范围"));
	term_type(t, "\033");
	assert_int_equal(term_quit(t), 0);
}

/* At 40 columns every screen keeps to its width: no wide character cut at an
 * edge, the hint where its width puts it, the last column left blank. */
static void test_chinese_at_40_columns(void **state)
{
	struct term *t = start(40, 12, zh);
	int row, col;
	const char *bad;

	(void)state;
	/* The hint "? 帮助" is six columns (eight bytes), its last one before the edge's. */
	assert_true(term_find_pos(t, "? 帮助", &row, &col));
	assert_int_equal(row, 11);
	assert_int_equal(col, 40 - 1 - 6);
	assert_true(blank(t, 11, 39));
	assert_true(blank(t, 11, col - 1));
	assert_null(term_misaligned(t));
	term_type(t, "?");
	for (int page = 0; page < 3; page++) {
		if ((bad = term_misaligned(t)))
			fail_msg("help page %d: %s\n%s", page, bad, term_screen(t));
		for (int r = 1; r < 11; r++)
			if (!blank(t, r, 39))
				fail_msg("help page %d, row %d reaches the last column:\n%s", page, r, term_screen(t));
		assert_true(term_find_pos(t, "q 关闭", &row, &col));
		assert_int_equal(col, 40 - 1 - 6);
		term_type(t, " ");
	}
	term_type(t, "qt");
	assert_true(term_find(t, "主题:_") >= 1);
	/* The picker's box keeps both its sides on every row. */
	for (int r = 2; r < 10; r++) {
		struct term_cell l, rt;

		if (!term_cell(t, r, 2, &l) || !term_cell(t, r, 37, &rt) || strcmp(l.text, "│") || strcmp(rt.text, "│"))
			fail_msg("picker row %d is not boxed:\n%s", r, term_screen(t));
	}
	assert_true(term_find_pos(t, "Esc", &row, &col));
	assert_int_equal(col, 40 - 1 - 3);
	/* The status line's text is cut with … before the hint. */
	assert_non_null(strstr(term_row(t, 11), "…"));
	assert_true(blank(t, 11, col - 1));
	term_type(t, "\033");
	assert_int_equal(term_quit(t), 0);
}

/* LANGUAGE alone chooses the language under C.UTF-8; without it, English. */
static void test_language_variable(void **state)
{
	struct term *t = start(80, 24, TERM_ARGV("LANGUAGE=zh_CN"));

	(void)state;
	assert_non_null(strstr(term_row(t, 23), "第 1/10 位 马东亮"));
	assert_int_equal(term_quit(t), 0);
	t = start(80, 24, NULL);
	assert_non_null(strstr(term_row(t, 23), "1/10 马东亮 80%"));
	assert_non_null(strstr(term_row(t, 23), "? help"));
	assert_int_equal(term_quit(t), 0);
}

E2E_GROUP(i18n)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese_screens),
		cmocka_unit_test(test_chinese_at_40_columns),
		cmocka_unit_test(test_language_variable),
	};

	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
