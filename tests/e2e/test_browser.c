/* test_browser.c: the browser run for real in a pseudo-terminal and read back
 * through libvterm: what the user sees at each size, the keys of issue 3, the
 * line-breaking rules on every screen line, printing to a redirected stdout,
 * colour rules, the saved position and restoring the terminal on SIGHUP. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "fayan/actions.h"
#include "fayan/util.h"
#include "harness.h"

static const char *const names[10] = {
	"马东亮", "高留念", "段祥生", "张海军", "李华", "王东", "韩迎旭", "曹西峰", "王彬", "陈萌",
};

/* Start the browser on the built-in article and wait for its first screen. */
static struct term *start(int cols, int rows, const char *const env[])
{
	struct term *t = term_spawn(cols, rows, NULL, env);

	assert_non_null(t);
	if (!term_wait_for(t, "/10 ", 5000))
		fail_msg("the browser did not start");
	term_wait_quiet(t, 0);
	return t;
}

static void test_first_screen(void **state)
{
	struct term *t = start(100, 30, NULL);
	struct term_cell c;
	int row, col;

	(void)state;
	for (int i = 0; i < 10; i++)
		if (term_find(t, names[i]) < 0)
			fail_msg("%s is not on the first screen:\n%s", names[i], term_screen(t));
	assert_true(term_find(t, "走出农村公共服务体系建设新路子") >= 1);
	assert_true(term_find(t, "新郑市城关乡党委书记 马东亮") >= 1);
	assert_true(term_find(t, "导语") >= 1);
	assert_int_equal(term_find(t, "不断提升基层治理能力 营造安居乐业良好环境"), 0);
	assert_non_null(strstr(term_row(t, 29), "1/10 马东亮"));
	assert_non_null(strstr(term_row(t, 29), "? help"));
	/* The lead sentence is bold, the rest of the paragraph is not. */
	assert_true(term_find_pos(t, "盘活“五闲资源”", &row, &col));
	assert_true(term_cell(t, row, col, &c));
	assert_true(c.bold);
	assert_true(term_find_pos(t, "组织200多名", &row, &col));
	assert_true(term_cell(t, row, col, &c));
	assert_false(c.bold);
	/* The current speaker is highlighted. */
	assert_true(term_find_pos(t, "马东亮 新郑市", &row, &col));
	assert_true(term_cell(t, row, col, &c));
	assert_true(c.reverse);
	assert_true(term_find_pos(t, "高留念", &row, &col));
	assert_true(term_cell(t, row, col, &c));
	assert_false(c.reverse);
	assert_int_equal(term_quit(t), 0);
}

static void test_section_keys(void **state)
{
	struct term *t = start(100, 30, NULL);

	(void)state;
	term_type(t, "8");
	assert_true(term_wait_for(t, "全力做好万邦市场防疫保供双统筹", 2000));
	assert_true(term_find(t, "中牟县郑庵镇党委书记 曹西峰") >= 1);
	assert_non_null(strstr(term_row(t, 29), "8/10 曹西峰"));
	term_type(t, "]");
	assert_true(term_wait_for(t, "9/10 王彬", 2000));
	assert_true(term_find(t, "努力让家园更美丽让群众更幸福") >= 1);
	assert_int_equal(term_find(t, "全力做好万邦市场防疫保供双统筹"), -1);
	term_type(t, "[");
	term_type(t, "[");
	assert_true(term_wait_for(t, "7/10 韩迎旭", 2000));
	term_type(t, "0");
	assert_true(term_wait_for(t, "10/10 陈萌", 2000));
	term_type(t, "]");
	assert_true(term_wait_for(t, "last section", 2000));
	/* Before section 1 comes the intro. */
	term_type(t, "1[");
	assert_true(term_wait_for(t, "导语 0/10", 2000));
	assert_true(term_find(t, "听民声、顺民意") >= 1);
	/* ':' and a number. */
	term_type(t, ":");
	assert_true(term_wait_for(t, "Go to section:", 2000));
	term_type(t, "4");
	term_key(t, VTERM_KEY_ENTER);
	assert_true(term_wait_for(t, "4/10 张海军", 2000));
	assert_int_equal(term_quit(t), 0);
}

/* The speaker pane's row of section n: its cell, and whether it is highlighted. */
static bool pane_row(struct term *t, int n, int *row, int *col)
{
	char text[64];
	struct term_cell c;

	snprintf(text, sizeof text, "%d %s", n, names[n - 1]);
	assert_true(term_find_pos(t, text, row, col));
	assert_true(term_cell(t, *row, *col, &c));
	return c.reverse;
}

/* Send a left click (an SGR 1006 press and release) on section n's row of the speaker pane. */
static void click_section(struct term *t, int n)
{
	int row, col;
	char seq[64];

	pane_row(t, n, &row, &col);
	snprintf(seq, sizeof seq, "\033[<0;%d;%dM\033[<0;%d;%dm", col + 2, row + 1, col + 2, row + 1);
	term_raw(t, seq, strlen(seq));
}

/* Whether section n's row in the speaker pane is highlighted (the section being read). */
static bool row_current(struct term *t, int n)
{
	int row, col;

	return pane_row(t, n, &row, &col);
}

/* A click opens a speaker; at the ':' prompt it does nothing, and the prompt
 * goes on taking the number. */
static void test_click_at_the_prompt(void **state)
{
	struct term *t = start(100, 30, NULL);

	(void)state;
	click_section(t, 5);
	assert_true(term_wait_for(t, "5/10 李华", 2000));
	assert_true(row_current(t, 5));
	term_type(t, ":");
	assert_true(term_wait_for(t, "Go to section:", 2000));
	click_section(t, 6);
	term_wait_quiet(t, 200);
	assert_true(row_current(t, 5));
	assert_false(row_current(t, 6));
	assert_non_null(strstr(term_row(t, 29), "Go to section: _"));
	term_type(t, "3");
	assert_true(term_wait_for(t, "Go to section: 3_", 2000));
	term_key(t, VTERM_KEY_ENTER);
	assert_true(term_wait_for(t, "3/10 段祥生", 2000));
	assert_true(row_current(t, 3));
	assert_int_equal(term_quit(t), 0);
}

/* The text part of a screen row: after the pane separator if there is one, without the margin. */
static const char *text_part(const char *row)
{
	const char *sep = strstr(row, "│");

	if (sep)
		row = sep + strlen("│");
	if (*row == ' ')
		row++;
	return row;
}

static void test_z_full_width(void **state)
{
	struct term *t = start(100, 30, NULL);
	int row, col;

	(void)state;
	term_type(t, "z");
	assert_int_equal(term_find(t, "│"), -1);
	assert_int_equal(term_find(t, "高留念"), -1);
	assert_true(term_find_pos(t, "走出农村公共服务体系建设新路子", &row, &col));
	assert_int_equal(col, 1);
	/* A paragraph line now uses (nearly) the full 98 columns of text. */
	assert_true(term_find_pos(t, "城关乡因地制宜", &row, &col));
	assert_int_equal(col, 1);
	{
		const char *r = term_row(t, row);
		int cells = 0;

		for (int c = 0; c < 100; c++) {
			struct term_cell cell;

			if (term_cell(t, row, c, &cell) && cell.text[0] && strcmp(cell.text, " ") != 0)
				cells = c + cell.width;
		}
		if (cells < 90)
			fail_msg("full-width line is only %d columns: %s", cells, r);
	}
	term_type(t, "z");
	assert_true(term_find(t, "高留念") >= 1);
	assert_int_equal(term_quit(t), 0);
}

/* Bytes sent for one line of scrolling: with the speaker pane hidden the reader
 * spans the terminal and ncurses can scroll it with the scroll region. */
static void test_full_width_scrolls_cheaply(void **state)
{
	struct term *t = start(80, 12, NULL);
	size_t side, full;

	(void)state;
	term_type(t, "3");
	term_log_clear(t);
	term_type(t, "j");
	term_log(t, &side);
	term_type(t, "kz");
	term_log_clear(t);
	term_type(t, "j");
	term_log(t, &full);
	assert_true(full > 0); /* it did scroll */
	if (!(full * 3 < side))
		fail_msg("one line of scrolling costs %zu bytes at full width, %zu beside the pane", full, side);
	assert_int_equal(term_quit(t), 0);
}

static void test_resize_keeps_paragraph(void **state)
{
	struct term *t = start(120, 40, NULL);
	char first[64];
	int row, col;

	(void)state;
	term_type(t, "3}}}");
	/* Paragraph 3 (index 2) is on the top line of the reader. */
	snprintf(first, sizeof first, "%s", text_part(term_row(t, 1)));
	assert_non_null(strstr(first, "清理“四乱”") ? first : strstr(first, "。"));
	first[12] = '\0'; /* its first four characters */
	term_resize(t, 40, 12);
	term_wait_quiet(t, 300);
	if (strncmp(text_part(term_row(t, 1)), first, strlen(first)) != 0)
		fail_msg("after the resize the top line is not paragraph 3 (%s):\n%s", first, term_screen(t));
	assert_non_null(strstr(term_row(t, 11), "3/10"));
	/* Laid out again for 40 columns: no line is wider than the reader. */
	for (int r = 1; r < 11; r++) {
		struct term_cell c;

		assert_true(term_cell(t, r, 39, &c));
		assert_true(c.text[0] == '\0' || strcmp(c.text, " ") == 0);
	}
	assert_false(term_find_pos(t, "│", &row, &col));
	/* And back: still the same paragraph on top. */
	term_resize(t, 120, 40);
	term_wait_quiet(t, 300);
	assert_int_equal(strncmp(text_part(term_row(t, 1)), first, strlen(first)), 0);
	assert_int_equal(term_quit(t), 0);
}

static bool is_one_of(const char *s, const char *const set[])
{
	for (size_t i = 0; set[i]; i++)
		if (strncmp(s, set[i], strlen(set[i])) == 0)
			return true;
	return false;
}

static bool ends_with_one_of(const char *s, const char *const set[])
{
	size_t n = strlen(s);

	for (size_t i = 0; set[i]; i++) {
		size_t k = strlen(set[i]);

		if (n >= k && strcmp(s + n - k, set[i]) == 0)
			return true;
	}
	return false;
}

/* Every body row obeys the line-breaking rules and no wide character is cut. */
static void check_rows(struct term *t, int rows, const char *what)
{
	static const char *const no_start[] = {"，", "。", "、", ",", ".", ";", ":", "!", "?", "”", ")", NULL};
	static const char *const no_end[] = {"“", "(", NULL};
	const char *bad;

	for (int r = 1; r < rows - 1; r++) {
		const char *text = text_part(term_row(t, r));

		if (is_one_of(text, no_start))
			fail_msg("%s: row %d starts with a closing mark: %s", what, r, text);
		if (ends_with_one_of(text, no_end))
			fail_msg("%s: row %d ends with an opening mark: %s", what, r, text);
	}
	/* No wide character cut; the separator in one column: nothing was torn. */
	bad = term_misaligned(t);
	if (bad)
		fail_msg("%s: %s:\n%s", what, bad, term_screen(t));
}

static void test_line_rules_at_widths(void **state)
{
	static const int widths[] = {40, 60, 80};

	(void)state;
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		int rows = 24;
		struct term *t = start(widths[w], rows, NULL);

		for (int s = 1; s <= 10; s++) {
			char key[2] = {(char)('0' + s % 10), '\0'};
			char what[64];

			term_type(t, key);
			/* Page through the whole section. */
			for (int page = 0; page < 12; page++) {
				snprintf(what, sizeof what, "width %d section %d page %d", widths[w], s, page);
				check_rows(t, rows, what);
				if (strstr(term_row(t, rows - 1), "100%") || strstr(term_row(t, rows - 1), " all"))
					break;
				term_type(t, " ");
			}
		}
		/* The speaker pane (or, narrow, the pane on its own) obeys the same rules. */
		term_type(t, "\t");
		check_rows(t, rows, "speaker pane");
		assert_int_equal(term_quit(t), 0);
	}
}

static void test_print_to_redirected_stdout(void **state)
{
	struct term_opts o = {.cols = 80, .rows = 24, .stdout_to_file = true};
	struct term_opts p = {.cols = 80, .rows = 24, .stdout_to_file = true,
			      .argv = TERM_ARGV("fayan", "--print", "5")};
	struct term *t, *ref;
	int st = -1;
	char *printed;

	(void)state;
	t = term_spawn_opts(&o);
	assert_non_null(t);
	assert_true(term_wait_for(t, "1/10", 5000));
	term_type(t, "5");
	if (!term_wait_for(t, "5/10 李华", 2000))
		fail_msg("%s", term_screen(t));
	term_send(t, "P");
	assert_true(term_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	printed = xstrdup(term_stdout(t, NULL));
	/* Nothing of the screen went to stdout. */
	assert_null(strstr(printed, "\033"));

	ref = term_spawn_opts(&p);
	assert_non_null(ref);
	assert_true(term_wait_exit(ref, 5000, &st));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_true(strlen(term_stdout(ref, NULL)) > 100);
	assert_non_null(strstr(printed, "按下高品质街区建设“快进键”\n"));
	assert_string_equal(printed, term_stdout(ref, NULL));
	free(printed);
	term_free(ref);
	term_free(t);
}

static void test_help_lists_every_binding(void **state)
{
	struct term *t = start(100, 40, NULL);
	size_t n;
	const struct binding *b = actions_bindings(&n);
	struct buf screen, text;

	(void)state;
	term_type(t, "?");
	assert_true(term_wait_for(t, "Show or close this help", 2000));
	/* The help of every mode is longer than a screen: page through it all. */
	buf_init(&screen);
	buf_init(&text);
	buf_adds(&screen, " ");
	for (int page = 0; page < 10; page++) {
		char *was = xstrdup(term_screen(t));

		buf_adds(&screen, was);
		buf_adds(&text, was);
		term_type(t, " ");
		term_wait_quiet(t, 100);
		if (strcmp(was, term_screen(t)) == 0) {
			free(was);
			break;
		}
		free(was);
	}
	for (char *p = screen.data; *p; p++)
		if (*p == '\n' || *p == ',')
			*p = ' ';
	buf_adds(&screen, " ");
	for (size_t i = 0; i < n; i++) {
		char tok[32];

		snprintf(tok, sizeof tok, " %s ", b[i].key);
		if (!strstr(screen.data, tok))
			fail_msg("the help does not list key %s:\n%s", b[i].key, screen.data);
	}
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
		if (!strstr(text.data, actions_help((enum action)a)))
			fail_msg("the help does not describe %s", actions_name((enum action)a));
	buf_free(&screen);
	buf_free(&text);
	term_type(t, "q");
	assert_true(term_wait_for(t, "1/10 马东亮", 2000));
	assert_int_equal(term_quit(t), 0);
}

/* Walk through a few screens so that every kind of text has been drawn. */
static void tour(struct term *t)
{
	term_type(t, "8]z?");
	term_type(t, "q\t");
	term_type(t, "jj");
}

static void test_no_colour_when_asked(void **state)
{
	static const char *const mono[] = {"TERM=xterm-mono", NULL};
	static const char *const nocolor[] = {"NO_COLOR=1", NULL};
	struct term *t;
	struct term_cell c;
	int row, col;

	(void)state;
	/* The default run does use colour, so the checks below can fail. */
	t = start(100, 30, NULL);
	tour(t);
	assert_true(term_log_colours(t) > 0);
	assert_int_equal(term_quit(t), 0);

	t = start(100, 30, mono);
	tour(t);
	assert_int_equal(term_log_colours(t), 0);
	/* Still readable: the bars are reverse, headlines bold. The tour ends in
	 * full-width reading, where the status line is the top row. */
	assert_true(term_cell(t, 0, 0, &c));
	assert_true(c.reverse);
	assert_int_equal(term_quit(t), 0);

	t = start(100, 30, nocolor);
	tour(t);
	assert_int_equal(term_log_colours(t), 0);
	assert_true(term_find_pos(t, "努力让家园更美丽让群众更幸福", &row, &col));
	assert_true(term_cell(t, row, col, &c));
	assert_true(c.bold);
	assert_int_equal(term_quit(t), 0);

	t = term_spawn(100, 30, TERM_ARGV("fayan", "--color=never"), NULL);
	assert_non_null(t);
	assert_true(term_wait_for(t, "1/10", 5000));
	tour(t);
	assert_int_equal(term_log_colours(t), 0);
	assert_int_equal(term_quit(t), 0);
}

/* The terminal is given back: normal screen, cursor shown, keypad and mouse off. */
static void assert_restored(struct term *t)
{
	size_t len;
	const char *log = term_log(t, &len);
	const char *last_on = NULL, *last_off = NULL;

	for (const char *p = log; (p = strstr(p, "\033[?1049")); p++) {
		if (p[7] == 'h')
			last_on = p;
		else if (p[7] == 'l')
			last_off = p;
	}
	assert_non_null(last_on);
	assert_non_null(last_off);
	assert_true(last_off > last_on);
	assert_false(term_altscreen(t));
	assert_true(term_cursor_visible(t));
	/* Mouse reporting was switched off after it was last switched on. */
	{
		const char *m_on = NULL, *m_off = NULL;

		for (const char *p = log; (p = strstr(p, "\033[?1000")); p++) {
			if (p[7] == 'h')
				m_on = p;
			else if (p[7] == 'l')
				m_off = p;
		}
		assert_true(!m_on || (m_off && m_off > m_on));
	}
	/* After the switch back to the normal screen nothing is drawn any more. */
	{
		const char *tail = last_off + 8;

		while (*tail) {
			if (*tail != '\033' && *tail != '\r' && *tail != '\n' && (unsigned char)*tail >= 0x80)
				fail_msg("text drawn after leaving the alternate screen: %s", tail);
			tail++;
		}
	}
}

static void test_signals_restore_terminal(void **state)
{
	static const int sigs[] = {SIGHUP, SIGTERM, SIGINT};

	(void)state;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct term *t = start(80, 24, NULL);
		int st = -1;

		term_type(t, "3");
		assert_true(term_altscreen(t));
		term_signal(t, sigs[i]);
		assert_true(term_wait_exit(t, 5000, &st));
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 128 + sigs[i]);
		assert_restored(t);
		term_free(t);
	}
	/* Ctrl-C is SIGINT from the terminal. */
	{
		struct term *t = start(80, 24, NULL);
		int st = -1;

		term_ctrl(t, 'c');
		assert_true(term_wait_exit(t, 5000, &st));
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 130);
		assert_restored(t);
		term_free(t);
	}
	/* And q, the ordinary way out. */
	{
		struct term *t = start(80, 24, NULL);
		int st = -1;

		term_send(t, "q");
		assert_true(term_wait_exit(t, 5000, &st));
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
		assert_restored(t);
		term_free(t);
	}
}

static void test_small_terminals(void **state)
{
	struct term *t = start(20, 6, NULL);

	(void)state;
	assert_non_null(strstr(term_row(t, 5), "1/10"));
	term_type(t, "\t");
	assert_true(term_find(t, "马东亮") >= 1);
	check_rows(t, 6, "20x6 speakers");
	term_type(t, "\t8");
	check_rows(t, 6, "20x6 reader");
	term_resize(t, 19, 6);
	term_wait_quiet(t, 300);
	assert_string_equal(term_row(t, 0), "terminal too small");
	term_resize(t, 10, 3);
	term_wait_quiet(t, 300);
	assert_string_equal(term_row(t, 0), "terminal …");
	term_resize(t, 40, 12);
	term_wait_quiet(t, 300);
	assert_non_null(strstr(term_row(t, 11), "8/10"));
	assert_int_equal(term_quit(t), 0);
}

static void test_state_reopens_where_left(void **state)
{
	struct term *t1 = start(80, 24, NULL);
	char env1[600], path[600];
	const char *env[] = {env1, NULL};
	struct term *t2, *t3;
	struct stat st;
	int row, col;

	(void)state;
	term_type(t1, "7}}");
	assert_true(term_wait_for(t1, "7/10", 2000));
	snprintf(path, sizeof path, "%s", text_part(term_row(t1, 1)));
	path[12] = '\0';
	snprintf(env1, sizeof env1, "XDG_STATE_HOME=%s/state", term_dir(t1));
	{
		int s = -1;

		term_send(t1, "q");
		assert_true(term_wait_exit(t1, 5000, &s));
	}
	t2 = start(80, 24, env);
	assert_non_null(strstr(term_row(t2, 23), "7/10 韩迎旭"));
	/* The same paragraph is on the top line. */
	assert_true(term_find_pos(t2, path, &row, &col));
	assert_int_equal(row, 1);
	assert_int_equal(term_quit(t2), 0);

	snprintf(path, sizeof path, "%s/state/fayan", term_dir(t1));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(path, sizeof path, "%s/state/fayan/positions", term_dir(t1));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* --no-state neither reads nor writes it. */
	t3 = term_spawn(80, 24, TERM_ARGV("fayan", "--no-state"), env);
	assert_non_null(t3);
	assert_true(term_wait_for(t3, "1/10 马东亮", 5000));
	term_wait_quiet(t3, 0);
	term_type(t3, "2");
	assert_int_equal(term_quit(t3), 0);
	t2 = start(80, 24, env);
	assert_non_null(strstr(term_row(t2, 23), "7/10"));
	assert_int_equal(term_quit(t2), 0);
	term_free(t1);
}

/* i indents the paragraphs (two ideographic spaces, no blank line between
 * them) and back; the choice is remembered for the next run, --indent asks
 * for it at once. */
static void test_indent_key(void **state)
{
	struct term *t0 = start(100, 30, NULL);
	char env1[600];
	const char *env[] = {env1, NULL};
	struct term *t1, *t2;
	int row, col, row2, col2, s = -1;

	(void)state;
	/* t0 only lends its directory, which lives until it is freed. */
	snprintf(env1, sizeof env1, "XDG_STATE_HOME=%s/state", term_dir(t0));
	term_send(t0, "q");
	assert_true(term_wait_exit(t0, 5000, &s));
	t1 = start(100, 30, env);
	assert_true(term_find_pos(t1, "城关乡因地制宜", &row, &col));
	assert_true(term_find(t1, "\u3000\u3000城关乡") < 0);
	term_send(t1, "i");
	assert_true(term_wait_for(t1, "paragraphs indented", 2000));
	assert_true(term_find_pos(t1, "\u3000\u3000城关乡因地制宜", &row, &col));
	/* The next paragraph follows on the next line, indented too. */
	assert_true(term_find_pos(t1, "\u3000\u3000盘活“五闲资源”", &row2, &col2));
	assert_int_equal(col2, col);
	assert_true(row2 > row);
	for (int r = row; r < row2; r++)
		if (!text_part(term_row(t1, r))[0])
			fail_msg("row %d between the paragraphs is blank:\n%s", r, term_screen(t1));
	assert_int_equal(term_quit(t1), 0);

	/* Remembered. */
	t2 = start(100, 30, env);
	assert_true(term_find(t2, "\u3000\u3000城关乡因地制宜") > 0);
	term_send(t2, "i");
	assert_true(term_wait_for(t2, "blank lines between paragraphs", 2000));
	assert_true(term_find(t2, "\u3000\u3000城关乡") < 0);
	assert_int_equal(term_quit(t2), 0);
	t2 = start(100, 30, env);
	assert_true(term_find(t2, "\u3000\u3000城关乡") < 0);
	assert_int_equal(term_quit(t2), 0);

	/* --indent without a state. */
	t2 = term_spawn(100, 30, TERM_ARGV("fayan", "--indent", "--no-state"), NULL);
	assert_non_null(t2);
	assert_true(term_wait_for(t2, "1/10 马东亮", 5000));
	term_wait_quiet(t2, 0);
	assert_true(term_find(t2, "\u3000\u3000城关乡因地制宜") > 0);
	assert_int_equal(term_quit(t2), 0);
	term_free(t0);
}

static void test_state_failure_is_reported(void **state)
{
	static const char *const env[] = {"XDG_STATE_HOME=/proc/self/nonexistent", NULL};
	struct term *t = start(100, 30, env);

	(void)state;
	term_type(t, "2");
	assert_true(term_wait_for(t, "2/10", 2000));
	assert_true(term_wait_for(t, "reading position not saved", 2000));
	term_type(t, "3");
	assert_true(term_wait_for(t, "3/10", 2000));
	assert_int_equal(term_quit(t), 0);
}

static void test_stdin_is_the_article(void **state)
{
	static const char article[] =
		"测试标题\n\n导语一段。\n\n第一篇标题\n\n某某市某某镇党委书记 张三\n\n张三的发言。下一步,继续努力。\n\n"
		"第二篇标题\n\n某某区某某街道党工委书记 李四\n\n李四的发言。\n";
	struct term_opts o = {.cols = 80, .rows = 24, .argv = TERM_ARGV("fayan", "-"),
			      .stdin_data = article};
	struct term *t = term_spawn_opts(&o);

	(void)state;
	assert_non_null(t);
	assert_true(term_wait_for(t, "张三", 5000));
	term_wait_quiet(t, 0);
	term_type(t, "]");
	assert_true(term_wait_for(t, "2/2 李四", 2000));
	assert_int_equal(term_quit(t), 0);
}

static void test_no_terminal(void **state)
{
	static const char *const dumb[] = {"TERM=dumb", NULL};
	struct term_opts o = {.cols = 80, .rows = 24, .env = dumb, .stderr_to_file = true};
	struct term *t = term_spawn_opts(&o);
	int st = -1;

	(void)state;
	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 2);
	assert_non_null(strstr(term_stderr(t, NULL), "--print"));
	assert_false(term_log_has(t, "\033["));
	term_free(t);
}

/* A credit printed with a speech is shown, dimmed, and never as a headline. */
static void test_notes_dimmed(void **state)
{
	const char *const argv[] = {"fayan", "--no-state", "tests/data/kicker_subtitle.txt", NULL};
	struct term *t = term_spawn(100, 24, argv, NULL);

	(void)state;
	assert_non_null(t);
	if (!term_wait_for(t, "（本报记者王某某整理）", 5000))
		fail_msg("the credit is not shown:\n%s", term_screen(t));
	term_wait_quiet(t, 0);
	/* Dim is SGR 2, which the emulator does not keep: read it in the bytes. */
	if (!term_log_has(t, "\033[0;2m（本报记者王某某整理）") && !term_log_has(t, "\033[2m（本报记者王某某整理）"))
		fail_msg("the credit is not dimmed");
	assert_false(term_log_has(t, "2m理论要联系实际"));
	term_send(t, "q");
	term_free(t);
}

E2E_GROUP(browser)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_screen),
		cmocka_unit_test(test_section_keys),
		cmocka_unit_test(test_click_at_the_prompt),
		cmocka_unit_test(test_notes_dimmed),
		cmocka_unit_test(test_z_full_width),
		cmocka_unit_test(test_full_width_scrolls_cheaply),
		cmocka_unit_test(test_resize_keeps_paragraph),
		cmocka_unit_test(test_line_rules_at_widths),
		cmocka_unit_test(test_print_to_redirected_stdout),
		cmocka_unit_test(test_help_lists_every_binding),
		cmocka_unit_test(test_no_colour_when_asked),
		cmocka_unit_test(test_signals_restore_terminal),
		cmocka_unit_test(test_small_terminals),
		cmocka_unit_test(test_state_reopens_where_left),
		cmocka_unit_test(test_state_failure_is_reported),
		cmocka_unit_test(test_indent_key),
		cmocka_unit_test(test_stdin_is_the_article),
		cmocka_unit_test(test_no_terminal),
	};

	return cmocka_run_group_tests_name("browser", tests, NULL, NULL);
}
