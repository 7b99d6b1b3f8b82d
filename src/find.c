/* find.c: the browser's theme and search and the hit walked to. The filter is
 * run over the whole collection once per change of theme or query, never per
 * drawn frame, and layouts are not touched by it. While the user types a query
 * the browser postpones find_sync until no key is waiting, so pasting or fast
 * typing costs one run, not one per key. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/find.h"

int find_load_themes(struct find *fd, struct fy_err *err)
{
	if (fd->themes_loaded)
		return 0;
	themes_init(&fd->themes);
	fd->themes_loaded = true;
	return themes_load(&fd->themes, err);
}

void find_set_search(struct find *fd, const char *text)
{
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

void find_set_theme(struct find *fd, const struct theme *th)
{
	search_free(fd->theme_search);
	fd->theme = th;
	fd->theme_search = th ? theme_search(th) : NULL;
	if (!fd->theme_search)
		fd->theme = NULL;
	fd->dirty = true;
}

bool find_active(const struct find *fd)
{
	return fd->theme_search || fd->search;
}

bool find_sync(struct find *fd, const struct doc *d)
{
	if (!fd->dirty)
		return false;
	fd->dirty = false;
	if (find_active(fd))
		filter_run(&fd->f, d, fd->theme_search, fd->search);
	else
		filter_free(&fd->f);
	fd->gen++;
	fd->hit_valid = false;
	return true;
}

void find_grow(struct find *fd, const struct doc *d)
{
	/* A changed filter is run over everything by find_sync anyway. */
	if (!find_active(fd) || fd->dirty)
		return;
	filter_extend(&fd->f, d, fd->theme_search, fd->search);
	fd->gen++;
}

const struct filter *find_filter(const struct find *fd, const struct doc *d)
{
	if (!find_active(fd) || fd->f.n != d->nsections || d->nsections == 0)
		return NULL;
	return &fd->f;
}

const struct filter_section *find_section_hits(const struct find *fd, const struct doc *d, size_t number)
{
	const struct filter *f = find_filter(fd, d);

	if (!f || number < 1 || number > f->n)
		return NULL;
	return &f->v[number - 1];
}

const struct themes *find_themes(const struct find *fd)
{
	return &fd->themes;
}

const struct theme *find_theme(const struct find *fd)
{
	return fd->theme;
}

const char *find_theme_name(const struct find *fd)
{
	return fd->theme ? fd->theme->name : NULL;
}

const char *find_search_text(const struct find *fd)
{
	return fd->search_text;
}

struct search *find_search(struct find *fd)
{
	return fd->search;
}

bool find_search_ran(const struct find *fd)
{
	return fd->search && !fd->dirty;
}

bool find_limited(const struct find *fd)
{
	return fd->limit;
}

void find_set_limit(struct find *fd, bool limit)
{
	fd->limit = limit;
}

const struct filter_pos *find_hit(const struct find *fd)
{
	return fd->hit_valid ? &fd->hit : NULL;
}

size_t find_hit_no(const struct find *fd)
{
	return fd->hit_valid ? fd->hit_no : 0;
}

const struct filter_hit *find_hit_at(const struct find *fd, struct filter_pos pos)
{
	return &fd->f.v[pos.sec].hits[pos.hit];
}

unsigned long find_gen(const struct find *fd)
{
	return fd->gen;
}

size_t find_total(const struct filter *f)
{
	return f->ntheme + f->nsearch;
}

size_t find_hit_line(const struct layout *lo, const struct filter_hit *h)
{
	enum layout_kind kind = (enum layout_kind)h->where; /* the same values */
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

void find_set_hit(struct find *fd, struct filter_pos pos)
{
	const struct filter *f = &fd->f;
	size_t no = 0;

	fd->hit = pos;
	fd->hit_valid = true;
	for (size_t i = 0; i < pos.sec; i++)
		if (f->v[i].match)
			no += f->v[i].nhits;
	fd->hit_no = no + pos.hit + 1;
}

/* Where a walk starts from before section index sec: before its first hit,
 * or, past the last section, after the last hit of all. */
static struct filter_pos start_pos(const struct filter *f, size_t sec)
{
	struct filter_pos pos;

	if (sec < f->n) {
		pos.sec = sec;
		pos.hit = SIZE_MAX;
	} else {
		pos.sec = f->n - 1;
		pos.hit = f->v[f->n - 1].nhits;
	}
	return pos;
}

int find_first_from(const struct find *fd, const struct doc *d, size_t sec, struct filter_pos *pos)
{
	const struct filter *f = find_filter(fd, d);

	if (!f)
		return 0;
	*pos = start_pos(f, sec);
	return filter_step(f, pos, 1) == 0 ? 0 : 1;
}

int find_walk(const struct find *fd, const struct doc *d, const struct layout *lo, size_t sec, size_t top,
	      size_t rows, int dir, struct filter_pos *pos)
{
	const struct filter *f = find_filter(fd, d);
	const struct filter_section *fs;
	size_t k;

	if (!f)
		return 0;
	if (!lo) {
		*pos = start_pos(f, sec);
		return filter_step(f, pos, dir);
	}
	pos->sec = sec;
	fs = &f->v[sec];
	if (fd->hit_valid && fd->hit.sec == sec && fd->hit.hit < fs->nhits) {
		size_t line = find_hit_line(lo, &fs->hits[fd->hit.hit]);

		if (line >= top && line < top + rows) {
			*pos = fd->hit;
			return filter_step(f, pos, dir);
		}
	}
	/* The first hit at or below the top line. */
	for (k = 0; k < fs->nhits && find_hit_line(lo, &fs->hits[k]) < top; k++)
		;
	if (dir > 0)
		pos->hit = k == 0 ? SIZE_MAX : k - 1; /* filter_step moves on to hit k */
	else
		pos->hit = k; /* filter_step moves back to hit k - 1, or to the section before */
	return filter_step(f, pos, dir);
}

void find_search_begin(struct find *fd)
{
	free(fd->saved_text);
	fd->saved_text = fd->search_text ? xstrdup(fd->search_text) : NULL;
	fd->saved_hit = fd->hit;
	fd->saved_hit_valid = fd->hit_valid;
}

void find_search_restore(struct find *fd)
{
	bool same = fd->saved_text ? fd->search_text && strcmp(fd->saved_text, fd->search_text) == 0
				   : fd->search_text == NULL;

	if (!same)
		find_set_search(fd, fd->saved_text);
}

void find_search_rehit(struct find *fd, const struct doc *d)
{
	fd->hit = fd->saved_hit;
	fd->hit_valid = fd->saved_hit_valid && find_filter(fd, d);
}

void find_search_end(struct find *fd)
{
	free(fd->saved_text);
	fd->saved_text = NULL;
}

void find_free(struct find *fd)
{
	filter_free(&fd->f);
	search_free(fd->theme_search);
	search_free(fd->search);
	free(fd->search_text);
	free(fd->saved_text);
	if (fd->themes_loaded)
		themes_free(&fd->themes);
	memset(fd, 0, sizeof *fd);
}
