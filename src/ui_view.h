/* ui_view.h: the browser's state and what actions do to it, without curses.
 * ui.c turns keys into actions and draws this state; nothing here draws.
 * Units: rows and cols are terminal cells; `top` is a laid-out line index. */
#ifndef FAYAN_UI_VIEW_H
#define FAYAN_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/actions.h"
#include "fayan/doc.h"
#include "fayan/layout.h"
#include "fayan/ui.h"

/* Below this many columns one pane is shown at a time. */
#define VIEW_SIDE_BY_SIDE_COLS 72
/* Smallest terminal the browser draws in; smaller shows one line saying so. */
#define VIEW_MIN_COLS 20
#define VIEW_MIN_LINES 6

enum view_item_kind {
	VIEW_ITEM_TITLE, /* an article title heading a group (several articles only) */
	VIEW_ITEM_INTRO, /* an article's intro (导语), before its first section */
	VIEW_ITEM_SECTION,
};

/* One row of the speaker pane; intros and sections can be read. */
struct view_item {
	enum view_item_kind kind;
	size_t article;
	const struct section *sec; /* VIEW_ITEM_SECTION only */
	struct layout lo;          /* cached layout at width lo_width */
	int lo_width;              /* -1: not laid out */
};

enum view_focus {
	VIEW_FOCUS_READER,
	VIEW_FOCUS_SPEAKERS,
};

/* Where the panes are, computed from the terminal size and the toggles. */
struct view_geom {
	int cols, lines;
	bool too_small;
	bool show_speakers, show_reader;
	int sp_x, sp_w;     /* speaker pane (sp_w includes its separator column) */
	int rd_x, rd_w;     /* reader window, full terminal width when alone */
	int text_x, text_w; /* the text inside the reader window */
	int body_rows;      /* rows between the top line and the status line */
};

struct view_help_line {
	char *text; /* laid out to fit the width, never wider */
	bool heading;
};

struct view {
	struct doc *d;
	struct view_item *items;
	size_t nitems;
	size_t *item_of_section; /* section number - 1 -> item index */

	size_t cur;    /* the item being read */
	size_t sel;    /* the speaker pane's selection */
	size_t sp_top; /* first item shown in the speaker pane */
	size_t top;    /* first laid-out line shown in the reader */
	/* The reading position that survives a relayout: a paragraph and a byte
	 * offset in it (SIZE_MAX: the lines before that paragraph). */
	size_t anchor_para;
	size_t anchor_off;

	enum view_focus focus;
	bool hide_speakers;
	bool help;
	size_t help_top;
	struct view_help_line *help_lines;
	size_t nhelp;

	char num[12]; /* digits typed so far (for "12 Enter") */
	bool prompt;  /* ':' was pressed; num holds the prompt's digits */

	char msg[256];  /* a message for the status line until the next key */
	char note[1280]; /* a lasting note (state could not be saved, locale) */
	const char *filter;

	bool redraw_all;
	bool done;
	struct ui_result result;

	struct view_geom g;
};

/* Build the view of `d` (items, first position from opts) for a cols x lines terminal. */
void view_init(struct view *v, struct doc *d, const struct ui_opts *opts, int cols, int lines);
void view_free(struct view *v);

/* Recompute the panes for a new terminal size, lay out again and keep the paragraph. */
void view_resize(struct view *v, int cols, int lines);

/* The current item's layout at the reader's text width. */
const struct layout *view_layout(struct view *v);

/* Apply an action; `key` is the key's name (for digits). */
void view_do(struct view *v, enum action a, const char *key);

/* A key typed at the ':' prompt: a digit, "Enter", "Backspace" or "Esc". */
void view_prompt_key(struct view *v, const char *key);

/* A mouse click at screen cell (y, x), or a wheel step (dir -1 up, +1 down). */
void view_click(struct view *v, int y, int x);
void view_wheel(struct view *v, int y, int x, int dir);

/* Open item `i` (an intro or a section) at its top. */
void view_open(struct view *v, size_t i);

/* The current item's section number within its article (0 = intro). */
size_t view_local_section(const struct view *v, size_t item);

/* The paragraph at the top of the reader. */
size_t view_top_para(struct view *v);

/* Put the reader's top on paragraph `para` of the current item. */
void view_goto_para(struct view *v, size_t para);

#endif
