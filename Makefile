# ferrojwt — the one entry point. `make demo` and `make test` do all set-up themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(CURDIR)/$(VENV)/bin/python
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: all demo test test-rust test-c test-python lint fmt wheel develop venv header lib clean help

all: test

help:
	@echo "make demo        build, install and run the Django demo flow over real HTTP"
	@echo "make test        every test: Rust, C, Python/Django"
	@echo "make lint        cargo fmt --check and clippy -D warnings"
	@echo "make wheel       build the abi3 wheel into dist/"
	@echo "make header      regenerate include/ferrojwt.h"

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

test-python: wheel
	cd tests/python && $(PY) -m pytest -q

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

# --- Demo -------------------------------------------------------------------------------------
demo: wheel
	$(PY) examples/django_project/demo.py

clean:
	rm -rf dist $(VENV)
	$(CARGO) clean
