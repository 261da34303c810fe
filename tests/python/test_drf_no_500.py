"""Where 1.11 answered a client's bad token with an HTTP 500, ferrojwt answers 400/401 (issue 5
item 4; docs/compatibility.md, "Where 1.11 answered 500").

In 1.11 the verify and refresh serializers caught only ``ExpiredSignature`` and ``DecodeError``,
so every other ``InvalidTokenError`` (audience, issuer, algorithm, ``nbf``, ``iat``, a missing
required claim) escaped as a 500; so did ``User.DoesNotExist`` from the per-user secret lookup,
in the authentication class too. Each case here is checked on all three surfaces with its exact
answer: the authentication class (401 + ``detail``), verify and refresh (400 +
``non_field_errors``).
"""

from __future__ import annotations

import pathlib

import jwt_reference as ref
import pytest
from conftest import T0
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

SECRET = django_settings.SECRET_KEY
AUTH, VERIFY, REFRESH = "auth", "/api-token-verify/", "/api-token-refresh/"
SURFACES = [AUTH, VERIFY, REFRESH]

#: The claims every token below starts from: a valid, refreshable token for the ``user`` fixture.
BASE = {"user_id": 1, "username": "jpueblo", "exp": T0 + 300, "orig_iat": T0 - 10}

INCORRECT = "Incorrect authentication credentials."  # DRF's default AuthenticationFailed detail
INVALID_TOKEN = "Invalid token."
DECODE = "Error decoding signature."


def answer(client, surface, token):
    """(status, message) of one surface for ``token``."""
    if surface == AUTH:
        response = client.get("/protected/", HTTP_AUTHORIZATION=f"JWT {token}")
        body = response.json()
        if response.status_code == 401:
            assert response["WWW-Authenticate"] == 'JWT realm="api"'
        return response.status_code, body.get("detail", body)
    response = client.post(surface, {"token": token}, format="json")
    body = response.json()
    return response.status_code, (body.get("non_field_errors") or [body])[0]


def expect(surface, auth_message, serializer_message):
    return (401, auth_message) if surface == AUTH else (400, serializer_message)


def claims(**changes):
    out = dict(BASE)
    for name, value in changes.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out


# --- the token is fine in every respect but one claim check -----------------------------------


CLAIM_CASES = [
    # (id, token claims, settings) -> 1.11: 401 "Incorrect authentication credentials." / 500
    ("issuer-mismatch", claims(iss="https://evil.example"), {"JWT_ISSUER": "https://us.example"}),
    ("issuer-missing", claims(), {"JWT_ISSUER": "https://us.example"}),
    ("audience-mismatch", claims(aud="them"), {"JWT_AUDIENCE": "us"}),
    ("audience-missing", claims(), {"JWT_AUDIENCE": "us"}),
    ("audience-unexpected", claims(aud="us"), {}),
    ("audience-bad-format", claims(aud=5), {"JWT_AUDIENCE": "us"}),
    ("nbf-in-the-future", claims(nbf=T0 + 60), {}),
]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    ("token_claims", "overrides"),
    [case[1:] for case in CLAIM_CASES],
    ids=[case[0] for case in CLAIM_CASES],
)
def test_claim_errors(api_client, user, api_settings, monkeypatch, clock, surface, token_claims, overrides):
    for name, value in overrides.items():
        monkeypatch.setattr(api_settings, name, value)
    token = ref.encode(token_claims, SECRET)
    assert answer(api_client, surface, token) == expect(surface, INCORRECT, INVALID_TOKEN)


@pytest.mark.parametrize("surface", SURFACES)
def test_non_numeric_iat(api_client, user, clock, surface):
    token = ref.encode(claims(iat="today"), SECRET)
    assert answer(api_client, surface, token) == expect(surface, INCORRECT, INVALID_TOKEN)


@pytest.mark.parametrize("surface", SURFACES)
def test_issuer_and_audience_right_pass(api_client, user, api_settings, monkeypatch, clock, surface):
    """The control: the same tokens with matching claims are accepted everywhere."""
    monkeypatch.setattr(api_settings, "JWT_ISSUER", "https://us.example")
    monkeypatch.setattr(api_settings, "JWT_AUDIENCE", "us")
    token = ref.encode(claims(iss="https://us.example", aud="us"), SECRET)
    status, _ = answer(api_client, surface, token)
    assert status == 200


# --- the algorithm is not JWT_ALGORITHM --------------------------------------------------------------


def alg_none_token():
    return ref.b64url(b'{"typ":"JWT","alg":"none"}') + "." + ref.b64url_json(BASE) + "."


ALGORITHM_CASES = [
    ("HS512-while-HS256", lambda: ref.encode(BASE, SECRET, "HS512")),
    ("HS384-while-HS256", lambda: ref.encode(BASE, SECRET, "HS384")),
    ("alg-none", alg_none_token),
    ("alg-none-with-a-signature", lambda: alg_none_token() + ref.b64url(b"sig")),
    (
        "unknown-alg",
        lambda: ref.sign_raw(b'{"typ":"JWT","alg":"HS999"}', b'{"username":"jpueblo"}', SECRET),
    ),
]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    "make", [c[1] for c in ALGORITHM_CASES], ids=[c[0] for c in ALGORITHM_CASES]
)
def test_disallowed_algorithm(api_client, user, clock, surface, make):
    # PyJWT 1.x: InvalidAlgorithmError('The specified alg value is not allowed'), an
    # InvalidTokenError that is not a DecodeError: 401 "Incorrect authentication credentials."
    # in the authentication class, 500 in verify/refresh (now 400 "Invalid token.").
    assert answer(api_client, surface, make()) == expect(surface, INCORRECT, INVALID_TOKEN)


def test_disallowed_algorithm_after_a_runtime_switch(api_client, user, api_settings, monkeypatch, clock):
    token = ref.encode(BASE, SECRET, "HS256")
    monkeypatch.setattr(api_settings, "JWT_ALGORITHM", "HS512")
    for surface in SURFACES:
        assert answer(api_client, surface, token) == expect(surface, INCORRECT, INVALID_TOKEN)


# --- JWT_GET_USER_SECRET_KEY and a user that does not exist ------------------------------------------


def per_user_secret(user):
    return f"secret-of-{user.username}"


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    "user_id", [424242, None, "not-a-number", [1], {"pk": 1}], ids=["unknown", "absent", "text", "list", "dict"]
)
def test_per_user_secret_missing_user(api_client, user, api_settings, monkeypatch, clock, surface, user_id):
    # 1.11: User.DoesNotExist (or ValueError/TypeError) from jwt_get_secret_key -> 500 everywhere,
    # triggered by anyone with a forged token. ferrojwt: there is no key to verify with, so the
    # token cannot be verified: "Error decoding signature." (401 / 400).
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", per_user_secret)
    forged = ref.encode(claims(user_id=user_id), "guessed")
    assert answer(api_client, surface, forged) == expect(surface, DECODE, DECODE)


@pytest.mark.parametrize("surface", SURFACES)
def test_per_user_secret_existing_user(api_client, user, api_settings, monkeypatch, clock, surface):
    """The control: the same flow with the user's own secret succeeds."""
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", per_user_secret)
    token = ref.encode(claims(user_id=user.pk), "secret-of-jpueblo")
    status, _ = answer(api_client, surface, token)
    assert status == 200


# --- refresh only: a truthy non-numeric orig_iat -------------------------------------------------------


@pytest.mark.parametrize("orig_iat", ["yesterday", [1], {"t": 1}, True])
def test_refresh_non_numeric_orig_iat(api_client, user, clock, orig_iat):
    # 1.11: orig_iat + int(refresh_limit) -> TypeError -> 500.
    token = ref.encode(claims(orig_iat=orig_iat), SECRET)
    assert answer(api_client, REFRESH, token) == (400, DECODE)


# --- the documentation lists each of them ----------------------------------------------------------------


def test_compatibility_doc_lists_every_500_deviation():
    docs = (pathlib.Path(__file__).parents[2] / "docs" / "compatibility.md").read_text()
    section = docs.split("## Where 1.11 answered 500", 1)[1].split("\n## ", 1)[0]
    for needle in (
        "issuer",
        "audience",
        "algorithm",
        "`alg: none`",
        "`nbf`",
        "`iat`",
        "missing required claim",
        "`JWT_GET_USER_SECRET_KEY`",
        "`orig_iat`",
        "`Invalid token.`",
        "`Error decoding signature.`",
        "`Incorrect authentication credentials.`",
    ):
        assert needle in section, needle
