/* resume.c: the inputs that arrive while the browser runs, and where the user
 * left off. Positions are compared with an article only once it is read, so a
 * large archive opens at once and the saved article opens when it arrives,
 * unless the user pressed a key first. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/i18n.h"
#include "fayan/resume.h"

/* The state key of article a, hashed once. */
static uint64_t article_key(struct resume *r, const struct doc *d, size_t a)
{
	if (a >= r->nkeys) {
		/* The collection grows while inputs are read: room for all of it. */
		size_t n = d->narticles > a ? d->narticles : a + 1;

		r->keys = xrealloc(r->keys, n * sizeof *r->keys);
		r->keyed = xrealloc(r->keyed, n * sizeof *r->keyed);
		memset(r->keyed + r->nkeys, 0, (n - r->nkeys) * sizeof *r->keyed);
		r->nkeys = n;
	}
	if (!r->keyed[a]) {
		/* The key of the bytes as read (doc_opts.key), which the parser
		 * does not move; hashed here only for an article read without. */
		const struct article *art = d->articles[a];

		r->keys[a] = art->key ? art->key : state_key(art->src, art->src_len);
		r->keyed[a] = true;
	}
	return r->keys[a];
}

void resume_save(struct resume *r, struct view *v)
{
	const struct view_item *it = &v->items[v->cur];
	struct state_pos pos;
	struct fy_err err = {0};
	int rc = 0;

	if (!r->state_dir || r->state_failed || it->article >= v->d->narticles)
		return;
	pos.key = article_key(r, v->d, it->article);
	pos.section = view_local_section(v, v->cur);
	pos.para = view_top_para(v);
	r->saved_item = v->cur;
	{
		/* The setting with the position when it changed: one rewrite. */
		struct state_prefs prefs = { .saved = true, .indent = v->style.indent };
		bool changed = v->style.indent != r->indent;

		r->indent = v->style.indent;
		rc = state_save_all(r->state_dir, &pos, changed ? &prefs : NULL, &err);
	}
	if (rc != 0) {
		/* err.msg is "PATH: reason"; the reason goes first so that a long
		 * path cut at the edge of the status line does not hide it. */
		const char *reason = strrchr(err.msg, ':');

		r->state_failed = true;
		if (reason && reason[1] == ' ')
			view_note(v, _("reading position not saved: %s (%.*s)"), reason + 2, (int)(reason - err.msg),
				  err.msg);
		else
			view_note(v, _("reading position not saved: %s"), err.msg);
	}
}

bool resume_moved(const struct resume *r, const struct view *v)
{
	return v->cur != r->saved_item;
}

void resume_stop(struct resume *r)
{
	free(r->positions);
	r->positions = NULL;
	r->npositions = 0;
}

bool resume_waiting(const struct resume *r)
{
	return r->positions != NULL;
}

/* Compare the articles read since the last call with the reading positions;
 * open the one read most recently of all so far. */
static void look_further(struct resume *r, struct view *v)
{
	size_t best = r->best_rank, best_article = 0;
	struct state_pos best_pos = {0};

	for (size_t a = r->checked; a < v->d->narticles && best > 0; a++) {
		uint64_t key = article_key(r, v->d, a);

		for (size_t k = 0; k < r->npositions && k < best; k++) {
			if (r->positions[k].key == key) {
				best = k;
				best_pos = r->positions[k];
				best_article = a;
				break;
			}
		}
	}
	r->checked = v->d->narticles;
	if (best != r->best_rank) {
		r->best_rank = best;
		for (size_t i = 0; i < v->nitems; i++) {
			if (v->items[i].article != best_article || v->items[i].kind == VIEW_ITEM_TITLE)
				continue;
			if (view_local_section(v, i) == best_pos.section) {
				view_open(v, i);
				view_goto_para(v, best_pos.para);
				r->saved_item = v->cur;
				break;
			}
		}
	}
	/* The most recent entry of all cannot be beaten; nor can anything once all is read. */
	if (r->best_rank == 0 || !load_pending(v->load))
		resume_stop(r);
}

void resume_start_from(struct resume *r, struct view *v, char *state_dir, bool restore, struct state_file *sf)
{
	memset(r, 0, sizeof *r);
	r->state_dir = state_dir;
	r->best_rank = SIZE_MAX;
	/* The setting the user chose last, unless --indent already says. */
	if (state_dir && sf->prefs.saved && sf->prefs.indent)
		view_set_indent(v, true);
	r->indent = v->style.indent;
	if (state_dir && restore && sf->npos > 0) {
		/* Nothing remembered (the first run): no article needs hashing. */
		r->positions = sf->pos;
		r->npositions = sf->npos;
		sf->pos = NULL;
		sf->npos = 0;
		look_further(r, v);
	}
	r->saved_item = v->cur;
}

void resume_start(struct resume *r, struct view *v, char *state_dir, bool restore)
{
	struct state_file sf;

	state_read(state_dir, &sf);
	resume_start_from(r, v, state_dir, restore, &sf);
	state_file_free(&sf);
}

void resume_read_slice(struct resume *r, struct view *v)
{
	load_slice(v->load, v->d, RESUME_SLICE_MS);
	view_grow(v);
	if (r->positions)
		look_further(r, v);
}

void resume_progress(struct resume *r, struct view *v)
{
	const struct load_queue *q = v->load;
	struct timespec now;

	if (q && q->nerrors > r->nerrors) {
		r->nerrors = q->nerrors;
		view_note(v, ngettext("%zu input not read: %s", "%zu inputs not read: %s", q->nerrors), q->nerrors,
			  q->errors[q->nerrors - 1]);
	}
	if (!load_pending(q)) {
		v->count_shown = v->d->nsections;
		v->load_pct = -1;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (v->load_pct < 0 || util_ms_between(&r->shown_at, &now) >= RESUME_COUNT_MS) {
		v->count_shown = v->d->nsections;
		v->load_pct = load_percent(q);
		r->shown_at = now;
	}
}

void resume_free(struct resume *r)
{
	resume_stop(r);
	free(r->state_dir);
	free(r->keys);
	free(r->keyed);
	memset(r, 0, sizeof *r);
}
