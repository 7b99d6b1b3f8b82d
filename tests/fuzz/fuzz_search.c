/* fuzz_search.c: compiled queries and theme terms run over any text. The
 * input's first byte holds options (bit 0: terms mode, bit 1: repair the text
 * to valid UTF-8), then comes the query up to the first LF, then the text. In
 * terms mode the query is split at '|' into terms.
 * Properties: hits lie inside the text, in order, without overlap, on
 * grapheme-cluster boundaries of valid text; searching twice gives the same
 * hits; and for printable ASCII, where folding is only lower-casing, the hits
 * of a query are exactly its leftmost non-overlapping occurrences. Without
 * pinyin, the hits equal those of a plain reference (fold the whole text with
 * its map, try every pattern at every folded offset, choose left to right,
 * longest first), whatever fast path the matcher took; and where the text
 * folds to itself, search_para_invariant gives the same hits. */
#include <ctype.h>
#include <string.h>

#include "fayan/fold.h"
#include "fayan/search.h"
#include "fayan/text.h"
#include "fayan/util.h"
#include "fuzz.h"
#include "../search_reference.h"

/* More than SEARCH_AC_MIN, so that the automaton is fuzzed too. */
#define MAX_TERMS 64
_Static_assert(MAX_TERMS > SEARCH_AC_MIN, "terms enough for the automaton");

static int printable_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7E)
			return 0;
	return 1;
}

static int lower_alnum(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return len > 0;
}

/* Whether off is a grapheme-cluster boundary of valid UTF-8 t[0..len); *pos
 * is a boundary at or before off, moved forward (offsets asked in order). */
static int cluster_boundary(const char *t, size_t len, size_t off, size_t *pos)
{
	while (*pos < off)
		*pos += text_grapheme_len(t + *pos, len - *pos);
	return *pos == off;
}

/* The hits of a printable-ASCII query in printable-ASCII text, as the spec says. */
static void check_ascii_oracle(const char *q, size_t qlen, const char *t, size_t tlen,
			       const struct search_hits *h)
{
	char *low = xmalloc(tlen + 1);
	size_t k = 0, pos = 0;

	for (size_t i = 0; i < tlen; i++)
		low[i] = (char)tolower((unsigned char)t[i]);
	while (pos + qlen <= tlen) {
		const char *m = memmem(low + pos, tlen - pos, q, qlen);

		if (!m)
			break;
		FUZZ_ASSERT(k < h->n);
		FUZZ_ASSERT(h->v[k].off == (size_t)(m - low) && h->v[k].len == qlen);
		k++;
		pos = (size_t)(m - low) + qlen;
	}
	FUZZ_ASSERT(k == h->n);
	free(low);
}

/* The reference (search_reference.h) gives the same ranges as h. */
static void check_reference(char **pats, const size_t *patlen, size_t npat, const char *t,
			    size_t tlen, const struct search_hits *h)
{
	struct search_hit *ref;
	size_t n = search_reference((const char *const *)pats, patlen, npat, t, tlen, &ref);

	FUZZ_ASSERT(n == h->n);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT(h->v[i].off == ref[i].off && h->v[i].len == ref[i].len);
	free(ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned opts = fuzz_byte(&data, &size);
	const uint8_t *lf = memchr(data, '\n', size);
	size_t qlen = lf ? (size_t)(lf - data) : size;
	int terms_mode = opts & 1, repair = opts & 2;
	char *q, *t;
	size_t tlen;
	struct search *s;
	struct search_hits h, h2;
	char *termv[MAX_TERMS];
	size_t nterms = 0;

	q = xstrndup((const char *)data, qlen);
	data += lf ? qlen + 1 : qlen;
	size -= lf ? qlen + 1 : qlen;
	if (repair) {
		t = text_repair_utf8((const char *)data, size, &tlen);
	} else {
		tlen = size;
		t = xmalloc(tlen + 1);
		memcpy(t, data, tlen);
		t[tlen] = '\0';
	}

	if (terms_mode) {
		char *p = q;

		while (nterms < MAX_TERMS) {
			char *bar = strchr(p, '|');

			termv[nterms++] = xstrndup(p, bar ? (size_t)(bar - p) : strlen(p));
			if (!bar)
				break;
			p = bar + 1;
		}
		s = search_compile_terms((const char *const *)termv, nterms);
	} else {
		s = search_compile(q, qlen);
	}
	if (!s)
		goto out;

	search_hits_init(&h);
	search_hits_init(&h2);
	search_para(s, t, tlen, &h);
	FUZZ_ASSERT(search_any(s, t, tlen) == (h.n > 0));
	search_para(s, t, tlen, &h2);
	FUZZ_ASSERT(h2.n == h.n);
	for (size_t i = 0; i < h.n; i++) /* field by field: the struct has padding */
		FUZZ_ASSERT(h.v[i].off == h2.v[i].off && h.v[i].len == h2.v[i].len &&
			    h.v[i].term == h2.v[i].term);
	int valid = text_check_utf8(t, tlen) == tlen;
	size_t cursor = 0;

	for (size_t i = 0; i < h.n; i++) {
		const struct search_hit *x = &h.v[i];

		FUZZ_ASSERT(x->len >= 1 && x->off <= tlen && x->len <= tlen - x->off);
		if (i > 0)
			FUZZ_ASSERT(x->off >= h.v[i - 1].off + h.v[i - 1].len);
		if (terms_mode)
			FUZZ_ASSERT(x->term < nterms);
		else
			FUZZ_ASSERT(x->term == 0 || (x->term == SEARCH_BY_PINYIN && search_uses_pinyin(s)));
		if (valid) {
			FUZZ_ASSERT(cluster_boundary(t, tlen, x->off, &cursor));
			FUZZ_ASSERT(cluster_boundary(t, tlen, x->off + x->len, &cursor));
		}
	}
	if (!search_uses_pinyin(s)) {
		size_t lens[MAX_TERMS];

		for (size_t i = 0; i < nterms; i++)
			lens[i] = strlen(termv[i]);
		if (terms_mode)
			check_reference(termv, lens, nterms, t, tlen, &h);
		else
			check_reference(&q, &qlen, 1, t, tlen, &h);
	}
	if (fold_invariant(t, tlen)) {
		search_para_invariant(s, t, tlen, &h2);
		FUZZ_ASSERT(h2.n == h.n);
		for (size_t i = 0; i < h.n; i++)
			FUZZ_ASSERT(h.v[i].off == h2.v[i].off && h.v[i].len == h2.v[i].len &&
				    h.v[i].term == h2.v[i].term);
	}
	if (!terms_mode && lower_alnum(q, qlen) && printable_ascii(t, tlen))
		check_ascii_oracle(q, qlen, t, tlen, &h);
	if (terms_mode && printable_ascii(t, tlen)) {
		/* Each hit is one of the terms, lower-cased. */
		for (size_t i = 0; i < h.n; i++) {
			const char *term = termv[h.v[i].term];
			size_t n = strlen(term);

			FUZZ_ASSERT(printable_ascii(term, n) == 0 || n == h.v[i].len);
			for (size_t k = 0; k < n && printable_ascii(term, n); k++)
				FUZZ_ASSERT(tolower((unsigned char)t[h.v[i].off + k]) ==
					    tolower((unsigned char)term[k]));
		}
	}
	search_hits_free(&h);
	search_hits_free(&h2);
	search_free(s);
out:
	for (size_t i = 0; i < nterms; i++)
		free(termv[i]);
	free(q);
	free(t);
	return 0;
}
