# The two commands a newcomer needs are `make run` and `make test`; both install what is
# missing on a fresh Debian machine first.
SWIFT ?= swift
PREFIX ?= /usr/local
# What users run: optimised, with the Swift runtime linked in (no dynamic loading of it at start), stripped,
# and not position-independent: a PIE start applies ~85,000 relocations and dirties their pages (3 MB of RSS).
# libstdc++, ncursesw and tinfo are linked in too when their static archives are installed (see
# static-libs): loading and relocating them at every start cost about 1 ms of the 3 ms of `--version`.
# The static Swift runtime's link options export every symbol of our own objects (-export-dynamic):
# 10,000 dynamic symbols that the runtime's start-up `dladdr` searches one by one; the program
# looks nothing up by name, so they are not exported (--no-export-dynamic, which comes later on
# the linker's command line and so wins). No `$ORIGIN` run path either (--disable-local-rpath):
# the loader searched the program's folder for libc, libm and libgcc_s first, 20 failed lookups.
# libgcc is linked in (-static-libgcc, through swiftc to clang): one shared library fewer to
# open, map and relocate at every start.
STATIC_LIBS = $(CURDIR)/.build/static-libs
RELEASE_FLAGS = -c release --static-swift-stdlib --disable-local-rpath -Xlinker -no-pie -Xlinker -s \
	-Xlinker --no-export-dynamic -Xlinker -L$(STATIC_LIBS) -Xlinker -ltinfo \
	-Xswiftc -Xclang-linker -Xswiftc -static-libgcc
RELEASE_BIN = .build/release/dmcc-advisor

.PHONY: setup build release run install test lint bench clean static-libs

setup:
	@bash scripts/setup-debian.sh

build: setup
	$(SWIFT) build

release: setup static-libs
	$(SWIFT) build $(RELEASE_FLAGS)

# A folder with links to the static archives only: the linker searches it before the system's
# folders, so `-lstdc++ -lncursesw -ltinfo` take the archives. A missing archive stays dynamic.
static-libs:
	@mkdir -p $(STATIC_LIBS)
	@for lib in libstdc++.a libncursesw.a libtinfo.a; do \
		path=$$($(CC) -print-file-name=$$lib 2>/dev/null); \
		if [ -f "$$path" ]; then ln -sf "$$path" $(STATIC_LIBS)/$$lib; else rm -f $(STATIC_LIBS)/$$lib; fi; \
	done

run: release
	$(RELEASE_BIN) $(ARGS)

# Installs the program in PREFIX/bin and its knowledge in PREFIX/share/dmcc-advisor/Knowledge,
# where the program finds it.
install: release
	install -d "$(PREFIX)/bin" "$(PREFIX)/share/dmcc-advisor"
	install -m 0755 $(RELEASE_BIN) "$(PREFIX)/bin/dmcc-advisor"
	rm -rf "$(PREFIX)/share/dmcc-advisor/Knowledge"
	cp -R Knowledge "$(PREFIX)/share/dmcc-advisor/Knowledge"

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test
	$(SWIFT) run --skip-build dmcc-advisor test

lint: build
	$(SWIFT) run dmcc-advisor lint

bench: setup static-libs
	@bash scripts/setup-debian.sh dialog
	$(SWIFT) build $(RELEASE_FLAGS)
	python3 Benchmarks/bench.py

clean:
	rm -rf .build
