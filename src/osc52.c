/* osc52.c: the clipboard sequence. It is written after the next doupdate, in
 * one piece, and not wrapped for tmux or screen: tmux with set-clipboard on
 * takes the plain sequence itself, which is what works over SSH. */
#include "fayan/osc52.h"

void osc52_copy(struct buf *seq, struct view *v)
{
	struct buf text;
	char label[64];

	view_item_label(v, label, sizeof label);
	buf_init(&text);
	view_item_text(v, &text);
	buf_free(seq);
	buf_adds(seq, "\033]52;c;");
	buf_base64(seq, text.data ? text.data : "", text.len);
	buf_addc(seq, '\a');
	view_msg(v, "copied %s (%zu bytes) with OSC 52", label, text.len);
	buf_free(&text);
}
