"""Issue 2's real input: a token printed by djangorestframework_jwt 1.11 (secret unknown)."""

import ferrojwt
import pytest
from ferrojwt.exceptions import (
    DecodeError,
    ExpiredSignatureError,
    InvalidSignatureError,
)

REAL_TOKEN = (
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
    ".eyJ1c2VyX2lkIjoxLCJ1c2VybmFtZSI6InJlYWRlciIsImV4cCI6MTUxMjgyNzc1NSwiZW1haWwiOiJyZWFkZXJAZXhhbXBsZS5jb20iLCJvcmlnX2lhdCI6MTUxMjc0MTM1NX0"
    ".xiPc-3xM9LcfsmuufvhwpjbqwZIHKTlrwwbo9pnLauU"
)
REAL_PAYLOAD = {
    "user_id": 1,
    "username": "reader",
    "exp": 1512827755,
    "email": "reader@example.com",
    "orig_iat": 1512741355,
}


def test_unverified_header():
    header = ferrojwt.get_unverified_header(REAL_TOKEN)
    assert header == {"typ": "JWT", "alg": "HS256"}
    assert list(header) == ["typ", "alg"]


@pytest.mark.parametrize(
    "token", [REAL_TOKEN, REAL_TOKEN.encode("ascii")], ids=["str", "bytes"]
)
def test_decode_without_signature_check_gives_exact_payload_in_order(token):
    payload = ferrojwt.decode(token, options={"verify_signature": False})
    assert payload == REAL_PAYLOAD
    assert list(payload.items()) == list(REAL_PAYLOAD.items())
    assert all(type(payload[k]) is int for k in ("user_id", "exp", "orig_iat"))


@pytest.mark.parametrize(
    "secret",
    [
        "secret",
        "reader",
        "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz",
        b"\x00" * 32,
    ],
)
def test_any_secret_fails_signature(secret):
    with pytest.raises(InvalidSignatureError) as info:
        ferrojwt.decode(REAL_TOKEN, secret, algorithms=["HS256"])
    assert isinstance(info.value, DecodeError)


def test_signature_checked_before_expiry():
    # The token expired in 2017; the signature error must still win.
    with pytest.raises(InvalidSignatureError):
        ferrojwt.decode(REAL_TOKEN, "secret", algorithms=["HS256"], now=1512741355)
    with pytest.raises(InvalidSignatureError):
        ferrojwt.decode(REAL_TOKEN, "secret", algorithms=["HS256"])


def test_signature_off_expiry_on_is_expired():
    with pytest.raises(ExpiredSignatureError):
        ferrojwt.decode(
            REAL_TOKEN, options={"verify_signature": False, "verify_exp": True}
        )


def test_signature_off_expiry_on_before_exp_decodes():
    payload = ferrojwt.decode(
        REAL_TOKEN,
        options={"verify_signature": False, "verify_exp": True},
        now=1512827754,
    )
    assert payload == REAL_PAYLOAD


def test_encoding_the_payload_reproduces_header_and_payload_segments():
    token = ferrojwt.encode(dict(REAL_PAYLOAD), "any-secret-at-all")
    header, payload, signature = token.split(".")
    real_header, real_payload, real_signature = REAL_TOKEN.split(".")
    assert header == real_header
    assert payload == real_payload
    assert signature != real_signature


def test_drf_encode_handler_reproduces_segments(settings):
    from ferrojwt.drf import utils

    token = utils.jwt_encode_handler(dict(REAL_PAYLOAD))
    assert token.split(".")[:2] == REAL_TOKEN.split(".")[:2]
