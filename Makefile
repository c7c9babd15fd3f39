# visitplan: the only commands a newcomer needs.
#   make demo   install system packages if missing, build (release), plan on the shipped dataset
#   make test   install system packages if missing, run the test suite
#   make format rewrite the Swift files in the house layout (.swift-format); make lint checks it
#   make docs   build the library's DocC documentation (Sources/Scoring/Scoring.docc)
SHELL := /bin/bash
DEB_PACKAGES := libopenblas-dev coinor-libcbc-dev coinor-libclp-dev pkg-config chromium python3 libsqlite3-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
DATASET ?= datasets/cycle-2023

.PHONY: deps build demo test datasets guides bench-build bench bench-check compare fuzz format lint docs clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product visitplan --static-swift-stdlib

demo: build
	.build/release/visitplan plan $(DATASET)

test: deps
	$(SWIFT) test

datasets:
	python3 datasets/build/derive_cycle.py

# Compiles the benchmark package (debug) without running it: CI's check that the suites still
# build against the library (they are not part of `make test`).
bench-build: deps
	cd Benchmarks && $(SWIFT) build

bench: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark

# Fails when a suite's wall clock (or peak memory) p90 is worse than Benchmarks/Thresholds/ by more
# than its tolerance. One suite at a time: package-benchmark stops at the first suite that is only
# better (which passes here), and would not check the suites after it.
bench-check: deps
	cd Benchmarks && failed=""; for suite in ScoringBenchmarks SignalsBenchmarks SensitivityBenchmarks PlanningBenchmarks LoadingBenchmarks; do \
	  $(SWIFT) package --disable-sandbox benchmark thresholds check --path Thresholds --target $$suite --no-progress 2>&1 \
	    | tee .build/bench-check.log; \
	  if [ $${PIPESTATUS[0]} != 0 ] && ! grep -q benchmarkThresholdImprovement .build/bench-check.log; then failed="$$failed $$suite"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "bench-check: regression or failure in$$failed"; exit 1; fi; echo "bench-check: no regression"

# Side by side with numpy, SALib, scikit-criteria, pymcdm and PuLP, in Benchmarks/compare/.venv
# (pinned in requirements.txt); never part of `make test`. COMPARE_ARGS=--scaling adds the curves.
compare: deps
	cd Benchmarks/compare && { [ -x .venv/bin/python ] || python3 -m venv .venv; } && \
	  .venv/bin/pip install -q -r requirements.txt && .venv/bin/python compare.py $(COMPARE_ARGS)

# libFuzzer on the loaders (Fuzz/, a package of its own, built with the fuzzer and AddressSanitizer
# into .build-fuzz/): each target runs FUZZ_SECONDS (default 60) on its work corpus
# .build-fuzz/corpus/<target>, which starts as a copy of Fuzz/Corpus/<target> and keeps what runs
# find. Fails on a crash, a leak, a 10 s hang or 2 GB of memory; the input is in
# .build-fuzz/artifacts/. Guides/Reliability.md says what each target checks.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= CSV Model Dataset
# One BLAS thread; libFuzzer reports a crash, not Swift's backtracer (which can stall on the large
# sanitized binaries); the toolchain's leak is suppressed.
FUZZ_ENV := OPENBLAS_NUM_THREADS=1 SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=Fuzz/lsan.supp
# `--sanitize=fuzzer` has SwiftPM link the executables for libFuzzer's own `main` (and instrument
# the C code); swiftc keeps only its last `-sanitize=`, hence both sanitizers again in one flag.
fuzz: deps
	$(SWIFT) build -c release --package-path Fuzz --scratch-path .build-fuzz \
	  --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address
	@mkdir -p .build-fuzz/artifacts; failed=""; passed=0; \
	for target in $(FUZZ_TARGETS); do \
	  work=.build-fuzz/corpus/$$target; log=.build-fuzz/fuzz-$$target.log; \
	  mkdir -p $$work && cp Fuzz/Corpus/$$target/* $$work/; \
	  dict=Fuzz/Dictionaries/$$(echo $$target | tr '[:upper:]' '[:lower:]').dict; \
	  echo "fuzz $$target: $(FUZZ_SECONDS) s, log in $$log"; \
	  $(FUZZ_ENV) .build-fuzz/release/Fuzz$$target $$work -dict=$$dict \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=.build-fuzz/artifacts/$$target- > $$log 2>&1; status=$$?; \
	  last=$$(grep -E '^#[0-9]+.*(cov|DONE)' $$log | tail -1); \
	  stat() { grep -m1 "^stat::$$1:" $$log | awk '{print $$2}'; }; \
	  echo "fuzz $$target: $$(stat number_of_executed_units) runs, $$(stat average_exec_per_sec)/s," \
	    "$$(echo "$$last" | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[A-Za-z]+')," \
	    "peak $$(stat peak_rss_mb) MB, exit $$status"; \
	  if [ $$status = 0 ]; then passed=$$((passed + 1)); else failed="$$failed $$target"; \
	    grep -E 'ERROR|Fatal error|Test unit written' $$log; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: crash, hang or leak in$$failed; the inputs are in .build-fuzz/artifacts/"; fi; \
	echo "fuzz: $$passed passed, $$(echo $$failed | wc -w) failed"; [ -z "$$failed" ]

clean:
	rm -rf .build

# swift-format, the toolchain's `swift format`, with the rules of .swift-format (CONTRIBUTING.md
# says why each differs from the default). `format` rewrites the files in place; `lint` lists
# every departure as file:line:column and fails on any. The embedded guides are generated by
# `make guides` (their raw strings stay as the generator writes them) and are left out.
FORMAT_PATHS := Sources Tests Benchmarks Fuzz
FORMAT_GENERATED := Sources/visitplan/FormatsGuide.swift Sources/visitplan/LedgerGuide.swift
FORMAT_FILES = $(filter-out $(FORMAT_GENERATED),$(shell find $(FORMAT_PATHS) \( -name '.build*' -o -name Corpus \) \
  -prune -o -name '*.swift' -print | sort))

format:
	@echo "swift format format --in-place: $(words $(FORMAT_FILES)) files of $(FORMAT_PATHS)"
	@$(SWIFT) format format --parallel --in-place $(FORMAT_FILES)

lint:
	@echo "swift format lint --strict: $(words $(FORMAT_FILES)) files of $(FORMAT_PATHS)"
	@$(SWIFT) format lint --parallel --strict $(FORMAT_FILES)

# The DocC documentation of the library, starting at Sources/Scoring/Scoring.docc (its getting-started
# article walks from loading a dataset to a plan and its sensitivity), into .build/docs (a DocC
# archive: serve it with a web server, or `docc preview` the catalog). DocC's warnings (a doc
# comment's link to an internal symbol, a parameter left undocumented) are printed, not fatal.
docs:
	$(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation --target Scoring \
	  --output-path .build/docs

# Guides/Formats.md is shipped in the binary (`visitplan help formats`) as a generated Swift string;
# run this after editing the guide (a test fails while the two differ).
guides:
	{ printf '// Generated from Guides/Formats.md by `make guides`: edit the guide, not this file.\n\n'; \
	  printf '/// The text of Guides/Formats.md (without its final newline), printed by `visitplan help formats`.\n'; \
	  printf 'let formatsGuide = #"""\n'; cat Guides/Formats.md; printf '"""#\n'; } > Sources/visitplan/FormatsGuide.swift
	{ printf '// Generated from Guides/Ledger.md by `make guides`: edit the guide, not this file.\n\n'; \
	  printf '/// The text of Guides/Ledger.md (without its final newline), printed by `visitplan help ledger`.\n'; \
	  printf 'let ledgerGuide = #"""\n'; cat Guides/Ledger.md; printf '"""#\n'; } > Sources/visitplan/LedgerGuide.swift
