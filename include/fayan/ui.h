/* ui.h: the interactive browser, run by main. Its terminal files (tty, keyname,
 * draw, screen, shell and ui) are the only ones that include <curses.h>. */
#ifndef FAYAN_UI_H
#define FAYAN_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "fayan/doc.h"
#include "fayan/layout.h"
#include "fayan/load.h"
#include "fayan/util.h"

enum ui_color {
	UI_COLOR_AUTO,
	UI_COLOR_NEVER,
	UI_COLOR_ALWAYS,
};

/* How the terminal draws East Asian Ambiguous characters (“ ” — … ·). */
enum ui_ambi {
	UI_AMBI_AUTO,   /* ask the terminal after the first frame */
	UI_AMBI_NARROW, /* one column */
	UI_AMBI_WIDE,   /* two columns */
};

struct ui_opts {
	enum ui_color color;
	enum ui_ambi ambiwidth;  /* --ambiwidth or FAYAN_AMBIWIDTH */
	bool no_state;           /* --no-state: neither read nor write the reading position */
	size_t start_section;    /* 1-based section to open first, 0 for the saved or the first */
	const char *theme;       /* initial theme filter, or NULL */
	const char *search;      /* initial search, or NULL */
	const char *locale_note; /* shown in the status line, e.g. "locale fell back to C.UTF-8" */
	struct load_queue *load; /* inputs still to read while browsing, or NULL */
	enum layout_punct punct; /* how the reader shows punctuation (--punct) */
	bool indent;             /* --indent: paragraphs indented whatever the state says */
};

enum ui_outcome {
	UI_QUIT,  /* the user quit */
	UI_PRINT, /* the user asked to print `section` to stdout (0 = the intro of `article`) */
};

struct ui_result {
	enum ui_outcome outcome;
	size_t section;
	size_t article;
};

/* Run the browser on `d` until the user quits or asks to print. Draws on the
 * terminal even when stdin or stdout is redirected (it opens /dev/tty). Returns
 * 0 with *res filled, or -1 with err filled (no terminal, TERM=dumb, ...). */
int ui_run(struct doc *d, const struct ui_opts *opts, struct ui_result *res, struct fy_err *err);

#endif
