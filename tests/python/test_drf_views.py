"""Obtain, verify and refresh endpoints (spec §1.8), and the test helpers of ``ferrojwt.drf.test``."""

from __future__ import annotations

import datetime

import ferrojwt
import jwt_reference as ref
import pytest
from conftest import T0
from django.test import override_settings
from ferrojwt.drf import views

pytestmark = pytest.mark.django_db

OBTAIN, VERIFY, REFRESH = (
    "/api-token-auth/",
    "/api-token-verify/",
    "/api-token-refresh/",
)


def claims(token):
    return ferrojwt.decode(token, options={"verify_signature": False})


def non_field(response, message, status=400):
    assert response.status_code == status, response.content
    assert response.json() == {"non_field_errors": [message]}


def obtain(client, username="jpueblo", password="password", fmt="json", **extra):
    return client.post(
        OBTAIN, {"username": username, "password": password}, format=fmt, **extra
    )


# --- obtain -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "multipart"])
def test_obtain_returns_token(api_client, user, fmt):
    response = obtain(api_client, fmt=fmt)
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["token"]
    payload = ferrojwt.decode(body["token"], ref_key(), algorithms=["HS256"])
    assert list(payload) == ["user_id", "username", "exp", "email"]
    assert payload["username"] == "jpueblo" and payload["user_id"] == user.pk


def test_obtain_form_encoded(api_client, user):
    response = api_client.post(
        OBTAIN,
        "username=jpueblo&password=password",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200


def ref_key():
    from django.conf import settings

    return settings.SECRET_KEY


def test_obtained_token_is_byte_identical_to_pyjwt1(api_client, user, clock):
    token = obtain(api_client).json()["token"]
    expected_payload = {
        "user_id": user.pk,
        "username": "jpueblo",
        "exp": T0 + 300,
        "email": "jpueblo@example.com",
    }
    assert token == ref.encode(expected_payload, ref_key())


def test_obtain_with_refresh_adds_orig_iat(
    api_client, user, clock, api_settings, monkeypatch
):
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH", True)
    payload = claims(obtain(api_client).json()["token"])
    assert list(payload) == ["user_id", "username", "exp", "email", "orig_iat"]
    assert payload["orig_iat"] == T0


@pytest.mark.parametrize("password", ["wrong", "PASSWORD"])
def test_obtain_bad_credentials(api_client, user, password):
    non_field(
        obtain(api_client, password=password),
        "Unable to log in with provided credentials.",
    )


def test_obtain_unknown_user(api_client):
    non_field(
        obtain(api_client, username="ghost"),
        "Unable to log in with provided credentials.",
    )


def test_obtain_inactive_user_with_model_backend(api_client, inactive_user):
    non_field(
        obtain(api_client, "sleeper"), "Unable to log in with provided credentials."
    )


def test_obtain_inactive_user_with_allow_all_backend(api_client, inactive_user):
    backends = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]
    with override_settings(AUTHENTICATION_BACKENDS=backends):
        non_field(obtain(api_client, "sleeper"), "User account is disabled.")


def test_obtain_missing_fields(api_client):
    response = api_client.post(OBTAIN, {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "username": ["This field is required."],
        "password": ["This field is required."],
    }


def test_obtain_blank_fields(api_client):
    response = obtain(api_client, "", "")
    assert response.status_code == 400
    assert response.json() == {
        "username": ["This field may not be blank."],
        "password": ["This field may not be blank."],
    }


class LenientObtainSerializer:
    """An obtain serializer whose fields let blank and missing values through to ``validate()``,
    the only way to reach 1.11's 'Must include ...' message (the stock fields reject them
    first). Built lazily so the base class is ferrojwt's."""

    @staticmethod
    def make():
        from ferrojwt.drf.compat import PasswordField
        from ferrojwt.drf.serializers import JSONWebTokenSerializer
        from rest_framework import serializers

        class Lenient(JSONWebTokenSerializer):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields[self.username_field] = serializers.CharField(
                    required=False, allow_blank=True
                )
                self.fields["password"] = PasswordField(
                    write_only=True, required=False, allow_blank=True
                )

        return Lenient


@pytest.mark.parametrize(
    "data",
    [
        {"username": "", "password": "password"},
        {"username": "jpueblo", "password": ""},
        {"username": "jpueblo"},
        {"password": "password"},
        {},
    ],
    ids=["blank-username", "blank-password", "no-password", "no-username", "nothing"],
)
def test_obtain_must_include_username_and_password(api_client, user, monkeypatch, data):
    # spec §1.8: a credential that is falsy after field validation. 1.11's stock fields reject
    # blank and missing values first, so only a serializer with lenient fields gets here.
    monkeypatch.setattr(
        views.ObtainJSONWebToken, "serializer_class", LenientObtainSerializer.make()
    )
    non_field(
        api_client.post(OBTAIN, data, format="json"),
        'Must include "username" and "password".',
    )


def test_obtain_must_include_message_from_validate_directly(user):
    from ferrojwt.drf.serializers import JSONWebTokenSerializer
    from rest_framework import serializers

    serializer = JSONWebTokenSerializer()
    for attrs in ({"username": "", "password": "x"}, {"username": "jpueblo", "password": None}, {}):
        with pytest.raises(serializers.ValidationError) as info:
            serializer.validate(attrs)
        assert info.value.detail == ['Must include "username" and "password".']
    assert serializer.validate({"username": "jpueblo", "password": "password"})["user"] == user


def test_obtain_stock_fields_never_reach_must_include(api_client, user):
    for data in ({"username": "", "password": ""}, {"username": "   ", "password": "password"}):
        response = api_client.post(OBTAIN, data, format="json")
        assert response.status_code == 400
        assert "non_field_errors" not in response.json()


@pytest.mark.parametrize(
    "body",
    ['{"username": "jpueblo", "password": ', "[1, 2]", '"just a string"', "\x00"],
)
def test_obtain_malformed_bodies_are_400(api_client, user, body):
    response = api_client.post(OBTAIN, body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("url", [OBTAIN, VERIFY, REFRESH])
@pytest.mark.parametrize(
    "body",
    ["[" * 100_000 + "]" * 100_000, '{"token": ' + "[" * 100_000 + "]" * 100_000 + "}"],
    ids=["nested-array", "nested-token"],
)
def test_deeply_nested_bodies_are_400(api_client, user, url, body):
    # DRF's JSONParser lets json's RecursionError escape: a 500 from an open endpoint.
    response = api_client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_obtain_ignores_a_stale_authorization_header(api_client, user, make_token):
    expired = make_token({"username": "jpueblo", "exp": 1})
    for header in (f"JWT {expired}", "JWT garbage", "JWT", "JWT a b"):
        assert obtain(api_client, HTTP_AUTHORIZATION=header).status_code == 200


@pytest.mark.parametrize("url", [OBTAIN, VERIFY, REFRESH])
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_only_post(api_client, url, method):
    response = getattr(api_client, method)(url)
    assert response.status_code == 405
    assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.'}


def test_views_authenticate_nobody():
    for view in (
        views.ObtainJSONWebToken,
        views.VerifyJSONWebToken,
        views.RefreshJSONWebToken,
    ):
        assert view.authentication_classes == ()
        assert view.permission_classes == ()
        assert issubclass(view, views.JSONWebTokenAPIView)


def test_response_payload_handler_is_looked_up_per_request(
    api_client, user, monkeypatch
):
    from testproject.handlers import no_token_response, response_with_user

    monkeypatch.setattr(views, "jwt_response_payload_handler", response_with_user)
    body = obtain(api_client).json()
    assert body["user"] == "jpueblo" and "token" in body
    monkeypatch.setattr(views, "jwt_response_payload_handler", no_token_response)
    assert obtain(api_client).json() == {"ok": True}


def test_cookie_set_on_obtain_verify_refresh(
    api_client, user, api_settings, monkeypatch
):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE", "jwt")
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH", True)
    response = obtain(api_client)
    token = response.json()["token"]
    cookie = response.cookies["jwt"]
    assert cookie.value == token
    assert cookie["httponly"] is True
    assert 295 <= int(cookie["max-age"]) <= 300
    for url in (VERIFY, REFRESH):
        response = api_client.post(url, {"token": token}, format="json")
        assert response.status_code == 200
        assert response.cookies["jwt"].value == response.json()["token"]


def test_no_cookie_by_default(api_client, user):
    assert "jwt" not in obtain(api_client).cookies


# --- verify -----------------------------------------------------------------------------------------------


def test_verify_returns_the_same_token(api_client, user, token_for):
    token = token_for(user)
    response = api_client.post(VERIFY, {"token": token}, format="json")
    assert response.status_code == 200
    assert response.json() == {"token": token}


def test_verify_missing_token(api_client):
    response = api_client.post(VERIFY, {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"token": ["This field is required."]}


@pytest.mark.parametrize("url", [VERIFY, REFRESH])
class TestVerifyAndRefreshErrors:
    def post(self, client, url, token):
        return client.post(url, {"token": token}, format="json")

    def test_expired(self, api_client, user, make_token, url, clock):
        token = make_token({"username": "jpueblo", "exp": T0, "orig_iat": T0 - 10})
        non_field(self.post(api_client, url, token), "Signature has expired.")

    @pytest.mark.parametrize(
        "token", ["garbage", "a.b.c", ref.encode({"username": "jpueblo"}, "other")]
    )
    def test_undecodable(self, api_client, user, url, token):
        non_field(self.post(api_client, url, token), "Error decoding signature.")

    def test_unknown_user(self, api_client, make_token, url):
        non_field(
            self.post(api_client, url, make_token({"username": "ghost"})),
            "User doesn't exist.",
        )

    def test_inactive_user(self, api_client, inactive_user, token_for, url):
        non_field(
            self.post(api_client, url, token_for(inactive_user)),
            "User account is disabled.",
        )

    def test_no_username(self, api_client, make_token, url):
        non_field(
            self.post(api_client, url, make_token({"user_id": 1})), "Invalid payload."
        )

    def test_other_token_errors_are_400_not_500(
        self, api_client, user, make_token, url, api_settings, monkeypatch
    ):
        token = make_token({"username": "jpueblo", "aud": "elsewhere", "orig_iat": 1})
        monkeypatch.setattr(api_settings, "JWT_AUDIENCE", "here")
        non_field(self.post(api_client, url, token), "Invalid token.")

    def test_non_numeric_iat_is_400(self, api_client, user, raw_token, url):
        token = raw_token({"username": "jpueblo", "iat": "today", "orig_iat": 1})
        non_field(self.post(api_client, url, token), "Invalid token.")

    def test_per_user_secret_unknown_user_is_400(
        self, api_client, user, api_settings, monkeypatch, url
    ):
        monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", lambda u: "k")
        token = ref.encode(
            {"user_id": 424242, "username": "jpueblo", "orig_iat": 1}, "k"
        )
        non_field(self.post(api_client, url, token), "Error decoding signature.")

    def test_alg_none(self, api_client, user, url):
        token = (
            ref.b64url(b'{"typ":"JWT","alg":"none"}')
            + "."
            + ref.b64url_json({"username": "jpueblo"})
            + "."
        )
        # 1.11: InvalidAlgorithmError escaped as a 500; ferrojwt: 400 "Invalid token.".
        non_field(self.post(api_client, url, token), "Invalid token.")


# --- refresh ----------------------------------------------------------------------------------------------


@pytest.fixture
def refreshable(api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH", True)
    monkeypatch.setattr(
        api_settings, "JWT_EXPIRATION_DELTA", datetime.timedelta(hours=1)
    )
    monkeypatch.setattr(
        api_settings, "JWT_REFRESH_EXPIRATION_DELTA", datetime.timedelta(days=7)
    )


def refresh(client, token):
    return client.post(REFRESH, {"token": token}, format="json")


def test_refresh_carries_orig_iat_and_renews_exp(api_client, user, refreshable, clock):
    first = obtain(api_client).json()["token"]
    clock.advance(1800)
    response = refresh(api_client, first)
    assert response.status_code == 200
    second = response.json()["token"]
    assert second != first
    old, new = claims(first), claims(second)
    assert list(new) == ["user_id", "username", "exp", "email", "orig_iat"]
    assert new["orig_iat"] == old["orig_iat"] == T0
    assert new["exp"] == T0 + 1800 + 3600
    # The refreshed token works and refreshes again, still with the first orig_iat.
    clock.advance(3000)
    third = refresh(api_client, second).json()["token"]
    assert claims(third)["orig_iat"] == T0


def test_refresh_within_the_same_second_may_repeat_the_token(
    api_client, user, refreshable, clock
):
    first = obtain(api_client).json()["token"]
    assert (
        refresh(api_client, first).json()["token"] == first
    )  # 1.11 behaves the same (#366)


def test_refresh_requires_orig_iat(api_client, user, token_for):
    # JWT_ALLOW_REFRESH was off when the token was issued, so it has no orig_iat.
    non_field(refresh(api_client, token_for(user)), "orig_iat field is required.")


@pytest.mark.parametrize("orig_iat", [0, 0.0])
def test_refresh_zero_orig_iat(api_client, user, raw_token, orig_iat):
    token = raw_token({"username": "jpueblo", "orig_iat": orig_iat})
    non_field(refresh(api_client, token), "orig_iat field is required.")


def test_refresh_window_boundary(api_client, user, make_token, refreshable, clock):
    week = 7 * 86400
    at_limit = make_token(
        {"username": "jpueblo", "exp": T0 + 60, "orig_iat": T0 - week}
    )
    assert refresh(api_client, at_limit).status_code == 200
    past = make_token(
        {"username": "jpueblo", "exp": T0 + 60, "orig_iat": T0 - week - 1}
    )
    non_field(refresh(api_client, past), "Refresh has expired.")


def test_refresh_delta_as_plain_seconds(
    api_client, user, make_token, clock, api_settings, monkeypatch
):
    monkeypatch.setattr(api_settings, "JWT_REFRESH_EXPIRATION_DELTA", 60)
    token = make_token({"username": "jpueblo", "orig_iat": T0 - 60})
    assert refresh(api_client, token).status_code == 200
    token = make_token({"username": "jpueblo", "orig_iat": T0 - 61})
    non_field(refresh(api_client, token), "Refresh has expired.")


def test_refresh_delta_microseconds_dropped(
    api_client, user, make_token, clock, api_settings, monkeypatch
):
    monkeypatch.setattr(
        api_settings,
        "JWT_REFRESH_EXPIRATION_DELTA",
        datetime.timedelta(seconds=60, microseconds=999999),
    )
    token = make_token({"username": "jpueblo", "orig_iat": T0 - 61})
    non_field(refresh(api_client, token), "Refresh has expired.")


def test_refresh_of_an_expired_token_is_refused(api_client, user, refreshable, clock):
    first = obtain(api_client).json()["token"]
    clock.advance(3600)  # exp == now
    non_field(refresh(api_client, first), "Signature has expired.")


@pytest.mark.parametrize("orig_iat", ["yesterday", [1], True])
def test_refresh_non_numeric_orig_iat_is_400(api_client, user, raw_token, orig_iat):
    # 1.11: a TypeError (500). ferrojwt rejects a truthy non-number NumericDate while decoding
    # (docs/compatibility.md).
    token = raw_token({"username": "jpueblo", "orig_iat": orig_iat})
    non_field(refresh(api_client, token), "Error decoding signature.")


@pytest.mark.parametrize("orig_iat", [None, "", False])
def test_refresh_falsy_orig_iat_is_missing(api_client, user, raw_token, orig_iat):
    # 1.11 tested `if orig_iat:`, so these are "missing", exactly as there.
    token = raw_token({"username": "jpueblo", "orig_iat": orig_iat})
    non_field(refresh(api_client, token), "orig_iat field is required.")


def test_refresh_keeps_orig_iat_even_with_allow_refresh_off(
    api_client, user, make_token, clock
):
    token = make_token({"username": "jpueblo", "orig_iat": T0 - 5})
    new = claims(refresh(api_client, token).json()["token"])
    assert new["orig_iat"] == T0 - 5
    assert list(new)[-1] == "orig_iat"


# --- ferrojwt.drf.test ------------------------------------------------------------------------------------


def test_apijwtclient_login(user):
    from ferrojwt.drf.test import APIJWTClient

    client = APIJWTClient()
    assert client.login(username="jpueblo", password="wrong") is False
    assert client.get("/protected/").status_code == 401
    assert client.login(username="jpueblo", password="password") is True
    assert client.get("/protected/").json()["username"] == "jpueblo"


def test_apijwtclient_login_uses_the_prefix(user, api_settings, monkeypatch):
    from ferrojwt.drf.test import APIJWTClient

    monkeypatch.setattr(api_settings, "JWT_AUTH_HEADER_PREFIX", "Bearer")
    client = APIJWTClient()
    assert client.login(username="jpueblo", password="password") is True
    assert client._credentials["HTTP_AUTHORIZATION"].startswith("Bearer ")
    assert client.get("/protected/").status_code == 200
