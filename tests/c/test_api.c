/* Every function of include/ferrojwt.h and every error path it documents: NULL arguments,
 * invalid UTF-8, invalid claims JSON, wrong key, expired, tampered and `alg: none` tokens,
 * buffers too small, huge tokens. Expected tokens come from fixtures/vectors.h, computed with
 * Python's standard library, not with ferrojwt. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "vectors.h"

/* A value no library call produces: an out-param still holding it was not written. */
static char untouched_byte;
#define UNTOUCHED (&untouched_byte)
#define UNTOUCHED_AS(type) ((type *)(void *)&untouched_byte)

static const uint8_t *bytes(const char *text) { return (const uint8_t *)text; }

static ferrojwt_key *secret_key(const char *secret) {
    ferrojwt_key *key = NULL;
    CHECK_STATUS(ferrojwt_key_from_secret(bytes(secret), strlen(secret), &key), FERROJWT_STATUS_OK);
    return key;
}

static ferrojwt_signer *signer_for(const char *secret, const char *algorithm) {
    ferrojwt_key *key = secret_key(secret);
    ferrojwt_signer *signer = NULL;
    CHECK_STATUS(ferrojwt_signer_new(key, algorithm, &signer), FERROJWT_STATUS_OK);
    ferrojwt_key_free(key); /* the signer keeps its own reference */
    return signer;
}

/* A verifier allowing HS256, HS384 and HS512 with `secret`. */
static ferrojwt_verifier *verifier_for(const char *secret, uint32_t profile) {
    ferrojwt_key *key = secret_key(secret);
    ferrojwt_verifier *verifier = NULL;
    CHECK_STATUS(ferrojwt_verifier_new(key, profile, &verifier), FERROJWT_STATUS_OK);
    ferrojwt_key_free(key);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "HS256"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "HS384"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "HS512"), FERROJWT_STATUS_OK);
    return verifier;
}

/* Signs `claims` and checks the token equals `want` (NULL: only that signing succeeds). */
static void expect_signed(const ferrojwt_signer *signer, const char *claims, const char *want) {
    char *token = UNTOUCHED;
    if (CHECK_STATUS(ferrojwt_signer_sign(signer, bytes(claims), strlen(claims), &token),
                     FERROJWT_STATUS_OK)) {
        if (want != NULL) {
            CHECK_STR(token, want);
        }
        ferrojwt_string_free(token);
    }
}

/* Signing must fail with `want` and leave the out-param alone. */
static void expect_sign_error(const ferrojwt_signer *signer, const uint8_t *claims, size_t len,
                              ferrojwt_status want) {
    char *token = UNTOUCHED;
    CHECK_STATUS(ferrojwt_signer_sign(signer, claims, len, &token), want);
    CHECK(token == UNTOUCHED);
}

/* Verifies `token` at `now` and checks the outcome; on success the claims must equal
 * `want_claims` (when not NULL). */
static void expect_verify(const ferrojwt_verifier *verifier, const char *token, double now,
                          ferrojwt_status want, const char *want_claims) {
    char *claims = UNTOUCHED;
    ferrojwt_status got =
        ferrojwt_verifier_verify_at(verifier, bytes(token), strlen(token), now, &claims);
    CHECK_STATUS(got, want);
    if (got == FERROJWT_STATUS_OK) {
        if (want_claims != NULL) {
            CHECK_STR(claims, want_claims);
        }
        ferrojwt_string_free(claims);
    } else {
        CHECK(claims == UNTOUCHED);
    }
}

static void last_error_is(const char *want) {
    char message[512];
    size_t written = 0;
    CHECK_STATUS(ferrojwt_last_error_message(message, sizeof message, &written),
                 FERROJWT_STATUS_OK);
    CHECK_STR(message, want);
    CHECK(written == strlen(want));
}

/* ---------------------------------------------------------------------------------------- */

static void test_version(void) {
    char composed[64];
    CHECK_STR(ferrojwt_version(), FERROJWT_VERSION);
    sprintf(composed, "%d.%d.%d", FERROJWT_VERSION_MAJOR, FERROJWT_VERSION_MINOR,
            FERROJWT_VERSION_PATCH);
    CHECK_STR(composed, FERROJWT_VERSION);
}

static void test_status_str(void) {
    static const struct {
        ferrojwt_status status;
        unsigned number;
        const char *name;
    } table[] = {
        {FERROJWT_STATUS_OK, 0, "OK"},
        {FERROJWT_STATUS_MALFORMED_TOKEN, 1, "MalformedToken"},
        {FERROJWT_STATUS_INVALID_ALGORITHM, 2, "InvalidAlgorithm"},
        {FERROJWT_STATUS_INVALID_KEY, 3, "InvalidKey"},
        {FERROJWT_STATUS_INVALID_KEY_FORMAT, 4, "InvalidKeyFormat"},
        {FERROJWT_STATUS_KEY_NOT_FOUND, 5, "KeyNotFound"},
        {FERROJWT_STATUS_INVALID_SIGNATURE, 6, "InvalidSignature"},
        {FERROJWT_STATUS_EXPIRED_SIGNATURE, 7, "ExpiredSignature"},
        {FERROJWT_STATUS_IMMATURE_SIGNATURE, 8, "ImmatureSignature"},
        {FERROJWT_STATUS_INVALID_CLAIM, 9, "InvalidClaim"},
        {FERROJWT_STATUS_INVALID_AUDIENCE, 10, "InvalidAudience"},
        {FERROJWT_STATUS_INVALID_ISSUER, 11, "InvalidIssuer"},
        {FERROJWT_STATUS_MISSING_REQUIRED_CLAIM, 12, "MissingRequiredClaim"},
        {FERROJWT_STATUS_UNSUPPORTED_CRITICAL_HEADER, 13, "UnsupportedCriticalHeader"},
        {FERROJWT_STATUS_INVALID_TYPE, 14, "InvalidType"},
        {FERROJWT_STATUS_TOKEN_TOO_LARGE, 15, "TokenTooLarge"},
        {FERROJWT_STATUS_REFRESH_EXPIRED, 16, "RefreshExpired"},
        {FERROJWT_STATUS_MISSING_ORIG_IAT, 17, "MissingOrigIat"},
        {FERROJWT_STATUS_INVALID_ARGUMENT, 18, "InvalidArgument"},
        {FERROJWT_STATUS_BUFFER_TOO_SMALL, 19, "BufferTooSmall"},
        {FERROJWT_STATUS_INTERNAL, 20, "Internal"},
        {FERROJWT_STATUS_NULL_ARGUMENT, 100, "NullArgument"},
        {FERROJWT_STATUS_INVALID_UTF8, 101, "InvalidUtf8"},
    };
    size_t i;
    /* The numbers are ABI: they must never change. */
    for (i = 0; i < sizeof table / sizeof table[0]; i++) {
        CHECK((unsigned)table[i].status == table[i].number);
        CHECK_STR(ferrojwt_status_str(table[i].status), table[i].name);
    }
    CHECK_STR(ferrojwt_status_str(21), "Unknown");
    CHECK_STR(ferrojwt_status_str(99), "Unknown");
    CHECK_STR(ferrojwt_status_str(0xFFFFFFFFu), "Unknown");
    CHECK(FERROJWT_PROFILE_PYJWT1 == 0);
    CHECK(FERROJWT_PROFILE_STRICT == 1);
}

/* Runs first: no call on this thread has failed yet. */
static void test_last_error_starts_empty(void) {
    char message[8];
    size_t written = 99;
    memset(message, 'x', sizeof message);
    CHECK_STATUS(ferrojwt_last_error_message(message, sizeof message, &written),
                 FERROJWT_STATUS_OK);
    CHECK(written == 0);
    CHECK(message[0] == '\0');
}

static void test_last_error_message(void) {
    const char *want = "secret must not be NULL";
    size_t needed = strlen(want) + 1;
    char small[8];
    char exact[64];
    size_t written = 0;
    ferrojwt_key *key = UNTOUCHED_AS(ferrojwt_key);

    CHECK_STATUS(ferrojwt_key_from_secret(NULL, 6, &key), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK(key == UNTOUCHED_AS(ferrojwt_key));

    /* Too small: nothing written into buf, the needed size (with the NUL) reported. */
    memset(small, 'x', sizeof small);
    CHECK_STATUS(ferrojwt_last_error_message(small, sizeof small, &written),
                 FERROJWT_STATUS_BUFFER_TOO_SMALL);
    CHECK(written == needed);
    CHECK(small[0] == 'x' && small[sizeof small - 1] == 'x');

    /* One byte short is still too small; the exact size fits. */
    CHECK_STATUS(ferrojwt_last_error_message(exact, needed - 1, &written),
                 FERROJWT_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(ferrojwt_last_error_message(exact, needed, &written), FERROJWT_STATUS_OK);
    CHECK_STR(exact, want);
    CHECK(written == strlen(want));

    /* A size query with no buffer; a NULL buffer with a length is a NULL argument. */
    written = 0;
    CHECK_STATUS(ferrojwt_last_error_message(NULL, 0, &written), FERROJWT_STATUS_BUFFER_TOO_SMALL);
    CHECK(written == needed);
    CHECK_STATUS(ferrojwt_last_error_message(NULL, 16, &written), FERROJWT_STATUS_NULL_ARGUMENT);
    /* `written` is optional. */
    CHECK_STATUS(ferrojwt_last_error_message(exact, sizeof exact, NULL), FERROJWT_STATUS_OK);
    CHECK_STR(exact, want);
    /* Reading it, even failing to, never replaced it; nor does a successful call. */
    key = secret_key("another secret");
    ferrojwt_key_free(key);
    last_error_is(want);
}

static void test_key(void) {
    ferrojwt_key *key = UNTOUCHED_AS(ferrojwt_key);
    const uint8_t binary[] = {0x00, 0xff, 0x10, 0x00, 0x80};

    CHECK_STATUS(ferrojwt_key_from_secret(bytes("secret"), 6, &key), FERROJWT_STATUS_OK);
    CHECK(key != NULL && key != UNTOUCHED_AS(ferrojwt_key));
    ferrojwt_key_free(key);

    /* Secrets are bytes, not strings: NULs and non-UTF-8 are fine. */
    key = NULL;
    CHECK_STATUS(ferrojwt_key_from_secret(binary, sizeof binary, &key), FERROJWT_STATUS_OK);
    ferrojwt_key_free(key);

    key = UNTOUCHED_AS(ferrojwt_key);
    CHECK_STATUS(ferrojwt_key_from_secret(NULL, 0, &key), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_key_from_secret(bytes("secret"), 6, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    last_error_is("key_out must not be NULL");
    CHECK_STATUS(ferrojwt_key_from_secret(bytes(""), 0, &key), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_key_from_secret(bytes("-----BEGIN PUBLIC KEY-----\nMIIB"), 31, &key),
                 FERROJWT_STATUS_INVALID_KEY);
    last_error_is("The specified key is an asymmetric key or x509 certificate and should not be "
                  "used as an HMAC secret.");
    CHECK_STATUS(ferrojwt_key_from_secret(bytes("ssh-rsa AAAAB3Nza"), 17, &key),
                 FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_key_from_secret(bytes("s"), (size_t)-1, &key),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK(key == UNTOUCHED_AS(ferrojwt_key));

    ferrojwt_key_free(NULL);
}

static void test_signer_new(void) {
    ferrojwt_key *key = secret_key("secret");
    ferrojwt_signer *signer = UNTOUCHED_AS(ferrojwt_signer);

    CHECK_STATUS(ferrojwt_signer_new(NULL, "HS256", &signer), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_signer_new(key, NULL, &signer), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_signer_new(key, "HS256", NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_signer_new(key, "HS\xff\xfe", &signer), FERROJWT_STATUS_INVALID_UTF8);
    CHECK_STATUS(ferrojwt_signer_new(key, "none", &signer), FERROJWT_STATUS_INVALID_ALGORITHM);
    CHECK_STATUS(ferrojwt_signer_new(key, "hs256", &signer), FERROJWT_STATUS_INVALID_ALGORITHM);
    CHECK_STATUS(ferrojwt_signer_new(key, "", &signer), FERROJWT_STATUS_INVALID_ALGORITHM);
    /* An HMAC key cannot sign with an asymmetric algorithm (algorithm confusion). */
    CHECK_STATUS(ferrojwt_signer_new(key, "RS256", &signer), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_signer_new(key, "ES256", &signer), FERROJWT_STATUS_INVALID_KEY);
    CHECK(signer == UNTOUCHED_AS(ferrojwt_signer));

    ferrojwt_key_free(key);
    ferrojwt_signer_free(NULL);
}

static void test_sign(void) {
    ferrojwt_signer *hs256 = signer_for("secret", "HS256");
    ferrojwt_signer *hs384 = signer_for("secret", "HS384");
    ferrojwt_signer *hs512 = signer_for("secret", "HS512");
    const char *with_tail = "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}garbage";
    char *token = UNTOUCHED;

    /* Byte-identical to the independently computed tokens. */
    expect_signed(hs256, V_JOHN_CLAIMS, V_JOHN_HS256);
    expect_signed(hs384, V_JOHN_CLAIMS, V_JOHN_HS384);
    expect_signed(hs512, V_JOHN_CLAIMS, V_JOHN_HS512);
    expect_signed(hs256, V_UNICODE_CLAIMS_IN, V_UNICODE_HS256);
    CHECK(strncmp(V_JOHN_HS256, V_HEADER_HS256 ".", strlen(V_HEADER_HS256) + 1) == 0);

    /* (ptr, len): only len bytes are read, no NUL needed. */
    if (CHECK_STATUS(ferrojwt_signer_sign(hs256, bytes(with_tail), strlen(V_JOHN_CLAIMS), &token),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(token, V_JOHN_HS256);
        ferrojwt_string_free(token);
    }

    /* NULL arguments. */
    token = UNTOUCHED;
    CHECK_STATUS(ferrojwt_signer_sign(NULL, bytes("{}"), 2, &token), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_signer_sign(hs256, NULL, 0, &token), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_signer_sign(hs256, bytes("{}"), 2, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK(token == UNTOUCHED);

    /* Invalid UTF-8, then JSON that is invalid or not an object. */
    expect_sign_error(hs256, bytes("{\"name\":\"\xc3\x28\"}"), 13, FERROJWT_STATUS_INVALID_UTF8);
    expect_sign_error(hs256, bytes("{\"a\":\"\xed\xa0\x80\"}"), 11, FERROJWT_STATUS_INVALID_UTF8);
    expect_sign_error(hs256, bytes("{"), 1, FERROJWT_STATUS_INVALID_ARGUMENT);
    expect_sign_error(hs256, bytes(""), 0, FERROJWT_STATUS_INVALID_ARGUMENT);
    expect_sign_error(hs256, bytes("[1,2]"), 5, FERROJWT_STATUS_INVALID_ARGUMENT);
    last_error_is("claims_json must be a JSON object");
    expect_sign_error(hs256, bytes("\"text\""), 6, FERROJWT_STATUS_INVALID_ARGUMENT);
    expect_sign_error(hs256, bytes("{\"a\":1,\"a\":2}"), 13, FERROJWT_STATUS_INVALID_ARGUMENT);
    expect_sign_error(hs256, bytes("{\"a\":NaN}"), 9, FERROJWT_STATUS_INVALID_ARGUMENT);
    expect_sign_error(hs256, bytes("{\"a\":1,}"), 8, FERROJWT_STATUS_INVALID_ARGUMENT);
    expect_sign_error(hs256, bytes("{\"a\":1} {}"), 10, FERROJWT_STATUS_INVALID_ARGUMENT);
    expect_sign_error(hs256, bytes("{\"a\":1}\0"), 8, FERROJWT_STATUS_INVALID_ARGUMENT);
    /* Registered time claims must be numbers. */
    expect_sign_error(hs256, bytes("{\"exp\":\"soon\"}"), 14, FERROJWT_STATUS_INVALID_CLAIM);
    expect_sign_error(hs256, bytes("{\"iat\":1e300}"), 13, FERROJWT_STATUS_INVALID_CLAIM);
    expect_sign_error(hs256, bytes("{}"), (size_t)-1, FERROJWT_STATUS_INVALID_ARGUMENT);

    ferrojwt_signer_free(hs256);
    ferrojwt_signer_free(hs384);
    ferrojwt_signer_free(hs512);
}

static void test_signer_set_kid(void) {
    ferrojwt_signer *signer = signer_for("secret", "HS256");
    char *token = NULL;
    char *header = NULL;

    CHECK_STATUS(ferrojwt_signer_set_kid(NULL, "key-1"), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_signer_set_kid(signer, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_signer_set_kid(signer, "key-\xff"), FERROJWT_STATUS_INVALID_UTF8);
    /* Failed setters changed nothing. */
    expect_signed(signer, V_JOHN_CLAIMS, V_JOHN_HS256);

    CHECK_STATUS(ferrojwt_signer_set_kid(signer, "first"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_signer_set_kid(signer, "key-1"), FERROJWT_STATUS_OK);
    expect_signed(signer, V_JOHN_CLAIMS, V_JOHN_HS256_KID);

    if (CHECK_STATUS(ferrojwt_signer_sign(signer, bytes(V_JOHN_CLAIMS), strlen(V_JOHN_CLAIMS), &token),
                     FERROJWT_STATUS_OK)) {
        if (CHECK_STATUS(ferrojwt_unverified_header(bytes(token), strlen(token), &header),
                         FERROJWT_STATUS_OK)) {
            CHECK_STR(header, V_JOHN_HS256_KID_HEADER);
            ferrojwt_string_free(header);
        }
        ferrojwt_string_free(token);
    }
    ferrojwt_signer_free(signer);
}

static void test_verifier_new_and_setters(void) {
    ferrojwt_key *key = secret_key("secret");
    ferrojwt_verifier *verifier = UNTOUCHED_AS(ferrojwt_verifier);

    CHECK_STATUS(ferrojwt_verifier_new(NULL, FERROJWT_PROFILE_PYJWT1, &verifier),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_new(key, FERROJWT_PROFILE_PYJWT1, NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_new(key, 2, &verifier), FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_new(key, 0xFFFFFFFFu, &verifier),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK(verifier == UNTOUCHED_AS(ferrojwt_verifier));
    CHECK_STATUS(ferrojwt_verifier_new(key, FERROJWT_PROFILE_STRICT, &verifier), FERROJWT_STATUS_OK);
    ferrojwt_verifier_free(verifier);
    CHECK_STATUS(ferrojwt_verifier_new(key, FERROJWT_PROFILE_PYJWT1, &verifier), FERROJWT_STATUS_OK);
    ferrojwt_key_free(key);

    /* Every setter refuses a NULL verifier. */
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(NULL, "HS256"), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_leeway(NULL, 1.0), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_add_audience(NULL, "api"), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_issuer(NULL, "me"), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_add_required_claim(NULL, "sub"), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_required_typ(NULL, "JWT"), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_max_token_size(NULL, 10), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_verify_exp(NULL, false), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_verify_nbf(NULL, false), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_verify_iat(NULL, false), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_verify_aud(NULL, false), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_verify_iss(NULL, false), FERROJWT_STATUS_NULL_ARGUMENT);
    last_error_is("verifier must not be NULL");

    /* Every string setter refuses NULL and invalid UTF-8. */
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "\xff"), FERROJWT_STATUS_INVALID_UTF8);
    CHECK_STATUS(ferrojwt_verifier_add_audience(verifier, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_add_audience(verifier, "\xc3"), FERROJWT_STATUS_INVALID_UTF8);
    CHECK_STATUS(ferrojwt_verifier_set_issuer(verifier, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_issuer(verifier, "\x80"), FERROJWT_STATUS_INVALID_UTF8);
    CHECK_STATUS(ferrojwt_verifier_add_required_claim(verifier, NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_add_required_claim(verifier, "\xfe"),
                 FERROJWT_STATUS_INVALID_UTF8);
    CHECK_STATUS(ferrojwt_verifier_set_required_typ(verifier, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_required_typ(verifier, "\xe2\x82"),
                 FERROJWT_STATUS_INVALID_UTF8);

    /* Values the core refuses. */
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "none"), FERROJWT_STATUS_INVALID_ALGORITHM);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "None"), FERROJWT_STATUS_INVALID_ALGORITHM);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "HS1"), FERROJWT_STATUS_INVALID_ALGORITHM);
    CHECK_STATUS(ferrojwt_verifier_set_leeway(verifier, NAN), FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_leeway(verifier, INFINITY), FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_set_leeway(verifier, 1e300), FERROJWT_STATUS_INVALID_ARGUMENT);

    /* The failed setters left the verifier as new: an empty allow-list refuses everything. */
    expect_verify(verifier, V_JOHN_HS256, 1600000000, FERROJWT_STATUS_INVALID_ARGUMENT, NULL);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "HS256"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "HS256"), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_JOHN_HS256, 1600000000, FERROJWT_STATUS_OK, V_JOHN_CLAIMS);
    /* Only HS256 is allowed: an HS512 token is refused before its signature is checked. */
    expect_verify(verifier, V_JOHN_HS512, 1600000000, FERROJWT_STATUS_INVALID_ALGORITHM, NULL);
    /* An algorithm of another family is accepted in the list but the key refuses it. */
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "RS256"), FERROJWT_STATUS_OK);

    ferrojwt_verifier_free(verifier);
    ferrojwt_verifier_free(NULL);
}

static void test_verify_signatures(void) {
    ferrojwt_verifier *verifier = verifier_for("secret", FERROJWT_PROFILE_PYJWT1);
    ferrojwt_verifier *wrong = verifier_for("not the secret", FERROJWT_PROFILE_PYJWT1);
    char tampered[512];
    char *dot;
    char *claims = UNTOUCHED;

    expect_verify(verifier, V_JOHN_HS256, 1600000000, FERROJWT_STATUS_OK, V_JOHN_CLAIMS);
    expect_verify(verifier, V_JOHN_HS384, 1600000000, FERROJWT_STATUS_OK, V_JOHN_CLAIMS);
    expect_verify(verifier, V_JOHN_HS512, 1600000000, FERROJWT_STATUS_OK, V_JOHN_CLAIMS);
    expect_verify(verifier, V_UNICODE_HS256, 1600000000, FERROJWT_STATUS_OK, V_UNICODE_CLAIMS_OUT);
    expect_verify(verifier, V_DRF_TOKEN, 1512741355, FERROJWT_STATUS_INVALID_SIGNATURE, NULL);

    /* Wrong key. */
    expect_verify(wrong, V_JOHN_HS256, 1600000000, FERROJWT_STATUS_INVALID_SIGNATURE, NULL);
    last_error_is("Signature verification failed");

    /* Tampered payload: another token's payload under this token's signature. */
    strcpy(tampered, V_HEADER_HS256 ".");
    dot = strchr(V_TIMED_HS256, '.');
    strncat(tampered, dot + 1, (size_t)(strchr(dot + 1, '.') - dot - 1));
    strcat(tampered, strrchr(V_JOHN_HS256, '.'));
    expect_verify(verifier, tampered, 1500, FERROJWT_STATUS_INVALID_SIGNATURE, NULL);

    /* Tampered signature: one character in the middle changed (still canonical base64url). */
    strcpy(tampered, V_JOHN_HS256);
    dot = strrchr(tampered, '.');
    dot[5] = dot[5] == 'A' ? 'B' : 'A';
    expect_verify(verifier, tampered, 1600000000, FERROJWT_STATUS_INVALID_SIGNATURE, NULL);
    /* Signature removed. */
    strcpy(tampered, V_JOHN_HS256);
    strrchr(tampered, '.')[1] = '\0';
    expect_verify(verifier, tampered, 1600000000, FERROJWT_STATUS_INVALID_SIGNATURE, NULL);

    /* alg: none is never accepted, whatever the allow-list. */
    expect_verify(verifier, V_ALG_NONE, 1600000000, FERROJWT_STATUS_INVALID_ALGORITHM, NULL);
    CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, "none"), FERROJWT_STATUS_INVALID_ALGORITHM);
    expect_verify(verifier, V_ALG_NONE, 1600000000, FERROJWT_STATUS_INVALID_ALGORITHM, NULL);

    /* Malformed input. */
    expect_verify(verifier, "", 1600000000, FERROJWT_STATUS_MALFORMED_TOKEN, NULL);
    expect_verify(verifier, "not-a-token", 1600000000, FERROJWT_STATUS_MALFORMED_TOKEN, NULL);
    expect_verify(verifier, "a.b", 1600000000, FERROJWT_STATUS_MALFORMED_TOKEN, NULL);
    expect_verify(verifier, "a.b.c.d", 1600000000, FERROJWT_STATUS_MALFORMED_TOKEN, NULL);
    expect_verify(verifier, "..", 1600000000, FERROJWT_STATUS_MALFORMED_TOKEN, NULL);
    expect_verify(verifier, "\xff\xfe.\xc3\x28.\x80", 1600000000, FERROJWT_STATUS_MALFORMED_TOKEN,
                  NULL);
    expect_verify(verifier, V_HEADER_HS256 "=.e30.", 1600000000, FERROJWT_STATUS_MALFORMED_TOKEN,
                  NULL);
    expect_verify(verifier, V_CRIT_HS256, 1600000000, FERROJWT_STATUS_UNSUPPORTED_CRITICAL_HEADER,
                  NULL);
    /* Only token_len bytes are read: a prefix of a valid token is not valid. */
    CHECK_STATUS(ferrojwt_verifier_verify_at(verifier, bytes(V_JOHN_HS256), 20, 1600000000, &claims),
                 FERROJWT_STATUS_MALFORMED_TOKEN);

    /* NULL arguments, both clocks. */
    CHECK_STATUS(ferrojwt_verifier_verify_at(NULL, bytes(V_JOHN_HS256), strlen(V_JOHN_HS256), 1.0,
                                             &claims),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_verify_at(verifier, NULL, 0, 1.0, &claims),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_verify_at(verifier, bytes(V_JOHN_HS256), strlen(V_JOHN_HS256),
                                             1.0, NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_verify(NULL, bytes(V_JOHN_HS256), strlen(V_JOHN_HS256), &claims),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_verify(verifier, NULL, 5, &claims), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_verify(verifier, bytes(V_JOHN_HS256), strlen(V_JOHN_HS256), NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_verify(verifier, bytes(V_JOHN_HS256), (size_t)-1, &claims),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK(claims == UNTOUCHED);

    ferrojwt_verifier_free(verifier);
    ferrojwt_verifier_free(wrong);
}

static void test_verify_size_limits(void) {
    ferrojwt_verifier *verifier = verifier_for("secret", FERROJWT_PROFILE_PYJWT1);
    size_t huge_len = 1024 * 1024;
    char *huge = malloc(huge_len + 1);
    char *claims = UNTOUCHED;

    if (!CHECK(huge != NULL)) {
        ferrojwt_verifier_free(verifier);
        return;
    }
    /* A 1 MiB token built from a valid one: refused on its size, before any parsing. */
    memset(huge, 'A', huge_len);
    memcpy(huge, V_JOHN_HS256, strlen(V_JOHN_HS256));
    huge[huge_len] = '\0';
    CHECK_STATUS(ferrojwt_verifier_verify_at(verifier, bytes(huge), huge_len, 1600000000, &claims),
                 FERROJWT_STATUS_TOKEN_TOO_LARGE);
    CHECK(claims == UNTOUCHED);
    CHECK_STATUS(ferrojwt_unverified_header(bytes(huge), huge_len, &claims),
                 FERROJWT_STATUS_TOKEN_TOO_LARGE);
    CHECK_STATUS(ferrojwt_unverified_claims(bytes(huge), huge_len, &claims),
                 FERROJWT_STATUS_TOKEN_TOO_LARGE);

    /* The limit is configurable both ways. */
    CHECK_STATUS(ferrojwt_verifier_set_max_token_size(verifier, strlen(V_JOHN_HS256) - 1),
                 FERROJWT_STATUS_OK);
    expect_verify(verifier, V_JOHN_HS256, 1600000000, FERROJWT_STATUS_TOKEN_TOO_LARGE, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_max_token_size(verifier, strlen(V_JOHN_HS256)),
                 FERROJWT_STATUS_OK);
    expect_verify(verifier, V_JOHN_HS256, 1600000000, FERROJWT_STATUS_OK, V_JOHN_CLAIMS);
    /* Allowed in, the huge token is parsed up to its (1 MiB long, wrong) signature. */
    CHECK_STATUS(ferrojwt_verifier_set_max_token_size(verifier, huge_len * 2), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_verify_at(verifier, bytes(huge), huge_len, 1600000000, &claims),
                 FERROJWT_STATUS_INVALID_SIGNATURE);
    CHECK(claims == UNTOUCHED);

    free(huge);
    ferrojwt_verifier_free(verifier);
}

static void test_verify_time_claims(void) {
    ferrojwt_verifier *verifier = verifier_for("secret", FERROJWT_PROFILE_PYJWT1);
    char *claims = UNTOUCHED;

    /* TIMED: iat = nbf = 1000, exp = 2000. */
    expect_verify(verifier, V_TIMED_HS256, 1500, FERROJWT_STATUS_OK, V_TIMED_CLAIMS);
    expect_verify(verifier, V_TIMED_HS256, 1000, FERROJWT_STATUS_OK, NULL);
    expect_verify(verifier, V_TIMED_HS256, 999, FERROJWT_STATUS_IMMATURE_SIGNATURE, NULL);
    expect_verify(verifier, V_TIMED_HS256, 1999, FERROJWT_STATUS_OK, NULL);
    /* The PyJWT 1.x profile floors `now` to whole seconds. */
    expect_verify(verifier, V_TIMED_HS256, 1999.999, FERROJWT_STATUS_OK, NULL);
    /* Expired from the second `exp` itself. */
    expect_verify(verifier, V_TIMED_HS256, 2000, FERROJWT_STATUS_EXPIRED_SIGNATURE, NULL);
    last_error_is("Signature has expired");
    expect_verify(verifier, V_TIMED_HS256, 1e9, FERROJWT_STATUS_EXPIRED_SIGNATURE, NULL);

    /* Invalid clocks. */
    expect_verify(verifier, V_TIMED_HS256, NAN, FERROJWT_STATUS_INVALID_ARGUMENT, NULL);
    expect_verify(verifier, V_TIMED_HS256, INFINITY, FERROJWT_STATUS_INVALID_ARGUMENT, NULL);
    expect_verify(verifier, V_TIMED_HS256, -INFINITY, FERROJWT_STATUS_INVALID_ARGUMENT, NULL);
    expect_verify(verifier, V_TIMED_HS256, 1e300, FERROJWT_STATUS_INVALID_ARGUMENT, NULL);

    /* Leeway. */
    CHECK_STATUS(ferrojwt_verifier_set_leeway(verifier, 10), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_TIMED_HS256, 2009, FERROJWT_STATUS_OK, NULL);
    expect_verify(verifier, V_TIMED_HS256, 2010, FERROJWT_STATUS_EXPIRED_SIGNATURE, NULL);
    expect_verify(verifier, V_TIMED_HS256, 990, FERROJWT_STATUS_OK, NULL);
    expect_verify(verifier, V_TIMED_HS256, 989, FERROJWT_STATUS_IMMATURE_SIGNATURE, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_leeway(verifier, 0), FERROJWT_STATUS_OK);

    /* Switches. */
    CHECK_STATUS(ferrojwt_verifier_set_verify_exp(verifier, false), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_TIMED_HS256, 5000, FERROJWT_STATUS_OK, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_verify_exp(verifier, true), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_TIMED_HS256, 5000, FERROJWT_STATUS_EXPIRED_SIGNATURE, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_verify_nbf(verifier, false), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_TIMED_HS256, 500, FERROJWT_STATUS_OK, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_verify_nbf(verifier, true), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_BAD_IAT_HS256, 1500, FERROJWT_STATUS_INVALID_CLAIM, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_verify_iat(verifier, false), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_BAD_IAT_HS256, 1500, FERROJWT_STATUS_OK, "{\"iat\":\"yesterday\"}");

    /* The system clock: JOHN has no exp, TIMED expired long ago. */
    if (CHECK_STATUS(ferrojwt_verifier_verify(verifier, bytes(V_JOHN_HS256), strlen(V_JOHN_HS256),
                                              &claims),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(claims, V_JOHN_CLAIMS);
        ferrojwt_string_free(claims);
    }
    claims = UNTOUCHED;
    CHECK_STATUS(ferrojwt_verifier_verify(verifier, bytes(V_TIMED_HS256), strlen(V_TIMED_HS256),
                                          &claims),
                 FERROJWT_STATUS_EXPIRED_SIGNATURE);
    CHECK(claims == UNTOUCHED);

    ferrojwt_verifier_free(verifier);
}

static void test_verify_registered_claims(void) {
    ferrojwt_verifier *verifier = verifier_for("secret", FERROJWT_PROFILE_PYJWT1);
    ferrojwt_verifier *strict = verifier_for("secret", FERROJWT_PROFILE_STRICT);

    /* AUD_ISS: iss = https://issuer.example, aud = ["a", "api"], exp = 2000. */
    expect_verify(verifier, V_AUD_ISS_HS256, 1500, FERROJWT_STATUS_INVALID_AUDIENCE, NULL);
    CHECK_STATUS(ferrojwt_verifier_add_audience(verifier, "other"), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_AUD_ISS_HS256, 1500, FERROJWT_STATUS_INVALID_AUDIENCE, NULL);
    CHECK_STATUS(ferrojwt_verifier_add_audience(verifier, "api"), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_AUD_ISS_HS256, 1500, FERROJWT_STATUS_OK, NULL);
    /* With an audience configured, a token without aud is missing a claim. */
    expect_verify(verifier, V_TIMED_HS256, 1500, FERROJWT_STATUS_MISSING_REQUIRED_CLAIM, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_verify_aud(verifier, false), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_TIMED_HS256, 1500, FERROJWT_STATUS_OK, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_verify_aud(verifier, true), FERROJWT_STATUS_OK);

    CHECK_STATUS(ferrojwt_verifier_set_issuer(verifier, "https://other.example"), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_AUD_ISS_HS256, 1500, FERROJWT_STATUS_INVALID_ISSUER, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_issuer(verifier, "https://issuer.example"), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_AUD_ISS_HS256, 1500, FERROJWT_STATUS_OK, NULL);
    CHECK_STATUS(ferrojwt_verifier_set_issuer(verifier, "https://other.example"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_set_verify_iss(verifier, false), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_AUD_ISS_HS256, 1500, FERROJWT_STATUS_OK, NULL);

    CHECK_STATUS(ferrojwt_verifier_add_required_claim(verifier, "exp"), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_AUD_ISS_HS256, 1500, FERROJWT_STATUS_OK, NULL);
    CHECK_STATUS(ferrojwt_verifier_add_required_claim(verifier, "jti"), FERROJWT_STATUS_OK);
    expect_verify(verifier, V_AUD_ISS_HS256, 1500, FERROJWT_STATUS_MISSING_REQUIRED_CLAIM, NULL);
    last_error_is("Token is missing the \"jti\" claim");

    /* typ, compared as a media type. */
    ferrojwt_verifier_free(verifier);
    verifier = verifier_for("secret", FERROJWT_PROFILE_PYJWT1);
    CHECK_STATUS(ferrojwt_verifier_set_required_typ(verifier, "application/AT+JWT"),
                 FERROJWT_STATUS_OK);
    expect_verify(verifier, V_AT_JWT_HS256, 1500, FERROJWT_STATUS_OK, "{\"sub\":\"x\"}");
    expect_verify(verifier, V_JOHN_HS256, 1500, FERROJWT_STATUS_INVALID_TYPE, NULL);

    /* The strict profile requires exp. */
    expect_verify(strict, V_NO_EXP_HS256, 1500, FERROJWT_STATUS_MISSING_REQUIRED_CLAIM, NULL);
    expect_verify(strict, V_TIMED_HS256, 1500, FERROJWT_STATUS_OK, V_TIMED_CLAIMS);
    expect_verify(strict, V_TIMED_HS256, 999.5, FERROJWT_STATUS_IMMATURE_SIGNATURE, NULL);

    ferrojwt_verifier_free(verifier);
    ferrojwt_verifier_free(strict);
}

static void test_refresh_policy(void) {
    const double t0 = 1000000;
    ferrojwt_refresh_policy *policy = UNTOUCHED_AS(ferrojwt_refresh_policy);
    ferrojwt_verifier *verifier = verifier_for("secret", FERROJWT_PROFILE_PYJWT1);
    ferrojwt_verifier *wrong = verifier_for("not the secret", FERROJWT_PROFILE_PYJWT1);
    ferrojwt_signer *signer = signer_for("secret", "HS256");
    char *out = UNTOUCHED;
    char *token = NULL;
    const char *ann = V_ANN_STAMPED_HS256;

    CHECK_STATUS(ferrojwt_refresh_policy_new(300, 1000, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_new(INT64_MAX, 1000, &policy),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_new(300, INT64_MIN, &policy),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK(policy == UNTOUCHED_AS(ferrojwt_refresh_policy));
    CHECK_STATUS(ferrojwt_refresh_policy_new(300, 1000, &policy), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_refresh_policy_set_allow_expired(NULL, true), FERROJWT_STATUS_NULL_ARGUMENT);

    /* Stamping: exp and orig_iat appended in order, then signed byte-identically. */
    if (CHECK_STATUS(ferrojwt_refresh_policy_stamp_at(policy, bytes(V_ANN_CLAIMS),
                                                      strlen(V_ANN_CLAIMS), t0, &out),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(out, V_ANN_STAMPED_CLAIMS);
        expect_signed(signer, out, V_ANN_STAMPED_HS256);
        ferrojwt_string_free(out);
    }
    out = UNTOUCHED;
    CHECK_STATUS(ferrojwt_refresh_policy_stamp_at(NULL, bytes("{}"), 2, t0, &out),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_stamp_at(policy, NULL, 2, t0, &out),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_stamp_at(policy, bytes("{}"), 2, t0, NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_stamp_at(policy, bytes("{\"a\":\"\xff\"}"), 9, t0, &out),
                 FERROJWT_STATUS_INVALID_UTF8);
    CHECK_STATUS(ferrojwt_refresh_policy_stamp_at(policy, bytes("{\"a\":}"), 6, t0, &out),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_stamp_at(policy, bytes("[]"), 2, t0, &out),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_stamp_at(policy, bytes("{}"), 2, NAN, &out),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_stamp(NULL, bytes("{}"), 2, &out),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_stamp(policy, bytes("{"), 1, &out),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK(out == UNTOUCHED);

    /* Refreshing inside the window: fresh exp, the original orig_iat. */
    if (CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, signer, bytes(ann),
                                                        strlen(ann), t0 + 100, &out),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(out, V_ANN_REFRESHED_HS256);
        ferrojwt_string_free(out);
    }
    out = UNTOUCHED;
    /* Expired tokens are refused by default, even inside the window... */
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, signer, bytes(ann),
                                                    strlen(ann), t0 + 300, &out),
                 FERROJWT_STATUS_EXPIRED_SIGNATURE);
    /* ...unless the policy allows them; the window (1000 s, inclusive) still applies. */
    CHECK_STATUS(ferrojwt_refresh_policy_set_allow_expired(policy, true), FERROJWT_STATUS_OK);
    if (CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, signer, bytes(ann),
                                                        strlen(ann), t0 + 1000, &out),
                     FERROJWT_STATUS_OK)) {
        ferrojwt_string_free(out);
    }
    out = UNTOUCHED;
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, signer, bytes(ann),
                                                    strlen(ann), t0 + 1001, &out),
                 FERROJWT_STATUS_REFRESH_EXPIRED);
    last_error_is("Refresh has expired.");
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, signer,
                                                    bytes(V_NO_ORIG_IAT_HS256),
                                                    strlen(V_NO_ORIG_IAT_HS256), t0 + 100, &out),
                 FERROJWT_STATUS_MISSING_ORIG_IAT);
    last_error_is("orig_iat field is required.");
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, wrong, signer, bytes(ann), strlen(ann),
                                                    t0 + 100, &out),
                 FERROJWT_STATUS_INVALID_SIGNATURE);
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, signer, bytes(ann), strlen(ann),
                                                    NAN, &out),
                 FERROJWT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, signer, bytes(V_ALG_NONE),
                                                    strlen(V_ALG_NONE), t0, &out),
                 FERROJWT_STATUS_INVALID_ALGORITHM);

    /* NULL arguments, both clocks. */
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(NULL, verifier, signer, bytes(ann), strlen(ann),
                                                    t0, &out),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, NULL, signer, bytes(ann), strlen(ann),
                                                    t0, &out),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, NULL, bytes(ann), strlen(ann),
                                                    t0, &out),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, signer, NULL, 0, t0, &out),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, verifier, signer, bytes(ann),
                                                    strlen(ann), t0, NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_refresh_policy_refresh(NULL, verifier, signer, bytes(ann), strlen(ann),
                                                 &out),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK(out == UNTOUCHED);

    /* The system-clock variants together: stamp now, sign, refresh now. */
    if (CHECK_STATUS(ferrojwt_refresh_policy_stamp(policy, bytes(V_ANN_CLAIMS), strlen(V_ANN_CLAIMS),
                                                   &out),
                     FERROJWT_STATUS_OK)) {
        CHECK(strncmp(out, "{\"user_id\":1,\"username\":\"ann\",\"exp\":", 36) == 0);
        CHECK(strstr(out, ",\"orig_iat\":") != NULL);
        if (CHECK_STATUS(ferrojwt_signer_sign(signer, bytes(out), strlen(out), &token),
                         FERROJWT_STATUS_OK)) {
            char *fresh = NULL;
            if (CHECK_STATUS(ferrojwt_refresh_policy_refresh(policy, verifier, signer, bytes(token),
                                                             strlen(token), &fresh),
                             FERROJWT_STATUS_OK)) {
                CHECK(strncmp(fresh, V_HEADER_HS256 ".", strlen(V_HEADER_HS256) + 1) == 0);
                ferrojwt_string_free(fresh);
            }
            ferrojwt_string_free(token);
        }
        ferrojwt_string_free(out);
    }

    ferrojwt_refresh_policy_free(policy);
    ferrojwt_refresh_policy_free(NULL);
    ferrojwt_verifier_free(verifier);
    ferrojwt_verifier_free(wrong);
    ferrojwt_signer_free(signer);
}

static void test_unverified_inspection(void) {
    char *json = UNTOUCHED;

    /* The djangorestframework_jwt 1.11 token: header and claims in token order. */
    if (CHECK_STATUS(ferrojwt_unverified_header(bytes(V_DRF_TOKEN), strlen(V_DRF_TOKEN), &json),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(json, V_DRF_HEADER);
        ferrojwt_string_free(json);
    }
    if (CHECK_STATUS(ferrojwt_unverified_claims(bytes(V_DRF_TOKEN), strlen(V_DRF_TOKEN), &json),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(json, V_DRF_CLAIMS);
        ferrojwt_string_free(json);
    }
    /* Inspection verifies nothing, so even alg: none can be looked at. */
    if (CHECK_STATUS(ferrojwt_unverified_header(bytes(V_ALG_NONE), strlen(V_ALG_NONE), &json),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(json, "{\"typ\":\"JWT\",\"alg\":\"none\"}");
        ferrojwt_string_free(json);
    }
    if (CHECK_STATUS(ferrojwt_unverified_claims(bytes(V_ALG_NONE), strlen(V_ALG_NONE), &json),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(json, V_JOHN_CLAIMS);
        ferrojwt_string_free(json);
    }

    json = UNTOUCHED;
    CHECK_STATUS(ferrojwt_unverified_header(bytes("nope"), 4, &json), FERROJWT_STATUS_MALFORMED_TOKEN);
    CHECK_STATUS(ferrojwt_unverified_claims(bytes("a.b.c"), 5, &json), FERROJWT_STATUS_MALFORMED_TOKEN);
    CHECK_STATUS(ferrojwt_unverified_claims(bytes("\xff.\xff.\xff"), 5, &json),
                 FERROJWT_STATUS_MALFORMED_TOKEN);
    CHECK_STATUS(ferrojwt_unverified_header(NULL, 0, &json), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_unverified_header(bytes(V_DRF_TOKEN), strlen(V_DRF_TOKEN), NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_unverified_claims(NULL, 3, &json), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_unverified_claims(bytes(V_DRF_TOKEN), strlen(V_DRF_TOKEN), NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK(json == UNTOUCHED);

    ferrojwt_string_free(NULL);
}

int main(void) {
    test_last_error_starts_empty();
    test_version();
    test_status_str();
    test_last_error_message();
    test_key();
    test_signer_new();
    test_sign();
    test_signer_set_kid();
    test_verifier_new_and_setters();
    test_verify_signatures();
    test_verify_size_limits();
    test_verify_time_claims();
    test_verify_registered_claims();
    test_refresh_policy();
    test_unverified_inspection();
    return check_summary("api");
}
