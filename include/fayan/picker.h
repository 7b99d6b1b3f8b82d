/* picker.h: the theme picker ('t'): which themes the typed query lists, which
 * one is selected, and each theme's sections and hits, counted a slice at a
 * time between keys. The picker owns its list and counts; the themes, the
 * document and the search it counts within are lent to each call. */
#ifndef FAYAN_PICKER_H
#define FAYAN_PICKER_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/doc.h"
#include "fayan/filter.h"
#include "fayan/search.h"
#include "fayan/themes.h"
#include "fayan/util.h"

/* Sections times themes counted per idle step (about 4 ms over the 100 MB
 * archive), so that a key never waits long for a count. */
#define PICKER_COUNT_SLICE 8192

struct picker {
	size_t *idx;   /* the themes listed: indices into themes->v */
	size_t n;
	size_t sel;    /* selected row, an index into idx */
	size_t top;    /* first row shown */
	size_t *nsec;  /* per theme: sections it selects (with the current search) */
	size_t *nhit;  /* per theme: hits in those sections */
	char *counted; /* the search the counts were made with ("" for none), NULL: not counted */
	size_t counted_n; /* the sections there were then */
	/* Every theme is counted in one pass over the sections, as --themes
	 * counts them, so that each string is folded once for all the themes
	 * (a pass per theme folded it once per theme): ncounted is 0 until the
	 * pass ends, then every theme. */
	size_t ncounted;     /* themes 0..ncounted-1 are counted in nsec and nhit */
	struct search **ts;  /* each theme's terms while the pass runs (NULL: a theme without terms), or NULL */
	size_t nts;          /* themes in ts */
	size_t next;         /* sections counted so far in this pass */
	struct search_hits h;
};

/* List every theme with `current` (NULL: none) selected, and count them
 * again if the search (`query`, "" for none) or the sections changed. */
void picker_open(struct picker *pk, const struct themes *t, const struct theme *current, const char *query,
		 size_t nsections, bool loading);

/* Start the counts again if the search or the number of sections changed;
 * while inputs are still `loading` the counts of what was read stand. */
void picker_recount(struct picker *pk, const struct themes *t, const char *query, size_t nsections, bool loading);

/* List the themes matching `text` (name or pinyin); an empty text keeps the selected theme selected. */
void picker_narrow(struct picker *pk, const struct themes *t, const char *text);

/* Move the selection by `delta` rows, stopping at either end. */
void picker_move(struct picker *pk, long delta);

/* Scroll so that the selection is among the `rows` rows shown. */
void picker_follow(struct picker *pk, size_t rows);

/* How many themes are listed (rows 0..count-1). */
size_t picker_count(const struct picker *pk);

/* The first row shown, as picker_follow last scrolled the list. */
size_t picker_top(const struct picker *pk);

/* The selected row (0 when none is listed). */
size_t picker_sel_row(const struct picker *pk);

/* The index into themes->v of the selected theme, or SIZE_MAX when none is listed. */
size_t picker_selected(const struct picker *pk);

/* The widest name of the themes listed, in columns. */
int picker_name_cols(const struct picker *pk, const struct themes *t);

/* Append row k of the list: the theme's name padded to name_cols, then its
 * sections and hits, or "counting…" until they are counted. */
void picker_add_row(const struct picker *pk, const struct themes *t, size_t k, int name_cols, struct buf *b);

/* Whether themes remain to be counted, and one slice of that counting. */
bool picker_idle_pending(const struct picker *pk, const struct themes *t);
void picker_idle(struct picker *pk, const struct themes *t, const struct doc *d, struct search *search);

void picker_free(struct picker *pk);

#endif
