/* prompt.h: the line the go-to prompt, the search and pipe lines and the theme
 * picker are typed into. One line at a time (the browser has one mode at a
 * time); it knows nothing of what the text is for. */
#ifndef FAYAN_PROMPT_H
#define FAYAN_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

/* Longest text typed at a prompt, in bytes. */
#define PROMPT_MAX 256

struct prompt {
	char text[PROMPT_MAX]; /* what was typed (UTF-8), NUL-terminated */
	size_t max;            /* the most bytes it may hold, below PROMPT_MAX */
};

/* Empty the line for a new prompt that takes at most `max` bytes (capped to PROMPT_MAX - 1). */
void prompt_open(struct prompt *p, size_t max);

/* Append the text of key name `key` ("a", "疫", "Space" types a space); text
 * that does not fit is dropped. */
void prompt_type(struct prompt *p, const char *key);

/* Delete the last code point; returns false, changing nothing, when the line was empty. */
bool prompt_backspace(struct prompt *p);

/* Delete everything typed. */
void prompt_clear(struct prompt *p);

#endif
