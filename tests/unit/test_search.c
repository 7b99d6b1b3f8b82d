/* Unit tests for the matcher: folded terms, pinyin, hit offsets in the original. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fayan/fold.h"
#include "fayan/search.h"
#include "fayan/util.h"

#include "../search_reference.h"

extern const char fayan_seed_data[], fayan_seed_end[];

/* Search `query` in `text` and return the hits as "off+len off+len ...". */
static const char *hits_of(const char *query, const char *text)
{
	static char out[1024];
	struct search *s = search_compile(query, strlen(query));
	struct search_hits h;
	size_t used = 0;

	out[0] = '\0';
	if (!s)
		return "(none)";
	search_hits_init(&h);
	search_para(s, text, strlen(text), &h);
	for (size_t i = 0; i < h.n; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%zu+%zu", i ? " " : "",
					 h.v[i].off, h.v[i].len);
	search_hits_free(&h);
	search_free(s);
	return out;
}

/* The text of the hits, joined by '|'. */
static const char *hit_text(const char *query, const char *text)
{
	static char out[4096];
	struct search *s = search_compile(query, strlen(query));
	struct search_hits h;

	out[0] = '\0';
	assert_non_null(s);
	search_hits_init(&h);
	search_para(s, text, strlen(text), &h);
	for (size_t i = 0; i < h.n; i++) {
		if (i)
			strcat(out, "|");
		strncat(out, text + h.v[i].off, h.v[i].len);
	}
	search_hits_free(&h);
	search_free(s);
	return out;
}

static void test_literal(void **state)
{
	(void)state;
	assert_string_equal(hits_of("abc", "xabcyabc"), "1+3 5+3");
	assert_string_equal(hits_of("aa", "aaaaa"), "0+2 2+2");
	assert_string_equal(hits_of("疫情", "抓好疫情防控,疫情"), "6+6 19+6");
	assert_string_equal(hits_of("x", ""), "");
	assert_string_equal(hits_of("", "abc"), "(none)");
	assert_string_equal(hits_of("   ", "a   b"), "(none)");
	assert_string_equal(hits_of("zz", "abc"), "");
}

static void test_folded(void **state)
{
	(void)state;
	/* Width and case both ways; hits cover the original characters. */
	assert_string_equal(hit_text("abc123", "见ＡＢＣ１２３号"), "ＡＢＣ１２３");
	assert_string_equal(hits_of("abc123", "见ＡＢＣ１２３号"), "3+18");
	assert_string_equal(hit_text("ＡＢＣ", "xAbCx"), "AbC");
	assert_string_equal(hit_text("疫情，防控", "疫情,防控"), "疫情,防控");
	assert_string_equal(hit_text("strasse", "Die Straße"), "Straße");
	/* A combining sequence is matched and highlighted whole. */
	assert_string_equal(hit_text("café", "Cafe\xCC\x81 noir"), "Cafe\xCC\x81");
	/* Part of a cluster highlights the whole cluster, without overlapping hits. */
	assert_string_equal(hits_of("s", "ß"), "0+2");
}

/* Folds that expand one character into several (… into ..., ß into ss): a
 * hit that touches part of what a character folds to covers the whole
 * character, and of the hits that then overlap the one that starts first,
 * the longest, is kept; exactly as the reference chooses. */
static void test_fold_expansion(void **state)
{
	static const char *const cases[][2] = {
		{"…", "……"}, {"...", "…."}, {"..", "……"}, {"...", "……"}, {"..", "a…b…"},
		{"…", "x...…"}, {"s", "ßß"}, {"ss", "ßs"}, {"fi", "ﬁﬁ"}, {"i", "ﬁx"},
	};

	(void)state;
	assert_string_equal(hits_of("…", "……"), "0+6");
	assert_string_equal(hits_of("...", "…."), "0+4");
	assert_string_equal(hits_of("..", "……"), "0+6");
	assert_string_equal(hits_of("...", "……"), "0+6");
	assert_string_equal(hits_of("..", "a…b…"), "1+3 5+3");
	assert_string_equal(hits_of("…", "x...…"), "1+3 4+3");
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *q = cases[i][0], *t = cases[i][1];
		size_t ql = strlen(q);
		struct search_hit *ref;
		size_t n = search_reference(&q, &ql, 1, t, strlen(t), &ref);
		struct search *s = search_compile(q, ql);
		struct search_hits h;

		search_hits_init(&h);
		assert_int_equal(search_para(s, t, strlen(t), &h), n);
		for (size_t k = 0; k < n; k++) {
			assert_int_equal(h.v[k].off, ref[k].off);
			assert_int_equal(h.v[k].len, ref[k].len);
		}
		search_hits_free(&h);
		search_free(s);
		free(ref);
	}
}

static void test_pinyin_full_and_initials(void **state)
{
	const char *t = "镇党委书记马东亮说,要抓好疫情防控工作。";

	(void)state;
	assert_string_equal(hit_text("madongliang", t), "马东亮");
	assert_string_equal(hit_text("mdl", t), "马东亮");
	assert_string_equal(hit_text("madl", t), "马东亮");
	assert_string_equal(hit_text("madongl", t), "马东亮");
	assert_string_equal(hit_text("MDL", t), "马东亮");
	assert_string_equal(hit_text("ｍｄｌ", t), "马东亮");
	assert_string_equal(hit_text("ma dong liang", t), "马东亮");
	assert_string_equal(hit_text("yqfk", t), "疫情防控");
	assert_string_equal(hit_text("yiqing", t), "疫情");
	assert_string_equal(hit_text("yiqingfangkong", t), "疫情防控");
	/* zh/ch/sh may be typed as one or two letters. */
	assert_string_equal(hit_text("sj", t), "书记");
	assert_string_equal(hit_text("shj", t), "书记");
	assert_string_equal(hit_text("shuji", t), "书记");
	/* A query must cover whole hanzi: no hit ends inside a syllable it did not finish... */
	assert_string_equal(hit_text("madongliangs", t), "马东亮说");
	/* ...and a middle syllable must be whole or an initial. */
	assert_string_equal(hit_text("mdoliang", t), "");
}

static void test_pinyin_polyphonic(void **state)
{
	(void)state;
	assert_string_equal(hit_text("yh", "去银行办理"), "银行");
	assert_string_equal(hit_text("yinhang", "去银行办理"), "银行");
	assert_string_equal(hit_text("xingdong", "马上行动"), "行动");
	assert_string_equal(hit_text("zhangda", "他长大了"), "长大");
	assert_string_equal(hit_text("changqi", "长期坚持"), "长期");
	assert_string_equal(hit_text("chongxin", "重新出发"), "重新");
	assert_string_equal(hit_text("zhongyao", "很重要"), "重要");
	assert_string_equal(hit_text("yinyue", "音乐会"), "音乐");
	assert_string_equal(hit_text("kuaile", "快乐"), "快乐");
	assert_string_equal(hit_text("tiaozheng", "调整结构"), "调整");
	assert_string_equal(hit_text("diaoyan", "深入调研"), "调研");
	/* Archaic readings are left out: 说 is not yuè here, 行 not héng. */
	assert_string_equal(hit_text("yf", "说法"), "");
	assert_string_equal(hit_text("hengdong", "行动"), "");
	/* ü is typed v. */
	assert_string_equal(hit_text("lvse", "绿色发展"), "绿色");
}

static void test_pinyin_latin_stays_literal(void **state)
{
	(void)state;
	/* Latin letters in the text never take part in pinyin matching. */
	assert_string_equal(hit_text("mdl", "马dl东亮"), "");
	assert_string_equal(hit_text("mdl", "md亮"), "");
	assert_string_equal(hit_text("mdl", "ma dong liang"), "");
	/* But the query still matches them literally. */
	assert_string_equal(hit_text("mdl", "MDL 马东亮"), "MDL|马东亮");
	/* A run of hanzi stops at punctuation and spaces. */
	assert_string_equal(hit_text("yqfk", "疫情,防控"), "");
	assert_string_equal(hit_text("yqfk", "疫情 防控"), "");
	/* One letter is never pinyin: "m" does not find every 马, 们, 民. */
	assert_string_equal(hit_text("m", "马们民m"), "m");
	/* Digits or other symbols make a query literal only. */
	assert_string_equal(hit_text("mdl1", "马东亮1"), "");
	assert_string_equal(hit_text("yq-fk", "疫情防控"), "");
}

static void test_terms(void **state)
{
	const char *terms[] = {"老旧小区", "小区", "", "楼院", "ＡＢ"};
	const char *t = "推进老旧小区改造,小区楼院整治,ab";
	struct search *s = search_compile_terms(terms, 5);
	struct search_hits h;
	const char *none[] = {"", "  "};

	(void)state;
	assert_non_null(s);
	assert_false(search_uses_pinyin(s));
	search_hits_init(&h);
	assert_int_equal(search_para(s, t, strlen(t), &h), 4);
	/* The longest term wins where two start together; no overlapping hits. */
	assert_int_equal(h.v[0].off, 6);
	assert_int_equal(h.v[0].len, 12);
	assert_int_equal(h.v[0].term, 0);
	assert_int_equal(h.v[1].off, 25);
	assert_int_equal(h.v[1].term, 1);
	assert_int_equal(h.v[2].off, 31);
	assert_int_equal(h.v[2].term, 3);
	assert_int_equal(h.v[3].term, 4);
	/* Reused for a second paragraph: the list is replaced. */
	assert_int_equal(search_para(s, "楼院", 6, &h), 1);
	assert_true(search_any(s, "旧楼院", 9));
	assert_false(search_any(s, "旧楼", 6));
	{
		/* Overlapping occurrences of different terms: chosen left to right,
		 * the hit after a chosen one is still found. */
		const char *ov[] = {"xa", "aa"};
		struct search *o = search_compile_terms(ov, 2);

		assert_int_equal(search_para(o, "xaaa", 4, &h), 2);
		assert_int_equal(h.v[0].off, 0);
		assert_int_equal(h.v[0].len, 2);
		assert_int_equal(h.v[1].off, 2);
		assert_int_equal(h.v[1].len, 2);
		search_free(o);
	}
	search_hits_free(&h);
	search_free(s);
	assert_null(search_compile_terms(none, 2));
}

/* Hits of terms in text, through search_para, as "off+len:term ...". */
static const char *terms_hits(const char *const *terms, size_t n, const char *text, bool invariant)
{
	static char out[1024];
	struct search *s = search_compile_terms(terms, n);
	struct search_hits h;
	size_t used = 0;

	out[0] = '\0';
	assert_non_null(s);
	search_hits_init(&h);
	if (invariant)
		search_para_invariant(s, text, strlen(text), &h);
	else
		search_para(s, text, strlen(text), &h);
	for (size_t i = 0; i < h.n; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%zu+%zu:%u", i ? " " : "",
					 h.v[i].off, h.v[i].len, h.v[i].term);
	search_hits_free(&h);
	search_free(s);
	return out;
}

/* Text that folds to itself is matched in place; text that does not (ＡＢＣ,
 * capitals, mixed) through the fold and its map: offsets are the original's
 * either way, and both ways agree where both apply. */
static void test_in_place_and_folded(void **state)
{
	static const char *t1[] = {"疫情", "防控", "疫情防控", "情防"};
	static const char *t2[] = {"abc", "b"};
	static const char *t3[] = {"xa", "aa"};
	static const char *t4[] = {"中", "ab", "控"};
	char buf[64];

	(void)state;
	/* Fold-invariant: the longest term at a start; "情防" overlaps both hits. */
	assert_string_equal(terms_hits(t1, 4, "做好疫情防控,防控疫情。", false), "6+12:2 19+6:1 25+6:0");
	assert_string_equal(terms_hits(t1, 4, "做好疫情防控,防控疫情。", true), "6+12:2 19+6:1 25+6:0");
	/* Not fold-invariant: full-width letters, capitals, mixed. */
	assert_string_equal(terms_hits(t2, 2, "ＡＢＣ", false), "0+9:0");
	assert_string_equal(terms_hits(t2, 2, "中ＡＢＣ中abc", false), "3+9:0 15+3:0");
	assert_string_equal(terms_hits(t2, 2, "xAbCb", false), "1+3:0 4+1:1");
	assert_string_equal(terms_hits(t2, 2, "ｂ中b", false), "0+3:1 6+1:1");
	assert_string_equal(hits_of("防控", "防控ＡＢＣ防控"), "0+6 15+6");
	assert_string_equal(hits_of("防控", "防控abc防控"), "0+6 9+6");
	assert_string_equal(hits_of("ａｂ", "xAB中ab"), "1+2 6+2");
	/* Overlapping terms, in place and folded: [0,2) then [2,4). */
	assert_string_equal(terms_hits(t3, 2, "xaaa", true), "0+2:0 2+2:1");
	assert_string_equal(terms_hits(t3, 2, "xaaa", false), "0+2:0 2+2:1");
	assert_string_equal(terms_hits(t3, 2, "XAAA", false), "0+2:0 2+2:1");
	assert_string_equal(terms_hits(t3, 2, "ｘａａａ", false), "0+6:0 6+6:1");
	/* A window shorter than a CJK term (an ASCII term of 2 bytes). */
	assert_string_equal(terms_hits(t4, 3, "ab中xab控", false), "0+2:1 2+3:0 6+2:1 8+3:2");
	/* Invalid bytes are never matched in place, and still map back. */
	assert_string_equal(terms_hits(t1, 4, "\xE7疫情\xFF防控", false), "1+6:0 8+6:1");
	/* A term at the very end and start of a long in-place text. */
	memset(buf, 'z', sizeof(buf));
	memcpy(buf, "防控", 6);
	memcpy(buf + sizeof(buf) - 7, "疫情", 6);
	buf[sizeof(buf) - 1] = '\0';
	assert_string_equal(terms_hits(t1, 4, buf, false), "0+6:1 57+6:0");
}

/* The reference (search_reference.h) for terms, copied into out[0..max). */
static size_t reference_hits(const char *const *terms, size_t nterms, const char *text, size_t len,
			     struct search_hit *out, size_t max)
{
	size_t lens[16], n;
	struct search_hit *h;

	assert_true(nterms <= 16);
	for (size_t p = 0; p < nterms; p++)
		lens[p] = strlen(terms[p]);
	n = search_reference(terms, lens, nterms, text, len, &h);
	assert_true(n <= max);
	if (n)
		memcpy(out, h, n * sizeof(*h));
	free(h);
	return n;
}

/* A small deterministic generator (xorshift). */
static unsigned next_rand(unsigned long long *r)
{
	*r ^= *r << 13;
	*r ^= *r >> 7;
	*r ^= *r << 17;
	return (unsigned)(*r >> 11);
}

/* s gives the reference's hits want[0..nw) in text[0..len), terms included:
 * search_para (its hits left in *h), search_any, and search_para_invariant
 * where the text folds to itself. `what` names the case in a failure. */
static void expect_reference(struct search *s, const char *text, size_t len, const struct search_hit *want,
			     size_t nw, struct search_hits *h, const char *what)
{
	struct search_hits h2;

	search_para(s, text, len, h);
	if (h->n != nw)
		fail_msg("%s, text \"%s\": %zu hits, want %zu", what, text, h->n, nw);
	for (size_t i = 0; i < nw; i++)
		if (h->v[i].off != want[i].off || h->v[i].len != want[i].len || h->v[i].term != want[i].term)
			fail_msg("%s, text \"%s\": hit %zu is %zu+%zu:%u, want %zu+%zu:%u", what, text, i,
				 h->v[i].off, h->v[i].len, h->v[i].term, want[i].off, want[i].len, want[i].term);
	assert_int_equal(search_any(s, text, len), nw > 0);
	if (!fold_invariant(text, len))
		return;
	search_hits_init(&h2);
	search_para_invariant(s, text, len, &h2);
	assert_int_equal(h2.n, nw);
	for (size_t i = 0; i < nw; i++) {
		assert_int_equal(h2.v[i].off, want[i].off);
		assert_int_equal(h2.v[i].len, want[i].len);
		assert_int_equal(h2.v[i].term, want[i].term);
	}
	search_hits_free(&h2);
}

/* Append to a the characters of term set `terms` and their near misses: the
 * same character with its last or middle byte one up or down (a different
 * ideograph sharing a byte pair with it). */
static size_t near_alphabet(const char *const *terms, size_t nterms, char (*a)[8], size_t n, size_t max)
{
	for (size_t t = 0; t < nterms; t++)
		for (const unsigned char *p = (const unsigned char *)terms[t]; *p;) {
			size_t cl = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;

			for (int v = 0; v < 5 && n < max; v++) {
				memcpy(a[n], p, cl);
				a[n][cl] = '\0';
				if (cl == 3 && v > 0) {
					unsigned char *b = (unsigned char *)a[n] + (v < 3 ? 2 : 1);
					int d = v % 2 ? 1 : -1;

					if (*b + d < 0x80 || *b + d > 0xBF)
						continue;
					*b = (unsigned char)(*b + d);
				} else if (v > 0) {
					continue;
				}
				n++;
			}
			p += cl;
		}
	return n;
}

/* Terms of 1, 2 and 3+ characters, sharing prefixes and suffixes, mixed ASCII
 * and CJK, overlapping, equal after folding: over thousands of generated texts
 * (near-miss ideographs, ASCII, characters that fold, terms at the very start
 * and end), search_para gives exactly the reference's hits and terms, and so
 * does search_para_invariant where the text folds to itself; search_any agrees. */
static void terms_reference(void)
{
	static const char *sets[][8] = {
		{"疫情", "防控", "防疫", "口罩", "消毒", "扫码", "核酸", "新冠"},
		{"健康码", "群防群治", "联防联控", "防控", "疫苗", "隔离", "测温", "疫情"},
		{"疫", "防控", "a", NULL},
		{"防控", "联防联控", "控", "防", NULL},
		{"疫情防控", "情防", "防控疫", "控疫情", NULL},
		{"5g", "a疫", "疫a", "ab防控", NULL},
		{"a疫情", "ab疫情", "疫情防", NULL},
		{"aa", "aaa", "aba", "ba", NULL},
		{"ABC", "abc", "ｂ", "Bc", NULL},
		{"智慧城市", "智慧", "大数据", "5G", NULL},
		{"群防群治", "群防", "防群", "群治", NULL},
		{"疫苗接种", "疫情防控", "防控措施", "核酸检测", NULL},
		{"a b", "b 疫", "疫 情", NULL},
		{"é", "e\xCC\x81x", "Ａ", "ａb", NULL},
		{"fiffi", "ffiff", "iffif", "ﬀ", NULL},
		/* one term: found 32 starts at a time where the processor can */
		{"防控", NULL}, {"疫", NULL}, {"aa", NULL}, {"疫情防控", NULL}, {"ab防控", NULL},
		{"a", NULL},
	};
	static const char *extra[] = {"a", "b", "5", "g", " ", ",", "A", "B", "Ｇ", "Ａ", "，", "。",
				      "e", "\xCC\x81", "é", "x", "的", "工作", "基层", "疹", "阳",
				      "ﬃ", "ﬀ", "f", "i"};
	unsigned long long r = 0x9E3779B97F4A7C15ull;
	struct search_hits h;
	struct search_hit want[256];
	char alpha[256][8];
	struct buf b;

	search_hits_init(&h);
	buf_init(&b);
	for (size_t set = 0; set < sizeof(sets) / sizeof(sets[0]); set++) {
		size_t nt = 0, na = 0;

		while (nt < 8 && sets[set][nt])
			nt++;
		for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
			strcpy(alpha[na++], extra[i]);
		na = near_alphabet(sets[set], nt, alpha, na, 256);

		struct search *s = search_compile_terms(sets[set], nt);

		assert_non_null(s);
		for (int iter = 0; iter < 2000; iter++) {
			unsigned len = next_rand(&r) % 80, mode = next_rand(&r);

			b.len = 0;
			if (mode & 1)
				buf_adds(&b, sets[set][next_rand(&r) % nt]);
			for (unsigned i = 0; i < len; i++) {
				if (next_rand(&r) % 8 == 0)
					buf_adds(&b, sets[set][next_rand(&r) % nt]);
				else
					buf_adds(&b, alpha[next_rand(&r) % na]);
			}
			if (mode & 2)
				buf_adds(&b, sets[set][next_rand(&r) % nt]);
			buf_addc(&b, '\0');
			b.len--;

			size_t nw = reference_hits(sets[set], nt, b.data, b.len, want, 256);
			char what[32];

			snprintf(what, sizeof what, "set %zu", set);
			expect_reference(s, b.data, b.len, want, nw, &h, what);
		}
		search_free(s);
	}
	buf_free(&b);
	search_hits_free(&h);
}

/* The reference, with the loops that take 32 starts at a time (where the
 * processor has AVX2) and with the plain ones. */
static void test_terms_reference(void **state)
{
	(void)state;
	search_use_simd(false);
	terms_reference();
	search_use_simd(true);
	terms_reference();
}

#define MANY 300

/* Over SEARCH_AC_MIN terms, up to a theme's 500: the automaton gives exactly
 * the reference's hits and terms, for terms that share prefixes and suffixes,
 * end inside each other, repeat, fold alike or expand (ﬃ, …), over texts made
 * of their characters, near misses and folding ones; so do search_any,
 * search_para_invariant and a copy (which shares the automaton). */
static void test_many_terms_reference(void **state)
{
	static const char *base[] = {
		"疫情", "防控", "疫情防控", "情防", "防控疫", "控", "a", "aa", "aba", "ABC", "ｂ", "…", "..",
		"ﬃ", "ffi", "é", "e\xCC\x81", "疫", "群防群治", "防群", "5G", "a b", "疫情",
	};
	static const char *chars[] = {"疫", "情", "防", "控", "群", "治", "a", "b", "A", "Ｂ", ".", "…", "f",
				      "i", "ﬃ", "e", "\xCC\x81", "é", " ", "5", "g", "的", "疹", "阳", "，", ","};
	size_t nb = sizeof base / sizeof *base, nc = sizeof chars / sizeof *chars;
	unsigned long long r = 0x2545F4914F6CDD1Dull;
	static char store[MANY][16];
	const char *terms[MANY];
	size_t lens[MANY];
	struct search_hits h;
	struct buf b;

	(void)state;
	search_hits_init(&h);
	buf_init(&b);
	for (size_t nt = SEARCH_AC_MIN + 1; nt <= MANY; nt += MANY - SEARCH_AC_MIN - 1) {
		struct search *s, *c;

		for (size_t i = 0; i < nt; i++) {
			if (i < nb) {
				terms[i] = base[i];
			} else {
				size_t k = 1 + next_rand(&r) % 3;

				store[i][0] = '\0';
				while (k--)
					strcat(store[i], chars[next_rand(&r) % nc]);
				terms[i] = store[i];
			}
			lens[i] = strlen(terms[i]);
		}
		s = search_compile_terms(terms, nt);
		assert_non_null(s);
		c = search_copy(s);
		for (int iter = 0; iter < 150; iter++) {
			unsigned len = next_rand(&r) % 60;
			struct search_hit *want;
			char what[32];
			size_t nw;

			b.len = 0;
			for (unsigned i = 0; i < len; i++)
				buf_adds(&b, next_rand(&r) % 6 ? chars[next_rand(&r) % nc] : terms[next_rand(&r) % nt]);
			buf_addc(&b, '\0');
			b.len--;
			nw = search_reference(terms, lens, nt, b.data, b.len, &want);
			snprintf(what, sizeof what, "%zu terms", nt);
			expect_reference(s, b.data, b.len, want, nw, &h, what);
			expect_reference(c, b.data, b.len, want, nw, &h, what);
			free(want);
		}
		search_free(s);
		search_free(c);
	}
	buf_free(&b);
	search_hits_free(&h);
}

/* Hits at the edges and over each other, for terms of 1, 2 and 3+ characters. */
static void test_terms_edges(void **state)
{
	static const char *t1[] = {"疫", "防控", "a"};
	static const char *t2[] = {"防控", "联防联控", "控"};
	static const char *t3[] = {"a疫", "疫a", "ab防控"};
	static const char *t4[] = {"疫情防控", "情防", "防控疫"};
	static const char *t5[] = {"fiffi", "ffiff"};

	(void)state;
	assert_string_equal(terms_hits(t1, 3, "疫a防控", true), "0+3:0 3+1:2 4+6:1");
	assert_string_equal(terms_hits(t1, 3, "防控", true), "0+6:1");
	assert_string_equal(terms_hits(t1, 3, "x防控", true), "1+6:1");
	assert_string_equal(terms_hits(t1, 3, "疫", true), "0+3:0");
	assert_string_equal(terms_hits(t2, 3, "联防联控", true), "0+12:1");
	assert_string_equal(terms_hits(t2, 3, "防联防控控", true), "6+6:0 12+3:2");
	assert_string_equal(terms_hits(t3, 3, "ab防控a疫a", true), "0+8:2 8+4:0");
	assert_string_equal(terms_hits(t4, 3, "疫情防控疫情防控", true), "0+12:0 12+12:0");
	assert_string_equal(terms_hits(t4, 3, "疫情防控疫", true), "0+12:0");
	assert_string_equal(terms_hits(t4, 3, "情防控疫", true), "0+6:1");
	/* Two terms folded from the same ligatures ("ﬃ" is "ffi"): equal ranges, and
	 * the one that starts first in the folded text wins, as in a plain scan. */
	assert_string_equal(terms_hits(t5, 2, "xﬃﬃ", false), "1+6:1");
}

/* search_any stops at the first hit and agrees with search_para. */
static void test_any(void **state)
{
	static const char *t1[] = {"疫情", "防控", "zz"};
	struct search *s = search_compile_terms(t1, 3);

	(void)state;
	assert_true(search_any(s, "做好疫情防控", strlen("做好疫情防控")));
	assert_true(search_any(s, "ZZ", 2));
	assert_true(search_any(s, "ｚｚ", 6));
	assert_false(search_any(s, "疫苗防", strlen("疫苗防")));
	assert_false(search_any(s, "", 0));
	search_free(s);
	s = search_compile("mdl", 3);
	assert_true(search_any(s, "马东亮", strlen("马东亮")));
	assert_false(search_any(s, "马东", strlen("马东")));
	search_free(s);
}

/* Count hits of `query` over every line of the seed; `want` is each hit's text. */
static size_t seed_count(const char *query, const char *want)
{
	struct search *s = search_compile(query, strlen(query));
	struct search_hits h;
	const char *p = fayan_seed_data, *end = fayan_seed_end;
	size_t count = 0;

	search_hits_init(&h);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		search_para(s, p, len, &h);
		for (size_t i = 0; i < h.n; i++) {
			assert_int_equal(h.v[i].len, strlen(want));
			assert_memory_equal(p + h.v[i].off, want, h.v[i].len);
		}
		count += h.n;
		p += len + 1;
	}
	search_hits_free(&h);
	search_free(s);
	return count;
}

static void test_seed(void **state)
{
	(void)state;
	assert_int_equal(seed_count("yqfk", "疫情防控"), 5);
	assert_int_equal(seed_count("疫情防控", "疫情防控"), 5);
	assert_int_equal(seed_count("mdl", "马东亮"), 1);
	assert_int_equal(seed_count("madongliang", "马东亮"), 1);
}

/* A long run of the same hanzi must not make pinyin matching explode. */
static void test_pinyin_pathological(void **state)
{
	struct buf b;
	struct search *s = search_compile("shishishishishishishishishishishishishishishix", 46);
	struct search_hits h;

	(void)state;
	buf_init(&b);
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, i % 7 == 6 ? "事" : "是");
	search_hits_init(&h);
	search_para(s, b.data, b.len, &h);
	assert_int_equal(h.n, 0);
	search_hits_free(&h);
	search_free(s);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal),
		cmocka_unit_test(test_folded),
		cmocka_unit_test(test_fold_expansion),
		cmocka_unit_test(test_pinyin_full_and_initials),
		cmocka_unit_test(test_pinyin_polyphonic),
		cmocka_unit_test(test_pinyin_latin_stays_literal),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_in_place_and_folded),
		cmocka_unit_test(test_terms_reference),
		cmocka_unit_test(test_terms_edges),
		cmocka_unit_test(test_many_terms_reference),
		cmocka_unit_test(test_any),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_pinyin_pathological),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
