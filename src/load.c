/* load.c: the queue of inputs the browser reads after its first screen. */
#include <stdlib.h>
#include <string.h>

#include "fayan/load.h"
#include "fayan/util.h"

void load_init(struct load_queue *q, const struct doc_opts *opts)
{
	memset(q, 0, sizeof *q);
	if (opts)
		q->opts = *opts;
}

void load_free(struct load_queue *q)
{
	for (size_t i = 0; i < q->nerrors; i++)
		free(q->errors[i]);
	free(q->errors);
	free(q->paths);
	memset(q, 0, sizeof *q);
}

void load_defer(struct load_queue *q, const char *path)
{
	q->paths = xgrow(q->paths, &q->cap, q->n + 1, sizeof *q->paths);
	q->paths[q->n++] = path;
}

bool load_pending(const struct load_queue *q)
{
	return q && q->next < q->n;
}

static void add_error(struct load_queue *q, char *msg)
{
	q->errors = xrealloc(q->errors, (q->nerrors + 1) * sizeof *q->errors);
	q->errors[q->nerrors++] = msg;
}

int load_next(struct load_queue *q, struct doc *d)
{
	struct fy_err err = {0};

	if (!load_pending(q))
		return 0;
	if (doc_add_file(d, q->paths[q->next++], &q->opts, &err) == 0)
		return 1;
	add_error(q, xstrdup(err.msg));
	return -1;
}

size_t load_slice(struct load_queue *q, struct doc *d, long ms)
{
	struct timespec t0, t;
	size_t added = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (load_next(q, d) == 1)
			added++;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (load_pending(q) && util_ms_between(&t0, &t) < ms);
	return added;
}

int load_percent(const struct load_queue *q)
{
	if (!q || q->n == 0)
		return 100;
	return (int)(q->next * 100 / q->n);
}
