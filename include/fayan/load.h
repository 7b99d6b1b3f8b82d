/* load.h: inputs read after the browser has drawn its first screen. A large
 * archive (thousands of files) is opened by reading the first files, drawing,
 * and reading the rest in order, a file at a time, between key presses.
 * Sections keep their numbers, since files are appended in the order given. */
#ifndef FAYAN_LOAD_H
#define FAYAN_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/doc.h"

struct load_queue {
	const char **paths; /* inputs not read yet, in order (not owned: argv) */
	size_t n, next;     /* paths[next..n) are still to read */
	size_t cap;
	struct doc_opts opts;
	char **errors;      /* one line per input that could not be read, "FILE: why" */
	size_t nerrors;
};

void load_init(struct load_queue *q, const struct doc_opts *opts);
void load_free(struct load_queue *q);

/* Queue `path` to be read after those already queued. */
void load_defer(struct load_queue *q, const char *path);

/* Whether inputs remain to be read. */
bool load_pending(const struct load_queue *q);

/* Read and parse the next input into d. Returns 1 when it was added, 0 when
 * nothing was left, -1 when it could not be read or parsed: the reason is
 * kept in q->errors and the input is skipped. */
int load_next(struct load_queue *q, struct doc *d);

/* Read inputs for about `ms` milliseconds (at least one, if any is left),
 * with the queue's doc_opts (the browser's ask for doc_opts.folds, so that
 * the first theme or search does not pay for it): the browser's reading
 * between key presses, in time nobody waits for. Returns how many inputs
 * were added. */
size_t load_slice(struct load_queue *q, struct doc *d, long ms);

/* How far the queue is, in percent of its inputs (0-100). */
int load_percent(const struct load_queue *q);

#endif
