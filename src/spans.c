/* spans.c: hits laid onto lines. A hit covers whole grapheme clusters and a
 * line breaks between clusters, so a span never starts or ends inside a
 * character. Hits may overlap (a theme's and a search's): spans_mark takes
 * the strongest mark of those covering a byte. */
#include <stdlib.h>
#include <string.h>

#include "fayan/find.h"
#include "fayan/spans.h"
#include "fayan/util.h"

/* Add to sp (lines in `line_of`, one per span) the spans of hit k on the lines from its first one. */
static void add_hit(struct spans *sp, size_t **line_of, size_t *line_cap, const struct layout *lo,
		    const struct filter_hit *h, size_t k)
{
	enum layout_kind kind = (enum layout_kind)h->where;

	for (size_t i = find_hit_line(lo, h); i < lo->nlines; i++) {
		const struct layout_line *l = &lo->lines[i];
		size_t a, b;

		if (l->kind != kind || (kind == LAYOUT_PARA && l->para != h->para))
			break;
		if (h->off + h->len <= l->off)
			break;
		if (h->off >= l->off + l->len)
			continue;
		a = h->off > l->off ? h->off - l->off : 0;
		b = h->off + h->len - l->off < l->len ? h->off + h->len - l->off : l->len;
		sp->v = xgrow(sp->v, &sp->cap, sp->n + 1, sizeof *sp->v);
		*line_of = xgrow(*line_of, line_cap, sp->n + 1, sizeof **line_of);
		sp->v[sp->n] = (struct span){(uint32_t)a, (uint32_t)b, (uint32_t)k};
		(*line_of)[sp->n] = i;
		sp->n++;
	}
}

void spans_build(struct spans *sp, const struct layout *lo, const struct filter_section *fs)
{
	size_t *line_of = NULL, line_cap = 0;
	struct span *sorted;

	sp->n = 0;
	sp->nlines = lo->nlines;
	sp->first = xgrow(sp->first, &sp->first_cap, lo->nlines + 2, sizeof *sp->first);
	memset(sp->first, 0, (lo->nlines + 2) * sizeof *sp->first);
	for (size_t k = 0; fs && k < fs->nhits; k++)
		add_hit(sp, &line_of, &line_cap, lo, &fs->hits[k], k);
	if (sp->n == 0) {
		free(line_of);
		return;
	}
	/* Counting sort by line, keeping each line's spans in hit order. */
	for (size_t j = 0; j < sp->n; j++)
		sp->first[line_of[j] + 2]++;
	for (size_t i = 2; i < lo->nlines + 2; i++)
		sp->first[i] += sp->first[i - 1];
	sorted = xmalloc(sp->n * sizeof *sorted);
	for (size_t j = 0; j < sp->n; j++)
		sorted[sp->first[line_of[j] + 1]++] = sp->v[j];
	memcpy(sp->v, sorted, sp->n * sizeof *sorted);
	free(sorted);
	free(line_of);
}

const struct span *spans_of_line(const struct spans *sp, size_t line, size_t *n)
{
	if (line >= sp->nlines || sp->n == 0) {
		*n = 0;
		return NULL;
	}
	*n = sp->first[line + 1] - sp->first[line];
	return sp->v + sp->first[line];
}

unsigned spans_mark(const struct span *s, size_t n, size_t off, size_t cur)
{
	unsigned m = 0;

	for (size_t j = 0; j < n; j++)
		if (off >= s[j].a && off < s[j].b && m < (s[j].hit == cur ? 2u : 1u))
			m = s[j].hit == cur ? 2 : 1;
	return m;
}

void spans_free(struct spans *sp)
{
	free(sp->v);
	free(sp->first);
	memset(sp, 0, sizeof *sp);
}
