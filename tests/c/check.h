/* A tiny test harness for the ferrojwt C tests: counts checks, prints each failure with its
 * location and the library's last error, and ends with one "N passed, N failed" line. */
#ifndef FERROJWT_TEST_CHECK_H
#define FERROJWT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "ferrojwt.h"

static unsigned long check_passed;
static unsigned long check_failed;

static inline void check_print_last_error(void) {
    char message[512];
    size_t written = 0;
    if (ferrojwt_last_error_message(message, sizeof message, &written) == FERROJWT_STATUS_OK) {
        fprintf(stderr, "    last error: \"%s\"\n", message);
    }
}

static inline int check_true(int ok, const char *what, const char *file, int line) {
    if (ok) {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
    }
    return ok;
}

static inline int check_status(ferrojwt_status got, ferrojwt_status want, const char *what,
                        const char *file, int line) {
    if (got == want) {
        check_passed++;
        return 1;
    }
    check_failed++;
    fprintf(stderr, "FAIL %s:%d: %s\n    got %s (%u), want %s (%u)\n", file, line, what,
            ferrojwt_status_str(got), (unsigned)got, ferrojwt_status_str(want), (unsigned)want);
    check_print_last_error();
    return 0;
}

static inline int check_string(const char *got, const char *want, const char *what, const char *file,
                        int line) {
    if (got != NULL && want != NULL && strcmp(got, want) == 0) {
        check_passed++;
        return 1;
    }
    check_failed++;
    fprintf(stderr, "FAIL %s:%d: %s\n    got  %s\n    want %s\n", file, line, what,
            got ? got : "(NULL)", want ? want : "(NULL)");
    return 0;
}

#define CHECK(cond) check_true((cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_STATUS(call, want) check_status((call), (want), #call, __FILE__, __LINE__)
#define CHECK_STR(got, want) check_string((got), (want), #got " == " #want, __FILE__, __LINE__)

/* Prints the closing line and returns the process exit status. */
static inline int check_summary(const char *suite) {
    printf("%s: %lu passed, %lu failed\n", suite, check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

#endif
