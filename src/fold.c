/* fold.c: search folding (text layer, with text.c the only user of libunistring).
 * u8_casefold with NFKC folds case and width at once. Folding one grapheme
 * cluster at a time keeps a map from every folded byte back to its cluster; on
 * the seed it gives the same bytes as folding whole paragraphs. Most text is
 * ASCII and CJK ideographs, which fold to themselves (ASCII to lower case) and
 * form single-character clusters when followed by more of the same, so those
 * skip libunistring entirely: searching a 100 MB archive folds every paragraph. */
#include <string.h>
#include <unicase.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "fayan/fold.h"
#include "fayan/text.h"
#include "fayan/util.h"

/* The longest cluster looked at in one piece; longer ones are folded in pieces. */
#define FOLD_WINDOW 256

void fold_init(struct fold *f)
{
	memset(f, 0, sizeof(*f));
}

void fold_free(struct fold *f)
{
	free(f->text);
	free(f->start);
	free(f->end);
	fold_init(f);
}

/* Whether code point c folds to itself (ASCII to lower case), and is a
 * grapheme cluster of its own when the next character is also such a
 * character (or ASCII): printable ASCII, the BMP's unified ideographs and
 * the CJK punctuation that NFKC keeps (、。〈〉《》「」『』【】 ‘’“” —).
 * Checked against libunistring by the unit tests. */
static inline bool is_plain(uint32_t c)
{
	return (c >= 0x20 && c < 0x7F) || text_is_bmp_ideograph(c) || c == 0x3001 || c == 0x3002 ||
	       (c >= 0x3008 && c <= 0x3011) || (c >= 0x2018 && c <= 0x201D) || c == 0x2014;
}

/* Decode one code point as text_decode does, but step over an invalid
 * sequence one byte at a time (TEXT_INVALID, length 1): each of its bytes
 * folds to a U+FFFD of its own, while a literal U+FFFD folds as itself. */
static inline size_t next_char(const uint8_t *s, size_t len, uint32_t *uc)
{
	size_t n = text_decode((const char *)s, len, uc);

	return *uc == TEXT_INVALID ? 1 : n;
}

/* Make room for `need` more folded bytes. */
static void reserve(struct fold *f, size_t need, bool want_map)
{
	if (f->len + need + 1 > f->cap)
		f->text = xgrow(f->text, &f->cap, f->len + need + 1, 1);
	if (want_map && f->len + need + 1 > f->mapcap) {
		size_t cap = f->mapcap;

		f->start = xgrow(f->start, &cap, f->len + need + 1, sizeof(*f->start));
		f->end = xgrow(f->end, &f->mapcap, f->len + need + 1, sizeof(*f->end));
	}
}

/* Append folded bytes that came from source cluster [from, to). */
static void emit(struct fold *f, const void *p, size_t n, size_t from, size_t to, bool want_map)
{
	reserve(f, n, want_map);
	memcpy(f->text + f->len, p, n);
	if (want_map) {
		for (size_t i = 0; i < n; i++) {
			f->start[f->len + i] = (uint32_t)from;
			f->end[f->len + i] = (uint32_t)to;
		}
	}
	f->len += n;
}

/* Byte length of the grapheme cluster at s[0..len). */
static size_t cluster_len(const uint8_t *s, size_t len)
{
	char brk[FOLD_WINDOW];
	size_t n = len < FOLD_WINDOW ? len : FOLD_WINDOW;

	/* Do not cut a character at the window's end. */
	while (n < len && n > 0 && (s[n] & 0xC0) == 0x80)
		n--;
	if (n == 0)
		return 1;
	u8_grapheme_breaks(s, n, brk);
	for (size_t i = 1; i < n; i++)
		if (brk[i])
			return i;
	return n;
}

/* Fold one cluster s[from, to) with libunistring. */
static void fold_cluster(struct fold *f, const uint8_t *s, size_t from, size_t to, bool want_map)
{
	uint8_t small[64];
	size_t n = sizeof(small);
	uint8_t *r;

	if (u8_check(s + from, to - from) != NULL) {
		/* Invalid bytes: one U+FFFD per byte, each mapping to its byte. */
		size_t off = from;

		while (off < to) {
			uint32_t c;
			size_t k = next_char(s + off, to - off, &c);

			if (c == TEXT_INVALID)
				emit(f, "\xEF\xBF\xBD", 3, off, off + 1, want_map);
			else
				fold_cluster(f, s, off, off + k, want_map);
			off += k;
		}
		return;
	}
	r = u8_casefold(s + from, to - from, NULL, UNINORM_NFKC, small, &n);
	if (!r) {
		emit(f, s + from, to - from, from, to, want_map);
		return;
	}
	emit(f, r, n, from, to, want_map);
	if (r != small)
		free(r);
}

void fold_text(struct fold *f, const char *str, size_t len, bool want_map)
{
	const uint8_t *s = (const uint8_t *)str;
	size_t off = 0;
	uint32_t c = 0;
	size_t n = 0;

	f->len = 0;
	reserve(f, len, want_map);
	if (len)
		n = next_char(s, len, &c);
	while (off < len) {
		uint32_t c2 = 0;
		size_t n2 = 0;

		if (off + n < len)
			n2 = next_char(s + off + n, len - off - n, &c2);
		if (is_plain(c) && (off + n == len || is_plain(c2) || c2 < 0x20)) {
			if (f->len + n + 1 > f->cap || (want_map && f->len + n + 1 > f->mapcap))
				reserve(f, n, want_map);
			if (n == 1) {
				f->text[f->len] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			} else {
				memcpy(f->text + f->len, s + off, n);
			}
			if (want_map) {
				for (size_t i = 0; i < n; i++) {
					f->start[f->len + i] = (uint32_t)off;
					f->end[f->len + i] = (uint32_t)(off + n);
				}
			}
			f->len += n;
			off += n;
			c = c2;
			n = n2;
			continue;
		}
		size_t k = cluster_len(s + off, len - off);

		fold_cluster(f, s, off, off + k, want_map);
		off += k;
		if (off < len)
			n = next_char(s + off, len - off, &c);
	}
	f->text[f->len] = '\0';
}

void fold_map(const struct fold *f, size_t off, size_t len, size_t *src_off, size_t *src_len)
{
	size_t from = f->start[off];
	size_t to = f->end[off + len - 1];

	*src_off = from;
	*src_len = to > from ? to - from : 0;
}

bool fold_invariant(const char *str, size_t len)
{
	const uint8_t *s = (const uint8_t *)str, *end = s + len;

	while (s < end) {
		if (*s < 0x80) {
			if (!fold_keeps(s, 1))
				return false;
			s++;
			continue;
		}
		/* Three-byte characters only, checked before they are read. */
		if (end - s < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || !fold_keeps(s, 3))
			return false;
		s += 3;
	}
	return true;
}

char *fold_string(const char *s, size_t len, size_t *out_len)
{
	struct fold f;

	fold_init(&f);
	fold_text(&f, s, len, false);
	free(f.start);
	free(f.end);
	if (out_len)
		*out_len = f.len;
	return f.text;
}
