/* view_hits.c: the filters' results where the view shows them. find.c knows
 * sections and hits; this file maps them to the view's items and lines, and
 * keeps the spans of the item read for as long as its item, width and
 * filter stay the same, so that painting a frame computes nothing. */
#include <stdint.h>

#include "fayan/view.h"

void view_sync(struct view *v)
{
	if (!find_sync(&v->find, v->d))
		return;
	view_list(v);
	if (v->mode == MODE_SEARCH) {
		/* Incremental: from where '/' was pressed to the first hit after it. */
		if (v->cur != v->search_cur)
			view_open(v, v->search_cur);
		view_reader_to(v, v->search_top);
		view_first_hit_from(v, v->search_cur);
	}
}

const struct filter *view_filter(const struct view *v)
{
	return find_filter(&v->find, v->d);
}

const struct filter_section *view_item_hits(const struct view *v, size_t i)
{
	const struct view_item *it;

	if (i >= v->nitems)
		return NULL;
	it = &v->items[i];
	if (it->kind != VIEW_ITEM_SECTION)
		return NULL;
	return find_section_hits(&v->find, v->d, it->sec->number);
}

size_t view_current_hit(const struct view *v)
{
	const struct filter_pos *hit = find_hit(&v->find);

	if (!hit || v->item_of_section[hit->sec] != v->cur)
		return SIZE_MAX;
	return hit->hit;
}

const struct spans *view_spans(struct view *v)
{
	const struct filter_section *fs = view_item_hits(v, v->cur);
	int width = view_geom_reader_width(&v->g);

	if (!fs || fs->nhits == 0)
		return NULL;
	if (!v->spans_valid || v->spans_item != v->cur || v->spans_width != width || v->spans_gen != find_gen(&v->find)) {
		spans_build(&v->spans, view_layout(v), fs);
		v->spans_item = v->cur;
		v->spans_width = width;
		v->spans_gen = find_gen(&v->find);
		v->spans_valid = true;
	}
	return &v->spans;
}

void view_goto_hit(struct view *v, struct filter_pos pos)
{
	size_t item = v->item_of_section[pos.sec];
	size_t rows = (size_t)v->g.body_rows, line;

	if (item != v->cur)
		view_open(v, item);
	line = find_hit_line(view_layout(v), find_hit_at(&v->find, pos));
	if (line < v->top || line >= v->top + rows)
		view_reader_to(v, line > rows / 3 ? line - rows / 3 : 0);
	v->sel = v->cur;
	view_speakers_follow(v, v->sel);
	find_set_hit(&v->find, pos);
}

bool view_first_hit_from(struct view *v, size_t item)
{
	struct filter_pos pos;

	if (!find_first_from(&v->find, v->d, view_section_from(v, item), &pos))
		return false;
	view_goto_hit(v, pos);
	return true;
}
