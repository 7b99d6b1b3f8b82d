/* util.c: allocation that never returns NULL, growable buffers and error reports.
 * Out of memory is fatal in one place so that the terminal is restored first. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fayan/i18n.h"
#include "fayan/util.h"

static void (*fatal_hook)(void);

long util_ms_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

unsigned util_cpus(unsigned max)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (cpus < 1)
		return 1;
	return (unsigned long)cpus < max ? (unsigned)cpus : max;
}

bool util_avx2(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
	static _Atomic int known = -1; /* not asked yet */
	int k = known;

	if (k < 0) {
		__builtin_cpu_init();
		k = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
		known = k;
	}
	return k;
#else
	return false;
#endif
}

void util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

_Noreturn void fatal(int code, const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook)
		fatal_hook();
	fputs("fayan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		fatal(EXIT_TROUBLE, _("out of memory"));
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		fatal(EXIT_TROUBLE, _("out of memory"));
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fatal(EXIT_TROUBLE, _("out of memory"));
	return p;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > (size_t)-1 / 2)
			fatal(EXIT_TROUBLE, _("out of memory"));
		c *= 2;
	}
	if (size && c > (size_t)-1 / size)
		fatal(EXIT_TROUBLE, _("out of memory"));
	*cap = c;
	return xrealloc(p, c * size);
}

char *xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->drain = NULL;
}

/* Hand the bytes to the buffer's drain once there are enough of them. */
static void drain_full(struct buf *b)
{
	if (b->drain && b->len >= BUF_DRAIN_BYTES)
		b->drain(b);
}

void buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_add(struct buf *b, const char *s, size_t len)
{
	b->data = xgrow(b->data, &b->cap, b->len + len + 1, 1);
	if (len)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
	drain_full(b);
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	va_list aq;
	int n;

	/* Formatted once where it fits, which it nearly always does. */
	va_copy(aq, ap);
	n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, aq);
	va_end(aq);
	if (n < 0) {
		if (room)
			b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		b->data = xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
	drain_full(b);
}

char *util_put_decimal(char *p, size_t v, int width)
{
	char d[24];
	int n = 0;

	do
		d[sizeof d - 1 - n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < (int)sizeof d);
	if (width > n) {
		memset(p, ' ', (size_t)(width - n));
		p += width - n;
	}
	memcpy(p, d + sizeof d - n, (size_t)n);
	return p + n;
}

void buf_addu(struct buf *b, size_t v, int width)
{
	char *p = buf_reserve(b, (size_t)(width > 0 ? width : 0) + 24);

	buf_commit(b, (size_t)(util_put_decimal(p, v, width) - p));
}

void buf_spaces(struct buf *b, int n)
{
	if (n <= 0)
		return;
	b->data = xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
	memset(b->data + b->len, ' ', (size_t)n);
	b->len += (size_t)n;
	b->data[b->len] = '\0';
	drain_full(b);
}

char *buf_reserve(struct buf *b, size_t n)
{
	b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
	return b->data + b->len;
}

void buf_commit(struct buf *b, size_t n)
{
	b->len += n;
	b->data[b->len] = '\0';
	drain_full(b);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_base64(struct buf *b, const void *data, size_t len)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	char q[4];

	for (; len >= 3; p += 3, len -= 3) {
		q[0] = digits[p[0] >> 2];
		q[1] = digits[(p[0] & 3) << 4 | p[1] >> 4];
		q[2] = digits[(p[1] & 15) << 2 | p[2] >> 6];
		q[3] = digits[p[2] & 63];
		buf_add(b, q, 4);
	}
	if (len == 0)
		return;
	q[0] = digits[p[0] >> 2];
	if (len == 1) {
		q[1] = digits[(p[0] & 3) << 4];
		q[2] = '=';
	} else {
		q[1] = digits[(p[0] & 3) << 4 | p[1] >> 4];
		q[2] = digits[(p[1] & 15) << 2];
	}
	q[3] = '=';
	buf_add(b, q, 4);
}

char *buf_take(struct buf *b, size_t *len)
{
	char *p = b->data ? b->data : xstrdup("");

	if (len)
		*len = b->len;
	buf_init(b);
	return p;
}

int err_set(struct fy_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	if (!err->code)
		err->code = EXIT_TROUBLE;
	return -1;
}

void idmap_init(struct idmap *m, unsigned parts)
{
	memset(m, 0, sizeof *m);
	m->nparts = parts ? parts : 1;
	m->parts = xcalloc(m->nparts, sizeof *m->parts);
}

void idmap_put(struct idmap *m, unsigned part, uint64_t id, void *v)
{
	struct idmap_part *p = &m->parts[part];

	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n++] = (struct idmap_entry){id, v};
}

static int by_id(const void *x, const void *y)
{
	const struct idmap_entry *a = x, *b = y;

	return (a->id > b->id) - (a->id < b->id);
}

void idmap_gather(struct idmap *m)
{
	size_t n0 = m->n;

	for (unsigned t = 0; t < m->nparts; t++) {
		struct idmap_part *p = &m->parts[t];

		if (p->n == 0)
			continue;
		m->all = xgrow(m->all, &m->cap, m->n + p->n, sizeof *m->all);
		memcpy(m->all + m->n, p->v, p->n * sizeof *p->v);
		m->n += p->n;
		p->n = 0;
	}
	if (m->n > n0)
		qsort(m->all, m->n, sizeof *m->all, by_id);
}

void *idmap_get(const struct idmap *m, uint64_t id)
{
	struct idmap_entry key = {.id = id}, *e;

	if (m->n == 0)
		return NULL;
	e = bsearch(&key, m->all, m->n, sizeof key, by_id);
	return e ? e->v : NULL;
}

void idmap_free(struct idmap *m)
{
	for (unsigned t = 0; t < m->nparts; t++) {
		for (size_t i = 0; i < m->parts[t].n; i++)
			free(m->parts[t].v[i].v);
		free(m->parts[t].v);
	}
	for (size_t i = 0; i < m->n; i++)
		free(m->all[i].v);
	free(m->parts);
	free(m->all);
	memset(m, 0, sizeof *m);
}
