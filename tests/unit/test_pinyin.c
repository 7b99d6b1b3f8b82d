/* Unit tests for the generated hanzi -> toneless pinyin table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fayan/pinyin.h"

/* The readings of uc joined with '/', e.g. "xing/hang". */
static const char *readings(uint32_t uc)
{
	static char out[128];
	const uint16_t *ids;
	size_t n = pinyin_readings(uc, &ids);

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, "/");
		strcat(out, pinyin_syllable(ids[i]));
	}
	return out;
}

static void test_common(void **state)
{
	(void)state;
	assert_string_equal(readings(0x4E2D), "zhong");      /* 中: zhòng is the same syllable */
	assert_string_equal(readings(0x9A6C), "ma");         /* 马 */
	assert_string_equal(readings(0x4E1C), "dong");       /* 东 */
	assert_string_equal(readings(0x4EAE), "liang");      /* 亮 */
	assert_string_equal(readings(0x75AB), "yi");         /* 疫 */
	assert_string_equal(readings(0x60C5), "qing");       /* 情 */
	assert_string_equal(readings(0x7EFF), "lv/lu");      /* 绿: ü as v; lù (绿林) is modern */
	assert_string_equal(readings(0x5973), "nv");         /* 女 */
	assert_string_equal(readings(0x3007), "ling");       /* 〇 */
}

static void test_polyphonic(void **state)
{
	(void)state;
	assert_string_equal(readings(0x884C), "xing/hang");  /* 行, not the rare héng */
	assert_string_equal(readings(0x957F), "zhang/chang"); /* 长 */
	assert_string_equal(readings(0x91CD), "zhong/chong"); /* 重, not the archaic tóng */
	assert_string_equal(readings(0x4E50), "le/yue");     /* 乐 */
	assert_string_equal(readings(0x8C03), "diao/tiao");  /* 调 */
	assert_string_equal(readings(0x4E86), "le/liao");    /* 了 */
	/* 说: the classical yuè (悦) must not let "y" match it. */
	assert_string_equal(readings(0x8BF4), "shuo/shui");
	/* 地: kMandarin gives both readings. */
	assert_string_equal(readings(0x5730), "de/di");
}

static void test_not_hanzi(void **state)
{
	const uint16_t *ids;

	(void)state;
	assert_int_equal(pinyin_readings('a', &ids), 0);
	assert_int_equal(pinyin_readings(0x3002, &ids), 0);   /* 。 */
	assert_int_equal(pinyin_readings(0xFF21, &ids), 0);   /* Ａ */
	assert_int_equal(pinyin_readings(0xAC00, &ids), 0);   /* 가 */
	assert_int_equal(pinyin_readings(0x10FFFF, &ids), 0);
	assert_int_equal(pinyin_readings(0xFFFFFFFF, &ids), 0);
	/* Extension B has readings too. */
	assert_true(pinyin_readings(0x20001, &ids) >= 1);
}

static void test_syllables(void **state)
{
	size_t n = pinyin_nsyllables();

	(void)state;
	assert_in_range(n, 380, 440);
	for (size_t i = 0; i < n; i++) {
		const char *s = pinyin_syllable((uint16_t)i);

		assert_in_range(strlen(s), 1, 6);
		assert_int_equal(strspn(s, "abcdefghijklmnopqrstuvwxyz"), strlen(s));
		if (i)
			assert_true(strcmp(pinyin_syllable((uint16_t)(i - 1)), s) < 0);
	}
	assert_string_equal(pinyin_syllable((uint16_t)n), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common),
		cmocka_unit_test(test_polyphonic),
		cmocka_unit_test(test_not_hanzi),
		cmocka_unit_test(test_syllables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
