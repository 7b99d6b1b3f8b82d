/* Unit tests for the shapes of lines (shape.c): what a line reads as from
 * its text alone, the evidence the parser weighs. Each case is a line as
 * published pages print it, and a near miss that must not be taken. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fayan/shape.h"

#define S(x) x, strlen(x)

static void test_headline_title_topic(void **state)
{
	(void)state;
	assert_true(shape_headline(S("走出农村公共服务体系建设新路子")));
	assert_false(shape_headline(S("我们走出了新路子。")));
	assert_false(shape_headline(S("")));
	/* 40 characters are a headline, 41 are not. */
	assert_true(shape_headline(S("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十")));
	assert_false(shape_headline(S("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一")));
	assert_true(shape_title(S("基层治理大家谈")));
	assert_false(shape_title(S("基层治理。大家谈")));
	assert_false(shape_title(S("——编者")));
	assert_true(shape_topic(S("聚焦基层治理")));
	assert_false(shape_topic(S("聚焦基层治理，服务群众")));
	assert_false(shape_topic(S("新郑市城关乡党委书记 马东亮"))); /* a byline */
}

static void test_label_editor_subtitle(void **state)
{
	static const char *const words[] = { "编者按", "对话嘉宾", NULL };

	(void)state;
	assert_true(shape_label(S("编者按"), words));
	assert_true(shape_label(S("编 者 按："), words));
	assert_true(shape_label(S("对话嘉宾:"), words));
	assert_false(shape_label(S("编者按语"), words));
	assert_true(shape_editor(S("——编  者")));
	assert_true(shape_editor(S("—— 编者按")));
	assert_true(shape_editor(S("--编辑")));
	assert_false(shape_editor(S("编者")));
	assert_false(shape_editor(S("——李明华代表")));
	assert_true(shape_subtitle(S("——“基层治理”座谈会观点摘登")));
	assert_false(shape_subtitle(S("——编者")));
	assert_false(shape_subtitle(S("——这是一句话。")));
}

static void test_notes_and_trailers(void **state)
{
	(void)state;
	assert_true(shape_bracketed(S("（本报记者 张三 整理）")));
	assert_true(shape_bracketed(S("(记者 张三)")));
	assert_false(shape_bracketed(S("（本报记者 张三 整理")));
	assert_true(shape_trailer(S("（本报记者 张三 整理）")));
	assert_true(shape_trailer(S("本版编辑：李四")));
	assert_true(shape_trailer(S("责编 王五")));
	assert_false(shape_trailer(S("（视频发言截图）")));
	assert_true(shape_note(S("（本报记者王某某采访整理）")));
	assert_true(shape_note(S("本报记者  王  某")));
	assert_true(shape_note(S("（新华社记者 李某 摄）")));
	assert_true(shape_note(S("数据来源：国家统计局")));
	assert_true(shape_note(S("编者按：")));
	assert_false(shape_note(S("（一）加强基层党建")));
	assert_false(shape_note(S("本报记者走访发现，群众满意。这是一段话。")));
	assert_false(shape_note(S("城关乡因地制宜、向内挖潜")));
}

static void test_punct(void **state)
{
	(void)state;
	assert_true(shape_has_punct(S("城关乡因地制宜、向内挖潜")));
	assert_true(shape_has_punct(S("盘活“五闲资源”")));
	assert_true(shape_has_punct(S("a, b")));
	assert_false(shape_has_punct(S("走出农村公共服务体系建设新路子")));
	assert_false(shape_has_punct(S("第一部分：聚焦重点。")));
}

static void test_turns(void **state)
{
	size_t clen = 0;

	(void)state;
	assert_int_equal(shape_turn_colon(S("冯帆：我们认为"), &clen), strlen("冯帆"));
	assert_int_equal(clen, 3);
	assert_int_equal(shape_turn_colon(S("Host: yes"), &clen), 4);
	assert_int_equal(clen, 1);
	assert_int_equal(shape_turn_colon(S("：开头"), &clen), 0);
	assert_int_equal(shape_turn_colon(S("没有冒号的一行"), &clen), 0);
	/* Only a short head: a colon past 40 bytes opens no turn. */
	assert_int_equal(shape_turn_colon(S("这是一段很长很长很长很长很长的话：后面"), &clen), 0);
	assert_true(shape_names_guest(S("冯  帆"), S("冯帆")));
	assert_true(shape_names_guest(S("冯帆"), S("冯 帆")));
	assert_false(shape_names_guest(S("冯帆帆"), S("冯帆")));
	assert_false(shape_names_guest(S("冯"), S("冯帆")));
	assert_true(shape_question_head(S("记者：")));
	assert_true(shape_question_head(S("主持人:")));
	assert_false(shape_question_head(S("冯帆：")));
	assert_int_equal(shape_qa_label(S("问：如何看待"), "问"), strlen("问："));
	assert_int_equal(shape_qa_label(S("1.问:  如何"), "问"), strlen("1.问:  "));
	assert_int_equal(shape_qa_label(S("2、答：我们"), "答"), strlen("2、答："));
	assert_int_equal(shape_qa_label(S("问题：如何"), "问"), 0);
	assert_int_equal(shape_qa_label(S("答：好"), "问"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headline_title_topic),
		cmocka_unit_test(test_label_editor_subtitle),
		cmocka_unit_test(test_notes_and_trailers),
		cmocka_unit_test(test_punct),
		cmocka_unit_test(test_turns),
	};

	return cmocka_run_group_tests_name("shape", tests, NULL, NULL);
}
