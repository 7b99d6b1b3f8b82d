/* widen.h: the text a test expects to see shown with --punct=cjk. */
#ifndef FAYAN_TEST_WIDEN_H
#define FAYAN_TEST_WIDEN_H

#include <stdlib.h>
#include <string.h>

#include "fayan/punct.h"
#include "fayan/util.h"

/* The widened form of s, as a malloc'd string. */
static inline char *widen(const char *s)
{
	size_t n;
	uint32_t *map;
	char *w = punct_widen(s, strlen(s), &n, &map);

	if (!w)
		return xstrdup(s);
	free(map);
	return w;
}

#endif
