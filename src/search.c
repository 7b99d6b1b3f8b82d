/* search.c: folded substring and pinyin matching over one paragraph at a time.
 * Candidates from every pattern are collected in folded coordinates, mapped
 * back to source clusters, then chosen left to right without overlap. Pinyin
 * works on the folded text too, so compatibility ideographs and Kangxi radicals
 * read like the ideographs NFKC maps them to. Scratch space lives in the
 * compiled search and grows to the longest paragraph seen: a 100 MB archive is
 * searched without an allocation per paragraph.
 *
 * Most paragraphs of this genre are ideographs, ASCII digits and punctuation
 * that fold to themselves (fold_invariant): those are matched in place, with
 * no folding and no map, since folded offsets are then source offsets.
 *
 * Where the processor has AVX2, the patterns are looked for 32 starts at a
 * time: one pattern by two of its bytes (find_avx2), several by the nibbles
 * of four of their bytes, which name the patterns that may start there
 * (find_many, after the Teddy algorithm). Elsewhere a single pattern goes
 * to memmem, and several patterns are looked for in one pass
 * that reads a block of `blk` bytes (3, or the shortest pattern's length if
 * less) every `stride` bytes, where stride = win - blk + 1 and win is the
 * length of the shortest pattern: any occurrence covers win bytes from its
 * start, so exactly one block read lies inside those bytes, at an offset from
 * 0 to win - blk. A table of the blocks at those offsets of every pattern says
 * which patterns to compare, and a bitmap of their hashes lets the scan pass
 * over all other blocks with one test. With 2-character (6-byte) CJK terms the
 * scan reads 3 bytes in every 4, at independent places: the byte-pair shift
 * table it replaces (Wu-Manber) skipped at most 5 bytes and fewer wherever a
 * pair of bytes of common ideographs ended some term's window, and each step
 * waited for the previous one's table lookup.
 *
 * Both of those compare every pattern that may start at a place: with
 * hundreds of patterns nearly every place is such a one, and the cost grew
 * with text x patterns (500 terms over 25 MB: 12 s). Over SEARCH_AC_MIN
 * patterns an Aho-Corasick automaton of their bytes takes the text instead,
 * one byte at a time whatever the number of patterns, in time linear in the
 * text and the occurrences. It is built once per compiled search and shared,
 * read-only, by its copies (search_copy, one per thread). */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/fold.h"
#include "fayan/pinyin.h"
#include "fayan/search.h"
#include "fayan/text.h"
#include "fayan/util.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define FIND_AVX2 1 /* compiled for any x86-64, taken where the processor has it */
#endif

/* struct search's pynext: the letters (bit 0 for 'a') one of which the hanzi
 * after a first one with that syllable must start with, and PY_ENDS if that
 * syllable can cover the whole query. */
#define PY_ENDS (UINT32_C(1) << 31)
/* struct search's pystart: a bit per code point up to U+FFFF. */
#define PY_START_WORDS (0x10000 / 64)

/* Give up on pinyin at one start after this many steps (pathological texts). */
#define PINYIN_BUDGET 4096

/* Bits of the hash of a block that index the bitmap. */
#define BLOCK_BITS 15

/* A state of the automaton with more edges than this has a table of all 256. */
#define AC_DENSE_EDGES 8

/* The Aho-Corasick automaton of a search's patterns (bytes of the folded
 * patterns). State 0 is the root, whose transitions are all in root[]. A
 * state's edges are ebyte/eto[first[s]..first[s+1]), bytes in increasing
 * order, or, for a state with many, the 256 entries of dense[] at
 * dense_at[s] (0 = no edge). fail[s] is the state of the longest proper
 * suffix of s's string that is a state; out[s] the first pattern whose
 * string is s's (-1: none), onext[p] the next pattern with that string;
 * dict[s] the nearest state along the fail links with a pattern (0: none). */
struct ac {
	_Atomic unsigned refs;
	uint32_t nstates;
	uint32_t root[256];
	uint32_t *first;
	unsigned char *ebyte;
	uint32_t *eto;
	uint32_t *dense_at;
	uint32_t *dense;
	uint32_t *fail;
	uint32_t *dict;
	int32_t *out;
	int32_t *onext;
};

/* Where a block occurs in a pattern's window: pattern `pat`, byte `off`. */
struct blockpos {
	uint32_t pat;
	uint32_t off;
};

/* A slot of the block table: the block's bytes packed in a key and its
 * positions, pos[first, first+n) (n == 0: an empty slot). */
struct blockslot {
	uint32_t key;
	uint32_t first;
	uint32_t n;
};

/* A hanzi of the folded text, or (n == 0) a break between runs of hanzi. */
struct hanzi {
	uint32_t foff; /* folded byte offset */
	uint32_t flen;
	const uint16_t *ids;
	size_t n;
};

struct search {
	char **pat;     /* folded patterns */
	size_t *patlen;
	unsigned *patterm; /* the caller's index of each pattern */
	size_t npat;
	char py[SEARCH_PINYIN_MAX + 1]; /* letters for pinyin matching, or "" */
	size_t pylen;
	size_t win;        /* window: bytes of the shortest pattern */
	size_t pick;       /* npat == 1: the byte of the pattern find_one tests with its last (see there) */
	bool avx2;         /* find_one, or find_many, may take 32 starts at a time */
	/* npat > 1 and avx2: find_many's tables (see there). Bytes noff[k] of
	 * every window are looked up: bit b of nib[k][0][lo nibble] and of
	 * nib[k][1][hi nibble] is set if a pattern of bucket b (pattern i is
	 * in bucket i % 8) may have that nibble there. */
	unsigned nnib;
	size_t noff[4];
	unsigned char nib[4][2][16];
	size_t blk;        /* npat > 1: bytes per block, 1 to 3 */
	size_t stride;     /* npat > 1: bytes from one block read to the next */
	uint64_t *bitmap;  /* npat > 1: 1 << BLOCK_BITS bits, set for the hash of each block in the table */
	struct blockslot *slot; /* npat > 1: the blocks at offsets 0..win-blk of each pattern */
	unsigned slotbits; /* the table has 1 << slotbits slots */
	struct blockpos *pos;   /* npat > 1: positions, grouped by block */
	struct ac *ac;     /* npat > SEARCH_AC_MIN: the automaton, shared with copies */
	uint64_t *acm;     /* ac: occurrences, start << 32 | pattern, sorted before use */
	size_t nacm, acmcap;
	struct fold fold;
	size_t folded;     /* source bytes folded into s->fold so far (search_folded_bytes) */
	const char *ft;    /* the text matched: s->fold.text, a shared search_text's, or the source */
	size_t flen;
	const struct fold *map; /* ft's fold, to map hits back with; NULL: ft is the source */
	struct search_hits cand; /* candidates, in source coordinates */
	/* Pinyin: a bitmap of the code points up to U+FFFF with a reading that
	 * starts with py[0] (8 KiB), and per syllable what a match that starts
	 * with it needs next (PY_ENDS and letters). */
	uint64_t *pystart;
	uint32_t *pynext;
	uint32_t *pyfirst; /* per syllable: its first letter's bit, as in pynext */
	struct hanzi *hz;  /* pinyin: the hanzi from a candidate start on */
	size_t nhz, hzcap;
	size_t hznext;     /* pinyin: folded offset of the next hanzi to decode into hz */
	unsigned budget;
};

void search_hits_init(struct search_hits *h)
{
	memset(h, 0, sizeof(*h));
}

void search_hits_free(struct search_hits *h)
{
	free(h->v);
	search_hits_init(h);
}

/* Append a hit. */
static void hits_add(struct search_hits *h, size_t off, size_t len, unsigned term)
{
	if (h->n == h->cap)
		h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof(*h->v));
	h->v[h->n].off = off;
	h->v[h->n].len = len;
	h->v[h->n].term = term;
	h->n++;
}

/* Add folded pattern p[0..n) to s (ignored if empty or all spaces). */
static void add_pattern(struct search *s, char *p, size_t n, unsigned term)
{
	if (n == 0 || strspn(p, " ") == n) {
		free(p);
		return;
	}
	s->pat = xrealloc(s->pat, (s->npat + 1) * sizeof(*s->pat));
	s->patlen = xrealloc(s->patlen, (s->npat + 1) * sizeof(*s->patlen));
	s->patterm = xrealloc(s->patterm, (s->npat + 1) * sizeof(*s->patterm));
	s->pat[s->npat] = p;
	s->patlen[s->npat] = n;
	s->patterm[s->npat] = term;
	s->npat++;
}

/* How many of the query's letters py[p..] a hanzi read as syllable syl may
 * take, into k[] (returns how many ways, 0 to 3), the longest first: its
 * full syllable or a prefix that ends the query, zh/ch/sh as an initial, its
 * first letter. None if syl does not begin with py[p]. pinyin_at tries each;
 * build_pystart notes what each leaves for the next hanzi. */
static size_t syllable_takes(const struct search *s, const char *syl, size_t p, size_t k[3])
{
	size_t cpl = 0, slen, nk = 0;

	if (syl[0] != s->py[p])
		return 0; /* the common case, before measuring anything */
	slen = strlen(syl);
	while (syl[cpl] && p + cpl < s->pylen && syl[cpl] == s->py[p + cpl])
		cpl++;
	/* The full syllable, or a prefix that ends the query. */
	if (cpl == slen || p + cpl == s->pylen)
		k[nk++] = cpl;
	/* zh, ch, sh as an initial. */
	if (cpl >= 2 && slen > 2 && syl[1] == 'h' && (syl[0] == 'z' || syl[0] == 'c' || syl[0] == 's') &&
	    (nk == 0 || k[0] != 2))
		k[nk++] = 2;
	/* The first letter. */
	if (nk == 0 || k[0] != 1)
		k[nk++] = 1;
	return nk;
}

/* Where a pinyin match can start, decided once per query instead of per
 * hanzi of the text: struct search's pystart and pynext. A first hanzi takes
 * the letters pinyin_at lets it take (its first letter, zh/ch/sh, its full
 * syllable, or a prefix that ends the query); whatever is left must begin
 * with a letter the next hanzi's reading begins with. */
static void build_pystart(struct search *s)
{
	size_t nsyl = pinyin_nsyllables();

	s->pystart = xcalloc(PY_START_WORDS, sizeof(*s->pystart));
	s->pynext = xcalloc(nsyl, sizeof(*s->pynext));
	s->pyfirst = xcalloc(nsyl, sizeof(*s->pyfirst));
	for (size_t id = 0; id < nsyl; id++) {
		const char *syl = pinyin_syllable((uint16_t)id);
		size_t k[3], nk = syllable_takes(s, syl, 0, k);

		if (syl[0] >= 'a' && syl[0] <= 'z')
			s->pyfirst[id] = UINT32_C(1) << (syl[0] - 'a');
		for (size_t i = 0; i < nk; i++)
			s->pynext[id] |= k[i] == s->pylen ? PY_ENDS : UINT32_C(1) << (s->py[k[i]] - 'a');
	}
	for (uint32_t c = 0x3000; c < 0x10000; c++) {
		const uint16_t *ids;
		size_t nr = pinyin_readings(c, &ids);

		for (size_t r = 0; r < nr; r++)
			if (pinyin_syllable(ids[r])[0] == s->py[0])
				s->pystart[c >> 6] |= (uint64_t)1 << (c & 63);
	}
}

/* Keep the letters of folded query q if it is Latin letters, spaces and
 * apostrophes only, with 2..SEARCH_PINYIN_MAX letters. */
static void set_pinyin(struct search *s, const char *q, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)q[i];

		if (c >= 'a' && c <= 'z') {
			if (k == SEARCH_PINYIN_MAX)
				return;
			s->py[k++] = (char)c;
		} else if (c == ' ' || c == '\'') {
			continue;
		} else if (n - i >= 3 && memcmp(q + i, "\xE2\x80\x99", 3) == 0) {
			i += 2; /* ’ */
		} else {
			return;
		}
	}
	if (k < 2)
		return;
	s->py[k] = '\0';
	s->pylen = k;
	build_pystart(s);
}

/* The key of the blk bytes at p (1 <= blk <= 3): the bytes, first lowest. */
static inline uint32_t block_key(const unsigned char *p, size_t blk)
{
	if (blk == 3)
		return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
	return blk == 2 ? (uint32_t)p[0] | (uint32_t)p[1] << 8 : p[0];
}

/* The hash of key k, in `bits` bits. */
static inline uint32_t key_hash(uint32_t k, unsigned bits)
{
	return (k * 0x9E3779B1u) >> (32 - bits);
}

/* The slot of key k in the table (an empty one if k is not there). */
static inline const struct blockslot *slot_of(const struct search *s, uint32_t k)
{
	uint32_t mask = (1u << s->slotbits) - 1, h = key_hash(k, s->slotbits);

	while (s->slot[h].n != 0 && s->slot[h].key != k)
		h = (h + 1) & mask;
	return &s->slot[h];
}

/* Order positions (key, pattern, offset) by key, then the largest offset
 * first, then by pattern: a block read at i then yields occurrences starting
 * at i - offset in the order of their starts, then of the patterns. */
static int cmp_keyed(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	if (x[2] != y[2])
		return x[2] > y[2] ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

/* search_use_simd's choice: false to keep to the plain loops. */
static _Atomic bool use_simd = true;

void search_use_simd(bool on)
{
	use_simd = on;
}

/* Whether a search compiled now may take 32 starts at a time. */
static bool simd_ok(void)
{
	return use_simd && util_avx2();
}

/* find_many's tables, where the processor can take it and every pattern
 * has three bytes or more. With six or more, the bytes looked at are the
 * continuation bytes of two CJK characters (1, 2, 4 and 5): lead bytes are
 * few, and a sixth of all hanzi share each. */
static void prepare_many(struct search *s)
{
	static const size_t six[] = {1, 2, 4, 5}, three[] = {0, 1, 2};
	const size_t *off = s->win >= 6 ? six : three;

	s->avx2 = s->win >= 3 && simd_ok();
	if (!s->avx2)
		return;
	s->nnib = s->win >= 6 ? 4 : 3;
	memset(s->nib, 0, sizeof s->nib);
	for (unsigned k = 0; k < s->nnib; k++) {
		s->noff[k] = off[k];
		for (size_t i = 0; i < s->npat; i++) {
			unsigned char c = (unsigned char)s->pat[i][off[k]];

			s->nib[k][0][c & 15] |= (unsigned char)(1u << (i % 8));
			s->nib[k][1][c >> 4] |= (unsigned char)(1u << (i % 8));
		}
	}
}

/* The state that state st of a goes to on byte c; 0 (the root) if none
 * (st is not the root, whose edges are a->root). */
static inline uint32_t ac_edge(const struct ac *a, uint32_t st, unsigned char c)
{
	if (a->dense_at[st])
		return a->dense[(size_t)(a->dense_at[st] - 1) * 256 + c];
	for (uint32_t e = a->first[st]; e < a->first[st + 1]; e++) {
		if (a->ebyte[e] == c)
			return a->eto[e];
		if (a->ebyte[e] > c)
			break;
	}
	return 0;
}

/* The automaton of s's patterns: a trie of their bytes (children as lists
 * while it grows), its edges laid out by state in increasing byte order,
 * then the fail and dictionary links, breadth first. */
static struct ac *ac_build(const struct search *s)
{
	struct ac *a = xcalloc(1, sizeof(*a));
	size_t total = 1, ndense = 0;
	uint32_t *child, *sib, *queue, n = 1, qh = 0, qt = 0;
	unsigned char *by;

	for (size_t p = 0; p < s->npat; p++)
		total += s->patlen[p];
	child = xcalloc(total, sizeof(*child));
	sib = xcalloc(total, sizeof(*sib));
	by = xcalloc(total, 1);
	a->out = xmalloc(total * sizeof(*a->out));
	a->onext = xmalloc(s->npat * sizeof(*a->onext));
	memset(a->out, 0xFF, total * sizeof(*a->out)); /* -1 */
	for (size_t p = 0; p < s->npat; p++) {
		uint32_t st = 0;

		for (size_t i = 0; i < s->patlen[p]; i++) {
			unsigned char c = (unsigned char)s->pat[p][i];
			uint32_t x = child[st];

			while (x && by[x] != c)
				x = sib[x];
			if (!x) {
				x = n++;
				by[x] = c;
				sib[x] = child[st];
				child[st] = x;
			}
			st = x;
		}
		/* Patterns with the same string, in the order of the patterns. */
		a->onext[p] = -1;
		if (a->out[st] < 0) {
			a->out[st] = (int32_t)p;
		} else {
			int32_t q = a->out[st];

			while (a->onext[q] >= 0)
				q = a->onext[q];
			a->onext[q] = (int32_t)p;
		}
	}
	a->nstates = n;
	a->first = xcalloc((size_t)n + 1, sizeof(*a->first));
	a->ebyte = xmalloc(n);
	a->eto = xmalloc((size_t)n * sizeof(*a->eto));
	a->dense_at = xcalloc(n, sizeof(*a->dense_at));
	/* Edges by state, each state's by increasing byte (insertion sort: few). */
	for (uint32_t st = 0, e = 0; st < n; st++) {
		uint32_t k = 0;

		a->first[st] = e;
		for (uint32_t x = child[st]; x; x = sib[x], k++) {
			uint32_t j = e + k;

			while (j > e && a->ebyte[j - 1] > by[x]) {
				a->ebyte[j] = a->ebyte[j - 1];
				a->eto[j] = a->eto[j - 1];
				j--;
			}
			a->ebyte[j] = by[x];
			a->eto[j] = x;
		}
		e += k;
		a->first[st + 1] = e;
		if (st > 0 && k > AC_DENSE_EDGES)
			a->dense_at[st] = (uint32_t)++ndense;
	}
	a->dense = xcalloc(ndense * 256 + 1, sizeof(*a->dense));
	for (uint32_t st = 1; st < n; st++)
		if (a->dense_at[st])
			for (uint32_t e = a->first[st]; e < a->first[st + 1]; e++)
				a->dense[(size_t)(a->dense_at[st] - 1) * 256 + a->ebyte[e]] = a->eto[e];
	for (uint32_t e = a->first[0]; e < a->first[1]; e++)
		a->root[a->ebyte[e]] = a->eto[e];
	free(child);
	free(sib);
	free(by);

	a->fail = xcalloc(n, sizeof(*a->fail));
	a->dict = xcalloc(n, sizeof(*a->dict));
	queue = xmalloc((size_t)n * sizeof(*queue));
	for (uint32_t e = a->first[0]; e < a->first[1]; e++)
		queue[qt++] = a->eto[e]; /* fail and dict 0 */
	while (qh < qt) {
		uint32_t u = queue[qh++];

		for (uint32_t e = a->first[u]; e < a->first[u + 1]; e++) {
			uint32_t v = a->eto[e], f = a->fail[u], x;
			unsigned char c = a->ebyte[e];

			for (;;) {
				x = f ? ac_edge(a, f, c) : a->root[c];
				if (x || !f)
					break;
				f = a->fail[f];
			}
			a->fail[v] = x;
			a->dict[v] = a->out[x] >= 0 ? x : a->dict[x];
			queue[qt++] = v;
		}
	}
	free(queue);
	a->refs = 1;
	return a;
}

/* Drop a reference to a; the last frees it. */
static void ac_release(struct ac *a)
{
	if (!a || atomic_fetch_sub(&a->refs, 1) != 1)
		return;
	free(a->first);
	free(a->ebyte);
	free(a->eto);
	free(a->dense_at);
	free(a->dense);
	free(a->fail);
	free(a->dict);
	free(a->out);
	free(a->onext);
	free(a);
}

/* Set the window and, for several patterns, build the block table (or, for
 * many, the automaton, unless a copy shares it already). */
static void prepare(struct search *s)
{
	size_t win = SIZE_MAX, n = 0, nkeys = 0, per;
	uint32_t (*all)[3];

	for (size_t i = 0; i < s->npat; i++)
		if (s->patlen[i] < win)
			win = s->patlen[i];
	s->win = win;
	if (s->npat > SEARCH_AC_MIN) {
		if (!s->ac)
			s->ac = ac_build(s);
		return;
	}
	if (s->npat == 1) {
		/* The last byte of the first character, unless that is the
		 * last byte of all: with the pattern's last byte, the two
		 * bytes least alike in CJK text (a lead byte such as E9 leads
		 * a sixth of all hanzi; continuation bytes spread over 64). */
		const unsigned char *p = (const unsigned char *)s->pat[0];
		size_t k = 1;

		while (k < win && (p[k] & 0xC0) == 0x80)
			k++;
		s->pick = k - 1 < win - 1 ? k - 1 : 0;
		s->avx2 = win >= 2 && simd_ok();
	}
	if (s->npat < 2)
		return;
	prepare_many(s);
	s->blk = win < 3 ? win : 3;
	s->stride = win - s->blk + 1;
	per = s->stride; /* offsets 0..win-blk */
	all = xmalloc(s->npat * per * sizeof(*all));
	for (size_t i = 0; i < s->npat; i++)
		for (size_t d = 0; d < per; d++) {
			all[n][0] = block_key((const unsigned char *)s->pat[i] + d, s->blk);
			all[n][1] = (uint32_t)i;
			all[n][2] = (uint32_t)d;
			n++;
		}
	qsort(all, n, sizeof(*all), cmp_keyed);
	for (size_t i = 0; i < n; i++)
		nkeys += i == 0 || all[i][0] != all[i - 1][0];
	s->slotbits = 4;
	while ((1u << s->slotbits) < 2 * nkeys)
		s->slotbits++;
	s->slot = xcalloc((size_t)1 << s->slotbits, sizeof(*s->slot));
	s->pos = xmalloc(n * sizeof(*s->pos));
	s->bitmap = xcalloc(((size_t)1 << BLOCK_BITS) / 64, sizeof(*s->bitmap));
	for (size_t i = 0; i < n; i++) {
		struct blockslot *sl = (struct blockslot *)slot_of(s, all[i][0]);
		uint32_t h = key_hash(all[i][0], BLOCK_BITS);

		if (sl->n == 0) {
			sl->key = all[i][0];
			sl->first = (uint32_t)i;
		}
		sl->n++;
		s->pos[i].pat = all[i][1];
		s->pos[i].off = all[i][2];
		s->bitmap[h / 64] |= (uint64_t)1 << (h % 64);
	}
	free(all);
}

struct search *search_compile(const char *query, size_t len)
{
	struct search *s = xcalloc(1, sizeof(*s));
	size_t n;
	char *p = fold_string(query, len, &n);

	set_pinyin(s, p, n);
	add_pattern(s, p, n, 0);
	if (s->npat == 0) {
		search_free(s);
		return NULL;
	}
	prepare(s);
	return s;
}

struct search *search_compile_terms(const char *const *terms, size_t nterms)
{
	struct search *s = xcalloc(1, sizeof(*s));

	for (size_t i = 0; i < nterms; i++) {
		size_t n;
		char *p = fold_string(terms[i], strlen(terms[i]), &n);

		add_pattern(s, p, n, (unsigned)i);
	}
	if (s->npat == 0) {
		search_free(s);
		return NULL;
	}
	prepare(s);
	return s;
}

struct search *search_copy(const struct search *s)
{
	struct search *c = xcalloc(1, sizeof(*c));

	memcpy(c->py, s->py, sizeof c->py);
	c->pylen = s->pylen;
	if (c->pylen) {
		/* The tables as built for s, not built again for each thread. */
		size_t nsyl = pinyin_nsyllables();

		c->pystart = xmalloc(PY_START_WORDS * sizeof(*c->pystart));
		memcpy(c->pystart, s->pystart, PY_START_WORDS * sizeof(*c->pystart));
		c->pynext = xmalloc(nsyl * sizeof(*c->pynext));
		memcpy(c->pynext, s->pynext, nsyl * sizeof(*c->pynext));
		c->pyfirst = xmalloc(nsyl * sizeof(*c->pyfirst));
		memcpy(c->pyfirst, s->pyfirst, nsyl * sizeof(*c->pyfirst));
	}
	for (size_t i = 0; i < s->npat; i++) {
		char *p = xmalloc(s->patlen[i] + 1);

		memcpy(p, s->pat[i], s->patlen[i] + 1);
		add_pattern(c, p, s->patlen[i], s->patterm[i]);
	}
	if (s->ac) {
		c->ac = s->ac;
		atomic_fetch_add(&c->ac->refs, 1);
	}
	prepare(c);
	return c;
}

void search_free(struct search *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->npat; i++)
		free(s->pat[i]);
	free(s->pat);
	free(s->patlen);
	free(s->patterm);
	free(s->slot);
	free(s->pos);
	free(s->bitmap);
	ac_release(s->ac);
	free(s->acm);
	fold_free(&s->fold);
	search_hits_free(&s->cand);
	free(s->hz);
	free(s->pystart);
	free(s->pynext);
	free(s->pyfirst);
	free(s);
}

bool search_uses_pinyin(const struct search *s)
{
	return s->pylen > 0;
}

/* Add a candidate for matched bytes [foff, foff+flen) of s->ft. */
static void add_cand(struct search *s, size_t foff, size_t flen, unsigned term)
{
	size_t off = foff, len = flen;

	if (s->map)
		fold_map(s->map, foff, flen, &off, &len);
	hits_add(&s->cand, off, len, term);
}

/* Decode the folded text's character at off (folded text is valid UTF-8);
 * returns its length. */
static inline size_t folded_char(const struct search *s, size_t off, uint32_t *c)
{
	return text_decode_valid(s->ft + off, s->flen - off, c);
}

/* Start s->hz at folded offset off: the hanzi from there on are decoded as
 * pinyin_at asks for them (hanzi_at), with their readings. */
static void hanzi_from(struct search *s, size_t off)
{
	s->nhz = 0;
	s->hznext = off;
}

/* Whether s->hz[j] exists: decoded on demand, at most as many as the query
 * has letters (each takes at least one), the list ending with the first
 * character that has no reading (a break, n == 0). */
static bool hanzi_at(struct search *s, size_t j)
{
	while (j >= s->nhz) {
		uint32_t c;
		size_t k;
		const uint16_t *ids = NULL;
		size_t n;

		if (s->hznext >= s->flen || s->nhz >= s->pylen ||
		    (s->nhz > 0 && s->hz[s->nhz - 1].n == 0))
			return false;
		k = folded_char(s, s->hznext, &c);
		n = pinyin_readings(c, &ids);
		if (s->nhz == s->hzcap)
			s->hz = xgrow(s->hz, &s->hzcap, s->nhz + 1, sizeof(*s->hz));
		s->hz[s->nhz].foff = (uint32_t)s->hznext;
		s->hz[s->nhz].flen = (uint32_t)k;
		s->hz[s->nhz].ids = ids;
		s->hz[s->nhz].n = n;
		s->nhz++;
		s->hznext += k;
	}
	return true;
}

/* Whether the pinyin letters py[p..] can be covered by hanzi j, j+1, ...; on
 * success *end is the index after the last hanzi used. Each hanzi takes its full
 * syllable, its first letter, or zh/ch/sh; the last one any prefix. Full
 * syllables are tried first, so "xian" prefers 先 to 西安. */
static bool pinyin_at(struct search *s, size_t j, size_t p, size_t *end)
{
	if (p == s->pylen) {
		*end = j;
		return true;
	}
	if (!hanzi_at(s, j) || s->hz[j].n == 0 || s->budget == 0)
		return false;
	s->budget--;
	for (size_t r = 0; r < s->hz[j].n; r++) {
		size_t k[3], nk = syllable_takes(s, pinyin_syllable(s->hz[j].ids[r]), p, k);

		for (size_t i = 0; i < nk; i++)
			if (pinyin_at(s, j + 1, p + k[i], end))
				return true;
	}
	return false;
}

/* Whether a match can start with code point c at folded offset off (c's
 * length k), as far as c and the character after it tell: a reading of c
 * begins with py[0] (the bitmap, for the BMP), and the letters that reading
 * leaves either are none or begin a reading of the next character. Only a
 * necessary condition; pinyin_at decides. */
static bool may_start(const struct search *s, uint32_t c, size_t off, size_t k)
{
	const uint16_t *ids;
	size_t n;
	uint32_t need = 0, c1;

	if (c < 0x10000 && !((s->pystart[c >> 6] >> (c & 63)) & 1))
		return false;
	n = pinyin_readings(c, &ids);
	for (size_t r = 0; r < n; r++)
		need |= s->pynext[ids[r]];
	if (need & PY_ENDS)
		return true;
	if (!need || off + k >= s->flen)
		return false;
	folded_char(s, off + k, &c1);
	n = pinyin_readings(c1, &ids);
	for (size_t r = 0; r < n; r++)
		if (need & s->pyfirst[ids[r]])
			return true;
	return false;
}

/* Collect pinyin candidates: at every hanzi that may start a match, try to
 * cover the query with it and the hanzi after it. Nothing below U+3000 has a
 * reading, so such characters are stepped over by their lead byte. */
static void find_pinyin(struct search *s)
{
	const unsigned char *t = (const unsigned char *)s->ft;
	size_t off = 0;

	while (off < s->flen) {
		unsigned char b = t[off];
		uint32_t c;
		size_t k, end;

		if (b < 0xE3) {
			off += b < 0x80 ? 1 : b < 0xE0 ? 2 : 3;
			continue;
		}
		k = folded_char(s, off, &c);
		if (may_start(s, c, off, k)) {
			hanzi_from(s, off);
			s->budget = PINYIN_BUDGET;
			if (pinyin_at(s, 0, 0, &end)) {
				size_t fend = s->hz[end - 1].foff + s->hz[end - 1].flen;

				add_cand(s, off, fend - off, SEARCH_BY_PINYIN);
			}
		}
		off += k;
	}
}

/* Order candidates by start, the longest first. */
static int cmp_hit(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return 0;
}

#ifdef FIND_AVX2
/* The first occurrence of pat[0..m) (m >= 2) in t[0..n), or NULL: 32 starts
 * at a time, comparing whole only those where two bytes match, the
 * pattern's last and its byte at `pick` (< m - 1). glibc's memmem takes one
 * start at a time: it was half of what counting a search cost. */
__attribute__((target("avx2")))
static const char *find_avx2(const char *t, size_t n, const char *pat, size_t m, size_t pick)
{
	const __m256i a = _mm256_set1_epi8(pat[pick]), z = _mm256_set1_epi8(pat[m - 1]);
	size_t i = 0;

	for (; i + m - 1 + 32 <= n; i += 32) {
		const __m256i x = _mm256_loadu_si256((const __m256i *)(t + i + pick));
		const __m256i y = _mm256_loadu_si256((const __m256i *)(t + i + m - 1));
		unsigned hit = (unsigned)_mm256_movemask_epi8(
			_mm256_and_si256(_mm256_cmpeq_epi8(x, a), _mm256_cmpeq_epi8(y, z)));

		for (; hit; hit &= hit - 1) {
			size_t k = i + (unsigned)__builtin_ctz(hit);

			if (memcmp(t + k, pat, m) == 0)
				return t + k;
		}
	}
	/* The last starts, and short texts (headlines, names) whole: memmem
	 * builds a table at each call, which costs more than these few bytes. */
	for (; i + m <= n; i++)
		if (t[i + m - 1] == pat[m - 1] && t[i + pick] == pat[pick] && memcmp(t + i, pat, m) == 0)
			return t + i;
	return NULL;
}
#endif

#ifdef FIND_AVX2
/* The patterns of buckets `bb` that occur at t[st..n), as candidates in
 * the order of the patterns; with stop, true at the first. */
static bool verify_many(struct search *s, const unsigned char *t, size_t n, size_t st, unsigned bb, bool stop)
{
	bool found = false;

	for (size_t k = 0; k < s->npat; k++)
		if (bb >> (k % 8) & 1 && s->patlen[k] <= n - st && memcmp(t + st, s->pat[k], s->patlen[k]) == 0) {
			add_cand(s, st, s->patlen[k], s->patterm[k]);
			if (stop)
				return true;
			found = true;
		}
	return found;
}

/* find_many's step: the buckets of the patterns that may start at each of
 * p[0..32), into bb; returns the starts with any, as bits. */
__attribute__((target("avx2")))
static inline unsigned many32(const struct search *s, const unsigned char *p, const __m256i *lo,
			      const __m256i *hi, unsigned char bb[32])
{
	const __m256i low = _mm256_set1_epi8(0x0F);
	__m256i m = _mm256_set1_epi8((char)0xFF);

	for (unsigned k = 0; k < s->nnib; k++) {
		const __m256i x = _mm256_loadu_si256((const __m256i *)(p + s->noff[k]));
		const __m256i l = _mm256_shuffle_epi8(lo[k], _mm256_and_si256(x, low));
		const __m256i h = _mm256_shuffle_epi8(hi[k], _mm256_and_si256(_mm256_srli_epi16(x, 4), low));

		m = _mm256_and_si256(m, _mm256_and_si256(l, h));
	}
	_mm256_storeu_si256((__m256i *)bb, m);
	return ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(m, _mm256_setzero_si256()));
}

/* Several patterns, 32 starts at a time: at each start, the bytes at
 * noff[] select, through their nibbles, the buckets of the patterns that
 * may start there (a shuffle per nibble, as in the Teddy algorithm), and
 * only those patterns are compared. The block table's loop (find_patterns)
 * read a block every four bytes and looked it up, each lookup waiting on
 * the one before. The last starts are taken from a copy padded to a whole
 * step, as are short strings (headlines, names) whole. Candidates come by
 * start, then pattern, as there. */
__attribute__((target("avx2")))
static bool find_many(struct search *s, bool stop)
{
	const unsigned char *t = (const unsigned char *)s->ft;
	const size_t n = s->flen, last = s->noff[s->nnib - 1];
	__m256i lo[4], hi[4];
	unsigned char bb[32], pad[64];
	size_t i = 0;
	bool found = false;

	for (unsigned k = 0; k < s->nnib; k++) {
		lo[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)s->nib[k][0]));
		hi[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)s->nib[k][1]));
	}
	for (; i + s->win <= n; i += 32) {
		const unsigned char *p = t + i;
		unsigned cand;

		if (i + last + 32 > n) { /* fewer than 32 + last bytes left: a start or more */
			memset(pad, 0, sizeof pad);
			memcpy(pad, p, n - i);
			p = pad;
		}
		for (cand = many32(s, p, lo, hi, bb); cand; cand &= cand - 1) {
			unsigned j = (unsigned)__builtin_ctz(cand);

			if (i + j + s->win > n)
				break;
			if (verify_many(s, t, n, i + j, bb[j], stop)) {
				if (stop)
					return true;
				found = true;
			}
		}
	}
	return found;
}
#endif

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Every occurrence of every pattern in s->ft through the automaton, as
 * candidates by start, then pattern (the order of the other ways): the
 * automaton finds them by their end, so they are gathered and sorted. With
 * stop, return at the first. */
static bool find_ac(struct search *s, bool stop)
{
	const struct ac *a = s->ac;
	const unsigned char *t = (const unsigned char *)s->ft;
	size_t n = s->flen;
	uint32_t st = 0;
	bool sorted = true;

	s->nacm = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = t[i];

		if (st == 0) {
			/* Bytes that start no pattern, at once. */
			while (!a->root[c] && ++i < n)
				c = t[i];
			if (i == n)
				break;
			st = a->root[c];
		} else {
			uint32_t x;

			while ((x = ac_edge(a, st, c)) == 0) {
				st = a->fail[st];
				if (st == 0) {
					x = a->root[c];
					break;
				}
			}
			st = x;
		}
		for (uint32_t o = a->out[st] >= 0 ? st : a->dict[st]; o; o = a->dict[o])
			for (int32_t p = a->out[o]; p >= 0; p = a->onext[p]) {
				uint64_t m = (uint64_t)(i + 1 - s->patlen[p]) << 32 | (uint32_t)p;

				if (stop) {
					add_cand(s, i + 1 - s->patlen[p], s->patlen[p], s->patterm[p]);
					return true;
				}
				if (s->nacm == s->acmcap)
					s->acm = xgrow(s->acm, &s->acmcap, s->nacm + 1, sizeof(*s->acm));
				sorted = sorted && (s->nacm == 0 || s->acm[s->nacm - 1] < m);
				s->acm[s->nacm++] = m;
			}
	}
	if (!sorted)
		qsort(s->acm, s->nacm, sizeof(*s->acm), cmp_u64);
	for (size_t k = 0; k < s->nacm; k++) {
		size_t start = (size_t)(s->acm[k] >> 32), p = (uint32_t)s->acm[k];

		add_cand(s, start, s->patlen[p], s->patterm[p]);
	}
	return s->nacm > 0;
}

/* The first occurrence of the one pattern in t[0..n), or NULL. */
static const char *find_one(const struct search *s, const char *t, size_t n)
{
#ifdef FIND_AVX2
	if (s->avx2)
		return find_avx2(t, n, s->pat[0], s->patlen[0], s->pick);
#endif
	return memmem(t, n, s->pat[0], s->patlen[0]);
}

/* Add every occurrence of every pattern in s->ft as a candidate, overlapping
 * ones included when they can compete (several patterns, or pinyin). With
 * stop, return at the first. Returns whether there was one. */
static bool find_patterns(struct search *s, bool stop)
{
	const unsigned char *t = (const unsigned char *)s->ft;
	size_t n = s->flen;

	if (s->npat == 1) {
		/* One pattern: its non-overlapping occurrences are the answer unless
		 * pinyin competes, so that terms "xa" and "aa" on "xaaa" give [0,2)
		 * and [2,4) when chosen left to right; or unless the text was
		 * folded, where a hit is widened to the whole characters it
		 * touches and one that starts later may widen further: "..." in
		 * "…." (folded "....") is [0,3) at 0 but [0,4) at 1, the longest
		 * of which wins, as in every other case. */
		const char *p = s->ft, *end = p + n, *m;
		bool overlapping = s->pylen > 0 || s->map;

		while ((m = find_one(s, p, (size_t)(end - p))) != NULL) {
			add_cand(s, (size_t)(m - s->ft), s->patlen[0], s->patterm[0]);
			if (stop)
				return true;
			p = overlapping ? m + 1 : m + s->patlen[0];
		}
		return s->cand.n > 0;
	}
	if (s->ac)
		return find_ac(s, stop) || s->cand.n > 0;
#ifdef FIND_AVX2
	if (s->avx2)
		return find_many(s, stop) || s->cand.n > 0;
#endif
	/* The block t[i, i+blk) is read for i = 0, stride, 2 stride, ...: an
	 * occurrence at st is found from the one block read at st + d, d from 0
	 * to win - blk, so each occurrence is added once. The blocks read find
	 * starts in increasing ranges, each in order (cmp_keyed): candidates come
	 * by start, then pattern, as from a plain scan, so that qsort breaks ties
	 * between equal ranges as it always did. */
	size_t blk = s->blk, stride = s->stride;

	for (size_t i = 0; i + blk <= n; i += stride) {
		uint32_t key = block_key(t + i, blk), h = key_hash(key, BLOCK_BITS);

		if (!(s->bitmap[h / 64] >> (h % 64) & 1))
			continue;
		const struct blockslot *sl = slot_of(s, key);

		for (uint32_t e = sl->first; e < sl->first + sl->n; e++) {
			size_t k = s->pos[e].pat, d = s->pos[e].off, st;

			if (d > i)
				continue;
			st = i - d;
			if (s->patlen[k] <= n - st && memcmp(t + st, s->pat[k], s->patlen[k]) == 0) {
				add_cand(s, st, s->patlen[k], s->patterm[k]);
				if (stop)
					return true;
			}
		}
	}
	return s->cand.n > 0;
}

/* Point s->ft at the text to match: the source when it folds to itself, else
 * its folding with a map back. */
static void set_text(struct search *s, const char *text, size_t len, bool invariant)
{
	s->cand.n = 0;
	if (invariant) {
		s->ft = text;
		s->flen = len;
		s->map = NULL;
		return;
	}
	fold_text(&s->fold, text, len, true);
	s->folded += len;
	s->ft = s->fold.text;
	s->flen = s->fold.len;
	s->map = &s->fold;
}

/* Find the hits of s in the text set_text or search_para_text chose. */
static size_t choose(struct search *s, struct search_hits *h)
{
	h->n = 0;
	find_patterns(s, false);
	if (s->pylen)
		find_pinyin(s);
	if (s->cand.n > 1)
		qsort(s->cand.v, s->cand.n, sizeof(*s->cand.v), cmp_hit);
	size_t last_end = 0;

	for (size_t i = 0; i < s->cand.n; i++) {
		const struct search_hit *c = &s->cand.v[i];

		if (c->len == 0 || (h->n > 0 && c->off < last_end))
			continue;
		hits_add(h, c->off, c->len, c->term);
		last_end = c->off + c->len;
	}
	return h->n;
}

size_t search_para(struct search *s, const char *text, size_t len, struct search_hits *h)
{
	set_text(s, text, len, fold_invariant(text, len));
	return choose(s, h);
}

size_t search_para_invariant(struct search *s, const char *text, size_t len, struct search_hits *h)
{
	set_text(s, text, len, true);
	return choose(s, h);
}

void search_text_init(struct search_text *t)
{
	memset(t, 0, sizeof(*t));
	fold_init(&t->fold);
}

void search_text_free(struct search_text *t)
{
	fold_free(&t->fold);
	search_text_init(t);
}

void search_text_set(struct search_text *t, const char *text, size_t len, bool invariant)
{
	t->text = text;
	t->len = len;
	t->invariant = invariant || fold_invariant(text, len);
	if (!t->invariant)
		fold_text(&t->fold, text, len, true);
}

size_t search_para_text(struct search *s, const struct search_text *t, struct search_hits *h)
{
	s->cand.n = 0;
	if (t->invariant) {
		s->ft = t->text;
		s->flen = t->len;
		s->map = NULL;
	} else {
		s->ft = t->fold.text;
		s->flen = t->fold.len;
		s->map = &t->fold;
	}
	return choose(s, h);
}

size_t search_folded_bytes(const struct search *s)
{
	return s->folded;
}

bool search_any(struct search *s, const char *text, size_t len)
{
	set_text(s, text, len, fold_invariant(text, len));
	if (find_patterns(s, true))
		return true;
	if (s->pylen)
		find_pinyin(s);
	for (size_t i = 0; i < s->cand.n; i++)
		if (s->cand.v[i].len > 0)
			return true;
	return false;
}
