/* shell.h: '|', the section piped to a shell command. A terminal file (<curses.h>). */
#ifndef FAYAN_SHELL_H
#define FAYAN_SHELL_H

#include "fayan/tty.h"
#include "fayan/view.h"

/* Hand the terminal to `/bin/sh -c v->prompt.text` with the current section
 * on its stdin (like less), wait for Enter, take the terminal back and report
 * how the command ended in the status line. */
void shell_pipe(const struct tty *t, struct view *v);

#endif
