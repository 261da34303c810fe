#!/usr/bin/env bash
# One cell of `make test-matrix`: a virtualenv under .venv-matrix/NAME with Python PYVER, the
# given requirements and the abi3 wheel from dist/, then pytest in tests/python/TESTDIR.
#
#   tests/python/matrix.sh NAME PYVER TESTDIR SPEC... [nodeps:SPEC...]
#
# PYVER (e.g. 3.12) is looked up as pyenv does it, never by a path of this machine: python$PYVER
# on PATH, then $(pyenv root)/versions/$PYVER.*/bin, then ~/.pyenv/versions/$PYVER.*/bin. When none
# is found the cell is skipped with a message saying so (MATRIX_STRICT=1 makes that an error).
# Requirements prefixed with nodeps: are installed with --no-deps (the original
# djangorestframework-jwt 1.11.0 declares PyJWT<2, which path (c) deliberately breaks).
# FERROJWT_EXPECT_DJANGO / FERROJWT_EXPECT_DRF tell the suite which stack it must be running on.
set -euo pipefail

name=$1 pyver=$2 testdir=$3
shift 3
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$root/.venv-matrix/$name

find_python() {
    local candidates=() dir
    if command -v "python$pyver" >/dev/null 2>&1; then
        candidates+=("$(command -v "python$pyver")")
    fi
    for dir in "$(pyenv root 2>/dev/null || true)" "${PYENV_ROOT:-}" "$HOME/.pyenv"; do
        [ -n "$dir" ] || continue
        candidates+=("$dir"/versions/"$pyver".*/bin/python"$pyver")
    done
    local c
    for c in "${candidates[@]}"; do
        # pyenv shims may exist for versions that are not installed: ask the interpreter itself.
        if [ -x "$c" ] && "$c" -c "import sys; assert '%d.%d' % sys.version_info[:2] == '$pyver'" 2>/dev/null; then
            echo "$c"
            return 0
        fi
    done
    return 1
}

if ! python=$(find_python); then
    msg="matrix cell $name: SKIPPED, no Python $pyver found (pyenv install $pyver)"
    if [ "${MATRIX_STRICT:-0}" = 1 ]; then echo "$msg" >&2; exit 1; fi
    echo "$msg"
    exit 0
fi

wheels=("$root"/dist/ferrojwt-*-abi3-*.whl)
[ -f "${wheels[0]}" ] || { echo "no abi3 wheel in dist/: run make wheel" >&2; exit 1; }

deps=() nodeps=()
for spec in "$@"; do
    case $spec in
        nodeps:*) nodeps+=("${spec#nodeps:}") ;;
        *) deps+=("$spec") ;;
    esac
done

stamp=$venv/.requirements
wanted="$python ${deps[*]} | ${nodeps[*]}"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet "${deps[@]}"
    if [ ${#nodeps[@]} -gt 0 ]; then
        "$venv/bin/python" -m pip install --quiet --no-deps "${nodeps[@]}"
    fi
    echo "$wanted" > "$stamp"
fi
"$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps "${wheels[0]}"

echo "=== matrix cell $name: $("$venv/bin/python" -c 'import sys, django, rest_framework as r; print("Python %d.%d" % sys.version_info[:2], "Django", django.get_version(), "DRF", r.VERSION)')"
cd "$root/tests/python/$testdir"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider
