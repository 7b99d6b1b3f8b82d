/* view_hits.h: the theme and search (find.h) as the panes show them: the hits
 * of an item, the hit n/N went to, which bytes of the reader's lines are hits,
 * and going to a hit. The view calls find, never the other way round. */
#ifndef FAYAN_VIEW_HITS_H
#define FAYAN_VIEW_HITS_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/filter.h"
#include "fayan/spans.h"

struct view;

/* Run the filters again if they changed and rebuild the speaker pane's list.
 * Cheap when nothing changed; the UI calls it before drawing when no key waits. */
void view_sync(struct view *v);

/* The filter results, or NULL when neither a theme nor a search is active. */
const struct filter *view_filter(const struct view *v);

/* The hits of item `i` (NULL for intros, titles, or without a filter). */
const struct filter_section *view_item_hits(const struct view *v, size_t i);

/* Which bytes of each line of the current item's layout are hits, or NULL
 * when it has none; worked out again only when the item, the width or the
 * filter changed. */
const struct spans *view_spans(struct view *v);

/* The index, among the current item's hits, of the hit n/N went to, or SIZE_MAX when it is not in this item. */
size_t view_current_hit(const struct view *v);

/* Open the section of hit `pos`, scroll so that the hit is on screen and make it the current hit. */
void view_goto_hit(struct view *v, struct filter_pos pos);

/* Go to the first hit at or after item `item`; false if there is none. */
bool view_first_hit_from(struct view *v, size_t item);

#endif
