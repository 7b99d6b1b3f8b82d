/* osc52.c: the clipboard sequence. It is written after the next doupdate, in
 * one piece, and not wrapped for tmux or screen: tmux with set-clipboard on
 * takes the plain sequence itself, which is what works over SSH.
 *
 * Terminals drop (or cut) a sequence past a limit of their own, around
 * 100 KB (xterm, tmux, kitty), and one that big still costs every hop over
 * SSH: the text is cut so that its base64 stays within OSC52_MAX_B64, at a
 * character boundary, and the status line says so. */
#include "fayan/i18n.h"
#include "fayan/osc52.h"

/* The most base64 sent: 75,000 bytes of text. */
#define OSC52_MAX_B64 100000

void osc52_copy(struct buf *seq, struct view *v)
{
	struct buf text;
	char label[64];
	size_t len, max = OSC52_MAX_B64 / 4 * 3;

	view_item_label(v, label, sizeof label);
	buf_init(&text);
	view_item_text(v, &text);
	len = text.len;
	if (len > max) {
		len = max;
		while (len > 0 && ((unsigned char)text.data[len] & 0xC0) == 0x80)
			len--;
	}
	buf_free(seq);
	buf_adds(seq, "\033]52;c;");
	buf_base64(seq, text.data ? text.data : "", len);
	buf_addc(seq, '\a');
	if (len < text.len)
		view_msg(v, _("copied the first %zu of %zu bytes of %s with OSC 52 (the limit of terminals)"), len,
			 text.len, label);
	else
		view_msg(v, _("copied %s (%zu bytes) with OSC 52"), label, text.len);
	buf_free(&text);
}
