/* pinyin.c: lookup in the generated hanzi -> pinyin table. The table is built,
 * not committed: it is 240 KB of generated source, and regenerating it from the
 * system's unicode-data keeps it in step with the Unicode version the build
 * machine ships. Two bytes per code point in a few dense ranges, each an offset
 * into a list of reading sets, keeps it at about 150 KB in the binary. */
#include <stdint.h>

#include "fayan/pinyin.h"
#include "pinyin_table.h"

size_t pinyin_readings(uint32_t uc, const uint16_t **ids)
{
	size_t lo = 0, hi = sizeof(pinyin_ranges) / sizeof(pinyin_ranges[0]);

	/* Nothing below 〇 (the first range) or past the last range has a reading. */
	if (uc < pinyin_ranges[0].lo || uc > pinyin_ranges[hi - 1].hi)
		return 0;
	if (uc >= pinyin_ranges[PINYIN_URO].lo && uc <= pinyin_ranges[PINYIN_URO].hi) {
		lo = PINYIN_URO;
		hi = PINYIN_URO + 1;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pinyin_range *r = &pinyin_ranges[mid];

		if (uc < r->lo) {
			hi = mid;
		} else if (uc > r->hi) {
			lo = mid + 1;
		} else {
			uint16_t set = pinyin_cp[r->base + (uc - r->lo)];

			*ids = &pinyin_sets[set + 1];
			return pinyin_sets[set];
		}
	}
	return 0;
}

const char *pinyin_syllable(uint16_t id)
{
	return id < PINYIN_NSYL ? pinyin_syl[id] : "";
}

size_t pinyin_nsyllables(void)
{
	return PINYIN_NSYL;
}
