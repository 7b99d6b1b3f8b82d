/* view_layout.c: the layout cache. The slot asked for longest ago makes room
 * for a new layout; a slot is keyed by item and width, and the style is the
 * same for every slot (a new style drops them all). */
#include "fayan/view.h"

void view_layout_init(struct view *v)
{
	for (size_t k = 0; k < VIEW_LAYOUT_CACHE; k++)
		v->lc[k].width = -1;
}

/* The layout of item i at `width` columns, from the cache or laid out now; valid
 * until VIEW_LAYOUT_CACHE other layouts have been asked for. */
static const struct layout *layout_of(struct view *v, size_t i, int width)
{
	struct view_item *it = &v->items[i];
	struct view_layout_slot *slot = &v->lc[0];

	for (size_t k = 0; k < VIEW_LAYOUT_CACHE; k++) {
		struct view_layout_slot *s = &v->lc[k];

		if (s->width == width && s->item == i) {
			s->used = ++v->lc_clock;
			return &s->lo;
		}
		/* Otherwise the empty slot, or the one asked for longest ago. */
		if (slot->width >= 0 && (s->width < 0 || s->used < slot->used))
			slot = s;
	}
	if (slot->width >= 0)
		layout_free(&slot->lo);
	if (it->kind == VIEW_ITEM_SECTION) {
		layout_section_as(&slot->lo, it->sec, width, &v->style);
	} else {
		const struct article *a = v->d->articles[it->article];

		layout_paras_as(&slot->lo, "导语", a->intro, a->nintro, width, &v->style);
	}
	slot->item = i;
	slot->width = width;
	slot->used = ++v->lc_clock;
	return &slot->lo;
}

const struct layout *view_layout(struct view *v)
{
	return layout_of(v, v->cur, view_geom_reader_width(&v->g));
}

void view_layout_drop(struct view *v)
{
	for (size_t k = 0; k < VIEW_LAYOUT_CACHE; k++) {
		if (v->lc[k].width >= 0)
			layout_free(&v->lc[k].lo);
		v->lc[k].width = -1;
	}
	v->spans_valid = false; /* they were built for a layout just dropped */
}
