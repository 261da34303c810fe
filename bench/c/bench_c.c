/* HS256 sign and verify through the ferrojwt C API and through libjwt (Debian libjwt-dev), same
 * claims, same 50-character secret, interleaved rounds; prints JSON medians in microseconds.
 * Built by bench/run.py:  cc -O2 -Iinclude bench/c/bench_c.c target/release/libferrojwt.a -ljwt ...
 * Without libjwt (-DNO_LIBJWT) only ferrojwt is measured. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ferrojwt.h"
#ifndef NO_LIBJWT
#include <jwt.h>
#endif

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}
static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
#define ROUNDS 15
static double med(double *v) { qsort(v, ROUNDS, sizeof *v, cmp); return v[ROUNDS / 2]; }

static const char *SECRET = "bench-secret-key-kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
static char claims[256];
static ferrojwt_signer *fsigner;
static ferrojwt_verifier *fverifier;
static char *ftoken;

static void f_sign(void) {
    char *t = NULL;
    if (ferrojwt_signer_sign(fsigner, (const uint8_t *)claims, strlen(claims), &t) != 0) exit(2);
    ferrojwt_string_free(t);
}
static void f_verify(void) {
    char *c = NULL;
    if (ferrojwt_verifier_verify(fverifier, (const uint8_t *)ftoken, strlen(ftoken), &c) != 0) exit(3);
    ferrojwt_string_free(c);
}
#ifndef NO_LIBJWT
static long long exp_at;
static char *ltoken;
static void l_sign(void) {
    jwt_t *j = NULL;
    if (jwt_new(&j)) exit(4);
    jwt_add_grant_int(j, "user_id", 1);
    jwt_add_grant(j, "username", "alice");
    jwt_add_grant_int(j, "exp", exp_at);
    jwt_add_grant(j, "email", "alice@example.com");
    jwt_add_grant_int(j, "orig_iat", exp_at - 300);
    jwt_set_alg(j, JWT_ALG_HS256, (const unsigned char *)SECRET, strlen(SECRET));
    char *t = jwt_encode_str(j);
    if (!t) exit(5);
    free(t);
    jwt_free(j);
}
static void l_verify(void) {
    /* decode verifies the signature; the exp check is the caller's job in libjwt 1.10. */
    jwt_t *j = NULL;
    if (jwt_decode(&j, ltoken, (const unsigned char *)SECRET, strlen(SECRET))) exit(6);
    if (jwt_get_grant_int(j, "exp") <= (long)time(NULL)) exit(7);
    jwt_free(j);
}
#endif

static double run(void (*fn)(void), int n) {
    double t0 = now_s();
    for (int i = 0; i < n; i++) fn();
    return (now_s() - t0) / n * 1e6;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    long long exp = (long long)time(NULL) + 86400;
    snprintf(claims, sizeof claims,
             "{\"user_id\":1,\"username\":\"alice\",\"exp\":%lld,\"email\":\"alice@example.com\",\"orig_iat\":%lld}",
             exp, exp - 300);
    ferrojwt_key *key = NULL;
    if (ferrojwt_key_from_secret((const uint8_t *)SECRET, strlen(SECRET), &key) ||
        ferrojwt_signer_new(key, "HS256", &fsigner) ||
        ferrojwt_verifier_new(key, FERROJWT_PROFILE_PYJWT1, &fverifier) ||
        ferrojwt_verifier_add_algorithm(fverifier, "HS256") ||
        ferrojwt_signer_sign(fsigner, (const uint8_t *)claims, strlen(claims), &ftoken))
        return 1;
    double fs[ROUNDS], fv[ROUNDS];
#ifndef NO_LIBJWT
    exp_at = exp;
    ltoken = ftoken; /* libjwt verifies ferrojwt's token: same bytes for both */
    double ls[ROUNDS], lv[ROUNDS];
#endif
    for (int r = 0; r < ROUNDS; r++) {
        fs[r] = run(f_sign, n);
        fv[r] = run(f_verify, n);
#ifndef NO_LIBJWT
        ls[r] = run(l_sign, n);
        lv[r] = run(l_verify, n);
#endif
    }
    printf("{\"ferrojwt_sign\": %.3f, \"ferrojwt_verify\": %.3f", med(fs), med(fv));
#ifndef NO_LIBJWT
    printf(", \"libjwt_sign\": %.3f, \"libjwt_verify\": %.3f", med(ls), med(lv));
#endif
    printf("}\n");
    return 0;
}
