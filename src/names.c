/* names.c: Chinese personal names and the endings of posts, as evidence for
 * the parser (names.h). The lists are short on purpose: the parser decides
 * by the shape of lines and the article's repeated structure, and asks these
 * only to choose between readings of a line already shaped like a byline. */
#include "fayan/names.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "fayan/cjk.h"
#include "fayan/text.h"

/* Common single-character surnames, each three bytes of UTF-8. */
static const char surnames[] =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
	"任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
	"孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
	"毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
	"麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
	"明佘池查麻苑迟邝官封匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
	"帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓"
	"修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植"
	"衡富尧闭由义达扎加热买吐努旦拉次格桓蔚郇钮谯赖凡庹逄";

/* Compound surnames. */
static const char *const compounds[] = {
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
	"夏侯", "轩辕", "令狐", "钟离", "闾丘", "端木", "南宫", "西门", "独孤", "百里", "呼延", "万俟",
	"申屠", "澹台", "太史", "公冶", "濮阳", "淳于", "单于", "赫连", "拓跋", "司空", "亓官", "左丘",
	"东郭", "第五", "梁丘", "羊舌", NULL};

/* The single surnames as a bitmap over the URO (U+4E00..U+9FFF), made
 * once with the post endings' (below): the parser asks for every line
 * shaped like a byline. */
static uint8_t surname_bits[(0xA000 - 0x4E00) / 8];
static uint8_t end_bits[(0xA000 - 0x4E00) / 8];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;
static void names_init(void);
static bool has_bit(const uint8_t *bits, const char *s, size_t len);

size_t names_surname_len(const char *s, size_t len)
{
	uint32_t c;

	if (len < 3 || ((unsigned char)s[0] & 0xF0) != 0xE0)
		return 0;
	for (const char *const *k = compounds; *k && len >= 6; k++)
		if (s[2] == (*k)[2] && s[1] == (*k)[1] && memcmp(s, *k, 6) == 0)
			return 6;
	pthread_once(&names_once, names_init);
	(void)c;
	return has_bit(surname_bits, s, len) ? 3 : 0;
}

static bool is_dot(uint32_t c)
{
	return c == 0x00B7 || c == 0x30FB || c == 0x2027 || c == 0xFF0E || c == 0x2022;
}

bool names_is_name(const char *s, size_t len)
{
	size_t n = 0, run = 0, dots = 0;
	uint32_t c;

	for (size_t off = 0; off < len;) {
		off += cjk_char_at(s, len, off, &c);
		if (text_is_han(c)) {
			run++;
		} else if (is_dot(c) && run > 0) {
			dots++;
			run = 0;
		} else {
			return false;
		}
		if (++n > 16)
			return false;
	}
	if (run == 0)
		return false;
	if (dots)
		return true;
	return n >= 2 && n <= 4;
}

/* Words a post ends with, and then the characters. */
struct word {
	const char *s;
	size_t len;
};
#define WORD(w) {w, sizeof w - 1}
static const struct word post_words[] = {
	WORD("书记"), WORD("主任"), WORD("主席"), WORD("代表"), WORD("委员"), WORD("经理"), WORD("总监"),
	WORD("干部"), WORD("负责人"), WORD("主管"), WORD("教授"), WORD("专家"), WORD("秘书"), WORD("助理"),
	WORD("总裁"), WORD("董事"), WORD("监事"), WORD("主委"), WORD("顾问"), WORD("院士"), WORD("律师"),
	WORD("记者"), WORD("法官"), WORD("医生"), WORD("教师"), WORD("作家"), WORD("创始人"), WORD("合伙人"),
	WORD("研究员"), WORD("工程师"), WORD("主编"), WORD("理事"), WORD("会员"), WORD("村民"), WORD("居民"),
	WORD("支书"), WORD("政委"), WORD("主持人"), WORD("班主任"), WORD("学生"), WORD("老师"), WORD("党员"),
	WORD("职工"), WORD("工人"), WORD("农民"), WORD("首席"), WORD("总理"), WORD("馆员"), {NULL, 0}};
static const char strong_ends[] = "长员师授裁官";
static const char weak_ends[] = "人者家生士民户手工匠问理事委编导警农兵商表主督察官员长友模姐嫂娘哥叔爷";

/* The characters any post ends with, as a bitmap like the surnames': most
 * strings are told from their last character alone. */
static void set_bit(uint8_t *bits, const char *s)
{
	uint32_t c;

	cjk_char_at(s, 3, 0, &c);
	if (c >= 0x4E00 && c < 0xA000)
		bits[(c - 0x4E00) / 8] |= (uint8_t)(1u << ((c - 0x4E00) % 8));
}

static bool has_bit(const uint8_t *bits, const char *s, size_t len)
{
	uint32_t c;

	if (len < 3 || ((unsigned char)s[0] & 0xF0) != 0xE0)
		return false;
	cjk_char_at(s, len, 0, &c);
	return c >= 0x4E00 && c < 0xA000 && (bits[(c - 0x4E00) / 8] & (1u << ((c - 0x4E00) % 8)));
}

static bool ends_in(const char *s, size_t len, const char *set)
{
	if (len < 3)
		return false;
	for (const char *p = set; *p; p += 3)
		if (memcmp(s + len - 3, p, 3) == 0)
			return true;
	return false;
}

int names_post_end(const char *s, size_t len)
{
	pthread_once(&names_once, names_init);
	if (len < 3 || !has_bit(end_bits, s + len - 3, 3))
		return 0;
	for (const struct word *w = post_words; w->s; w++)
		if (cjk_has_suffix_n(s, len, w->s, w->len))
			return 2;
	if (ends_in(s, len, strong_ends))
		return 2;
	return ends_in(s, len, weak_ends) ? 1 : 0;
}

static void names_init(void)
{
	for (const char *p = surnames; *p; p += 3)
		set_bit(surname_bits, p);
	for (const struct word *w = post_words; w->s; w++)
		set_bit(end_bits, w->s + w->len - 3);
	for (const char *p = strong_ends; *p; p += 3)
		set_bit(end_bits, p);
	for (const char *p = weak_ends; *p; p += 3)
		set_bit(end_bits, p);
}

/* Characters a name does not end in: words of grammar and of saying. */
static const char grammar_chars[] = "说在了着的过是都就也与及等曾表谈参对为从向到被把将于";

size_t names_split_fused(const char *s, size_t len, bool sure)
{
	size_t best = 0;
	int best_score = 0;
	const char *dot = cjk_find(s, len, "·", 2);

	if (!dot)
		dot = cjk_find(s, len, "・", 3);
	/* 副委员长艾力更·依明巴海: the name starts where the part before the
	 * dot would have it start. */
	if (dot && dot > s) {
		size_t at = names_split_fused(s, (size_t)(dot - s), sure);

		return at && names_is_name(s + at, len - at) && !ends_in(s, len, grammar_chars) ? at : 0;
	}

	/* A name of 2, 3 or 4 characters (4 only after a compound surname). */
	for (size_t n = 2; n <= 4; n++) {
		size_t off = len, k = 0;
		int score, post;

		while (k < n && off > 0) {
			off = cjk_last_char_off(s, off);
			k++;
		}
		if (k < n || off < 6) /* a post of two characters at least */
			break;
		size_t sl = names_surname_len(s + off, len - off);

		/* A name does not end in a word of grammar (王辉说, 陈希在) and
		 * a post does not end in a comma (国务委员、国务). */
		if (!sl || (n == 4 && sl != 6) || !names_is_name(s + off, len - off) ||
		    ends_in(s, len, grammar_chars)
		    || cjk_has_suffix(s, off, "、"))
			continue;
		post = names_post_end(s, off);
		if (!post && !sure)
			continue;
		score = post * 4 + (n == 3 ? 2 : 1) + (sl == 6 ? 3 : 0);
		if (score > best_score) {
			best_score = score;
			best = off;
		}
	}
	return best;
}
