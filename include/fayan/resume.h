/* resume.h: the browser's work on the inputs that arrive while it runs:
 * reading them a slice at a time, what the status line says of that, and
 * reopening the article and paragraph the user read last, as its file
 * arrives. No curses: the loop calls these between keys. */
#ifndef FAYAN_RESUME_H
#define FAYAN_RESUME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "fayan/state.h"
#include "fayan/view.h"

/* While inputs are still being read: how long to read between looks at the
 * keyboard, and how often the count of sections in the status line changes. */
#define RESUME_SLICE_MS 10
#define RESUME_COUNT_MS 250

struct resume {
	char *state_dir;   /* NULL: positions are neither read nor saved */
	bool state_failed; /* saving failed once: not tried again */
	/* Each article's state key, hashed from its whole text the first time
	 * it is needed (keyed[a] says whether keys[a] is set), never again. */
	uint64_t *keys;
	bool *keyed;
	size_t nkeys;      /* room in keys and keyed */
	size_t saved_item; /* the item whose position was saved last */
	bool indent;       /* the reader's indent setting as saved (or found) last */
	/* Reading positions waiting for their article to be read: the article
	 * read most recently is opened when it arrives, unless a key came first. */
	struct state_pos *positions;
	size_t npositions;
	size_t best_rank;  /* the best position found so far (its index), SIZE_MAX: none */
	size_t checked;    /* the articles compared with positions so far */
	size_t nerrors;    /* inputs that could not be read, as last shown */
	struct timespec shown_at; /* when the count of sections was last shown */
};

/* Start with the positions kept in `state_dir` (taken over; NULL: none), and
 * when `restore` open where the user left off among the articles read so far
 * (the rest are looked at as they arrive). */
void resume_start(struct resume *r, struct view *v, char *state_dir, bool restore);

/* resume_start with the positions file already read into *sf (its positions
 * are taken over; the caller still frees sf). */
void resume_start_from(struct resume *r, struct view *v, char *state_dir, bool restore, struct state_file *sf);

/* Whether a saved position may still open when its article arrives. */
bool resume_waiting(const struct resume *r);

/* Stop looking for where the user left off (a key came first: the reader stays). */
void resume_stop(struct resume *r);

/* Remember where the user is, and the indent setting if it changed; after the first failure say so once in v->note and stop trying. */
void resume_save(struct resume *r, struct view *v);

/* Whether the reader is on another item than the one saved last. */
bool resume_moved(const struct resume *r, const struct view *v);

/* Read pending inputs for about RESUME_SLICE_MS, take them in, and open a
 * saved position if its article came. */
void resume_read_slice(struct resume *r, struct view *v);

/* Bring what the status line says of the reading up to date:
 * the count of sections (changed at most every RESUME_COUNT_MS while inputs
 * are read, since a count that changed every slice would cost bytes on a slow
 * link for nothing the reader needs), and the last input that could not be read. */
void resume_progress(struct resume *r, struct view *v);

void resume_free(struct resume *r);

#endif
