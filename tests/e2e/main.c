/* main.c: run every end-to-end test group, or the ones named on the command line.
 *
 * Usage: e2e [GROUP [TEST-GLOB]]. Each group reports through cmocka, in TAP
 * when CMOCKA_MESSAGE_OUTPUT=TAP (as tests/run.sh sets it), which tests/run.sh
 * counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

/* One line per test file: X(name) for the file's E2E_GROUP(name). */
#define E2E_GROUPS(X) \
	X(harness) \
	X(browser) \
	X(search) \
	X(faults) \
	X(archive) \
	X(signals) \
	X(limits) \
	X(i18n) \
	X(ambi)

#define DECLARE(name) E2E_GROUP(name);
E2E_GROUPS(DECLARE)
#undef DECLARE

static const struct {
	const char *name;
	int (*run)(void);
} groups[] = {
#define ENTRY(name) { #name, e2e_group_##name },
	E2E_GROUPS(ENTRY)
#undef ENTRY
};

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;
	int failed = 0, ran = 0;

	if (argc > 2)
		cmocka_set_test_filter(argv[2]);
	for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		if (only && strcmp(only, groups[i].name) != 0)
			continue;
		failed += groups[i].run();
		ran++;
	}
	if (ran == 0) {
		fprintf(stderr, "e2e: no test group named %s\n", only ? only : "(none)");
		return 2;
	}
	return failed ? 1 : 0;
}
