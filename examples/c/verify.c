/* ferrojwt-verify: checks a JWT with a shared secret and prints its claims.
 *
 *   verify --key FILE [--alg ALG]... [--audience AUD]... [--issuer ISS] [--leeway SECONDS]
 *          [--require CLAIM]... [--strict] [--now EPOCH] [TOKEN]
 *
 * The key file's exact bytes are the HMAC secret (write it with printf, not echo, unless the
 * secret really ends in a newline). The token is the last argument, or read from standard input
 * when absent or "-". Algorithms default to HS256.
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
            "usage: verify --key FILE [--alg ALG]... [--audience AUD]... [--issuer ISS]\n"
            "              [--leeway SECONDS] [--require CLAIM]... [--strict] [--now EPOCH]"
            " [TOKEN|-]\n",
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
    int have_now = 0, strict = 0, rc;
    unsigned char *secret = NULL, *token = NULL;
    size_t secret_len = 0, token_len = 0;
    ferrojwt_key *key = NULL;
    ferrojwt_verifier *verifier = NULL;
    ferrojwt_status status;
    char *claims = NULL;

    for (i = 1; i < (size_t)argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < (size_t)argc ? argv[i + 1] : NULL;
        int takes_value = strcmp(arg, "--key") == 0 || strcmp(arg, "--alg") == 0 ||
                          strcmp(arg, "--audience") == 0 || strcmp(arg, "--issuer") == 0 ||
                          strcmp(arg, "--leeway") == 0 || strcmp(arg, "--require") == 0 ||
                          strcmp(arg, "--now") == 0;
        if (takes_value && value == NULL) {
            return usage("missing value after an option");
        }
        if (strcmp(arg, "--key") == 0) {
            key_path = value;
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
        return usage("--key FILE is required");
    }
    if (n_algorithms == 0) {
        algorithms[n_algorithms++] = "HS256";
    }

    secret = read_all(key_path, &secret_len);
    if (secret == NULL) {
        return EXIT_NO_INPUT;
    }
    if (strcmp(token_arg, "-") == 0) {
        token = read_all("-", &token_len);
        if (token == NULL) {
            free(secret);
            return EXIT_NO_INPUT;
        }
        /* Tokens never contain whitespace; a trailing newline from a pipe is not part of it. */
        while (token_len > 0 && strchr(" \t\r\n", token[token_len - 1]) != NULL) {
            token_len--;
        }
    }

    status = ferrojwt_key_from_secret(secret, secret_len, &key);
    if (status == FERROJWT_STATUS_OK) {
        status = ferrojwt_verifier_new(key, strict ? FERROJWT_PROFILE_STRICT : FERROJWT_PROFILE_PYJWT1,
                                       &verifier);
    }
    for (i = 0; status == FERROJWT_STATUS_OK && i < n_algorithms; i++) {
        status = ferrojwt_verifier_add_algorithm(verifier, algorithms[i]);
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
    ferrojwt_key_free(key);
    free(token);
    free(secret);
    return rc;
}
