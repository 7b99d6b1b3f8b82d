/* view_layout.h: the layouts of the items read last, kept for the width they
 * were made at, so that going back to an item or redrawing lays nothing out
 * again. Units: width is in columns. */
#ifndef FAYAN_VIEW_LAYOUT_H
#define FAYAN_VIEW_LAYOUT_H

#include <stddef.h>

#include "fayan/layout.h"

struct view;

/* Layouts kept for the items read last: an archive has tens of thousands of
 * items, and a layout per item would cost memory for every one of them. */
#define VIEW_LAYOUT_CACHE 4

/* One laid-out item: `item` at `width` columns (width -1: an empty slot). */
struct view_layout_slot {
	size_t item;
	int width;
	unsigned long used; /* when it was last asked for, for dropping the oldest */
	struct layout lo;
};

/* Empty the cache of a view being built (every slot empty, nothing to free). */
void view_layout_init(struct view *v);

/* The current item's layout at the reader's text width, in the reader's
 * style; valid until VIEW_LAYOUT_CACHE other layouts have been asked for. */
const struct layout *view_layout(struct view *v);

/* Forget every cached layout: the text is to be set anew (a new style, or
 * the text layer's widths changed). */
void view_layout_drop(struct view *v);

#endif
