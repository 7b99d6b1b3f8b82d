/* output.c: sections as text and JSON. Text goes through the same layout as
 * the reader pane, so `--print --width N` shows exactly the lines the browser
 * would show in a pane N columns wide. */
#include <string.h>

#include "fayan/layout.h"
#include "fayan/output.h"

/* Append every line of a layout, each ending in LF. */
static void add_layout(struct buf *out, const struct layout *lo)
{
	for (size_t i = 0; i < lo->nlines; i++) {
		const struct layout_line *l = &lo->lines[i];

		if (l->kind == LAYOUT_BLANK)
			;
		else if (l->disp)
			buf_add(out, l->disp, l->disp_len);
		else
			buf_add(out, l->text + l->off, l->len);
		buf_addc(out, '\n');
	}
}

void output_section_text(struct buf *out, const struct section *s, int width)
{
	output_section_text_as(out, s, width, NULL);
}

void output_section_text_as(struct buf *out, const struct section *s, int width, const struct layout_style *st)
{
	struct layout lo;

	layout_section_as(&lo, s, width, st);
	add_layout(out, &lo);
	layout_free(&lo);
}

void output_intro_text(struct buf *out, const struct article *a, int width)
{
	output_intro_text_as(out, a, width, NULL);
}

void output_intro_text_as(struct buf *out, const struct article *a, int width, const struct layout_style *st)
{
	struct layout lo;

	layout_intro_as(&lo, a, width, st);
	add_layout(out, &lo);
	layout_free(&lo);
	if (a->editor) {
		buf_addc(out, '\n');
		buf_adds(out, a->editor);
		buf_addc(out, '\n');
	}
}

/* Append s[0..len) as a JSON string; strings in the model are valid UTF-8. */
void output_json_string(struct buf *out, const char *s, size_t len)
{
	buf_addc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			buf_addc(out, '\\');
			buf_addc(out, (char)c);
		} else if (c == '\n') {
			buf_adds(out, "\\n");
		} else if (c == '\t') {
			buf_adds(out, "\\t");
		} else if (c < 0x20 || c == 0x7F) {
			buf_printf(out, "\\u%04x", c);
		} else {
			buf_addc(out, (char)c);
		}
	}
	buf_addc(out, '"');
}

void output_json_field(struct buf *out, const char *key, const char *val, bool comma)
{
	buf_printf(out, "%s\"%s\":", comma ? "," : "", key);
	if (val)
		output_json_string(out, val, strlen(val));
	else
		buf_adds(out, "null");
}

void output_section_json(struct buf *out, const struct section *s)
{
	const struct speaker *sp = &s->speaker;

	buf_printf(out, "{\"number\":%zu", s->number);
	output_json_field(out, "article", s->article ? s->article->name : NULL, true);
	output_json_field(out, "topic", s->topic, true);
	output_json_field(out, "headline", s->headline, true);
	buf_adds(out, ",\"speaker\":{");
	output_json_field(out, "byline", sp->byline, false);
	output_json_field(out, "place", sp->place, true);
	output_json_field(out, "title", sp->title, true);
	output_json_field(out, "name", sp->name, true);
	buf_adds(out, "},\"paragraphs\":[");
	for (size_t i = 0; i < s->npara; i++) {
		if (i)
			buf_addc(out, ',');
		output_json_string(out, s->paras[i].text, s->paras[i].len);
	}
	buf_adds(out, "]}");
}

void output_intros_text(struct buf *out, const struct doc *d, int width)
{
	output_intros_text_as(out, d, width, NULL);
}

void output_intros_text_as(struct buf *out, const struct doc *d, int width, const struct layout_style *st)
{
	for (size_t i = 0; i < d->narticles; i++) {
		if (i)
			buf_addc(out, '\n');
		output_intro_text_as(out, d->articles[i], width, st);
	}
}

void output_sections(struct buf *out, struct section *const *secs, size_t n, enum output_format fmt, bool array,
		     int width)
{
	output_sections_as(out, secs, n, fmt, array, width, NULL);
}

void output_sections_as(struct buf *out, struct section *const *secs, size_t n, enum output_format fmt, bool array,
			int width, const struct layout_style *st)
{
	if (fmt != OUTPUT_JSON) {
		for (size_t i = 0; i < n; i++) {
			if (i)
				buf_addc(out, '\n');
			output_section_text_as(out, secs[i], width, st);
		}
		return;
	}
	if (array)
		buf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(out, ',');
		output_section_json(out, secs[i]);
	}
	if (array)
		buf_addc(out, ']');
	buf_addc(out, '\n');
}
