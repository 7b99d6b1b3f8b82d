/* shape.c: what a line of a page reads as from its shape alone: a headline,
 * a title, a credit or caption, a trailer, an editor's note, the head of a
 * dialogue's turn. The genre has no markup; these are the parser's
 * evidence, each answered from the line's text without context. */
#include <stdint.h>
#include <string.h>

#include "fayan/byline.h"
#include "fayan/cjk.h"
#include "fayan/shape.h"

#define NOTE_MAX_CHARS 80    /* longest line taken as a credit, caption or label */
#define TOPIC_MAX_CHARS 32   /* longest first line of a two-line headline */
#define TITLE_MAX_CHARS 64   /* longest first line taken as the article title */
#define TRAILER_MAX_CHARS 80 /* longest closing line taken as the trailer */

bool shape_headline(const char *s, size_t len)
{
	/* The last character first: it answers without counting. */
	return len > 0 && !cjk_ends_sentence(s, len) && cjk_at_most_chars(s, len, SHAPE_HEADLINE_MAX_CHARS);
}

/* s[0..len) with blanks left out equals w, or w and a colon. */
bool shape_label(const char *s, size_t len, const char *const *words)
{
	char t[64];
	size_t n;

	if (len > 40)
		return false;
	n = cjk_squeeze_into(s, len, t);
	if (n >= 3 && !strcmp(t + n - 3, "："))
		t[n -= 3] = '\0';
	else if (n >= 1 && t[n - 1] == ':')
		t[--n] = '\0';
	for (; *words; words++)
		if (!strcmp(t, *words))
			return true;
	return false;
}

/* An editor's note closing the intro: ——编  者, —— 编者, ——编者按. */
bool shape_editor(const char *s, size_t len)
{
	static const char *const words[] = {"编者", "编者按", "编辑", NULL};
	size_t off = 0;

	if (len > 40 || !(cjk_has_prefix(s, len, "—") || cjk_has_prefix(s, len, "-")))
		return false;
	while (off < len && (cjk_has_prefix(s + off, len - off, "—") || s[off] == '-'))
		off += s[off] == '-' ? 1 : 3;
	return off < len && shape_label(s + off, len - off, words);
}

bool shape_topic(const char *s, size_t len)
{
	struct byline b;

	return len > 0 && cjk_at_most_chars(s, len, TOPIC_MAX_CHARS) &&
	       !cjk_ends_sentence(s, len) && !cjk_contains(s, len, "，") && !cjk_contains(s, len, ",") &&
	       !cjk_contains(s, len, "。") && !shape_editor(s, len) && !byline_find(s, len, &b);
}

bool shape_title(const char *s, size_t len)
{
	return cjk_at_most_chars(s, len, TITLE_MAX_CHARS) && !cjk_contains(s, len, "。") &&
	       !cjk_ends_sentence(s, len) && !shape_editor(s, len);
}

/* Whether s[0..len) is wrapped in brackets: （…） or (…). */
bool shape_bracketed(const char *s, size_t len)
{
	return (cjk_has_prefix(s, len, "（") && cjk_has_suffix(s, len, "）")) ||
	       (cjk_has_prefix(s, len, "(") && cjk_has_suffix(s, len, ")"));
}

/* A closing line such as （记者 张三 整理）, (本报记者 ...) or 本版编辑 ... */
bool shape_trailer(const char *s, size_t len)
{
	if (!cjk_at_most_chars(s, len, TRAILER_MAX_CHARS))
		return false;
	if (shape_bracketed(s, len))
		return cjk_contains(s, len, "记者") || cjk_contains(s, len, "整理") || cjk_contains(s, len, "编辑") ||
		       cjk_contains(s, len, "本报") || cjk_contains(s, len, "供稿");
	return cjk_has_prefix(s, len, "本版编辑") || cjk_has_prefix(s, len, "责任编辑") ||
	       cjk_has_prefix(s, len, "本版责编") || cjk_has_prefix(s, len, "责编");
}

/* Whether s[0..len) starts with a character a note may open with: a
 * bracket, or one of 本记通数资图来制摄编责. */
static bool note_start(const char *s, size_t len)
{
	uint32_t c;

	if (len < 3 || (unsigned char)s[0] < 0xE3)
		return len > 0 && s[0] == '(';
	cjk_char_at(s, len, 0, &c);
	switch (c) {
	case 0xFF08: /* （ */
	case 0x672C: case 0x8BB0: case 0x901A: case 0x6570: case 0x8D44: case 0x56FE:
	case 0x6765: case 0x5236: case 0x6444: case 0x7F16: case 0x8D23:
		return true;
	default:
		return false;
	}
}

/* A line printed with the speeches that is not speech: a credit
 * (（本报记者王某某采访整理）), a reporter line (本报记者  王  某), a photo or
 * graphic caption (（某某摄）, 数据来源：…), an 编者按 label. */
bool shape_note(const char *s, size_t len)
{
	static const char *const labels[] = {"编者按", "编者的话", "编后", "编后语", "编者", NULL};
	static const char *const starts[] = {"本报记者", "本报通讯员", "记者", "通讯员", "数据来源", "资料来源",
					      "图片来源", "来源：", "制图", "摄影", "图为", "图：", "本报讯", NULL};
	static const char *const within[] = {"记者", "整理", "摄", "供图", "来源", "编辑", "本报", "通讯员",
					      "作者", "执笔", "图", NULL};

	/* Every note opens with a bracket or one of these characters: most
	 * lines answer from their first bytes. */
	if (!note_start(s, len))
		return false;
	if (!cjk_at_most_chars(s, len, NOTE_MAX_CHARS))
		return false;
	if (shape_trailer(s, len) || shape_label(s, len, labels))
		return true;
	if (shape_bracketed(s, len)) {
		for (const char *const *w = within; *w; w++)
			if (cjk_contains(s, len, *w))
				return true;
		return false;
	}
	if (!cjk_at_most_chars(s, len, 30) || cjk_contains(s, len, "。"))
		return false;
	for (const char *const *w = starts; *w; w++)
		if (cjk_has_prefix(s, len, *w))
			return true;
	return false;
}

/* A subtitle under the title: ——“……”座谈会观点摘登. */
bool shape_subtitle(const char *s, size_t len)
{
	return (cjk_has_prefix(s, len, "—") || cjk_has_prefix(s, len, "--")) && !shape_editor(s, len) &&
	       cjk_at_most_chars(s, len, TITLE_MAX_CHARS) && !cjk_contains(s, len, "。");
}

/* The question words of a dialogue's host or reporter. */
bool shape_question_head(const char *s, size_t len)
{
	static const char *const words[] = {"记者", "主持人", "本报记者", "问", "主持", "记者问", "编者", NULL};

	return shape_label(s, len, words);
}

/* Offset of the colon ending the short head of line s[0..len) (a turn
 * NAME：…), its length in *clen; 0 if none. */
size_t shape_turn_colon(const char *s, size_t len, size_t *clen)
{
	size_t lim = len < 40 ? len : 40;
	const char *a = memchr(s, ':', lim);
	const char *f = cjk_find(s, lim, "：", 3);
	const char *colon = a && (!f || a < f) ? a : f;

	if (!colon || colon == s)
		return 0;
	*clen = colon == a ? 1 : 3;
	return (size_t)(colon - s);
}

/* Whether the head s[0..len) names the guest name[0..nlen), blanks inside
 * either left out (冯  帆：, 冯帆). */
bool shape_names_guest(const char *s, size_t len, const char *name, size_t nlen)
{
	size_t n = 0, off = 0, bl;

	for (;;) {
		while (off < len && (bl = cjk_blank_len(s, len, off)) != 0)
			off += bl;
		while (n < nlen && (bl = cjk_blank_len(name, nlen, n)) != 0)
			n += bl;
		if (off == len || n == nlen)
			return off == len && n == nlen;
		if (s[off] != name[n])
			return false;
		off++;
		n++;
	}
}

/* Bytes of a question or answer label opening s[0..len) (问：, 1.问：, 答:),
 * the blanks after it included; 0 if there is none. `word` is 问 or 答. */
size_t shape_qa_label(const char *s, size_t len, const char *word)
{
	size_t off = 0, bl;

	while (off < len && s[off] >= '0' && s[off] <= '9')
		off++;
	if (off && off < len && (s[off] == '.' || cjk_has_prefix(s + off, len - off, "、") ||
				 cjk_has_prefix(s + off, len - off, "．")))
		off += s[off] == '.' ? 1 : 3;
	if (!cjk_has_prefix(s + off, len - off, word))
		return 0;
	off += 3;
	if (cjk_has_prefix(s + off, len - off, "："))
		off += 3;
	else if (off < len && s[off] == ':')
		off++;
	else
		return 0;
	while (off < len && (bl = cjk_blank_len(s, len, off)) != 0)
		off += bl;
	return off;
}

/* Whether s[0..len) holds punctuation (a short line without any is a
 * heading or a label, not a piece of a sentence). */
bool shape_has_punct(const char *s, size_t len)
{
	uint32_t c;

	for (size_t off = 0; off < len;) {
		off += cjk_char_at(s, len, off, &c);
		if (c == ',' || c == ';' || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0x201C ||
		    c == 0x201D || c == 0x300A || c == 0x300B)
			return true;
	}
	return false;
}
