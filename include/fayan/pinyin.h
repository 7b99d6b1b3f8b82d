/* pinyin.h: toneless pinyin readings of hanzi, from a table generated at build
 * time from Unicode's Unihan data (src/pinyin-table.awk). Syllables are
 * lower-case a-z with ü written v ("lv"); there are about 420 of them. */
#ifndef FAYAN_PINYIN_H
#define FAYAN_PINYIN_H

#include <stddef.h>
#include <stdint.h>

/* Return how many readings code point uc has (0 if none: not a hanzi, or no
 * reading known); *ids gets their syllable ids, the customary reading first.
 * The ids point into static data. */
size_t pinyin_readings(uint32_t uc, const uint16_t **ids);

/* Return syllable `id` (< pinyin_nsyllables()) as a NUL-terminated string. */
const char *pinyin_syllable(uint16_t id);

/* Return the number of distinct syllables in the table. */
size_t pinyin_nsyllables(void);

#endif
