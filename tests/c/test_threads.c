/* One verifier and one signer, configured once, and one verifier built from a JWK Set (keys
 * selected by kid), shared by several threads that sign and verify at the same time; each
 * thread's failures must show up in its own last error only. Run under
 * ASan/UBSan and valgrind like the other tests. Usage: test_threads [iterations-per-thread] */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "keys.h"
#include "vectors.h"

#define THREADS 8

struct shared {
    const ferrojwt_verifier *verifier;
    const ferrojwt_signer *signer;
    const ferrojwt_verifier *keyset_verifier;
    long iterations;
};

/* The counters in check.h are not thread-safe, so each worker keeps its own; a worker counts
 * as one passed check if every one of its iterations was right. */
struct worker {
    pthread_t thread;
    const struct shared *shared;
    int index;
    unsigned long failed;
};

static void tally(struct worker *w, int ok, const char *what) {
    if (!ok && w->failed++ < 5) {
        fprintf(stderr, "FAIL thread %d: %s\n", w->index, what);
    }
}

static int last_error_equals(const char *want) {
    char message[256];
    return ferrojwt_last_error_message(message, sizeof message, NULL) == FERROJWT_STATUS_OK &&
           strcmp(message, want) == 0;
}

static void *work(void *arg) {
    struct worker *w = arg;
    const struct shared *s = w->shared;
    const uint8_t *john = (const uint8_t *)V_JOHN_HS256;
    const uint8_t *timed = (const uint8_t *)V_TIMED_HS256;
    char forged[256];
    long i;

    /* A new thread starts with an empty last error, whatever other threads did. */
    tally(w, last_error_equals(""), "a new thread's last error is empty");

    /* Each thread forges its own bad signature (still canonical base64url). */
    strcpy(forged, V_JOHN_HS256);
    {
        char *c = strrchr(forged, '.') + 3 + w->index;
        *c = *c == 'A' ? 'B' : 'A';
    }

    for (i = 0; i < s->iterations; i++) {
        char *out = NULL;
        ferrojwt_status status;

        status = ferrojwt_signer_sign(s->signer, (const uint8_t *)V_JOHN_CLAIMS,
                                      strlen(V_JOHN_CLAIMS), &out);
        tally(w, status == FERROJWT_STATUS_OK && strcmp(out, V_JOHN_HS256) == 0, "sign");
        ferrojwt_string_free(out);
        out = NULL;

        status = ferrojwt_verifier_verify_at(s->verifier, john, strlen(V_JOHN_HS256),
                                             1600000000, &out);
        tally(w, status == FERROJWT_STATUS_OK && strcmp(out, V_JOHN_CLAIMS) == 0, "verify");
        ferrojwt_string_free(out);
        out = NULL;

        /* The shared key-set verifier: a kid it has, and one it has not. */
        status = ferrojwt_verifier_verify_at(s->keyset_verifier, (const uint8_t *)K_EDDSA_KID,
                                             strlen(K_EDDSA_KID), 1500, &out);
        tally(w, status == FERROJWT_STATUS_OK && strcmp(out, K_CLAIMS) == 0, "key-set verify");
        ferrojwt_string_free(out);
        out = NULL;
        status = ferrojwt_verifier_verify_at(s->keyset_verifier,
                                             (const uint8_t *)K_RS256_KID_UNKNOWN,
                                             strlen(K_RS256_KID_UNKNOWN), 1500, &out);
        tally(w, status == FERROJWT_STATUS_KEY_NOT_FOUND && out == NULL, "unknown kid");
        tally(w, last_error_equals("No key matches the token's kid \"rsa-9\""),
              "own unknown-kid message");

        /* Threads alternate between two failures; the message must be this thread's own. */
        if ((i + w->index) % 2 == 0) {
            status = ferrojwt_verifier_verify_at(s->verifier, timed, strlen(V_TIMED_HS256), 5000,
                                                 &out);
            tally(w, status == FERROJWT_STATUS_EXPIRED_SIGNATURE && out == NULL, "expired");
            tally(w, last_error_equals("Signature has expired"), "own expired message");
        } else {
            status = ferrojwt_verifier_verify_at(s->verifier, (const uint8_t *)forged,
                                                 strlen(forged), 1600000000, &out);
            tally(w, status == FERROJWT_STATUS_INVALID_SIGNATURE && out == NULL, "forged");
            tally(w, last_error_equals("Signature verification failed"), "own forged message");
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    struct shared shared;
    struct worker workers[THREADS];
    ferrojwt_key *key = NULL;
    ferrojwt_verifier *verifier = NULL;
    ferrojwt_signer *signer = NULL;
    ferrojwt_key_set *set = NULL;
    ferrojwt_verifier *keyset_verifier = NULL;
    int i;

    shared.iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;

    CHECK_STATUS(ferrojwt_key_from_secret((const uint8_t *)"secret", 6, &key), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_new(key, FERROJWT_PROFILE_PYJWT1, &verifier), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "HS256"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_signer_new(key, "HS256", &signer), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_set_from_jwks((const uint8_t *)K_JWKS, strlen(K_JWKS), &set),
                 FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_new_keyset(set, FERROJWT_PROFILE_PYJWT1, &keyset_verifier),
                 FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(keyset_verifier, "EdDSA"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(keyset_verifier, "RS256"), FERROJWT_STATUS_OK);
    /* The handles hold their own reference to the key material. */
    ferrojwt_key_free(key);
    ferrojwt_key_set_free(set);
    if (verifier == NULL || signer == NULL || keyset_verifier == NULL) {
        return check_summary("threads");
    }
    shared.verifier = verifier;
    shared.signer = signer;
    shared.keyset_verifier = keyset_verifier;

    /* The main thread fails first, so the workers' empty last error is really theirs. */
    CHECK_STATUS(ferrojwt_key_from_secret(NULL, 0, &key), FERROJWT_STATUS_NULL_ARGUMENT);

    for (i = 0; i < THREADS; i++) {
        workers[i].shared = &shared;
        workers[i].index = i;
        workers[i].failed = 0;
        CHECK(pthread_create(&workers[i].thread, NULL, work, &workers[i]) == 0);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_join(workers[i].thread, NULL) == 0);
        CHECK(workers[i].failed == 0);
    }
    /* ...and the main thread still has its own message. */
    CHECK(last_error_equals("secret must not be NULL"));

    ferrojwt_verifier_free(verifier);
    ferrojwt_signer_free(signer);
    ferrojwt_verifier_free(keyset_verifier);
    return check_summary("threads");
}
