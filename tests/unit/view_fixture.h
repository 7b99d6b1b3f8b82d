/* view_fixture.h: a cmocka fixture for the unit tests of the browser's
 * state: the built-in article and a 100x30 view of it. */
#ifndef FAYAN_TEST_VIEW_FIXTURE_H
#define FAYAN_TEST_VIEW_FIXTURE_H

#include <stdlib.h>

#include "fayan/doc.h"
#include "fayan/util.h"
#include "fayan/view.h"

struct fixture {
	struct doc d;
	struct view v;
};

/* Setup: the built-in article and a view of it, in *state. */
static inline int view_fixture_setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);

	doc_init(&fx->d);
	doc_add_builtin(&fx->d);
	view_init(&fx->v, &fx->d, NULL, 100, 30);
	*state = fx;
	return 0;
}

/* Teardown: free what view_fixture_setup made. */
static inline int view_fixture_teardown(void **state)
{
	struct fixture *fx = *state;

	view_free(&fx->v);
	doc_free(&fx->d);
	free(fx);
	return 0;
}

#endif
