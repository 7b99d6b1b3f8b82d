/* punct.h: the full-width form shown for ASCII punctuation set among
 * Chinese text (which marks may not start or end a line, and which may hang
 * past the measure, are the text layer's: text_is_closing_punct). Units: `off`/`len`
 * are bytes. */
#ifndef FAYAN_PUNCT_H
#define FAYAN_PUNCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether c counts as Chinese for punct_widen: a hanzi, or punctuation of
 * Chinese text (the CJK symbols, the full-width forms, “”‘’—…·). */
bool punct_is_chinese(uint32_t c);

/* s[0..len) (valid UTF-8) as shown with full-width punctuation: an ASCII
 * , ; : ? ! next to a Chinese character (or ending the text after one)
 * becomes ，；：？！, and a pair of ASCII ( ) with a Chinese character inside
 * or beside it becomes （）; a mark between two Latin letters or digits
 * (1,000) and every ASCII . stay. Returns a malloc'd string (*out_len bytes)
 * and in *map a malloc'd array giving, for each of its bytes, the offset in
 * s of the byte it shows (the three bytes of a widened mark all give the
 * mark's). Returns NULL, and allocates nothing, when nothing is widened. */
char *punct_widen(const char *s, size_t len, size_t *out_len, uint32_t **map);

#endif
