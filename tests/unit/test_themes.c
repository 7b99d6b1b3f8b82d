/* Unit tests for themes files: format, merging, errors with line numbers, picking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fayan/themes.h"
#include "fayan/util.h"

/* Parse text as file "t" into th; return the status. */
static int parse(struct themes *th, const char *text, struct fy_err *err)
{
	return themes_parse(th, "t", text, strlen(text), err);
}

/* The terms of theme `name` joined by '|'. */
static const char *terms_of(const struct themes *th, const char *name)
{
	static char out[4096];
	const struct theme *t = themes_find(th, name);

	out[0] = '\0';
	if (!t)
		return "(none)";
	for (size_t i = 0; i < t->nterms; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, t->terms[i]);
	}
	return out;
}

static void test_builtin(void **state)
{
	static const char *const want[] = {
		"疫情防控", "老旧小区改造", "大气污染防治", "公共服务", "生态环境",
		"道路改造", "党建引领", "乡村振兴", "文化旅游", "智慧城市",
	};
	struct themes th;

	(void)state;
	themes_init(&th);
	themes_load_builtin(&th);
	assert_int_equal(th.n, 10);
	assert_int_equal(th.nwarnings, 0);
	for (size_t i = 0; i < 10; i++) {
		assert_string_equal(th.v[i].name, want[i]);
		assert_true(th.v[i].nterms >= 5);
		assert_true(strncmp(th.v[i].origin, "(built-in):", 11) == 0);
	}
	assert_string_equal(th.v[0].terms[0], "疫情");
	themes_free(&th);
}

static void test_format(void **state)
{
	struct themes th;
	struct fy_err err = {0};

	(void)state;
	themes_init(&th);
	assert_int_equal(parse(&th,
			       "\xEF\xBB\xBF# comment\n"
			       "\n"
			       "   \t\n"
			       "  # indented comment\n"
			       "A: x y\tz\r\n"
			       "B：甲、乙，丙,丁\xE3\x80\x80戊\n"
			       "  C :  one  \n"
			       "D: k", &err), 0);
	assert_int_equal(th.n, 4);
	assert_string_equal(terms_of(&th, "A"), "x|y|z");
	assert_string_equal(terms_of(&th, "B"), "甲|乙|丙|丁|戊");
	assert_string_equal(terms_of(&th, "C"), "one");
	assert_string_equal(terms_of(&th, "D"), "k");
	assert_string_equal(th.v[2].origin, "t:7");
	assert_int_equal(th.nwarnings, 0);
	themes_free(&th);
}

static void test_duplicates(void **state)
{
	struct themes th;
	struct fy_err err = {0};

	(void)state;
	themes_init(&th);
	assert_int_equal(parse(&th, "A: x y x\n# c\nB: q\nA: z y\n", &err), 0);
	assert_int_equal(th.n, 2);
	assert_string_equal(terms_of(&th, "A"), "x|y|z");
	assert_int_equal(th.nwarnings, 3);
	assert_string_equal(th.warnings[0], "t:1: term 'x' repeated; kept once");
	assert_string_equal(th.warnings[1], "t:4: theme 'A' also defined at line 1; terms merged");
	assert_string_equal(th.warnings[2], "t:4: term 'y' repeated; kept once");
	themes_free(&th);
}

static void test_override(void **state)
{
	struct themes th;
	struct fy_err err = {0};

	(void)state;
	themes_init(&th);
	themes_load_builtin(&th);
	/* A later file replaces, extends, removes and adds. */
	{
		const char *u = "疫情防控: 核酸 疫苗\n老旧小区改造 += 加装电梯 物业\n-公共服务\n-没有\n新主题: 甲\n";

		assert_int_equal(themes_parse(&th, "user", u, strlen(u), &err), 0);
	}
	assert_string_equal(terms_of(&th, "疫情防控"), "核酸|疫苗");
	assert_string_equal(th.v[0].origin, "user:1");
	assert_true(strstr(terms_of(&th, "老旧小区改造"), "楼院|") != NULL);
	assert_true(strstr(terms_of(&th, "老旧小区改造"), "|物业") != NULL);
	assert_null(themes_find(&th, "公共服务"));
	assert_string_equal(terms_of(&th, "新主题"), "甲");
	assert_int_equal(th.n, 10);
	assert_string_equal(th.v[9].name, "新主题");
	/* 加装电梯 was already there: a warning, not a second copy. */
	assert_int_equal(th.nwarnings, 2);
	assert_string_equal(th.warnings[0], "user:2: term '加装电梯' repeated; kept once");
	assert_string_equal(th.warnings[1], "user:4: no theme '没有' to remove");
	themes_free(&th);
}

/* Parsing `text` fails with exactly `msg`, and leaves the themes as they were. */
static void check_error(const char *text, size_t len, const char *msg)
{
	struct themes th;
	struct fy_err err = {0};

	themes_init(&th);
	assert_int_equal(parse(&th, "Keep: k\n", &err), 0);
	memset(&err, 0, sizeof(err));
	assert_int_equal(themes_parse(&th, "t", text, len, &err), -1);
	assert_string_equal(err.msg, msg);
	assert_int_equal(th.n, 1);
	assert_string_equal(terms_of(&th, "Keep"), "k");
	assert_int_equal(th.nwarnings, 0);
	themes_free(&th);
}

static void test_errors(void **state)
{
	struct buf b;

	(void)state;
	check_error("A: x\n\njust words\n", 17, "t:3: expected 'NAME: TERM TERM ...'");
	check_error("A: x\nB: \xFF\n", 10, "t:2: invalid UTF-8 (byte 8)");
	check_error("A: x\n: y\n", 9, "t:2: theme name missing before ':'");
	check_error("Keep: a\nA:\n", 11, "t:2: theme 'A' has no terms");
	check_error("A: x\x01y\n", 7, "t:1: control character (byte 5 of the line)");
	check_error("A: x\n-\n", 7, "t:2: expected a theme name after '-'");
	check_error("A: x\0y\n", 7, "t:1: control character (byte 5 of the line)");
	check_error("A: x\na\tb: y\n", 12, "t:2: TAB inside a theme name");
	/* Too long a line, a term, a name; too many themes. */
	buf_init(&b);
	buf_adds(&b, "A: ");
	for (int i = 0; i < THEMES_LINE_MAX; i++)
		buf_adds(&b, i % 2 ? " " : "x");
	check_error(b.data, b.len, "t:1: line longer than 8192 bytes");
	b.len = 0;
	buf_adds(&b, "# first\nA: ");
	for (int i = 0; i <= THEMES_TERM_MAX; i++)
		buf_addc(&b, 'x');
	check_error(b.data, b.len, "t:2: term longer than 120 bytes");
	b.len = 0;
	for (int i = 0; i <= THEMES_NAME_MAX; i++)
		buf_addc(&b, 'n');
	buf_adds(&b, ": x");
	check_error(b.data, b.len, "t:1: theme name longer than 120 bytes");
	b.len = 0;
	for (int i = 0; i < THEMES_MAX; i++)
		buf_printf(&b, "T%d: x\n", i);
	check_error(b.data, b.len, "t:1000: more than 1000 themes");
	b.len = 0;
	buf_adds(&b, "A:");
	for (int i = 0; i <= THEMES_MAX_TERMS; i++)
		buf_printf(&b, " t%d", i);
	check_error(b.data, b.len, "t:1: more than 500 terms in theme 'A'");
	buf_free(&b);
}

static void test_pick(void **state)
{
	struct themes th;
	size_t idx[16];

	(void)state;
	themes_init(&th);
	themes_load_builtin(&th);
	assert_int_equal(themes_pick(&th, "yqfk", idx, 16), 1);
	assert_string_equal(th.v[idx[0]].name, "疫情防控");
	assert_int_equal(themes_pick(&th, "yiqing", idx, 16), 1);
	assert_string_equal(th.v[idx[0]].name, "疫情防控");
	assert_int_equal(themes_pick(&th, "ljxq", idx, 16), 1);
	assert_string_equal(th.v[idx[0]].name, "老旧小区改造");
	assert_int_equal(themes_pick(&th, "疫情防控", idx, 16), 1);
	/* 改造 is in two names; file order. */
	assert_int_equal(themes_pick(&th, "gz", idx, 16), 2);
	assert_string_equal(th.v[idx[0]].name, "老旧小区改造");
	assert_string_equal(th.v[idx[1]].name, "道路改造");
	assert_int_equal(themes_pick(&th, "", idx, 16), 10);
	assert_int_equal(themes_pick(&th, "", idx, 3), 10);
	assert_int_equal(themes_pick(&th, "zzzz", idx, 16), 0);
	/* An exact name comes first even when others match too. */
	assert_int_equal(themes_parse(&th, "u", "改造: 改造\n", 15, NULL), 0);
	assert_int_equal(themes_pick(&th, "改造", idx, 16), 3);
	assert_string_equal(th.v[idx[0]].name, "改造");
	themes_free(&th);
}

/* -t NAME: an exact name, else the one theme a pick finds; none or several
 * are errors that list the candidates. */
static void test_resolve(void **state)
{
	struct themes th;
	const struct theme *got = NULL;
	struct fy_err err = { 0 };

	(void)state;
	themes_init(&th);
	themes_load_builtin(&th);
	assert_int_equal(themes_resolve(&th, "疫情防控", &got, &err), 0);
	assert_string_equal(got->name, "疫情防控");
	assert_int_equal(themes_resolve(&th, "yqfk", &got, &err), 0);
	assert_string_equal(got->name, "疫情防控");
	assert_int_equal(themes_resolve(&th, "gz", &got, &err), EXIT_NOMATCH);
	assert_int_equal(err.code, EXIT_NOMATCH);
	assert_string_equal(err.msg, "theme 'gz' is ambiguous: 老旧小区改造, 道路改造");
	memset(&err, 0, sizeof err);
	assert_int_equal(themes_resolve(&th, "zzzz", &got, &err), EXIT_TROUBLE);
	assert_int_equal(err.code, EXIT_TROUBLE);
	assert_non_null(strstr(err.msg, "no theme 'zzzz'; themes: "));
	assert_non_null(strstr(err.msg, "疫情防控"));
	/* An exact name wins over the other names it is part of. */
	assert_int_equal(themes_parse(&th, "u", "改造: 改造\n", 15, NULL), 0);
	assert_int_equal(themes_resolve(&th, "改造", &got, &err), 0);
	assert_string_equal(got->name, "改造");
	themes_free(&th);
}

static void test_files(void **state)
{
	struct themes th;
	struct fy_err err = {0};
	char dir[] = "/tmp/fayan-themes-XXXXXX";
	char path[256];
	char *user;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	user = themes_user_path();
	snprintf(path, sizeof(path), "%s/fayan/themes", dir);
	assert_string_equal(user, path);
	free(user);
	/* A relative XDG_CONFIG_HOME is ignored, as the spec says. */
	setenv("XDG_CONFIG_HOME", "rel", 1);
	setenv("HOME", "/home/u", 1);
	user = themes_user_path();
	assert_string_equal(user, "/home/u/.config/fayan/themes");
	free(user);
	setenv("XDG_CONFIG_HOME", dir, 1);

	themes_init(&th);
	/* No user file: the built-in themes only. */
	assert_int_equal(themes_load(&th, &err), 0);
	assert_int_equal(th.n, 10);
	themes_free(&th);

	snprintf(path, sizeof(path), "%s/fayan", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/fayan/themes", dir);
	f = fopen(path, "w");
	fputs("# mine\n疫情防控 += 方舱\n网格化: 网格\nbad line\n", f);
	fclose(f);
	themes_init(&th);
	assert_int_equal(themes_load(&th, &err), -1);
	snprintf(path, sizeof(path), "%s/fayan/themes:4: expected 'NAME: TERM TERM ...'", dir);
	assert_string_equal(err.msg, path);
	assert_int_equal(th.n, 10); /* the built-in ones are still there */
	themes_free(&th);

	snprintf(path, sizeof(path), "%s/fayan/themes", dir);
	f = fopen(path, "w");
	fputs("疫情防控 += 方舱\n网格化: 网格\n", f);
	fclose(f);
	themes_init(&th);
	assert_int_equal(themes_load(&th, &err), 0);
	assert_int_equal(th.n, 11);
	assert_string_equal(th.v[0].terms[th.v[0].nterms - 1], "方舱");
	themes_free(&th);
	unlink(path);
	snprintf(path, sizeof(path), "%s/fayan", dir);
	rmdir(path);
	rmdir(dir);
	unsetenv("XDG_CONFIG_HOME");
}

/* A read that blocks must fail the test, not hang it. */
static void on_alarm(int sig)
{
	static const char msg[] = "test_themes: reading a themes file took over 5 s\n";

	(void)sig;
	(void)!write(2, msg, sizeof msg - 1);
	_exit(1);
}

/* A FIFO, a directory or a device where the themes file should be: an error
 * at once ("not a regular file"), the themes unchanged; a link to a regular
 * file is read as the file. */
static void test_file_not_regular(void **state)
{
	char dir[64], path[128], real[192];
	struct themes th;
	struct fy_err err = {0};
	FILE *f;

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/fythemes.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/themes", dir);
	signal(SIGALRM, on_alarm);
	alarm(5);

	assert_int_equal(mkfifo(path, 0600), 0);
	themes_init(&th);
	themes_load_builtin(&th);
	assert_int_equal(themes_load_file(&th, path, &err), -1);
	snprintf(real, sizeof real, "%s: not a regular file", path);
	assert_string_equal(err.msg, real);
	assert_int_equal(th.n, 10);
	unlink(path);

	assert_int_equal(mkdir(path, 0700), 0);
	memset(&err, 0, sizeof err);
	assert_int_equal(themes_load_file(&th, path, &err), -1);
	assert_string_equal(err.msg, real);
	rmdir(path);

	memset(&err, 0, sizeof err);
	assert_int_equal(themes_load_file(&th, "/dev/zero", &err), -1);
	assert_string_equal(err.msg, "/dev/zero: not a regular file");
	alarm(0);

	snprintf(real, sizeof real, "%s/real", dir);
	f = fopen(real, "w");
	assert_non_null(f);
	fputs("网格化: 网格\n", f);
	fclose(f);
	assert_int_equal(symlink(real, path), 0);
	assert_int_equal(themes_load_file(&th, path, &err), 0);
	assert_int_equal(th.n, 11);
	themes_free(&th);
	unlink(path);
	unlink(real);
	rmdir(dir);
}

static void test_theme_search(void **state)
{
	struct themes th;
	struct search *s;
	struct search_hits h;
	const char *t = "统筹好疫情防控和经济社会发展,做实口罩、消毒液";

	(void)state;
	themes_init(&th);
	themes_load_builtin(&th);
	s = theme_search(themes_find(&th, "疫情防控"));
	assert_non_null(s);
	search_hits_init(&h);
	/* 疫情 and 防控 are separate terms: two hits, then 口罩 and 消毒. */
	assert_int_equal(search_para(s, t, strlen(t), &h), 4);
	assert_memory_equal(t + h.v[0].off, "疫情", h.v[0].len);
	assert_memory_equal(t + h.v[1].off, "防控", h.v[1].len);
	assert_memory_equal(t + h.v[2].off, "口罩", h.v[2].len);
	assert_memory_equal(t + h.v[3].off, "消毒", h.v[3].len);
	search_hits_free(&h);
	search_free(s);
	themes_free(&th);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_file_not_regular),
		cmocka_unit_test(test_theme_search),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
