/* Unit tests for the text and JSON forms of sections, on the built-in article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fayan/output.h"
#include "fayan/text.h"

#include "builtin.h"

static void test_print_width(void **state)
{
	const struct doc *d = *state;

	for (int width = 4; width <= 120; width++) {
		for (size_t i = 0; i < d->nsections; i++) {
			struct buf out;
			char *line, *save = NULL;

			buf_init(&out);
			output_section_text(&out, d->sections[i], width);
			for (line = strtok_r(out.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
				assert_true(text_cols(line, strlen(line)) <= width);
			buf_free(&out);
		}
	}
}

static void test_print_unwrapped(void **state)
{
	const struct doc *d = *state;
	const struct section *s = d->sections[0];
	struct buf out;
	size_t lines = 0;

	buf_init(&out);
	output_section_text(&out, s, 0);
	for (size_t i = 0; i < out.len; i++)
		lines += out.data[i] == '\n';
	/* headline, byline, blank, then paragraphs separated by blank lines */
	assert_int_equal(lines, 3 + 2 * s->npara - 1);
	assert_memory_equal(out.data, "走出农村公共服务体系建设新路子\n新郑市城关乡党委书记 马东亮\n\n",
			    strlen("走出农村公共服务体系建设新路子\n新郑市城关乡党委书记 马东亮\n\n"));
	buf_free(&out);
}

static void test_json_escaping(void **state)
{
	struct buf out;

	(void)state;
	buf_init(&out);
	output_json_string(&out, "a\"b\\c\n\x01中", strlen("a\"b\\c\n\x01中"));
	assert_string_equal(out.data, "\"a\\\"b\\\\c\\n\\u0001中\"");
	buf_free(&out);
}

/* What --print writes for several sections: text with a blank line between
 * them, or JSON objects in an array (or one object alone). */
static void test_print_sections(void **state)
{
	const struct doc *d = *state;
	struct buf got, want;

	buf_init(&got);
	buf_init(&want);
	output_sections(&got, d->sections, 2, OUTPUT_TEXT, true, 30);
	output_section_text(&want, d->sections[0], 30);
	buf_addc(&want, '\n');
	output_section_text(&want, d->sections[1], 30);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, want.len);
	got.len = want.len = 0;
	output_sections(&got, d->sections, 2, OUTPUT_JSON, true, 30);
	buf_addc(&want, '[');
	output_section_json(&want, d->sections[0]);
	buf_addc(&want, ',');
	output_section_json(&want, d->sections[1]);
	buf_adds(&want, "]\n");
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, want.len);
	got.len = 0;
	output_sections(&got, d->sections + 2, 1, OUTPUT_JSON, false, 0);
	assert_true(got.len > 2 && !memcmp(got.data, "{\"number\":3,", 12));
	assert_memory_equal(got.data + got.len - 2, "}\n", 2);
	got.len = want.len = 0;
	output_intros_text(&got, d, 0);
	output_intro_text(&want, d->articles[0], 0);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, want.len);
	buf_free(&got);
	buf_free(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_width),
		cmocka_unit_test(test_print_unwrapped),
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_print_sections),
	};

	return cmocka_run_group_tests_name("output", tests, builtin_setup, builtin_teardown);
}
