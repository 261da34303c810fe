#!/usr/bin/env bash
# Creates bench/.venv (idempotent) with ferrojwt's wheel and the peers from PyPI.
# PyJWT 1.7.1 shares the import name `jwt` with PyJWT 2, so it goes into its own --target
# directory (bench/.venv/pyjwt1) that the worker puts first on sys.path in a subprocess.
# The interpreter is $PYTHON, else the project's .venv (the one `make wheel` built for), else
# python3: the abi3 wheel installs on any of them, but one interpreter keeps runs comparable.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${PYTHON:-}" ]; then
    if [ -x ../.venv/bin/python ]; then PYTHON=../.venv/bin/python; else PYTHON=python3; fi
fi
V=.venv
PEERS=("PyJWT>=2,<3" oxyjwt cryptography "Django>=5.2,<5.3" "djangorestframework>=3.16,<3.17"
       matplotlib psutil)
# The stamp holds the peer list: editing the list above rebuilds the venv, nothing else does.
WANT="v2 ${PEERS[*]} drf-jwt==1.11.0 pyjwt1==1.7.1"
STAMP=$V/.peers-installed
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ] || [ ! -x "$V/bin/python" ]; then
    rm -rf "$V"
    "$PYTHON" -m venv "$V"
    "$V/bin/python" -m pip install --quiet --upgrade pip
    "$V/bin/python" -m pip install --quiet "${PEERS[@]}"
    # djangorestframework-jwt 1.11 pins PyJWT<2; install it without deps (the bench shims it
    # onto PyJWT 2, as issue 6 asks).
    "$V/bin/python" -m pip install --quiet --no-deps "djangorestframework-jwt==1.11.0"
    "$V/bin/python" -m pip install --quiet --no-deps --target "$V/pyjwt1" "PyJWT==1.7.1"
    echo "$WANT" > "$STAMP"
fi
# The ferrojwt wheel is rebuilt by `make wheel`; always install the current one.
shopt -s nullglob
wheels=(../dist/ferrojwt-*.whl)
if [ ${#wheels[@]} -ne 1 ]; then
    echo "bench/setup.sh: expected exactly one wheel in dist/ (run make wheel), found ${#wheels[@]}" >&2
    exit 1
fi
"$V/bin/python" -m pip install --quiet --force-reinstall --no-deps "${wheels[0]}"
