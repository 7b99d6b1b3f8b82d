/* themes.c: the themes file. A file is applied to a copy of the current themes
 * and swapped in only when it parsed without error, so a typo in the user's
 * file never leaves half of it applied. Problems that lose nothing (a term
 * repeated, a theme defined twice in one file) are warnings, not errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fayan/i18n.h"
#include "fayan/search.h"
#include "fayan/text.h"
#include "fayan/themes.h"
#include "fayan/util.h"

extern const char fayan_themes_data[], fayan_themes_end[];

void themes_init(struct themes *t)
{
	memset(t, 0, sizeof(*t));
}

/* Free one theme's strings. */
static void theme_clear(struct theme *th)
{
	for (size_t i = 0; i < th->nterms; i++)
		free(th->terms[i]);
	free(th->terms);
	free(th->name);
	free(th->origin);
	memset(th, 0, sizeof(*th));
}

void themes_free(struct themes *t)
{
	for (size_t i = 0; i < t->n; i++)
		theme_clear(&t->v[i]);
	free(t->v);
	for (size_t i = 0; i < t->nwarnings; i++)
		free(t->warnings[i]);
	free(t->warnings);
	themes_init(t);
}

/* State while one file is applied. */
struct parse {
	struct theme *v; /* the working copy */
	size_t n, cap;
	size_t *line;    /* line in this file where v[i] was defined, 0 if not here */
	char **warn;
	size_t nwarn, warncap;
	const char *name;
	size_t lineno;
};

/* Add a warning "FILE:LINE: MESSAGE". */
__attribute__((format(printf, 2, 3)))
static void warn(struct parse *p, const char *fmt, ...)
{
	struct buf b;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	buf_init(&b);
	buf_printf(&b, "%s:%zu: %s", p->name, p->lineno, msg);
	if (p->nwarn == p->warncap)
		p->warn = xgrow(p->warn, &p->warncap, p->nwarn + 1, sizeof(*p->warn));
	p->warn[p->nwarn++] = buf_take(&b, NULL);
}

/* Index of the theme named name[0..len), or -1. */
static ssize_t find_theme(const struct parse *p, const char *name, size_t len)
{
	for (size_t i = 0; i < p->n; i++)
		if (strlen(p->v[i].name) == len && memcmp(p->v[i].name, name, len) == 0)
			return (ssize_t)i;
	return -1;
}

/* Length of the separator at s[0..len) (space, tab, U+3000, 、 , ，), or 0. */
static size_t sep_len(const char *s, size_t len)
{
	if (s[0] == ' ' || s[0] == '\t' || s[0] == ',')
		return 1;
	if (len >= 3 && (memcmp(s, "\xE3\x80\x80", 3) == 0 || memcmp(s, "、", 3) == 0 ||
			 memcmp(s, "，", 3) == 0))
		return 3;
	return 0;
}

/* Trim spaces, tabs and U+3000 from both ends of s[*off, *end). */
static void trim(const char *s, size_t *off, size_t *end)
{
	for (;;) {
		if (*off < *end && (s[*off] == ' ' || s[*off] == '\t'))
			(*off)++;
		else if (*end - *off >= 3 && memcmp(s + *off, "\xE3\x80\x80", 3) == 0)
			*off += 3;
		else
			break;
	}
	for (;;) {
		if (*end > *off && (s[*end - 1] == ' ' || s[*end - 1] == '\t'))
			(*end)--;
		else if (*end - *off >= 3 && memcmp(s + *end - 3, "\xE3\x80\x80", 3) == 0)
			*end -= 3;
		else
			break;
	}
}

/* Slots of add_terms' table of a theme's terms: over twice THEMES_MAX_TERMS. */
#define TERM_SLOTS 1024
_Static_assert(TERM_SLOTS >= 2 * THEMES_MAX_TERMS, "the terms table has room for every term");

/* The slot of term t[0..n) in `slot` (term indexes + 1, 0 = empty) of theme
 * th: where it is, or the empty slot where it would go. */
static size_t term_slot(const uint16_t *slot, const struct theme *th, const char *t, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)t[i]) * 16777619u;
	for (h %= TERM_SLOTS;; h = (h + 1) % TERM_SLOTS) {
		const char *x = slot[h] ? th->terms[slot[h] - 1] : NULL;

		if (!x || (strncmp(x, t, n) == 0 && x[n] == '\0'))
			return h;
	}
}

/* Add the terms in s[0..len) to theme th. Returns 0 or -1 with err filled.
 * Repeats are found through a table of the theme's terms, made anew for
 * each line: comparing each term with all before it cost 500 x 500
 * comparisons a theme, seconds for a file of a thousand. */
static int add_terms(struct parse *p, struct theme *th, const char *s, size_t len, struct fy_err *err)
{
	size_t off = 0;
	uint16_t slot[TERM_SLOTS] = {0};

	for (size_t i = 0; i < th->nterms; i++)
		slot[term_slot(slot, th, th->terms[i], strlen(th->terms[i]))] = (uint16_t)(i + 1);
	while (off < len) {
		size_t k, start, at;

		while (off < len && (k = sep_len(s + off, len - off)) > 0)
			off += k;
		start = off;
		while (off < len && sep_len(s + off, len - off) == 0)
			off++;
		if (off == start)
			break;
		if (off - start > THEMES_TERM_MAX)
			return err_set(err, _("%s:%zu: term longer than %d bytes"), p->name, p->lineno,
				       THEMES_TERM_MAX);
		at = term_slot(slot, th, s + start, off - start);
		if (slot[at]) {
			char *term = xstrndup(s + start, off - start);

			warn(p, _("term '%s' repeated; kept once"), term);
			free(term);
			continue;
		}
		if (th->nterms == THEMES_MAX_TERMS)
			return err_set(err, _("%s:%zu: more than %d terms in theme '%s'"), p->name,
				       p->lineno, THEMES_MAX_TERMS, th->name);
		th->terms = xrealloc(th->terms, (th->nterms + 1) * sizeof(*th->terms));
		th->terms[th->nterms++] = xstrndup(s + start, off - start);
		slot[at] = (uint16_t)th->nterms;
	}
	return 0;
}

/* Set a theme's origin to "FILE:LINE". */
static void set_origin(struct parse *p, struct theme *th)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s:%zu", p->name, p->lineno);
	free(th->origin);
	th->origin = buf_take(&b, NULL);
}

/* Apply one line s[0..len) (no LF). Returns 0 or -1 with err filled. */
static int parse_line(struct parse *p, const char *s, size_t len, struct fy_err *err)
{
	size_t off = 0, end = len, colon, after = 0;
	bool extend = false;
	ssize_t i;

	for (size_t k = 0; k < len; k++)
		if (s[k] != '\t' && text_control_len(s + k, len - k))
			return err_set(err, _("%s:%zu: control character (byte %zu of the line)"), p->name,
				       p->lineno, k + 1);
	trim(s, &off, &end);
	if (off == end || s[off] == '#')
		return 0;
	if (s[off] == '-') {
		off++;
		trim(s, &off, &end);
		if (off == end)
			return err_set(err, _("%s:%zu: expected a theme name after '-'"), p->name, p->lineno);
		i = find_theme(p, s + off, end - off);
		if (i < 0) {
			char *name = xstrndup(s + off, end - off);

			warn(p, _("no theme '%s' to remove"), name);
			free(name);
			return 0;
		}
		theme_clear(&p->v[i]);
		memmove(&p->v[i], &p->v[i + 1], (p->n - (size_t)i - 1) * sizeof(*p->v));
		memmove(&p->line[i], &p->line[i + 1], (p->n - (size_t)i - 1) * sizeof(*p->line));
		p->n--;
		return 0;
	}
	for (colon = off; colon < end; colon++) {
		if (s[colon] == ':') {
			after = colon + 1;
			break;
		}
		if (end - colon >= 3 && memcmp(s + colon, "：", 3) == 0) {
			after = colon + 3;
			break;
		}
		if (end - colon >= 2 && memcmp(s + colon, "+=", 2) == 0) {
			after = colon + 2;
			extend = true;
			break;
		}
	}
	if (colon == end)
		return err_set(err, _("%s:%zu: expected 'NAME: TERM TERM ...'"), p->name, p->lineno);
	size_t name_end = colon;

	trim(s, &off, &name_end);
	if (off == name_end)
		return err_set(err, _("%s:%zu: theme name missing before '%s'"), p->name, p->lineno,
			       extend ? "+=" : ":");
	if (name_end - off > THEMES_NAME_MAX)
		return err_set(err, _("%s:%zu: theme name longer than %d bytes"), p->name, p->lineno,
			       THEMES_NAME_MAX);
	/* A TAB would reach the screen and the TSV of --themes inside the name. */
	if (memchr(s + off, '\t', name_end - off))
		return err_set(err, _("%s:%zu: TAB inside a theme name"), p->name, p->lineno);
	i = find_theme(p, s + off, name_end - off);
	if (i >= 0 && !extend && p->line[i] == 0) {
		/* Defined by an earlier file: this definition replaces it. */
		for (size_t k = 0; k < p->v[i].nterms; k++)
			free(p->v[i].terms[k]);
		p->v[i].nterms = 0;
	} else if (i >= 0 && !extend) {
		warn(p, _("theme '%s' also defined at line %zu; terms merged"), p->v[i].name, p->line[i]);
	} else if (i < 0) {
		if (p->n == THEMES_MAX)
			return err_set(err, _("%s:%zu: more than %d themes"), p->name, p->lineno, THEMES_MAX);
		p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
		p->line = xrealloc(p->line, p->cap * sizeof(*p->line));
		i = (ssize_t)p->n++;
		memset(&p->v[i], 0, sizeof(p->v[i]));
		p->v[i].name = xstrndup(s + off, name_end - off);
		p->line[i] = 0;
	}
	if (p->line[i] == 0) {
		p->line[i] = p->lineno;
		set_origin(p, &p->v[i]);
	}
	if (add_terms(p, &p->v[i], s + after, end - after, err) < 0)
		return -1;
	if (p->v[i].nterms == 0)
		return err_set(err, _("%s:%zu: theme '%s' has no terms"), p->name, p->lineno, p->v[i].name);
	return 0;
}

/* Copy theme src into dst. */
static void theme_copy(struct theme *dst, const struct theme *src)
{
	dst->name = xstrdup(src->name);
	dst->origin = src->origin ? xstrdup(src->origin) : NULL;
	dst->nterms = src->nterms;
	dst->terms = xmalloc((src->nterms ? src->nterms : 1) * sizeof(*dst->terms));
	for (size_t i = 0; i < src->nterms; i++)
		dst->terms[i] = xstrdup(src->terms[i]);
}

int themes_parse(struct themes *t, const char *name, const char *data, size_t len, struct fy_err *err)
{
	struct parse p;
	size_t off = 0, bad;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.name = name;
	bad = text_check_utf8(data, len);
	if (bad < len) {
		size_t line = 1;

		for (size_t k = 0; k < bad; k++)
			line += data[k] == '\n';
		return err_set(err, _("%s:%zu: invalid UTF-8 (byte %zu)"), name, line, bad);
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	p.cap = t->n;
	p.n = t->n;
	p.v = xcalloc(p.cap ? p.cap : 1, sizeof(*p.v));
	p.line = xcalloc(p.cap ? p.cap : 1, sizeof(*p.line));
	for (size_t i = 0; i < t->n; i++)
		theme_copy(&p.v[i], &t->v[i]);
	while (off < len && rc == 0) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t end = nl ? (size_t)(nl - data) : len, n = end - off;

		p.lineno++;
		if (n > 0 && data[off + n - 1] == '\r')
			n--;
		if (n > THEMES_LINE_MAX)
			rc = err_set(err, _("%s:%zu: line longer than %d bytes"), name, p.lineno,
				     THEMES_LINE_MAX);
		else
			rc = parse_line(&p, data + off, n, err);
		off = end + 1;
	}
	if (rc == 0) {
		/* Swap in the working copy; keep earlier warnings. */
		for (size_t i = 0; i < t->n; i++)
			theme_clear(&t->v[i]);
		free(t->v);
		t->v = p.v;
		t->n = p.n;
		t->warnings = xrealloc(t->warnings, (t->nwarnings + p.nwarn + 1) * sizeof(*t->warnings));
		if (p.nwarn)
			memcpy(t->warnings + t->nwarnings, p.warn, p.nwarn * sizeof(*p.warn));
		t->nwarnings += p.nwarn;
		free(p.warn);
	} else {
		for (size_t i = 0; i < p.n; i++)
			theme_clear(&p.v[i]);
		free(p.v);
		for (size_t i = 0; i < p.nwarn; i++)
			free(p.warn[i]);
		free(p.warn);
	}
	free(p.line);
	return rc;
}

void themes_load_builtin(struct themes *t)
{
	struct fy_err err = { 0 };

	/* The unit tests parse the same bytes, so this cannot fail in a release. */
	if (themes_parse(t, "(built-in)", fayan_themes_data, (size_t)(fayan_themes_end - fayan_themes_data),
			 &err) < 0)
		fatal(EXIT_TROUBLE, "%s", err.msg);
}

char *themes_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct buf b;

	buf_init(&b);
	if (xdg && xdg[0] == '/')
		buf_printf(&b, "%s/fayan/themes", xdg);
	else if (home && home[0])
		buf_printf(&b, "%s/.config/fayan/themes", home);
	else
		return NULL;
	return buf_take(&b, NULL);
}

/* A FIFO or a device where the themes file should be would block the
 * open or the reads, or never end: it is opened without blocking and read
 * only if it is a regular file (a link to one is fine). */
int themes_load_file(struct themes *t, const char *path, struct fy_err *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	struct buf b;
	char chunk[8192];
	ssize_t n;
	int rc;

	if (fd < 0)
		return errno == ENOENT ? 0 : err_set(err, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		rc = err_set(err, "%s: %s", path, S_ISREG(st.st_mode) ? strerror(errno) : _("not a regular file"));
		close(fd);
		return rc;
	}
	buf_init(&b);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = err_set(err, "%s: %s", path, strerror(errno));
			close(fd);
			buf_free(&b);
			return rc;
		}
		buf_add(&b, chunk, (size_t)n);
		if (b.len > (size_t)THEMES_MAX * THEMES_LINE_MAX) {
			close(fd);
			buf_free(&b);
			return err_set(err, _("%s: file too large"), path);
		}
	}
	close(fd);
	rc = themes_parse(t, path, b.data ? b.data : "", b.len, err);
	buf_free(&b);
	return rc;
}

int themes_load(struct themes *t, struct fy_err *err)
{
	char *path = themes_user_path();
	int rc = 0;

	themes_load_builtin(t);
	if (path)
		rc = themes_load_file(t, path, err);
	free(path);
	return rc;
}

const struct theme *themes_find(const struct themes *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	return NULL;
}

size_t themes_pick(const struct themes *t, const char *query, size_t *idx, size_t max)
{
	struct search *s = search_compile(query, strlen(query));
	struct search_hits h;
	const struct theme *exact = themes_find(t, query);
	size_t count = 0;

	search_hits_init(&h);
	if (exact) {
		if (max > 0)
			idx[0] = (size_t)(exact - t->v);
		count = 1;
	}
	for (size_t i = 0; i < t->n; i++) {
		if (&t->v[i] == exact)
			continue;
		if (s && search_para(s, t->v[i].name, strlen(t->v[i].name), &h) == 0)
			continue;
		if (count < max)
			idx[count] = i;
		count++;
	}
	search_hits_free(&h);
	search_free(s);
	return count;
}

int themes_resolve(const struct themes *t, const char *name, const struct theme **out, struct fy_err *err)
{
	size_t idx[16], n;
	struct buf b;

	*out = themes_find(t, name);
	if (*out)
		return 0;
	n = themes_pick(t, name, idx, 16);
	if (n == 1) {
		*out = &t->v[idx[0]];
		return 0;
	}
	buf_init(&b);
	if (n == 0) {
		for (size_t i = 0; i < t->n; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", t->v[i].name);
		err->code = EXIT_TROUBLE;
		err_set(err, _("no theme '%s'; themes: %s"), name, b.data ? b.data : _("none"));
	} else {
		for (size_t i = 0; i < n && i < 16; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", t->v[idx[i]].name);
		err->code = EXIT_NOMATCH;
		err_set(err, _("theme '%s' is ambiguous: %s"), name, b.data);
	}
	buf_free(&b);
	return err->code;
}

struct search *theme_search(const struct theme *th)
{
	return search_compile_terms((const char *const *)th->terms, th->nterms);
}
