/* test_corpus.c: the parser against real published pages (tests/corpus/,
 * sources and ground truth in SOURCES.md and the .truth files). Over the
 * whole corpus it counts the speakers found with the right name in order,
 * the sections that are not in the truth, and the posts and headlines
 * right, and fails below the targets. FAYAN_CORPUS_VERBOSE=1 prints every
 * miss. Run from the top of the source tree. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fayan/cjk.h"
#include "fayan/doc.h"
#include "fayan/util.h"

#define CORPUS "tests/corpus"

/* Targets of the real-articles work, and the floors the parser holds today
 * (it must never fall below these; raise them as it improves). Where a
 * floor is below its target the test says so. */
#define NAMES_TARGET 0.98
#define SPURIOUS_TARGET 1
#define POSTS_TARGET 0.95
#define HEADLINES_TARGET 0.95
#define NAMES_FLOOR 0.98
#define SPURIOUS_FLOOR 0
#define POSTS_FLOOR 0.95
#define HEADLINES_FLOOR 0.97

struct truth {
	char *name, *post, *headline;
};

struct tally {
	size_t truth, names, spurious, posts, posts_of, heads, heads_of, pages;
};

static bool verbose;

/* s with every blank left out; malloc'd. */
static char *squeeze(const char *s)
{
	return cjk_squeeze(s, strlen(s));
}

/* The post a section's speaker was given: place and title, without the
 * role word the title carries after the post (、代表). */
static char *post_of(const struct section *s)
{
	struct buf b;
	char *all, *sq;
	size_t n;
	static const char *const roles[] = {"、代表", "、委员", NULL};

	buf_init(&b);
	buf_adds(&b, s->speaker.place);
	buf_adds(&b, s->speaker.title);
	all = buf_take(&b, NULL);
	sq = squeeze(all);
	free(all);
	n = strlen(sq);
	if (!strcmp(sq, "代表") || !strcmp(sq, "委员"))
		sq[0] = '\0';
	for (const char *const *r = roles; *r; r++)
		if (cjk_has_suffix(sq, n, *r)) {
			sq[n - strlen(*r)] = '\0';
			break;
		}
	return sq;
}

/* Read NAME.truth: one speaker a line after the header, tab-separated
 * name, role, post, headline, byline. */
static size_t read_truth(const char *path, struct truth **out)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	size_t n = 0, cap = 0;
	struct truth *v = NULL;

	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		char *field[5] = {0}, *p = line;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (int i = 0; i < 5 && p; i++) {
			field[i] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (!field[3])
			fail_msg("%s: a line with fewer than 4 fields: %s", path, line);
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n].name = squeeze(field[0]);
		v[n].post = squeeze(field[2]);
		v[n].headline = xstrdup(field[3]);
		n++;
	}
	fclose(f);
	*out = v;
	return n;
}

/* Compare one page with its truth: names matched in order (the longest
 * common subsequence of the two name lists), then posts and headlines of
 * the matched sections. */
static void check_page(const char *txt, const char *truth_path, struct tally *t)
{
	struct doc d;
	struct doc_opts o = {.force = false};
	struct fy_err err = {.code = 0};
	struct truth *tr;
	size_t nt = read_truth(truth_path, &tr), ns, *lcs, matched = 0;
	char **names;

	doc_init(&d);
	if (doc_add_file(&d, txt, &o, &err) != 0)
		fail_msg("%s", err.msg);
	ns = d.nsections;
	names = xcalloc(ns + 1, sizeof *names);
	for (size_t i = 0; i < ns; i++)
		names[i] = squeeze(d.sections[i]->speaker.name);
	lcs = xcalloc((ns + 1) * (nt + 1), sizeof *lcs);
#define L(i, j) lcs[(i) * (nt + 1) + (j)]
	for (size_t i = ns; i-- > 0;)
		for (size_t j = nt; j-- > 0;)
			L(i, j) = !strcmp(names[i], tr[j].name) ? L(i + 1, j + 1) + 1
				 : L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
	for (size_t i = 0, j = 0; i < ns || j < nt;) {
		if (i < ns && j < nt && !strcmp(names[i], tr[j].name)) {
			const struct section *s = d.sections[i];
			char *post = post_of(s);

			matched++;
			t->posts_of++;
			if (!strcmp(post, tr[j].post))
				t->posts++;
			else if (verbose)
				printf("%s: %s: post \"%s\", truth \"%s\"\n", txt, tr[j].name, post, tr[j].post);
			if (strcmp(tr[j].headline, "*")) {
				t->heads_of++;
				if (!strcmp(s->headline, tr[j].headline))
					t->heads++;
				else if (verbose)
					printf("%s: %s: headline \"%s\", truth \"%s\"\n", txt, tr[j].name, s->headline,
					       tr[j].headline);
			}
			free(post);
			i++;
			j++;
		} else if (j == nt || (i < ns && L(i + 1, j) >= L(i, j + 1))) {
			if (verbose)
				printf("%s: spurious section %zu: %s (%s)\n", txt, i + 1, names[i], d.sections[i]->speaker.byline);
			i++;
		} else {
			if (verbose)
				printf("%s: missed speaker %zu: %s\n", txt, j + 1, tr[j].name);
			j++;
		}
	}
#undef L
	t->truth += nt;
	t->names += matched;
	t->spurious += ns - matched;
	t->pages++;
	for (size_t i = 0; i < ns; i++)
		free(names[i]);
	for (size_t j = 0; j < nt; j++) {
		free(tr[j].name);
		free(tr[j].post);
		free(tr[j].headline);
	}
	free(tr);
	free(names);
	free(lcs);
	doc_free(&d);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void test_corpus(void **state)
{
	struct dirent **ents;
	int n = scandir(CORPUS, &ents, NULL, by_name);
	struct tally t = {0};

	(void)state;
	verbose = getenv("FAYAN_CORPUS_VERBOSE") && *getenv("FAYAN_CORPUS_VERBOSE");
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;
		size_t len = strlen(e);

		if (len > 6 && !strcmp(e + len - 6, ".truth")) {
			char txt[512], truth[512];

			snprintf(truth, sizeof truth, "%s/%s", CORPUS, e);
			snprintf(txt, sizeof txt, "%s/%.*s.txt", CORPUS, (int)(len - 6), e);
			check_page(txt, truth, &t);
		}
		free(ents[i]);
	}
	free(ents);
	printf("corpus: %zu pages, %zu speakers: names %zu (%.1f%%), spurious sections %zu, "
	       "posts %zu/%zu (%.1f%%), headlines %zu/%zu (%.1f%%)\n",
	       t.pages, t.truth, t.names, 100.0 * t.names / t.truth, t.spurious, t.posts, t.posts_of,
	       100.0 * t.posts / (t.posts_of ? t.posts_of : 1), t.heads, t.heads_of,
	       100.0 * t.heads / (t.heads_of ? t.heads_of : 1));
	if (t.names < NAMES_TARGET * t.truth || t.spurious > SPURIOUS_TARGET || t.posts < POSTS_TARGET * t.posts_of ||
	    t.heads < HEADLINES_TARGET * t.heads_of)
		printf("corpus: below the targets (names %.0f%%, spurious at most %d, posts and headlines %.0f%%)\n",
		       100 * NAMES_TARGET, SPURIOUS_TARGET, 100 * POSTS_TARGET);
	assert_true(t.pages >= 30);
	assert_true(t.names >= NAMES_FLOOR * t.truth);
	assert_true(t.spurious <= SPURIOUS_FLOOR);
	assert_true(t.posts >= POSTS_FLOOR * t.posts_of);
	assert_true(t.heads >= HEADLINES_FLOOR * t.heads_of);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
