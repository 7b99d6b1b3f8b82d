/* search_reference.h: the plain reference the matcher's tests and its fuzz
 * target hold search_para to. Fold the text with its map, try every pattern
 * at every folded offset (in that order), sort by start, the longest first,
 * keeping that order between equal ranges, and choose left to right without
 * overlap. Slow on purpose; no fast path of the matcher is in it. Header only:
 * the unit tests and the fuzz targets are built apart. */
#ifndef FAYAN_TESTS_SEARCH_REFERENCE_H
#define FAYAN_TESTS_SEARCH_REFERENCE_H

#include <stdlib.h>
#include <string.h>

#include "fayan/fold.h"
#include "fayan/search.h"
#include "fayan/util.h"

/* The hits of patterns pats[p] (plen[p] bytes each) in text[0..len), in
 * *out (allocated; free it); term is the pattern's index. Returns their number. */
static size_t search_reference(const char *const *pats, const size_t *plen, size_t npat, const char *text,
			       size_t len, struct search_hit **out)
{
	struct fold f;
	struct search_hit *cand = NULL;
	char **fp = xcalloc(npat ? npat : 1, sizeof(*fp));
	size_t *fl = xcalloc(npat ? npat : 1, sizeof(*fl));
	size_t n = 0, cap = 0, k = 0, last_end = 0;

	for (size_t p = 0; p < npat; p++)
		fp[p] = fold_string(pats[p], plen[p], &fl[p]);
	fold_init(&f);
	fold_text(&f, text, len, true);
	for (size_t i = 0; i < f.len; i++)
		for (size_t p = 0; p < npat; p++)
			if (fl[p] > 0 && strspn(fp[p], " ") != fl[p] && fl[p] <= f.len - i &&
			    memcmp(f.text + i, fp[p], fl[p]) == 0) {
				if (n == cap)
					cand = xgrow(cand, &cap, n + 1, sizeof(*cand));
				fold_map(&f, i, fl[p], &cand[n].off, &cand[n].len);
				cand[n].term = (unsigned)p;
				n++;
			}
	for (size_t i = 1; i < n; i++) /* insertion sort: stable */
		for (size_t j = i; j > 0 && (cand[j].off < cand[j - 1].off ||
					     (cand[j].off == cand[j - 1].off && cand[j].len > cand[j - 1].len));
		     j--) {
			struct search_hit x = cand[j];

			cand[j] = cand[j - 1];
			cand[j - 1] = x;
		}
	for (size_t i = 0; i < n; i++) {
		if (cand[i].len == 0 || (k > 0 && cand[i].off < last_end))
			continue;
		last_end = cand[i].off + cand[i].len;
		cand[k++] = cand[i];
	}
	fold_free(&f);
	for (size_t p = 0; p < npat; p++)
		free(fp[p]);
	free(fp);
	free(fl);
	*out = cand;
	return k;
}

#endif
