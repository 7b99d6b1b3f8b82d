# TAP reporting for the shell suites, sourced after $tmp is made: ok NAME
# and bad NAME count and print one result; bad shows $tmp/err as its
# diagnostics. The suite ends with echo "1..$n".
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() {
	n=$((n + 1))
	echo "not ok $n - $1"
	sed 's/^/# /' "$tmp/err"
}
