/* Unit tests for the command line's selection rules and output forms, on the
 * built-in article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fayan/cli.h"
#include "fayan/output.h"
#include "fayan/text.h"

static int setup(void **state)
{
	struct doc *d = xmalloc(sizeof *d);

	doc_init(d);
	doc_add_builtin(d);
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	doc_free(*state);
	free(*state);
	return 0;
}

/* Select `which` and return the selected numbers as "1,2,3" (or "E<code>"). */
static char *select_str(const struct doc *d, const char *which)
{
	struct cli_selection sel;
	struct fy_err err = { 0 };
	struct buf b;
	int rc = cli_select(d, which, &sel, &err);

	buf_init(&b);
	if (rc) {
		buf_printf(&b, "E%d", rc);
		return buf_take(&b, NULL);
	}
	if (sel.intro)
		buf_adds(&b, "intro");
	for (size_t i = 0; i < sel.n; i++)
		buf_printf(&b, "%s%zu", i ? "," : "", sel.secs[i]->number);
	cli_selection_free(&sel);
	return buf_take(&b, NULL);
}

static void assert_select(const struct doc *d, const char *which, const char *want)
{
	char *got = select_str(d, which);

	assert_string_equal(got, want);
	free(got);
}

static void test_select(void **state)
{
	const struct doc *d = *state;

	assert_select(d, "1", "1");
	assert_select(d, "10", "10");
	assert_select(d, "11", "E1");
	assert_select(d, "0", "E1");
	assert_select(d, "99999999999999999999999", "E1");
	assert_select(d, "马东亮", "1");
	assert_select(d, "曹西峰", "8");
	assert_select(d, "城关乡", "1");
	assert_select(d, "郑庵镇", "8");
	assert_select(d, "intro", "intro");
	assert_select(d, "all", "1,2,3,4,5,6,7,8,9,10");
	assert_select(d, "张三", "E1");
	assert_select(d, "街道", "E1");
	assert_select(d, "", "E1");
	/* Names typed as pinyin, full or initials; then places. */
	assert_select(d, "mdl", "1");
	assert_select(d, "madongliang", "1");
	assert_select(d, "cxf", "8");
	assert_select(d, "zaz", "8");
	assert_select(d, "dw", "E1");
	/* Latin text that is not pinyin of any name or byline. */
	assert_select(d, "xyzzy", "E1");
}

static void test_select_messages(void **state)
{
	const struct doc *d = *state;
	struct cli_selection sel;
	struct fy_err err = { 0 };

	assert_int_equal(cli_select(d, "张三", &sel, &err), EXIT_NOMATCH);
	assert_non_null(strstr(err.msg, "张三"));
	assert_non_null(strstr(err.msg, "马东亮"));
	assert_non_null(strstr(err.msg, "陈萌"));
	memset(&err, 0, sizeof err);
	assert_int_equal(cli_select(d, "11", &sel, &err), EXIT_NOMATCH);
	assert_string_equal(err.msg, "no section 11: sections are numbered 1 to 10");
	memset(&err, 0, sizeof err);
	assert_int_equal(cli_select(d, "街道", &sel, &err), EXIT_NOMATCH);
	assert_non_null(strstr(err.msg, "ambiguous"));
	assert_non_null(strstr(err.msg, "2 高留念"));
}

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

static void test_check(void **state)
{
	struct buf out;

	buf_init(&out);
	assert_int_equal(cli_check(&out, *state), 10);
	assert_non_null(strstr(out.data, "(built-in): 10 sections, 2 intro paragraphs"));
	assert_non_null(strstr(out.data, "8. 曹西峰 | 中牟县郑庵镇 | 党委书记"));
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_select_messages),
		cmocka_unit_test(test_print_width),
		cmocka_unit_test(test_print_unwrapped),
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests_name("cli", tests, setup, teardown);
}
