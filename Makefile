# pilotlog - build, test, demo and benchmark.
#
#   make demo    install what is missing, build, make the demo repository, render its site
#   make test    install what is missing, build, run every test
#   make check   the tests under AddressSanitizer and UndefinedBehaviorSanitizer
#   make screenshots  docs/portfolio.png and docs/pilot.png from the demo site, in chromium
#   make bench   the benchmark against git and Hugo (BENCH=large for 10k pilots / 100k commits)

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BUILD     ?= build
CC        ?= cc
PKGS      := libgit2 yaml-0.1 libcmark-gfm

ifeq ($(SANITIZE),1)
BUILD     := build-san
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

OPT       ?= -O2
CFLAGS    ?= -g $(OPT)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
             -Ilib -Icmd/pilotlog $(SANFLAGS) $(CFLAGS) $(shell pkg-config --cflags $(PKGS)) \
             -DPILOTLOG_VERSION='"$(VERSION)"' -DPILOTLOG_PREFIX='"$(PREFIX)"'
# LINK=static (the default) takes libgit2, libyaml, cmark-gfm and what
# libgit2 needs from Debian's static archives: starting a program linked
# against Debian's shared libgit2 costs 3 ms of dynamic loading before main
# (README, Dependencies). GSSAPI has no static archive and stays shared.
# LINK=shared links every library shared.
LINK      ?= static
ifeq ($(LINK),static)
LDLIBS     = -Wl,-Bstatic -lcmark-gfm-extensions $(shell pkg-config --static --libs $(PKGS) libssh2) \
             -Wl,-Bdynamic $(shell pkg-config --libs krb5-gssapi) -lpthread -lm
# libgit2's call to mbedTLS's certificate loading goes to cmd/pilotlog/no_tls.c
BIN_LDFLAGS = -Wl,--wrap=mbedtls_x509_crt_parse_file
NO_TLS_FLAGS = -DPL_WRAP_TLS
else
LDLIBS     = $(shell pkg-config --libs $(PKGS)) -lcmark-gfm-extensions -lpthread -lm
endif
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC   := $(wildcard lib/*.c lib/render/*.c)
CMD_SRC   := $(wildcard cmd/pilotlog/*.c)
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
EMBEDDED  := schemas/pilot.schema.yaml schemas/workflow.yaml schemas/workflow.schema.yaml \
             schemas/config.schema.yaml templates/pilot.md templates/poc.md \
             hooks/pre-commit hooks/pre-receive lib/render/style.css

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
CMD_OBJ   := $(CMD_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIBA      := $(BUILD)/libpilotlog.a
BIN       := $(BUILD)/pilotlog

.PHONY: all deps deps-test browser-deps test run-tests check demo screenshots bench install clean format
.PHONY: tidy fuzz check-run run-tests-san
.DEFAULT_GOAL := all

all: $(BIN) $(UNIT_BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 $< -o $@

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(EMBEDDED)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ $(EMBEDDED)

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/cmd/pilotlog/no_tls.o: ALL_CFLAGS += $(NO_TLS_FLAGS)

# the build id names the renderer of a site's pages (cmd_site.c)
$(BIN): $(CMD_OBJ) $(LIBA)
	$(CC) $(ALL_LDFLAGS) -Wl,--build-id=sha1 $(BIN_LDFLAGS) $(CMD_OBJ) $(LIBA) $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/tap.h $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< $(LIBA) $(ALL_LDFLAGS) $(LDLIBS) -o $@

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d)

# `hooks path` prints PREFIX/share/pilotlog/hooks: rebuild it when PREFIX changes.
$(BUILD)/prefix.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@
$(BUILD)/cmd/pilotlog/cmd_hooks.o: $(BUILD)/prefix.stamp
# and relink (and rebuild no_tls.c) when LINK changes
$(BUILD)/link.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(LINK)' | cmp -s - $@ || echo '$(LINK)' > $@
$(BUILD)/cmd/pilotlog/no_tls.o $(BIN) $(UNIT_BIN): $(BUILD)/link.stamp
.PHONY: FORCE
FORCE:

deps:
	@tools/deps.sh build

deps-test:
	@tools/deps.sh test

# The browser test's npm packages (playwright-core, which drives the system's
# chromium and never downloads a browser, and axe-core), installed from the
# lock file when missing or older than it. Outside CI a failed install only
# warns: the browser test then skips.
browser-deps:
	@for d in tests/browser tests/remark; do \
	    (cd $$d && if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	        echo "installing the npm packages of $$d" >&2; \
	        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error || \
	        { [ "$$CI" != true ] && echo "npm ci failed in $$d: its test will be skipped" >&2; }; \
	    fi) || exit 1; \
	done

# Every test: C unit tests, end-to-end tests against real git repositories
# and the site in a real browser (chromium, axe-core), through prove (TAP);
# then the unit and end-to-end tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer, and each fuzz target for a short while with
# every past crash replayed.
TEST_FUZZ_SECONDS ?= 8
test: deps-test
	@$(MAKE) --no-print-directory all browser-deps
	@$(MAKE) --no-print-directory run-tests
	@$(MAKE) --no-print-directory check-run
	@$(MAKE) --no-print-directory fuzz-regress fuzz FUZZ_SECONDS=$(TEST_FUZZ_SECONDS)

run-tests:
	PILOTLOG=$(abspath $(BIN)) PILOTLOG_SRC=$(CURDIR) prove -f $(UNIT_BIN) tests/e2e/*.t tests/remark/agreement.t \
	    tests/browser/site.t

# The sanitizer build and run (what `make check` runs on its own).
check-run:
	@$(MAKE) --no-print-directory SANITIZE=1 OPT=-O1 all
	@$(MAKE) --no-print-directory SANITIZE=1 OPT=-O1 run-tests-san

run-tests-san:
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    PILOTLOG=$(abspath $(BIN)) PILOTLOG_SRC=$(CURDIR) prove -f $(UNIT_BIN) tests/e2e/*.t

check: deps-test
	@$(MAKE) --no-print-directory check-run

demo: deps
	@$(MAKE) --no-print-directory all
	@PILOTLOG=$(abspath $(BIN)) tools/make-demo.sh demo
	@cd demo/repo && $(abspath $(BIN)) list --today 2026-11-24
	@cd demo/repo && $(abspath $(BIN)) site -o ../site --today 2026-11-24 >/dev/null
	@echo "demo site: $(CURDIR)/demo/site/index.html"

# The README's screenshots: the demo repository's site in chromium.
screenshots: deps-test
	@$(MAKE) --no-print-directory all browser-deps
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	    PILOTLOG=$(abspath $(BIN)) tools/make-demo.sh "$$tmp" >/dev/null && \
	    (cd "$$tmp/repo" && $(abspath $(BIN)) site -o "$$tmp/site" --today 2026-11-24 >/dev/null) && \
	    node tests/browser/screenshots.mjs "$$tmp/site" docs

# The benchmark against git and Hugo (not part of `make test`): generates
# bench/out/$(BENCH)/ once per generator version, then prints the table.
BENCH     ?= small
GEN       := $(BUILD)/bench/gen

$(GEN): bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 $< -o $@

.PHONY: deps-bench bench-run
deps-bench:
	@tools/deps.sh bench

bench: deps-bench
	@$(MAKE) --no-print-directory bench-run

bench-run: $(BIN) $(GEN)
	PILOTLOG=$(abspath $(BIN)) GEN=$(abspath $(GEN)) bench/run.sh $(BENCH)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/pilotlog/hooks $(DESTDIR)$(PREFIX)/share/pilotlog/schemas \
	    $(DESTDIR)$(PREFIX)/share/pilotlog/templates $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/pilotlog
	install -m 644 docs/pilotlog.1 $(DESTDIR)$(PREFIX)/share/man/man1/pilotlog.1
	install -m 755 hooks/pre-commit hooks/pre-receive $(DESTDIR)$(PREFIX)/share/pilotlog/hooks/
	install -m 644 schemas/*.yaml $(DESTDIR)$(PREFIX)/share/pilotlog/schemas/
	install -m 644 templates/*.md $(DESTDIR)$(PREFIX)/share/pilotlog/templates/
	install -m 644 completion/pilotlog.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/pilotlog

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pilotlog $(DESTDIR)$(PREFIX)/share/man/man1/pilotlog.1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/pilotlog
	rm -rf $(DESTDIR)$(PREFIX)/share/pilotlog

format:
	clang-format -i $(LIB_SRC) $(CMD_SRC) $(UNIT_SRC) lib/*.h lib/render/*.h cmd/pilotlog/*.h tests/unit/*.h tools/*.c

tidy:
	clang-tidy --quiet $(LIB_SRC) $(CMD_SRC) -- $(ALL_CFLAGS)

clean:
	rm -rf build build-san build-fuzz

# ---- fuzzing (libFuzzer, clang) ----------------------------------------------
# make fuzz FUZZ_SECONDS=N runs every target for N seconds from a corpus
# seeded with examples/ and tests/fixtures/; crashes are saved under
# tests/fuzz/regressions/TARGET/ and replayed by `make fuzz-regress`.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := doc schema criteria edit render index fields pcache hcache yaml_simple
FUZZ_BUILD   := build-fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

.PHONY: fuzz fuzz-regress fuzz-build
fuzz-build:
	@tools/deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
	    CFLAGS="-g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN)" $(FUZZ_BUILD)/libpilotlog.a
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_BUILD)/libpilotlog.a
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -g -O1 \
	    -fsanitize=fuzzer $(FUZZ_SAN) -Ilib $(shell pkg-config --cflags $(PKGS)) \
	    -DPILOTLOG_VERSION='"$(VERSION)"' $< $(FUZZ_BUILD)/libpilotlog.a $(LDLIBS) -o $@

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	    c=$(FUZZ_BUILD)/corpus/$$t; mkdir -p $$c tests/fuzz/regressions/$$t; \
	    case $$t in criteria|edit|index|fields|pcache|hcache|yaml_simple) cp tests/fuzz/seeds/$$t/* $$c/ ;; \
	    *) cp examples/pilots/*.md tests/fixtures/*/*.md $$c/ ;; esac; \
	    echo "fuzz_$$t: $(FUZZ_SECONDS)s"; \
	    $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	        -rss_limit_mb=2048 -print_final_stats=0 \
	        -artifact_prefix=tests/fuzz/regressions/$$t/ $$c >$(FUZZ_BUILD)/fuzz_$$t.log 2>&1 \
	        || { tail -40 $(FUZZ_BUILD)/fuzz_$$t.log; exit 1; }; \
	    grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" $(FUZZ_BUILD)/fuzz_$$t.log | tail -1; \
	done

# Every input that ever crashed a target, replayed (part of make test).
fuzz-regress: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	    set -- tests/fuzz/regressions/$$t/*; [ -e "$$1" ] || continue; \
	    $(FUZZ_BUILD)/fuzz_$$t "$$@" >/dev/null 2>&1 || { echo "fuzz_$$t: a regression input fails"; exit 1; }; \
	done; echo "fuzz regressions: all inputs pass"

# ---- valgrind memcheck of the end-to-end tests ------------------------------
VALGRIND_TESTS := tests/e2e/check.t tests/e2e/fixtures.t tests/e2e/store.t tests/e2e/history.t \
                  tests/e2e/site.t tests/e2e/hostile.t
.PHONY: valgrind
valgrind: all
	@rm -rf build/valgrind && mkdir -p build/valgrind
	-PILOTLOG=$(CURDIR)/tests/tools/valgrind-pilotlog VALGRIND_LOGS=$(CURDIR)/build/valgrind \
	    PILOTLOG_SRC=$(CURDIR) PILOTLOG_SLOW=1 prove $(VALGRIND_TESTS)
	@tests/tools/valgrind-summary build/valgrind
