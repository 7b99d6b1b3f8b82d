/* actions.h: every user action of the browser, in one list, and the key
 * bindings of each mode, in one table per mode. The browser dispatches on
 * actions, never on raw keys; the help screen, the man page's KEYS section and
 * the tests all read these tables. No curses here: keys are named by strings
 * ("j", "Down", "C-f", "Space"), mouse events too ("Click", "WheelUp"). */
#ifndef FAYAN_ACTIONS_H
#define FAYAN_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/i18n.h"

/* ACTION_(ID, "name", N_("help text")): the single list of actions. */
#define ACTIONS_LIST(ACTION_) \
	ACTION_(SECTION_DIGIT, "section-digit", N_("Open speaker 1-9, 0 for 10; digits then Enter for more")) \
	ACTION_(SECTION_PROMPT, "section-prompt", N_("Go to a section by number (type it, then Enter)")) \
	ACTION_(ENTER, "enter", N_("Open the selected speaker, or the number typed")) \
	ACTION_(SECTION_NEXT, "section-next", N_("Next section")) \
	ACTION_(SECTION_PREV, "section-prev", N_("Previous section (the intro comes before section 1)")) \
	ACTION_(PARA_NEXT, "para-next", N_("Next paragraph")) \
	ACTION_(PARA_PREV, "para-prev", N_("Previous paragraph")) \
	ACTION_(LINE_DOWN, "line-down", N_("One line down (in the speaker pane or the picker: the next entry)")) \
	ACTION_(LINE_UP, "line-up", N_("One line up (in the speaker pane or the picker: the previous entry)")) \
	ACTION_(PAGE_DOWN, "page-down", N_("One page down")) \
	ACTION_(PAGE_UP, "page-up", N_("One page up")) \
	ACTION_(HALF_DOWN, "half-page-down", N_("Half a page down")) \
	ACTION_(HALF_UP, "half-page-up", N_("Half a page up")) \
	ACTION_(TOP, "top", N_("Go to the top (in the speaker pane: first speaker)")) \
	ACTION_(BOTTOM, "bottom", N_("Go to the bottom (in the speaker pane: last speaker)")) \
	ACTION_(FOCUS, "focus", N_("Switch between the speaker pane and the reader pane")) \
	ACTION_(SPEAKERS, "toggle-speakers", N_("Hide or show the speaker pane (full-width reading)")) \
	ACTION_(INDENT, "toggle-indent", N_("Indent paragraphs, without blank lines between them, or not (remembered)")) \
	ACTION_(THEME_PICK, "theme", N_("Pick a theme by name or pinyin (yqfk); list only its speakers")) \
	ACTION_(THEME_CLEAR, "theme-clear", N_("Clear the theme filter")) \
	ACTION_(SEARCH, "search", N_("Search as you type (also pinyin: mdl); Enter keeps it, Esc cancels")) \
	ACTION_(HIT_NEXT, "hit-next", N_("Next hit of the search or theme, across sections")) \
	ACTION_(HIT_PREV, "hit-prev", N_("Previous hit of the search or theme, across sections")) \
	ACTION_(LIMIT, "limit", N_("List only the speakers with hits, or all of them again")) \
	ACTION_(PIPE, "pipe", N_("Pipe the section's text to a shell command")) \
	ACTION_(COPY, "copy", N_("Copy the section's text to the clipboard (OSC 52, works over SSH)")) \
	ACTION_(PRINT, "print", N_("Leave and print the current section to standard output")) \
	ACTION_(HELP, "help", N_("Show or close this help")) \
	ACTION_(CANCEL, "cancel", N_("Cancel the number being typed")) \
	ACTION_(REDRAW, "redraw", N_("Redraw the screen")) \
	ACTION_(QUIT, "quit", N_("Quit")) \
	ACTION_(CLICK, "click", N_("Open the speaker clicked on")) \
	ACTION_(WHEEL, "wheel", N_("Scroll the pane under the pointer")) \
	ACTION_(EDIT_TYPE, "type", N_("Type the character (at the go-to prompt, digits only)")) \
	ACTION_(EDIT_BACKSPACE, "backspace", N_("Delete the last character; on an empty line, close it")) \
	ACTION_(EDIT_CLEAR, "clear-line", N_("Delete everything typed")) \
	ACTION_(PROMPT_ACCEPT, "accept", N_("Go to the section, keep the search, run the command or apply the theme")) \
	ACTION_(PROMPT_CANCEL, "abort", N_("Close without acting (a search goes back to where it started)"))

enum action {
	ACTION_NONE,
#define ACTION_ENUM_(id, name, help) ACTION_##id,
	ACTIONS_LIST(ACTION_ENUM_)
#undef ACTION_ENUM_
	ACTION_COUNT
};

/* MODE_(ID, N_("title")): what the keys are for, one at a time. */
#define MODES_LIST(MODE_) \
	MODE_(BROWSE, N_("Reading")) \
	MODE_(HELP, N_("This help")) \
	MODE_(GOTO, N_("The go-to prompt (:)")) \
	MODE_(SEARCH, N_("The search line (/)")) \
	MODE_(PIPE, N_("The pipe line (|)")) \
	MODE_(PICKER, N_("The theme picker (t)"))

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

/* The action's one-line help text in English (the msgid), or NULL for ACTION_NONE or out of range. */
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
