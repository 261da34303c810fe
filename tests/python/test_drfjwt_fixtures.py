"""Interop with tokens issued by the ORIGINAL djangorestframework-jwt 1.11.0 (PyJWT 1.7.1).

tests/fixtures/drfjwt_tokens.json was produced by ``rest_framework_jwt.utils.jwt_payload_handler``
and ``jwt_encode_handler`` themselves (tests/fixtures/gen_drfjwt.py says how to re-run it), for
HS256/HS384/HS512, RS256/RS384/RS512, PS256 and ES256, with refresh on, a UUID user, an email
``USERNAME_FIELD``, audience and issuer. Here ferrojwt verifies every one of them, and for the
deterministic algorithms (HS*, RS*) ferrojwt.drf's handlers, given the same user, settings and
clock, print the very same bytes. PS256/ES256 signatures are randomized: verified only.
"""

from __future__ import annotations

import datetime
import json
import pathlib
import uuid

import ferrojwt
import pytest
from cryptography.hazmat.primitives import serialization
from django.apps import apps
from django.db.models import UUIDField
from django.test import override_settings
from ferrojwt.drf import serializers as jwt_serializers
from ferrojwt.drf import utils

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
DOCUMENT = json.loads((FIXTURES / "drfjwt_tokens.json").read_text())
CASES = DOCUMENT["cases"]
KEYS = FIXTURES / DOCUMENT["keys_dir"]
IDS = [case["name"] for case in CASES]


def payload_of(case) -> dict:
    return json.loads(case["payload_json"])


def key(name, form):
    data = (KEYS / name).read_bytes()
    if form == "str":
        return data.decode("ascii")
    if form == "bytes":
        return data
    if "private" in name:
        return serialization.load_pem_private_key(data, password=None)
    return serialization.load_pem_public_key(data)


def setting_value(value):
    if isinstance(value, dict) and "timedelta_seconds" in value:
        return datetime.timedelta(seconds=value["timedelta_seconds"])
    return value


@pytest.fixture
def configure(api_settings, monkeypatch, clock):
    """Puts api_settings and the clock where the generator had 1.11's."""

    def apply(case, *, seconds_after_issue=0.25):
        monkeypatch.setattr(api_settings, "JWT_SECRET_KEY", case["secret"])
        monkeypatch.setattr(api_settings, "JWT_ALGORITHM", case["alg"])
        if case["public_key"]:
            monkeypatch.setattr(api_settings, "JWT_PRIVATE_KEY", key(case["key"], case["key_form"]))
            monkeypatch.setattr(
                api_settings, "JWT_PUBLIC_KEY", key(case["public_key"], case["key_form"])
            )
        for name, value in case["settings"].items():
            monkeypatch.setattr(api_settings, name, setting_value(value))
        clock.now = case["now"] + seconds_after_issue

    return apply


@pytest.fixture
def user_model(monkeypatch):
    """Swaps AUTH_USER_MODEL for the case (serializers.User is bound at import, so patch it too)."""
    overrides = []

    def swap(case):
        label = case["user"]["model"]
        override = override_settings(AUTH_USER_MODEL=label)
        override.enable()
        overrides.append(override)
        model = apps.get_model(label)
        monkeypatch.setattr(jwt_serializers, "User", model)
        return model

    yield swap
    for override in reversed(overrides):
        override.disable()


def unsaved_user(case, model):
    """The generator's user: an unsaved instance with a fixed primary key (no database)."""
    fields = dict(case["user"]["fields"])
    if isinstance(model._meta.pk, UUIDField):
        fields["id"] = uuid.UUID(fields["id"])
    return model(**fields)


def test_fixtures_come_from_the_original_package():
    produced_by = DOCUMENT["produced_by"]
    assert produced_by["djangorestframework-jwt"] == "1.11.0"
    assert produced_by["PyJWT"] == "1.7.1"
    assert "rest_framework_jwt.utils.jwt_encode_handler" in produced_by["handlers"]
    assert {case["alg"] for case in CASES} >= {
        "HS256",
        "HS512",
        "RS256",
        "RS512",
        "ES256",
        "PS256",
    }
    assert {case["user"]["model"] for case in CASES} >= {
        "auth.User",
        "testapp.UUIDUser",
        "testapp.EmailUser",
    }
    for case in CASES:
        assert ferrojwt.get_unverified_header(case["token"]) == {"typ": "JWT", "alg": case["alg"]}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_ferrojwt_decodes_each_token(case):
    if case["public_key"]:
        verifying = (KEYS / case["public_key"]).read_text()
    else:
        verifying = case["secret"]
    audience = case["settings"].get("JWT_AUDIENCE")
    claims = ferrojwt.decode(
        case["token"],
        verifying,
        algorithms=[case["alg"]],
        audience=audience,
        issuer=case["settings"].get("JWT_ISSUER"),
        now=case["now"] + 1,
    )
    assert list(claims.items()) == list(payload_of(case).items())
    with pytest.raises(ferrojwt.exceptions.ExpiredSignatureError):
        ferrojwt.decode(
            case["token"],
            verifying,
            algorithms=[case["alg"]],
            audience=audience,
            issuer=case["settings"].get("JWT_ISSUER"),
            now=claims["exp"],
        )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_drf_decode_handler_accepts_each_token(case, configure):
    configure(case, seconds_after_issue=100)
    for token in (case["token"], case["token"].encode("ascii")):
        assert list(utils.jwt_decode_handler(token).items()) == list(payload_of(case).items())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_drf_payload_handler_reproduces_the_payload(case, configure, user_model):
    configure(case)
    user = unsaved_user(case, user_model(case))
    payload = utils.jwt_payload_handler(user)
    # 1.11 keeps exp a datetime until the encode handler converts it in the caller's dict.
    assert isinstance(payload["exp"], datetime.datetime)
    utils.jwt_encode_handler(payload)
    assert list(payload.items()) == list(payload_of(case).items())


DETERMINISTIC = [case for case in CASES if case["deterministic"]]
RANDOMIZED = [case for case in CASES if not case["deterministic"]]


def test_the_split_is_by_algorithm():
    assert {c["alg"][:2] for c in DETERMINISTIC} == {"HS", "RS"}
    assert {c["alg"][:2] for c in RANDOMIZED} == {"PS", "ES"}


@pytest.mark.parametrize("case", DETERMINISTIC, ids=[c["name"] for c in DETERMINISTIC])
def test_drf_encode_handler_is_byte_identical(case, configure, user_model):
    configure(case)
    assert utils.jwt_encode_handler(payload_of(case)) == case["token"]
    # And the whole chain of the obtain endpoint: user -> payload handler -> encode handler.
    user = unsaved_user(case, user_model(case))
    assert utils.jwt_encode_handler(utils.jwt_payload_handler(user)) == case["token"]


@pytest.mark.parametrize("case", RANDOMIZED, ids=[c["name"] for c in RANDOMIZED])
def test_randomized_signatures_verify_both_ways(case, configure):
    configure(case, seconds_after_issue=10)
    ours = utils.jwt_encode_handler(payload_of(case))
    assert ours != case["token"]
    assert ours.split(".")[:2] == case["token"].split(".")[:2]  # same header and payload bytes
    assert utils.jwt_decode_handler(ours) == utils.jwt_decode_handler(case["token"])


# --- through the DRF stack -------------------------------------------------------------------------------

STACK_CASES = [c for c in CASES if c["user"]["model"] == "auth.User" and c["user"]["fields"]["id"] == 1]


@pytest.mark.django_db
@pytest.mark.parametrize("case", STACK_CASES, ids=[c["name"] for c in STACK_CASES])
def test_original_tokens_authenticate_verify_and_refresh(case, configure, api_client, django_user_model):
    django_user_model.objects.create_user(
        username="jpueblo", email="jpueblo@example.com", password="password"
    )
    configure(case, seconds_after_issue=120)
    token = case["token"]
    response = api_client.get("/protected/", HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 200, response.content
    assert response.json()["auth"] == token

    response = api_client.post("/api-token-verify/", {"token": token}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"token": token}

    response = api_client.post("/api-token-refresh/", {"token": token}, format="json")
    if "orig_iat" in payload_of(case):
        assert response.status_code == 200, response.content
        refreshed = ferrojwt.decode(response.json()["token"], options={"verify_signature": False})
        assert refreshed["orig_iat"] == payload_of(case)["orig_iat"]
        assert refreshed["exp"] == case["now"] + 120 + (payload_of(case)["exp"] - case["now"])
    else:
        assert response.status_code == 400
        assert response.json() == {"non_field_errors": ["orig_iat field is required."]}


@pytest.mark.django_db
@pytest.mark.parametrize("case", STACK_CASES[:1], ids=[c["name"] for c in STACK_CASES[:1]])
def test_original_token_expires_at_its_exp(case, configure, api_client, django_user_model, clock):
    django_user_model.objects.create_user(username="jpueblo", password="password")
    configure(case)
    clock.now = payload_of(case)["exp"]
    response = api_client.get("/protected/", HTTP_AUTHORIZATION=f"JWT {case['token']}")
    assert response.status_code == 401
    assert response.json() == {"detail": "Signature has expired."}
