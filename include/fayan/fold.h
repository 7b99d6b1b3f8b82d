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
 * than A-Z, CJK ideographs U+3400-U+9FFF and the CJK punctuation that NFKC
 * keeps (、。〈〉《》「」『』【】 ‘’“” —). Then folded offsets are source offsets
 * and fold_text can be skipped. */
bool fold_invariant(const char *s, size_t len);

/* Return a malloc'd, NUL-terminated folded copy of s[0..len); *out_len gets its length. */
char *fold_string(const char *s, size_t len, size_t *out_len);

#endif
