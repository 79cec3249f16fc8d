# The two commands a newcomer needs are `make run` and `make test`; both install what is
# missing on a fresh Debian machine first.
SWIFT ?= swift

.PHONY: setup build run test lint bench clean

setup:
	@bash scripts/setup-debian.sh

build: setup
	$(SWIFT) build

run: build
	$(SWIFT) run dmcc-advisor $(ARGS)

# The Swift tests, then the consultants' cases in Knowledge/cases (dmcc-advisor test).
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test
	$(SWIFT) run --skip-build dmcc-advisor test

lint: build
	$(SWIFT) run dmcc-advisor lint

bench: setup
	@bash scripts/setup-debian.sh dialog
	$(SWIFT) build -c release
	python3 Benchmarks/bench.py

clean:
	rm -rf .build
