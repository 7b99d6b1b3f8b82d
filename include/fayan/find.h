/* find.h: the browser's filters, a theme and a search run over the whole
 * collection, and the hit that n/N went to. It answers where hits are and
 * which one comes next; it never moves the view (the view calls it, never
 * the other way round). Units: sections are indices (number - 1). */
#ifndef FAYAN_FIND_H
#define FAYAN_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/doc.h"
#include "fayan/filter.h"
#include "fayan/layout.h"
#include "fayan/search.h"
#include "fayan/themes.h"
#include "fayan/util.h"

struct find {
	struct themes themes;
	bool themes_loaded;
	const struct theme *theme;  /* NULL: no theme filter */
	struct search *theme_search;
	char *search_text;          /* NULL: no search */
	struct search *search;
	struct filter f;            /* valid unless dirty */
	unsigned long gen;          /* changes whenever f's hits do (what was worked out from them is stale) */
	bool dirty;                 /* theme or search changed since f was run */
	bool limit;                 /* the speaker pane shows only selected sections */
	bool hit_valid;             /* `hit` is the current hit */
	struct filter_pos hit;
	size_t hit_no;              /* its 1-based place among all hits */
	/* What Esc at the search line brings back. */
	char *saved_text;
	bool saved_hit_valid;
	struct filter_pos saved_hit;
};

/* Load the themes once: 0, or -1 with err filled (a bad user file; the built-in ones stay). */
int find_load_themes(struct find *fd, struct fy_err *err);

/* Replace the search by text (NULL or "" for none), or the theme (NULL for none);
 * the filter runs at the next find_sync. */
void find_set_search(struct find *fd, const char *text);
void find_set_theme(struct find *fd, const struct theme *th);

/* Whether a theme or a search is set. */
bool find_active(const struct find *fd);

/* Run the filter over d if it changed; returns whether it ran (the current hit is then forgotten). */
bool find_sync(struct find *fd, const struct doc *d);

/* Extend the results to the sections d gained (unless the filter is to run again anyway). */
void find_grow(struct find *fd, const struct doc *d);

/* The filter results, or NULL when neither filter is set or they are not up to date with d. */
const struct filter *find_filter(const struct find *fd, const struct doc *d);

/* The hits of section number `number` (1-based), or NULL without results. */
const struct filter_section *find_section_hits(const struct find *fd, const struct doc *d, size_t number);

/* The themes find_load_themes loaded (none before it), lent to the picker. */
const struct themes *find_themes(const struct find *fd);

/* The theme filter, or NULL when none is set. */
const struct theme *find_theme(const struct find *fd);

/* The theme filter's name, or NULL when none is set. */
const char *find_theme_name(const struct find *fd);

/* The search as typed, or NULL when none is set (one that compiles to
 * nothing, all blanks, sets none). */
const char *find_search_text(const struct find *fd);

/* The compiled search, or NULL when none is set; lent to the picker's
 * counting, which uses its scratch space (hence not const). */
struct search *find_search(struct find *fd);

/* Whether a search is set and the filter has run since the theme or the
 * search last changed (its hits, or that it has none, are known). */
bool find_search_ran(const struct find *fd);

/* Whether the speaker pane lists only the sections with hits ('&'), and setting that. */
bool find_limited(const struct find *fd);
void find_set_limit(struct find *fd, bool limit);

/* The hit n/N went to last, or NULL when there is none since the filter last ran. */
const struct filter_pos *find_hit(const struct find *fd);

/* The current hit's 1-based place among all hits, theme and search (0 when there is no current hit). */
size_t find_hit_no(const struct find *fd);

/* The hit at pos in the results of the last run (pos from find_first_from or find_walk). */
const struct filter_hit *find_hit_at(const struct find *fd, struct filter_pos pos);

/* A number that changes whenever the hits do: what was worked out from them
 * (the spans of a layout) is stale when it differs. */
unsigned long find_gen(const struct find *fd);

/* All the hits of f, theme and search. */
size_t find_total(const struct filter *f);

/* The laid-out line of lo that shows hit h (the line its first byte is on). */
size_t find_hit_line(const struct layout *lo, const struct filter_hit *h);

/* Make pos the current hit, numbering it among all hits. */
void find_set_hit(struct find *fd, struct filter_pos pos);

/* The first hit in section index `sec` or after it (SIZE_MAX: after the last
 * section, so none but by wrapping): 1 with *pos set, or 0 if there is none. */
int find_first_from(const struct find *fd, const struct doc *d, size_t sec, struct filter_pos *pos);

/* Where n (dir 1) or N (dir -1) goes, as in less: from the current hit if it
 * is on lines [top, top + rows) of the section index `sec` laid out in lo;
 * else from the screen, so that after scrolling n goes to the first hit at or
 * below the top line and N to the last one above it. lo NULL: an intro before
 * section index `sec` (SIZE_MAX: after the last). Returns filter_step's result. */
int find_walk(const struct find *fd, const struct doc *d, const struct layout *lo, size_t sec, size_t top,
	      size_t rows, int dir, struct filter_pos *pos);

/* The search line opens: remember the search and hit to bring back. */
void find_search_begin(struct find *fd);

/* The search line is cancelled: the search it began with is set again. */
void find_search_restore(struct find *fd);

/* After the restored filter has run: the hit it began with is current again. */
void find_search_rehit(struct find *fd, const struct doc *d);

/* The search line closes; forget what it began with. */
void find_search_end(struct find *fd);

void find_free(struct find *fd);

#endif
