/* Unit tests for the layout of sections and intros: kinds and order of lines,
 * blank lines, lead-sentence bytes per line, paragraph maps, and the widths of
 * every line from 4 to 120 columns. Sections are built by hand here so that
 * these tests do not depend on the parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fayan/layout.h"
#include "fayan/text.h"

static const char P0[] = "城关乡因地制宜、向内挖潜,充分运用“脚步丈量”工作法,贯彻精神 and 中央、省委要求,"
			 "着力盘活资源、补齐短板,初步走出了在乡村振兴战略进程中,构建农村公共服务体系的新路子。";
static const char P1[] = "盘活“五闲资源”,破解用地瓶颈。组织200多名乡、村干部走村串巷,对闲置荒地、"
			 "闲置厂房、闲置学校、闲置村部、闲置宅院等资源进行遍访细查。";
static const char P2[] = "下一步,将咬定青山不放松。";

/* Bytes of s through its first 。, or 0. */
static size_t lead_of(const char *s)
{
	const char *p = strstr(s, "。");

	return p ? (size_t)(p - s) + strlen("。") : 0;
}

static void make_section(struct section *s, struct para *paras)
{
	memset(s, 0, sizeof *s);
	memset(paras, 0, 3 * sizeof *paras);
	paras[0].text = P0;
	paras[0].len = strlen(P0);
	paras[0].lead_len = 0; /* the first paragraph has no lead sentence */
	paras[1].text = P1;
	paras[1].len = strlen(P1);
	paras[1].lead_len = lead_of(P1);
	paras[2].text = P2;
	paras[2].len = strlen(P2);
	paras[2].lead_len = lead_of(P2);
	s->number = 1;
	s->topic = "聚焦基层治理“三项工程”";
	s->headline = "走出农村公共服务体系建设新路子";
	s->speaker.byline = "新郑市城关乡党委书记 马东亮";
	s->paras = paras;
	s->npara = 3;
}

/* Check what must hold of a layout of paragraphs at any width. */
static void check_paras(const struct layout *lo, const struct para *paras, size_t npara, int width)
{
	assert_int_equal(lo->npara, npara);
	for (size_t i = 0; i < npara; i++) {
		size_t first = lo->para_first[i], expect = 0, lead_sum = 0;
		size_t l;
		bool lead_done = false;

		assert_true(first > 0);
		assert_int_equal(lo->lines[first - 1].kind, LAYOUT_BLANK);
		assert_int_equal(layout_line_of_para(lo, i), first);
		for (l = first; l < lo->nlines && lo->lines[l].kind == LAYOUT_PARA; l++) {
			const struct layout_line *ln = &lo->lines[l];
			size_t want_lead = 0;

			assert_ptr_equal(ln->text, paras[i].text);
			assert_int_equal(ln->para, i);
			assert_int_equal(layout_para_of_line(lo, l), i);
			/* Only spaces are dropped between lines. */
			assert_true(ln->off >= expect);
			for (size_t j = expect; j < ln->off; j++)
				assert_int_equal(ln->text[j], ' ');
			expect = ln->off + ln->len;
			if (width > 0) /* at width 1 a wide character is alone on its line */
				assert_true(ln->cols <= (width == 1 ? 2 : width));
			assert_int_equal(ln->cols, text_cols(ln->text + ln->off, ln->len));
			/* The lead is a prefix of the paragraph. */
			if (paras[i].lead_len > ln->off)
				want_lead = paras[i].lead_len - ln->off;
			if (want_lead > ln->len)
				want_lead = ln->len;
			assert_int_equal(ln->lead_len, want_lead);
			if (lead_done)
				assert_int_equal(ln->lead_len, 0);
			if (ln->lead_len < ln->len)
				lead_done = true;
			lead_sum += ln->lead_len;
		}
		assert_int_equal(expect, paras[i].len);
		assert_int_equal(lead_sum, paras[i].lead_len);
		/* One blank between paragraphs, none at the end. */
		if (i + 1 < npara) {
			assert_int_equal(lo->lines[l].kind, LAYOUT_BLANK);
			assert_int_equal(lo->lines[l].para, i + 1);
			assert_int_equal(layout_para_of_line(lo, l), i + 1);
			assert_int_equal(l + 1, lo->para_first[i + 1]);
		} else {
			assert_int_equal(l, lo->nlines);
		}
	}
}

/* Count the lines of `kind` at the start of lo from line *at, checking their text. */
static size_t header_lines(const struct layout *lo, size_t *at, enum layout_kind kind, const char *text, int width)
{
	size_t n = 0, expect = 0;

	while (*at < lo->nlines && lo->lines[*at].kind == kind) {
		const struct layout_line *ln = &lo->lines[*at];

		assert_ptr_equal(ln->text, text);
		assert_true(ln->off >= expect);
		expect = ln->off + ln->len;
		assert_int_equal(ln->lead_len, 0);
		assert_int_equal(ln->para, 0);
		assert_int_equal(layout_para_of_line(lo, *at), 0);
		if (width > 0) /* at width 1 a wide character is alone on its line */
			assert_true(ln->cols <= (width == 1 ? 2 : width));
		assert_int_equal(ln->cols, text_cols(ln->text + ln->off, ln->len));
		n++;
		(*at)++;
	}
	if (n)
		assert_int_equal(expect, strlen(text));
	return n;
}

static void test_section_all_widths(void **state)
{
	struct section s;
	struct para paras[3];

	(void)state;
	make_section(&s, paras);
	for (int width = 4; width <= 120; width++) {
		struct layout lo;
		size_t at = 0, blanks = 0;

		layout_section(&lo, &s, width);
		assert_int_equal(lo.width, width);
		assert_true(header_lines(&lo, &at, LAYOUT_TOPIC, s.topic, width) >= 1);
		assert_true(header_lines(&lo, &at, LAYOUT_HEADLINE, s.headline, width) >= 1);
		assert_true(header_lines(&lo, &at, LAYOUT_BYLINE, s.speaker.byline, width) >= 1);
		assert_int_equal(lo.lines[at].kind, LAYOUT_BLANK);
		assert_int_equal(lo.para_first[0], at + 1);
		check_paras(&lo, paras, 3, width);
		for (size_t l = 0; l < lo.nlines; l++)
			blanks += lo.lines[l].kind == LAYOUT_BLANK;
		assert_int_equal(blanks, 3);
		assert_int_equal(lo.lines[lo.nlines - 1].kind, LAYOUT_PARA);
		if (width >= 30)
			assert_int_equal(lo.para_first[0], 4); /* one line each for the header */
		layout_free(&lo);
	}
}

static void test_section_unwrapped(void **state)
{
	static const enum layout_kind kinds[] = {
		LAYOUT_TOPIC, LAYOUT_HEADLINE, LAYOUT_BYLINE, LAYOUT_BLANK, LAYOUT_PARA,
		LAYOUT_BLANK, LAYOUT_PARA, LAYOUT_BLANK, LAYOUT_PARA,
	};
	struct section s;
	struct para paras[3];
	struct layout lo;

	(void)state;
	make_section(&s, paras);
	for (int width = -1; width <= 0; width++) {
		layout_section(&lo, &s, width);
		assert_int_equal(lo.nlines, 9);
		for (size_t i = 0; i < 9; i++)
			assert_int_equal(lo.lines[i].kind, kinds[i]);
		assert_int_equal(lo.lines[4].len, strlen(P0));
		assert_int_equal(lo.lines[6].len, strlen(P1));
		assert_int_equal(lo.lines[6].lead_len, strlen("盘活“五闲资源”,破解用地瓶颈。"));
		assert_int_equal(lo.lines[8].lead_len, strlen(P2));
		assert_int_equal(lo.lines[8].cols, text_cols(P2, strlen(P2)));
		assert_int_equal(lo.lines[1].len, strlen(s.headline));
		assert_int_equal(lo.para_first[0], 4);
		assert_int_equal(lo.para_first[1], 6);
		assert_int_equal(lo.para_first[2], 8);
		check_paras(&lo, paras, 3, width);
		/* Clamping. */
		assert_int_equal(layout_line_of_para(&lo, 99), 8);
		assert_int_equal(layout_para_of_line(&lo, 99), 2);
		assert_int_equal(layout_para_of_line(&lo, 0), 0);
		assert_int_equal(layout_para_of_line(&lo, 5), 1);
		layout_free(&lo);
	}
}

static void test_section_exact(void **state)
{
	static const char text[] = "一二三。四五六七";
	struct para p = { .text = text, .len = sizeof text - 1, .lead_len = strlen("一二三。") };
	struct section s = { .number = 1, .headline = "", .paras = &p, .npara = 1 };
	struct layout lo;

	(void)state;
	s.speaker.byline = "李华";
	layout_section(&lo, &s, 6);
	/* No topic, empty headline: the byline, a blank, then 一二 / 三。四 / 五六七. */
	assert_int_equal(lo.nlines, 5);
	assert_int_equal(lo.lines[0].kind, LAYOUT_BYLINE);
	assert_int_equal(lo.lines[0].cols, 4);
	assert_int_equal(lo.lines[1].kind, LAYOUT_BLANK);
	assert_int_equal(lo.lines[2].off, 0);
	assert_int_equal(lo.lines[2].len, 6);
	assert_int_equal(lo.lines[2].lead_len, 6);
	assert_int_equal(lo.lines[3].off, 6);
	assert_int_equal(lo.lines[3].len, 9);
	assert_int_equal(lo.lines[3].lead_len, 6);
	assert_int_equal(lo.lines[3].cols, 6);
	assert_int_equal(lo.lines[4].off, 15);
	assert_int_equal(lo.lines[4].len, 9);
	assert_int_equal(lo.lines[4].lead_len, 0);
	assert_int_equal(lo.para_first[0], 2);
	layout_free(&lo);

	/* Width 1: a wide character per line, never looping. */
	layout_section(&lo, &s, 1);
	assert_int_equal(lo.nlines, 3 + 8); /* 李 / 华 / blank / 8 characters */
	assert_int_equal(lo.lines[0].cols, 2);
	assert_int_equal(lo.lines[2].kind, LAYOUT_BLANK);
	assert_int_equal(lo.lines[3].cols, 2);
	assert_int_equal(lo.lines[3].lead_len, 3);
	assert_int_equal(lo.lines[6].lead_len, 3); /* 。 */
	assert_int_equal(lo.lines[7].lead_len, 0);
	layout_free(&lo);
}

static void test_paras(void **state)
{
	struct section s;
	struct para paras[3];

	(void)state;
	make_section(&s, paras);
	for (int width = 0; width <= 120; width += (width < 8 ? 1 : 7)) {
		struct layout lo;
		size_t at = 0;

		layout_paras(&lo, "不断提升基层治理能力 营造安居乐业良好环境", paras, 2, width);
		assert_true(header_lines(&lo, &at, LAYOUT_HEADLINE, "不断提升基层治理能力 营造安居乐业良好环境", width) >= 1);
		assert_int_equal(lo.lines[at].kind, LAYOUT_BLANK);
		check_paras(&lo, paras, 2, width);
		layout_free(&lo);

		/* Without a title the first paragraph starts at line 0. */
		layout_paras(&lo, NULL, paras, 3, width);
		assert_int_equal(lo.para_first[0], 0);
		assert_int_equal(lo.lines[0].kind, LAYOUT_PARA);
		assert_int_equal(lo.npara, 3);
		layout_free(&lo);
	}
}

static void test_empty(void **state)
{
	struct layout lo;

	(void)state;
	layout_paras(&lo, "", NULL, 0, 40);
	assert_int_equal(lo.nlines, 0);
	assert_int_equal(lo.npara, 0);
	assert_int_equal(layout_line_of_para(&lo, 3), 0);
	assert_int_equal(layout_para_of_line(&lo, 3), 0);
	layout_free(&lo);
	layout_paras(&lo, "标题", NULL, 0, 40);
	assert_int_equal(lo.nlines, 1); /* no trailing blank */
	assert_int_equal(lo.lines[0].kind, LAYOUT_HEADLINE);
	layout_free(&lo);
}


/* An article's front: kicker, title, subtitle, then the intro; a note's
 * lines are marked to be shown apart from the speech. */
static void test_intro_and_notes(void **state)
{
	static const char text[] = "深入学习贯彻党的精神\n\n奋力谱写新篇章\n\n——“某某”座谈会观点摘登\n\n"
				   "某某大学教授 李明华\n\n理论要联系实际。\n\n（本报记者王某某整理）\n\n"
				   "某某学会会长 赵卫东\n\n实践出真知。\n";
	struct doc_opts o = {.force = false};
	struct fy_err err = {.code = 0};
	struct layout lo;
	struct doc d;

	(void)state;
	doc_init(&d);
	assert_int_equal(doc_add_buffer(&d, "k", text, sizeof text - 1, &o, &err), 0);
	layout_intro(&lo, d.articles[0], 0);
	assert_int_equal(lo.nlines, 3);
	assert_int_equal(lo.lines[0].kind, LAYOUT_TOPIC);
	assert_int_equal(lo.lines[1].kind, LAYOUT_HEADLINE);
	assert_int_equal(lo.lines[2].kind, LAYOUT_TOPIC);
	layout_free(&lo);
	layout_section(&lo, d.sections[0], 0);
	assert_int_equal(lo.nlines, 5); /* byline, blank, text, blank, note */
	assert_false(lo.lines[2].note);
	assert_true(lo.lines[4].note);
	layout_free(&lo);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intro_and_notes),
		cmocka_unit_test(test_section_all_widths),
		cmocka_unit_test(test_section_unwrapped),
		cmocka_unit_test(test_section_exact),
		cmocka_unit_test(test_paras),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
