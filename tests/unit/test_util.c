/* Tests of the util layer's base64 encoder (used for OSC 52 copies): the RFC
 * 4648 test vectors, every padding case, all byte values and UTF-8 text; and
 * of a buffer's drain, which writes long output in pieces (appended to, or
 * written into room reserved and then committed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fayan/util.h"

static void check(const char *in, size_t len, const char *want)
{
	struct buf b;

	buf_init(&b);
	buf_base64(&b, in, len);
	assert_int_equal(b.len, strlen(want));
	if (b.len)
		assert_string_equal(b.data, want);
	buf_free(&b);
}

static void test_rfc4648_vectors(void **state)
{
	(void)state;
	check("", 0, "");
	check("f", 1, "Zg==");
	check("fo", 2, "Zm8=");
	check("foo", 3, "Zm9v");
	check("foob", 4, "Zm9vYg==");
	check("fooba", 5, "Zm9vYmE=");
	check("foobar", 6, "Zm9vYmFy");
}

static void test_binary_and_utf8(void **state)
{
	(void)state;
	/* NUL and high bytes are data like any other; 62 and 63 are '+' and '/'. */
	check("\0\0\0", 3, "AAAA");
	check("\xff\xff\xff", 3, "////");
	check("\xfb\xef\xbe", 3, "++++");
	check("\xff", 1, "/w==");
	check("\xff\xfe", 2, "//4=");
	check("疫情防控\n", strlen("疫情防控\n"), "55ar5oOF6Ziy5o6nCg==");
}

/* Decode base64 back (test helper) to check a round trip of every byte value. */
static size_t decode(const char *s, size_t n, unsigned char *out)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;
	unsigned acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n && s[i] != '='; i++) {
		const char *d = strchr(digits, s[i]);

		assert_non_null(d);
		acc = acc << 6 | (unsigned)(d - digits);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return o;
}

static void test_round_trip_all_bytes(void **state)
{
	unsigned char in[256], out[256];
	struct buf b;

	(void)state;
	for (int i = 0; i < 256; i++)
		in[i] = (unsigned char)i;
	for (size_t len = 0; len <= 256; len += len < 8 ? 1 : 37) {
		buf_init(&b);
		buf_base64(&b, in, len);
		assert_int_equal(b.len, (len + 2) / 3 * 4);
		assert_int_equal(decode(b.data ? b.data : "", b.len, out), len);
		assert_memory_equal(in, out, len);
		buf_free(&b);
	}
}

/* A buffer with a drain that collects what it takes away. */
struct sink {
	struct buf b;
	struct buf got;
	size_t calls;
};

static void sink_drain(struct buf *b)
{
	struct sink *k = (struct sink *)((char *)b - offsetof(struct sink, b));

	assert_true(b->len >= BUF_DRAIN_BYTES);
	assert_int_equal(strlen(b->data), b->len);
	buf_add(&k->got, b->data, b->len);
	k->calls++;
	b->len = 0;
}

static void test_drain(void **state)
{
	struct sink k;
	struct buf want;
	char *big = xmalloc(3 * BUF_DRAIN_BYTES);

	(void)state;
	buf_init(&k.b);
	buf_init(&k.got);
	buf_init(&want);
	k.calls = 0;
	assert_null(k.b.drain);
	k.b.drain = sink_drain;
	/* Every way of appending, past the threshold several times. */
	for (int i = 0; i < 20000; i++) {
		buf_printf(&k.b, "%d 发言摘登\n", i);
		buf_printf(&want, "%d 发言摘登\n", i);
		buf_adds(&k.b, "line");
		buf_adds(&want, "line");
		buf_addc(&k.b, '\n');
		buf_addc(&want, '\n');
		buf_base64(&k.b, "fa", 2);
		buf_base64(&want, "fa", 2);
		/* Reserved room, of which only some is used. */
		char *p = buf_reserve(&k.b, 16);

		assert_true(k.b.cap >= k.b.len + 17);
		memcpy(p, "reserved", 8);
		buf_commit(&k.b, 8);
		buf_adds(&want, "reserved");
		assert_true(k.b.len < BUF_DRAIN_BYTES);
	}
	assert_true(k.calls >= 6);
	/* One append longer than the threshold goes out whole. */
	memset(big, 'x', 3 * BUF_DRAIN_BYTES);
	buf_add(&k.b, big, 3 * BUF_DRAIN_BYTES);
	buf_add(&want, big, 3 * BUF_DRAIN_BYTES);
	assert_int_equal(k.b.len, 0);
	buf_adds(&k.b, "tail");
	buf_adds(&want, "tail");
	assert_string_equal(k.b.data, "tail");
	buf_add(&k.got, k.b.data, k.b.len);
	assert_int_equal(k.got.len, want.len);
	assert_memory_equal(k.got.data, want.data, want.len);
	/* Freed, or taken, the buffer drains no more. */
	buf_free(&k.b);
	assert_null(k.b.drain);
	k.b.drain = sink_drain;
	free(buf_take(&k.b, NULL));
	assert_null(k.b.drain);
	buf_free(&k.got);
	buf_free(&want);
	free(big);
}

/* buf_addu gives what "%*zu" gives; buf_printf formats into the room it has
 * and grows only when the text does not fit, never losing what was there. */
static void test_numbers_and_printf(void **state)
{
	static const size_t values[] = {0, 1, 9, 10, 99, 100, 12345, 4294967296u, SIZE_MAX};
	struct buf b, want;
	char tmp[64];

	(void)state;
	for (size_t i = 0; i < sizeof values / sizeof *values; i++)
		for (int w = 0; w < 25; w += 3) {
			buf_init(&b);
			buf_adds(&b, "x");
			buf_addu(&b, values[i], w);
			snprintf(tmp, sizeof tmp, "x%*zu", w, values[i]);
			assert_string_equal(b.data, tmp);
			assert_int_equal(b.len, strlen(tmp));
			buf_free(&b);
		}
	buf_init(&b);
	buf_init(&want);
	for (int i = 0; i < 2000; i++) {
		/* Lengths that sometimes just fit, sometimes just do not. */
		buf_printf(&b, "%d:%.*s|", i, i % 37, "一二三四五六七八九十一二三四五六七八九十");
		snprintf(tmp, sizeof tmp, "%d:%.*s|", i, i % 37, "一二三四五六七八九十一二三四五六七八九十");
		buf_adds(&want, tmp);
		assert_int_equal(b.len, want.len);
	}
	assert_string_equal(b.data, want.data);
	buf_free(&b);
	buf_free(&want);
}

/* idmap: values added by several threads, each to its part, are found by
 * id once gathered, and a second gathering adds what came after the first. */
static void test_idmap(void **state)
{
	struct idmap m;

	(void)state;
	idmap_init(&m, 3);
	assert_null(idmap_get(&m, 1));
	for (uint64_t id = 1; id <= 30; id++)
		idmap_put(&m, (unsigned)(id % 3), 31 - id, xstrdup(id % 2 ? "odd" : "even"));
	assert_null(idmap_get(&m, 5)); /* not gathered yet */
	idmap_gather(&m);
	for (uint64_t id = 1; id <= 30; id++)
		assert_string_equal(idmap_get(&m, id), (31 - id) % 2 ? "odd" : "even");
	assert_null(idmap_get(&m, 0));
	assert_null(idmap_get(&m, 31));
	idmap_put(&m, 0, 31, xstrdup("late"));
	idmap_gather(&m);
	assert_string_equal(idmap_get(&m, 31), "late");
	assert_string_equal(idmap_get(&m, 30), "odd");
	idmap_free(&m); /* frees every value: ASan and valgrind would see a leak */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idmap),
		cmocka_unit_test(test_rfc4648_vectors),
		cmocka_unit_test(test_binary_and_utf8),
		cmocka_unit_test(test_round_trip_all_bytes),
		cmocka_unit_test(test_drain),
		cmocka_unit_test(test_numbers_and_printf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
