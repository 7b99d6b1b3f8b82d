/* Unit tests for naming sections on the command line (--print WHICH), on the
 * built-in article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fayan/select.h"

#include "builtin.h"

/* Select `which` and return the selected numbers as "1,2,3" (or "E<code>"). */
static char *select_str(const struct doc *d, const char *which)
{
	struct selection sel;
	struct fy_err err = { 0 };
	struct buf b;
	int rc = select_which(d, which, &sel, &err);

	buf_init(&b);
	if (rc) {
		buf_printf(&b, "E%d", rc);
		return buf_take(&b, NULL);
	}
	if (sel.intro)
		buf_adds(&b, "intro");
	for (size_t i = 0; i < sel.n; i++)
		buf_printf(&b, "%s%zu", i ? "," : "", sel.secs[i]->number);
	select_free(&sel);
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
	struct selection sel;
	struct fy_err err = { 0 };

	assert_int_equal(select_which(d, "张三", &sel, &err), EXIT_NOMATCH);
	assert_non_null(strstr(err.msg, "张三"));
	assert_non_null(strstr(err.msg, "马东亮"));
	assert_non_null(strstr(err.msg, "陈萌"));
	memset(&err, 0, sizeof err);
	assert_int_equal(select_which(d, "11", &sel, &err), EXIT_NOMATCH);
	assert_string_equal(err.msg, "no section 11: sections are numbered 1 to 10");
	memset(&err, 0, sizeof err);
	assert_int_equal(select_which(d, "街道", &sel, &err), EXIT_NOMATCH);
	assert_non_null(strstr(err.msg, "ambiguous"));
	assert_non_null(strstr(err.msg, "2 高留念"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_select_messages),
	};

	return cmocka_run_group_tests_name("select", tests, builtin_setup, builtin_teardown);
}
