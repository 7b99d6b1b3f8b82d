/* text.h: the text layer. UTF-8 validation, display widths, safe rendering of
 * controls, cutting at grapheme boundaries and UAX #14 line breaking.
 * Only the text layer includes libunistring headers. Units: `off`/`len` are
 * bytes, `cols` are terminal columns. */
#ifndef FAYAN_TEXT_H
#define FAYAN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Return the byte offset of the first invalid UTF-8 byte in s[0..len), or len if valid. */
size_t text_check_utf8(const char *s, size_t len);

/* What one pass over an input finds, for a loader that would otherwise scan
 * it once per question. Counts cover s[0..bad) only. */
#define TEXT_SCAN_FOLDS 8 /* offsets kept of characters that fold to something else */

struct text_scan {
	size_t bad;      /* byte offset of the first invalid UTF-8 sequence, or len */
	size_t nul;      /* byte offset of the first NUL before `bad`, or len if none */
	size_t lf;       /* LF bytes */
	size_t cr;       /* CR bytes */
	size_t controls; /* control characters other than LF and CR: C0, DEL, C1
			  * (U+0080..U+009F) and the bidirectional controls of
			  * text_has_controls, each counted once; TAB counts */
	/* Characters, LF and CR aside, that fold_invariant rejects (an invalid
	 * sequence counts as one), and the byte offsets of the first of them:
	 * text made of lines that hold none of them folds to itself. */
	size_t nfolds;
	size_t fold_at[TEXT_SCAN_FOLDS];
};

/* Validate s[0..len) as UTF-8 exactly as text_check_utf8 does, and in the same
 * pass find the first NUL and count line ends and control characters. */
void text_scan(const char *s, size_t len, struct text_scan *out);

/* The ways text_scan can take: the widest the processor has (the default),
 * or byte by byte, sixteen bytes at a time (SSE2) or thirty-two (AVX2).
 * text_scan_use picks one for every text_scan after it, so that tests can
 * check each way against the others; it returns false, and changes
 * nothing, if this processor or build has no such way. Not for use while
 * another thread scans. */
enum text_simd { TEXT_SIMD_BEST, TEXT_SIMD_NONE, TEXT_SIMD_SSE2, TEXT_SIMD_AVX2 };
bool text_scan_use(enum text_simd way);

/* Return a malloc'd copy with every invalid sequence replaced by U+FFFD; *out_len gets its length. */
char *text_repair_utf8(const char *s, size_t len, size_t *out_len);

/* True if s[0..len) (valid UTF-8) holds a byte or code point that must not reach
 * a terminal raw: C0 controls other than LF, DEL, C1 controls (U+0080..U+009F),
 * the bidirectional controls (U+061C, U+200E-U+200F, U+202A-U+202E,
 * U+2066-U+2069), and TAB (which is expanded). */
bool text_has_controls(const char *s, size_t len);

/* Byte length of the control character that s[0..len) starts with: 1 for a C0
 * control (LF included) or DEL, 2 for a C1 control (U+0080..U+009F) or U+061C,
 * 3 for the other bidirectional controls, 0 if none. */
size_t text_control_len(const char *s, size_t len);

/* Return a malloc'd copy of valid UTF-8 s[0..len) that is safe to print: TAB becomes
 * one space, other C0 controls and DEL become caret notation (ESC -> "^[", DEL -> "^?"),
 * C1 and bidirectional controls become "<U+009B>"-style text ("<U+202E>"). LF is kept
 * only if keep_lf. *out_len gets its length. */
char *text_sanitize(const char *s, size_t len, bool keep_lf, size_t *out_len);

/* s (a malloc'd string) with its controls made visible as text_sanitize
 * does: s itself when it holds none, else a new string (s is freed). */
char *text_sanitize_take(char *s);

/* What text_decode stores for a sequence that is not UTF-8: above every
 * code point, so that a literal U+FFFD in the text is told apart from it. */
#define TEXT_INVALID 0xFFFFFFFFu

/* The code point of the three-byte sequence at u, which must be one (a lead
 * byte 1110xxxx and two continuation bytes). */
static inline uint32_t text_decode3(const unsigned char *u)
{
	return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
}

/* text_decode for everything but ASCII and the common three-byte sequences. */
size_t text_decode_rest(const char *s, size_t len, uint32_t *uc);

/* Decode the code point at s[0..len) (len >= 1): store it in *uc and return
 * its byte length (1 to 4). A sequence that is not well-formed UTF-8 (a stray
 * continuation byte, a lead byte C0, C1 or F5-FF, an overlong form, a
 * surrogate, a code point above U+10FFFF) or that len cuts short stores
 * TEXT_INVALID and returns the length u8_mbtouc gives it (1 to 3 bytes: a
 * stray byte is 1, a sequence cut short all of it), which is where
 * libunistring and a terminal resume. The one UTF-8 decoder of the program. ASCII and well-formed three-byte sequences (every hanzi and
 * nearly all CJK punctuation) are decoded inline: the parser, the folding
 * and the search decode every character of the text. */
static inline size_t text_decode(const char *s, size_t len, uint32_t *uc)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*uc = u[0];
		return 1;
	}
	/* Lead bytes E1-EF but ED: no three-byte sequence after them is
	 * overlong (E0) or a surrogate (ED), so two continuation bytes make it
	 * well-formed. */
	if (len >= 3 && u[0] - 0xE1u <= 0xEFu - 0xE1u && u[0] != 0xED &&
	    ((u[1] ^ 0x80u) | (u[2] ^ 0x80u)) < 0x40u) {
		*uc = text_decode3(u);
		return 3;
	}
	return text_decode_rest(s, len, uc);
}

/* Decode the code point at s[0..len) (len >= 1) of text known to be valid
 * UTF-8, such as folded text: its lead byte alone says a sequence is three
 * bytes long, so text_decode's checks of the other bytes are left out (a
 * third of the cost of each hanzi where the pinyin search decodes every
 * one); any other lead byte is decoded by text_decode. */
static inline size_t text_decode_valid(const char *s, size_t len, uint32_t *uc)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] >= 0xE0 && u[0] < 0xF0 && len >= 3) {
		*uc = text_decode3(u);
		return 3;
	}
	return text_decode(s, len, uc);
}

/* Decode the code point at s[0..len) as text_decode does, but with U+FFFD for
 * an invalid or cut-short sequence (and for empty input, length 1): for
 * callers that show or measure text rather than tell damage from it. */
static inline size_t text_next_char(const char *s, size_t len, uint32_t *uc)
{
	size_t n;

	if (len == 0) {
		*uc = 0xFFFD;
		return 1;
	}
	n = text_decode(s, len, uc);
	if (*uc == TEXT_INVALID)
		*uc = 0xFFFD;
	return n;
}

/* Whether c is a CJK Unified Ideograph of the BMP: U+4E00-U+9FFF (the
 * unified block) or U+3400-U+4DBF (extension A). Each of them is two
 * columns wide in either ambiguous-width setting, a grapheme cluster of its
 * own beside another (or ASCII), and its own case fold and NFKC form: the
 * widths and the folding take them without asking libunistring. */
static inline bool text_is_bmp_ideograph(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* Whether c is a Han character, as the parser counts one in a name, a post
 * or a place: a BMP unified ideograph (text_is_bmp_ideograph), a
 * compatibility ideograph (U+F900-U+FAFF), one of the supplementary
 * planes' extensions B to G (U+20000-U+3134F) or 〇 (U+3007, the ideographic
 * zero of written-out dates and numbers). */
static inline bool text_is_han(uint32_t c)
{
	return text_is_bmp_ideograph(c) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

/* The longest prefix of s[0..len) that does not end inside a UTF-8
 * sequence: where a buffer that cut a string by bytes should end it. */
size_t text_whole_chars(const char *s, size_t len);

/* How East Asian Ambiguous characters (“ ” ‘ ’ — … · │) are counted. */
enum text_ambi {
	TEXT_AMBI_NARROW, /* one column, as glibc's wcwidth(): the default */
	TEXT_AMBI_WIDE,   /* two columns, as terminals with CJK fonts draw them */
};

/* Count ambiguous characters as `a` says in every width, cut and wrap of the
 * process from now on (layouts made before keep their old widths). */
void text_set_ambiwidth(enum text_ambi a);

/* The current ambiguous-width setting. */
enum text_ambi text_ambiwidth(void);

/* Columns of one code point under the current setting, wcwidth()'s way:
 * -1 for controls, 0 for combining marks. */
int text_char_wcwidth(uint32_t uc);

/* Display columns of one code point as ncurses will draw it (text_char_wcwidth; controls count 0). */
int text_char_cols(uint32_t uc);

/* Display columns of sanitized UTF-8 s[0..len) as ncurses will draw it. */
int text_cols(const char *s, size_t len);

/* Append NUL-terminated `s` to `b`, then spaces up to `cols` columns in all. */
struct buf;
void text_add_padded(struct buf *b, const char *s, int cols);

/* Byte length of the grapheme cluster starting at s (s[0..len) non-empty). */
size_t text_grapheme_len(const char *s, size_t len);

/* Return the byte length of the longest prefix of s[0..len) that ends at a grapheme
 * boundary and is at most `cols` columns wide; *used_cols (if not NULL) gets its width. */
size_t text_prefix_cols(const char *s, size_t len, int cols, int *used_cols);

/* Return a malloc'd copy of s[0..len) cut to at most `cols` columns at a grapheme
 * boundary, ending with "…" when something was cut. cols <= 0 gives "". */
char *text_truncate(const char *s, size_t len, int cols);

/* One wrapped line: bytes [off, off+len) of the wrapped text, `cols` wide. */
struct text_line {
	size_t off;
	size_t len; /* excludes trailing spaces at a break and the LF of a hard break */
	int cols;   /* with the space `pad` adds */
	bool hang;  /* text_fill: the last character hangs past the measure */
	bool pad;   /* text_fill: one space is shown before byte pad_off of the text */
	size_t pad_off;
};

/* Wrap s[0..len) to `width` columns with UAX #14 line breaking plus the override
 * that Chinese quotes need: no line starts with ，。、,.;:!?”) or ends with “(
 * where the text allows it; a piece wider than `width` is cut at a grapheme
 * boundary. LF forces a break. Stores a malloc'd array in *lines and returns its
 * count (at least 1, an empty line for empty input). width < 1 is treated as 1.
 * The one case of a line wider than `width`: a grapheme cluster that alone is
 * wider (a wide character at width 1) goes on a line of its own. O(len). */
size_t text_wrap(const char *s, size_t len, int width, struct text_line **lines);

/* How text_fill sets a paragraph on a character grid. */
struct text_fill {
	int measure;    /* columns a full line fills (>= 1) */
	int first_cols; /* columns already taken at the start of the first line (an indent) */
	bool hang;      /* a closing mark that would start the next line hangs past the measure */
	bool pad;       /* a line one column short of the measure gets a space */
};

/* Whether c is closing punctuation, which no line may start with and which
 * may hang into the margin: ，。、；：？！”’）》」 and their kin, and the
 * ASCII , . ; : ? ! ) as printed. */
bool text_is_closing_punct(uint32_t c);

/* Whether c is opening punctuation, which no line may end with: “‘（《「
 * and their kin, and the ASCII (. */
bool text_is_opening_punct(uint32_t c);

/* Wrap s[0..len) as text_wrap does, the same breaks allowed, but so that
 * every line but the last is as full as the text allows: a line takes
 * whatever fits in f->measure columns; if the piece that does not fit ends
 * in one closing mark (text_is_closing_punct) and fits without it, the mark
 * hangs past the measure (line.hang; the line is measure plus the mark's
 * columns); a line one column short gets a space (line.pad): at its end,
 * or on a line with a hanging mark (which must stand in the margin) beside
 * the last run of one-column characters, so that what follows it is back on
 * the grid (after the run; before it if the run ends in an opening mark,
 * which belongs with what follows). Words and numbers
 * are never split; a piece wider than the measure is cut at grapheme
 * boundaries. Stores a malloc'd array in *lines and returns its count. */
size_t text_fill(const char *s, size_t len, const struct text_fill *f, struct text_line **lines);

#endif
