/* select.h: which sections `--print WHICH` names in a collection, and the
 * messages that say why none or several were chosen. No I/O of its own. */
#ifndef FAYAN_SELECT_H
#define FAYAN_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/doc.h"
#include "fayan/util.h"

/* What --print WHICH named. */
struct selection {
	bool intro;               /* `intro`: the intro of every article */
	struct section **secs;    /* the chosen sections, in order (owned array) */
	size_t n;
};

/* Resolve WHICH (a number, `all`, `intro`, a speaker's name, a place or any
 * part of a byline, or a name typed as pinyin: "mdl") against `d`. Returns 0,
 * or EXIT_NOMATCH with err saying which names exist, or listing the candidates
 * when WHICH is ambiguous. */
int select_which(const struct doc *d, const char *which, struct selection *sel, struct fy_err *err);

/* Free what select_which chose and empty sel. */
void select_free(struct selection *sel);

#endif
