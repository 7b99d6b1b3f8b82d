/* Tests of the saved reading position: directory choice, round trips, most
 * recent first, permissions, atomic replacement and failure reporting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>

#include <cmocka.h>

#include "fayan/state.h"

/* What the browser reads of the file (state_read), asked one thing at a time. */

/* The terminal type's answer kept in dir: 1 wide, 0 narrow, -1 not known. */
static int state_ambiwidth_load(const char *dir, const char *term)
{
	struct state_file sf;
	int wide;

	state_read(dir, &sf);
	wide = state_file_ambiwidth(&sf, term);
	state_file_free(&sf);
	return wide;
}

/* The settings kept in dir into *prefs; whether there are any. */
static bool state_load_prefs(const char *dir, struct state_prefs *prefs)
{
	struct state_file sf;

	state_read(dir, &sf);
	*prefs = sf.prefs;
	state_file_free(&sf);
	return prefs->saved;
}

/* Every position kept in dir, most recent first; NULL and *n = 0 if none. */
static struct state_pos *state_load_all(const char *dir, size_t *n)
{
	struct state_file sf;
	struct state_pos *all;

	state_read(dir, &sf);
	all = sf.pos;
	*n = sf.npos;
	sf.pos = NULL;
	state_file_free(&sf);
	return all;
}

/* The settings saved alone, the positions kept. */
static int state_save_prefs(const char *dir, const struct state_prefs *prefs, struct fy_err *err)
{
	return state_save_all(dir, NULL, prefs, err);
}

struct fixture {
	char root[64];
	char *dir;
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);
	const char *tmp = getenv("TMPDIR");

	snprintf(fx->root, sizeof fx->root, "%s/fystate.XXXXXX", tmp && tmp[0] == '/' && strlen(tmp) < 40 ? tmp : "/tmp");
	assert_non_null(mkdtemp(fx->root));
	fx->dir = state_dir(fx->root, NULL);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->root);
	assert_int_equal(system(cmd), 0);
	free(fx->dir);
	free(fx);
	return 0;
}

static void test_dir_choice(void **state)
{
	char *d;

	(void)state;
	d = state_dir("/x/state", "/home/u");
	assert_string_equal(d, "/x/state/fayan");
	free(d);
	d = state_dir(NULL, "/home/u");
	assert_string_equal(d, "/home/u/.local/state/fayan");
	free(d);
	/* A relative XDG_STATE_HOME is invalid by the spec and ignored. */
	d = state_dir("rel/state", "/home/u");
	assert_string_equal(d, "/home/u/.local/state/fayan");
	free(d);
	d = state_dir("", "/home/u");
	assert_string_equal(d, "/home/u/.local/state/fayan");
	free(d);
	assert_null(state_dir(NULL, NULL));
	assert_null(state_dir("", ""));
}

static void test_key(void **state)
{
	const char *a = "不断提升基层治理能力";

	(void)state;
	assert_true(state_key(a, strlen(a)) == state_key(a, strlen(a)));
	assert_true(state_key(a, strlen(a)) != state_key(a, strlen(a) - 1));
	assert_true(state_key("", 0) == 0xcbf29ce484222325ULL); /* FNV-1a offset basis */
	assert_true(state_key("a", 1) == 0xaf63dc4c8601ec8cULL);
}

static void test_round_trip_and_modes(void **state)
{
	struct fixture *fx = *state;
	struct state_pos p = {.key = 0xfedcba9876543210ULL, .section = 8, .para = 3}, got;
	struct fy_err err = {0};
	struct stat st;
	char path[128];

	assert_int_equal(state_load(fx->dir, p.key, &got), -1); /* nothing yet, no directory */
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	assert_int_equal(state_load(fx->dir, p.key, &got), 0);
	assert_true(got.key == p.key);
	assert_int_equal(got.section, 8);
	assert_int_equal(got.para, 3);

	assert_int_equal(stat(fx->dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(path, sizeof path, "%s/positions", fx->dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static void test_most_recent_first_and_update(void **state)
{
	struct fixture *fx = *state;
	struct fy_err err = {0};
	struct state_pos got;

	for (uint64_t k = 1; k <= 5; k++) {
		struct state_pos p = {.key = k, .section = (size_t)k, .para = 0};

		assert_int_equal(state_save(fx->dir, &p, &err), 0);
	}
	assert_int_equal(state_load(fx->dir, 5, &got), 0);
	assert_int_equal(state_load(fx->dir, 1, &got), 4);
	/* Saving an old key again moves it to the front with the new position, once. */
	{
		struct state_pos p = {.key = 1, .section = 0, .para = 7};

		assert_int_equal(state_save(fx->dir, &p, &err), 0);
	}
	assert_int_equal(state_load(fx->dir, 1, &got), 0);
	assert_int_equal(got.section, 0);
	assert_int_equal(got.para, 7);
	assert_int_equal(state_load(fx->dir, 5, &got), 1);
	assert_int_equal(state_load(fx->dir, 2, &got), 4);
	assert_int_equal(state_load(fx->dir, 6, &got), -1);
}

/* Each terminal type that draws ambiguous characters wide is kept beside
 * the positions (narrow, by leaving it out): saving a position keeps the
 * answers, saving an answer keeps the positions, a type is there once (the
 * newest first), and a file that an older fayan wrote or reads stays valid
 * both ways. */
static void test_ambiwidth_hints(void **state)
{
	struct fixture *fx = *state;
	struct fy_err err = {0};
	struct state_pos p = {.key = 0x42, .section = 3, .para = 1}, got;
	char path[128], text[512];
	FILE *f;
	size_t n;

	assert_int_equal(state_ambiwidth_load(fx->dir, "xterm-256color"), -1);
	assert_int_equal(state_ambiwidth_load(NULL, "xterm-256color"), -1);
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	assert_int_equal(state_ambiwidth_save(fx->dir, "xterm-256color", true, &err), 0);
	assert_int_equal(state_ambiwidth_save(fx->dir, "putty", false, &err), 0);
	assert_int_equal(state_ambiwidth_load(fx->dir, "xterm-256color"), 1);
	assert_int_equal(state_ambiwidth_load(fx->dir, "putty"), -1); /* narrow: nothing written */
	assert_int_equal(state_ambiwidth_save(fx->dir, "putty", true, &err), 0);
	assert_int_equal(state_ambiwidth_load(fx->dir, "putty"), 1);
	assert_int_equal(state_ambiwidth_load(fx->dir, "xterm"), -1);
	assert_int_equal(state_ambiwidth_load(fx->dir, "xterm-256"), -1);
	/* A position saved later keeps the answers; an answer changed is kept once. */
	p.key = 0x43;
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	assert_int_equal(state_ambiwidth_save(fx->dir, "xterm-256color", false, &err), 0);
	assert_int_equal(state_ambiwidth_load(fx->dir, "xterm-256color"), -1);
	assert_int_equal(state_load(fx->dir, 0x42, &got), 1);
	assert_int_equal(state_load(fx->dir, 0x43, &got), 0);
	/* Nothing that cannot be one word of a line is kept. */
	assert_int_equal(state_ambiwidth_save(fx->dir, "a b", true, &err), 0);
	assert_int_equal(state_ambiwidth_save(fx->dir, "", true, &err), 0);
	assert_int_equal(state_ambiwidth_save(fx->dir, NULL, true, &err), 0);
	assert_int_equal(state_ambiwidth_load(fx->dir, "a b"), -1);
	snprintf(path, sizeof path, "%s/positions", fx->dir);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	assert_string_equal(text, "0000000000000043 3 1\n0000000000000042 3 1\nambiwidth putty wide\n");
	/* The positions of a file with answers read as before. */
	assert_int_equal(state_load(fx->dir, 0x42, &got), 1);
	assert_int_equal(got.section, 3);
}

/* The reader's indent setting is kept in the same file: positions saved
 * after it keep it, and it keeps the positions. */
static void test_prefs_kept_with_positions(void **state)
{
	struct fixture *fx = *state;
	struct fy_err err = {0};
	struct state_prefs prefs = {.saved = true, .indent = true}, got = {0};
	struct state_pos p = {.key = 9, .section = 2, .para = 3}, pos;
	size_t n;
	struct state_pos *all;

	assert_false(state_load_prefs(fx->dir, &got));
	assert_false(got.indent);
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	assert_int_equal(state_save_prefs(fx->dir, &prefs, &err), 0);
	p.key = 10;
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	assert_true(state_load_prefs(fx->dir, &got));
	assert_true(got.indent);
	assert_int_equal(state_load(fx->dir, 9, &pos), 1);
	assert_int_equal(pos.para, 3);
	all = state_load_all(fx->dir, &n);
	assert_int_equal(n, 2);
	free(all);
	prefs.indent = false;
	assert_int_equal(state_save_prefs(fx->dir, &prefs, &err), 0);
	assert_true(state_load_prefs(fx->dir, &got));
	assert_false(got.indent);
	assert_int_equal(state_load(fx->dir, 10, &pos), 0);
	/* The setting and a terminal's answer keep each other. */
	assert_int_equal(state_ambiwidth_save(fx->dir, "xterm-256color", true, &err), 0);
	prefs.indent = true;
	assert_int_equal(state_save_prefs(fx->dir, &prefs, &err), 0);
	assert_int_equal(state_ambiwidth_load(fx->dir, "xterm-256color"), 1);
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	assert_true(state_load_prefs(fx->dir, &got));
	assert_true(got.indent);
	assert_int_equal(state_ambiwidth_load(fx->dir, "xterm-256color"), 1);
}

/* state_read gives the positions, the setting and the terminals' answers
 * of one read; state_save_all writes a position and the setting at once. */
static void test_read_once(void **state)
{
	struct fixture *fx = *state;
	struct fy_err err = {0};
	struct state_prefs prefs = {.saved = true, .indent = true};
	struct state_pos p = {.key = 7, .section = 1, .para = 4};
	struct state_file sf;

	state_read(NULL, &sf);
	assert_null(sf.pos);
	assert_int_equal(sf.npos, 0);
	assert_false(sf.prefs.saved);
	assert_int_equal(state_file_ambiwidth(&sf, "xterm"), -1);
	state_file_free(&sf);
	state_read(fx->dir, &sf); /* no file yet */
	assert_null(sf.pos);
	assert_false(sf.prefs.saved);
	state_file_free(&sf);

	assert_int_equal(state_ambiwidth_save(fx->dir, "putty", true, &err), 0);
	assert_int_equal(state_save_all(fx->dir, &p, &prefs, &err), 0);
	p.key = 8;
	assert_int_equal(state_save_all(fx->dir, &p, NULL, &err), 0);
	state_read(fx->dir, &sf);
	assert_int_equal(sf.npos, 2);
	assert_true(sf.pos[0].key == 8 && sf.pos[1].key == 7);
	assert_int_equal(sf.pos[1].para, 4);
	assert_true(sf.prefs.saved && sf.prefs.indent);
	assert_int_equal(state_file_ambiwidth(&sf, "putty"), 1);
	assert_int_equal(state_file_ambiwidth(&sf, "xterm"), -1);
	assert_int_equal(state_file_ambiwidth(&sf, "a b"), -1);
	state_file_free(&sf);
	assert_null(sf.pos);
}

/* state_load_all gives what state_load would for every key, in one read. */
static void test_load_all_matches_load(void **state)
{
	struct fixture *fx = *state;
	struct fy_err err = {0};
	struct state_pos *all, got;
	size_t n = 99;
	char path[128];
	FILE *f;

	all = state_load_all(fx->dir, &n); /* no directory yet */
	assert_null(all);
	assert_int_equal(n, 0);
	for (uint64_t k = 1; k <= 4; k++) {
		struct state_pos p = {.key = k * 0x1000000001ULL, .section = (size_t)k, .para = (size_t)(10 * k)};

		assert_int_equal(state_save(fx->dir, &p, &err), 0);
	}
	all = state_load_all(fx->dir, &n);
	assert_non_null(all);
	assert_int_equal(n, 4);
	for (size_t r = 0; r < n; r++) {
		assert_int_equal(all[r].key, (4 - r) * 0x1000000001ULL);
		assert_int_equal(state_load(fx->dir, all[r].key, &got), (long)r);
		assert_int_equal(got.section, all[r].section);
		assert_int_equal(got.para, all[r].para);
	}
	free(all);
	/* Damaged lines are skipped here too; an empty file gives nothing. */
	snprintf(path, sizeof path, "%s/positions", fx->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("junk\n00000000000000ff 3 9\n\xe4\xb8\xad 1 1\n", f);
	fclose(f);
	all = state_load_all(fx->dir, &n);
	assert_int_equal(n, 1);
	assert_int_equal(all[0].key, 0xff);
	assert_int_equal(all[0].section, 3);
	assert_int_equal(all[0].para, 9);
	free(all);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	all = state_load_all(fx->dir, &n);
	assert_null(all);
	assert_int_equal(n, 0);
}

static void test_no_temp_files_left_and_garbage_ignored(void **state)
{
	struct fixture *fx = *state;
	struct fy_err err = {0};
	struct state_pos p = {.key = 42, .section = 2, .para = 1}, got;
	char path[128];
	FILE *f;
	DIR *dh;
	struct dirent *e;
	int files = 0;

	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	/* A damaged file: bad lines are skipped, good ones still found. */
	snprintf(path, sizeof path, "%s/positions", fx->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("garbage\n\xff\xfe\n000000000000002a 2\n000000000000002b 4 5\nzz 1 2\n", f);
	fclose(f);
	assert_int_equal(state_load(fx->dir, 42, &got), -1);
	assert_int_equal(state_load(fx->dir, 43, &got), 0);
	assert_int_equal(got.section, 4);
	assert_int_equal(got.para, 5);
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	assert_int_equal(state_load(fx->dir, 42, &got), 0);
	assert_int_equal(state_load(fx->dir, 43, &got), 1);

	dh = opendir(fx->dir);
	assert_non_null(dh);
	while ((e = readdir(dh)))
		if (e->d_name[0] != '.' || strncmp(e->d_name, ".positions", 10) == 0)
			files++;
	closedir(dh);
	assert_int_equal(files, 1); /* only "positions": no temporary left behind */
}

static void test_failure_reported(void **state)
{
	struct fixture *fx = *state;
	struct fy_err err = {0};
	struct state_pos p = {.key = 1, .section = 1, .para = 0};
	char blocker[128];
	char *dir;
	FILE *f;

	/* A file where the directory should be: the save fails and says where. */
	snprintf(blocker, sizeof blocker, "%s/blocked", fx->root);
	f = fopen(blocker, "w");
	assert_non_null(f);
	fclose(f);
	dir = state_dir(blocker, NULL);
	assert_int_equal(state_save(dir, &p, &err), -1);
	assert_non_null(strstr(err.msg, "blocked"));
	assert_int_equal(err.code, EXIT_TROUBLE);
	free(dir);

	/* A read-only directory (unless we are root, who may write anyway). */
	if (geteuid() != 0) {
		struct fy_err err2 = {0};

		assert_int_equal(state_save(fx->dir, &p, &err2), 0);
		assert_int_equal(chmod(fx->dir, 0500), 0);
		p.section = 9;
		assert_int_equal(state_save(fx->dir, &p, &err2), -1);
		assert_true(err2.msg[0] != '\0');
		assert_int_equal(chmod(fx->dir, 0700), 0);
		{
			struct state_pos got;

			assert_int_equal(state_load(fx->dir, 1, &got), 0);
			assert_int_equal(got.section, 1); /* the old file is intact */
		}
	}
}

/* ---- what may sit in the state directory ---- */

/* A read that never ends or never starts must fail the test, not hang it. */
static void on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "test_state: reading the state took over 5 s\n";

	(void)!write(2, msg, sizeof msg - 1);
	_exit(1);
}

static void guard_start(void)
{
	signal(SIGALRM, on_alarm);
	alarm(5);
}

static void guard_end(void)
{
	alarm(0);
}

static void positions_path(const struct fixture *fx, char *path, size_t size)
{
	snprintf(path, size, "%s/positions", fx->dir);
}

/* Make the state directory and open its positions file for writing; path
 * gets its name. */
static FILE *new_positions(struct fixture *fx, char *path, size_t size)
{
	FILE *f;

	assert_int_equal(mkdir(fx->dir, 0700), 0);
	positions_path(fx, path, size);
	f = fopen(path, "w");
	assert_non_null(f);
	return f;
}

/* Whatever sits at "positions" instead of a file: nothing is read from it,
 * without blocking, the note says so once, and a save replaces it. */
static void check_not_read(struct fixture *fx, const char *why)
{
	struct state_pos got, p = {.key = 7, .section = 3, .para = 2};
	struct fy_err err = {0};
	char note[256] = "", path[128], want[200];
	size_t n = 9;
	char *dir;
	struct stat st;

	guard_start();
	assert_int_equal(state_load(fx->dir, 7, &got), -1);
	assert_null(state_load_all(fx->dir, &n));
	assert_int_equal(n, 0);
	dir = state_dir_safe(fx->root, NULL, note, sizeof note);
	assert_non_null(dir); /* the directory itself is fine */
	assert_string_equal(dir, fx->dir);
	snprintf(want, sizeof want, "reading positions ignored: %s (%s/positions)", why, fx->dir);
	assert_string_equal(note, want);
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	guard_end();
	positions_path(fx, path, sizeof path);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(state_load(fx->dir, 7, &got), 0);
	assert_int_equal(got.section, 3);
	free(dir);
}

/* The state directory with a link to `target` (a FIFO if NULL) at "positions". */
static void make_positions_odd(struct fixture *fx, const char *target)
{
	char path[128];

	assert_int_equal(mkdir(fx->dir, 0700), 0);
	positions_path(fx, path, sizeof path);
	if (target)
		assert_int_equal(symlink(target, path), 0);
	else
		assert_int_equal(mkfifo(path, 0600), 0);
}

static void test_positions_link_to_dev_zero(void **state)
{
	struct fixture *fx = *state;

	make_positions_odd(fx, "/dev/zero");
	check_not_read(fx, "not a regular file");
}

static void test_positions_link_to_good_file(void **state)
{
	struct fixture *fx = *state;
	char real[128];
	FILE *f;

	/* Even a link to a good file is not followed (O_NOFOLLOW). */
	snprintf(real, sizeof real, "%s/real", fx->root);
	f = fopen(real, "w");
	assert_non_null(f);
	fputs("0000000000000007 1 1\n", f);
	fclose(f);
	make_positions_odd(fx, real);
	check_not_read(fx, "not a regular file");
	f = fopen(real, "r"); /* the link was replaced, its target left alone */
	assert_non_null(f);
	fclose(f);
}

static void test_positions_fifo(void **state)
{
	struct fixture *fx = *state;

	make_positions_odd(fx, NULL);
	check_not_read(fx, "not a regular file");
}

static void test_positions_huge(void **state)
{
	struct fixture *fx = *state;
	char path[128];
	FILE *f;

	f = new_positions(fx, path, sizeof path);
	/* Well-formed lines, the one looked for first, past the limit in all. */
	for (size_t size = 0; size <= STATE_MAX_BYTES; size += 21)
		fputs("0000000000000007 9 9\n", f);
	fclose(f);
	check_not_read(fx, "over 1 MiB");
	{
		struct stat st;

		assert_int_equal(stat(path, &st), 0);
		assert_true(st.st_size < 100); /* started afresh */
	}
}

/* A file of exactly the limit is still read. */
static void test_positions_at_limit(void **state)
{
	struct fixture *fx = *state;
	char path[128], note[64] = "";
	FILE *f;
	struct state_pos got;
	char *dir;

	f = new_positions(fx, path, sizeof path);
	fputs("0000000000000007 9 9\n", f);
	for (long size = 21; size < STATE_MAX_BYTES; size++)
		fputc('\n', f);
	fclose(f);
	assert_int_equal(state_load(fx->dir, 7, &got), 0);
	assert_int_equal(got.section, 9);
	dir = state_dir_safe(fx->root, NULL, note, sizeof note);
	assert_non_null(dir);
	assert_string_equal(note, "");
	free(dir);
}

/* A directory others can write to, or that is someone else's, is not used at
 * all: nothing read, nothing saved, one message. */
static void check_dir_refused(struct fixture *fx, const char *why)
{
	struct state_pos got, p = {.key = 8, .section = 1, .para = 0};
	struct fy_err err = {0};
	char note[300] = "no UTF-8 locale", want[300];
	size_t n = 9;

	assert_null(state_dir_safe(fx->root, NULL, note, sizeof note));
	snprintf(want, sizeof want, "no UTF-8 locale; reading position not kept: %s (%s)", why, fx->dir);
	assert_string_equal(note, want);
	assert_int_equal(state_load(fx->dir, 7, &got), -1);
	assert_null(state_load_all(fx->dir, &n));
	assert_int_equal(state_save(fx->dir, &p, &err), -1);
	assert_non_null(strstr(err.msg, why));
}

static void write_one_entry(struct fixture *fx)
{
	char path[128];
	FILE *f;

	f = new_positions(fx, path, sizeof path);
	fputs("0000000000000007 1 1\n", f);
	fclose(f);
}

static void test_dir_writable_by_others(void **state)
{
	struct fixture *fx = *state;

	write_one_entry(fx);
	assert_int_equal(chmod(fx->dir, 0777), 0);
	check_dir_refused(fx, "directory writable by others");
	assert_int_equal(chmod(fx->dir, 0770), 0);
	check_dir_refused(fx, "directory writable by others");
	assert_int_equal(chmod(fx->dir, 0755), 0); /* readable by others is fine */
	{
		char note[16] = "";
		char *dir = state_dir_safe(fx->root, NULL, note, sizeof note);

		assert_non_null(dir);
		assert_string_equal(note, "");
		free(dir);
	}
}

static void test_dir_not_owned(void **state)
{
	struct fixture *fx = *state;

	if (geteuid() != 0)
		skip(); /* only root can give a directory away */
	write_one_entry(fx);
	assert_int_equal(chown(fx->dir, 65534, 65534), 0);
	check_dir_refused(fx, "directory not owned by you");
}

static void test_dir_absent_is_fine(void **state)
{
	struct fixture *fx = *state;
	char note[16] = "";
	char *dir = state_dir_safe(fx->root, NULL, note, sizeof note);

	assert_non_null(dir);
	assert_string_equal(note, "");
	free(dir);
	assert_null(state_dir_safe(NULL, NULL, note, sizeof note));
}

/* ---- instances saving at once ---- */

#define SAVERS 3
#define SAVES 25

/* SAVERS processes save SAVES distinct keys each, all at once: every key is
 * in the file afterwards (a read-modify-rename without a lock loses some,
 * after they were seen there). */
static void test_concurrent_saves_lose_nothing(void **state)
{
	struct fixture *fx = *state;
	pid_t pids[SAVERS];
	size_t n;
	struct state_pos *all;

	assert_int_equal(mkdir(fx->dir, 0700), 0);
	for (int c = 0; c < SAVERS; c++) {
		pids[c] = fork();
		assert_true(pids[c] >= 0);
		if (pids[c] == 0) {
			for (uint64_t k = 0; k < SAVES; k++) {
				struct state_pos p = {.key = (uint64_t)c * 1000 + k + 1, .section = 1, .para = k};
				struct fy_err err = {0};

				struct state_pos got;

				/* A save may give up on a lock held too long (under
				 * valgrind, say): then it is tried again. */
				do
					if (state_save(fx->dir, &p, &err) != 0)
						_exit(2);
				while (state_load(fx->dir, p.key, &got) < 0);
			}
			_exit(0);
		}
	}
	for (int c = 0; c < SAVERS; c++) {
		int st;

		assert_int_equal(waitpid(pids[c], &st, 0), pids[c]);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	all = state_load_all(fx->dir, &n);
	assert_int_equal(n, SAVERS * SAVES);
	for (int c = 0; c < SAVERS; c++)
		for (uint64_t k = 0; k < SAVES; k++) {
			struct state_pos got;

			assert_true(state_load(fx->dir, (uint64_t)c * 1000 + k + 1, &got) >= 0);
			assert_int_equal(got.para, k);
		}
	free(all);
}

/* While another instance holds the lock, a save gives up after a short wait,
 * with no error and the file untouched. */
static void test_save_gives_up_on_held_lock(void **state)
{
	struct fixture *fx = *state;
	struct state_pos p = {.key = 9, .section = 2, .para = 0}, got;
	struct fy_err err = {0};
	struct timespec t0, t1;
	long ms;
	int fd;

	write_one_entry(fx);
	fd = open(fx->dir, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_string_equal(err.msg, "");
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(ms >= STATE_LOCK_WAIT_MS - 10); /* it did wait for the lock */
	assert_true(ms < 10 * STATE_LOCK_WAIT_MS); /* and no longer than that, give or take */
	assert_int_equal(state_load(fx->dir, 9, &got), -1);
	assert_int_equal(state_load(fx->dir, 7, &got), 0);
	close(fd);
	assert_int_equal(state_save(fx->dir, &p, &err), 0);
	assert_int_equal(state_load(fx->dir, 9, &got), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir_choice),
		cmocka_unit_test(test_key),
		cmocka_unit_test_setup_teardown(test_round_trip_and_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_most_recent_first_and_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_all_matches_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ambiwidth_hints, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prefs_kept_with_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_temp_files_left_and_garbage_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_positions_link_to_dev_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_positions_link_to_good_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_positions_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_positions_huge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_positions_at_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_writable_by_others, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_not_owned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_absent_is_fine, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_saves_lose_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_gives_up_on_held_lock, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
