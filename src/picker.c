/* picker.c: the theme picker's list and counts. Counting every theme over a
 * large archive would hold the picker's first frame, and one theme over 100 MB
 * would hold a key for 50 ms: so the picker opens at once and the browser's
 * loop counts a slice at a time when no key waits (picker_idle). The slice
 * is of sections, every theme over each (filter_add_themes, as --themes
 * counts): a string that does not fold to itself is folded once for all
 * the themes, where a pass per theme folded it once per theme. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/i18n.h"
#include "fayan/picker.h"
#include "fayan/text.h"
#include "fayan/util.h"

/* Forget the pass in progress (it starts again from section 1). */
static void count_reset(struct picker *pk)
{
	for (size_t i = 0; pk->ts && i < pk->nts; i++)
		search_free(pk->ts[i]);
	free(pk->ts);
	pk->ts = NULL;
	pk->nts = 0;
	pk->next = 0;
	search_hits_free(&pk->h);
}

void picker_recount(struct picker *pk, const struct themes *t, const char *query, size_t nsections, bool loading)
{
	/* While inputs are still being read, the counts of what was read stand
	 * until the end: counting every theme again per file would cost more
	 * than reading it. */
	if (pk->counted && strcmp(pk->counted, query) == 0 && (pk->counted_n == nsections || loading))
		return;
	free(pk->counted);
	pk->counted = xstrdup(query);
	pk->counted_n = nsections;
	free(pk->nsec);
	free(pk->nhit);
	pk->nsec = xcalloc(t->n + 1, sizeof *pk->nsec);
	pk->nhit = xcalloc(t->n + 1, sizeof *pk->nhit);
	pk->ncounted = 0;
	count_reset(pk);
}

void picker_narrow(struct picker *pk, const struct themes *t, const char *text)
{
	size_t was = pk->sel < pk->n ? pk->idx[pk->sel] : SIZE_MAX;

	free(pk->idx);
	pk->idx = xcalloc(t->n + 1, sizeof *pk->idx);
	pk->n = themes_pick(t, text, pk->idx, t->n);
	if (pk->n > t->n)
		pk->n = t->n;
	pk->sel = 0;
	pk->top = 0;
	/* An exact or first match goes on top while typing; with nothing typed the theme selected stays so. */
	if (text[0] == '\0')
		for (size_t i = 0; i < pk->n; i++)
			if (pk->idx[i] == was)
				pk->sel = i;
}

void picker_open(struct picker *pk, const struct themes *t, const struct theme *current, const char *query,
		 size_t nsections, bool loading)
{
	picker_recount(pk, t, query, nsections, loading);
	pk->n = 0;
	pk->sel = SIZE_MAX;
	picker_narrow(pk, t, "");
	if (current)
		for (size_t i = 0; i < pk->n; i++)
			if (&t->v[pk->idx[i]] == current)
				pk->sel = i;
}

void picker_move(struct picker *pk, long delta)
{
	if (delta > 0)
		pk->sel = pk->sel + (size_t)delta < pk->n ? pk->sel + (size_t)delta : (pk->n ? pk->n - 1 : 0);
	else if (pk->sel < pk->n)
		pk->sel = pk->sel > (size_t)-delta ? pk->sel - (size_t)-delta : 0;
}

void picker_follow(struct picker *pk, size_t rows)
{
	if (pk->sel < pk->top)
		pk->top = pk->sel;
	else if (pk->sel >= pk->top + rows)
		pk->top = pk->sel - rows + 1;
}

size_t picker_count(const struct picker *pk)
{
	return pk->n;
}

size_t picker_top(const struct picker *pk)
{
	return pk->top;
}

size_t picker_sel_row(const struct picker *pk)
{
	return pk->sel;
}

size_t picker_selected(const struct picker *pk)
{
	return pk->sel < pk->n ? pk->idx[pk->sel] : SIZE_MAX;
}

int picker_name_cols(const struct picker *pk, const struct themes *t)
{
	int cols = 0;

	for (size_t i = 0; i < pk->n; i++) {
		const char *name = t->v[pk->idx[i]].name;
		int c = text_cols(name, strlen(name));

		if (c > cols)
			cols = c;
	}
	return cols;
}

void picker_add_row(const struct picker *pk, const struct themes *t, size_t k, int name_cols, struct buf *b)
{
	size_t i = pk->idx[k];

	text_add_padded(b, t->v[i].name, name_cols);
	if (i < pk->ncounted) {
		/* TRANSLATORS: a column of the theme picker, padded so that both
		 * forms take the same width; followed by the hits. */
		buf_adds(b, "  ");
		buf_printf(b, ngettext("%3zu section ", "%3zu sections", pk->nsec[i]), pk->nsec[i]);
		buf_adds(b, " ");
		buf_printf(b, ngettext("%4zu hit", "%4zu hits", pk->nhit[i]), pk->nhit[i]);
	} else {
		buf_printf(b, "  %s", _("counting…"));
	}
}

bool picker_idle_pending(const struct picker *pk, const struct themes *t)
{
	return pk->nsec && pk->ncounted < t->n;
}

void picker_idle(struct picker *pk, const struct themes *t, const struct doc *d, struct search *search)
{
	size_t budget;

	if (!picker_idle_pending(pk, t))
		return;
	if (!pk->ts) {
		pk->ts = xcalloc(t->n + 1, sizeof *pk->ts);
		pk->nts = t->n;
		for (size_t i = 0; i < t->n; i++)
			pk->ts[i] = theme_search(&t->v[i]);
		search_hits_init(&pk->h);
		pk->next = 0;
	}
	/* A slice of sections, whole or part of an article (its sections are one array). */
	budget = PICKER_COUNT_SLICE / (t->n ? t->n : 1);
	if (budget == 0)
		budget = 1;
	while (budget > 0 && pk->next < d->nsections) {
		const struct section *s = d->sections[pk->next];
		const struct article *a = s->article;
		size_t n = a->nsections - (size_t)(s - a->sections);

		if (n > budget)
			n = budget;
		filter_add_themes(s, n, pk->ts, pk->nts, search, pk->nsec, pk->nhit, &pk->h);
		pk->next += n;
		budget -= n;
	}
	if (pk->next < d->nsections)
		return;
	pk->ncounted = t->n;
	count_reset(pk);
}

void picker_free(struct picker *pk)
{
	free(pk->idx);
	free(pk->nsec);
	free(pk->nhit);
	free(pk->counted);
	count_reset(pk);
	memset(pk, 0, sizeof *pk);
}
