/* names.c: Chinese personal names and the endings of posts, as evidence for
 * the parser (names.h). The lists are short on purpose: the parser decides
 * by the shape of lines and the article's repeated structure, and asks these
 * only to choose between readings of a line already shaped like a byline. */
#include "fayan/names.h"

#include <string.h>

#include "fayan/cjk.h"

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
	"衡富尧闭由义达扎加热买吐努旦拉次格桓蔚郇钮谯赖";

/* Compound surnames. */
static const char *const compounds[] = {
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
	"夏侯", "轩辕", "令狐", "钟离", "闾丘", "端木", "南宫", "西门", "独孤", "百里", "呼延", "万俟",
	"申屠", "澹台", "太史", "公冶", "濮阳", "淳于", "单于", "赫连", "拓跋", "司空", "亓官", "左丘",
	"东郭", "第五", "梁丘", "羊舌", NULL};

size_t names_surname_len(const char *s, size_t len)
{
	for (const char *const *c = compounds; *c; c++)
		if (cjk_has_prefix(s, len, *c))
			return 6;
	if (len < 3 || ((unsigned char)s[0] & 0xF0) != 0xE0)
		return 0;
	for (const char *p = surnames; *p; p += 3)
		if (p[0] == s[0] && p[1] == s[1] && p[2] == s[2])
			return 3;
	return 0;
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
		if (cjk_is_hanzi(c)) {
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
static const char *const post_words[] = {
	"书记", "主任", "主席", "代表", "委员", "经理", "总监", "干部", "负责人", "主管", "教授", "专家",
	"秘书", "助理", "总裁", "董事", "监事", "主委", "顾问", "院士", "律师", "记者", "法官", "医生",
	"教师", "作家", "创始人", "合伙人", "研究员", "工程师", "主编", "理事", "会员", "村民", "居民",
	"支书", "校长", "院长", "局长", "厅长", "部长", "县长", "市长", "区长", "镇长", "乡长", "村长",
	"社长", "行长", "所长", "站长", "会长", "队长", "组长", "庭长", "处长", "科长", "董事长", "首席",
	"检察官", "政委", "主持人", "班主任", "学生", "老师", "党员", "职工", "工人", "农民", NULL};
static const char strong_ends[] = "长记任员师授裁官席";
static const char weak_ends[] = "人者家生士民户手工匠问理事委编导警农兵商表主督察官员长友模姐嫂娘哥叔爷";

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
	for (const char *const *w = post_words; *w; w++)
		if (cjk_has_suffix(s, len, *w))
			return 2;
	if (ends_in(s, len, strong_ends))
		return 2;
	return ends_in(s, len, weak_ends) ? 1 : 0;
}

size_t names_split_fused(const char *s, size_t len, bool sure)
{
	size_t best = 0;
	int best_score = 0;

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

		if (!sl || (n == 4 && sl != 6) || !names_is_name(s + off, len - off))
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
