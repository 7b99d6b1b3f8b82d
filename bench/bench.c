/* bench.c: fayan side by side with less and grep, on the seed and on the
 * synthetic archives of gen.c. Prints a Markdown report on stdout.
 *
 * Usage: bench [-n RUNS] FAYAN SEED ARCHIVES_DIR THEMES_FILE
 * ARCHIVES_DIR holds s10/, s1000/, s100000/ and mb100/ (see the Makefile).
 *
 * Each comparison runs fayan and its anchor alternately, RUNS times, and
 * reports medians and their ratio, so that the noise of a shared machine falls
 * on both sides alike. Terminal measurements use the end-to-end harness: a real
 * pty, libvterm, and a log of every byte the program wrote. "Time to the first
 * frame" is the time from spawning until the last byte before the screen stays
 * quiet for QUIET_MS; "bytes" are what went over the pty for one key press. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tests/e2e/harness.h"
#include "fayan/util.h"

#define QUIET_MS 300    /* the screen counts as complete after this long without output */
#define KEY_QUIET_MS 150 /* the same after a key press */
#define CAP_MS 60000

static int runs = 7;
static const char *fayan;

/* ---- small helpers ---- */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A NULL-terminated, growable argument vector. */
struct argv {
	char **v;
	size_t n, cap;
};

static void av_add(struct argv *a, const char *s)
{
	a->v = xgrow(a->v, &a->cap, a->n + 2, sizeof *a->v);
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

static void av_free(struct argv *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.txt files of dir, sorted, appended to a; returns their total size in bytes. */
static size_t add_files(struct argv *a, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct argv names = { 0 };
	size_t total = 0;

	if (!d) {
		fprintf(stderr, "bench: %s: %s (run `make bench`, which generates it)\n", dir, strerror(errno));
		exit(2);
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (l > 4 && !strcmp(e->d_name + l - 4, ".txt"))
			av_add(&names, e->d_name);
	}
	closedir(d);
	qsort(names.v, names.n, sizeof *names.v, cmp_str);
	for (size_t i = 0; i < names.n; i++) {
		struct buf p;
		struct stat st;

		buf_init(&p);
		buf_printf(&p, "%s/%s", dir, names.v[i]);
		if (stat(p.data, &st) == 0)
			total += (size_t)st.st_size;
		av_add(a, p.data);
		buf_free(&p);
	}
	av_free(&names);
	return total;
}

/* ---- programs without a terminal ---- */

/* Run argv with stdout and stderr to /dev/null; fill wall time (ms) and max RSS (KiB). */
static int run_cmd(char *const argv[], double *ms, long *rss_kb)
{
	struct rusage ru;
	double t0 = now_ms();
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &st, 0, &ru) < 0) {
		perror("bench: fork/wait4");
		exit(2);
	}
	*ms = now_ms() - t0;
	*rss_kb = ru.ru_maxrss;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Run argv with stdout to `path`; exit if it fails. */
static void run_to_file(char *const argv[], const char *path)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0)
			_exit(126);
		dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench: %s > %s failed\n", argv[0], path);
		exit(2);
	}
}

/* Run a and b alternately `runs` times; report medians of time (and a's RSS). */
static void compare_cmds(const char *label, char *const a[], char *const b[], const char *bname,
			 size_t input_bytes)
{
	double *ta = xcalloc((size_t)runs, sizeof *ta), *tb = xcalloc((size_t)runs, sizeof *tb);
	double *ra = xcalloc((size_t)runs, sizeof *ra);
	int rca = 0, rcb = 0;

	for (int i = 0; i < runs; i++) {
		long rss;

		rca = run_cmd(a, &ta[i], &rss);
		ra[i] = (double)rss;
		if (b)
			rcb = run_cmd(b, &tb[i], &rss);
	}
	double ma = median(ta, (size_t)runs), mr = median(ra, (size_t)runs);
	if (b) {
		double mb = median(tb, (size_t)runs);
		printf("| %s | %.1f ms | %s %.1f ms | %.2f | %.0f MiB (%.2fx input) | %d/%d |\n", label, ma,
		       bname, mb, ma / mb, mr / 1024, mr * 1024 / (double)input_bytes, rca, rcb);
	} else {
		printf("| %s | %.1f ms | | | %.0f MiB (%.2fx input) | %d |\n", label, ma, mr / 1024,
		       mr * 1024 / (double)input_bytes, rca);
	}
	fflush(stdout);
	free(ta);
	free(tb);
	free(ra);
}

/* ---- programs in a terminal ---- */

/* Read output until none came for quiet_ms (and, if need_output, some came at all)
 * and, if busy is not NULL, the status line (row 23) no longer shows it;
 * returns the ms from t0 to the last byte. */
static double settle_while(struct term *t, double t0, int quiet_ms, bool need_output, const char *busy)
{
	size_t last = 0, len;
	double tlast = t0, start = now_ms();

	term_log(t, &last);
	for (;;) {
		double now;

		term_pump(t);
		term_log(t, &len);
		now = now_ms();
		if (len != last) {
			last = len;
			tlast = now;
		}
		if (now - tlast >= quiet_ms && now - start >= quiet_ms && (len > 0 || !need_output) &&
		    (!busy || !strstr(term_row(t, 23), busy)))
			break;
		if (now - start > CAP_MS) {
			fprintf(stderr, "bench: output did not stop within %d ms\n", CAP_MS);
			break;
		}
		sleep_us(100);
	}
	return tlast - t0;
}

static double settle(struct term *t, double t0, int quiet_ms, bool need_output)
{
	return settle_while(t, t0, quiet_ms, need_output, NULL);
}

static size_t log_len(const struct term *t)
{
	size_t len;

	term_log(t, &len);
	return len;
}

/* Press `keys` (one key per code point) and return the bytes written in answer. */
static size_t key_bytes(struct term *t, const char *keys)
{
	term_log_clear(t);
	term_raw(t, keys, strlen(keys)); /* ASCII keys and C0 controls, as a terminal sends them */
	settle(t, now_ms(), KEY_QUIET_MS, false);
	if (getenv("BENCH_DEBUG")) {
		fprintf(stderr, "after %s:\n", keys);
		term_dump(t);
	}
	return log_len(t);
}

/* Whether the browser just said that the last key has no action. */
static bool unbound(struct term *t)
{
	return term_find(t, "no action for key") >= 0;
}

/* Idle cost over `ms`: CPU ticks used and wake-ups (context switches). */
static void idle_cost(struct term *t, int ms, long *ticks, long *wakeups)
{
	long c0 = term_cpu_ms(t), w0 = term_switches(t);

	settle(t, now_ms(), ms, false);
	*ticks = (term_cpu_ms(t) - c0) * sysconf(_SC_CLK_TCK) / 1000;
	*wakeups = term_switches(t) - w0;
}

static struct term *spawn(int cols, int rows, char *const argv[])
{
	static const char *const env[] = { "LESSHISTFILE=-", "LESS=", "LESSOPEN=", "LESSCLOSE=", NULL };
	struct term *t = term_spawn(cols, rows, (const char *const *)argv, env);

	if (!t)
		exit(2);
	return t;
}

/* Press q, wait for the exit; returns the CPU time the program used from
 * exec to exit in ms (-1 if it did not exit). */
static double quit(struct term *t)
{
	int st;
	double cpu;

	term_send(t, "q");
	term_wait_exit(t, 2000, &st);
	cpu = term_exit_cpu_ms(t);
	term_free(t);
	return cpu;
}

/* First frame at 80x24: fayan on the seed against less on the same file. */
static void bench_first_frame(const char *seed)
{
	char *fa[] = { "fayan", "--no-state", (char *)seed, NULL };
	char *la[] = { "less", (char *)seed, NULL };
	double *tf = xcalloc((size_t)runs, sizeof *tf), *tl = xcalloc((size_t)runs, sizeof *tl);
	double *bf = xcalloc((size_t)runs, sizeof *bf), *bl = xcalloc((size_t)runs, sizeof *bl);
	double *cf = xcalloc((size_t)runs, sizeof *cf), *cl = xcalloc((size_t)runs, sizeof *cl);
	double *rt = xcalloc((size_t)runs, sizeof *rt), *rc = xcalloc((size_t)runs, sizeof *rc);

	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		struct term *t = spawn(80, 24, fa);

		tf[i] = settle(t, t0, QUIET_MS, true);
		bf[i] = (double)log_len(t);
		cf[i] = quit(t);
		t0 = now_ms();
		t = spawn(80, 24, la);
		tl[i] = settle(t, t0, QUIET_MS, true);
		bl[i] = (double)log_len(t);
		cl[i] = quit(t);
		/* The ratio of each pair, run back to back: a slow spell of the
		 * machine falls on both programs of the pair. */
		rt[i] = tf[i] / tl[i];
		rc[i] = cl[i] > 0 ? cf[i] / cl[i] : 0;
	}
	double mf = median(tf, (size_t)runs), ml = median(tl, (size_t)runs);
	double nf = tf[0], nl = tl[0];

	/* The fastest run of each too: on a shared machine the noise only adds. */
	for (int i = 1; i < runs; i++) {
		nf = tf[i] < nf ? tf[i] : nf;
		nl = tl[i] < nl ? tl[i] : nl;
	}
	printf("| first frame, seed, 80x24 (median) | %.1f ms | %.1f ms | %.2f | %.0f B vs %.0f B |\n", mf, ml,
	       mf / ml, median(bf, (size_t)runs), median(bl, (size_t)runs));
	printf("| first frame, seed, 80x24 (fastest run) | %.1f ms | %.1f ms | %.2f | |\n", nf, nl, nf / nl);
	printf("| first frame, seed, 80x24 (median of the %d pairs' ratios) | | | %.2f | |\n", runs,
	       median(rt, (size_t)runs));
	printf("| CPU time from exec to exit, first frame then q (median; ratio: of the pairs') | %.2f ms | %.2f ms | %.2f | |\n",
	       median(cf, (size_t)runs), median(cl, (size_t)runs), median(rc, (size_t)runs));
	fflush(stdout);
	free(tf);
	free(tl);
	free(bf);
	free(bl);
	free(cf);
	free(cl);
	free(rt);
	free(rc);
}

/* Bytes of one screen's text as the terminal shows it (rows joined by LF). */
static size_t screen_bytes(struct term *t)
{
	return strlen(term_screen(t));
}

/* Bytes over the wire for the reading actions on `text` (long enough to scroll),
 * fayan at full width (after z) against less. */
static void bench_bytes(const char *seed, const char *text)
{
	enum { FIRST, SCREEN, REDRAW, ONE, TWENTY, PAGE, PAGE_REDRAW, JUMP, JUMP_REDRAW, FILTER, NROWS };
	static const char *const what[NROWS] = {
		"first frame (after `z` for fayan: both frames)", "text of one full screen (as shown)", "full redraw (Ctrl-L)",
		"one line down (j)", "twenty lines down (20 x j), per line", "one page down (Space)",
		"full redraw (Ctrl-L) of the screen the page down showed",
		"section jump (`]`, on the seed)", "full redraw (Ctrl-L) of the screen the section jump showed",
		"filter applied, on the seed (fayan: `t`, `yqfk`, Enter; less: `&疫情` Enter)",
	};
	double *f[NROWS], *l[NROWS];
	char *fa[] = { "fayan", "--no-state", (char *)text, NULL };
	char *fs[] = { "fayan", "--no-state", (char *)seed, NULL };
	char *ls[] = { "less", (char *)seed, NULL };
	struct buf wrapped;
	int n = runs < 3 ? runs : 3;

	/* less gets the text as fayan lays it out at full width (78 columns at 80),
	 * so that one line down is one screen row in both. */
	buf_init(&wrapped);
	buf_printf(&wrapped, "%s.w78", text);
	run_to_file((char *[]){ (char *)fayan, "--print", "1", "--width", "78", (char *)text, NULL },
		    wrapped.data);
	char *la[] = { "less", wrapped.data, NULL };

	for (int r = 0; r < NROWS; r++) {
		f[r] = xcalloc((size_t)n, sizeof *f[r]);
		l[r] = xcalloc((size_t)n, sizeof *l[r]);
	}
	for (int i = 0; i < n; i++) {
		struct term *t = spawn(80, 24, fa);
		size_t sum = 0;

		settle(t, now_ms(), QUIET_MS, true);
		f[FIRST][i] = (double)log_len(t);
		f[FIRST][i] += (double)key_bytes(t, "z"); /* full-width reading */
		f[SCREEN][i] = (double)screen_bytes(t);
		f[REDRAW][i] = (double)key_bytes(t, "\f");
		f[ONE][i] = (double)key_bytes(t, "j");
		for (int k = 0; k < 20; k++)
			sum += key_bytes(t, "j");
		f[TWENTY][i] = sum / 20.0;
		f[PAGE][i] = (double)key_bytes(t, " ");
		f[PAGE_REDRAW][i] = (double)key_bytes(t, "\f");
		quit(t);
		t = spawn(80, 24, fs);
		settle(t, now_ms(), QUIET_MS, true);
		key_bytes(t, "z");
		f[JUMP][i] = (double)key_bytes(t, "]");
		f[JUMP_REDRAW][i] = (double)key_bytes(t, "\f");
		/* The theme picker, where the browser has one: `t` must change the screen. */
		f[FILTER][i] = (double)key_bytes(t, "t");
		if (f[FILTER][i] > 0 && !unbound(t)) {
			f[FILTER][i] += (double)key_bytes(t, "yqfk");
			f[FILTER][i] += (double)key_bytes(t, "\r");
		} else {
			f[FILTER][i] = -1;
		}
		quit(t);

		t = spawn(80, 24, la);
		settle(t, now_ms(), QUIET_MS, true);
		l[FIRST][i] = (double)log_len(t);
		l[SCREEN][i] = (double)screen_bytes(t);
		l[REDRAW][i] = (double)key_bytes(t, "\f");
		l[ONE][i] = (double)key_bytes(t, "j");
		sum = 0;
		for (int k = 0; k < 20; k++)
			sum += key_bytes(t, "j");
		l[TWENTY][i] = sum / 20.0;
		l[PAGE][i] = (double)key_bytes(t, " ");
		l[PAGE_REDRAW][i] = (double)key_bytes(t, "\f");
		l[JUMP][i] = -1;
		l[JUMP_REDRAW][i] = -1;
		quit(t);
		t = spawn(80, 24, ls);
		settle(t, now_ms(), QUIET_MS, true);
		l[FILTER][i] = (double)key_bytes(t, "&疫情\r");
		quit(t);
	}
	for (int r = 0; r < NROWS; r++) {
		double mf = median(f[r], (size_t)n), ml = median(l[r], (size_t)n);

		if (mf < 0)
			printf("| %s | (not in this build) | %.0f B | |\n", what[r], ml);
		else if (ml < 0)
			printf("| %s | %.0f B | (no such action) | |\n", what[r], mf);
		else
			printf("| %s | %.0f B | %.0f B | %.2f |\n", what[r], mf, ml, ml > 0 ? mf / ml : 0);
		free(f[r]);
		free(l[r]);
	}
	buf_free(&wrapped);
	fflush(stdout);
}

/* Open a prompt with `key` (it must change the screen), type `text`, then time
 * Enter until the screen is quiet; -1 if the key does nothing. */
static double apply_time(struct term *t, const char *key, const char *text)
{
	double t0;

	if (key_bytes(t, key) == 0 || unbound(t))
		return -1;
	key_bytes(t, text);
	term_log_clear(t);
	t0 = now_ms();
	term_raw(t, "\r", 1);
	return settle(t, t0, KEY_QUIET_MS, true);
}

/* Read output until the screen shows a whole first frame (the status line on
 * the bottom row and the first speaker on row 2); returns the ms from t0. */
static double first_screen(struct term *t, double t0)
{
	for (;;) {
		double now;

		term_pump(t);
		now = now_ms();
		if (term_row(t, 23)[0] && term_row(t, 2)[0])
			return now - t0;
		if (now - t0 > CAP_MS) {
			fprintf(stderr, "bench: no first screen within %d ms\n", CAP_MS);
			return now - t0;
		}
		sleep_us(100);
	}
}

/* The browser on a whole archive: first frame, all read, memory, resize, idle. */
static void bench_archive_browser(const char *label, const char *dir)
{
	struct argv a = { 0 };
	size_t input;
	int n = runs < 5 ? runs : 5;
	double *tf = xcalloc((size_t)n, sizeof *tf), *tr = xcalloc((size_t)n, sizeof *tr);
	double *ta = xcalloc((size_t)n, sizeof *ta);
	double *hwm = xcalloc((size_t)n, sizeof *hwm), *rcpu = xcalloc((size_t)n, sizeof *rcpu);
	double *rb = xcalloc((size_t)n, sizeof *rb);
	long ticks = 0, wakeups = 0;
	double filter_ms = -1, search_ms = -1;

	av_add(&a, "fayan");
	av_add(&a, "--no-state");
	input = add_files(&a, dir);
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		struct term *t = spawn(80, 24, a.v);
		long c0;

		tf[i] = first_screen(t, t0);
		ta[i] = settle_while(t, t0, QUIET_MS, true, "reading "); /* every file read */
		hwm[i] = (double)term_proc_status(t, "VmHWM:");
		if (i == 0)
			idle_cost(t, 3000, &ticks, &wakeups);
		c0 = term_cpu_ms(t);
		term_log_clear(t);
		t0 = now_ms();
		term_resize(t, 120, 40);
		tr[i] = settle(t, t0, KEY_QUIET_MS, true);
		rb[i] = (double)log_len(t);
		rcpu[i] = (double)(term_cpu_ms(t) - c0);
		if (i == 0) {
			filter_ms = apply_time(t, "t", "yqfk");
			term_raw(t, "\033", 1);
			settle(t, now_ms(), KEY_QUIET_MS, false);
			search_ms = apply_time(t, "/", "防控");
		}
		quit(t);
	}
	printf("| %s: first frame, 80x24 (until the screen shows it whole) | %.0f ms |\n", label,
	       median(tf, (size_t)n));
	printf("| %s: every file read (the last byte before the status line is final) | %.0f ms |\n",
	       label, median(ta, (size_t)n));
	printf("| %s: peak memory of the browser (VmHWM) | %.0f MiB (%.2fx the %.1f MB input) |\n", label,
	       median(hwm, (size_t)n) / 1024, median(hwm, (size_t)n) * 1024 / (double)input, input / 1e6);
	printf("| %s: resize 80x24 -> 120x40, until the screen is quiet | %.1f ms (CPU %.0f ms, %.0f B) |\n",
	       label, median(tr, (size_t)n), median(rcpu, (size_t)n), median(rb, (size_t)n));
	if (filter_ms >= 0)
		printf("| %s: theme 疫情防控 applied in the browser (`t`, `yqfk`, Enter) | %.1f ms |\n", label, filter_ms);
	else
		printf("| %s: theme applied in the browser | (no theme picker in this build) |\n", label);
	if (search_ms >= 0)
		printf("| %s: search 防控 applied in the browser (`/`, `防控`, Enter) | %.1f ms |\n", label, search_ms);
	else
		printf("| %s: search in the browser | (no search prompt in this build) |\n", label);
	printf("| %s: idle for 3 s after the first frame | %ld CPU ticks, %ld wake-ups |\n", label, ticks,
	       wakeups);
	fflush(stdout);
	av_free(&a);
	free(tf);
	free(ta);
	free(tr);
	free(hwm);
	free(rcpu);
	free(rb);
}

/* Idle cost of less on the seed, for comparison. */
static void bench_idle_less(const char *seed)
{
	char *la[] = { "less", (char *)seed, NULL };
	char *fa[] = { "fayan", "--no-state", (char *)seed, NULL };
	long ticks, wakeups;
	struct term *t = spawn(80, 24, fa);

	settle(t, now_ms(), QUIET_MS, true);
	idle_cost(t, 3000, &ticks, &wakeups);
	printf("| fayan on the seed: idle for 3 s | %ld CPU ticks, %ld wake-ups |\n", ticks, wakeups);
	quit(t);
	t = spawn(80, 24, la);
	settle(t, now_ms(), QUIET_MS, true);
	idle_cost(t, 3000, &ticks, &wakeups);
	printf("| less on the seed: idle for 3 s | %ld CPU ticks, %ld wake-ups |\n", ticks, wakeups);
	quit(t);
	fflush(stdout);
}

/* The terms of theme `name` in a themes file ("NAME: TERM TERM ..."). */
static void theme_terms(const char *file, const char *name, struct argv *terms)
{
	FILE *f = fopen(file, "r");
	char line[4096];
	size_t nl = strlen(name);

	if (!f) {
		fprintf(stderr, "bench: %s: %s\n", file, strerror(errno));
		exit(2);
	}
	while (fgets(line, sizeof line, f)) {
		char *p, *save = NULL;

		if (strncmp(line, name, nl) || line[nl] != ':')
			continue;
		for (p = strtok_r(line + nl + 1, " \t\r\n", &save); p; p = strtok_r(NULL, " \t\r\n", &save))
			av_add(terms, p);
	}
	fclose(f);
}

/* The command line over each archive: parse, list, theme and search against grep -F -c. */
static void bench_cli(const char *dir, const char *themes)
{
	static const char *const archives[] = { "s10", "s1000", "s100000", "mb100" };
	struct argv terms = { 0 };

	theme_terms(themes, "疫情防控", &terms);
	printf("| command | fayan (median) | anchor (median) | ratio | fayan max RSS | exit |\n");
	printf("|---|---|---|---|---|---|\n");
	for (size_t k = 0; k < sizeof archives / sizeof archives[0]; k++) {
		struct argv files = { 0 }, check = { 0 }, list = { 0 }, theme = { 0 }, search = { 0 };
		struct argv gt = { 0 }, gs = { 0 };
		struct buf p, l;
		size_t input;

		buf_init(&p);
		buf_init(&l);
		buf_printf(&p, "%s/%s", dir, archives[k]);
		input = add_files(&files, p.data);
		av_add(&check, fayan);
		av_add(&check, "--check");
		av_add(&list, fayan);
		av_add(&list, "--list");
		av_add(&theme, fayan);
		av_add(&theme, "--theme=疫情防控");
		av_add(&theme, "--list");
		av_add(&search, fayan);
		av_add(&search, "--search=防控");
		av_add(&search, "--list");
		av_add(&gt, "grep");
		av_add(&gt, "-F");
		av_add(&gt, "-c");
		for (size_t i = 0; i < terms.n; i++) {
			av_add(&gt, "-e");
			av_add(&gt, terms.v[i]);
		}
		av_add(&gs, "grep");
		av_add(&gs, "-F");
		av_add(&gs, "-c");
		av_add(&gs, "-e");
		av_add(&gs, "防控");
		for (size_t i = 0; i < files.n; i++) {
			av_add(&check, files.v[i]);
			av_add(&list, files.v[i]);
			av_add(&theme, files.v[i]);
			av_add(&search, files.v[i]);
			av_add(&gt, files.v[i]);
			av_add(&gs, files.v[i]);
		}
		buf_printf(&l, "%s (%zu files, %.1f MB): --check", archives[k], files.n, input / 1e6);
		compare_cmds(l.data, check.v, gs.v, "grep -F -c", input);
		l.len = 0;
		buf_printf(&l, "%s: --list", archives[k]);
		compare_cmds(l.data, list.v, gs.v, "grep -F -c", input);
		l.len = 0;
		buf_printf(&l, "%s: --theme 疫情防控 --list (%zu terms)", archives[k], terms.n);
		compare_cmds(l.data, theme.v, gt.v, "grep -F -c", input);
		l.len = 0;
		buf_printf(&l, "%s: --search 防控 --list", archives[k]);
		compare_cmds(l.data, search.v, gs.v, "grep -F -c", input);
		av_free(&files);
		av_free(&check);
		av_free(&list);
		av_free(&theme);
		av_free(&search);
		av_free(&gt);
		av_free(&gs);
		buf_free(&p);
		buf_free(&l);
	}
	av_free(&terms);
}

static void machine(void)
{
	char line[256], model[256] = "?";
	long mem_kb = 0;
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "model name", 10)) {
			char *c = strchr(line, ':');

			snprintf(model, sizeof model, "%s", c ? c + 2 : line);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	if (f)
		fclose(f);
	f = fopen("/proc/meminfo", "r");
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "MemTotal: %ld kB", &mem_kb) == 1)
			break;
	if (f)
		fclose(f);
	{
		double la[3] = { 0 };

		if (getloadavg(la, 3) < 0)
			la[0] = -1;
		printf("Machine: %ld CPUs (%s), %.1f GiB memory; load average %.2f at start; %d runs per median.\n\n",
		       sysconf(_SC_NPROCESSORS_ONLN), model, mem_kb / 1048576.0, la[0], runs);
	}
}

int main(int argc, char **argv)
{
	int opt;
	const char *only = NULL;

	while ((opt = getopt(argc, argv, "n:o:")) != -1) {
		if (opt == 'n')
			runs = atoi(optarg) > 0 ? atoi(optarg) : 1;
		else if (opt == 'o')
			only = optarg;
		else
			return 2;
	}
	if (argc - optind != 4) {
		fputs("usage: bench [-n RUNS] [-o cli|term|first|bytes|browser] FAYAN SEED ARCHIVES_DIR THEMES_FILE\n", stderr);
		return 2;
	}
	fayan = argv[optind];
	setenv("FAYAN", fayan, 1);
	signal(SIGPIPE, SIG_IGN);
	machine();
	/* -o term runs all the terminal tables; -o first, -o bytes and -o browser one of them. */
	if (!only || !strcmp(only, "term") || !strcmp(only, "first") || !strcmp(only, "bytes") ||
	    !strcmp(only, "browser")) {
		struct buf dir;
		bool all = !only || !strcmp(only, "term");

		buf_init(&dir);
		printf("## In an 80x24 terminal: fayan vs less\n\n");
		if (all || !strcmp(only, "first")) {
			printf("| measure | fayan | less | ratio | bytes written |\n|---|---|---|---|---|\n");
			bench_first_frame(argv[optind + 1]);
		}
		if (all || !strcmp(only, "bytes")) {
			printf("\n| bytes over the wire (full-width reading after `z`) | fayan | less | ratio |\n|---|---|---|---|\n");
			buf_printf(&dir, "%s/long.txt", argv[optind + 2]);
			bench_bytes(argv[optind + 1], dir.data);
			dir.len = 0;
		}
		if (all || !strcmp(only, "browser")) {
			printf("\n| browser on an archive | result |\n|---|---|\n");
			bench_idle_less(argv[optind + 1]);
			buf_printf(&dir, "%s/s1000", argv[optind + 2]);
			bench_archive_browser("1,000 sections", dir.data);
			dir.len = 0;
			buf_printf(&dir, "%s/mb100", argv[optind + 2]);
			bench_archive_browser("100 MB", dir.data);
		}
		buf_free(&dir);
		printf("\n");
	}
	if (!only || !strcmp(only, "cli")) {
		printf("## The command line over the archives\n\n");
		bench_cli(argv[optind + 2], argv[optind + 3]);
	}
	return 0;
}
