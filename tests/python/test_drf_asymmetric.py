"""Asymmetric ``JWT_ALGORITHM`` through the whole DRF flow: obtain -> authenticated GET -> refresh
-> verify, with ``JWT_PRIVATE_KEY``/``JWT_PUBLIC_KEY`` as ``cryptography`` key objects (what
1.11's own suite does for RS512: ``rsa.generate_private_key`` objects), PEM ``str`` and PEM
``bytes`` (spec §1.4, issue 5 item 1)."""

from __future__ import annotations

import functools
import pathlib

import ferrojwt
import jwt_reference as ref
import pytest
from conftest import OBTAIN, PROTECTED, REFRESH, VERIFY
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

FIXTURE_KEYS = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "drfjwt_keys"


@functools.lru_cache(maxsize=None)
def generated(kind: str, n: int = 0):
    """A private key object per (kind, n), made once per session (RSA generation is slow)."""
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "ec256":
        return ec.generate_private_key(ec.SECP256R1())
    if kind == "ec384":
        return ec.generate_private_key(ec.SECP384R1())
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    raise AssertionError(kind)


def pem_pair(private):
    """(private PKCS#8 PEM bytes, public SubjectPublicKeyInfo PEM bytes) of a key object."""
    return (
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    )


def keys(kind, form, n=0):
    """(JWT_PRIVATE_KEY, JWT_PUBLIC_KEY) of the given form: "object", "str" or "bytes"."""
    if kind == "rsa-file":
        private = (FIXTURE_KEYS / "rsa2048_private.pem").read_bytes()
        public = (FIXTURE_KEYS / "rsa2048_public.pem").read_bytes()
    elif kind == "ec256-file":
        private = (FIXTURE_KEYS / "ec_p256_private.pem").read_bytes()
        public = (FIXTURE_KEYS / "ec_p256_public.pem").read_bytes()
    else:
        key = generated(kind, n)
        if form == "object":
            return key, key.public_key()
        private, public = pem_pair(key)
    if form == "str":
        return private.decode("ascii"), public.decode("ascii")
    assert form == "bytes"
    return private, public


#: (JWT_ALGORITHM, key kind, key form)
SCENARIOS = [
    ("RS512", "rsa", "object"),  # 1.11's own test suite
    ("RS512", "rsa-file", "str"),
    ("RS512", "rsa-file", "bytes"),
    ("RS256", "rsa", "object"),
    ("RS256", "rsa-file", "str"),
    ("RS384", "rsa", "bytes"),
    ("PS256", "rsa", "object"),
    ("PS256", "rsa-file", "str"),
    ("PS512", "rsa-file", "bytes"),
    ("ES256", "ec256", "object"),
    ("ES256", "ec256-file", "str"),
    ("ES256", "ec256-file", "bytes"),
    ("ES384", "ec384", "object"),
    ("EdDSA", "ed25519", "object"),
    ("EdDSA", "ed25519", "str"),
    ("EdDSA", "ed25519", "bytes"),
]
IDS = [f"{alg}-{kind}-{form}" for alg, kind, form in SCENARIOS]


@pytest.fixture
def asymmetric(api_settings, monkeypatch, clock):
    """Configures JWT_ALGORITHM and the key pair, with refresh on, as 1.11's RS512 tests do."""

    def configure(alg, kind, form, n=0):
        private, public = keys(kind, form, n)
        monkeypatch.setattr(api_settings, "JWT_ALGORITHM", alg)
        monkeypatch.setattr(api_settings, "JWT_PRIVATE_KEY", private)
        monkeypatch.setattr(api_settings, "JWT_PUBLIC_KEY", public)
        monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH", True)
        return private, public

    return configure


def obtain(client):
    response = client.post(
        OBTAIN, {"username": "jpueblo", "password": "password"}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


@pytest.mark.parametrize(("alg", "kind", "form"), SCENARIOS, ids=IDS)
def test_obtain_get_refresh_verify(api_client, user, asymmetric, clock, alg, kind, form):
    _, public = asymmetric(alg, kind, form)

    token = obtain(api_client)
    assert ferrojwt.get_unverified_header(token) == {"typ": "JWT", "alg": alg}
    claims = ferrojwt.decode(token, public, algorithms=[alg], now=clock.now)
    assert list(claims) == ["user_id", "username", "exp", "email", "orig_iat"]
    assert claims["username"] == "jpueblo"

    response = api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 200, response.content
    assert response.json() == {"username": "jpueblo", "auth_type": "bytes", "auth": token}

    clock.advance(60)
    response = api_client.post(REFRESH, {"token": token}, format="json")
    assert response.status_code == 200, response.content
    refreshed = response.json()["token"]
    new_claims = ferrojwt.decode(refreshed, public, algorithms=[alg], now=clock.now)
    assert new_claims["orig_iat"] == claims["orig_iat"]
    assert new_claims["exp"] == claims["exp"] + 60

    response = api_client.post(VERIFY, {"token": refreshed}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"token": refreshed}
    response = api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {refreshed}")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(("alg", "kind", "form"), SCENARIOS, ids=IDS)
def test_token_of_another_key_pair_is_refused(api_client, user, asymmetric, alg, kind, form):
    # Another key of the same family signs; the configured public key must refuse it.
    other_kind = {"rsa-file": "rsa", "ec256-file": "ec256"}.get(kind, kind)
    other = generated(other_kind, 1)
    forged = ferrojwt.encode({"username": "jpueblo"}, other, alg)
    asymmetric(alg, kind, form)

    response = api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {forged}")
    assert response.status_code == 401
    assert response.json() == {"detail": "Error decoding signature."}
    for url in (VERIFY, REFRESH):
        response = api_client.post(url, {"token": forged}, format="json")
        assert response.status_code == 400
        assert response.json() == {"non_field_errors": ["Error decoding signature."]}


@pytest.mark.parametrize(("alg", "kind", "form"), SCENARIOS[:1] + SCENARIOS[9:10], ids=IDS[:1] + IDS[9:10])
def test_hmac_token_with_the_secret_is_not_allowed(api_client, user, asymmetric, alg, kind, form):
    # The classic algorithm-confusion forgery: HS256 "signed" with the secret (or the public key).
    asymmetric(alg, kind, form)
    forged = ref.encode({"username": "jpueblo"}, django_settings.SECRET_KEY, "HS256")
    response = api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {forged}")
    assert response.status_code == 401
    assert response.json() == {"detail": "Incorrect authentication credentials."}
    response = api_client.post(VERIFY, {"token": forged}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Invalid token."]}


def test_verifying_only_service_with_just_the_public_key(api_client, user, api_settings, monkeypatch, clock):
    """An API that only verifies: JWT_PUBLIC_KEY set, tokens issued by another service."""
    private = generated("rsa")
    monkeypatch.setattr(api_settings, "JWT_ALGORITHM", "RS512")
    monkeypatch.setattr(api_settings, "JWT_PUBLIC_KEY", private.public_key())
    token = ferrojwt.encode(
        {"user_id": user.pk, "username": "jpueblo", "exp": int(clock.now) + 300}, private, "RS512"
    )
    response = api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 200, response.content


def test_runtime_switch_from_hs256_to_rs512(api_client, user, api_settings, monkeypatch, asymmetric):
    """Settings are read per call: switching the algorithm and keys takes effect at once, and
    tokens of the old configuration stop working."""
    hs_token = obtain(api_client)
    asymmetric("RS512", "rsa", "object")
    rs_token = obtain(api_client)
    assert ferrojwt.get_unverified_header(rs_token)["alg"] == "RS512"
    assert api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {rs_token}").status_code == 200
    response = api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {hs_token}")
    assert response.json() == {"detail": "Incorrect authentication credentials."}
