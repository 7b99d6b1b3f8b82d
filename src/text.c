/* text.c: the text layer. Every width and every cut in fayan goes through here,
 * and this is the only place (with fold.c) that includes libunistring. Widths
 * follow the terminal's: wcwidth() by default, because that is what ncurses
 * uses to advance the cursor, or with ambiguous characters two columns wide
 * (text_set_ambiwidth), when ncurses is made to count them so too. */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SCAN_AVX2 1 /* compiled for any x86-64, taken where the processor has it */
#endif
#include <unistr.h>
#include <uniwidth.h>
#include <unigbrk.h>
#include <unictype.h>
#include <unilbrk.h>

#include "fayan/fold.h"
#include "fayan/text.h"
#include "fayan/util.h"

size_t text_check_utf8(const char *s, size_t len)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, len);

	return bad ? (size_t)(bad - (const uint8_t *)s) : len;
}

/* Byte length of the bidirectional formatting character that u[0..len)
 * starts with, or 0: U+061C (D8 9C), U+200E-U+200F (E2 80 8E-8F),
 * U+202A-U+202E (E2 80 AA-AE) and U+2066-U+2069 (E2 81 A6-A9). Raw, they
 * reorder what a terminal shows (a file name, a line of text) so that it
 * reads as something else; they are shown and counted as controls are. */
static inline size_t bidi_len(const unsigned char *u, size_t len)
{
	if (len >= 2 && u[0] == 0xD8 && u[1] == 0x9C)
		return 2;
	if (len < 3 || u[0] != 0xE2)
		return 0;
	if (u[1] == 0x80 && ((u[2] >= 0x8E && u[2] <= 0x8F) || (u[2] >= 0xAA && u[2] <= 0xAE)))
		return 3;
	return u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9 ? 3 : 0;
}

/* text_scan's running state: the next byte, and what has been found before it. */
struct scan {
	const unsigned char *u;
	size_t len, i, nul, lf, cr, controls, nfolds;
	struct text_scan *out;
};

/* Note a character at byte `at` that does not fold to itself. */
static inline void add_fold(struct scan *sc, size_t at)
{
	if (sc->nfolds < TEXT_SCAN_FOLDS)
		sc->out->fold_at[sc->nfolds] = at;
	sc->nfolds++;
}

/* Scan whole characters from sc->i on until at least byte `to`: false at an
 * invalid sequence, sc->i then at its start. The common case of this genre,
 * a three-byte character, costs two compares and two masks. */
static bool scan_chars(struct scan *sc, size_t to)
{
	const unsigned char *u = sc->u;
	size_t len = sc->len, i = sc->i;
	bool ok = false;

	if (to > len)
		to = len;
	while (i < to) {
		unsigned c = u[i];

		if (c >= 0xE1 && c <= 0xEC && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 &&
		    (u[i + 2] & 0xC0) == 0x80) {
			if ((c < 0xE4 || c > 0xE9) && !fold_keeps(u + i, 3)) {
				add_fold(sc, i);
				sc->controls += c == 0xE2 && bidi_len(u + i, 3);
			}
			i += 3;
			continue;
		}
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7F) {
				if (c == '\n')
					sc->lf++;
				else if (c == '\r')
					sc->cr++;
				else if (c == 0 && sc->nul == len)
					sc->nul = i, sc->controls++;
				else
					sc->controls++;
				if (c != '\n' && c != '\r')
					add_fold(sc, i);
			} else if (c >= 'A' && c <= 'Z') {
				add_fold(sc, i);
			}
			i++;
			continue;
		}
		add_fold(sc, i); /* every other sequence fails fold_keeps */
		if (c < 0xC2)
			goto out;
		if (c < 0xE0) {
			if (i + 1 >= len || (u[i + 1] & 0xC0) != 0x80)
				goto out;
			if ((c == 0xC2 && u[i + 1] < 0xA0) || (c == 0xD8 && u[i + 1] == 0x9C))
				sc->controls++;
			i += 2;
			continue;
		}
		if (c < 0xF0) {
			if (i + 2 >= len || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80 ||
			    (c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] >= 0xA0))
				goto out;
			i += 3;
			continue;
		}
		if (c > 0xF4 || i + 3 >= len || (u[i + 1] & 0xC0) != 0x80 ||
		    (u[i + 2] & 0xC0) != 0x80 || (u[i + 3] & 0xC0) != 0x80 ||
		    (c == 0xF0 && u[i + 1] < 0x90) || (c == 0xF4 && u[i + 1] >= 0x90))
			goto out;
		i += 4;
	}
	ok = true;
out:
	sc->i = i;
	return ok;
}

#ifdef __SSE2__
/* Bits set in m: a line end or two per block (the builtin is a call without -mpopcnt). */
static inline size_t bits(unsigned m)
{
	size_t n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

/* Bytes of v in [lo, lo + n] (unsigned), as a mask. */
static inline __m128i in_range(__m128i v, unsigned char lo, unsigned char n)
{
	__m128i t = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));

	return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((char)n)), t);
}

/* Sixteen bytes at sc->i (a character boundary) at once, when they hold only
 * line ends, printable ASCII other than A-Z and three-byte characters led by
 * E1-EC (whose second byte has no further limit), each followed by its two
 * continuation bytes: the genre's text, nearly always. Returns how many bytes
 * were taken (14-16: a character cut by the block's end is left for the
 * next), or 0 for the character-by-character loop to take the block. */
static size_t scan_block(struct scan *sc)
{
	const unsigned char *at = sc->u + sc->i;
	const __m128i v = _mm_loadu_si128((const __m128i *)at);
	const __m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)); /* 80-BF, signed */
	const __m128i lead = in_range(v, 0xE1, 0x0B);
	const __m128i nl = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
	const __m128i cr = _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'));
	__m128i ok = _mm_andnot_si128(in_range(v, 'A', 25), in_range(v, 0x20, 0x5E));
	__m128i want;
	unsigned lm, keep, fm;
	size_t n;

	ok = _mm_or_si128(_mm_or_si128(ok, _mm_or_si128(nl, cr)), _mm_or_si128(cont, lead));
	if (_mm_movemask_epi8(ok) != 0xFFFF)
		return 0;
	/* Continuation bytes exactly where a lead asks for them. */
	want = _mm_or_si128(_mm_slli_si128(lead, 1), _mm_slli_si128(lead, 2));
	if (_mm_movemask_epi8(_mm_xor_si128(want, cont)) != 0)
		return 0;
	lm = (unsigned)_mm_movemask_epi8(lead);
	n = lm & 0x8000 ? 15 : lm & 0x4000 ? 14 : 16;
	keep = (1u << n) - 1;
	sc->lf += bits((unsigned)_mm_movemask_epi8(nl) & keep);
	sc->cr += bits((unsigned)_mm_movemask_epi8(cr) & keep);
	/* Leads other than E4-E9 (U+4000-U+9FFF) may fold to something else. */
	fm = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(in_range(v, 0xE4, 5), lead)) & keep;
	for (; fm; fm &= fm - 1) {
		unsigned k = (unsigned)__builtin_ctz(fm);

		if (!fold_keeps(at + k, 3)) {
			add_fold(sc, sc->i + k);
			sc->controls += bidi_len(at + k, 3) != 0;
		}
	}
	return n;
}
#endif

#ifdef SCAN_AVX2
__attribute__((target("avx2,popcnt")))
static inline __m256i in_range32(__m256i v, unsigned char lo, unsigned char n)
{
	__m256i t = _mm256_sub_epi8(v, _mm256_set1_epi8((char)lo));

	return _mm256_cmpeq_epi8(_mm256_min_epu8(t, _mm256_set1_epi8((char)n)), t);
}

/* Of the three-byte characters led at each byte of v (at u[0..32), two
 * more bytes readable after it), those that may fold to something else: all
 * but fold_keeps' CJK punctuation, tested here at once, since a loop over
 * each of them mispredicted a branch or two in every block. */
__attribute__((target("avx2,popcnt")))
static inline unsigned folds32(const unsigned char *u, __m256i v)
{
	const __m256i b1 = _mm256_loadu_si256((const __m256i *)(u + 1));
	const __m256i b2 = _mm256_loadu_si256((const __m256i *)(u + 2));
	const __m256i e2 = _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE2));
	const __m256i e3 = _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE3));
	const __m256i b180 = _mm256_cmpeq_epi8(b1, _mm256_set1_epi8((char)0x80));
	/* E3 90-BF xx: U+3400-U+3FFF */
	__m256i keep = _mm256_and_si256(e3, in_range32(b1, 0x90, 0x2F));
	/* E3 80 81, 82, 88-91: 、。〈〉《》「」『』【】 */
	const __m256i p3 = _mm256_or_si256(in_range32(b2, 0x81, 1), in_range32(b2, 0x88, 9));
	/* E2 80 94, 98-9D: — ‘’“” */
	const __m256i p2 = _mm256_or_si256(_mm256_cmpeq_epi8(b2, _mm256_set1_epi8((char)0x94)),
					   in_range32(b2, 0x98, 5));

	keep = _mm256_or_si256(keep, _mm256_and_si256(b180, _mm256_or_si256(_mm256_and_si256(e3, p3),
									  _mm256_and_si256(e2, p2))));
	return ~(unsigned)_mm256_movemask_epi8(keep);
}

/* scan_block's test on thirty-two bytes at a time, but on blocks that follow
 * each other whatever they hold: a character cut by a block's end is
 * finished by the next block, which learns of its lead from the previous
 * block's (`prev`). The address of each load then does not wait on the
 * block before it, and the processor runs blocks side by side: with blocks
 * that ended at a character boundary, the loop ran no faster than SSE2's.
 * The folds are tested for every lead at once (folds32, which reads two
 * bytes past the block), so that no branch depends on the text: a branch
 * per character of punctuation, mispredicted, cost more than the rest. A
 * lead in the last two bytes of a block is pending (`pend`: the bytes back
 * to it) until the next block has its continuation bytes; where the blocks
 * stop, the character loop takes over from it, and its fold, if noted, is
 * taken back to be noted again, and so is its count as a control (a
 * bidirectional one). Returns false at an invalid sequence;
 * sc->i is a character boundary either way. */
__attribute__((target("avx2,popcnt")))
static bool scan_avx2(struct scan *sc)
{
	const unsigned char *u = sc->u;
	size_t i = sc->i, len = sc->len, pend = 0;
	bool pend_fold = false, pend_ctl = false;
	__m256i prev = _mm256_setzero_si256();

	while (i + 34 <= len) {
		const __m256i v = _mm256_loadu_si256((const __m256i *)(u + i));
		const __m256i cont = _mm256_cmpgt_epi8(_mm256_set1_epi8((char)0xC0), v); /* 80-BF, signed */
		const __m256i lead = in_range32(v, 0xE1, 0x0B);
		const __m256i nl = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\n'));
		const __m256i cr = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\r'));
		__m256i ok = _mm256_andnot_si256(in_range32(v, 'A', 25), in_range32(v, 0x20, 0x5E));
		/* The leads one and two bytes back: lead shifted up across the
		 * halves of the register, the previous block's last bytes below. */
		const __m256i back = _mm256_permute2x128_si256(prev, lead, 0x21);
		const __m256i want = _mm256_or_si256(_mm256_alignr_epi8(lead, back, 15),
						     _mm256_alignr_epi8(lead, back, 14));
		unsigned lm, fm;

		ok = _mm256_or_si256(_mm256_or_si256(ok, _mm256_or_si256(nl, cr)), _mm256_or_si256(cont, lead));
		if ((unsigned)_mm256_movemask_epi8(ok) != 0xFFFFFFFFu ||
		    _mm256_movemask_epi8(_mm256_xor_si256(want, cont)) != 0) {
			sc->nfolds -= pend_fold;
			sc->controls -= pend_ctl;
			sc->i = i - pend;
			if (!scan_chars(sc, i + 32))
				return false;
			i = sc->i;
			pend = 0;
			pend_fold = pend_ctl = false;
			prev = _mm256_setzero_si256();
			continue;
		}
		sc->lf += (size_t)__builtin_popcount((unsigned)_mm256_movemask_epi8(nl));
		sc->cr += (size_t)__builtin_popcount((unsigned)_mm256_movemask_epi8(cr));
		/* Leads other than E4-E9 (U+4000-U+9FFF) may fold to something else. */
		lm = (unsigned)_mm256_movemask_epi8(lead);
		fm = (unsigned)_mm256_movemask_epi8(_mm256_andnot_si256(in_range32(v, 0xE4, 5), lead));
		fm &= folds32(u + i, v);
		pend = lm >> 31 ? 1 : (lm >> 30 & 1) * 2;
		pend_fold = pend && (fm >> (32 - pend) & 1);
		pend_ctl = false;
		for (; fm; fm &= fm - 1) {
			unsigned k = (unsigned)__builtin_ctz(fm);

			add_fold(sc, i + k);
			/* Bidirectional controls: rare, and led by E2 like — and “. */
			if (u[i + k] == 0xE2 && bidi_len(u + i + k, 3)) {
				sc->controls++;
				pend_ctl = k >= 32 - pend;
			}
		}
		prev = lead;
		i += 32;
	}
	sc->nfolds -= pend_fold;
	sc->controls -= pend_ctl;
	sc->i = i - pend;
	return true;
}
#endif

/* The way text_scan takes (text_scan_use). */
static enum text_simd scan_way = TEXT_SIMD_BEST;

bool text_scan_use(enum text_simd way)
{
	bool ok = way == TEXT_SIMD_BEST || way == TEXT_SIMD_NONE;

#ifdef __SSE2__
	ok = ok || way == TEXT_SIMD_SSE2;
#endif
	ok = ok || (way == TEXT_SIMD_AVX2 && util_avx2());
	if (ok)
		scan_way = way;
	return ok;
}

/* One pass instead of memchr, u8_check and counting passes: loading a large
 * archive read every byte five times. Thirty-two bytes at a time where the
 * processor has AVX2, sixteen where SSE2 is to be had, the loop above for
 * the rest. */
void text_scan(const char *s, size_t len, struct text_scan *out)
{
	struct scan sc = {.u = (const unsigned char *)s, .len = len, .nul = len, .out = out};
	enum text_simd way = scan_way;
	bool valid = true;

	if (way == TEXT_SIMD_BEST)
		way = util_avx2() ? TEXT_SIMD_AVX2 : TEXT_SIMD_SSE2;
#ifdef SCAN_AVX2
	if (way == TEXT_SIMD_AVX2)
		valid = scan_avx2(&sc);
#endif
#ifdef __SSE2__
	while (way != TEXT_SIMD_NONE && valid && sc.i + 16 <= len) {
		size_t n = scan_block(&sc);

		if (n)
			sc.i += n;
		else
			valid = scan_chars(&sc, sc.i + 16);
	}
#endif
	if (valid)
		scan_chars(&sc, len);
	out->bad = sc.i;
	out->nul = sc.nul;
	out->lf = sc.lf;
	out->cr = sc.cr;
	out->controls = sc.controls;
	out->nfolds = sc.nfolds;
}

size_t text_decode_rest(const char *s, size_t len, uint32_t *uc)
{
	ucs4_t c;
	int n = u8_mbtoucr(&c, (const uint8_t *)s, len);

	if (n > 0) {
		*uc = c;
		return (size_t)n;
	}
	/* u8_mbtouc gives an invalid sequence the length of its maximal subpart. */
	n = u8_mbtouc(&c, (const uint8_t *)s, len);
	*uc = TEXT_INVALID;
	return n > 0 ? (size_t)n : 1;
}

size_t text_whole_chars(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = len, need;

	/* Back over at most three continuation bytes to the lead byte. */
	while (start > 0 && len - start < 3 && (u[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0 || u[start - 1] < 0xC0)
		return len; /* ends in ASCII, or in stray continuation bytes */
	need = u[start - 1] >= 0xF0 ? 4 : u[start - 1] >= 0xE0 ? 3 : 2;
	return len - (start - 1) >= need ? len : start - 1;
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

/* Whether a code point must not reach a terminal raw: C0, DEL, C1, and the
 * bidirectional formatting characters of bidi_len. */
static bool is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x61C || c == 0x200E ||
	       c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

size_t text_control_len(const char *s, size_t len)
{
	unsigned char b;

	if (len == 0)
		return 0;
	b = (unsigned char)s[0];
	if (b < 0x20 || b == 0x7F)
		return 1;
	/* C1 controls are U+0080..U+009F, encoded C2 80..C2 9F. */
	if (b == 0xC2 && len > 1 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] < 0xA0)
		return 2;
	return bidi_len((const unsigned char *)s, len);
}

bool text_has_controls(const char *s, size_t len)
{
	for (size_t off = 0; off < len; off++)
		if (s[off] != '\n' && text_control_len(s + off, len - off))
			return true;
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

/* Characters that are one grapheme cluster each whatever follows them, and
 * that never join the cluster before them: printable ASCII, the BMP's unified
 * ideographs (text_is_bmp_ideograph), CJK punctuation up to U+3029
 * (U+302A-U+302F are combining marks) and the full-width forms. Nearly every
 * character of this genre's text; for them width (one column for ASCII, two
 * for the rest, in either ambiguous-width setting) and grapheme breaks are
 * known without a table lookup. */
static bool simple_char(uint32_t c)
{
	return (c >= 0x20 && c < 0x7F) || text_is_bmp_ideograph(c) || (c >= 0x3000 && c <= 0x3029) ||
	       (c >= 0xFF01 && c <= 0xFF60);
}

/* The ambiguous-width setting, in the one place it lives, and the encoding
 * name every width and wrap here passes to libunistring for it. "UTF-8"
 * counts East Asian Ambiguous characters (“ ” — … · │) as one column, as
 * glibc's wcwidth() does; "GBK" counts them as two, as a terminal with a
 * CJK font or its "ambiguous characters are wide" option draws them. Process-wide, not
 * passed along: it is a property of the one terminal, every layer must
 * agree on it, and the wcwidth() that ncurses calls (src/draw.c) has no
 * argument to carry it. */
static enum text_ambi ambiwidth = TEXT_AMBI_NARROW;

static const char *width_encoding(void)
{
	return ambiwidth == TEXT_AMBI_WIDE ? "GBK" : "UTF-8";
}

void text_set_ambiwidth(enum text_ambi a)
{
	ambiwidth = a;
}

enum text_ambi text_ambiwidth(void)
{
	return ambiwidth;
}

int text_char_wcwidth(uint32_t uc)
{
	/* Hanzi, ASCII and full-width forms are the same width in both settings. */
	if (simple_char(uc))
		return uc < 0x80 ? 1 : 2;
	/* Locale-independent; with "UTF-8" equal to glibc's wcwidth(). */
	return uc_width(uc, width_encoding());
}

int text_char_cols(uint32_t uc)
{
	int w = text_char_wcwidth(uc);

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

/* Grapheme breaks at a position depend only on what comes before it and on the
 * character at it, so breaks found inside a window that ends at a character
 * boundary are final. The window doubles until a break shows up, which keeps
 * the cost proportional to the cluster even for thousands of combining marks. */
void text_add_padded(struct buf *b, const char *s, int cols)
{
	buf_adds(b, s);
	buf_spaces(b, cols - text_cols(s, strlen(s)));
}

size_t text_grapheme_len(const char *s, size_t len)
{
	char small[32];
	char *p = small;
	size_t win = 16;

	if (len == 0)
		return 0;
	/* Two ASCII bytes other than CR LF always have a boundary between them. */
	if ((unsigned char)s[0] < 0x80 && s[0] != '\r' &&
	    (len == 1 || (unsigned char)s[1] < 0x80))
		return 1;
	/* A simple character followed by another (or by nothing) is a cluster. */
	{
		uint32_t c0, c1;
		size_t n0 = text_next_char(s, len, &c0);

		if (simple_char(c0) && (n0 == len || (text_next_char(s + n0, len - n0, &c1), simple_char(c1))))
			return n0;
	}
	for (;;) {
		size_t n = win < len ? win : len;

		/* Never end the window inside a multibyte sequence. */
		while (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
			n++;
		if (n > sizeof small)
			p = xrealloc(p == small ? NULL : p, n);
		u8_grapheme_breaks((const uint8_t *)s, n, p);
		for (size_t i = 1; i < n; i++) {
			if (p[i]) {
				if (p != small)
					free(p);
				return i;
			}
		}
		if (n == len) {
			if (p != small)
				free(p);
			return len;
		}
		win = n * 2;
	}
}

size_t text_prefix_cols(const char *s, size_t len, int cols, int *used_cols)
{
	size_t off = 0, n = 0;
	int used = 0;
	uint32_t c = 0;

	if (len)
		n = text_next_char(s, len, &c);
	while (off < len) {
		/* A simple character followed by another (or by the end) is a
		 * grapheme of its own, as in text_grapheme_len; each character is
		 * decoded once on this path, which every line drawn takes. */
		if (simple_char(c)) {
			size_t next = off + n, n1 = 0;
			uint32_t c1 = 0;

			if (next < len)
				n1 = text_next_char(s + next, len - next, &c1);
			if (next == len || simple_char(c1)) {
				int w = text_char_cols(c);

				if (used + w > cols)
					break;
				used += w;
				off = next;
				c = c1;
				n = n1;
				continue;
			}
		}
		size_t g = text_grapheme_len(s + off, len - off);
		int w = text_cols(s + off, g);

		if (used + w > cols)
			break;
		used += w;
		off += g;
		if (off < len)
			n = text_next_char(s + off, len - off, &c);
	}
	if (used_cols)
		*used_cols = used;
	return off;
}

char *text_truncate(const char *s, size_t len, int cols)
{
	static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026, ambiguous: one column or two */
	int ell_cols = text_char_cols(0x2026);
	struct buf b;
	int used;
	size_t n;

	buf_init(&b);
	if (cols <= 0)
		return buf_take(&b, NULL);
	n = text_prefix_cols(s, len, cols, &used);
	if (n == len) {
		buf_add(&b, s, len);
	} else if (cols < ell_cols) {
		buf_add(&b, s, n);
	} else {
		/* Make room for the ellipsis. */
		n = text_prefix_cols(s, len, cols - ell_cols, &used);
		buf_add(&b, s, n);
		buf_adds(&b, ellipsis);
	}
	return buf_take(&b, NULL);
}

/* Whether UAX #14 should see a break before this opening quote: libunistring 1.0
 * glues “ ‘ to both neighbours. Only after an ideograph or after Po punctuation
 * (，。、,:) may a line end before the quote; after ( or another quote it may not. */
static bool quote_open_breaks_after(uint32_t prev)
{
	return uc_is_property_ideographic(prev) || uc_is_general_category(prev, UC_CATEGORY_Po);
}

bool text_is_closing_punct(uint32_t c)
{
	switch (c) {
	case ',': case '.': case ';': case ':': case '?': case '!': case ')':
	case 0x3001: case 0x3002: /* 、。 */
	case 0xFF0C: case 0xFF0E: case 0xFF1B: case 0xFF1A: case 0xFF1F: case 0xFF01: case 0xFF09: /* ，．；：？！） */
	case 0x2019: case 0x201D: /* ’” */
	case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3017: /* 〉》」』】〕〗 */
	case 0xFF3D: case 0xFF5D: /* ］｝ */
		return true;
	default:
		return false;
	}
}

bool text_is_opening_punct(uint32_t c)
{
	switch (c) {
	case '(':
	case 0x2018: case 0x201C: /* ‘“ */
	case 0xFF08: case 0xFF3B: case 0xFF5B: /* （［｛ */
	case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3016: /* 〈《「『【〔〖 */
		return true;
	default:
		return false;
	}
}

/* Fill o[0..len) with the Chinese-quote override for u8_width_linebreaks. A rule
 * based on "wide neighbour" would also allow a break before 、 and is not used. */
static void quote_override(const char *s, size_t len, char *o)
{
	uint32_t prev = 0;
	bool have_prev = false;

	memset(o, UC_BREAK_UNDEFINED, len);
	for (size_t off = 0; off < len;) {
		uint32_t c;
		size_t n = text_next_char(s + off, len - off, &c);

		if (have_prev) {
			if ((c == 0x201C || c == 0x2018) && quote_open_breaks_after(prev))
				o[off] = UC_BREAK_POSSIBLE;
			if ((prev == 0x201D || prev == 0x2019) && uc_is_property_ideographic(c))
				o[off] = UC_BREAK_POSSIBLE;
		}
		prev = c;
		have_prev = true;
		off += n;
	}
}

struct wrap {
	const char *s;
	int width;
	struct text_line *lines;
	size_t n, cap;
};

static void wrap_push(struct wrap *w, size_t off, size_t len, int cols)
{
	w->lines = xgrow(w->lines, &w->cap, w->n + 1, sizeof *w->lines);
	w->lines[w->n] = (struct text_line){ .off = off, .len = len, .cols = cols };
	w->n++;
}

/* Emit the text between two chosen breaks. Trailing spaces are dropped; what is
 * still wider than the width is a single unbreakable piece, which is cut at
 * grapheme boundaries into full lines. A cluster wider than the width (a wide
 * character at width 1) goes alone on its line, the only case where a line is
 * wider than the width, so that wrapping always makes progress. `soft` is
 * false for the end of the text and for hard breaks, which keep empty lines. */
static void wrap_emit(struct wrap *w, size_t off, size_t end, bool soft)
{
	const char *s = w->s;
	char *gb;
	size_t pos, start, last_cut;
	int cols, cut_cols;

	while (end > off && s[end - 1] == ' ')
		end--;
	/* Leading spaces before a soft break would make an empty line. */
	if (soft && end == off)
		return;
	cols = text_cols(s + off, end - off);
	if (cols <= w->width) {
		wrap_push(w, off, end - off, cols);
		return;
	}
	gb = xmalloc(end - off);
	u8_grapheme_breaks((const uint8_t *)s + off, end - off, gb);
	start = off;
	last_cut = off;
	cut_cols = 0;
	cols = 0;
	for (pos = off; pos < end;) {
		uint32_t c;
		size_t n;
		int cw;

		if (pos > start && gb[pos - off]) {
			last_cut = pos;
			cut_cols = cols;
		}
		n = text_next_char(s + pos, end - pos, &c);
		cw = text_char_cols(c);
		if (cols + cw > w->width && last_cut > start) {
			/* The cluster that starts at last_cut does not fit. */
			wrap_push(w, start, last_cut - start, cut_cols);
			start = last_cut;
			cols -= cut_cols;
			cut_cols = 0;
		}
		cols += cw;
		pos += n;
	}
	wrap_push(w, start, end - start, cols);
	free(gb);
}

size_t text_wrap(const char *s, size_t len, int width, struct text_line **lines)
{
	struct wrap w = { .s = s, .width = width < 1 ? 1 : width };
	char *o, *p;
	size_t start = 0, off;

	if (len == 0) {
		wrap_push(&w, 0, 0, 0);
		*lines = w.lines;
		return w.n;
	}
	o = xmalloc(len);
	p = xmalloc(len);
	quote_override(s, len, o);
	u8_width_linebreaks((const uint8_t *)s, len, w.width, 0, 0, o, width_encoding(), p);
	free(o);
	for (off = 0; off < len;) {
		uint32_t c;
		size_t n = text_next_char(s + off, len - off, &c);

		if (p[off] == UC_BREAK_MANDATORY) {
			wrap_emit(&w, start, off, false);
			start = off + n;
		} else if (p[off] == UC_BREAK_CR_BEFORE_LF) {
			/* CR LF: the LF that follows is marked mandatory and ends the line. */
			wrap_emit(&w, start, off, false);
			start = off + n;
			if (start < len && s[start] == '\n')
				n++, start++;
		} else if (p[off] == UC_BREAK_POSSIBLE && off > start) {
			wrap_emit(&w, start, off, true);
			start = off;
		}
		off += n;
	}
	wrap_emit(&w, start, len, false);
	free(p);
	*lines = w.lines;
	return w.n;
}

/* Fill p[0..len) with every break UAX #14 allows in s[0..len), with the quote
 * override, as u8_width_linebreaks would see them (the same encoding name,
 * so that text_fill and text_wrap read the same classes in either
 * ambiguous-width setting); and between a closing and an opening quote
 * (”“), where a line may end and the next begin. */
static void possible_breaks(const char *s, size_t len, char *p)
{
	char *o = xmalloc(len);
	uint32_t prev = 0;

	u8_possible_linebreaks((const uint8_t *)s, len, width_encoding(), p);
	quote_override(s, len, o);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = text_next_char(s + i, len - i, &c);

		if (o[i] == UC_BREAK_POSSIBLE || ((prev == 0x201D || prev == 0x2019) && (c == 0x201C || c == 0x2018)))
			p[i] = UC_BREAK_POSSIBLE;
		prev = c;
		i += n;
	}
	free(o);
}

/* One piece between two allowed breaks, as text_fill measures it. */
struct piece {
	size_t end;      /* where the next piece starts */
	size_t trim;     /* end without trailing spaces */
	int cols;        /* columns of [start, end) */
	int trim_cols;   /* columns of [start, trim) */
	int last_cols;   /* columns of the last character before trim */
	bool last_closes; /* that character is closing punctuation */
	bool hard;       /* a forced break follows (LF); `end` is past it */
};

/* Measure the piece of s[0..len) that starts at `a`. */
static void piece_at(const char *s, size_t len, const char *p, size_t a, struct piece *pc)
{
	size_t e = a;
	int cols = 0;

	*pc = (struct piece){ .trim = a };
	while (e < len) {
		uint32_t c;
		size_t n;
		int w;

		if (p[e] == UC_BREAK_MANDATORY || p[e] == UC_BREAK_CR_BEFORE_LF) {
			n = text_next_char(s + e, len - e, &c);
			if (p[e] == UC_BREAK_CR_BEFORE_LF && e + n < len && s[e + n] == '\n')
				n++;
			pc->hard = true;
			pc->end = e + n;
			pc->cols = cols;
			return;
		}
		if (e > a && p[e] == UC_BREAK_POSSIBLE)
			break;
		n = text_next_char(s + e, len - e, &c);
		w = text_char_cols(c);
		cols += w;
		e += n;
		if (c != ' ') {
			pc->trim = e;
			pc->trim_cols = cols;
			pc->last_cols = w;
			pc->last_closes = text_is_closing_punct(c);
		}
	}
	pc->end = e;
	pc->cols = cols;
}

struct fill {
	struct wrap w;
	const struct text_fill *f;
	size_t start;    /* where the current line starts */
	size_t end;      /* where its text ends (trailing spaces left out) */
	int cols;        /* columns of [start, end), the indent included on the first line */
	int run;         /* columns from start to the end of the last piece, spaces included */
};

/* Where the space that fills the hanging line s[start..end) goes: beside
 * its last run of one-column characters before the hanging mark. */
static size_t grid_pad_off(const char *s, size_t start, size_t end)
{
	size_t mark = start, run = SIZE_MAX, run_end = SIZE_MAX;
	uint32_t c, last = 0;

	for (size_t i = start; i < end;) {
		size_t n = text_next_char(s + i, end - i, &c);

		if (i + n == end) {
			mark = i;
			break;
		}
		if (text_char_cols(c) == 1) {
			if (run_end != i)
				run = i;
			run_end = i + n;
			last = c;
		}
		i += n;
	}
	if (run == SIZE_MAX)
		return mark;
	return text_is_opening_punct(last) ? run : run_end;
}

/* End the current line at fl->end; the next starts at `next`. */
static void fill_emit(struct fill *fl, size_t next, bool hang, int hang_cols)
{
	const struct text_fill *f = fl->f;
	int cols = fl->cols - (fl->w.n == 0 ? f->first_cols : 0);
	bool pad = f->pad && fl->cols - hang_cols == f->measure - 1;

	wrap_push(&fl->w, fl->start, fl->end - fl->start, cols + pad);
	fl->w.lines[fl->w.n - 1].hang = hang;
	fl->w.lines[fl->w.n - 1].pad = pad;
	fl->w.lines[fl->w.n - 1].pad_off = !pad ? 0 : hang ? grid_pad_off(fl->w.s, fl->start, fl->end) : fl->end;
	fl->start = fl->end = next;
	fl->cols = fl->run = 0;
}

/* Put a piece wider than the room left on the empty current line, cut at
 * grapheme boundaries into lines as full as they can be. */
static void fill_cut(struct fill *fl, const struct piece *pc)
{
	const char *s = fl->w.s;
	size_t q = fl->start;

	while (q < pc->trim) {
		int used, room = fl->f->measure - fl->cols;
		size_t n = text_prefix_cols(s + q, pc->trim - q, room > 0 ? room : 0, &used);

		if (n == 0) {
			if (fl->cols > 0) {
				fl->end = q;
				fill_emit(fl, q, false, 0);
				continue;
			}
			/* A cluster wider than the measure: alone on its line. */
			n = text_grapheme_len(s + q, pc->trim - q);
			used = text_cols(s + q, n);
		}
		q += n;
		fl->end = q;
		fl->cols += used;
		if (q < pc->trim)
			fill_emit(fl, q, false, 0);
	}
	fl->run = fl->cols + pc->cols - pc->trim_cols;
}

size_t text_fill(const char *s, size_t len, const struct text_fill *f, struct text_line **lines)
{
	struct fill fl = { .w = { .s = s, .width = f->measure }, .f = f, .cols = f->first_cols,
			   .run = f->first_cols };
	char *p;

	if (len == 0) {
		wrap_push(&fl.w, 0, 0, 0);
		*lines = fl.w.lines;
		return fl.w.n;
	}
	p = xmalloc(len);
	possible_breaks(s, len, p);
	for (size_t a = 0; a < len;) {
		struct piece pc;
		bool empty = a == fl.start;

		piece_at(s, len, p, a, &pc);
		if (fl.run + pc.trim_cols <= f->measure || (empty && pc.trim == a)) {
			/* It fits. */
			if (pc.trim > a) {
				fl.end = pc.trim;
				fl.cols = fl.run + pc.trim_cols;
			}
			fl.run += pc.cols;
		} else if (f->hang && pc.last_closes && fl.run + pc.trim_cols - pc.last_cols <= f->measure) {
			/* Only its closing mark is too much: the mark hangs. */
			fl.end = pc.trim;
			fl.cols = fl.run + pc.trim_cols;
			fill_emit(&fl, pc.end, true, pc.last_cols);
			a = pc.end;
			continue;
		} else if (!empty) {
			/* It goes on the next line; measured again there. */
			fill_emit(&fl, a, false, 0);
			continue;
		} else {
			fill_cut(&fl, &pc);
		}
		a = pc.end;
		if (pc.hard) {
			fill_emit(&fl, a, false, 0);
			fl.w.lines[fl.w.n - 1].pad = false;
			fl.w.lines[fl.w.n - 1].cols = text_cols(s + fl.w.lines[fl.w.n - 1].off, fl.w.lines[fl.w.n - 1].len);
		}
	}
	/* The last line is as long as the text: no space makes it full. */
	if (fl.start < len || fl.w.n == 0) {
		int cols = fl.cols - (fl.w.n == 0 ? f->first_cols : 0);

		wrap_push(&fl.w, fl.start, fl.end - fl.start, cols);
	}
	free(p);
	*lines = fl.w.lines;
	return fl.w.n;
}

char *text_sanitize_take(char *s)
{
	size_t len = strlen(s);
	char *t;

	if (!text_has_controls(s, len))
		return s;
	t = text_sanitize(s, len, false, NULL);
	free(s);
	return t;
}
