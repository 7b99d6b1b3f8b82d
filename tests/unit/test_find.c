/* Tests of the browser's themes, search and hit walking (find.c, picker.c) on the
 * built-in article, without a terminal: initial filters from -t/-s, the picker
 * narrowing by hanzi and pinyin, incremental search and Esc, n/N across
 * sections with wrap-around, '&' and the speaker pane's list, every hit
 * scrolled into view at narrow and wide widths, and the pipe/copy requests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fayan/doc.h"
#include "fayan/output.h"
#include "fayan/view_do.h"

struct fixture {
	struct doc d;
	struct view v;
};

static struct fixture *open_with(const char *theme, const char *search, int cols, int lines)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);
	struct ui_opts o = {.theme = theme, .search = search};

	/* Only the built-in themes: a user's own file must not change the results. */
	setenv("XDG_CONFIG_HOME", "/nonexistent-fayan-test-config", 1);
	doc_init(&fx->d);
	doc_add_builtin(&fx->d);
	view_init(&fx->v, &fx->d, &o, cols, lines);
	return fx;
}

static void close_fx(struct fixture *fx)
{
	view_free(&fx->v);
	doc_free(&fx->d);
	free(fx);
}

static void key(struct view *v, const char *k)
{
	view_key(v, k);
}

/* Type keys at whatever is open: the picker, a prompt, or the browser. */
static void type(struct view *v, const char *const *keys)
{
	for (size_t i = 0; keys[i]; i++)
		key(v, keys[i]);
	view_sync(v);
}

#define TYPE(v, ...) type(v, (const char *const[]){__VA_ARGS__, NULL})

static size_t cur_number(const struct view *v)
{
	const struct view_item *it = &v->items[v->cur];

	return it->kind == VIEW_ITEM_SECTION ? it->sec->number : 0;
}

/* The section numbers the speaker pane lists, as a bitmask (bit 0: the intro). */
static unsigned listed(const struct view *v)
{
	unsigned m = 0;

	for (size_t k = 0; k < v->nvis; k++) {
		const struct view_item *it = &v->items[v->vis[k]];

		m |= 1u << (it->kind == VIEW_ITEM_SECTION ? it->sec->number : 0);
	}
	return m;
}

#define ALL 0x7ffu
#define S(n) (1u << (n))

static void test_initial_theme_by_pinyin(void **state)
{
	struct fixture *fx = open_with("yqfk", NULL, 100, 30);
	struct view *v = &fx->v;

	(void)state;
	assert_non_null(v->find.theme);
	assert_string_equal(v->find.theme->name, "疫情防控");
	assert_int_equal(listed(v), S(2) | S(8));
	/* It opens at the first hit. */
	assert_int_equal(cur_number(v), 2);
	assert_true(v->find.hit_valid);
	assert_int_equal(v->find.hit_no, 1);
	assert_int_equal(view_item_hits(v, v->cur)->nhits, 2);
	assert_int_equal(view_filter(v)->nmatch, 2);
	close_fx(fx);
}

static void test_initial_errors(void **state)
{
	struct fixture *fx = open_with("zzzz", NULL, 100, 30);

	(void)state;
	assert_null(fx->v.find.theme);
	assert_non_null(strstr(fx->v.msg, "no theme 'zzzz'"));
	assert_int_equal(listed(&fx->v), ALL);
	assert_null(view_filter(&fx->v));
	close_fx(fx);
	/* Ambiguous: "gg" is not one theme. */
	fx = open_with("g", NULL, 100, 30);
	assert_null(fx->v.find.theme);
	assert_true(fx->v.msg[0] != '\0');
	close_fx(fx);
	/* A search that matches nothing says so and lists everything. */
	fx = open_with(NULL, "no such words", 100, 30);
	assert_non_null(strstr(fx->v.msg, "no section matches"));
	assert_int_equal(listed(&fx->v), ALL);
	assert_int_equal(cur_number(&fx->v), 1);
	close_fx(fx);
}

static void test_search_walk_and_wrap(void **state)
{
	struct fixture *fx = open_with(NULL, "yqfk", 100, 30);
	struct view *v = &fx->v;
	static const size_t want[] = {8, 8, 8, 2};

	(void)state;
	assert_int_equal(listed(v), S(2) | S(8));
	assert_int_equal(cur_number(v), 2);
	assert_int_equal(v->find.hit_no, 1);
	for (size_t i = 0; i < 4; i++) {
		key(v, "n");
		assert_int_equal(cur_number(v), want[i]);
		assert_int_equal(v->find.hit_no, (i + 1) % 4 + 1);
		if (i == 3)
			assert_string_equal(v->msg, "search wrapped");
		else
			assert_string_equal(v->msg, "");
	}
	key(v, "N");
	assert_int_equal(cur_number(v), 8);
	assert_int_equal(v->find.hit_no, 4);
	assert_string_equal(v->msg, "search wrapped");
	key(v, "N");
	assert_int_equal(v->find.hit_no, 3);
	/* From a section without hits, n goes to the next one that has them. */
	key(v, "&");
	assert_int_equal(listed(v), ALL);
	key(v, "5");
	key(v, "n");
	assert_int_equal(cur_number(v), 8);
	assert_int_equal(v->find.hit_no, 2);
	/* From the intro too. */
	key(v, "1");
	key(v, "[");
	assert_int_equal(cur_number(v), 0);
	key(v, "n");
	assert_int_equal(cur_number(v), 2);
	key(v, "1");
	key(v, "[");
	key(v, "N");
	assert_int_equal(cur_number(v), 8);
	assert_int_equal(v->find.hit_no, 4);
	close_fx(fx);
}

static void test_no_filter_messages(void **state)
{
	struct fixture *fx = open_with(NULL, NULL, 100, 30);
	struct view *v = &fx->v;

	(void)state;
	key(v, "n");
	assert_non_null(strstr(v->msg, "no search or theme"));
	key(v, "&");
	assert_non_null(strstr(v->msg, "no search or theme"));
	key(v, "T");
	assert_string_equal(v->msg, "no theme filter");
	assert_int_equal(cur_number(v), 1);
	close_fx(fx);
}

static void test_incremental_search_and_esc(void **state)
{
	struct fixture *fx = open_with(NULL, NULL, 100, 30);
	struct view *v = &fx->v;

	(void)state;
	key(v, "5");
	TYPE(v, "/", "y", "q");
	assert_int_equal(v->mode, MODE_SEARCH);
	assert_string_equal(v->prompt.text, "yq");
	TYPE(v, "f", "k");
	/* From section 5 the first hit after it is in section 8. */
	assert_int_equal(cur_number(v), 8);
	assert_int_equal(listed(v), ALL);
	assert_int_equal(view_item_hits(v, v->cur)->nsearch, 3);
	/* Esc: back to section 5, and no search as before. */
	TYPE(v, "Esc");
	assert_int_equal(v->mode, MODE_BROWSE);
	assert_int_equal(cur_number(v), 5);
	assert_null(v->find.search);
	assert_null(view_filter(v));
	/* Enter keeps it; a second search cancelled brings the first one back. */
	TYPE(v, "/", "y", "q", "f", "k", "Enter");
	assert_non_null(strstr(v->msg, "4 hits in 2 sections"));
	assert_string_equal(v->find.search_text, "yqfk");
	key(v, "3");
	TYPE(v, "/", "疫", "情");
	assert_string_equal(v->prompt.text, "疫情");
	assert_string_equal(v->find.search_text, "疫情");
	TYPE(v, "Backspace");
	assert_string_equal(v->prompt.text, "疫");
	TYPE(v, "C-g");
	assert_string_equal(v->find.search_text, "yqfk");
	assert_int_equal(cur_number(v), 3);
	assert_int_equal(view_item_hits(v, v->item_of_section[7])->nsearch, 3);
	/* Backspace on an empty prompt leaves it; C-u empties it. */
	TYPE(v, "/", "a", "C-u");
	assert_string_equal(v->prompt.text, "");
	TYPE(v, "Backspace");
	assert_int_equal(v->mode, MODE_BROWSE);
	assert_string_equal(v->find.search_text, "yqfk");
	/* Not found. */
	TYPE(v, "/", "Q", "Q", "Q", "Enter");
	assert_string_equal(v->msg, "not found: QQQ");
	close_fx(fx);
}

/* Typing only marks the filter stale; one view_sync runs it for all the keys typed. */
static void test_typing_defers_the_search(void **state)
{
	struct fixture *fx = open_with(NULL, NULL, 100, 30);
	struct view *v = &fx->v;

	(void)state;
	key(v, "/");
	view_key(v, "y");
	view_key(v, "q");
	view_key(v, "f");
	view_key(v, "k");
	assert_true(v->find.dirty);
	assert_null(view_filter(v));
	assert_int_equal(cur_number(v), 1);
	view_sync(v);
	assert_false(v->find.dirty);
	assert_int_equal(view_filter(v)->nsearch, 4);
	assert_int_equal(cur_number(v), 2);
	/* Any action brings the filter up to date before it acts. */
	view_key(v, "Backspace");
	assert_true(v->find.dirty);
	view_key(v, "Enter");
	assert_false(v->find.dirty);
	assert_string_equal(v->find.search_text, "yqf");
	close_fx(fx);
}

/* A search for a speaker's name finds the byline, and n scrolls to it. */
static void test_byline_hit(void **state)
{
	struct fixture *fx = open_with(NULL, NULL, 100, 30);
	struct view *v = &fx->v;
	const struct filter_section *fs;
	const struct filter_hit *h;

	(void)state;
	key(v, "5");
	TYPE(v, "/", "m", "d", "l", "Enter");
	assert_int_equal(cur_number(v), 1);
	fs = view_item_hits(v, v->cur);
	assert_true(fs->nhits >= 1);
	h = &fs->hits[v->find.hit.hit];
	assert_int_equal(h->where, FIELD_BYLINE);
	assert_memory_equal(v->items[v->cur].sec->speaker.byline + h->off, "马东亮", h->len);
	close_fx(fx);
}

/* Every hit of a theme, at several widths, ends up on screen with n. */
static void test_every_hit_scrolled_into_view(void **state)
{
	static const int widths[] = {20, 37, 72, 100};

	(void)state;
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		struct fixture *fx = open_with("党建引领", NULL, widths[w], 8);
		struct view *v = &fx->v;
		size_t total = view_filter(v)->ntheme + view_filter(v)->nsearch;

		assert_true(total > 10);
		for (size_t i = 0; i < total; i++) {
			const struct layout *lo = view_layout(v);
			const struct filter_hit *h = &view_item_hits(v, v->cur)->hits[v->find.hit.hit];
			bool seen = false;

			assert_int_equal(v->find.hit_no, i + 1);
			for (size_t r = 0; r < (size_t)v->g.body_rows && v->top + r < lo->nlines; r++) {
				const struct layout_line *l = &lo->lines[v->top + r];
				bool same = h->where == FIELD_PARA ? l->kind == LAYOUT_PARA && l->para == h->para
					  : h->where == FIELD_HEADLINE ? l->kind == LAYOUT_HEADLINE
					  : h->where == FIELD_BYLINE ? l->kind == LAYOUT_BYLINE : l->kind == LAYOUT_TOPIC;

				if (same && h->off >= l->off && h->off < l->off + l->len)
					seen = true;
			}
			if (!seen)
				fail_msg("width %d: hit %zu (section %zu, off %zu) is not on screen", widths[w], i + 1,
					 cur_number(v), h->off);
			key(v, "n");
		}
		assert_int_equal(v->find.hit_no, 1);
		assert_string_equal(v->msg, "search wrapped");
		close_fx(fx);
	}
}

/* What the status line and the screen read of the filters, through find.h:
 * nothing before a search, the search typed but not run, run, the hit n
 * went to, '&' and the theme given by -t. */
static void test_find_accessors(void **state)
{
	struct fixture *fx = open_with(NULL, NULL, 100, 30);
	struct view *v = &fx->v;
	const struct find *fd = &v->find;
	const struct filter_pos *hit;
	unsigned long gen;

	(void)state;
	assert_null(find_theme(fd));
	assert_null(find_theme_name(fd));
	assert_null(find_search_text(fd));
	assert_null(find_search(&v->find));
	assert_false(find_search_ran(fd));
	assert_false(find_limited(fd));
	assert_null(find_hit(fd));
	assert_int_equal(find_hit_no(fd), 0);
	assert_int_equal(find_themes(fd)->n, 0);
	/* Typed, not yet run: the text is set, its hits are not known. */
	gen = find_gen(fd);
	key(v, "/");
	key(v, "y");
	key(v, "q");
	key(v, "f");
	key(v, "k");
	assert_string_equal(find_search_text(fd), "yqfk");
	assert_non_null(find_search(&v->find));
	assert_false(find_search_ran(fd));
	assert_int_equal(find_gen(fd), gen);
	view_sync(v);
	assert_true(find_search_ran(fd));
	assert_true(find_gen(fd) != gen);
	/* The search line went to the first hit, in section 2. */
	hit = find_hit(fd);
	assert_non_null(hit);
	assert_int_equal(hit->sec, 1);
	assert_int_equal(find_hit_no(fd), 1);
	assert_ptr_equal(find_hit_at(fd, *hit), &view_item_hits(v, v->cur)->hits[hit->hit]);
	key(v, "Enter");
	key(v, "n");
	assert_int_equal(find_hit_no(fd), 2);
	key(v, "&");
	assert_true(find_limited(fd));
	key(v, "&");
	assert_false(find_limited(fd));
	/* An empty search sets none. */
	find_set_search(&v->find, "");
	assert_null(find_search_text(fd));
	assert_null(find_search(&v->find));
	view_sync(v);
	assert_false(find_search_ran(fd));
	assert_null(find_hit(fd));
	assert_int_equal(find_hit_no(fd), 0);
	close_fx(fx);
	/* -t: the theme, its name, and the list limited to it. */
	fx = open_with("yqfk", NULL, 100, 30);
	fd = &fx->v.find;
	assert_non_null(find_theme(fd));
	assert_string_equal(find_theme_name(fd), "疫情防控");
	assert_true(find_themes(fd)->n >= 10);
	assert_true(find_theme(fd) >= find_themes(fd)->v && find_theme(fd) < find_themes(fd)->v + find_themes(fd)->n);
	assert_true(find_limited(fd));
	assert_null(find_search_text(fd));
	assert_false(find_search_ran(fd));
	assert_int_equal(find_hit_no(fd), 1);
	close_fx(fx);
}

/* What the screen reads of the picker, through picker.h: how many themes are
 * listed, the selected row and the first row shown. */
static void test_picker_accessors(void **state)
{
	struct fixture *fx = open_with("yqfk", NULL, 100, 30);
	struct view *v = &fx->v;
	const struct themes *t = find_themes(&v->find);
	size_t n;

	(void)state;
	key(v, "t");
	n = picker_count(&v->pick);
	assert_int_equal(n, t->n);
	/* It opens on the theme in use. */
	assert_ptr_equal(&t->v[picker_selected(&v->pick)], find_theme(&v->find));
	assert_int_equal(picker_selected(&v->pick), v->pick.idx[picker_sel_row(&v->pick)]);
	assert_int_equal(picker_top(&v->pick), 0);
	picker_move(&v->pick, -(long)n);
	assert_int_equal(picker_sel_row(&v->pick), 0);
	picker_move(&v->pick, 5);
	assert_int_equal(picker_sel_row(&v->pick), 5);
	picker_follow(&v->pick, 3);
	assert_int_equal(picker_top(&v->pick), 3);
	picker_move(&v->pick, (long)n);
	assert_int_equal(picker_sel_row(&v->pick), n - 1);
	picker_move(&v->pick, -(long)n);
	picker_follow(&v->pick, 3);
	assert_int_equal(picker_top(&v->pick), 0);
	TYPE(v, "老", "旧");
	assert_int_equal(picker_count(&v->pick), 1);
	assert_int_equal(picker_sel_row(&v->pick), 0);
	assert_string_equal(t->v[picker_selected(&v->pick)].name, "老旧小区改造");
	TYPE(v, "Q", "Q", "Q");
	assert_int_equal(picker_count(&v->pick), 0);
	assert_int_equal(picker_selected(&v->pick), SIZE_MAX);
	close_fx(fx);
}

static void test_picker(void **state)
{
	struct fixture *fx = open_with(NULL, NULL, 100, 30);
	struct view *v = &fx->v;

	(void)state;
	key(v, "t");
	assert_int_equal(v->mode, MODE_PICKER);
	assert_int_equal(v->pick.n, v->find.themes.n);
	assert_true(v->pick.n >= 10);
	/* The picker opens before counting; one pass between keys counts every
	 * theme, each string folded once for all of them: ten sections take one
	 * idle step. */
	assert_int_equal(v->pick.ncounted, 0);
	assert_true(view_idle_pending(v));
	view_idle(v);
	assert_int_equal(v->pick.ncounted, v->find.themes.n);
	assert_false(view_idle_pending(v));
	/* Counts as --themes gives them. */
	assert_int_equal(v->pick.nsec[v->pick.idx[0]], 2);
	assert_int_equal(v->pick.nhit[v->pick.idx[0]], 17);
	TYPE(v, "y", "q", "f", "k");
	assert_int_equal(v->pick.n, 1);
	assert_string_equal(v->find.themes.v[v->pick.idx[0]].name, "疫情防控");
	TYPE(v, "Backspace", "Backspace", "Backspace", "Backspace");
	assert_int_equal(v->pick.n, v->find.themes.n);
	TYPE(v, "老", "旧");
	assert_int_equal(v->pick.n, 1);
	/* Emptying the query keeps the theme that was selected. */
	TYPE(v, "C-u");
	assert_int_equal(v->pick.n, v->find.themes.n);
	assert_string_equal(v->find.themes.v[v->pick.idx[v->pick.sel]].name, "老旧小区改造");
	TYPE(v, "Down", "Down", "Up");
	assert_int_equal(v->pick.sel, 2);
	TYPE(v, "Esc");
	assert_int_equal(v->mode, MODE_BROWSE);
	assert_null(v->find.theme);
	/* Enter applies; Backspace on an empty query closes. */
	TYPE(v, "t", "Down", "Enter");
	assert_int_equal(v->mode, MODE_BROWSE);
	assert_string_equal(v->find.theme->name, "老旧小区改造");
	assert_int_equal(listed(v), S(4) | S(5) | S(9));
	assert_true(v->find.limit);
	/* The current theme is selected when the picker opens again. */
	key(v, "t");
	assert_int_equal(v->pick.sel, 1);
	TYPE(v, "Backspace");
	assert_int_equal(v->mode, MODE_BROWSE);
	/* No match: Enter says so and keeps the theme. */
	TYPE(v, "t", "x", "x", "x", "Enter");
	assert_non_null(strstr(v->msg, "no theme matches"));
	assert_string_equal(v->find.theme->name, "老旧小区改造");
	/* A theme and a search: both must match. */
	TYPE(v, "/", "小", "区", "Enter");
	assert_int_equal(listed(v), S(4) | S(9));
	assert_int_equal(view_item_hits(v, v->item_of_section[3])->nhits, 2);
	key(v, "T");
	assert_null(v->find.theme);
	assert_int_equal(listed(v), ALL);
	close_fx(fx);
}

static void test_limited_pane_keys_and_clicks(void **state)
{
	struct fixture *fx = open_with(NULL, "yqfk", 100, 30);
	struct view *v = &fx->v;

	(void)state;
	assert_int_equal(listed(v), S(2) | S(8));
	key(v, "Tab");
	assert_int_equal(v->sel, v->item_of_section[1]);
	key(v, "j");
	assert_int_equal(v->sel, v->item_of_section[7]);
	key(v, "j");
	assert_int_equal(v->sel, v->item_of_section[7]);
	key(v, "k");
	assert_int_equal(v->sel, v->item_of_section[1]);
	key(v, "G");
	assert_int_equal(v->sel, v->item_of_section[7]);
	/* A click on the second row opens the second listed section. */
	view_mouse(v, "Click", 2, 3);
	assert_int_equal(cur_number(v), 8);
	/* Reading a section that is not listed: j goes to the next listed one. */
	key(v, "Tab");
	key(v, "5");
	key(v, "Tab");
	v->sel = v->cur;
	key(v, "j");
	assert_int_equal(v->sel, v->item_of_section[7]);
	v->sel = v->item_of_section[4];
	key(v, "k");
	assert_int_equal(v->sel, v->item_of_section[1]);
	close_fx(fx);
}

static void test_pipe_and_copy_requests(void **state)
{
	struct fixture *fx = open_with(NULL, NULL, 100, 30);
	struct view *v = &fx->v;
	struct buf got, want;

	(void)state;
	key(v, "3");
	TYPE(v, "|", "w", "c", "Space", "-", "c");
	assert_int_equal(v->mode, MODE_PIPE);
	assert_string_equal(v->prompt.text, "wc -c");
	assert_int_equal(v->req, VIEW_REQ_NONE);
	TYPE(v, "Enter");
	assert_int_equal(v->req, VIEW_REQ_PIPE);
	assert_string_equal(v->prompt.text, "wc -c");
	v->req = VIEW_REQ_NONE;
	TYPE(v, "|", "l", "s", "Esc");
	assert_int_equal(v->mode, MODE_BROWSE);
	assert_int_equal(v->req, VIEW_REQ_NONE);
	/* An empty command runs nothing. */
	TYPE(v, "|", "Enter");
	assert_int_equal(v->req, VIEW_REQ_NONE);
	key(v, "y");
	assert_int_equal(v->req, VIEW_REQ_COPY);
	buf_init(&got);
	buf_init(&want);
	view_item_text(v, &got);
	output_section_text(&want, fx->d.sections[2], 0);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, got.len);
	/* The intro's text is what --print intro gives. */
	key(v, "1");
	key(v, "[");
	buf_free(&got);
	buf_free(&want);
	view_item_text(v, &got);
	output_intro_text(&want, fx->d.articles[0], 0);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, got.len);
	buf_free(&got);
	buf_free(&want);
	close_fx(fx);
}

/* n and N walk from the screen when the current hit is not on it, as in
 * less: after scrolling, n goes to the first hit at or below the top line
 * and N to the last one above it, not back to the hit left behind. */
static void test_walk_from_the_screen(void **state)
{
	struct fixture *fx = open_with("疫情防控", NULL, 40, 10);
	struct view *v = &fx->v;
	const struct filter *f;
	const struct filter_section *fs;
	size_t top, want, k;

	(void)state;
	key(v, "8");
	f = view_filter(v);
	assert_non_null(f);
	fs = &f->v[7];
	assert_true(fs->nhits >= 6);
	key(v, "n");
	assert_int_equal(cur_number(v), 8);
	assert_int_equal(v->find.hit.hit, 0);
	/* Scroll down two pages: hit 0 is off the screen now. */
	key(v, "Space");
	key(v, "Space");
	top = v->top;
	assert_true(find_hit_line(view_layout(v), &fs->hits[0]) < top);
	for (want = 0; want < fs->nhits && find_hit_line(view_layout(v), &fs->hits[want]) < top; want++)
		;
	assert_true(want > 1 && want < fs->nhits); /* hits above and below the top line */
	key(v, "n");
	assert_int_equal(cur_number(v), 8);
	assert_int_equal(v->find.hit.hit, want);
	/* From the hit, now on the screen, n and N step from it. */
	k = v->find.hit.hit;
	key(v, "n");
	assert_int_equal(v->find.hit.hit, k + 1);
	key(v, "N");
	assert_int_equal(v->find.hit.hit, k);
	/* Scrolled back to the top of the section: N goes to the last hit above
	 * the top line, which is none here: to the previous section's last hit. */
	key(v, "g");
	assert_int_equal(v->top, 0);
	if (find_hit_line(view_layout(v), &fs->hits[k]) >= (size_t)v->g.body_rows) {
		key(v, "N");
		assert_int_equal(cur_number(v), 2);
		assert_int_equal(v->find.hit.hit, f->v[1].nhits - 1);
	}
	close_fx(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initial_theme_by_pinyin),
		cmocka_unit_test(test_initial_errors),
		cmocka_unit_test(test_search_walk_and_wrap),
		cmocka_unit_test(test_walk_from_the_screen),
		cmocka_unit_test(test_no_filter_messages),
		cmocka_unit_test(test_incremental_search_and_esc),
		cmocka_unit_test(test_typing_defers_the_search),
		cmocka_unit_test(test_byline_hit),
		cmocka_unit_test(test_every_hit_scrolled_into_view),
		cmocka_unit_test(test_find_accessors),
		cmocka_unit_test(test_picker),
		cmocka_unit_test(test_picker_accessors),
		cmocka_unit_test(test_limited_pane_keys_and_clicks),
		cmocka_unit_test(test_pipe_and_copy_requests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
