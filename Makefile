# visitplan: the only commands a newcomer needs.
#   make demo   install system packages if missing, build (release), plan on the shipped dataset
#   make test   install system packages if missing, run the test suite
SHELL := /bin/bash
DEB_PACKAGES := libopenblas-dev coinor-libcbc-dev pkg-config chromium python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
DATASET ?= datasets/cycle-2023

.PHONY: deps build demo test datasets bench bench-check compare format clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product visitplan

demo: build
	.build/release/visitplan plan $(DATASET)

test: deps
	$(SWIFT) test

datasets:
	python3 datasets/build/derive_cycle.py

bench: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark

# Fails when a suite's wall clock (or peak memory) p90 is worse than Benchmarks/Thresholds/ by more
# than its tolerance. One suite at a time: package-benchmark stops at the first suite that is only
# better (which passes here), and would not check the suites after it.
bench-check: deps
	cd Benchmarks && failed=""; for suite in ScoringBenchmarks SignalsBenchmarks SensitivityBenchmarks PlanningBenchmarks; do \
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

clean:
	rm -rf .build
