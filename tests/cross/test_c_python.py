"""Tokens signed through the C API verify in Python and the reverse, and both layers write the
same bytes for the same inputs (HS256, RS256 and EdDSA are deterministic; ES256 and PS256 are
randomized, so those are checked by verification only). Errors map to the same kind."""

from __future__ import annotations

import json

import pytest

import ferrojwt
from capi import KEYS, STRICT, CError, Key, KeySet, RefreshPolicy, Signer, Verifier

NOW = 1_700_000_000
CLAIMS = {
    "user_id": 7,
    "username": "ann",
    "name": "Jos\u00e9 \u2603 \U0001f600",
    "roles": ["admin", "ops"],
    "ratio": 0.1,
    "big": 12345678901234567890,
    "nested": {"b": None, "a": True},
    "exp": NOW + 300,
    "orig_iat": NOW,
}
SECRET = b"a long, random, server-side secret"

# (algorithm, private key file, public key file)
DETERMINISTIC = [
    ("RS256", "rsa2048.pkcs8.pem", "rsa2048.spki.pem"),
    ("RS512", "rsa2048.pkcs1.pem", "rsa2048.cert.pem"),
    ("EdDSA", "ed25519.pkcs8.pem", "ed25519.spki.pem"),
]
RANDOMIZED = [
    ("ES256", "ec_p256.pkcs8.pem", "ec_p256.spki.pem"),
    ("ES384", "ec_p384.sec1.pem", "ec_p384.spki.pem"),
    ("ES512", "ec_p521.pkcs8.pem", "ec_p521.spki.pem"),
    ("PS256", "rsa2048.pkcs8.pem", "rsa2048.spki.pem"),
]


def pem(name: str) -> bytes:
    return (KEYS / name).read_bytes()


def claims_text(claims: dict, pretty: bool = False) -> str:
    # The C signer parses and rewrites the claims, so the input spacing must not matter.
    return json.dumps(claims, indent=2 if pretty else None, ensure_ascii=False)


@pytest.mark.parametrize("kid", [None, "key-2026"])
@pytest.mark.parametrize("algorithm", ["HS256", "HS384", "HS512"])
def test_hmac_tokens_are_byte_identical(algorithm, kid):
    headers = {"kid": kid} if kid else None
    py_token = ferrojwt.encode(CLAIMS, SECRET, algorithm, headers=headers)
    c_token = Signer(Key.secret(SECRET), algorithm, kid).sign(claims_text(CLAIMS, pretty=True))
    assert c_token == py_token
    assert Verifier(Key.secret(SECRET), [algorithm]).verify(py_token, NOW) == json.dumps(
        CLAIMS, separators=(",", ":")
    )
    assert ferrojwt.decode(c_token, SECRET, algorithms=[algorithm], now=NOW) == CLAIMS


@pytest.mark.parametrize("algorithm,private,public", DETERMINISTIC)
def test_deterministic_asymmetric_tokens_are_byte_identical(algorithm, private, public):
    py_token = ferrojwt.encode(CLAIMS, pem(private), algorithm)
    c_token = Signer(Key.file(private), algorithm).sign(claims_text(CLAIMS))
    assert c_token == py_token
    # Each side verifies the other's token with the public key.
    assert ferrojwt.decode(c_token, pem(public), algorithms=[algorithm], now=NOW) == CLAIMS
    assert json.loads(Verifier(Key.file(public), [algorithm]).verify(py_token, NOW)) == CLAIMS


@pytest.mark.parametrize("algorithm,private,public", RANDOMIZED)
def test_randomized_asymmetric_tokens_cross_verify(algorithm, private, public):
    c_token = Signer(Key.file(private), algorithm).sign(claims_text(CLAIMS))
    py_token = ferrojwt.encode(CLAIMS, pem(private), algorithm)
    assert c_token.split(".")[:2] == py_token.split(".")[:2]
    assert ferrojwt.decode(c_token, pem(public), algorithms=[algorithm], now=NOW) == CLAIMS
    verifier = Verifier(Key.file(public), [algorithm])
    assert json.loads(verifier.verify(py_token, NOW)) == CLAIMS


def _jwk(name: str, kid: str, private: bool) -> dict:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(pem(name), password=None)
    raw = serialization.Encoding.Raw
    import base64

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    x = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
    jwk = {"kty": "OKP", "crv": "Ed25519", "kid": kid, "x": b64(x)}
    if private:
        jwk["d"] = b64(key.private_bytes(raw, serialization.PrivateFormat.Raw,
                                         serialization.NoEncryption()))
    return jwk


def test_key_sets_select_by_kid_in_both_directions():
    jwks = json.dumps({"keys": [_jwk("ed25519.pkcs8.pem", "ed-1", False)]})
    private_jwk = _jwk("ed25519.pkcs8.pem", "ed-1", True)

    # C signs with a private JWK (its kid is written); Python verifies with the JWK Set.
    c_token = Signer(Key.jwk(json.dumps(private_jwk)), "EdDSA").sign(claims_text(CLAIMS))
    assert ferrojwt.get_unverified_header(c_token) == {"typ": "JWT", "alg": "EdDSA", "kid": "ed-1"}
    py_set = ferrojwt.KeySet.from_jwks(jwks.encode(), require_kid=True)
    assert ferrojwt.decode(c_token, py_set, algorithms=["EdDSA"], now=NOW) == CLAIMS

    # Python signs with the same kid; C verifies through a key-set verifier.
    py_token = ferrojwt.encode(CLAIMS, pem("ed25519.pkcs8.pem"), "EdDSA", headers={"kid": "ed-1"})
    assert py_token == c_token
    verifier = Verifier(KeySet.from_jwks(jwks, require_kid=True), ["EdDSA"], STRICT)
    assert json.loads(verifier.verify(py_token, NOW)) == CLAIMS

    # A kid neither set knows fails the same way on both sides.
    other = ferrojwt.encode(CLAIMS, pem("ed25519.pkcs8.pem"), "EdDSA", headers={"kid": "ed-9"})
    with pytest.raises(CError) as c_err:
        verifier.verify(other, NOW)
    assert c_err.value.kind == "KeyNotFound"
    with pytest.raises(ferrojwt.PyJWTError):
        ferrojwt.decode(other, py_set, algorithms=["EdDSA"], now=NOW)


@pytest.mark.parametrize(
    "make_token,now,kind,exception",
    [
        (lambda: ferrojwt.encode(CLAIMS, SECRET, "HS256"), NOW + 300, "ExpiredSignature",
         "ExpiredSignatureError"),
        (lambda: ferrojwt.encode(CLAIMS, b"another secret", "HS256"), NOW, "InvalidSignature",
         "InvalidSignatureError"),
        (lambda: ferrojwt.encode(CLAIMS, SECRET, "HS512"), NOW, "InvalidAlgorithm",
         "InvalidAlgorithmError"),
        (lambda: ferrojwt.encode({**CLAIMS, "nbf": NOW + 60}, SECRET, "HS256"), NOW,
         "ImmatureSignature", "ImmatureSignatureError"),
    ],
)
def test_failures_have_the_same_kind(make_token, now, kind, exception):
    token = make_token()
    with pytest.raises(CError) as c_err:
        Verifier(Key.secret(SECRET), ["HS256"]).verify(token, now)
    assert c_err.value.kind == kind
    with pytest.raises(getattr(ferrojwt, exception)):
        ferrojwt.decode(token, SECRET, algorithms=["HS256"], now=now)


def test_public_key_cannot_be_an_hmac_secret_in_either_layer():
    with pytest.raises(CError) as c_err:
        Key.secret(pem("rsa2048.spki.pem"))
    assert c_err.value.kind == "InvalidKey"
    with pytest.raises(ferrojwt.InvalidKeyError):
        ferrojwt.encode(CLAIMS, pem("rsa2048.spki.pem"), "HS256")


DRF_CLAIMS = {"user_id": 1, "username": "ann", "email": "ann@example.com"}
EXPIRATION, WINDOW = 300, 7 * 86400


def test_stamp_matches_the_python_layer():
    stamped = json.loads(RefreshPolicy(EXPIRATION, WINDOW).stamp(claims_text(DRF_CLAIMS), NOW + 0.9))
    # Whole seconds, rounded down; the other members keep their order; exp/orig_iat appended.
    assert list(stamped) == ["user_id", "username", "email", "exp", "orig_iat"]
    assert stamped["exp"] == NOW + EXPIRATION and stamped["orig_iat"] == NOW
    c_token = Signer(Key.secret(SECRET), "HS256").sign(json.dumps(stamped))
    assert c_token == ferrojwt.encode(stamped, SECRET, "HS256")


@pytest.mark.parametrize(
    "algorithm,private,public",
    [("HS256", None, None), ("RS256", "rsa2048.pkcs8.pem", "rsa2048.spki.pem"),
     ("EdDSA", "ed25519.pkcs8.pem", "ed25519.spki.pem")],
)
def test_refresh_through_c_equals_python_refresh(algorithm, private, public):
    sign_key = SECRET if private is None else pem(private)
    verify_key = SECRET if public is None else pem(public)
    claims = {**DRF_CLAIMS, "exp": NOW + EXPIRATION, "orig_iat": NOW}
    token = ferrojwt.encode(claims, sign_key, algorithm)
    policy = RefreshPolicy(EXPIRATION, WINDOW)
    c_sign = Key.parse(sign_key) if private else Key.secret(SECRET)
    c_verify = Key.parse(verify_key) if public else Key.secret(SECRET)
    later = NOW + 200
    c_new = policy.refresh(Verifier(c_verify, [algorithm]), Signer(c_sign, algorithm), token, later)

    # The Python layer: verify, apply the same window rule, re-sign with a fresh exp.
    verified = ferrojwt.decode(token, verify_key, algorithms=[algorithm], now=later)
    orig_iat = ferrojwt.check_refresh_window(verified, WINDOW, now=later)
    py_new = ferrojwt.encode({**verified, "exp": later + EXPIRATION, "orig_iat": orig_iat},
                             sign_key, algorithm)
    assert c_new == py_new
    assert ferrojwt.decode(c_new, verify_key, algorithms=[algorithm], now=later) == {
        **claims, "exp": later + EXPIRATION}


def test_refresh_window_and_missing_orig_iat_fail_alike():
    policy = RefreshPolicy(EXPIRATION, WINDOW)
    verifier, signer = Verifier(Key.secret(SECRET), ["HS256"]), Signer(Key.secret(SECRET), "HS256")
    boundary = NOW + WINDOW
    claims = {**DRF_CLAIMS, "exp": boundary + 10, "orig_iat": NOW}
    token = ferrojwt.encode(claims, SECRET, "HS256")
    policy.refresh(verifier, signer, token, boundary)  # the boundary second still refreshes
    ferrojwt.check_refresh_window(claims, WINDOW, now=boundary)
    with pytest.raises(CError) as c_err:
        policy.refresh(verifier, signer, token, boundary + 1)
    assert c_err.value.kind == "RefreshExpired"
    with pytest.raises(ferrojwt.exceptions.RefreshExpiredError):
        ferrojwt.check_refresh_window(claims, WINDOW, now=boundary + 1)

    no_iat = ferrojwt.encode({**DRF_CLAIMS, "exp": NOW + EXPIRATION}, SECRET, "HS256")
    with pytest.raises(CError) as c_err:
        policy.refresh(verifier, signer, no_iat, NOW)
    assert c_err.value.kind == "MissingOrigIat"
    with pytest.raises(ferrojwt.exceptions.MissingOrigIatError):
        ferrojwt.check_refresh_window({**DRF_CLAIMS}, WINDOW, now=NOW)
