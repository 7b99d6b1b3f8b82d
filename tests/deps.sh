#!/bin/sh
# What `make run` and `make test` ask for, on a machine where pkg-config
# knows neither cmocka nor libvterm: run needs only what building and running
# need, so it goes on; test needs the test tools and names the apt-get
# command that installs them; a missing build need (msgfmt) stops run.
# DEPS_INSTALL=no keeps make from installing anything, root or not. Reports
# in TAP.
# Usage: tests/deps.sh (from the top of the source tree, after a build).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fayan-deps.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
# A make of its own, not a part of the make that runs the tests.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
missing="pc/fayan-none:libfayan-none-dev"
cat >"$tmp/pkg-config" <<'END'
#!/bin/sh
for a; do case $a in cmocka|vterm) exit 1;; esac; done
exec pkg-config "$@"
END
chmod +x "$tmp/pkg-config"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() {
	n=$((n + 1))
	echo "not ok $n - $1"
	sed 's/^/# /' "$tmp/err"
}

# Without a terminal (setsid), the browser that `make run` starts says so:
# make got past its checks and built fayan.
timeout 300 setsid -w make -s run PKG_CONFIG="$tmp/pkg-config" DEPS_INSTALL=no </dev/null >"$tmp/out" 2>"$tmp/err"
if grep -q '^fayan: no terminal to browse on' "$tmp/err" && grep -qx 'deps: all present' "$tmp/out" &&
	! grep -q '^deps:' "$tmp/err"; then
	ok "make run does not need the test tools"
else
	bad "make run does not need the test tools"
fi

timeout 60 make -s test PKG_CONFIG="$tmp/pkg-config" DEPS_INSTALL=no </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ] &&
	grep -qx 'deps: missing libcmocka-dev libvterm-dev; run: sudo apt-get install libcmocka-dev libvterm-dev' "$tmp/err"; then
	ok "make test names the test tools it lacks"
else
	bad "make test names the test tools it lacks (status $rc)"
fi

timeout 60 make -s run DEPS_RUN="$missing" DEPS_INSTALL=no </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ] && grep -qx 'deps: missing libfayan-none-dev; run: sudo apt-get install libfayan-none-dev' "$tmp/err" &&
	! grep -q '^fayan:' "$tmp/err"; then
	ok "make run stops when a build need is missing"
else
	bad "make run stops when a build need is missing (status $rc)"
fi
# Without msgfmt, make run names Debian's gettext: the translations are
# built with fayan. The PATH holds every command of ours but msgfmt.
mkdir "$tmp/bin"
for d in $(printf '%s' "$PATH" | tr ':' ' '); do
	for f in "$d"/*; do
		c=${f##*/}
		if [ -x "$f" ] && [ "$c" != msgfmt ] && [ ! -e "$tmp/bin/$c" ]; then ln -s "$f" "$tmp/bin/$c"; fi
	done
done
PATH="$tmp/bin" timeout 60 make -s run DEPS_INSTALL=no </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ] && grep -qx 'deps: missing gettext; run: sudo apt-get install gettext' "$tmp/err" &&
	! grep -q '^fayan:' "$tmp/err"; then
	ok "make run names gettext when msgfmt is missing"
else
	bad "make run names gettext when msgfmt is missing (status $rc)"
fi
echo "1..$n"
