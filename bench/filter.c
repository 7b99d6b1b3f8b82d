/* filter.c: the cost of a theme and a search over a loaded archive, in process.
 * Loads the files named on the command line once, then times filter_run (the
 * work the browser and the command line do for a filter) for a theme, a
 * search, both, a pinyin search and a theme of MANY_TERMS terms (the first
 * distinct pairs of hanzi of the text, so that most of them occur), and
 * `grep -F -c` with the theme's terms and with the many terms (-f) on the
 * same files. Prints a Markdown table on stdout.
 *
 * Usage: filter [-n RUNS] [-t THEME] [-s QUERY] [-p PINYIN] [--no-grep] [--only K] [--threads N] FILE...
 * Defaults: 7 runs, theme 疫情防控 (built-in themes), search 防控, pinyin fk.
 * --only K runs case K alone (0 theme, 1 search, 2 both, 3 pinyin, 4 many
 * terms, 5 and 6 grep), for a profiler; the other rows are then meaningless.
 *
 * Times are CPU time (user + system) of this process for filter_run, and of
 * the child for grep, so that other jobs on a shared machine count less than
 * in wall time. Every run of every case is interleaved with the others (run 1
 * of each, then run 2 of each, ...) and the median is reported. The table also
 * gives what each case selects (sections, hits), so that two builds can be
 * checked to agree. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fayan/doc.h"
#include "fayan/filter.h"
#include "fayan/search.h"
#include "fayan/themes.h"
#include "fayan/util.h"

#define MAX_RUNS 101
/* Terms of the large theme: as many as a theme may have (THEMES_MAX_TERMS). */
#define MANY_TERMS 500

extern char **environ;

/* One timed case: a theme and/or a search, or grep (gargv). */
struct bcase {
	char label[160];
	struct search *theme;
	struct search *search;
	char **gargv;
	double ms[MAX_RUNS];
	double wall[MAX_RUNS]; /* filter_run's wall time: with threads, what the user waits */
	size_t nmatch, ntheme, nsearch;
};

static double wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double tv_ms(struct timeval tv)
{
	return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

/* Run argv with stdout to /dev/null; return its user + system CPU time in ms,
 * or -1 if it could not be run. *status gets its exit status. posix_spawn
 * (not fork) so that the parent's pages are not marked copy-on-write: its
 * next filter_run would pay a page fault for each page it writes. */
static double run_child(char **argv, int *status)
{
	struct rusage ru;
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	if (wait4(pid, status, 0, &ru) < 0)
		return -1;
	return tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
}

/* The first n distinct pairs of hanzi (U+4E00-U+9FFF, six bytes) in the
 * paragraphs of d, into terms[] (malloc'd); returns how many were found. */
static size_t hanzi_pairs(const struct doc *d, char **terms, size_t n)
{
	size_t k = 0;

	for (size_t s = 0; s < d->nsections && k < n; s++)
		for (size_t p = 0; p < d->sections[s]->npara && k < n; p++) {
			const struct para *pa = &d->sections[s]->paras[p];
			const unsigned char *t = (const unsigned char *)pa->text;

			for (size_t i = 0; i + 6 <= pa->len && k < n; i++) {
				bool dup = false;

				if (t[i] < 0xE4 || t[i] > 0xE9 || t[i + 3] < 0xE4 || t[i + 3] > 0xE9)
					continue;
				for (size_t j = 0; j < k && !dup; j++)
					dup = memcmp(terms[j], t + i, 6) == 0;
				if (!dup)
					terms[k++] = xstrndup((const char *)t + i, 6);
			}
		}
	return k;
}

static void usage(void)
{
	fprintf(stderr, "usage: filter [-n RUNS] [-t THEME] [-s QUERY] [-p PINYIN] [--no-grep] [--only K] [--threads N] FILE...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int runs = 7, i;
	const char *theme_name = "疫情防控", *query = "防控", *pinyin = "fk";
	int grep = 1, only = -1, threads = 0;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--no-grep") == 0)
			grep = 0;
		else if (i + 1 >= argc)
			usage();
		else if (strcmp(argv[i], "-n") == 0)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "-t") == 0)
			theme_name = argv[++i];
		else if (strcmp(argv[i], "-s") == 0)
			query = argv[++i];
		else if (strcmp(argv[i], "-p") == 0)
			pinyin = argv[++i];
		else if (strcmp(argv[i], "--only") == 0)
			only = atoi(argv[++i]);
		else if (strcmp(argv[i], "--threads") == 0)
			threads = atoi(argv[++i]);
		else
			usage();
	}
	if (i >= argc || runs < 1 || runs > MAX_RUNS)
		usage();

	struct themes th;
	const struct theme *t;

	themes_init(&th);
	themes_load_builtin(&th);
	t = themes_find(&th, theme_name);
	if (!t) {
		fprintf(stderr, "filter: no built-in theme %s\n", theme_name);
		return 2;
	}

	struct doc d;
	struct fy_err err;
	size_t bytes = 0;
	int nfiles = argc - i;
	double t0 = cpu_ms();

	doc_init(&d);
	for (int k = i; k < argc; k++) {
		if (doc_add_file(&d, argv[k], NULL, &err) < 0) {
			fprintf(stderr, "filter: %s\n", err.msg);
			return 2;
		}
		bytes += d.articles[d.narticles - 1]->src_len;
	}
	double load_ms = cpu_ms() - t0;

	struct bcase c[7];
	int nc = 0;
	char *many[MANY_TERMS];
	size_t nmany = hanzi_pairs(&d, many, MANY_TERMS);
	char many_path[] = "/tmp/fayan-bench-terms.XXXXXX";

	memset(c, 0, sizeof(c));
	snprintf(c[nc].label, sizeof(c[nc].label), "theme %s (%zu terms)", t->name, t->nterms);
	c[nc++].theme = theme_search(t);
	snprintf(c[nc].label, sizeof(c[nc].label), "search %s", query);
	c[nc++].search = search_compile(query, strlen(query));
	snprintf(c[nc].label, sizeof(c[nc].label), "theme %s and search %s", t->name, query);
	c[nc].theme = theme_search(t);
	c[nc++].search = search_compile(query, strlen(query));
	snprintf(c[nc].label, sizeof(c[nc].label), "search `%s` (pinyin)", pinyin);
	c[nc++].search = search_compile(pinyin, strlen(pinyin));
	snprintf(c[nc].label, sizeof(c[nc].label), "theme of %zu terms (pairs of hanzi of the text)", nmany);
	c[nc++].theme = search_compile_terms((const char *const *)many, nmany);
	for (int k = 0; k < nc; k++)
		if ((!c[k].theme && !c[k].search) || (k == 2 && !c[k].theme)) {
			fprintf(stderr, "filter: %s compiles to nothing\n", c[k].label);
			return 2;
		}

	/* grep -F -c -e TERM ... FILE... */
	char **gargv = NULL;
	int grep_ok = 0;

	if (grep) {
		size_t n = 0;

		gargv = xcalloc(3 + 2 * t->nterms + (size_t)nfiles + 1, sizeof(*gargv));
		gargv[n++] = "grep";
		gargv[n++] = "-F";
		gargv[n++] = "-c";
		for (size_t k = 0; k < t->nterms; k++) {
			gargv[n++] = "-e";
			gargv[n++] = t->terms[k];
		}
		for (int k = i; k < argc; k++)
			gargv[n++] = argv[k];
		snprintf(c[nc].label, sizeof(c[nc].label), "grep -F -c, the %zu terms (-e each)", t->nterms);
		c[nc++].gargv = gargv;

		/* grep -F -c -f FILE FILE... with the many terms. */
		int fd = mkstemp(many_path);
		FILE *mf = fd >= 0 ? fdopen(fd, "w") : NULL;
		char **margv = xcalloc(5 + (size_t)nfiles + 1, sizeof(*margv));

		for (size_t k = 0; mf && k < nmany; k++)
			fprintf(mf, "%s\n", many[k]);
		if (!mf || fclose(mf) != 0) {
			fprintf(stderr, "filter: cannot write %s\n", many_path);
			return 2;
		}
		n = 0;
		margv[n++] = "grep";
		margv[n++] = "-F";
		margv[n++] = "-c";
		margv[n++] = "-f";
		margv[n++] = many_path;
		for (int k = i; k < argc; k++)
			margv[n++] = argv[k];
		snprintf(c[nc].label, sizeof(c[nc].label), "grep -F -c, the %zu terms (-f)", nmany);
		c[nc++].gargv = margv;
		grep_ok = 1;
	}

	struct filter f;

	filter_init(&f);
	f.threads = threads > 0 ? (size_t)threads : 0;
	for (int r = 0; r < runs; r++)
		for (int k = 0; k < nc; k++) {
			if (only >= 0 && k != only)
				continue;
			if (c[k].gargv) {
				int st = 0;
				double ms = run_child(c[k].gargv, &st);

				if (ms < 0 || !WIFEXITED(st) || WEXITSTATUS(st) > 1)
					grep_ok = 0;
				c[k].ms[r] = ms;
				continue;
			}
			double s0 = cpu_ms(), w0 = wall_ms();

			filter_run(&f, &d, c[k].theme, c[k].search);
			c[k].ms[r] = cpu_ms() - s0;
			c[k].wall[r] = wall_ms() - w0;
			c[k].nmatch = f.nmatch;
			c[k].ntheme = f.ntheme;
			c[k].nsearch = f.nsearch;
		}
	filter_free(&f);

	printf("| filter_run over %d files, %.1f MB, %zu sections (loaded in %.0f ms of CPU) | CPU median of %d | min-max | wall median | selects |\n",
	       nfiles, bytes / 1e6, d.nsections, load_ms, runs);
	printf("|---|---|---|---|---|\n");
	for (int k = 0; k < nc; k++) {
		double lo, hi, med;

		if (c[k].gargv && !grep_ok) {
			printf("| %s | (grep failed) | | | |\n", c[k].label);
			continue;
		}
		med = median(c[k].ms, runs);
		lo = c[k].ms[0];
		hi = c[k].ms[runs - 1];
		printf("| %s | %.1f ms | %.1f-%.1f ms | ", c[k].label, med, lo, hi);
		if (c[k].gargv)
			printf("| ");
		else
			printf("%.1f ms | ", median(c[k].wall, runs));
		if (c[k].gargv)
			printf("(lines, per file) |\n");
		else
			printf("%zu sections, %zu theme hits, %zu search hits |\n", c[k].nmatch, c[k].ntheme,
			       c[k].nsearch);
	}
	for (int k = 0; k < nc; k++) {
		search_free(c[k].theme);
		search_free(c[k].search);
		free(c[k].gargv);
	}
	for (size_t k = 0; k < nmany; k++)
		free(many[k]);
	if (grep)
		unlink(many_path);
	doc_free(&d);
	themes_free(&th);
	return 0;
}
