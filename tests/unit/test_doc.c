/* test_doc.c: the article model and parser, on the seed, on one test article
 * per variant of the genre (tests/data/), and on hostile input. Run from the
 * top of the source tree. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <uniconv.h>

#include "fayan/doc.h"
#include "fayan/fold.h"
#include "fayan/state.h"
#include "fayan/util.h"

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	assert_non_null(f);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_take(&b, len);
}

/* Parse bytes; the test fails if that does not succeed. */
static void load_buf(struct doc *d, const char *name, const char *data, size_t len, bool force)
{
	struct doc_opts o = {.force = force};
	struct fy_err err = {.code = 0};

	if (doc_add_buffer(d, name, data, len, &o, &err) != 0)
		fail_msg("%s", err.msg);
}

static void load_file(struct doc *d, const char *path)
{
	struct doc_opts o = {.force = false};
	struct fy_err err = {.code = 0};

	if (doc_add_file(d, path, &o, &err) != 0)
		fail_msg("%s", err.msg);
}

/* Expect parsing to fail with exactly this message. */
static void expect_error(const char *data, size_t len, bool force, const char *msg)
{
	struct doc d;
	struct doc_opts o = {.force = force};
	struct fy_err err = {.code = 0};

	doc_init(&d);
	assert_int_equal(doc_add_buffer(&d, "in.txt", data, len, &o, &err), -1);
	assert_string_equal(err.msg, msg);
	assert_int_equal(err.code, EXIT_TROUBLE);
	assert_int_equal(d.narticles, 0);
	doc_free(&d);
}

/* Replace every occurrence of `from` by `to`. */
static char *replace_all(const char *s, const char *from, const char *to)
{
	struct buf b;
	const char *p;
	size_t fl = strlen(from);

	buf_init(&b);
	while ((p = strstr(s, from)) != NULL) {
		buf_add(&b, s, (size_t)(p - s));
		buf_adds(&b, to);
		s = p + fl;
	}
	buf_adds(&b, s);
	return buf_take(&b, NULL);
}

static bool has_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7F)
			return true;
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] < 0xA0)
			return true;
	}
	return false;
}

static void check_str(const char *s)
{
	if (s)
		assert_false(has_control(s, strlen(s)));
}

/* Every invariant the header promises, for every string and piece of the collection. */
static void check_para(const struct article *a, const struct para *p)
{
	size_t covered = 0;

	assert_non_null(p->text);
	assert_int_equal(strlen(p->text), p->len);
	assert_true(p->len > 0);
	assert_false(has_control(p->text, p->len));
	assert_true(p->npieces >= 1);
	for (size_t i = 0; i < p->npieces; i++) {
		const struct piece *pc = &p->pieces[i];

		assert_true(pc->text_off + pc->len <= p->len);
		assert_true(pc->src_off + pc->len <= a->src_len);
		assert_memory_equal(p->text + pc->text_off, a->src + pc->src_off, pc->len);
		assert_true(i == 0 || pc->text_off >= p->pieces[i - 1].text_off + p->pieces[i - 1].len);
		covered += pc->len;
	}
	assert_true(covered <= p->len);
	if (p->fold != PARA_FOLD_UNKNOWN)
		assert_int_equal(p->fold == PARA_FOLD_SELF, fold_invariant(p->text, p->len));
	if (p->lead_len) {
		assert_true(p->lead_len <= p->len);
		assert_memory_equal(p->text + p->lead_len - 3, "。", 3);
		assert_null(memmem(p->text, p->lead_len - 3, "。", 3));
	} else {
		assert_null(strstr(p->text, "。"));
	}
}

static void check_doc(const struct doc *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->narticles; i++) {
		const struct article *a = d->articles[i];

		check_str(a->name);
		check_str(a->title);
		check_str(a->editor);
		check_str(a->trailer);
		check_str(a->why_empty);
		assert_non_null(a->title);
		assert_true((a->nsections == 0) == (a->why_empty != NULL));
		for (size_t j = 0; j < a->nintro; j++)
			check_para(a, &a->intro[j]);
		for (size_t j = 0; j < a->nwarnings; j++) {
			check_str(a->warnings[j]);
			assert_true(strncmp(a->warnings[j], "line ", 5) == 0 ||
				    strstr(a->warnings[j], "more warnings") != NULL);
		}
		for (size_t j = 0; j < a->nsections; j++) {
			const struct section *s = &a->sections[j];

			assert_ptr_equal(d->sections[n], s);
			assert_int_equal(s->number, ++n);
			assert_ptr_equal(s->article, a);
			check_str(s->topic);
			check_str(s->headline);
			assert_non_null(s->headline);
			check_str(s->speaker.byline);
			check_str(s->speaker.place);
			check_str(s->speaker.title);
			check_str(s->speaker.name);
			assert_int_equal(s->topic_invariant, s->topic && fold_invariant(s->topic, strlen(s->topic)));
			assert_int_equal(s->headline_invariant, fold_invariant(s->headline, strlen(s->headline)));
			assert_int_equal(s->byline_invariant,
					 s->speaker.byline &&
						 fold_invariant(s->speaker.byline, strlen(s->speaker.byline)));
			assert_true(s->src_off < a->src_len);
			assert_true(s->line >= 1);
			for (size_t k = 0; k < s->npara; k++)
				check_para(a, &s->paras[k]);
		}
	}
	assert_int_equal(n, d->nsections);
}

static void expect_speaker(const struct section *s, const char *byline, const char *place,
			   const char *title, const char *name)
{
	assert_string_equal(s->speaker.byline, byline);
	assert_string_equal(s->speaker.place, place);
	assert_string_equal(s->speaker.title, title);
	assert_string_equal(s->speaker.name, name);
}

/* Parse a test article from tests/data. */
static void load_data(struct doc *d, const char *file)
{
	char path[256];

	snprintf(path, sizeof path, "tests/data/%s", file);
	load_file(d, path);
	check_doc(d);
}

/* ---- the seed ---- */

static void test_seed_structure(void **state)
{
	static const char *const names[] = {"马东亮", "高留念", "段祥生", "张海军", "李华",
					    "王东", "韩迎旭", "曹西峰", "王彬", "陈萌"};
	static const char *const places[] = {"新郑市城关乡", "中原区棉纺路街道", "惠济区大河路街道",
					     "管城区航海东路街道", "金水区经八路街道", "巩义市鲁庄镇",
					     "登封市嵩阳街道", "中牟县郑庵镇", "二七区五里堡街道",
					     "郑东新区龙湖办事处"};
	static const size_t lines[] = {11, 31, 51, 71, 87, 107, 127, 147, 169, 189};
	static const size_t npara[] = {5, 5, 5, 4, 5, 5, 5, 6, 5, 5};
	struct doc d;
	const struct article *a;
	size_t len;
	const char *seed = doc_builtin_data(&len);

	(void)state;
	doc_init(&d);
	doc_add_builtin(&d);
	check_doc(&d);
	assert_int_equal(d.narticles, 1);
	a = d.articles[0];
	assert_string_equal(a->name, "(built-in)");
	assert_int_equal(a->src_len, 15238);
	assert_int_equal(len, 15238);
	assert_string_equal(a->title, "不断提升基层治理能力 营造安居乐业良好环境");
	assert_null(a->editor);
	assert_null(a->trailer);
	assert_null(a->why_empty);
	assert_int_equal(a->nwarnings, 0);
	assert_int_equal(a->nintro, 2);
	assert_true(strncmp(a->intro[0].text, "听民声、顺民意、惠民生、聚民力。", 48) == 0);
	assert_non_null(strstr(a->intro[1].text, "体系和治理能力提升,此次交流会"));
	assert_int_equal(a->intro[1].npieces, 2);
	assert_int_equal(d.nsections, 10);
	assert_int_equal(a->nsections, 10);
	/* One join per section's first paragraph, one in the intro, nine more in bodies. */
	assert_int_equal(a->rejoined, 20);
	for (size_t i = 0; i < 10; i++) {
		const struct section *s = d.sections[i];
		const char *byl = memmem(seed, len, s->speaker.byline, strlen(s->speaker.byline));

		assert_int_equal(s->number, i + 1);
		assert_string_equal(s->speaker.name, names[i]);
		assert_string_equal(s->speaker.place, places[i]);
		assert_string_equal(s->speaker.title, i == 0 || i == 5 || i == 7 ? "党委书记" : "党工委书记");
		assert_int_equal(s->line, lines[i]);
		assert_null(s->topic);
		assert_true(s->npara >= 4 && s->npara <= 6);
		assert_int_equal(s->npara, npara[i]);
		assert_non_null(byl);
		/* The section starts at its headline, which is printed right above the byline. */
		assert_memory_equal(seed + s->src_off, s->headline, strlen(s->headline));
		assert_memory_equal(byl - 2 - strlen(s->headline), s->headline, strlen(s->headline));
		assert_int_equal(s->paras[0].npieces, 2);
		assert_false(s->paras[0].owned); /* rejoined in place, not copied */
		assert_true(strncmp(s->paras[s->npara - 1].text, "下一步", 9) == 0 || i == 2);
	}
	assert_string_equal(d.sections[0]->headline, "走出农村公共服务体系建设新路子");
	assert_string_equal(d.sections[0]->speaker.byline, "新郑市城关乡党委书记 马东亮");
	assert_string_equal(d.sections[4]->headline, "按下高品质街区建设“快进键”");
	assert_string_equal(d.sections[9]->headline, "“三型”街区绘出中原科技城治理新图景");
	doc_free(&d);
}

/* Asked for (doc_opts.folds, as the browser and the filters of the command
 * line ask), the parser finds for every paragraph whether it folds to
 * itself, the built-in article's few that do not included. */
static void test_folds_found_when_asked(void **state)
{
	struct doc d;
	struct fy_err err;
	struct doc_opts o = {.folds = true};
	size_t len, changes = 0;
	const char *seed = doc_builtin_data(&len);

	(void)state;
	doc_init(&d);
	assert_int_equal(doc_add_buffer(&d, "seed", seed, len, &o, &err), 0);
	for (size_t i = 0; i < d.nsections; i++)
		for (size_t j = 0; j < d.sections[i]->npara; j++) {
			const struct para *pa = &d.sections[i]->paras[j];

			assert_int_not_equal(pa->fold, PARA_FOLD_UNKNOWN);
			assert_int_equal(pa->fold == PARA_FOLD_SELF, fold_invariant(pa->text, pa->len));
			changes += pa->fold == PARA_FOLD_CHANGES;
		}
	assert_true(changes >= 1 && changes <= 3);
	doc_free(&d);
}

static void test_seed_paragraphs(void **state)
{
	struct doc d;
	const struct section *s;
	const struct para *p;

	(void)state;
	doc_init(&d);
	doc_add_builtin(&d);
	/* 盘活资 + 源, joined without a space, pieces pointing at both lines. */
	s = d.sections[0];
	p = &s->paras[0];
	assert_non_null(strstr(p->text, "着力盘活资源、补齐短板"));
	assert_int_equal(p->pieces[0].text_off, 0);
	assert_int_equal(p->pieces[1].text_off, p->pieces[0].len);
	assert_int_equal(p->pieces[0].len + p->pieces[1].len, p->len);
	/* Rejoined in place: no copy, the second fragment moved to follow the first. */
	assert_false(p->owned);
	assert_ptr_equal(p->text, s->article->src + p->pieces[0].src_off);
	assert_int_equal(p->pieces[1].src_off, p->pieces[0].src_off + p->pieces[0].len);
	assert_int_equal(p->lead_len, 0 + (size_t)(strstr(p->text, "新路子。") - p->text) + 12);
	/* Of the seed's characters only an N and two … fold to something else
	 * (its commas are ASCII): the parser knows every other paragraph folds
	 * to itself without looking, and leaves those to the first filter. */
	size_t unknown = 0;

	for (size_t i = 0; i < d.nsections; i++)
		for (size_t j = 0; j < d.sections[i]->npara; j++) {
			const struct para *pa = &d.sections[i]->paras[j];

			assert_int_equal(pa->fold == PARA_FOLD_UNKNOWN, !fold_invariant(pa->text, pa->len));
			unknown += pa->fold == PARA_FOLD_UNKNOWN;
		}
	assert_true(unknown >= 1 && unknown <= 3);
	/* The lead sentence works as a sub-heading. */
	p = &s->paras[1];
	assert_int_equal(p->lead_len, strlen("盘活“五闲资源”,破解用地瓶颈。"));
	assert_false(p->owned);
	assert_int_equal(p->npieces, 1);
	/* Single-line paragraphs point into the source. */
	assert_ptr_equal(p->text, s->article->src + p->pieces[0].src_off);
	/* Printed text is kept: 作用 / 用, stays 作用用, with its ASCII comma. */
	s = d.sections[2];
	assert_non_null(strstr(s->paras[2].text, "模范作用用,采取一线工作法"));
	/* 功能 / 增强。 */
	s = d.sections[4];
	assert_non_null(strstr(s->paras[2].text, "功能增强。"));
	assert_true(strlen(s->paras[2].text) > strlen("增强。"));
	for (size_t i = 0; i < s->npara; i++)
		assert_string_not_equal(s->paras[i].text, "增强。");
	/* 公 / 共单位 */
	assert_non_null(strstr(d.sections[1]->paras[2].text, "四方联动"));
	assert_non_null(strstr(d.sections[1]->paras[2].text, "公共单位、居民商户"));
	doc_free(&d);
}

/* ---- the variants of the genre ---- */

static void test_no_intro(void **state)
{
	struct doc d;
	const struct article *a;

	(void)state;
	doc_init(&d);
	load_data(&d, "no_intro.txt");
	a = d.articles[0];
	assert_string_equal(a->title, "深化改革 激发活力");
	assert_int_equal(a->nintro, 0);
	assert_int_equal(a->nsections, 2);
	assert_string_equal(a->sections[0].headline, "抓党建促发展 打造过硬队伍");
	assert_int_equal(a->sections[0].line, 3);
	expect_speaker(&a->sections[0], "金水区花园路街道党工委书记 刘建国", "金水区花园路街道", "党工委书记", "刘建国");
	assert_int_equal(a->sections[0].npara, 2);
	expect_speaker(&a->sections[1], "上街区济源路街道党工委书记 周玉兰", "上街区济源路街道", "党工委书记", "周玉兰");
	assert_int_equal(a->sections[1].npara, 2);
	assert_string_equal(a->sections[1].paras[0].text, "济源路街道聚焦安全生产,开展隐患排查整治行动,共整改问题230处。");
	assert_int_equal(a->rejoined, 1);
	doc_free(&d);
}

static void test_no_title_no_intro(void **state)
{
	struct doc d;
	size_t len;
	char *s = slurp("tests/data/no_intro.txt", &len);
	const char *body = strstr(s, "抓党建");

	(void)state;
	doc_init(&d);
	load_buf(&d, "x", body, strlen(body), false);
	check_doc(&d);
	assert_string_equal(d.articles[0]->title, "");
	assert_int_equal(d.articles[0]->nintro, 0);
	assert_int_equal(d.nsections, 2);
	assert_string_equal(d.sections[0]->headline, "抓党建促发展 打造过硬队伍");
	assert_int_equal(d.sections[0]->line, 1);
	assert_int_equal(d.sections[0]->src_off, 0);
	doc_free(&d);
	free(s);
}

static void test_two_line_headline(void **state)
{
	struct doc d;
	const struct article *a;

	(void)state;
	doc_init(&d);
	load_data(&d, "two_line_headline.txt");
	a = d.articles[0];
	assert_string_equal(a->title, "基层治理创新案例交流");
	assert_int_equal(a->nintro, 1);
	assert_int_equal(a->nsections, 2);
	assert_string_equal(a->sections[0].topic, "聚焦民生实事");
	assert_string_equal(a->sections[0].headline, "让老旧小区焕发新颜");
	assert_int_equal(a->sections[0].line, 5);
	assert_memory_equal(a->src + a->sections[0].src_off, "聚焦民生实事", strlen("聚焦民生实事"));
	expect_speaker(&a->sections[0], "二七区长江路街道党工委书记 孙立平", "二七区长江路街道", "党工委书记", "孙立平");
	assert_int_equal(a->sections[0].npara, 2);
	assert_string_equal(a->sections[0].paras[1].text, "下一步,将持续推进老旧小区改造。");
	assert_string_equal(a->sections[1].topic, "坚持问题导向");
	assert_string_equal(a->sections[1].headline, "破解停车难题");
	assert_int_equal(a->sections[1].line, 14);
	assert_int_equal(a->sections[1].npara, 1);
	doc_free(&d);
}

static void test_separators(void **state)
{
	struct doc d;
	const struct article *a;

	(void)state;
	doc_init(&d);
	load_data(&d, "separators.txt");
	a = d.articles[0];
	assert_int_equal(a->nsections, 5);
	assert_int_equal(a->nintro, 0);
	/* One space, two spaces, a no-break space, an ideographic space: all normalised. */
	expect_speaker(&a->sections[0], "新密市青屏街道党工委书记 杨志刚", "新密市青屏街道", "党工委书记", "杨志刚");
	expect_speaker(&a->sections[1], "登封市大冶镇党委书记 吴国强", "登封市大冶镇", "党委书记", "吴国强");
	expect_speaker(&a->sections[2], "荥阳市贾峪镇党委书记 许丽萍", "荥阳市贾峪镇", "党委书记", "许丽萍");
	expect_speaker(&a->sections[3], "新郑市龙湖镇党委书记 何建军", "新郑市龙湖镇", "党委书记", "何建军");
	/* Place and title printed as separate parts. */
	expect_speaker(&a->sections[4], "航空港区 滨河办事处 党工委书记 冯晓东", "航空港区 滨河办事处",
		       "党工委书记", "冯晓东");
	assert_string_equal(a->sections[1].headline, "盘活资源 壮大集体经济");
	doc_free(&d);
}

static void test_byline_variants_inline(void **state)
{
	static const struct {
		const char *byline, *norm, *place, *title, *name;
	} cases[] = {
		{"郑州市委书记 张三", "郑州市委书记 张三", "郑州", "市委书记", "张三"},
		{"金水区委书记　李四", "金水区委书记 李四", "金水", "区委书记", "李四"},
		{"新郑市城关乡党委书记\xC2\xA0\xC2\xA0马东亮", "新郑市城关乡党委书记 马东亮", "新郑市城关乡", "党委书记", "马东亮"},
		{"中原区绿东村街道办事处党工委书记 欧阳明月", "中原区绿东村街道办事处党工委书记 欧阳明月",
		 "中原区绿东村街道办事处", "党工委书记", "欧阳明月"},
		{"惠济区花园口镇八堡村党支部书记 刘强", "惠济区花园口镇八堡村党支部书记 刘强", "惠济区花园口镇八堡村",
		 "党支部书记", "刘强"},
		{"郑州市 张三代表", "郑州市 张三代表", "郑州市", "代表", "张三"},
		{"政协委员 王五", "政协委员 王五", "", "政协委员", "王五"},
		{"登封市人民政府市长 赵六委员", "登封市人民政府市长 赵六委员", "登封市", "人民政府市长、委员", "赵六"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct doc d;
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "标题\n\n一个标题\n\n%s\n\n正文。\n", cases[i].byline);
		doc_init(&d);
		load_buf(&d, "x", b.data, b.len, false);
		check_doc(&d);
		if (d.nsections != 1)
			fail_msg("not a byline: %s", cases[i].byline);
		expect_speaker(d.sections[0], cases[i].norm, cases[i].place, cases[i].title, cases[i].name);
		assert_string_equal(d.sections[0]->headline, "一个标题");
		doc_free(&d);
		buf_free(&b);
	}
}

/* Whether a topic, a headline and a byline fold to themselves, which the
 * parser tells from the scan of the source where it can: right whether or
 * not their line holds a character that folds to something else. */
static void test_heading_folds(void **state)
{
	static const struct {
		const char *topic, *headline, *byline;
		bool topic_inv, headline_inv, byline_inv;
	} cases[] = {
		{"聚焦基层治理", "一个标题", "新郑市城关乡党委书记 马东亮", true, true, true},
		{"聚焦5G", "一个标题", "新郑市城关乡党委书记 马东亮", false, true, true},
		{"聚焦基层", "建设5G网络", "新郑市城关乡党委书记 马东亮", true, false, true},
		{"聚焦基层", "推进“ＡＢ”工程", "新郑市城关乡党委书记 马东亮", true, false, true},
		{"聚焦基层", "一个标题", "新郑市城关乡党委书记　马东亮", true, true, true},
		{"聚焦基层", "一个标题", "新郑市Ａ区党委书记 马东亮", true, true, false},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct doc d;
		struct buf b;
		const struct section *s;

		buf_init(&b);
		buf_printf(&b, "标题\n\n%s\n%s\n\n%s\n\n正文。\n", cases[i].topic, cases[i].headline,
			   cases[i].byline);
		doc_init(&d);
		load_buf(&d, "x", b.data, b.len, false);
		check_doc(&d);
		assert_int_equal(d.nsections, 1);
		s = d.sections[0];
		assert_non_null(s->topic);
		assert_string_equal(s->headline, cases[i].headline);
		assert_int_equal(s->topic_invariant, cases[i].topic_inv);
		assert_int_equal(s->headline_invariant, cases[i].headline_inv);
		assert_int_equal(s->byline_invariant, cases[i].byline_inv);
		doc_free(&d);
		buf_free(&b);
	}
}

static void test_not_bylines(void **state)
{
	static const char *const lines[] = {
		"抢抓战略机遇 推进生态环境整治", /* a headline with a space */
		"科技赋能 引领发展",             /* four hanzi last, but no title */
		"新郑市城关乡党委书记   马东亮",  /* three spaces */
		"新郑市城关乡党委书记 马东亮。", /* sentence punctuation */
		"（记者 张三 整理）",
		"新郑市城关乡党委书记 Ma Dongliang",
		"新郑市城关乡党委书记 马东亮和他的同事们以及其他人员",
		"——编  者",
	};

	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		struct doc d;
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "标题\n\n一个标题\n\n%s\n\n正文。\n", lines[i]);
		doc_init(&d);
		load_buf(&d, "x", b.data, b.len, false);
		check_doc(&d);
		if (d.nsections != 0)
			fail_msg("taken as a byline: %s", lines[i]);
		doc_free(&d);
		buf_free(&b);
	}
}

static void test_deputies(void **state)
{
	struct doc d;
	const struct article *a;

	(void)state;
	doc_init(&d);
	load_data(&d, "deputies.txt");
	a = d.articles[0];
	assert_string_equal(a->title, "代表委员谈发展");
	assert_int_equal(a->nsections, 3);
	expect_speaker(&a->sections[0], "郑州市金水区 王振华代表", "郑州市金水区", "代表", "王振华");
	expect_speaker(&a->sections[1], "河南省政协 李秀英委员", "河南省政协", "委员", "李秀英");
	expect_speaker(&a->sections[2], "张明代表", "", "代表", "张明");
	assert_string_equal(a->sections[2].headline, "做好新时代的答卷人");
	assert_string_equal(a->sections[2].paras[0].text, "我来自基层,深知群众所盼。");
	doc_free(&d);
}

static void test_colon_bylines(void **state)
{
	struct doc d;
	const struct article *a;
	const struct section *s;

	(void)state;
	doc_init(&d);
	load_data(&d, "colon.txt");
	a = d.articles[0];
	assert_string_equal(a->title, "市委常委会议发言摘要");
	assert_int_equal(a->nintro, 1);
	assert_int_equal(a->nsections, 3);
	s = &a->sections[0];
	assert_string_equal(s->headline, "");
	assert_null(s->topic);
	expect_speaker(s, "郑州市委书记 张文博", "郑州", "市委书记", "张文博");
	assert_int_equal(s->line, 5);
	assert_int_equal(s->npara, 2);
	assert_string_equal(s->paras[0].text, "我们要把基层治理摆在更加突出的位置。");
	assert_int_equal(s->paras[0].pieces[0].src_off, s->src_off + strlen("郑州市委书记 张文博:"));
	/* A fullwidth colon, and a page break inside the speech. */
	s = &a->sections[1];
	expect_speaker(s, "金水区委书记 刘晓明", "金水", "区委书记", "刘晓明");
	assert_int_equal(s->npara, 2);
	assert_string_equal(s->paras[0].text, "金水区将全力推进老旧小区改造,今年完成改造120个。");
	assert_string_equal(s->paras[1].text, "下一步,我们将加快推进项目建设。");
	s = &a->sections[2];
	expect_speaker(s, "王丽娟代表", "", "代表", "王丽娟");
	assert_string_equal(s->paras[0].text, "我建议进一步加大对社区养老服务的投入。");
	doc_free(&d);
}

static void test_colon_not_used_with_bylines(void **state)
{
	struct doc d;
	size_t len;
	char *s = slurp("tests/data/no_intro.txt", &len);
	char *t = replace_all(s, "下一步,将继续", "金水区委书记 刘晓明:下一步,将继续");

	(void)state;
	doc_init(&d);
	load_buf(&d, "x", t, strlen(t), false);
	check_doc(&d);
	assert_int_equal(d.nsections, 2);
	assert_string_equal(d.sections[0]->speaker.name, "刘建国");
	doc_free(&d);
	free(s);
	free(t);
}

static void test_editor(void **state)
{
	static const char *const variants[] = {"——编  者", "——编者", "—— 编 者"};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct doc d;
		size_t len;
		char *s = slurp("tests/data/editor.txt", &len);
		char *t = replace_all(s, "——编  者", variants[i]);
		const struct article *a;

		doc_init(&d);
		load_buf(&d, "editor.txt", t, strlen(t), false);
		check_doc(&d);
		a = d.articles[0];
		assert_string_equal(a->title, "为民办实事 基层在行动");
		assert_non_null(a->editor);
		assert_string_equal(a->editor, variants[i]);
		assert_int_equal(a->nintro, 1);
		assert_non_null(strstr(a->intro[0].text, "敬请关注。"));
		assert_int_equal(a->nsections, 1);
		assert_null(a->sections[0].topic);
		assert_string_equal(a->sections[0].headline, "办好群众身边事");
		expect_speaker(&a->sections[0], "荥阳市广武镇党委书记 郭志强", "荥阳市广武镇", "党委书记", "郭志强");
		assert_int_equal(a->sections[0].npara, 2);
		doc_free(&d);
		free(s);
		free(t);
	}
}

static void test_trailer(void **state)
{
	static const char *const variants[] = {"（记者 王小明 整理）", "(本报记者 王小明)", "本版编辑 王小明"};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct doc d;
		size_t len;
		char *s = slurp("tests/data/trailer.txt", &len);
		char *t = replace_all(s, "（记者 王小明 整理）", variants[i]);
		const struct article *a;

		doc_init(&d);
		load_buf(&d, "trailer.txt", t, strlen(t), false);
		check_doc(&d);
		a = d.articles[0];
		assert_int_equal(a->nsections, 2);
		assert_non_null(a->trailer);
		assert_string_equal(a->trailer, variants[i]);
		assert_int_equal(a->sections[1].npara, 1);
		assert_string_equal(a->sections[1].paras[0].text, "辛店镇推进农村人居环境整治,村容村貌明显改善。");
		doc_free(&d);
		free(s);
		free(t);
	}
}

static void test_indented(void **state)
{
	struct doc d;
	const struct article *a;
	const struct section *s;

	(void)state;
	doc_init(&d);
	load_data(&d, "indented.txt");
	a = d.articles[0];
	assert_string_equal(a->title, "社区治理经验谈");
	assert_int_equal(a->nsections, 1);
	s = &a->sections[0];
	assert_int_equal(s->npara, 3);
	assert_string_equal(s->paras[0].text, "丰产路街道以社区为单元,推行“一刻钟服务圈”。");
	assert_false(s->paras[0].owned);
	assert_memory_equal(a->src + s->paras[0].pieces[0].src_off - 6, "\u3000\u3000", 6);
	/* Joined across the break without the indentation of the second line. */
	assert_string_equal(s->paras[1].text, "我们把服务窗口前移到小区,群众办事不出社区。");
	assert_int_equal(s->paras[1].npieces, 2);
	assert_int_equal(a->rejoined, 1);
	doc_free(&d);
}

static void test_crlf_bom(void **state)
{
	static const char *const ends[] = {"\r\n", "\r"};
	size_t len;
	char *lf = slurp("tests/data/two_line_headline.txt", &len);

	(void)state;
	for (size_t e = 0; e < 2; e++) {
		struct doc ref, d;
		char *crlf = replace_all(lf, "\n", ends[e]);
		struct buf b;

		buf_init(&b);
		buf_adds(&b, "\xEF\xBB\xBF");
		buf_adds(&b, crlf);
		doc_init(&ref);
		doc_init(&d);
		load_buf(&ref, "lf", lf, len, false);
		load_buf(&d, "crlf", b.data, b.len, false);
		check_doc(&d);
		assert_int_equal(d.articles[0]->src_len, b.len - 3);
		assert_string_equal(d.articles[0]->title, ref.articles[0]->title);
		assert_int_equal(d.nsections, 2);
		for (size_t i = 0; i < 2; i++) {
			const struct section *s = d.sections[i], *r = ref.sections[i];

			assert_string_equal(s->topic, r->topic);
			assert_string_equal(s->headline, r->headline);
			assert_string_equal(s->speaker.byline, r->speaker.byline);
			assert_string_equal(s->speaker.name, r->speaker.name);
			assert_int_equal(s->line, r->line);
			assert_int_equal(s->npara, r->npara);
			for (size_t k = 0; k < s->npara; k++)
				assert_string_equal(s->paras[k].text, r->paras[k].text);
		}
		doc_free(&ref);
		doc_free(&d);
		buf_free(&b);
		free(crlf);
	}
	free(lf);
}

static void test_no_sections(void **state)
{
	struct doc d;
	const struct article *a;

	(void)state;
	doc_init(&d);
	load_data(&d, "no_sections.txt");
	a = d.articles[0];
	assert_int_equal(a->nsections, 0);
	assert_int_equal(d.nsections, 0);
	assert_string_equal(a->title, "关于做好秋冬季疫情防控工作的通知");
	assert_int_equal(a->nintro, 4);
	assert_string_equal(a->intro[0].text, "各乡镇(街道)、各有关部门:");
	assert_non_null(a->why_empty);
	assert_non_null(strstr(a->why_empty, "no byline found"));
	assert_non_null(strstr(a->why_empty, "新郑市城关乡党委书记 马东亮"));
	doc_free(&d);
}

static void test_warnings(void **state)
{
	static const char text[] = "标题\n\n一个标题\n\n新郑市城关乡党委书记 马东亮\n\n"
				   "另一个标题\n\n中原区棉纺路街道党工委书记 高留念\n\n正文。\n\n孤零零的小标题\n";
	struct doc d;
	const struct article *a;

	(void)state;
	doc_init(&d);
	load_buf(&d, "w", text, sizeof text - 1, false);
	check_doc(&d);
	a = d.articles[0];
	assert_int_equal(a->nsections, 2);
	assert_int_equal(a->sections[0].npara, 0);
	assert_int_equal(a->nwarnings, 2);
	assert_string_equal(a->warnings[0], "line 3: section of 马东亮 has a byline but no text");
	assert_string_equal(a->warnings[1], "line 13: headline-like line with no byline after it");
	doc_free(&d);
}

static void test_ascii_join(void **state)
{
	static const char text[] = "Title\n\n标题\n\n某某县县长 李明\n\nThe quick brown fox jumps over\n\nthe lazy dog.\n\n"
				   "中文的一段话被版面的分栏从中间断开\n\n接续。\n";
	struct doc d;
	const struct section *s;

	(void)state;
	doc_init(&d);
	load_buf(&d, "a", text, sizeof text - 1, false);
	check_doc(&d);
	assert_string_equal(d.articles[0]->title, "Title");
	assert_int_equal(d.nsections, 1);
	s = d.sections[0];
	assert_int_equal(s->npara, 2);
	assert_string_equal(s->paras[0].text, "The quick brown fox jumps over the lazy dog.");
	assert_string_equal(s->paras[1].text, "中文的一段话被版面的分栏从中间断开接续。");
	assert_int_equal(d.articles[0]->rejoined, 2);
	doc_free(&d);
}

/* With no section found, the text is shown as printed: every line a
 * paragraph, none rejoined, however it ends. */
static void test_no_sections_not_joined(void **state)
{
	static const char text[] = "Title\n\nThe quick brown\n\nfox jumps.\n\n中文\n\n接续。\n";
	struct doc d;

	(void)state;
	doc_init(&d);
	load_buf(&d, "a", text, sizeof text - 1, false);
	check_doc(&d);
	assert_int_equal(d.nsections, 0);
	assert_string_equal(d.articles[0]->title, "Title");
	assert_int_equal(d.articles[0]->nintro, 4);
	assert_string_equal(d.articles[0]->intro[0].text, "The quick brown");
	assert_string_equal(d.articles[0]->intro[3].text, "接续。");
	assert_int_equal(d.articles[0]->rejoined, 0);
	doc_free(&d);
}

/* ---- the layouts of real pages (invented articles, one per layout) ---- */

struct want {
	const char *name, *place_title, *headline;
};

/* Parse text and expect its sections to be want[0..n): name, place and
 * title run together, headline. */
static void expect_layout(const char *text, const char *layout, const struct want *want, size_t n)
{
	struct doc d;

	doc_init(&d);
	load_buf(&d, "x", text, strlen(text), false);
	check_doc(&d);
	if (d.nsections != n)
		fail_msg("%zu sections, not %zu, in:\n%s", d.nsections, n, text);
	if (layout)
		assert_string_equal(d.articles[0]->layout, layout);
	for (size_t i = 0; i < n; i++) {
		const struct section *s = d.sections[i];
		struct buf b;

		buf_init(&b);
		buf_adds(&b, s->speaker.place);
		buf_adds(&b, s->speaker.title);
		buf_addc(&b, '\0');
		assert_string_equal(s->speaker.name, want[i].name);
		assert_string_equal(b.data, want[i].place_title);
		assert_string_equal(s->headline, want[i].headline);
		buf_free(&b);
	}
	doc_free(&d);
}

static void test_layout_byline_above(void **state)
{
	static const struct want w[] = {
		{"李明华", "某某集团董事长、代表", "推进能源绿色低碳转型"},
		{"赵卫东", "委员", "让农民有更多获得感"},
		{"陈立", "某科技公司创始人", "把创新写在车间里"},
	};

	(void)state;
	expect_layout("代表委员谈发展\n\n某某集团董事长李明华代表——\n\n推进能源绿色低碳转型\n\n"
		      "今年我们要做好三件事，一是稳住产能。\n\n赵卫东委员——\n\n让农民有更多获得感\n\n"
		      "乡村振兴，关键在人。\n\n某科技公司创始人陈立——\n\n把创新写在车间里\n\n创新不是口号。\n",
		      "byline, then headline, then speech", w, 3);
}

static void test_layout_fused(void **state)
{
	static const struct want w[] = {
		{"李明华", "某某省发展改革委主任", "稳增长"},
		{"赵秀英", "某某市某区某街道某社区居民", "社区是我家"},
		{"欧阳明", "某某省电力有限公司党委书记", "保供电"},
		{"阿依古丽·买买提", "某某县农业农村局副局长", "种好致富果"},
	};

	(void)state;
	expect_layout("发言摘登\n\n稳增长\n\n某某省发展改革委主任李明华\n\n经济运行总体平稳。\n\n社区是我家\n\n"
		      "某某市某区某街道某社区居民赵秀英\n\n社区的事大家办。\n\n保供电\n\n某某省电力有限公司党委书记欧阳明\n\n"
		      "迎峰度夏电网平稳。\n\n种好致富果\n\n某某县农业农村局副局长 阿依古丽·买买提\n\n果园丰收了。\n",
		      "headline, then byline, then speech", w, 4);
}

static void test_layout_attribution(void **state)
{
	static const struct want w[] = {
		{"李明华", "某某省某市第一中学副校长、代表", ""},
		{"王芳", "某某（集团）有限公司副总裁、委员", ""},
		{"张强", "", ""},
	};

	(void)state;
	expect_layout("“她”说\n\n建议健全教育资源配置机制，让每个孩子都能上好学。\n\n"
		      "——李明华代表（某某省某市第一中学副校长）\n\n企业要在创新上下功夫。\n\n要把人才放在第一位。\n\n"
		      "——王芳委员（某某（集团）有限公司副总裁）\n\n基层治理要久久为功。\n\n——张强\n",
		      "speech, then attribution (——name)", w, 3);
}

static void test_layout_inline_and_turns(void **state)
{
	static const struct want w[] = {
		{"刘庆峰", "全国人大代表、某某公司董事长", ""},
		{"朱松纯", "全国政协委员、某某研究院院长", ""},
		{"朱松纯", "全国政协委员、某某研究院院长", "走进家庭要多久？"},
		{"刘庆峰", "全国人大代表、某某公司董事长", ""},
	};

	(void)state;
	expect_layout("人工智能，如何更“能”\n\n刘庆峰（全国人大代表、某某公司董事长）：推动人工智能与制造业深度融合。\n\n"
		      "朱松纯（全国政协委员、某某研究院院长）：制造业要降本增效。\n\n走进家庭要多久？\n\n"
		      "朱松纯：去年我们推出了通用智能人。\n\n刘庆峰：要明确标准。\n",
		      "byline opening the speech (name: text)", w, 4);
}

static void test_layout_dialogue(void **state)
{
	static const struct want w[] = {
		{"冯帆", "全国人大代表、某某律师事务所主任", "记  者：学前教育有哪些变化？"},
		{"周光权", "全国人大代表、某某大学法学院院长", ""},
	};
	struct doc d;
	static const char text[] = "民声连麦\n\n本报记者  王  某\n\n对话嘉宾：\n\n周光权  全国人大代表、某某大学法学院院长\n\n"
				   "冯  帆  全国人大代表、某某律师事务所主任\n\n记  者：学前教育有哪些变化？\n\n"
				   "冯  帆：表述变化背后，蕴含着人民至上的深意。\n\n周光权：这是进一步巩固。\n";

	(void)state;
	expect_layout(text, "dialogue: guest list, then questions and answers", w, 2);
	/* The question is the answer's headline, never glued into an answer. */
	doc_init(&d);
	load_buf(&d, "x", text, sizeof text - 1, false);
	assert_int_equal(d.sections[0]->npara, 1);
	assert_string_equal(d.sections[0]->paras[0].text, "表述变化背后，蕴含着人民至上的深意。");
	assert_string_equal(d.sections[1]->paras[0].text, "这是进一步巩固。");
	doc_free(&d);
}

static void test_layout_colon_alone_and_notes(void **state)
{
	static const struct want w[] = {
		{"李明华", "某某区某某镇党委书记", ""},
		{"王小红", "某某县某某村村民", ""},
	};
	struct doc d;
	static const char text[] = "基层声音\n\n某某区某某镇党委书记李明华：\n\n我们镇把网格建到了村组，让小事不出村、大事不出镇。\n\n"
				   "（本报记者王某某采访整理）\n\n某某县某某村村民王小红：\n\n"
				   "村里的路修好了，我们出门方便多了，日子越过越有盼头。\n\n（某某摄）\n";

	(void)state;
	expect_layout(text, "byline, then speech (no headlines)", w, 2);
	doc_init(&d);
	load_buf(&d, "x", text, sizeof text - 1, false);
	/* A credit and a caption are kept as notes, apart from the speech. */
	assert_int_equal(d.sections[0]->npara, 2);
	assert_int_equal(d.sections[0]->paras[1].kind, PARA_NOTE);
	assert_string_equal(d.sections[0]->paras[1].text, "（本报记者王某某采访整理）");
	assert_int_equal(d.sections[1]->paras[1].kind, PARA_NOTE);
	assert_int_equal(d.articles[0]->rejoined, 0);
	doc_free(&d);
}

static void test_layout_kicker_subtitle(void **state)
{
	struct doc d;
	static const char text[] = "深入学习贯彻党的精神\n\n奋力谱写新篇章\n\n——“某某”座谈会观点摘登\n\n"
				   "某某大学教授 李明华\n\n理论要联系实际。\n\n某某学会会长 赵卫东\n\n实践出真知。\n";

	(void)state;
	doc_init(&d);
	load_buf(&d, "x", text, sizeof text - 1, false);
	check_doc(&d);
	assert_int_equal(d.nsections, 2);
	assert_string_equal(d.articles[0]->kicker, "深入学习贯彻党的精神");
	assert_string_equal(d.articles[0]->title, "奋力谱写新篇章");
	assert_string_equal(d.articles[0]->subtitle, "——“某某”座谈会观点摘登");
	assert_int_equal(d.articles[0]->nintro, 0);
	doc_free(&d);
}

/* Not bylines: a caption after a name, a title that reads like a fused post
 * and name, a quotation with a colon. */
static void test_layout_not_bylines(void **state)
{
	static const struct want w[] = {
		{"李明华", "某某大学教授", ""},
		{"赵卫东", "某某学会会长", ""},
	};

	(void)state;
	expect_layout("基层书记谈治理\n\n李明华（某某大学教授）：习近平总书记曾讲过：要夯实根基。\n\n"
		      "李明华（视频发言截图）\n\n赵卫东（某某学会会长）：我们要久久为功。\n",
		      "byline opening the speech (name: text)", w, 2);
}

/* Reported speech, and speakers run on inside one paragraph: each is a
 * section, the text as printed. */
static void test_layout_reported_and_run_on(void **state)
{
	static const struct want w[] = {
		{"王辉", "某某学院实验教学中心党支部书记", ""},
		{"李明", "某某学院院长", ""},
	};
	static const struct want r[] = {
		{"万宝年", "全国政协委员", ""},
		{"肖燕", "全国政协委员", ""},
		{"王勇", "国务委员", ""},
	};
	struct doc d;
	static const char run_on[] = "委员热议报告\n\n政协委员在讨论报告时认为，任务艰巨。全国政协委员万宝年：“听了报告，"
				     "我感到信心满满，措施也是坚定务实的。”全国政协委员肖燕：“扶贫脱贫是硬任务，必须按时完成。”"
				     "国务委员王勇在参加代表团审议时说，我完全赞同这个报告。\n";

	(void)state;
	expect_layout("师生热议全会精神\n\n某某学院实验教学中心党支部书记王辉表示，全会精神鼓舞人心，我们要学好用好。\n\n"
		      "大家纷纷表示要落实好。\n\n“要把学问写在大地上。”某某学院院长李明说，要带领学生深入基层调研。\n",
		      "reported speech (post and name, then 表示 or 说)", w, 2);
	expect_layout(run_on, NULL, r, 3);
	doc_init(&d);
	load_buf(&d, "x", run_on, sizeof run_on - 1, false);
	/* Cut where each speech opens; an inline byline is the speaker, the
	 * speech what follows its colon; reported speech stays whole. */
	assert_string_equal(d.articles[0]->intro[0].text, "政协委员在讨论报告时认为，任务艰巨。");
	assert_string_equal(d.sections[0]->paras[0].text, "“听了报告，我感到信心满满，措施也是坚定务实的。”");
	assert_string_equal(d.sections[2]->paras[0].text, "国务委员王勇在参加代表团审议时说，我完全赞同这个报告。");
	doc_free(&d);
}

/* A post printed only where the speech first names the speaker, or in a
 * credit under the speech. */
static void test_layout_post_from_text(void **state)
{
	static const struct want w[] = {
		{"张冠梓", "中国社会科学院某某研究院院长、研究员、委员", "调查研究要深入"},
		{"董文琴", "某某省某某市委书记、代表", "推动林区焕发活力"},
	};

	(void)state;
	expect_layout("政绩观大家谈\n\n张冠梓委员——\n\n调查研究要深入\n\n“要立足实际。”中国社会科学院某某研究院院长、研究员张冠梓委员说。\n\n"
		      "（本报记者王某某整理）\n\n董文琴代表——\n\n推动林区焕发活力\n\n“结合实际。”某某省某某市委书记董文琴代表说，林区要转型。\n",
		      "byline, then headline, then speech", w, 2);
}

/* An interview as questions and answers, the one answering named in the
 * title and given a post in the intro. */
static void test_layout_interview(void **state)
{
	static const struct want w[] = {
		{"李明华", "某某大学海洋学院院长", "1.问：学院成立两年有哪些变化？"},
		{"李明华", "某某大学海洋学院院长", "2.问：下一步怎么做？"},
	};

	(void)state;
	expect_layout("【强特色】访谈李明华\n\n编者按：本期访谈由某某大学海洋学院院长李明华讲述学院的改革。\n\n"
		      "1.问：学院成立两年有哪些变化？\n\n答：学院从无到有，学生人数翻了一番。\n\n"
		      "2.问：下一步怎么做？\n\n答：继续深化教学改革。\n",
		      "interview: questions and answers (问：, 答：)", w, 2);
}

/* The reading position's key is the bytes as read, whatever the parser
 * makes of them; an encoding asked for is used, and its errors named. */
static void test_key_and_encoding(void **state)
{
	size_t len, glen;
	const char *seed = doc_builtin_data(&len);
	char *gb = u8_conv_to_encoding("GBK", iconveh_error, (const uint8_t *)seed, len, NULL, NULL, &glen);
	struct doc_opts o = {.key = true, .encoding = "GBK"};
	struct doc_opts plain = {.key = true};
	struct fy_err err = {.code = 0};
	struct doc d;

	(void)state;
	doc_init(&d);
	assert_int_equal(doc_add_buffer(&d, "seed", seed, len, &plain, &err), 0);
	assert_true(d.articles[0]->key == state_key(seed, len));
	assert_int_equal(doc_add_buffer(&d, "gbk", gb, glen, &o, &err), 0);
	assert_true(d.articles[1]->key == state_key(gb, glen));
	assert_string_equal(d.articles[1]->encoding, "GBK");
	assert_int_equal(d.articles[1]->nsections, 10);
	assert_string_equal(d.articles[1]->sections[0].speaker.name, "马东亮");
	/* UTF-8 bytes are not valid GBK throughout. */
	assert_int_equal(doc_add_buffer(&d, "in.txt", seed, len, &o, &err), -1);
	assert_string_equal(err.msg, "in.txt: not valid GBK");
	doc_free(&d);
	free(gb);
}

/* Text copied from a printed page, one printed line a line: full lines go
 * on into the next, an indent or a short last line ends a paragraph, and
 * headlines and bylines stay lines of their own. */
static void test_layout_printed_lines(void **state)
{
	struct doc d;

	(void)state;
	doc_init(&d);
	load_data(&d, "printed_lines.txt");
	check_doc(&d);
	assert_int_equal(d.nsections, 2);
	assert_string_equal(d.sections[0]->headline, "稳住基本盘");
	assert_string_equal(d.sections[0]->speaker.name, "李明华");
	assert_int_equal(d.sections[0]->npara, 2);
	assert_string_equal(d.sections[0]->paras[0].text,
			    "今年以来，我们坚持把稳就业摆在突出位置，新增城镇就业一万二千人，完成全年目标的九成。");
	assert_int_equal(d.sections[1]->npara, 2);
	assert_string_equal(d.sections[1]->paras[0].text,
			    "生态是我们镇最大的本钱。我们把山水林田湖草作为一个整体来保护，守住了绿水青山。");
	doc_free(&d);
}

/* A line that surely reads as a byline but is not in the page's layout is
 * named in a warning, for --check to say why it was not placed. */
static void test_unplaced_byline_warned(void **state)
{
	static const char text[] = "代表委员说\n\n建议健全教育资源配置机制。\n\n——李明华代表（某某中学副校长）\n\n"
				   "企业要在创新上下功夫。\n\n——王芳委员（某某公司副总裁）\n\n赵卫东委员——\n\n"
				   "基层治理要久久为功。\n\n——张强代表（某某县县长）\n";
	struct doc d;
	bool found = false;

	(void)state;
	doc_init(&d);
	load_buf(&d, "x", text, sizeof text - 1, false);
	check_doc(&d);
	assert_int_equal(d.nsections, 3);
	for (size_t i = 0; i < d.articles[0]->nwarnings; i++)
		found |= strstr(d.articles[0]->warnings[i], "reads as the byline of 赵卫东") != NULL;
	assert_true(found);
	doc_free(&d);
}

/* A file that is not UTF-8 but GB18030 (saved on Chinese Windows) reads as
 * the same article; UTF-8 with a damaged byte is still an error. */
static void test_gb18030(void **state)
{
	size_t len, glen;
	const char *seed = doc_builtin_data(&len);
	char *gb = u8_conv_to_encoding("GB18030", iconveh_error, (const uint8_t *)seed, len, NULL, NULL, &glen);
	struct doc a, b;

	(void)state;
	assert_non_null(gb);
	doc_init(&a);
	doc_init(&b);
	load_buf(&a, "utf8", seed, len, false);
	load_buf(&b, "gbk", gb, glen, false);
	assert_null(a.articles[0]->encoding);
	assert_string_equal(b.articles[0]->encoding, "GB18030");
	assert_int_equal(a.nsections, b.nsections);
	for (size_t i = 0; i < a.nsections; i++) {
		assert_string_equal(a.sections[i]->speaker.byline, b.sections[i]->speaker.byline);
		assert_string_equal(a.sections[i]->headline, b.sections[i]->headline);
		assert_int_equal(a.sections[i]->npara, b.sections[i]->npara);
	}
	doc_free(&a);
	doc_free(&b);
	free(gb);
}

/* ---- hostile input ---- */

static void test_empty_nul_large(void **state)
{
	char *big;

	(void)state;
	expect_error("", 0, false, "in.txt: empty file");
	expect_error("\xEF\xBB\xBF", 3, true, "in.txt: empty file");
	expect_error("abc\0def", 7, false, "in.txt: binary file (NUL byte at byte 3)");
	expect_error("\xEF\xBB\xBF正文\0", 10, true, "in.txt: binary file (NUL byte at byte 9)");
	/* Never touched: the size is checked before the bytes are read. */
	big = xcalloc(DOC_MAX_BYTES + 1, 1);
	expect_error(big, DOC_MAX_BYTES + 1, false,
		     "in.txt: file too large (67108865 bytes; the limit is 67108864 bytes)");
	free(big);
}

static void test_invalid_utf8(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
		size_t off;
	} cases[] = {
		{"\xFF\xFE", 2, 0},
		{"\xC0\xAF", 2, 0},     /* overlong / */
		{"\xED\xA0\x80", 3, 0}, /* encoded surrogate */
		{"\xE4\xB8", 2, 0},     /* truncated 中 */
	};
	size_t len;
	const char *seed = doc_builtin_data(&len);

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b;
		char msg[128];
		struct doc d;
		size_t at = 100 + i;

		/* Byte 100 + i of the seed is inside text; insert the bad bytes there. */
		buf_init(&b);
		buf_add(&b, seed, at);
		buf_add(&b, cases[i].bytes, cases[i].len);
		buf_add(&b, seed + at, len - at);
		/* Inserting inside a character makes the error start at that character. */
		{
			size_t start = at;

			while (((unsigned char)seed[start] & 0xC0) == 0x80)
				start--;
			snprintf(msg, sizeof msg, "in.txt: invalid UTF-8 at byte %zu", start);
		}
		expect_error(b.data, b.len, false, msg);

		/* --force: shown as U+FFFD, the structure survives. */
		doc_init(&d);
		load_buf(&d, "in.txt", b.data, b.len, true);
		check_doc(&d);
		assert_int_equal(d.nsections, 10);
		assert_non_null(strstr(d.articles[0]->intro[0].text, "\xEF\xBF\xBD"));
		assert_string_equal(d.sections[0]->speaker.name, "马东亮");
		doc_free(&d);
		buf_free(&b);
	}
	/* The offset counts the BOM: it is a byte of the file. */
	expect_error("\xEF\xBB\xBF" "ab\xFF", 6, false, "in.txt: invalid UTF-8 at byte 5");
	/* Truncated at the very end. */
	expect_error(seed, 16, false, "in.txt: invalid UTF-8 at byte 14");
}

static void test_controls_sanitized(void **state)
{
	size_t len;
	const char *seed = doc_builtin_data(&len);
	char *copy = xstrndup(seed, len);
	char *t1 = replace_all(copy, "盘活“五闲资源”,", "盘活\x1b]52;c;aGVsbG8=\x07“五闲资源”\x1b[2J,\xC2\x9B" "31m\t");
	char *t2 = replace_all(t1, "走出农村公共服务体系建设新路子", "走出农村\x1b]0;title\x07新路子");
	struct doc d;
	const struct para *p;

	(void)state;
	doc_init(&d);
	load_buf(&d, "esc", t2, strlen(t2), false);
	check_doc(&d);
	assert_int_equal(d.nsections, 10);
	p = &d.sections[0]->paras[1];
	assert_true(p->owned);
	assert_string_equal(p->text, "盘活^[]52;c;aGVsbG8=^G“五闲资源”^[[2J,<U+009B>31m 破解用地瓶颈。"
		"组织200多名乡、村干部走村串巷,对闲置荒地、闲置厂房、闲置学校、闲置村部、闲置宅院等资源进行"
		"遍访细查,在此基础上,将闲置资源优先用于村级公共服务配套设施建设。昔日无人问津的“五闲”资源,"
		"如今变成了群众流连忘返的好去处。");
	/* Pieces cover the unchanged runs only, and still map to the source. */
	assert_int_equal(p->pieces[0].len, strlen("盘活"));
	assert_true(p->npieces >= 4);
	assert_string_equal(d.sections[0]->headline, "走出农村^[]0;title^G新路子");
	doc_free(&d);
	free(copy);
	free(t1);
	free(t2);
}

/* The model keeps paragraph lengths and piece offsets in 32 bits, which holds
 * because text is at most DOC_MAX_GROWTH bytes per input byte (doc.h). The
 * worst cases, small: C1 controls (2 bytes shown as 8), C0 controls (1 as 2)
 * and, with --force, invalid bytes (1 as U+FFFD, 3). Each paragraph's length
 * and its pieces must come out exact, and within the bound. */
static void test_growth_bound(void **state)
{
	static const struct {
		const char *unit; /* repeated to make the paragraph */
		const char *shown;
		bool force;
	} cases[] = {
		{"\xC2\x85", "<U+0085>", false},
		{"\x01", "^A", false},
		{"\xFF", "\xEF\xBF\xBD", true},
		{"ab\xC2\x9F", "ab<U+009F>", false},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t ulen = strlen(cases[i].unit), slen = strlen(cases[i].shown);
		struct buf in, want;
		struct doc d;
		const struct para *p;

		buf_init(&in);
		buf_init(&want);
		buf_adds(&in, "Title\n\n");
		for (int k = 0; k < 100; k++) {
			buf_adds(&in, cases[i].unit);
			buf_adds(&want, cases[i].shown);
		}
		buf_adds(&in, "。\n");
		buf_adds(&want, "。");
		doc_init(&d);
		load_buf(&d, "g", in.data, in.len, cases[i].force);
		check_doc(&d);
		assert_int_equal(d.articles[0]->nintro, 1);
		p = &d.articles[0]->intro[0];
		assert_string_equal(p->text, want.data);
		assert_int_equal(p->len, 100 * slen + 3);
		assert_true(p->len <= DOC_MAX_GROWTH * (100 * ulen + 3));
		assert_int_equal(p->lead_len, p->len);
		/* The unchanged runs: the ASCII letters of each unit and the 。 (one
		 * run each), or with --force all of it: the repaired source is the text. */
		assert_true(p->owned == !cases[i].force);
		if (cases[i].force) {
			assert_int_equal(p->npieces, 1);
			assert_int_equal(p->pieces[0].src_off, strlen("Title\n\n"));
			assert_int_equal(p->pieces[0].len, p->len);
		} else {
			assert_int_equal(p->npieces, ulen > 2 ? 101 : 1);
			assert_int_equal(p->pieces[p->npieces - 1].text_off, p->len - 3);
			assert_int_equal(p->pieces[p->npieces - 1].src_off, in.len - 4);
		}
		doc_free(&d);
		buf_free(&in);
		buf_free(&want);
	}
}

static void test_several_files(void **state)
{
	struct doc d;

	(void)state;
	doc_init(&d);
	doc_add_builtin(&d);
	load_data(&d, "two_line_headline.txt");
	load_data(&d, "no_sections.txt");
	load_data(&d, "deputies.txt");
	check_doc(&d);
	assert_int_equal(d.narticles, 4);
	assert_int_equal(d.nsections, 15);
	assert_string_equal(d.sections[10]->speaker.name, "孙立平");
	assert_int_equal(d.sections[10]->number, 11);
	assert_ptr_equal(d.sections[10]->article, d.articles[1]);
	assert_string_equal(d.sections[12]->speaker.name, "王振华");
	assert_int_equal(d.sections[14]->number, 15);
	assert_ptr_equal(d.sections[14]->article, d.articles[3]);
	assert_string_equal(d.articles[1]->name, "tests/data/two_line_headline.txt");
	doc_free(&d);
}

static void test_stdin_and_unreadable(void **state)
{
	char tmpl[] = "/tmp/fayan-test-XXXXXX";
	int fd = mkstemp(tmpl), saved = dup(STDIN_FILENO);
	size_t len;
	const char *seed = doc_builtin_data(&len);
	struct doc d;
	struct doc_opts o = {.force = false};
	struct fy_err err = {.code = 0};

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, seed, len), (ssize_t)len);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	doc_init(&d);
	load_file(&d, "-");
	check_doc(&d);
	assert_string_equal(d.articles[0]->name, "(stdin)");
	assert_int_equal(d.nsections, 10);
	assert_string_equal(d.sections[9]->speaker.name, "陈萌");
	dup2(saved, STDIN_FILENO);
	close(saved);
	close(fd);
	unlink(tmpl);

	assert_int_equal(doc_add_file(&d, "tests/data/does-not-exist.txt", &o, &err), -1);
	assert_string_equal(err.msg, "tests/data/does-not-exist.txt: No such file or directory");
	assert_int_equal(doc_add_file(&d, "tests/data", &o, &err), -1);
	assert_string_equal(err.msg, "tests/data: Is a directory");
	assert_int_equal(d.narticles, 1);
	doc_free(&d);
}

/* Write len bytes of data (after prefix, if any) to a new temporary file. */
static void write_temp(char *tmpl, const char *prefix, const char *data, size_t len)
{
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	if (prefix)
		assert_int_equal(write(fd, prefix, strlen(prefix)), (ssize_t)strlen(prefix));
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

/* Once doc_set_chunk_from's bytes of files have been read, sources are cut from the
 * doc's huge-page chunks instead of buffers of their own: the articles are
 * the same either way, a BOM is stripped in place, a repaired source is a
 * buffer of its own again, and a file refused leaves nothing behind. */
static void test_chunked_sources(void **state)
{
	char seedf[] = "/tmp/fayan-test-XXXXXX", bomf[] = "/tmp/fayan-test-XXXXXX";
	char badf[] = "/tmp/fayan-test-XXXXXX", nulf[] = "/tmp/fayan-test-XXXXXX";
	size_t len;
	const char *seed = doc_builtin_data(&len);
	const char *files[] = { seedf, "tests/data/deputies.txt", bomf, badf };
	struct doc plain, chunked;
	struct doc_opts force = {.force = true};
	struct fy_err err = {.code = 0};

	(void)state;
	write_temp(seedf, NULL, seed, len);
	write_temp(bomf, "\xEF\xBB\xBF", seed, len);
	write_temp(badf, "\xFF", seed, len);
	write_temp(nulf, "\n", "a\0b", 3);
	doc_init(&plain);
	doc_init(&chunked);
	doc_set_chunk_from(&plain, SIZE_MAX);
	doc_set_chunk_from(&chunked, len); /* the first file is read into a buffer of its own */
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(doc_add_file(&plain, files[i], &force, &err), 0);
		assert_int_equal(doc_add_file(&chunked, files[i], &force, &err), 0);
		assert_false(plain.articles[i]->src_chunked);
	}
	assert_false(chunked.articles[0]->src_chunked);
	assert_true(chunked.articles[1]->src_chunked);
	assert_true(chunked.articles[2]->src_chunked);
	assert_false(chunked.articles[3]->src_chunked); /* repaired: U+FFFD takes more room */
	assert_true(doc_has_chunks(&chunked));
	assert_int_equal(doc_add_file(&chunked, nulf, &force, &err), -1);
	assert_non_null(strstr(err.msg, "binary file (NUL byte at byte 2)"));
	check_doc(&chunked);
	assert_int_equal(chunked.narticles, 4);
	assert_int_equal(chunked.nsections, plain.nsections);
	for (size_t i = 0; i < plain.nsections; i++) {
		const struct section *a = plain.sections[i], *b = chunked.sections[i];

		assert_string_equal(a->headline, b->headline);
		assert_string_equal(a->speaker.byline, b->speaker.byline);
		assert_int_equal(a->npara, b->npara);
		for (size_t j = 0; j < a->npara; j++) {
			assert_int_equal(a->paras[j].len, b->paras[j].len);
			assert_memory_equal(a->paras[j].text, b->paras[j].text, a->paras[j].len);
		}
	}
	assert_int_equal(chunked.articles[2]->src_len, len);
	assert_memory_equal(chunked.articles[2]->src, plain.articles[2]->src, len);
	doc_free(&plain);
	doc_free(&chunked);
	assert_false(doc_has_chunks(&chunked));
	unlink(seedf);
	unlink(bomf);
	unlink(badf);
	unlink(nulf);
}

/* Two collections hold the same articles, sections and paragraphs, in order. */
static void assert_same_docs(const struct doc *a, const struct doc *b)
{
	assert_int_equal(a->narticles, b->narticles);
	assert_int_equal(a->nsections, b->nsections);
	for (size_t i = 0; i < a->narticles; i++)
		assert_string_equal(a->articles[i]->name, b->articles[i]->name);
	for (size_t i = 0; i < a->nsections; i++) {
		const struct section *x = a->sections[i], *y = b->sections[i];

		assert_int_equal(y->number, i + 1);
		assert_string_equal(x->headline, y->headline);
		assert_string_equal(x->speaker.byline, y->speaker.byline);
		assert_int_equal(x->npara, y->npara);
		for (size_t j = 0; j < x->npara; j++)
			assert_string_equal(x->paras[j].text, y->paras[j].text);
	}
}

/* doc_add_files in threads gives what doc_add_file one by one gives: the
 * same articles in the same order, and at the first file that fails the
 * same message, with the files before it added and none after. */
static void test_add_files_in_threads(void **state)
{
	char seedf[] = "/tmp/fayan-test-XXXXXX", badf[] = "/tmp/fayan-test-XXXXXX";
	size_t len;
	const char *seed = doc_builtin_data(&len);
	char *paths[24];
	struct doc one, many;
	struct doc_opts o = {.force = false};
	struct fy_err e1 = {.code = 0}, e2 = {.code = 0};
	static const char *const data[] = {
		"tests/data/deputies.txt", "tests/data/two_line_headline.txt", "tests/data/no_sections.txt",
		"tests/data/trailer.txt", "tests/data/editor.txt",
	};

	(void)state;
	write_temp(seedf, NULL, seed, len);
	write_temp(badf, "\xFF", seed, len);
	for (size_t i = 0; i < 24; i++)
		paths[i] = i % 6 == 5 ? seedf : (char *)data[i % 6 < 5 ? i % 6 : 0];
	for (unsigned threads = 1; threads <= 4; threads++) {
		doc_init(&one);
		doc_init(&many);
		doc_set_chunk_from(&many, threads == 3 ? 0 : SIZE_MAX); /* and with the sources in chunks */
		for (size_t i = 0; i < 24; i++)
			assert_int_equal(doc_add_file(&one, paths[i], &o, &e1), 0);
		assert_int_equal(doc_add_files(&many, paths, 24, &o, threads, &e2), 0);
		check_doc(&many);
		assert_same_docs(&one, &many);
		doc_free(&one);
		doc_free(&many);
	}
	/* A missing file at 9 and an invalid one at 15: the message is the
	 * missing file's, and the nine files before it are in. */
	paths[9] = "tests/data/does-not-exist.txt";
	paths[15] = badf;
	for (unsigned threads = 1; threads <= 4; threads++) {
		doc_init(&one);
		doc_init(&many);
		for (size_t i = 0; i < 9; i++)
			assert_int_equal(doc_add_file(&one, paths[i], &o, &e1), 0);
		assert_int_equal(doc_add_file(&one, paths[9], &o, &e1), -1);
		assert_int_equal(doc_add_files(&many, paths, 24, &o, threads, &e2), -1);
		assert_string_equal(e2.msg, e1.msg);
		assert_string_equal(e2.msg, "tests/data/does-not-exist.txt: No such file or directory");
		assert_same_docs(&one, &many);
		doc_free(&one);
		doc_free(&many);
	}
	unlink(seedf);
	unlink(badf);
}

/* Seconds of CPU time spent in f. */
static double timed(void (*f)(void))
{
	clock_t t = clock();

	f();
	return (double)(clock() - t) / CLOCKS_PER_SEC;
}

static void many_bylines(void)
{
	struct buf b;
	struct doc d;
	struct doc_opts o = {.force = false};
	struct fy_err err = {.code = 0};

	buf_init(&b);
	for (int i = 0; i < DOC_MAX_SECTIONS; i++)
		buf_adds(&b, "新郑市城关乡党委书记 马东亮\n");
	doc_init(&d);
	load_buf(&d, "many", b.data, b.len, false);
	assert_int_equal(d.nsections, DOC_MAX_SECTIONS);
	assert_int_equal(d.sections[DOC_MAX_SECTIONS - 1]->number, DOC_MAX_SECTIONS);
	assert_string_equal(d.sections[77]->speaker.name, "马东亮");
	assert_int_equal(d.articles[0]->nwarnings, 1001);
	/* Past the limit: a clear error, and the collection is unchanged. */
	assert_int_equal(doc_add_buffer(&d, "more", "新郑市城关乡党委书记 马东亮\n",
				       strlen("新郑市城关乡党委书记 马东亮\n"), &o, &err), -1);
	assert_string_equal(err.msg, "more: too many sections (the limit is 100000 in all)");
	assert_int_equal(d.narticles, 1);
	doc_free(&d);
	buf_free(&b);
}

static void empty_lines(void)
{
	char *s = xmalloc(1000001);
	struct doc d;

	memset(s, '\n', 1000000);
	s[1000000] = 'x';
	doc_init(&d);
	load_buf(&d, "blank", s, 1000001, false);
	check_doc(&d);
	assert_int_equal(d.nsections, 0);
	assert_int_equal(d.articles[0]->nintro, 1);
	assert_int_equal(d.articles[0]->intro[0].pieces[0].src_off, 1000000);
	doc_free(&d);
	memset(s, '\n', 1000001);
	doc_init(&d);
	load_buf(&d, "blank", s, 1000001, false);
	assert_string_equal(d.articles[0]->why_empty, "the text is blank");
	doc_free(&d);
	free(s);
}

static void long_line(void)
{
	size_t n = 10u << 20;
	char *s = xmalloc(n);
	struct doc d;

	for (size_t i = 0; i + 3 <= n; i += 3)
		memcpy(s + i, i % 300 == 297 ? "\xEF\xBC\x8C" : "\xE5\xB8\x82", 3);
	doc_init(&d);
	load_buf(&d, "long", s, n - n % 3, false);
	assert_int_equal(d.nsections, 0);
	assert_int_equal(d.articles[0]->nintro, 1);
	assert_int_equal(d.articles[0]->intro[0].len, n - n % 3);
	assert_false(d.articles[0]->intro[0].owned);
	doc_free(&d);
	free(s);
}

static void test_huge_inputs_linear(void **state)
{
	(void)state;
	/* Generous bounds (sanitizers are slow); a quadratic loop would take minutes. */
	assert_true(timed(many_bylines) < 20.0);
	assert_true(timed(empty_lines) < 10.0);
	assert_true(timed(long_line) < 10.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_structure),
		cmocka_unit_test(test_seed_paragraphs),
		cmocka_unit_test(test_folds_found_when_asked),
		cmocka_unit_test(test_no_intro),
		cmocka_unit_test(test_no_title_no_intro),
		cmocka_unit_test(test_two_line_headline),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_byline_variants_inline),
		cmocka_unit_test(test_heading_folds),
		cmocka_unit_test(test_not_bylines),
		cmocka_unit_test(test_deputies),
		cmocka_unit_test(test_colon_bylines),
		cmocka_unit_test(test_colon_not_used_with_bylines),
		cmocka_unit_test(test_editor),
		cmocka_unit_test(test_trailer),
		cmocka_unit_test(test_indented),
		cmocka_unit_test(test_crlf_bom),
		cmocka_unit_test(test_no_sections),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_ascii_join),
		cmocka_unit_test(test_layout_byline_above),
		cmocka_unit_test(test_layout_fused),
		cmocka_unit_test(test_layout_attribution),
		cmocka_unit_test(test_layout_inline_and_turns),
		cmocka_unit_test(test_layout_dialogue),
		cmocka_unit_test(test_layout_colon_alone_and_notes),
		cmocka_unit_test(test_layout_kicker_subtitle),
		cmocka_unit_test(test_layout_not_bylines),
		cmocka_unit_test(test_layout_reported_and_run_on),
		cmocka_unit_test(test_layout_post_from_text),
		cmocka_unit_test(test_layout_interview),
		cmocka_unit_test(test_layout_printed_lines),
		cmocka_unit_test(test_unplaced_byline_warned),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_key_and_encoding),
		cmocka_unit_test(test_no_sections_not_joined),
		cmocka_unit_test(test_empty_nul_large),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_controls_sanitized),
		cmocka_unit_test(test_growth_bound),
		cmocka_unit_test(test_several_files),
		cmocka_unit_test(test_stdin_and_unreadable),
		cmocka_unit_test(test_chunked_sources),
		cmocka_unit_test(test_add_files_in_threads),
		cmocka_unit_test(test_huge_inputs_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
