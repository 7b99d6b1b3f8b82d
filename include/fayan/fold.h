/* fold.h: search folding (text layer). Text is folded with Unicode case folding
 * and NFKC one grapheme cluster at a time, so that every folded byte maps back to
 * the source cluster it came from: a match in folded text can be highlighted on
 * exactly the original characters. Units: `off`/`len` are bytes. */
#ifndef FAYAN_FOLD_H
#define FAYAN_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A reusable folding buffer. After fold_text, text[0..len) holds the folded
 * bytes (valid UTF-8, NUL-terminated) and, if a map was asked for, folded byte
 * i came from source bytes [start[i], end[i]) (a whole grapheme cluster).
 * Source texts are limited to 4 GiB (offsets are 32-bit; doc.h caps inputs at 64 MiB). */
struct fold {
	char *text;
	size_t len;
	uint32_t *start;
	uint32_t *end;
	size_t cap;    /* bytes allocated for text */
	size_t mapcap; /* entries allocated for start and end */
};

void fold_init(struct fold *f);
void fold_free(struct fold *f);

/* Fold s[0..len) (case folding + NFKC, e.g. "ＡＢＣ１２３" -> "abc123", "，" -> ",")
 * into f, replacing its contents, and fill the byte map if want_map. Invalid
 * bytes fold to U+FFFD, one per byte. Allocates only when f must grow. */
void fold_text(struct fold *f, const char *s, size_t len, bool want_map);

/* Map folded bytes [off, off+len) (len >= 1, within f->len) back to the source:
 * *src_off and *src_len get the byte range of the whole clusters they came from. */
void fold_map(const struct fold *f, size_t off, size_t len, size_t *src_off, size_t *src_len);

/* Whether s[0..len) folds to exactly itself, byte for byte, each character a
 * grapheme cluster of its own: valid UTF-8 made only of ASCII 0x20-0x7E other
 * than A-Z, U+3400-U+9FFF (the BMP's unified ideographs, text_is_bmp_ideograph,
 * and the Yijing hexagrams between them) and the CJK punctuation that NFKC
 * keeps (、。〈〉《》「」『』【】 ‘’“” —). Then folded offsets are source offsets
 * and fold_text can be skipped. */
bool fold_invariant(const char *s, size_t len);

/* fold_invariant's test for one character at s: n is 1 (ASCII) or 3 (a
 * well-formed three-byte sequence); every other length fails it. */
static inline bool fold_keeps(const unsigned char *s, size_t n)
{
	if (n == 1)
		return s[0] >= 0x20 && s[0] < 0x7F && !(s[0] >= 'A' && s[0] <= 'Z');
	if (n != 3)
		return false;
	if (s[0] >= 0xE4 && s[0] <= 0xE9) /* U+4000-U+9FFF */
		return true;
	if (s[0] == 0xE3 && s[1] >= 0x90) /* U+3400-U+3FFF */
		return true;
	/* 、。〈〉《》「」『』【】: U+3001, U+3002, U+3008-U+3011; ‘’“”: U+2018-U+201D; —: U+2014 */
	if (s[1] != 0x80)
		return false;
	if (s[0] == 0xE2)
		return s[2] == 0x94 || (s[2] >= 0x98 && s[2] <= 0x9D);
	return s[0] == 0xE3 && (s[2] == 0x81 || s[2] == 0x82 || (s[2] >= 0x88 && s[2] <= 0x91));
}

/* Return a malloc'd, NUL-terminated folded copy of s[0..len); *out_len gets its length. */
char *fold_string(const char *s, size_t len, size_t *out_len);

#endif
