/* test_search.c: themes, search, hits, pipe and copy in the real browser, read
 * back through libvterm: the theme picker (by hanzi and by pinyin), the pane
 * narrowed to the sections with hits and their counts, highlighted cells, n/N
 * across sections with wrap-around, '&', Esc, typed Chinese, -t/-s on the
 * command line, '|' with a shell command and 'y' with one OSC 52 sequence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fayan/util.h"
#include "harness.h"

#define COLS 100
#define ROWS 30
#define STATUS (ROWS - 1)

static const char *const names[10] = {
	"马东亮", "高留念", "段祥生", "张海军", "李华", "王东", "韩迎旭", "曹西峰", "王彬", "陈萌",
};

static struct term *start_args(const char *const *argv)
{
	struct term_opts o = {.cols = COLS, .rows = ROWS, .argv = argv};
	struct term *t = term_spawn_opts(&o);

	assert_non_null(t);
	if (!term_wait_for(t, "/10 ", 5000))
		fail_msg("the browser did not start");
	term_wait_quiet(t, 0);
	return t;
}

static struct term *start(void)
{
	return start_args(NULL);
}

static void enter(struct term *t)
{
	term_key(t, VTERM_KEY_ENTER);
	term_wait_quiet(t, 0);
}

static void esc(struct term *t)
{
	term_key(t, VTERM_KEY_ESCAPE);
	term_wait_quiet(t, 0);
}

/* The speakers the pane lists (columns 0..pane), as a bitmask of names[]. */
static unsigned listed(struct term *t)
{
	unsigned m = 0;

	for (int r = 1; r < STATUS; r++) {
		const char *row = term_row(t, r);

		for (int i = 0; i < 10; i++) {
			const char *p = strstr(row, names[i]);

			/* The pane is the left 30 columns: a name there is at most 12 bytes in. */
			if (p && p - row < 16)
				m |= 1u << i;
		}
	}
	return m;
}

/* The pane row of speaker i, or NULL. */
static const char *pane_row(struct term *t, int i)
{
	for (int r = 1; r < STATUS; r++) {
		const char *row = term_row(t, r);
		const char *p = strstr(row, names[i]);

		if (p && p - row < 16)
			return row;
	}
	return NULL;
}

static bool highlighted(const struct term_cell *c)
{
	return c->reverse || (!c->bg_default && c->bg_index == 3);
}

/* Row r as text, with col[i] the screen column of byte i (empty cells read as spaces). */
static size_t row_cells(struct term *t, int r, char *buf, size_t size, int *col)
{
	size_t len = 0;
	bool after_wide = false;

	for (int c = 0; c < COLS; c++) {
		struct term_cell x;
		const char *s;

		assert_true(term_cell(t, r, c, &x));
		if (!x.text[0] && after_wide) {
			after_wide = false;
			continue;
		}
		s = x.text[0] ? x.text : " ";
		for (size_t k = 0; s[k] && len + 1 < size; k++) {
			col[len] = c;
			buf[len++] = s[k];
		}
		after_wide = x.width == 2;
	}
	buf[len] = '\0';
	return len;
}

/* Every occurrence of `text` in the reader (right of the pane) is highlighted
 * on each of its cells, and the cells around it are not. Returns how many. */
static int check_highlights(struct term *t, const char *text, int ncells)
{
	int found = 0;

	for (int r = 1; r < STATUS; r++) {
		char buf[1024];
		int col[1024];
		const char *p = buf;

		row_cells(t, r, buf, sizeof buf, col);
		while ((p = strstr(p, text)) != NULL) {
			int c0 = col[p - buf];
			struct term_cell c;

			if (c0 >= 30) {
				for (int k = 0; k < ncells; k++) {
					assert_true(term_cell(t, r, c0 + k, &c));
					if (c.text[0] && !highlighted(&c)) {
						term_dump(t);
						fail_msg("row %d col %d (%s) of %s is not highlighted", r, c0 + k, c.text, text);
					}
				}
				assert_true(term_cell(t, r, c0 - 1, &c));
				if (c.text[0])
					assert_false(highlighted(&c));
				if (c0 + ncells < COLS) {
					assert_true(term_cell(t, r, c0 + ncells, &c));
					if (c.text[0])
						assert_false(highlighted(&c));
				}
				found++;
			}
			p += strlen(text);
		}
	}
	return found;
}

/* How many cells of the reader (right of the pane) are highlighted. */
static int count_highlighted(struct term *t)
{
	int n = 0;

	for (int r = 1; r < STATUS; r++)
		for (int c = 30; c < COLS; c++) {
			struct term_cell x;

			if (term_cell(t, r, c, &x) && x.text[0] && highlighted(&x))
				n++;
		}
	return n;
}

/* The row and column of the current hit (underlined and highlighted) in the reader, or false. */
static bool current_hit(struct term *t, int *row, int *col)
{
	for (int r = 1; r < STATUS; r++)
		for (int c = 30; c < COLS; c++) {
			struct term_cell x;

			if (term_cell(t, r, c, &x) && x.underline && highlighted(&x)) {
				*row = r;
				*col = c;
				return true;
			}
		}
	return false;
}

/* The text of the n cells from (row, col). */
static const char *cells_text(struct term *t, int row, int col, int n)
{
	static char out[128];
	size_t len = 0;

	for (int k = 0; k < n; k++) {
		struct term_cell x;

		if (!term_cell(t, row, col + k, &x))
			break;
		if (len + strlen(x.text) < sizeof out) {
			memcpy(out + len, x.text, strlen(x.text));
			len += strlen(x.text);
		}
	}
	out[len] = '\0';
	return out;
}

static void test_theme_picker(void **state)
{
	struct term *t = start();

	(void)state;
	term_type(t, "t");
	assert_true(term_wait_for(t, "Theme:", 2000));
	/* Every theme is listed, with its sections and hits in the article. */
	assert_true(term_find(t, "疫情防控        2 sections   17 hits") > 0);
	assert_true(term_find(t, "老旧小区改造    3 sections   10 hits") > 0);
	assert_true(term_find(t, "大气污染防治    0 sections    0 hits") > 0);
	assert_true(term_find(t, "智慧城市") > 0);
	/* Pinyin initials narrow the list to one theme. */
	term_type(t, "yqfk");
	assert_true(term_find(t, "Theme: yqfk_") > 0);
	assert_true(term_find(t, "疫情防控") > 0);
	assert_int_equal(term_find(t, "老旧小区改造"), -1);
	assert_int_equal(term_find(t, "智慧城市"), -1);
	enter(t);
	assert_int_equal(term_find(t, "Theme:"), -1);
	/* Only 高留念 and 曹西峰 are listed, each with its hit count. */
	assert_int_equal(listed(t), 1u << 1 | 1u << 7);
	assert_non_null(strstr(pane_row(t, 1), "(2)"));
	assert_non_null(strstr(pane_row(t, 7), "(15)"));
	assert_non_null(strstr(term_row(t, STATUS), "[疫情防控]"));
	assert_non_null(strstr(term_row(t, STATUS), "2/10 高留念"));
	assert_non_null(strstr(term_row(t, STATUS), "2 sections, 17 hits"));
	/* The theme's terms are highlighted in the reader. */
	assert_int_equal(check_highlights(t, "疫情防控", 8), 1);
	assert_int_equal(count_highlighted(t), 4);
	/* T clears the theme: every speaker again, no counts. */
	term_type(t, "T");
	assert_int_equal(listed(t), 0x3ff);
	assert_null(strstr(pane_row(t, 7), "(15)"));
	assert_non_null(strstr(term_row(t, STATUS), "theme filter cleared"));
	assert_int_equal(count_highlighted(t), 0);
	assert_int_equal(term_quit(t), 0);
}

static void test_picker_hanzi_arrows_and_esc(void **state)
{
	struct term *t = start();

	(void)state;
	/* Typed Chinese arrives one code point at a time. */
	term_type(t, "t老旧");
	assert_true(term_find(t, "Theme: 老旧_") > 0);
	assert_true(term_find(t, "老旧小区改造") > 0);
	assert_int_equal(term_find(t, "疫情防控"), -1);
	esc(t);
	assert_int_equal(term_find(t, "Theme:"), -1);
	assert_int_equal(listed(t), 0x3ff);
	/* Down moves to the second theme; Enter applies it. */
	term_type(t, "t");
	term_key(t, VTERM_KEY_DOWN);
	enter(t);
	assert_non_null(strstr(term_row(t, STATUS), "[老旧小区改造]"));
	assert_int_equal(listed(t), 1u << 3 | 1u << 4 | 1u << 8);
	/* A paste arrives as one burst of bytes. */
	term_type(t, "t");
	term_raw(t, "疫情防控", strlen("疫情防控"));
	term_wait_quiet(t, 0);
	assert_true(term_find(t, "Theme: 疫情防控_") > 0);
	enter(t);
	assert_non_null(strstr(term_row(t, STATUS), "[疫情防控]"));
	assert_int_equal(listed(t), 1u << 1 | 1u << 7);
	assert_int_equal(term_quit(t), 0);
}

/* The reader shows the document's ASCII commas full-width; a search for the
 * ASCII comma or the full-width one finds them either way and highlights the
 * full-width mark shown; --punct=as-printed shows the document's own. */
static void test_search_full_width_punct(void **state)
{
	static const char *const queries[] = {"/,", "/\xEF\xBC\x8C"};
	struct term *t;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		t = start();
		assert_true(term_find(t, "向内挖潜，充分运用") > 0);
		assert_true(term_find(t, "向内挖潜,") < 0);
		term_type(t, queries[i]);
		enter(t);
		assert_non_null(strstr(term_row(t, STATUS), "hit 1/"));
		/* Every comma of the first screen is a hit, each cell of it highlighted. */
		assert_true(check_highlights(t, "，", 2) >= 5);
		assert_int_equal(term_quit(t), 0);
	}
	t = start_args(TERM_ARGV("fayan", "--punct=as-printed"));
	assert_true(term_find(t, "向内挖潜,充分运用") > 0);
	assert_int_equal(term_quit(t), 0);
}

static void test_search_highlights_and_walks(void **state)
{
	struct term *t = start();
	int row, col, prev_row = 0;
	static const char *const want[] = {"2/10 高留念", "8/10 曹西峰", "8/10 曹西峰", "8/10 曹西峰"};

	(void)state;
	term_type(t, "/yqfk");
	assert_true(term_find(t, "/yqfk_") == STATUS);
	/* As it is typed, the pane shows the counts and the reader the first hit. */
	assert_non_null(strstr(pane_row(t, 1), "(1)"));
	assert_non_null(strstr(pane_row(t, 7), "(3)"));
	assert_null(strstr(pane_row(t, 0), "("));
	assert_int_equal(listed(t), 0x3ff);
	enter(t);
	assert_non_null(strstr(term_row(t, STATUS), "4 hits in 2 sections"));
	assert_non_null(strstr(term_row(t, STATUS), "2/10 高留念"));
	assert_non_null(strstr(term_row(t, STATUS), "hit 1/4"));
	assert_int_equal(check_highlights(t, "疫情防控", 8), 1);
	/* Only the matched characters: the text next to them is plain. */
	assert_true(current_hit(t, &row, &col));
	assert_string_equal(cells_text(t, row, col, 8), "疫情防控");
	/* n walks every hit in order, then wraps around. */
	for (int i = 1; i < 4; i++) {
		char hit[16];

		term_type(t, "n");
		snprintf(hit, sizeof hit, "hit %d/4", i + 1);
		assert_non_null(strstr(term_row(t, STATUS), want[i]));
		assert_non_null(strstr(term_row(t, STATUS), hit));
		assert_true(current_hit(t, &row, &col));
		assert_string_equal(cells_text(t, row, col, 8), "疫情防控");
		if (i > 1)
			assert_true(row > prev_row);
		prev_row = row;
	}
	assert_int_equal(check_highlights(t, "疫情防控", 8), 3);
	term_type(t, "n");
	assert_non_null(strstr(term_row(t, STATUS), "2/10 高留念"));
	assert_non_null(strstr(term_row(t, STATUS), "hit 1/4"));
	assert_non_null(strstr(term_row(t, STATUS), "search wrapped"));
	/* N goes back across the start. */
	term_type(t, "N");
	assert_non_null(strstr(term_row(t, STATUS), "8/10 曹西峰"));
	assert_non_null(strstr(term_row(t, STATUS), "hit 4/4"));
	assert_non_null(strstr(term_row(t, STATUS), "search wrapped"));
	/* & limits the pane to the sections with hits, and back. */
	term_type(t, "&");
	assert_int_equal(listed(t), 1u << 1 | 1u << 7);
	term_type(t, "&");
	assert_int_equal(listed(t), 0x3ff);
	assert_int_equal(term_quit(t), 0);
}

static void test_search_esc_and_editing(void **state)
{
	struct term *t = start();

	(void)state;
	term_type(t, "/yqfk");
	enter(t);
	assert_non_null(strstr(term_row(t, STATUS), "2/10 高留念"));
	term_type(t, "1");
	/* A new search, typed as Chinese, then cancelled: the old one and the position come back. */
	term_type(t, "/疫情");
	assert_true(term_find(t, "/疫情_") == STATUS);
	assert_non_null(strstr(pane_row(t, 7), "("));
	assert_null(strstr(pane_row(t, 7), "(3)"));
	esc(t);
	assert_non_null(strstr(term_row(t, STATUS), "1/10 马东亮"));
	assert_non_null(strstr(term_row(t, STATUS), "/yqfk"));
	assert_non_null(strstr(pane_row(t, 7), "(3)"));
	/* Backspace edits a code point; C-u clears. */
	term_type(t, "/疫情x");
	term_key(t, VTERM_KEY_BACKSPACE);
	term_wait_quiet(t, 0);
	assert_true(term_find(t, "/疫情_") == STATUS);
	term_ctrl(t, 'u');
	term_wait_quiet(t, 0);
	assert_true(term_find(t, "/_") == STATUS);
	term_type(t, "ABC");
	enter(t);
	assert_non_null(strstr(term_row(t, STATUS), "not found: ABC"));
	assert_null(strstr(pane_row(t, 7), "("));
	assert_int_equal(term_quit(t), 0);
}

static void test_typed_chinese_search(void **state)
{
	struct term *t = start();

	(void)state;
	term_type(t, "/疫情");
	enter(t);
	assert_non_null(strstr(term_row(t, STATUS), "/疫情"));
	assert_true(check_highlights(t, "疫情", 4) >= 1);
	term_type(t, "&");
	/* 疫情 is in the same two sections as 疫情防控. */
	assert_int_equal(listed(t), 1u << 1 | 1u << 7);
	assert_int_equal(term_quit(t), 0);
}

static void test_theme_and_search_narrow(void **state)
{
	struct term *t = start();

	(void)state;
	term_type(t, "t");
	term_send(t, "lj");
	term_wait_quiet(t, 0);
	enter(t);
	assert_non_null(strstr(term_row(t, STATUS), "[老旧小区改造]"));
	assert_int_equal(listed(t), 1u << 3 | 1u << 4 | 1u << 8);
	/* Both must match: of those three, the two that say 小区, with theme and search hits counted. */
	term_type(t, "/小区");
	enter(t);
	assert_int_equal(listed(t), 1u << 3 | 1u << 8);
	assert_non_null(strstr(pane_row(t, 3), "(2)"));
	assert_non_null(strstr(pane_row(t, 8), "(5)"));
	/* Clearing the theme leaves the search, which 李华's section does not match either. */
	term_type(t, "T");
	assert_non_null(strstr(term_row(t, STATUS), "/小区"));
	assert_null(strstr(term_row(t, STATUS), "[老旧小区改造]"));
	assert_int_equal(listed(t), 0x3ff);
	assert_null(strstr(pane_row(t, 4), "("));
	assert_int_equal(term_quit(t), 0);
}

/* Without colour, hits are in reverse video and the current one also underlined. */
static void test_monochrome_highlight(void **state)
{
	static const char *const env[] = {"NO_COLOR=1", NULL};
	struct term_opts o = {.cols = COLS, .rows = ROWS, .env = env,
			      .argv = TERM_ARGV("fayan", "-s", "yqfk")};
	struct term *t = term_spawn_opts(&o);
	struct term_cell c;
	int row, col;

	(void)state;
	assert_non_null(t);
	assert_true(term_wait_for(t, "/10 ", 5000));
	term_wait_quiet(t, 0);
	assert_int_equal(check_highlights(t, "疫情防控", 8), 1);
	assert_true(current_hit(t, &row, &col));
	assert_true(term_cell(t, row, col, &c));
	assert_true(c.reverse && c.underline && c.bg_default);
	term_type(t, "n");
	term_type(t, "n");
	assert_int_equal(check_highlights(t, "疫情防控", 8), 3);
	assert_int_equal(count_highlighted(t), 3 * 4); /* one per character */
	assert_int_equal(term_log_colours(t), 0);
	assert_int_equal(term_quit(t), 0);
}

static void test_command_line_filters(void **state)
{
	struct term *t = start_args(TERM_ARGV("fayan", "-t", "疫情防控"));

	(void)state;
	assert_int_equal(listed(t), 1u << 1 | 1u << 7);
	assert_non_null(strstr(term_row(t, STATUS), "[疫情防控]"));
	assert_non_null(strstr(term_row(t, STATUS), "2/10 高留念"));
	assert_int_equal(term_quit(t), 0);

	t = start_args(TERM_ARGV("fayan", "-s", "yqfk"));
	assert_int_equal(listed(t), 1u << 1 | 1u << 7);
	assert_non_null(strstr(term_row(t, STATUS), "/yqfk"));
	assert_int_equal(check_highlights(t, "疫情防控", 8), 1);
	assert_int_equal(term_quit(t), 0);

	/* A theme that does not resolve is reported; the browser still opens. */
	t = start_args(TERM_ARGV("fayan", "-t", "zzzz"));
	assert_non_null(strstr(term_row(t, STATUS), "no theme"));
	assert_int_equal(listed(t), 0x3ff);
	assert_int_equal(term_quit(t), 0);
}

/* Start the browser with `argv` and its themes file, at XDG_CONFIG_HOME
 * `dir`, made by `make` (NULL: none); returns it on its first frame. */
static struct term *start_with_themes(const char *const *argv, char *dir, size_t size, void (*make)(const char *path))
{
	static char env[300];
	char path[256];
	struct term_opts o = {.cols = COLS, .rows = ROWS, .argv = argv};
	struct term *t;

	snprintf(dir, size, "/tmp/fayan-e2e-themes-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/fayan", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/fayan/themes", dir);
	if (make)
		make(path);
	snprintf(env, sizeof env, "XDG_CONFIG_HOME=%s", dir);
	o.env = (const char *const[]){env, NULL};
	t = term_spawn_opts(&o);
	assert_non_null(t);
	if (!term_wait_for(t, "/10 ", 5000))
		fail_msg("the browser did not start");
	term_wait_quiet(t, 0);
	return t;
}

static void remove_themes(const char *dir)
{
	char path[256];

	snprintf(path, sizeof path, "%s/fayan/themes", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/fayan", dir);
	rmdir(path);
	rmdir(dir);
}

static void make_broken(const char *path)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs("no colon here\n", f);
	fclose(f);
}

static void make_fifo(const char *path)
{
	assert_int_equal(mkfifo(path, 0600), 0);
}

/* The themes file is read when a theme is first needed, not before: a
 * broken or unreadable one does not stop the browser or its search, and the
 * picker names the file's fault when it opens (with the built-in themes);
 * a FIFO there is refused at once, never waited on. */
static void test_themes_file_read_when_needed(void **state)
{
	char dir[64], want[200];
	struct term *t = start_with_themes(TERM_ARGV("fayan", "-s", "yqfk"), dir, sizeof dir, make_broken);

	(void)state;
	assert_int_equal(listed(t), 1u << 1 | 1u << 7);
	assert_non_null(strstr(term_row(t, STATUS), "/yqfk"));
	assert_int_equal(term_find(t, "expected"), -1);
	term_type(t, "t");
	assert_true(term_wait_for(t, "Theme:", 2000));
	snprintf(want, sizeof want, "%s/fayan/themes:1: expected 'NAME: TERM TERM ...'", dir);
	assert_true(term_wait_for(t, want, 2000));
	assert_true(term_find(t, "疫情防控") > 0);
	/* The message goes with the next key. */
	term_type(t, "y");
	assert_int_equal(term_find(t, "expected 'NAME"), -1);
	esc(t);
	assert_int_equal(term_quit(t), 0);
	remove_themes(dir);

	t = start_with_themes(NULL, dir, sizeof dir, make_fifo);
	term_type(t, "t");
	snprintf(want, sizeof want, "%s/fayan/themes: not a regular file", dir);
	assert_true(term_wait_for(t, want, 2000));
	esc(t);
	assert_int_equal(term_quit(t), 0);
	remove_themes(dir);

	/* -t reads it at once and says what is wrong with it in the status line. */
	t = start_with_themes(TERM_ARGV("fayan", "-t", "疫情防控"), dir, sizeof dir, make_broken);
	snprintf(want, sizeof want, "%s/fayan/themes:1: ", dir);
	assert_true(term_wait_for(t, want, 2000));
	assert_int_equal(listed(t), 1u << 1 | 1u << 7);
	assert_int_equal(term_quit(t), 0);
	remove_themes(dir);
}

/* `fayan --print N` as a string (malloc'd). */
static char *print_section(int n)
{
	char num[8];
	struct term_opts o = {.cols = 80, .rows = 24, .stdout_to_file = true};
	struct term *t;
	int st;
	char *out;

	snprintf(num, sizeof num, "%d", n);
	o.argv = TERM_ARGV("fayan", "--print", num, "--width", "0");
	t = term_spawn_opts(&o);
	assert_non_null(t);
	assert_true(term_wait_exit(t, 5000, &st));
	out = xstrdup(term_stdout(t, NULL));
	term_free(t);
	return out;
}

static void test_pipe_to_command(void **state)
{
	struct term *t = start();
	char *text = print_section(3), want[32];
	int st;

	(void)state;
	snprintf(want, sizeof want, "%zu", strlen(text));
	term_type(t, "3|");
	assert_true(term_find(t, "Pipe section to: _") == STATUS);
	term_type(t, "wc -c");
	enter(t);
	assert_true(term_wait_for(t, "Press Enter to continue", 3000));
	if (term_find(t, want) < 0)
		fail_msg("wc -c did not print %s:\n%s", want, term_screen(t));
	enter(t);
	assert_true(term_wait_for(t, "exit status 0", 3000));
	assert_non_null(strstr(term_row(t, STATUS), "3/10 段祥生"));
	assert_true(term_find(t, names[9]) > 0);
	/* A command that fails and one that stops reading early (SIGPIPE is ignored). */
	term_type(t, "|exit 3");
	enter(t);
	assert_true(term_wait_for(t, "Press Enter", 3000));
	enter(t);
	assert_true(term_wait_for(t, "exit status 3", 3000));
	term_type(t, "|head -c 1 >/dev/null");
	enter(t);
	assert_true(term_wait_for(t, "Press Enter", 3000));
	enter(t);
	assert_true(term_wait_for(t, "exit status 0", 3000));
	/* Esc cancels the prompt without running anything. */
	term_type(t, "|wc");
	esc(t);
	assert_int_equal(term_find(t, "Pipe section"), -1);
	assert_int_equal(term_find(t, "Press Enter"), -1);
	term_send(t, "q");
	assert_true(term_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	term_free(t);
	free(text);
}

static void test_copy_with_osc52(void **state)
{
	struct term *t = start();
	char *text = print_section(8), *got, msg[64];
	size_t n;

	(void)state;
	term_type(t, "8");
	term_log_clear(t);
	term_type(t, "y");
	snprintf(msg, sizeof msg, "copied section 8 (%zu bytes) with OSC 52", strlen(text));
	assert_non_null(strstr(term_row(t, STATUS), msg));
	/* Exactly one sequence. */
	got = term_log_clipboard(t, &n, NULL);
	assert_non_null(got);
	assert_int_equal(n, strlen(text));
	assert_memory_equal(got, text, n);
	free(got);
	free(text);
	assert_int_equal(term_quit(t), 0);
}

/* Bracketed paste: the terminal is asked to mark pastes, and a paste is
 * text, never keys. In the browser it opens the search with the text (a
 * word copied from elsewhere, without a Chinese input method); a 'q' in it
 * does not quit; at the search prompt it is typed there; only its first line
 * counts. Paste mode is turned off again on leaving. */
static void test_bracketed_paste(void **state)
{
	struct term *t = start();
	static const char paste1[] = "\033[200~疫情防控\033[201~";
	static const char paste2[] = "\033[200~qq\033[201~";
	static const char paste3[] = "\033[200~ 马东亮\r\nq second line\033[201~";

	(void)state;
	assert_true(term_log_has(t, "\033[?2004h"));
	term_raw(t, paste1, sizeof paste1 - 1);
	assert_true(term_wait_for(t, "/疫情防控", 2000));
	assert_true(term_wait_for(t, "4 hits in 2 sections", 2000));
	enter(t);
	/* The search is kept, at its first hit, as if typed. */
	assert_true(term_wait_for(t, "2/10 高留念", 2000));
	assert_true(term_wait_for(t, "/疫情防控  hit 1/4", 2000));
	/* A paste with keys in it: text at a prompt, never a command. */
	term_raw(t, paste2, sizeof paste2 - 1);
	assert_true(term_wait_for(t, "/qq", 2000));
	esc(t);
	/* At the search prompt, pasted text is typed there; a second line is dropped. */
	term_send(t, "/");
	term_wait_quiet(t, 0);
	term_raw(t, paste3, sizeof paste3 - 1);
	assert_true(term_wait_for(t, "/ 马东亮", 2000));
	term_wait_quiet(t, 0);
	assert_null(strstr(term_row(t, STATUS), "second"));
	enter(t);
	assert_true(term_wait_for(t, "1/10 马东亮", 2000));
	/* Paste mode is turned off on leaving. */
	{
		int st = -1;

		term_send(t, "q");
		assert_true(term_wait_exit(t, 5000, &st));
		assert_int_equal(WEXITSTATUS(st), 0);
		assert_true(term_log_has(t, "\033[?2004l"));
		term_free(t);
	}
}

E2E_GROUP(search)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme_picker),
		cmocka_unit_test(test_picker_hanzi_arrows_and_esc),
		cmocka_unit_test(test_search_highlights_and_walks),
		cmocka_unit_test(test_search_full_width_punct),
		cmocka_unit_test(test_search_esc_and_editing),
		cmocka_unit_test(test_typed_chinese_search),
		cmocka_unit_test(test_theme_and_search_narrow),
		cmocka_unit_test(test_monochrome_highlight),
		cmocka_unit_test(test_command_line_filters),
		cmocka_unit_test(test_themes_file_read_when_needed),
		cmocka_unit_test(test_pipe_to_command),
		cmocka_unit_test(test_copy_with_osc52),
		cmocka_unit_test(test_bracketed_paste),
	};

	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
