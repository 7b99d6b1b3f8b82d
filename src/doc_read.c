/* doc_read.c: reading files and standard input into articles: validation,
 * the BOM, --force's repair, size limits, and doc_add_files' threads that
 * read and parse ahead while the articles are appended in order. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>
#include <uniconv.h>

#include "doc_priv.h"
#include "fayan/i18n.h"
#include "fayan/state.h"
#include "fayan/text.h"

extern const char fayan_seed_data[], fayan_seed_end[];

struct converted {
	char *data; /* NUL-terminated */
	size_t len;
};

/* Whether s[0..len), valid UTF-8, already holds two characters of three or
 * four bytes (what hanzi are in UTF-8; a byte count, not a question about
 * the characters): a file whose text before its first invalid byte does is
 * UTF-8 with damage, never GB18030, whose pairs of bytes seldom make such
 * characters. */
static bool two_long_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n < 2; i++)
		if ((unsigned char)s[i] >= 0xE0)
			n++;
	return n >= 2;
}

/* src[0..len) converted from `encoding` to UTF-8, or NULL if it is not
 * valid in that encoding (or the encoding is unknown) or comes out with a
 * NUL byte. */
static struct converted *convert(const char *src, size_t len, const char *encoding)
{
	size_t n = 0;
	uint8_t *u = u8_conv_from_encoding(encoding, iconveh_error, src, len, NULL, NULL, &n);
	struct converted *c;

	if (!u)
		return NULL;
	if (memchr(u, '\0', n) || u8_check(u, n)) {
		free(u);
		return NULL;
	}
	c = xmalloc(sizeof *c);
	c->data = xrealloc(u, n + 1);
	c->data[n] = '\0';
	c->len = n;
	return c;
}


/* struct article's id: the last one given. */
static _Atomic uint64_t next_id;

/* Validate and parse src[0..len) (NUL at len, owned from here on: malloc'd,
 * or in one of d's chunks or its read buffer if chunked) into *out, not yet
 * appended to any doc, then hand it to opts->parsed and strip it if asked.
 * Returns 0, or -1 with err filled and src freed. */
static int parse_owned(struct doc *d, const char *name, char *src, size_t len, bool chunked,
		       const struct doc_opts *opts, unsigned thread, struct article **out, struct fy_err *err)
{
	const char *shown = doc_shown_name(name);
	const char *nul, *encoding = NULL;
	size_t skip = 0;
	struct text_scan sc;
	struct article *a;
	struct converted *conv;
	uint64_t key = 0;

	if (opts && opts->key)
		key = state_key(src, len);
	if (opts && opts->encoding && strcmp(opts->encoding, "UTF-8") && strcmp(opts->encoding, "utf-8")) {
		/* Converted as asked: invalid bytes in that encoding are an error. */
		errno = 0;
		conv = convert(src, len, opts->encoding);
		doc_src_free(src, chunked);
		if (!conv && errno == EINVAL)
			return err_set(err, _("%s: unknown encoding %s"), shown, opts->encoding);
		if (!conv)
			return err_set(err, _("%s: not valid %s"), shown, opts->encoding);
		src = conv->data;
		len = conv->len;
		free(conv);
		chunked = false;
		encoding = opts->encoding;
	}
	text_scan(src, len, &sc);
	nul = sc.nul < len ? src + sc.nul : memchr(src + sc.bad, '\0', len - sc.bad);
	if (nul) {
		size_t at = (size_t)(nul - src);

		doc_src_free(src, chunked);
		return err_set(err, _("%s: binary file (NUL byte at byte %zu)"), shown, at);
	}
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	if (len == skip) {
		doc_src_free(src, chunked);
		return err_set(err, _("%s: empty file"), shown);
	}
	if (sc.bad < len && !encoding && !two_long_chars(src, sc.bad) && (conv = convert(src, len, "GB18030")) != NULL) {
		/* Not UTF-8 but valid GB18030 (GBK, GB2312): a file saved on
		 * Chinese Windows. It is read as that, and --check says so. */
		doc_src_free(src, chunked);
		src = conv->data;
		len = conv->len;
		free(conv);
		chunked = false;
		encoding = "GB18030";
		text_scan(src, len, &sc);
		skip = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		if (skip) {
			len -= skip;
			memmove(src, src + skip, len + 1);
			text_scan(src, len, &sc);
		}
	} else if (sc.bad < len) {
		char *fixed;

		if (!opts || !opts->force) {
			doc_src_free(src, chunked);
			return err_set(err, _("%s: invalid UTF-8 at byte %zu"), shown, sc.bad);
		}
		fixed = text_repair_utf8(src + skip, len - skip, &len);
		doc_src_free(src, chunked);
		src = fixed;
		chunked = false;
		text_scan(src, len, &sc);
	} else if (skip) {
		len -= skip;
		memmove(src, src + skip, len + 1);
		text_scan(src, len, &sc); /* for offsets without the BOM */
	}

	a = xcalloc(1, sizeof *a);
	a->id = atomic_fetch_add(&next_id, 1) + 1;
	a->src = src;
	a->src_len = len;
	a->src_chunked = chunked;
	a->encoding = encoding;
	a->key = key;
	a->name = doc_clean_name(shown);
	doc_parse_article(a, &sc, opts && opts->strip);
	if (opts && opts->folds)
		doc_find_folds(a);
	if (opts && opts->parsed)
		opts->parsed(a, thread, opts->ctx);
	if (opts && opts->strip)
		a = doc_strip_article(d, a);
	*out = a;
	return 0;
}

int doc_add_buffer(struct doc *d, const char *name, const char *data, size_t len,
		   const struct doc_opts *opts, struct fy_err *err)
{
	const char *shown = doc_shown_name(name);
	struct article *a;

	if (len == 0)
		return err_set(err, _("%s: empty file"), shown);
	if (len > DOC_MAX_BYTES)
		return err_set(err, _("%s: file too large (%zu bytes; the limit is %zu bytes)"), shown, len,
			       DOC_MAX_BYTES);
	if (parse_owned(d, name, xstrndup(data, len), len, false, opts, 0, &a, err))
		return -1;
	return doc_append_article(d, a, shown, err);
}

/* The message for a file of `size` bytes that cannot be read as an article
 * (empty, or over DOC_MAX_BYTES): -1 with err filled, or 0 if the size is
 * fine. doc_add_file and doc_probe_file both use it, so that a file is named
 * the same way whether it is read now or checked for later. */
static int check_file_size(uintmax_t size, const char *shown, struct fy_err *err)
{
	if (size == 0)
		return err_set(err, _("%s: empty file"), shown);
	if (size > DOC_MAX_BYTES)
		return err_set(err, _("%s: file too large (more than %zu bytes, the limit)"), shown, DOC_MAX_BYTES);
	return 0;
}

int doc_probe_file(const char *path, struct fy_err *err)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0)
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return err_set(err, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0) {
		int e = errno;

		close(fd);
		return err_set(err, "%s: %s", path, strerror(e));
	}
	close(fd);
	/* The messages doc_add_file would give (reading a directory fails with
	 * EISDIR), so that a bad file is named the same way now or later. */
	if (S_ISDIR(st.st_mode))
		return err_set(err, "%s: %s", path, strerror(EISDIR));
	if (!S_ISREG(st.st_mode))
		return 0;
	return check_file_size((uintmax_t)st.st_size, path, err) ? -1 : 1;
}

/* Read and parse file `path` into *out, not yet appended to d: d gives only
 * the memory for its source (its chunks, or its read buffer for a file
 * stripped once parsed) and counts the bytes read. */
static int read_article(struct doc *d, const char *path, const struct doc_opts *opts, unsigned thread,
			struct article **out, struct fy_err *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *shown = doc_shown_name(path);
	/* Without blocking: a FIFO would block the open until a writer came. */
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	char *data = NULL;
	size_t len = 0, cap = 0;
	int e = 0;
	bool chunked = false, regular = false;
	size_t want = 0;

	if (fd < 0)
		return err_set(err, "%s: %s", shown, strerror(errno));
	/* A named file is read only if it is a regular file (a link to one is
	 * followed): a FIFO or a device could block every read or never end.
	 * Standard input is read whatever it is. */
	if (!is_stdin && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(err, "%s: %s", shown, S_ISDIR(st.st_mode) ? strerror(EISDIR) : _("not a regular file"));
	}
	/* Read a regular file in one allocation of its size: the parse keeps
	 * it as the source. One byte more is asked for than fstat gave, so
	 * that a single read says whether the file has grown since. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size <= DOC_MAX_BYTES) {
		regular = true;
		cap = (size_t)st.st_size + 2;
		if (opts && opts->strip) {
			/* Stripped as soon as parsed: read into d's buffer, the
			 * same memory file after file. */
			struct doc_mem *m = doc_mem(d);

			m->readbuf = xgrow(m->readbuf, &m->readcap, cap, 1);
			data = m->readbuf;
		} else {
			data = doc_chunk_alloc(d, cap);
		}
		chunked = data != NULL; /* not the article's to free */
		if (!data)
			data = xmalloc(cap);
	}
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			/* Full (or nothing yet): probe for one more byte before growing. */
			char c;

			n = read(fd, &c, 1);
			if (n == 1) {
				if (chunked) {
					/* The file grew since fstat: on in a buffer of its own. */
					char *own = xmalloc(len + 1);

					memcpy(own, data, len);
					data = own;
					chunked = false;
				}
				data = xgrow(data, &cap, len + 65536 + 1, 1);
				data[len++] = c;
				continue;
			}
		} else {
			want = cap - len - 1;
			n = read(fd, data + len, want);
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > DOC_MAX_BYTES)
			break;
		/* A regular file gives less than asked for only at its end: no
		 * read more to be told so (a system call per file, 6,637 of
		 * them over the archive). */
		if (regular && (size_t)n < want)
			break;
	}
	if (!is_stdin)
		close(fd);
	if (e || len > DOC_MAX_BYTES || len == 0) {
		doc_src_free(data, chunked);
		if (e)
			return err_set(err, "%s: %s", shown, strerror(e));
		return check_file_size(len, shown, err);
	}
	if (!chunked && cap > len + 1 + 4096)
		data = xrealloc(data, len + 1); /* give back what the last growth did not use */
	data[len] = '\0';
	doc_mem(d)->read_bytes += len;
	return parse_owned(d, path, data, len, chunked, opts, thread, out, err);
}

int doc_add_file(struct doc *d, const char *path, const struct doc_opts *opts, struct fy_err *err)
{
	struct article *a;

	if (read_article(d, path, opts, 0, &a, err))
		return -1;
	return doc_append_article(d, a, doc_shown_name(path), err);
}

const char *doc_builtin_data(size_t *len)
{
	*len = (size_t)(fayan_seed_end - fayan_seed_data);
	return fayan_seed_data;
}

void doc_add_builtin(struct doc *d)
{
	struct doc_opts opts = {.force = false, .key = true};
	struct fy_err err = {.code = 0};
	size_t len;
	const char *data = doc_builtin_data(&len);

	if (doc_add_buffer(d, "(built-in)", data, len, &opts, &err) < 0)
		fatal(EXIT_TROUBLE, "%s", err.msg);
}

/* doc_add_files: the files shared out to the threads, each of which reads
 * with a doc of its own for the sources' memory (its own chunks) and hands
 * each article over by its index; the first failure stops everyone at its
 * index. */
struct add_job {
	char *const *paths;
	size_t n;
	const struct doc_opts *opts;
	struct article **arts; /* [n]: each file's article, or NULL */
	atomic_size_t next;    /* the next index to take */
	atomic_size_t stop;    /* no index after this one is needed (n: none failed) */
};

struct add_worker {
	struct add_job *job;
	struct doc d;
	size_t failed; /* the index that failed here, or SIZE_MAX */
	struct fy_err err;
	unsigned index; /* 0..threads-1, passed to doc_opts.parsed */
	pthread_t tid;
};

static void *add_worker_run(void *arg)
{
	struct add_worker *w = arg;
	struct add_job *j = w->job;

	for (;;) {
		size_t i = atomic_fetch_add(&j->next, 1), stop;

		if (i >= j->n || i > atomic_load(&j->stop))
			break;
		/* Not appended yet: the sections are numbered when the article is
		 * appended to the collection, in order. */
		if (read_article(&w->d, j->paths[i], j->opts, w->index, &j->arts[i], &w->err) != 0) {
			w->failed = i;
			stop = atomic_load(&j->stop);
			while (i < stop && !atomic_compare_exchange_weak(&j->stop, &stop, i))
				;
			break;
		}
	}
	return NULL;
}

int doc_add_files(struct doc *d, char *const *paths, size_t n, const struct doc_opts *opts, unsigned threads,
		  struct fy_err *err)
{
	size_t nstdin = 0;

	for (size_t i = 0; i < n; i++)
		nstdin += strcmp(paths[i], "-") == 0;
	if (threads > n)
		threads = (unsigned)n;
	if (threads <= 1 || nstdin > 1) {
		for (size_t i = 0; i < n; i++)
			if (doc_add_file(d, paths[i], opts, err))
				return -1;
		return 0;
	}

	struct add_job job = { .paths = paths, .n = n, .opts = opts };
	struct add_worker *w = xcalloc(threads, sizeof *w);
	struct doc_mem *m = doc_mem(d);
	size_t left = m->read_bytes < m->chunk_from ? m->chunk_from - m->read_bytes : 0;
	unsigned started = 0;
	int rc = 0;

	job.arts = xcalloc(n, sizeof *job.arts);
	atomic_init(&job.next, 0);
	atomic_init(&job.stop, n);
	for (unsigned t = 0; t < threads; t++) {
		w[t].job = &job;
		w[t].index = t;
		doc_init(&w[t].d);
		doc_set_chunk_from(&w[t].d, left / threads);
		w[t].failed = SIZE_MAX;
	}
	for (unsigned t = 1; t < threads; t++)
		if (pthread_create(&w[t].tid, NULL, add_worker_run, &w[t]) == 0)
			started = t;
		else
			break;
	add_worker_run(&w[0]);
	for (unsigned t = 1; t <= started; t++)
		pthread_join(w[t].tid, NULL);

	/* In order, as the loop of doc_add_file would have done. */
	size_t stop = atomic_load(&job.stop);

	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && i == stop) {
			for (unsigned t = 0; t < threads; t++)
				if (w[t].failed == i && err)
					*err = w[t].err;
			rc = -1;
		} else if (rc == 0 && job.arts[i]) {
			rc = doc_append_article(d, job.arts[i], doc_shown_name(paths[i]), err);
		} else if (job.arts[i]) {
			doc_article_free(job.arts[i]);
		}
	}
	for (unsigned t = 0; t < threads; t++) {
		struct doc_mem *wm = doc_mem(&w[t].d);

		m->read_bytes += wm->read_bytes;
		free(wm->readbuf);
		while (wm->chunks) {
			struct doc_chunk *c = wm->chunks;

			wm->chunks = c->next;
			c->next = m->chunks;
			m->chunks = c;
		}
		free(wm);
	}
	free(job.arts);
	free(w);
	return rc;
}