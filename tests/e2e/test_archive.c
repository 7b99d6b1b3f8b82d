/* test_archive.c: the browser on an archive of many files. The first screen
 * comes before every file is read; the rest is read while the browser runs,
 * keys still work, filters and counts grow with it, a file that turns out
 * unreadable is named, and the saved position is found when its file arrives. */
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

#include "harness.h"

/* Files per archive, 3 sections each: enough that reading them takes many
 * slices of the browser's loop, so the first screen comes well before the end. */
#define NFILES 4000
#define NSEC (3 * NFILES)

struct archive {
	char dir[64];
	char **argv; /* "fayan", options, then every file */
	size_t argc;
};

static const char *const names[] = {"张三", "李四", "王五", "赵六", "陈七"};

/* One small article: a title, an intro, three sections; the second section
 * of each file has exactly one hit of the theme 疫情防控 (疫情). */
static void write_article(const char *path, size_t i)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f, "第%zu期发言摘登\n\n导语%zu。\n\n", i + 1, i + 1);
	for (int k = 0; k < 3; k++)
		fprintf(f, "第%d篇标题%zu\n\n某某市某某镇党委书记 %s\n\n%s第%zu期的发言。%s\n\n", k + 1, i + 1,
			names[(i + (size_t)k) % 5], names[(i + (size_t)k) % 5], i + 1, k == 1 ? "做好疫情工作。" : "");
	assert_int_equal(fclose(f), 0);
}

static void add_arg(struct archive *a, const char *s)
{
	a->argv = realloc(a->argv, (a->argc + 2) * sizeof *a->argv);
	assert_non_null(a->argv);
	a->argv[a->argc++] = strdup(s);
	a->argv[a->argc] = NULL;
}

/* Write the archive; `bad` (if not SIZE_MAX) is a file of invalid UTF-8. */
static void make_archive(struct archive *a, size_t bad, const char *const opts[])
{
	char path[128];

	memset(a, 0, sizeof *a);
	snprintf(a->dir, sizeof a->dir, "/tmp/fayan-archive-XXXXXX");
	assert_non_null(mkdtemp(a->dir));
	add_arg(a, "fayan");
	for (size_t k = 0; opts && opts[k]; k++)
		add_arg(a, opts[k]);
	for (size_t i = 0; i < NFILES; i++) {
		snprintf(path, sizeof path, "%s/%05zu.txt", a->dir, i);
		if (i == bad) {
			FILE *f = fopen(path, "w");

			assert_non_null(f);
			fputs("标题\n\n\xff\xfe 坏字节\n", f);
			fclose(f);
		} else {
			write_article(path, i);
		}
		add_arg(a, path);
	}
}

static void free_archive(struct archive *a)
{
	char path[128];

	for (size_t i = 0; i < NFILES; i++) {
		snprintf(path, sizeof path, "%s/%05zu.txt", a->dir, i);
		unlink(path);
	}
	rmdir(a->dir);
	for (size_t i = 0; i < a->argc; i++)
		free(a->argv[i]);
	free(a->argv);
}

static struct term *spawn_archive(const struct archive *a, bool stderr_to_file)
{
	struct term_opts o = {.cols = 80, .rows = 24, .argv = (const char *const *)a->argv,
			      .stderr_to_file = stderr_to_file};
	struct term *t = term_spawn_opts(&o);

	assert_non_null(t);
	return t;
}

/* The first screen shows what is read so far, with a count that says more is
 * coming; the count becomes final once all is read, and keys work meanwhile. */
static void test_first_screen_before_all_is_read(void **state)
{
	struct archive a;
	struct term *t;
	char want[64];
	int row;

	(void)state;
	make_archive(&a, SIZE_MAX, TERM_ARGV("--no-state"));
	t = spawn_archive(&a, false);
	/* The first frame: the count so far, marked as growing, and the progress. */
	assert_true(term_wait_for(t, "reading ", 5000));
	row = term_find(t, "reading ");
	assert_int_equal(row, 23);
	assert_non_null(term_find(t, "第1期发言摘登") >= 0 ? "" : NULL);
	assert_non_null(strstr(term_row(t, 23), "+ 张三"));
	/* Numbers are as wide as the last one will be: the pane does not shift. */
	assert_non_null(strstr(term_screen(t), "     1 张三"));
	/* A section not read yet: going there reads on until it is there. */
	term_send(t, ":11999\r");
	snprintf(want, sizeof want, "11999/");
	assert_true(term_wait_for(t, want, 5000));
	/* Everything read: the final count, no progress. */
	snprintf(want, sizeof want, "11999/%d 张三", NSEC);
	assert_true(term_wait_for(t, want, 20000));
	assert_true(term_wait_quiet(t, 300));
	assert_null(strstr(term_row(t, 23), "reading"));
	assert_null(strstr(term_row(t, 23), "+"));
	/* ] past the last section says so. */
	term_type(t, "]]]");
	snprintf(want, sizeof want, "%d/%d", NSEC, NSEC);
	assert_true(term_wait_for(t, want, 2000));
	assert_true(term_wait_for(t, "last section", 2000));
	assert_int_equal(term_quit(t), 0);
	free_archive(&a);
}

/* A theme given at start covers every file as it arrives: in the end the
 * count is what one run over the whole archive gives (one hit per file). */
static void test_theme_grows_with_the_archive(void **state)
{
	struct archive a;
	struct term *t;
	char want[64];

	(void)state;
	make_archive(&a, SIZE_MAX, TERM_ARGV("--no-state", "-t", "yqfk"));
	t = spawn_archive(&a, false);
	assert_true(term_wait_for(t, "[疫情防控]", 5000));
	snprintf(want, sizeof want, "  hit 1/%d", NFILES);
	assert_true(term_wait_for(t, want, 20000));
	assert_true(term_wait_quiet(t, 300));
	assert_null(strstr(term_row(t, 23), "reading"));
	/* The pane lists only the second section of each file. */
	assert_non_null(strstr(term_screen(t), " 2 李四"));
	assert_null(strstr(term_screen(t), " 1 张三"));
	/* n walks the hits across files read late: the last hit is section NSEC-1. */
	term_type(t, "N");
	snprintf(want, sizeof want, "%d/%d", NSEC - 1, NSEC);
	assert_true(term_wait_for(t, want, 2000));
	snprintf(want, sizeof want, "hit %d/%d", NFILES, NFILES);
	assert_true(term_wait_for(t, want, 2000));
	/* The picker opens at once and counts its themes between keys, over all files. */
	term_send(t, "t");
	assert_true(term_wait_for(t, "Theme:", 2000));
	snprintf(want, sizeof want, "  %d sections %d hits", NFILES, NFILES);
	assert_true(term_wait_for(t, want, 10000));
	assert_true(term_wait_quiet(t, 300));
	assert_null(strstr(term_screen(t), "counting"));
	term_key(t, VTERM_KEY_ESCAPE);
	assert_int_equal(term_quit(t), 0);
	free_archive(&a);
}

/* A file that cannot be read is found only when its turn comes: it is named
 * in the status line, the rest is read, and on leaving it is named again on
 * stderr with exit status 2, as the command line would. */
static void test_bad_file_read_late(void **state)
{
	struct archive a;
	struct term *t;
	char want[128];
	int st = -1;
	const char *err;

	(void)state;
	make_archive(&a, NFILES - 10, TERM_ARGV("--no-state"));
	t = spawn_archive(&a, true);
	assert_true(term_wait_for(t, "第1期发言摘登", 5000));
	assert_true(term_wait_for(t, "1 input not read:", 20000));
	snprintf(want, sizeof want, "1/%d 张三", NSEC - 3);
	assert_true(term_wait_for(t, want, 20000));
	term_send(t, "q");
	assert_true(term_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 2);
	err = term_stderr(t, NULL);
	snprintf(want, sizeof want, "fayan: %s/%05d.txt: invalid UTF-8 at byte 8\n", a.dir, NFILES - 10);
	assert_string_equal(err, want);
	term_free(t);
	free_archive(&a);
}

/* A missing file stops the browser before it starts, as before any reading. */
static void test_missing_file_stops_at_once(void **state)
{
	struct archive a;
	struct term *t;
	int st = -1;
	char want[128];

	(void)state;
	make_archive(&a, SIZE_MAX, TERM_ARGV("--no-state"));
	snprintf(want, sizeof want, "%s/missing.txt", a.dir);
	add_arg(&a, want);
	t = spawn_archive(&a, true);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_int_equal(WEXITSTATUS(st), 2);
	snprintf(want, sizeof want, "fayan: %s/missing.txt: No such file or directory\n", a.dir);
	assert_string_equal(term_stderr(t, NULL), want);
	assert_false(term_altscreen(t));
	term_free(t);
	free_archive(&a);
}

/* The saved position is in a file read late: the browser opens there when
 * that file arrives, if no key came first. */
static void test_position_in_a_late_file(void **state)
{
	struct archive a;
	struct term *t, *t2;
	int st = -1;
	char env1[600], want[64];
	const char *env[] = {env1, NULL};
	struct term_opts o = {.cols = 80, .rows = 24};

	(void)state;
	make_archive(&a, SIZE_MAX, NULL);
	o.argv = (const char *const *)a.argv;
	t = term_spawn_opts(&o);
	assert_non_null(t);
	assert_true(term_wait_for(t, "第1期发言摘登", 5000));
	snprintf(want, sizeof want, "1/%d", NSEC);
	assert_true(term_wait_for(t, want, 20000));
	term_send(t, ":11000\r");
	assert_true(term_wait_for(t, "11000/", 5000));
	term_wait_quiet(t, 0);
	snprintf(env1, sizeof env1, "XDG_STATE_HOME=%s/state", term_dir(t));
	term_send(t, "q");
	assert_true(term_wait_exit(t, 5000, &st));

	o.env = env;
	t2 = term_spawn_opts(&o);
	assert_non_null(t2);
	snprintf(want, sizeof want, "11000/%d 王五", NSEC);
	assert_true(term_wait_for(t2, want, 20000));
	assert_true(term_wait_for(t2, "第3667期", 2000));
	assert_int_equal(term_quit(t2), 0);
	term_free(t);
	free_archive(&a);
}

E2E_GROUP(archive)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_screen_before_all_is_read),
		cmocka_unit_test(test_theme_grows_with_the_archive),
		cmocka_unit_test(test_bad_file_read_late),
		cmocka_unit_test(test_missing_file_stops_at_once),
		cmocka_unit_test(test_position_in_a_late_file),
	};

	return cmocka_run_group_tests_name("archive", tests, NULL, NULL);
}
