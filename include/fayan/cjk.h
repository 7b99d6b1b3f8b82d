/* cjk.h: named character classes and small string tests for Chinese text,
 * in bytes of UTF-8. The parser asks these of every line, so the common
 * cases (ASCII, three-byte hanzi) are decoded inline without a call into
 * libunistring. */
#ifndef FAYAN_CJK_H
#define FAYAN_CJK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fayan/text.h"

/* Decode the code point at s[off..len) as text_next_char does (U+FFFD, and
 * the length of the invalid part, for an invalid sequence; U+FFFD and 1 at
 * off == len); return its byte length. */
static inline size_t cjk_char_at(const char *s, size_t len, size_t off, uint32_t *c)
{
	return text_next_char(s + off, len - off, c);
}

/* Byte offset of the start of the last code point of s[0..len) (len > 0). */
static inline size_t cjk_last_char_off(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t off = len - 1;

	/* Most lines end in ASCII or in a three-byte character. */
	if (u[off] < 0x80)
		return off;
	if (len >= 3 && (u[len - 3] & 0xF0) == 0xE0 && (u[len - 2] & 0xC0) == 0x80 && (u[len - 1] & 0xC0) == 0x80)
		return len - 3;

	while (off > 0 && len - off < 4 && ((unsigned char)s[off] & 0xC0) == 0x80)
		off--;
	return off;
}

/* Length in bytes of the blank (ASCII space, TAB, NBSP or U+3000) at
 * s[off..len), or 0. */
static inline size_t cjk_blank_len(const char *s, size_t len, size_t off)
{
	const unsigned char *u = (const unsigned char *)s + off;
	size_t left = len - off;

	if (left >= 1 && (u[0] == ' ' || u[0] == '\t'))
		return 1;
	if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (left >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

/* Number of code points in s[0..len), counting no further than `limit`+1. */
static inline size_t cjk_count_chars(const char *s, size_t len, size_t limit)
{
	size_t n = 0, off = 0;

	/* Eight bytes at a time: a byte starts a code point unless it is
	 * 10xxxxxx, whose bit 7 is set and bit 6 clear. */
	for (; off + 8 <= len && n <= limit; off += 8) {
		uint64_t w;

		memcpy(&w, s + off, 8);
		w = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7; /* 1 in each continuation byte */
		n += 8 - (size_t)((w * 0x0101010101010101ULL) >> 56);
	}
	for (; off < len && n <= limit; off++)
		if (((unsigned char)s[off] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Whether s[0..len) has at most `limit` code points. Most lines answer from
 * their length in bytes alone: a code point takes one to four of them. */
static inline bool cjk_at_most_chars(const char *s, size_t len, size_t limit)
{
	if (len <= limit)
		return true;
	if (len > 4 * limit)
		return false;
	return cjk_count_chars(s, len, limit) <= limit;
}

static inline bool cjk_has_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(s, p, n) == 0;
}

static inline bool cjk_has_suffix_n(const char *s, size_t len, const char *p, size_t n)
{
	/* The last byte first: it tells most CJK endings apart without a call. */
	return len >= n && (n == 0 || s[len - 1] == p[n - 1]) && memcmp(s + len - n, p, n) == 0;
}

static inline bool cjk_has_suffix(const char *s, size_t len, const char *p)
{
	return cjk_has_suffix_n(s, len, p, strlen(p));
}

static inline bool cjk_is_ascii_alnum(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* The first occurrence of p[0..n) (n >= 1) in s[0..len), or NULL. */
const char *cjk_find(const char *s, size_t len, const char *p, size_t n);

/* Whether s[0..len) contains the string p. */
bool cjk_contains(const char *s, size_t len, const char *p);

/* Whether s[0..len) ends a sentence: 。！？!?.…；;：: possibly followed by one
 * closing quote or bracket (an empty string does). */
bool cjk_ends_sentence(const char *s, size_t len);

/* s[0..len) with its blanks left out, NUL-terminated, into o (room for
 * len + 1 bytes); returns its length. */
size_t cjk_squeeze_into(const char *s, size_t len, char *o);

/* s[0..len) with every blank (space, TAB, NBSP, U+3000) left out, as a
 * malloc'd string: a name printed 程  立 is 程立. */
char *cjk_squeeze(const char *s, size_t len);

/* Length of s[0..len) without trailing blanks. */
size_t cjk_rtrim(const char *s, size_t len);

#endif
