// The header as C++17: it must compile cleanly (-Wall -Wextra -Werror -pedantic), link with C
// linkage, and work from RAII wrappers. Prints the same closing line as the C tests.
#include "ferrojwt.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>

#include "keys.h"
#include "vectors.h"

namespace {

struct KeyFree {
    void operator()(ferrojwt_key *key) const { ferrojwt_key_free(key); }
};
struct SignerFree {
    void operator()(ferrojwt_signer *signer) const { ferrojwt_signer_free(signer); }
};
struct VerifierFree {
    void operator()(ferrojwt_verifier *verifier) const { ferrojwt_verifier_free(verifier); }
};
struct KeySetFree {
    void operator()(ferrojwt_key_set *set) const { ferrojwt_key_set_free(set); }
};
struct StringFree {
    void operator()(char *string) const { ferrojwt_string_free(string); }
};
using Key = std::unique_ptr<ferrojwt_key, KeyFree>;
using Signer = std::unique_ptr<ferrojwt_signer, SignerFree>;
using Verifier = std::unique_ptr<ferrojwt_verifier, VerifierFree>;
using String = std::unique_ptr<char, StringFree>;
using KeySet = std::unique_ptr<ferrojwt_key_set, KeySetFree>;

// In C++ the status is a real enum with a fixed 32-bit underlying type: same ABI as C's uint32_t.
static_assert(std::is_enum_v<ferrojwt_status>);
static_assert(std::is_same_v<std::underlying_type_t<ferrojwt_status>, uint32_t>);
static_assert(sizeof(ferrojwt_status) == 4);

int passed = 0;
int failed = 0;

void check(bool ok, const char *what) {
    if (ok) {
        ++passed;
    } else {
        ++failed;
        std::fprintf(stderr, "FAIL %s\n", what);
    }
}

const uint8_t *bytes(const std::string &text) {
    return reinterpret_cast<const uint8_t *>(text.data());
}

}  // namespace

int main() {
    check(std::string(ferrojwt_version()) == FERROJWT_VERSION, "version");
    check(std::string(ferrojwt_status_str(FERROJWT_STATUS_EXPIRED_SIGNATURE)) == "ExpiredSignature",
          "status_str");

    const std::string secret = "secret";
    ferrojwt_key *raw_key = nullptr;
    check(ferrojwt_key_from_secret(bytes(secret), secret.size(), &raw_key) == FERROJWT_STATUS_OK,
          "key");
    Key key(raw_key);

    ferrojwt_signer *raw_signer = nullptr;
    check(ferrojwt_signer_new(key.get(), "HS256", &raw_signer) == FERROJWT_STATUS_OK, "signer");
    Signer signer(raw_signer);

    ferrojwt_verifier *raw_verifier = nullptr;
    check(ferrojwt_verifier_new(key.get(), FERROJWT_PROFILE_PYJWT1, &raw_verifier) ==
              FERROJWT_STATUS_OK,
          "verifier");
    Verifier verifier(raw_verifier);
    check(ferrojwt_verifier_add_algorithm(verifier.get(), "HS256") == FERROJWT_STATUS_OK,
          "allow HS256");

    const std::string claims = V_JOHN_CLAIMS;
    char *raw_token = nullptr;
    check(ferrojwt_signer_sign(signer.get(), bytes(claims), claims.size(), &raw_token) ==
              FERROJWT_STATUS_OK,
          "sign");
    String token(raw_token);
    check(token && std::string(token.get()) == V_JOHN_HS256, "token matches the vector");

    char *raw_claims = nullptr;
    const std::string t = token ? token.get() : "";
    check(ferrojwt_verifier_verify_at(verifier.get(), bytes(t), t.size(), 1600000000.0,
                                      &raw_claims) == FERROJWT_STATUS_OK,
          "verify");
    String verified(raw_claims);
    check(verified && claims == verified.get(), "claims round-trip");

    ferrojwt_status status = ferrojwt_verifier_verify_at(verifier.get(), bytes(t), 10, 1.0,
                                                         &raw_claims);
    check(status == FERROJWT_STATUS_MALFORMED_TOKEN, "a truncated token is malformed");

    // A key set from a JWK Set, selecting the EdDSA key by kid.
    const std::string jwks = K_JWKS;
    ferrojwt_key_set *raw_set = nullptr;
    check(ferrojwt_key_set_from_jwks(bytes(jwks), jwks.size(), &raw_set) == FERROJWT_STATUS_OK,
          "key set");
    KeySet set(raw_set);
    ferrojwt_verifier *raw_set_verifier = nullptr;
    check(ferrojwt_verifier_new_keyset(set.get(), FERROJWT_PROFILE_STRICT, &raw_set_verifier) ==
              FERROJWT_STATUS_OK,
          "key-set verifier");
    Verifier set_verifier(raw_set_verifier);
    check(ferrojwt_verifier_add_algorithm(set_verifier.get(), "EdDSA") == FERROJWT_STATUS_OK,
          "allow EdDSA");
    const std::string ed = K_EDDSA_KID;
    raw_claims = nullptr;
    check(ferrojwt_verifier_verify_at(set_verifier.get(), bytes(ed), ed.size(), 1500.0,
                                      &raw_claims) == FERROJWT_STATUS_OK,
          "verify by kid");
    String set_claims(raw_claims);
    check(set_claims && std::string(set_claims.get()) == K_CLAIMS, "claims by kid");

    std::printf("c++17: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
