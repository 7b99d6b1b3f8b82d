# CLI cases, sourced by run.sh. Expected output lives in expected/NAME.out
# (and expected/NAME.err); regenerate with `tests/cli/run.sh build/fayan --update`
# only after reading the difference.

case_ list 0 --list
case_ list-tsv 0 --list --format=tsv
case_ list-w40 0 --list --width 40
case_ print-1 0 --print 1
case_ print-name-w40 0 --print 马东亮 --width 40
case_ print-wide-w40 0 --ambiwidth=wide --print 马东亮 --width 40
case_ list-wide-w40 0 --ambiwidth=wide --list --width 40
case_ usage-ambiwidth 2 --ambiwidth=double -l
case_ print-place 0 -p 城关乡
case_ print-intro 0 -p intro
case_ print-all 0 -p all
case_ print-11 1 --print 11
case_ print-unknown 1 --print 张三
case_ print-ambiguous 1 --print 街道
case_ print-0 1 --print 0
case_ print-trailing 2 -p '1 '
case_ print-trailing-letter 2 --print=2x
case_ theme-empty 2 -t '' -l
case_ check 0 --check
case_ themes 0 --themes
case_ themes-tsv 0 --themes --format=tsv
case_ themes-search 0 --themes -s yqfk
case_ theme-list 0 --theme 疫情防控 --list
case_ theme-pinyin-list 0 -t ljxq -l
case_ theme-list-tsv 0 --theme 老旧小区改造 --list -f tsv
case_ theme-print-all 0 -t 疫情防控 -p all -w 50
case_ theme-unknown 2 -t 没有 -l
case_ theme-unknown-first 2 -t 没有 -l "$dir/does-not-exist.txt"
case_ search-list 0 -s yqfk --list
case_ search-fold 0 -s 下一步，将 -l
case_ search-theme-none 1 -t 疫情防控 -s 马东亮 -l
case_ print-pinyin 0 -p mdl
case_ print-pinyin-full 0 -p madongliang -w 30
case_ print-pinyin-ambiguous 1 -p dw
case_ check-nosections 1 --check "$dir/nosections.txt"
case_ list-nosections 1 --list "$dir/nosections.txt"
case_ print-all-nosections 1 -p all "$dir/nosections.txt"
case_ print-intro-kicker 0 -p intro "$dir/../data/kicker_subtitle.txt"
case_ print-note 0 -p 1 "$dir/../data/kicker_subtitle.txt"
case_ check-kicker 0 --check "$dir/../data/kicker_subtitle.txt"
case_ check-gbk 0 --check "$dir/gbk.txt"
case_ print-gbk 0 --encoding=GBK -p 2 "$dir/gbk.txt"
case_ encoding-unknown 2 --encoding=NOPE -l "$dir/gbk.txt"
case_ encoding-wrong 2 --encoding=GBK -l "$dir/nosections.txt"
case_ usage-format 2 --format=xml --list
case_ usage-width 2 --width=abc -p 1
case_ usage-option 2 --bogus
case_ missing-file 2 --list "$dir/does-not-exist.txt"
case_ print-cjk-w40 0 -p 1 --punct=cjk -w 40
case_ print-cjk-indent-w40 0 -p 2 --punct=cjk --indent -w 40
case_ print-indent 0 -p 2 --indent
case_ usage-punct 2 --punct=wide -p 1
case_ version 0 --version
case_ help 0 --help

# --print 马东亮 --width 40 obeys the line-breaking rules line by line, and so
# does every section at narrow and common widths.
"$fayan" --print 马东亮 --width 40 >"$tmp/w40"
lines_ok print-w40-rules 40 "$tmp/w40"
for w in 10 20 33 60 80; do
	"$fayan" --print all --width $w >"$tmp/w$w"
	lines_ok "print-all-w$w-rules" $w "$tmp/w$w"
done

# So does --punct=cjk, its hanging marks inside the width.
for w in 20 33 78; do
	"$fayan" --print all --punct=cjk --width $w >"$tmp/cjk$w"
	lines_ok "print-all-cjk-w$w-rules" $w "$tmp/cjk$w"
done

# --punct=as-printed is what --print gives without it, byte for byte.
"$fayan" --print all --width 33 --punct=as-printed >"$tmp/asp33"
if cmp -s "$tmp/asp33" "$tmp/w33"; then ok; else bad "print-as-printed: differs from the default"; fi

# FAYAN_AMBIWIDTH wraps printed text as --ambiwidth does; the option wins.
if FAYAN_AMBIWIDTH=wide "$fayan" --print 马东亮 --width 40 | cmp -s - "$exp/print-wide-w40.out"; then ok; else bad "ambiwidth-env: FAYAN_AMBIWIDTH=wide does not wrap wide"; fi
if FAYAN_AMBIWIDTH=wide "$fayan" --ambiwidth=narrow --print 马东亮 --width 40 | cmp -s - "$exp/print-name-w40.out"; then ok; else bad "ambiwidth-option: --ambiwidth=narrow does not override the variable"; fi
if FAYAN_AMBIWIDTH=auto "$fayan" --print 马东亮 --width 40 | cmp -s - "$exp/print-name-w40.out"; then ok; else bad "ambiwidth-auto: printing with auto is not narrow"; fi
FAYAN_AMBIWIDTH=2 "$fayan" -l >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(head -1 "$tmp/err")" = "fayan: unknown ambiguous width '2' in FAYAN_AMBIWIDTH (narrow, wide or auto)" ]; then ok; else bad "ambiwidth-env-bad: $(cat "$tmp/err")"; fi

# JSON parses back and carries the same fields as the text.
if "$fayan" --print 1 --format=json | jq -e '.number == 1 and .speaker.name == "马东亮" and .speaker.place == "新郑市城关乡" and .speaker.title == "党委书记" and (.paragraphs | length) >= 4' >/dev/null; then ok; else bad "print-json: does not parse back to section 1"; fi
if "$fayan" --list --format=json | jq -e 'length == 10 and .[7].name == "曹西峰" and .[9].name == "陈萌"' >/dev/null; then ok; else bad "list-json: does not parse back to ten sections"; fi
if "$fayan" --print all --format=json | jq -e 'length == 10 and ([.[].paragraphs | length] | min) >= 4' >/dev/null; then ok; else bad "print-all-json"; fi

if "$fayan" --themes -f json | jq -e '.[0].name == "疫情防控" and .[0].sections == 2 and (.[0].terms | index("口罩")) != null' >/dev/null; then ok; else bad "themes-json"; fi
if "$fayan" -t 疫情防控 -l -f json | jq -e '[.[].name] == ["高留念","曹西峰"] and .[1].hits > 0' >/dev/null; then ok; else bad "theme-list-json"; fi

# Unwrapped print in a pipe: each paragraph is one line, text as printed.
if "$fayan" -p 3 | grep -q '作用用,采取一线工作法'; then ok; else bad "print-3: page break not rejoined as printed"; fi

# A closed pipe ends fayan quietly.
"$fayan" --print all 2>"$tmp/pipe-err" | head -1 >"$tmp/pipe-out"
if [ ! -s "$tmp/pipe-err" ] && [ "$(cat "$tmp/pipe-out")" = "走出农村公共服务体系建设新路子" ]; then ok; else bad "sigpipe: $(cat "$tmp/pipe-err")"; fi

# Output longer than a buffer's drain threshold (64 KiB) is written in pieces
# once every check has passed: 150 copies of the seed give the seed's list
# again and again, numbered on, and the same as --list's JSON form; a failure
# found before writing (a missing file last, a filter that selects nothing)
# still leaves stdout empty, and a failing write is one message and status 2.
seed150=
i=0
while [ $i -lt 150 ]; do seed150="$seed150 $dir/../../seeds/000_5ab60398d2227b0f.txt"; i=$((i + 1)); done
# shellcheck disable=SC2086
"$fayan" --list $seed150 >"$tmp/big" 2>"$tmp/big-err"
rc=$?
sed 's/^ *[0-9]* //' "$tmp/big" | sort | uniq -c | awk '$1 != 150 { bad = 1 } END { exit bad || NR != 10 }'
each=$?
if [ $rc -eq 0 ] && [ ! -s "$tmp/big-err" ] && [ "$(wc -c <"$tmp/big")" -gt 65536 ] && [ "$(wc -l <"$tmp/big")" -eq 1500 ] &&
	[ $each -eq 0 ] && [ "$(sed -n '1500s/^\([0-9]*\) .*/\1/p' "$tmp/big")" = 1500 ] &&
	"$fayan" --list --format=json $seed150 | jq -e 'length == 1500 and .[1499].number == 1500 and .[1499].name == "陈萌"' >/dev/null; then ok; else bad "list-drained: $(cat "$tmp/big-err")"; fi
# shellcheck disable=SC2086
"$fayan" --print all $seed150 "$dir/does-not-exist.txt" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ ! -s "$tmp/out" ]; then ok; else bad "print-all-missing-last: output before the error"; fi
# shellcheck disable=SC2086
"$fayan" --print all --search 不在文中的词 $seed150 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "fayan: no section matches the filter" ]; then ok; else bad "print-all-no-match: $(cat "$tmp/err")"; fi
if [ -w /dev/full ]; then
	# shellcheck disable=SC2086
	"$fayan" --check $seed150 >/dev/full 2>"$tmp/err"
	if [ $? -eq 2 ] && [ "$(cat "$tmp/err")" = "fayan: standard output: No space left on device" ]; then ok; else bad "check-full: $(cat "$tmp/err")"; fi
fi

# Standard input as a file gives the same list as the built-in article.
if "$fayan" -l - <"$dir/../../seeds/000_5ab60398d2227b0f.txt" | cmp -s - "$exp/list.out"; then ok; else bad "stdin: --list - differs from the built-in list"; fi

. "$dir/hostile.sh"

# The user's themes file extends and overrides the built-in one; a bad line is
# reported with its file and line number.
mkdir -p "$XDG_CONFIG_HOME/fayan"
printf '# mine\n\n黄河: 黄河 滩区\n-智慧城市\n' >"$XDG_CONFIG_HOME/fayan/themes"
if "$fayan" --themes -f tsv | grep -q "^黄河	1	" && ! "$fayan" --themes | grep -q 智慧城市; then ok; else bad "user themes: not applied"; fi
printf '黄河: 黄河\nno colon here\n' >"$XDG_CONFIG_HOME/fayan/themes"
"$fayan" --themes >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "^fayan: $XDG_CONFIG_HOME/fayan/themes:2: " "$tmp/err"; then ok; else bad "user themes: bad line not reported: $(cat "$tmp/err")"; fi
rm -f "$XDG_CONFIG_HOME/fayan/themes"
# A FIFO there is refused at once (it blocked --themes for ever), as is a directory.
mkfifo "$XDG_CONFIG_HOME/fayan/themes"
timeout 10 "$fayan" --themes >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ "$(cat "$tmp/err")" = "fayan: $XDG_CONFIG_HOME/fayan/themes: not a regular file" ]; then ok; else
	bad "user themes: a FIFO: $(cat "$tmp/err")"; fi
rm -f "$XDG_CONFIG_HOME/fayan/themes"
mkdir "$XDG_CONFIG_HOME/fayan/themes"
"$fayan" -t yqfk -l >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ "$(cat "$tmp/err")" = "fayan: $XDG_CONFIG_HOME/fayan/themes: not a regular file" ]; then ok; else
	bad "user themes: a directory: $(cat "$tmp/err")"; fi
rmdir "$XDG_CONFIG_HOME/fayan/themes"
# An input that is a FIFO is refused at once (it blocked the open for ever
# with no writer), in every mode, the browser's included; standard input is
# read whatever it is.
mkfifo "$tmp/in.fifo"
for args in "--list" "--themes" "-p all" "--check" ""; do
	# shellcheck disable=SC2086
	timeout 10 "$fayan" $args "$dir/../../seeds/000_5ab60398d2227b0f.txt" "$tmp/in.fifo" >"$tmp/out" 2>"$tmp/err" </dev/null
	if [ $? -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "fayan: $tmp/in.fifo: not a regular file" ]; then ok; else
		bad "input FIFO with '$args': $(cat "$tmp/err")"; fi
done
rm -f "$tmp/in.fifo"
if cat "$dir/../../seeds/000_5ab60398d2227b0f.txt" | "$fayan" -l - | cmp -s - "$exp/list.out"; then ok; else bad "stdin as a pipe: --list - differs"; fi

# A search uses no theme: a broken or unreadable themes file does not stop
# it (it made -s with -l or -p all fail with status 2); -t still names it.
"$fayan" -s yqfk -p all >"$tmp/print-ref" 2>&1
for themes in broken fifo; do
	if [ $themes = fifo ]; then mkfifo "$XDG_CONFIG_HOME/fayan/themes"; else printf 'no colon here\n' >"$XDG_CONFIG_HOME/fayan/themes"; fi
	timeout 10 "$fayan" -s yqfk --list >"$tmp/out" 2>"$tmp/err"
	if [ $? -eq 0 ] && cmp -s "$tmp/out" "$exp/search-list.out" && [ ! -s "$tmp/err" ]; then ok; else
		bad "$themes themes file: -s -l: $(cat "$tmp/err")"; fi
	timeout 10 "$fayan" -s yqfk -p all >"$tmp/out" 2>"$tmp/err"
	if [ $? -eq 0 ] && cmp -s "$tmp/out" "$tmp/print-ref" && [ ! -s "$tmp/err" ]; then ok; else
		bad "$themes themes file: -s -p all: $(cat "$tmp/err")"; fi
	rm -f "$XDG_CONFIG_HOME/fayan/themes"
done
printf 'no colon here\n' >"$XDG_CONFIG_HOME/fayan/themes"
"$fayan" -t yqfk -s 疫情 -l >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "fayan: $XDG_CONFIG_HOME/fayan/themes:1: expected 'NAME: TERM TERM ...'" ]; then ok; else
	bad "broken themes file: -t: $(cat "$tmp/err")"; fi
rm -f "$XDG_CONFIG_HOME/fayan/themes"

. "$dir/i18n.sh"
