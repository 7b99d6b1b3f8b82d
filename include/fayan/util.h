/* util.h: memory, growable buffers and error reports shared by every layer. */
#ifndef FAYAN_UTIL_H
#define FAYAN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Exit codes, as documented in fayan(1): like grep. */
enum {
	EXIT_OK = 0,      /* success */
	EXIT_NOMATCH = 1, /* nothing matched the selection */
	EXIT_TROUBLE = 2, /* usage error, unreadable or invalid input */
};

/* Allocate or die: these never return NULL; out of memory runs the fatal hook, then exits 2. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of *cap elements of size `size` so that it holds at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
/* Milliseconds from a to b (CLOCK_MONOTONIC readings). */
long util_ms_between(const struct timespec *a, const struct timespec *b);
/* The processors online, from 1 to max: how many threads to share work out to. */
unsigned util_cpus(unsigned max);

/* Whether the processor has AVX2 (and POPCNT), for the code paths compiled
 * for it alongside the plain ones (text_scan, search). */
bool util_avx2(void);
/* Register a function that restores the terminal before a fatal exit (NULL for none). */
void util_set_fatal_hook(void (*hook)(void));
/* Print "fayan: MESSAGE" to stderr, run the fatal hook, exit with `code`. */
_Noreturn void fatal(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable byte buffer; `data` is always NUL-terminated, `len` excludes the NUL.
 * When `drain` is set (NULL after buf_init), appending calls it each time len
 * reaches BUF_DRAIN_BYTES; it takes the bytes away and sets len to 0. Output
 * goes out this way once nothing but writing can fail, so that a large list
 * never sits whole in memory. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
	void (*drain)(struct buf *b);
};
#define BUF_DRAIN_BYTES ((size_t)64 << 10)

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_add(struct buf *b, const char *s, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append v in decimal, right-aligned in `width` columns (0: as is): what
 * "%*zu" gives, without printf's cost, for reports of many thousand lines. */
void buf_addu(struct buf *b, size_t v, int width);
/* The same written at p, which has room for 24 + width bytes; returns the end. */
char *util_put_decimal(char *p, size_t v, int width);
/* Append n spaces (none if n <= 0): padding to a column. */
void buf_spaces(struct buf *b, int n);
/* Room for n more bytes at the end: where to write them, then buf_commit
 * how many were written (at most n). For a line of a long report built
 * with copies and no call per field. */
char *buf_reserve(struct buf *b, size_t n);
void buf_commit(struct buf *b, size_t n);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Append data[0..len) encoded as base64 (RFC 4648, with '=' padding, no line breaks). */
void buf_base64(struct buf *b, const void *data, size_t len);
/* Give up ownership of the bytes; the buffer is left empty. */
char *buf_take(struct buf *b, size_t *len);

/* An error report filled by lower layers; only main decides to print it and exit. */
struct fy_err {
	char msg[1024]; /* one line, no trailing newline, "FILE: what is wrong (byte N)" */
	int code;       /* the exit code it maps to, EXIT_TROUBLE unless said otherwise */
};

/* Fill `err` (if not NULL) with a formatted one-line message and return -1. */
int err_set(struct fy_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Values kept by the id of what they belong to (struct article's id): each
 * of several threads adds to a part of its own, then idmap_gather makes one
 * table of them to look up. */
struct idmap_entry {
	uint64_t id;
	void *v;
};
struct idmap_part {
	struct idmap_entry *v;
	size_t n, cap;
};
struct idmap {
	struct idmap_part *parts;
	unsigned nparts;
	struct idmap_entry *all; /* sorted by id, after idmap_gather */
	size_t n, cap;
};

/* An empty map with `parts` parts (at least one). */
void idmap_init(struct idmap *m, unsigned parts);

/* Keep v (malloc'd; the map owns it) under id in part `part`: one thread a part. */
void idmap_put(struct idmap *m, unsigned part, uint64_t id, void *v);

/* Move what the parts hold into the table that idmap_get looks in. */
void idmap_gather(struct idmap *m);

/* The value kept under id, once gathered; NULL if none. */
void *idmap_get(const struct idmap *m, uint64_t id);

/* Free m and every value it keeps. */
void idmap_free(struct idmap *m);

#endif
