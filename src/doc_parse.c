/* doc_parse.c: the parser for 发言摘登 articles.
 *
 * The genre has no markup, so structure is recognised from the shape of lines:
 * a byline is a short line ending in a 2-4 hanzi name, a headline is the short
 * line above it, and page breaks of the printed paper split paragraphs where a
 * sentence does not end. Everything is one pass over the lines with bounded
 * work per line, so hostile inputs (a huge line, millions of lines, thousands
 * of byline-like lines) stay linear.
 *
 * Memory matters for large archives: a paragraph points into the article's
 * source, which is made NUL-terminated by writing a NUL over the line end that
 * follows it. A paragraph split by page breaks is rejoined in place, its later
 * fragments moved left over the blank lines between them. Only paragraphs with
 * control characters (sanitized) are copied; all paragraphs of an article
 * share one allocation, and so do all its pieces. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_priv.h"
#include "fayan/cjk.h"
#include "fayan/fold.h"
#include "fayan/text.h"

#define BYLINE_MAX_CHARS 32   /* longest byline we recognise */
#define HEADLINE_MAX_CHARS 40 /* longest line taken as a headline */
#define TOPIC_MAX_CHARS 32    /* longest first line of a two-line headline */
#define TITLE_MAX_CHARS 64    /* longest first line taken as the article title */
#define TRAILER_MAX_CHARS 80  /* longest closing line taken as the trailer */
#define MAX_WARNINGS 1000     /* warnings kept per article; the rest are counted */

/* One non-empty source line, trimmed: bytes [off, off+len) of src. */
struct span {
	size_t off;
	size_t len;
	size_t lineno; /* 1-based */
};

/* Parsing state for one article. */
struct parse {
	struct article *a;
	struct span *lines;
	size_t nlines;
	struct piece *pool; /* the article's piece store, sized up front */
	size_t npool;
	size_t pool_cap;
	struct para *paras; /* the article's paragraph store, sized up front */
	size_t nparas;
	size_t paras_cap;
	size_t lost_warnings;
	bool no_controls; /* the source holds no control character but line ends */
	const struct text_scan *sc; /* the source's: where it holds what does not fold to itself */
	struct byline_parts *bylines; /* parse_regular: each byline as recognised, not scanned again */
	bool stripping; /* the article is stripped once parsed: what only the reader shows is left out */
};

/* ---- bylines ---- */

/* Punctuation that never appears in a byline: 。，,！？!?；;：:“”"（）()《》【】…—. */
static bool byline_reject(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xFF0C: case ',': case 0xFF01: case 0xFF1F: case '!': case '?':
	case 0xFF1B: case ';': case 0xFF1A: case ':': case 0x201C: case 0x201D: case '"':
	case 0xFF08: case 0xFF09: case '(': case ')': case 0x300A: case 0x300B: case 0x3010:
	case 0x3011: case 0x2026: case 0x2014: case '.':
		return true;
	default:
		return false;
	}
}

/* A word and its length in bytes, so that matching it costs no strlen. */
struct word {
	const char *s;
	size_t len;
};
#define WORD(w) {w, sizeof w - 1}

/* Endings that make a string a job title. */
static const struct word title_words[] = {
	WORD("书记"), WORD("主任"), WORD("长"), WORD("主席"), WORD("员"), WORD("代表"),
	WORD("经理"), WORD("总监"), WORD("干部"), WORD("负责人"), WORD("主管"), WORD("师"),
	WORD("教授"), WORD("专家"), WORD("村民"), WORD("居民"), WORD("秘书"), WORD("助理"),
	WORD("总裁"), WORD("董事"), WORD("监事"), {NULL, 0}};

/* Endings of place names, longest first where one ends another. */
static const struct word place_words[] = {
	WORD("办事处"), WORD("管委会"), WORD("自治区"), WORD("街道"), WORD("社区"), WORD("嘎查"),
	WORD("省"), WORD("市"), WORD("州"), WORD("盟"), WORD("县"), WORD("旗"), WORD("区"),
	WORD("乡"), WORD("镇"), WORD("村"), {NULL, 0}};

/* Whether s[0..len) reads as a job title: at least two characters, ending in a title word. */
static bool title_like(const char *s, size_t len)
{
	if (cjk_count_chars(s, len, 2) < 2)
		return false;
	for (const struct word *w = title_words; w->s; w++)
		if (cjk_has_suffix_n(s, len, w->s, w->len))
			return true;
	return false;
}

/* A byline's text, normalised: it is never longer than the line it came from. */
#define BYLINE_MAX_BYTES (BYLINE_MAX_CHARS * 4)
struct byline_text {
	char data[BYLINE_MAX_BYTES + 1];
	size_t len;
};

static void bt_add(struct byline_text *t, const char *s, size_t n)
{
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
}

/* The byline's fields, as byte ranges into scratch buffers on the stack (a
 * byline is at most BYLINE_MAX_BYTES; every line shorter than that is tried). */
struct byline_parts {
	struct byline_text norm; /* the byline with separators normalised to one space */
	struct byline_text rest; /* everything before the name, parts joined by one space */
	size_t last_part; /* offset in `rest` where the last part before the name starts */
	size_t nrest;     /* parts before the name */
	size_t name_off, name_len; /* in norm */
	const char *role; /* "代表" or "委员" after the name, or NULL */
	size_t place_len;   /* rest[0..place_len) is the place ... */
	size_t title_off;   /* ... and rest[title_off..] the title */
};

/* Split rest into place and title at a place-name ending; true if found. */
static bool split_place(struct byline_parts *bp)
{
	const char *s = bp->rest.data;
	size_t len = bp->rest.len;

	for (size_t p = len; p > 0; p--) {
		if (p == len || ((unsigned char)s[p] & 0xC0) == 0x80)
			continue;
		for (const struct word *w = place_words; w->s; w++) {
			size_t wl = w->len;

			if (!cjk_has_suffix_n(s, p, w->s, wl))
				continue;
			/* 郑州市委书记: the 市 belongs to the title 市委书记. */
			if (wl == 3 && cjk_has_prefix(s + p, len - p, "委") && p > wl) {
				bp->place_len = p - wl;
				bp->title_off = p - wl;
				return true;
			}
			if (title_like(s + p, len - p)) {
				bp->place_len = p;
				bp->title_off = s[p] == ' ' ? p + 1 : p;
				return true;
			}
		}
	}
	return false;
}

/* Whether s[0..len) (trimmed) ends in 2-6 hanzi after a blank or from its
 * start: a name of 2-4 and perhaps 代表 or 委员. Every byline does; a line of
 * text seldom does, and this tells so from its last character or two. */
static bool byline_tail(const char *s, size_t len)
{
	size_t end = len, n = 0;

	while (end > 0) {
		size_t lc = cjk_last_char_off(s, end);
		uint32_t c;

		if (cjk_blank_len(s, end, lc) == end - lc)
			break;
		cjk_char_at(s, end, lc, &c);
		if (!cjk_is_hanzi(c) || ++n > 6)
			return false;
		end = lc;
	}
	return n >= 2;
}

/* Recognise a byline in s[0..len) and fill bp (initialised by the caller). */
static bool byline_scan(const char *s, size_t len, struct byline_parts *bp)
{
	size_t off = 0, part_start = 0, nparts = 0, nchars = 0, name_chars;
	size_t part_off[BYLINE_MAX_CHARS + 1], part_len[BYLINE_MAX_CHARS + 1];

	if (len == 0 || len > BYLINE_MAX_BYTES || !byline_tail(s, len))
		return false;
	while (off < len) {
		size_t b = cjk_blank_len(s, len, off);
		uint32_t c;

		if (b) {
			size_t run = 0, start = off;

			if (s[off] == '\t')
				return false;
			while (off < len && (b = cjk_blank_len(s, len, off)) != 0 && s[off] != '\t') {
				off += b;
				run++;
			}
			if (run > 2 || start == 0 || off == len)
				return false;
			part_off[nparts] = part_start;
			part_len[nparts++] = start - part_start;
			part_start = off;
			continue;
		}
		off += cjk_char_at(s, len, off, &c);
		if (++nchars > BYLINE_MAX_CHARS || c < 0x20 || (c >= 0x7F && c < 0xA0) ||
		    byline_reject(c))
			return false;
	}
	part_off[nparts] = part_start;
	part_len[nparts++] = len - part_start;

	/* The name: 2-4 hanzi, possibly followed by 代表 or 委员. */
	{
		const char *name = s + part_off[nparts - 1];
		size_t nlen = part_len[nparts - 1];
		uint32_t c;

		bp->role = NULL;
		if (cjk_has_suffix(name, nlen, "代表"))
			bp->role = "代表";
		else if (cjk_has_suffix(name, nlen, "委员"))
			bp->role = "委员";
		if (bp->role) {
			size_t k = cjk_count_chars(name, nlen - 6, 5);

			if (k < 2 || k > 4)
				bp->role = NULL;
			else
				nlen -= 6;
		}
		name_chars = 0;
		for (size_t o = 0; o < nlen; name_chars++) {
			o += cjk_char_at(name, nlen, o, &c);
			if (!cjk_is_hanzi(c))
				return false;
		}
		if (name_chars < 2 || name_chars > 4)
			return false;
		bp->name_len = nlen;
	}
	if (nparts == 1 && !bp->role)
		return false;

	for (size_t i = 0; i < nparts; i++) {
		if (i)
			bt_add(&bp->norm, " ", 1);
		if (i == nparts - 1)
			bp->name_off = bp->norm.len;
		bt_add(&bp->norm, s + part_off[i], part_len[i]);
		if (i < nparts - 1) {
			if (i)
				bt_add(&bp->rest, " ", 1);
			bp->last_part = bp->rest.len;
			bt_add(&bp->rest, s + part_off[i], part_len[i]);
		}
	}
	bp->nrest = nparts - 1;
	if (bp->nrest == 0) {
		bp->place_len = 0;
		bp->title_off = 0;
		return true;
	}
	if (split_place(bp))
		return true;
	if (bp->nrest >= 2 && title_like(bp->rest.data + bp->last_part, bp->rest.len - bp->last_part)) {
		bp->place_len = bp->last_part - 1;
		bp->title_off = bp->last_part;
		return true;
	}
	if (title_like(bp->rest.data, bp->rest.len)) {
		bp->place_len = 0;
		bp->title_off = 0;
		return true;
	}
	if (bp->role) {
		bp->place_len = bp->rest.len;
		bp->title_off = bp->rest.len;
		return true;
	}
	return false;
}

/* Fill sp from the byline s[0..len) that byline_scan recognised as bp, with
 * owned strings, except that when `line` is not NULL (it is s, and a NUL may
 * go at s[len]) and the byline is printed in normal form (one space between
 * its parts), the byline and the name that ends it point into it, so that a
 * large archive keeps no copies of them. */
static void byline_fill(const struct byline_parts *bp, size_t len, struct speaker *sp, char *line)
{
	struct buf pt;
	const char *r = bp->rest.data;
	const char *name = bp->norm.data + bp->name_off;
	size_t n, nlen = bp->name_len, blen = bp->norm.len;

	if (line && blen == len && memcmp(line, bp->norm.data, blen) == 0) {
		line[blen] = '\0';
		sp->byline = line;
		sp->name = nlen <= blen && memcmp(line + blen - nlen, name, nlen) == 0
			? line + blen - nlen : xstrndup(name, nlen);
	} else {
		sp->byline = xstrndup(bp->norm.data, blen);
		sp->name = xstrndup(name, nlen);
	}
	/* Place and title share one allocation, owned by place: "place\0title". */
	buf_init(&pt);
	buf_add(&pt, r, bp->place_len);
	buf_addc(&pt, '\0');
	buf_add(&pt, r + bp->title_off, bp->rest.len - bp->title_off);
	if (bp->role) {
		if (pt.len > bp->place_len + 1)
			buf_adds(&pt, "、");
		buf_adds(&pt, bp->role);
	}
	sp->place = buf_take(&pt, &n);
	sp->place = xrealloc(sp->place, n + 1); /* no slack from growing */
	sp->title = sp->place + bp->place_len + 1;
}

/* Recognise a byline in s[0..len) into bp; false if it is none. */
static bool byline_recognise(const char *s, size_t len, struct byline_parts *bp)
{
	bp->norm.len = bp->rest.len = 0;
	bp->norm.data[0] = bp->rest.data[0] = '\0';
	return byline_scan(s, len, bp);
}

/* Whether s[0..len) is a byline; if sp is not NULL, fill it with owned strings. */
static bool byline_parse(const char *s, size_t len, struct speaker *sp)
{
	struct byline_parts bp;

	if (!byline_recognise(s, len, &bp))
		return false;
	if (sp)
		byline_fill(&bp, len, sp, NULL);
	return true;
}

/* Find a `title+name:` prefix in s[0..len); return the offset after the colon, or 0. */
static size_t colon_byline(const char *s, size_t len, struct speaker *sp)
{
	size_t lim = len < BYLINE_MAX_CHARS * 4 + 3 ? len : BYLINE_MAX_CHARS * 4 + 3;
	const char *a = memchr(s, ':', lim);
	const char *f = memmem(s, lim, "：", 3);
	const char *colon = a && (!f || a < f) ? a : f;
	size_t end;

	if (!colon || colon == s)
		return 0;
	end = cjk_rtrim(s, (size_t)(colon - s));
	if (!byline_parse(s, end, sp))
		return 0;
	return (size_t)(colon - s) + (colon == a ? 1 : 3);
}
/* ---- other line shapes ---- */

static bool headline_like(const char *s, size_t len)
{
	return len > 0 && cjk_at_most_chars(s, len, HEADLINE_MAX_CHARS) &&
	       !cjk_ends_sentence(s, len);
}

/* An editor's note closing the intro: ——编  者, —— 编者, ——编者按. */
static bool editor_like(const char *s, size_t len)
{
	struct buf b;
	bool ok;
	size_t off = 0;

	if (len > 40 || !(cjk_has_prefix(s, len, "—") || cjk_has_prefix(s, len, "-")))
		return false;
	while (off < len && (cjk_has_prefix(s + off, len - off, "—") || s[off] == '-'))
		off += s[off] == '-' ? 1 : 3;
	buf_init(&b);
	while (off < len) {
		size_t n = cjk_blank_len(s, len, off);

		if (n) {
			off += n;
			continue;
		}
		buf_addc(&b, s[off++]);
	}
	ok = b.len && (!strcmp(b.data, "编者") || !strcmp(b.data, "编者按") || !strcmp(b.data, "编辑"));
	buf_free(&b);
	return ok;
}

static bool topic_like(const char *s, size_t len)
{
	return len > 0 && cjk_at_most_chars(s, len, TOPIC_MAX_CHARS) &&
	       !cjk_ends_sentence(s, len) && !cjk_contains(s, len, "，") && !cjk_contains(s, len, ",") &&
	       !cjk_contains(s, len, "。") && !editor_like(s, len) && !byline_parse(s, len, NULL);
}

static bool title_line_like(const char *s, size_t len)
{
	return cjk_at_most_chars(s, len, TITLE_MAX_CHARS) && !cjk_contains(s, len, "。") &&
	       !cjk_ends_sentence(s, len) && !editor_like(s, len);
}

/* A closing line such as （记者 张三 整理）, (本报记者 ...) or 本版编辑 ... */
static bool trailer_like(const char *s, size_t len)
{
	bool bracketed;

	if (!cjk_at_most_chars(s, len, TRAILER_MAX_CHARS))
		return false;
	bracketed = (cjk_has_prefix(s, len, "（") && cjk_has_suffix(s, len, "）")) ||
		    (cjk_has_prefix(s, len, "(") && cjk_has_suffix(s, len, ")"));
	if (bracketed)
		return cjk_contains(s, len, "记者") || cjk_contains(s, len, "整理") || cjk_contains(s, len, "编辑") ||
		       cjk_contains(s, len, "本报") || cjk_contains(s, len, "供稿");
	return cjk_has_prefix(s, len, "本版编辑") || cjk_has_prefix(s, len, "责任编辑") ||
	       cjk_has_prefix(s, len, "本版责编") || cjk_has_prefix(s, len, "责编");
}
/* ---- building the model ---- */

/* Add a "line N: ..." note for --check, keeping at most MAX_WARNINGS. */
__attribute__((format(printf, 3, 4)))
static void warn(struct parse *p, size_t lineno, const char *fmt, ...)
{
	struct article *a = p->a;
	char msg[512];
	struct buf b;
	va_list ap;

	if (a->nwarnings >= MAX_WARNINGS) {
		p->lost_warnings++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	buf_init(&b);
	buf_printf(&b, "line %zu: %s", lineno, msg);
	a->warnings = xrealloc(a->warnings, (a->nwarnings + 1) * sizeof *a->warnings);
	a->warnings[a->nwarnings++] = buf_take(&b, NULL);
}

/* Whether s[0..len), a part of the source without line ends, holds a control
 * character. Most sources hold none, and then no line needs looking at. */
static bool has_controls(const struct parse *p, const char *s, size_t len)
{
	return !p->no_controls && text_has_controls(s, len);
}

/* An owned, control-free copy of s[0..len). */
static char *clean_dup(const struct parse *p, const char *s, size_t len)
{
	if (has_controls(p, s, len))
		return text_sanitize(s, len, false, NULL);
	return xstrndup(s, len);
}

/* Whether a NUL may go at src[off]: the end of the source, or a line end or
 * blank that trimming already left out of every line's text. */
static bool nul_fits(const struct article *a, size_t off)
{
	char c = off < a->src_len ? a->src[off] : '\0';

	return c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '\0';
}

/* Line `sp` as a string: in the source itself (a NUL over the line end after
 * it) when it has no controls, else a sanitized copy. Free with str_free. */
static char *span_str(struct parse *p, const struct span *sp)
{
	char *s = p->a->src + sp->off;

	if (!has_controls(p, s, sp->len) && nul_fits(p->a, sp->off + sp->len)) {
		s[sp->len] = '\0';
		return s;
	}
	return clean_dup(p, s, sp->len);
}

/* Fill the speaker from the byline at line `l`, recognised as bp, in the
 * source where it can be. */
static void speaker_in_place(struct parse *p, const struct span *l, const struct byline_parts *bp,
			     struct speaker *sp)
{
	char *s = p->a->src + l->off;

	byline_fill(bp, l->len, sp, nul_fits(p->a, l->off + l->len) ? s : NULL);
}

/* A count or length of the model as stored (32 bits). DOC_MAX_BYTES and
 * DOC_MAX_GROWTH bound every one of them (doc.h), so this never fails. */
static uint32_t para_len(size_t n)
{
	if (n > UINT32_MAX)
		fatal(EXIT_TROUBLE, "internal error: %zu does not fit the model's 32 bits", n);
	return (uint32_t)n;
}

static void add_piece(struct parse *p, size_t text_off, size_t src_off, size_t len)
{
	if (len == 0)
		return;
	if (p->npool == p->pool_cap) /* cannot happen: the pool is sized up front */
		fatal(EXIT_TROUBLE, "internal error: piece pool exhausted");
	p->pool[p->npool++] = (struct piece){para_len(text_off), para_len(src_off), para_len(len)};
}

/* Append one fragment to b, sanitizing controls; pieces map the unchanged runs. */
static void append_fragment(struct parse *p, struct buf *b, const struct span *sp)
{
	const char *s = p->a->src + sp->off;
	size_t len = sp->len, run = 0, off = 0, n;

	while (off < len) {
		n = text_control_len(s + off, len - off);
		if (!n) {
			off++;
			continue;
		}
		add_piece(p, b->len, sp->off + run, off - run);
		buf_add(b, s + run, off - run);
		{
			size_t olen;
			char *t = text_sanitize(s + off, n, false, &olen);

			buf_add(b, t, olen);
			free(t);
		}
		off += n;
		run = off;
	}
	add_piece(p, b->len, sp->off + run, len - run);
	buf_add(b, s + run, len - run);
}

/* Whether none of the fragments frag[0..n) holds a control character. */
static bool fragments_clean(const struct parse *p, const struct span *frag, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (has_controls(p, p->a->src + frag[k].off, frag[k].len))
			return false;
	return true;
}

/* Rejoin fragments frag[0..n) (n >= 2, free of controls) where the first one
 * lies: each later fragment is moved left to follow the previous one. Only blank
 * lines and line ends lie between fragments, and at least one byte of them, so
 * the joined text (with a space between two ASCII letters or digits) never
 * reaches past the last fragment's end, where a NUL is written. Pieces record
 * where each fragment now lies in the source. Returns the joined length. */
static size_t join_in_place(struct parse *p, const struct span *frag, size_t n)
{
	char *dst = p->a->src + frag[0].off;
	size_t len = frag[0].len;

	add_piece(p, 0, frag[0].off, len);
	for (size_t k = 1; k < n; k++) {
		if (cjk_is_ascii_alnum(dst[len - 1]) && cjk_is_ascii_alnum(p->a->src[frag[k].off]))
			dst[len++] = ' ';
		memmove(dst + len, p->a->src + frag[k].off, frag[k].len);
		add_piece(p, len, frag[0].off + len, frag[k].len);
		len += frag[k].len;
	}
	dst[len] = '\0';
	return len;
}

static size_t lead_of(const char *s, size_t len)
{
	const char *e = cjk_find(s, len, "。", 3);

	return e ? (size_t)(e - s) + 3 : 0;
}

/* Whether fragments frag[0..n) are known to hold only characters that fold
 * to themselves: the scan kept the offset of every one that does not. A
 * paragraph made of them (joined, or with a space between) then folds to
 * itself, and no filter need look (struct para's fold). */
static bool frags_plain(const struct parse *p, const struct span *frag, size_t n)
{
	const struct text_scan *sc = p->sc;

	if (sc->nfolds > TEXT_SCAN_FOLDS)
		return false;
	for (size_t k = 0; k < sc->nfolds; k++)
		for (size_t i = 0; i < n; i++)
			if (sc->fold_at[k] >= frag[i].off && sc->fold_at[k] < frag[i].off + frag[i].len)
				return false;
	return true;
}

/* Turn fragments frag[0..n) into paragraphs, rejoining page-break splits; returns the count. */
static size_t build_paras(struct parse *p, const struct span *frag, size_t n, struct para **out)
{
	struct article *a = p->a;
	struct para *paras = p->paras + p->nparas;
	size_t np = 0;

	if (n > p->paras_cap - p->nparas) /* cannot happen: a paragraph takes a line or more */
		fatal(EXIT_TROUBLE, "internal error: paragraph store exhausted");
	memset(paras, 0, n * sizeof *paras);

	for (size_t i = 0; i < n;) {
		size_t j = i;
		struct para *pa = &paras[np++];
		const char *s = a->src + frag[i].off;
		size_t first = p->npool, len;

		while (j + 1 < n && !cjk_ends_sentence(a->src + frag[j].off, frag[j].len))
			j++;
		a->rejoined += j - i;
		if (j == i && !has_controls(p, s, frag[i].len) &&
		    (frag[i].off + frag[i].len == a->src_len || s[frag[i].len] == '\n' ||
		     s[frag[i].len] == '\r' || s[frag[i].len] == ' ' || s[frag[i].len] == '\t' ||
		     s[frag[i].len] == '\0')) {
			a->src[frag[i].off + frag[i].len] = '\0';
			pa->text = s;
			pa->len = para_len(frag[i].len);
			pa->owned = false;
			add_piece(p, 0, frag[i].off, frag[i].len);
		} else if (j > i && fragments_clean(p, frag + i, j - i + 1)) {
			pa->text = s;
			pa->len = para_len(join_in_place(p, frag + i, j - i + 1));
			pa->owned = false;
		} else {
			struct buf b;

			buf_init(&b);
			for (size_t k = i; k <= j; k++) {
				if (k > i && b.len && cjk_is_ascii_alnum(b.data[b.len - 1]) &&
				    cjk_is_ascii_alnum(a->src[frag[k].off]))
					buf_addc(&b, ' ');
				append_fragment(p, &b, &frag[k]);
			}
			pa->text = buf_take(&b, &len);
			pa->len = para_len(len);
			pa->owned = true;
		}
		pa->pieces = p->pool + first;
		pa->npieces = para_len(p->npool - first);
		pa->lead_len = p->stripping ? 0 : para_len(lead_of(pa->text, pa->len));
		pa->fold = frags_plain(p, frag + i, j - i + 1) ? PARA_FOLD_SELF : PARA_FOLD_UNKNOWN;
		i = j + 1;
	}
	p->nparas += np;
	*out = np ? paras : NULL;
	return np;
}

/* Split src into trimmed non-empty lines; returns the count. `ends` is the
 * number of LF and CR bytes in src, `cr` that of CR alone. */
static size_t split_lines(const char *src, size_t len, size_t ends, size_t cr, struct span **out)
{
	/* At most one line per line end, plus one. */
	struct span *v = xmalloc((ends + 1) * sizeof *v);
	size_t n = 0, lineno = 1, off = 0;

	while (off < len) {
		size_t start = off, end, b;

		if (cr == 0) {
			const char *nl = memchr(src + off, '\n', len - off);

			off = nl ? (size_t)(nl - src) : len;
		} else {
			while (off < len && src[off] != '\n' && src[off] != '\r')
				off++;
		}
		end = off;
		while (start < end && (b = cjk_blank_len(src, end, start)) != 0)
			start += b;
		end = start + cjk_rtrim(src + start, end - start);
		if (start < end) {
			v[n++] = (struct span){start, end - start, lineno};
		}
		if (off < len) {
			if (src[off] == '\r' && off + 1 < len && src[off + 1] == '\n')
				off++;
			off++;
			lineno++;
		}
	}
	*out = v;
	return n;
}

/* Paragraphs of lines [from, to) into *paras. */
static size_t range_paras(struct parse *p, size_t from, size_t to, struct para **paras)
{
	if (from >= to) {
		*paras = NULL;
		return 0;
	}
	return build_paras(p, p->lines + from, to - from, paras);
}

/* The article title and the intro (with an editor's line) before line `first`. */
static void parse_front(struct parse *p, size_t first)
{
	struct article *a = p->a;
	size_t from = 0, to = first;

	if (first > 0 && title_line_like(a->src + p->lines[0].off, p->lines[0].len) &&
	    !editor_like(a->src + p->lines[0].off, p->lines[0].len)) {
		a->title = span_str(p, &p->lines[0]);
		from = 1;
	} else {
		a->title = xstrdup("");
	}
	if (to > from && editor_like(a->src + p->lines[to - 1].off, p->lines[to - 1].len)) {
		a->editor = span_str(p, &p->lines[to - 1]);
		to--;
	}
	a->nintro = range_paras(p, from, to, &a->intro);
}

/* Take a trailer off the end of lines [from, *to). */
static void parse_trailer(struct parse *p, size_t from, size_t *to)
{
	const struct span *l;

	if (*to <= from)
		return;
	l = &p->lines[*to - 1];
	if (trailer_like(p->a->src + l->off, l->len)) {
		p->a->trailer = span_str(p, l);
		(*to)--;
	}
}

/* fold_invariant(str): str is made of line `l`'s characters (and spaces,
 * if blanks were made one space), so a line the scan knows to hold none
 * that folds to something else answers without looking; l may be NULL. */
static bool str_invariant(const struct parse *p, const struct span *l, const char *str)
{
	return str && ((l && frags_plain(p, l, 1)) || fold_invariant(str, strlen(str)));
}

/* Note which of the section's heading strings fold to themselves, from the
 * lines they came from where known (NULL: not known); warn about a section
 * without text, or one whose last line looks like a lost headline. */
static void finish_section(struct parse *p, struct section *s, size_t last_line, const struct span *topic,
			   const struct span *headline, const struct span *byline)
{
	const struct para *last;

	s->topic_invariant = str_invariant(p, topic, s->topic);
	s->headline_invariant = str_invariant(p, headline, s->headline);
	s->byline_invariant = str_invariant(p, byline, s->speaker.byline);
	if (s->npara == 0) {
		warn(p, s->line, "section of %s has a byline but no text", s->speaker.name);
		return;
	}
	last = &s->paras[s->npara - 1];
	if (headline_like(last->text, last->len) && last_line < p->nlines)
		warn(p, p->lines[last_line].lineno, "headline-like line with no byline after it");
}

/* Sections introduced by regular bylines at lines byl[0..nb). */
static void parse_regular(struct parse *p, const size_t *byl, size_t nb)
{
	struct article *a = p->a;
	size_t *head = xmalloc(nb * sizeof *head); /* first heading line of each section */
	size_t *hl = xmalloc(nb * sizeof *hl);     /* headline line, or SIZE_MAX */
	size_t *tp = xmalloc(nb * sizeof *tp);     /* topic line, or SIZE_MAX */

	for (size_t k = 0; k < nb; k++) {
		size_t b = byl[k];
		size_t floor = k ? byl[k - 1] + 1 : 0; /* headings start at or after this line */

		hl[k] = tp[k] = SIZE_MAX;
		head[k] = b;
		if (b > floor) {
			const struct span *h = &p->lines[b - 1];

			if (headline_like(a->src + h->off, h->len) && !editor_like(a->src + h->off, h->len)) {
				hl[k] = b - 1;
				head[k] = b - 1;
			}
		}
		/* A topic line above the headline, but never the article title (line 0). */
		if (hl[k] != SIZE_MAX && hl[k] >= 2 && hl[k] - 1 >= floor) {
			const struct span *t = &p->lines[hl[k] - 1];

			if (topic_like(a->src + t->off, t->len)) {
				tp[k] = hl[k] - 1;
				head[k] = tp[k];
			}
		}
	}
	parse_front(p, head[0]);

	a->sections = xcalloc(nb, sizeof *a->sections);
	a->nsections = nb;
	for (size_t k = 0; k < nb; k++) {
		struct section *s = &a->sections[k];
		size_t from = byl[k] + 1, to = k + 1 < nb ? head[k + 1] : p->nlines;

		s->article = a;
		s->topic = tp[k] != SIZE_MAX ? span_str(p, &p->lines[tp[k]]) : NULL;
		s->headline = hl[k] != SIZE_MAX ? span_str(p, &p->lines[hl[k]]) : xstrdup("");
		s->src_off = p->lines[head[k]].off;
		s->line = p->lines[head[k]].lineno;
		speaker_in_place(p, &p->lines[byl[k]], &p->bylines[k], &s->speaker);
		if (hl[k] == SIZE_MAX)
			warn(p, p->lines[byl[k]].lineno, "byline of %s has no headline above it",
			     s->speaker.name);
		if (k + 1 == nb)
			parse_trailer(p, from, &to);
		s->npara = range_paras(p, from, to, &s->paras);
		finish_section(p, s, to - 1, tp[k] != SIZE_MAX ? &p->lines[tp[k]] : NULL,
			       hl[k] != SIZE_MAX ? &p->lines[hl[k]] : NULL, &p->lines[byl[k]]);
	}
	free(head);
	free(hl);
	free(tp);
}

/* Sections that open with `title+name:` at lines col[0..nc). */
static void parse_colon(struct parse *p, const size_t *col, size_t nc)
{
	struct article *a = p->a;

	parse_front(p, col[0]);
	a->sections = xcalloc(nc, sizeof *a->sections);
	a->nsections = nc;
	for (size_t k = 0; k < nc; k++) {
		struct section *s = &a->sections[k];
		struct span *l = &p->lines[col[k]];
		size_t from = col[k], to = k + 1 < nc ? col[k + 1] : p->nlines;
		size_t skip = colon_byline(a->src + l->off, l->len, &s->speaker), b;

		s->article = a;
		s->headline = xstrdup("");
		s->src_off = l->off;
		s->line = l->lineno;
		if (k + 1 == nc)
			parse_trailer(p, from + 1, &to);
		/* The first paragraph is the text after the colon. */
		while (skip < l->len && (b = cjk_blank_len(a->src + l->off, l->len, skip)) != 0)
			skip += b;
		l->off += skip;
		l->len -= skip;
		if (l->len == 0)
			from++;
		s->npara = range_paras(p, from, to, &s->paras);
		finish_section(p, s, to - 1, NULL, NULL, NULL);
	}
}

/* Move the paragraphs into an allocation of the size used (the store was sized
 * for a paragraph per line), and point the intro and the sections at it. */
static void trim_paras(struct parse *p)
{
	struct article *a = p->a;
	struct para *exact = NULL;

	if (p->nparas) {
		exact = xmalloc(p->nparas * sizeof *exact);
		memcpy(exact, p->paras, p->nparas * sizeof *exact);
	}
	if (a->intro)
		a->intro = exact + (a->intro - p->paras);
	for (size_t i = 0; i < a->nsections; i++)
		if (a->sections[i].paras)
			a->sections[i].paras = exact + (a->sections[i].paras - p->paras);
	free(p->paras);
	p->paras = exact;
	p->paras_cap = p->nparas;
	a->para_store = exact;
}

/* Point paragraphs v[0..n) at the same pieces in the copy `to` of pool `from`. */
static void rebase_pieces(struct para *v, size_t n, const struct piece *from, struct piece *to)
{
	for (size_t i = 0; i < n; i++)
		v[i].pieces = to + (v[i].pieces - from);
}

/* Move the pieces into an allocation of the size used: the pool was sized for
 * the worst case (a piece per line and per control character), while headlines,
 * bylines and the title take none. */
static void trim_pool(struct parse *p)
{
	struct article *a = p->a;
	struct piece *exact;

	if (p->npool == p->pool_cap)
		return;
	exact = xmalloc((p->npool ? p->npool : 1) * sizeof *exact);
	memcpy(exact, p->pool, p->npool * sizeof *exact);
	rebase_pieces(a->intro, a->nintro, p->pool, exact);
	for (size_t i = 0; i < a->nsections; i++)
		rebase_pieces(a->sections[i].paras, a->sections[i].npara, p->pool, exact);
	free(p->pool);
	p->pool = exact;
	p->pool_cap = p->npool;
	a->piece_store = exact;
}

/* Recognise the structure of a->src, whose scan is `sc`, and fill the
 * article; `stripping` if it is to be stripped once the parsed hook has
 * seen it (then no paragraph has its lead_len). */
void doc_parse_article(struct article *a, const struct text_scan *sc, bool stripping)
{
	struct parse p = {.a = a, .no_controls = sc->controls == 0, .sc = sc, .stripping = stripping};
	size_t *found = NULL, nfound = 0, cap = 0, bcap = 0;
	struct byline_parts bp;

	p.nlines = split_lines(a->src, a->src_len, sc->lf + sc->cr, sc->cr, &p.lines);
	/* A piece per line, and one more per control character, which may split one. */
	p.pool_cap = p.nlines + sc->controls + 1;
	p.pool = xmalloc(p.pool_cap * sizeof *p.pool);
	a->piece_store = p.pool;
	/* A paragraph per line at most. */
	p.paras_cap = p.nlines;
	p.paras = xmalloc((p.paras_cap ? p.paras_cap : 1) * sizeof *p.paras);

	for (size_t i = 0; i < p.nlines; i++)
		if (byline_recognise(a->src + p.lines[i].off, p.lines[i].len, &bp)) {
			found = xgrow(found, &cap, nfound + 1, sizeof *found);
			p.bylines = xgrow(p.bylines, &bcap, nfound + 1, sizeof *p.bylines);
			p.bylines[nfound] = bp;
			found[nfound++] = i;
		}
	if (nfound) {
		parse_regular(&p, found, nfound);
	} else {
		for (size_t i = 0; i < p.nlines; i++)
			if (colon_byline(a->src + p.lines[i].off, p.lines[i].len, NULL)) {
				found = xgrow(found, &cap, nfound + 1, sizeof *found);
				found[nfound++] = i;
			}
		if (nfound)
			parse_colon(&p, found, nfound);
	}
	if (!nfound) {
		if (p.nlines > 1) {
			parse_front(&p, p.nlines);
		} else {
			a->title = xstrdup("");
			a->nintro = range_paras(&p, 0, p.nlines, &a->intro);
		}
		a->why_empty = xstrdup(p.nlines == 0
			? "the text is blank"
			: "no byline found: expected a line like '新郑市城关乡党委书记 马东亮' after a headline, "
			  "or a speech opening with '张三代表:'");
	}
	if (p.lost_warnings) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "%zu more warnings not shown", p.lost_warnings);
		a->warnings = xrealloc(a->warnings, (a->nwarnings + 1) * sizeof *a->warnings);
		a->warnings[a->nwarnings++] = buf_take(&b, NULL);
	}
	if (stripping) { /* they go with the paragraphs, once counted */
		a->para_store = p.paras;
	} else {
		trim_paras(&p);
		trim_pool(&p);
	}
	free(p.bylines);
	free(found);
	free(p.lines);
}