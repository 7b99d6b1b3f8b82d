/* test_faults.c: the browser under faults and hostile input. Many quick
 * resizes down to 1x1; SIGHUP, SIGTERM and SIGINT in the middle of a prompt;
 * a state file that cannot be written; a terminal that sends nothing or hangs
 * up; documents carrying terminal escape sequences, emoji, 5,000 combining
 * marks and right-to-left text. Each test says what the terminal must show and
 * which bytes must never reach it.
 *
 * Exit status on a signal: the browser restores the terminal and exits with
 * status 128 + the signal number (129 for SIGHUP), as a shell reports it; it
 * is not killed by the signal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fayan/doc.h"
#include "fayan/state.h"
#include "fayan/util.h"
#include "harness.h"

#define SEED "seeds/000_5ab60398d2227b0f.txt"

static const char *const names[10] = {
	"马东亮", "高留念", "段祥生", "张海军", "李华", "王东", "韩迎旭", "曹西峰", "王彬", "陈萌",
};

static const char *const headlines[10] = {
	"走出农村公共服务体系建设新路子",
	NULL, NULL, NULL, NULL, NULL, NULL,
	"全力做好万邦市场防疫保供双统筹",
	"努力让家园更美丽让群众更幸福",
	NULL,
};

/* ---- small helpers ---- */

static char *slurp_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	if (!f)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_take(&b, len);
}

static void spit_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* A private scratch directory for files made by a test; remove with scratch_free. */
static char *scratch_new(void)
{
	const char *tmp = getenv("TMPDIR");
	struct buf b;
	char *dir;

	buf_init(&b);
	buf_printf(&b, "%s/fayan-faults.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	dir = buf_take(&b, NULL);
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void scratch_free(char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

static char *path_join(const char *dir, const char *name)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s/%s", dir, name);
	return buf_take(&b, NULL);
}

static char *fayan_path(void)
{
	const char *bin = getenv("FAYAN");

	return xstrdup(bin && *bin ? bin : "build/fayan");
}

/* Start the browser and wait for its first screen. */
static struct term *start_opts(const struct term_opts *o)
{
	struct term *t = term_spawn_opts(o);

	assert_non_null(t);
	if (!term_wait_for(t, "/10 ", 5000))
		fail_msg("the browser did not start");
	term_wait_quiet(t, 0);
	return t;
}

static struct term *start(int cols, int rows, const char *const env[])
{
	struct term_opts o = {.cols = cols, .rows = rows, .env = env};

	return start_opts(&o);
}

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The terminal was given back: the last switch of the alternate screen turned it
 * off, the cursor is shown after it was last hidden, and nothing was drawn after. */
static void assert_restored(struct term *t)
{
	size_t len;
	const char *log = term_log(t, &len);
	const char *last_on = NULL, *last_off = NULL, *hide = NULL, *show = NULL;

	for (const char *p = log; (p = strstr(p, "\033[?1049")); p++) {
		if (p[7] == 'h')
			last_on = p;
		else if (p[7] == 'l')
			last_off = p;
	}
	for (const char *p = log; (p = strstr(p, "\033[?25")); p++) {
		if (p[5] == 'l')
			hide = p;
		else if (p[5] == 'h')
			show = p;
	}
	if (!last_on || !last_off || last_off < last_on)
		fail_msg("the alternate screen was not left (rmcup) after it was entered");
	if (!hide || !show || show < hide)
		fail_msg("the cursor was not shown again after it was hidden");
	assert_false(term_altscreen(t));
	assert_true(term_cursor_visible(t));
	/* After leaving the alternate screen nothing is drawn: no text, no more smcup. */
	for (const char *p = last_off + 8; p < log + len; p++) {
		if ((unsigned char)*p >= 0x80 || (*p >= 'A' && *p <= 'z' && p[-1] != '\033' && p[-1] != '[' &&
						  !(p[-1] >= '0' && p[-1] <= '9') && p[-1] != ';' && p[-1] != '?'))
			fail_msg("drawn after leaving the alternate screen: %s", last_off + 8);
	}
}

/* The positions file: every line "KEY SECTION PARA" (hex, decimal, decimal). */
static size_t parse_positions(const char *text, struct state_pos *out, size_t max)
{
	size_t n = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		struct state_pos p;
		int used = -1;

		if (!nl)
			fail_msg("positions file does not end with a newline: %s", text);
		if (sscanf(text, "%16" SCNx64 " %zu %zu%n", &p.key, &p.section, &p.para, &used) != 3 ||
		    text + used != nl || text[16] != ' ')
			fail_msg("malformed positions line: %.*s", (int)(nl - text), text);
		if (n < max)
			out[n] = p;
		n++;
		text = nl + 1;
	}
	return n;
}

/* The key the browser files the built-in article under (computed as it does). */
/* The key positions are kept under: the built-in article's bytes as read. */
static uint64_t seed_key(void)
{
	size_t len;
	const char *data = doc_builtin_data(&len);

	return state_key(data, len);
}

/* ---- resizes ---- */

/* A deterministic generator, so that a failure can be replayed. */
static unsigned next_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* Compare text, width, bold and reverse of every cell of two screens of one size. */
static void assert_same_screen(struct term *a, struct term *b, const char *what)
{
	int ac, ar, bc, br;

	term_size(a, &ac, &ar);
	term_size(b, &bc, &br);
	assert_int_equal(ac, bc);
	assert_int_equal(ar, br);
	for (int r = 0; r < ar; r++) {
		for (int c = 0; c < ac; c++) {
			struct term_cell x, y;

			assert_true(term_cell(a, r, c, &x));
			assert_true(term_cell(b, r, c, &y));
			/* A space written and a cell never written look the same. */
			if (strcmp(x.text, " ") == 0)
				x.text[0] = '\0';
			if (strcmp(y.text, " ") == 0)
				y.text[0] = '\0';
			if (strcmp(x.text, y.text) != 0 || x.width != y.width || x.bold != y.bold ||
			    x.reverse != y.reverse) {
				fprintf(stderr, "%s: differs at row %d col %d ('%s' vs '%s')\n", what, r, c, x.text,
					y.text);
				term_dump(a);
				term_dump(b);
				fail_msg("%s: the screens differ at row %d col %d", what, r, c);
			}
			/* The second cell of a wide character is not drawn on its own;
			 * libvterm keeps whatever attributes it had before. */
			if (x.width == 2)
				c++;
		}
	}
}

static void test_resize_storm(void **state)
{
	static const int fixed[][2] = {{1, 1}, {20, 6}, {19, 5}, {300, 100}, {1, 1}, {2, 1}, {1, 40}, {300, 1}};
	static const char *const storm_keys[] = {"]", "j", "z", "\t", "?"};
	struct term *t = start(80, 24, NULL);
	struct term *fresh;
	unsigned seed = 20240515u;
	bool help = false, hidden = false;
	int sec = 1;
	char digit[2];

	(void)state;
	for (int i = 0; i < 200; i++) {
		int cols, rows;

		if (i % 25 < (int)(sizeof fixed / sizeof fixed[0]) && i % 25 == i / 25) {
			cols = fixed[i % 25][0];
			rows = fixed[i % 25][1];
		} else if (next_rand(&seed) % 4 == 0) {
			cols = 1 + (int)(next_rand(&seed) % 25); /* mostly too small, or nearly */
			rows = 1 + (int)(next_rand(&seed) % 8);
		} else {
			cols = 1 + (int)(next_rand(&seed) % 300);
			rows = 1 + (int)(next_rand(&seed) % 100);
		}
		term_resize(t, cols, rows);
		term_pump(t);
		if (i % 4 == 3) {
			const char *k = storm_keys[next_rand(&seed) % 5];

			/* What the browser must end with: help toggles; ] moves on unless help is open. */
			if (k[0] == '?')
				help = !help;
			else if (k[0] == ']' && !help && sec < 10)
				sec++;
			else if (k[0] == 'z' && !help)
				hidden = !hidden;
			term_send(t, k);
			term_pump(t);
		}
	}
	/* Still alive, and it settles at the last size. */
	term_resize(t, 100, 30);
	assert_true(term_wait_quiet(t, 300));
	term_pump(t);
	if (help) {
		assert_non_null(strstr(term_row(t, 29), "help"));
		term_type(t, "?");
	}
	if (hidden) {
		assert_int_equal(term_find(t, "│"), -1);
		term_type(t, "z");
	}
	{
		char status[32];

		snprintf(status, sizeof status, "%d/10 %s", sec, names[sec - 1]);
		if (!strstr(term_row(t, 29), status))
			fail_msg("after the resizes the status should read %s:\n%s", status, term_screen(t));
	}
	if (headlines[sec - 1] && term_find(t, headlines[sec - 1]) < 1)
		fail_msg("section %d's headline is not shown:\n%s", sec, term_screen(t));
	for (int i = 0; i < 10; i++)
		if (term_find(t, names[i]) < 1)
			fail_msg("%s is missing after the resizes:\n%s", names[i], term_screen(t));

	/* The same screen as a fresh start at 100x30 that opened the same section. */
	digit[0] = (char)('0' + sec % 10);
	digit[1] = '\0';
	term_type(t, digit);
	fresh = start(100, 30, NULL);
	term_type(fresh, digit);
	assert_same_screen(t, fresh, "after 200 resizes");
	assert_int_equal(term_quit(fresh), 0);
	assert_int_equal(term_quit(t), 0);
}

/* Resizes to 1x1 and back, waiting for each screen: what every size shows. */
static void test_tiny_sizes_settle(void **state)
{
	struct term *t = start(80, 24, NULL);

	(void)state;
	term_type(t, "4");
	term_resize(t, 1, 1);
	assert_true(term_wait_row(t, 0, "…", 2000));
	term_resize(t, 300, 100);
	assert_true(term_wait_for(t, "4/10 张海军", 2000));
	term_resize(t, 19, 5);
	assert_true(term_wait_row(t, 0, "terminal too small", 2000));
	term_resize(t, 20, 6);
	assert_true(term_wait_for(t, "4/10", 2000));
	term_resize(t, 1, 1);
	assert_true(term_wait_row(t, 0, "…", 2000));
	/* Keys pressed while too small still act. */
	term_type(t, "]");
	term_resize(t, 100, 30);
	assert_true(term_wait_for(t, "5/10 李华", 2000));
	assert_int_equal(term_quit(t), 0);
}

/* The speaker pane scrolled to keep the last section in view at a short size
 * shows every entry again once the terminal is tall enough for all of them. */
static void test_taller_shows_every_speaker(void **state)
{
	struct term *t = start(100, 30, NULL);

	(void)state;
	term_resize(t, 100, 6);
	term_wait_quiet(t, 300);
	term_type(t, "0");
	assert_true(term_wait_for(t, "10/10 陈萌", 2000));
	assert_int_equal(term_find(t, "马东亮"), -1); /* scrolled off at this size */
	term_resize(t, 100, 30);
	term_wait_quiet(t, 300);
	assert_true(term_wait_for(t, "10/10 陈萌", 2000));
	for (int i = 0; i < 10; i++)
		if (term_find(t, names[i]) < 1)
			fail_msg("%s is not shown after growing to 30 rows:\n%s", names[i], term_screen(t));
	assert_true(term_find(t, "导语") == 1);
	assert_int_equal(term_quit(t), 0);
}

/* ---- signals in a prompt ---- */

/* Pre-create a positions file with two other articles in it. */
static char *precreate_positions(struct term *t, char **path_out)
{
	static const char other[] = "00000000deadbeef 4 2\n0123456789abcdef 0 0\n";
	char *dir = path_join(term_dir(t), "state/fayan");

	assert_int_equal(mkdir(dir, 0700), 0);
	*path_out = path_join(dir, "positions");
	spit_file(*path_out, other, strlen(other));
	free(dir);
	return xstrdup(other);
}

/* After the run: the file parses, the seed is first at `section`, the others kept. */
static void assert_positions(const char *path, size_t section)
{
	size_t len;
	char *text = slurp_file(path, &len);
	struct state_pos p[8];
	size_t n;

	assert_non_null(text);
	assert_int_equal(strlen(text), len);
	n = parse_positions(text, p, 8);
	if (n != 3)
		fail_msg("expected 3 lines in the positions file:\n%s", text);
	assert_true(p[0].key == seed_key());
	assert_int_equal(p[0].section, section);
	assert_true(p[1].key == 0xdeadbeefULL);
	assert_int_equal(p[1].section, 4);
	assert_int_equal(p[1].para, 2);
	assert_true(p[2].key == 0x0123456789abcdefULL);
	free(text);
}

/* Open a prompt (":" or "/"), type into it, send `sig`; check the way out. */
static void signal_in_prompt(int sig, const char *prompt_key, const char *typed, const char *shown)
{
	struct term *t = start(80, 24, NULL);
	char *path, *before;
	int st = -1;
	char env[600];

	before = precreate_positions(t, &path);
	free(before);
	term_type(t, "3");
	assert_true(term_wait_for(t, "3/10 段祥生", 2000));
	term_type(t, prompt_key);
	if (prompt_key[0] == '/' && term_find(t, "no action for key /") >= 0) {
		free(path);
		term_free(t);
		skip(); /* no search prompt in this build yet */
		return;
	}
	term_send(t, typed);
	assert_true(term_wait_for(t, shown, 2000));
	term_wait_quiet(t, 0);
	if (sig == SIGINT && prompt_key[0] == ':')
		term_ctrl(t, 'c'); /* from the keyboard: the terminal sends SIGINT */
	else
		term_signal(t, sig);
	assert_true(term_wait_exit(t, 5000, &st));
	if (!WIFEXITED(st))
		fail_msg("killed by signal %d instead of exiting with %d", WIFSIGNALED(st) ? WTERMSIG(st) : -1,
			 128 + sig);
	assert_int_equal(WEXITSTATUS(st), 128 + sig);
	assert_restored(t);
	assert_positions(path, 3);
	/* The next run opens where this one was. */
	snprintf(env, sizeof env, "XDG_STATE_HOME=%s/state", term_dir(t));
	{
		const char *const e[] = {env, NULL};
		struct term *again = start(80, 24, e);

		assert_non_null(strstr(term_row(again, 23), "3/10 段祥生"));
		assert_int_equal(term_quit(again), 0);
	}
	free(path);
	term_free(t);
}

static void test_sighup_in_number_prompt(void **state)
{
	(void)state;
	signal_in_prompt(SIGHUP, ":", "12", "Go to section: 12");
}

static void test_sigterm_in_number_prompt(void **state)
{
	(void)state;
	signal_in_prompt(SIGTERM, ":", "7", "Go to section: 7");
}

static void test_sigint_in_number_prompt(void **state)
{
	(void)state;
	signal_in_prompt(SIGINT, ":", "5", "Go to section: 5");
}

/* The search prompt (the test skips itself in a build without "/"). */
static void test_sighup_in_search_prompt(void **state)
{
	(void)state;
	signal_in_prompt(SIGHUP, "/", "疫情f", "疫情f");
}

static void test_sigterm_in_search_prompt(void **state)
{
	(void)state;
	signal_in_prompt(SIGTERM, "/", "dxs", "dxs"); /* 段祥生, the section open */
}

static void test_sigint_in_search_prompt(void **state)
{
	(void)state;
	signal_in_prompt(SIGINT, "/", "下一步", "下一步");
}

/* A signal that arrives while the browser is drawing (after a resize, with no
 * key to follow) is acted on at once, not after the next key press. */
static void test_signal_while_drawing(void **state)
{
	static const int sigs[] = {SIGTERM, SIGHUP, SIGINT};
	int late = 0;

	(void)state;
	for (int i = 0; i < 30; i++) {
		struct term *t = term_spawn(120, 40, NULL, NULL);
		int st = -1;

		assert_non_null(t);
		assert_true(term_wait_for(t, "? help", 5000));
		term_wait_quiet(t, 50); /* idle in read(), so the resize starts a redraw */
		term_resize(t, i % 2 ? 300 : 250, i % 2 ? 100 : 90);
		/* Let the child start its redraw, then signal it mid-way. */
		sleep_ms(i % 6);
		term_signal(t, sigs[i % 3]);
		if (!term_wait_exit(t, 700, &st)) {
			late++;
			/* A key wakes it: it had taken the signal but went back to reading. */
			term_send(t, "j");
			if (!term_wait_exit(t, 3000, &st))
				fail_msg("signal %d sent while drawing (round %d) was never acted on", sigs[i % 3], i);
		}
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 128 + sigs[i % 3]);
		assert_restored(t);
		term_free(t);
	}
	if (late)
		fail_msg("%d of 30 signals sent while drawing were acted on only after 0.7 s or a key", late);
}

/* After a signal the terminal's modes are back too (echo, line editing): the
 * shell that ran the browser then sees them with stty. */
static void test_signal_restores_modes(void **state)
{
	static const int sigs[] = {SIGTERM, SIGHUP};
	char *bin = fayan_path();

	(void)state;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		const char *const argv[] = {"/bin/sh", "-c",
					    "\"$0\" & echo $! >\"$HOME/pid\"; wait; echo; stty -a; echo STTY-DONE; sleep 5",
					    bin, NULL};
		struct term_opts o = {.cols = 120, .rows = 40, .argv = argv};
		struct term *t = start_opts(&o);
		char *pidfile = path_join(term_dir(t), "home/pid");
		size_t len;
		char *pid = slurp_file(pidfile, &len);
		const char *screen;

		assert_non_null(pid);
		term_type(t, "2");
		assert_true(term_wait_for(t, "2/10", 2000));
		assert_int_equal(kill((pid_t)atoi(pid), sigs[i]), 0);
		assert_true(term_wait_for(t, "STTY-DONE", 3000));
		screen = term_screen(t);
		if (!strstr(screen, " icanon") || !strstr(screen, " echo ") || strstr(screen, "-icanon") ||
		    strstr(screen, " -echo "))
			fail_msg("after signal %d the terminal modes were not restored:\n%s", sigs[i], screen);
		free(pid);
		free(pidfile);
		term_free(t);
	}
	free(bin);
}

/* ---- the state file cannot be written ---- */

/* Writes fail with EFBIG (file size limit 0, SIGXFSZ ignored): the previous
 * positions file stays byte for byte, no temporary file is left, the browser
 * says so once and keeps working. */
static void test_state_disk_full(void **state)
{
	char *bin = fayan_path();
	const char *const argv[] = {"/bin/sh", "-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\"", bin, NULL};
	char *home = scratch_new();
	char *dir = path_join(home, "fayan"), *path = path_join(dir, "positions");
	static const char before[] = "00000000deadbeef 4 2\n0123456789abcdef 0 0\n";
	char env[600];
	const char *const e[] = {env, NULL};
	struct term_opts o = {.cols = 100, .rows = 30, .argv = argv, .env = e};
	struct term *t;
	char *after;
	size_t len;
	int row, col;

	(void)state;
	assert_int_equal(mkdir(dir, 0700), 0);
	spit_file(path, before, strlen(before));
	snprintf(env, sizeof env, "XDG_STATE_HOME=%s", home);
	t = start_opts(&o);
	term_type(t, "2");
	assert_true(term_wait_for(t, "2/10 高留念", 2000));
	assert_true(term_wait_for(t, "reading position not saved", 2000));
	assert_non_null(strstr(term_row(t, 29), "File too large"));
	/* Keeps working. */
	term_type(t, "]]");
	assert_true(term_wait_for(t, "4/10 张海军", 2000));
	term_type(t, "jj}");
	term_type(t, "7");
	assert_true(term_wait_for(t, "7/10 韩迎旭", 2000));
	/* Said once: the status line holds one message, not one per attempt. */
	{
		const char *s = term_row(t, 29);
		const char *m = strstr(s, "reading position not saved");

		assert_non_null(m);
		assert_null(strstr(m + 1, "reading position not saved"));
	}
	assert_true(term_find_pos(t, "韩迎旭", &row, &col));
	assert_int_equal(term_quit(t), 0);
	after = slurp_file(path, &len);
	assert_non_null(after);
	assert_int_equal(len, strlen(before));
	assert_memory_equal(after, before, len);
	/* No temporary file left beside it. */
	{
		DIR *d = opendir(dir);
		struct dirent *de;

		assert_non_null(d);
		while ((de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && strcmp(de->d_name, "positions"))
				fail_msg("left behind in the state directory: %s", de->d_name);
		closedir(d);
	}
	free(after);
	free(path);
	free(dir);
	free(bin);
	scratch_free(home);
}

/* The state directory would be below a regular file: no directory can be made. */
static void test_state_dir_below_file(void **state)
{
	char *dir = scratch_new();
	char *file = path_join(dir, "plain");
	char env[600];
	const char *const e[] = {env, NULL};
	struct term *t;

	(void)state;
	spit_file(file, "x\n", 2);
	snprintf(env, sizeof env, "XDG_STATE_HOME=%s", file);
	t = start(100, 30, e);
	term_type(t, "5");
	assert_true(term_wait_for(t, "reading position not saved", 2000));
	assert_true(term_wait_for(t, "Not a directory", 2000));
	term_type(t, "]");
	assert_true(term_wait_for(t, "6/10 王东", 2000));
	assert_int_equal(term_quit(t), 0);
	{
		size_t len;
		char *s = slurp_file(file, &len);

		assert_int_equal(len, 2);
		assert_memory_equal(s, "x\n", 2);
		free(s);
	}
	free(file);
	scratch_free(dir);
}

/* What sits at the positions file: a link to /dev/zero (read forever, once)
 * or a FIFO (blocked before the first frame). The browser starts at once,
 * says once that it ignored the file, and the next save replaces it. */
static void check_positions_ignored(bool fifo)
{
	char *home = scratch_new();
	char *dir = path_join(home, "fayan"), *path = path_join(dir, "positions");
	char env[600];
	const char *const e[] = {env, NULL};
	struct term *t;
	struct stat st;

	assert_int_equal(mkdir(dir, 0700), 0);
	if (fifo)
		assert_int_equal(mkfifo(path, 0600), 0);
	else
		assert_int_equal(symlink("/dev/zero", path), 0);
	snprintf(env, sizeof env, "XDG_STATE_HOME=%s", home);
	t = start(160, 30, e);
	assert_true(term_wait_for(t, "reading positions ignored: not a regular file", 2000));
	assert_non_null(strstr(term_row(t, 29), "/fayan/positions)"));
	term_type(t, "3");
	assert_true(term_wait_for(t, "3/10 段祥生", 2000));
	assert_int_equal(term_quit(t), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	free(path);
	free(dir);
	scratch_free(home);
}

static void test_state_link_to_dev_zero(void **state)
{
	(void)state;
	check_positions_ignored(false);
}

static void test_state_fifo(void **state)
{
	(void)state;
	check_positions_ignored(true);
}

/* A state directory anyone can write to is not used: one message, and the
 * browser goes on without a reading position (nothing read, nothing saved). */
static void test_state_dir_writable_by_others(void **state)
{
	char *home = scratch_new();
	char *dir = path_join(home, "fayan"), *path = path_join(dir, "positions");
	static const char before[] = "0000000000000001 4 2\n";
	char env[600];
	const char *const e[] = {env, NULL};
	struct term *t;
	char *after;
	size_t len;

	(void)state;
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(chmod(dir, 0777), 0);
	spit_file(path, before, strlen(before));
	snprintf(env, sizeof env, "XDG_STATE_HOME=%s", home);
	t = start(160, 30, e);
	assert_true(term_wait_for(t, "reading position not kept: directory writable by others", 2000));
	term_type(t, "5");
	assert_true(term_wait_for(t, "5/10 李华", 2000));
	{
		const char *s = term_row(t, 29);
		const char *m = strstr(s, "reading position");

		assert_non_null(m); /* still the one message: no "not saved" after it */
		assert_null(strstr(m + 1, "reading position"));
	}
	assert_int_equal(term_quit(t), 0);
	after = slurp_file(path, &len);
	assert_non_null(after);
	assert_int_equal(len, strlen(before));
	assert_memory_equal(after, before, len);
	free(after);
	free(path);
	free(dir);
	scratch_free(home);
}

/* ---- a silent terminal, stdin at end of file, a hang-up ---- */

/* Idle for `ms` and return the CPU time the child used meanwhile. */
static long idle_cpu(struct term *t, int ms)
{
	long a = term_cpu_ms(t), b;

	assert_true(a >= 0);
	term_wait_quiet_cap(t, ms, ms + 100); /* nothing to read: the child must sleep */
	sleep_ms(0);
	b = term_cpu_ms(t);
	assert_true(b >= 0);
	return b - a;
}

static void test_idle_stdin_at_eof(void **state)
{
	struct term_opts o = {.cols = 80, .rows = 24, .stdin_path = "/dev/null"};
	struct term *t = start_opts(&o);
	long used;

	(void)state;
	used = idle_cpu(t, 1500);
	if (used > 100)
		fail_msg("idle with stdin at end of file, the browser used %ld ms of CPU in 1.5 s", used);
	/* It still answers the terminal. */
	term_type(t, "6");
	assert_true(term_wait_for(t, "6/10 王东", 2000));
	used = idle_cpu(t, 1000);
	if (used > 100)
		fail_msg("idle after a key, the browser used %ld ms of CPU in 1 s", used);
	assert_int_equal(term_quit(t), 0);
}

/* Idle means asleep: no timer wakes the browser (a resize wakes it through
 * its SIGWINCH pipe), so in 1.5 s without input it is not scheduled once,
 * like less. */
static void test_idle_never_wakes(void **state)
{
	struct term *t = start(80, 24, NULL);
	long a, b;

	(void)state;
	assert_true(term_wait_quiet(t, 300));
	a = term_switches(t);
	assert_true(a >= 0);
	sleep_ms(1500);
	b = term_switches(t);
	assert_int_equal(b - a, 0);
	/* And a resize still wakes it at once. */
	term_resize(t, 100, 30);
	assert_true(term_wait_for(t, "1/10 马东亮", 2000));
	assert_int_equal(term_quit(t), 0);
}

static void test_hangup_exits(void **state)
{
	struct term_opts o = {.cols = 80, .rows = 24, .stdin_path = "/dev/null"};
	struct term *t = start_opts(&o);
	char *path, *before;
	long cpu_before, cpu_after;
	int st = -1;

	(void)state;
	before = precreate_positions(t, &path);
	term_type(t, "8");
	assert_true(term_wait_for(t, "8/10 曹西峰", 2000));
	term_wait_quiet(t, 0);
	cpu_before = term_cpu_ms(t);
	term_hangup(t);
	if (!term_wait_exit(t, 3000, &st))
		fail_msg("still running 3 s after the terminal hung up (CPU %ld ms, was %ld)",
			 term_cpu_ms(t), cpu_before);
	cpu_after = term_cpu_ms(t); /* reaped: -1, fine */
	(void)cpu_after;
	/* Exits as on SIGHUP, which the kernel sends on a hang-up. */
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 128 + SIGHUP);
	assert_positions(path, 8);
	free(before);
	free(path);
	term_free(t);
}

/* ---- hostile documents ---- */

/* The seed with `bytes` injected into the title (line 3), 马东亮's headline
 * (line 11) and his second paragraph (line 21), each after its first two characters. */
static char *inject(const char *bytes, size_t *out_len)
{
	size_t len;
	char *seed = slurp_file(SEED, &len);
	struct buf b;
	const char *p = seed;
	int line = 1;

	assert_non_null(seed);
	buf_init(&b);
	while (p < seed + len) {
		const char *nl = memchr(p, '\n', (size_t)(seed + len - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(seed + len - p);

		if (line == 3 || line == 11 || line == 21) {
			buf_add(&b, p, 6); /* two characters of three bytes */
			buf_adds(&b, bytes);
			buf_add(&b, p + 6, n - 6);
		} else {
			buf_add(&b, p, n);
		}
		p += n;
		line++;
	}
	free(seed);
	return buf_take(&b, out_len);
}

/* Browse `file` at 100x30 and tour every pane so every text has been drawn. */
static struct term *browse_file(const char *file, int cols, int rows)
{
	struct term_opts o = {.cols = cols, .rows = rows, .argv = TERM_ARGV("fayan", file)};

	return start_opts(&o);
}

static void test_escapes_shown_not_obeyed(void **state)
{
	static const struct {
		const char *name, *bytes, *shown;
	} cases[] = {
		{"osc52", "\033]52;c;aGVsbG8=\007", "^[]52;c;aGVsbG8=^G"},
		{"clear", "\033[2J", "^[[2J"},
		{"title", "\033]0;title\007", "^[]0;title^G"},
		{"c1csi", "\302\23331m", "<U+009B>31m"},
		/* Bidirectional controls: RLO and LRI would reorder the line. */
		{"bidi", "\342\200\256x\342\201\246y", "<U+202E>x<U+2066>y"},
	};
	char *dir = scratch_new();

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len, loglen;
		char *data = inject(cases[i].bytes, &len);
		char *file = path_join(dir, cases[i].name);
		char shown[80];
		struct term *t;
		const char *log;

		spit_file(file, data, len);
		t = browse_file(file, 100, 30);
		/* The paragraph, the headline and the title bar show it. */
		snprintf(shown, sizeof shown, "盘活%s", cases[i].shown);
		assert_true(term_wait_for(t, shown, 2000));
		snprintf(shown, sizeof shown, "走出%s", cases[i].shown);
		assert_true(term_wait_for(t, shown, 2000));
		snprintf(shown, sizeof shown, "不断%s", cases[i].shown);
		if (!strstr(term_row(t, 0), shown))
			fail_msg("%s: the title bar does not show %s: %s", cases[i].name, shown, term_row(t, 0));
		/* Every screen: section 1 scrolled, full width, the speakers, help, at a narrow width. */
		term_type(t, "jjjzz\t\t?q");
		term_resize(t, 30, 10);
		term_wait_quiet(t, 0);
		term_type(t, "}}");
		term_resize(t, 100, 30);
		term_send(t, "1");
		assert_true(term_wait_for(t, "1/10", 2000));
		log = term_log(t, &loglen);
		assert_int_equal(strlen(log), loglen); /* no NUL */
		if (memmem(log, loglen, "\033]", 2) || memmem(log, loglen, "\007", 1))
			fail_msg("%s: an OSC sequence or BEL reached the terminal", cases[i].name);
		if (memmem(log, loglen, "\302\233", 2))
			fail_msg("%s: a C1 CSI reached the terminal", cases[i].name);
		if (memmem(log, loglen, "\342\200\256", 3) || memmem(log, loglen, "\342\201\246", 3))
			fail_msg("%s: a bidirectional control reached the terminal", cases[i].name);
		/* ncurses clears with ESC [ H ESC [ 2 J; any other ESC [ 2 J came from the data. */
		for (const char *p = log; (p = memmem(p, loglen - (size_t)(p - log), "\033[2J", 4)); p++)
			if (p - log < 3 || memcmp(p - 3, "\033[H", 3) != 0)
				fail_msg("%s: ESC [2J from the document reached the terminal", cases[i].name);
		assert_int_equal(term_quit(t), 0);
		free(file);
		free(data);
	}
	scratch_free(dir);
}

/* An article with no title line is shown under its file name: a name with
 * escape sequences in it (any byte but / and NUL is allowed) is shown, not obeyed. */
static void test_hostile_file_name(void **state)
{
	static const char article[] = "走出农村公共服务体系建设新路子\n\n新郑市城关乡党委书记 马东亮\n\n"
				      "城关乡因地制宜。\n\n盘活资源。\n";
	char *dir = scratch_new();
	char *file = path_join(dir, "x\033]0;pwned\007\033[2J\302\233" "1m.txt");
	struct term *t;
	size_t len;
	const char *log;

	(void)state;
	spit_file(file, article, strlen(article));
	{
		struct term_opts o = {.cols = 100, .rows = 30, .argv = TERM_ARGV("fayan", file)};

		t = term_spawn_opts(&o);
	}
	assert_non_null(t);
	assert_true(term_wait_for(t, "1/1 马东亮", 5000));
	term_wait_quiet(t, 0);
	if (!strstr(term_row(t, 0), "x^[]0;pwned^G^[[2J<U+009B>1m.txt"))
		fail_msg("the title bar does not show the file name visibly: %s", term_row(t, 0));
	log = term_log(t, &len);
	if (memmem(log, len, "\033]", 2) || memmem(log, len, "\007", 1) || memmem(log, len, "\302\233", 2))
		fail_msg("bytes of the file name's escape sequences reached the terminal");
	for (const char *p = log; (p = memmem(p, len - (size_t)(p - log), "\033[2J", 4)); p++)
		if (p - log < 3 || memcmp(p - 3, "\033[H", 3) != 0)
			fail_msg("ESC [2J from the file name reached the terminal");
	assert_int_equal(term_quit(t), 0);
	free(file);

	/* Invalid UTF-8 in the name: shown as U+FFFD, and the screen does not tear. */
	file = path_join(dir, "bad\377\376name\342\200.txt");
	spit_file(file, article, strlen(article));
	{
		struct term_opts o = {.cols = 100, .rows = 30, .argv = TERM_ARGV("fayan", file)};

		t = term_spawn_opts(&o);
	}
	assert_non_null(t);
	assert_true(term_wait_for(t, "1/1 马东亮", 5000));
	term_wait_quiet(t, 0);
	if (!strstr(term_row(t, 0), "bad\357\277\275\357\277\275name\357\277\275") ||
	    !strstr(term_row(t, 0), ".txt"))
		fail_msg("the title bar does not show the invalid bytes as U+FFFD: %s", term_row(t, 0));
	log = term_log(t, &len);
	if (memmem(log, len, "\377", 1) || memmem(log, len, "\376", 1))
		fail_msg("invalid bytes of the file name reached the terminal");
	assert_true(term_find(t, "城关乡因地制宜。") >= 1);
	assert_int_equal(term_quit(t), 0);
	free(file);
	scratch_free(dir);
}

/* Several inputs none of which has a section or an intro (a TAB alone):
 * the first frame read past the pane's entries, which were titles only, and
 * the browser crashed. It shows the last one's empty intro under its title
 * and quits as usual. */
static void test_inputs_without_anything_to_read(void **state)
{
	char *dir = scratch_new();
	char *a = path_join(dir, "a.txt"), *b = path_join(dir, "b.txt");
	struct term *t;

	(void)state;
	spit_file(a, "\t", 1);
	spit_file(b, "\t", 1);
	{
		struct term_opts o = {.cols = 100, .rows = 30, .argv = TERM_ARGV("fayan", a, b)};

		t = term_spawn_opts(&o);
	}
	assert_non_null(t);
	assert_true(term_wait_for(t, "导语 0/0 all", 5000));
	term_wait_quiet(t, 0);
	assert_true(term_find(t, "b.txt") >= 0);
	term_type(t, "]");
	assert_true(term_wait_for(t, "last section", 2000));
	assert_int_equal(term_quit(t), 0);
	free(a);
	free(b);
	scratch_free(dir);
}

/* Every row: wide characters whole and the pane separator in one column. */
static void check_alignment(struct term *t, const char *what)
{
	const char *bad = term_misaligned(t);

	if (bad)
		fail_msg("%s: %s:\n%s", what, bad, term_screen(t));
}

static void test_wide_and_combining_text(void **state)
{
	char *dir = scratch_new();
	char *emoji = path_join(dir, "emoji.txt"), *comb = path_join(dir, "combining.txt");
	static const int widths[] = {100, 41, 23};
	struct buf b;

	(void)state;
	/* Emoji ZWJ sequences, flags, a skin tone, Hebrew and Arabic in 马东亮's section. */
	{
		size_t len;
		char *seed = slurp_file(SEED, &len);
		const char *p = seed;
		int line = 1;

		buf_init(&b);
		while (p < seed + len) {
			const char *nl = memchr(p, '\n', (size_t)(seed + len - p));
			size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(seed + len - p);

			buf_add(&b, p, n);
			if (line == 20) {
				for (int k = 0; k < 12; k++)
					buf_adds(&b, "家👨‍👩‍👧‍👦🇨🇳🇺🇸 👍🏽 שלום עולם مرحبا بالعالم 家庭。");
				buf_adds(&b, "\n\n");
			}
			p += n;
			line++;
		}
		free(seed);
		spit_file(emoji, b.data, b.len);
		buf_free(&b);
	}
	/* 5,000 combining marks on one letter in a paragraph of its own. */
	buf_init(&b);
	buf_adds(&b, "标题\n\n标题二\n\n某某市某某镇党委书记 张三\n\n张三说e");
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "\xcc\x81");
	buf_adds(&b, "好。下一步,继续努力。\n");
	spit_file(comb, b.data, b.len);
	buf_free(&b);

	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		struct term *t = browse_file(emoji, widths[w], 24);
		char what[64];

		assert_true(term_wait_for(t, "家", 2000));
		for (int page = 0; page < 4; page++) {
			snprintf(what, sizeof what, "emoji at width %d, page %d", widths[w], page);
			check_alignment(t, what);
			term_type(t, " ");
		}
		term_type(t, "z");
		snprintf(what, sizeof what, "emoji at width %d, full width", widths[w]);
		check_alignment(t, what);
		assert_int_equal(term_quit(t), 0);
	}
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		struct term_opts o = {.cols = widths[w], .rows = 12, .argv = TERM_ARGV("fayan", comb)};
		struct term *t = term_spawn_opts(&o);
		char what[64];

		assert_non_null(t);
		assert_true(term_wait_for(t, "1/1", 5000));
		term_wait_quiet(t, 0);
		assert_true(term_wait_for(t, "张三说", 2000));
		snprintf(what, sizeof what, "combining marks at width %d", widths[w]);
		check_alignment(t, what);
		term_type(t, "jjj");
		check_alignment(t, what);
		term_type(t, "z");
		check_alignment(t, what);
		assert_int_equal(term_quit(t), 0);
	}
	free(emoji);
	free(comb);
	scratch_free(dir);
}

E2E_GROUP(faults)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resize_storm),
		cmocka_unit_test(test_tiny_sizes_settle),
		cmocka_unit_test(test_taller_shows_every_speaker),
		cmocka_unit_test(test_sighup_in_number_prompt),
		cmocka_unit_test(test_sigterm_in_number_prompt),
		cmocka_unit_test(test_sigint_in_number_prompt),
		cmocka_unit_test(test_sighup_in_search_prompt),
		cmocka_unit_test(test_sigterm_in_search_prompt),
		cmocka_unit_test(test_sigint_in_search_prompt),
		cmocka_unit_test(test_signal_while_drawing),
		cmocka_unit_test(test_signal_restores_modes),
		cmocka_unit_test(test_state_disk_full),
		cmocka_unit_test(test_state_dir_below_file),
		cmocka_unit_test(test_state_link_to_dev_zero),
		cmocka_unit_test(test_state_fifo),
		cmocka_unit_test(test_state_dir_writable_by_others),
		cmocka_unit_test(test_idle_stdin_at_eof),
		cmocka_unit_test(test_idle_never_wakes),
		cmocka_unit_test(test_hangup_exits),
		cmocka_unit_test(test_escapes_shown_not_obeyed),
		cmocka_unit_test(test_hostile_file_name),
		cmocka_unit_test(test_inputs_without_anything_to_read),
		cmocka_unit_test(test_wide_and_combining_text),
	};

	return cmocka_run_group_tests_name("faults", tests, NULL, NULL);
}
