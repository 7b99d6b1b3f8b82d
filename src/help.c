/* help.c: the help screen, generated from the action list and every mode's
 * binding table: adding a key or a mode changes the tables, and the help
 * follows. Each entry is "KEYS  text", the text wrapped in a column of its
 * own, every line cut to the width by the text layer, which counts a hanzi
 * of a translation as two columns. */
#include <stdlib.h>
#include <string.h>

#include "fayan/actions.h"
#include "fayan/help.h"
#include "fayan/i18n.h"
#include "fayan/text.h"
#include "fayan/util.h"

static void add(struct help *h, size_t *cap, char *text, bool heading)
{
	h->lines = xgrow(h->lines, cap, h->n + 1, sizeof *h->lines);
	h->lines[h->n].text = text;
	h->lines[h->n].heading = heading;
	h->n++;
}

/* Add "KEYS  text", the text wrapped in a column after the keys, every line fitting `width`. */
static void add_entry(struct help *h, size_t *cap, const char *keys, const char *text, int width)
{
	int keycol = width >= 60 ? 24 : width / 2;
	int keys_cols = text_cols(keys, strlen(keys));
	int textw = width - keycol - 1;
	struct text_line *lines = NULL;
	size_t n;
	bool keys_alone = keys_cols > keycol - 1 || textw < 8;

	if (keys_alone) {
		/* Keys on their own lines, text indented below. */
		struct text_line *kl = NULL;
		size_t kn = text_wrap(keys, strlen(keys), width, &kl);

		for (size_t i = 0; i < kn; i++)
			add(h, cap, text_truncate(keys + kl[i].off, kl[i].len, width), false);
		free(kl);
		keycol = width >= 6 ? 4 : 0;
		textw = width - keycol;
	}
	n = text_wrap(text, strlen(text), textw, &lines);
	for (size_t i = 0; i < n; i++) {
		struct buf b;

		buf_init(&b);
		if (i == 0 && !keys_alone) {
			buf_adds(&b, keys);
			buf_spaces(&b, keycol - keys_cols);
		} else {
			buf_spaces(&b, keycol);
		}
		buf_add(&b, text + lines[i].off, lines[i].len);
		add(h, cap, text_truncate(b.data, b.len, width), false);
		buf_free(&b);
	}
	free(lines);
}

/* Whether action a is bound before binding i of b (its keys are listed once, at the first). */
static bool listed_before(const struct binding *b, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (b[j].action == b[i].action)
			return true;
	return false;
}

void help_build(struct help *h, int width)
{
	size_t cap = 0;

	help_free(h);
	if (width < 1)
		width = 1;
	for (int m = 0; m < MODE_COUNT; m++) {
		size_t n;
		const struct binding *b = actions_mode_bindings((enum mode)m, &n);
		const char *title = _(actions_mode_title((enum mode)m));

		if (m > 0)
			add(h, &cap, xstrdup(""), false);
		add(h, &cap, text_truncate(title, strlen(title), width), true);
		for (size_t i = 0; i < n; i++) {
			char keys[128];

			if (listed_before(b, i))
				continue;
			actions_mode_keys((enum mode)m, b[i].action, keys, sizeof keys);
			add_entry(h, &cap, keys, _(actions_help(b[i].action)), width);
		}
		if (actions_mode_types((enum mode)m))
			add_entry(h, &cap, _("Other keys"), _(actions_help(ACTION_EDIT_TYPE)), width);
	}
}

void help_scroll(struct help *h, long delta, size_t rows)
{
	size_t mt = h->n > rows ? h->n - rows : 0;
	long t = (long)h->top + delta;

	if (t < 0)
		t = 0;
	h->top = (size_t)t > mt ? mt : (size_t)t;
}

void help_free(struct help *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i].text);
	free(h->lines);
	h->lines = NULL;
	h->n = 0;
}
