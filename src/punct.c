/* punct.c: the punctuation rules of Chinese typesetting (the W3C's clreq)
 * that layout needs. ASCII marks in a Chinese text are typing habits, not
 * the author's choice of glyph: shown full-width they sit on the character
 * grid, as a printed page would set them. The document's bytes stay as they
 * are; widening is for display, and the map it returns leads back. */
#include <stdlib.h>

#include "fayan/cjk.h"
#include "fayan/punct.h"
#include "fayan/text.h"
#include "fayan/util.h"

bool punct_is_chinese(uint32_t c)
{
	return text_is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
	       c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x2014 || c == 0x2026 ||
	       c == 0x00B7;
}

/* The full-width form of ASCII mark c (UTF-8, three bytes), or NULL. */
static const char *wide_form(char c)
{
	switch (c) {
	case ',': return "\xEF\xBC\x8C";
	case ';': return "\xEF\xBC\x9B";
	case ':': return "\xEF\xBC\x9A";
	case '?': return "\xEF\xBC\x9F";
	case '!': return "\xEF\xBC\x81";
	case '(': return "\xEF\xBC\x88";
	case ')': return "\xEF\xBC\x89";
	default: return NULL;
	}
}

/* The code point before byte offset off of s (0 at the start). */
static uint32_t char_before(const char *s, size_t off)
{
	uint32_t c = 0;

	if (off > 0)
		cjk_char_at(s, off, cjk_last_char_off(s, off), &c);
	return c;
}

/* The code point at byte offset off of s[0..len) (0 at the end). */
static uint32_t char_after(const char *s, size_t len, size_t off)
{
	uint32_t c = 0;

	if (off < len)
		cjk_char_at(s, len, off, &c);
	return c;
}

/* Whether the mark at s[off] has a Chinese neighbour. */
static bool beside_chinese(const char *s, size_t len, size_t off)
{
	return punct_is_chinese(char_before(s, off)) || punct_is_chinese(char_after(s, len, off + 1));
}

char *punct_widen(const char *s, size_t len, size_t *out_len, uint32_t **map)
{
	/* wide[i]: whether the ASCII mark at s[i] is widened; parentheses are
	 * decided as pairs, matched with a stack of the open ones. */
	bool *wide = NULL;
	size_t *open = NULL, nopen = 0, nwide = 0;
	char *out;
	uint32_t *m;
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (!wide_form(c))
			continue;
		if (!wide) {
			wide = xcalloc(len, sizeof *wide);
			open = xmalloc(len * sizeof *open);
		}
		if (c == '(') {
			open[nopen++] = i;
		} else if (c == ')' && nopen > 0) {
			size_t a = open[--nopen];

			wide[a] = wide[i] = beside_chinese(s, len, a) || beside_chinese(s, len, i);
		} else {
			/* At the end of the text only what it ends counts. */
			wide[i] = beside_chinese(s, len, i);
		}
	}
	for (size_t k = 0; k < nopen; k++)
		wide[open[k]] = beside_chinese(s, len, open[k]);
	for (size_t i = 0; wide && i < len; i++)
		nwide += wide[i];
	free(open);
	if (nwide == 0) {
		free(wide);
		return NULL;
	}
	*out_len = len + 2 * nwide;
	out = xmalloc(*out_len + 1);
	m = xmalloc(*out_len * sizeof *m);
	for (size_t i = 0; i < len; i++) {
		if (wide[i]) {
			memcpy(out + o, wide_form(s[i]), 3);
			m[o] = m[o + 1] = m[o + 2] = (uint32_t)i;
			o += 3;
		} else {
			out[o] = s[i];
			m[o++] = (uint32_t)i;
		}
	}
	out[o] = '\0';
	free(wide);
	*map = m;
	return out;
}
