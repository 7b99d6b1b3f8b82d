# CLI cases, sourced by run.sh. Expected output lives in expected/NAME.out
# (and expected/NAME.err); regenerate with `tests/cli/run.sh build/fayan --update`
# only after reading the difference.

case_ list 0 --list
case_ list-tsv 0 --list --format=tsv
case_ print-1 0 --print 1
case_ print-name-w40 0 --print 马东亮 --width 40
case_ print-place 0 -p 城关乡
case_ print-intro 0 -p intro
case_ print-all 0 -p all
case_ print-11 1 --print 11
case_ print-unknown 1 --print 张三
case_ print-ambiguous 1 --print 街道
case_ check 0 --check
case_ check-nosections 1 --check "$dir/nosections.txt"
case_ usage-format 2 --format=xml --list
case_ usage-width 2 --width=abc -p 1
case_ usage-option 2 --bogus
case_ missing-file 2 --list "$dir/does-not-exist.txt"
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

# JSON parses back and carries the same fields as the text.
if "$fayan" --print 1 --format=json | jq -e '.number == 1 and .speaker.name == "马东亮" and .speaker.place == "新郑市城关乡" and .speaker.title == "党委书记" and (.paragraphs | length) >= 4' >/dev/null; then ok; else bad "print-json: does not parse back to section 1"; fi
if "$fayan" --list --format=json | jq -e 'length == 10 and .[7].name == "曹西峰" and .[9].name == "陈萌"' >/dev/null; then ok; else bad "list-json: does not parse back to ten sections"; fi
if "$fayan" --print all --format=json | jq -e 'length == 10 and ([.[].paragraphs | length] | min) >= 4' >/dev/null; then ok; else bad "print-all-json"; fi

# Unwrapped print in a pipe: each paragraph is one line, text as printed.
if "$fayan" -p 3 | grep -q '作用用,采取一线工作法'; then ok; else bad "print-3: page break not rejoined as printed"; fi

# A closed pipe ends fayan quietly.
"$fayan" --print all 2>"$tmp/pipe-err" | head -1 >"$tmp/pipe-out"
if [ ! -s "$tmp/pipe-err" ] && [ "$(cat "$tmp/pipe-out")" = "走出农村公共服务体系建设新路子" ]; then ok; else bad "sigpipe: $(cat "$tmp/pipe-err")"; fi

# Standard input as a file gives the same list as the built-in article.
if "$fayan" -l - <"$dir/../../seeds/000_5ab60398d2227b0f.txt" | cmp -s - "$exp/list.out"; then ok; else bad "stdin: --list - differs from the built-in list"; fi

. "$dir/hostile.sh"
