/* keyname.c: keys and mouse events as the binding tables name them ("j",
 * "C-f", "PgDn", "Click"), and the text of a bracketed paste, which is typed
 * at the prompt open (a paste while reading opens the search). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unistr.h>

#include "fayan/keyname.h"
#include "fayan/view_do.h"
#include "fayan/tty.h"

/* How long a paste may pause between characters before it counts as over. */
#define KEYNAME_PASTE_WAIT_MS 200

const char *keyname_of(int r, wint_t ch, char *buf, size_t size)
{
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_DOWN: return "Down";
		case KEY_UP: return "Up";
		case KEY_LEFT: return "Left";
		case KEY_RIGHT: return "Right";
		case KEY_NPAGE: return "PgDn";
		case KEY_PPAGE: return "PgUp";
		case KEY_HOME: return "Home";
		case KEY_END: return "End";
		case KEY_ENTER: return "Enter";
		case KEY_BACKSPACE: return "Backspace";
		case KEY_BTAB: return "S-Tab";
		default: {
			const char *n = keyname((int)ch);

			snprintf(buf, size, "%s", n ? n : "?");
			return buf;
		}
		}
	}
	switch (ch) {
	case '\r':
	case '\n': return "Enter";
	case '\t': return "Tab";
	case ' ': return "Space";
	case 27: return "Esc";
	case 127:
	case 8: return "Backspace";
	default: break;
	}
	if (ch < 32) {
		snprintf(buf, size, "C-%c", (char)(ch + 'a' - 1));
	} else if (ch < 127) {
		snprintf(buf, size, "%c", (char)ch);
	} else if (ch >= 0xA0 && ch <= 0x10FFFF && !(ch >= 0xD800 && ch <= 0xDFFF)) {
		/* Typed text (a Chinese character): UTF-8 so the message can show it. */
		uint8_t u[6];
		int n = u8_uctomb(u, (ucs4_t)ch, sizeof u);

		snprintf(buf, size, "%.*s", n > 0 ? n : 0, (const char *)u);
	} else {
		snprintf(buf, size, "U+%04X", (unsigned)ch);
	}
	return buf;
}

void keyname_mouse(struct view *v)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		view_mouse(v, "WheelUp", ev.y, ev.x);
	else if (ev.bstate & BUTTON5_PRESSED)
		view_mouse(v, "WheelDown", ev.y, ev.x);
	else if (ev.bstate & BUTTON1_PRESSED)
		view_mouse(v, "Click", ev.y, ev.x);
}

/* A bracketed paste has begun: take its text up to the end mark (or a pause
 * of KEYNAME_PASTE_WAIT_MS) as typed at a prompt. In the browser itself it opens
 * the search prompt with the text, so that a word copied from elsewhere is
 * searched for without a Chinese input method; at the theme picker it
 * narrows the list. Only the first line counts; controls in it are dropped. */
void keyname_paste(struct view *v)
{
	bool first_line = true;

	if (v->mode == MODE_BROWSE)
		view_do(v, ACTION_SEARCH, "/");
	wtimeout(stdscr, KEYNAME_PASTE_WAIT_MS);
	for (;;) {
		wint_t ch = 0;
		int r = wget_wch(stdscr, &ch);
		char buf[16];
		const char *name;

		if (r == ERR || tty_caught() || (r == KEY_CODE_YES && ch == TTY_KEY_PASTE_END))
			break;
		if (r == KEY_CODE_YES || !first_line)
			continue;
		if (ch == '\r' || ch == '\n') {
			first_line = false;
			continue;
		}
		if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0))
			continue;
		name = keyname_of(OK, ch, buf, sizeof buf);
		/* Typed at the line the mode has; the help has none and takes nothing. */
		if (v->mode != MODE_BROWSE && v->mode != MODE_HELP)
			view_key(v, name);
	}
}
