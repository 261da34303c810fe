/* The smallest complete ferrojwt program: sign a claims set with HS256, verify it, print the
 * claims. Build it against an installed library (`make install PREFIX=/opt/ferrojwt`):
 *   export PKG_CONFIG_PATH=/opt/ferrojwt/lib/pkgconfig
 *   cc -std=c99 minimal.c $(pkg-config --cflags --libs ferrojwt) -o minimal
 * or, from the repository root after `make lib`:
 *   cc -std=c99 -Iinclude examples/c/minimal.c target/release/libferrojwt.a \
 *      -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc -o minimal
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ferrojwt.h"

static int fail(const char *what, ferrojwt_status status) {
    char message[256];
    size_t written = 0;
    ferrojwt_last_error_message(message, sizeof message, &written);
    fprintf(stderr, "%s: %s: %s\n", what, ferrojwt_status_str(status), message);
    return 1;
}

int main(void) {
    const char *secret = "a long, random, server-side secret";
    char claims[128];
    ferrojwt_key *key = NULL;
    ferrojwt_signer *signer = NULL;
    ferrojwt_verifier *verifier = NULL;
    char *token = NULL, *verified = NULL;
    ferrojwt_status s;
    int rc = 1;

    snprintf(claims, sizeof claims, "{\"sub\":\"42\",\"exp\":%lld}", (long long)time(NULL) + 300);

    if ((s = ferrojwt_key_from_secret((const uint8_t *)secret, strlen(secret), &key)) != 0) {
        return fail("key", s);
    }
    if ((s = ferrojwt_signer_new(key, "HS256", &signer)) != 0) {
        rc = fail("signer", s);
        goto done;
    }
    if ((s = ferrojwt_signer_sign(signer, (const uint8_t *)claims, strlen(claims), &token)) != 0) {
        rc = fail("sign", s);
        goto done;
    }
    if ((s = ferrojwt_verifier_new(key, FERROJWT_PROFILE_PYJWT1, &verifier)) != 0 ||
        (s = ferrojwt_verifier_add_algorithm(verifier, "HS256")) != 0) {
        rc = fail("verifier", s);
        goto done;
    }
    if ((s = ferrojwt_verifier_verify(verifier, (const uint8_t *)token, strlen(token), &verified)) != 0) {
        rc = fail("verify", s);
        goto done;
    }
    printf("token:  %s\nclaims: %s\n", token, verified);
    rc = 0;
done:
    ferrojwt_string_free(verified);
    ferrojwt_string_free(token);
    ferrojwt_verifier_free(verifier);
    ferrojwt_signer_free(signer);
    ferrojwt_key_free(key);
    return rc;
}
