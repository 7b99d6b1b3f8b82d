/* Tests of i18n.c and of the interface in Chinese, without a terminal: the
 * language taken from a locale that is not installed, a LANGUAGE the user
 * set kept, and the status line and the help laid out by display width, two
 * columns a hanzi, at 40 columns. The catalogue is the build's
 * (FAYAN_LOCALEDIR, which tests/run.sh sets). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "view_fixture.h"
#include "fayan/help.h"
#include "fayan/i18n.h"
#include "fayan/status.h"
#include "fayan/text.h"
#include "fayan/view_do.h"

/* The environment of a user whose messages are set by `vars` ("LANG=...",
 * NULL-terminated), LANGUAGE included only if given; then i18n_init. */
static void speak(const char *const *vars)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	unsetenv("LANGUAGE");
	for (size_t i = 0; vars[i]; i++) {
		char name[32];
		const char *eq = strchr(vars[i], '=');

		snprintf(name, sizeof name, "%.*s", (int)(eq - vars[i]), vars[i]);
		setenv(name, eq + 1, 1);
	}
	setlocale(LC_CTYPE, "C.UTF-8");
	i18n_init("/nonexistent-fayan-locale");
}

#define SPEAK(...) speak((const char *const[]){ __VA_ARGS__, NULL })

static int setup(void **state)
{
	if (!getenv("FAYAN_LOCALEDIR"))
		setenv("FAYAN_LOCALEDIR", "build/locale", 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent-fayan-test-config", 1);
	return view_fixture_setup(state);
}

static int teardown(void **state)
{
	SPEAK("LANG=C.UTF-8");
	return view_fixture_teardown(state);
}

static void test_language_of_locale(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(i18n_language("zh_CN.UTF-8", buf, sizeof buf), 5);
	assert_string_equal(buf, "zh_CN");
	assert_int_equal(i18n_language("zh_TW.utf8@stroke", buf, sizeof buf), 5);
	assert_string_equal(buf, "zh_TW");
	assert_int_equal(i18n_language("zh", buf, sizeof buf), 2);
	assert_string_equal(buf, "zh");
	/* These ask for no translation; nor does another character set, which
	 * would show a translation as garbage. */
	assert_int_equal(i18n_language("zh_CN.GB18030", buf, sizeof buf), 0);
	assert_int_equal(i18n_language("zh_TW.Big5@stroke", buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(i18n_language("C.UTF-8", buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(i18n_language("C", buf, sizeof buf), 0);
	assert_int_equal(i18n_language("POSIX", buf, sizeof buf), 0);
	assert_int_equal(i18n_language("", buf, sizeof buf), 0);
	assert_int_equal(i18n_language(NULL, buf, sizeof buf), 0);
	assert_int_equal(i18n_language(".UTF-8", buf, sizeof buf), 0);
	/* Too long for the buffer: none rather than a cut name. */
	assert_int_equal(i18n_language("zh_CN.UTF-8", buf, 5), 0);
	assert_string_equal(buf, "");
}

/* The variable that names a category's locale: LC_ALL, then the
 * category's, then LANG, an empty one counting as unset. */
static void test_asked_locale(void **state)
{
	(void)state;
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	unsetenv("LANG");
	assert_null(i18n_asked("LC_CTYPE"));
	setenv("LANG", "zh_CN.UTF-8", 1);
	setenv("LC_ALL", "", 1);
	assert_string_equal(i18n_asked("LC_CTYPE"), "zh_CN.UTF-8");
	setenv("LC_CTYPE", "zh_TW.UTF-8", 1);
	assert_string_equal(i18n_asked("LC_CTYPE"), "zh_TW.UTF-8");
	assert_string_equal(i18n_asked("LC_MESSAGES"), "zh_CN.UTF-8");
	setenv("LC_ALL", "C.UTF-8", 1);
	assert_string_equal(i18n_asked("LC_CTYPE"), "C.UTF-8");
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	unsetenv("LANG");
}

/* LANG names a locale this machine may lack (the forwarded LANG of an SSH
 * client): the messages are Chinese all the same, as is LC_MESSAGES's or
 * LC_ALL's language, LC_ALL first. */
static void test_missing_locale_speaks_its_language(void **state)
{
	(void)state;
	SPEAK("LANG=zh_CN.UTF-8");
	assert_string_equal(_("Quit"), "退出");
	SPEAK("LANG=C.UTF-8", "LC_MESSAGES=zh_CN.UTF-8");
	assert_string_equal(_("Quit"), "退出");
	SPEAK("LANG=C.UTF-8", "LC_ALL=zh_CN.UTF-8");
	assert_string_equal(_("Quit"), "退出");
	SPEAK("LANG=zh_CN.UTF-8", "LC_ALL=C.UTF-8");
	assert_string_equal(_("Quit"), "Quit");
	SPEAK("LANG=C.UTF-8");
	assert_string_equal(_("Quit"), "Quit");
	SPEAK("LANG=C.UTF-8", "LANGUAGE=zh_CN");
	assert_string_equal(_("Quit"), "退出");
}

/* A LANGUAGE the user set is theirs: it is not replaced. */
static void test_language_set_is_kept(void **state)
{
	(void)state;
	SPEAK("LANG=zh_CN.UTF-8", "LANGUAGE=en");
	assert_string_equal(getenv("LANGUAGE"), "en");
	assert_string_equal(_("Quit"), "Quit");
}

/* The status line at 40 columns in Chinese: the position as 第 1/10 位,
 * the hint 帮助 at the right, both within the width counted in columns. */
static void test_status_line_in_chinese(void **state)
{
	struct fixture *fx = *state;
	const char *hint;
	char *s;

	SPEAK("LANG=zh_CN.UTF-8");
	view_resize(&fx->v, 40, 12);
	s = status_line(&fx->v, &hint);
	if (strncmp(s, "第 1/10 位 马东亮", strlen("第 1/10 位 马东亮")) != 0)
		fail_msg("status line \"%s\"", s);
	assert_string_equal(hint, "? 帮助");
	assert_int_equal(status_room(40, hint), 40 - 2 - 6 - 1);
	assert_true(text_cols(s, strlen(s)) <= status_room(40, hint));
	free(s);
	view_key(&fx->v, "?");
	s = status_line(&fx->v, &hint);
	assert_string_equal(hint, "q 关闭");
	assert_non_null(strstr(s, "帮助 1/"));
	assert_true(text_cols(s, strlen(s)) <= status_room(40, hint));
	free(s);
	s = status_title(&fx->v);
	assert_string_equal(s, "fayan:帮助");
	free(s);
}

/* The help in Chinese: every line within the width at 40 and 20 columns, and
 * at 100 every action's text whole on one line. */
static void test_help_in_chinese(void **state)
{
	struct help h = { 0 };
	static const int widths[] = { 20, 38, 100 };

	(void)state;
	SPEAK("LANG=zh_CN.UTF-8");
	for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
		struct buf all;

		help_build(&h, widths[k]);
		buf_init(&all);
		for (size_t i = 0; i < h.n; i++) {
			int cols = text_cols(h.lines[i].text, strlen(h.lines[i].text));

			if (cols > widths[k])
				fail_msg("help line \"%s\" is %d columns wide at %d", h.lines[i].text, cols, widths[k]);
			buf_adds(&all, h.lines[i].text);
			buf_addc(&all, '\n');
		}
		if (widths[k] == 100) {
			for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
				if (!strstr(all.data, _(actions_help((enum action)a))))
					fail_msg("the help lacks \"%s\"", _(actions_help((enum action)a)));
			assert_non_null(strstr(all.data, "显示或关闭本帮助"));
			assert_non_null(strstr(all.data, "其他键"));
		}
		buf_free(&all);
	}
	help_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_language_of_locale),
		cmocka_unit_test(test_asked_locale),
		cmocka_unit_test_setup_teardown(test_missing_locale_speaks_its_language, setup, teardown),
		cmocka_unit_test_setup_teardown(test_language_set_is_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_line_in_chinese, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_in_chinese, setup, teardown),
	};

	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
