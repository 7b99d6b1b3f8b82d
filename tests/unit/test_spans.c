/* Tests of spans.c on the built-in article: for every line of every section
 * at several widths, the marks the spans give each byte are those of looking
 * at every hit of the section for that byte, overlapping theme and search
 * hits included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fayan/doc.h"
#include "fayan/filter.h"
#include "fayan/layout.h"
#include "fayan/spans.h"
#include "fayan/themes.h"

/* The mark of byte j of line l: every hit of fs looked at. */
static unsigned mark_by_hand(const struct layout_line *l, const struct filter_section *fs, size_t j, size_t cur)
{
	static const enum section_field where_of[] = {
		[LAYOUT_TOPIC] = FIELD_TOPIC,
		[LAYOUT_HEADLINE] = FIELD_HEADLINE,
		[LAYOUT_BYLINE] = FIELD_BYLINE,
		[LAYOUT_PARA] = FIELD_PARA,
	};
	unsigned m = 0;

	if (l->kind == LAYOUT_BLANK)
		return 0;
	for (size_t k = 0; k < fs->nhits; k++) {
		const struct filter_hit *h = &fs->hits[k];
		size_t at = l->off + j;

		if (h->where != where_of[l->kind] || (h->where == FIELD_PARA && h->para != l->para))
			continue;
		if (at >= h->off && at < h->off + h->len && m < (k == cur ? 2u : 1u))
			m = k == cur ? 2 : 1;
	}
	return m;
}

static void check(const struct doc *d, const char *theme, const char *query)
{
	static const int widths[] = {4, 13, 20, 37, 72, 0};
	struct themes t;
	struct search *ts = NULL, *s = query ? search_compile(query, strlen(query)) : NULL;
	struct filter f;
	size_t marked = 0;

	themes_init(&t);
	themes_load_builtin(&t);
	if (theme)
		ts = theme_search(themes_find(&t, theme));
	filter_init(&f);
	filter_run(&f, d, ts, s);
	for (size_t i = 0; i < f.n; i++) {
		const struct filter_section *fs = &f.v[i];

		for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
			struct layout lo;
			struct spans sp = {0};
			size_t cur = fs->nhits ? fs->nhits / 2 : SIZE_MAX;

			layout_section(&lo, d->sections[i], widths[w]);
			spans_build(&sp, &lo, fs);
			for (size_t li = 0; li < lo.nlines; li++) {
				size_t n;
				const struct span *v = spans_of_line(&sp, li, &n);

				for (size_t j = 0; j < lo.lines[li].len; j++) {
					unsigned want = mark_by_hand(&lo.lines[li], fs, j, cur);
					unsigned got = n ? spans_mark(v, n, j, cur) : 0;

					if (want != got)
						fail_msg("section %zu width %d line %zu byte %zu: mark %u, not %u", i + 1,
							 widths[w], li, j, got, want);
					marked += want != 0;
				}
			}
			spans_free(&sp);
			layout_free(&lo);
		}
	}
	assert_true(marked > 0);
	filter_free(&f);
	search_free(ts);
	search_free(s);
	themes_free(&t);
}

static void test_spans_match_the_hits(void **state)
{
	struct doc d;

	(void)state;
	doc_init(&d);
	doc_add_builtin(&d);
	check(&d, NULL, "yqfk");
	check(&d, NULL, "马东亮");
	check(&d, "疫情防控", NULL);
	check(&d, "党建引领", "党建");
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spans_match_the_hits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
