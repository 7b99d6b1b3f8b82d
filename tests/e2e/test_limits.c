/* test_limits.c: the browser at the edges of what it accepts: a size in
 * LINES and COLUMNS no terminal has, a locale that is missing or whose
 * character set is not UTF-8, a section too large for one OSC 52 sequence
 * and an emoji sequence wider than the reading pane. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <sys/wait.h>
#include <unistd.h>

#include "fayan/util.h"
#include "harness.h"

/* Write `data` to a new file named `name` in a private directory; returns
 * its path (free it, after put_file_remove). */
static char *put_file(const char *name, const char *data, size_t len)
{
	const char *tmp = getenv("TMPDIR");
	struct buf path;
	FILE *f;

	buf_init(&path);
	buf_printf(&path, "%s/fayan-limits.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(path.data));
	buf_printf(&path, "/%s", name);
	f = fopen(path.data, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return buf_take(&path, NULL);
}

/* Remove the file put_file made, and its directory. */
static void put_file_remove(char *path)
{
	char *slash = strrchr(path, '/');

	unlink(path);
	*slash = '\0';
	rmdir(path);
	free(path);
}

/* Run fayan with `argv` and `env` to its end; fill its status and stderr. */
static struct term *run_to_end(const char *const *argv, const char *const *env, int *st)
{
	struct term_opts o = {.cols = 80, .rows = 24, .argv = argv, .env = env, .stderr_to_file = true};
	struct term *t = term_spawn_opts(&o);

	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, st));
	return t;
}

/* LINES and COLUMNS larger than any terminal: one clear message naming the
 * variable, not "unknown terminal type". */
static void test_env_size_refused(void **state)
{
	int st = -1;
	struct term *t = run_to_end(TERM_ARGV("fayan"), TERM_ARGV("LINES=99999999", "COLUMNS=99999999"), &st);

	(void)state;
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 2);
	assert_string_equal(term_stderr(t, NULL), "fayan: LINES=99999999 is too large a terminal size (at most 1000);"
						  " unset it to use the terminal's own\n");
	term_free(t);
}

/* A terminal that reports a size past any screen: refused at start with
 * one line (ncurses would allocate its screens for it: 3000x3000 cost
 * 740 MB, 65535x65535 made newterm fail as an unknown terminal). */
static void test_reported_size_refused(void **state)
{
	int st = -1;
	struct term_opts o = {.cols = 80, .rows = 24, .report_cols = 3000, .report_rows = 50, .stderr_to_file = true};
	struct term *t = term_spawn_opts(&o);

	(void)state;
	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 2);
	assert_string_equal(term_stderr(t, NULL), "fayan: the terminal reports a size of 3000 columns by 50 lines, too"
						  " large (at most 1000 either way); use --print to print sections\n");
	term_free(t);
	/* 1000 either way is taken. */
	o = (struct term_opts){.cols = 80, .rows = 24, .report_cols = 1000, .report_rows = 1000};
	t = term_spawn_opts(&o);
	assert_non_null(t);
	assert_true(term_wait_for(t, "马东亮", 5000));
	assert_int_equal(term_quit(t), 0);
}

/* A resize past the limit is not followed: the screen stays as it was and
 * the status line says why; a usable size after it is followed again. */
static void test_reported_resize_refused(void **state)
{
	struct term *t = term_spawn(100, 24, TERM_ARGV("fayan"), NULL);
	long rss;

	(void)state;
	assert_non_null(t);
	assert_true(term_wait_for(t, " 1/10 ", 5000));
	term_wait_quiet(t, 100);
	term_report_size(t, 100, 60000);
	assert_true(term_wait_for(t, "terminal size 100x60000 too large (at most 1000): the screen stays 100x24", 3000));
	rss = term_proc_status(t, "VmRSS:");
	assert_true(rss > 0 && rss < 200 * 1024); /* kB */
	term_send(t, "2");
	assert_true(term_wait_for(t, " 2/10 ", 3000));
	term_resize(t, 90, 20);
	assert_true(term_wait_quiet(t, 200));
	assert_int_equal(term_find(t, "2/10 高留念"), 19); /* the status line on the last row of 20 */
	assert_int_equal(term_quit(t), 0);
}

/* A UTF-8 locale asked for but not installed is named in the status line. */
static void test_locale_missing_named(void **state)
{
	struct term_opts o = {.cols = 100, .rows = 24, .env = TERM_ARGV("LANG=xx_XX.UTF-8")};
	struct term *t = term_spawn_opts(&o);

	(void)state;
	assert_non_null(t);
	assert_true(term_wait_for(t, "locale xx_XX.UTF-8 is not installed; using C.UTF-8", 5000));
	assert_int_equal(term_quit(t), 0);
}

/* A locale whose character set is not UTF-8: the browser is refused with
 * one line and status 2; --utf8 browses all the same. */
static void test_locale_not_utf8(void **state)
{
	int st = -1;
	struct term *t = run_to_end(TERM_ARGV("fayan"), TERM_ARGV("LC_ALL=zh_CN.GB18030"), &st);
	struct term_opts o = {.cols = 100, .rows = 24, .argv = TERM_ARGV("fayan", "--utf8"),
			      .env = TERM_ARGV("LC_ALL=zh_CN.GB18030")};

	(void)state;
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 2);
	assert_string_equal(term_stderr(t, NULL),
			    "fayan: the locale's character set is GB18030: the browser needs a UTF-8 terminal"
			    " (--utf8 if the terminal is UTF-8 all the same; or use --print or --list)\n");
	assert_int_equal(term_find(t, "马东亮"), -1);
	term_free(t);
	t = term_spawn_opts(&o);
	assert_non_null(t);
	assert_true(term_wait_for(t, "1/10 马东亮", 5000));
	assert_int_equal(term_quit(t), 0);
}

/* An article whose one section is longer than one OSC 52 sequence may
 * carry; returns its path. */
static char *big_section(void)
{
	struct buf b;
	char *path;

	buf_init(&b);
	buf_adds(&b, "标题\n\n标题二\n\n某某市某某镇党委书记 张三\n\n");
	for (int i = 0; i < 4000; i++)
		buf_adds(&b, "城关乡推进公共服务，");
	buf_adds(&b, "好。\n");
	path = put_file("big.txt", b.data, b.len);
	buf_free(&b);
	return path;
}

/* y on a section of 120 KB: one sequence of at most 100,000 base64 bytes,
 * the start of the section cut at a character, and the status line says so. */
static void test_osc52_capped(void **state)
{
	struct term *t, *printer;
	size_t n, b64, full_len;
	char *file, *got, msg[160];
	const char *full;
	int st;

	(void)state;
	file = big_section();
	{
		struct term_opts po = {.argv = TERM_ARGV("fayan", "-p", "1", "-w", "0", file), .stdout_to_file = true};

		printer = term_spawn_opts(&po);
		assert_non_null(printer);
		assert_true(term_wait_exit(printer, 5000, &st));
		full = term_stdout(printer, &full_len);
		assert_true(full_len > 120000);
	}
	{
		struct term_opts o = {.cols = 100, .rows = 30, .argv = TERM_ARGV("fayan", file)};

		t = term_spawn_opts(&o);
	}
	assert_non_null(t);
	assert_true(term_wait_for(t, "1/1 ", 5000));
	term_wait_quiet(t, 0);
	term_log_clear(t);
	term_type(t, "y");
	got = term_log_clipboard(t, &n, &b64);
	assert_non_null(got);
	if (b64 > 100000)
		fail_msg("OSC 52 payload of %zu bytes", b64);
	assert_true(n > 70000 && n < full_len);
	assert_memory_equal(got, full, n);
	/* Cut between characters: the next byte starts one. */
	assert_true(((unsigned char)full[n] & 0xC0) != 0x80);
	snprintf(msg, sizeof msg, "copied the first %zu of %zu bytes", n, full_len);
	assert_true(term_wait_for(t, msg, 2000));
	free(got);
	term_free(printer);
	assert_int_equal(term_quit(t), 0);
	put_file_remove(file);
}

/* Twelve emoji joined by ZWJ make one grapheme cluster of 24 columns, wider
 * than a 20-column terminal: it is shown as an ellipsis, not left out, with
 * the text around it in place. */
static void test_zwj_wider_than_pane(void **state)
{
	static const char emoji[] = "\xF0\x9F\x91\xA8", zwj[] = "\xE2\x80\x8D";
	struct buf doc;
	struct term *t;
	char *file;
	int row, col;

	(void)state;
	buf_init(&doc);
	buf_adds(&doc, "标题\n\n标题二\n\n某某市某某镇党委书记 张三\n\n张三说前。");
	for (int i = 0; i < 12; i++)
		buf_printf(&doc, "%s%s", i ? zwj : "", emoji);
	buf_adds(&doc, "后面的话。\n");
	file = put_file("zwj.txt", doc.data, doc.len);
	buf_free(&doc);
	{
		struct term_opts o = {.cols = 20, .rows = 12, .argv = TERM_ARGV("fayan", file)};

		t = term_spawn_opts(&o);
	}
	assert_non_null(t);
	assert_true(term_wait_for(t, "1/1", 5000));
	term_type(t, "z");
	assert_true(term_wait_for(t, "张三说前。", 2000));
	assert_true(term_find_pos(t, "张三说前。", &row, &col));
	if (strcmp(term_row(t, row + 1), "…") != 0 && strcmp(term_row(t, row + 1), " …") != 0)
		fail_msg("the emoji sequence is not shown as an ellipsis:\n%s", term_screen(t));
	assert_true(term_find(t, "后面的话。") == row + 2);
	assert_int_equal(term_quit(t), 0);
	put_file_remove(file);
}

E2E_GROUP(limits)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_env_size_refused),
		cmocka_unit_test(test_reported_size_refused),
		cmocka_unit_test(test_reported_resize_refused),
		cmocka_unit_test(test_locale_missing_named),
		cmocka_unit_test(test_locale_not_utf8),
		cmocka_unit_test(test_osc52_capped),
		cmocka_unit_test(test_zwj_wider_than_pane),
	};

	return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}
