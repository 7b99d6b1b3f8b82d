/* view_do.h: keys, mouse events and actions applied to the view, by the
 * binding table of the mode it is in (actions.h). No curses. */
#ifndef FAYAN_VIEW_DO_H
#define FAYAN_VIEW_DO_H

#include "fayan/actions.h"
#include "fayan/view.h"

/* A key named `key` ("j", "C-f", "疫"): its action in the current mode, applied. */
void view_key(struct view *v, const char *key);

/* A mouse event ("Click", "WheelUp", "WheelDown") at screen cell (y, x),
 * dispatched as a key: a mode that does not bind it ignores it. */
void view_mouse(struct view *v, const char *key, int y, int x);

/* Apply action `a` in the current mode; `key` is the key's name (for digits and typed text). */
void view_do(struct view *v, enum action a, const char *key);

#endif
