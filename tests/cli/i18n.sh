# CLI cases in Chinese, sourced by cases.sh. zh_CN.UTF-8 is not installed
# where the tests run (a server an SSH client forwards LANG to): fayan speaks
# Chinese all the same. The output for machines (JSON, TSV) is the same in
# every language.

# lang_fayan NAME VAR=VALUE...: the path of a fayan that runs with only these
# locale variables set.
lang_fayan() {
	f=$tmp/fayan-$1
	shift
	{
		printf '#!/bin/sh\nexec env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE'
		printf ' %s' "$@"
		printf ' "%s" "$@"\n' "$en"
	} >"$f"
	chmod +x "$f"
	echo "$f"
}

en=$fayan
zh=$(lang_fayan zh LANG=zh_CN.UTF-8)
fayan=$zh
case_ help-zh_CN 0 --help
case_ print-11-zh_CN 1 --print 11
case_ print-ambiguous-zh_CN 1 --print 街道
case_ usage-option-zh_CN 2 --bogus
case_ usage-width-zh_CN 2 --width=abc -p 1
case_ usage-ambiwidth-zh_CN 2 --ambiwidth=double -l
case_ check-zh_CN 0 --check
case_ check-nosections-zh_CN 1 --check "$dir/nosections.txt"
case_ themes-zh_CN 0 --themes
case_ theme-list-zh_CN 0 --theme 疫情防控 --list
case_ version-zh_CN 0 --version

# The other variables that name the language, and English under C.UTF-8.
fayan=$(lang_fayan language LANG=C.UTF-8 LANGUAGE=zh_CN)
case_ print-11-zh_CN 1 --print 11
fayan=$(lang_fayan lc-messages LANG=C.UTF-8 LC_MESSAGES=zh_CN.UTF-8)
case_ print-11-zh_CN 1 --print 11
fayan=$(lang_fayan lc-all LANG=C.UTF-8 LC_ALL=zh_CN.UTF-8)
case_ print-11-zh_CN 1 --print 11
fayan=$(lang_fayan c-utf8 LANG=C.UTF-8)
case_ print-11 1 --print 11
case_ help 0 --help
fayan=$(lang_fayan language-en LANG=zh_CN.UTF-8 LANGUAGE=en)
case_ print-11 1 --print 11
fayan=$en

# Machine-readable output does not change with the language.
for args in "--list -f json" "--list -f tsv" "--print 1 -f json" "--print all -f json" "--themes -f json" \
	"--themes -f tsv" "-t yqfk -l -f tsv" "-s mdl -l -f json"; do
	# shellcheck disable=SC2086
	"$en" $args >"$tmp/en" 2>&1
	# shellcheck disable=SC2086
	"$zh" $args >"$tmp/zh" 2>&1
	if [ -s "$tmp/en" ] && cmp -s "$tmp/en" "$tmp/zh"; then ok "same in Chinese: $args"; else
		bad "differs in Chinese: $args"; diff "$tmp/en" "$tmp/zh" | head -10 | diag; fi
done
