/* view.c: the browser's state as a whole: building it from the document and
 * the options, taking in the articles read while browsing, resizing, and the
 * status line's message and note. Its parts are in files of their own
 * (view_geom.c, view_items.c, view_layout.c, view_reader.c, view_speakers.c,
 * view_hits.c); the actions that change it are in view_do.c. Nothing draws,
 * so every rule about positions (clamping, keeping the paragraph over a
 * resize) is plain code that does not need a terminal. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/i18n.h"
#include "fayan/text.h"
#include "fayan/view.h"

/* vsnprintf into buf[size], cut by bytes and then back to a whole character. */
static void put_whole(char *buf, size_t size, const char *fmt, va_list ap)
{
	if (vsnprintf(buf, size, fmt, ap) >= (int)size)
		buf[text_whole_chars(buf, strlen(buf))] = '\0';
}

void view_msg(struct view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_whole(v->msg, sizeof v->msg, fmt, ap);
	va_end(ap);
}

void view_note(struct view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_whole(v->note, sizeof v->note, fmt, ap);
	va_end(ap);
}

void view_grow(struct view *v)
{
	if (v->narticles == v->d->narticles)
		return;
	view_items_grow(v);
	if (v->mode == MODE_PICKER && !load_pending(v->load))
		picker_recount(&v->pick, find_themes(&v->find), find_search_text(&v->find) ? find_search_text(&v->find) : "",
			       v->d->nsections, false);
	find_grow(&v->find, v->d);
	view_list(v);
}

size_t view_sections_expected(const struct view *v)
{
	const struct doc *d = v->d;
	size_t left = load_pending(v->load) ? v->load->n - v->load->next : 0;

	if (left == 0 || d->narticles == 0)
		return d->nsections;
	return d->nsections + d->nsections / d->narticles * left;
}

bool view_load_until(struct view *v, size_t nsections)
{
	bool any = false;

	while (v->d->nsections < nsections && load_pending(v->load))
		any |= load_next(v->load, v->d) == 1;
	view_grow(v);
	return any;
}

/* The panes for a cols x lines terminal; hiding the speaker pane gives the reader the focus. */
static void compute_geom(struct view *v, int cols, int lines)
{
	if (v->hide_speakers)
		v->focus = VIEW_FOCUS_READER;
	view_geom_compute(&v->g, cols, lines, v->hide_speakers, v->mode == MODE_HELP, v->focus);
}

/* Set the initial theme and search (either may be NULL) as -t and -s give them;
 * a theme that does not resolve is reported in the status line. */
static void find_initial(struct view *v, const char *theme, const char *search)
{
	struct find *fd = &v->find;
	const struct filter *f;

	if (theme) {
		const struct theme *th = NULL;
		struct fy_err err = {0};

		if (find_load_themes(fd, &err) != 0)
			view_msg(v, "%s", err.msg);
		if (themes_resolve(find_themes(fd), theme, &th, &err) != 0)
			view_msg(v, "%s", err.msg);
		else
			find_set_theme(fd, th);
		find_set_limit(fd, true);
	}
	if (search) {
		find_set_search(fd, search);
		if (!find_search_text(fd))
			view_msg(v, _("empty search '%s'"), search);
		find_set_limit(fd, true);
	}
	view_sync(v);
	f = view_filter(v);
	if (!f)
		return;
	if (f->nmatch == 0) {
		const char *name = find_theme_name(fd), *text = find_search_text(fd);

		if (name && text)
			view_msg(v, _("no section matches %s and %s"), name, text);
		else
			view_msg(v, _("no section matches %s"), name ? name : text ? text : "");
		return;
	}
	view_first_hit_from(v, v->cur);
}

bool view_idle_pending(const struct view *v)
{
	return v->mode == MODE_PICKER && picker_idle_pending(&v->pick, find_themes(&v->find));
}

void view_idle(struct view *v)
{
	if (view_idle_pending(v))
		picker_idle(&v->pick, find_themes(&v->find), v->d, find_search(&v->find));
}

void view_help_build(struct view *v)
{
	help_build(&v->help, v->g.cols >= 30 ? v->g.cols - 2 : v->g.cols);
}

void view_resize(struct view *v, int cols, int lines)
{
	compute_geom(v, cols, lines);
	view_reader_restore(v);
	/* Taller now: fill the pane from the end of the list it shows (every
	 * entry, or those a filter limits it to) rather than leave blank rows
	 * below it while the first entries stay scrolled off. */
	view_speakers_fit(v);
	if (v->mode == MODE_HELP) {
		view_help_build(v);
		help_scroll(&v->help, 0, (size_t)v->g.body_rows);
	}
}

void view_relayout(struct view *v)
{
	view_layout_drop(v);
	view_resize(v, v->g.cols, v->g.lines);
}

void view_set_indent(struct view *v, bool indent)
{
	if (v->style.indent == indent)
		return;
	view_reader_keep(v);
	v->style.indent = indent;
	view_layout_drop(v);
	view_reader_restore(v);
}

void view_init(struct view *v, struct doc *d, const struct ui_opts *opts, int cols, int lines)
{
	memset(v, 0, sizeof *v);
	v->d = d;
	/* The reader sets text as a Chinese page does; without options (tests)
	 * it shows the document as it is. */
	if (opts) {
		v->style.punct = opts->punct;
		v->style.full = true;
		v->style.indent = opts->indent;
	}
	v->load = opts ? opts->load : NULL;
	v->multi = d->narticles > 1 || load_pending(v->load);
	v->load_pct = -1;
	view_layout_init(v);
	view_items_grow(v);
	if (opts && opts->locale_note && opts->locale_note[0])
		view_note(v, "%s", opts->locale_note);
	compute_geom(v, cols, lines);
	/* Section 1 first; an article without sections opens on its intro. */
	v->cur = d->nsections > 0 ? v->item_of_section[0] : view_items_first_readable(v);
	if (opts && opts->start_section >= 1) {
		view_load_until(v, opts->start_section);
		if (opts->start_section <= d->nsections)
			v->cur = v->item_of_section[opts->start_section - 1];
	}
	if (!view_readable(v, v->cur))
		v->cur = view_items_first_readable(v);
	if (!view_readable(v, v->cur)) {
		/* Nothing to read (no input has a section or an intro, only titles
		 * when there are several): an empty intro of the last article, under
		 * its title, stands in so that every path has an item. */
		view_items_add(v, VIEW_ITEM_INTRO, d->narticles ? d->narticles - 1 : 0, NULL);
		v->cur = v->nitems - 1;
	}
	view_list(v);
	view_open(v, v->cur);
	find_initial(v, opts ? opts->theme : NULL, opts ? opts->search : NULL);
	v->count_shown = d->nsections;
}

void view_free(struct view *v)
{
	view_layout_drop(v);
	free(v->items);
	free(v->item_of_section);
	free(v->vis);
	find_free(&v->find);
	spans_free(&v->spans);
	picker_free(&v->pick);
	help_free(&v->help);
	memset(v, 0, sizeof *v);
}

void view_goto_number(struct view *v, const char *digits)
{
	char *end;
	unsigned long n = strtoul(digits, &end, 10);

	if (*digits == '\0' || *end != '\0')
		return;
	if (n > v->d->nsections)
		view_load_until(v, n); /* a section of a file not read yet */
	if (n == 0 || n > v->d->nsections) {
		if (v->d->nsections == 0)
			view_msg(v, _("no sections"));
		else
			view_msg(v, _("no section %lu (1-%zu)"), n, v->d->nsections);
		return;
	}
	view_open(v, v->item_of_section[n - 1]);
	if (v->g.cols < VIEW_SIDE_BY_SIDE_COLS)
		v->focus = VIEW_FOCUS_READER;
}
