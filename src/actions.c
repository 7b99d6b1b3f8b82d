/* actions.c: names and help texts of the browser's actions, and the key
 * bindings of each mode. Kept free of curses so that tests can check the
 * tables (every action bound, no key bound twice in a mode, the man page and
 * the help list every key) without a terminal. */
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

static const char *const mode_titles[MODE_COUNT] = {
#define MODE_TITLE_(id, title) [MODE_##id] = title,
	MODES_LIST(MODE_TITLE_)
#undef MODE_TITLE_
};

/* Scrolling, the same in the reader, the speaker pane and the help. */
#define SCROLL_KEYS \
	{"j", ACTION_LINE_DOWN}, \
	{"Down", ACTION_LINE_DOWN}, \
	{"k", ACTION_LINE_UP}, \
	{"Up", ACTION_LINE_UP}, \
	{"Space", ACTION_PAGE_DOWN}, \
	{"PgDn", ACTION_PAGE_DOWN}, \
	{"C-f", ACTION_PAGE_DOWN}, \
	{"b", ACTION_PAGE_UP}, \
	{"PgUp", ACTION_PAGE_UP}, \
	{"C-b", ACTION_PAGE_UP}, \
	{"C-d", ACTION_HALF_DOWN}, \
	{"C-u", ACTION_HALF_UP}, \
	{"g", ACTION_TOP}, \
	{"Home", ACTION_TOP}, \
	{"G", ACTION_BOTTOM}, \
	{"End", ACTION_BOTTOM}

/* tig-style defaults; the keys of one action sit together, in the order the help shows. */
static const struct binding browse[] = {
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
	SCROLL_KEYS,
	{"Tab", ACTION_FOCUS},
	{"z", ACTION_SPEAKERS},
	{"i", ACTION_INDENT},
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
	{"Click", ACTION_CLICK},
	{"WheelUp", ACTION_WHEEL},
	{"WheelDown", ACTION_WHEEL},
};

/* The help screen scrolls as the reader does; the keys that open it close it. */
static const struct binding help[] = {
	SCROLL_KEYS,
	{"q", ACTION_HELP},
	{"?", ACTION_HELP},
	{"Esc", ACTION_HELP},
	{"C-l", ACTION_REDRAW},
	{"WheelUp", ACTION_WHEEL},
	{"WheelDown", ACTION_WHEEL},
};

/* The line editor's keys, as less's edittable; C-g and C-c abort as in vis and emacs. */
#define EDIT_KEYS \
	{"Enter", ACTION_PROMPT_ACCEPT}, \
	{"Esc", ACTION_PROMPT_CANCEL}, \
	{"C-g", ACTION_PROMPT_CANCEL}, \
	{"C-c", ACTION_PROMPT_CANCEL}, \
	{"Backspace", ACTION_EDIT_BACKSPACE}

static const struct binding go_to[] = {
	{"0", ACTION_EDIT_TYPE},
	{"1", ACTION_EDIT_TYPE},
	{"2", ACTION_EDIT_TYPE},
	{"3", ACTION_EDIT_TYPE},
	{"4", ACTION_EDIT_TYPE},
	{"5", ACTION_EDIT_TYPE},
	{"6", ACTION_EDIT_TYPE},
	{"7", ACTION_EDIT_TYPE},
	{"8", ACTION_EDIT_TYPE},
	{"9", ACTION_EDIT_TYPE},
	EDIT_KEYS,
};

static const struct binding line[] = {
	EDIT_KEYS,
	{"C-u", ACTION_EDIT_CLEAR},
};

static const struct binding picker[] = {
	EDIT_KEYS,
	{"C-u", ACTION_EDIT_CLEAR},
	{"Down", ACTION_LINE_DOWN},
	{"C-n", ACTION_LINE_DOWN},
	{"Tab", ACTION_LINE_DOWN},
	{"Up", ACTION_LINE_UP},
	{"C-p", ACTION_LINE_UP},
	{"S-Tab", ACTION_LINE_UP},
	{"PgDn", ACTION_PAGE_DOWN},
	{"PgUp", ACTION_PAGE_UP},
};

#define TABLE(t) t, sizeof t / sizeof t[0]

static const struct {
	const struct binding *b;
	size_t n;
	bool types;
} modes[MODE_COUNT] = {
	[MODE_BROWSE] = {TABLE(browse), false},
	[MODE_HELP] = {TABLE(help), false},
	[MODE_GOTO] = {TABLE(go_to), false},
	[MODE_SEARCH] = {TABLE(line), true},
	[MODE_PIPE] = {TABLE(line), true},
	[MODE_PICKER] = {TABLE(picker), true},
};

const char *actions_name(enum action a)
{
	return a > ACTION_NONE && a < ACTION_COUNT ? names[a] : NULL;
}

const char *actions_help(enum action a)
{
	return a > ACTION_NONE && a < ACTION_COUNT ? helps[a] : NULL;
}

const char *actions_mode_title(enum mode m)
{
	return m < MODE_COUNT ? mode_titles[m] : NULL;
}

bool actions_mode_types(enum mode m)
{
	return m < MODE_COUNT && modes[m].types;
}

const struct binding *actions_mode_bindings(enum mode m, size_t *n)
{
	if (m >= MODE_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = modes[m].n;
	return modes[m].b;
}

bool actions_is_text(const char *key)
{
	unsigned char c = (unsigned char)key[0];

	if (strcmp(key, "Space") == 0)
		return true;
	if (c > ' ' && c < 127)
		return key[1] == '\0';
	return c >= 0xC2 && c <= 0xF4;
}

bool actions_is_mouse(const char *key)
{
	return strcmp(key, "Click") == 0 || strcmp(key, "WheelUp") == 0 || strcmp(key, "WheelDown") == 0;
}

enum action actions_mode_lookup(enum mode m, const char *key)
{
	if (m >= MODE_COUNT)
		return ACTION_NONE;
	for (size_t i = 0; i < modes[m].n; i++)
		if (strcmp(modes[m].b[i].key, key) == 0)
			return modes[m].b[i].action;
	return modes[m].types && actions_is_text(key) ? ACTION_EDIT_TYPE : ACTION_NONE;
}

char *actions_mode_keys(enum mode m, enum action a, char *buf, size_t size)
{
	size_t len = 0, n;
	const struct binding *b = actions_mode_bindings(m, &n);

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t klen;

		if (b[i].action != a)
			continue;
		klen = strlen(b[i].key);
		if (len + (len ? 2 : 0) + klen + 1 > size)
			break;
		if (len) {
			memcpy(buf + len, ", ", 2);
			len += 2;
		}
		memcpy(buf + len, b[i].key, klen);
		len += klen;
		buf[len] = '\0';
	}
	return buf;
}

const struct binding *actions_bindings(size_t *n)
{
	return actions_mode_bindings(MODE_BROWSE, n);
}

enum action actions_lookup(const char *key)
{
	return actions_mode_lookup(MODE_BROWSE, key);
}

char *actions_keys(enum action a, char *buf, size_t size)
{
	return actions_mode_keys(MODE_BROWSE, a, buf, size);
}
