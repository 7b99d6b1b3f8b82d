/* filter.c: theme and search hits per section. Both filters are run over every
 * string of every section; the selection and the totals are derived from the
 * counts, so the command line and the browser cannot disagree about them.
 * All hits go into one array (a malloc per section with hits was a quarter of
 * a search over 100 MB, mostly page faults on fresh memory), and sections
 * point into it once it has stopped moving; it and the sections' array are
 * kept for the next run. Strings whose text folds to itself (struct
 * para.fold, section.topic_invariant and the like) are matched in place; a
 * paragraph's is found here the first time a filter reads it, by whichever
 * thread has its section. Other strings are folded once for every filter
 * that reads them at the same time (a theme and a search, or every theme
 * for --themes) into one struct search_text: folding them once per theme, in
 * a buffer of each, cost themes x text in time and memory. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fayan/filter.h"
#include "fayan/util.h"

void filter_init(struct filter *f)
{
	memset(f, 0, sizeof(*f));
}

void filter_free(struct filter *f)
{
	free(f->pool);
	free(f->v);
	filter_init(f);
}

/* The hits being collected: pool[0..n) of cap; only counted unless `keep`. */
struct collect {
	struct filter_hit *pool;
	size_t n, cap;
	bool keep;
};

/* One string of a section that filters read. */
struct sec_string {
	enum section_field where;
	size_t para;
	const char *text;
	size_t len;
	bool invariant; /* known to fold to itself */
};

/* String k of section sec, in reading order (topic, headline, byline, then
 * the paragraphs): false past the last. Its text is NULL or empty where the
 * section has no such string. */
static bool section_string(const struct section *sec, size_t k, struct sec_string *ss)
{
	memset(ss, 0, sizeof(*ss));
	switch (k) {
	case 0:
		ss->where = FIELD_TOPIC;
		ss->text = sec->topic;
		ss->invariant = sec->topic_invariant;
		break;
	case 1:
		ss->where = FIELD_HEADLINE;
		ss->text = sec->headline;
		ss->invariant = sec->headline_invariant;
		break;
	case 2:
		ss->where = FIELD_BYLINE;
		ss->text = sec->speaker.byline;
		ss->invariant = sec->byline_invariant;
		break;
	default:
		if (k - 3 >= sec->npara)
			return false;
		ss->where = FIELD_PARA;
		ss->para = k - 3;
		ss->text = sec->paras[k - 3].text;
		ss->len = sec->paras[k - 3].len;
		ss->invariant = doc_para_folds_to_itself(&sec->paras[k - 3]);
		return true;
	}
	ss->len = ss->text ? strlen(ss->text) : 0;
	return true;
}

/* Append the hits of `s` in string ss (prepared in st, if not NULL) to the
 * pool, counted in fs. */
static void add_hits(struct filter_section *fs, struct collect *c, struct search *s, enum filter_kind kind,
		     const struct sec_string *ss, const struct search_text *st, struct search_hits *h)
{
	if (st)
		search_para_text(s, st, h);
	else if (ss->invariant)
		search_para_invariant(s, ss->text, ss->len, h);
	else
		search_para(s, ss->text, ss->len, h);
	if (h->n == 0)
		return;
	fs->nhits += h->n;
	if (kind == FILTER_THEME)
		fs->ntheme += h->n;
	else
		fs->nsearch += h->n;
	if (!c->keep)
		return;
	if (c->n + h->n > c->cap)
		c->pool = xgrow(c->pool, &c->cap, c->n + h->n, sizeof(*c->pool));
	for (size_t i = 0; i < h->n; i++) {
		struct filter_hit *fh = &c->pool[c->n++];

		fh->where = ss->where;
		fh->para = (uint32_t)ss->para;
		fh->off = h->v[i].off;
		fh->len = h->v[i].len;
		fh->kind = kind;
		fh->term = h->v[i].term;
	}
}

/* Reading order: where, paragraph, offset; theme hits first at the same offset. */
static int cmp_hit(const void *a, const void *b)
{
	const struct filter_hit *x = a, *y = b;

	if (x->where != y->where)
		return x->where < y->where ? -1 : 1;
	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return 0;
}

/* Over this many sections per thread (and with more than one processor),
 * the filters run in several threads; fewer are done before threads would
 * have started (bench/RESULTS.md, "Pinyin, and the filters in threads"). */
#define FILTER_PAR_MIN 4096
#define FILTER_MAX_THREADS 4

/* One thread's share of a run: sections [lo, hi), its own searches (they
 * keep scratch buffers) and its own hits. */
struct part {
	struct filter *f;
	const struct doc *d;
	struct search *theme, *search;
	size_t lo, hi;
	struct collect c;
	size_t nmatch, ntheme, nsearch;
};

/* Run both filters over section sec into fs (zeroed by the caller), string
 * by string; with both, each string is folded once for the two, in st. */
static void run_section(struct filter_section *fs, struct collect *c, const struct section *sec,
			struct search *theme, struct search *search, struct search_hits *h, struct search_text *st)
{
	size_t first = c->n;
	struct sec_string ss;

	fs->section = sec;
	for (size_t k = 0; section_string(sec, k, &ss); k++) {
		const struct search_text *shared = NULL;

		if (!ss.text || ss.len == 0)
			continue;
		if (theme && search) {
			search_text_set(st, ss.text, ss.len, ss.invariant);
			shared = st;
		}
		if (theme)
			add_hits(fs, c, theme, FILTER_THEME, &ss, shared, h);
		if (search)
			add_hits(fs, c, search, FILTER_SEARCH, &ss, shared, h);
	}
	/* Theme and search hits of each string, one after the other: in reading order. */
	if (c->keep && theme && search && fs->nhits > 1)
		qsort(c->pool + first, fs->nhits, sizeof(*c->pool), cmp_hit);
	fs->match = (!theme || fs->ntheme > 0) && (!search || fs->nsearch > 0);
}

void filter_count_section(struct filter_section *fs, const struct section *sec, struct search *theme,
			  struct search *search, struct search_hits *h)
{
	struct collect c = {.keep = false};
	struct search_text st;

	memset(fs, 0, sizeof(*fs));
	search_text_init(&st); /* allocates only if a string of the section must be folded for both */
	run_section(fs, &c, sec, theme, search, h, &st);
	search_text_free(&st);
}

static void run_part(struct part *p)
{
	struct search_hits h;
	struct search_text st;

	search_hits_init(&h);
	search_text_init(&st);
	for (size_t i = p->lo; i < p->hi; i++) {
		struct filter_section *fs = &p->f->v[i];

		run_section(fs, &p->c, p->d->sections[i], p->theme, p->search, &h, &st);
		if (fs->match) {
			p->nmatch++;
			p->ntheme += fs->ntheme;
			p->nsearch += fs->nsearch;
		}
	}
	search_hits_free(&h);
	search_text_free(&st);
}

static void *part_thread(void *arg)
{
	run_part(arg);
	return NULL;
}

/* How many threads for n sections. */
static size_t nthreads(const struct filter *f, size_t n)
{
	size_t per = f->par_min ? f->par_min : FILTER_PAR_MIN;
	size_t t = f->threads ? f->threads : util_cpus(FILTER_MAX_THREADS);

	if (t > FILTER_MAX_THREADS)
		t = FILTER_MAX_THREADS;
	if (t > n / per)
		t = n / per;
	return t ? t : 1;
}

/* Run the filters over d->sections[f->n..), keeping the hits or only
 * counting them. The sections are split into consecutive ranges, one per
 * thread; each range's hits follow the previous range's in the pool, as if
 * one thread had run them all. */
static void extend(struct filter *f, const struct doc *d, struct search *theme, struct search *search, bool keep,
		   size_t to)
{
	struct part part[FILTER_MAX_THREADS];
	pthread_t tid[FILTER_MAX_THREADS];
	bool started[FILTER_MAX_THREADS] = {false};
	size_t from = f->n, at = 0, nt;

	if (to > d->nsections)
		to = d->nsections;
	if (to <= from && f->v)
		return;
	if (f->vcap < to || !f->v) {
		f->vcap = to > 2 * f->vcap ? to : 2 * f->vcap;
		if (f->vcap == 0)
			f->vcap = 1;
		f->v = xrealloc(f->v, f->vcap * sizeof(*f->v));
	}
	f->n = to;
	memset(f->v + from, 0, (f->vcap - from) * sizeof(*f->v)); /* none is left from a larger run */
	nt = nthreads(f, f->n - from);
	for (size_t t = 0; t < nt; t++) {
		struct part *p = &part[t];

		memset(p, 0, sizeof(*p));
		p->f = f;
		p->d = d;
		p->lo = from + (f->n - from) * t / nt;
		p->hi = from + (f->n - from) * (t + 1) / nt;
		p->c.keep = keep;
		if (t == 0) {
			p->theme = theme;
			p->search = search;
			p->c.pool = f->pool;
			p->c.n = f->npool;
			p->c.cap = f->poolcap;
			continue;
		}
		p->theme = theme ? search_copy(theme) : NULL;
		p->search = search ? search_copy(search) : NULL;
		started[t] = pthread_create(&tid[t], NULL, part_thread, p) == 0;
	}
	run_part(&part[0]);
	for (size_t t = 1; t < nt; t++) {
		struct part *p = &part[t];

		if (started[t])
			pthread_join(tid[t], NULL);
		else
			run_part(p); /* no thread to be had: run it here */
		search_free(p->theme);
		search_free(p->search);
		if (p->c.n) {
			struct collect *c = &part[0].c;

			if (c->n + p->c.n > c->cap)
				c->pool = xgrow(c->pool, &c->cap, c->n + p->c.n, sizeof(*c->pool));
			memcpy(c->pool + c->n, p->c.pool, p->c.n * sizeof(*c->pool));
			c->n += p->c.n;
		}
		free(p->c.pool);
	}
	for (size_t t = 0; t < nt; t++) {
		f->nmatch += part[t].nmatch;
		f->ntheme += part[t].ntheme;
		f->nsearch += part[t].nsearch;
	}
	f->pool = part[0].c.pool;
	f->npool = part[0].c.n;
	f->poolcap = part[0].c.cap;
	/* The pool may have moved: each section's hits follow the previous one's. */
	for (size_t i = 0; keep && i < f->n; i++) {
		f->v[i].hits = f->v[i].nhits ? f->pool + at : NULL;
		at += f->v[i].nhits;
	}
}

/* Forget the results but keep the arrays: in the browser a search runs again
 * at each key typed, and fresh memory costs a page fault per 4 KiB. */
static void reset(struct filter *f)
{
	f->n = f->npool = 0;
	f->nmatch = f->ntheme = f->nsearch = 0;
}

void filter_run(struct filter *f, const struct doc *d, struct search *theme, struct search *search)
{
	reset(f);
	extend(f, d, theme, search, true, SIZE_MAX);
}

void filter_extend(struct filter *f, const struct doc *d, struct search *theme, struct search *search)
{
	extend(f, d, theme, search, true, SIZE_MAX);
}

void filter_count(struct filter *f, const struct doc *d, struct search *theme, struct search *search)
{
	reset(f);
	extend(f, d, theme, search, false, SIZE_MAX);
}

int filter_step(const struct filter *f, struct filter_pos *pos, int dir)
{
	size_t sec = pos->sec < f->n ? pos->sec : 0;
	size_t hit = pos->hit;
	bool wrapped = false;

	if (f->n == 0 || dir == 0)
		return 0;
	if (dir > 0) {
		hit = hit == SIZE_MAX ? 0 : hit + 1;
		for (size_t k = 0; k <= f->n; k++) {
			const struct filter_section *fs = &f->v[sec];

			if (fs->match && hit < fs->nhits) {
				pos->sec = sec;
				pos->hit = hit;
				return wrapped ? 2 : 1;
			}
			hit = 0;
			if (++sec == f->n) {
				sec = 0;
				wrapped = true;
			}
		}
		return 0;
	}
	for (size_t k = 0; k <= f->n; k++) {
		const struct filter_section *fs = &f->v[sec];

		if (hit != SIZE_MAX && hit > fs->nhits)
			hit = fs->nhits;
		if (fs->match && hit != SIZE_MAX && hit > 0) {
			pos->sec = sec;
			pos->hit = hit - 1;
			return wrapped ? 2 : 1;
		}
		if (sec == 0) {
			sec = f->n;
			wrapped = true;
		}
		sec--;
		hit = SIZE_MAX - 1; /* clamped to the section's hit count above */
	}
	return 0;
}

size_t filter_count_some(struct filter *f, const struct doc *d, struct search *theme, struct search *search,
			 size_t max)
{
	size_t left = d->nsections > f->n ? d->nsections - f->n : 0;

	extend(f, d, theme, search, false, f->n + (max == 0 ? 1 : max < left ? max : left));
	return d->nsections > f->n ? d->nsections - f->n : 0;
}

void filter_add_themes(const struct section *secs, size_t n, struct search *const *themes, size_t nthemes,
		       struct search *search, size_t *nsec, size_t *nhit, struct search_hits *h)
{
	struct search_text st;
	size_t *cnt = xcalloc(nthemes + 1, sizeof(*cnt));

	search_text_init(&st);
	for (size_t i = 0; i < n; i++) {
		struct filter_section fs;
		struct sec_string ss;

		if (search) {
			filter_count_section(&fs, &secs[i], NULL, search, h);
			if (!fs.match)
				continue;
		}
		/* Each string prepared once, then every theme over it. */
		memset(cnt, 0, nthemes * sizeof(*cnt));
		for (size_t k = 0; section_string(&secs[i], k, &ss); k++) {
			if (!ss.text || ss.len == 0)
				continue;
			search_text_set(&st, ss.text, ss.len, ss.invariant);
			for (size_t t = 0; t < nthemes; t++)
				if (themes[t])
					cnt[t] += search_para_text(themes[t], &st, h);
		}
		for (size_t t = 0; t < nthemes; t++)
			if (cnt[t]) {
				nsec[t]++;
				nhit[t] += cnt[t];
			}
	}
	free(cnt);
	search_text_free(&st);
}
