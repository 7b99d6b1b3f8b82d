/* Unit tests for reading inputs later: doc_probe_file's answers and
 * messages, and the queue the browser reads in slices. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "fayan/doc.h"
#include "fayan/load.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/fayan-load-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static const char *path_of(const char *name)
{
	static char p[2][128];
	static int k;

	k ^= 1;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static void write_file(const char *name, const char *data, size_t len)
{
	FILE *f = fopen(path_of(name), "w");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The full-width comma folds to ',': the parser leaves its paragraph's folding to be found. */
static const char article[] = "标题\n\n导语。\n\n第一篇标题\n\n某某市某某镇党委书记 张三\n\n张三的发言，很短。\n";

static int teardown(void **state)
{
	const char *names[] = {"a.txt", "b.txt", "bad.txt", "empty.txt", "fifo", "sub"};

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		unlink(path_of(names[i]));
		rmdir(path_of(names[i]));
	}
	return rmdir(dir);
}

static void test_probe(void **state)
{
	struct fy_err err = {0};
	char want[256];

	(void)state;
	write_file("a.txt", article, sizeof article - 1);
	write_file("empty.txt", "", 0);
	assert_int_equal(mkdir(path_of("sub"), 0700), 0);
	assert_int_equal(mkfifo(path_of("fifo"), 0600), 0);

	assert_int_equal(doc_probe_file(path_of("a.txt"), &err), 1);
	assert_int_equal(doc_probe_file("-", &err), 0);
	/* A pipe is read now, if at all: the browser must not block on it later. */
	assert_int_equal(doc_probe_file(path_of("fifo"), &err), 0);

	assert_int_equal(doc_probe_file(path_of("missing.txt"), &err), -1);
	snprintf(want, sizeof want, "%s: No such file or directory", path_of("missing.txt"));
	assert_string_equal(err.msg, want);
	assert_int_equal(doc_probe_file(path_of("sub"), &err), -1);
	snprintf(want, sizeof want, "%s: Is a directory", path_of("sub"));
	assert_string_equal(err.msg, want);
	/* The same message doc_add_file gives for it. */
	{
		struct doc d;
		struct fy_err e2 = {0};

		doc_init(&d);
		assert_int_equal(doc_add_file(&d, path_of("empty.txt"), NULL, &e2), -1);
		assert_int_equal(doc_probe_file(path_of("empty.txt"), &err), -1);
		assert_string_equal(err.msg, e2.msg);
		snprintf(want, sizeof want, "%s: empty file", path_of("empty.txt"));
		assert_string_equal(err.msg, want);
		doc_free(&d);
	}
}

static void test_queue(void **state)
{
	struct load_queue q;
	struct doc d;
	char want[256];

	(void)state;
	write_file("a.txt", article, sizeof article - 1);
	write_file("b.txt", article, sizeof article - 1);
	write_file("bad.txt", "标题\n\n\xff\n", 9);
	doc_init(&d);
	load_init(&q, NULL);
	assert_false(load_pending(&q));
	assert_int_equal(load_percent(&q), 100);
	assert_int_equal(load_next(&q, &d), 0);
	load_defer(&q, path_of("a.txt"));
	load_defer(&q, path_of("bad.txt"));
	load_defer(&q, path_of("b.txt"));
	assert_true(load_pending(&q));
	assert_int_equal(load_percent(&q), 0);
	assert_int_equal(load_next(&q, &d), 1);
	assert_int_equal(d.nsections, 1);
	assert_int_equal(load_percent(&q), 33);
	/* A bad input is skipped and named; the next is read as usual. */
	assert_int_equal(load_next(&q, &d), -1);
	assert_int_equal(q.nerrors, 1);
	snprintf(want, sizeof want, "%s: invalid UTF-8 at byte 8", path_of("bad.txt"));
	assert_string_equal(q.errors[0], want);
	assert_int_equal(load_next(&q, &d), 1);
	assert_false(load_pending(&q));
	assert_int_equal(load_percent(&q), 100);
	/* In the order given, numbered on. */
	assert_int_equal(d.narticles, 2);
	assert_int_equal(d.nsections, 2);
	assert_int_equal(d.sections[1]->number, 2);
	assert_string_equal(d.articles[1]->name, path_of("b.txt"));
	assert_int_equal(load_next(&q, &d), 0);
	load_free(&q);
	doc_free(&d);
}

/* A later input that became a FIFO after it was checked is skipped and
 * named at once: opening it waited for a writer for ever, with the browser
 * frozen. */
static void test_queue_fifo(void **state)
{
	struct load_queue q;
	struct doc d;
	char want[256];

	(void)state;
	write_file("a.txt", article, sizeof article - 1);
	unlink(path_of("fifo")); /* test_probe's */
	assert_int_equal(mkfifo(path_of("fifo"), 0600), 0);
	doc_init(&d);
	load_init(&q, NULL);
	load_defer(&q, path_of("fifo"));
	load_defer(&q, path_of("a.txt"));
	assert_int_equal(load_next(&q, &d), -1);
	assert_int_equal(q.nerrors, 1);
	snprintf(want, sizeof want, "%s: not a regular file", path_of("fifo"));
	assert_string_equal(q.errors[0], want);
	assert_int_equal(load_next(&q, &d), 1);
	assert_int_equal(d.nsections, 1);
	load_free(&q);
	doc_free(&d);
	unlink(path_of("fifo"));
}

/* load_slice: what the browser reads between keys, a slice of time at a
 * time (at least one input), the paragraphs of each found to fold to
 * themselves or not before any filter asks. */
static void test_slice(void **state)
{
	struct load_queue q;
	struct doc d;
	struct doc_opts opts = {.folds = true}; /* as the browser asks */

	(void)state;
	write_file("a.txt", article, sizeof article - 1);
	write_file("bad.txt", "标题\n\n\xff\n", 9);
	write_file("b.txt", article, sizeof article - 1);
	doc_init(&d);
	load_init(&q, &opts);
	assert_int_equal(load_slice(&q, &d, 1000), 0);
	load_defer(&q, path_of("a.txt"));
	load_defer(&q, path_of("bad.txt"));
	load_defer(&q, path_of("b.txt"));
	assert_int_equal(load_slice(&q, &d, 0), 1); /* no time: still one */
	assert_int_equal(load_slice(&q, &d, 10000), 1); /* the rest: one bad, skipped */
	assert_false(load_pending(&q));
	assert_int_equal(q.nerrors, 1);
	assert_int_equal(d.nsections, 2);
	/* Read in the loader's time, the paragraphs know whether they fold to
	 * themselves before any filter asks. */
	assert_int_equal(d.sections[0]->npara, 1);
	for (size_t i = 0; i < d.nsections; i++)
		for (size_t j = 0; j < d.sections[i]->npara; j++)
			assert_int_equal(d.sections[i]->paras[j].fold, PARA_FOLD_CHANGES);
	load_free(&q);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_queue),
		cmocka_unit_test(test_queue_fifo),
		cmocka_unit_test(test_slice),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
