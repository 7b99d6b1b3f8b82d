/* cli.h: what the command line asks of a collection, with no I/O of its own:
 * choosing sections for --print and reporting for --check. */
#ifndef FAYAN_CLI_H
#define FAYAN_CLI_H

#include "fayan/doc.h"
#include "fayan/util.h"

/* What --print WHICH named. */
struct cli_selection {
	bool intro;               /* `intro`: the intro of every article */
	struct section **secs;    /* the chosen sections, in order (owned array) */
	size_t n;
};

/* Resolve WHICH (a number, `all`, `intro`, a speaker's name, a place or any
 * part of a byline) against `d`. Returns 0, or EXIT_NOMATCH with err saying
 * which names exist, or listing the candidates when WHICH is ambiguous. */
int cli_select(const struct doc *d, const char *which, struct cli_selection *sel, struct fy_err *err);

void cli_selection_free(struct cli_selection *sel);

/* Append the --check report for `d`; returns the number of sections found. */
size_t cli_check(struct buf *out, const struct doc *d);

#endif
