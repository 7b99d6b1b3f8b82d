/* report.h: the command line's reports on a collection: --list, --check and
 * --themes, appended to a buffer; no I/O of their own. */
#ifndef FAYAN_REPORT_H
#define FAYAN_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/doc.h"
#include "fayan/output.h"
#include "fayan/themes.h"
#include "fayan/util.h"

/* The display columns of each section's name, place and title, and headline,
 * measured as each article is read, while its strings are at hand: --list
 * sizes its columns from them without going over every string of a large
 * archive again once it has been read and stripped. */
struct report_cols {
	struct idmap map; /* by article id: a struct report_row per section */
	void (*next)(struct article *a, unsigned thread, void *ctx); /* the hook set before */
	void *next_ctx;
};

/* Measure while reading: set opts (doc_opts.parsed) so that each of up to
 * `threads` reading threads measures each article as soon as it is parsed,
 * after any hook already set there. */
void report_cols_reading(struct report_cols *rc, struct doc_opts *opts, unsigned threads);

/* Make what was measured ready for report_list. */
void report_cols_gather(struct report_cols *rc);

void report_cols_free(struct report_cols *rc);

/* Which sections a list shows: whether s is listed and, when a filter
 * chose it, its hit count in *hits; ctx is report_list's pick_ctx. */
typedef bool report_pick(const struct section *s, size_t *hits, const void *ctx);

/* Append the list of the sections of secs[0..n) that `pick` lists (all of
 * them if pick is NULL): one line each with number, name, place and title,
 * headline, and with a pick the section's hit count. Text is an aligned
 * table; when width > 0 each line is cut to `width` columns. TSV has those
 * fields (number, name, place, title, headline, article, hits)
 * tab-separated; JSON is an array of objects. Returns how many were listed. */
size_t report_list(struct buf *out, struct section *const *secs, size_t n, report_pick *pick,
		   const void *pick_ctx, const struct report_cols *cols, enum output_format fmt, int width);

/* Append the --check report for `d`; returns the number of sections found. */
size_t report_check(struct buf *out, const struct doc *d);

/* Append the --themes report: each theme of t with the sections it selects
 * (nsec[i]) and its hits (nhit[i]), as counted by a by_theme filter (within
 * the sections the search selects, if any). */
void report_themes(struct buf *out, const struct themes *t, const size_t *nsec, const size_t *nhit,
		   enum output_format fmt);

#endif
