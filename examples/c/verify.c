/* ferrojwt-verify: checks a JWT with a key file and prints its claims.
 *
 *   verify (--key FILE | --secret FILE) [--alg ALG[,ALG...]]... [--require-kid]
 *          [--audience AUD]... [--issuer ISS] [--leeway SECONDS] [--require CLAIM]...
 *          [--strict] [--now EPOCH] [TOKEN]
 *
 * --key FILE takes any key file, recognised by its content: a JWK Set ({"keys": [...]}; the
 * token's kid selects the key, --require-kid refuses tokens without one), a JWK, PEM (private
 * key, public key or certificate), an OpenSSH public key, DER; anything else is an HMAC secret.
 * --secret FILE always takes the file as an HMAC secret. A secret is the file's exact bytes
 * (write it with printf, not echo, unless the secret really ends in a newline).
 *
 * --alg lists the accepted algorithms (repeat it or separate them with commas: RS256,ES256).
 * It defaults to HS256 for a secret and is required for every other key. The token is the last
 * argument, or read from standard input when absent or "-".
 *
 * Output: the verified claims as JSON on stdout, or "Kind: message" on stderr.
 * Exit status: 0 valid; otherwise the ferrojwt_status number (7 expired, 6 bad signature, ...,
 * see include/ferrojwt.h); 64 usage error; 66 unreadable input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferrojwt.h"

#define EXIT_USAGE 64
#define EXIT_NO_INPUT 66
#define MAX_INPUT (1024 * 1024)

static int usage(const char *why) {
    fprintf(stderr,
            "verify: %s\n"
            "usage: verify (--key FILE | --secret FILE) [--alg ALG[,ALG...]]... [--require-kid]\n"
            "              [--audience AUD]... [--issuer ISS] [--leeway SECONDS]\n"
            "              [--require CLAIM]... [--strict] [--now EPOCH] [TOKEN|-]\n",
            why);
    return EXIT_USAGE;
}

/* Reads a whole file (or stdin for "-") into a malloc'd buffer; NULL on failure. */
static unsigned char *read_all(const char *path, size_t *len) {
    FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    unsigned char *buf;
    size_t n;

    if (file == NULL) {
        fprintf(stderr, "verify: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    buf = malloc(MAX_INPUT + 1);
    if (buf == NULL) {
        fprintf(stderr, "verify: out of memory\n");
    } else {
        n = fread(buf, 1, MAX_INPUT + 1, file);
        if (ferror(file) || n > MAX_INPUT) {
            fprintf(stderr, "verify: cannot read %s (or it is over 1 MiB)\n", path);
            free(buf);
            buf = NULL;
        } else {
            *len = n;
        }
    }
    if (file != stdin) {
        fclose(file);
    }
    return buf;
}

/* Prints the failed call's status name and message; returns the status as the exit code. */
static int fail(ferrojwt_status status) {
    char message[1024];
    if (ferrojwt_last_error_message(message, sizeof message, NULL) != FERROJWT_STATUS_OK) {
        message[0] = '\0';
    }
    fprintf(stderr, "%s: %s\n", ferrojwt_status_str(status), message);
    return (int)status;
}

/* Whether `data` starts, after white space, with `prefix`. */
static int starts_with(const unsigned char *data, size_t len, const char *prefix) {
    size_t n = strlen(prefix);
    while (len > 0 && strchr(" \t\r\n", *data) != NULL) {
        data++;
        len--;
    }
    return len >= n && memcmp(data, prefix, n) == 0;
}

/* Whether `needle` occurs in the first `len` bytes of `data`. */
static int contains(const unsigned char *data, size_t len, const char *needle) {
    size_t n = strlen(needle), i;
    for (i = 0; i + n <= len; i++) {
        if (memcmp(data + i, needle, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Creates the verifier for the key file: a key set for a JWK Set, otherwise one key, parsed as
 * ferrojwt_key_parse recognises it or, failing that (or with --secret), as an HMAC secret. */
static ferrojwt_status new_verifier(const unsigned char *data, size_t len, int force_secret,
                                    int require_kid, uint32_t profile, int *is_secret,
                                    ferrojwt_verifier **verifier) {
    ferrojwt_status status;
    *is_secret = 0;
    if (!force_secret && starts_with(data, len, "{") && contains(data, len, "\"keys\"")) {
        ferrojwt_key_set *set = NULL;
        status = ferrojwt_key_set_from_jwks(data, len, &set);
        if (status == FERROJWT_STATUS_OK) {
            status = ferrojwt_key_set_set_require_kid(set, require_kid != 0);
        }
        if (status == FERROJWT_STATUS_OK) {
            status = ferrojwt_verifier_new_keyset(set, profile, verifier);
        }
        ferrojwt_key_set_free(set);
    } else {
        ferrojwt_key *key = NULL;
        status = force_secret ? FERROJWT_STATUS_INVALID_KEY_FORMAT
                              : ferrojwt_key_parse(data, len, &key);
        /* Key text that is recognisably PEM, OpenSSH or JSON but broken is an error, never a
         * secret; anything else that is not a key is. */
        if (status == FERROJWT_STATUS_INVALID_KEY_FORMAT &&
            (force_secret || !(starts_with(data, len, "-----BEGIN") ||
                               starts_with(data, len, "ssh-") || starts_with(data, len, "{")))) {
            status = ferrojwt_key_from_secret(data, len, &key);
            *is_secret = 1;
        }
        if (status == FERROJWT_STATUS_OK) {
            status = ferrojwt_verifier_new(key, profile, verifier);
        }
        ferrojwt_key_free(key);
    }
    return status;
}

/* Adds each name of a comma-separated list to the allow-list. */
static ferrojwt_status add_algorithms(ferrojwt_verifier *verifier, const char *list) {
    char name[32];
    ferrojwt_status status = FERROJWT_STATUS_OK;
    while (status == FERROJWT_STATUS_OK) {
        size_t n = strcspn(list, ",");
        if (n >= sizeof name) {
            n = sizeof name - 1; /* the truncated name is refused as unknown */
        }
        memcpy(name, list, n);
        name[n] = '\0';
        status = ferrojwt_verifier_add_algorithm(verifier, name);
        list += strcspn(list, ",");
        if (*list != ',') {
            break;
        }
        list++;
    }
    return status;
}

static int parse_double(const char *text, double *out) {
    char *end = NULL;
    errno = 0;
    *out = strtod(text, &end);
    return errno == 0 && end != text && *end == '\0';
}

int main(int argc, char **argv) {
    const char *key_path = NULL;
    const char *token_arg = "-";
    const char *issuer = NULL;
    const char *algorithms[16];
    const char *audiences[16];
    const char *required[16];
    size_t n_algorithms = 0, n_audiences = 0, n_required = 0, i;
    double leeway = 0, now = 0;
    int have_now = 0, strict = 0, force_secret = 0, require_kid = 0, is_secret = 0, rc;
    unsigned char *key_data = NULL, *token = NULL;
    size_t key_len = 0, token_len = 0;
    ferrojwt_verifier *verifier = NULL;
    ferrojwt_status status;
    char *claims = NULL;

    for (i = 1; i < (size_t)argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < (size_t)argc ? argv[i + 1] : NULL;
        int takes_value = strcmp(arg, "--key") == 0 || strcmp(arg, "--secret") == 0 ||
                          strcmp(arg, "--alg") == 0 ||
                          strcmp(arg, "--audience") == 0 || strcmp(arg, "--issuer") == 0 ||
                          strcmp(arg, "--leeway") == 0 || strcmp(arg, "--require") == 0 ||
                          strcmp(arg, "--now") == 0;
        if (takes_value && value == NULL) {
            return usage("missing value after an option");
        }
        if (strcmp(arg, "--key") == 0 || strcmp(arg, "--secret") == 0) {
            key_path = value;
            force_secret = strcmp(arg, "--secret") == 0;
        } else if (strcmp(arg, "--alg") == 0 && n_algorithms < 16) {
            algorithms[n_algorithms++] = value;
        } else if (strcmp(arg, "--audience") == 0 && n_audiences < 16) {
            audiences[n_audiences++] = value;
        } else if (strcmp(arg, "--require") == 0 && n_required < 16) {
            required[n_required++] = value;
        } else if (strcmp(arg, "--issuer") == 0) {
            issuer = value;
        } else if (strcmp(arg, "--leeway") == 0) {
            if (!parse_double(value, &leeway)) {
                return usage("--leeway needs a number of seconds");
            }
        } else if (strcmp(arg, "--now") == 0) {
            if (!parse_double(value, &now)) {
                return usage("--now needs seconds since the epoch");
            }
            have_now = 1;
        } else if (strcmp(arg, "--strict") == 0) {
            strict = 1;
            continue;
        } else if (strcmp(arg, "--require-kid") == 0) {
            require_kid = 1;
            continue;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage("verify a JWT and print its claims");
            return 0;
        } else if (arg[0] == '-' && arg[1] == '-') {
            return usage("unknown option (or too many repetitions of one)");
        } else if (i + 1 == (size_t)argc) {
            token_arg = arg;
            continue;
        } else {
            return usage("the token must be the last argument");
        }
        i++; /* the option's value */
    }
    if (key_path == NULL) {
        return usage("--key FILE (or --secret FILE) is required");
    }

    key_data = read_all(key_path, &key_len);
    if (key_data == NULL) {
        return EXIT_NO_INPUT;
    }
    if (strcmp(token_arg, "-") == 0) {
        token = read_all("-", &token_len);
        if (token == NULL) {
            free(key_data);
            return EXIT_NO_INPUT;
        }
        /* Tokens never contain whitespace; a trailing newline from a pipe is not part of it. */
        while (token_len > 0 && strchr(" \t\r\n", token[token_len - 1]) != NULL) {
            token_len--;
        }
    }

    status = new_verifier(key_data, key_len, force_secret, require_kid,
                          strict ? FERROJWT_PROFILE_STRICT : FERROJWT_PROFILE_PYJWT1, &is_secret,
                          &verifier);
    if (status == FERROJWT_STATUS_OK && n_algorithms == 0) {
        if (!is_secret) {
            ferrojwt_verifier_free(verifier);
            free(token);
            free(key_data);
            return usage("--alg ALG is required with a public/private key or a key set");
        }
        algorithms[n_algorithms++] = "HS256";
    }
    for (i = 0; status == FERROJWT_STATUS_OK && i < n_algorithms; i++) {
        status = add_algorithms(verifier, algorithms[i]);
    }
    for (i = 0; status == FERROJWT_STATUS_OK && i < n_audiences; i++) {
        status = ferrojwt_verifier_add_audience(verifier, audiences[i]);
    }
    for (i = 0; status == FERROJWT_STATUS_OK && i < n_required; i++) {
        status = ferrojwt_verifier_add_required_claim(verifier, required[i]);
    }
    if (status == FERROJWT_STATUS_OK && issuer != NULL) {
        status = ferrojwt_verifier_set_issuer(verifier, issuer);
    }
    if (status == FERROJWT_STATUS_OK) {
        status = ferrojwt_verifier_set_leeway(verifier, leeway);
    }
    if (status == FERROJWT_STATUS_OK) {
        const uint8_t *t = token != NULL ? token : (const uint8_t *)token_arg;
        size_t t_len = token != NULL ? token_len : strlen(token_arg);
        status = have_now ? ferrojwt_verifier_verify_at(verifier, t, t_len, now, &claims)
                          : ferrojwt_verifier_verify(verifier, t, t_len, &claims);
    }

    if (status == FERROJWT_STATUS_OK) {
        printf("%s\n", claims);
        rc = 0;
    } else {
        rc = fail(status);
    }

    ferrojwt_string_free(claims);
    ferrojwt_verifier_free(verifier);
    free(token);
    free(key_data);
    return rc;
}
