#!/usr/bin/env bash
# Creates bench/.venv (idempotent) with ferrojwt's wheel and the peers from PyPI.
# PyJWT 1.7.1 shares the import name `jwt` with PyJWT 2, so it goes into its own --target
# directory (bench/.venv/pyjwt1) that the worker puts first on sys.path in a subprocess.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
V=.venv
STAMP=$V/.peers-installed-v1
if [ ! -f "$STAMP" ]; then
    rm -rf "$V"
    "$PYTHON" -m venv "$V"
    "$V/bin/pip" install --quiet --upgrade pip
    "$V/bin/pip" install --quiet \
        "PyJWT>=2,<3" oxyjwt cryptography \
        "Django>=5.2,<5.3" "djangorestframework>=3.16,<3.17" \
        matplotlib psutil
    # djangorestframework-jwt 1.11 pins PyJWT<2; install it without deps (the bench shims it
    # onto PyJWT 2, as issue 6 asks).
    "$V/bin/pip" install --quiet --no-deps "djangorestframework-jwt==1.11.0"
    "$V/bin/pip" install --quiet --no-deps --target "$V/pyjwt1" "PyJWT==1.7.1"
    touch "$STAMP"
fi
# The ferrojwt wheel is rebuilt by `make wheel`; always install the current one.
"$V/bin/pip" install --quiet --force-reinstall --no-deps ../dist/ferrojwt-*.whl
