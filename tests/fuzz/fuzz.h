/* fuzz.h: what every fuzz target shares. A target defines
 * LLVMFuzzerTestOneInput; libFuzzer drives it in build-fuzz/, and replay.c
 * drives it over saved inputs in the normal, sanitizer and valgrind runs.
 * A broken property aborts, so both drivers report it as a crash. */
#ifndef FAYAN_FUZZ_H
#define FAYAN_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message naming the broken property and where it was checked. */
#define FUZZ_ASSERT(cond)                                                            \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                     \
		}                                                                    \
	} while (0)

/* Read parameters from the front of the input: one byte, 0 when exhausted. */
static inline unsigned fuzz_byte(const uint8_t **data, size_t *size)
{
	unsigned b;

	if (*size == 0)
		return 0;
	b = **data;
	(*data)++;
	(*size)--;
	return b;
}

/* Whether s[0..len) holds a byte sequence that must never reach a terminal:
 * a C0 control other than LF, DEL, or a C1 control encoded as UTF-8 (C2 80..C2 9F).
 * Callers check separately that the bytes are valid UTF-8, so no raw 80..9F
 * byte can stand alone. */
static inline int fuzz_has_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n') || c == 0x7F)
			return 1;
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] < 0xA0)
			return 1;
	}
	return 0;
}

#endif
