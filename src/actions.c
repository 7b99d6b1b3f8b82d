/* actions.c: names, help texts and default key bindings of the browser's
 * actions. Kept free of curses so that tests can check the tables (every action
 * bound, no key bound twice, the man page lists every key) without a terminal. */
#include <string.h>

#include "fayan/actions.h"

static const char *const names[ACTION_COUNT] = {
#define ACTION_NAME_(id, name, help) [ACTION_##id] = name,
	ACTIONS_LIST(ACTION_NAME_)
#undef ACTION_NAME_
};

static const char *const helps[ACTION_COUNT] = {
#define ACTION_HELP_(id, name, help) [ACTION_##id] = help,
	ACTIONS_LIST(ACTION_HELP_)
#undef ACTION_HELP_
};

/* tig-style defaults; the keys of one action sit together, in the order the help shows. */
static const struct binding bindings[] = {
	{"1", ACTION_SECTION_DIGIT},
	{"2", ACTION_SECTION_DIGIT},
	{"3", ACTION_SECTION_DIGIT},
	{"4", ACTION_SECTION_DIGIT},
	{"5", ACTION_SECTION_DIGIT},
	{"6", ACTION_SECTION_DIGIT},
	{"7", ACTION_SECTION_DIGIT},
	{"8", ACTION_SECTION_DIGIT},
	{"9", ACTION_SECTION_DIGIT},
	{"0", ACTION_SECTION_DIGIT},
	{":", ACTION_SECTION_PROMPT},
	{"Enter", ACTION_ENTER},
	{"]", ACTION_SECTION_NEXT},
	{"[", ACTION_SECTION_PREV},
	{"}", ACTION_PARA_NEXT},
	{"{", ACTION_PARA_PREV},
	{"j", ACTION_LINE_DOWN},
	{"Down", ACTION_LINE_DOWN},
	{"k", ACTION_LINE_UP},
	{"Up", ACTION_LINE_UP},
	{"Space", ACTION_PAGE_DOWN},
	{"PgDn", ACTION_PAGE_DOWN},
	{"C-f", ACTION_PAGE_DOWN},
	{"b", ACTION_PAGE_UP},
	{"PgUp", ACTION_PAGE_UP},
	{"C-b", ACTION_PAGE_UP},
	{"C-d", ACTION_HALF_DOWN},
	{"C-u", ACTION_HALF_UP},
	{"g", ACTION_TOP},
	{"Home", ACTION_TOP},
	{"G", ACTION_BOTTOM},
	{"End", ACTION_BOTTOM},
	{"Tab", ACTION_FOCUS},
	{"z", ACTION_SPEAKERS},
	{"t", ACTION_THEME_PICK},
	{"T", ACTION_THEME_CLEAR},
	{"/", ACTION_SEARCH},
	{"n", ACTION_HIT_NEXT},
	{"N", ACTION_HIT_PREV},
	{"&", ACTION_LIMIT},
	{"|", ACTION_PIPE},
	{"y", ACTION_COPY},
	{"P", ACTION_PRINT},
	{"?", ACTION_HELP},
	{"Esc", ACTION_CANCEL},
	{"C-l", ACTION_REDRAW},
	{"q", ACTION_QUIT},
};

const char *actions_name(enum action a)
{
	return a > ACTION_NONE && a < ACTION_COUNT ? names[a] : NULL;
}

const char *actions_help(enum action a)
{
	return a > ACTION_NONE && a < ACTION_COUNT ? helps[a] : NULL;
}

const struct binding *actions_bindings(size_t *n)
{
	*n = sizeof bindings / sizeof bindings[0];
	return bindings;
}

enum action actions_lookup(const char *key)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (strcmp(bindings[i].key, key) == 0)
			return bindings[i].action;
	return ACTION_NONE;
}

char *actions_keys(enum action a, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		size_t klen;

		if (bindings[i].action != a)
			continue;
		klen = strlen(bindings[i].key);
		if (len + (len ? 2 : 0) + klen + 1 > size)
			break;
		if (len) {
			memcpy(buf + len, ", ", 2);
			len += 2;
		}
		memcpy(buf + len, bindings[i].key, klen);
		len += klen;
		buf[len] = '\0';
	}
	return buf;
}
