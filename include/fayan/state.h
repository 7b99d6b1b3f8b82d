/* state.h: the reading position that survives between runs, one line per
 * article in $XDG_STATE_HOME/fayan/positions, keyed by a hash of the article's
 * text as the parser left it (the same file always gives the same key), so
 * that renaming a file keeps its place and editing it starts afresh.
 * No curses; the browser calls it. */
#ifndef FAYAN_STATE_H
#define FAYAN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fayan/util.h"

/* Most articles remembered; the least recently read are dropped first. */
#define STATE_MAX_ENTRIES 500
/* Largest positions file read (500 entries take under 20 KB); a larger one is
 * ignored and replaced by the next save. */
#define STATE_MAX_BYTES (1 << 20)
/* Longest wait, in ms, for another instance to finish saving. */
#define STATE_LOCK_WAIT_MS 200

/* Where the user was in one article: `section` is 1-based within the article
 * (0 = the intro), `para` the 0-based paragraph at the top of the reader. */
struct state_pos {
	uint64_t key;
	size_t section;
	size_t para;
};

/* The reader's settings kept with the positions. */
struct state_prefs {
	bool saved;  /* the file holds them */
	bool indent; /* paragraphs indented, without blank lines between them */
};

/* The whole positions file as read once: the positions, most recent first,
 * the settings, and the terminals' ambiwidth lines. */
struct state_file {
	struct state_pos *pos; /* NULL if none */
	size_t npos;
	struct state_prefs prefs;
	char *terms; /* the ambiwidth lines, each ending in a newline */
	size_t terms_len;
};

/* A 64-bit FNV-1a hash of data[0..len), the key of an article. */
uint64_t state_key(const char *data, size_t len);

/* The state directory: "$xdg/fayan" if xdg is an absolute path, else
 * "$home/.local/state/fayan"; NULL if neither is usable. Caller frees. */
char *state_dir(const char *xdg, const char *home);

/* state_dir(xdg, home) if that directory may be used: absent (the first save
 * makes it), or owned by the user and writable by no one else. Otherwise NULL
 * (no position is read or saved) and a one-line message appended to the
 * NUL-terminated note[0..note_size). A positions file that is not a regular
 * file or is over STATE_MAX_BYTES is said in note too: it is ignored, and the
 * next save replaces it. Caller frees. */
char *state_dir_safe(const char *xdg, const char *home, char *note, size_t note_size);

/* Look `key` up in the positions file in `dir`. Returns its rank (0 = the most
 * recently saved) and fills *pos, or -1 if absent or unreadable. */
long state_load(const char *dir, uint64_t key, struct state_pos *pos);

/* Read the positions file in `dir` once into *sf: every position, most
 * recent first (the index is the rank state_load returns), the settings and
 * the terminals' answers; all empty if dir is NULL, not safe, or holds no
 * file that can be read. Free with state_file_free. */
void state_read(const char *dir, struct state_file *sf);

void state_file_free(struct state_file *sf);

/* What terminal type `term` said of ambiguous-width characters, as kept in
 * sf: 1 wide, 0 narrow, -1 not known (or term not a plain word). */
int state_file_ambiwidth(const struct state_file *sf, const char *term);

/* Save *pos as the most recent entry: creates `dir` (mode 0700) if needed and
 * replaces the file atomically (temporary file in `dir`, fsync, rename; mode
 * 0600) under a lock on `dir`, so that instances saving at once lose no entry.
 * Returns 0, also when another instance kept the lock for STATE_LOCK_WAIT_MS
 * (the position is then not saved), or -1 with err filled ("PATH: reason"),
 * a directory that state_dir_safe refuses included. */
int state_save(const char *dir, const struct state_pos *pos, struct fy_err *err);

/* Keep `wide` as the answer of terminal type `term`, beside the positions
 * (which stay as they are), as state_save writes; narrow is kept by writing
 * nothing for `term`. Returns 0 (also for a term that cannot be kept), or -1
 * with err filled. */
int state_ambiwidth_save(const char *dir, const char *term, bool wide, struct fy_err *err);

/* Save *pos (if not NULL) as state_save does and *prefs (if not NULL) as
 * the settings, in one rewrite of the file (the rest is kept). */
int state_save_all(const char *dir, const struct state_pos *pos, const struct state_prefs *prefs, struct fy_err *err);

#endif
