#!/usr/bin/env bash
# Runs every C test program under the checker it is built for and adds up their closing
# "name: N passed, N failed" lines. A program that exits non-zero without reporting a failed
# check (a sanitizer or valgrind finding, a crash) counts as one more failure.
# Usage: run.sh THREAD_ITERATIONS_ASAN THREAD_ITERATIONS_VALGRIND
set -u
cd "$(dirname "$0")"
ITER_ASAN=${1:-2000}
ITER_VALGRIND=${2:-100}
VALGRIND=(valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
    --error-exitcode=1)
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

total_passed=0
total_failed=0

suite() {
    local label=$1
    shift
    local log="build/${label}.log"
    echo "--- ${label}: $*"
    "$@" >"$log" 2>&1
    local rc=$?
    cat "$log"
    local line passed=0 failed=0
    line=$(grep -E '^[A-Za-z0-9+_-]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
    if [[ -n $line ]]; then
        passed=$(sed -E 's/^.*: ([0-9]+) passed.*$/\1/' <<<"$line")
        failed=$(sed -E 's/^.* ([0-9]+) failed$/\1/' <<<"$line")
    fi
    if ((rc != 0 && failed == 0)); then
        echo "--- ${label} exited with status ${rc} without a failed check: counted as a failure"
        failed=1
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
}

suite asan-api build/asan/test_api
suite asan-keys build/asan/test_keys
suite asan-threads build/asan/test_threads "$ITER_ASAN"
suite asan-cxx17 build/asan/header_cpp
suite asan-example ./test_example.sh build/asan/verify
suite valgrind-api "${VALGRIND[@]}" build/plain/test_api
suite valgrind-keys "${VALGRIND[@]}" build/plain/test_keys
suite valgrind-threads "${VALGRIND[@]}" build/plain/test_threads "$ITER_VALGRIND"
suite valgrind-cxx17 "${VALGRIND[@]}" build/plain/header_cpp
# The CLI's exit codes are statuses (1 = MalformedToken), so valgrind reports with 99 there.
suite valgrind-example ./test_example.sh "${VALGRIND[@]/--error-exitcode=1/--error-exitcode=99}" \
    build/plain/verify

echo "${total_passed} passed, ${total_failed} failed"
[[ $total_failed == 0 ]]
