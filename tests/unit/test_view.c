/* Tests of the browser's state machine (view.c, view_do.c) on the built-in article,
 * without a terminal: section keys, paragraph jumps, panes at each width, the
 * reading position kept over a resize, clicks, the prompt and the help text. */
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
#include "fayan/spans.h"
#include "fayan/text.h"
#include "fayan/view_do.h"

#define setup view_fixture_setup
#define teardown view_fixture_teardown

static const struct section *cur_sec(const struct view *v)
{
	const struct view_item *it = &v->items[v->cur];

	return it->kind == VIEW_ITEM_SECTION ? it->sec : NULL;
}

static void key(struct view *v, const char *k)
{
	view_key(v, k);
}

/* A status message longer than its buffer is cut between characters, never
 * inside one (a search for a long Chinese phrase says so). */
static void test_message_cut_whole(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;
	char big[400];

	for (size_t i = 0; i + 3 < sizeof big; i += 3)
		memcpy(big + i, "中", 3);
	big[sizeof big - 1 - (sizeof big - 1) % 3] = '\0';
	for (int pad = 0; pad < 3; pad++) {
		view_msg(v, "%.*s%s", pad, "xx", big);
		size_t n = strlen(v->msg);

		assert_true(n + 4 > sizeof v->msg);
		assert_int_equal((n - (size_t)pad) % 3, 0); /* whole 中s after the padding */
	}
}

static void test_first_screen(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;

	assert_int_equal(fx->d.nsections, 10);
	assert_non_null(cur_sec(v));
	assert_int_equal(cur_sec(v)->number, 1);
	assert_true(v->g.show_speakers && v->g.show_reader);
	assert_true(v->g.rd_x >= 20 && v->g.rd_x + v->g.rd_w == 100);
	/* The intro comes first in the pane, then the ten sections; all fit. */
	assert_int_equal(v->nitems, 11);
	assert_int_equal(v->items[0].kind, VIEW_ITEM_INTRO);
	assert_int_equal(v->sp_top, 0);
	assert_int_equal(v->top, 0);
}

static void test_digits_and_sections(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;

	key(v, "8");
	assert_string_equal(cur_sec(v)->speaker.name, "曹西峰");
	key(v, "0");
	assert_int_equal(cur_sec(v)->number, 10);
	key(v, "]");
	assert_int_equal(cur_sec(v)->number, 10);
	assert_non_null(strstr(v->msg, "last"));
	key(v, "[");
	assert_int_equal(cur_sec(v)->number, 9);
	key(v, "1");
	key(v, "[");
	assert_null(cur_sec(v)); /* the intro */
	key(v, "[");
	assert_null(cur_sec(v));
	assert_non_null(strstr(v->msg, "first"));
	key(v, "]");
	assert_int_equal(cur_sec(v)->number, 1);
	/* Two digits wait for Enter; a number out of range says so and stays. */
	key(v, "1");
	key(v, "2");
	assert_int_equal(cur_sec(v)->number, 2);
	key(v, "Enter");
	assert_non_null(strstr(v->msg, "no section 12"));
	assert_int_equal(cur_sec(v)->number, 2);
	/* "1", "0", Enter opens 10 (the digits opened 1 on the way). */
	key(v, "1");
	key(v, "0");
	key(v, "Enter");
	assert_int_equal(cur_sec(v)->number, 10);
	/* Another key in between drops the typed number. */
	key(v, "1");
	key(v, "j");
	key(v, "3");
	assert_int_equal(cur_sec(v)->number, 3);
	assert_string_equal(v->num, "3");
}

static void test_prompt(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;

	key(v, ":");
	assert_int_equal(v->mode, MODE_GOTO);
	key(v, "7");
	key(v, "9");
	key(v, "Backspace");
	key(v, "Enter");
	assert_int_equal(v->mode, MODE_BROWSE);
	assert_int_equal(cur_sec(v)->number, 7);
	key(v, ":");
	key(v, "5");
	key(v, "Esc");
	assert_int_equal(v->mode, MODE_BROWSE);
	assert_int_equal(cur_sec(v)->number, 7);
}

static void test_paragraphs_and_scrolling(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;
	const struct layout *lo;

	/* A narrow reader so that the section is longer than the screen. */
	view_resize(v, 40, 12);
	lo = view_layout(v);
	assert_true(lo->nlines > (size_t)v->g.body_rows);
	key(v, "}");
	assert_int_equal(v->top, layout_line_of_para(lo, 0));
	key(v, "}");
	assert_int_equal(v->top, layout_line_of_para(lo, 1));
	assert_int_equal(view_top_para(v), 1);
	key(v, "j");
	key(v, "{");
	assert_int_equal(v->top, layout_line_of_para(lo, 1));
	key(v, "{");
	assert_int_equal(v->top, layout_line_of_para(lo, 0));
	key(v, "G");
	assert_int_equal(v->top + (size_t)v->g.body_rows, lo->nlines);
	key(v, "Space");
	assert_int_equal(v->top + (size_t)v->g.body_rows, lo->nlines);
	key(v, "g");
	assert_int_equal(v->top, 0);
	key(v, "Space");
	assert_int_equal(v->top, (size_t)v->g.body_rows);
	key(v, "b");
	assert_int_equal(v->top, 0);
	key(v, "C-d");
	assert_true(v->top > 0 && v->top < (size_t)v->g.body_rows);
	key(v, "C-u");
	assert_int_equal(v->top, 0);
	key(v, "k");
	assert_int_equal(v->top, 0);
	/* The last paragraph can be brought to the top line. */
	for (size_t i = 0; i < lo->npara + 1; i++)
		key(v, "}");
	assert_int_equal(view_top_para(v), lo->npara - 1);
	assert_int_equal(v->top, layout_line_of_para(lo, lo->npara - 1));
	assert_non_null(strstr(v->msg, "last paragraph"));
}

static void test_resize_keeps_paragraph(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;
	const struct layout *lo;
	size_t off;

	view_resize(v, 120, 40);
	key(v, "4");
	key(v, "}");
	key(v, "}");
	key(v, "}");
	assert_int_equal(view_top_para(v), 2);
	view_resize(v, 40, 12);
	lo = view_layout(v);
	assert_int_equal(lo->width, v->g.text_w);
	assert_int_equal(view_top_para(v), 2);
	assert_int_equal(v->top, layout_line_of_para(lo, 2));

	/* Mid-paragraph: the top line after the resize holds the same text. */
	key(v, "j");
	key(v, "j");
	off = lo->lines[v->top].off;
	assert_true(off > 0);
	view_resize(v, 60, 20);
	lo = view_layout(v);
	assert_int_equal(view_top_para(v), 2);
	assert_true(lo->lines[v->top].off <= off);
	assert_true(off < lo->lines[v->top].off + lo->lines[v->top].len);
	/* And back: the same line as before. */
	view_resize(v, 40, 12);
	lo = view_layout(v);
	assert_int_equal(view_top_para(v), 2);
	assert_true(lo->lines[v->top].off <= off && off < lo->lines[v->top].off + lo->lines[v->top].len);
}

static void test_panes_by_width(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;

	/* z: the reader spans the whole width (scroll regions work). */
	key(v, "z");
	assert_false(v->g.show_speakers);
	assert_int_equal(v->g.rd_x, 0);
	assert_int_equal(v->g.rd_w, 100);
	key(v, "Tab");
	assert_false(v->g.show_speakers);
	key(v, "z");
	assert_true(v->g.show_speakers && v->g.show_reader);

	/* Narrow: one pane at a time, Tab switches, Enter opens and returns to the text. */
	view_resize(v, 40, 12);
	assert_true(v->g.show_reader);
	assert_false(v->g.show_speakers);
	assert_int_equal(v->g.rd_w, 40);
	key(v, "Tab");
	assert_true(v->g.show_speakers);
	assert_false(v->g.show_reader);
	assert_int_equal(v->g.sp_w, 40);
	key(v, "j");
	key(v, "j");
	assert_int_equal(cur_sec(v)->number, 1); /* moving the selection does not open */
	key(v, "Enter");
	assert_int_equal(cur_sec(v)->number, 3);
	assert_true(v->g.show_reader);
	assert_false(v->g.show_speakers);

	view_resize(v, 20, 6);
	assert_false(v->g.too_small);
	assert_true(v->g.text_w >= 1);
	view_resize(v, 19, 6);
	assert_true(v->g.too_small);
	view_resize(v, 20, 5);
	assert_true(v->g.too_small);
	view_resize(v, 1, 1);
	assert_true(v->g.too_small);
}

static void test_speaker_pane_keys_and_mouse(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;

	key(v, "Tab");
	assert_int_equal(v->focus, VIEW_FOCUS_SPEAKERS);
	key(v, "G");
	assert_int_equal(v->sel, v->nitems - 1);
	key(v, "g");
	assert_int_equal(v->sel, 0);
	assert_int_equal(cur_sec(v)->number, 1);
	key(v, "Enter");
	assert_null(cur_sec(v)); /* the intro */
	/* Click on the row of section 5 (row 1 is the intro). */
	view_mouse(v, "Click", 1 + 5, 3);
	assert_int_equal(cur_sec(v)->number, 5);
	/* A click in the reader opens nothing; the wheel scrolls the reader. */
	view_mouse(v, "Click", 1 + 7, 60);
	assert_int_equal(cur_sec(v)->number, 5);
	view_resize(v, 100, 10);
	view_mouse(v, "WheelDown", 5, 60);
	assert_int_equal(v->top, 3);
	view_mouse(v, "WheelUp", 5, 60);
	assert_int_equal(v->top, 0);
	/* The wheel over the speaker pane scrolls it, not the selection. */
	view_mouse(v, "WheelDown", 5, 3);
	assert_int_equal(v->sp_top, 3);
	assert_int_equal(cur_sec(v)->number, 5);
}

/* A taller terminal fills the speaker pane from the end of the list it
 * shows: with the list limited to the sections with hits, rows were left
 * blank below it while its first entries stayed scrolled off above. */
static void test_resize_fills_limited_list(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;

	key(v, "/");
	key(v, "服");
	key(v, "务");
	key(v, "Enter");
	key(v, "&");
	assert_true(v->find.limit);
	assert_int_equal(v->nvis, 6);
	view_resize(v, 100, 4);
	key(v, "Tab");
	key(v, "G");
	assert_int_equal(v->sp_top, 4); /* two rows: the last two entries */
	view_resize(v, 100, 10);
	/* Eight rows for six entries: all of them, from the top. */
	assert_int_equal(v->sp_top, 0);
}

/* Every highlighted span of the item read lies inside its line and covers
 * bytes of the term searched for: spans that belong to another layout of
 * the item would cover other bytes. Returns how many bytes are covered. */
static size_t check_spans_cover(struct view *v, const char *term)
{
	const struct layout *lo = view_layout(v);
	const struct spans *sp = view_spans(v);
	size_t covered = 0;

	assert_non_null(sp);
	for (size_t i = 0; i < lo->nlines; i++) {
		const struct layout_line *l = &lo->lines[i];
		size_t n;
		const struct span *s = spans_of_line(sp, i, &n);

		for (size_t k = 0; k < n; k++) {
			assert_true(s[k].a < s[k].b && s[k].b <= l->len);
			assert_non_null(memmem(term, strlen(term), l->text + l->off + s[k].a, s[k].b - s[k].a));
			covered += s[k].b - s[k].a;
		}
	}
	return covered;
}

/* The terminal found to draw ambiguous characters wide: the item is laid
 * out again, and its highlights with it (they were kept from the narrow
 * layout at the same width, on other lines). */
static void test_relayout_moves_highlights(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;
	size_t narrow, wide;
	const char *term = "群众";

	key(v, "/");
	key(v, "群");
	key(v, "众");
	key(v, "Enter");
	narrow = check_spans_cover(v, term);
	assert_true(narrow > 0);
	text_set_ambiwidth(TEXT_AMBI_WIDE);
	view_relayout(v);
	wide = check_spans_cover(v, term);
	text_set_ambiwidth(TEXT_AMBI_NARROW);
	assert_int_equal(wide, narrow);
}

/* Several inputs none of which has a section or an intro: the pane holds
 * only their titles, and the item read was one past the last (the first
 * frame read past the items). An empty intro stands in, and stays the item
 * read when more such inputs arrive. */
static void test_inputs_without_anything_to_read(void **state)
{
	struct doc d;
	struct view v;
	struct fy_err err = {0};
	struct ui_opts opts = {0};
	struct load_queue q;

	(void)state;
	doc_init(&d);
	assert_int_equal(doc_add_buffer(&d, "a.txt", "\t", 1, NULL, &err), 0);
	assert_int_equal(doc_add_buffer(&d, "b.txt", "\t", 1, NULL, &err), 0);
	assert_int_equal(d.nsections, 0);
	load_init(&q, NULL);
	opts.load = &q;
	view_init(&v, &d, &opts, 100, 30);
	assert_int_equal(v.nitems, 3);
	assert_int_equal(v.cur, 2);
	assert_int_equal(v.items[v.cur].kind, VIEW_ITEM_INTRO);
	assert_int_equal(v.items[v.cur].article, 1); /* under the title listed above it */
	assert_true(view_readable(&v, v.sel));
	assert_int_equal(v.nvis, 2);
	key(&v, "]");
	key(&v, "j");
	assert_int_equal(v.cur, 2);
	assert_int_equal(view_layout(&v)->nlines, 1); /* the intro's heading alone */
	assert_int_equal(doc_add_buffer(&d, "c.txt", "\t", 1, NULL, &err), 0);
	view_grow(&v);
	assert_int_equal(v.cur, 2);
	view_free(&v);
	load_free(&q);
	doc_free(&d);
}

static void test_print_and_quit(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;

	key(v, "6");
	key(v, "P");
	assert_true(v->done);
	assert_int_equal(v->result.outcome, UI_PRINT);
	assert_int_equal(v->result.section, 6);
	v->done = false;
	key(v, "1");
	key(v, "[");
	key(v, "P");
	assert_int_equal(v->result.outcome, UI_PRINT);
	assert_int_equal(v->result.section, 0);
	assert_int_equal(v->result.article, 0);
	v->done = false;
	key(v, "q");
	assert_true(v->done);
	assert_int_equal(v->result.outcome, UI_QUIT);
}

static void test_help_lists_every_binding(void **state)
{
	struct fixture *fx = *state;
	struct view *v = &fx->v;
	size_t n;
	const struct binding *b = actions_bindings(&n);
	static const int widths[] = {100, 40, 20};

	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		struct buf all;

		view_resize(v, widths[w], 20);
		key(v, "?");
		assert_int_equal(v->mode, MODE_HELP);
		buf_init(&all);
		for (size_t i = 0; i < v->help.n; i++) {
			assert_true(text_cols(v->help.lines[i].text, strlen(v->help.lines[i].text)) <= widths[w]);
			buf_adds(&all, " ");
			buf_adds(&all, v->help.lines[i].text);
			buf_adds(&all, " ");
		}
		for (size_t i = 0; i < n; i++) {
			char tok[32];

			/* The key as a whole word: after a space, before a comma or a space. */
			snprintf(tok, sizeof tok, " %s,", b[i].key);
			if (!strstr(all.data, tok) && (snprintf(tok, sizeof tok, " %s ", b[i].key), !strstr(all.data, tok)))
				fail_msg("help at width %d does not list key %s", widths[w], b[i].key);
		}
		for (int a = ACTION_NONE + 1; a < ACTION_COUNT && widths[w] >= 100; a++)
			assert_non_null(strstr(all.data, actions_help((enum action)a)));
		buf_free(&all);
		key(v, "G");
		assert_true(v->help.top + (size_t)v->g.body_rows >= v->help.n);
		key(v, "x"); /* other keys leave the help open */
		assert_int_equal(v->mode, MODE_HELP);
		key(v, "q");
		assert_int_equal(v->mode, MODE_BROWSE);
		assert_false(v->done);
	}
}

/* The panes' geometry alone, from the size and the toggles (view_geom.h):
 * side by side with a margin, one pane at a time below 72 columns, no title
 * line when z hides the speakers (but with the help), too small below 20x6. */
static void test_geom_alone(void **state)
{
	struct view_geom g;

	(void)state;
	view_geom_compute(&g, 100, 30, false, false, VIEW_FOCUS_READER);
	assert_true(g.show_speakers && g.show_reader && g.title_line && !g.too_small);
	assert_int_equal(g.sp_w, 30);
	assert_int_equal(g.rd_x, 30);
	assert_int_equal(g.rd_w, 70);
	assert_int_equal(g.text_x, 31);
	assert_int_equal(g.text_w, 68);
	assert_int_equal(g.body_y, 1);
	assert_int_equal(g.body_rows, 28);
	assert_int_equal(g.status_y, 29);
	assert_int_equal(view_geom_reader_width(&g), 68);
	view_geom_compute(&g, 80, 24, false, false, VIEW_FOCUS_SPEAKERS);
	assert_int_equal(g.sp_w, 25);
	assert_int_equal(g.text_w, 53);
	/* Narrow: the focus picks the pane; the item is laid out at the width
	 * the reader would have, even while only the speakers show. */
	view_geom_compute(&g, 60, 20, false, false, VIEW_FOCUS_SPEAKERS);
	assert_true(g.show_speakers && !g.show_reader);
	assert_int_equal(g.sp_w, 60);
	assert_int_equal(view_geom_reader_width(&g), 58);
	view_geom_compute(&g, 60, 20, false, false, VIEW_FOCUS_READER);
	assert_true(!g.show_speakers && g.show_reader);
	assert_int_equal(g.text_x, 1);
	assert_int_equal(g.text_w, 58);
	/* z: full width, the status line on top, the text to the bottom row. */
	view_geom_compute(&g, 100, 30, true, false, VIEW_FOCUS_SPEAKERS);
	assert_true(!g.show_speakers && g.show_reader && !g.title_line);
	assert_int_equal(g.status_y, 0);
	assert_int_equal(g.body_rows, 29);
	assert_int_equal(g.text_w, 98);
	view_geom_compute(&g, 100, 30, true, true, VIEW_FOCUS_READER);
	assert_true(g.title_line);
	assert_int_equal(g.status_y, 29);
	/* No margin under 30 columns; too small under 20 x 6. */
	view_geom_compute(&g, 25, 6, false, false, VIEW_FOCUS_READER);
	assert_false(g.too_small);
	assert_int_equal(g.text_x, 0);
	assert_int_equal(g.text_w, 25);
	view_geom_compute(&g, 19, 24, false, false, VIEW_FOCUS_READER);
	assert_true(g.too_small);
	view_geom_compute(&g, 80, 5, false, false, VIEW_FOCUS_READER);
	assert_true(g.too_small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geom_alone),
		cmocka_unit_test_setup_teardown(test_first_screen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_message_cut_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digits_and_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paragraphs_and_scrolling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resize_keeps_paragraph, setup, teardown),
		cmocka_unit_test_setup_teardown(test_panes_by_width, setup, teardown),
		cmocka_unit_test_setup_teardown(test_speaker_pane_keys_and_mouse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resize_fills_limited_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relayout_moves_highlights, setup, teardown),
		cmocka_unit_test(test_inputs_without_anything_to_read),
		cmocka_unit_test_setup_teardown(test_print_and_quit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_lists_every_binding, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
