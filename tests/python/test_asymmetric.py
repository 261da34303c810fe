"""Asymmetric algorithms through the Python API: every key form (PEM text, DER bytes, OpenSSH,
JWK dicts, `cryptography` objects), key sets, and the refusals that block key confusion."""

import json
import pathlib
import threading

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import ferrojwt
from ferrojwt import exceptions as exc

KEYS = pathlib.Path(__file__).resolve().parents[2] / "core" / "tests" / "keys"
FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
NOW = 1_500_000_100


def text(name):
    return (KEYS / name).read_text()


PAIRS = [
    ("RS256", "rsa2048.pkcs8.pem", "rsa2048.spki.pem"),
    ("RS512", "rsa2048.pkcs1.pem", "rsa2048.cert.pem"),
    ("PS256", "rsa2048.pkcs8.pem", "rsa2048.pkcs1pub.pem"),
    ("ES256", "ec_p256.sec1.pem", "ec_p256.spki.pem"),
    ("ES384", "ec_p384.pkcs8.pem", "ec_p384.spki.pem"),
    ("ES512", "ec_p521.pkcs8.pem", "ec_p521.spki.pem"),
    ("EdDSA", "ed25519.pkcs8.pem", "ed25519.spki.pem"),
    ("RS256", "ssh_rsa.pkcs1.pem", "ssh_rsa.pub.txt"),
]


@pytest.mark.parametrize("alg,private,public", PAIRS)
def test_pem_round_trip(alg, private, public):
    token = ferrojwt.encode({"sub": "42", "exp": NOW + 60}, text(private), alg)
    assert ferrojwt.decode(token, text(public), algorithms=[alg], now=NOW) == {
        "sub": "42",
        "exp": NOW + 60,
    }
    with pytest.raises(exc.InvalidSignatureError):
        ferrojwt.decode(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"),
                        text(public), algorithms=[alg], now=NOW)


def test_der_bytes_are_accepted():
    token = ferrojwt.encode({"a": 1}, (KEYS / "rsa2048.pkcs8.der").read_bytes(), "RS256")
    assert ferrojwt.decode(token, (KEYS / "rsa2048.spki.der").read_bytes(), algorithms=["RS256"]) == {"a": 1}


@pytest.mark.parametrize(
    "alg,make",
    [
        ("RS512", lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)),
        ("PS384", lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)),
        ("ES256", lambda: ec.generate_private_key(ec.SECP256R1())),
        ("ES512", lambda: ec.generate_private_key(ec.SECP521R1())),
        ("EdDSA", ed25519.Ed25519PrivateKey.generate),
    ],
)
def test_cryptography_key_objects(alg, make):
    private = make()
    token = ferrojwt.encode({"user_id": 1}, private, alg)
    assert ferrojwt.decode(token, private.public_key(), algorithms=[alg]) == {"user_id": 1}
    # Parsed once: the same object maps to the same cached native key.
    assert ferrojwt._key(private, (alg,)) is ferrojwt._key(private, (alg,))


def test_pyjwt2_tokens_verify():
    for case in json.loads((FIXTURES / "pyjwt2_asym_tokens.json").read_text()):
        claims = ferrojwt.decode(case["token"], text(case["public"]), algorithms=[case["alg"]])
        assert claims["name"] == "J\u00f6rg"
        assert ferrojwt.get_unverified_header(case["token"])["kid"] == case["alg"]


def test_public_pem_as_hmac_secret_is_refused():
    forged = ferrojwt.encode({"admin": True}, "attacker", "HS256")
    with pytest.raises(exc.InvalidKeyError):
        ferrojwt.decode(forged, text("rsa2048.spki.pem"), algorithms=["HS256"])
    with pytest.raises(exc.InvalidKeyError):
        ferrojwt.encode({"a": 1}, text("rsa2048.spki.pem"), "HS256")
    # With RS256 and HS256 both allowed the PEM is still an RSA key, never a secret.
    with pytest.raises(exc.InvalidKeyError):
        ferrojwt.decode(forged, text("rsa2048.spki.pem"), algorithms=["RS256", "HS256"])


def test_public_key_cannot_sign_and_weak_keys_are_refused():
    with pytest.raises(exc.InvalidKeyError):
        ferrojwt.encode({"a": 1}, text("rsa2048.spki.pem"), "RS256")
    with pytest.raises(exc.InvalidKeyError, match="2048"):
        ferrojwt.encode({"a": 1}, text("rsa1024.pkcs8.pem"), "RS256")
    with pytest.raises(exc.InvalidKeyError):
        ferrojwt.decode(ferrojwt.encode({"a": 1}, text("ec_p256.pkcs8.pem"), "ES256"),
                        text("ec_p384.spki.pem"), algorithms=["ES256"])


def test_jwk_dict_and_keyset_rotation():
    rfc8037 = {
        "kty": "OKP", "crv": "Ed25519", "kid": "ed1",
        "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
    }
    token = ferrojwt.encode({"a": 1}, rfc8037, "EdDSA", headers={"kid": "ed1"})
    public = {k: v for k, v in rfc8037.items() if k != "d"}
    keys = ferrojwt.KeySet.from_jwks(json.dumps({"keys": [public]}).encode())
    assert ferrojwt.decode(token, keys, algorithms=["EdDSA"]) == {"a": 1}
    stray = ferrojwt.encode({"a": 1}, rfc8037, "EdDSA", headers={"kid": "gone"})
    with pytest.raises(exc.KeyNotFoundError):
        ferrojwt.decode(stray, keys, algorithms=["EdDSA"])
    secrets = ferrojwt.KeySet.from_entries([("old", b"old secret", True), ("new", b"new secret", True)])
    for kid, secret in [("old", "old secret"), ("new", "new secret")]:
        t = ferrojwt.encode({"k": kid}, secret, headers={"kid": kid})
        assert ferrojwt.decode(t, secrets, algorithms=["HS256"]) == {"k": kid}
    with pytest.raises(exc.InvalidKeyError):
        ferrojwt.KeySet.from_entries([("a", b"s1", True), ("a", b"s2", True)])


def test_threads_share_a_key_while_signing():
    # The GIL is released around RSA signing; several threads must still get valid tokens.
    pem = text("rsa2048.pkcs8.pem")
    out, errors = [], []

    def work():
        try:
            for i in range(5):
                out.append(ferrojwt.encode({"i": i}, pem, "RS256"))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(out) == 20
    for token in out:
        ferrojwt.decode(token, text("rsa2048.spki.pem"), algorithms=["RS256"])
