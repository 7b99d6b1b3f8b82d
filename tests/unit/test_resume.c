/* Tests of resume.c on the built-in article, without a terminal: a saved
 * position reopens the article where it was left, only when asked to; moving
 * on saves the new position; a failure to save is said once in the note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fayan/doc.h"
#include "fayan/resume.h"
#include "fayan/view_do.h"

struct fixture {
	struct doc d;
	struct view v;
	struct resume r;
	char dir[64];
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);

	doc_init(&fx->d);
	doc_add_builtin(&fx->d);
	view_init(&fx->v, &fx->d, NULL, 100, 30);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/fayan-test-resume-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char path[128];

	resume_free(&fx->r);
	view_free(&fx->v);
	doc_free(&fx->d);
	snprintf(path, sizeof path, "%s/positions", fx->dir);
	unlink(path);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* A position is kept under the key of the article's bytes as read, not of
 * what the parser left of them. */
static uint64_t key_of(const struct fixture *fx)
{
	size_t len;
	const char *data = doc_builtin_data(&len);

	(void)fx;
	return state_key(data, len);
}

static size_t cur_number(const struct view *v)
{
	const struct view_item *it = &v->items[v->cur];

	return it->kind == VIEW_ITEM_SECTION ? it->sec->number : 0;
}

static void save_at(struct fixture *fx, size_t section, size_t para)
{
	struct state_pos pos = {.key = key_of(fx), .section = section, .para = para};
	struct fy_err err = {0};

	assert_int_equal(state_save(fx->dir, &pos, &err), 0);
}

static void test_reopens_where_left(void **state)
{
	struct fixture *fx = *state;

	save_at(fx, 4, 2);
	resume_start(&fx->r, &fx->v, xstrdup(fx->dir), true);
	assert_int_equal(cur_number(&fx->v), 4);
	assert_int_equal(view_top_para(&fx->v), 2);
	/* Everything is read: nothing left to wait for, and nothing moved yet. */
	assert_false(resume_waiting(&fx->r));
	assert_false(resume_moved(&fx->r, &fx->v));
}

/* Started from the file as read once, the reader needs the file no more:
 * the position and the setting come from what was read, and the positions
 * are taken over. Saving with the setting changed writes both at once. */
static void test_start_from_file_read(void **state)
{
	struct fixture *fx = *state;
	struct state_prefs prefs = {.saved = true, .indent = true};
	struct state_pos pos = {.key = key_of(fx), .section = 5, .para = 1};
	struct fy_err err = {0};
	struct state_file sf;
	char path[128];

	assert_int_equal(state_save_all(fx->dir, &pos, &prefs, &err), 0);
	state_read(fx->dir, &sf);
	snprintf(path, sizeof path, "%s/positions", fx->dir);
	assert_int_equal(unlink(path), 0);
	resume_start_from(&fx->r, &fx->v, xstrdup(fx->dir), true, &sf);
	assert_null(sf.pos);
	state_file_free(&sf);
	assert_int_equal(cur_number(&fx->v), 5);
	assert_int_equal(view_top_para(&fx->v), 1);
	assert_true(fx->v.style.indent);
	view_key(&fx->v, "i");
	view_key(&fx->v, "7");
	resume_save(&fx->r, &fx->v);
	state_read(fx->dir, &sf);
	assert_int_equal(sf.npos, 1);
	assert_int_equal(sf.pos[0].section, 7);
	assert_true(sf.prefs.saved);
	assert_false(sf.prefs.indent);
	state_file_free(&sf);
}

static void test_not_asked_stays(void **state)
{
	struct fixture *fx = *state;

	save_at(fx, 4, 2);
	resume_start(&fx->r, &fx->v, xstrdup(fx->dir), false);
	assert_int_equal(cur_number(&fx->v), 1);
	assert_int_equal(view_top_para(&fx->v), 0);
}

static void test_moving_on_saves(void **state)
{
	struct fixture *fx = *state;
	struct state_pos pos;

	resume_start(&fx->r, &fx->v, xstrdup(fx->dir), true);
	assert_int_equal(cur_number(&fx->v), 1);
	view_key(&fx->v, "6");
	assert_true(resume_moved(&fx->r, &fx->v));
	resume_save(&fx->r, &fx->v);
	assert_false(resume_moved(&fx->r, &fx->v));
	assert_int_equal(state_load(fx->dir, key_of(fx), &pos), 0);
	assert_int_equal(pos.section, 6);
	assert_int_equal(pos.para, 0);
	assert_string_equal(fx->v.note, "");
}

static void test_failure_is_noted_once(void **state)
{
	struct fixture *fx = *state;

	resume_start(&fx->r, &fx->v, xstrdup("/dev/null/fayan"), true);
	view_key(&fx->v, "3");
	resume_save(&fx->r, &fx->v);
	assert_non_null(strstr(fx->v.note, "reading position not saved: "));
	assert_true(fx->r.state_failed);
	fx->v.note[0] = '\0';
	view_key(&fx->v, "4");
	resume_save(&fx->r, &fx->v);
	assert_string_equal(fx->v.note, "");
}

static void test_progress_when_all_is_read(void **state)
{
	struct fixture *fx = *state;

	resume_start(&fx->r, &fx->v, NULL, true);
	fx->v.load_pct = 40;
	resume_progress(&fx->r, &fx->v);
	assert_int_equal(fx->v.load_pct, -1);
	assert_int_equal(fx->v.count_shown, 10);
	/* No state directory: nothing is saved, nothing is said. */
	view_key(&fx->v, "5");
	resume_save(&fx->r, &fx->v);
	assert_string_equal(fx->v.note, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reopens_where_left, setup, teardown),
		cmocka_unit_test_setup_teardown(test_start_from_file_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_asked_stays, setup, teardown),
		cmocka_unit_test_setup_teardown(test_moving_on_saves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_is_noted_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress_when_all_is_read, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
