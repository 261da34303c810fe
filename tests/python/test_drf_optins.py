"""ferrojwt's opt-in JWT_AUTH keys (spec §6), each off by default, and misconfiguration errors."""

from __future__ import annotations

import datetime

import ferrojwt
import pytest
from conftest import OBTAIN, PROTECTED, REFRESH, T0, VERIFY
from django.core.exceptions import ImproperlyConfigured
from ferrojwt import exceptions as exc
from ferrojwt.drf import utils

pytestmark = pytest.mark.django_db


def obtain(client):
    response = client.post(OBTAIN, {"username": "jpueblo", "password": "password"}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def get_protected(client, token, prefix="JWT"):
    return client.get(PROTECTED, HTTP_AUTHORIZATION=f"{prefix} {token}")


def header(token):
    return ferrojwt.get_unverified_header(token)


# --- JWT_ALLOW_REFRESH_EXPIRED ----------------------------------------------------------------------


@pytest.fixture
def refreshable(api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH", True)
    monkeypatch.setattr(api_settings, "JWT_EXPIRATION_DELTA", datetime.timedelta(hours=1))
    monkeypatch.setattr(api_settings, "JWT_REFRESH_EXPIRATION_DELTA", datetime.timedelta(days=1))


def test_expired_token_not_refreshed_by_default(api_client, user, refreshable, clock):
    token = obtain(api_client)
    clock.advance(2 * 3600)
    response = api_client.post(REFRESH, {"token": token}, format="json")
    assert response.json() == {"non_field_errors": ["Signature has expired."]}


def test_refresh_expired_inside_the_window(api_client, user, refreshable, clock, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH_EXPIRED", True)
    token = obtain(api_client)
    clock.advance(2 * 3600)
    response = api_client.post(REFRESH, {"token": token}, format="json")
    assert response.status_code == 200, response.content
    new = ferrojwt.decode(response.json()["token"], options={"verify_signature": False})
    assert new["orig_iat"] == T0
    assert get_protected(api_client, response.json()["token"]).status_code == 200
    # The expired token itself still does not authenticate, nor verify.
    assert get_protected(api_client, token).json() == {"detail": "Signature has expired."}
    verify = api_client.post(VERIFY, {"token": token}, format="json")
    assert verify.json() == {"non_field_errors": ["Signature has expired."]}


def test_refresh_expired_outside_the_window(api_client, user, refreshable, clock, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH_EXPIRED", True)
    token = obtain(api_client)
    clock.advance(86400 + 1)
    response = api_client.post(REFRESH, {"token": token}, format="json")
    assert response.json() == {"non_field_errors": ["Refresh has expired."]}


def test_refresh_expired_still_checks_the_signature(api_client, user, refreshable, clock, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH_EXPIRED", True)
    token = obtain(api_client)
    clock.advance(2 * 3600)
    forged = token.rsplit(".", 1)[0] + "." + "A" * 43
    response = api_client.post(REFRESH, {"token": forged}, format="json")
    assert response.json() == {"non_field_errors": ["Error decoding signature."]}


def test_refresh_expired_without_orig_iat_says_expired(api_client, user, clock, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH_EXPIRED", True)
    token = obtain(api_client)  # JWT_ALLOW_REFRESH off: no orig_iat
    clock.advance(3600)
    response = api_client.post(REFRESH, {"token": token}, format="json")
    assert response.json() == {"non_field_errors": ["Signature has expired."]}


# --- JWT_LOOKUP_USER_BY_ID ------------------------------------------------------------------------


def test_recycled_username_matches_old_tokens_by_default(api_client, user, django_user_model):
    token = obtain(api_client)
    user.delete()
    django_user_model.objects.create_user(username="jpueblo", password="other")
    assert get_protected(api_client, token).status_code == 200  # 1.11's hijack (#244, #417)


def test_lookup_by_id_closes_the_recycled_username_hijack(
    api_client, user, django_user_model, api_settings, monkeypatch
):
    monkeypatch.setattr(api_settings, "JWT_LOOKUP_USER_BY_ID", True)
    token = obtain(api_client)
    assert get_protected(api_client, token).status_code == 200
    user.delete()
    django_user_model.objects.create_user(username="jpueblo", password="other")
    assert get_protected(api_client, token).json() == {"detail": "Invalid signature."}
    response = api_client.post(VERIFY, {"token": token}, format="json")
    assert response.json() == {"non_field_errors": ["User doesn't exist."]}


def test_lookup_by_id_survives_a_rename(api_client, user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_LOOKUP_USER_BY_ID", True)
    token = obtain(api_client)
    user.username = "renamed"
    user.save()
    assert get_protected(api_client, token).json()["username"] == "renamed"


@pytest.mark.parametrize("user_id", [None, "not-a-pk", [1]])
def test_lookup_by_id_bad_user_id(api_client, user, make_token, api_settings, monkeypatch, user_id):
    monkeypatch.setattr(api_settings, "JWT_LOOKUP_USER_BY_ID", True)
    payload = {"username": "jpueblo"} if user_id is None else {"username": "jpueblo", "user_id": user_id}
    assert get_protected(api_client, make_token(payload)).json() == {"detail": "Invalid signature."}


# --- JWT_AUTH_HEADER_PREFIXES ---------------------------------------------------------------------


def test_only_the_prefix_by_default(api_client, user):
    token = obtain(api_client)
    assert get_protected(api_client, token, "Bearer").status_code == 401


def test_several_prefixes(api_client, user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_AUTH_HEADER_PREFIXES", ("Bearer",))
    token = obtain(api_client)
    for prefix in ("JWT", "Bearer", "bearer"):
        assert get_protected(api_client, token, prefix).status_code == 200, prefix
    response = get_protected(api_client, token, "Token")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'JWT realm="api"'


def test_prefixes_as_a_single_string(api_client, user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_AUTH_HEADER_PREFIXES", "Bearer")
    assert get_protected(api_client, obtain(api_client), "Bearer").status_code == 200


# --- cookie attributes ------------------------------------------------------------------------------


def test_cookie_attributes_default_to_1_11(api_client, user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE", "jwt")
    cookie = api_client.post(OBTAIN, {"username": "jpueblo", "password": "password"}).cookies["jwt"]
    assert cookie["secure"] == "" and cookie["samesite"] == "" and cookie["domain"] == ""
    assert cookie["path"] == "/" and cookie["httponly"] is True


def test_cookie_attributes(api_client, user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE", "jwt")
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE_SECURE", True)
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE_SAMESITE", "Strict")
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE_DOMAIN", "example.com")
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE_PATH", "/api/")
    cookie = api_client.post(OBTAIN, {"username": "jpueblo", "password": "password"}).cookies["jwt"]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["domain"] == "example.com"
    assert cookie["path"] == "/api/"
    assert cookie["httponly"] is True


# --- key rotation -------------------------------------------------------------------------------------


def test_secret_list_first_signs_all_verify(api_client, user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_SECRET_KEY", "old-secret-old-secret-old-secret")
    old_token = obtain(api_client)
    monkeypatch.setattr(
        api_settings,
        "JWT_SECRET_KEY",
        ["new-secret-new-secret-new-secret", "old-secret-old-secret-old-secret"],
    )
    new_token = obtain(api_client)
    assert "kid" not in header(new_token)
    ferrojwt.decode(new_token, "new-secret-new-secret-new-secret", algorithms=["HS256"])
    assert get_protected(api_client, old_token).status_code == 200
    assert get_protected(api_client, new_token).status_code == 200
    monkeypatch.setattr(api_settings, "JWT_SECRET_KEY", ["new-secret-new-secret-new-secret"])
    assert get_protected(api_client, old_token).json() == {"detail": "Error decoding signature."}


def test_secret_dict_writes_kid(api_client, user, api_settings, monkeypatch):
    keys = {"2026-07": "new-secret-new-secret-new-secret", "2026-01": "old-secret-old-secret-old-secret"}
    monkeypatch.setattr(api_settings, "JWT_SECRET_KEY", keys)
    token = obtain(api_client)
    assert header(token) == {"typ": "JWT", "alg": "HS256", "kid": "2026-07"}
    assert get_protected(api_client, token).status_code == 200
    old = ferrojwt.encode({"username": "jpueblo"}, keys["2026-01"], headers={"kid": "2026-01"})
    assert get_protected(api_client, old).status_code == 200
    unknown = ferrojwt.encode({"username": "jpueblo"}, keys["2026-01"], headers={"kid": "gone"})
    assert get_protected(api_client, unknown).json() == {"detail": "Incorrect authentication credentials."}


def test_public_key_rotation(api_client, user, api_settings, monkeypatch):
    from cryptography.hazmat.primitives.asymmetric import ec

    new, old = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    monkeypatch.setattr(api_settings, "JWT_ALGORITHM", "ES256")
    monkeypatch.setattr(api_settings, "JWT_PRIVATE_KEY", {"k-new": new})
    monkeypatch.setattr(api_settings, "JWT_PUBLIC_KEY", {"k-new": new.public_key(), "k-old": old.public_key()})
    token = obtain(api_client)
    assert header(token)["kid"] == "k-new"
    assert get_protected(api_client, token).status_code == 200
    old_token = ferrojwt.encode({"username": "jpueblo"}, old, "ES256", headers={"kid": "k-old"})
    assert get_protected(api_client, old_token).status_code == 200


# --- JWT_REQUEST_AUTH_PAYLOAD ------------------------------------------------------------------------


def test_request_auth_is_the_raw_token_by_default(api_client, user):
    token = obtain(api_client)
    assert get_protected(api_client, token).json()["auth"] == token


def test_request_auth_payload(api_client, user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_REQUEST_AUTH_PAYLOAD", True)
    token = obtain(api_client)
    body = get_protected(api_client, token).json()
    assert body["auth_type"] == "dict"
    assert set(body["auth"]) == {"user_id", "username", "exp", "email"}


# --- JWT_STATELESS_USER --------------------------------------------------------------------------------


def test_stateless_user_makes_no_query(api_client, user, api_settings, monkeypatch, django_assert_num_queries):
    from ferrojwt.drf.authentication import JSONWebTokenAuthentication
    from ferrojwt.drf.stateless import TokenUser
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    token = obtain(api_client)
    monkeypatch.setattr(api_settings, "JWT_STATELESS_USER", True)
    request = Request(APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"JWT {token}"))
    with django_assert_num_queries(0):
        token_user, auth = JSONWebTokenAuthentication().authenticate(request)
    assert isinstance(token_user, TokenUser)
    assert (token_user.pk, token_user.get_username(), token_user.email) == (user.pk, "jpueblo", user.email)
    assert token_user.is_authenticated and not token_user.is_staff and not token_user.has_perm("x")
    assert auth == token.encode()
    # Through the whole stack; and the trade-off: a deleted user keeps access until exp.
    user.delete()
    assert get_protected(api_client, token).json()["username"] == "jpueblo"


def test_stateless_user_still_needs_a_username(api_client, user, make_token, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_STATELESS_USER", True)
    assert get_protected(api_client, make_token({"user_id": 1})).json() == {"detail": "Invalid payload."}


# --- misconfiguration -------------------------------------------------------------------------------


@pytest.mark.parametrize("algorithm", ["HS257", "none", "", None, "hs256"])
def test_unknown_algorithm_is_improperly_configured(api_client, user, api_settings, monkeypatch, algorithm):
    token = obtain(api_client)
    monkeypatch.setattr(api_settings, "JWT_ALGORITHM", algorithm)
    with pytest.raises(ImproperlyConfigured, match="JWT_ALGORITHM"):
        utils.jwt_encode_handler({"username": "jpueblo"})
    with pytest.raises(ImproperlyConfigured, match="JWT_ALGORITHM"):
        get_protected(api_client, token)
    # 1.11 (PyJWT) raised NotImplementedError on encode: still true.
    with pytest.raises(NotImplementedError):
        utils.jwt_encode_handler({"username": "jpueblo"})


@pytest.mark.parametrize(
    ("setting", "value", "algorithm"),
    [
        ("JWT_SECRET_KEY", "", "HS256"),
        ("JWT_SECRET_KEY", "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----", "HS256"),
        ("JWT_SECRET_KEY", "a plain secret", "RS256"),
        ("JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----", "RS256"),
        ("JWT_SECRET_KEY", [], "HS256"),
    ],
)
def test_bad_key_names_the_setting_on_encode(api_settings, monkeypatch, setting, value, algorithm):
    monkeypatch.setattr(api_settings, "JWT_ALGORITHM", algorithm)
    monkeypatch.setattr(api_settings, setting, value)
    with pytest.raises(ImproperlyConfigured, match=setting) as info:
        utils.jwt_encode_handler({"username": "jpueblo"})
    assert isinstance(info.value, exc.InvalidKeyError)  # what 1.11 (PyJWT) raised


@pytest.mark.parametrize(
    ("setting", "value", "algorithm"),
    [
        ("JWT_SECRET_KEY", "", "HS256"),
        ("JWT_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----\ngarbage\n-----END PUBLIC KEY-----", "RS256"),
        ("JWT_PUBLIC_KEY", "not a key", "ES256"),
    ],
)
def test_bad_key_fails_the_first_request(api_client, user, api_settings, monkeypatch, setting, value, algorithm):
    token = obtain(api_client)
    monkeypatch.setattr(api_settings, "JWT_ALGORITHM", algorithm)
    monkeypatch.setattr(api_settings, setting, value)
    with pytest.raises(ImproperlyConfigured, match=setting):
        get_protected(api_client, token)


def test_key_of_the_wrong_family_names_the_setting(api_client, user, api_settings, monkeypatch):
    from cryptography.hazmat.primitives.asymmetric import ec

    monkeypatch.setattr(api_settings, "JWT_PRIVATE_KEY", ec.generate_private_key(ec.SECP256R1()))
    with pytest.raises(ImproperlyConfigured, match="JWT_PRIVATE_KEY"):
        utils.jwt_encode_handler({"username": "jpueblo"})
