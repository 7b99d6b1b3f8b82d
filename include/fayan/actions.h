/* actions.h: every user action of the browser, in one list, and the key
 * bindings of each mode, in one table per mode. The browser dispatches on
 * actions, never on raw keys; the help screen, the man page's KEYS section and
 * the tests all read these tables. No curses here: keys are named by strings
 * ("j", "Down", "C-f", "Space"), mouse events too ("Click", "WheelUp"). */
#ifndef FAYAN_ACTIONS_H
#define FAYAN_ACTIONS_H

#include <stdbool.h>
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
	ACTION_(LINE_DOWN, "line-down", "One line down (in the speaker pane or the picker: the next entry)") \
	ACTION_(LINE_UP, "line-up", "One line up (in the speaker pane or the picker: the previous entry)") \
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
	ACTION_(CANCEL, "cancel", "Cancel the number being typed") \
	ACTION_(REDRAW, "redraw", "Redraw the screen") \
	ACTION_(QUIT, "quit", "Quit") \
	ACTION_(CLICK, "click", "Open the speaker clicked on") \
	ACTION_(WHEEL, "wheel", "Scroll the pane under the pointer") \
	ACTION_(EDIT_TYPE, "type", "Type the character (at the go-to prompt, digits only)") \
	ACTION_(EDIT_BACKSPACE, "backspace", "Delete the last character; on an empty line, close it") \
	ACTION_(EDIT_CLEAR, "clear-line", "Delete everything typed") \
	ACTION_(PROMPT_ACCEPT, "accept", "Go to the section, keep the search, run the command or apply the theme") \
	ACTION_(PROMPT_CANCEL, "abort", "Close without acting (a search goes back to where it started)")

enum action {
	ACTION_NONE,
#define ACTION_ENUM_(id, name, help) ACTION_##id,
	ACTIONS_LIST(ACTION_ENUM_)
#undef ACTION_ENUM_
	ACTION_COUNT
};

/* MODE_(ID, "title"): what the keys are for, one at a time. */
#define MODES_LIST(MODE_) \
	MODE_(BROWSE, "Reading") \
	MODE_(HELP, "This help") \
	MODE_(GOTO, "The go-to prompt (:)") \
	MODE_(SEARCH, "The search line (/)") \
	MODE_(PIPE, "The pipe line (|)") \
	MODE_(PICKER, "The theme picker (t)")

enum mode {
#define MODE_ENUM_(id, title) MODE_##id,
	MODES_LIST(MODE_ENUM_)
#undef MODE_ENUM_
	MODE_COUNT
};

/* One binding: the key's name as the help screen and the man page show it. */
struct binding {
	const char *key;
	enum action action;
};

/* The action's name ("line-down"), or NULL for ACTION_NONE or out of range. */
const char *actions_name(enum action a);

/* The action's one-line help text, or NULL for ACTION_NONE or out of range. */
const char *actions_help(enum action a);

/* The mode's title for the help screen ("The search line (/)"), or NULL out of range. */
const char *actions_mode_title(enum mode m);

/* Whether keys not bound in mode m that are text (one character, "Space")
 * are typed in: the modes with a line to edit. */
bool actions_mode_types(enum mode m);

/* The bindings of mode m, in the order the help screen lists them; *n gets the count. */
const struct binding *actions_mode_bindings(enum mode m, size_t *n);

/* The action of key `key` in mode m: its binding, else ACTION_EDIT_TYPE for
 * text where the mode types it in, else ACTION_NONE. */
enum action actions_mode_lookup(enum mode m, const char *key);

/* The keys bound to `a` in mode m, joined by ", " ("Space, PgDn, C-f") into
 * buf[0..size), NUL-terminated and cut at a whole key if it does not fit. Returns buf. */
char *actions_mode_keys(enum mode m, enum action a, char *buf, size_t size);

/* The reading mode's bindings, lookup and keys (MODE_BROWSE). */
const struct binding *actions_bindings(size_t *n);
enum action actions_lookup(const char *key);
char *actions_keys(enum action a, char *buf, size_t size);

/* Whether a key name is text to type (one character, or "Space"), not a special key. */
bool actions_is_text(const char *key);

/* Whether a key name is a mouse event ("Click", "WheelUp", "WheelDown"). */
bool actions_is_mouse(const char *key);

#endif
