/* select.c: the rules for naming sections on the command line (--print
 * WHICH), kept apart from main so that they are unit-tested without running
 * fayan. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/i18n.h"
#include "fayan/search.h"
#include "fayan/select.h"

/* Parse a positive decimal number; returns 0 if `s` is not one. */
static size_t parse_number(const char *s)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	/* 0 and numbers too large are numbers of no section. */
	if (*end || errno || v == 0)
		return (size_t)-1;
	return (size_t)v;
}

static void add(struct selection *sel, size_t *cap, struct section *s)
{
	sel->secs = xgrow(sel->secs, cap, sel->n + 1, sizeof *sel->secs);
	sel->secs[sel->n++] = s;
}

/* Append "name (place)" for each section, comma-separated, to `b`. */
static void add_names(struct buf *b, struct section *const *secs, size_t n, bool with_place)
{
	for (size_t i = 0; i < n; i++) {
		const struct speaker *sp = &secs[i]->speaker;

		if (i)
			buf_adds(b, ", ");
		if (with_place)
			buf_printf(b, "%zu %s (%s%s)", secs[i]->number, sp->name, sp->place, sp->title);
		else
			buf_adds(b, *sp->name ? sp->name : sp->byline);
	}
}

int select_which(const struct doc *d, const char *which, struct selection *sel, struct fy_err *err)
{
	size_t cap = 0, num;

	memset(sel, 0, sizeof *sel);
	if (!strcmp(which, "intro")) {
		sel->intro = true;
		return 0;
	}
	if (!strcmp(which, "all")) {
		for (size_t i = 0; i < d->nsections; i++)
			add(sel, &cap, d->sections[i]);
		return 0;
	}
	num = parse_number(which);
	if (num) {
		if (num <= d->nsections) {
			add(sel, &cap, d->sections[num - 1]);
			return 0;
		}
		err->code = EXIT_NOMATCH;
		if (d->nsections)
			err_set(err, _("no section %s: sections are numbered 1 to %zu"), which, d->nsections);
		else
			err_set(err, _("no section %s: the input has no sections"), which);
		return EXIT_NOMATCH;
	}
	/* An exact name wins; otherwise any part of the byline. */
	for (size_t i = 0; i < d->nsections; i++)
		if (!strcmp(d->sections[i]->speaker.name, which))
			add(sel, &cap, d->sections[i]);
	if (!sel->n && *which)
		for (size_t i = 0; i < d->nsections; i++)
			if (strstr(d->sections[i]->speaker.byline, which))
				add(sel, &cap, d->sections[i]);
	if (!sel->n && *which) {
		/* A name typed as pinyin, full or initials: "madongliang", "mdl". */
		struct search *q = search_compile(which, strlen(which));

		if (q && search_uses_pinyin(q)) {
			for (size_t i = 0; i < d->nsections; i++) {
				const char *name = d->sections[i]->speaker.name;

				if (search_any(q, name, strlen(name)))
					add(sel, &cap, d->sections[i]);
			}
			bool by_name = sel->n > 0;

			for (size_t i = 0; !by_name && i < d->nsections; i++) {
				const char *by = d->sections[i]->speaker.byline;

				if (search_any(q, by, strlen(by)))
					add(sel, &cap, d->sections[i]);
			}
		}
		search_free(q);
	}
	if (sel->n == 1)
		return 0;

	struct buf b;

	buf_init(&b);
	err->code = EXIT_NOMATCH;
	if (sel->n > 1) {
		add_names(&b, sel->secs, sel->n, true);
		err_set(err, _("'%s' is ambiguous: %s"), which, b.data);
	} else if (d->nsections) {
		add_names(&b, d->sections, d->nsections, false);
		err_set(err, _("no section matches '%s'; speakers: %s"), which, b.data);
	} else {
		err_set(err, _("no section matches '%s': the input has no sections"), which);
	}
	buf_free(&b);
	select_free(sel);
	return EXIT_NOMATCH;
}

void select_free(struct selection *sel)
{
	free(sel->secs);
	memset(sel, 0, sizeof *sel);
}
