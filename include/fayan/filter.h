/* filter.h: which sections a theme and a search select, and where their hits
 * are; shared by the command line and the browser (no curses here). Hits are
 * looked for in a section's topic line, headline, byline and paragraphs, so that
 * a search for a speaker's name ("mdl") finds that speaker's section. Units:
 * `off`/`len` are bytes of the string the hit is in. */
#ifndef FAYAN_FILTER_H
#define FAYAN_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fayan/doc.h"
#include "fayan/search.h"
#include "fayan/themes.h"

/* Which filter a hit belongs to. */
enum filter_kind {
	FILTER_THEME,
	FILTER_SEARCH,
};

/* 32-bit indexes and offsets, as in the model (doc.h): a theme over 100 MB has
 * about 100,000 hits. */
struct filter_hit {
	enum section_field where; /* which string of the section the hit is in */
	uint32_t para; /* paragraph index for FIELD_PARA, else 0 */
	uint32_t off;  /* bytes into that string */
	uint32_t len;
	enum filter_kind kind;
	unsigned term; /* the theme's term index, 0 for a search, or SEARCH_BY_PINYIN */
};

/* The hits of one section, in reading order (where, para, off; theme hits before
 * search hits at the same place). Theme and search hits may overlap each other. */
struct filter_section {
	const struct section *section;
	struct filter_hit *hits;
	size_t nhits;
	uint32_t ntheme;  /* theme hits */
	uint32_t nsearch; /* search hits */
	bool match;       /* selected: every active filter has at least one hit here */
};

struct filter {
	struct filter_section *v; /* one per section of the doc: v[i].section == d->sections[i] */
	struct filter_hit *pool;  /* every section's hits, in one allocation (hits point into it) */
	size_t npool;             /* hits in the pool */
	size_t n;
	size_t nmatch;  /* sections selected */
	size_t ntheme;  /* theme hits in selected sections */
	size_t nsearch; /* search hits in selected sections */
	size_t vcap;    /* sections v has room for (kept from run to run) */
	/* Threads for a large run: at least par_min sections each (0: 4096), at
	 * most `threads` of them (0: one per processor), never more than 4. */
	size_t par_min;
	size_t threads;
	size_t poolcap; /* hits pool has room for (kept from run to run) */
};

/* A place in the hit list: hit `hit` of section index `sec` (0-based). */
struct filter_pos {
	size_t sec;
	size_t hit;
};

void filter_init(struct filter *f);
void filter_free(struct filter *f);

/* Run `theme` and `search` (either may be NULL; with both NULL every section is
 * selected, with no hits) over every section of d, replacing f's contents (the
 * arrays are reused: running again costs no fresh memory). A section is
 * selected when each non-NULL filter hits it at least once. */
void filter_run(struct filter *f, const struct doc *d, struct search *theme, struct search *search);

/* Run the same filters over the sections d gained since f was run or last
 * extended (d->sections[f->n..d->nsections)), as if filter_run had been run
 * on the whole of d: for a collection still being loaded. Pointers into the
 * old hits are invalid afterwards; positions (struct filter_pos) stay valid. */
void filter_extend(struct filter *f, const struct doc *d, struct search *theme, struct search *search);

/* Like filter_run, with the same selection and counts, but keep no hit (every
 * section's hits and f->pool are NULL): what a list or a count needs, without
 * memory for each hit (about 110,000 for a theme over 100 MB). */
void filter_count(struct filter *f, const struct doc *d, struct search *theme, struct search *search);

/* What filter_count finds for one section, into fs (no hit kept): for
 * counting elsewhere, as the command line does while it reads. h is scratch. */
void filter_count_section(struct filter_section *fs, const struct section *sec, struct search *theme,
			  struct search *search, struct search_hits *h);

/* filter_count a slice at a time: count at most `max` more sections of d
 * into f (which filter_init, or filter_free, left empty to start), adding to
 * its totals. Returns the sections still to count (0: f now holds what
 * filter_count gives). For counting between key presses. */
size_t filter_count_some(struct filter *f, const struct doc *d, struct search *theme, struct search *search,
			 size_t max);

/* Move *pos to the next (dir > 0) or previous (dir < 0) hit in a selected
 * section, across sections, wrapping around. A *pos that is not on a hit (say
 * {sec, SIZE_MAX} for "before the first hit of sec", or {sec, nhits}) is
 * moved from there. Returns 0 if there is no hit at all, 1 if moved, 2 if the
 * move wrapped around the end or the start. */
int filter_step(const struct filter *f, struct filter_pos *pos, int dir);

/* For each theme, the sections of secs[0..n) it selects within those
 * `search` selects (NULL: all), and its hits there, as filter_count counts
 * them, added to nsec[] and nhit[]: themes[i] (NULL: none) stands for theme
 * i. What --themes shows, counted an article at a time. h is scratch. */
void filter_add_themes(const struct section *secs, size_t n, struct search *const *themes, size_t nthemes,
		       struct search *search, size_t *nsec, size_t *nhit, struct search_hits *h);

#endif
