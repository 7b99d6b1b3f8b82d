/* test_ambi.c: terminals that draw East Asian Ambiguous characters (“ ” —
 * … · │) two columns wide, through the harness's wide-ambiguous model. With
 * --ambiwidth=wide every character stands in the column fayan laid it out
 * for (the reader's lines are compared cell by cell with the layout made in
 * this process at the same width), nothing is drawn past a pane's edge and
 * the separator keeps one column; auto finds wide there and narrow on the
 * ordinary emulator, keeps the answer as a hint, and a terminal that does
 * not answer leaves narrow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <sys/stat.h>

#include "fayan/doc.h"
#include "fayan/layout.h"
#include "fayan/text.h"
#include "fayan/util.h"
#include "harness.h"

#define ROWS 24

/* Start the browser on the built-in article with `ambi` (an --ambiwidth
 * value, or NULL for the default), on the wide model or the ordinary
 * emulator, and wait until the probe (if any) has been answered. */
static struct term *start_on(int cols, bool wide_terminal, const char *ambi, const char *const env[])
{
	char opt[32];
	struct term_opts o = {
		.cols = cols,
		.rows = ROWS,
		.env = env,
		.ambi_wide = wide_terminal,
	};
	struct term *t;

	snprintf(opt, sizeof opt, "--ambiwidth=%s", ambi ? ambi : "auto");
	o.argv = TERM_ARGV("fayan", opt);
	t = term_spawn_opts(&o);
	assert_non_null(t);
	if (!term_wait_for(t, "/10 ", 5000))
		fail_msg("the browser did not start");
	term_wait_quiet(t, 300);
	return t;
}

/* The cells of `row` from column `col` on, as text (a wide character's
 * second cell skipped, an empty cell a space), trailing spaces trimmed. */
static const char *cells_from(struct term *t, int row, int col)
{
	static char out[1024];
	size_t len = 0;
	int cols, rows;

	term_size(t, &cols, &rows);
	for (int c = col; c < cols; c++) {
		struct term_cell cell;

		if (!term_cell(t, row, c, &cell))
			break;
		if (cell.width == 2)
			c++;
		const char *s = cell.text[0] ? cell.text : " ";

		if (len + strlen(s) + 1 < sizeof out) {
			memcpy(out + len, s, strlen(s));
			len += strlen(s);
		}
	}
	while (len > 0 && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
	return out;
}

/* Where the reader's text starts and how wide it is, as src/view.c sets the panes. */
static void reader_geom(int cols, int *text_x, int *text_w)
{
	int rd_x = cols >= 72 ? (cols >= 100 ? 30 : 25) : 0;
	int rd_w = cols - rd_x;

	*text_x = rd_w >= 30 ? rd_x + 1 : rd_x;
	*text_w = rd_w >= 30 ? rd_w - 2 : rd_w;
}

/* Nothing torn: the wide characters whole, the separator in one column on
 * every body row, in the column the panes give it (`sep_cols` cells before
 * the reader: 2 where ambiguous characters are wide), and the last column of
 * every body row and the cell before the separator empty: no character went
 * past a pane's edge. */
static void check_edges_sep(struct term *t, int sep_cols, const char *what)
{
	const char *bad = term_misaligned(t);
	int cols, rows, sep_row, sep_col;

	term_size(t, &cols, &rows);
	if (bad)
		fail_msg("%s: %s:\n%s", what, bad, term_screen(t));
	if (term_find_pos(t, "│", &sep_row, &sep_col)) {
		int sp_w = cols >= 100 ? 30 : 25;
		struct term_cell c;

		if (sep_col != sp_w - sep_cols)
			fail_msg("%s: the separator is at column %d, not %d:\n%s", what, sep_col, sp_w - sep_cols,
				 term_screen(t));
		for (int r = 1; r < rows - 1; r++) {
			assert_true(term_cell(t, r, sep_col - 1, &c));
			if (c.text[0] && strcmp(c.text, " "))
				fail_msg("%s: row %d: '%s' touches the separator:\n%s", what, r, c.text, term_screen(t));
		}
	}
	for (int r = 1; r < rows - 1 && cols >= 30; r++) {
		struct term_cell c;

		assert_true(term_cell(t, r, cols - 1, &c));
		if (c.text[0] && strcmp(c.text, " "))
			fail_msg("%s: row %d: '%s' in the last column:\n%s", what, r, c.text, term_screen(t));
	}
}

/* check_edges_sep for a screen laid out with ambiguous characters wide. */
static void check_edges(struct term *t, const char *what)
{
	check_edges_sep(t, 2, what);
}

/* The last column of every body row empty (the picker's box has a │ of its own). */
static void check_right_edge(struct term *t, const char *what)
{
	int cols, rows;

	term_size(t, &cols, &rows);
	for (int r = 1; r < rows - 1; r++) {
		struct term_cell c;

		assert_true(term_cell(t, r, cols - 1, &c));
		if (c.text[0] && strcmp(c.text, " "))
			fail_msg("%s: row %d: '%s' in the last column:\n%s", what, r, c.text, term_screen(t));
	}
}

/* The first page of section `s` (1-based) is the layout made here with the
 * same widths and the reader's style, every line starting in the reader's
 * text column. */
static void check_reader(struct term *t, const struct doc *d, size_t s, const char *what)
{
	int cols, rows, text_x, text_w;
	struct layout lo;
	const struct layout_style style = {.punct = LAYOUT_PUNCT_CJK, .full = true};

	term_size(t, &cols, &rows);
	reader_geom(cols, &text_x, &text_w);
	layout_section_as(&lo, d->sections[s - 1], text_w, &style);
	for (int r = 1; r < rows - 1 && (size_t)(r - 1) < lo.nlines; r++) {
		const struct layout_line *l = &lo.lines[r - 1];
		const char *shown = l->disp ? l->disp : l->text + l->off;
		size_t len = l->disp ? l->disp_len : l->len;
		char want[512];
		size_t n = len < sizeof want - 1 ? len : sizeof want - 1;
		const char *got = cells_from(t, r, text_x);

		memcpy(want, shown, n);
		while (n > 0 && want[n - 1] == ' ')
			n--;
		want[n] = '\0';
		if (strcmp(got, want) != 0)
			fail_msg("%s: row %d shows '%s', laid out as '%s':\n%s", what, r, got, want, term_screen(t));
	}
	layout_free(&lo);
}

static void test_wide_reader_at_widths(void **state)
{
	static const int widths[] = {40, 80, 120};
	struct doc d;

	(void)state;
	doc_init(&d);
	doc_add_builtin(&d);
	text_set_ambiwidth(TEXT_AMBI_WIDE);
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		struct term *t = start_on(widths[w], true, "wide", NULL);

		for (size_t s = 1; s <= 10; s++) {
			char key[2] = {(char)('0' + s % 10), '\0'};
			char what[64];

			char status[64];

			/* Each key's frame in full before it is read: the status
			 * line names the section, or changes with the page. */
			snprintf(status, sizeof status, "%zu/10 ", s);
			term_send(t, key);
			assert_true(term_wait_row_has(t, ROWS - 1, status, 5000));
			term_wait_quiet(t, 0);
			snprintf(what, sizeof what, "wide, width %d, section %zu", widths[w], s);
			check_reader(t, &d, s, what);
			for (int page = 0; page < 12; page++) {
				snprintf(what, sizeof what, "wide, width %d, section %zu, page %d", widths[w], s, page);
				check_edges(t, what);
				if (strstr(term_row(t, ROWS - 1), "100%") || strstr(term_row(t, ROWS - 1), " all"))
					break;
				snprintf(status, sizeof status, "%s", term_row(t, ROWS - 1));
				term_send(t, " ");
				assert_true(term_wait_row_changes(t, ROWS - 1, status, 5000));
				term_wait_quiet(t, 0);
			}
		}
		assert_int_equal(term_quit(t), 0);
	}
	text_set_ambiwidth(TEXT_AMBI_NARROW);
	doc_free(&d);
}

/* The speaker pane: every entry there, the places cut with a two-column "…"
 * that ends before the separator; the status line's right end in the last
 * columns; and at 40 columns the pane on its own. */
static void test_wide_speakers_and_status(void **state)
{
	static const int widths[] = {40, 80, 120};
	static const char *const names[10] = {
		"马东亮", "高留念", "段祥生", "张海军", "李华", "王东", "韩迎旭", "曹西峰", "王彬", "陈萌",
	};

	(void)state;
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		struct term *t = start_on(widths[w], true, "wide", NULL);
		int row, col;

		if (widths[w] < 72)
			term_type(t, "\t");
		for (int i = 0; i < 10; i++)
			if (term_find(t, names[i]) < 0)
				fail_msg("%s is not in the speaker pane:\n%s", names[i], term_screen(t));
		check_edges(t, "speaker pane");
		if (widths[w] == 80) {
			/* 21 columns of text: "10 陈萌   " and the place cut to 8 with "…". */
			assert_true(term_find_pos(t, "郑东新区…", &row, &col));
			assert_int_equal(col, 11);
		}
		assert_true(term_find_pos(t, "? help", &row, &col));
		assert_int_equal(row, ROWS - 1);
		assert_int_equal(col, widths[w] - 7);
		assert_int_equal(term_quit(t), 0);
	}
}

/* All the text of the body rows, spaces left out: what a screen says,
 * whatever its line breaks. */
static char *body_words(struct term *t)
{
	struct buf b;
	int cols, rows;

	term_size(t, &cols, &rows);
	buf_init(&b);
	for (int r = 1; r < rows - 1; r++)
		for (const char *s = term_row(t, r); *s; s++)
			if (*s != ' ')
				buf_addc(&b, *s);
	buf_addc(&b, '\0');
	return buf_take(&b, NULL);
}

/* The text inside the picker's box, spaces left out ("" without a box). */
static char *box_words(struct term *t)
{
	struct buf b;
	int top, left, right, bottom, c0;

	buf_init(&b);
	if (term_find_pos(t, "┌", &top, &left) && term_find_pos(t, "┐", &top, &right) &&
	    term_find_pos(t, "└", &bottom, &c0)) {
		for (int r = top; r <= bottom; r++)
			for (int c = left; c <= right; c++) {
				struct term_cell cell;

				if (term_cell(t, r, c, &cell) && cell.text[0] && strcmp(cell.text, " "))
					buf_adds(&b, cell.text);
			}
	}
	buf_addc(&b, '\0');
	return buf_take(&b, NULL);
}

/* The help screen and the theme picker say the same on both terminals. */
static void test_wide_help_and_picker(void **state)
{
	static const char *const keys[] = {"?", "t"};

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		struct term *n = start_on(80, false, "narrow", NULL);
		struct term *t = start_on(80, true, "wide", NULL);
		char *want, *got;

		term_type(n, keys[k]);
		term_type(t, keys[k]);
		term_wait_quiet(n, 500);
		term_wait_quiet(t, 500);
		if (k == 0)
			check_edges(t, keys[k]);
		else
			check_right_edge(t, keys[k]);
		want = k == 0 ? body_words(n) : box_words(n);
		got = k == 0 ? body_words(t) : box_words(t);
		assert_true(strlen(want) > 100);
		if (strcmp(want, got) != 0)
			fail_msg("%s: the wide terminal shows\n%s\nthe narrow one\n%s", keys[k], term_screen(t),
				 term_screen(n));
		free(want);
		free(got);
		term_free(n);
		term_free(t);
	}
}

/* A hit's cell: reverse video, or the hit colour's background (test_search.c). */
static bool highlighted(const struct term_cell *c)
{
	return c->reverse || (!c->bg_default && c->bg_index == 3);
}

/* Search hits after an ambiguous character are highlighted on exactly
 * their own cells. */
static void test_wide_search_highlights(void **state)
{
	struct term *t = start_on(80, true, "wide", NULL);
	int row, col, lit = 0;
	struct term_cell c;

	(void)state;
	term_type(t, "/资源\r");
	assert_true(term_find_pos(t, "“五闲资源”", &row, &col));
	/* “ 五 闲 take two cells each; 资 源 are lit, ” is not. */
	for (int k = 0; k < 6; k++) {
		assert_true(term_cell(t, row, col + 2 * k, &c));
		if (k == 3 || k == 4)
			assert_true(highlighted(&c));
		else
			assert_false(highlighted(&c));
	}
	for (int r = 1; r < ROWS - 1; r++)
		for (int x = 25; x < 80; x++)
			if (term_cell(t, r, x, &c) && highlighted(&c) && c.text[0]) {
				if (strcmp(c.text, "资") && strcmp(c.text, "源"))
					fail_msg("row %d col %d: '%s' is lit:\n%s", r, x, c.text, term_screen(t));
				lit++;
			}
	assert_true(lit >= 4 && lit % 2 == 0);
	check_edges(t, "search");
	assert_int_equal(term_quit(t), 0);
}

/* A resize lays out again for the new width, still wide. */
static void test_wide_resize(void **state)
{
	struct term *t = start_on(120, true, "wide", NULL);
	static const int sizes[][2] = {{40, 12}, {80, 24}, {120, 24}};

	(void)state;
	term_type(t, "3");
	for (size_t i = 0; i < 3; i++) {
		term_resize(t, sizes[i][0], sizes[i][1]);
		term_wait_quiet(t, 300);
		check_edges(t, "after a resize");
		assert_non_null(strstr(term_row(t, sizes[i][1] - 1), "3/10"));
	}
	assert_int_equal(term_quit(t), 0);
}

/* The state file's contents ("" if none). */
static char *positions(struct term *t)
{
	char path[4096];
	FILE *f;
	struct buf b;
	char chunk[512];
	size_t n;

	snprintf(path, sizeof path, "%s/state/fayan/positions", term_dir(t));
	buf_init(&b);
	f = fopen(path, "r");
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (f)
		fclose(f);
	buf_addc(&b, '\0');
	return buf_take(&b, NULL);
}

/* auto: wide on the wide model, narrow on the ordinary one, a wide answer
 * kept for the terminal type. The place of 马东亮 shows whole only when
 * ambiguous characters are narrow (its row is cut with a wide "…"). */
static void test_auto_asks_the_terminal(void **state)
{
	struct term *t = start_on(80, true, NULL, NULL);
	char *p;

	(void)state;
	assert_true(term_find(t, "新郑市城…") >= 0);
	check_edges(t, "auto on the wide model");
	p = positions(t);
	assert_non_null(strstr(p, "ambiwidth xterm-256color wide\n"));
	free(p);
	assert_int_equal(term_quit(t), 0);

	t = start_on(80, false, NULL, NULL);
	assert_true(term_find(t, "1 马东亮 新郑市城关乡") >= 0);
	assert_false(term_find(t, "新郑市城…") >= 0);
	assert_null(term_misaligned(t));
	/* The probe's “ is gone: the screen is the one narrow draws. */
	{
		struct term *n = start_on(80, false, "narrow", NULL);
		char *want = xstrdup(term_screen(n));

		assert_string_equal(term_screen(t), want);
		free(want);
		term_free(n);
	}
	/* Narrow, the common answer, writes nothing. */
	p = positions(t);
	assert_string_equal(p, "");
	free(p);
	assert_int_equal(term_quit(t), 0);
}

/* Write the state file with `line` in it before the browser starts. */
static void put_state(const char *dir, const char *line)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/fayan", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/fayan/positions", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(line, f);
	fclose(f);
}

/* The hint draws the first frame; the probe still decides. On a terminal
 * that says narrow the hint is corrected; one that never answers is taken
 * as narrow after the wait, and an answer that comes late still counts and
 * is never read as keys. */
static void test_hint_and_silent_terminal(void **state)
{
	char dir[4096], env_state[4200];
	const char *env[] = {env_state, NULL};
	struct term_opts o = {.cols = 80, .rows = ROWS, .env = env, .no_cpr = true};
	struct term *t;

	(void)state;
	snprintf(dir, sizeof dir, "%s/fayan-ambi.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(env_state, sizeof env_state, "XDG_STATE_HOME=%s", dir);
	chmod(dir, 0700);

	/* The ordinary emulator says narrow: the hint "wide" goes. */
	put_state(dir, "0123456789abcdef 2 0\nambiwidth xterm-256color wide\nambiwidth vt100 wide\n");
	t = start_on(80, false, NULL, env);
	assert_true(term_find(t, "1 马东亮 新郑市城关乡") >= 0);
	check_edges_sep(t, 1, "hint wide, terminal narrow");
	assert_int_equal(term_quit(t), 0);
	{
		char path[4200];
		FILE *f;
		char text[512] = "";
		size_t n;

		snprintf(path, sizeof path, "%s/fayan/positions", dir);
		f = fopen(path, "r");
		assert_non_null(f);
		n = fread(text, 1, sizeof text - 1, f);
		text[n] = '\0';
		fclose(f);
		assert_non_null(strstr(text, "0123456789abcdef 2 0\n"));
		assert_non_null(strstr(text, "ambiwidth vt100 wide\n"));
		assert_null(strstr(text, "xterm-256color"));
	}

	/* A wide model that never answers: the first frame is wide on the hint... */
	put_state(dir, "ambiwidth xterm-256color wide\n");
	o.argv = TERM_ARGV("fayan");
	o.ambi_wide = true;
	t = term_spawn_opts(&o);
	assert_non_null(t);
	assert_true(term_wait_for(t, "新郑市城…", 5000));
	/* ...and narrow once the wait is over (it is drawn narrow, so torn here). */
	assert_true(term_wait_for(t, "新郑市城关乡", 3000));
	/* A late answer still counts, and is no key: 2 would open section 2. */
	term_raw(t, "\033[2;3R", 6);
	assert_true(term_wait_for(t, "新郑市城…", 3000));
	term_wait_quiet(t, 300);
	assert_non_null(strstr(term_row(t, ROWS - 1), "1/10 马东亮"));
	check_edges(t, "a late answer");
	assert_int_equal(term_quit(t), 0);
	{
		char cmd[4200];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		assert_int_equal(system(cmd), 0);
	}
}

E2E_GROUP(ambi)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wide_reader_at_widths),
		cmocka_unit_test(test_wide_speakers_and_status),
		cmocka_unit_test(test_wide_help_and_picker),
		cmocka_unit_test(test_wide_search_highlights),
		cmocka_unit_test(test_wide_resize),
		cmocka_unit_test(test_auto_asks_the_terminal),
		cmocka_unit_test(test_hint_and_silent_terminal),
	};

	return cmocka_run_group_tests_name("ambi", tests, NULL, NULL);
}
