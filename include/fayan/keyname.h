/* keyname.h: curses keys and mouse events named as the binding tables of
 * actions.h name them, and bracketed paste. A terminal file (<curses.h>). */
#ifndef FAYAN_KEYNAME_H
#define FAYAN_KEYNAME_H

#include <stddef.h>

#include <curses.h>

#include "fayan/view.h"

/* The name of what wget_wch returned (r, ch): "j", "C-f", "PgDn", or typed
 * text in UTF-8; buf (8+ bytes) holds names that are not constants. */
const char *keyname_of(int r, wint_t ch, char *buf, size_t size);

/* Take the mouse event curses holds and give it to the view as "Click",
 * "WheelUp" or "WheelDown" at its cell. */
void keyname_mouse(struct view *v);

/* A bracketed paste has begun: take its first line up to the end mark (or a
 * pause) as typed at the prompt open; while reading, it opens the search. */
void keyname_paste(struct view *v);

#endif
