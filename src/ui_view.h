/* ui_view.h: the browser's state and what actions do to it, without curses.
 * ui.c turns keys into actions and draws this state; nothing here draws.
 * Units: rows and cols are terminal cells; `top` is a laid-out line index. */
#ifndef FAYAN_UI_VIEW_H
#define FAYAN_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fayan/actions.h"
#include "fayan/doc.h"
#include "fayan/filter.h"
#include "fayan/layout.h"
#include "fayan/load.h"
#include "fayan/search.h"
#include "fayan/themes.h"
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

/* One row of the speaker pane; intros and sections can be read. An archive
 * has tens of thousands of rows, so the row is kept to 16 bytes. */
struct view_item {
	uint8_t kind;     /* enum view_item_kind */
	uint32_t article; /* index into d->articles */
	const struct section *sec; /* VIEW_ITEM_SECTION only */
};

/* Layouts kept for the items read last: an archive has tens of thousands of
 * items, and a layout per item would cost memory for every one of them. */
#define VIEW_LAYOUT_CACHE 4

/* One laid-out item: `item` at `width` columns (width -1: an empty slot). */
struct view_layout_slot {
	size_t item;
	int width;
	unsigned long used; /* when it was last asked for, for dropping the oldest */
	struct layout lo;
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
	/* Full-width reading (z) has no title line: the status line goes on top
	 * and the text runs to the bottom row, so that ncurses scrolls it with a
	 * delete-line at its top instead of setting a scroll region each time. */
	bool title_line;    /* a title line on row 0 */
	int body_y;         /* the first row of the panes */
	int status_y;       /* the status line's row */
};

struct view_help_line {
	char *text; /* laid out to fit the width, never wider */
	bool heading;
};

/* Sections the theme picker counts per pass of the loop (about 4 ms over
 * the 100 MB archive), so that a key never waits long for a count. */
#define VIEW_COUNT_SLICE 8192

/* Longest text typed at a search or pipe prompt, in bytes. */
#define VIEW_QUERY_MAX 256

/* What the status line is prompting for. */
enum view_line {
	VIEW_LINE_NONE,
	VIEW_LINE_SEARCH, /* '/': incremental search */
	VIEW_LINE_PIPE,   /* '|': a shell command to pipe the section to */
};

/* Work the terminal side must do for the view (it needs the terminal). */
enum view_request {
	VIEW_REQ_NONE,
	VIEW_REQ_PIPE, /* run v->line_text with the section on its stdin */
	VIEW_REQ_COPY, /* send the section to the clipboard with OSC 52 */
};

/* The theme picker overlay ('t'). */
struct view_picker {
	bool open;
	char query[VIEW_QUERY_MAX];
	size_t *idx;   /* the themes listed: indices into v->themes.v */
	size_t n;
	size_t sel;    /* selected row, an index into idx */
	size_t top;    /* first row shown */
	size_t *nsec;  /* per theme: sections it selects (with the current search) */
	size_t *nhit;  /* per theme: hits in those sections */
	char *counted; /* the search the counts were made with ("" for none), NULL: not counted */
	size_t counted_n; /* the sections there were then */
	size_t ncounted;  /* themes 0..ncounted-1 are counted in nsec and nhit */
	struct search *ts;   /* theme ncounted, being counted, or NULL */
	struct filter count; /* its count so far */
};

/* The filters: a theme and a search, run over the whole collection. */
struct view_find {
	struct themes themes;
	bool themes_loaded;
	const struct theme *theme;  /* NULL: no theme filter */
	struct search *theme_search;
	char *search_text;          /* NULL: no search */
	struct search *search;
	struct filter f;            /* valid unless dirty */
	bool dirty;                 /* theme or search changed since f was run */
	bool limit;                 /* the speaker pane shows only selected sections */
	bool hit_valid;             /* `hit` is the current hit */
	struct filter_pos hit;
	size_t hit_no;              /* its 1-based place among all hits */
	/* '/' remembers what to restore on Esc. */
	char *saved_text;
	size_t origin_cur, origin_top;
	bool origin_hit_valid;
	struct filter_pos origin_hit;
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
	bool help;
	size_t help_top;
	struct view_help_line *help_lines;
	size_t nhelp;

	char num[12]; /* digits typed so far (for "12 Enter") */
	bool prompt;  /* ':' was pressed; num holds the prompt's digits */

	enum view_line line;            /* the status line's prompt, if any */
	char line_text[VIEW_QUERY_MAX]; /* what was typed at it (UTF-8) */
	enum view_request req;
	struct view_picker pick;
	struct view_find find;

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

/* Put the reader's top on line `top` of the current item (clamped to the last page). */
void view_reader_to(struct view *v, size_t top);

/* Scroll the speaker pane so that item `i` (if listed) is in view. */
void view_speakers_follow(struct view *v, size_t i);

/* Set the status line's message (printf-style), shown until the next key. */
void view_msg(struct view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The paragraph at the top of the reader. */
size_t view_top_para(struct view *v);

/* Put the reader's top on paragraph `para` of the current item. */
void view_goto_para(struct view *v, size_t para);

/* ---- ui_find.c: themes, search, hits, pipe and copy ---- */

/* Whether work waits to be done between keys (counting the picker's themes),
 * and one step of it: the UI calls view_idle while no key waits. */
bool view_idle_pending(const struct view *v);
void view_idle(struct view *v);

/* Extend the filter results to the sections d gained (view_grow calls it). */
void view_find_grow(struct view *v);

/* Set the initial theme and search (either may be NULL) as -t and -s give them;
 * a theme that does not resolve is reported in the status line. */
void view_find_init(struct view *v, const char *theme, const char *search);
void view_find_free(struct view *v);

/* Run the filters again if they changed and rebuild the speaker pane's list.
 * Cheap when nothing changed; the UI calls it before drawing when no key waits. */
void view_sync(struct view *v);

/* The filter results, or NULL when neither a theme nor a search is active. */
const struct filter *view_filter(const struct view *v);

/* The hits of item `i` (NULL for intros, titles, or without a filter). */
const struct filter_section *view_item_hits(const struct view *v, size_t i);

/* The laid-out line of lo that shows hit h (the line its first byte is on). */
size_t view_hit_line(const struct layout *lo, const struct filter_hit *h);

/* Rebuild v->vis from the filter and the limit toggle (keeps the pane's selection in view). */
void view_list(struct view *v);

/* The find actions: open the picker, clear the theme, '/', n/N, '&', '|', 'y'. */
void view_find_action(struct view *v, enum action a);

/* A key typed while the theme picker is open ("yqfk" letters, "Up", "Enter", "Esc"...). */
void view_picker_key(struct view *v, const char *key);

/* A key typed at the search or pipe prompt: text (one character), "Space",
 * "Backspace", "C-u", "Enter", "Esc". */
void view_line_key(struct view *v, const char *key);

/* The text the pipe and copy actions use for the current item: exactly what
 * `fayan --print N` prints unwrapped. */
void view_item_text(const struct view *v, struct buf *out);

#endif
