/* osc52.h: 'y', the section put on the terminal's clipboard with an OSC 52
 * escape sequence. No curses: the loop writes the sequence out. */
#ifndef FAYAN_OSC52_H
#define FAYAN_OSC52_H

#include "fayan/util.h"
#include "fayan/view.h"

/* Replace *seq by the OSC 52 sequence that puts the current item's text on
 * the clipboard, and say so in the status line. */
void osc52_copy(struct buf *seq, struct view *v);

#endif
