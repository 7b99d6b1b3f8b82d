/* harness.c: a pty, a child process and libvterm, so that end-to-end tests can
 * assert what a real terminal would show and which bytes went over the wire.
 *
 * Every wait is bounded by poll timeouts and a cap, and term_free kills the child,
 * so a broken program fails its test instead of hanging the suite. */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <uniwidth.h>

#include "fayan/util.h"

extern char **environ;

struct term {
	pid_t pid;
	bool reaped;
	int status;
	double exit_cpu_ms; /* from wait4, once reaped; -1 before */
	int fd;      /* pty master, non-blocking */
	bool eof;    /* the child's side of the pty is closed */
	VTerm *vt;
	VTermScreen *screen;
	int cols, rows;
	bool cursor_visible, altscreen;
	bool in_write;        /* writing to the child: emulator replies wait in `pending` */
	struct buf pending;
	struct buf log;
	char **row_text;      /* one string per row, rebuilt by term_row */
	int row_cap;
	char *screen_text;
	char *out_text, *err_text;
	char dir[PATH_MAX];
	/* The wide-ambiguous model (term_opts.ambi_wide): libvterm's widths are
	 * its own, so each ambiguous character is handed to it as a stand-in
	 * that it draws two columns wide, a Hangul syllable (U+AC00 + its index
	 * in `ambi`), and read back from the cells as itself. Everything else
	 * (cursor moves, wrapping at the right edge, erasing half a wide
	 * character, the answer to CSI 6 n) is then libvterm's, as for any wide
	 * character. `carry` holds a UTF-8 sequence cut by the end of a read. */
	bool ambi_wide;
	bool no_cpr;          /* drop the emulator's cursor position reports */
	uint32_t *ambi;
	size_t nambi, ambi_cap;
	char carry[4];
	size_t ncarry;
};

#define AMBI_STANDIN 0xAC00
#define AMBI_STANDINS 11172 /* U+AC00..U+D7A3 */

/* Whether code point c is East Asian Ambiguous: one column in UTF-8, two in
 * the legacy CJK encodings (libunistring's rule, as a terminal's CJK mode). */
static bool ambi_is(uint32_t c)
{
	return c >= 0xA1 && uc_width(c, "UTF-8") == 1 && uc_width(c, "GBK") == 2;
}

/* The character a cell's code point stands for. */
static uint32_t ambi_back(const struct term *t, uint32_t c)
{
	if (t->ambi_wide && c >= AMBI_STANDIN && c - AMBI_STANDIN < t->nambi)
		return t->ambi[c - AMBI_STANDIN];
	return c;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Encode code point `c` into `out` (at least 4 bytes); returns the byte count. */
static int utf8_put(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Decode one UTF-8 sequence at s (n bytes left); returns its length, or 0 if invalid. */
static int utf8_get(const unsigned char *s, size_t n, uint32_t *c)
{
	int len;
	uint32_t v, min;
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		len = 2, v = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, v = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, v = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*c = v;
	return len;
}

/* Hand output to the emulator; in the wide-ambiguous model with each
 * ambiguous character replaced by its stand-in. */
static void feed(struct term *t, const char *s, size_t n)
{
	struct buf b;
	size_t i = 0;

	if (!t->ambi_wide) {
		vterm_input_write(t->vt, s, n);
		return;
	}
	buf_init(&b);
	buf_add(&b, t->carry, t->ncarry);
	buf_add(&b, s, n);
	t->ncarry = 0;
	while (i < b.len) {
		const unsigned char *p = (const unsigned char *)b.data + i;
		size_t left = b.len - i, start = i;
		uint32_t c;
		int len;

		if (p[0] < 0x80) {
			i++;
			continue;
		}
		len = utf8_get(p, left, &c);
		if (len == 0) {
			size_t need = (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3 : (p[0] & 0xF8) == 0xF0 ? 4 : 1;

			if (left < need && need <= sizeof t->carry) {
				/* Cut by the read: the rest comes with the next. */
				vterm_input_write(t->vt, b.data, start);
				memcpy(t->carry, p, left);
				t->ncarry = left;
				buf_free(&b);
				return;
			}
			i++;
			continue;
		}
		i += (size_t)len;
		if (ambi_is(c)) {
			size_t k = 0;
			char u[4];

			while (k < t->nambi && t->ambi[k] != c)
				k++;
			if (k == t->nambi && k < AMBI_STANDINS) {
				t->ambi = xgrow(t->ambi, &t->ambi_cap, k + 1, sizeof *t->ambi);
				t->ambi[t->nambi++] = c;
			}
			if (k < t->nambi) {
				int ul = utf8_put(u, AMBI_STANDIN + (uint32_t)k);

				vterm_input_write(t->vt, b.data, start);
				vterm_input_write(t->vt, u, (size_t)ul);
				memmove(b.data, b.data + i, b.len - i);
				b.len -= i;
				i = 0;
			}
		}
	}
	vterm_input_write(t->vt, b.data, b.len);
	buf_free(&b);
}

/* Feed what the child has written (at most 64 KiB, so that endless output cannot
 * keep us here past a deadline) into the emulator and the log. Returns the number
 * of bytes read; sets t->eof when the child's side is gone. */
static size_t read_available(struct term *t)
{
	char chunk[4096];
	size_t total = 0;
	while (total < 64 * 1024) {
		ssize_t n = read(t->fd, chunk, sizeof chunk);
		if (n > 0) {
			buf_add(&t->log, chunk, (size_t)n);
			feed(t, chunk, (size_t)n);
			total += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
			t->eof = true; /* EIO: every slave fd is closed */
		return total;
	}
	return total;
}

/* Wait up to `ms` for output and read it; returns the bytes read. */
static size_t poll_read(struct term *t, int ms)
{
	if (t->eof) {
		if (ms > 0)
			sleep_ms(ms);
		return 0;
	}
	struct pollfd p = { .fd = t->fd, .events = POLLIN };
	int r = poll(&p, 1, ms < 0 ? 0 : ms);
	if (r > 0)
		return read_available(t);
	return 0;
}

/* Write all of `s` to the child, draining its output meanwhile so neither side
 * blocks; gives up (with a message) after TERM_CAP_MS. */
static void write_all(struct term *t, const char *s, size_t len)
{
	long start = now_ms();
	t->in_write = true;
	while (len > 0) {
		ssize_t n = write(t->fd, s, len);
		if (n > 0) {
			s += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && now_ms() - start < TERM_CAP_MS) {
			struct pollfd p = { .fd = t->fd, .events = POLLIN | POLLOUT };
			if (poll(&p, 1, 50) > 0 && (p.revents & POLLIN))
				read_available(t);
			continue;
		}
		fprintf(stderr, "harness: cannot write %zu bytes to the child: %s\n", len,
			n < 0 ? strerror(errno) : "no progress");
		break;
	}
	t->in_write = false;
}

/* Send the emulator's replies (queries answered) and key sequences to the child. */
/* Whether s[0..len) is a cursor position report, CSI row ; col R. */
static bool is_cpr(const char *s, size_t len)
{
	size_t i = 2;

	if (len < 6 || s[0] != '\033' || s[1] != '[' || s[len - 1] != 'R')
		return false;
	while (i < len - 1 && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';'))
		i++;
	return i == len - 1;
}

static void on_output(const char *s, size_t len, void *user)
{
	struct term *t = user;
	if (t->no_cpr && is_cpr(s, len))
		return;
	if (t->in_write) {
		buf_add(&t->pending, s, len);
		return;
	}
	write_all(t, s, len);
	while (t->pending.len > 0) {
		size_t n;
		char *p = buf_take(&t->pending, &n);
		write_all(t, p, n);
		free(p);
	}
}

static int on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct term *t = user;
	if (prop == VTERM_PROP_CURSORVISIBLE)
		t->cursor_visible = val->boolean;
	else if (prop == VTERM_PROP_ALTSCREEN)
		t->altscreen = val->boolean;
	return 1;
}

static const VTermScreenCallbacks screen_cbs = {
	.settermprop = on_settermprop,
};

/* Add "NAME=value" to the environment vector, replacing NAME; "NAME=" removes it. */
static void env_put(char ***env, size_t *n, size_t *cap, const char *entry)
{
	const char *eq = strchr(entry, '=');
	size_t klen = eq ? (size_t)(eq - entry) : strlen(entry);
	for (size_t i = 0; i < *n; i++) {
		if (strncmp((*env)[i], entry, klen) == 0 && (*env)[i][klen] == '=') {
			free((*env)[i]);
			(*env)[i] = (*env)[--*n];
			(*env)[*n] = NULL;
			break;
		}
	}
	if (!eq || eq[1] == '\0')
		return;
	*env = xgrow(*env, cap, *n + 2, sizeof **env);
	(*env)[(*n)++] = xstrdup(entry);
	(*env)[*n] = NULL;
}

static void env_set(char ***env, size_t *n, size_t *cap, const char *name, const char *value)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s=%s", name, value);
	env_put(env, n, cap, b.data);
	buf_free(&b);
}

/* The child's environment: a few variables kept from ours, the terminal's, then extras. */
static char **env_build(const struct term *t, const char *const *extra)
{
	static const char *const keep[] = {
		"PATH", "TMPDIR", "USER", "LOGNAME", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "FAYAN_LOCALEDIR",
	};
	char **env = NULL;
	size_t n = 0, cap = 0;
	env = xgrow(env, &cap, 1, sizeof *env);
	env[0] = NULL;
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		const char *v = getenv(keep[i]);
		if (v)
			env_set(&env, &n, &cap, keep[i], v);
	}
	if (!getenv("PATH"))
		env_set(&env, &n, &cap, "PATH", "/usr/local/bin:/usr/bin:/bin");
	env_set(&env, &n, &cap, "TERM", "xterm-256color");
	env_set(&env, &n, &cap, "LANG", "C.UTF-8");
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s/home", t->dir);
	env_set(&env, &n, &cap, "HOME", b.data);
	b.len = 0;
	buf_printf(&b, "%s/state", t->dir);
	env_set(&env, &n, &cap, "XDG_STATE_HOME", b.data);
	buf_free(&b);
	for (size_t i = 0; extra && extra[i]; i++)
		env_put(&env, &n, &cap, extra[i]);
	return env;
}

static void strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static char *path_in(const struct term *t, const char *name)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s/%s", t->dir, name);
	return buf_take(&b, NULL);
}

static bool write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(data, 1, strlen(data), f) == strlen(data);
	return fclose(f) == 0 && ok;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* In the forked child: set up stdio, environment, then exec or exit 127. */
static _Noreturn void child_exec(const struct term *t, const struct term_opts *o, char **argv, char **env)
{
	if (o->stdin_path || o->stdin_data) {
		char *p = o->stdin_path ? xstrdup(o->stdin_path) : path_in(t, "stdin");
		int fd = open(p, O_RDONLY);
		if (fd < 0 || dup2(fd, 0) < 0) {
			dprintf(2, "harness: %s: %s\n", p, strerror(errno));
			_exit(127);
		}
		close(fd);
	}
	static const char *const names[] = { NULL, "stdout", "stderr" };
	for (int out = 1; out <= 2; out++) {
		if (!(out == 1 ? o->stdout_to_file : o->stderr_to_file))
			continue;
		char *p = path_in(t, names[out]);
		int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, out) < 0) {
			dprintf(2, "harness: %s: %s\n", p, strerror(errno));
			_exit(127);
		}
		close(fd);
	}
	/* Only 0, 1 and 2: descriptors the test runner inherited from whatever
	 * started it are no part of what the program under test is given. */
	close_range(3, ~0U, 0);
	environ = env;
	execvp(argv[0], argv);
	dprintf(2, "harness: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

struct term *term_spawn(int cols, int rows, const char *const argv[], const char *const env_extra[])
{
	struct term_opts o = { .cols = cols, .rows = rows, .argv = argv, .env = env_extra };
	return term_spawn_opts(&o);
}

struct term *term_spawn_opts(const struct term_opts *o)
{
	struct term *t = xcalloc(1, sizeof *t);
	t->fd = -1;
	t->exit_cpu_ms = -1;
	t->cols = o->cols > 0 ? o->cols : 80;
	t->rows = o->rows > 0 ? o->rows : 24;
	t->cursor_visible = true;
	t->ambi_wide = o->ambi_wide;
	t->no_cpr = o->no_cpr;
	buf_init(&t->log);
	buf_init(&t->pending);

	const char *tmp = getenv("TMPDIR");
	snprintf(t->dir, sizeof t->dir, "%s/fayan-e2e.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(t->dir)) {
		fprintf(stderr, "harness: mkdtemp %s: %s\n", t->dir, strerror(errno));
		t->dir[0] = '\0';
		term_free(t);
		return NULL;
	}
	char *home = path_in(t, "home"), *state = path_in(t, "state");
	bool ok = mkdir(home, 0700) == 0 && mkdir(state, 0700) == 0;
	free(home);
	free(state);
	if (ok && o->stdin_data) {
		char *p = path_in(t, "stdin");
		ok = write_file(p, o->stdin_data);
		free(p);
	}
	if (!ok) {
		fprintf(stderr, "harness: cannot prepare %s: %s\n", t->dir, strerror(errno));
		term_free(t);
		return NULL;
	}

	/* argv[0] "fayan" means the binary under test. */
	size_t argc = 0;
	while (o->argv && o->argv[argc])
		argc++;
	char **argv = xcalloc(argc + 2, sizeof *argv);
	if (argc == 0 || strcmp(o->argv[0], "fayan") == 0) {
		const char *bin = getenv("FAYAN");
		argv[0] = xstrdup(bin && *bin ? bin : "build/fayan");
	} else {
		argv[0] = xstrdup(o->argv[0]);
	}
	for (size_t i = 1; i < argc; i++)
		argv[i] = xstrdup(o->argv[i]);
	char **env = env_build(t, o->env);

	struct winsize ws = { .ws_row = (unsigned short)(o->report_rows ? o->report_rows : t->rows),
			      .ws_col = (unsigned short)(o->report_cols ? o->report_cols : t->cols) };
	fflush(NULL);
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid == 0)
		child_exec(t, o, argv, env);
	strv_free(argv);
	strv_free(env);
	if (t->pid < 0) {
		fprintf(stderr, "harness: forkpty: %s\n", strerror(errno));
		t->reaped = true;
		term_free(t);
		return NULL;
	}
	/* Non-blocking so no read waits; close-on-exec so a later child cannot hold it. */
	fcntl(t->fd, F_SETFL, fcntl(t->fd, F_GETFL) | O_NONBLOCK);
	fcntl(t->fd, F_SETFD, FD_CLOEXEC);

	t->vt = vterm_new(t->rows, t->cols);
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, on_output, t);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_set_callbacks(t->screen, &screen_cbs, t);
	vterm_screen_reset(t->screen, 1);
	return t;
}

/* Reap the child if it has exited. */
static void try_reap(struct term *t)
{
	if (t->reaped)
		return;
	int st;
	struct rusage ru;
	pid_t r = wait4(t->pid, &st, WNOHANG, &ru);
	if (r == t->pid || (r < 0 && errno == ECHILD)) {
		t->reaped = true;
		t->status = r == t->pid ? st : 0;
		if (r == t->pid)
			t->exit_cpu_ms = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
					 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
	}
}

void term_free(struct term *t)
{
	if (!t)
		return;
	if (t->pid > 0 && !t->reaped) {
		kill(-t->pid, SIGKILL);
		kill(t->pid, SIGKILL);
		while (waitpid(t->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (t->fd >= 0)
		close(t->fd);
	if (t->vt)
		vterm_free(t->vt);
	if (t->dir[0])
		nftw(t->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	for (int i = 0; i < t->row_cap; i++)
		free(t->row_text[i]);
	free(t->row_text);
	free(t->screen_text);
	free(t->out_text);
	free(t->ambi);
	free(t->err_text);
	buf_free(&t->log);
	buf_free(&t->pending);
	free(t);
}

void term_pump(struct term *t)
{
	if (!t->eof)
		read_available(t);
	try_reap(t);
}

bool term_wait_quiet_cap(struct term *t, int quiet_ms, int cap_ms)
{
	if (quiet_ms <= 0)
		quiet_ms = TERM_QUIET_MS;
	if (cap_ms <= 0)
		cap_ms = TERM_CAP_MS;
	long start = now_ms(), last = start;
	for (;;) {
		if (t->eof)
			return true;
		long now = now_ms();
		long quiet_left = last + quiet_ms - now, cap_left = start + cap_ms - now;
		if (quiet_left <= 0)
			return true;
		if (cap_left <= 0)
			return false;
		if (poll_read(t, (int)(quiet_left < cap_left ? quiet_left : cap_left)) > 0)
			last = now_ms();
	}
}

bool term_wait_quiet(struct term *t, int quiet_ms)
{
	return term_wait_quiet_cap(t, quiet_ms, TERM_CAP_MS);
}

bool term_wait_for(struct term *t, const char *text, int timeout_ms)
{
	long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : TERM_CAP_MS);
	for (;;) {
		term_pump(t);
		if (term_find(t, text) >= 0)
			return true;
		long left = deadline - now_ms();
		if (left <= 0 || t->eof)
			break;
		poll_read(t, left < 50 ? (int)left : 50);
	}
	fprintf(stderr, "harness: \"%s\" not on the screen%s; it shows:\n", text,
		t->eof ? " (the program closed the terminal)" : "");
	term_dump(t);
	return false;
}

bool term_wait_row(struct term *t, int row, const char *text, int timeout_ms)
{
	long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : TERM_CAP_MS);
	for (;;) {
		term_pump(t);
		if (strcmp(term_row(t, row), text) == 0)
			return true;
		long left = deadline - now_ms();
		if (left <= 0 || t->eof)
			break;
		poll_read(t, left < 50 ? (int)left : 50);
	}
	fprintf(stderr, "harness: row %d is not \"%s\"; the screen shows:\n", row, text);
	term_dump(t);
	return false;
}

/* Wait until the text of row `row` satisfies `ok` against `text`. */
static bool wait_row(struct term *t, int row, const char *text, bool has, int timeout_ms)
{
	long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : TERM_CAP_MS);

	for (;;) {
		term_pump(t);
		if ((strstr(term_row(t, row), text) != NULL) == has && (has || strcmp(term_row(t, row), text) != 0))
			return true;
		long left = deadline - now_ms();
		if (left <= 0 || t->eof)
			break;
		poll_read(t, left < 50 ? (int)left : 50);
	}
	fprintf(stderr, "harness: row %d %s \"%s\"; the screen shows:\n", row, has ? "does not hold" : "is still", text);
	term_dump(t);
	return false;
}

bool term_wait_row_has(struct term *t, int row, const char *text, int timeout_ms)
{
	return wait_row(t, row, text, true, timeout_ms);
}

bool term_wait_row_changes(struct term *t, int row, const char *was, int timeout_ms)
{
	return wait_row(t, row, was, false, timeout_ms);
}

bool term_wait_exit(struct term *t, int timeout_ms, int *status)
{
	long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : TERM_CAP_MS);
	for (;;) {
		try_reap(t);
		if (t->reaped) {
			/* Take what it wrote last; a grandchild may hold the pty open, so wait only briefly. */
			long end = now_ms() + 200;
			while (!t->eof && now_ms() < end)
				poll_read(t, 20);
			if (status)
				*status = t->status;
			return true;
		}
		long left = deadline - now_ms();
		if (left <= 0)
			return false;
		poll_read(t, left < 10 ? (int)left : 10);
	}
}

void term_send(struct term *t, const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t n = strlen(utf8);
	while (n > 0) {
		uint32_t c;
		int len = utf8_get(s, n, &c);
		if (len == 0) {
			term_raw(t, s, 1); /* an invalid byte goes through as it is */
			len = 1;
		} else {
			vterm_keyboard_unichar(t->vt, c, VTERM_MOD_NONE);
		}
		s += len;
		n -= (size_t)len;
	}
}

void term_key(struct term *t, VTermKey key)
{
	vterm_keyboard_key(t->vt, key, VTERM_MOD_NONE);
}

void term_key_mod(struct term *t, VTermKey key, VTermModifier mod)
{
	vterm_keyboard_key(t->vt, key, mod);
}

void term_ctrl(struct term *t, char c)
{
	char b = (char)((c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c) & 0x1F);
	if (c == '?')
		b = 0x7F;
	term_raw(t, &b, 1);
}

void term_raw(struct term *t, const void *bytes, size_t len)
{
	on_output(bytes, len, t);
}

void term_report_size(struct term *t, int cols, int rows)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	if (ioctl(t->fd, TIOCSWINSZ, &ws) < 0)
		fprintf(stderr, "harness: TIOCSWINSZ: %s\n", strerror(errno));
}

void term_show(struct term *t, const char *bytes, size_t len)
{
	feed(t, bytes, len);
}

void term_resize(struct term *t, int cols, int rows)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	/* Reset the scroll region (keeping the cursor), as xterm does on a resize.
	 * libvterm 0.3 clamps only the region's bottom edge to the new size: a
	 * region whose top is past the new last row is kept, and the next scroll
	 * then moves a negative number of rows and crashes the emulator. Not with
	 * DECSC/DECRC: libvterm's saved cursor includes its visibility, which
	 * leaving the alternate screen would then restore. */
	VTermPos pos;
	char reset[32];
	int n;
	/* And never narrower than 2 columns: libvterm 0.3 writes a wide character
	 * past the end of a 1-column screen and crashes, and output written for
	 * the size before a resize can arrive after it. The child gets the real
	 * size; a 1-column screen shows its one column in the first. */
	int vcols = cols < 2 ? 2 : cols;

	vterm_set_size(t->vt, rows, vcols);
	vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &pos);
	n = snprintf(reset, sizeof reset, "\033[r\033[%d;%dH", pos.row + 1, pos.col + 1);
	vterm_input_write(t->vt, reset, (size_t)n);
	t->rows = rows;
	t->cols = vcols;
	if (ioctl(t->fd, TIOCSWINSZ, &ws) < 0)
		fprintf(stderr, "harness: TIOCSWINSZ: %s\n", strerror(errno));
}

void term_signal(struct term *t, int sig)
{
	if (!t->reaped)
		kill(t->pid, sig);
}

void term_hangup(struct term *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	t->eof = true;
}

/* Build row `row` into `b`; if `cols_of` is given, it gets the column of each byte. */
static void row_build(const struct term *t, int row, struct buf *b, int **cols_of)
{
	size_t cap = 0;
	int *map = NULL;
	size_t keep = b->len; /* length without trailing spaces */
	for (int col = 0; col < t->cols;) {
		VTermScreenCell cell;
		VTermPos pos = { .row = row, .col = col };
		if (!vterm_screen_get_cell(t->screen, pos, &cell) || cell.chars[0] == (uint32_t)-1) {
			col++;
			continue;
		}
		size_t before = b->len;
		if (cell.chars[0] == 0) {
			buf_addc(b, ' ');
		} else {
			for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++) {
				char u[4];
				buf_add(b, u, (size_t)utf8_put(u, ambi_back(t, cell.chars[i])));
			}
		}
		if (cols_of) {
			map = xgrow(map, &cap, b->len + 1, sizeof *map);
			for (size_t i = before; i < b->len; i++)
				map[i] = col;
		}
		if (!(b->len == before + 1 && b->data[before] == ' '))
			keep = b->len;
		col += cell.width > 1 ? cell.width : 1;
	}
	b->len = keep;
	if (b->data)
		b->data[keep] = '\0';
	if (cols_of)
		*cols_of = map;
	else
		free(map);
}

const char *term_row(struct term *t, int row)
{
	if (row < 0 || row >= t->rows)
		return "";
	if (row >= t->row_cap) {
		size_t cap = (size_t)t->row_cap;
		t->row_text = xgrow(t->row_text, &cap, (size_t)row + 1, sizeof *t->row_text);
		for (size_t i = (size_t)t->row_cap; i < cap; i++)
			t->row_text[i] = NULL;
		t->row_cap = (int)cap;
	}
	struct buf b;
	buf_init(&b);
	row_build(t, row, &b, NULL);
	free(t->row_text[row]);
	t->row_text[row] = buf_take(&b, NULL);
	return t->row_text[row];
}

const char *term_screen(struct term *t)
{
	struct buf b;
	buf_init(&b);
	for (int r = 0; r < t->rows; r++) {
		if (r > 0)
			buf_addc(&b, '\n');
		row_build(t, r, &b, NULL);
	}
	free(t->screen_text);
	t->screen_text = buf_take(&b, NULL);
	return t->screen_text;
}

bool term_find_pos(const struct term *t, const char *text, int *row, int *col)
{
	for (int r = 0; r < t->rows; r++) {
		struct buf b;
		int *map;
		buf_init(&b);
		row_build(t, r, &b, &map);
		const char *hit = b.data ? strstr(b.data, text) : NULL;
		if (hit) {
			if (row)
				*row = r;
			if (col)
				*col = (size_t)(hit - b.data) < b.len ? map[hit - b.data] : 0;
		}
		free(map);
		buf_free(&b);
		if (hit)
			return true;
	}
	return false;
}

int term_find(const struct term *t, const char *text)
{
	int row;
	return term_find_pos(t, text, &row, NULL) ? row : -1;
}

void term_dump(struct term *t)
{
	int crow, ccol;
	term_cursor(t, &crow, &ccol);
	fprintf(stderr, "---- %dx%d, cursor %d,%d ----\n", t->cols, t->rows, crow, ccol);
	for (int r = 0; r < t->rows; r++)
		fprintf(stderr, "%2d|%s\n", r, term_row(t, r));
	fprintf(stderr, "----\n");
}

static void colour_get(const VTermColor *c, bool is_default, bool *def, int *index, bool *rgb, uint8_t out[3])
{
	*def = is_default;
	*index = -1;
	*rgb = false;
	if (is_default)
		return;
	if (VTERM_COLOR_IS_INDEXED(c)) {
		*index = c->indexed.idx;
	} else if (VTERM_COLOR_IS_RGB(c)) {
		*rgb = true;
		out[0] = c->rgb.red;
		out[1] = c->rgb.green;
		out[2] = c->rgb.blue;
	}
}

bool term_cell(const struct term *t, int row, int col, struct term_cell *c)
{
	memset(c, 0, sizeof *c);
	if (row < 0 || row >= t->rows || col < 0 || col >= t->cols)
		return false;
	VTermScreenCell cell;
	VTermPos pos = { .row = row, .col = col };
	if (!vterm_screen_get_cell(t->screen, pos, &cell))
		return false;
	size_t len = 0;
	for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i] && cell.chars[0] != (uint32_t)-1; i++) {
		if (len + 4 >= sizeof c->text)
			break;
		len += (size_t)utf8_put(c->text + len, ambi_back(t, cell.chars[i]));
	}
	c->text[len] = '\0';
	c->width = cell.width > 1 ? cell.width : 1;
	c->bold = cell.attrs.bold;
	c->italic = cell.attrs.italic;
	c->underline = cell.attrs.underline != 0;
	c->reverse = cell.attrs.reverse;
	c->blink = cell.attrs.blink;
	c->strike = cell.attrs.strike;
	colour_get(&cell.fg, VTERM_COLOR_IS_DEFAULT_FG(&cell.fg), &c->fg_default, &c->fg_index, &c->fg_rgb, c->fg);
	colour_get(&cell.bg, VTERM_COLOR_IS_DEFAULT_BG(&cell.bg), &c->bg_default, &c->bg_index, &c->bg_rgb, c->bg);
	return true;
}

void term_cursor(const struct term *t, int *row, int *col)
{
	VTermPos pos;
	vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &pos);
	*row = pos.row;
	*col = pos.col;
}

bool term_cursor_visible(const struct term *t)
{
	return t->cursor_visible;
}

bool term_altscreen(const struct term *t)
{
	return t->altscreen;
}

void term_size(const struct term *t, int *cols, int *rows)
{
	*cols = t->cols;
	*rows = t->rows;
}

const char *term_log(const struct term *t, size_t *len)
{
	if (len)
		*len = t->log.len;
	return t->log.data ? t->log.data : "";
}

void term_log_clear(struct term *t)
{
	t->log.len = 0;
	if (t->log.data)
		t->log.data[0] = '\0';
}

bool term_log_has(const struct term *t, const char *bytes)
{
	return t->log.len > 0 && memmem(t->log.data, t->log.len, bytes, strlen(bytes)) != NULL;
}

/* Whether the SGR parameters p[0..n) set a foreground or background colour. */
static bool sgr_sets_colour(const long *p, int n)
{
	for (int i = 0; i < n; i++) {
		long v = p[i];
		if ((v >= 30 && v <= 37) || (v >= 40 && v <= 47) || (v >= 90 && v <= 97) ||
		    (v >= 100 && v <= 107) || v == 38 || v == 48)
			return true;
	}
	return false;
}

int term_log_colours(const struct term *t)
{
	const char *s = t->log.data;
	size_t n = t->log.len;
	int count = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] != '\033' || s[i + 1] != '[')
			continue;
		size_t j = i + 2;
		if (j < n && strchr("?<=>", s[j]))
			continue; /* private sequences are never SGR */
		long params[32];
		int np = 0;
		long v = 0;
		while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';' || s[j] == ':')) {
			if (s[j] == ';' || s[j] == ':') {
				if (np < 32)
					params[np++] = v;
				v = 0;
			} else {
				v = v * 10 + (s[j] - '0');
			}
			j++;
		}
		if (np < 32)
			params[np++] = v;
		if (j < n && s[j] == 'm' && sgr_sets_colour(params, np))
			count++;
		i = j;
	}
	return count;
}

static const char *slurp(struct term *t, const char *name, char **keep, size_t *len)
{
	char *p = path_in(t, name);
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "");
	FILE *f = fopen(p, "rb");
	if (f) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, n);
		fclose(f);
	}
	free(p);
	free(*keep);
	size_t n;
	*keep = buf_take(&b, &n);
	if (len)
		*len = n;
	return *keep;
}

const char *term_stdout(struct term *t, size_t *len)
{
	return slurp(t, "stdout", &t->out_text, len);
}

const char *term_stderr(struct term *t, size_t *len)
{
	return slurp(t, "stderr", &t->err_text, len);
}

const char *term_dir(const struct term *t)
{
	return t->dir;
}

pid_t term_pid(const struct term *t)
{
	return t->pid;
}

long term_proc_status(const struct term *t, const char *field)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)t->pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, field, flen)) {
			v = strtol(line + flen, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

double term_exit_cpu_ms(const struct term *t)
{
	return t->reaped ? t->exit_cpu_ms : -1;
}

long term_cpu_ms(const struct term *t)
{
	char path[64], line[1024];
	unsigned long ut = 0, st = 0;
	long hz = sysconf(_SC_CLK_TCK);
	const char *p;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)t->pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	p = fgets(line, sizeof line, f);
	fclose(f);
	if (!p || !(p = strrchr(line, ')')))
		return -1;
	/* After the command: state (field 3) ... utime (14), stime (15). */
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (long)((ut + st) * 1000 / (unsigned long)(hz > 0 ? hz : 100));
}

long term_switches(const struct term *t)
{
	long v = term_proc_status(t, "voluntary_ctxt_switches:");
	long n = term_proc_status(t, "nonvoluntary_ctxt_switches:");

	return v < 0 || n < 0 ? -1 : v + n;
}

void term_type(struct term *t, const char *keys)
{
	term_send(t, keys);
	term_wait_quiet(t, 0);
}

int term_quit(struct term *t)
{
	int st = -1, rc = -1;

	term_send(t, "q");
	if (term_wait_exit(t, 5000, &st) && WIFEXITED(st))
		rc = WEXITSTATUS(st);
	term_free(t);
	return rc;
}

const char *term_misaligned(struct term *t)
{
	static char msg[256];
	int cols, rows, sep_col = -1;

	term_size(t, &cols, &rows);
	for (int r = 1; r < rows - 1; r++) {
		for (int c = 0; c < cols; c++) {
			struct term_cell cell, next;

			if (!term_cell(t, r, c, &cell))
				continue;
			if (strcmp(cell.text, "│") == 0) {
				if (sep_col < 0)
					sep_col = c;
				else if (sep_col != c) {
					snprintf(msg, sizeof msg, "row %d has the separator at %d, not %d", r, c, sep_col);
					return msg;
				}
			}
			if (cell.width == 2) {
				if (c + 1 >= cols) {
					snprintf(msg, sizeof msg, "row %d: wide character in the last column", r);
					return msg;
				}
				if (!term_cell(t, r, c + 1, &next) || next.text[0]) {
					snprintf(msg, sizeof msg, "row %d col %d: the cell after a wide character holds '%s'",
						 r, c + 1, next.text);
					return msg;
				}
				c++;
			}
		}
	}
	/* Beside the speaker pane, every body row has the separator. */
	for (int r = 1; sep_col >= 0 && r < rows - 1; r++) {
		struct term_cell cell;

		if (!term_cell(t, r, sep_col, &cell) || strcmp(cell.text, "│") != 0) {
			snprintf(msg, sizeof msg, "row %d has no separator at column %d", r, sep_col);
			return msg;
		}
	}
	return NULL;
}

static size_t base64_decode(const char *s, size_t n, char *out)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;
	unsigned acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n && s[i] != '='; i++) {
		const char *d = memchr(digits, s[i], 64);

		if (!d)
			return (size_t)-1;
		acc = acc << 6 | (unsigned)(d - digits);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return o;
}

char *term_log_clipboard(const struct term *t, size_t *len, size_t *b64_len)
{
	static const char start[] = "\033]52;c;";
	const char *log = term_log(t, NULL), *p = strstr(log, start), *end;
	char *out;

	if (!p || strstr(p + 1, "\033]52;"))
		return NULL;
	p += strlen(start);
	end = strchr(p, '\a');
	if (!end)
		return NULL;
	out = xmalloc((size_t)(end - p) + 1);
	*len = base64_decode(p, (size_t)(end - p), out);
	if (*len == (size_t)-1) {
		free(out);
		return NULL;
	}
	out[*len] = '\0';
	if (b64_len)
		*b64_len = (size_t)(end - p);
	return out;
}
