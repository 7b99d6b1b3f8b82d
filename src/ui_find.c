/* ui_find.c: the browser's themes, search and hit walking, and the requests
 * to pipe or copy a section. No curses: keys arrive as names and the results
 * are state that ui.c draws (the filter's hits, the pane's list, prompts).
 *
 * Performance: the filter is run over the whole collection, once per change
 * of theme or query, never per drawn frame, and layouts are not touched by it.
 * While the user types a query the UI postpones that run (view_sync) until no
 * key is waiting, so pasting or fast typing costs one run, not one per key. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/output.h"
#include "fayan/themes.h"
#include "ui_view.h"

static bool find_active(const struct view *v)
{
	return v->find.theme_search || v->find.search;
}

const struct filter *view_filter(const struct view *v)
{
	if (!find_active(v) || v->find.f.n != v->d->nsections || v->d->nsections == 0)
		return NULL;
	return &v->find.f;
}

const struct filter_section *view_item_hits(const struct view *v, size_t i)
{
	const struct filter *f = view_filter(v);
	const struct view_item *it;

	if (!f || i >= v->nitems)
		return NULL;
	it = &v->items[i];
	if (it->kind != VIEW_ITEM_SECTION || it->sec->number < 1 || it->sec->number > f->n)
		return NULL;
	return &f->v[it->sec->number - 1];
}

/* Load the themes once; a bad user file is reported and the built-in ones stay. */
static void load_themes(struct view *v)
{
	struct fy_err err = {0};

	if (v->find.themes_loaded)
		return;
	themes_init(&v->find.themes);
	v->find.themes_loaded = true;
	if (themes_load(&v->find.themes, &err) != 0)
		view_msg(v, "%s", err.msg);
}

/* Replace the search by text (NULL or "" for none). */
static void set_search(struct view *v, const char *text)
{
	struct view_find *fd = &v->find;

	search_free(fd->search);
	free(fd->search_text);
	fd->search = NULL;
	fd->search_text = NULL;
	if (text && text[0]) {
		fd->search = search_compile(text, strlen(text));
		if (fd->search)
			fd->search_text = xstrdup(text);
	}
	fd->dirty = true;
}

/* Replace the theme (NULL for none). */
static void set_theme(struct view *v, const struct theme *th)
{
	struct view_find *fd = &v->find;

	search_free(fd->theme_search);
	fd->theme = th;
	fd->theme_search = th ? theme_search(th) : NULL;
	if (!fd->theme_search)
		fd->theme = NULL;
	fd->dirty = true;
}

/* Where a walk from item `item` starts: before the first hit of its section
 * (or of the next section, for an intro), or after the last hit of all. */
static struct filter_pos start_pos(const struct view *v, size_t item)
{
	const struct filter *f = &v->find.f;
	struct filter_pos pos;

	for (size_t j = item; j < v->nitems; j++) {
		if (v->items[j].kind == VIEW_ITEM_SECTION) {
			pos.sec = v->items[j].sec->number - 1;
			pos.hit = SIZE_MAX;
			return pos;
		}
	}
	pos.sec = f->n - 1;
	pos.hit = f->v[f->n - 1].nhits;
	return pos;
}

size_t view_hit_line(const struct layout *lo, const struct filter_hit *h)
{
	enum layout_kind kind = h->where == FILTER_TOPIC ? LAYOUT_TOPIC
			      : h->where == FILTER_HEADLINE ? LAYOUT_HEADLINE
			      : h->where == FILTER_BYLINE ? LAYOUT_BYLINE : LAYOUT_PARA;
	size_t first = kind == LAYOUT_PARA ? layout_line_of_para(lo, h->para) : 0;
	size_t found = first;
	bool seen = false;

	for (size_t i = first; i < lo->nlines; i++) {
		const struct layout_line *l = &lo->lines[i];

		if (l->kind != kind || (kind == LAYOUT_PARA && l->para != h->para)) {
			if (seen)
				break;
			continue;
		}
		if (!seen || l->off <= h->off)
			found = i;
		seen = true;
		if (l->off > h->off)
			break;
	}
	return found;
}

/* Open the section of hit `pos` and scroll so that the hit is on screen. */
static void goto_hit(struct view *v, struct filter_pos pos)
{
	const struct filter *f = &v->find.f;
	const struct filter_section *fs = &f->v[pos.sec];
	size_t item = v->item_of_section[pos.sec];
	size_t rows = (size_t)v->g.body_rows, line, no = 0;

	if (item != v->cur)
		view_open(v, item);
	line = view_hit_line(view_layout(v), &fs->hits[pos.hit]);
	if (line < v->top || line >= v->top + rows)
		view_reader_to(v, line > rows / 3 ? line - rows / 3 : 0);
	v->sel = v->cur;
	view_speakers_follow(v, v->sel);
	v->find.hit = pos;
	v->find.hit_valid = true;
	for (size_t i = 0; i < pos.sec; i++)
		if (f->v[i].match)
			no += f->v[i].nhits;
	v->find.hit_no = no + pos.hit + 1;
}

/* Go to the first hit at or after item `item`; false if there is none. */
static bool first_hit_from(struct view *v, size_t item)
{
	struct filter_pos pos;

	if (!view_filter(v))
		return false;
	pos = start_pos(v, item);
	if (filter_step(&v->find.f, &pos, 1) == 0)
		return false;
	goto_hit(v, pos);
	return true;
}

static void picker_count(struct view *v);

/* Forget the count of the theme in progress (it starts again from section 1). */
static void picker_count_reset(struct view *v)
{
	search_free(v->pick.ts);
	v->pick.ts = NULL;
	filter_free(&v->pick.count);
}

static size_t total_hits(const struct filter *f)
{
	return f->ntheme + f->nsearch;
}

void view_sync(struct view *v)
{
	struct view_find *fd = &v->find;

	if (!fd->dirty)
		return;
	fd->dirty = false;
	if (find_active(v))
		filter_run(&fd->f, v->d, fd->theme_search, fd->search);
	else
		filter_free(&fd->f);
	fd->hit_valid = false;
	view_list(v);
	if (v->line == VIEW_LINE_SEARCH) {
		/* Incremental: from where '/' was pressed to the first hit after it. */
		if (v->cur != fd->origin_cur)
			view_open(v, fd->origin_cur);
		view_reader_to(v, fd->origin_top);
		first_hit_from(v, fd->origin_cur);
	}
}

void view_find_grow(struct view *v)
{
	struct view_find *fd = &v->find;

	if (v->pick.open && !load_pending(v->load))
		picker_count(v);
	/* A changed filter is run over everything by view_sync anyway. */
	if (!find_active(v) || fd->dirty)
		return;
	filter_extend(&fd->f, v->d, fd->theme_search, fd->search);
}

void view_find_init(struct view *v, const char *theme, const char *search)
{
	struct view_find *fd = &v->find;
	const struct filter *f;

	if (theme) {
		const struct theme *th = NULL;
		struct fy_err err = {0};

		load_themes(v);
		if (themes_resolve(&fd->themes, theme, &th, &err) != 0)
			view_msg(v, "%s", err.msg);
		else
			set_theme(v, th);
		fd->limit = true;
	}
	if (search) {
		set_search(v, search);
		if (!fd->search)
			view_msg(v, "empty search '%s'", search);
		fd->limit = true;
	}
	view_sync(v);
	f = view_filter(v);
	if (!f)
		return;
	if (f->nmatch == 0) {
		view_msg(v, "no section matches %s%s%s", fd->theme ? fd->theme->name : "",
			 fd->theme && fd->search_text ? " and " : "", fd->search_text ? fd->search_text : "");
		return;
	}
	first_hit_from(v, v->cur);
}

void view_find_free(struct view *v)
{
	struct view_find *fd = &v->find;

	filter_free(&fd->f);
	search_free(fd->theme_search);
	search_free(fd->search);
	free(fd->search_text);
	free(fd->saved_text);
	if (fd->themes_loaded)
		themes_free(&fd->themes);
	free(v->pick.idx);
	free(v->pick.nsec);
	free(v->pick.nhit);
	free(v->pick.counted);
	picker_count_reset(v);
	memset(fd, 0, sizeof *fd);
	memset(&v->pick, 0, sizeof v->pick);
}

void view_item_text(const struct view *v, struct buf *out)
{
	const struct view_item *it = &v->items[v->cur];

	if (it->kind == VIEW_ITEM_SECTION)
		output_section_text(out, it->sec, 0);
	else if (it->article < v->d->narticles)
		output_intro_text(out, v->d->articles[it->article], 0);
}

/* ---- the theme picker ---- */

/* Count each theme's sections and hits (within the current search), once per search. */
static void picker_count(struct view *v)
{
	struct view_picker *pk = &v->pick;
	const char *q = v->find.search_text ? v->find.search_text : "";

	/* While inputs are still being read, the counts of what was read stand
	 * until the end: counting every theme again per file would cost more
	 * than reading it. */
	if (pk->counted && strcmp(pk->counted, q) == 0 &&
	    (pk->counted_n == v->d->nsections || load_pending(v->load)))
		return;
	free(pk->counted);
	pk->counted = xstrdup(q);
	pk->counted_n = v->d->nsections;
	free(pk->nsec);
	free(pk->nhit);
	pk->nsec = xcalloc(v->find.themes.n + 1, sizeof *pk->nsec);
	pk->nhit = xcalloc(v->find.themes.n + 1, sizeof *pk->nhit);
	/* Counted a slice at a time by view_idle when no key waits: over a
	 * large archive counting them all would hold the picker's first frame,
	 * and one theme over 100 MB would hold a key for 50 ms. */
	pk->ncounted = 0;
	picker_count_reset(v);
}

bool view_idle_pending(const struct view *v)
{
	return v->pick.open && v->pick.nsec && v->pick.ncounted < v->find.themes.n;
}

void view_idle(struct view *v)
{
	struct view_picker *pk = &v->pick;

	if (!view_idle_pending(v))
		return;
	if (!pk->ts) {
		pk->ts = theme_search(&v->find.themes.v[pk->ncounted]);
		if (!pk->ts) {
			pk->nsec[pk->ncounted] = pk->nhit[pk->ncounted] = 0;
			pk->ncounted++;
			return;
		}
	}
	if (filter_count_some(&pk->count, v->d, pk->ts, v->find.search, VIEW_COUNT_SLICE) > 0)
		return;
	pk->nsec[pk->ncounted] = pk->count.nmatch;
	pk->nhit[pk->ncounted] = pk->count.ntheme;
	pk->ncounted++;
	picker_count_reset(v);
}

/* List the themes matching the query; keep the selection on the same theme if it still is. */
static void picker_narrow(struct view *v)
{
	struct view_picker *pk = &v->pick;
	size_t was = pk->sel < pk->n ? pk->idx[pk->sel] : SIZE_MAX;

	free(pk->idx);
	pk->idx = xcalloc(v->find.themes.n + 1, sizeof *pk->idx);
	pk->n = themes_pick(&v->find.themes, pk->query, pk->idx, v->find.themes.n);
	if (pk->n > v->find.themes.n)
		pk->n = v->find.themes.n;
	pk->sel = 0;
	pk->top = 0;
	/* An exact or first match goes on top while typing; on opening, the current theme is selected. */
	if (pk->query[0] == '\0')
		for (size_t i = 0; i < pk->n; i++)
			if (pk->idx[i] == was)
				pk->sel = i;
}

static void picker_open(struct view *v)
{
	struct view_picker *pk = &v->pick;

	load_themes(v);
	if (v->find.themes.n == 0) {
		view_msg(v, "no themes (see fayan(1), THEMES)");
		return;
	}
	picker_count(v);
	pk->open = true;
	pk->query[0] = '\0';
	pk->n = 0;
	pk->sel = SIZE_MAX;
	picker_narrow(v);
	if (v->find.theme)
		for (size_t i = 0; i < pk->n; i++)
			if (&v->find.themes.v[pk->idx[i]] == v->find.theme)
				pk->sel = i;
}

/* Whether a key name is typed text (one character), not a special key. */
static bool is_text_key(const char *key)
{
	unsigned char c = (unsigned char)key[0];

	if (strcmp(key, "Space") == 0)
		return true;
	if (c > ' ' && c < 127)
		return key[1] == '\0';
	return c >= 0xC2 && c <= 0xF4;
}

/* Edit a line of text by key: append text, Backspace, C-u. Returns false for other keys. */
static bool edit_text(char *text, size_t size, const char *key, bool *emptied)
{
	size_t len = strlen(text);

	*emptied = false;
	if (is_text_key(key)) {
		const char *add = strcmp(key, "Space") == 0 ? " " : key;
		size_t alen = strlen(add);

		if (len + alen < size) {
			memcpy(text + len, add, alen + 1);
		}
		return true;
	}
	if (strcmp(key, "Backspace") == 0) {
		if (len == 0) {
			*emptied = true;
			return true;
		}
		/* Back over one code point: its continuation bytes, then its lead byte. */
		while (len > 0 && ((unsigned char)text[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
		text[len] = '\0';
		return true;
	}
	if (strcmp(key, "C-u") == 0) {
		text[0] = '\0';
		return true;
	}
	return false;
}

static void picker_apply(struct view *v)
{
	struct view_picker *pk = &v->pick;
	const struct theme *th;
	const struct filter *f;

	pk->open = false;
	if (pk->n == 0 || pk->sel >= pk->n) {
		view_msg(v, "no theme matches '%s'", pk->query);
		return;
	}
	th = &v->find.themes.v[pk->idx[pk->sel]];
	set_theme(v, th);
	if (!v->find.theme) {
		view_msg(v, "theme %s has no terms", th->name);
		return;
	}
	v->find.limit = true;
	view_sync(v);
	f = view_filter(v);
	if (!f || f->nmatch == 0) {
		view_msg(v, "theme %s: no section matches", th->name);
		return;
	}
	{
		const struct filter_section *fs = view_item_hits(v, v->cur);

		if (!fs || !fs->match)
			first_hit_from(v, v->cur);
	}
	view_msg(v, "theme %s: %zu section%s, %zu hit%s", th->name, f->nmatch, f->nmatch == 1 ? "" : "s",
		 total_hits(f), total_hits(f) == 1 ? "" : "s");
}

void view_picker_key(struct view *v, const char *key)
{
	struct view_picker *pk = &v->pick;
	long rows = v->g.body_rows > 4 ? v->g.body_rows - 4 : 1;
	bool emptied;

	v->msg[0] = '\0';
	if (strcmp(key, "Enter") == 0) {
		picker_apply(v);
	} else if (strcmp(key, "Esc") == 0 || strcmp(key, "C-g") == 0 || strcmp(key, "C-c") == 0) {
		pk->open = false;
	} else if (strcmp(key, "Down") == 0 || strcmp(key, "C-n") == 0 || strcmp(key, "Tab") == 0) {
		if (pk->sel + 1 < pk->n)
			pk->sel++;
	} else if (strcmp(key, "Up") == 0 || strcmp(key, "C-p") == 0 || strcmp(key, "S-Tab") == 0) {
		if (pk->sel > 0 && pk->sel < pk->n)
			pk->sel--;
	} else if (strcmp(key, "PgDn") == 0) {
		pk->sel = pk->sel + (size_t)rows < pk->n ? pk->sel + (size_t)rows : (pk->n ? pk->n - 1 : 0);
	} else if (strcmp(key, "PgUp") == 0) {
		pk->sel = pk->sel > (size_t)rows ? pk->sel - (size_t)rows : 0;
	} else if (edit_text(pk->query, sizeof pk->query, key, &emptied)) {
		if (emptied)
			pk->open = false;
		else
			picker_narrow(v);
	}
	/* Keep the selection on screen; ui.c shows at most body_rows - 4 rows. */
	if (pk->sel < pk->top)
		pk->top = pk->sel;
	else if (pk->sel >= pk->top + (size_t)rows)
		pk->top = pk->sel - (size_t)rows + 1;
}

/* ---- the search and pipe prompts ---- */

static void search_open(struct view *v)
{
	struct view_find *fd = &v->find;

	v->line = VIEW_LINE_SEARCH;
	v->line_text[0] = '\0';
	free(fd->saved_text);
	fd->saved_text = fd->search_text ? xstrdup(fd->search_text) : NULL;
	fd->origin_cur = v->cur;
	fd->origin_top = v->top;
	fd->origin_hit = fd->hit;
	fd->origin_hit_valid = fd->hit_valid;
}

static void search_cancel(struct view *v)
{
	struct view_find *fd = &v->find;
	bool changed = !(fd->saved_text ? fd->search_text && strcmp(fd->saved_text, fd->search_text) == 0
					: fd->search_text == NULL);

	v->line = VIEW_LINE_NONE;
	if (changed)
		set_search(v, fd->saved_text);
	view_sync(v);
	if (v->cur != fd->origin_cur)
		view_open(v, fd->origin_cur);
	view_reader_to(v, fd->origin_top);
	fd->hit = fd->origin_hit;
	fd->hit_valid = fd->origin_hit_valid && view_filter(v);
	free(fd->saved_text);
	fd->saved_text = NULL;
}

static void search_enter(struct view *v)
{
	struct view_find *fd = &v->find;
	const struct filter *f;

	if (v->line_text[0] == '\0') {
		/* Nothing typed: keep the search there was. */
		search_cancel(v);
		return;
	}
	view_sync(v);
	v->line = VIEW_LINE_NONE;
	free(fd->saved_text);
	fd->saved_text = NULL;
	f = view_filter(v);
	if (!fd->search)
		view_msg(v, "empty search");
	else if (!f || f->nmatch == 0)
		view_msg(v, "not found: %s", fd->search_text);
	else
		view_msg(v, "%zu hit%s in %zu section%s; n, N go from hit to hit", total_hits(f),
			 total_hits(f) == 1 ? "" : "s", f->nmatch, f->nmatch == 1 ? "" : "s");
}

void view_line_key(struct view *v, const char *key)
{
	bool emptied;

	v->msg[0] = '\0';
	if (v->line == VIEW_LINE_SEARCH) {
		if (strcmp(key, "Enter") == 0) {
			search_enter(v);
		} else if (strcmp(key, "Esc") == 0 || strcmp(key, "C-g") == 0 || strcmp(key, "C-c") == 0) {
			search_cancel(v);
		} else if (edit_text(v->line_text, sizeof v->line_text, key, &emptied)) {
			if (emptied)
				search_cancel(v);
			else
				set_search(v, v->line_text); /* run by view_sync when no key waits */
		}
		return;
	}
	if (v->line == VIEW_LINE_PIPE) {
		if (strcmp(key, "Enter") == 0) {
			v->line = VIEW_LINE_NONE;
			if (v->line_text[0])
				v->req = VIEW_REQ_PIPE;
		} else if (strcmp(key, "Esc") == 0 || strcmp(key, "C-g") == 0 || strcmp(key, "C-c") == 0) {
			v->line = VIEW_LINE_NONE;
		} else if (edit_text(v->line_text, sizeof v->line_text, key, &emptied) && emptied) {
			v->line = VIEW_LINE_NONE;
		}
	}
}

/* Where n (dir 1) or N (dir -1) walks from, as in less: the current hit if
 * it is on the screen; else the screen itself, so that after scrolling n
 * goes to the first hit at or below the top line and N to the last one above
 * it; from an intro, its article's first section. */
static struct filter_pos walk_from(struct view *v, const struct filter *f, int dir)
{
	const struct view_item *it = &v->items[v->cur];
	const struct layout *lo;
	const struct filter_section *fs;
	struct filter_pos pos;
	size_t rows = (size_t)v->g.body_rows, k;

	if (it->kind != VIEW_ITEM_SECTION)
		return start_pos(v, v->cur);
	pos.sec = it->sec->number - 1;
	fs = &f->v[pos.sec];
	lo = view_layout(v);
	if (v->find.hit_valid && v->find.hit.sec == pos.sec && v->find.hit.hit < fs->nhits) {
		size_t line = view_hit_line(lo, &fs->hits[v->find.hit.hit]);

		if (line >= v->top && line < v->top + rows)
			return v->find.hit;
	}
	/* The first hit at or below the top line. */
	for (k = 0; k < fs->nhits && view_hit_line(lo, &fs->hits[k]) < v->top; k++)
		;
	if (dir > 0)
		pos.hit = k == 0 ? SIZE_MAX : k - 1; /* filter_step moves on to hit k */
	else
		pos.hit = k; /* filter_step moves back to hit k - 1, or to the section before */
	return pos;
}

/* n and N: the next or previous hit, across sections, wrapping around. */
static void hit_step(struct view *v, int dir)
{
	const struct filter *f;
	struct filter_pos pos;
	int r;

	view_sync(v);
	f = view_filter(v);
	if (!f) {
		view_msg(v, "no search or theme: / searches, t picks a theme");
		return;
	}
	pos = walk_from(v, f, dir);
	r = filter_step(f, &pos, dir);
	if (r == 0) {
		view_msg(v, "no hits");
		return;
	}
	goto_hit(v, pos);
	if (r == 2)
		view_msg(v, "search wrapped");
}

void view_find_action(struct view *v, enum action a)
{
	const struct filter *f;

	switch (a) {
	case ACTION_THEME_PICK:
		picker_open(v);
		break;
	case ACTION_THEME_CLEAR:
		if (!v->find.theme) {
			view_msg(v, "no theme filter");
			break;
		}
		set_theme(v, NULL);
		v->find.limit = false;
		view_sync(v);
		view_msg(v, "theme filter cleared");
		break;
	case ACTION_SEARCH:
		search_open(v);
		break;
	case ACTION_HIT_NEXT:
		hit_step(v, 1);
		break;
	case ACTION_HIT_PREV:
		hit_step(v, -1);
		break;
	case ACTION_LIMIT:
		view_sync(v);
		f = view_filter(v);
		if (!f) {
			view_msg(v, "no search or theme to limit the list to");
			break;
		}
		v->find.limit = !v->find.limit;
		view_list(v);
		if (v->find.limit)
			view_msg(v, "listing the %zu section%s with hits", f->nmatch, f->nmatch == 1 ? "" : "s");
		else
			view_msg(v, "listing every section");
		break;
	case ACTION_PIPE:
		v->line = VIEW_LINE_PIPE;
		v->line_text[0] = '\0';
		break;
	case ACTION_COPY:
		v->req = VIEW_REQ_COPY;
		break;
	default:
		break;
	}
}
