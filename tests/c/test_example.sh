#!/usr/bin/env bash
# Runs the example CLI verifier (examples/c/verify.c, built by the Makefile with the sanitizers)
# through its documented behaviour: claims out, "Kind: message" on stderr, exit status by kind.
set -u
cd "$(dirname "$0")"
# The command to run: the binary, optionally after a wrapper (valgrind ...).
if (($# == 0)); then set -- build/asan/verify; fi
VERIFY=("$@")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

vector() { sed -n "s/^#define V_$1 \"\\(.*\\)\"\$/\\1/p" fixtures/vectors.h; }
# A fixtures/keys.h string, unescaped (its strings are ASCII with only \" escapes).
kvec() { sed -n "s/^#define K_$1 \"\\(.*\\)\"\$/\\1/p" fixtures/keys.h | sed 's/\\"/"/g'; }
KEYS=../../core/tests/keys

# expect NAME WANT_EXIT WANT_STDOUT WANT_STDERR_PREFIX -- ARGS... (stdin from $STDIN if set)
expect() {
    local name=$1 want_rc=$2 want_out=$3 want_err=$4
    shift 5
    local rc
    if [[ -n ${STDIN-} ]]; then
        printf '%s' "$STDIN" | "${VERIFY[@]}" "$@" >"$WORK/out" 2>"$WORK/err"
        rc=$?
    else
        "${VERIFY[@]}" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
        rc=$?
    fi
    local out err
    out=$(cat "$WORK/out")
    err=$(cat "$WORK/err")
    if [[ $rc == "$want_rc" && $out == "$want_out" && $err == "$want_err"* ]]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL example: $name: exit $rc (want $want_rc)" >&2
        echo "    stdout: $out" >&2
        echo "    stderr: $err" >&2
    fi
}

printf 'secret' >"$WORK/secret"
printf 'wrong' >"$WORK/wrong"
printf -- '-----BEGIN PUBLIC KEY-----\nMIIB\n' >"$WORK/pem"
JOHN=$(vector JOHN_HS256)
TIMED=$(vector TIMED_HS256)

expect "valid token" 0 "$(vector JOHN_CLAIMS | sed 's/\\"/"/g')" "" -- \
    --key "$WORK/secret" --now 1600000000 "$JOHN"
expect "expired on the system clock" 7 "" "ExpiredSignature: Signature has expired" -- \
    --key "$WORK/secret" "$TIMED"
expect "valid at a fixed time" 0 '{"sub":"x","iat":1000,"nbf":1000,"exp":2000}' "" -- \
    --key "$WORK/secret" --now 1500 "$TIMED"
expect "leeway" 0 '{"sub":"x","iat":1000,"nbf":1000,"exp":2000}' "" -- \
    --key "$WORK/secret" --now 2005 --leeway 10 "$TIMED"
expect "wrong key" 6 "" "InvalidSignature: " -- --key "$WORK/wrong" "$JOHN"
expect "alg none" 2 "" "InvalidAlgorithm: " -- --key "$WORK/secret" "$(vector ALG_NONE)"
expect "algorithm not allowed" 2 "" "InvalidAlgorithm: " -- \
    --key "$WORK/secret" "$(vector JOHN_HS512)"
expect "algorithm allowed" 0 "$(vector JOHN_CLAIMS | sed 's/\\"/"/g')" "" -- \
    --key "$WORK/secret" --alg HS256 --alg HS512 "$(vector JOHN_HS512)"
expect "malformed" 1 "" "MalformedToken: " -- --key "$WORK/secret" "not-a-token"
expect "strict needs exp" 12 "" "MissingRequiredClaim: " -- \
    --key "$WORK/secret" --strict "$(vector NO_EXP_HS256)"
expect "required claim" 12 "" "MissingRequiredClaim: " -- \
    --key "$WORK/secret" --require jti "$JOHN"
expect "audience and issuer" 0 '{"iss":"https://issuer.example","aud":["a","api"],"exp":2000}' "" -- \
    --key "$WORK/secret" --now 1500 --audience api --issuer https://issuer.example \
    "$(vector AUD_ISS_HS256)"
expect "wrong issuer" 11 "" "InvalidIssuer: " -- \
    --key "$WORK/secret" --now 1500 --audience api --issuer https://other \
    "$(vector AUD_ISS_HS256)"
expect "broken PEM" 4 "" "InvalidKeyFormat: " -- --key "$WORK/pem" "$JOHN"
expect "PEM as a secret" 3 "" "InvalidKey: " -- --secret "$WORK/pem" "$JOHN"
expect "--secret" 0 "$(vector JOHN_CLAIMS | sed 's/\\"/"/g')" "" -- \
    --secret "$WORK/secret" --now 1600000000 "$JOHN"

# Asymmetric keys in every form, and JWK Sets selecting by kid.
kvec JWKS >"$WORK/jwks.json"
kvec ED_PUBLIC_JWK >"$WORK/ed.jwk"
printf '{"keys":[' >"$WORK/bad.jwks"
ASYM='{"sub":"asym","exp":2000}'
expect "PEM public key" 0 "$ASYM" "" -- --key $KEYS/rsa2048.spki.pem --alg RS256 --now 1500 \
    "$(kvec RS256)"
expect "PEM private key" 0 "$ASYM" "" -- --key $KEYS/rsa2048.pkcs1.pem --alg RS256 --now 1500 \
    "$(kvec RS256)"
expect "certificate" 0 "$ASYM" "" -- --key $KEYS/rsa2048.cert.pem --alg PS256 --now 1500 \
    "$(kvec PS256_KID)"
expect "DER" 0 "$ASYM" "" -- --key $KEYS/rsa2048.spki.der --alg RS256 --now 1500 "$(kvec RS256)"
expect "OpenSSH" 0 "$ASYM" "" -- --key $KEYS/ssh_rsa.pub.txt --alg RS256 --now 1500 \
    "$(kvec RS256_SSH)"
expect "JWK" 0 "$ASYM" "" -- --key "$WORK/ed.jwk" --alg EdDSA --now 1500 "$(kvec EDDSA_KID)"
expect "JWK Set, kid" 0 "$ASYM" "" -- --key "$WORK/jwks.json" --alg ES256,EdDSA --now 1500 \
    "$(kvec ES256_KID)"
expect "JWK Set, repeated --alg" 0 "$ASYM" "" -- --key "$WORK/jwks.json" --alg RS256 \
    --alg EdDSA --now 1500 "$(kvec EDDSA_KID)"
expect "JWK Set, no kid" 0 "$ASYM" "" -- --key "$WORK/jwks.json" --alg RS256 --now 1500 \
    "$(kvec RS256)"
expect "JWK Set, kid required" 5 "" "KeyNotFound: " -- --key "$WORK/jwks.json" --alg RS256 \
    --require-kid --now 1500 "$(kvec RS256)"
expect "JWK Set, unknown kid" 5 "" "KeyNotFound: " -- --key "$WORK/jwks.json" --alg RS256 \
    --now 1500 "$(kvec RS256_KID_UNKNOWN)"
expect "JWK Set, algorithm not listed" 2 "" "InvalidAlgorithm: " -- --key "$WORK/jwks.json" \
    --alg RS256,PS256 --now 1500 "$(kvec EDDSA_KID)"
expect "broken JWK Set" 4 "" "InvalidKeyFormat: " -- --key "$WORK/bad.jwks" --alg RS256 \
    "$(kvec RS256)"
expect "wrong key family" 3 "" "InvalidKey: " -- --key $KEYS/ec_p256.spki.pem --alg RS256 \
    --now 1500 "$(kvec RS256)"
expect "wrong key" 6 "" "InvalidSignature: " -- --key $KEYS/ssh_rsa.pub.txt --alg RS256 \
    --now 1500 "$(kvec RS256)"
expect "expired, asymmetric" 7 "" "ExpiredSignature: " -- --key $KEYS/ed25519.spki.pem \
    --alg EdDSA --now 2000 "$(kvec EDDSA)"
expect "small RSA key" 3 "" "InvalidKey: " -- --key $KEYS/rsa1024.spki.pem --alg RS256 \
    "$(kvec RS256)"
expect "unknown name in a list" 2 "" "InvalidAlgorithm: " -- --key "$WORK/jwks.json" \
    --alg RS256,RS999 "$(kvec RS256)"
expect "asymmetric key needs --alg" 64 "" "verify: --alg ALG is required" -- \
    --key $KEYS/ed25519.spki.pem "$(kvec EDDSA)"
expect "unknown algorithm" 2 "" "InvalidAlgorithm: " -- --key "$WORK/secret" --alg none "$JOHN"
expect "missing key" 64 "" "verify: --key FILE (or --secret FILE) is required" -- "$JOHN"
expect "unreadable key" 66 "" "verify: cannot open" -- --key "$WORK/absent" "$JOHN"
expect "bad option" 64 "" "verify: unknown option" -- --key "$WORK/secret" --frobnicate "$JOHN"
STDIN="$JOHN"$'\n' expect "token on stdin" 0 "$(vector JOHN_CLAIMS | sed 's/\\"/"/g')" "" -- \
    --key "$WORK/secret" --now 1600000000
STDIN=$(head -c 100000 /dev/zero | tr '\0' 'A') expect "huge token on stdin" 15 "" \
    "TokenTooLarge: " -- --key "$WORK/secret" -

echo "example: $passed passed, $failed failed"
[[ $failed == 0 ]]
