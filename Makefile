# pilotlog - build, test, demo and benchmark.
#
#   make demo    install what is missing, build, make the demo repository, render its site
#   make test    install what is missing, build, run every test
#   make check   the tests under AddressSanitizer and UndefinedBehaviorSanitizer
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
LDLIBS     = $(shell pkg-config --libs $(PKGS)) -lcmark-gfm-extensions -lpthread -lm
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

.PHONY: all deps deps-test browser-deps test run-tests check demo bench install clean format
.PHONY: tidy fuzz
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

$(BIN): $(CMD_OBJ) $(LIBA)
	$(CC) $(ALL_LDFLAGS) $(CMD_OBJ) $(LIBA) $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/tap.h $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< $(LIBA) $(ALL_LDFLAGS) $(LDLIBS) -o $@

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d)

deps:
	@tools/deps.sh build

deps-test:
	@tools/deps.sh test

# The browser test's npm packages (playwright-core, which drives the system's
# chromium and never downloads a browser, and axe-core), installed from the
# lock file when missing or older than it. Outside CI a failed install only
# warns: the browser test then skips.
browser-deps:
	@cd tests/browser && if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	    echo "installing the browser test's npm packages" >&2; \
	    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error || \
	    { [ "$$CI" != true ] && echo "npm ci failed: the browser test will be skipped" >&2; }; \
	fi

# Every test: C unit tests, end-to-end tests against real git repositories
# and the site in a real browser (chromium, axe-core), through prove (TAP).
test: deps-test
	@$(MAKE) --no-print-directory all browser-deps
	@$(MAKE) --no-print-directory run-tests

run-tests:
	PILOTLOG=$(abspath $(BIN)) PILOTLOG_SRC=$(CURDIR) prove -f $(UNIT_BIN) tests/e2e/*.t tests/browser/site.t

check:
	@$(MAKE) --no-print-directory SANITIZE=1 OPT=-O1 test

demo: deps
	@$(MAKE) --no-print-directory all
	@PILOTLOG=$(abspath $(BIN)) tools/make-demo.sh demo
	@cd demo/repo && $(abspath $(BIN)) list --today 2026-11-24
	@cd demo/repo && $(abspath $(BIN)) site -o ../site --today 2026-11-24 >/dev/null
	@echo "demo site: $(CURDIR)/demo/site/index.html"

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/pilotlog

format:
	clang-format -i $(LIB_SRC) $(CMD_SRC) $(UNIT_SRC) lib/*.h lib/render/*.h cmd/pilotlog/*.h tests/unit/*.h tools/*.c

tidy:
	clang-tidy --quiet $(LIB_SRC) $(CMD_SRC) -- $(ALL_CFLAGS)

clean:
	rm -rf build build-san build-fuzz
