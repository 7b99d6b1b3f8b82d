/* byline.c: the line that names who speaks. Published pages print it in a
 * handful of forms (byline.h): post and name apart or fused, the name first
 * with the post in brackets, a name and a role word alone; and around it a
 * dash before or after, or a colon with the speech following. A line is a
 * byline by its shape; names.h's surnames and post endings only weigh
 * between readings and set the strength the parser's layout choice uses. */
#include "fayan/byline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/cjk.h"
#include "fayan/names.h"
#include "fayan/text.h"
#include "fayan/util.h"

#define SPACED_MAX_CHARS 48  /* longest post-blank-name byline */
#define BRACKET_MAX_CHARS 96 /* longest byline with its post in brackets */
#define INLINE_HEAD_BYTES (BRACKET_MAX_CHARS * 3 + 8) /* where an inline byline's colon may be */

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

/* Endings of place names, longest first where one ends another; place_end
 * lists the last character of each. */
static const struct word place_words[] = {
	WORD("办事处"), WORD("管委会"), WORD("自治区"), WORD("街道"), WORD("社区"), WORD("嘎查"),
	WORD("省"), WORD("市"), WORD("州"), WORD("盟"), WORD("县"), WORD("旗"), WORD("区"),
	WORD("乡"), WORD("镇"), WORD("村"), {NULL, 0}};

/* Whether c ends one of place_words: the words are tried only after it. */
static bool place_end(uint32_t c)
{
	switch (c) {
	case U'处': case U'会': case U'区': case U'道': case U'查': case U'省': case U'市': case U'州':
	case U'盟': case U'县': case U'旗': case U'乡': case U'镇': case U'村':
		return true;
	default:
		return false;
	}
}

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

static void bt_add(struct byline_text *t, const char *s, size_t n)
{
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
}

bool byline_split_post(const char *s, size_t len, size_t *place_len, size_t *title_off)
{
	for (size_t p = len; p > 0; p--) {
		uint32_t c;

		if (p == len || ((unsigned char)s[p] & 0xC0) == 0x80)
			continue;
		if (p < 3 || cjk_char_at(s, p, p - 3, &c) != 3 || !place_end(c))
			continue;
		for (const struct word *w = place_words; w->s; w++) {
			size_t wl = w->len;

			if (!cjk_has_suffix_n(s, p, w->s, wl))
				continue;
			/* 郑州市委书记: the 市 belongs to the title 市委书记. */
			if (wl == 3 && cjk_has_prefix(s + p, len - p, "委") && p > wl) {
				*place_len = p - wl;
				*title_off = p - wl;
				return true;
			}
			/* 某某省电力有限公司党委书记: a company named after its place
			 * is one post, not cut after the place. */
			if (cjk_contains(s + p, len - p, "公司") || cjk_contains(s + p, len - p, "集团"))
				continue;
			if (title_like(s + p, len - p)) {
				*place_len = p;
				*title_off = s[p] == ' ' ? p + 1 : p;
				return true;
			}
		}
	}
	*place_len = 0;
	*title_off = 0;
	return false;
}

/* Whether s[0..len) (trimmed) ends in 2-6 hanzi after a blank or from its
 * start: a name of 2-4 and perhaps 代表 or 委员. Every spaced byline does; a
 * line of text seldom does, and this tells so from its last character or two. */
static bool byline_tail(const char *s, size_t len)
{
	size_t end = len, n = 0, dots = 0;

	while (end > 0) {
		const unsigned char *u = (const unsigned char *)s + end;
		size_t lc;
		uint32_t c;

		/* Lead bytes E5-E9 begin hanzi only (U+5000-U+9FFF): no decoding. */
		if (end >= 3 && u[-3] >= 0xE5 && u[-3] <= 0xE9 && (u[-2] & 0xC0) == 0x80 && (u[-1] & 0xC0) == 0x80) {
			if (++n > (dots ? 16 : 6))
				return false;
			end -= 3;
			continue;
		}
		lc = cjk_last_char_off(s, end);
		if (cjk_blank_len(s, end, lc) == end - lc)
			break;
		cjk_char_at(s, end, lc, &c);
		if (c == 0x00B7 || c == 0x30FB)
			dots++;
		else if (!text_is_han(c))
			return false;
		if (++n > (dots ? 16 : 6))
			return false;
		end = lc;
	}
	if (dots)
		return n >= 3;
	if (n == 1 && end > 0) {
		/* 程  立: a name of two printed with blanks between them. */
		size_t bl = 0, lc;
		uint32_t c;

		while (end > bl && cjk_blank_len(s, end, cjk_last_char_off(s, end - bl)) != 0)
			bl = end - cjk_last_char_off(s, end - bl);
		if (bl == 0 || bl == end)
			return false;
		lc = cjk_last_char_off(s, end - bl);
		cjk_char_at(s, end, lc, &c);
		return text_is_han(c) && (lc == 0 || cjk_blank_len(s, lc, cjk_last_char_off(s, lc)));
	}
	return n >= 2;
}

/* The role word (代表, 委员) that ends s[0..*len), taken off *len; NULL if none
 * or if what is left is not 2-4 characters or longer (a name, or a post and a name). */
static const char *take_role(const char *s, size_t *len)
{
	static const char *const roles[] = {"代表", "委员", "副教授", "教授", "院士", "副研究员", "研究员", NULL};

	/* The last byte first: most strings end in none of them. */
	if (*len < 6 || !strchr("\xA8\x98\x88\xAB", s[*len - 1]))
		return NULL;
	for (const char *const *r = roles; *r; r++) {
		size_t n = strlen(*r);

		if (cjk_has_suffix_n(s, *len, *r, n) && cjk_count_chars(s, *len - n, 2) >= 2) {
			*len -= n;
			return *r;
		}
	}
	return NULL;
}

/* Whether s[0..len), a name printed alone with a role word, reads as one:
 * a surname and one or two characters more (a compound surname and up to
 * two): 全国政协委员 is a post, not a name. */
static bool short_name(const char *s, size_t len)
{
	size_t sl = names_surname_len(s, len), n = cjk_count_chars(s, len, 5);

	return sl && (n <= 3 || (sl == 6 && n <= 4));
}

/* A title printed after a name (沈继红院长) that ends s[0..*len), taken
 * off *len, where what is left is a name of two or three with a surname;
 * NULL if none. */
static const char *take_title(const char *s, size_t *len)
{
	static const char *const titles[] = {"院长", "校长", "部长", "局长", "处长", "所长", "会长", "社长",
					     "主任", "书记", "老师", "馆长", "行长", "厂长", NULL};

	for (const char *const *t = titles; *t; t++)
		if (*len > 6 && cjk_has_suffix_n(s, *len, *t, 6) && short_name(s, *len - 6) &&
		    cjk_count_chars(s, *len - 6, 4) >= 2) {
			*len -= 6;
			return *t;
		}
	return NULL;
}

/* Recognise post, blank, name in s[0..len) and fill b's spaced fields. */
static bool scan_spaced(const char *s, size_t len, struct byline *b)
{
	size_t off = 0, part_start = 0, nparts = 0, nchars = 0, name_chars;
	size_t part_off[SPACED_MAX_CHARS + 1], part_len[SPACED_MAX_CHARS + 1];

	if (len == 0 || len > SPACED_MAX_CHARS * 4 || !byline_tail(s, len))
		return false;
	while (off < len) {
		size_t bl;
		uint32_t c;

		/* A hanzi (lead bytes E4-E9) is neither a blank nor rejected. */
		if ((unsigned char)s[off] >= 0xE4 && (unsigned char)s[off] <= 0xE9 && off + 3 <= len) {
			off += 3;
			if (++nchars > SPACED_MAX_CHARS)
				return false;
			continue;
		}
		bl = cjk_blank_len(s, len, off);
		if (bl) {
			size_t run = 0, start = off;
			bool padding = false;

			if (s[off] == '\t')
				return false;
			while (off < len && (bl = cjk_blank_len(s, len, off)) != 0 && s[off] != '\t') {
				padding |= bl > 1;
				off += bl;
				run++;
			}
			/* One or two blanks between parts; a name may be set off
			 * by a few more where no-break spaces pad it. */
			if (run > (padding ? 4u : 2u) || start == 0 || off == len)
				return false;
			part_off[nparts] = part_start;
			part_len[nparts++] = start - part_start;
			part_start = off;
			continue;
		}
		off += cjk_char_at(s, len, off, &c);
		/* A post may hold a comma (全国人大代表，某某集团董事长). */
		if (++nchars > SPACED_MAX_CHARS || c < 0x20 || (c >= 0x7F && c < 0xA0) ||
		    (byline_reject(c) && c != 0xFF0C && c != ','))
			return false;
	}
	part_off[nparts] = part_start;
	part_len[nparts++] = len - part_start;
	/* 程  立: the last two parts of one character each are the name. */
	b->padded = false;
	if (nparts >= 3 && cjk_count_chars(s + part_off[nparts - 1], part_len[nparts - 1], 2) == 1 &&
	    cjk_count_chars(s + part_off[nparts - 2], part_len[nparts - 2], 2) == 1) {
		part_len[nparts - 2] = part_off[nparts - 1] + part_len[nparts - 1] - part_off[nparts - 2];
		nparts--;
		b->padded = true;
	}
	if (cjk_contains(s + part_off[nparts - 1], part_len[nparts - 1], "，") ||
	    memchr(s + part_off[nparts - 1], ',', part_len[nparts - 1]))
		return false;

	/* The name: 2-4 hanzi, possibly followed by 代表 or 委员. */
	{
		const char *name = s + part_off[nparts - 1];
		size_t nlen = part_len[nparts - 1];
		uint32_t c;

		b->role = take_role(name, &nlen);
		if (b->role && cjk_count_chars(name, nlen, 5) > 4) {
			b->role = NULL;
			nlen = part_len[nparts - 1];
		}
		/* 数学学院 沈继红院长: a title after a name printed apart. */
		if (!b->role && !b->padded && nparts > 1)
			b->role = take_title(name, &nlen);
		name_chars = 0;
		for (size_t o = 0; o < nlen; name_chars++) {
			size_t bl = cjk_blank_len(name, nlen, o);

			if (bl && b->padded) {
				o += bl;
				name_chars--;
				continue;
			}
			o += cjk_char_at(name, nlen, o, &c);
			if (!text_is_han(c) && !(c == 0x00B7 || c == 0x30FB))
				return false;
		}
		if (name_chars < 2 || (name_chars > 4 && !names_is_name(name, nlen)))
			return false;
		b->name_off = part_off[nparts - 1];
		b->name_len = nlen;
	}
	/* A name and a role word alone (王丽娟代表): the name has a surname
	 * (学生代表 is no byline). */
	if (nparts == 1 && (!b->role || !short_name(s + b->name_off, b->name_len)))
		return false;

	b->norm.len = b->rest.len = 0;
	b->norm.data[0] = b->rest.data[0] = '\0';
	for (size_t i = 0; i < nparts; i++) {
		if (i)
			bt_add(&b->norm, " ", 1);
		if (i == nparts - 1)
			b->norm_name_off = b->norm.len;
		bt_add(&b->norm, s + part_off[i], part_len[i]);
		if (i < nparts - 1) {
			if (i)
				bt_add(&b->rest, " ", 1);
			b->last_part = b->rest.len;
			bt_add(&b->rest, s + part_off[i], part_len[i]);
		}
	}
	b->nrest = nparts - 1;
	b->form = BYLINE_SPACED;
	b->strength = 2;
	b->post_off = 0;
	b->post_len = nparts > 1 ? part_off[nparts - 2] + part_len[nparts - 2] : 0;
	if (b->nrest == 0) {
		b->place_len = b->title_off = 0;
		return true;
	}
	if (byline_split_post(b->rest.data, b->rest.len, &b->place_len, &b->title_off))
		return true;
	if (b->nrest >= 2 && title_like(b->rest.data + b->last_part, b->rest.len - b->last_part)) {
		b->place_len = b->last_part - 1;
		b->title_off = b->last_part;
		return true;
	}
	b->place_len = b->title_off = 0;
	if (title_like(b->rest.data, b->rest.len))
		return true;
	if (b->role) {
		b->place_len = b->title_off = b->rest.len;
		return true;
	}
	/* No title word: a post of another kind (创始人, 村支书, 志愿者 ...) when
	 * the name has a surname; the layout decides whether the line counts. */
	/* A post of single characters set apart (郑 静 石新明) is a list of
	 * names, not a post. */
	for (size_t i = 0; i + 1 < nparts; i++)
		if (cjk_count_chars(s + part_off[i], part_len[i], 2) < 2)
			return false;
	if (names_surname_len(s + b->name_off, b->name_len) && cjk_count_chars(b->rest.data, b->rest.len, 2) >= 2 &&
	    (b->padded || cjk_count_chars(s + b->name_off, b->name_len, 4) <= 3 ||
	     names_surname_len(s + b->name_off, b->name_len) == 6)) {
		b->strength = 1;
		return true;
	}
	return false;
}

/* Whether s[0..len) holds at most `most` characters, each one a post may
 * have: no sentence punctuation, no quotes, brackets only balanced. One pass
 * answers both: a line of text fails at its first punctuation. */
static bool post_chars(const char *s, size_t len, size_t most)
{
	int depth = 0;
	size_t n = 0;
	uint32_t c;

	for (size_t off = 0; off < len;) {
		unsigned char u = (unsigned char)s[off];

		if (++n > most)
			return false;
		/* Hanzi (lead bytes E4-E9) are what posts are made of: skipped
		 * without decoding. */
		if (u >= 0xE4 && u <= 0xE9 && off + 3 <= len) {
			off += 3;
			continue;
		}
		off += cjk_char_at(s, len, off, &c);
		if (c == 0xFF08 || c == '(') {
			if (++depth > 1)
				return false;
			continue;
		}
		if (c == 0xFF09 || c == ')') {
			if (--depth < 0)
				return false;
			continue;
		}
		if (c < 0x20 || (c >= 0x7F && c < 0xA0) || byline_reject(c) || c == '\t')
			return false;
	}
	return depth == 0;
}

/* Whether s[0..len) holds a blank. */
static bool has_blank(const char *s, size_t len)
{
	for (size_t off = 0; off < len; off++) {
		unsigned char u = (unsigned char)s[off];

		/* A blank starts with one of these bytes (cjk_blank_len). */
		if (u == ' ' || u == '\t' || ((u == 0xC2 || u == 0xE3) && cjk_blank_len(s, len, off)))
			return true;
	}
	return false;
}

/* Name first, the post in brackets that close the line: 李明华（某某大学教授）,
 * 李明华代表(某某中学副校长). */
static bool scan_bracketed(const char *s, size_t len, struct byline *b)
{
	size_t close, open = 0, nlen;
	bool found = false;

	if (cjk_has_suffix(s, len, "）"))
		close = len - 3;
	else if (len && s[len - 1] == ')')
		close = len - 1;
	else
		return false;
	for (size_t off = 0; off < close; off++)
		if (cjk_has_prefix(s + off, close - off, "（") || s[off] == '(') {
			open = off;
			found = true;
			break;
		}
	if (!found || open == 0)
		return false;
	nlen = cjk_rtrim(s, open);
	b->role = take_role(s, &nlen);
	if (!names_is_name(s, nlen))
		return false;
	b->post_off = open + (s[open] == '(' ? 1 : 3);
	b->post_len = close - b->post_off;
	if (b->post_len == 0 || !post_chars(s + b->post_off, b->post_len, BRACKET_MAX_CHARS))
		return false;
	/* A caption (李明华（视频发言截图）) is not a post: a post ends like one,
	 * or the name carries a role word. */
	if (!b->role && !names_post_end(s + b->post_off, b->post_len))
		return false;
	b->form = BYLINE_NAMED;
	b->name_off = 0;
	b->name_len = nlen;
	b->strength = 2;
	return true;
}

/* Make b a byline of `form` and `strength` found in s[from..to): the post
 * (may be empty) runs from `from` to the name, the name to `to`. */
static void set_found(struct byline *b, enum byline_form form, int strength, size_t from, size_t name, size_t to)
{
	const char *role = b->role;

	memset(b, 0, sizeof *b);
	b->form = (uint8_t)form;
	b->strength = (uint8_t)strength;
	b->role = role;
	b->start = from;
	b->end = to;
	b->post_off = from;
	b->post_len = name - from;
	b->name_off = name;
	b->name_len = to - name;
}

/* A name and a role word alone (赵卫东委员), or post and name fused with or
 * without a role (某某集团董事长李明华代表), or a name, blanks and a post
 * (李明华  某某大学法学院院长). */
static bool scan_fused(const char *s, size_t len, struct byline *b)
{
	size_t nlen = len, split;
	uint32_t c;
	bool blank;

	/* Every form here ends in a name or a role word, hanzi: most lines are
	 * told apart by their last character, before any is checked. */
	if (len < 6 || len > 4 * BYLINE_MAX_CHARS)
		return false;
	cjk_char_at(s, len, cjk_last_char_off(s, len), &c);
	if (!post_chars(s, len, BYLINE_MAX_CHARS) || (!text_is_han(c) && !(has_blank(s, len) && c != ' ')))
		return false;
	b->role = take_role(s, &nlen);
	blank = has_blank(s, nlen);
	if (b->role && names_is_name(s, nlen) && short_name(s, nlen) && !blank) {
		b->form = BYLINE_BARE;
		b->name_off = 0;
		b->name_len = nlen;
		b->post_off = b->post_len = 0;
		b->strength = 2;
		return true;
	}
	if (!blank) {
		split = names_split_fused(s, nlen, b->role != NULL);
		if (!split)
			return false;
		set_found(b, BYLINE_FUSED, b->role || names_post_end(s, split) == 2 ? 2 : 1, 0, split, nlen);
		b->end = len;
		return true;
	}
	/* A name, blanks, a post. */
	{
		size_t n = 0, bl;

		while (n < len && !cjk_blank_len(s, len, n))
			n++;
		/* The first word is a name, or one character of a padded one. */
		if (n > 16 * 4 || (cjk_count_chars(s, n, 2) > 1 && !names_is_name(s, n)))
			return false;
		if (cjk_count_chars(s, n, 2) == 1) {
			/* 金  李  某某大学副校长: a name printed with blanks inside. */
			size_t m = n, bl;

			while (m < len && (bl = cjk_blank_len(s, len, m)) != 0)
				m += bl;
			while (m < len && !cjk_blank_len(s, len, m))
				m++;
			if (cjk_count_chars(s + n, m - n, 8) - 0 >= 2) {
				char *sq = cjk_squeeze(s, m);
				bool ok = cjk_count_chars(sq, strlen(sq), 3) == 2 && names_surname_len(sq, strlen(sq));

				free(sq);
				if (!ok)
					return false;
				n = m;
			}
		}
		{
			char *sq = cjk_squeeze(s, n);
			size_t m = n;

			b->name_off = 0;
			b->name_len = n;
			while (m < len && (bl = cjk_blank_len(s, len, m)) != 0)
				m += bl;
			/* An uncommon surname (庹庆明) where the post is sure. */
			size_t k = cjk_count_chars(sq, strlen(sq), 5);
			bool ok = names_is_name(sq, strlen(sq)) && m < len && (k <= 3 || names_surname_len(sq, strlen(sq)) == 6) &&
				  (names_surname_len(sq, strlen(sq)) ||
				   (cjk_count_chars(sq, strlen(sq), 4) <= 3 && names_post_end(s + m, len - m) == 2));

			free(sq);
			if (!ok)
				return false;
			n = m;
		}
		if (n == len || has_blank(s + n, len - n) || !names_post_end(s + n, len - n))
			return false;
		b->role = NULL;
		b->form = BYLINE_NAMED;
		b->post_off = n;
		b->post_len = len - n;
		b->strength = 1;
		return true;
	}
}

bool byline_whole(const char *s, size_t len, struct byline *b)
{
	b->start = 0;
	b->end = len;
	b->role = NULL;
	b->post_len = 0;
	b->padded = false;
	if (scan_spaced(s, len, b))
		return true;
	return scan_bracketed(s, len, b) || scan_fused(s, len, b);
}

/* Bytes of the dash (——, —, --, ─) that s[0..len) starts with, or 0. */
static size_t dash_prefix(const char *s, size_t len)
{
	size_t off = 0;

	for (;;) {
		if (cjk_has_prefix(s + off, len - off, "—") || cjk_has_prefix(s + off, len - off, "─"))
			off += 3;
		else if (off < len && s[off] == '-')
			off++;
		else
			break;
	}
	return off;
}

/* Bytes of the dash that s[0..len) ends with, or 0. */
static size_t dash_suffix(const char *s, size_t len)
{
	size_t n = 0;

	for (;;) {
		if (cjk_has_suffix(s, len - n, "—") || cjk_has_suffix(s, len - n, "─"))
			n += 3;
		else if (len - n > 0 && s[len - n - 1] == '-')
			n++;
		else
			break;
	}
	return n;
}

/* Recognise the byline s[from..to) and shift its offsets to the line's. */
static bool whole_at(const char *s, size_t from, size_t to, struct byline *b)
{
	size_t end;

	while (from < to && cjk_blank_len(s, to, from))
		from += cjk_blank_len(s, to, from);
	/* A blank ends in one of these bytes: most lines need no trimming. */
	end = to;
	if (end > from && strchr(" \t\xA0\x80", s[end - 1]))
		end = from + cjk_rtrim(s + from, to - from);
	/* No byline ends a sentence: most lines of text answer here. */
	if (end <= from || cjk_has_suffix(s + from, end - from, "。") || !byline_whole(s + from, end - from, b))
		return false;
	b->name_off += from;
	b->post_off += from;
	b->start = from;
	b->end = end;
	return true;
}

/* A bare name s[from..to) of at most `most` characters (王锋, 冯  帆),
 * which only a dash or a colon around it makes a byline: strength 1. */
static bool bare_upto(const char *s, size_t from, size_t to, size_t most, struct byline *b)
{
	size_t end;
	char *sq;
	bool ok;

	while (from < to && cjk_blank_len(s, to, from))
		from += cjk_blank_len(s, to, from);
	end = from + cjk_rtrim(s + from, to - from);
	if (end <= from || end - from > 24)
		return false;
	sq = cjk_squeeze(s + from, end - from);
	ok = names_is_name(sq, strlen(sq)) && cjk_count_chars(sq, strlen(sq), most + 1) <= most &&
	     names_surname_len(sq, strlen(sq));
	free(sq);
	if (!ok)
		return false;
	b->role = NULL;
	set_found(b, BYLINE_BARE, 1, from, from, end);
	return true;
}

/* A bare name of two or three characters. */
static bool bare_at(const char *s, size_t from, size_t to, struct byline *b)
{
	return bare_upto(s, from, to, 3, b);
}

/* A post of any kind fused with a name, s[from..to) (船舶学院S319017013郝磊),
 * which only a dash before it makes a byline, or a colon after it where the
 * post names an organisation (航建学院杨琦：): strength 1. */
static bool loose_at(const char *s, size_t from, size_t to, bool org, struct byline *b)
{
	static const char *const orgs[] = {"学院", "大学", "中学", "小学", "医院", "公司", "集团", "银行", "协会",
					   "中心", "研究院", "研究所", "委员会", "街道", "社区", NULL};
	size_t split, bl;
	bool is_org = !org;

	while (from < to && (bl = cjk_blank_len(s, to, from)) != 0)
		from += bl;
	if (to - from < 9 || !cjk_at_most_chars(s + from, to - from, 24) || has_blank(s + from, to - from) ||
	    !post_chars(s + from, to - from, SIZE_MAX))
		return false;
	split = names_split_fused(s + from, to - from, true);
	if (!split)
		return false;
	for (const char *const *o = orgs; *o && !is_org; o++)
		is_org = cjk_has_suffix(s + from, split, *o);
	if (!is_org)
		return false;
	b->role = NULL;
	set_found(b, BYLINE_FUSED, 1, from, from + split, to);
	return true;
}

/* Verbs of saying that follow a name in reported speech. */
static const char *const speech_verbs[] = {"表示", "认为", "指出", "谈到", "介绍", "坦言", "强调", "建议", "提出",
					   "说", "谈", "讲", NULL};

/* Whether s[0..len) ends in a verb of saying (王某说：is a quotation). */
static bool speech_verb_end(const char *s, size_t len)
{
	for (const char *const *v = speech_verbs; *v; v++)
		if (cjk_has_suffix(s, len, *v))
			return true;
	return false;
}

/* Whether a verb of saying stands in the first lim bytes of s[0..len). */
static bool speech_verb_within(const char *s, size_t len, size_t lim)
{
	if (lim > len)
		lim = len;
	for (const char *const *v = speech_verbs; *v; v++)
		if (cjk_find(s, lim, *v, strlen(*v)))
			return true;
	return false;
}

/* Whether s[0..len) starts with a verb of saying. */
static bool starts_with_verb(const char *s, size_t len)
{
	for (const char *const *v = speech_verbs; *v; v++)
		if (cjk_has_prefix(s, len, *v))
			return true;
	return false;
}

/* Whether a verb of saying stands in the first 40 characters of s[0..len). */
static bool speech_verb_near(const char *s, size_t len)
{
	size_t lim = len < 120 ? len : 120;

	for (const char *const *v = speech_verbs; *v; v++)
		if (cjk_find(s, lim, *v, strlen(*v)))
			return true;
	return false;
}

/* A paragraph opening with post, name and a verb of saying: the byline is
 * what comes before the verb, and the paragraph stays whole. */
/* Finish the reported-speech byline b found in s[start..e): a name of three
 * rather than two where both read, and a name with a middle dot run on. */
static void prose_finish(const char *s, size_t len, size_t start, size_t e, struct byline *b)
{
	uint32_t c;

	if (e < len) {
		struct byline longer;
		size_t e3 = e + cjk_char_at(s, len, e, &c);

		if (text_is_han(c) && whole_at(s, start, e3, &longer) && longer.form == b->form &&
		    longer.post_len == b->post_len && longer.strength == 2) {
			*b = longer;
			e = e3;
		}
	}
	/* 吉付达子表示: a name of four, where the verb of saying follows the
	 * fourth character rather than the third. */
	if (e + 3 < len && b->name_len == 9 && cjk_char_at(s, len, e, &c) && text_is_han(c) &&
	    !speech_verb_within(s + e, 3, 3) && starts_with_verb(s + e + 3, len - e - 3)) {
		b->name_len += 3;
		b->end += 3;
		e += 3;
	}
	/* 艾力更·依明巴海: as far as it still reads as a name. */
	if (e < len && cjk_char_at(s, len, e, &c) && (c == 0x00B7 || c == 0x30FB)) {
		struct byline dotted;
		size_t e2 = e + cjk_char_at(s, len, e, &c), best = 0;

		for (size_t k = 0; k < 8 && e2 < len && cjk_char_at(s, len, e2, &c) && text_is_han(c); k++) {
			e2 += 3;
			if (!whole_at(s, start, e2, &dotted) || dotted.name_off != b->name_off)
				break;
			best = e2;
		}
		if (best)
			whole_at(s, start, best, b);
	}
	b->mark = BYLINE_PROSE;
	b->strength = 1;
	b->text_off = 0;
}

bool byline_prose(const char *s, size_t len, struct byline *b)
{
	size_t start = 0, e, n = 0, fb_e = 0, fb_n = 0;
	struct byline fb;
	bool have_fb = false;

	if (len < 30)
		return false;
	/* “……。”某某学院院长王辉说: the quotation may come first. */
	if (cjk_has_prefix(s, len, "“")) {
		const char *q = cjk_find(s, len < 600 ? len : 600, "”", 3);

		if (!q)
			return false;
		start = (size_t)(q - s) + 3;
	}
	/* The byline is the shortest opening that reads as a sure post and
	 * name, whatever follows it (表示, 说, 在参加……, 5日……). */
	for (e = start; e < len && n < BYLINE_MAX_CHARS && !(have_fb && n > fb_n + 6); n++) {
		uint32_t c;

		e += cjk_char_at(s, len, e, &c);
		if (n < 3 || !text_is_han(c))
			continue;
		if (!whole_at(s, start, e, b) || b->strength < 2)
			continue;
		/* A name and a role word alone (葛慧君委员发言说) is reported
		 * speech where a verb of saying follows it closely, unless a
		 * post and name run on from it (国务委员王勇在……说). */
		if (b->post_len == 0) {
			if (!have_fb && b->role && speech_verb_within(s + e, len - e, 48)) {
				fb = *b;
				fb_e = e;
				fb_n = n;
				have_fb = true;
			}
			continue;
		}
		/* After a name and role, only a name right after them: the
		 * role word was a post's (国务委员王勇). */
		if (have_fb && b->name_off != fb_e)
			continue;
		/* Reported speech says so: a verb of saying follows soon, or
		 * where it is said (在参加……审议时，……). */
		{
			/* Where the name may run one character longer, the verb
			 * is looked for after it. */
			size_t e3 = e + 3;

			if (!speech_verb_near(s + e, len - e) && !cjk_has_prefix(s + e, len - e, "在参加") &&
			    !(e3 <= len && cjk_has_prefix(s + e3, len - e3, "在参加")))
				break;
		}
		prose_finish(s, len, start, e, b);
		return true;
	}
	if (have_fb) {
		*b = fb;
		prose_finish(s, len, start, fb_e, b);
		return true;
	}
	/* A name alone, then 在 and a verb of saying soon after (沈跃跃在参加
	 *小组讨论时说): the post is printed elsewhere or nowhere. */
	for (size_t k = 3; k >= 2; k--) {
		size_t at = start + 3 * k;

		if (at + 3 <= len && cjk_has_prefix(s + at, len - at, "在") && bare_at(s, start, at, b) &&
		    speech_verb_within(s + at, len - at, 90)) {
			b->mark = BYLINE_PROSE;
			b->text_off = 0;
			return true;
		}
	}
	return false;
}

/* Before a colon and a quotation, a title and any name of two to four
 * characters after it (全国政协委员伊丽苏娅：“……), the surname list aside:
 * the title, the colon and the quotation vouch for it. */
static bool titled_at(const char *s, size_t at, struct byline *b)
{
	static const char *const titles[] = {"委员", "代表", "书记", "主任", "院长", "校长", "主席", "董事长", "教授",
					     NULL};
	size_t off = at;

	for (int n = 1; n <= 4 && off > 0; n++) {
		uint32_t c;

		off = cjk_last_char_off(s, off);
		cjk_char_at(s, at, off, &c);
		if (!text_is_han(c))
			return false;
		if (n < 2)
			continue;
		for (const char *const *t = titles; *t; t++)
			if (cjk_has_suffix(s, off, *t) && off > strlen(*t) && post_chars(s, off, SIZE_MAX)) {
				b->role = NULL;
				set_found(b, BYLINE_FUSED, 2, 0, off, at);
				return true;
			}
	}
	return false;
}

/* A byline and a colon opening line s[0..len): the speech after it on the
 * line (BYLINE_INLINE) or on the next (BYLINE_COLON). */
static bool inline_at(const char *s, size_t len, struct byline *b)
{
	size_t lim = len < INLINE_HEAD_BYTES ? len : INLINE_HEAD_BYTES, at, after, rest;
	const char *a = memchr(s, ':', lim);
	const char *f = cjk_find(s, lim, "：", 3);
	const char *colon = a && (!f || a < f) ? a : f;

	if (!colon || colon == s)
		return false;
	at = (size_t)(colon - s);
	after = at + (colon == a ? 1 : 3);
	rest = after;
	while (rest < len && cjk_blank_len(s, len, rest))
		rest += cjk_blank_len(s, len, rest);
	/* A sentence with a colon (习近平总书记曾讲过：) is no byline: inline,
	 * a fused post and name needs a role word, or a quotation opening
	 * the speech (全国政协委员肖燕：“……). */
	if ((whole_at(s, 0, at, b) &&
	     (b->form != BYLINE_FUSED || b->role || rest == len || cjk_has_prefix(s + rest, len - rest, "“"))) ||
	    (bare_at(s, 0, at, b) && !speech_verb_end(s, at)) ||
	    (cjk_has_prefix(s + rest, len - rest, "“") && titled_at(s, at, b))) {
		b->mark = rest < len ? BYLINE_INLINE : BYLINE_COLON;
		b->text_off = rest;
		return true;
	}
	return false;
}

/* Whether s[0..len) ends with a full stop, question or exclamation mark,
 * semicolon or ellipsis: a line of text, never a whole byline. */
static bool ends_text(const char *s, size_t len)
{
	uint32_t c;

	if (len == 0)
		return false;
	cjk_char_at(s, len, cjk_last_char_off(s, len), &c);
	switch (c) {
	case 0x3002: case 0xFF01: case 0xFF1F: case '!': case '?': case 0xFF1B: case ';': case 0x2026: case '.':
		return true;
	default:
		return false;
	}
}

bool byline_find(const char *s, size_t len, struct byline *b)
{
	size_t d;

	b->text_off = 0;
	/* Most lines of a page are text, which a whole byline never is. */
	if (ends_text(s, len))
		return false;
	/* ——李明华代表（...）: an attribution closing the speech above. */
	if ((d = dash_prefix(s, len)) >= 2 && d < len) {
		if (whole_at(s, d, len, b) || bare_at(s, d, len, b) || loose_at(s, d, len, false, b)) {
			b->mark = BYLINE_ATTRIB;
			return true;
		}
		return false;
	}
	/* 李明华代表——: the headline follows. */
	if ((d = dash_suffix(s, len)) >= 3 && d < len) {
		if (whole_at(s, 0, len - d, b)) {
			b->mark = BYLINE_DASH;
			b->strength = 2;
			return true;
		}
		return false;
	}
	/* 某某镇党委书记李明华：, the speech on the next line. */
	if (cjk_has_suffix(s, len, "：") || (len && s[len - 1] == ':')) {
		size_t at = len - (s[len - 1] == ':' ? 1 : 3);

		/* A name of four alone before the colon (文成丹阳：) reads as one
		 * where nothing else is on the line. */
		if (at > 0 && (whole_at(s, 0, at, b) || bare_upto(s, 0, at, 4, b) || loose_at(s, 0, at, true, b))) {
			b->mark = BYLINE_COLON;
			b->text_off = len;
			return true;
		}
		return false;
	}
	if (whole_at(s, 0, len, b)) {
		b->mark = BYLINE_ALONE;
		return true;
	}
	/* 某某党支部书记王辉说, the speech on the next line. */
	if (cjk_has_suffix(s, len, "说") && len > 3 && whole_at(s, 0, len - 3, b) && b->post_len) {
		b->mark = BYLINE_COLON;
		b->text_off = len;
		return true;
	}
	return false;
}

bool byline_inline(const char *s, size_t len, struct byline *b)
{
	b->text_off = 0;
	return inline_at(s, len, b) && b->mark == BYLINE_INLINE;
}

/* dst = s[0..len) with each run of blanks made one space. */
static char *normalise(const char *s, size_t len)
{
	struct buf o;
	size_t bl;

	buf_init(&o);
	for (size_t off = 0; off < len;) {
		if ((bl = cjk_blank_len(s, len, off)) != 0) {
			while (off < len && (bl = cjk_blank_len(s, len, off)) != 0)
				off += bl;
			buf_addc(&o, ' ');
			continue;
		}
		buf_addc(&o, s[off++]);
	}
	return buf_take(&o, NULL);
}


/* place and title in one allocation owned by place: "place\0title[、role]". */
static void fill_post(struct speaker *sp, const char *r, size_t place_len, const char *t, size_t tlen,
		      const char *role)
{
	/* 代表 and 委员 are roles (某某、代表); a title after the name
	 * (某某大学校长 张三教授) reads on from the post. */
	const char *sep = !role ? "" : !strcmp(role, "代表") || !strcmp(role, "委员") ? "、" : " ";
	size_t seplen = role && tlen ? strlen(sep) : 0, rlen = role ? strlen(role) : 0;
	char *o = xmalloc(place_len + 1 + tlen + seplen + rlen + 1);

	/* place, NUL, title: one allocation of the size used. */
	memcpy(o, r, place_len);
	o[place_len] = '\0';
	memcpy(o + place_len + 1, t, tlen);
	memcpy(o + place_len + 1 + tlen, sep, seplen);
	memcpy(o + place_len + 1 + tlen + seplen, role ? role : "", rlen);
	o[place_len + 1 + tlen + seplen + rlen] = '\0';
	sp->place = o;
	sp->title = sp->place + place_len + 1;
}

void byline_speaker(const struct byline *b, const char *s, size_t len, char *line, struct speaker *sp)
{
	if (b->form == BYLINE_SPACED) {
		const char *name = b->norm.data + b->norm_name_off;
		size_t nlen = b->name_len, blen = b->norm.len;

		if (b->padded) {
			sp->byline = xstrndup(b->norm.data, blen);
			sp->name = cjk_squeeze(name, blen - b->norm_name_off);
			fill_post(sp, b->rest.data, b->place_len, b->rest.data + b->title_off,
				  b->rest.len - b->title_off, b->role);
			return;
		}

		if (line && b->start == 0 && b->end == len && blen == len && memcmp(line, b->norm.data, blen) == 0) {
			line[blen] = '\0';
			sp->byline = line;
			/* The name ends the line unless a role word follows it. */
			sp->name = b->role ? xstrndup(name, nlen) : line + b->name_off;
		} else {
			sp->byline = xstrndup(b->norm.data, blen);
			sp->name = xstrndup(name, nlen);
		}
		fill_post(sp, b->rest.data, b->place_len, b->rest.data + b->title_off, b->rest.len - b->title_off,
			  b->role);
		return;
	}
	sp->byline = text_sanitize_take(normalise(s + b->start, b->end - b->start));
	sp->name = text_sanitize_take(cjk_squeeze(s + b->name_off, b->name_len));
	if (b->post_len) {
		char *post = text_sanitize_take(normalise(s + b->post_off, b->post_len));
		size_t plen = strlen(post), place_len, title_off;

		byline_split_post(post, plen, &place_len, &title_off);
		fill_post(sp, post, place_len, post + title_off, plen - title_off, b->role);
		free(post);
	} else {
		fill_post(sp, "", 0, "", 0, b->role);
	}
}

void byline_set_post(struct speaker *sp, const char *post, size_t len, const char *role)
{
	size_t place_len, title_off;

	free(sp->place);
	byline_split_post(post, len, &place_len, &title_off);
	fill_post(sp, post, place_len, post + title_off, len - title_off, role);
}
