# ferrojwt — the one entry point. `make demo` and `make test` do all set-up themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(CURDIR)/$(VENV)/bin/python
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: all demo test test-rust test-c test-python lint fmt wheel develop venv header lib clean help \
	fuzz fuzz-smoke fuzz-tools

all: test

help:
	@echo "make demo        build, install and run the Django demo flow over real HTTP"
	@echo "make test        every test: Rust, C, Python/Django"
	@echo "make lint        cargo fmt --check and clippy -D warnings"
	@echo "make wheel       build the abi3 wheel into dist/"
	@echo "make header      regenerate include/ferrojwt.h"
	@echo "make fuzz-smoke  run each cargo-fuzz target for FUZZ_SMOKE_SECONDS (20 s)"
	@echo "make fuzz        run each cargo-fuzz target for FUZZ_SECONDS (600 s)"

# --- Python environment -------------------------------------------------------------------
$(VENV)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# Builds the release wheel once and installs it into the venv (the wheel the demo and tests use).
wheel: venv
	rm -rf dist
	$(VENV)/bin/maturin build --release --quiet -m python/Cargo.toml -i $(PY) -o dist
	$(PY) -m pip install --quiet --force-reinstall --no-deps dist/ferrojwt-*.whl

develop: wheel

# --- Rust and C -------------------------------------------------------------------------------
lib:
	$(CARGO) build --release -p ferrojwt-ffi

header:
	FERROJWT_BLESS=1 $(CARGO) test -p ferrojwt-ffi --test header

# --- Tests ------------------------------------------------------------------------------------
test: test-rust test-c test-python

test-rust:
	$(CARGO) test --workspace

test-c: lib
	$(MAKE) -C tests/c test
	$(MAKE) -C examples/c
	examples/c/minimal

test-python: wheel
	cd tests/python && $(PY) -m pytest -q

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --quiet

fmt:
	$(CARGO) fmt --all

# --- Demo -------------------------------------------------------------------------------------
demo: wheel
	$(PY) examples/django_project/demo.py

# --- Fuzzing ----------------------------------------------------------------------------------
# cargo-fuzz needs nightly-only flags; the machine has one stable toolchain, so RUSTC_BOOTSTRAP
# unlocks them for the fuzz build only. New inputs go to a scratch corpus under the fuzz target
# dir (first directory), so a run never dirties the committed corpus (second, read-only).
FUZZ_TARGETS := decode_token parse_key json_roundtrip
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_ENV := RUSTC_BOOTSTRAP=1

fuzz-tools:
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked --quiet

define fuzz_run
	cd core/fuzz && $(FUZZ_ENV) $(CARGO) fuzz build
	set -e; cd core/fuzz && for t in $(FUZZ_TARGETS); do \
		mkdir -p target/scratch-corpus/$$t; \
		echo "fuzz $$t for $(1) s"; \
		$(FUZZ_ENV) $(CARGO) fuzz run $$t target/scratch-corpus/$$t corpus/$$t -- \
			-max_total_time=$(1) -print_final_stats=1 2>&1 | tail -n 25; \
		test $${PIPESTATUS[0]} -eq 0; \
	done
endef

fuzz-smoke: fuzz-tools
	$(call fuzz_run,$(FUZZ_SMOKE_SECONDS))

fuzz: fuzz-tools
	$(call fuzz_run,$(FUZZ_SECONDS))

clean:
	rm -rf dist $(VENV)
	$(CARGO) clean
