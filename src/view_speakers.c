/* view_speakers.c: the speaker pane's list. A title row heads its article's
 * entries and goes when the filter leaves it none; the selection stays on a
 * readable entry, and falls back to what is being read when the filter
 * hides it. The list is in item order, so positions are found by bisection. */
#include <stdint.h>

#include "fayan/view.h"

/* The position of item i in the speaker pane's list, or where it would be. */
static size_t vis_pos(const struct view *v, size_t i)
{
	size_t lo = 0, hi = v->nvis;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->vis[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void view_speakers_follow(struct view *v, size_t i)
{
	size_t rows = (size_t)v->g.body_rows;
	size_t p = vis_pos(v, i);

	if (p >= v->nvis)
		p = v->nvis ? v->nvis - 1 : 0;
	/* Show the article's title row above its first entry when possible. */
	if (p > 0 && v->items[v->vis[p - 1]].kind == VIEW_ITEM_TITLE)
		p--;
	if (p < v->sp_top)
		v->sp_top = p;
	else if (rows > 0 && p >= v->sp_top + rows)
		v->sp_top = p - rows + 1;
}

void view_speakers_fit(struct view *v)
{
	size_t rows = (size_t)v->g.body_rows;

	if (v->sp_top + rows > v->nvis)
		v->sp_top = v->nvis > rows ? v->nvis - rows : 0;
	view_speakers_follow(v, v->sel);
}

void view_list(struct view *v)
{
	const struct filter *f = find_filter(&v->find, v->d);
	bool limit = f && find_limited(&v->find) && f->nmatch > 0;
	size_t title = SIZE_MAX;

	v->nvis = 0;
	for (size_t i = 0; i < v->nitems; i++) {
		const struct view_item *it = &v->items[i];

		if (limit && it->kind == VIEW_ITEM_INTRO)
			continue;
		if (limit && it->kind == VIEW_ITEM_SECTION && !f->v[it->sec->number - 1].match)
			continue;
		if (it->kind == VIEW_ITEM_TITLE) {
			/* A title heads its article's entries; without any it goes. */
			if (title != SIZE_MAX && v->nvis == title + 1)
				v->nvis--;
			title = v->nvis;
		}
		v->vis = xgrow(v->vis, &v->vis_cap, v->nvis + 1, sizeof *v->vis);
		v->vis[v->nvis++] = (uint32_t)i;
	}
	if (title != SIZE_MAX && v->nvis == title + 1)
		v->nvis--;
	if (v->nvis > 0) {
		size_t p = vis_pos(v, v->sel);

		if (p >= v->nvis || v->vis[p] != v->sel) {
			/* The selection was filtered out: select what is being read, or the first entry. */
			p = vis_pos(v, v->cur);
			if (p < v->nvis && v->vis[p] == v->cur)
				v->sel = v->cur;
			else
				for (p = 0; p < v->nvis; p++)
					if (view_readable(v, v->vis[p])) {
						v->sel = v->vis[p];
						break;
					}
		}
	}
	view_speakers_fit(v);
}

/* The next (dir 1) or previous (dir -1) readable entry of the pane's list from position p, or p. */
static size_t step_vis(const struct view *v, size_t p, int dir)
{
	size_t q = p;

	for (;;) {
		if (dir < 0 && q == 0)
			return p;
		q = dir < 0 ? q - 1 : q + 1;
		if (q >= v->nvis)
			return p;
		if (view_readable(v, v->vis[q]))
			return q;
	}
}

void view_speakers_move(struct view *v, long steps)
{
	int dir = steps < 0 ? -1 : 1;
	long n = steps < 0 ? -steps : steps;
	size_t p = vis_pos(v, v->sel);

	if (v->nvis == 0)
		return;
	if (p >= v->nvis || v->vis[p] != v->sel) {
		/* The selection is not listed: its listed neighbour is the first step. */
		size_t q;

		if (dir > 0 && p >= v->nvis)
			return;
		if (dir < 0 && p == 0)
			return;
		q = dir > 0 ? p : p - 1;
		if (!view_readable(v, v->vis[q])) {
			size_t r = step_vis(v, q, dir);

			if (r == q)
				return;
			q = r;
		}
		p = q;
		n--;
	}
	for (long k = 0; k < n; k++) {
		size_t q = step_vis(v, p, dir);

		if (q == p)
			break;
		p = q;
	}
	v->sel = v->vis[p];
	view_speakers_follow(v, v->sel);
}
