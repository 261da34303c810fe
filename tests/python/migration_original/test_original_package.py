"""Migration path (c): the ORIGINAL djangorestframework-jwt 1.11.0 on Django 3.2 with ferrojwt's
encode/decode handlers, on PyJWT 2 (which alone breaks 1.11) or PyJWT 1.7.1."""

import datetime
import json
import pathlib
import time

import ferrojwt
import jwt
import pytest

#: Tokens issued by the original djangorestframework-jwt 1.11.0 handlers (tests/fixtures/gen_drfjwt.py).
FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "drfjwt_tokens.json"
PYJWT1 = jwt.__version__.startswith("1.")


def fixture(name="HS256 refresh on"):
    return next(c for c in json.loads(FIXTURES.read_text())["cases"] if c["name"] == name)


@pytest.fixture
def client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(
        username="jpueblo", email="jpueblo@example.com", password="password"
    )


def obtain(client):
    response = client.post(
        "/api-token-auth/", {"username": "jpueblo", "password": "password"}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.data["token"]


def test_stack():
    import django
    import rest_framework_jwt

    assert django.VERSION[:2] == (3, 2)
    assert pathlib.Path(rest_framework_jwt.__file__).parent.name == "rest_framework_jwt"
    assert "ferrojwt" not in rest_framework_jwt.__file__  # the original package, not the alias


def test_original_settings_point_at_ferrojwt():
    from ferrojwt.drf import handlers_for_original
    from rest_framework_jwt import authentication, serializers
    from rest_framework_jwt.settings import api_settings

    assert api_settings.JWT_ENCODE_HANDLER is handlers_for_original.jwt_encode_handler
    assert authentication.jwt_decode_handler is handlers_for_original.jwt_decode_handler
    assert serializers.jwt_encode_handler is handlers_for_original.jwt_encode_handler


def test_pyjwt1_aliases_available():
    assert jwt.ExpiredSignature is jwt.ExpiredSignatureError


def test_ferrojwt_exceptions_are_pyjwt_exceptions():
    with pytest.raises(jwt.ExpiredSignatureError):
        ferrojwt.decode(
            ferrojwt.encode({"exp": 1}, "s3cret-s3cret-s3cret"), "s3cret-s3cret-s3cret", algorithms=["HS256"]
        )
    assert issubclass(ferrojwt.InvalidSignatureError, jwt.DecodeError)
    assert issubclass(ferrojwt.InvalidKeyError, jwt.PyJWTError)


def test_obtain_authenticate_verify_refresh(client, user):
    token = obtain(client)
    assert token.startswith("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.")
    client.credentials(HTTP_AUTHORIZATION=f"JWT {token}")
    response = client.get("/whoami/")
    assert response.status_code == 200 and response.data == {"username": "jpueblo"}
    client.credentials()
    assert client.post("/api-token-verify/", {"token": token}, format="json").data == {"token": token}
    response = client.post("/api-token-refresh/", {"token": token}, format="json")
    assert response.status_code == 200, response.content


def test_expired_token_is_401_not_500(client, user, monkeypatch):
    token = obtain(client)
    monkeypatch.setattr(time, "time", lambda: 4_000_000_000.0)
    client.credentials(HTTP_AUTHORIZATION=f"JWT {token}")
    response = client.get("/whoami/")
    assert response.status_code == 401
    assert response.data == {"detail": "Signature has expired."}
    client.credentials()
    response = client.post("/api-token-verify/", {"token": token}, format="json")
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Signature has expired."]}


def test_bad_signature_is_401(client, user):
    token = obtain(client)
    header, payload, _ = token.split(".")
    forged = f"{header}.{payload}.{'A' * 43}"
    client.credentials(HTTP_AUTHORIZATION=f"JWT {forged}")
    response = client.get("/whoami/")
    assert response.status_code == 401
    assert response.data == {"detail": "Error decoding signature."}


def test_token_issued_before_the_migration_authenticates(client, user, monkeypatch):
    case = fixture()
    monkeypatch.setattr(time, "time", lambda: case["now"] + 100.5)
    client.credentials(HTTP_AUTHORIZATION=f"JWT {case['token']}")
    response = client.get("/whoami/")
    assert response.status_code == 200, response.content


def test_ferrojwt_tokens_are_byte_identical_to_pyjwt1():
    from rest_framework_jwt.settings import api_settings

    case = fixture()
    assert api_settings.JWT_ENCODE_HANDLER(json.loads(case["payload_json"])) == case["token"]


def test_ferrojwt_tokens_verify_under_installed_pyjwt(client, user):
    token = obtain(client)
    claims = jwt.decode(token, "django-insecure-5x!w@k2#kq3vz8$h+9^p(0u&3)b7-demo-secret-50-chars-xx", algorithms=["HS256"])
    assert claims["username"] == "jpueblo"


@pytest.mark.skipif(not PYJWT1, reason="the original handlers only run on PyJWT 1.x")
def test_both_directions_with_the_original_handlers(user):
    """Before/after the switch: the original handlers (PyJWT 1.7.1) and ferrojwt's agree."""
    from ferrojwt.drf import handlers_for_original as ours
    from rest_framework_jwt import utils as original

    payload = original.jwt_payload_handler(user)
    theirs_token = original.jwt_encode_handler(dict(payload))
    ours_token = ours.jwt_encode_handler(dict(payload))
    assert ours_token == theirs_token
    assert ours.jwt_decode_handler(theirs_token) == original.jwt_decode_handler(ours_token)
