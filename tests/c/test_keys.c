/* Asymmetric keys, key sets and kid selection through the C API: every key constructor, the key
 * set functions, ferrojwt_verifier_new_keyset, signing with RSA/RSA-PSS/EC/Ed25519 keys,
 * refresh with asymmetric keys, and their error paths (NULL arguments, invalid UTF-8, invalid
 * key text, wrong key family, unknown kid). Key files come from core/tests/keys/ (KEYS_DIR);
 * JWKs and expected tokens from fixtures/keys.h, computed with pyca/cryptography. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "keys.h"

#ifndef KEYS_DIR
#error "build with -DKEYS_DIR=\"/path/to/core/tests/keys/\""
#endif

static char untouched_byte;
#define UNTOUCHED_AS(type) ((type *)(void *)&untouched_byte)

static const uint8_t *bytes(const char *text) { return (const uint8_t *)text; }

/* A key file's bytes (malloc'd, NUL-terminated for convenience), or NULL after a failed check. */
static uint8_t *read_key_file(const char *name, size_t *len) {
    char path[512];
    FILE *file;
    uint8_t *buf = NULL;
    long size;

    snprintf(path, sizeof path, "%s%s", KEYS_DIR, name);
    file = fopen(path, "rb");
    if (!CHECK(file != NULL)) {
        fprintf(stderr, "    cannot open %s\n", path);
        return NULL;
    }
    if (fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) > 0 && fseek(file, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size + 1);
        if (buf != NULL && fread(buf, 1, (size_t)size, file) == (size_t)size) {
            buf[size] = 0;
            *len = (size_t)size;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(file);
    CHECK(buf != NULL);
    return buf;
}

typedef ferrojwt_status (*key_ctor)(const uint8_t *, size_t, ferrojwt_key **);

/* Loads a key file with `ctor`, expecting `want`; returns the key on success. */
static ferrojwt_key *load(key_ctor ctor, const char *name, ferrojwt_status want) {
    size_t len = 0;
    uint8_t *data = read_key_file(name, &len);
    ferrojwt_key *key = UNTOUCHED_AS(ferrojwt_key);
    ferrojwt_status got;
    if (data == NULL) {
        return NULL;
    }
    got = ctor(data, len, &key);
    free(data);
    if (!check_status(got, want, name, __FILE__, __LINE__)) {
        return got == FERROJWT_STATUS_OK ? key : NULL;
    }
    if (got != FERROJWT_STATUS_OK) {
        CHECK(key == UNTOUCHED_AS(ferrojwt_key));
        return NULL;
    }
    return key;
}

static ferrojwt_key *from_text(key_ctor ctor, const char *text) {
    ferrojwt_key *key = NULL;
    CHECK_STATUS(ctor(bytes(text), strlen(text), &key), FERROJWT_STATUS_OK);
    return key;
}

static int can_sign(const ferrojwt_key *key) {
    bool answer = false;
    CHECK_STATUS(ferrojwt_key_can_sign(key, &answer), FERROJWT_STATUS_OK);
    return answer;
}

/* Signs K_CLAIMS with `key`/`alg` (and `kid` unless NULL); returns the token (caller frees). */
static char *sign_with(const ferrojwt_key *key, const char *alg, const char *kid) {
    ferrojwt_signer *signer = NULL;
    char *token = NULL;
    if (!CHECK_STATUS(ferrojwt_signer_new(key, alg, &signer), FERROJWT_STATUS_OK)) {
        return NULL;
    }
    if (kid != NULL) {
        CHECK_STATUS(ferrojwt_signer_set_kid(signer, kid), FERROJWT_STATUS_OK);
    }
    CHECK_STATUS(ferrojwt_signer_sign(signer, bytes(K_CLAIMS), strlen(K_CLAIMS), &token),
                 FERROJWT_STATUS_OK);
    ferrojwt_signer_free(signer);
    return token;
}

static void add_all_algorithms(ferrojwt_verifier *verifier) {
    static const char *const names[] = {"HS256", "RS256", "RS384", "RS512", "PS256", "PS384",
                                        "PS512", "ES256", "ES384", "ES512", "EdDSA"};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        CHECK_STATUS(ferrojwt_verifier_add_algorithm(verifier, names[i]), FERROJWT_STATUS_OK);
    }
}

static ferrojwt_verifier *verifier_for_key(const ferrojwt_key *key) {
    ferrojwt_verifier *verifier = NULL;
    CHECK_STATUS(ferrojwt_verifier_new(key, FERROJWT_PROFILE_PYJWT1, &verifier), FERROJWT_STATUS_OK);
    add_all_algorithms(verifier);
    return verifier;
}

static ferrojwt_verifier *verifier_for_set(const ferrojwt_key_set *set) {
    ferrojwt_verifier *verifier = NULL;
    CHECK_STATUS(ferrojwt_verifier_new_keyset(set, FERROJWT_PROFILE_PYJWT1, &verifier),
                 FERROJWT_STATUS_OK);
    if (verifier != NULL) {
        add_all_algorithms(verifier);
    }
    return verifier;
}

/* Verifies at now = 1500 (K_CLAIMS expire at 2000); on success the claims must be K_CLAIMS. */
static void expect_verify(const ferrojwt_verifier *verifier, const char *token, ferrojwt_status want,
                          const char *what) {
    char *claims = UNTOUCHED_AS(char);
    ferrojwt_status got;
    if (token == NULL) {
        CHECK(!"no token to verify");
        return;
    }
    got = ferrojwt_verifier_verify_at(verifier, bytes(token), strlen(token), 1500, &claims);
    check_status(got, want, what, __FILE__, __LINE__);
    if (got == FERROJWT_STATUS_OK) {
        CHECK_STR(claims, K_CLAIMS);
        ferrojwt_string_free(claims);
    } else {
        CHECK(claims == UNTOUCHED_AS(char));
    }
}

static void last_error_contains(const char *needle) {
    char message[512];
    CHECK_STATUS(ferrojwt_last_error_message(message, sizeof message, NULL), FERROJWT_STATUS_OK);
    if (!CHECK(strstr(message, needle) != NULL)) {
        fprintf(stderr, "    message \"%s\" lacks \"%s\"\n", message, needle);
    }
}

/* ---------------------------------------------------------------------------------------- */

static void test_key_forms(void) {
    static const struct {
        key_ctor ctor;
        const char *file;
        int can_sign;
    } good[] = {
        {ferrojwt_key_from_pem, "rsa2048.pkcs8.pem", 1},
        {ferrojwt_key_from_pem, "rsa2048.pkcs1.pem", 1},
        {ferrojwt_key_from_pem, "rsa2048.spki.pem", 0},
        {ferrojwt_key_from_pem, "rsa2048.pkcs1pub.pem", 0},
        {ferrojwt_key_from_pem, "rsa2048.cert.pem", 0},
        {ferrojwt_key_from_pem, "ec_p256.pkcs8.pem", 1},
        {ferrojwt_key_from_pem, "ec_p256.sec1.pem", 1},
        {ferrojwt_key_from_pem, "ec_p384.spki.pem", 0},
        {ferrojwt_key_from_pem, "ec_p521.sec1.pem", 1},
        {ferrojwt_key_from_pem, "ed25519.pkcs8.pem", 1},
        {ferrojwt_key_from_pem, "ed25519.spki.pem", 0},
        {ferrojwt_key_from_der, "rsa2048.pkcs8.der", 1},
        {ferrojwt_key_from_der, "rsa2048.spki.der", 0},
        {ferrojwt_key_parse, "rsa2048.pkcs8.pem", 1},
        {ferrojwt_key_parse, "rsa2048.spki.der", 0},
        {ferrojwt_key_parse, "ec_p521.spki.pem", 0},
        {ferrojwt_key_parse, "ssh_ed25519.pub.txt", 0},
        {ferrojwt_key_parse, "ssh_rsa.pub.txt", 0},
    };
    static const struct {
        key_ctor ctor;
        const char *text;
        int can_sign;
    } jwks[] = {
        {ferrojwt_key_from_jwk, K_RSA_PUBLIC_JWK, 0},  {ferrojwt_key_from_jwk, K_RSA_PRIVATE_JWK, 1},
        {ferrojwt_key_from_jwk, K_EC256_PUBLIC_JWK, 0}, {ferrojwt_key_from_jwk, K_EC256_PRIVATE_JWK, 1},
        {ferrojwt_key_from_jwk, K_ED_PUBLIC_JWK, 0},   {ferrojwt_key_from_jwk, K_ED_PRIVATE_JWK, 1},
        {ferrojwt_key_from_jwk, K_OCT_JWK, 1},         {ferrojwt_key_parse, K_ED_PRIVATE_JWK, 1},
    };
    size_t i;

    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        ferrojwt_key *key = load(good[i].ctor, good[i].file, FERROJWT_STATUS_OK);
        if (key != NULL) {
            CHECK(can_sign(key) == good[i].can_sign);
            ferrojwt_key_free(key);
        }
    }
    for (i = 0; i < sizeof jwks / sizeof jwks[0]; i++) {
        ferrojwt_key *key = from_text(jwks[i].ctor, jwks[i].text);
        if (key != NULL) {
            CHECK(can_sign(key) == jwks[i].can_sign);
            ferrojwt_key_free(key);
        }
    }
    /* The wrong constructor for a form is a format error, never a crash or a guess. */
    load(ferrojwt_key_from_der, "rsa2048.pkcs8.pem", FERROJWT_STATUS_INVALID_KEY_FORMAT);
    load(ferrojwt_key_from_pem, "rsa2048.pkcs8.der", FERROJWT_STATUS_INVALID_KEY_FORMAT);
    load(ferrojwt_key_from_jwk, "ec_p256.spki.pem", FERROJWT_STATUS_INVALID_KEY_FORMAT);
    /* Refused keys: too small RSA, an unsupported curve. */
    load(ferrojwt_key_from_pem, "rsa1024.pkcs8.pem", FERROJWT_STATUS_INVALID_KEY);
    load(ferrojwt_key_parse, "rsa1024.spki.pem", FERROJWT_STATUS_INVALID_KEY);
    load(ferrojwt_key_from_pem, "ed448.pkcs8.pem", FERROJWT_STATUS_INVALID_KEY_FORMAT);
}

static void test_key_errors(void) {
    static const key_ctor ctors[] = {ferrojwt_key_from_secret, ferrojwt_key_from_pem,
                                     ferrojwt_key_from_der, ferrojwt_key_from_jwk,
                                     ferrojwt_key_parse};
    static const key_ctor parsers[] = {ferrojwt_key_from_pem, ferrojwt_key_from_der,
                                       ferrojwt_key_from_jwk, ferrojwt_key_parse};
    static const char *const invalid[] = {
        "not a key", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n",
        "{\"kty\":\"RSA\"}", "{\"kty\":\"EC\",\"crv\":\"P-999\"}", "\x30\x03\x02\x01\x00", "{"};
    ferrojwt_key *key = UNTOUCHED_AS(ferrojwt_key);
    bool answer = true;
    size_t i, j;

    for (i = 0; i < sizeof ctors / sizeof ctors[0]; i++) {
        CHECK_STATUS(ctors[i](NULL, 5, &key), FERROJWT_STATUS_NULL_ARGUMENT);
        CHECK_STATUS(ctors[i](NULL, 0, &key), FERROJWT_STATUS_NULL_ARGUMENT);
        CHECK_STATUS(ctors[i](bytes(K_ED_PUBLIC_JWK), strlen(K_ED_PUBLIC_JWK), NULL),
                     FERROJWT_STATUS_NULL_ARGUMENT);
        CHECK_STATUS(ctors[i](bytes("x"), SIZE_MAX, &key), FERROJWT_STATUS_INVALID_ARGUMENT);
    }
    for (i = 0; i < sizeof parsers / sizeof parsers[0]; i++) {
        for (j = 0; j < sizeof invalid / sizeof invalid[0]; j++) {
            CHECK_STATUS(parsers[i](bytes(invalid[j]), strlen(invalid[j]), &key),
                         FERROJWT_STATUS_INVALID_KEY_FORMAT);
        }
        /* Empty input parses as nothing. */
        CHECK_STATUS(parsers[i](bytes(""), 0, &key), FERROJWT_STATUS_INVALID_KEY_FORMAT);
    }
    CHECK(key == UNTOUCHED_AS(ferrojwt_key));

    /* JSON input must be UTF-8; PEM text that is not is simply not PEM. */
    CHECK_STATUS(ferrojwt_key_from_jwk(bytes("{\"kty\":\"\xff\"}"), 11, &key), FERROJWT_STATUS_INVALID_UTF8);
    last_error_contains("jwk_json is not valid UTF-8");
    CHECK_STATUS(ferrojwt_key_from_pem(bytes("-----BEGIN \xff"), 12, &key),
                 FERROJWT_STATUS_INVALID_KEY_FORMAT);
    /* JWK restrictions. */
    {
        const char *enc = "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"use\":\"enc\"}";
        CHECK_STATUS(ferrojwt_key_from_jwk(bytes(enc), strlen(enc), &key), FERROJWT_STATUS_INVALID_KEY);
    }
    CHECK(key == UNTOUCHED_AS(ferrojwt_key));

    CHECK_STATUS(ferrojwt_key_can_sign(NULL, &answer), FERROJWT_STATUS_NULL_ARGUMENT);
    key = from_text(ferrojwt_key_from_jwk, K_ED_PUBLIC_JWK);
    CHECK_STATUS(ferrojwt_key_can_sign(key, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK(answer == true);
    ferrojwt_key_free(key);
    ferrojwt_key_free(NULL);
}

static void test_asymmetric_signing(void) {
    ferrojwt_key *rsa = load(ferrojwt_key_from_pem, "rsa2048.pkcs8.pem", FERROJWT_STATUS_OK);
    ferrojwt_key *rsa_der = load(ferrojwt_key_from_der, "rsa2048.pkcs8.der", FERROJWT_STATUS_OK);
    ferrojwt_key *rsa_jwk = from_text(ferrojwt_key_from_jwk, K_RSA_PRIVATE_JWK);
    ferrojwt_key *rsa_public = load(ferrojwt_key_from_pem, "rsa2048.spki.pem", FERROJWT_STATUS_OK);
    ferrojwt_key *ed = load(ferrojwt_key_parse, "ed25519.pkcs8.pem", FERROJWT_STATUS_OK);
    ferrojwt_key *ed_jwk = from_text(ferrojwt_key_from_jwk, K_ED_PRIVATE_JWK);
    ferrojwt_key *ed_public = load(ferrojwt_key_from_pem, "ed25519.spki.pem", FERROJWT_STATUS_OK);
    ferrojwt_key *ec256 = load(ferrojwt_key_from_pem, "ec_p256.sec1.pem", FERROJWT_STATUS_OK);
    ferrojwt_key *ec256_public = from_text(ferrojwt_key_from_jwk, K_EC256_PUBLIC_JWK);
    ferrojwt_key *ec521 = load(ferrojwt_key_from_pem, "ec_p521.pkcs8.pem", FERROJWT_STATUS_OK);
    ferrojwt_key *ec521_public = load(ferrojwt_key_parse, "ec_p521.spki.pem", FERROJWT_STATUS_OK);
    ferrojwt_key *secret = NULL;
    ferrojwt_verifier *verifier;
    ferrojwt_signer *signer = UNTOUCHED_AS(ferrojwt_signer);
    char *token;

    CHECK_STATUS(ferrojwt_key_from_secret(bytes("secret"), 6, &secret), FERROJWT_STATUS_OK);

    /* Deterministic algorithms: byte-identical to pyca/cryptography's tokens, from every form. */
    token = sign_with(rsa, "RS256", NULL);
    CHECK_STR(token, K_RS256);
    ferrojwt_string_free(token);
    token = sign_with(rsa_der, "RS256", "rsa-1");
    CHECK_STR(token, K_RS256_KID);
    ferrojwt_string_free(token);
    token = sign_with(rsa_jwk, "RS256", NULL); /* the JWK's kid is written */
    CHECK_STR(token, K_RS256_KID);
    ferrojwt_string_free(token);
    {
        ferrojwt_key *ssh_private = load(ferrojwt_key_from_pem, "ssh_rsa.pkcs1.pem", FERROJWT_STATUS_OK);
        ferrojwt_key *ssh_public = load(ferrojwt_key_parse, "ssh_rsa.pub.txt", FERROJWT_STATUS_OK);
        token = sign_with(ssh_private, "RS256", NULL);
        CHECK_STR(token, K_RS256_SSH);
        verifier = verifier_for_key(ssh_public);
        expect_verify(verifier, token, FERROJWT_STATUS_OK, "OpenSSH public key");
        expect_verify(verifier, K_RS256, FERROJWT_STATUS_INVALID_SIGNATURE, "another RSA key");
        ferrojwt_verifier_free(verifier);
        ferrojwt_string_free(token);
        ferrojwt_key_free(ssh_private);
        ferrojwt_key_free(ssh_public);
    }
    token = sign_with(ed, "EdDSA", NULL);
    CHECK_STR(token, K_EDDSA);
    ferrojwt_string_free(token);
    token = sign_with(ed_jwk, "EdDSA", NULL);
    CHECK_STR(token, K_EDDSA_KID);
    ferrojwt_string_free(token);
    token = sign_with(ed, "EdDSA", "ed-1");
    CHECK_STR(token, K_EDDSA_KID);
    ferrojwt_string_free(token);

    /* Randomized algorithms: round trips through the public keys. */
    verifier = verifier_for_key(rsa_public);
    token = sign_with(rsa, "PS256", NULL);
    expect_verify(verifier, token, FERROJWT_STATUS_OK, "PS256 round trip");
    ferrojwt_string_free(token);
    token = sign_with(rsa_jwk, "PS512", NULL);
    expect_verify(verifier, token, FERROJWT_STATUS_OK, "PS512 round trip");
    ferrojwt_string_free(token);
    token = sign_with(rsa, "RS384", NULL);
    expect_verify(verifier, token, FERROJWT_STATUS_OK, "RS384 round trip");
    ferrojwt_string_free(token);
    ferrojwt_verifier_free(verifier);

    verifier = verifier_for_key(ec256_public);
    token = sign_with(ec256, "ES256", "ec-1");
    expect_verify(verifier, token, FERROJWT_STATUS_OK, "ES256 round trip");
    ferrojwt_string_free(token);
    ferrojwt_verifier_free(verifier);

    verifier = verifier_for_key(ec521_public);
    token = sign_with(ec521, "ES512", NULL);
    expect_verify(verifier, token, FERROJWT_STATUS_OK, "ES512 (P-521) round trip");
    ferrojwt_string_free(token);
    ferrojwt_verifier_free(verifier);

    /* A private key verifies with its public half. */
    verifier = verifier_for_key(ed);
    expect_verify(verifier, K_EDDSA, FERROJWT_STATUS_OK, "EdDSA with the private key");
    ferrojwt_verifier_free(verifier);

    /* Refused signers: public keys, other families, other curves, unknown names. */
    CHECK_STATUS(ferrojwt_signer_new(rsa_public, "RS256", &signer), FERROJWT_STATUS_INVALID_KEY);
    last_error_contains("cannot sign");
    CHECK_STATUS(ferrojwt_signer_new(ed_public, "EdDSA", &signer), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_signer_new(rsa, "ES256", &signer), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_signer_new(rsa, "HS256", &signer), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_signer_new(ec256, "ES384", &signer), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_signer_new(ec521, "ES256", &signer), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_signer_new(ed, "RS256", &signer), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_signer_new(secret, "EdDSA", &signer), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_signer_new(ed, "Ed25519", &signer), FERROJWT_STATUS_INVALID_ALGORITHM);
    CHECK_STATUS(ferrojwt_signer_new(ed, "eddsa", &signer), FERROJWT_STATUS_INVALID_ALGORITHM);
    CHECK(signer == UNTOUCHED_AS(ferrojwt_signer));

    /* Verification with the wrong key or family. */
    verifier = verifier_for_key(ed_public);
    expect_verify(verifier, K_RS256, FERROJWT_STATUS_INVALID_KEY, "RS256 with an Ed25519 key");
    ferrojwt_verifier_free(verifier);
    verifier = verifier_for_key(secret);
    expect_verify(verifier, K_EDDSA, FERROJWT_STATUS_INVALID_KEY, "EdDSA with a secret");
    ferrojwt_verifier_free(verifier);
    verifier = verifier_for_key(ec521_public);
    expect_verify(verifier, K_ES256_KID, FERROJWT_STATUS_INVALID_KEY, "ES256 with a P-521 key");
    expect_verify(verifier, K_ES512, FERROJWT_STATUS_OK, "ES512 from cryptography");
    ferrojwt_verifier_free(verifier);
    verifier = verifier_for_key(rsa_public);
    expect_verify(verifier, K_PS256_KID, FERROJWT_STATUS_OK, "PS256 from cryptography");
    {
        char forged[sizeof K_RS256];
        char *c;
        strcpy(forged, K_RS256);
        c = strrchr(forged, '.') + 5;
        *c = *c == 'A' ? 'B' : 'A';
        expect_verify(verifier, forged, FERROJWT_STATUS_INVALID_SIGNATURE, "forged RS256");
    }
    {
        char *claims = UNTOUCHED_AS(char);
        CHECK_STATUS(ferrojwt_verifier_verify_at(verifier, bytes(K_RS256), strlen(K_RS256), 2000,
                                                 &claims),
                     FERROJWT_STATUS_EXPIRED_SIGNATURE);
        CHECK(claims == UNTOUCHED_AS(char));
    }
    ferrojwt_verifier_free(verifier);

    ferrojwt_key_free(rsa);
    ferrojwt_key_free(rsa_der);
    ferrojwt_key_free(rsa_jwk);
    ferrojwt_key_free(rsa_public);
    ferrojwt_key_free(ed);
    ferrojwt_key_free(ed_jwk);
    ferrojwt_key_free(ed_public);
    ferrojwt_key_free(ec256);
    ferrojwt_key_free(ec256_public);
    ferrojwt_key_free(ec521);
    ferrojwt_key_free(ec521_public);
    ferrojwt_key_free(secret);
}

static void test_key_set_from_jwks(void) {
    ferrojwt_key_set *set = NULL;
    ferrojwt_verifier *verifier, *strict = NULL;
    size_t len = 0;

    if (!CHECK_STATUS(ferrojwt_key_set_from_jwks(bytes(K_JWKS), strlen(K_JWKS), &set),
                      FERROJWT_STATUS_OK)) {
        return;
    }
    CHECK_STATUS(ferrojwt_key_set_len(set, &len), FERROJWT_STATUS_OK);
    CHECK(len == 3); /* the unknown kty is skipped */

    verifier = verifier_for_set(set);
    expect_verify(verifier, K_RS256_KID, FERROJWT_STATUS_OK, "kid rsa-1");
    expect_verify(verifier, K_PS256_KID, FERROJWT_STATUS_OK, "kid rsa-1, PS256");
    expect_verify(verifier, K_ES256_KID, FERROJWT_STATUS_OK, "kid ec-1");
    expect_verify(verifier, K_EDDSA_KID, FERROJWT_STATUS_OK, "kid ed-1");
    expect_verify(verifier, K_RS256, FERROJWT_STATUS_OK, "no kid: every fitting key is tried");
    expect_verify(verifier, K_RS256_KID_UNKNOWN, FERROJWT_STATUS_KEY_NOT_FOUND, "kid rsa-9");
    last_error_contains("rsa-9");
    expect_verify(verifier, K_RS256_KID_OF_EC, FERROJWT_STATUS_INVALID_KEY, "RS256 naming ec-1");
    expect_verify(verifier, K_ES512, FERROJWT_STATUS_INVALID_KEY, "no P-521 key in the set");

    /* require kid: a new verifier sees it; the existing one keeps its snapshot. */
    CHECK_STATUS(ferrojwt_key_set_set_require_kid(set, true), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_verifier_new_keyset(set, FERROJWT_PROFILE_STRICT, &strict),
                 FERROJWT_STATUS_OK);
    /* The set may go before its verifiers. */
    ferrojwt_key_set_free(set);
    if (strict != NULL) {
        add_all_algorithms(strict);
        expect_verify(strict, K_RS256, FERROJWT_STATUS_KEY_NOT_FOUND, "kid required");
        last_error_contains("kid");
        expect_verify(strict, K_EDDSA_KID, FERROJWT_STATUS_OK, "kid given");
        ferrojwt_verifier_free(strict);
    }
    expect_verify(verifier, K_RS256, FERROJWT_STATUS_OK, "snapshot taken before require kid");
    ferrojwt_verifier_free(verifier);
}

static void test_key_set_building(void) {
    ferrojwt_key *rsa_public = load(ferrojwt_key_from_pem, "rsa2048.spki.pem", FERROJWT_STATUS_OK);
    ferrojwt_key *ed_jwk = from_text(ferrojwt_key_from_jwk, K_ED_PUBLIC_JWK);
    ferrojwt_key *ec = load(ferrojwt_key_from_pem, "ec_p256.spki.pem", FERROJWT_STATUS_OK);
    ferrojwt_key *secret = NULL, *oct = NULL;
    ferrojwt_key_set *set = NULL, *hmac = NULL, *empty = NULL;
    ferrojwt_verifier *verifier;
    size_t len = 99;

    CHECK_STATUS(ferrojwt_key_from_secret(bytes(K_OCT_SECRET), strlen(K_OCT_SECRET), &secret),
                 FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_set_new(&set), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_set_len(set, &len), FERROJWT_STATUS_OK);
    CHECK(len == 0);
    CHECK_STATUS(ferrojwt_key_set_add(set, rsa_public, "rsa-1"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_set_add(set, ed_jwk, NULL), FERROJWT_STATUS_OK); /* keeps "ed-1" */
    CHECK_STATUS(ferrojwt_key_set_add(set, ec, "ec-1"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_set_add(set, ec, "ec-2"), FERROJWT_STATUS_OK); /* same key, new kid */

    /* Refusals leave the set as it was. */
    CHECK_STATUS(ferrojwt_key_set_add(set, rsa_public, "ec-1"), FERROJWT_STATUS_INVALID_KEY);
    last_error_contains("duplicate kid");
    CHECK_STATUS(ferrojwt_key_set_add(set, ed_jwk, NULL), FERROJWT_STATUS_INVALID_KEY);
    CHECK_STATUS(ferrojwt_key_set_add(set, secret, "hs"), FERROJWT_STATUS_INVALID_KEY);
    last_error_contains("mix");
    CHECK_STATUS(ferrojwt_key_set_add(set, rsa_public, "\xff\xfe"), FERROJWT_STATUS_INVALID_UTF8);
    CHECK_STATUS(ferrojwt_key_set_add(NULL, rsa_public, "k"), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_key_set_add(set, NULL, "k"), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_key_set_len(set, &len), FERROJWT_STATUS_OK);
    CHECK(len == 4);

    /* The set keeps its own references: the keys can go now. */
    ferrojwt_key_free(rsa_public);
    ferrojwt_key_free(ed_jwk);
    ferrojwt_key_free(ec);
    rsa_public = ed_jwk = ec = NULL;

    verifier = verifier_for_set(set);
    expect_verify(verifier, K_RS256_KID, FERROJWT_STATUS_OK, "built set, rsa-1");
    expect_verify(verifier, K_EDDSA_KID, FERROJWT_STATUS_OK, "built set, the JWK's own kid");
    expect_verify(verifier, K_ES256_KID, FERROJWT_STATUS_OK, "built set, ec-1");
    expect_verify(verifier, K_RS256_KID_UNKNOWN, FERROJWT_STATUS_KEY_NOT_FOUND, "built set, rsa-9");
    ferrojwt_verifier_free(verifier);

    /* A set of secrets verifies HS tokens by kid. */
    CHECK_STATUS(ferrojwt_key_set_new(&hmac), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_set_add(hmac, secret, "oct-1"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_from_jwk(bytes(K_OCT_JWK), strlen(K_OCT_JWK), &oct), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_set_add(hmac, oct, "oct-2"), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_set_add(hmac, oct, "oct-1"), FERROJWT_STATUS_INVALID_KEY);
    verifier = verifier_for_set(hmac);
    {
        ferrojwt_signer *signer = NULL;
        char *token = NULL;
        CHECK_STATUS(ferrojwt_signer_new(oct, "HS256", &signer), FERROJWT_STATUS_OK);
        CHECK_STATUS(ferrojwt_signer_set_kid(signer, "oct-2"), FERROJWT_STATUS_OK);
        CHECK_STATUS(ferrojwt_signer_sign(signer, bytes(K_CLAIMS), strlen(K_CLAIMS), &token),
                     FERROJWT_STATUS_OK);
        expect_verify(verifier, token, FERROJWT_STATUS_OK, "HS256 kid oct-2");
        ferrojwt_string_free(token);
        token = NULL;
        CHECK_STATUS(ferrojwt_signer_set_kid(signer, "oct-3"), FERROJWT_STATUS_OK);
        CHECK_STATUS(ferrojwt_signer_sign(signer, bytes(K_CLAIMS), strlen(K_CLAIMS), &token),
                     FERROJWT_STATUS_OK);
        expect_verify(verifier, token, FERROJWT_STATUS_KEY_NOT_FOUND, "HS256 kid oct-3");
        ferrojwt_string_free(token);
        ferrojwt_signer_free(signer);
    }
    expect_verify(verifier, K_RS256_KID, FERROJWT_STATUS_KEY_NOT_FOUND, "kid rsa-1 not a secret's");
    expect_verify(verifier, K_RS256, FERROJWT_STATUS_INVALID_KEY, "RS256 against secrets");
    ferrojwt_verifier_free(verifier);

    /* An empty set verifies nothing. */
    CHECK_STATUS(ferrojwt_key_set_new(&empty), FERROJWT_STATUS_OK);
    verifier = verifier_for_set(empty);
    expect_verify(verifier, K_RS256, FERROJWT_STATUS_KEY_NOT_FOUND, "empty set");
    ferrojwt_verifier_free(verifier);

    ferrojwt_key_set_free(set);
    ferrojwt_key_set_free(hmac);
    ferrojwt_key_set_free(empty);
    ferrojwt_key_free(secret);
    ferrojwt_key_free(oct);
}

static void test_key_set_errors(void) {
    static const char *const bad_format[] = {
        "not json", "{}", "{\"keys\":{}}", "{\"keys\":[1]}", "[]",
        "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\"}]}",
        "{\"keys\":[],\"keys\":[]}"};
    ferrojwt_key_set *set = UNTOUCHED_AS(ferrojwt_key_set);
    ferrojwt_verifier *verifier = UNTOUCHED_AS(ferrojwt_verifier);
    size_t len = 77, i;
    char dup[4096];

    for (i = 0; i < sizeof bad_format / sizeof bad_format[0]; i++) {
        CHECK_STATUS(ferrojwt_key_set_from_jwks(bytes(bad_format[i]), strlen(bad_format[i]), &set),
                     FERROJWT_STATUS_INVALID_KEY_FORMAT);
    }
    CHECK_STATUS(ferrojwt_key_set_from_jwks(bytes("{\"keys\":[\"\xff\"]}"), 14, &set),
                 FERROJWT_STATUS_INVALID_UTF8);
    CHECK_STATUS(ferrojwt_key_set_from_jwks(NULL, 4, &set), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_key_set_from_jwks(bytes(K_JWKS), strlen(K_JWKS), NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_key_set_from_jwks(bytes(""), 0, &set), FERROJWT_STATUS_INVALID_KEY_FORMAT);
    /* Two entries with one kid. */
    snprintf(dup, sizeof dup, "{\"keys\":[%s,%s]}", K_ED_PUBLIC_JWK, K_ED_PUBLIC_JWK);
    CHECK_STATUS(ferrojwt_key_set_from_jwks(bytes(dup), strlen(dup), &set), FERROJWT_STATUS_INVALID_KEY);
    last_error_contains("entry 1");
    /* A secret and a public key. */
    snprintf(dup, sizeof dup, "{\"keys\":[%s,%s]}", K_OCT_JWK, K_ED_PUBLIC_JWK);
    CHECK_STATUS(ferrojwt_key_set_from_jwks(bytes(dup), strlen(dup), &set), FERROJWT_STATUS_INVALID_KEY);
    CHECK(set == UNTOUCHED_AS(ferrojwt_key_set));

    CHECK_STATUS(ferrojwt_key_set_new(NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_key_set_len(NULL, &len), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_key_set_set_require_kid(NULL, true), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_new_keyset(NULL, FERROJWT_PROFILE_PYJWT1, &verifier),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    set = NULL;
    CHECK_STATUS(ferrojwt_key_set_new(&set), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_key_set_len(set, NULL), FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_new_keyset(set, FERROJWT_PROFILE_PYJWT1, NULL),
                 FERROJWT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ferrojwt_verifier_new_keyset(set, 7, &verifier), FERROJWT_STATUS_INVALID_ARGUMENT);
    last_error_contains("unknown profile 7");
    CHECK(verifier == UNTOUCHED_AS(ferrojwt_verifier));
    CHECK(len == 77);
    /* A verifier from a set still needs its algorithm allow-list. */
    verifier = NULL;
    CHECK_STATUS(ferrojwt_verifier_new_keyset(set, FERROJWT_PROFILE_PYJWT1, &verifier),
                 FERROJWT_STATUS_OK);
    {
        char *claims = UNTOUCHED_AS(char);
        CHECK_STATUS(ferrojwt_verifier_verify_at(verifier, bytes(K_RS256), strlen(K_RS256), 1500,
                                                 &claims),
                     FERROJWT_STATUS_INVALID_ARGUMENT);
        CHECK(claims == UNTOUCHED_AS(char));
    }
    ferrojwt_verifier_free(verifier);
    ferrojwt_key_set_free(set);
    ferrojwt_key_set_free(NULL);
}

static void test_asymmetric_refresh(void) {
    ferrojwt_key *ed = from_text(ferrojwt_key_from_jwk, K_ED_PRIVATE_JWK);
    ferrojwt_key *ed_public = load(ferrojwt_key_from_pem, "ed25519.spki.pem", FERROJWT_STATUS_OK);
    ferrojwt_key_set *set = NULL;
    ferrojwt_signer *signer = NULL;
    ferrojwt_verifier *one = NULL, *many = NULL;
    ferrojwt_refresh_policy *policy = NULL;
    const char *stamped = K_ED_STAMPED_KID;
    char *token = NULL;

    CHECK_STATUS(ferrojwt_key_set_from_jwks(bytes(K_JWKS), strlen(K_JWKS), &set), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_signer_new(ed, "EdDSA", &signer), FERROJWT_STATUS_OK);
    CHECK_STATUS(ferrojwt_refresh_policy_new(300, 1000, &policy), FERROJWT_STATUS_OK);
    one = verifier_for_key(ed_public);
    many = verifier_for_set(set);

    /* Verify with the public key (or the set, by kid), sign with the private key. */
    if (CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, one, signer, bytes(stamped),
                                                        strlen(stamped), 1000100, &token),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(token, K_ED_REFRESHED_KID);
        ferrojwt_string_free(token);
        token = NULL;
    }
    if (CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, many, signer, bytes(stamped),
                                                        strlen(stamped), 1000100, &token),
                     FERROJWT_STATUS_OK)) {
        CHECK_STR(token, K_ED_REFRESHED_KID);
        ferrojwt_string_free(token);
        token = NULL;
    }
    /* Expired (exp 1000300), unless allowed; then the window (orig_iat + 1000) still applies. */
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, many, signer, bytes(stamped),
                                                    strlen(stamped), 1000300, &token),
                 FERROJWT_STATUS_EXPIRED_SIGNATURE);
    CHECK_STATUS(ferrojwt_refresh_policy_set_allow_expired(policy, true), FERROJWT_STATUS_OK);
    if (CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, many, signer, bytes(stamped),
                                                        strlen(stamped), 1000900, &token),
                     FERROJWT_STATUS_OK)) {
        ferrojwt_string_free(token);
        token = NULL;
    }
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, many, signer, bytes(stamped),
                                                    strlen(stamped), 1001001, &token),
                 FERROJWT_STATUS_REFRESH_EXPIRED);
    /* The set's kid rules apply to refresh too. */
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, many, signer, bytes(K_RS256_KID_UNKNOWN),
                                                    strlen(K_RS256_KID_UNKNOWN), 1500, &token),
                 FERROJWT_STATUS_KEY_NOT_FOUND);
    /* Has no orig_iat. */
    CHECK_STATUS(ferrojwt_refresh_policy_refresh_at(policy, many, signer, bytes(K_EDDSA_KID),
                                                    strlen(K_EDDSA_KID), 1500, &token),
                 FERROJWT_STATUS_MISSING_ORIG_IAT);
    CHECK(token == NULL);

    ferrojwt_refresh_policy_free(policy);
    ferrojwt_verifier_free(one);
    ferrojwt_verifier_free(many);
    ferrojwt_signer_free(signer);
    ferrojwt_key_set_free(set);
    ferrojwt_key_free(ed);
    ferrojwt_key_free(ed_public);
}

int main(void) {
    test_key_forms();
    test_key_errors();
    test_asymmetric_signing();
    test_key_set_from_jwks();
    test_key_set_building();
    test_key_set_errors();
    test_asymmetric_refresh();
    return check_summary("keys");
}
