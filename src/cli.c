/* cli.c: counting what the command line's filters select while the files are
 * read. Kept apart from main so that they are
 * unit-tested without running fayan. */
#include <stdlib.h>
#include <string.h>

#include "fayan/cli.h"
#include "fayan/text.h"

/* One reading thread's copies of the filters: a search keeps scratch space. */
struct cli_reader {
	struct search *theme, *search;
	struct search **themes; /* by_theme: one per theme (NULL: a theme with no term) */
	struct search_hits h;
};

int cli_filter_prepare(struct cli_filter *cf, const char *theme, const char *search, bool by_theme,
		       struct fy_err *err)
{
	static unsigned long made;

	memset(cf, 0, sizeof *cf);
	themes_init(&cf->themes);
	cf->by_theme = by_theme;
	cf->id = ++made;
	if (themes_load(&cf->themes, err))
		return EXIT_TROUBLE;
	if (theme) {
		if (themes_resolve(&cf->themes, theme, &cf->theme, err))
			return err->code;
		cf->theme_search = theme_search(cf->theme);
		cf->active = true;
	}
	if (search) {
		cf->search = search_compile(search, strlen(search));
		if (!cf->search) {
			err->code = EXIT_TROUBLE;
			err_set(err, "empty search '%s'", search);
			return EXIT_TROUBLE;
		}
		cf->active = true;
	}
	return 0;
}

static struct search *copy_or_null(const struct search *s)
{
	return s ? search_copy(s) : NULL;
}

/* Count article a's sections with reader `thread`'s filters into a->extra:
 * a struct filter_section per section or, by_theme, each theme's sections
 * and hits (nsec[0..n) then nhit[0..n)). */
static void count_article(struct article *a, unsigned thread, void *ctx)
{
	struct cli_filter *cf = ctx;
	struct cli_reader *r = &cf->readers[thread];

	/* Another filter's counts (the article was read once, filtered twice):
	 * an article that is not stripped keeps its extra in malloc'd memory. */
	if (!a->stripped)
		free(a->extra);
	a->extra = NULL;
	a->extra_len = 0;
	a->extra_of = cf->id;
	if (cf->by_theme) {
		size_t n = cf->themes.n, *c = xcalloc(2 * n + 1, sizeof *c);

		filter_add_themes(a->sections, a->nsections, r->themes, n, r->search, c, c + n, &r->h);
		a->extra = c;
		a->extra_len = (2 * n + 1) * sizeof *c;
	} else if (a->nsections) {
		struct filter_section *v = xmalloc(a->nsections * sizeof *v);

		for (size_t i = 0; i < a->nsections; i++)
			filter_count_section(&v[i], &a->sections[i], r->theme, r->search, &r->h);
		a->extra = v;
		a->extra_len = a->nsections * sizeof *v;
	}
}

void cli_filter_reading(struct cli_filter *cf, struct doc_opts *opts, unsigned threads)
{
	if (threads == 0)
		threads = 1;
	cf->readers = xcalloc(threads, sizeof *cf->readers);
	cf->nreaders = threads;
	for (unsigned t = 0; t < threads; t++) {
		struct cli_reader *r = &cf->readers[t];

		r->theme = copy_or_null(cf->theme_search);
		r->search = copy_or_null(cf->search);
		search_hits_init(&r->h);
		if (!cf->by_theme)
			continue;
		r->themes = xcalloc(cf->themes.n + 1, sizeof *r->themes);
		for (size_t i = 0; i < cf->themes.n; i++)
			r->themes[i] = t ? copy_or_null(cf->readers[0].themes[i]) : theme_search(&cf->themes.v[i]);
	}
	if (opts) {
		opts->parsed = count_article;
		opts->ctx = cf;
	}
}

void cli_filter_gather(struct cli_filter *cf, const struct doc *d)
{
	size_t n = cf->themes.n;

	if (!cf->readers)
		cli_filter_reading(cf, NULL, 1);
	if (cf->by_theme) {
		cf->nsec = xcalloc(n + 1, sizeof *cf->nsec);
		cf->nhit = xcalloc(n + 1, sizeof *cf->nhit);
	}
	for (size_t i = 0; i < d->narticles; i++) {
		struct article *a = d->articles[i];

		if (a->extra_of != cf->id)
			count_article(a, 0, cf);
		if (cf->by_theme) {
			const size_t *c = a->extra;

			for (size_t k = 0; k < n; k++) {
				cf->nsec[k] += c[k];
				cf->nhit[k] += c[n + k];
			}
			continue;
		}
		struct filter_section *v = a->extra;

		for (size_t k = 0; k < a->nsections; k++) {
			/* Stripping may have moved the sections since they were counted. */
			v[k].section = &a->sections[k];
			if (v[k].match) {
				cf->nmatch++;
				cf->ntheme += v[k].ntheme;
				cf->nsearch += v[k].nsearch;
			}
		}
	}
}

const struct filter_section *cli_counted(const struct section *s)
{
	const struct filter_section *v = s->article->extra;

	return &v[s - s->article->sections];
}

void cli_filter_close(struct cli_filter *cf)
{
	for (unsigned t = 0; t < cf->nreaders; t++) {
		struct cli_reader *r = &cf->readers[t];

		search_free(r->theme);
		search_free(r->search);
		for (size_t i = 0; r->themes && i < cf->themes.n; i++)
			search_free(r->themes[i]);
		free(r->themes);
		search_hits_free(&r->h);
	}
	free(cf->readers);
	free(cf->nsec);
	free(cf->nhit);
	search_free(cf->theme_search);
	search_free(cf->search);
	themes_free(&cf->themes);
	memset(cf, 0, sizeof *cf);
}
