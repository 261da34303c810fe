# ferrojwt — the one entry point. `make demo` and `make test` do all set-up themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(CURDIR)/$(VENV)/bin/python
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: all demo test test-rust test-c test-python lint fmt wheel develop venv header lib clean help \
	fuzz fuzz-smoke fuzz-tools sysdeps test-matrix test-migration-original install pc test-install test-cross \
	bench bench-setup bench-core bench-c

all: test

help:
	@echo "make demo        build, install and run the Django demo flow over real HTTP"
	@echo "make test        every test: Rust, C, Python/Django, C <-> Python"
	@echo "make lint        cargo fmt --check and clippy -D warnings"
	@echo "make wheel       build the abi3 wheel into dist/"
	@echo "make test-matrix the Python suite on Django 4.2/5.2/6.x x DRF 3.14/3.16 (Python 3.11-3.13),"
	@echo "                 and migration path (c) on Django 3.2 + the original package (Python 3.10)"
	@echo "make bench       ferrojwt vs its peers (Python, Rust, C, Django): docs/benchmarks.{md,png};"
	@echo "                 BENCH_QUICK=1 for a short smoke run (results in bench/results/ only)"
	@echo "make header      regenerate include/ferrojwt.h"
	@echo "make install PREFIX=/usr/local   install libferrojwt.{so,a}, ferrojwt.h and ferrojwt.pc"
	@echo "make fuzz-smoke  run each cargo-fuzz target for FUZZ_SMOKE_SECONDS (10 s)"
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

# --- C install ----------------------------------------------------------------------------------
# `make install PREFIX=/opt/x` (DESTDIR honoured): lib/libferrojwt.{so,a}, include/ferrojwt.h and
# lib/pkgconfig/ferrojwt.pc, whose prefix is PREFIX. `make pc` writes the .pc to target/release/.
PREFIX ?= /usr/local
FFI_VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
FFI_LIBDIR := target/release

pc: lib
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(FFI_VERSION)|g' ffi/ferrojwt.pc.in \
		> $(FFI_LIBDIR)/ferrojwt.pc

install: pc
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 755 $(FFI_LIBDIR)/libferrojwt.so $(DESTDIR)$(PREFIX)/lib/libferrojwt.so
	install -m 644 $(FFI_LIBDIR)/libferrojwt.a $(DESTDIR)$(PREFIX)/lib/libferrojwt.a
	install -m 644 include/ferrojwt.h $(DESTDIR)$(PREFIX)/include/ferrojwt.h
	install -m 644 $(FFI_LIBDIR)/ferrojwt.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/ferrojwt.pc

# Installs into a temporary PREFIX and builds examples/c/minimal.c with pkg-config from there,
# shared and static (run by test-c).
test-install: lib
	tests/c/test_install.sh

# --- Tests ------------------------------------------------------------------------------------
test: test-rust test-c test-python test-cross

test-rust:
	$(CARGO) test --workspace
	$(CARGO) run --quiet -p ferrojwt --example sign_and_verify

# The C suites need g++, valgrind and pkg-config. A fresh machine may lack them: install the
# missing ones from Debian when running as root (CI), otherwise say what to install.
SYSDEPS := g++:g++ valgrind:valgrind pkg-config:pkg-config
sysdeps:
	@missing=""; for pair in $(SYSDEPS); do \
		command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "missing system tools:$$missing (apt-get install -y$$missing)" >&2; exit 1; \
		fi; \
	fi

test-c: lib sysdeps
	$(MAKE) -C tests/c test
	$(MAKE) -C examples/c
	examples/c/minimal
	$(MAKE) test-install

test-python: wheel
	cd tests/python && $(PY) -m pytest -q

# C <-> Python: the C ABI through ctypes (target/release/libferrojwt.so) against the installed
# wheel; same tokens byte for byte, each verifying the other's.
test-cross: lib wheel
	cd tests/cross && $(PY) -m pytest -q

# One virtualenv per cell under .venv-matrix/ (pip's cache makes re-creation cheap), each with the
# same abi3 wheel from dist/. Interpreters are found through pyenv (tests/python/matrix.sh); a cell
# whose Python is missing says SKIPPED (MATRIX_STRICT=1 fails instead). MATRIX_NO_WHEEL=1 reuses
# the wheel already in dist/. Django 6.x means 6.0: DRF 3.16.1 itself does not import on Django 6.1
# (it imports django.utils.cache.cc_delim_re, which 6.1 removed).
MATRIX := tests/python/matrix.sh
MATRIX_TEST_DEPS := "pytest>=8" "pytest-django>=4.9" "cryptography>=42"
ORIGINAL_TEST_DEPS := "Django>=3.2,<3.3" "djangorestframework>=3.12,<3.15" "pytest>=7,<9" \
	"pytest-django>=4.5,<4.9"

test-matrix: $(if $(MATRIX_NO_WHEEL),,wheel) test-migration-original
	FERROJWT_EXPECT_DJANGO=4.2 FERROJWT_EXPECT_DRF=3.14 $(MATRIX) dj42-drf314 3.11 . \
		"Django>=4.2,<4.3" "djangorestframework>=3.14,<3.15" $(MATRIX_TEST_DEPS)
	FERROJWT_EXPECT_DJANGO=4.2 FERROJWT_EXPECT_DRF=3.16 $(MATRIX) dj42-drf316 3.11 . \
		"Django>=4.2,<4.3" "djangorestframework>=3.16,<3.17" $(MATRIX_TEST_DEPS)
	FERROJWT_EXPECT_DJANGO=5.2 FERROJWT_EXPECT_DRF=3.16 FERROJWT_EXPECT_PYJWT=1 $(MATRIX) \
		dj52-drf316-pyjwt 3.11 . "Django>=5.2,<5.3" "djangorestframework>=3.16,<3.17" \
		"PyJWT>=2,<3" $(MATRIX_TEST_DEPS)
	FERROJWT_EXPECT_DJANGO=6.0 FERROJWT_EXPECT_DRF=3.16 $(MATRIX) dj6-drf316-py312 3.12 . \
		"Django>=6.0,<6.1" "djangorestframework>=3.16,<3.17" $(MATRIX_TEST_DEPS)
	FERROJWT_EXPECT_DJANGO=6.0 FERROJWT_EXPECT_DRF=3.16 $(MATRIX) dj6-drf316-py313 3.13 . \
		"Django>=6.0,<6.1" "djangorestframework>=3.16,<3.17" $(MATRIX_TEST_DEPS)

# Migration path (c): the ORIGINAL djangorestframework-jwt 1.11.0 on Django 3.2 (Python 3.10) with
# ferrojwt's handlers, on PyJWT 2 (installed past the original's PyJWT<2 pin) and on PyJWT 1.7.1.
test-migration-original: $(if $(MATRIX_NO_WHEEL),,wheel)
	$(MATRIX) orig-pyjwt2 3.10 migration_original $(ORIGINAL_TEST_DEPS) "PyJWT>=2,<3" \
		nodeps:djangorestframework-jwt==1.11.0
	$(MATRIX) orig-pyjwt1 3.10 migration_original $(ORIGINAL_TEST_DEPS) "PyJWT==1.7.1" \
		djangorestframework-jwt==1.11.0

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --quiet

fmt:
	$(CARGO) fmt --all

# --- Benchmarks -------------------------------------------------------------------------------
# Not part of `make test`: benchmarks are measurements, never timed assertions (DESIGN.md).
# bench/README.md describes what runs and how to read it. BENCH_QUICK=1 (read by core.rs, the C
# bench's iteration count and bench/run.py) makes a smoke run of a few minutes.
BENCH_VENV := bench/.venv
BENCH_RESULTS := bench/results
BENCH_C_N := $(if $(filter 1,$(BENCH_QUICK)),2000,20000)

bench: bench-setup bench-core bench-c
	$(BENCH_VENV)/bin/python bench/run.py

bench-setup: wheel
	PYTHON=$(PY) bench/setup.sh

# criterion writes target/criterion/<group>/<bench>/new/estimates.json, which bench/run.py reads.
bench-core:
	$(CARGO) bench -p ferrojwt --bench core

# libjwt (Debian libjwt-dev) is the C peer: installed when missing and running as root, else the
# C bench measures ferrojwt alone (-DNO_LIBJWT).
bench-c: lib
	@mkdir -p $(BENCH_RESULTS)
	@if ! echo '#include <jwt.h>' | $(CC) -E -x c - >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] \
		&& command -v apt-get >/dev/null 2>&1; then \
		echo "installing libjwt-dev"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjwt-dev \
			|| echo "libjwt-dev not installed: the C bench measures ferrojwt alone" >&2; \
	fi
	if echo '#include <jwt.h>' | $(CC) -E -x c - >/dev/null 2>&1; then peer=-ljwt; else peer=-DNO_LIBJWT; fi; \
	$(CC) -O2 -Iinclude bench/c/bench_c.c target/release/libferrojwt.a $$peer \
		-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc -o $(BENCH_RESULTS)/bench_c
	$(BENCH_RESULTS)/bench_c $(BENCH_C_N) > $(BENCH_RESULTS)/c.json
	@cat $(BENCH_RESULTS)/c.json

# --- Demo -------------------------------------------------------------------------------------
demo: wheel
	$(PY) examples/django_project/demo.py

# --- Fuzzing ----------------------------------------------------------------------------------
# cargo-fuzz needs nightly-only flags; the machine has one stable toolchain, so RUSTC_BOOTSTRAP
# unlocks them for the fuzz build only. New inputs go to a scratch corpus under the fuzz target
# dir (first directory), so a run never dirties the committed corpus (second, read-only).
FUZZ_TARGETS := decode_token decode_asymmetric json_roundtrip key_pem key_der key_jwk key_openssh key_secret_and_detect
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_ENV := RUSTC_BOOTSTRAP=1

fuzz-tools:
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked --quiet

define fuzz_run
	cd core/fuzz && $(FUZZ_ENV) $(CARGO) fuzz build -a
	set -e; cd core/fuzz && for t in $(FUZZ_TARGETS); do \
		mkdir -p target/scratch-corpus/$$t; \
		echo "fuzz $$t for $(1) s"; \
		$(FUZZ_ENV) $(CARGO) fuzz run -a $$t target/scratch-corpus/$$t corpus/$$t -- \
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
