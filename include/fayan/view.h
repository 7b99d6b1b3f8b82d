/* view.h: the browser's state and what actions do to it, without curses.
 * The terminal side names keys and mouse events, view_key (view_do.h) turns
 * them into actions by the binding table of the mode the view is in, and the
 * screen is painted from this state; nothing here draws. The view_*.h headers
 * it includes hold the state's parts: the panes' geometry, the items, the
 * layout cache, the reading position, the speaker pane's list and the hits.
 * Units: rows and cols are terminal cells; `top` is a laid-out line index. */
#ifndef FAYAN_VIEW_H
#define FAYAN_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fayan/actions.h"
#include "fayan/doc.h"
#include "fayan/filter.h"
#include "fayan/find.h"
#include "fayan/help.h"
#include "fayan/layout.h"
#include "fayan/load.h"
#include "fayan/picker.h"
#include "fayan/prompt.h"
#include "fayan/spans.h"
#include "fayan/ui.h"
#include "fayan/view_geom.h"
#include "fayan/view_hits.h"
#include "fayan/view_items.h"
#include "fayan/view_layout.h"
#include "fayan/view_reader.h"
#include "fayan/view_speakers.h"

/* Work the terminal side must do for the view (it needs the terminal). */
enum view_request {
	VIEW_REQ_NONE,
	VIEW_REQ_PIPE, /* run v->prompt.text with the section on its stdin */
	VIEW_REQ_COPY, /* send the section to the clipboard with OSC 52 */
};

struct view {
	struct doc *d;
	struct view_item *items;
	size_t nitems, items_cap;
	size_t narticles;  /* the articles of d that have items (d grows while loading) */
	bool multi;        /* several inputs: each article's entries are headed by its title */
	struct load_queue *load; /* inputs still to read, or NULL */
	struct view_layout_slot lc[VIEW_LAYOUT_CACHE];
	unsigned long lc_clock;
	struct layout_style style; /* how the reader sets text (--punct, --indent, i) */
	uint32_t *item_of_section; /* section number - 1 -> item index */

	size_t cur;    /* the item being read */
	size_t sel;    /* the speaker pane's selection */
	uint32_t *vis; /* the items the speaker pane lists, in order (all, or those a filter selects) */
	size_t nvis, vis_cap;
	size_t sp_top; /* first row shown in the speaker pane: an index into vis */
	size_t top;    /* first laid-out line shown in the reader */
	/* The reading position that survives a relayout: a paragraph and a byte
	 * offset in it (SIZE_MAX: the lines before that paragraph). */
	size_t anchor_para;
	size_t anchor_off;

	enum view_focus focus;
	bool hide_speakers;
	enum mode mode;       /* what keys are for: one mode at a time */
	struct help help;     /* MODE_HELP's lines */
	struct prompt prompt; /* the line typed at MODE_GOTO, MODE_SEARCH, MODE_PIPE and MODE_PICKER */
	struct picker pick;   /* MODE_PICKER's list */
	struct find find;     /* the theme and search */
	/* Where the search line was opened, to come back to on Esc. */
	size_t search_cur, search_top;
	int mouse_y, mouse_x; /* the screen cell of the last mouse event */
	/* The hits on each line of the item read, for the item, width and filter they were made for. */
	struct spans spans;
	size_t spans_item;
	int spans_width;
	unsigned long spans_gen;
	bool spans_valid;

	char num[12]; /* digits typed so far (for "12 Enter") */
	enum view_request req;

	size_t count_shown; /* the count of sections the status line gives */
	int load_pct;       /* how much of the inputs is read while reading, else -1 */

	char msg[256];  /* a message for the status line until the next key */
	char note[1280]; /* a lasting note (state could not be saved, locale) */

	bool redraw_all;
	bool done;
	struct ui_result result;

	struct view_geom g;
};

/* Build the view of `d` (items, first position from opts) for a cols x lines
 * terminal; opts->load, if any, holds the inputs d will gain later. */
void view_init(struct view *v, struct doc *d, const struct ui_opts *opts, int cols, int lines);

/* Indent paragraphs (without blank lines between them) or not, keeping the
 * line being read on the top line. */
void view_set_indent(struct view *v, bool indent);

/* Take in the articles d gained since the view was built or last grew: their
 * entries in the speaker pane, and the filters run over their sections. */
void view_grow(struct view *v);

/* How many sections there will be once every input is read: the count so
 * far, and while inputs remain, an estimate from the sections per input so
 * far (for the width of the speaker pane's numbers, which must not jump). */
size_t view_sections_expected(const struct view *v);

/* Read pending inputs until d has `nsections` sections (SIZE_MAX: all of
 * them) or none is left, and take them in. Returns whether any was read. */
bool view_load_until(struct view *v, size_t nsections);
void view_free(struct view *v);

/* Recompute the panes for a new terminal size, lay out again and keep the paragraph. */
void view_resize(struct view *v, int cols, int lines);

/* Lay everything out afresh at the same size, keeping the reading position,
 * after the text layer's widths changed (the terminal's ambiguous width). */
void view_relayout(struct view *v);

/* Set the status line's message (printf-style), shown until the next key. */
void view_msg(struct view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Set the lasting note (v->note), cut to its buffer between characters. */
void view_note(struct view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Whether work waits to be done between keys (counting the picker's themes),
 * and one step of it: the UI calls view_idle while no key waits. */
bool view_idle_pending(const struct view *v);
void view_idle(struct view *v);

/* Go to section number `digits` (a string of digits), reading on if it is not read yet. */
void view_goto_number(struct view *v, const char *digits);

/* Lay out the help for the current width. */
void view_help_build(struct view *v);

#endif
