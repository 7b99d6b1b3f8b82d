/* prompt.c: the line editor behind every prompt. Keys arrive as names and
 * have already become actions; the text is kept whole code points, so that
 * what the status line shows never ends in half a character. */
#include <string.h>

#include "fayan/prompt.h"

void prompt_open(struct prompt *p, size_t max)
{
	p->text[0] = '\0';
	p->max = max < PROMPT_MAX ? max : PROMPT_MAX - 1;
}

void prompt_type(struct prompt *p, const char *key)
{
	const char *add = strcmp(key, "Space") == 0 ? " " : key;
	size_t len = strlen(p->text), alen = strlen(add);

	if (len + alen <= p->max)
		memcpy(p->text + len, add, alen + 1);
}

bool prompt_backspace(struct prompt *p)
{
	size_t len = strlen(p->text);

	if (len == 0)
		return false;
	/* Back over one code point: its continuation bytes, then its lead byte. */
	while (len > 0 && ((unsigned char)p->text[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0)
		len--;
	p->text[len] = '\0';
	return true;
}

void prompt_clear(struct prompt *p)
{
	p->text[0] = '\0';
}
