/* Tests of the action and key-binding tables: every action is bound in some
 * mode, names are unique and keys unique within a mode, lookups agree with the
 * tables, and both the man page's KEYS section and the help screen list every
 * key of every mode and no key that is not bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fayan/actions.h"
#include "fayan/help.h"
#include "fayan/util.h"

/* Whether `key` is bound in mode m (by the table, not typed as text). */
static bool bound_in(enum mode m, const char *key)
{
	size_t n;
	const struct binding *b = actions_mode_bindings(m, &n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(b[i].key, key) == 0)
			return true;
	return false;
}

/* Whether `key` is bound in any mode. */
static bool bound_anywhere(const char *key)
{
	for (int m = 0; m < MODE_COUNT; m++)
		if (bound_in((enum mode)m, key))
			return true;
	return false;
}

static void test_every_action_named_and_bound(void **state)
{
	(void)state;
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		bool bound = false;

		assert_non_null(actions_name(a));
		assert_non_null(actions_help(a));
		assert_true(strlen(actions_help(a)) > 0);
		for (int m = 0; m < MODE_COUNT; m++) {
			char keys[256];

			actions_mode_keys((enum mode)m, a, keys, sizeof keys);
			if (keys[0])
				bound = true;
		}
		if (!bound)
			fail_msg("action %s has no key in any mode", actions_name(a));
	}
	for (int m = 0; m < MODE_COUNT; m++)
		assert_non_null(actions_mode_title((enum mode)m));
	assert_null(actions_name(ACTION_NONE));
	assert_null(actions_name(ACTION_COUNT));
	assert_null(actions_help(ACTION_COUNT));
}

static void test_names_unique(void **state)
{
	(void)state;
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
		for (int c = a + 1; c < ACTION_COUNT; c++)
			if (strcmp(actions_name(a), actions_name(c)) == 0)
				fail_msg("action name %s used twice", actions_name(a));
}

static void test_keys_unique_and_lookup(void **state)
{
	(void)state;
	for (int m = 0; m < MODE_COUNT; m++) {
		size_t n;
		const struct binding *b = actions_mode_bindings((enum mode)m, &n);

		assert_true(n > 0);
		for (size_t i = 0; i < n; i++) {
			assert_true(b[i].action > ACTION_NONE && b[i].action < ACTION_COUNT);
			assert_true(strlen(b[i].key) > 0);
			for (size_t j = i + 1; j < n; j++)
				if (strcmp(b[i].key, b[j].key) == 0)
					fail_msg("key %s bound twice in %s", b[i].key, actions_mode_title((enum mode)m));
			assert_int_equal(actions_mode_lookup((enum mode)m, b[i].key), b[i].action);
		}
	}
	assert_int_equal(actions_lookup("no-such-key"), ACTION_NONE);
	assert_int_equal(actions_lookup(""), ACTION_NONE);
	/* Text is typed where a line is edited, and only there. */
	assert_int_equal(actions_mode_lookup(MODE_SEARCH, "q"), ACTION_EDIT_TYPE);
	assert_int_equal(actions_mode_lookup(MODE_PICKER, "疫"), ACTION_EDIT_TYPE);
	assert_int_equal(actions_mode_lookup(MODE_PIPE, "Space"), ACTION_EDIT_TYPE);
	assert_int_equal(actions_mode_lookup(MODE_GOTO, "q"), ACTION_NONE);
	assert_int_equal(actions_mode_lookup(MODE_GOTO, "7"), ACTION_EDIT_TYPE);
	assert_int_equal(actions_mode_lookup(MODE_HELP, "q"), ACTION_HELP);
	/* A prompt does not take the mouse; reading does. */
	assert_int_equal(actions_mode_lookup(MODE_GOTO, "Click"), ACTION_NONE);
	assert_int_equal(actions_mode_lookup(MODE_SEARCH, "WheelUp"), ACTION_NONE);
	assert_int_equal(actions_mode_lookup(MODE_BROWSE, "Click"), ACTION_CLICK);
}

/* The keys the issue asks for are bound to the right actions. */
static void test_required_keys(void **state)
{
	static const struct {
		const char *key;
		enum action action;
	} want[] = {
		{"1", ACTION_SECTION_DIGIT}, {"0", ACTION_SECTION_DIGIT},
		{":", ACTION_SECTION_PROMPT}, {"]", ACTION_SECTION_NEXT},
		{"[", ACTION_SECTION_PREV}, {"}", ACTION_PARA_NEXT},
		{"{", ACTION_PARA_PREV}, {"j", ACTION_LINE_DOWN},
		{"Down", ACTION_LINE_DOWN}, {"k", ACTION_LINE_UP},
		{"Up", ACTION_LINE_UP}, {"Space", ACTION_PAGE_DOWN},
		{"PgDn", ACTION_PAGE_DOWN}, {"C-f", ACTION_PAGE_DOWN},
		{"b", ACTION_PAGE_UP}, {"PgUp", ACTION_PAGE_UP},
		{"C-b", ACTION_PAGE_UP}, {"C-d", ACTION_HALF_DOWN},
		{"C-u", ACTION_HALF_UP}, {"g", ACTION_TOP},
		{"Home", ACTION_TOP}, {"G", ACTION_BOTTOM}, {"End", ACTION_BOTTOM},
		{"Tab", ACTION_FOCUS}, {"z", ACTION_SPEAKERS}, {"P", ACTION_PRINT},
		{"?", ACTION_HELP}, {"q", ACTION_QUIT}, {"C-l", ACTION_REDRAW},
		{"Enter", ACTION_ENTER},
	};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (actions_lookup(want[i].key) != want[i].action)
			fail_msg("key %s is not bound to %s", want[i].key, actions_name(want[i].action));
}

static void test_keys_joined(void **state)
{
	char buf[64];
	char tiny[6];

	(void)state;
	assert_string_equal(actions_keys(ACTION_PAGE_DOWN, buf, sizeof buf), "Space, PgDn, C-f");
	assert_string_equal(actions_keys(ACTION_QUIT, buf, sizeof buf), "q");
	/* Cut at a whole key, never mid-name. */
	assert_string_equal(actions_keys(ACTION_PAGE_DOWN, tiny, sizeof tiny), "Space");
	assert_string_equal(actions_keys(ACTION_NONE, buf, sizeof buf), "");
}

/* Replace roff escapes by what they print, so that "C\-f" reads "C-f". */
static void unroff(char *s)
{
	char *w = s;

	for (char *r = s; *r; ) {
		if (r[0] == '\\' && r[1] == '-') {
			*w++ = '-';
			r += 2;
		} else if (r[0] == '\\' && (r[1] == '&' || r[1] == ' ' || r[1] == '|')) {
			if (r[1] == ' ')
				*w++ = ' ';
			r += 2;
		} else if (r[0] == '\\' && r[1] == 'e') {
			*w++ = '\\';
			r += 2;
		} else if (r[0] == '\\' && r[1] == 'f' && r[2]) {
			r += 3;
		} else if (r[0] == '\\' && r[1] == '(' && r[2] && r[3]) {
			*w++ = ' ';
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* Whether `key` appears as a whole token in the text; "1-9" covers the digits. */
static bool has_token(const char *text, const char *key)
{
	static const char seps[] = " \t\n,\"/()";
	size_t klen = strlen(key);

	for (const char *p = strstr(text, key); p; p = strstr(p + 1, key)) {
		bool start = p == text || strchr(seps, p[-1]);
		bool end = p[klen] == '\0' || strchr(seps, p[klen]);

		if (start && end)
			return true;
	}
	if (klen == 1 && key[0] >= '1' && key[0] <= '9')
		return has_token(text, "1-9");
	return false;
}

static void test_man_page_lists_every_key(void **state)
{
	FILE *f = fopen("man/fayan.1", "r");
	struct buf keys;
	char line[1024];
	bool in_keys = false, has_keys = false;
	size_t n;
	const struct binding *b = actions_bindings(&n);

	(void)state;
	if (!f)
		skip();
	buf_init(&keys);
	while (fgets(line, sizeof line, f)) {
		/* man(7) ".SH KEYS" or mdoc(7) ".Sh KEYS" */
		if (strncmp(line, ".SH", 3) == 0 || strncmp(line, ".Sh", 3) == 0) {
			in_keys = strstr(line, "KEYS") != NULL;
			has_keys = has_keys || in_keys;
			continue;
		}
		if (in_keys && line[0] == '.') {
			/* Keep a macro's arguments, drop its name. */
			char *sp = strchr(line, ' ');

			if (!sp)
				continue;
			memmove(line, sp, strlen(sp) + 1);
		}
		if (in_keys) {
			unroff(line);
			buf_adds(&keys, line);
		}
	}
	fclose(f);
	if (!has_keys) {
		/* The page is written separately; until it has the section there is nothing to check. */
		print_message("man/fayan.1 has no KEYS section yet\n");
		buf_free(&keys);
		skip();
	}
	assert_true(keys.len > 0);
	for (int m = 0; m < MODE_COUNT; m++) {
		b = actions_mode_bindings((enum mode)m, &n);
		for (size_t i = 0; i < n; i++)
			if (!has_token(keys.data, b[i].key))
				fail_msg("man/fayan.1 KEYS does not list key %s (%s, %s)", b[i].key,
					 actions_name(b[i].action), actions_mode_title((enum mode)m));
	}
	buf_free(&keys);
}

/* The keys of the man page's KEYS section: each ".It Ic A , B" item's words
 * ("1-9" aside), roff escapes undone, separated by spaces into *out. */
static void man_keys(struct buf *out)
{
	FILE *f = fopen("man/fayan.1", "r");
	char line[1024];
	bool in_keys = false;

	buf_init(out);
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char *tok, *save;

		if (strncmp(line, ".Sh", 3) == 0)
			in_keys = strstr(line, "KEYS") != NULL;
		if (!in_keys || strncmp(line, ".It Ic ", 7) != 0)
			continue;
		unroff(line);
		for (tok = strtok_r(line + 7, " ,\n", &save); tok; tok = strtok_r(NULL, " ,\n", &save)) {
			if (strcmp(tok, "Ic") == 0)
				continue;
			buf_adds(out, tok);
			buf_addc(out, '\n');
		}
	}
	fclose(f);
}

/* Every key the man page gives an item to is bound in some mode. */
static void test_man_page_keys_are_bound(void **state)
{
	struct buf keys;
	size_t count = 0;

	(void)state;
	man_keys(&keys);
	if (keys.len == 0) {
		buf_free(&keys);
		skip();
	}
	for (char *k = keys.data, *nl; (nl = strchr(k, '\n')); k = nl + 1) {
		*nl = '\0';
		count++;
		if (!bound_anywhere(k))
			fail_msg("man/fayan.1 KEYS documents key %s, which nothing binds", k);
	}
	assert_true(count > 40);
	buf_free(&keys);
}

/* The help screen lists, under each mode's heading, every key that mode
 * binds, and only keys it binds. */
static void test_help_lists_each_mode(void **state)
{
	struct help h = {0};
	size_t line = 0;

	(void)state;
	help_build(&h, 100);
	for (int m = 0; m < MODE_COUNT; m++) {
		size_t n, start, end;
		const struct binding *b = actions_mode_bindings((enum mode)m, &n);
		struct buf section;

		while (line < h.n && !(h.lines[line].heading &&
				       strcmp(h.lines[line].text, actions_mode_title((enum mode)m)) == 0))
			line++;
		if (line == h.n)
			fail_msg("the help has no heading %s", actions_mode_title((enum mode)m));
		start = ++line;
		while (line < h.n && !h.lines[line].heading)
			line++;
		end = line;
		buf_init(&section);
		buf_addc(&section, ' ');
		for (size_t i = start; i < end; i++) {
			char keys[32], *tok, *save;
			const char *text = h.lines[i].text;

			buf_adds(&section, text);
			buf_addc(&section, ' ');
			/* The keys column: the first 24 columns of an entry's first line. */
			if (text[0] == ' ' || text[0] == '\0' || strncmp(text, "Other keys", 10) == 0)
				continue;
			snprintf(keys, sizeof keys, "%.24s", text);
			for (tok = strtok_r(keys, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save))
				if (!bound_in((enum mode)m, tok))
					fail_msg("the help lists key %s under %s, which does not bind it", tok,
						 actions_mode_title((enum mode)m));
		}
		for (char *p = section.data; *p; p++)
			if (*p == ',')
				*p = ' ';
		for (size_t i = 0; i < n; i++) {
			char tok[32];

			snprintf(tok, sizeof tok, " %s ", b[i].key);
			if (!strstr(section.data, tok))
				fail_msg("the help does not list key %s under %s", b[i].key,
					 actions_mode_title((enum mode)m));
		}
		buf_free(&section);
	}
	help_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_named_and_bound),
		cmocka_unit_test(test_names_unique),
		cmocka_unit_test(test_keys_unique_and_lookup),
		cmocka_unit_test(test_required_keys),
		cmocka_unit_test(test_keys_joined),
		cmocka_unit_test(test_man_page_lists_every_key),
		cmocka_unit_test(test_man_page_keys_are_bound),
		cmocka_unit_test(test_help_lists_each_mode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
