/* cjk.c: the character classes of cjk.h that are not inline. */
#include "fayan/cjk.h"

#include "fayan/util.h"

/* The needles are a few bytes long, where finding one byte with memchr beats
 * memmem. Their last byte is looked for: in Chinese text the lead bytes of
 * hanzi (E4-E9) are nearly every third byte, a given last byte (one of 64)
 * seldom. UTF-8 synchronises itself, so a byte match of whole characters is a
 * match of characters. */
const char *cjk_find(const char *s, size_t len, const char *p, size_t n)
{
	const char *from, *end = s + len;

	if (n == 0)
		return s;
	if (len < n)
		return NULL;
	for (from = s + n - 1; from < end;) {
		const char *c = memchr(from, p[n - 1], (size_t)(end - from));

		if (!c)
			return NULL;
		if (memcmp(c - (n - 1), p, n - 1) == 0)
			return c - (n - 1);
		from = c + 1;
	}
	return NULL;
}

bool cjk_contains(const char *s, size_t len, const char *p)
{
	return cjk_find(s, len, p, strlen(p)) != NULL;
}

/* ASCII '.' ends a sentence too: a paragraph of Latin text ending in a full
 * stop is complete. */
static bool sentence_end(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xFF01: case 0xFF1F: case '!': case '?': case '.': case 0x2026: case 0xFF1B: case ';':
	case 0xFF1A: case ':':
		return true;
	default:
		return false;
	}
}

/* Closing quotes and brackets, which may follow a sentence's end. */
static bool closer(uint32_t c)
{
	switch (c) {
	case 0x201D: case 0x2019: case 0xFF09: case ')': case 0x300D: case 0x300F:
		return true;
	default:
		return false;
	}
}

bool cjk_ends_sentence(const char *s, size_t len)
{
	uint32_t c;
	size_t off;

	if (len == 0)
		return true;
	off = cjk_last_char_off(s, len);
	cjk_char_at(s, len, off, &c);
	if (sentence_end(c))
		return true;
	if (!closer(c) || off == 0)
		return false;
	off = cjk_last_char_off(s, off);
	cjk_char_at(s, len, off, &c);
	return sentence_end(c);
}

size_t cjk_rtrim(const char *s, size_t len)
{
	while (len > 0) {
		size_t lc = cjk_last_char_off(s, len), b = cjk_blank_len(s, len, lc);

		if (!b || lc + b != len)
			break;
		len = lc;
	}
	return len;
}

size_t cjk_squeeze_into(const char *s, size_t len, char *o)
{
	size_t n = 0, bl;

	for (size_t off = 0; off < len;) {
		if ((bl = cjk_blank_len(s, len, off)) != 0) {
			off += bl;
			continue;
		}
		o[n++] = s[off++];
	}
	o[n] = '\0';
	return n;
}

char *cjk_squeeze(const char *s, size_t len)
{
	char *o = xmalloc(len + 1);

	cjk_squeeze_into(s, len, o);
	return o;
}
