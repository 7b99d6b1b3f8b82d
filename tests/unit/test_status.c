/* Tests of status.c on the built-in article, without a terminal: what the
 * status line and the title line say in each mode, and that every line fits
 * the width with its hint. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "view_fixture.h"
#include "fayan/doc.h"
#include "fayan/status.h"
#include "fayan/text.h"
#include "fayan/view_do.h"

/* The themes file of the user's configuration is never read. */
static int setup(void **state)
{
	setenv("XDG_CONFIG_HOME", "/nonexistent-fayan-test-config", 1);
	return view_fixture_setup(state);
}

#define teardown view_fixture_teardown

/* The status line now, checked to fit beside its hint; *hint gets the hint. */
static char *line(struct view *v, const char **hint)
{
	char *s = status_line(v, hint);

	assert_true(text_cols(s, strlen(s)) + (int)strlen(*hint) + 3 <= v->g.cols);
	return s;
}

#define ASSERT_LINE(v, want_prefix, want_hint)                                                   \
	do {                                                                                     \
		const char *hint_;                                                               \
		char *s_ = line(v, &hint_);                                                      \
		if (strncmp(s_, want_prefix, strlen(want_prefix)) != 0)                          \
			fail_msg("status line \"%s\" does not start with \"%s\"", s_, want_prefix); \
		assert_string_equal(hint_, want_hint);                                           \
		free(s_);                                                                        \
	} while (0)

static void test_reading(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;
	char *title;

	ASSERT_LINE(v, "1/10 马东亮 all", "? help");
	view_key(v, "0");
	view_key(v, "]");
	ASSERT_LINE(v, "10/10 陈萌 all  last section", "? help");
	view_key(v, "1");
	view_key(v, "[");
	ASSERT_LINE(v, "导语 0/10 all", "? help");
	title = status_title(v);
	assert_string_equal(title, fx->d.articles[0]->title);
	free(title);
	/* Full width: no title line, so the status line names the article, last. */
	view_key(v, "z");
	{
		const char *hint;
		char *s = line(v, &hint);

		assert_non_null(strstr(s, fx->d.articles[0]->title));
		free(s);
	}
}

static void test_percent_in_steps(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;

	view_resize(v, 40, 12);
	ASSERT_LINE(v, "1/10 马东亮 ", "? help");
	{
		const char *hint;
		char *s = line(v, &hint);
		const char *pct = strchr(s, '%');

		assert_non_null(pct);
		assert_true(pct[-1] == '0' || pct[-1] == '5');
		free(s);
	}
}

static void test_prompts(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;

	view_key(v, ":");
	view_key(v, "1");
	view_key(v, "2");
	ASSERT_LINE(v, "Go to section: 12_", "? help");
	view_key(v, "Esc");
	view_key(v, "/");
	view_key(v, "y");
	view_key(v, "q");
	view_key(v, "f");
	view_key(v, "k");
	/* Until the search has run, the line does not count. */
	ASSERT_LINE(v, "/yqfk_", "Esc");
	view_sync(v);
	ASSERT_LINE(v, "/yqfk_  4 hits in 2 sections", "Esc");
	view_key(v, "Enter");
	ASSERT_LINE(v, "2/10 高留念 all  /yqfk  hit 1/4", "? help");
	view_key(v, "|");
	view_key(v, "w");
	view_key(v, "c");
	ASSERT_LINE(v, "Pipe section to: wc_", "Esc");
	view_key(v, "Esc");
	view_key(v, "t");
	ASSERT_LINE(v, "theme: type to narrow", "Esc");
	view_key(v, "Esc");
	view_key(v, "?");
	ASSERT_LINE(v, "help 1/", "q close");
	{
		char *title = status_title(v);

		assert_string_equal(title, "fayan: help");
		free(title);
	}
}

/* A prompt shows the end of what was typed when it is too long, cut at a character. */
static void test_prompt_tail(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	status_add_prompt(&b, "/", "疫情防控疫情防控", 8);
	assert_string_equal(b.data, "/情防控_"); /* 8 columns less the label and the cursor */
	buf_free(&b);
	buf_init(&b);
	status_add_prompt(&b, "/", "ab\x01", 20);
	assert_null(memchr(b.data, '\x01', b.len));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reading, setup, teardown),
		cmocka_unit_test_setup_teardown(test_percent_in_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prompts, setup, teardown),
		cmocka_unit_test(test_prompt_tail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
