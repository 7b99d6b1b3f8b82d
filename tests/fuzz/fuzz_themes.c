/* fuzz_themes.c: the themes-file reader. The input is a themes file, applied
 * over the built-in themes (when the first byte is odd) or over none, then
 * applied a second time. Properties: a file that fails leaves the themes
 * exactly as they were and explains itself in one clean line naming the file
 * and line; one that parses keeps every limit and gives names and terms that
 * are valid UTF-8 without controls or separators; applying it again changes
 * nothing; and picking and compiling every theme works. */
#include <string.h>

#include "fayan/fold.h"
#include "fayan/search.h"
#include "fayan/text.h"
#include "fayan/themes.h"
#include "fayan/util.h"
#include "fuzz.h"

/* A string shown to the user: valid UTF-8, no control, at most max bytes, not
 * empty. A theme's name may hold a TAB between words ("a\tb: ..."): themes.c
 * keeps it, so whoever draws a name must expand it (text_sanitize does). */
static void check_shown(const char *s, size_t max, int allow_tab)
{
	size_t len = strlen(s);
	char *copy = xstrdup(s);

	FUZZ_ASSERT(len > 0 && len <= max);
	FUZZ_ASSERT(text_check_utf8(s, len) == len);
	for (char *p = copy; allow_tab && (p = strchr(p, '\t')) != NULL;)
		*p = ' ';
	FUZZ_ASSERT(!text_has_controls(copy, len) && !fuzz_has_control(copy, len));
	free(copy);
}

/* Whether two sets of themes hold the same names and terms, terms in the same
 * order; `ordered` also asks for the themes in the same order. */
static int same_themes(const struct themes *a, const struct themes *b, int ordered)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct theme *x = &a->v[i];
		const struct theme *y = ordered ? &b->v[i] : themes_find(b, x->name);

		if (!y || strcmp(x->name, y->name) || x->nterms != y->nterms)
			return 0;
		for (size_t k = 0; k < x->nterms; k++)
			if (strcmp(x->terms[k], y->terms[k]))
				return 0;
	}
	return 1;
}

static void copy_themes(struct themes *dst, const struct themes *src)
{
	themes_init(dst);
	dst->n = src->n;
	dst->v = xcalloc(src->n ? src->n : 1, sizeof *dst->v);
	for (size_t i = 0; i < src->n; i++) {
		dst->v[i].name = xstrdup(src->v[i].name);
		dst->v[i].nterms = src->v[i].nterms;
		dst->v[i].terms = xcalloc(src->v[i].nterms ? src->v[i].nterms : 1, sizeof(char *));
		for (size_t k = 0; k < src->v[i].nterms; k++)
			dst->v[i].terms[k] = xstrdup(src->v[i].terms[k]);
	}
}

static void check_themes(const struct themes *t)
{
	FUZZ_ASSERT(t->n <= THEMES_MAX);
	for (size_t i = 0; i < t->n; i++) {
		const struct theme *th = &t->v[i];

		check_shown(th->name, THEMES_NAME_MAX, 1);
		FUZZ_ASSERT(th->nterms >= 1 && th->nterms <= THEMES_MAX_TERMS);
		FUZZ_ASSERT(themes_find(t, th->name) == th);
		for (size_t k = 0; k < th->nterms; k++) {
			const char *term = th->terms[k];

			check_shown(term, THEMES_TERM_MAX, 0);
			FUZZ_ASSERT(!strpbrk(term, " \t,") && !strstr(term, "\xE3\x80\x80") &&
				    !strstr(term, "、") && !strstr(term, "，"));
			for (size_t j = 0; j < k; j++)
				FUZZ_ASSERT(strcmp(th->terms[j], term) != 0);
		}
		if (th->origin)
			FUZZ_ASSERT(!fuzz_has_control(th->origin, strlen(th->origin)));
	}
	for (size_t i = 0; i < t->nwarnings; i++)
		check_shown(t->warnings[i], 4096, 1);
}

/* The error of a file that failed: one line naming the file (a TAB may come
 * from a theme's name, as in check_shown). */
static void check_error(const struct fy_err *err)
{
	size_t len = strlen(err->msg);

	FUZZ_ASSERT(strncmp(err->msg, "themes:", 7) == 0);
	FUZZ_ASSERT(len > 0 && !strchr(err->msg, '\n'));
	check_shown(err->msg, sizeof err->msg, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct themes t, before, once;
	struct fy_err err;
	int builtin = size > 0 && (data[0] & 1);

	themes_init(&t);
	if (builtin)
		themes_load_builtin(&t);
	copy_themes(&before, &t);
	memset(&err, 0, sizeof err);
	if (themes_parse(&t, "themes", (const char *)data, size, &err) != 0) {
		check_error(&err);
		FUZZ_ASSERT(same_themes(&t, &before, 1));
		goto out;
	}
	check_themes(&t);

	/* Applying the same file again changes nothing but, where the file removes
	 * and then defines a theme ("-A" ... "A += x"), the order of themes. */
	copy_themes(&once, &t);
	memset(&err, 0, sizeof err);
	FUZZ_ASSERT(themes_parse(&t, "themes", (const char *)data, size, &err) == 0);
	FUZZ_ASSERT(same_themes(&t, &once, 0));
	themes_free(&once);

	/* Picking by a theme's own name finds it first; every theme compiles. */
	for (size_t i = 0; i < t.n && i < 50; i++) {
		size_t idx[4];
		struct search *s;

		FUZZ_ASSERT(themes_pick(&t, t.v[i].name, idx, 4) >= 1 && idx[0] == i);
		s = theme_search(&t.v[i]);
		if (s) {
			/* A theme finds its own first term, unless that folds to spaces
			 * only (U+2001 EM QUAD is one), which search ignores. */
			const char *term = t.v[i].terms[0];
			size_t flen;
			char *folded = fold_string(term, strlen(term), &flen);

			if (strspn(folded, " ") < flen)
				FUZZ_ASSERT(search_any(s, term, strlen(term)));
			free(folded);
			search_free(s);
		}
	}
	FUZZ_ASSERT(themes_pick(&t, "", NULL, 0) == t.n);
out:
	themes_free(&before);
	themes_free(&t);
	return 0;
}
