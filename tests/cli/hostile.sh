# Hostile input, sourced by run.sh: generated here, never committed. For each
# file, --list, --print all and --check either work or stop with a one-line
# message and status 1 or 2; no byte of a control sequence reaches stdout.
seed=$dir/../../seeds/000_5ab60398d2227b0f.txt
h=$tmp/hostile
mkdir -p "$h"

# The seed with the bytes of printf format $1 injected into 马东亮's second
# paragraph, after its first two characters.
inject() {
	sed -n 1,20p "$seed"
	printf '盘活'
	printf "$1"
	sed -n '21s/^盘活//p' "$seed"
	sed -n '22,$p' "$seed"
}
inject '\033]52;c;aGVsbG8=\007' >"$h/osc52.txt"
inject '\033[2J' >"$h/clear.txt"
inject '\033]0;title\007' >"$h/title.txt"
inject '\302\23331m' >"$h/c1csi.txt"
# Bidirectional controls: RLO, LRI, ALM, RLM (they reorder what is shown).
inject '\342\200\256evil\342\201\246x\330\234y\342\200\217' >"$h/bidi.txt"
inject '\2332J' >"$h/rawcsi.txt"
inject 'a\000b' >"$h/nul.txt"
inject '\377\376' >"$h/fffe.txt"
inject '\300\257' >"$h/overlong.txt"
inject '\355\240\200' >"$h/surrogate.txt"
head -c 1000 "$seed" >"$h/truncated.txt"
{ printf '\357\273\277'; sed 's/$/\r/' "$seed"; } >"$h/crlf-bom.txt"
: >"$h/empty.txt"
head -c 10000000 /dev/zero | tr '\0' 'a' >"$h/longline.txt"
head -c 1000000 /dev/zero | tr '\0' '\n' >"$h/emptylines.txt"
{ printf '标题\n\n标题二\n\n某某市某某镇党委书记 张三\n\ne'; i=0; while [ $i -lt 5000 ]; do printf '\314\201'; i=$((i + 1)); done; printf '。\n'; } >"$h/combining.txt"
{ sed -n 1,20p "$seed"; printf '👨‍👩‍👧‍👦🇨🇳🇺🇸 👍🏽 家庭。\n\nשלום עולם مرحبا بالعالم。\n'; } >"$h/emoji-rtl.txt"
yes '新郑市城关乡党委书记 马东亮' | head -n 100000 >"$h/bylines.txt"

# Assert that a file is valid UTF-8 and holds no ESC, BEL, C1 control (a raw
# 0x9b cannot occur in valid UTF-8 outside a multibyte character) or
# bidirectional control (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069).
clean() {
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || return 1
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$1" || LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1"; then
		return 1
	fi
	if LC_ALL=C grep -q -e "$(printf '\342\200[\216\217\252-\256]')" -e "$(printf '\342\201[\246-\251]')" \
		-e "$(printf '\330\234')" "$1"; then
		return 1
	fi
	return 0
}

for f in "$h"/*.txt; do
	n=$(basename "$f" .txt)
	for args in "--list" "--print all" "--check" "--print all --width 17"; do
		# shellcheck disable=SC2086
		"$fayan" $args "$f" >"$tmp/hout" 2>"$tmp/herr" </dev/null
		rc=$?
		if [ $rc -gt 2 ]; then bad "hostile $n $args: status $rc"; diag <"$tmp/herr"; continue; fi
		if ! clean "$tmp/hout" || ! clean "$tmp/herr"; then bad "hostile $n $args: control bytes in the output"; continue; fi
		if [ $rc -eq 2 ]; then
			if [ -s "$tmp/hout" ]; then bad "hostile $n $args: output before an error"; continue; fi
			if [ "$(wc -l <"$tmp/herr")" -ne 1 ] || ! grep -q "^fayan: $f: " "$tmp/herr"; then
				bad "hostile $n $args: error is not one line naming the file"; diag <"$tmp/herr"; continue
			fi
		fi
		ok
	done
done

# What each one must give.
expect_err() { # NAME PATTERN [ARGS]: status 2 and a message matching PATTERN
	n=$1 pat=$2
	shift 2
	"$fayan" --check "$@" "$h/$n.txt" >/dev/null 2>"$tmp/herr"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "$pat" "$tmp/herr"; then ok; else bad "hostile $n: status $rc, message: $(cat "$tmp/herr")"; fi
}
expect_err empty 'empty file'
expect_err nul 'NUL byte at byte [0-9]'
expect_err fffe 'invalid UTF-8 at byte [0-9]'
expect_err overlong 'invalid UTF-8 at byte [0-9]'
expect_err surrogate 'invalid UTF-8 at byte [0-9]'
expect_err rawcsi 'invalid UTF-8 at byte [0-9]'
expect_err truncated 'invalid UTF-8 at byte 998'

# The controls that are valid UTF-8 are shown, not obeyed.
for n in osc52 clear title; do
	if "$fayan" -p 1 "$h/$n.txt" | grep -q '盘活\^\['; then ok; else bad "hostile $n: ESC not shown as ^["; fi
done
if "$fayan" -p 1 "$h/c1csi.txt" | grep -q '盘活<U+009B>31m'; then ok; else bad "hostile c1csi: C1 not shown"; fi
# Bidirectional controls are shown the same way on every path: text, JSON, a search hit.
for args in "-p 1" "-p 1 -f json" "-s evil -p all"; do
	# shellcheck disable=SC2086
	"$fayan" $args "$h/bidi.txt" >"$tmp/hout" 2>&1
	if clean "$tmp/hout" && grep -q '盘活<U+202E>evil<U+2066>x<U+061C>y<U+200F>“五闲资源”' "$tmp/hout"; then ok; else
		bad "hostile bidi, $args: not shown as <U+202E>"; fi
done
# --force shows U+FFFD and carries on.
if "$fayan" --force -p 1 "$h/fffe.txt" | grep -q '盘活��“五闲资源”'; then ok; else bad "hostile --force: no U+FFFD"; fi
# CRLF with a BOM reads like the seed.
if "$fayan" -l "$h/crlf-bom.txt" | cmp -s - "$exp/list.out"; then ok; else bad "hostile crlf-bom: list differs"; fi

# File names and arguments reach messages and --check: shown, never obeyed.
evil=$h/$(printf 'e\033]0;x\007\302\233\377\342\200\256.txt')
cp "$seed" "$evil"
for args in "--check" "--list" "-p nobody" "-p $(printf '\033[2J')" "--width $(printf '\033[2J')" \
	"-p $(printf '\342\200\256')1" "-s $(printf 'x\342\200\256')" "-t $(printf '\342\201\246')"; do
	# shellcheck disable=SC2086
	"$fayan" $args "$evil" >"$tmp/hout" 2>"$tmp/herr" </dev/null
	if clean "$tmp/hout" && clean "$tmp/herr"; then ok; else bad "hostile file name, $args: control bytes in the output"; fi
done
"$fayan" --list "$evil.missing" >"$tmp/hout" 2>"$tmp/herr"
if [ $? -eq 2 ] && clean "$tmp/herr" && grep -q '\^\[\]0;x\^G<U+009B>�<U+202E>\.txt\.missing: No such file' "$tmp/herr"; then ok; else bad "hostile missing file name: $(cat "$tmp/herr")"; fi
# A theme named with a bidirectional control is refused like one with a C0 control.
mkdir -p "$tmp/hcfg/fayan"
printf 'ab\342\200\256cd: 疫情\n' >"$tmp/hcfg/fayan/themes"
XDG_CONFIG_HOME=$tmp/hcfg "$fayan" --themes "$seed" >"$tmp/hout" 2>"$tmp/herr"
if [ $? -eq 2 ] && clean "$tmp/herr" && grep -q 'themes:1: control character (byte 3 of the line)' "$tmp/herr"; then ok; else
	bad "hostile bidi theme name: $(cat "$tmp/herr")"; fi
