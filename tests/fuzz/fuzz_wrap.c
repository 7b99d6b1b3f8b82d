/* fuzz_wrap.c: line breaking, prefixes and truncation on any text. The input's
 * first byte picks the width (-1..200), the second the options, the rest is
 * text, made valid with text_repair_utf8 and safe with text_sanitize as the
 * parser does. Properties: every line fits the width (but for a lone cluster
 * wider than it), lines are in order, inside the text, at character
 * boundaries, and what lies between them is only break characters. */
#include <string.h>

#include "fayan/text.h"
#include "fayan/util.h"
#include "fuzz.h"

/* Whether s[off..end) holds only what a line break may swallow: spaces, CR,
 * LF, and the line and paragraph separators U+2028 and U+2029. */
static int only_break_chars(const char *s, size_t off, size_t end)
{
	while (off < end) {
		uint32_t c;
		size_t n = text_next_char(s + off, end - off, &c);

		if (c != ' ' && c != '\r' && c != '\n' && c != 0x2028 && c != 0x2029)
			return 0;
		off += n;
	}
	return 1;
}

static int at_boundary(const char *s, size_t len, size_t off)
{
	return off == len || ((unsigned char)s[off] & 0xC0) != 0x80;
}

static void check_wrap(const char *t, size_t tlen, int width)
{
	struct text_line *lines;
	size_t n = text_wrap(t, tlen, width, &lines);
	int w = width < 1 ? 1 : width;
	size_t prev_end = 0;

	FUZZ_ASSERT(n >= 1);
	for (size_t i = 0; i < n; i++) {
		const struct text_line *l = &lines[i];

		FUZZ_ASSERT(l->off <= tlen && l->len <= tlen - l->off);
		FUZZ_ASSERT(l->off >= prev_end);
		FUZZ_ASSERT(at_boundary(t, tlen, l->off) && at_boundary(t, tlen, l->off + l->len));
		FUZZ_ASSERT(only_break_chars(t, prev_end, l->off));
		FUZZ_ASSERT(memchr(t + l->off, '\n', l->len) == NULL);
		FUZZ_ASSERT(l->cols == text_cols(t + l->off, l->len));
		FUZZ_ASSERT(l->cols >= 0);
		if (l->cols > w) /* the documented case: one cluster wider than the width */
			FUZZ_ASSERT(text_grapheme_len(t + l->off, l->len) == l->len);
		prev_end = l->off + l->len;
	}
	FUZZ_ASSERT(only_break_chars(t, prev_end, tlen));
	free(lines);
}

static void check_prefix(const char *t, size_t tlen, int cols)
{
	int used = -1;
	size_t n = text_prefix_cols(t, tlen, cols, &used);

	FUZZ_ASSERT(n <= tlen && at_boundary(t, tlen, n));
	FUZZ_ASSERT(used == text_cols(t, n));
	FUZZ_ASSERT(used <= (cols < 0 ? 0 : cols));
	if (n < tlen) { /* the longest: the next cluster would not fit */
		size_t g = text_grapheme_len(t + n, tlen - n);

		FUZZ_ASSERT(g >= 1 && g <= tlen - n);
		FUZZ_ASSERT(used + text_cols(t + n, g) > cols);
	}
	FUZZ_ASSERT(text_prefix_cols(t, tlen, cols, NULL) == n);
}

static void check_truncate(const char *t, size_t tlen, int cols)
{
	char *cut = text_truncate(t, tlen, cols);
	size_t clen = strlen(cut);

	FUZZ_ASSERT(text_check_utf8(cut, clen) == clen);
	if (cols <= 0) {
		FUZZ_ASSERT(clen == 0);
	} else if (text_cols(t, tlen) <= cols) {
		FUZZ_ASSERT(clen == tlen && memcmp(cut, t, tlen) == 0);
	} else if (clen != tlen || memcmp(cut, t, tlen) != 0) {
		/* Cut: a prefix of the text at a boundary, then the ellipsis. */
		FUZZ_ASSERT(clen >= 3 && memcmp(cut + clen - 3, "\xE2\x80\xA6", 3) == 0);
		FUZZ_ASSERT(clen - 3 <= tlen && memcmp(cut, t, clen - 3) == 0);
		FUZZ_ASSERT(at_boundary(t, tlen, clen - 3));
		FUZZ_ASSERT(text_cols(cut, clen) <= cols);
	}
	free(cut);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int width = (int)(fuzz_byte(&data, &size) % 202) - 1;
	unsigned opts = fuzz_byte(&data, &size);
	size_t rlen, tlen;
	char *r = text_repair_utf8((const char *)data, size, &rlen);
	char *t;

	FUZZ_ASSERT(text_check_utf8(r, rlen) == rlen);
	t = text_sanitize(r, rlen, opts & 1, &tlen);
	free(r);
	FUZZ_ASSERT(text_check_utf8(t, tlen) == tlen);
	FUZZ_ASSERT(!text_has_controls(t, tlen));
	FUZZ_ASSERT(!fuzz_has_control(t, tlen));
	if (!(opts & 1))
		FUZZ_ASSERT(memchr(t, '\n', tlen) == NULL);

	check_wrap(t, tlen, width);
	check_prefix(t, tlen, width);
	check_truncate(t, tlen, width);
	free(t);
	return 0;
}
