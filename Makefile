# visitplan: the only commands a newcomer needs.
#   make demo   install system packages if missing, build (release), plan on the shipped dataset
#   make test   install system packages if missing, run the test suite
SHELL := /bin/bash
DEB_PACKAGES := libopenblas-dev coinor-libcbc-dev pkg-config
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
	cd Benchmarks && $(SWIFT) package benchmark

bench-check: deps
	cd Benchmarks && $(SWIFT) package benchmark baseline check --check-absolute-path Thresholds

clean:
	rm -rf .build
