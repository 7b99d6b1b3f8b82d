/* cli.h: what the command line asks of a collection, with no I/O of its own:
 * counting what the filters select while the files are read. */
#ifndef FAYAN_CLI_H
#define FAYAN_CLI_H

#include "fayan/doc.h"
#include "fayan/filter.h"
#include "fayan/search.h"
#include "fayan/themes.h"
#include "fayan/util.h"

/* The filters of --theme and --search, applied to a collection. */
struct cli_reader;

struct cli_filter {
	struct themes themes;
	const struct theme *theme; /* the chosen theme, or NULL */
	struct search *theme_search;
	struct search *search;
	bool active;               /* a theme or a search was given */
	/* After cli_filter_gather: sections selected, and their theme and
	 * search hits (what filter_count gives as nmatch, ntheme, nsearch). */
	size_t nmatch, ntheme, nsearch;
	bool by_theme;             /* count every theme, within the search (--themes) */
	size_t *nsec, *nhit;       /* by_theme: each theme's sections and hits, by cli_filter_gather */
	unsigned long id;          /* this filter's number, for article.extra_of */
	struct cli_reader *readers; /* each reading thread's copies of the filters */
	unsigned nreaders;
};

/* Load the themes, resolve `theme` (an exact name, or a unique theme that
 * themes_pick finds: "yqfk") and compile `search`, before anything is read.
 * Either may be NULL. by_theme counts every theme (--themes) instead of the
 * selection. Returns 0, or an exit code with err filled: EXIT_TROUBLE for an
 * unknown theme or a bad themes file, EXIT_NOMATCH for an ambiguous theme.
 * cli_filter_close frees cf either way. */
int cli_filter_prepare(struct cli_filter *cf, const char *theme, const char *search, bool by_theme,
		       struct fy_err *err);

/* Count while reading: set opts so that each of up to `threads` reading
 * threads counts each article as soon as it is parsed (doc_opts.parsed,
 * into article.extra), which lets the articles be stripped. */
void cli_filter_reading(struct cli_filter *cf, struct doc_opts *opts, unsigned threads);

/* Gather the counts over d: the totals and each section's (cli_counted)
 * or, by_theme, cf->nsec and cf->nhit. Articles that cf did not count while
 * they were read (the built-in one, or a doc read for another filter) are
 * counted now; they must not be stripped. */
void cli_filter_gather(struct cli_filter *cf, const struct doc *d);

/* What the filter found in section s of a collection cli_filter_gather has
 * gathered (not by_theme): what filter_count gives for it, hits aside. */
const struct filter_section *cli_counted(const struct section *s);

void cli_filter_close(struct cli_filter *cf);

#endif
