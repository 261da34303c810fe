"""A misconfigured ``JWT_AUTH`` value fails at the first request that uses it with an
``ImproperlyConfigured`` naming the setting, never as a bare ``TypeError``/``ValueError`` on every
request, and never as a token error that blames the client (issue 5, "Bad input").

1.11 crashed on each of these (spec §1.2, §1.5, §1.8), with a ``TypeError`` or ``ValueError``
deep in PyJWT or the payload handler: an HTTP 500 whose traceback does not say which setting is
wrong. Keys and ``JWT_ALGORITHM`` are covered in test_drf_optins.py.
"""

from __future__ import annotations

import datetime
import decimal

import pytest
from conftest import OBTAIN, PROTECTED, REFRESH, T0, VERIFY
from django.core.exceptions import ImproperlyConfigured
from ferrojwt.drf import utils

pytestmark = pytest.mark.django_db


def names(setting):
    """``pytest.raises(match=...)`` for a message naming ``setting`` as JWT_AUTH['<setting>']."""
    return rf"JWT_AUTH\['{setting}'\]"


@pytest.fixture
def token(user, make_token, clock):
    return make_token({"user_id": user.pk, "username": "jpueblo", "exp": T0 + 300, "orig_iat": T0})


def obtain(client):
    return client.post(OBTAIN, {"username": "jpueblo", "password": "password"}, format="json")


def get(client, token):
    return client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}")


def post(client, url, token):
    return client.post(url, {"token": token}, format="json")


# --- JWT_LEEWAY -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "5", None, [1], True, object()], ids=repr)
def test_leeway(api_client, token, api_settings, monkeypatch, value):
    # 1.11: PyJWT computed `now - leeway` -> TypeError (a str, None, a list).
    monkeypatch.setattr(api_settings, "JWT_LEEWAY", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_LEEWAY")):
        get(api_client, token)
    for url in (VERIFY, REFRESH):
        with pytest.raises(ImproperlyConfigured, match=names("JWT_LEEWAY")):
            post(api_client, url, token)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_LEEWAY")):
        utils.jwt_decode_handler(token)


@pytest.mark.parametrize(
    "value",
    [0, 30, 2.5, datetime.timedelta(seconds=30), decimal.Decimal("30"), -1],
    ids=repr,
)
def test_leeway_accepted_values(api_client, token, api_settings, monkeypatch, value):
    monkeypatch.setattr(api_settings, "JWT_LEEWAY", value)
    assert get(api_client, token).status_code == 200


def test_leeway_is_only_read_when_verifying(api_client, token, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_LEEWAY", "abc")
    monkeypatch.setattr(api_settings, "JWT_VERIFY", False)
    assert get(api_client, token).status_code == 200


# --- JWT_AUDIENCE / JWT_ISSUER ----------------------------------------------------------------------


@pytest.mark.parametrize("value", [5, b"aud", [5], ["ok", None], {"aud": 1}, 1.5], ids=repr)
def test_audience(api_client, user, token, api_settings, monkeypatch, value):
    # 1.11: put into every payload, then PyJWT's `for aud in audience` -> TypeError on decode.
    monkeypatch.setattr(api_settings, "JWT_AUDIENCE", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUDIENCE")):
        obtain(api_client)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUDIENCE")):
        get(api_client, token)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUDIENCE")):
        post(api_client, VERIFY, token)


@pytest.mark.parametrize("value", ["us", ["us", "them"], ("us",), {"us"}], ids=repr)
def test_audience_accepted_values(api_client, user, api_settings, monkeypatch, clock, value):
    monkeypatch.setattr(api_settings, "JWT_AUDIENCE", value)
    response = obtain(api_client)
    assert response.status_code == 200
    assert get(api_client, response.json()["token"]).status_code == 200


@pytest.mark.parametrize("value", [5, b"iss", ["a"]], ids=repr)
def test_issuer(api_client, user, token, api_settings, monkeypatch, value):
    monkeypatch.setattr(api_settings, "JWT_ISSUER", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_ISSUER")):
        obtain(api_client)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_ISSUER")):
        get(api_client, token)


# --- JWT_EXPIRATION_DELTA ------------------------------------------------------------------------


@pytest.mark.parametrize("value", [300, 300.0, "300", None], ids=repr)
def test_expiration_delta(api_client, user, token, api_settings, monkeypatch, value):
    # 1.11: `datetime.utcnow() + JWT_EXPIRATION_DELTA` -> TypeError: it must be a timedelta
    # (spec §1.2), so a number of seconds is refused too, by name.
    monkeypatch.setattr(api_settings, "JWT_EXPIRATION_DELTA", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_EXPIRATION_DELTA")) as info:
        obtain(api_client)
    assert "timedelta" in str(info.value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_EXPIRATION_DELTA")):
        post(api_client, REFRESH, token)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_EXPIRATION_DELTA")):
        utils.jwt_payload_handler(user)
    # Authenticating an existing token does not use it.
    assert get(api_client, token).status_code == 200


def test_expiration_delta_for_the_cookie_on_verify(api_client, token, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE", "jwt")
    monkeypatch.setattr(api_settings, "JWT_EXPIRATION_DELTA", 300)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_EXPIRATION_DELTA")):
        post(api_client, VERIFY, token)


# --- JWT_REFRESH_EXPIRATION_DELTA ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["x", None, [1], float("nan"), "1.5"], ids=repr)
def test_refresh_expiration_delta(api_client, token, api_settings, monkeypatch, value):
    # 1.11: `orig_iat + int(refresh_limit)` -> ValueError/TypeError.
    monkeypatch.setattr(api_settings, "JWT_REFRESH_EXPIRATION_DELTA", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_REFRESH_EXPIRATION_DELTA")):
        post(api_client, REFRESH, token)
    # Only refresh reads it.
    assert get(api_client, token).status_code == 200
    assert post(api_client, VERIFY, token).status_code == 200


def test_refresh_expiration_delta_is_checked_before_the_token(api_client, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_REFRESH_EXPIRATION_DELTA", "x")
    with pytest.raises(ImproperlyConfigured, match=names("JWT_REFRESH_EXPIRATION_DELTA")):
        post(api_client, REFRESH, "garbage")


@pytest.mark.parametrize(
    "value", [datetime.timedelta(days=1), 86400, 86400.9, "86400"], ids=repr
)
def test_refresh_expiration_delta_accepted_values(api_client, token, api_settings, monkeypatch, value):
    # 1.11: a timedelta or anything int() takes (spec §1.2: "timedelta or a plain number").
    monkeypatch.setattr(api_settings, "JWT_REFRESH_EXPIRATION_DELTA", value)
    assert post(api_client, REFRESH, token).status_code == 200


# --- JWT_AUTH_COOKIE_SAMESITE ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["bogus", "lax ", 1, True], ids=repr)
def test_cookie_samesite(api_client, user, token, api_settings, monkeypatch, value):
    # Django's set_cookie raises a bare ValueError for these.
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE", "jwt")
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE_SAMESITE", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUTH_COOKIE_SAMESITE")):
        obtain(api_client)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUTH_COOKIE_SAMESITE")):
        post(api_client, VERIFY, token)


def test_cookie_samesite_unused_without_the_cookie(api_client, user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE_SAMESITE", "bogus")
    assert obtain(api_client).status_code == 200


@pytest.mark.parametrize("value", [None, "Lax", "strict", "None"], ids=repr)
def test_cookie_samesite_accepted_values(api_client, user, api_settings, monkeypatch, value):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE", "jwt")
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE_SAMESITE", value)
    response = obtain(api_client)
    assert response.status_code == 200
    assert response.cookies["jwt"]["samesite"] == (value or "")


# --- the class of the error -----------------------------------------------------------------------------


def test_message_names_the_setting_and_the_value(api_settings, monkeypatch, make_token):
    token = make_token({"username": "jpueblo"})
    monkeypatch.setattr(api_settings, "JWT_LEEWAY", "abc")
    with pytest.raises(ImproperlyConfigured) as info:
        utils.jwt_decode_handler(token)
    assert str(info.value).startswith("JWT_AUTH['JWT_LEEWAY'] = 'abc'")
    # Not mistaken for a bad token anywhere: it is not a PyJWT error.
    from ferrojwt.exceptions import PyJWTError

    assert not isinstance(info.value, PyJWTError)


# --- header prefixes, the cookie name, and values too large to compute with ----------------------


@pytest.mark.parametrize("value", [None, 5, "", "J W T", b"JWT"], ids=repr)
def test_header_prefix(api_client, token, api_settings, monkeypatch, value):
    # 1.11: `None.lower()` -> AttributeError on every authenticated request.
    monkeypatch.setattr(api_settings, "JWT_AUTH_HEADER_PREFIX", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUTH_HEADER_PREFIX")):
        get(api_client, token)


@pytest.mark.parametrize("value", [5, [5], ["Bearer", None], "Be arer"], ids=repr)
def test_header_prefixes(api_client, token, api_settings, monkeypatch, value):
    monkeypatch.setattr(api_settings, "JWT_AUTH_HEADER_PREFIXES", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUTH_HEADER_PREFIXES")):
        get(api_client, token)


@pytest.mark.parametrize("value", [(), None, "Bearer", ["Bearer"], ("Bearer", "Token")], ids=repr)
def test_header_prefixes_accepted_values(api_client, token, api_settings, monkeypatch, value):
    monkeypatch.setattr(api_settings, "JWT_AUTH_HEADER_PREFIXES", value)
    assert get(api_client, token).status_code == 200


@pytest.mark.parametrize("value", [5, ["jwt"], b"jwt"], ids=repr)
def test_auth_cookie(api_client, user, token, api_settings, monkeypatch, value):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUTH_COOKIE")):
        obtain(api_client)
    # The cookie is only read when the Authorization header is absent.
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUTH_COOKIE")):
        api_client.get(PROTECTED)


@pytest.mark.parametrize("value", [None, "", False], ids=repr)
def test_auth_cookie_off_values(api_client, user, api_settings, monkeypatch, value):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE", value)
    response = obtain(api_client)
    assert response.status_code == 200 and not response.cookies


def test_expiration_delta_too_large(api_client, user, api_settings, monkeypatch):
    # 1.11: OverflowError ("date value out of range") from utcnow() + delta.
    monkeypatch.setattr(api_settings, "JWT_EXPIRATION_DELTA", datetime.timedelta(days=999_999_999))
    with pytest.raises(ImproperlyConfigured, match=names("JWT_EXPIRATION_DELTA")):
        obtain(api_client)


@pytest.mark.parametrize("value", [1e30, 10**30, datetime.timedelta(days=999_999_999)], ids=repr)
def test_refresh_expiration_delta_too_large(api_client, token, api_settings, monkeypatch, value):
    monkeypatch.setattr(api_settings, "JWT_REFRESH_EXPIRATION_DELTA", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_REFRESH_EXPIRATION_DELTA")):
        post(api_client, REFRESH, token)


@pytest.mark.parametrize("value", [[], (), set()], ids=repr)
def test_empty_audience(api_client, user, token, api_settings, monkeypatch, value):
    # Accepted by 1.11, which then issued tokens that no request could use.
    monkeypatch.setattr(api_settings, "JWT_AUDIENCE", value)
    with pytest.raises(ImproperlyConfigured, match=names("JWT_AUDIENCE")):
        obtain(api_client)
