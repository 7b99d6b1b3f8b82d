/* Unit tests for the command line's reports, on the built-in article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fayan/report.h"

#include "builtin.h"

static void test_check(void **state)
{
	struct buf out;

	buf_init(&out);
	assert_int_equal(report_check(&out, *state), 10);
	assert_non_null(strstr(out.data, "(built-in): 10 sections, 2 intro paragraphs"));
	assert_non_null(strstr(out.data, "8. 曹西峰 | 中牟县郑庵镇 | 党委书记"));
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests_name("report", tests, builtin_setup, builtin_teardown);
}
