/* text.c: the text layer. Every width and every cut in fayan goes through here,
 * and this is the only place (with fold.c) that includes libunistring. Widths
 * follow wcwidth() because that is what ncurses uses to advance the cursor. */
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>
#include <unigbrk.h>
#include <unilbrk.h>

#include "fayan/text.h"
#include "fayan/util.h"

size_t text_check_utf8(const char *s, size_t len)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, len);

	return bad ? (size_t)(bad - (const uint8_t *)s) : len;
}

size_t text_next_char(const char *s, size_t len, uint32_t *uc)
{
	ucs4_t c;
	int n;

	if (len == 0) {
		*uc = 0xFFFD;
		return 1;
	}
	n = u8_mbtouc(&c, (const uint8_t *)s, len);
	*uc = c;
	return n > 0 ? (size_t)n : 1;
}

char *text_repair_utf8(const char *s, size_t len, size_t *out_len)
{
	struct buf b;
	size_t off = 0;

	buf_init(&b);
	while (off < len) {
		size_t ok = text_check_utf8(s + off, len - off);

		buf_add(&b, s + off, ok);
		off += ok;
		if (off < len) {
			/* Skip the maximal invalid subpart: one bad byte at a time. */
			ucs4_t c;
			int n = u8_mbtoucr(&c, (const uint8_t *)s + off, len - off);

			buf_add(&b, "\xEF\xBF\xBD", 3);
			off += n > 0 ? (size_t)n : 1;
		}
	}
	return buf_take(&b, out_len);
}

/* Whether a code point must not reach a terminal raw. */
static bool is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0);
}

bool text_has_controls(const char *s, size_t len)
{
	size_t off = 0;

	while (off < len) {
		unsigned char b = (unsigned char)s[off];

		if (b < 0x80) {
			if ((b < 0x20 && b != '\n') || b == 0x7F)
				return true;
			off++;
			continue;
		}
		/* C1 controls are U+0080..U+009F, encoded C2 80..C2 9F. */
		if (b == 0xC2 && off + 1 < len && (unsigned char)s[off + 1] < 0xA0)
			return true;
		off++;
	}
	return false;
}

char *text_sanitize(const char *s, size_t len, bool keep_lf, size_t *out_len)
{
	struct buf b;
	size_t off = 0;

	buf_init(&b);
	while (off < len) {
		uint32_t c;
		size_t n = text_next_char(s + off, len - off, &c);

		if (c == '\t' || (c == '\n' && !keep_lf)) {
			buf_addc(&b, ' ');
		} else if (c == '\n' || !is_control(c)) {
			buf_add(&b, s + off, n);
		} else if (c < 0x20 || c == 0x7F) {
			buf_addc(&b, '^');
			buf_addc(&b, c == 0x7F ? '?' : (char)(c + '@'));
		} else {
			buf_printf(&b, "<U+%04X>", (unsigned)c);
		}
		off += n;
	}
	return buf_take(&b, out_len);
}

int text_char_cols(uint32_t uc)
{
	/* Locale-independent, and equal to glibc's wcwidth() in UTF-8 locales. */
	int w = uc_width(uc, "UTF-8");

	return w < 0 ? 0 : w;
}

int text_cols(const char *s, size_t len)
{
	size_t off = 0;
	int cols = 0;

	while (off < len) {
		uint32_t c;

		off += text_next_char(s + off, len - off, &c);
		cols += text_char_cols(c);
	}
	return cols;
}
