# gopar: a Jupyter kernel for Go.
#   make demo   build, install the kernelspec, execute the notebooks with gopar run
#   make test   install missing Debian packages (as root), then run every test
#   make bench  measure against the peers named in the issues

GO      ?= go
PYTHON  ?= /usr/bin/python3
BIN     := $(CURDIR)/bin/gopar
OUT     := $(CURDIR)/build/notebooks

.PHONY: build install demo deps test unit fuzz fuzz-short integration browser soak lint cross check-generated generate bench clean

build:
	$(GO) build -trimpath -o $(BIN) .

install: build
	$(BIN) install

demo: install
	@mkdir -p $(OUT)
	$(BIN) run --html --output-dir $(OUT) notebooks/*.ipynb
	@echo "executed notebooks and their HTML pages are in $(OUT)"

deps:
	@scripts/deps.sh

generate:
	$(GO) generate ./...

# Generated files (the runtime's yaegi symbol tables) must match what go
# generate makes from the sources.
GENERATED := kernel/eval/preload
check-generated:
	@tmp=$$(mktemp -d) && for d in $(GENERATED); do mkdir -p $$tmp/$$d && cp -r $$d/. $$tmp/$$d; done && \
	$(GO) generate $(addprefix ./,$(addsuffix /,$(GENERATED))) && \
	stale=0; for d in $(GENERATED); do \
		if ! diff -r $$tmp/$$d $$d >/dev/null; then stale=1; diff -r $$tmp/$$d $$d | head -20; fi; \
	done; rm -rf $$tmp; \
	if [ $$stale = 1 ]; then echo "generated files are stale: run 'make generate' and commit"; exit 1; fi; \
	echo "generated files are fresh"

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags browser ./browser/

# Every platform gopar supports must build and vet.
PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
cross:
	@for p in $(PLATFORMS); do \
		echo "build and vet for $$p"; \
		GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) build -o /dev/null ./... && \
		GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) vet ./... || exit 1; \
	done

# -trimpath, as the kernel is built: the plugins that tests build for
# native code then share the test binary's packages.
unit:
	$(GO) test -trimpath ./...

# Fuzz targets, as package:target. `make fuzz` runs each for FUZZTIME;
# make test runs each for 2,000 inputs (their seed corpora also run in
# every `go test`).
FUZZ := kernel/wire:FuzzDecode kernel/wire:FuzzVerify kernel/eval:FuzzSplitCell \
	kernel/eval:FuzzRewrite magics:FuzzRunCell ipynb:FuzzParse kernel:FuzzDispatch
FUZZTIME ?= 2m
fuzz:
	@for t in $(FUZZ); do \
		echo "fuzzing $${t#*:} in $${t%:*} for $(FUZZTIME)"; \
		$(GO) test ./$${t%:*} -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) -parallel 1 || exit 1; \
	done

# A number of inputs, not a time: a timed run that ends while a worker is
# busy fails with "context deadline exceeded" on a loaded machine.
fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=2000x

integration: build
	GOPAR_BIN=$(BIN) $(PYTHON) -m pytest integration -q -p no:cacheprovider

# The load and soak tests at full size (integration/test_load.py; make
# test runs them short): 10,000 executes, 1,000 queued requests, 8
# subscribers with one stalled, the heartbeat with every core busy. The
# figures go to build/soak.jsonl.
soak: build
	@mkdir -p build && rm -f build/soak.jsonl
	GOPAR_SOAK=full GOPAR_SOAK_REPORT=$(CURDIR)/build/soak.jsonl GOPAR_BIN=$(BIN) \
		$(PYTHON) -m pytest integration/test_load.py -q -p no:cacheprovider
	@cat build/soak.jsonl

# Every process of a test run, and every kernel it starts, carries the
# run's mark; at the end no kernel with it may be left alive.
TEST_MARK := make-test-$(shell date +%s)-$(shell echo $$PPID)
test: export GOPAR_TEST_MARK = $(TEST_MARK)
test: deps lint check-generated cross unit fuzz-short integration browser
	@scripts/leftover-kernels.sh $(TEST_MARK)

# The browser tests (browser/): JupyterLab, built from npm under lab/, and
# the classic Notebook in headless Chromium, through the kernel built here.
# Screenshots go to build/screenshots/.
browser: build
	scripts/lab.sh build
	GOPAR_BIN=$(BIN) $(GO) test -tags browser -count=1 -timeout 30m ./browser/

bench: build
	@scripts/deps.sh bench
	$(PYTHON) bench/kernel_bench.py --gopar $(BIN)
	$(PYTHON) bench/runtime_bench.py --gopar $(BIN)
	$(PYTHON) bench/jit_bench.py --gopar $(BIN)
	$(PYTHON) bench/native_bench.py --gopar $(BIN)
	$(PYTHON) bench/fractal_bench.py --gopar $(BIN)
	$(PYTHON) bench/delayed_bench.py --gopar $(BIN)
	$(PYTHON) bench/bag_bench.py --gopar $(BIN)
	$(PYTHON) bench/asyncio_bench.py --gopar $(BIN)
	$(PYTHON) bench/modules_bench.py --gopar $(BIN)
	$(PYTHON) bench/server_bench.py --gopar $(BIN)
	$(PYTHON) bench/hub_bench.py --gopar $(BIN)
	$(GO) test ./kernel/typecheck -run '^$$' -bench . -benchtime 50x

clean:
	rm -rf bin build
