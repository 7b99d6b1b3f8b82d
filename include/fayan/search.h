/* search.h: finding a query (or a theme's terms) in paragraph text. Matching is
 * on folded text (fold.h: case and width, NFKC) and hits are reported as byte
 * ranges of the ORIGINAL text, covering whole grapheme clusters. A query of
 * Latin letters also matches hanzi by pinyin (see search_compile).
 * Units: `off`/`len` are bytes. */
#ifndef FAYAN_SEARCH_H
#define FAYAN_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/fold.h"

/* Longest query, in bytes after folding, that is also tried as pinyin. */
#define SEARCH_PINYIN_MAX 48

/* Over this many patterns (a theme's terms), matching goes through an
 * automaton whose cost is linear in the text, whatever the number of terms;
 * up to it, through comparisons that are faster for few. */
#define SEARCH_AC_MIN 50

/* Which pattern produced a hit: a term index, or SEARCH_BY_PINYIN. */
#define SEARCH_BY_PINYIN ((unsigned)-1)

/* One hit: bytes [off, off+len) of the searched text. */
struct search_hit {
	size_t off;
	size_t len;
	unsigned term; /* index of the term (0 for a query), or SEARCH_BY_PINYIN */
};

/* A growable list of hits, reused across calls. */
struct search_hits {
	struct search_hit *v;
	size_t n;
	size_t cap;
};

/* A compiled query. It owns scratch buffers, so a search is used by one thread
 * at a time and is not const while searching; searching allocates only when a
 * paragraph is longer than any before. */
struct search;

/* Compile query[0..len) (UTF-8). It matches as a folded substring; and when the
 * folded query is only Latin letters a-z (spaces and apostrophes ignored), at
 * least 2 and at most SEARCH_PINYIN_MAX of them, it also matches runs of hanzi
 * by toneless pinyin: every hanzi by its full syllable, its first letter, or
 * zh/ch/sh; the last one also by any prefix of its syllable ("madongliang",
 * "mdl", "madl", "madongl" all find 马东亮). Only hanzi take part in pinyin
 * matching: Latin letters in the text match literally only. Returns NULL if
 * the query folds to nothing but spaces. Free with search_free. */
struct search *search_compile(const char *query, size_t len);

/* Compile a list of literal terms (a theme): any term matches, folded, no pinyin.
 * Empty terms are ignored; returns NULL if no term is left. */
struct search *search_compile_terms(const char *const *terms, size_t nterms);

/* An independent copy of s (its own scratch buffers), for another thread. */
struct search *search_copy(const struct search *s);

void search_free(struct search *s);

/* Whether the search also matches by pinyin. */
bool search_uses_pinyin(const struct search *s);

/* Whether searches compiled from now on may take 32 starts at a time where
 * the processor has AVX2 (the default). Tests turn it off to check the
 * plain loops against the same answers. */
void search_use_simd(bool on);

/* Find all non-overlapping hits in text[0..len), left to right (at one start,
 * the longest hit wins), replacing the contents of *h. Returns h->n. */
size_t search_para(struct search *s, const char *text, size_t len, struct search_hits *h);

/* search_para for text the caller knows folds to itself (fold_invariant(text,
 * len) is true, say a paragraph's cached `invariant`): it is matched in place,
 * unchecked. Gives exactly what search_para gives. */
size_t search_para_invariant(struct search *s, const char *text, size_t len, struct search_hits *h);

/* A string prepared once for any number of searches: the string itself when
 * it folds to itself, else its folding with the map back. Themes share it,
 * so that a paragraph is folded once for all of them, not once per theme in
 * a buffer of each: memory grows with the text, not with themes x text. */
struct search_text {
	const char *text;
	size_t len;
	bool invariant; /* text folds to itself; fold is not used */
	struct fold fold;
};

void search_text_init(struct search_text *t);
void search_text_free(struct search_text *t);

/* Prepare text[0..len) (kept by pointer: it must outlive the searches) in t,
 * folding it unless `invariant` (the caller knows it folds to itself) or
 * fold_invariant says so. t's buffers are reused from string to string. */
void search_text_set(struct search_text *t, const char *text, size_t len, bool invariant);

/* search_para on a prepared text: the same hits, with no folding. */
size_t search_para_text(struct search *s, const struct search_text *t, struct search_hits *h);

/* Bytes of text s has folded into its own buffers since it was compiled
 * (search_para and search_any on text that does not fold to itself): what
 * a shared search_text saves. For tests. */
size_t search_folded_bytes(const struct search *s);

/* Whether text[0..len) has at least one hit; stops at the first. */
bool search_any(struct search *s, const char *text, size_t len);

void search_hits_init(struct search_hits *h);
void search_hits_free(struct search_hits *h);

#endif
