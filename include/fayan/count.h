/* count.h: what the command line's filters (--theme, --search, --themes)
 * select in a collection, counted while the files are read so that each
 * article can be stripped once counted. No I/O of its own. */
#ifndef FAYAN_COUNT_H
#define FAYAN_COUNT_H

#include "fayan/doc.h"
#include "fayan/filter.h"
#include "fayan/search.h"
#include "fayan/themes.h"
#include "fayan/util.h"

struct count_reader;

/* The filters of --theme and --search, applied to a collection. */
struct count {
	struct themes themes;
	const struct theme *theme; /* the chosen theme, or NULL */
	struct search *theme_search;
	struct search *search;
	bool active;               /* a theme or a search was given */
	/* After count_gather: sections selected, and their theme and
	 * search hits (what filter_count gives as nmatch, ntheme, nsearch). */
	size_t nmatch, ntheme, nsearch;
	bool by_theme;             /* count every theme, within the search (--themes) */
	size_t *nsec, *nhit;       /* by_theme: each theme's sections and hits, by count_gather */
	struct count_reader *readers; /* each reading thread's copies of the filters */
	unsigned nreaders;
	struct idmap done;            /* what each reading thread counted in each article, by its id */
};

/* Load the themes (only for `theme` or by_theme), resolve `theme` (an exact name, or a unique theme that
 * themes_pick finds: "yqfk") and compile `search`, before anything is read.
 * Either may be NULL. by_theme counts every theme (--themes) instead of the
 * selection. Returns 0, or an exit code with err filled: EXIT_TROUBLE for an
 * unknown theme or a bad themes file, EXIT_NOMATCH for an ambiguous theme.
 * count_close frees cnt either way. */
int count_prepare(struct count *cnt, const char *theme, const char *search, bool by_theme,
		  struct fy_err *err);

/* Count while reading: set opts so that each of up to `threads` reading
 * threads counts each article as soon as it is parsed (doc_opts.parsed,
 * kept in cnt under the article's id), which lets the articles be stripped. */
void count_reading(struct count *cnt, struct doc_opts *opts, unsigned threads);

/* Gather the counts over d: the totals and each section's (count_section)
 * or, by_theme, cnt->nsec and cnt->nhit. Articles that cnt did not count while
 * they were read (the built-in one, or a doc read for another filter) are
 * counted now; they must not be stripped. */
void count_gather(struct count *cnt, const struct doc *d);

/* What the filter found in section s of a collection count_gather has
 * gathered (not by_theme): what filter_count gives for it, hits aside. */
const struct filter_section *count_section(const struct count *cnt, const struct section *s);

/* Free what cnt holds, its counts included, and empty it. */
void count_close(struct count *cnt);

#endif
