# fayan: a terminal browser for Chinese speech-excerpt articles (发言摘登).
# `make run`, `make test` and `make check-slow` first install what they need
# and is missing (see deps below); `make deps` installs everything.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=
PKG_CONFIG ?= pkg-config

BUILD ?= build
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifeq ($(SAN),1)
BUILD := build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

SEED := seeds/000_5ab60398d2227b0f.txt
NCURSES_CFLAGS = $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
NCURSES_LIBS = $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
VTERM_LIBS = $(shell $(PKG_CONFIG) --libs vterm 2>/dev/null || echo -lvterm)

# -pthread: the filters run over a large archive in a thread per core (src/filter.c).
ALL_CFLAGS = -std=c17 -pthread $(WARN) $(SANFLAGS) $(CFLAGS)
ALL_CPPFLAGS = -Iinclude -I$(BUILD)/gen -D_GNU_SOURCE $(NCURSES_CFLAGS) -MMD -MP $(CPPFLAGS)
ALL_LDFLAGS = -pthread -Wl,-z,now $(SANFLAGS) $(LDFLAGS)
# libunistring and ncurses are linked statically where their archives are
# installed (Debian's -dev packages ship them): every shared object costs the
# start-up of each run mapping and relocating it, and with four of them the
# first frame came later than less's (bench/RESULTS.md). STATIC_LIBS=no links
# them dynamically.
ifndef STATIC_LIBS
STATIC_LIBS := $(shell for l in unistring ncursesw tinfo; do \
	[ -f "$$($(CC) -print-file-name=lib$$l.a)" ] || { echo no; exit 0; }; done; echo yes)
endif
ifeq ($(STATIC_LIBS),yes)
LIBS = -Wl,-Bstatic -lunistring -lncursesw -ltinfo -Wl,-Bdynamic -lutil -Wl,--as-needed -lm
CORE_LIBS = -Wl,-Bstatic -lunistring -Wl,-Bdynamic -lutil -Wl,--as-needed -lm
else
LIBS = -lunistring $(NCURSES_LIBS) -lutil -lm
CORE_LIBS = -lunistring -lutil -lm
endif
# fayan itself is linked statically, the C library included (-static-pie: still
# position-independent), where libc.a is installed too (libc6-dev ships it):
# loading and relocating libc.so was a sixth of the start-up's CPU time on the
# machine of bench/RESULTS.md. Not with the sanitizers, which need the shared
# C library; and valgrind cannot follow malloc in a static binary, so
# check-valgrind runs $(BUILD)/fayan-dyn, the same objects linked
# dynamically. STATIC_BIN=no links fayan dynamically.
ifndef STATIC_BIN
ifeq ($(SAN),1)
STATIC_BIN := no
else
STATIC_BIN := $(shell [ "$(STATIC_LIBS)" = yes ] && [ -f "$$($(CC) -print-file-name=libc.a)" ] && echo yes || echo no)
endif
endif
ifeq ($(STATIC_BIN),yes)
BIN_LIBS = -static-pie -lunistring -lncursesw -ltinfo -lm
else
BIN_LIBS = $(LIBS)
endif

# Every source but main.c goes into one of two libraries: the terminal files
# (the only ones that include <curses.h>, as tests/check-layers.sh checks) into
# libfayan-tui.a, the rest into libfayan-core.a, which the tests link alone:
# the linker then refuses a core file that calls curses, and tests need no
# terminal library.
TUI_SRC := $(addprefix src/,tty.c keyname.c draw.c screen.c shell.c ui.c)
CORE_SRC := $(filter-out src/main.c $(TUI_SRC),$(wildcard src/*.c))
CORE_OBJ := $(CORE_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/assets.o
TUI_OBJ := $(TUI_SRC:src/%.c=$(BUILD)/obj/%.o)
CORE_LIB := $(BUILD)/libfayan-core.a
TUI_LIB := $(BUILD)/libfayan-tui.a
BIN := $(BUILD)/fayan

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
E2E_SRC := $(wildcard tests/e2e/*.c)
E2E_BIN := $(BUILD)/tests/e2e

# Each tests/fuzz/fuzz_NAME.c is a libFuzzer target (built with clang in
# build-fuzz/) and, linked with tests/fuzz/replay.c, a replayer of its saved
# inputs that every `make check` runs.
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

# The interface's translations: assets/po/LANG.po, compiled by msgfmt into
# $(BUILD)/locale, where fayan finds them through FAYAN_LOCALEDIR (make run,
# the tests) without being installed; installed, it reads $(LOCALEDIR).
PO := $(wildcard assets/po/*.po)
MO := $(PO:assets/po/%.po=$(BUILD)/locale/%/LC_MESSAGES/fayan.mo)
POT := $(BUILD)/po/fayan.pot
XGETTEXT_FLAGS := --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=I18N_PLURAL:1,2 \
	--add-comments=TRANSLATORS: --package-name=fayan --no-wrap --sort-by-file --add-location=file

.PHONY: FORCE all run test check check-slow check-valgrind deps install uninstall clean lint-man fuzz fuzz-build bench pot update-po

all: $(BIN) $(MO)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/assets.o: src/assets.S $(SEED) $(wildcard assets/*)
	@mkdir -p $(@D)
	$(CC) -DSEED_FILE='"$(SEED)"' -c -o $@ src/assets.S

# The pinyin table is generated from the system's Unihan data (see src/pinyin.c).
UNIHAN ?= /usr/share/unicode/Unihan_Readings.txt.bz2
$(BUILD)/gen/pinyin_table.h: src/pinyin-table.awk
	@mkdir -p $(@D)
	bzcat $(UNIHAN) > $@.txt
	awk -f src/pinyin-table.awk < $@.txt > $@.tmp
	mv $@.tmp $@
	rm -f $@.txt

$(BUILD)/obj/pinyin.o: $(BUILD)/gen/pinyin_table.h

# Made afresh, so that an object whose source went is not kept in it.
$(CORE_LIB): $(CORE_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(TUI_LIB): $(TUI_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# Where the installed catalogues are, compiled into main.o: a header that is
# rewritten only when LOCALEDIR changes, so that `make install PREFIX=/usr`
# rebuilds main.o for that prefix, and a plain `make` after it does not.
$(BUILD)/gen/localedir.h: FORCE
	@mkdir -p $(@D)
	@printf '#define LOCALEDIR "%s"\n' '$(LOCALEDIR)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/obj/main.o: $(BUILD)/gen/localedir.h

FORCE:

$(BUILD)/locale/%/LC_MESSAGES/fayan.mo: assets/po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The template of every string to translate, from the sources; update-po
# merges it into each catalogue (new strings come in untranslated or fuzzy,
# which the tests refuse until a translator has seen them).
$(POT): $(wildcard src/*.c include/fayan/*.h)
	@mkdir -p $(@D)
	xgettext $(XGETTEXT_FLAGS) -o $@ $^

pot: $(POT)

update-po: $(POT)
	for po in $(PO); do msgmerge --quiet --update --backup=none --no-wrap --add-location=file "$$po" $(POT) || exit 1; done

$(BIN): $(BUILD)/obj/main.o $(TUI_LIB) $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(BIN_LIBS)

$(BUILD)/fayan-dyn: $(BUILD)/obj/main.o $(TUI_LIB) $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) $(CMOCKA_LIBS) $(CORE_LIBS)

$(E2E_BIN): $(E2E_SRC) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(E2E_SRC) $(CORE_LIB) $(CMOCKA_LIBS) $(VTERM_LIBS) $(CORE_LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(CORE_LIB) $(CORE_LIBS)

run:
	@$(MAKE) --no-print-directory deps DEPS="$(DEPS_RUN)"
	$(MAKE) all
	FAYAN_LOCALEDIR=$(BUILD)/locale ./$(BIN)

# The test command of the README: install what is missing, build with warnings
# as errors, run every test, then run them all again under ASan and UBSan. It
# takes a few minutes; CI adds the slow checks (check-slow).
test:
	@$(MAKE) --no-print-directory deps DEPS="$(DEPS_RUN) $(DEPS_TEST)"
	$(MAKE) WERROR=1 check
	$(MAKE) WERROR=1 SAN=1 check

# What CI runs after `make test`: the unit and CLI tests under valgrind, and
# each fuzz target for FUZZ_SECONDS.
check-slow:
	@$(MAKE) --no-print-directory deps DEPS="$(DEPS_RUN) $(DEPS_TEST) $(DEPS_SLOW)"
	$(MAKE) WERROR=1 check-valgrind
	$(MAKE) fuzz

check: $(BIN) $(MO) $(POT) $(UNIT_BIN) $(if $(E2E_SRC),$(E2E_BIN)) $(REPLAY_BIN) lint-man
	tests/check-layers.sh
	tests/check-calls.sh $(CORE_OBJ) $(TUI_OBJ) $(BUILD)/obj/main.o
	tests/run.sh $(BUILD)

# Unit tests, fuzz replays and CLI tests under valgrind memcheck: any error or
# definite or indirect leak fails. Needs the plain build (not SAN=1).
VALGRIND := valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect -q
check-valgrind: $(BUILD)/fayan-dyn $(MO) $(POT) $(UNIT_BIN) $(REPLAY_BIN)
	FAYAN_BIN=$(BUILD)/fayan-dyn FAYAN_WRAP="$(VALGRIND)" tests/run.sh $(BUILD)

# libFuzzer targets: the library compiled again with clang and the same
# sanitizers, then each target run for FUZZ_SECONDS, two at a time.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD := build-fuzz
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_OBJ := $(CORE_SRC:src/%.c=$(FUZZ_BUILD)/obj/%.o) $(FUZZ_BUILD)/obj/assets.o
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)

$(FUZZ_BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CPPFLAGS) -std=c17 $(WARN) $(FUZZ_FLAGS) -c -o $@ $<

$(FUZZ_BUILD)/obj/assets.o: src/assets.S $(SEED) $(wildcard assets/*)
	@mkdir -p $(@D)
	$(FUZZ_CC) -DSEED_FILE='"$(SEED)"' -c -o $@ src/assets.S

# The generated pinyin table of the plain build serves this one too.
$(FUZZ_BUILD)/obj/pinyin.o: $(BUILD)/gen/pinyin_table.h

$(FUZZ_BUILD)/libfayan.a: $(FUZZ_OBJ)
	$(AR) rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_BUILD)/libfayan.a
	$(FUZZ_CC) $(ALL_CPPFLAGS) -std=c17 $(WARN) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_BUILD)/libfayan.a $(CORE_LIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_BIN)

# The English page and its Chinese translation.
MAN_PAGES := man/fayan.1 man/zh_CN/fayan.1

lint-man:
	mandoc -Tlint -W warning $(MAN_PAGES)

# Debian packages for each thing that is needed, as WHAT:PACKAGE. WHAT is a
# command, pc/NAME a pkg-config module, h/HEADER a C header, f/PATH a file,
# or fuzzer (clang's libFuzzer runtime). Building and running fayan need
# DEPS_RUN only (the pinyin table is generated from unicode-data's Unihan
# file); the tests add DEPS_TEST, the slow checks (valgrind, the libFuzzer
# targets) DEPS_SLOW.
DEPS_RUN := \
	cc:gcc \
	h/stdio.h:libc6-dev \
	make:make \
	pkg-config:pkg-config \
	pc/ncursesw:libncurses-dev \
	h/unistr.h:libunistring-dev \
	awk:mawk \
	bzcat:bzip2 \
	msgfmt:gettext \
	f/usr/share/unicode/Unihan_Readings.txt.bz2:unicode-data
DEPS_TEST := \
	pc/cmocka:libcmocka-dev \
	pc/vterm:libvterm-dev \
	mandoc:mandoc \
	jq:jq
DEPS_SLOW := \
	clang:clang \
	fuzzer:libclang-rt-dev \
	valgrind:valgrind
DEPS := $(DEPS_RUN) $(DEPS_TEST) $(DEPS_SLOW)

# Check DEPS; install what is missing with apt-get when run as root (unless
# DEPS_INSTALL=no), else name the command to run and fail. `make run`, `make
# test` and `make check-slow` check only what they need, so that a user
# without root who has the build tools can build and run fayan.
DEPS_INSTALL ?= yes
deps:
	@missing=""; \
	for d in $(DEPS); do \
		what=$${d%%:*}; pkg=$${d#*:}; \
		case $$what in \
		pc/*) $(PKG_CONFIG) --exists $${what#pc/} 2>/dev/null || missing="$$missing $$pkg";; \
		h/*) printf '#include <%s>\n' $${what#h/} | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing $$pkg";; \
		f/*) [ -e "/$${what#f/}" ] || missing="$$missing $$pkg";; \
		fuzzer) printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n' | \
			$(FUZZ_CC) -fsanitize=fuzzer -x c -o /dev/null - >/dev/null 2>&1 || missing="$$missing $$pkg";; \
		*) command -v $$what >/dev/null 2>&1 || missing="$$missing $$pkg";; \
		esac; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all present"; exit 0; fi; \
	if [ "$(DEPS_INSTALL)" != no ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "deps: installing$$missing"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	else \
		echo "deps: missing$$missing; run: sudo apt-get install$$missing" >&2; exit 1; \
	fi


# Benchmarks against less and grep, not part of `make test` (see bench/RESULTS.md).
# The synthetic archives are made once per generator and seed, under bench/out/.
BENCH_OUT := bench/out
BENCH_RUNS ?= 7
BENCH_DEPS := less:less grep:grep

$(BUILD)/bench/gen: bench/gen.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) $(CORE_LIBS)

$(BUILD)/bench/bench: bench/bench.c tests/e2e/harness.c tests/e2e/harness.h $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ bench/bench.c tests/e2e/harness.c $(CORE_LIB) $(VTERM_LIBS) $(CORE_LIBS)

$(BUILD)/bench/layout: bench/layout.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) $(CORE_LIBS)

$(BUILD)/bench/filter: bench/filter.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) $(CORE_LIBS)

# 10, 1,000 and 100,000 sections (one article of 10 sections per file), and 100 MB.
$(BENCH_OUT)/archives.stamp: $(BUILD)/bench/gen $(SEED)
	rm -rf $(BENCH_OUT)/s10 $(BENCH_OUT)/s1000 $(BENCH_OUT)/s100000 $(BENCH_OUT)/mb100
	mkdir -p $(BENCH_OUT)
	$(BUILD)/bench/gen $(SEED) $(BENCH_OUT)/s10 1
	$(BUILD)/bench/gen $(SEED) $(BENCH_OUT)/s1000 100
	$(BUILD)/bench/gen $(SEED) $(BENCH_OUT)/s100000 10000
	$(BUILD)/bench/gen $(SEED) $(BENCH_OUT)/mb100 1 100000000
	$(BUILD)/bench/gen --one-section $(SEED) $(BENCH_OUT)/long.txt
	touch $@

bench: $(BIN) $(BUILD)/bench/bench $(BUILD)/bench/filter $(BUILD)/bench/layout $(BENCH_OUT)/archives.stamp
	@$(MAKE) --no-print-directory deps DEPS="$(BENCH_DEPS)"
	$(BUILD)/bench/bench -n $(BENCH_RUNS) $(BIN) $(SEED) $(BENCH_OUT) assets/themes | tee $(BENCH_OUT)/results.md
	@echo >> $(BENCH_OUT)/results.md
	$(BUILD)/bench/filter -n $(BENCH_RUNS) $(BENCH_OUT)/mb100/* | tee -a $(BENCH_OUT)/results.md
	@echo >> $(BENCH_OUT)/results.md
	$(BUILD)/bench/layout -n $(BENCH_RUNS) $(BENCH_OUT)/s1000/* | tee -a $(BENCH_OUT)/results.md

install: $(BIN) $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/zh_CN/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/fayan
	install -m 644 man/fayan.1 $(DESTDIR)$(MANDIR)/man1/fayan.1
	install -m 644 man/zh_CN/fayan.1 $(DESTDIR)$(MANDIR)/zh_CN/man1/fayan.1
	for po in $(PO); do l=$$(basename "$$po" .po); \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/fayan.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/fayan.mo || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/fayan $(DESTDIR)$(MANDIR)/man1/fayan.1 \
		$(DESTDIR)$(MANDIR)/zh_CN/man1/fayan.1
	for po in $(PO); do rm -f $(DESTDIR)$(LOCALEDIR)/$$(basename "$$po" .po)/LC_MESSAGES/fayan.mo; done

clean:
	rm -rf build build-san build-fuzz $(BENCH_OUT)

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/tests/*.d $(BUILD)/fuzz/*.d $(FUZZ_BUILD)/obj/*.d $(FUZZ_BUILD)/*.d)
