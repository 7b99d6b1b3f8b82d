/* Unit tests for the filter: selection by theme and search, hits per section,
 * walking hits across sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fayan/doc.h"
#include "fayan/filter.h"
#include "fayan/fold.h"
#include "fayan/text.h"
#include "fayan/search.h"
#include "fayan/themes.h"

/* A small doc built by hand: headline, byline, paragraphs per section. */
struct fake {
	struct doc d;
	struct section sec[3];
	struct section *ptr[3];
	struct para para[3][3];
};

static const char *const texts[3][5] = {
	{"走出农村公共服务体系建设新路子", "新郑市城关乡党委书记 马东亮",
	 "构建农村公共服务体系的新路子。", "盘活闲置资源,补齐短板。", "下一步,积极回应群众期盼。"},
	{"全力做好万邦市场防疫保供双统筹", "中牟县郑庵镇党委书记 曹西峰",
	 "也是疫情防控的重点难点。作为万邦属地,郑庵镇将做好疫情防控。", "做实口罩、消毒液等应急物资保障。",
	 "依托智慧万邦大数据平台。"},
	{"努力让家园更美丽", "二七区五里堡街道党工委书记 王彬",
	 "老旧小区改造“整”是基础。", "将36个老旧楼院连片打包。", "统筹好疫情防控和经济社会发展。"},
};

static void fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < 3; i++) {
		struct section *s = &f->sec[i];

		s->number = i + 1;
		s->headline = (char *)texts[i][0];
		s->speaker.byline = (char *)texts[i][1];
		for (size_t p = 0; p < 3; p++) {
			f->para[i][p].text = texts[i][2 + p];
			f->para[i][p].len = strlen(texts[i][2 + p]);
		}
		s->paras = f->para[i];
		s->npara = 3;
		f->ptr[i] = s;
	}
	f->d.sections = f->ptr;
	f->d.nsections = 3;
}

/* A theme from the built-in set, compiled. */
static struct search *builtin_theme(const char *name)
{
	struct themes th;
	struct search *s;

	themes_init(&th);
	themes_load_builtin(&th);
	s = theme_search(themes_find(&th, name));
	themes_free(&th);
	return s;
}

static void test_theme(void **state)
{
	struct fake fk;
	struct filter f;
	struct search *t = builtin_theme("疫情防控");

	(void)state;
	fake_init(&fk);
	filter_init(&f);
	filter_run(&f, &fk.d, t, NULL);
	assert_int_equal(f.n, 3);
	assert_false(f.v[0].match);
	assert_int_equal(f.v[0].nhits, 0);
	assert_true(f.v[1].match);
	assert_true(f.v[2].match);
	assert_int_equal(f.nmatch, 2);
	/* 防疫 in the headline; 疫情 防控 疫情 防控 in paragraph 0; 口罩 消毒 in paragraph 1. */
	assert_int_equal(f.v[1].ntheme, 7);
	assert_int_equal(f.v[1].nsearch, 0);
	assert_int_equal(f.v[1].hits[0].where, FIELD_HEADLINE);
	assert_int_equal(f.v[1].hits[0].off, strlen("全力做好万邦市场"));
	assert_int_equal(f.v[1].hits[0].len, strlen("防疫"));
	assert_int_equal(f.v[1].hits[1].where, FIELD_PARA);
	assert_int_equal(f.v[1].hits[1].para, 0);
	assert_int_equal(f.v[1].hits[1].off, strlen("也是"));
	assert_int_equal(f.v[1].hits[6].para, 1);
	assert_int_equal(f.v[1].hits[6].kind, FILTER_THEME);
	assert_int_equal(f.v[2].ntheme, 2);
	assert_int_equal(f.ntheme, 9);
	filter_free(&f);
	search_free(t);
}

static void test_search_in_byline(void **state)
{
	struct fake fk;
	struct filter f;
	struct search *s = search_compile("mdl", 3);

	(void)state;
	fake_init(&fk);
	filter_init(&f);
	filter_run(&f, &fk.d, NULL, s);
	assert_int_equal(f.nmatch, 1);
	assert_true(f.v[0].match);
	assert_int_equal(f.v[0].nhits, 1);
	assert_int_equal(f.v[0].hits[0].where, FIELD_BYLINE);
	assert_int_equal(f.v[0].hits[0].off, strlen("新郑市城关乡党委书记 "));
	assert_int_equal(f.v[0].hits[0].len, strlen("马东亮"));
	assert_int_equal(f.v[0].hits[0].term, SEARCH_BY_PINYIN);
	filter_free(&f);
	search_free(s);
}

static void test_combined(void **state)
{
	struct fake fk;
	struct filter f;
	struct search *t = builtin_theme("疫情防控");
	struct search *s = search_compile("tc", 2); /* 统筹 */

	(void)state;
	fake_init(&fk);
	filter_init(&f);
	filter_run(&f, &fk.d, t, s);
	/* Section 2 has the theme and 双统筹; section 3 has both too; section 1 neither. */
	assert_true(f.v[1].match);
	assert_true(f.v[2].match);
	assert_false(f.v[0].match);
	assert_int_equal(f.v[1].nsearch, 1);
	/* Hits are in reading order, theme and search interleaved. */
	assert_int_equal(f.v[1].hits[0].kind, FILTER_THEME);  /* 防疫 */
	assert_int_equal(f.v[1].hits[1].kind, FILTER_SEARCH); /* 统筹 */
	assert_int_equal(f.v[1].hits[1].where, FIELD_HEADLINE);
	assert_int_equal(f.v[2].nhits, 3);
	assert_int_equal(f.v[2].hits[0].kind, FILTER_SEARCH); /* 统筹 before 疫情, 防控 */
	assert_int_equal(f.v[2].hits[0].para, 2);
	assert_int_equal(f.v[2].hits[1].kind, FILTER_THEME);
	assert_int_equal(f.v[2].hits[2].kind, FILTER_THEME);
	/* A search the theme's sections do not have: nothing is selected. */
	search_free(s);
	s = search_compile("mdl", 3);
	filter_run(&f, &fk.d, t, s);
	assert_int_equal(f.nmatch, 0);
	assert_int_equal(f.nsearch, 0);
	assert_int_equal(f.v[0].nsearch, 1); /* counted, but the section is not selected */
	/* No filter at all: everything selected, no hits. */
	filter_run(&f, &fk.d, NULL, NULL);
	assert_int_equal(f.nmatch, 3);
	assert_int_equal(f.v[0].nhits, 0);
	filter_free(&f);
	search_free(s);
	search_free(t);
}

static void test_step(void **state)
{
	struct fake fk;
	struct filter f;
	struct search *s = search_compile("统筹", strlen("统筹"));
	struct filter_pos pos = {0, SIZE_MAX};

	(void)state;
	fake_init(&fk);
	filter_init(&f);
	filter_run(&f, &fk.d, NULL, s);
	/* Hits: section 2 headline, section 3 paragraph 2. */
	assert_int_equal(filter_step(&f, &pos, 1), 1);
	assert_int_equal(pos.sec, 1);
	assert_int_equal(pos.hit, 0);
	assert_int_equal(filter_step(&f, &pos, 1), 1);
	assert_int_equal(pos.sec, 2);
	assert_int_equal(pos.hit, 0);
	assert_int_equal(filter_step(&f, &pos, 1), 2); /* wraps */
	assert_int_equal(pos.sec, 1);
	assert_int_equal(filter_step(&f, &pos, -1), 2); /* wraps back */
	assert_int_equal(pos.sec, 2);
	assert_int_equal(filter_step(&f, &pos, -1), 1);
	assert_int_equal(pos.sec, 1);
	/* From before the first hit of section 3, backwards: section 2's last hit. */
	pos.sec = 2;
	pos.hit = SIZE_MAX;
	assert_int_equal(filter_step(&f, &pos, -1), 1);
	assert_int_equal(pos.sec, 1);
	assert_int_equal(pos.hit, 0);
	/* From past the end of section 1 forwards. */
	pos.sec = 0;
	pos.hit = 99;
	assert_int_equal(filter_step(&f, &pos, 1), 1);
	assert_int_equal(pos.sec, 1);
	search_free(s);
	/* No hits anywhere. */
	s = search_compile("zzz", 3);
	filter_run(&f, &fk.d, NULL, s);
	pos.sec = 1;
	pos.hit = 0;
	assert_int_equal(filter_step(&f, &pos, 1), 0);
	assert_int_equal(filter_step(&f, &pos, -1), 0);
	assert_int_equal(pos.sec, 1);
	filter_free(&f);
	search_free(s);
}

/* The names of the sections `theme` selects in the seed, joined by spaces. */
static const char *seed_selects(const char *theme, const char *query, size_t *hits)
{
	static char out[512];
	struct doc d;
	struct filter f;
	struct search *t = theme ? builtin_theme(theme) : NULL;
	struct search *s = query ? search_compile(query, strlen(query)) : NULL;

	out[0] = '\0';
	doc_init(&d);
	doc_add_builtin(&d);
	assert_int_equal(d.nsections, 10);
	filter_init(&f);
	filter_run(&f, &d, t, s);
	for (size_t i = 0; i < f.n; i++) {
		if (!f.v[i].match)
			continue;
		if (out[0])
			strcat(out, " ");
		strcat(out, f.v[i].section->speaker.name);
	}
	*hits = f.ntheme + f.nsearch;
	filter_free(&f);
	search_free(t);
	search_free(s);
	doc_free(&d);
	return out;
}

/* Whether two filter results are the same, hit for hit (and b's hits lie
 * in b's own pool). */
static void assert_same_filter(const struct filter *a, const struct filter *b)
{
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->nmatch, b->nmatch);
	assert_int_equal(a->ntheme, b->ntheme);
	assert_int_equal(a->nsearch, b->nsearch);
	assert_int_equal(a->npool, b->npool);
	for (size_t i = 0; i < a->n; i++) {
		const struct filter_section *x = &a->v[i], *y = &b->v[i];

		assert_ptr_equal(x->section, y->section);
		assert_int_equal(x->match, y->match);
		assert_int_equal(x->nhits, y->nhits);
		assert_int_equal(x->ntheme, y->ntheme);
		assert_int_equal(x->nsearch, y->nsearch);
		assert_true((x->hits == NULL) == (x->nhits == 0));
		for (size_t k = 0; k < x->nhits; k++) {
			assert_true(&y->hits[k] >= b->pool && &y->hits[k] < b->pool + b->npool);
			assert_int_equal(x->hits[k].where, y->hits[k].where);
			assert_int_equal(x->hits[k].para, y->hits[k].para);
			assert_int_equal(x->hits[k].off, y->hits[k].off);
			assert_int_equal(x->hits[k].len, y->hits[k].len);
			assert_int_equal(x->hits[k].kind, y->hits[k].kind);
			assert_int_equal(x->hits[k].term, y->hits[k].term);
		}
	}
}

/* One filter run again and again (as the browser does, keeping its arrays)
 * gives what a fresh one gives each time: more hits, fewer, none, a smaller doc. */
static void test_rerun(void **state)
{
	struct doc d;
	struct fake fk;
	struct filter kept, fresh;
	struct search *yq = builtin_theme("疫情防控"), *jj = builtin_theme("老旧小区改造");
	struct search *fk_s = search_compile("fk", 2), *zz = search_compile("zzz", 3);
	struct search *runs[][2] = {{yq, NULL}, {NULL, fk_s}, {yq, fk_s}, {NULL, zz}, {jj, NULL},
				    {NULL, NULL}, {yq, NULL}};

	(void)state;
	doc_init(&d);
	doc_add_builtin(&d);
	fake_init(&fk);
	filter_init(&kept);
	for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++)
		for (int which = 0; which < 2; which++) {
			const struct doc *on = which ? &fk.d : &d;

			filter_init(&fresh);
			filter_run(&kept, on, runs[r][0], runs[r][1]);
			filter_run(&fresh, on, runs[r][0], runs[r][1]);
			assert_same_filter(&kept, &fresh);
			filter_free(&fresh);
		}
	filter_free(&kept);
	search_free(yq);
	search_free(jj);
	search_free(fk_s);
	search_free(zz);
	doc_free(&d);
}

/* Parse art, an article of two sections, into a new doc. */
static void load_two_sections(struct doc *d, const char *art)
{
	struct fy_err err;

	doc_init(d);
	assert_int_equal(doc_add_buffer(d, "t", art, strlen(art), NULL, &err), 0);
	assert_int_equal(d->nsections, 2);
}

/* Headlines and bylines that fold to themselves are marked so by the parser
 * and matched in place; those that do not (full-width letters, capitals) are
 * folded, and hits are on their own bytes either way. */
static void test_headline_invariance(void **state)
{
	static const char art[] = "标题\n\n"
				  "做好疫情防控工作\n\n新郑市城关乡党委书记 马东亮\n\n正文一。\n\n"
				  "ＡＢＣ疫情防控\n\n中牟县郑庵镇党委书记 曹西峰\n\n正文二。\n";
	struct doc d;
	struct filter f;
	struct search *s = search_compile("abc疫情", strlen("abc疫情"));
	struct search *t = builtin_theme("疫情防控");

	(void)state;
	load_two_sections(&d, art);
	for (size_t i = 0; i < 2; i++) {
		const struct section *sec = d.sections[i];

		assert_int_equal(sec->headline_invariant, fold_invariant(sec->headline, strlen(sec->headline)));
		assert_int_equal(sec->byline_invariant,
				 fold_invariant(sec->speaker.byline, strlen(sec->speaker.byline)));
		assert_false(sec->topic_invariant);
	}
	assert_true(d.sections[0]->headline_invariant);
	assert_true(d.sections[0]->byline_invariant);
	assert_false(d.sections[1]->headline_invariant);
	filter_init(&f);
	filter_run(&f, &d, t, s);
	assert_int_equal(f.nmatch, 1);
	assert_false(f.v[0].match);
	assert_int_equal(f.v[0].ntheme, 2); /* 疫情, 防控 */
	assert_int_equal(f.v[0].hits[0].where, FIELD_HEADLINE);
	assert_int_equal(f.v[0].hits[0].off, 6);
	assert_int_equal(f.v[0].hits[0].len, 6);
	assert_int_equal(f.v[0].hits[1].off, 12);
	assert_true(f.v[1].match);
	assert_int_equal(f.v[1].nhits, 3); /* ＡＢＣ疫情 (search), then 疫情, 防控 (theme) */
	assert_int_equal(f.v[1].hits[0].where, FIELD_HEADLINE);
	assert_int_equal(f.v[1].hits[0].kind, FILTER_SEARCH);
	assert_int_equal(f.v[1].hits[0].off, 0);
	assert_int_equal(f.v[1].hits[0].len, 15);
	assert_int_equal(f.v[1].hits[1].kind, FILTER_THEME);
	assert_int_equal(f.v[1].hits[1].off, 9);
	assert_int_equal(f.v[1].hits[1].len, 6);
	assert_int_equal(f.v[1].hits[2].off, 15);
	assert_int_equal(f.v[1].hits[2].term, 1);
	filter_free(&f);
	search_free(s);
	search_free(t);
	doc_free(&d);
}

/* Whether a paragraph folds to itself is left unknown by the parser where
 * the source has too many characters that fold to something else for it to
 * tell (here the title's nine, over TEXT_SCAN_FOLDS) and nobody asked for it
 * (doc_opts.folds); a filter then looks at the paragraph, and leaves the
 * model as it was: it reads the document, never writes it. Hits are the same
 * either way, and so on the second run. */
static void test_para_fold_unknown_looked_at(void **state)
{
	static const char art[] = "标题ＡＢＣＤＥＦＧＨＩ\n\n"
				  "做好疫情防控工作\n\n新郑市城关乡党委书记 马东亮\n\n疫情防控正文。\n\n"
				  "做好基层治理\n\n中牟县郑庵镇党委书记 曹西峰\n\nＡＢＣ疫情防控。\n";
	struct doc d;
	struct filter f;
	struct search *s = search_compile("abc疫情", strlen("abc疫情"));
	struct search *t = builtin_theme("疫情防控");

	(void)state;
	_Static_assert(TEXT_SCAN_FOLDS < 9, "the title has more than the scan keeps");
	load_two_sections(&d, art);
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(d.sections[i]->paras[0].fold, PARA_FOLD_UNKNOWN);
	filter_init(&f);
	for (int run = 0; run < 2; run++) {
		filter_run(&f, &d, t, s);
		assert_int_equal(d.sections[0]->paras[0].fold, PARA_FOLD_UNKNOWN);
		assert_int_equal(d.sections[1]->paras[0].fold, PARA_FOLD_UNKNOWN);
		assert_int_equal(f.nmatch, 1);
		assert_int_equal(f.v[0].nhits, 4); /* 疫情, 防控 in headline and paragraph */
		assert_int_equal(f.v[1].nhits, 3); /* ＡＢＣ疫情 (search), then 疫情, 防控 */
		assert_int_equal(f.v[1].hits[0].where, FIELD_PARA);
		assert_int_equal(f.v[1].hits[0].kind, FILTER_SEARCH);
		assert_int_equal(f.v[1].hits[0].off, 0);
		assert_int_equal(f.v[1].hits[0].len, 15);
		assert_int_equal(f.v[1].hits[2].off, 15);
	}
	filter_free(&f);
	search_free(s);
	search_free(t);
	doc_free(&d);
}

static void test_seed(void **state)
{
	size_t hits;

	(void)state;
	assert_string_equal(seed_selects("疫情防控", NULL, &hits), "高留念 曹西峰");
	assert_int_equal(hits, 17);
	assert_string_equal(seed_selects("老旧小区改造", NULL, &hits), "张海军 李华 王彬");
	assert_int_equal(hits, 10);
	/* 疫情防控 is printed five times; one is in the introduction, not a section. */
	assert_string_equal(seed_selects(NULL, "yqfk", &hits), "高留念 曹西峰");
	assert_int_equal(hits, 4);
	assert_string_equal(seed_selects(NULL, "疫情防控", &hits), "高留念 曹西峰");
	assert_int_equal(hits, 4);
	assert_string_equal(seed_selects(NULL, "mdl", &hits), "马东亮");
	assert_int_equal(hits, 1);
	assert_string_equal(seed_selects(NULL, "madongliang", &hits), "马东亮");
	/* A page break split 盘活资 / 源: the rejoined paragraph matches. */
	assert_string_equal(seed_selects(NULL, "盘活资源", &hits), "马东亮");
	assert_int_equal(hits, 1);
	assert_string_equal(seed_selects(NULL, "phzy", &hits), "马东亮");
	assert_int_equal(hits, 1);
	/* Both: 老旧小区改造 sections that mention 疫情防控. */
	assert_string_equal(seed_selects("老旧小区改造", "yqfk", &hits), "");
	assert_string_equal(seed_selects("疫情防控", "tc", &hits), "高留念 曹西峰");
	assert_string_equal(seed_selects("生态环境", "黄河", &hits), "段祥生");
	assert_string_equal(seed_selects(NULL, NULL, &hits), "马东亮 高留念 段祥生 张海军 李华 王东 韩迎旭 曹西峰 王彬 陈萌");
	assert_int_equal(hits, 0);
}

/* A collection that grows (files loaded one by one while the browser runs):
 * extending the filter after each step gives exactly what one run over the
 * whole collection gives, hits, counts and pointers alike. */
static void test_extend(void **state)
{
	struct doc d;
	struct search *t = builtin_theme("疫情防控");
	struct search *s = search_compile("tc", 2);
	struct filter whole, grown;
	struct fy_err err = {0};
	size_t len;
	const char *seed = doc_builtin_data(&len);

	(void)state;
	doc_init(&d);
	filter_init(&grown);
	/* Nothing loaded yet: extending does nothing. */
	filter_extend(&grown, &d, t, s);
	assert_int_equal(grown.n, 0);
	for (int k = 0; k < 4; k++) {
		assert_int_equal(doc_add_buffer(&d, "seed", seed, len, &(struct doc_opts){0}, &err), 0);
		filter_extend(&grown, &d, t, s);
		/* Nothing new: no change. */
		filter_extend(&grown, &d, t, s);
		assert_int_equal(grown.n, d.nsections);
	}
	filter_init(&whole);
	filter_run(&whole, &d, t, s);
	assert_int_equal(whole.n, 40);
	assert_int_equal(whole.nmatch, 8); /* 高留念 and 曹西峰, four times */
	assert_same_filter(&whole, &grown);
	for (size_t i = 0; i < whole.n; i++)
		assert_ptr_equal(grown.v[i].section, d.sections[i]);
	filter_free(&whole);
	filter_free(&grown);
	search_free(t);
	search_free(s);
	doc_free(&d);
}

/* filter_count selects and counts exactly as filter_run, keeping no hit. */
static void test_count_only(void **state)
{
	struct fake fk;
	struct filter f, g;
	struct search *t = builtin_theme("疫情防控");
	struct search *s = search_compile("tc", 2);
	struct search *m = search_compile("mdl", 3);
	struct search *pairs[][2] = {{t, NULL}, {NULL, s}, {t, s}, {t, m}, {NULL, m}, {NULL, NULL}};

	(void)state;
	fake_init(&fk);
	filter_init(&f);
	filter_init(&g);
	for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
		filter_run(&f, &fk.d, pairs[k][0], pairs[k][1]);
		filter_count(&g, &fk.d, pairs[k][0], pairs[k][1]);
		assert_int_equal(g.n, f.n);
		assert_int_equal(g.nmatch, f.nmatch);
		assert_int_equal(g.ntheme, f.ntheme);
		assert_int_equal(g.nsearch, f.nsearch);
		assert_null(g.pool);
		for (size_t i = 0; i < f.n; i++) {
			assert_ptr_equal(g.v[i].section, f.v[i].section);
			assert_int_equal(g.v[i].match, f.v[i].match);
			assert_int_equal(g.v[i].nhits, f.v[i].nhits);
			assert_int_equal(g.v[i].ntheme, f.v[i].ntheme);
			assert_int_equal(g.v[i].nsearch, f.v[i].nsearch);
			assert_null(g.v[i].hits);
		}
	}
	/* The theme's counts are the ones test_theme reads from the hits. */
	filter_count(&g, &fk.d, t, NULL);
	assert_int_equal(g.v[1].ntheme, 7);
	assert_int_equal(g.ntheme, 9);
	filter_free(&f);
	filter_free(&g);
	search_free(t);
	search_free(s);
	search_free(m);
}

/* Split over threads, the filters give exactly what one thread gives: the
 * same selection, counts and hits in the same order (each range's hits after
 * the previous range's), pinyin and themes alike, run and extended. */
/* --themes over text that does not fold to itself (the seed with full-width
 * commas): each string is folded once for all the themes, in a buffer they
 * share, and no theme folds anything in its own (that cost themes x text in
 * time and memory); the counts are those of each theme run alone. */
static void test_themes_fold_once(void **state)
{
	size_t len, n = 0;
	const char *seed = doc_builtin_data(&len);
	struct themes th;
	struct search *ts[16], *alone[16], *q = search_compile("防控", strlen("防控"));
	size_t nsec[16] = {0}, nhit[16] = {0};
	struct search_hits h;
	struct fy_err err = {0};
	struct buf b;
	struct doc d;

	(void)state;
	buf_init(&b);
	for (size_t i = 0; i < len; i++)
		if (seed[i] == ',')
			buf_adds(&b, "，");
		else
			buf_addc(&b, seed[i]);
	doc_init(&d);
	assert_int_equal(doc_add_buffer(&d, "commas", b.data, b.len, &(struct doc_opts){0}, &err), 0);
	themes_init(&th);
	themes_load_builtin(&th);
	assert_true(th.n <= 16);
	for (size_t t = 0; t < th.n; t++) {
		ts[t] = theme_search(&th.v[t]);
		alone[t] = theme_search(&th.v[t]);
	}
	search_hits_init(&h);
	for (int with_search = 0; with_search < 2; with_search++) {
		memset(nsec, 0, sizeof nsec);
		memset(nhit, 0, sizeof nhit);
		for (size_t a = 0; a < d.narticles; a++)
			filter_add_themes(d.articles[a]->sections, d.articles[a]->nsections, ts, th.n,
					  with_search ? q : NULL, nsec, nhit, &h);
		for (size_t t = 0; t < th.n; t++) {
			struct filter f;

			assert_int_equal(search_folded_bytes(ts[t]), 0);
			filter_init(&f);
			filter_count(&f, &d, alone[t], with_search ? q : NULL);
			assert_int_equal(nsec[t], f.nmatch);
			assert_int_equal(nhit[t], f.ntheme);
			n += f.ntheme;
			filter_free(&f);
		}
	}
	assert_true(n > 0);
	/* Run alone, each theme folds the paragraphs itself: they needed folding. */
	assert_true(search_folded_bytes(alone[0]) > len / 2);
	for (size_t t = 0; t < th.n; t++) {
		search_free(ts[t]);
		search_free(alone[t]);
	}
	search_free(q);
	search_hits_free(&h);
	themes_free(&th);
	doc_free(&d);
	buf_free(&b);
}

static void test_threads(void **state)
{
	struct doc d;
	struct fy_err err = {0};
	size_t len;
	const char *seed = doc_builtin_data(&len);
	struct search *t = builtin_theme("疫情防控");
	struct search *qs[] = {search_compile("yqfk", 4), search_compile("防控", strlen("防控")),
			       search_compile("tc", 2), NULL};

	(void)state;
	doc_init(&d);
	for (int k = 0; k < 12; k++)
		assert_int_equal(doc_add_buffer(&d, "seed", seed, len, &(struct doc_opts){0}, &err), 0);
	for (size_t q = 0; q < sizeof qs / sizeof qs[0]; q++)
		for (int with_theme = 0; with_theme < 2; with_theme++) {
			struct search *th = with_theme ? t : NULL;
			struct filter one, many, counted;

			if (!th && !qs[q])
				continue;
			filter_init(&one);
			filter_init(&many);
			filter_init(&counted);
			one.threads = 1;
			many.threads = 3;
			many.par_min = 1;
			counted.threads = 4;
			counted.par_min = 7;
			filter_run(&one, &d, th, qs[q]);
			filter_run(&many, &d, th, qs[q]);
			filter_count(&counted, &d, th, qs[q]);
			assert_true(one.nmatch > 0);
			assert_same_filter(&one, &many);
			assert_int_equal(counted.nmatch, one.nmatch);
			assert_int_equal(counted.ntheme, one.ntheme);
			for (size_t i = 0; i < one.n; i++)
				assert_int_equal(counted.v[i].nhits, one.v[i].nhits);
			filter_free(&one);
			filter_free(&many);
			filter_free(&counted);
		}
	/* Extended a file at a time, split each time. */
	{
		struct doc g;
		struct filter one, many;

		doc_init(&g);
		filter_init(&one);
		filter_init(&many);
		one.threads = 1;
		many.threads = 2;
		many.par_min = 3;
		for (int k = 0; k < 5; k++) {
			assert_int_equal(doc_add_buffer(&g, "seed", seed, len, &(struct doc_opts){0}, &err), 0);
			filter_extend(&many, &g, t, qs[0]);
		}
		filter_run(&one, &g, t, qs[0]);
		assert_same_filter(&one, &many);
		filter_free(&one);
		filter_free(&many);
		doc_free(&g);
	}
	/* Counted a slice at a time, the totals are filter_count's. */
	for (size_t slice = 1; slice <= 64; slice *= 4) {
		struct filter whole, sliced;
		size_t left, calls = 0;

		filter_init(&whole);
		filter_init(&sliced);
		filter_count(&whole, &d, t, qs[0]);
		do {
			left = filter_count_some(&sliced, &d, t, qs[0], slice);
			calls++;
		} while (left > 0);
		assert_int_equal(calls, (d.nsections + slice - 1) / slice);
		assert_int_equal(sliced.n, d.nsections);
		assert_int_equal(sliced.nmatch, whole.nmatch);
		assert_int_equal(sliced.ntheme, whole.ntheme);
		assert_int_equal(sliced.nsearch, whole.nsearch);
		/* Nothing left: a further call changes nothing. */
		assert_int_equal(filter_count_some(&sliced, &d, t, qs[0], slice), 0);
		assert_int_equal(sliced.nmatch, whole.nmatch);
		filter_free(&whole);
		filter_free(&sliced);
	}
	for (size_t q = 0; q < sizeof qs / sizeof qs[0]; q++)
		search_free(qs[q]);
	search_free(t);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme),
		cmocka_unit_test(test_extend),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_themes_fold_once),
		cmocka_unit_test(test_search_in_byline),
		cmocka_unit_test(test_combined),
		cmocka_unit_test(test_step),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_rerun),
		cmocka_unit_test(test_headline_invariance),
		cmocka_unit_test(test_para_fold_unknown_looked_at),
		cmocka_unit_test(test_count_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
