/* view_reader.h: the reading position: which item is open, the laid-out line
 * on the reader's top row, and the paragraph and byte it stands for, which
 * survive a relayout at another width or in another style. Units: `top` and
 * lines are laid-out line indices, paragraphs are indices in the item. */
#ifndef FAYAN_VIEW_READER_H
#define FAYAN_VIEW_READER_H

#include <stddef.h>

struct view;

/* Open item `i` (an intro or a section) at its top. */
void view_open(struct view *v, size_t i);

/* Remember the reading position (v->anchor_para, v->anchor_off) in terms that survive a new layout. */
void view_reader_keep(struct view *v);

/* Put the reader's top back where view_reader_keep left it, in the current layout. */
void view_reader_restore(struct view *v);

/* Put the reader's top on line `top` of the current item (clamped to the last page). */
void view_reader_to(struct view *v, size_t top);

/* Put paragraph `para` of the current item on the top line (even past the last page). */
void view_reader_to_para(struct view *v, size_t para);

/* Move the reader by delta lines (stopping at the last page). */
void view_reader_by(struct view *v, long delta);

/* The last line the reader's top can be on. */
size_t view_max_top(struct view *v);

/* The paragraph at the top of the reader. */
size_t view_top_para(struct view *v);

/* Put the reader's top on paragraph `para` of the current item. */
void view_goto_para(struct view *v, size_t para);

#endif
