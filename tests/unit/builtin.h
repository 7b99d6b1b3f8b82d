/* builtin.h: a cmocka group fixture for the unit tests that run on the
 * built-in article: *state is a struct doc holding it. */
#ifndef FAYAN_TEST_BUILTIN_H
#define FAYAN_TEST_BUILTIN_H

#include <stdlib.h>

#include "fayan/doc.h"
#include "fayan/util.h"

/* Group setup: a doc with the built-in article in *state. */
static inline int builtin_setup(void **state)
{
	struct doc *d = xmalloc(sizeof *d);

	doc_init(d);
	doc_add_builtin(d);
	*state = d;
	return 0;
}

/* Group teardown: free what builtin_setup made. */
static inline int builtin_teardown(void **state)
{
	doc_free(*state);
	free(*state);
	return 0;
}

#endif
