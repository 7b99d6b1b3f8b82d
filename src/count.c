/* count.c: counting what the command line's filters select while the files
 * are read. Each reading thread counts an article as soon as it is parsed,
 * with its own copies of the searches (they keep scratch space), so that the
 * article can then be stripped of what no report shows. */
#include <stdlib.h>
#include <string.h>

#include "fayan/count.h"
#include "fayan/i18n.h"

/* One reading thread's copies of the filters: a search keeps scratch space. */
struct count_reader {
	struct search *theme, *search;
	struct search **themes; /* by_theme: one per theme (NULL: a theme with no term) */
	struct search_hits h;
};

int count_prepare(struct count *cnt, const char *theme, const char *search, bool by_theme,
		  struct fy_err *err)
{
	memset(cnt, 0, sizeof *cnt);
	themes_init(&cnt->themes);
	cnt->by_theme = by_theme;
	/* A search alone reads no theme, so a broken themes file cannot stop it. */
	if ((theme || by_theme) && themes_load(&cnt->themes, err))
		return EXIT_TROUBLE;
	if (theme) {
		if (themes_resolve(&cnt->themes, theme, &cnt->theme, err))
			return err->code;
		cnt->theme_search = theme_search(cnt->theme);
		cnt->active = true;
	}
	if (search) {
		cnt->search = search_compile(search, strlen(search));
		if (!cnt->search) {
			err->code = EXIT_TROUBLE;
			err_set(err, _("empty search '%s'"), search);
			return EXIT_TROUBLE;
		}
		cnt->active = true;
	}
	return 0;
}

static struct search *copy_or_null(const struct search *s)
{
	return s ? search_copy(s) : NULL;
}

/* Count article a's sections with reader `thread`'s filters, kept in
 * cnt->done under a->id (part `thread`): a struct filter_section per
 * section or, by_theme, each theme's sections and hits (nsec[0..n) then
 * nhit[0..n)). */
static void count_article(struct article *a, unsigned thread, void *ctx)
{
	struct count *cnt = ctx;
	struct count_reader *r = &cnt->readers[thread];
	void *v = NULL;

	if (cnt->by_theme) {
		size_t n = cnt->themes.n, *c = xcalloc(2 * n + 1, sizeof *c);

		filter_add_themes(a->sections, a->nsections, r->themes, n, r->search, c, c + n, &r->h);
		v = c;
	} else if (a->nsections) {
		struct filter_section *fs = xmalloc(a->nsections * sizeof *fs);

		for (size_t i = 0; i < a->nsections; i++)
			filter_count_section(&fs[i], &a->sections[i], r->theme, r->search, &r->h);
		v = fs;
	}
	idmap_put(&cnt->done, thread, a->id, v);
}

void count_reading(struct count *cnt, struct doc_opts *opts, unsigned threads)
{
	if (threads == 0)
		threads = 1;
	cnt->readers = xcalloc(threads, sizeof *cnt->readers);
	cnt->nreaders = threads;
	idmap_init(&cnt->done, threads);
	for (unsigned t = 0; t < threads; t++) {
		struct count_reader *r = &cnt->readers[t];

		r->theme = copy_or_null(cnt->theme_search);
		r->search = copy_or_null(cnt->search);
		search_hits_init(&r->h);
		if (!cnt->by_theme)
			continue;
		r->themes = xcalloc(cnt->themes.n + 1, sizeof *r->themes);
		for (size_t i = 0; i < cnt->themes.n; i++)
			r->themes[i] = t ? copy_or_null(cnt->readers[0].themes[i]) : theme_search(&cnt->themes.v[i]);
	}
	if (opts) {
		opts->parsed = count_article;
		opts->ctx = cnt;
	}
}

void count_gather(struct count *cnt, const struct doc *d)
{
	size_t n = cnt->themes.n;

	if (!cnt->readers)
		count_reading(cnt, NULL, 1);
	if (cnt->by_theme) {
		cnt->nsec = xcalloc(n + 1, sizeof *cnt->nsec);
		cnt->nhit = xcalloc(n + 1, sizeof *cnt->nhit);
	}
	/* Every reader's counts in one table; then the articles nobody
	 * counted while reading. */
	idmap_gather(&cnt->done);
	for (size_t i = 0; i < d->narticles; i++)
		if (!idmap_get(&cnt->done, d->articles[i]->id))
			count_article(d->articles[i], 0, cnt);
	idmap_gather(&cnt->done);
	for (size_t i = 0; i < d->narticles; i++) {
		struct article *a = d->articles[i];

		if (cnt->by_theme) {
			const size_t *c = idmap_get(&cnt->done, a->id);

			for (size_t k = 0; k < n; k++) {
				cnt->nsec[k] += c[k];
				cnt->nhit[k] += c[n + k];
			}
			continue;
		}
		struct filter_section *v = idmap_get(&cnt->done, a->id);

		for (size_t k = 0; k < a->nsections; k++) {
			/* Stripping may have moved the sections since they were counted. */
			v[k].section = &a->sections[k];
			if (v[k].match) {
				cnt->nmatch++;
				cnt->ntheme += v[k].ntheme;
				cnt->nsearch += v[k].nsearch;
			}
		}
	}
}

const struct filter_section *count_section(const struct count *cnt, const struct section *s)
{
	const struct filter_section *v = idmap_get(&cnt->done, s->article->id);

	return &v[s - s->article->sections];
}

void count_close(struct count *cnt)
{
	for (unsigned t = 0; t < cnt->nreaders; t++) {
		struct count_reader *r = &cnt->readers[t];

		search_free(r->theme);
		search_free(r->search);
		for (size_t i = 0; r->themes && i < cnt->themes.n; i++)
			search_free(r->themes[i]);
		free(r->themes);
		search_hits_free(&r->h);
	}
	idmap_free(&cnt->done);
	free(cnt->readers);
	free(cnt->nsec);
	free(cnt->nhit);
	search_free(cnt->theme_search);
	search_free(cnt->search);
	themes_free(&cnt->themes);
	memset(cnt, 0, sizeof *cnt);
}
