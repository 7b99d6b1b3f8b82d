/* Unit tests for search folding and its map back to source bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fayan/fold.h"

/* Fold s and compare to want (both as byte strings). */
static void check_fold(const char *s, const char *want)
{
	struct fold f;

	fold_init(&f);
	fold_text(&f, s, strlen(s), true);
	assert_int_equal(f.len, strlen(want));
	assert_memory_equal(f.text, want, f.len);
	assert_int_equal(f.text[f.len], '\0');
	fold_free(&f);
}

static void test_width_and_case(void **state)
{
	(void)state;
	check_fold("ＡＢＣ１２３", "abc123");
	check_fold("Hello WORLD", "hello world");
	check_fold("疫情防控,", "疫情防控,");
	check_fold("疫情，防控", "疫情,防控");
	check_fold("。、“”", "。、“”");
	check_fold("Straße", "strasse");
	check_fold("ΣΑΣ", "σασ");
	check_fold("", "");
}

static void test_combining(void **state)
{
	(void)state;
	/* e + COMBINING ACUTE is one cluster, composed by NFKC. */
	check_fold("Cafe\xCC\x81!", "caf\xC3\xA9!");
	check_fold("\xEF\xAC\x81", "fi"); /* ﬁ ligature */
	check_fold("①", "1");
}

static void test_invalid(void **state)
{
	struct fold f;
	size_t off, len;

	(void)state;
	fold_init(&f);
	fold_text(&f, "a\xFF\xFE" "B", 4, true);
	assert_int_equal(f.len, 8);
	assert_memory_equal(f.text, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b", 8);
	fold_map(&f, 1, 3, &off, &len);
	assert_int_equal(off, 1);
	assert_int_equal(len, 1);
	fold_map(&f, 4, 4, &off, &len);
	assert_int_equal(off, 2);
	assert_int_equal(len, 2);
	/* A truncated sequence at the end. */
	fold_text(&f, "\xE4\xB8", 2, true);
	assert_int_equal(f.len, 6);
	/* A cut sequence before a whole one: two U+FFFD, then 中 untouched. */
	fold_text(&f, "\xE4\xB8\xE4\xB8\xAD", 5, true);
	assert_int_equal(f.len, 9);
	assert_memory_equal(f.text, "\xEF\xBF\xBD\xEF\xBF\xBD\xE4\xB8\xAD", 9);
	fold_map(&f, 6, 3, &off, &len);
	assert_int_equal(off, 2);
	assert_int_equal(len, 3);
	/* A surrogate encoding is invalid too. */
	fold_text(&f, "\xED\xA0\x80", 3, true);
	assert_int_equal(f.len, 9);
	fold_free(&f);
}

static void test_map(void **state)
{
	struct fold f;
	size_t off, len;
	const char *s = "x ＡＢＣ１２３ y";

	(void)state;
	fold_init(&f);
	fold_text(&f, s, strlen(s), true);
	assert_string_equal(f.text, "x abc123 y");
	/* "abc123" is folded bytes [2, 8): source is the six fullwidth characters. */
	fold_map(&f, 2, 6, &off, &len);
	assert_int_equal(off, 2);
	assert_int_equal(len, 18);
	/* "c1" */
	fold_map(&f, 4, 2, &off, &len);
	assert_int_equal(off, 8);
	assert_int_equal(len, 6);
	/* The last "s" of "strasse" maps to the whole ß; "tra" to itself. */
	fold_text(&f, "Straße", strlen("Straße"), true);
	fold_map(&f, 5, 1, &off, &len);
	assert_int_equal(off, 4);
	assert_int_equal(len, 2);
	fold_map(&f, 1, 3, &off, &len);
	assert_int_equal(off, 1);
	assert_int_equal(len, 3);
	/* é from a combining sequence maps to all three source bytes. */
	fold_text(&f, "e\xCC\x81x", 4, true);
	fold_map(&f, 0, 2, &off, &len);
	assert_int_equal(off, 0);
	assert_int_equal(len, 3);
	/* A flag is one cluster of 8 bytes. */
	fold_text(&f, "中\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3国", 14, true);
	assert_int_equal(f.len, 14);
	fold_map(&f, 3, 1, &off, &len);
	assert_int_equal(off, 3);
	assert_int_equal(len, 8);
	fold_free(&f);
}

/* Encode code point c as UTF-8 into p; return its length. */
static size_t put_utf8(char *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xC0 | (c >> 6));
		p[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	p[0] = (char)(0xE0 | (c >> 12));
	p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	p[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

/* The fast path (a character followed by ASCII) must agree with libunistring
 * (the same character followed by a Hangul syllable, which forces the slow path). */
static void test_fast_path_agrees(void **state)
{
	static const uint32_t ranges[][2] = {
		{0x20, 0x7E}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0x3001, 0x3002},
		{0x3008, 0x3011}, {0x2014, 0x2014}, {0x2018, 0x201D},
	};
	struct fold fast, slow;

	(void)state;
	fold_init(&fast);
	fold_init(&slow);
	for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
		for (uint32_t c = ranges[r][0]; c <= ranges[r][1]; c++) {
			char a[8], b[8];
			size_t n = put_utf8(a, c);

			memcpy(b, a, n);
			memcpy(a + n, "x", 1);
			memcpy(b + n, "\xEA\xB0\x80", 3); /* 가 */
			fold_text(&fast, a, n + 1, false);
			fold_text(&slow, b, n + 3, false);
			assert_int_equal(fast.len - 1, slow.len - 3);
			assert_memory_equal(fast.text, slow.text, fast.len - 1);
		}
	}
	fold_free(&fast);
	fold_free(&slow);
}

/* fold_invariant: true exactly where folding is the identity, one cluster per
 * character. Checked for every BMP character against libunistring (the
 * character followed by a Hangul syllable forces the slow path) and the map. */
static void test_invariant(void **state)
{
	static const char *yes[] = {"", "防控", "abc 123,.:()", "“疫情”。、《防控》【x】—‘’", "㐀䶵䷀鿿"};
	static const char *no[] = {"ＡＢＣ", "ABC", "中Ａ中", "a\tb", "，", "中\xE4\xB8", "\xE4\x41\x42",
				   "e\xCC\x81", "中\xCC\x81", "\xBF", "\xF0\x9F\x98\x80", "\x7F", "、\xE3\x80\x83"};
	struct fold f;

	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(fold_invariant(yes[i], strlen(yes[i])));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(fold_invariant(no[i], strlen(no[i])));
	/* A truncated final character. */
	assert_false(fold_invariant("防", 2));
	fold_init(&f);
	for (uint32_t c = 0x20; c <= 0xFFFF; c++) {
		char a[16], b[16];
		size_t n;

		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		n = put_utf8(a, c);
		if (!fold_invariant(a, n))
			continue;
		/* Itself through libunistring. */
		memcpy(b, a, n);
		memcpy(b + n, "\xEA\xB0\x80", 3);
		fold_text(&f, b, n + 3, false);
		assert_true(f.len >= 3);
		assert_int_equal(f.len - 3, n);
		assert_memory_equal(f.text, a, n);
		/* Twice over, after an ideograph: each character its own cluster. */
		memcpy(b, "中", 3);
		memcpy(b + 3, a, n);
		memcpy(b + 3 + n, a, n);
		assert_true(fold_invariant(b, 3 + 2 * n));
		fold_text(&f, b, 3 + 2 * n, true);
		assert_int_equal(f.len, 3 + 2 * n);
		assert_memory_equal(f.text, b, f.len);
		for (size_t i = 0; i < f.len; i++) {
			size_t from = i < 3 ? 0 : 3 + (i - 3) / n * n;

			assert_int_equal(f.start[i], from);
			assert_int_equal(f.end[i], from + (i < 3 ? 3 : n));
		}
	}
	fold_free(&f);
}

static void test_fold_string(void **state)
{
	size_t n;
	char *s = fold_string("ＹＱＦＫ Test", strlen("ＹＱＦＫ Test"), &n);

	(void)state;
	assert_int_equal(n, 9);
	assert_string_equal(s, "yqfk test");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_and_case),
		cmocka_unit_test(test_combining),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_fast_path_agrees),
		cmocka_unit_test(test_invariant),
		cmocka_unit_test(test_fold_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
