/* view_speakers.h: the speaker pane's list (every item, or with '&' those a
 * filter selects), its selection and its scroll. The list is v->vis, item
 * indices in order; v->sel is an item index and v->sp_top an index into v->vis. */
#ifndef FAYAN_VIEW_SPEAKERS_H
#define FAYAN_VIEW_SPEAKERS_H

#include <stddef.h>

struct view;

/* Rebuild v->vis from the filter and the limit toggle (keeps the pane's selection in view). */
void view_list(struct view *v);

/* Scroll the speaker pane so that item `i` (if listed) is in view. */
void view_speakers_follow(struct view *v, size_t i);

/* Fill the pane from the end of its list when fewer entries than rows are
 * left below its top, and keep the selection in view. */
void view_speakers_fit(struct view *v);

/* Move the speaker pane's selection by `steps` readable entries. */
void view_speakers_move(struct view *v, long steps);

#endif
