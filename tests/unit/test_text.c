/* Unit tests for the text layer: validation, sanitizing, widths, grapheme cuts,
 * truncation and line breaking. The wrapping property test checks every line
 * of the seed at every width from 4 to 120 against libunistring's own UAX #14
 * break opportunities, used here as an independent oracle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "fayan/fold.h"
#include "fayan/text.h"
#include "fayan/util.h"

#define SEED "seeds/000_5ab60398d2227b0f.txt"

static int cols_of(const char *s)
{
	return text_cols(s, strlen(s));
}

static int cols_of_n(const char *s, size_t len)
{
	return text_cols(s, len);
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(cols_of("abc"), 3);
	assert_int_equal(cols_of("中文"), 4);
	assert_int_equal(cols_of("新郑市城关乡"), 12);
	assert_int_equal(cols_of("，。、"), 6);
	/* East Asian Ambiguous: one column, as wcwidth() and ncurses say. */
	assert_int_equal(cols_of("“”…—"), 4);
	assert_int_equal(cols_of("e\xCC\x81"), 1);          /* e + U+0301 */
	assert_int_equal(cols_of("\xE0\xA4\x95\xE0\xA5\x8D"), 1); /* क् */
	assert_int_equal(cols_of("👍"), 2);
	/* Code points add up, as ncurses advances: the modifier is 2 more. */
	assert_int_equal(cols_of("👍🏽"), 4);
	assert_int_equal(cols_of("ＡＢＣ"), 6);
	assert_int_equal(cols_of(""), 0);
	assert_int_equal(text_char_cols(0x1B), 0);
	assert_int_equal(text_char_cols(0x9B), 0);
	assert_int_equal(text_char_cols(0x4E2D), 2);
	assert_int_equal(text_char_cols(0x0301), 0);
	assert_int_equal(text_char_cols('a'), 1);
}

/* With ambiguous characters wide, every width, cut and wrap counts them as
 * two columns, and nothing else changes; back to narrow, all is as before. */
static void test_ambiwidth_setting(void **state)
{
	struct text_line *lines;
	size_t n;
	char *cut;
	const char *quote = "充分运用“脚步丈量”工作法";
	(void)state;
	assert_int_equal(text_ambiwidth(), TEXT_AMBI_NARROW);
	text_set_ambiwidth(TEXT_AMBI_WIDE);
	assert_int_equal(text_ambiwidth(), TEXT_AMBI_WIDE);
	assert_int_equal(cols_of("“”…—"), 8);
	assert_int_equal(cols_of("·°│‘’"), 10);
	assert_int_equal(text_char_cols(0x2502), 2);
	/* Hanzi, ASCII, full-width forms, marks and controls as before. */
	assert_int_equal(cols_of("新郑市abc，。ＡＢ"), 17);
	assert_int_equal(cols_of("e\xCC\x81"), 1);
	assert_int_equal(text_char_cols(0x1B), 0);
	assert_int_equal(text_char_wcwidth(0x1B), -1);
	assert_int_equal(text_char_wcwidth(0x201C), 2);
	/* The ellipsis that ends a cut name is two columns too. */
	cut = text_truncate("郑东新区龙湖办事处", strlen("郑东新区龙湖办事处"), 10);
	assert_string_equal(cut, "郑东新区…");
	free(cut);
	cut = text_truncate("郑东", strlen("郑东"), 1);
	assert_string_equal(cut, "");
	free(cut);
	/* "充分运用“脚步丈" is 15 columns narrow, 16 wide: the quote moves the break. */
	n = text_wrap(quote, strlen(quote), 15, &lines);
	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++)
		assert_true(lines[i].cols <= 15 && lines[i].cols == cols_of_n(quote + lines[i].off, lines[i].len));
	assert_int_equal(lines[0].len, strlen("充分运用“脚步"));
	free(lines);
	text_set_ambiwidth(TEXT_AMBI_NARROW);
	assert_int_equal(text_char_wcwidth(0x201C), 1);
	assert_int_equal(cols_of("“”…—"), 4);
	cut = text_truncate("郑东新区龙湖办事处", strlen("郑东新区龙湖办事处"), 10);
	assert_string_equal(cut, "郑东新区…");
	free(cut);
	n = text_wrap(quote, strlen(quote), 15, &lines);
	assert_int_equal(lines[0].len, strlen("充分运用“脚步丈"));
	free(lines);
}

/* The setting is the process's: a failing test must not leave it wide. */
static int narrow_again(void **state)
{
	(void)state;
	text_set_ambiwidth(TEXT_AMBI_NARROW);
	return 0;
}

/* text_scan against the single-purpose answers: u8_check (through
 * text_check_utf8), memchr for NUL, and counts byte by byte. Inputs: every
 * edge of the UTF-8 table, then random mixes of them. */
static void scan_expect(const char *s, size_t len)
{
	struct text_scan sc;
	size_t bad = text_check_utf8(s, len), lf = 0, cr = 0, ctl = 0;
	const char *nul = memchr(s, '\0', bad);

	for (size_t i = 0; i < bad; i++) {
		unsigned char b = (unsigned char)s[i];

		lf += b == '\n';
		cr += b == '\r';
		ctl += (b < 0x20 && b != '\n' && b != '\r') || b == 0x7F ||
		       (b == 0xC2 && i + 1 < bad && (unsigned char)s[i + 1] < 0xA0);
	}
	/* The characters fold_invariant rejects, LF and CR aside, and the
	 * invalid sequence if any. */
	size_t folds[256], nfolds = 0;

	for (size_t i = 0, n; i < bad; i += n) {
		uint32_t uc;

		n = text_next_char(s + i, bad - i, &uc);
		if (uc != '\n' && uc != '\r' && !fold_invariant(s + i, n))
			folds[nfolds++] = i;
		/* The bidirectional controls count as controls too. */
		ctl += uc == 0x61C || uc == 0x200E || uc == 0x200F || (uc >= 0x202A && uc <= 0x202E) ||
		       (uc >= 0x2066 && uc <= 0x2069);
	}
	if (bad < len)
		folds[nfolds++] = bad;
	text_scan(s, len, &sc);
	assert_int_equal(sc.nfolds, nfolds);
	for (size_t i = 0; i < nfolds && i < TEXT_SCAN_FOLDS; i++)
		assert_int_equal(sc.fold_at[i], folds[i]);
	assert_int_equal(sc.bad, bad);
	assert_int_equal(sc.nul, nul ? (size_t)(nul - s) : len);
	assert_int_equal(sc.lf, lf);
	assert_int_equal(sc.cr, cr);
	assert_int_equal(sc.controls, ctl);
}

/* Append piece pc (the empty piece: a NUL byte) to buf[0..len) of cap bytes. */
static size_t put_piece(char *buf, size_t len, size_t cap, const char *pc)
{
	if (!*pc)
		buf[len++] = '\0';
	for (; *pc && len < cap; pc++)
		buf[len++] = *pc;
	return len;
}

static void scan_cases(void)
{
	static const char *const pieces[] = {
		"a", "\n", "\r", "\t", "\x1B", "\x7F", "", "中", "\xC2\x80", "\xC2\x9F", "\xC2\xA0",
		"\xC3\xA9", "\xDF\xBF", "\xE0\xA0\x80", "\xE0\x9F\xBF", "\xED\x9F\xBF",
		"\xED\xA0\x80", "\xEE\x80\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80",
		"\xF0\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
		"\xC0\xAF", "\xC1\xBF", "\x80", "\xBF", "\xE4\xB8", "\xE4", "\xF0\x9F\x91",
		"\xFF", "\xFE", "\xC2", "\xE4\x41\x80", "\xE4\xB8\x41",
		/* what folds to itself and what does not */
		"A", "Z", "z", "@", "[", "。", "、", "，", "Ａ", "“", "—", "〇", "【", "㐀", "\xE3\x8F\xBF",
		"\xE2\x80\x93", "\xEA\xB0\x80",
	};
	size_t np = sizeof pieces / sizeof *pieces;
	char buf[64];
	unsigned seed = 12345;

	for (size_t i = 0; i < np; i++) {
		size_t n = strlen(pieces[i]);

		if (i == 6) { /* the NUL byte */
			scan_expect("ab\0c\0", 5);
			continue;
		}
		scan_expect(pieces[i], n);
		for (size_t j = 0; j < np; j++) {
			int k = snprintf(buf, sizeof buf, "%s%s", pieces[i], pieces[j]);

			scan_expect(buf, (size_t)k);
			scan_expect(buf, (size_t)k - (k > 0)); /* cut short */
		}
	}
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;

		while (len < 48) {
			const char *pc;

			seed = seed * 1103515245u + 12345u;
			pc = pieces[(seed >> 16) % np];
			len = put_piece(buf, len, sizeof buf, pc);
		}
		scan_expect(buf, len);
	}
	/* Long runs of the genre's text, which text_scan takes sixteen bytes at
	 * a time, each broken by one piece of any kind at any place. */
	for (int round = 0; round < 20000; round++) {
		static const char *const common[] = {
			"中", "文", "a", "1", " ", "\n", "。", "、", "“", "ー", "中", "文", "中",
			/* every punctuation fold_keeps keeps, and neighbours it does not */
			"〈", "〉", "《", "》", "「", "」", "『", "』", "【", "】", "‘", "’", "”", "—",
			"〇", "〒", "–", "‗", "㐀", "\xE3\x8F\xBF", "Ａ",
		};
		char big[200];
		size_t len = 0, odd;

		seed = seed * 1103515245u + 12345u;
		odd = (seed >> 16) % 160;
		while (len < 180) {
			const char *pc;

			seed = seed * 1103515245u + 12345u;
			if (len >= odd && len < odd + 4)
				pc = pieces[(seed >> 16) % np], odd = SIZE_MAX;
			else
				pc = common[(seed >> 16) % (sizeof common / sizeof *common)];
			len = put_piece(big, len, sizeof big, pc);
		}
		scan_expect(big, len);
		scan_expect(big, len - 1 - (seed >> 20) % 8); /* cut short */
	}
}

/* Two adjacent bytes of a run of the genre's text replaced by any of the
 * bytes that change what a byte means to UTF-8 or to folding, at every
 * place in and around the blocks a wide scan reads: a character cut short
 * or made longer, a continuation byte where a lead should be. */
static void scan_mutations(void)
{
	static const unsigned char bytes[] = {
		0x00, 0x0A, 0x41, 0x61, 0x80, 0x90, 0xBF, 0xC2, 0xE0, 0xE3, 0xE4, 0xED, 0xEF, 0xF0, 0xFF,
	};
	/* Mostly hanzi; mostly ASCII, where a block is accepted or not by the
	 * few bytes of its one hanzi. */
	static const char *const runs[] = {"中文“。”、基层a治理,1【】", "grassroots 中 governance, 2020: "};
	char text[112], buf[112];
	size_t nb = sizeof bytes;

	for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
		size_t len = 0;

		while (len + strlen(runs[r]) <= sizeof text)
			len = put_piece(text, len, sizeof text, runs[r]);
		for (size_t p = 0; p + 1 < len; p++)
			for (size_t a = 0; a < nb; a++)
				for (size_t b = 0; b < nb; b++) {
					memcpy(buf, text, len);
					buf[p] = (char)bytes[a];
					buf[p + 1] = (char)bytes[b];
					scan_expect(buf, len);
				}
	}
}

/* Each bidirectional control, and its neighbours that are not, at every
 * place of a run of the genre's text: in a block, cut by a block's end, at
 * the end of the text. */
static void scan_bidi(void)
{
	static const char *const odd[] = {
		"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
		"\u2069", "\u200E", "\u200F", "\u061C",
		"\u2029", "\u202F", "\u2065", "\u206A", "\u200D", "\u2010", "\u061B", "\u061D", "…",
	};
	const char *run = "中文“。”基层治理,1";
	char buf[160];

	for (size_t k = 0; k < sizeof odd / sizeof *odd; k++)
		for (size_t at = 0; at < 80; at++) {
			size_t len = 0;

			/* Hanzi, then ASCII up to byte `at`. */
			while (len + 3 <= at)
				len = put_piece(buf, len, sizeof buf, "中");
			while (len < at)
				len = put_piece(buf, len, sizeof buf, "a");
			len = put_piece(buf, len, sizeof buf, odd[k]);
			scan_expect(buf, len);
			while (len < 120)
				len = put_piece(buf, len, sizeof buf, run);
			scan_expect(buf, len);
		}
}

/* Every way text_scan can take on this machine gives the same answers; the
 * widest the processor has is the default, so it is checked last. */
static void test_scan(void **state)
{
	static const enum text_simd ways[] = { TEXT_SIMD_NONE, TEXT_SIMD_SSE2, TEXT_SIMD_AVX2, TEXT_SIMD_BEST };
	int taken = 0;

	(void)state;
	for (size_t w = 0; w < sizeof ways / sizeof *ways; w++) {
		if (!text_scan_use(ways[w]))
			continue;
		scan_cases();
		scan_mutations();
		scan_bidi();
		taken++;
	}
	assert_true(taken >= 2);
}

static void test_invalid_utf8(void **state)
{
	size_t n;
	char *r;

	(void)state;
	assert_int_equal(text_check_utf8("中文", 6), 6);
	assert_int_equal(text_check_utf8("ab\xE4\xB8", 4), 2);        /* truncated */
	assert_int_equal(text_check_utf8("中\xE4", 4), 3);            /* truncated at end */
	assert_int_equal(text_check_utf8("a\xC0\xAF", 3), 1);         /* overlong '/' */
	assert_int_equal(text_check_utf8("ab\xE0\x80\xAF", 5), 2);    /* overlong 3-byte */
	assert_int_equal(text_check_utf8("ab\xED\xA0\x80x", 6), 2);   /* surrogate D800 */
	assert_int_equal(text_check_utf8("\xff\xfe", 2), 0);
	assert_int_equal(text_check_utf8("ok\xfe", 3), 2);
	assert_int_equal(text_check_utf8("\x80", 1), 0);              /* lone continuation */

	r = text_repair_utf8("a\xff\xfe" "b", 4, &n);
	assert_int_equal(n, 8);
	assert_memory_equal(r, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b", 8);
	assert_int_equal(text_check_utf8(r, n), n);
	free(r);
	r = text_repair_utf8("中\xE4\xB8", 5, &n);
	assert_int_equal(text_check_utf8(r, n), n);
	assert_memory_equal(r, "中", 3);
	free(r);
}

/* One rule for what a control is, shared by the parser and the themes reader. */
static void test_control_len(void **state)
{
	(void)state;
	assert_int_equal(text_control_len("\033[2J", 4), 1);
	assert_int_equal(text_control_len("\n", 1), 1);
	assert_int_equal(text_control_len("\t", 1), 1);
	assert_int_equal(text_control_len("\177", 1), 1);
	assert_int_equal(text_control_len("\302\233", 2), 2); /* U+009B */
	assert_int_equal(text_control_len("\302\237", 2), 2); /* U+009F */
	assert_int_equal(text_control_len("\302\240", 2), 0); /* NBSP */
	assert_int_equal(text_control_len("\302", 1), 0);
	assert_int_equal(text_control_len("中", 3), 0);
	assert_int_equal(text_control_len("a", 1), 0);
	assert_int_equal(text_control_len("", 0), 0);
	/* The bidirectional controls, each, and their neighbours. */
	assert_int_equal(text_control_len("\u061C", 2), 2);
	assert_int_equal(text_control_len("\u061C", 1), 0);
	assert_int_equal(text_control_len("\u200E", 3), 3);
	assert_int_equal(text_control_len("\u200F", 3), 3);
	assert_int_equal(text_control_len("\u202A", 3), 3);
	assert_int_equal(text_control_len("\u202E", 3), 3);
	assert_int_equal(text_control_len("\u202E", 2), 0);
	assert_int_equal(text_control_len("\u2066", 3), 3);
	assert_int_equal(text_control_len("\u2069", 3), 3);
	assert_int_equal(text_control_len("\u061B", 2), 0);
	assert_int_equal(text_control_len("\u200D", 3), 0); /* ZWJ: emoji need it */
	assert_int_equal(text_control_len("\u2029", 3), 0);
	assert_int_equal(text_control_len("\u202F", 3), 0);
	assert_int_equal(text_control_len("\u2065", 3), 0);
	assert_int_equal(text_control_len("\u206A", 3), 0);
	assert_int_equal(text_control_len("…", 3), 0);
	assert_false(text_has_controls("a\nb", 3));
	assert_true(text_has_controls("a\tb", 3));
}

static void test_add_padded(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	text_add_padded(&b, "李华", 6);
	text_add_padded(&b, "|", 0);
	text_add_padded(&b, "马东亮", 4);
	buf_adds(&b, "|");
	assert_string_equal(b.data, "李华  |马东亮|");
	buf_free(&b);
}

static void test_sanitize(void **state)
{
	const char in[] = "a\x1b]52;c;QUJD\x07" "b\xC2\x9B" "2Jc\td\x7f\ne";
	const char want[] = "a^[]52;c;QUJD^Gb<U+009B>2Jc d^?\ne";
	size_t n;
	char *r;

	(void)state;
	assert_true(text_has_controls(in, sizeof in - 1));
	r = text_sanitize(in, sizeof in - 1, true, &n);
	assert_string_equal(r, want);
	assert_int_equal(n, sizeof want - 1);
	assert_false(text_has_controls(r, n));
	for (size_t i = 0; i < n; i++) {
		assert_int_not_equal((unsigned char)r[i], 0x1B);
		assert_int_not_equal((unsigned char)r[i], 0x07);
		assert_false((unsigned char)r[i] == 0xC2 && (unsigned char)r[i + 1] == 0x9B);
	}
	free(r);
	r = text_sanitize("a\nb", 3, false, &n);
	assert_string_equal(r, "a b");
	free(r);
	assert_false(text_has_controls("中文\n", 7));
	assert_true(text_has_controls("\t", 1));
}

/* The bidirectional controls are shown as C1 controls are, so that nothing
 * can reorder what the terminal shows; each is in the output as text. */
static void test_sanitize_bidi(void **state)
{
	const char in[] = "a\u202Eb\u202Ac\u202Bd\u202Ce\u202Df\u2066g\u2067h\u2068i\u2069j\u061Ck\u200El\u200Fm"
			  "“中”…\u200D";
	const char want[] = "a<U+202E>b<U+202A>c<U+202B>d<U+202C>e<U+202D>f<U+2066>g<U+2067>h<U+2068>i"
			    "<U+2069>j<U+061C>k<U+200E>l<U+200F>m“中”…\u200D";
	size_t n;
	char *r;

	(void)state;
	assert_true(text_has_controls(in, sizeof in - 1));
	assert_true(text_has_controls("\u202E", 3));
	assert_true(text_has_controls("x\u061C", 3));
	assert_false(text_has_controls("“中”…\u200D\u2029", 17));
	r = text_sanitize(in, sizeof in - 1, false, &n);
	assert_string_equal(r, want);
	assert_int_equal(n, sizeof want - 1);
	assert_false(text_has_controls(r, n));
	free(r);
}

static void test_grapheme_len(void **state)
{
	const char flags[] = "🇨🇳🇺🇸";
	const char family[] = "👨\u200d👩\u200d👧x";
	size_t n = 1 + 5000 * 2;
	char *zalgo = xmalloc(n + 2);

	(void)state;
	assert_int_equal(text_grapheme_len("ab", 2), 1);
	assert_int_equal(text_grapheme_len("中文", 6), 3);
	assert_int_equal(text_grapheme_len("e\xCC\x81x", 4), 3);
	assert_int_equal(text_grapheme_len("\r\n", 2), 2);
	assert_int_equal(text_grapheme_len(flags, sizeof flags - 1), 8);
	assert_int_equal(text_grapheme_len(flags + 8, sizeof flags - 9), 8);
	assert_int_equal(text_grapheme_len(family, sizeof family - 1), sizeof family - 2);
	assert_int_equal(text_grapheme_len("👍🏽!", 9), 8);

	zalgo[0] = 'a';
	for (size_t i = 0; i < 5000; i++)
		memcpy(zalgo + 1 + 2 * i, "\xCC\x81", 2);
	zalgo[n] = 'b';
	zalgo[n + 1] = 0;
	assert_int_equal(text_grapheme_len(zalgo, n + 1), n);
	assert_int_equal(text_cols(zalgo, n), 1);
	free(zalgo);
}

static void test_prefix_cols(void **state)
{
	int used = -1;

	(void)state;
	assert_int_equal(text_prefix_cols("中文字", 9, 3, &used), 3);
	assert_int_equal(used, 2);
	/* A wide character is never split. */
	assert_int_equal(text_prefix_cols("中文字", 9, 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(text_prefix_cols("中文字", 9, 100, &used), 9);
	assert_int_equal(used, 6);
	/* A combining mark stays with its letter. */
	assert_int_equal(text_prefix_cols("ae\xCC\x81z", 5, 2, &used), 4);
	assert_int_equal(used, 2);
	assert_int_equal(text_prefix_cols("a👍🏽", 9, 4, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_prefix_cols("abc", 3, 0, NULL), 0);
}

static void test_truncate(void **state)
{
	char *r;

	(void)state;
	r = text_truncate("中文字", 9, 4);
	assert_string_equal(r, "中…");
	assert_int_equal(cols_of(r), 3);
	free(r);
	r = text_truncate("中文字", 9, 6);
	assert_string_equal(r, "中文字");
	free(r);
	r = text_truncate("中文字", 9, 5);
	assert_string_equal(r, "中文…");
	free(r);
	r = text_truncate("abcd", 4, 3);
	assert_string_equal(r, "ab…");
	free(r);
	r = text_truncate("abc", 3, 3);
	assert_string_equal(r, "abc");
	free(r);
	r = text_truncate("中文", 6, 1);
	assert_string_equal(r, "…");
	free(r);
	r = text_truncate("中文", 6, 0);
	assert_string_equal(r, "");
	free(r);
	r = text_truncate("ae\xCC\x81zz", 6, 3);
	assert_string_equal(r, "ae\xCC\x81…");
	free(r);
}

/* Wrap s and compare with the expected lines, given as NUL-separated strings. */
static void check_wrap(const char *s, int width, const char *const *want, size_t nwant)
{
	struct text_line *l;
	size_t n = text_wrap(s, strlen(s), width, &l);

	for (size_t i = 0; i < n && i < nwant; i++) {
		char got[256];

		snprintf(got, sizeof got, "%.*s", (int)l[i].len, s + l[i].off);
		assert_string_equal(got, want[i]);
		assert_int_equal(l[i].cols, cols_of(want[i]));
	}
	assert_int_equal(n, nwant);
	free(l);
}

#define WRAP(s, w, ...)                                                          \
	do {                                                                     \
		static const char *const want_[] = { __VA_ARGS__ };              \
		check_wrap(s, w, want_, sizeof want_ / sizeof want_[0]);         \
	} while (0)

static void test_wrap_basic(void **state)
{
	(void)state;
	WRAP("", 10, "");
	WRAP("hello world", 5, "hello", "world");
	WRAP("hello world", 11, "hello world");
	WRAP("hello   world", 8, "hello", "world");
	WRAP("ab\ncd", 10, "ab", "cd");
	WRAP("a\n\nb", 10, "a", "", "b");
	WRAP("a\r\nb\n", 10, "a", "b", "");
	WRAP("   abcdef", 4, "   a", "bcde", "f");
	WRAP("  ab cd", 4, "  ab", "cd");
	WRAP("  ", 4, "");
	WRAP("中文字符", 4, "中文", "字符");
	WRAP("中文字符", 5, "中文", "字符");
	/* No line starts with 。 or ，: the character before goes down with it. */
	WRAP("一二三。四", 6, "一二", "三。四");
	WRAP("一二三,四", 6, "一二", "三,四");
	WRAP("一二三、四", 6, "一二", "三、四");
	/* No line ends with “ or (. */
	WRAP("一二(三四)", 6, "一二", "(三四)");
	/* A piece wider than the width is cut at grapheme boundaries. */
	WRAP("abcdefghij", 4, "abcd", "efgh", "ij");
	WRAP("ae\xCC\x81" "cde\xCC\x81" "f", 3, "ae\xCC\x81" "c", "de\xCC\x81" "f");
	WRAP("a中文字", 4, "a中", "文字");
	/* Width 1: a wide character goes alone on its line (2 columns). */
	WRAP("中文", 1, "中", "文");
	WRAP("a中b", 1, "a", "中", "b");
	WRAP("ab", 0, "a", "b");
}

static void test_wrap_quotes(void **state)
{
	const char *s = "政治”的“134”工作";
	struct text_line *l;
	size_t n;

	(void)state;
	/* libunistring alone keeps 治”的“134”工 in one piece; the override breaks it
	 * after ” before an ideograph and before “ after an ideograph. */
	WRAP(s, 8, "政治”的", "“134”工", "作");
	WRAP(s, 6, "政治”", "的", "“134”", "工作");
	WRAP("他说:“好”。", 6, "他说:", "“好”。");
	WRAP("他说,“好”", 5, "他说,", "“好”");
	/* Not before 、 after a closing quote, not after an opening bracket. */
	WRAP("“一二”、三四", 6, "“一", "二”、", "三四");
	WRAP("一(“二”)", 4, "一", "(“二", "”)");
	n = text_wrap(s, strlen(s), 100, &l);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].len, strlen(s));
	free(l);
}

static char *repeat(const char *unit, size_t times, size_t *len)
{
	size_t u = strlen(unit);
	char *s = xmalloc(u * times + 1);

	for (size_t i = 0; i < times; i++)
		memcpy(s + i * u, unit, u);
	s[u * times] = 0;
	*len = u * times;
	return s;
}

static void test_wrap_huge(void **state)
{
	struct text_line *l;
	size_t len, n;
	char *s;

	(void)state;
	/* 10 MB of Chinese without a break character: lines of exactly 80 columns. */
	s = repeat("中", 10 << 20 / 3, &len);
	n = text_wrap(s, len, 80, &l);
	assert_int_equal(n, (len / 3 + 39) / 40);
	assert_int_equal(l[0].cols, 80);
	assert_int_equal(l[n - 1].off + l[n - 1].len, len);
	free(l);
	free(s);
	/* 10 MB of one unbreakable ASCII word: cut, in linear time. */
	s = repeat("x", 10 << 20, &len);
	n = text_wrap(s, len, 7, &l);
	assert_int_equal(n, (len + 6) / 7);
	for (size_t i = 0; i < n - 1; i++)
		assert_int_equal(l[i].len, 7);
	free(l);
	free(s);
	/* 5,000 combining marks on one letter: one grapheme, one line of 1 column. */
	s = repeat("\xCC\x81", 5000, &len);
	s = xrealloc(s, len + 3);
	memmove(s + 1, s, len + 1);
	s[0] = 'a';
	len++;
	for (int w = 1; w <= 5; w++) {
		n = text_wrap(s, len, w, &l);
		assert_int_equal(n, 1);
		assert_int_equal(l[0].len, len);
		assert_int_equal(l[0].cols, 1);
		free(l);
	}
	free(s);
}

/* The seed's paragraph lines (non-empty lines), read from the repository. */
static char **seed_lines(size_t *count)
{
	FILE *f = fopen(SEED, "rb");
	char **v = NULL;
	size_t n = 0, cap = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t got;

	assert_non_null(f);
	while ((got = getline(&line, &lcap, f)) > 0) {
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = 0;
		if (got == 0)
			continue;
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	*count = n;
	return v;
}

static uint32_t char_at(const char *s, size_t len, size_t off)
{
	uint32_t c;

	text_next_char(s + off, len - off, &c);
	return c;
}

static uint32_t char_before(const char *s, size_t off)
{
	size_t b = off - 1;

	while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
		b--;
	return char_at(s, off, b);
}

static bool starts_forbidden(uint32_t c)
{
	switch (c) {
	case 0xFF0C: case 0x3002: case 0x3001: case 0x201D: /* ，。、” */
	case ',': case '.': case ';': case ':': case '!': case '?': case ')':
		return true;
	}
	return false;
}

static bool ends_forbidden(uint32_t c)
{
	return c == 0x201C || c == '(';
}

/* Whether the quote rule of the spec allows a break at off (s[off] not first). */
static bool quote_break(const char *s, size_t len, size_t off)
{
	uint32_t prev = char_before(s, off), c = char_at(s, len, off);

	if ((c == 0x201C || c == 0x2018) &&
	    (uc_is_property_ideographic(prev) || uc_is_general_category(prev, UC_CATEGORY_Po)))
		return true;
	return (prev == 0x201D || prev == 0x2019) && uc_is_property_ideographic(c);
}

static void test_wrap_seed_property(void **state)
{
	size_t nlines, forced_narrow = 0, checked = 0;
	char **seed = seed_lines(&nlines);

	(void)state;
	assert_true(nlines > 20);
	for (size_t k = 0; k < nlines; k++) {
		const char *s = seed[k];
		size_t len = strlen(s);
		char *opp = xmalloc(len), *gb = xmalloc(len);

		u8_possible_linebreaks((const uint8_t *)s, len, "UTF-8", opp);
		u8_grapheme_breaks((const uint8_t *)s, len, gb);
		for (int width = 4; width <= 120; width++) {
			struct text_line *l;
			size_t n = text_wrap(s, len, width, &l);
			size_t expect = 0;

			for (size_t i = 0; i < n; i++) {
				size_t off = l[i].off, end = off + l[i].len;
				bool forced = false;

				/* Reproduces the text: only spaces are dropped between lines. */
				assert_true(off >= expect);
				for (size_t j = expect; j < off; j++)
					assert_int_equal(s[j], ' ');
				expect = end;
				assert_true(l[i].cols <= width);
				assert_int_equal(l[i].cols, text_cols(s + off, l[i].len));
				assert_true(l[i].len > 0);
				/* Never inside a character or a grapheme cluster. */
				assert_true(off == 0 || gb[off]);
				assert_true(end == len || gb[end]);

				if (i > 0) {
					size_t poff = l[i - 1].off, pend = poff + l[i - 1].len;

					/* A break no UAX #14 opportunity or quote rule allows is
					 * a cut: only when the piece is wider than the width. */
					if (pend == off && opp[off] != UC_BREAK_POSSIBLE &&
					    !quote_break(s, len, off)) {
						int next = text_cols(s + off, text_grapheme_len(s + off, len - off));

						forced = true;
						assert_true(width <= 6);
						assert_true(l[i - 1].cols + next > width);
						for (size_t j = poff + 1; j < pend; j++)
							assert_true(opp[j] != UC_BREAK_POSSIBLE);
						forced_narrow++;
					}
					if (!forced) {
						if (starts_forbidden(char_at(s, len, off)) || ends_forbidden(char_before(s, pend)))
							fprintf(stderr, "width %d: [%.*s] [%.*s]\n", width, (int)l[i-1].len, s + poff, (int)l[i].len, s + off);
						assert_false(starts_forbidden(char_at(s, len, off)));
						assert_false(ends_forbidden(char_before(s, pend)));
					}
				}
				checked++;
			}
			while (expect < len)
				assert_int_equal(s[expect++], ' ');
			free(l);
		}
		free(opp);
		free(gb);
		free(seed[k]);
	}
	free(seed);
	/* The seed does have pieces wider than 4 to 6 columns. */
	assert_true(forced_narrow > 0);
	assert_true(checked > 10000);
}

/* The shortcuts for the characters this genre is made of (ASCII, CJK
 * ideographs and punctuation, full-width forms) give exactly what
 * libunistring gives: every code point's width around and inside their
 * ranges, and the first cluster of every pair drawn from them and from the
 * marks that join a cluster. */
static void test_simple_chars_agree(void **state)
{
	static const uint32_t ranges[][2] = {
		{0x0, 0x2FF}, {0x2FF0, 0x30FF}, {0x4DF0, 0x4E10}, {0x9FF0, 0xA010}, {0xFE00, 0xFFFF},
	};
	static const uint32_t pick[] = {
		'a', ' ', '~', 0x4E00, 0x4E2D, 0x9FFF, 0x3000, 0x3001, 0x3029, 0x302A, 0x302F, 0x3099,
		0xFF01, 0xFF0C, 0xFF60, 0xFF61, 0xFF9E, 0x0301, 0x200D, 0xFE0F, 0x1F44D, 0x1F3FD, 0x1100, 0x1161,
		0xAC00, 0x0D, 0x0A, 0x0E03, 0x0600, 0x1F1E8,
	};
	size_t np = sizeof pick / sizeof pick[0];

	(void)state;
	for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
		for (uint32_t c = ranges[r][0]; c <= ranges[r][1]; c++) {
			int w = uc_width(c, "UTF-8");

			if (c >= 0xD800 && c <= 0xDFFF)
				continue;
			assert_int_equal(text_char_cols(c), w < 0 ? 0 : w);
		}
	for (size_t i = 0; i < np; i++)
		for (size_t j = 0; j < np; j++)
			for (size_t k = 0; k < np; k++) {
				uint8_t s[16];
				char gb[16];
				size_t len = 0, want = 0;
				uint32_t cs[3] = {pick[i], pick[j], pick[k]};

				for (int m = 0; m < 3; m++) {
					int n = u8_uctomb(s + len, cs[m], (int)(sizeof s - len));

					assert_true(n > 0);
					len += (size_t)n;
				}
				u8_grapheme_breaks(s, len, gb);
				for (want = 1; want < len && !gb[want]; want++)
					;
				assert_int_equal(text_grapheme_len((const char *)s, len), want);
			}
}

/* text_next_char decodes exactly as u8_mbtouc, for every sequence of one to
 * three bytes (well-formed or not) and a sample of four-byte ones. */
static void test_next_char_agrees(void **state)
{
	(void)state;
	/* Every two-byte value; every three bytes led by E0-EF (where the inline
	 * decoding is); a sample of the other lead bytes. */
	for (uint32_t v = 0; v < (1u << 24); v += (v < (1u << 16) || (v >> 20) == 0xE ? 1 : 251)) {
		uint8_t b[3] = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};

		for (size_t len = 1; len <= 3; len++) {
			const uint8_t *p = b + 3 - len;
			ucs4_t want;
			uint32_t got;
			int n = u8_mbtouc(&want, p, len);
			size_t m = text_next_char((const char *)p, len, &got);

			assert_int_equal(m, n > 0 ? (size_t)n : 1);
			assert_int_equal(got, want);
		}
	}
}

/* text_decode answers as libunistring does, with TEXT_INVALID where it
 * would give U+FFFD for damage: a valid sequence (a literal U+FFFD among
 * them) is its code point and length as u8_mbtoucr decodes it, an invalid
 * or cut-short one TEXT_INVALID and u8_mbtouc's length; text_decode_valid
 * agrees with it on every valid sequence. Every sequence of one to three
 * bytes, and a sample of the four-byte ones. */
static void test_decode_agrees(void **state)
{
	(void)state;
	for (uint32_t v = 0; v < (1u << 24); v += (v < (1u << 16) || (v >> 20) == 0xE ? 1 : 251)) {
		uint8_t b[3] = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};

		for (size_t len = 1; len <= 3; len++) {
			const uint8_t *p = b + 3 - len;
			ucs4_t c;
			uint32_t got, got_valid;
			int n = u8_mbtoucr(&c, p, len);
			size_t m = text_decode((const char *)p, len, &got);

			if (n > 0) {
				assert_int_equal(m, (size_t)n);
				assert_int_equal(got, c);
				assert_int_equal(text_decode_valid((const char *)p, len, &got_valid), m);
				assert_int_equal(got_valid, got);
			} else {
				n = u8_mbtouc(&c, p, len);
				assert_int_equal(m, n > 0 ? (size_t)n : 1);
				assert_int_equal(got, TEXT_INVALID);
			}
		}
	}
	{
		uint32_t c;

		assert_int_equal(text_decode("\xEF\xBF\xBD", 3, &c), 3);
		assert_int_equal(c, 0xFFFD);
		assert_int_equal(text_decode("\xF0\x9F\x98\x80", 4, &c), 4);
		assert_int_equal(c, 0x1F600);
		assert_int_equal(text_decode("\xF0\x9F\x98", 3, &c), 3); /* cut short */
		assert_int_equal(c, TEXT_INVALID);
		text_decode("\xED\xA0\x80", 3, &c); /* a surrogate */
		assert_int_equal(c, TEXT_INVALID);
		text_decode("\xE0\x80\x80", 3, &c); /* overlong */
		assert_int_equal(c, TEXT_INVALID);
		assert_int_equal(text_decode("\x80\x80", 2, &c), 1); /* a stray continuation byte */
		assert_int_equal(c, TEXT_INVALID);
	}
}

/* The two "is this a Chinese character" questions, at each end of each range. */
static void test_han_ranges(void **state)
{
	static const struct {
		uint32_t c;
		bool bmp, han;
	} cases[] = {
		{0x3006, false, false}, {0x3007, false, true},  {0x3008, false, false},
		{0x33FF, false, false}, {0x3400, true, true},   {0x4DBF, true, true},
		{0x4DC0, false, false}, {0x4DFF, false, false}, {0x4E00, true, true},
		{0x4E2D, true, true},   {0x9FFF, true, true},   {0xA000, false, false},
		{0xF8FF, false, false}, {0xF900, false, true},  {0xFAFF, false, true},
		{0xFB00, false, false}, {0xFF0C, false, false}, {0x1FFFF, false, false},
		{0x20000, false, true}, {0x3134F, false, true}, {0x31350, false, false},
		{'A', false, false},    {0xFFFD, false, false}, {TEXT_INVALID, false, false},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(text_is_bmp_ideograph(cases[i].c), cases[i].bmp);
		assert_int_equal(text_is_han(cases[i].c), cases[i].han);
	}
}

/* What text_is_bmp_ideograph promises the widths: every BMP unified
 * ideograph is two columns in both settings, as libunistring counts it, and
 * a grapheme cluster of its own before ASCII, a hanzi or the end, and not
 * before a combining mark, as libunistring breaks it. */
static void test_bmp_ideographs_agree(void **state)
{
	static const uint32_t next[] = {'a', 0x4E2D, 0x3400, 0x0301, 0x200D, 0xFE0F};

	(void)state;
	for (uint32_t c = 0x3400; c <= 0x9FFF; c++) {
		uint8_t s[16];
		char gb[16];
		int n;

		if (!text_is_bmp_ideograph(c))
			continue;
		assert_int_equal(text_char_cols(c), uc_width(c, "UTF-8"));
		n = u8_uctomb(s, c, (int)sizeof s);
		assert_int_equal(text_grapheme_len((const char *)s, (size_t)n), (size_t)n);
		for (size_t j = 0; j < sizeof next / sizeof next[0]; j++) {
			size_t len = (size_t)n, want;

			len += (size_t)u8_uctomb(s + len, next[j], (int)(sizeof s - len));
			u8_grapheme_breaks(s, len, gb);
			for (want = 1; want < len && !gb[want]; want++)
				;
			assert_int_equal(text_grapheme_len((const char *)s, len), want);
		}
	}
	text_set_ambiwidth(TEXT_AMBI_WIDE);
	for (uint32_t c = 0x3400; c <= 0x9FFF; c++)
		if (text_is_bmp_ideograph(c))
			assert_int_equal(text_char_cols(c), uc_width(c, "GBK"));
	text_set_ambiwidth(TEXT_AMBI_NARROW);
}

/* text_prefix_cols takes a shortcut over runs of simple characters; it must
 * cut where the plain definition (grapheme by grapheme, libunistring's
 * breaks and widths) cuts: every string of up to four characters from a
 * pick of simple ones, combining marks, joiners, emoji, Hangul jamo, a
 * stray continuation byte and a truncated sequence, at every width. */
static void test_prefix_cols_agrees(void **state)
{
	static const char *const pick[] = {
		"a", " ", "中", "，", "\xE3\x80\x80", "Ｘ", "\xCC\x81", "\xE2\x80\x8D", "\xEF\xB8\x8F",
		"\xF0\x9F\x91\x8D", "\xF0\x9F\x8F\xBD", "\xE1\x84\x80", "\xE1\x85\xA1", "\xE3\x80\xAA",
		"\x80", "\xE4\xB8",
	};
	size_t np = sizeof pick / sizeof pick[0];

	(void)state;
	for (size_t i = 0; i < np * np * np * np; i++) {
		char s[32];
		size_t len = 0;

		for (size_t k = 0, v = i; k < 4; k++, v /= np) {
			memcpy(s + len, pick[v % np], strlen(pick[v % np]));
			len += strlen(pick[v % np]);
		}
		for (int cols = 0; cols <= 9; cols++) {
			size_t off = 0;
			int used = 0, got_used = -1;

			while (off < len) {
				size_t g = text_grapheme_len(s + off, len - off);
				int w = text_cols(s + off, g);

				if (used + w > cols)
					break;
				used += w;
				off += g;
			}
			assert_int_equal(text_prefix_cols(s, len, cols, &got_used), off);
			assert_int_equal(got_used, used);
		}
	}
}

/* text_whole_chars: where a string cut by bytes must end, so that no
 * character is left half. */
static void test_whole_chars(void **state)
{
	static const char s[] = "a中\xF0\x9F\x98\x80"; /* 1 + 3 + 4 bytes */

	(void)state;
	assert_int_equal(text_whole_chars(s, 0), 0);
	assert_int_equal(text_whole_chars(s, 1), 1);
	assert_int_equal(text_whole_chars(s, 2), 1);
	assert_int_equal(text_whole_chars(s, 3), 1);
	assert_int_equal(text_whole_chars(s, 4), 4);
	for (size_t n = 5; n < 8; n++)
		assert_int_equal(text_whole_chars(s, n), 4);
	assert_int_equal(text_whole_chars(s, 8), 8);
	/* Stray continuation bytes are not a character begun: left as they are. */
	assert_int_equal(text_whole_chars("\x80\x80", 2), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_whole_chars),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_control_len),
		cmocka_unit_test(test_add_padded),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_bidi),
		cmocka_unit_test(test_grapheme_len),
		cmocka_unit_test(test_simple_chars_agree),
		cmocka_unit_test_teardown(test_ambiwidth_setting, narrow_again),
		cmocka_unit_test(test_next_char_agrees),
		cmocka_unit_test(test_decode_agrees),
		cmocka_unit_test(test_han_ranges),
		cmocka_unit_test_teardown(test_bmp_ideographs_agree, narrow_again),
		cmocka_unit_test(test_prefix_cols),
		cmocka_unit_test(test_prefix_cols_agrees),
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_wrap_basic),
		cmocka_unit_test(test_wrap_quotes),
		cmocka_unit_test(test_wrap_huge),
		cmocka_unit_test(test_wrap_seed_property),
		cmocka_unit_test(test_scan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
