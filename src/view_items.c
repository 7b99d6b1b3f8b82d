/* view_items.c: the speaker pane's entries. They are added as articles
 * arrive and never removed or reordered, so that an item's index, which the
 * reading position and the pane's list hold, stays valid while inputs load. */
#include <stdio.h>
#include <string.h>

#include "fayan/i18n.h"
#include "fayan/output.h"
#include "fayan/view.h"

void view_items_add(struct view *v, enum view_item_kind kind, size_t article, const struct section *sec)
{
	struct view_item *it;

	v->items = xgrow(v->items, &v->items_cap, v->nitems + 1, sizeof *v->items);
	it = &v->items[v->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = (uint8_t)kind;
	it->article = (uint32_t)article;
	it->sec = sec;
}

void view_items_grow(struct view *v)
{
	const struct doc *d = v->d;

	if (v->narticles == d->narticles)
		return;
	v->item_of_section = xrealloc(v->item_of_section,
				      (d->nsections ? d->nsections : 1) * sizeof *v->item_of_section);
	for (size_t a = v->narticles; a < d->narticles; a++) {
		const struct article *art = d->articles[a];

		if (v->multi)
			view_items_add(v, VIEW_ITEM_TITLE, a, NULL);
		if (art->nintro > 0)
			view_items_add(v, VIEW_ITEM_INTRO, a, NULL);
		for (size_t s = 0; s < art->nsections; s++) {
			size_t num = art->sections[s].number;

			if (num >= 1 && num <= d->nsections)
				v->item_of_section[num - 1] = (uint32_t)v->nitems;
			view_items_add(v, VIEW_ITEM_SECTION, a, &art->sections[s]);
		}
	}
	v->narticles = d->narticles;
}

bool view_readable(const struct view *v, size_t i)
{
	return i < v->nitems && v->items[i].kind != VIEW_ITEM_TITLE;
}

size_t view_items_first_readable(const struct view *v)
{
	size_t i = 0;

	while (i < v->nitems && !view_readable(v, i))
		i++;
	return i;
}

size_t view_section_from(const struct view *v, size_t i)
{
	for (size_t j = i; j < v->nitems; j++)
		if (v->items[j].kind == VIEW_ITEM_SECTION)
			return v->items[j].sec->number - 1;
	return SIZE_MAX;
}

const char *view_article_title(const struct view *v, size_t article)
{
	const struct article *a;

	if (article >= v->d->narticles)
		return "fayan";
	a = v->d->articles[article];
	return a->title && a->title[0] ? a->title : a->name;
}

size_t view_local_section(const struct view *v, size_t item)
{
	const struct view_item *it = &v->items[item];
	const struct article *a = v->d->articles[it->article];

	if (it->kind != VIEW_ITEM_SECTION)
		return 0;
	return (size_t)(it->sec - a->sections) + 1;
}

void view_item_label(const struct view *v, char *buf, size_t size)
{
	const struct view_item *it = &v->items[v->cur];

	if (it->kind == VIEW_ITEM_SECTION)
		snprintf(buf, size, _("section %zu"), it->sec->number);
	else
		snprintf(buf, size, "%s", _("the intro"));
}

void view_item_text(const struct view *v, struct buf *out)
{
	const struct view_item *it = &v->items[v->cur];

	if (it->kind == VIEW_ITEM_SECTION)
		output_section_text(out, it->sec, 0);
	else if (it->article < v->d->narticles)
		output_intro_text(out, v->d->articles[it->article], 0);
}
