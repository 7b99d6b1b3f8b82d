/* view_items.h: the entries of the speaker pane, one per article title (when
 * there are several inputs), intro and section, and what each is called. The
 * items live in struct view (view.h); these functions read and extend them. */
#ifndef FAYAN_VIEW_ITEMS_H
#define FAYAN_VIEW_ITEMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fayan/doc.h"
#include "fayan/util.h"

struct view;

enum view_item_kind {
	VIEW_ITEM_TITLE, /* an article title heading a group (several articles only) */
	VIEW_ITEM_INTRO, /* an article's intro (导语), before its first section */
	VIEW_ITEM_SECTION,
};

/* One row of the speaker pane; intros and sections can be read. An archive
 * has tens of thousands of rows, so the row is kept to 16 bytes. */
struct view_item {
	uint8_t kind;     /* enum view_item_kind */
	uint32_t article; /* index into d->articles */
	const struct section *sec; /* VIEW_ITEM_SECTION only */
};

/* Append one item (sec: VIEW_ITEM_SECTION only, else NULL). */
void view_items_add(struct view *v, enum view_item_kind kind, size_t article, const struct section *sec);

/* Append the items of the articles d gained since the last call, and map
 * their section numbers to them (v->item_of_section). */
void view_items_grow(struct view *v);

/* Whether item i can be read (an intro or a section, not a title row). */
bool view_readable(const struct view *v, size_t i);

/* The first item that can be read, or v->nitems when there is none. */
size_t view_items_first_readable(const struct view *v);

/* The index of the first section at or after item i (for an intro, the
 * section after it), or SIZE_MAX when there is none. */
size_t view_section_from(const struct view *v, size_t i);

/* What article `article` is called: its title, else its file's name ("fayan" out of range). */
const char *view_article_title(const struct view *v, size_t article);

/* The current item's section number within its article (0 = intro). */
size_t view_local_section(const struct view *v, size_t item);

/* What the current item is called in messages: "section 3" or "the intro". */
void view_item_label(const struct view *v, char *buf, size_t size);

/* The text the pipe and copy actions use for the current item: exactly what
 * `fayan --print N` prints unwrapped. */
void view_item_text(const struct view *v, struct buf *out);

#endif
