#!/usr/bin/env bash
# `make install PREFIX=<temp dir>`, then builds examples/c/minimal.c only through pkg-config
# (PKG_CONFIG_PATH=<prefix>/lib/pkgconfig) exactly as the README's "C" section shows, once against
# the shared library and once against the static one, and runs both. Run by `make test-c`.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CC=${CC:-cc}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PREFIX="$WORK/prefix"
CFLAGS=(-std=c99 -Wall -Wextra -Werror -pedantic -O2)
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL install: $*" >&2
}
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then ok; else bad "$what"; fi
}

make -s -C "$ROOT" install PREFIX="$PREFIX" >"$WORK/install.log" 2>&1 ||
    { cat "$WORK/install.log" >&2; bad "make install PREFIX=$PREFIX"; }
for f in lib/libferrojwt.so lib/libferrojwt.a include/ferrojwt.h lib/pkgconfig/ferrojwt.pc; do
    check "$f installed" test -f "$PREFIX/$f"
done

export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
version=$(sed -n 's/^#define FERROJWT_VERSION "\(.*\)"$/\1/p' "$ROOT/include/ferrojwt.h")
check "pkg-config --modversion is the header's $version" \
    test "$(pkg-config --modversion ferrojwt)" == "$version"
check "the .pc names the install prefix" \
    test "$(pkg-config --variable=prefix ferrojwt)" == "$PREFIX"
check "Cflags" test "$(echo $(pkg-config --cflags ferrojwt))" == "-I$PREFIX/include"
check "Libs.private lists the static library's native dependencies" \
    test "$(echo $(pkg-config --static --libs ferrojwt))" == \
    "-L$PREFIX/lib -lferrojwt -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"

needed() { readelf -d "$1" | grep -c 'NEEDED.*libferrojwt' || true; }

# Shared (the README line): found at run time through LD_LIBRARY_PATH (or an rpath, or ldconfig).
if "$CC" "${CFLAGS[@]}" -o "$WORK/minimal-shared" "$ROOT/examples/c/minimal.c" \
    $(pkg-config --cflags --libs ferrojwt); then
    ok
    check "the shared build needs libferrojwt.so" test "$(needed "$WORK/minimal-shared")" == 1
    out=$(LD_LIBRARY_PATH="$PREFIX/lib" "$WORK/minimal-shared") && ok || bad "minimal (shared) runs"
    check "minimal (shared) prints the claims" grep -q '^claims: {"sub":"42","exp":' <<<"$out"
else
    bad "minimal.c builds against the shared library"
fi

# Static (the README line): the archive is chosen explicitly, since both are installed.
if "$CC" "${CFLAGS[@]}" -o "$WORK/minimal-static" "$ROOT/examples/c/minimal.c" \
    -Wl,--as-needed -Wl,-Bstatic -lferrojwt -Wl,-Bdynamic \
    $(pkg-config --static --cflags --libs ferrojwt); then
    ok
    check "the static build does not need libferrojwt.so" test "$(needed "$WORK/minimal-static")" == 0
    out=$("$WORK/minimal-static") && ok || bad "minimal (static) runs"
    check "minimal (static) prints the claims" grep -q '^claims: {"sub":"42","exp":' <<<"$out"
else
    bad "minimal.c builds against the static library"
fi

# The README's "C" section shows minimal.c verbatim: the listing must be this tested file.
readme_listing=$(awk '/^## C$/ { in_c = 1; next } /^## / { in_c = 0 }
    in_c && /^```c$/ { grab = 1; next } grab && /^```$/ { exit } grab { print }' "$ROOT/README.md")
check "README.md's C listing is examples/c/minimal.c" \
    test "$readme_listing" == "$(cat "$ROOT/examples/c/minimal.c")"

echo "install: $passed passed, $failed failed"
[[ $failed == 0 ]]
