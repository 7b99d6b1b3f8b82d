/* cjk.c: the character classes of cjk.h that are not inline. */
#include "fayan/cjk.h"

#include "fayan/util.h"

/* The needles are a few bytes long, where finding the first byte with
 * memchr beats memmem. */
const char *cjk_find(const char *s, size_t len, const char *p, size_t n)
{
	const char *end = s + len;

	while ((size_t)(end - s) >= n) {
		const char *c = memchr(s, p[0], (size_t)(end - s) - n + 1);

		if (!c)
			return NULL;
		if (memcmp(c + 1, p + 1, n - 1) == 0)
			return c;
		s = c + 1;
	}
	return NULL;
}

bool cjk_contains(const char *s, size_t len, const char *p)
{
	return cjk_find(s, len, p, strlen(p)) != NULL;
}

static bool in_list(uint32_t c, const uint32_t *list)
{
	for (; *list; list++)
		if (*list == c)
			return true;
	return false;
}

/* ASCII '.' ends a sentence too: a paragraph of Latin text ending in a full
 * stop is complete. */
static const uint32_t sentence_end[] = {0x3002, 0xFF01, 0xFF1F, '!', '?', '.', 0x2026, 0xFF1B, ';', 0xFF1A, ':', 0};
static const uint32_t closers[] = {0x201D, 0x2019, 0xFF09, ')', 0x300D, 0x300F, 0};

bool cjk_ends_sentence(const char *s, size_t len)
{
	uint32_t c;
	size_t off;

	if (len == 0)
		return true;
	off = cjk_last_char_off(s, len);
	cjk_char_at(s, len, off, &c);
	if (in_list(c, sentence_end))
		return true;
	if (!in_list(c, closers) || off == 0)
		return false;
	off = cjk_last_char_off(s, off);
	cjk_char_at(s, len, off, &c);
	return in_list(c, sentence_end);
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

char *cjk_squeeze(const char *s, size_t len)
{
	char *o = xmalloc(len + 1);
	size_t n = 0, bl;

	for (size_t off = 0; off < len;) {
		if ((bl = cjk_blank_len(s, len, off)) != 0) {
			off += bl;
			continue;
		}
		o[n++] = s[off++];
	}
	o[n] = '\0';
	return o;
}
