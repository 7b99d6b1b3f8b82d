/* test_harness.c: the harness checked against standard programs (sh, cat, stty, od),
 * so that a failing browser test points at the browser, not at the harness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "fayan/util.h"
#include "harness.h"

#define SH(script) TERM_ARGV("/bin/sh", "-c", script)

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000L + (now.tv_nsec - since->tv_nsec) / 1000000L;
}

/* Run a script to completion in a cols x rows terminal and check it exited 0. */
static struct term *run_sh(int cols, int rows, const char *script)
{
	struct term *t = term_spawn(cols, rows, SH(script), NULL);
	int st = -1;
	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	return t;
}

static void test_wide_chars_and_bold(void **state)
{
	(void)state;
	struct term *t = run_sh(40, 5, "printf '\\033[1m中文\\033[0m abc'");
	struct term_cell c;
	int row, col;

	assert_string_equal(term_row(t, 0), "中文 abc");
	assert_true(term_cell(t, 0, 0, &c));
	assert_string_equal(c.text, "中");
	assert_int_equal(c.width, 2);
	assert_true(c.bold);
	assert_true(term_cell(t, 0, 1, &c));
	assert_string_equal(c.text, ""); /* right half of 中 */
	assert_true(term_cell(t, 0, 2, &c));
	assert_string_equal(c.text, "文");
	assert_true(c.bold);
	assert_true(term_cell(t, 0, 4, &c));
	assert_string_equal(c.text, " ");
	assert_false(c.bold);
	assert_true(term_cell(t, 0, 5, &c));
	assert_string_equal(c.text, "a");
	assert_false(c.bold);
	assert_false(c.reverse);
	assert_false(term_cell(t, 5, 0, &c));
	assert_false(term_cell(t, 0, 40, &c));

	assert_int_equal(term_find(t, "中文"), 0);
	assert_int_equal(term_find(t, "zzz"), -1);
	assert_true(term_find_pos(t, "abc", &row, &col));
	assert_int_equal(row, 0);
	assert_int_equal(col, 5);
	assert_true(term_find_pos(t, "文", &row, &col));
	assert_int_equal(col, 2);
	term_cursor(t, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 8);
	assert_true(term_log_has(t, "\033[1m中文"));
	term_free(t);
}

static void test_colours_in_cells_and_log(void **state)
{
	(void)state;
	struct term *t = run_sh(40, 5, "printf '\\033[31mred\\033[0m \\033[38;5;196mX\\033[44mY\\033[0m plain'");
	struct term_cell c;

	assert_string_equal(term_row(t, 0), "red XY plain");
	assert_true(term_log_has(t, "\033[31m"));
	assert_false(term_log_has(t, "\033[32m"));
	assert_int_equal(term_log_colours(t), 3);
	assert_true(term_cell(t, 0, 0, &c));
	assert_false(c.fg_default);
	assert_int_equal(c.fg_index, 1);
	assert_true(c.bg_default);
	assert_true(term_cell(t, 0, 4, &c));
	assert_int_equal(c.fg_index, 196);
	assert_true(term_cell(t, 0, 5, &c));
	assert_int_equal(c.bg_index, 4);
	assert_false(c.bg_default);
	assert_true(term_cell(t, 0, 7, &c));
	assert_string_equal(c.text, "p");
	assert_true(c.fg_default);
	assert_true(c.bg_default);
	assert_int_equal(c.fg_index, -1);

	/* Clearing the log forgets the bytes but not the screen. */
	term_log_clear(t);
	assert_false(term_log_has(t, "\033[31m"));
	assert_int_equal(term_log_colours(t), 0);
	assert_int_equal(term_find(t, "red"), 0);
	term_free(t);

	/* tput reads the terminfo entry of the TERM the child was given. */
	t = run_sh(40, 5, "tput setaf 2; printf green; tput sgr0");
	assert_true(term_log_has(t, "\033[32m"));
	assert_int_equal(term_log_colours(t), 1);
	assert_true(term_cell(t, 0, 0, &c));
	assert_int_equal(c.fg_index, 2);
	term_free(t);

	/* Attributes and colour resets are not colours. */
	t = run_sh(40, 5, "printf '\\033[1mb\\033[7mr\\033[39;49m\\033[0m\\033[?25h\\033[m.'");
	assert_int_equal(term_log_colours(t), 0);
	assert_true(term_cell(t, 0, 1, &c));
	assert_true(c.reverse);
	assert_true(c.bold);
	term_free(t);
}

static void test_environment(void **state)
{
	(void)state;
	const char *script = "echo \"T=$TERM L=${LANG-unset} A=${LC_ALL-unset} N=${NO_COLOR-unset} "
			     "E=${ESCDELAY-unset}\"; echo \"$XDG_STATE_HOME\"; echo \"$HOME\"";
	struct term_opts o = {
		.argv = SH(script),
		.env = TERM_ARGV("NO_COLOR=1", "ESCDELAY=25"),
		.stdout_to_file = true,
	};
	struct term *t = term_spawn_opts(&o);
	struct buf want;
	struct stat st;
	int status;

	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &status));
	buf_init(&want);
	buf_printf(&want, "T=xterm-256color L=C.UTF-8 A=unset N=1 E=25\n%s/state\n%s/home\n", term_dir(t),
		   term_dir(t));
	assert_string_equal(term_stdout(t, NULL), want.data);
	assert_int_equal(stat(term_dir(t), &st), 0);
	char *dir = xstrdup(term_dir(t));
	term_free(t);
	assert_int_not_equal(stat(dir, &st), 0); /* the temp dir is removed */
	free(dir);

	/* "VAR=" unsets; later entries win; each spawn has its own state dir. */
	o.env = TERM_ARGV("LANG=", "LC_ALL=zh_CN.UTF-8", "NO_COLOR=1", "NO_COLOR=");
	t = term_spawn_opts(&o);
	struct term *u = term_spawn_opts(&o);
	assert_non_null(t);
	assert_non_null(u);
	assert_true(term_wait_exit(t, 5000, &status));
	assert_true(term_wait_exit(u, 5000, &status));
	assert_string_not_equal(term_dir(t), term_dir(u));
	want.len = 0;
	buf_printf(&want, "T=xterm-256color L=unset A=zh_CN.UTF-8 N=unset E=unset\n%s/state\n%s/home\n",
		   term_dir(t), term_dir(t));
	assert_string_equal(term_stdout(t, NULL), want.data);
	assert_string_equal(term_row(t, 0), ""); /* stdout went to the file */
	buf_free(&want);
	term_free(u);
	term_free(t);
}

static void test_fayan_path_from_env(void **state)
{
	(void)state;
	const char *old = getenv("FAYAN");
	char *saved = old ? xstrdup(old) : NULL;
	int st;

	setenv("FAYAN", "/bin/echo", 1);
	struct term *t = term_spawn(40, 5, TERM_ARGV("fayan", "按", "--x"), NULL);
	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_string_equal(term_row(t, 0), "按 --x");
	term_free(t);
	if (saved)
		setenv("FAYAN", saved, 1);
	else
		unsetenv("FAYAN");
	free(saved);
}

static void test_resize(void **state)
{
	(void)state;
	struct term *t = term_spawn(80, 24,
				    SH("trap 'stty size' WINCH; stty size; echo ready; "
				       "while :; do sleep 0.05; done"),
				    NULL);
	int cols, rows;

	assert_non_null(t);
	assert_true(term_wait_for(t, "ready", 5000));
	assert_string_equal(term_row(t, 0), "24 80");
	term_resize(t, 100, 30);
	term_size(t, &cols, &rows);
	assert_int_equal(cols, 100);
	assert_int_equal(rows, 30);
	assert_true(term_wait_for(t, "30 100", 5000));
	term_resize(t, 20, 5);
	assert_true(term_wait_for(t, "5 20", 5000));
	assert_string_equal(term_row(t, 5), ""); /* outside the screen now */
	/* The loop never ends: term_free must kill it. */
	term_free(t);
}

static void test_typed_chinese(void **state)
{
	(void)state;
	/* The tty echoes what is typed, then cat prints it back. */
	struct term *t = term_spawn(40, 5, TERM_ARGV("cat"), NULL);
	int st, row, col;

	assert_non_null(t);
	term_send(t, "中文输入 abc\r");
	assert_true(term_wait_row(t, 1, "中文输入 abc", 5000));
	assert_true(term_wait_quiet(t, 0));
	assert_string_equal(term_row(t, 0), "中文输入 abc");
	assert_string_equal(term_row(t, 2), "");
	assert_true(term_find_pos(t, "abc", &row, &col));
	assert_int_equal(col, 9);
	term_ctrl(t, 'd');
	assert_true(term_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	term_free(t);

	/* The bytes the program reads are exactly the UTF-8 typed. */
	struct term_opts o = { .cols = 30, .rows = 4, .argv = TERM_ARGV("cat"), .stdout_to_file = true };
	t = term_spawn_opts(&o);
	assert_non_null(t);
	term_send(t, "发言摘登，“引号”\r");
	term_ctrl(t, 'D');
	assert_true(term_wait_exit(t, 5000, &st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_string_equal(term_stdout(t, NULL), "发言摘登，“引号”\n");
	assert_string_equal(term_row(t, 0), "发言摘登，“引号”");
	assert_string_equal(term_row(t, 1), "");
	term_free(t);
}

static void test_keys_follow_cursor_mode(void **state)
{
	(void)state;
	struct term *t = term_spawn(60, 10,
				    SH("stty -icanon -echo -icrnl -isig min 1; echo ready; "
				       "head -c 3 | od -An -tx1; printf '\\033[?1happ\\n'; "
				       "head -c 3 | od -An -tx1; echo more; head -c 8 | od -An -tx1"),
				    NULL);
	int st;

	assert_non_null(t);
	assert_true(term_wait_for(t, "ready", 5000));
	term_key(t, VTERM_KEY_UP);
	assert_true(term_wait_for(t, "1b 5b 41", 5000)); /* ESC [ A */
	assert_true(term_wait_for(t, "app", 5000));
	term_key(t, VTERM_KEY_UP);
	assert_true(term_wait_for(t, "1b 4f 41", 5000)); /* ESC O A in application mode */
	assert_true(term_wait_for(t, "more", 5000));
	term_ctrl(t, 'a');
	term_key(t, VTERM_KEY_ENTER);
	term_raw(t, "\033", 1);
	term_send(t, "中");
	term_ctrl(t, '?');
	term_send(t, "\xff"); /* invalid UTF-8 passes through as the byte */
	assert_true(term_wait_exit(t, 5000, &st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_true(term_find(t, "01 0d 1b e4 b8 ad 7f ff") >= 0);
	term_free(t);
}

static void test_exit_status_and_signals(void **state)
{
	(void)state;
	struct term *t = term_spawn(40, 5, SH("exit 3"), NULL);
	int st;

	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 3);
	/* Waiting again gives the same answer at once. */
	assert_true(term_wait_exit(t, 1, &st));
	assert_int_equal(WEXITSTATUS(st), 3);
	term_free(t);

	t = term_spawn(40, 5, SH("trap 'echo hup; exit 7' HUP; echo ready; while :; do sleep 0.05; done"), NULL);
	assert_non_null(t);
	assert_true(term_wait_for(t, "ready", 5000));
	term_signal(t, SIGHUP);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_int_equal(WEXITSTATUS(st), 7);
	assert_string_equal(term_row(t, 1), "hup");
	term_free(t);

	t = term_spawn(40, 5, SH("kill -TERM $$"), NULL);
	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGTERM);
	term_free(t);

	/* A program that cannot be run exits 127 and says why on the terminal. */
	t = term_spawn(60, 5, TERM_ARGV("/nonexistent/fayan"), NULL);
	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_int_equal(WEXITSTATUS(st), 127);
	assert_true(term_find(t, "cannot run /nonexistent/fayan") >= 0);
	term_free(t);
}

static void test_redirected_stdio(void **state)
{
	(void)state;
	/* stdin from data, stdout to a file, drawing on /dev/tty: the fzf layout. */
	struct term_opts o = {
		.cols = 40,
		.rows = 5,
		.argv = SH("cat; echo 到终端 > /dev/tty; echo oops >&2"),
		.stdin_data = "来自标准输入\n",
		.stdout_to_file = true,
	};
	struct term *t = term_spawn_opts(&o);
	size_t len;
	int st;

	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_string_equal(term_stdout(t, &len), "来自标准输入\n");
	assert_int_equal(len, strlen("来自标准输入\n"));
	assert_string_equal(term_row(t, 0), "到终端");
	assert_string_equal(term_row(t, 1), "oops"); /* stderr stays on the terminal */
	assert_int_equal(term_find(t, "来自"), -1);
	assert_string_equal(term_stderr(t, &len), "");
	assert_int_equal(len, 0);
	term_free(t);

	struct term_opts p = {
		.argv = SH("[ -t 0 ] && echo in-tty || echo in-notty; [ -t 1 ] && echo out-tty; echo err >&2"),
		.stdin_path = "/dev/null",
		.stderr_to_file = true,
	};
	t = term_spawn_opts(&p);
	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_string_equal(term_row(t, 0), "in-notty");
	assert_string_equal(term_row(t, 1), "out-tty");
	assert_int_equal(term_find(t, "err"), -1);
	assert_string_equal(term_stderr(t, NULL), "err\n");
	assert_string_equal(term_stdout(t, NULL), ""); /* nothing redirected */
	term_free(t);
}

static void test_rows_screen_combining(void **state)
{
	(void)state;
	struct term *t = run_sh(10, 4, "printf 'e\\314\\201x  \\n  y\\n\\tz'");
	struct term_cell c;
	int row, col;

	assert_string_equal(term_row(t, 0), "e\xcc\x81x");
	assert_string_equal(term_row(t, 1), "  y");
	assert_string_equal(term_row(t, 2), "        z");
	assert_string_equal(term_row(t, 3), "");
	assert_string_equal(term_row(t, -1), "");
	assert_string_equal(term_row(t, 4), "");
	assert_string_equal(term_screen(t), "e\xcc\x81x\n  y\n        z\n");
	assert_true(term_cell(t, 0, 0, &c));
	assert_string_equal(c.text, "e\xcc\x81");
	assert_int_equal(c.width, 1);
	assert_true(term_cell(t, 0, 3, &c));
	assert_string_equal(c.text, " "); /* a written space */
	assert_true(term_cell(t, 0, 5, &c));
	assert_string_equal(c.text, ""); /* never written */
	assert_true(term_cell(t, 2, 4, &c));
	assert_string_equal(c.text, ""); /* skipped by the tab */
	assert_true(term_find_pos(t, "z", &row, &col));
	assert_int_equal(row, 2);
	assert_int_equal(col, 8);
	term_cursor(t, &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 9);
	term_free(t);

	/* A wide character that does not fit wraps whole to the next row. */
	t = run_sh(5, 3, "printf 'ab中文'");
	assert_string_equal(term_row(t, 0), "ab中");
	assert_string_equal(term_row(t, 1), "文");
	term_free(t);
}

static void test_altscreen_and_cursor(void **state)
{
	(void)state;
	struct term *t = term_spawn(20, 4,
				    SH("printf 'main'; printf '\\033[?1049h\\033[?25l\\033[HALT'; "
				       "read x; printf '\\033[?1049l\\033[?25h'"),
				    NULL);
	int st;

	assert_non_null(t);
	assert_true(term_cursor_visible(t));
	assert_true(term_wait_for(t, "ALT", 5000));
	assert_true(term_altscreen(t));
	assert_false(term_cursor_visible(t));
	assert_int_equal(term_find(t, "main"), -1);
	term_key(t, VTERM_KEY_ENTER);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_false(term_altscreen(t));
	assert_true(term_cursor_visible(t));
	assert_string_equal(term_row(t, 0), "main");
	term_free(t);
}

static void test_never_hangs(void **state)
{
	(void)state;
	struct timespec start;
	int st = 12345;

	/* Endless output: the quiet wait gives up at its cap. */
	struct term *t = term_spawn(40, 5, TERM_ARGV("yes", "中"), NULL);
	assert_non_null(t);
	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_false(term_wait_quiet_cap(t, 100, 300));
	assert_true(elapsed_ms(&start) < 2000);
	assert_true(term_find(t, "中") >= 0);
	assert_false(term_wait_exit(t, 50, &st));
	assert_int_equal(st, 12345); /* untouched on timeout */
	clock_gettime(CLOCK_MONOTONIC, &start);
	term_free(t);
	assert_true(elapsed_ms(&start) < 2000);

	/* Silence and no exit. */
	t = term_spawn(40, 5, TERM_ARGV("sleep", "30"), NULL);
	assert_non_null(t);
	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_true(term_wait_quiet(t, 50));
	assert_false(term_wait_exit(t, 100, &st));
	assert_false(term_wait_for(t, "never", 100));
	assert_true(elapsed_ms(&start) < 2000);
	term_free(t);

	/* A child that leaves a grandchild holding the terminal still counts as exited. */
	t = term_spawn(40, 5, SH("sleep 30 & echo bye"), NULL);
	assert_non_null(t);
	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_true(term_wait_for(t, "bye", 1000));
	assert_true(elapsed_ms(&start) < 3000);
	term_free(t);
}

/* A scroll region below the new last row after the terminal shrinks: the
 * emulator resets it, as xterm does, instead of scrolling a negative number
 * of rows (libvterm 0.3 crashes there; the resize storm of test_faults hit it). */
static void test_shrink_below_scroll_region(void **state)
{
	struct term *t = term_spawn(80, 24,
				    TERM_ARGV("sh", "-c",
					      "printf '\\033[20;24r\\033[22;1Hbefore'; read x; "
					      "printf '\\033[5S\\033[1;1Hafter'; read y"),
				    NULL);

	(void)state;
	assert_non_null(t);
	assert_true(term_wait_for(t, "before", 5000));
	term_resize(t, 80, 10);
	term_send(t, "\r");
	assert_true(term_wait_for(t, "after", 5000));
	assert_string_equal(term_row(t, 0), "after");
	term_send(t, "\r");
	term_free(t);

	/* A wide character arriving for a 1-column screen (output written before
	 * a resize): libvterm 0.3 would write past its one column. */
	t = term_spawn(80, 24, TERM_ARGV("sh", "-c", "read x; printf '\\033[5;2H中文after'; read y"), NULL);
	assert_non_null(t);
	term_wait_quiet(t, 100);
	term_resize(t, 1, 7);
	term_send(t, "\r");
	assert_true(term_wait_for(t, "r", 5000));
	term_send(t, "\r");
	term_free(t);
}

E2E_GROUP(harness)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wide_chars_and_bold),
		cmocka_unit_test(test_shrink_below_scroll_region),
		cmocka_unit_test(test_colours_in_cells_and_log),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_fayan_path_from_env),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_typed_chinese),
		cmocka_unit_test(test_keys_follow_cursor_mode),
		cmocka_unit_test(test_exit_status_and_signals),
		cmocka_unit_test(test_redirected_stdio),
		cmocka_unit_test(test_rows_screen_combining),
		cmocka_unit_test(test_altscreen_and_cursor),
		cmocka_unit_test(test_never_hangs),
	};
	return cmocka_run_group_tests_name("harness", tests, NULL, NULL);
}
