/* state.c: remembering the reading position. The file is small text, one
 * "KEY SECTION PARA" line per article, most recent first (after a line
 * "indent 0|1" for the reader's setting, once it has been saved; a key is
 * hexadecimal and never starts with an i), so that a human can
 * read it and a crash mid-write never leaves half a file: we always write a
 * temporary file beside it, fsync it and rename it over the old one. After
 * them come "ambiwidth TERM wide" lines, the terminal types that said last
 * time that they draw ambiguous characters wide (narrow, the common answer,
 * is not written, so that most files stay as they were): a line that does
 * not start with a hexadecimal key and a space, so that a version that
 * knows only positions skips it.
 *
 * The directory and the file are the user's, but anything may sit there: a
 * symbolic link to /dev/zero, a FIFO, a file of gigabytes, a directory that
 * another user can write to. The file is opened without following links and
 * without blocking, read only if it is a regular file of at most
 * STATE_MAX_BYTES, and a directory that someone else owns or can write to is
 * not used at all (ssh's rule for ~/.ssh). Saves from several instances take
 * turns under a lock on the directory, waited for briefly: a position not
 * saved costs less than a browser that freezes. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fayan/i18n.h"
#include "fayan/state.h"
#include "fayan/text.h"

#define STATE_FILE "positions" /* also named in a message of state_dir_safe */
#define STATE_AMBI "ambiwidth "
/* Most terminal types remembered. */
#define STATE_MAX_TERMS 16

uint64_t state_key(const char *data, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *state_dir(const char *xdg, const char *home)
{
	struct buf b;

	buf_init(&b);
	/* The XDG spec says relative paths are invalid and must be ignored. */
	if (xdg && xdg[0] == '/')
		buf_printf(&b, "%s/fayan", xdg);
	else if (home && home[0] == '/')
		buf_printf(&b, "%s/.local/state/fayan", home);
	else {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b, NULL);
}

/* Parse one line of the file; returns 0 if it is well formed. */
static int parse_line(const char *line, struct state_pos *pos)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(line, &end, 16);
	if (errno || end == line || *end != ' ')
		return -1;
	pos->key = v;
	line = end + 1;
	v = strtoull(line, &end, 10);
	if (errno || end == line || *end != ' ')
		return -1;
	pos->section = (size_t)v;
	line = end + 1;
	v = strtoull(line, &end, 10);
	if (errno || end == line || (*end != '\n' && *end != '\0'))
		return -1;
	pos->para = (size_t)v;
	return 0;
}

/* Why the directory `dir` must not be used, or NULL if it may (absent
 * included: it is made 0700 on the first save). */
static const char *unsafe_dir(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) != 0)
		return NULL; /* saving reports what is wrong with the path */
	if (!S_ISDIR(st.st_mode))
		return _("not a directory");
	if (st.st_uid != geteuid())
		return _("directory not owned by you");
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return _("directory writable by others");
	return NULL;
}

/* Open the positions file in `dir` for reading: a regular file of at most
 * STATE_MAX_BYTES, never a link, a FIFO or a device. Returns the descriptor,
 * or -1 with *why saying what was wrong (NULL when there is simply no file). */
static int open_positions(const char *dir, const char **why)
{
	struct buf path;
	struct stat st;
	int fd;

	*why = NULL;
	buf_init(&path);
	buf_printf(&path, "%s/" STATE_FILE, dir);
	fd = open(path.data, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	buf_free(&path);
	if (fd < 0) {
		if (errno == ELOOP)
			*why = _("not a regular file");
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		*why = _("not a regular file");
	else if (st.st_size > STATE_MAX_BYTES)
		*why = _("over 1 MiB");
	if (*why) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Parse the settings line `line` into *prefs; returns 0 if it is one. */
static int parse_prefs(const char *line, struct state_prefs *prefs)
{
	if (!strcmp(line, "indent 0") || !strcmp(line, "indent 1")) {
		prefs->indent = line[7] == '1';
		prefs->saved = true;
		return 0;
	}
	return -1;
}

/* Read the whole positions file into a malloc'd array; *n gets the count,
 * *prefs (if not NULL) the settings. Nothing from a directory that is not
 * safe or a file open_positions refuses. If `terms` is not NULL, the
 * ambiwidth lines are appended to it as read. */
static struct state_pos *read_all(const char *dir, size_t *n, struct buf *terms, struct state_prefs *prefs)
{
	const char *why;
	char *text;
	size_t len = 0;
	struct state_pos *all = NULL;
	size_t cap = 0;
	int fd;

	*n = 0;
	if (prefs)
		*prefs = (struct state_prefs){ 0 };
	if (unsafe_dir(dir) || (fd = open_positions(dir, &why)) < 0)
		return NULL;
	/* One byte more than the limit: a file that grew since fstat is cut, not followed. */
	text = xmalloc(STATE_MAX_BYTES + 1);
	while (len < STATE_MAX_BYTES) {
		ssize_t r = read(fd, text + len, STATE_MAX_BYTES - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	text[len] = '\0';
	for (char *line = text; line < text + len;) {
		char *eol = memchr(line, '\n', (size_t)(text + len - line));
		struct state_pos p;

		if (eol)
			*eol = '\0';
		if (*n < STATE_MAX_ENTRIES && parse_line(line, &p) == 0) {
			all = xgrow(all, &cap, *n + 1, sizeof *all);
			all[(*n)++] = p;
		} else if (terms && !strncmp(line, STATE_AMBI, strlen(STATE_AMBI))) {
			buf_adds(terms, line);
			buf_addc(terms, '\n');
		} else if (prefs) {
			parse_prefs(line, prefs);
		}
		if (!eol)
			break;
		line = eol + 1;
	}
	free(text);
	return all;
}

char *state_dir_safe(const char *xdg, const char *home, char *note, size_t note_size)
{
	char *dir = state_dir(xdg, home);
	char msg[512] = "";
	const char *why;
	int fd;

	if (!dir)
		return NULL;
	if ((why = unsafe_dir(dir))) {
		snprintf(msg, sizeof msg, _("reading position not kept: %s (%s)"), why, dir);
		free(dir);
		dir = NULL;
	} else if ((fd = open_positions(dir, &why)) >= 0)
		close(fd);
	else if (why)
		/* TRANSLATORS: the second %s is a directory; "positions" is the file's name. */
		snprintf(msg, sizeof msg, _("reading positions ignored: %s (%s/positions)"), why, dir);
	if (msg[0] && note_size > 0) {
		size_t used = strnlen(note, note_size - 1);

		/* After a message already there (the locale's), not over it. */
		snprintf(note + used, note_size - used, "%s%s", used ? "; " : "", msg);
		note[text_whole_chars(note, strlen(note))] = '\0'; /* cut between characters */
	}
	return dir;
}

void state_read(const char *dir, struct state_file *sf)
{
	struct buf terms;

	memset(sf, 0, sizeof *sf);
	if (!dir)
		return;
	buf_init(&terms);
	sf->pos = read_all(dir, &sf->npos, &terms, &sf->prefs);
	if (sf->npos == 0) {
		free(sf->pos);
		sf->pos = NULL;
	}
	sf->terms = buf_take(&terms, &sf->terms_len);
}

void state_file_free(struct state_file *sf)
{
	free(sf->pos);
	free(sf->terms);
	memset(sf, 0, sizeof *sf);
}

long state_load(const char *dir, uint64_t key, struct state_pos *pos)
{
	size_t n;
	struct state_pos *all = read_all(dir, &n, NULL, NULL);
	long rank = -1;

	for (size_t i = 0; i < n; i++) {
		if (all[i].key == key) {
			*pos = all[i];
			rank = (long)i;
			break;
		}
	}
	free(all);
	return rank;
}

/* mkdir -p with mode 0700 for every directory it creates. */
static int make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

/* Take the lock of `dir` (flock on the directory itself, so that no file is
 * added to it), trying for at most STATE_LOCK_WAIT_MS. Returns the descriptor
 * that holds it, -1 where the file system has no such locks (saving goes on
 * without), or -2 if another instance held it all that time. */
static int lock_dir(const char *dir)
{
	const struct timespec step = {.tv_sec = 0, .tv_nsec = 5 * 1000000L};
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	for (int waited = 0;; waited += 5) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			close(fd);
			return -1;
		}
		if (waited >= STATE_LOCK_WAIT_MS) {
			close(fd);
			return -2;
		}
		nanosleep(&step, NULL);
	}
}

/* Whether `term` can stand in an ambiwidth line: a word of printable ASCII. */
static bool term_ok(const char *term)
{
	size_t n = term ? strlen(term) : 0;

	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (term[i] <= ' ' || term[i] > '~')
			return false;
	return true;
}

/* The ambiwidth line for `term` in terms[0..len), or NULL. */
static const char *find_term(const char *terms, size_t len, const char *term)
{
	size_t tl = strlen(term);

	for (const char *line = terms; line && line < terms + len;) {
		const char *eol = memchr(line, '\n', (size_t)(terms + len - line));
		const char *t = line + strlen(STATE_AMBI);

		if (eol && (size_t)(eol - t) > tl && !strncmp(t, term, tl) && t[tl] == ' ')
			return line;
		line = eol ? eol + 1 : NULL;
	}
	return NULL;
}

int state_file_ambiwidth(const struct state_file *sf, const char *term)
{
	const char *line;

	if (!term_ok(term) || !sf->terms_len)
		return -1;
	line = find_term(sf->terms, sf->terms_len, term);
	if (line) {
		const char *v = line + strlen(STATE_AMBI) + strlen(term) + 1;

		if (!strncmp(v, "wide\n", 5))
			return 1;
		if (!strncmp(v, "narrow\n", 7))
			return 0;
	}
	return -1;
}

/* Rewrite the file with *pos (if not NULL) as the most recent position, *prefs
 * (if not NULL) as the settings, and (if term is not NULL) with `term`'s
 * ambiwidth line first among those of the terminals if `wide`, without it if
 * not; everything else is kept as it was. */
static int rewrite(const char *dir, const struct state_pos *pos, const struct state_prefs *prefs, const char *term,
		   bool wide, struct fy_err *err)
{
	size_t n;
	struct state_pos *all;
	struct state_prefs kept_prefs;
	struct buf text, tmp, terms;
	const char *why;
	int fd, lock, rc = -1;
	size_t kept = 0;

	if (make_dirs(dir) != 0)
		return err_set(err, "%s: %s", dir, strerror(errno));
	if ((why = unsafe_dir(dir)))
		return err_set(err, "%s: %s", dir, why);
	lock = lock_dir(dir);
	if (lock == -2)
		return 0; /* another instance is saving: this position is not, and that is no error */
	buf_init(&terms);
	all = read_all(dir, &n, &terms, &kept_prefs);
	if (prefs)
		kept_prefs = *prefs;
	buf_init(&text);
	if (kept_prefs.saved)
		buf_printf(&text, "indent %d\n", kept_prefs.indent);
	if (pos) {
		buf_printf(&text, "%016" PRIx64 " %zu %zu\n", pos->key, pos->section, pos->para);
		kept++;
	}
	for (size_t i = 0; i < n && kept < STATE_MAX_ENTRIES; i++) {
		if (pos && all[i].key == pos->key)
			continue;
		buf_printf(&text, "%016" PRIx64 " %zu %zu\n", all[i].key, all[i].section, all[i].para);
		kept++;
	}
	free(all);
	kept = 0;
	if (term && wide) {
		buf_printf(&text, STATE_AMBI "%s wide\n", term);
		kept++;
	}
	for (const char *line = terms.data; line && line < terms.data + terms.len && kept < STATE_MAX_TERMS;) {
		const char *eol = memchr(line, '\n', (size_t)(terms.data + terms.len - line));

		if (!term || find_term(line, (size_t)(eol - line) + 1, term) != line) {
			buf_add(&text, line, (size_t)(eol - line) + 1);
			kept++;
		}
		line = eol + 1;
	}
	buf_free(&terms);

	buf_init(&tmp);
	buf_printf(&tmp, "%s/." STATE_FILE ".XXXXXX", dir);
	fd = mkstemp(tmp.data); /* mode 0600 */
	if (fd < 0) {
		err_set(err, "%s: %s", tmp.data, strerror(errno));
		goto out;
	}
	{
		size_t done = 0;

		while (done < text.len) {
			ssize_t w = write(fd, text.data + done, text.len - done);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				err_set(err, "%s: %s", tmp.data, strerror(errno));
				goto fail;
			}
			done += (size_t)w;
		}
	}
	if (fchmod(fd, 0600) != 0 || fsync(fd) != 0) {
		err_set(err, "%s: %s", tmp.data, strerror(errno));
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		err_set(err, "%s: %s", tmp.data, strerror(errno));
		goto fail;
	}
	fd = -1;
	{
		struct buf path;

		buf_init(&path);
		buf_printf(&path, "%s/" STATE_FILE, dir);
		if (rename(tmp.data, path.data) != 0) {
			err_set(err, "%s: %s", path.data, strerror(errno));
			buf_free(&path);
			goto fail;
		}
		buf_free(&path);
	}
	rc = 0;
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp.data);
out:
	if (lock >= 0)
		close(lock); /* and with it the lock */
	buf_free(&tmp);
	buf_free(&text);
	return rc;
}

int state_save(const char *dir, const struct state_pos *pos, struct fy_err *err)
{
	return rewrite(dir, pos, NULL, NULL, false, err);
}

int state_save_all(const char *dir, const struct state_pos *pos, const struct state_prefs *prefs, struct fy_err *err)
{
	return rewrite(dir, pos, prefs, NULL, false, err);
}

int state_ambiwidth_save(const char *dir, const char *term, bool wide, struct fy_err *err)
{
	if (!term_ok(term))
		return 0;
	return rewrite(dir, NULL, NULL, term, wide, err);
}
