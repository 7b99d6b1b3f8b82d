/* actions.h: every user action of the browser, in one table, and the default
 * key bindings, in another. The UI switches on actions, never on raw keys; the
 * help screen, the man page's KEYS section and the tests all read these tables.
 * No curses here: keys are named by strings ("j", "Down", "C-f", "Space"). */
#ifndef FAYAN_ACTIONS_H
#define FAYAN_ACTIONS_H

#include <stddef.h>

/* ACTION_(ID, "name", "help text"): the single list of actions. */
#define ACTIONS_LIST(ACTION_) \
	ACTION_(SECTION_DIGIT, "section-digit", "Open speaker 1-9, 0 for 10; digits then Enter for more") \
	ACTION_(SECTION_PROMPT, "section-prompt", "Go to a section by number (type it, then Enter)") \
	ACTION_(ENTER, "enter", "Open the selected speaker, or the number typed") \
	ACTION_(SECTION_NEXT, "section-next", "Next section") \
	ACTION_(SECTION_PREV, "section-prev", "Previous section (the intro comes before section 1)") \
	ACTION_(PARA_NEXT, "para-next", "Next paragraph") \
	ACTION_(PARA_PREV, "para-prev", "Previous paragraph") \
	ACTION_(LINE_DOWN, "line-down", "One line down (in the speaker pane: next speaker)") \
	ACTION_(LINE_UP, "line-up", "One line up (in the speaker pane: previous speaker)") \
	ACTION_(PAGE_DOWN, "page-down", "One page down") \
	ACTION_(PAGE_UP, "page-up", "One page up") \
	ACTION_(HALF_DOWN, "half-page-down", "Half a page down") \
	ACTION_(HALF_UP, "half-page-up", "Half a page up") \
	ACTION_(TOP, "top", "Go to the top (in the speaker pane: first speaker)") \
	ACTION_(BOTTOM, "bottom", "Go to the bottom (in the speaker pane: last speaker)") \
	ACTION_(FOCUS, "focus", "Switch between the speaker pane and the reader pane") \
	ACTION_(SPEAKERS, "toggle-speakers", "Hide or show the speaker pane (full-width reading)") \
	ACTION_(THEME_PICK, "theme", "Pick a theme by name or pinyin (yqfk); list only its speakers") \
	ACTION_(THEME_CLEAR, "theme-clear", "Clear the theme filter") \
	ACTION_(SEARCH, "search", "Search as you type (also pinyin: mdl); Enter keeps it, Esc cancels") \
	ACTION_(HIT_NEXT, "hit-next", "Next hit of the search or theme, across sections") \
	ACTION_(HIT_PREV, "hit-prev", "Previous hit of the search or theme, across sections") \
	ACTION_(LIMIT, "limit", "List only the speakers with hits, or all of them again") \
	ACTION_(PIPE, "pipe", "Pipe the section's text to a shell command") \
	ACTION_(COPY, "copy", "Copy the section's text to the clipboard (OSC 52, works over SSH)") \
	ACTION_(PRINT, "print", "Leave and print the current section to standard output") \
	ACTION_(HELP, "help", "Show or close this help") \
	ACTION_(CANCEL, "cancel", "Cancel the number being typed, close the help") \
	ACTION_(REDRAW, "redraw", "Redraw the screen") \
	ACTION_(QUIT, "quit", "Quit (close the help when it is shown)")

enum action {
	ACTION_NONE,
#define ACTION_ENUM_(id, name, help) ACTION_##id,
	ACTIONS_LIST(ACTION_ENUM_)
#undef ACTION_ENUM_
	ACTION_COUNT
};

/* One default binding: the key's name as the help screen and the man page show it. */
struct binding {
	const char *key;
	enum action action;
};

/* The action's name ("line-down"), or NULL for ACTION_NONE or out of range. */
const char *actions_name(enum action a);

/* The action's one-line help text, or NULL for ACTION_NONE or out of range. */
const char *actions_help(enum action a);

/* The default bindings, in the order the help screen lists them; *n gets the count. */
const struct binding *actions_bindings(size_t *n);

/* The action bound to the key named `key` ("j", "C-f"), or ACTION_NONE. */
enum action actions_lookup(const char *key);

/* The keys bound to action `a`, joined by ", " ("Space, PgDn, C-f") into
 * buf[0..size), NUL-terminated and cut if it does not fit. Returns buf. */
char *actions_keys(enum action a, char *buf, size_t size);

/* Mouse behaviour for the help screen and the man page (not bindable keys). */
#define ACTIONS_MOUSE_HELP "Click on a speaker to open it; the wheel scrolls the pane under the pointer"

#endif
