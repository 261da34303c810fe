"""``ferrojwt.drf.utils``: the default handlers of 1.11 (spec §1.3–1.6)."""

from __future__ import annotations

import datetime
import uuid
import warnings

import ferrojwt
import jwt_reference as ref
import pytest
from conftest import T0
from django.conf import settings as django_settings
from ferrojwt import exceptions as exc
from ferrojwt.drf import utils

PAYLOAD_WARNING = (
    "The following fields will be removed in the future: `email` and `user_id`. "
)
USER_ID_WARNING = (
    "The following will be removed in the future. "
    "Use `JWT_PAYLOAD_GET_USERNAME_HANDLER` instead."
)


def recorded_warnings(fn, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn(*args)
    return result, [(w.category, str(w.message)) for w in caught]


# --- jwt_payload_handler -----------------------------------------------------------------------


@pytest.mark.django_db
def test_payload_handler_warns_on_every_call(user):
    for _ in range(2):
        _, caught = recorded_warnings(utils.jwt_payload_handler, user)
        assert caught == [(DeprecationWarning, PAYLOAD_WARNING)]
    with pytest.deprecated_call():
        utils.jwt_payload_handler(user)


@pytest.mark.django_db
def test_payload_default_keys_order_and_values(user, clock):
    payload = utils.jwt_payload_handler(user)
    assert list(payload) == ["user_id", "username", "exp", "email"]
    assert payload["user_id"] == user.pk
    assert payload["username"] == "jpueblo"
    assert payload["email"] == "jpueblo@example.com"
    # A naive UTC datetime, converted only when encoded.
    assert payload["exp"] == datetime.datetime(2023, 11, 14, 22, 18, 20, 250000)
    assert payload["exp"].tzinfo is None


@pytest.mark.django_db
def test_payload_with_refresh_audience_issuer(user, clock, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH", True)
    monkeypatch.setattr(api_settings, "JWT_AUDIENCE", "my-aud")
    monkeypatch.setattr(api_settings, "JWT_ISSUER", "my-iss")
    monkeypatch.setattr(
        api_settings, "JWT_EXPIRATION_DELTA", datetime.timedelta(hours=1)
    )
    payload = utils.jwt_payload_handler(user)
    assert list(payload) == [
        "user_id",
        "username",
        "exp",
        "email",
        "orig_iat",
        "aud",
        "iss",
    ]
    assert payload["orig_iat"] == T0 and type(payload["orig_iat"]) is int
    assert ferrojwt.numeric_date(payload["exp"]) == T0 + 3600
    assert (payload["aud"], payload["iss"]) == ("my-aud", "my-iss")


@pytest.mark.django_db
def test_payload_keeps_empty_email(django_user_model):
    user = django_user_model.objects.create_user(username="noemail", password="p")
    payload = utils.jwt_payload_handler(user)
    assert payload["email"] == ""


def test_payload_of_an_object_without_email_or_get_username():
    class Legacy:
        pk = 42
        username = "legacy"

    payload = utils.jwt_payload_handler(Legacy())
    assert list(payload) == ["user_id", "username", "exp"]
    assert payload["username"] == "legacy"


def test_payload_uuid_pk_becomes_str_in_place():
    class UUIDish:
        pk = uuid.UUID("12345678-1234-5678-1234-567812345678")
        username = "u"
        email = "u@example.com"

    payload = utils.jwt_payload_handler(UUIDish())
    assert next(iter(payload)) == "user_id"
    assert payload["user_id"] == "12345678-1234-5678-1234-567812345678"
    assert isinstance(utils.jwt_encode_handler(payload), str)


# --- jwt_encode_handler / jwt_decode_handler --------------------------------------------------------


def test_encode_handler_mutates_callers_dict_and_returns_str():
    exp = datetime.datetime(2030, 1, 1)
    payload = {"user_id": 1, "exp": exp, "iat": exp, "nbf": exp, "other": "x"}
    token = utils.jwt_encode_handler(payload)
    assert isinstance(token, str)
    expected = ferrojwt.numeric_date(exp)
    assert payload == {
        "user_id": 1,
        "exp": expected,
        "iat": expected,
        "nbf": expected,
        "other": "x",
    }
    assert token == ref.encode(payload, django_settings.SECRET_KEY)


def test_encode_then_decode_equals_mutated_payload():
    # 1.11's own test_jwt_encode/test_jwt_decode: only true because encode mutates the dict.
    payload = {"user_id": 1, "username": "a", "exp": datetime.datetime(2100, 1, 1)}
    token = utils.jwt_encode_handler(payload)
    assert utils.jwt_decode_handler(token) == payload


@pytest.mark.parametrize("as_bytes", [False, True])
def test_decode_handler_accepts_str_and_bytes(as_bytes):
    token = utils.jwt_encode_handler({"username": "a"})
    assert utils.jwt_decode_handler(token.encode() if as_bytes else token) == {
        "username": "a"
    }


def test_encode_handler_uses_algorithm_setting(api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_ALGORITHM", "HS512")
    token = utils.jwt_encode_handler({"a": 1})
    assert ferrojwt.get_unverified_header(token) == {"typ": "JWT", "alg": "HS512"}
    assert utils.jwt_decode_handler(token) == {"a": 1}
    monkeypatch.setattr(api_settings, "JWT_ALGORITHM", "HS256")
    with pytest.raises(exc.InvalidAlgorithmError):
        utils.jwt_decode_handler(token)


def test_secret_key_setting_read_per_call(api_settings, monkeypatch):
    token = utils.jwt_encode_handler({"a": 1})
    monkeypatch.setattr(api_settings, "JWT_SECRET_KEY", "rotated-secret")
    with pytest.raises(exc.InvalidSignatureError):
        utils.jwt_decode_handler(token)
    assert utils.jwt_encode_handler({"a": 1}) == ref.encode({"a": 1}, "rotated-secret")


def test_private_and_public_key_override_the_secret(api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_PRIVATE_KEY", "signing-side")
    token = utils.jwt_encode_handler({"a": 1})
    assert token == ref.encode({"a": 1}, "signing-side")
    with pytest.raises(exc.InvalidSignatureError):
        utils.jwt_decode_handler(token)
    monkeypatch.setattr(api_settings, "JWT_PUBLIC_KEY", "signing-side")
    assert utils.jwt_decode_handler(token) == {"a": 1}


def test_verify_off_checks_nothing(api_settings, monkeypatch):
    token = ref.encode({"exp": 1, "aud": "x", "nbf": 2**40}, "someone-elses-key")
    monkeypatch.setattr(api_settings, "JWT_VERIFY", False)
    monkeypatch.setattr(api_settings, "JWT_ISSUER", "required-but-unchecked")
    assert utils.jwt_decode_handler(token) == {"exp": 1, "aud": "x", "nbf": 2**40}


def test_verify_off_still_rejects_malformed(api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_VERIFY", False)
    with pytest.raises(exc.DecodeError):
        utils.jwt_decode_handler("not-a-token")


def test_verify_expiration_setting(api_settings, monkeypatch, clock):
    token = utils.jwt_encode_handler({"exp": T0 - 100})
    with pytest.raises(exc.ExpiredSignatureError):
        utils.jwt_decode_handler(token)
    monkeypatch.setattr(api_settings, "JWT_VERIFY_EXPIRATION", False)
    assert utils.jwt_decode_handler(token) == {"exp": T0 - 100}


@pytest.mark.parametrize("leeway", [100, 100.0, datetime.timedelta(seconds=100)])
def test_leeway_setting(api_settings, monkeypatch, clock, leeway):
    token = utils.jwt_encode_handler({"exp": T0 - 99})
    monkeypatch.setattr(api_settings, "JWT_LEEWAY", leeway)
    assert utils.jwt_decode_handler(token) == {"exp": T0 - 99}
    clock.advance(1)
    with pytest.raises(exc.ExpiredSignatureError):
        utils.jwt_decode_handler(token)


def test_exp_boundary_through_the_handler(clock):
    with pytest.raises(exc.ExpiredSignatureError):
        utils.jwt_decode_handler(utils.jwt_encode_handler({"exp": T0}))
    assert utils.jwt_decode_handler(utils.jwt_encode_handler({"exp": T0 + 1}))


def test_audience_and_issuer_settings(api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_AUDIENCE", "aud-1")
    monkeypatch.setattr(api_settings, "JWT_ISSUER", "iss-1")
    good = utils.jwt_encode_handler({"iss": "iss-1", "aud": "aud-1"})
    assert utils.jwt_decode_handler(good) == {"iss": "iss-1", "aud": "aud-1"}
    with pytest.raises(exc.InvalidAudienceError):
        utils.jwt_decode_handler(
            utils.jwt_encode_handler({"iss": "iss-1", "aud": "aud-2"})
        )
    with pytest.raises(exc.InvalidIssuerError):
        utils.jwt_decode_handler(
            utils.jwt_encode_handler({"iss": "iss-2", "aud": "aud-1"})
        )
    with pytest.raises(exc.MissingRequiredClaimError):
        utils.jwt_decode_handler(utils.jwt_encode_handler({"iss": "iss-1"}))


def test_empty_secret_is_a_key_error(api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_SECRET_KEY", "")
    with pytest.raises(exc.InvalidKeyError):
        utils.jwt_encode_handler({"a": 1})


# --- per-user secrets ---------------------------------------------------------------------------------


def user_secret(user):
    return f"per-user-{user.username}-{user.first_name}"


@pytest.mark.django_db
def test_per_user_secret(user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", user_secret)
    assert utils.jwt_get_secret_key({"user_id": user.pk}) == "per-user-jpueblo-"
    payload = {"user_id": user.pk, "username": "jpueblo"}
    token = utils.jwt_encode_handler(dict(payload))
    assert token == ref.encode(payload, "per-user-jpueblo-")
    assert utils.jwt_decode_handler(token) == payload

    user.first_name = "rotated"  # rotating the user's secret revokes their tokens
    user.save()
    with pytest.raises(exc.InvalidSignatureError):
        utils.jwt_decode_handler(token)


@pytest.mark.django_db
def test_per_user_secret_is_str_coerced(user, api_settings, monkeypatch):
    marker = uuid.UUID("12345678-1234-5678-1234-567812345678")
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", lambda u: marker)
    assert utils.jwt_get_secret_key({"user_id": user.pk}) == str(marker)


@pytest.mark.django_db
@pytest.mark.parametrize("user_id", [999999, None, "not-a-number", [1]])
def test_per_user_secret_for_unknown_user(user, api_settings, monkeypatch, user_id):
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", user_secret)
    token = ref.encode({"user_id": user_id, "username": "jpueblo"}, "whatever")
    with pytest.raises(exc.InvalidSignatureError):
        utils.jwt_decode_handler(token)


@pytest.mark.django_db
def test_get_secret_key_itself_still_raises_does_not_exist(
    api_settings, monkeypatch, django_user_model
):
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", user_secret)
    for user_id in (424242, None, "not-a-number"):
        with pytest.raises(django_user_model.DoesNotExist):
            utils.jwt_get_secret_key({"user_id": user_id})


@pytest.mark.django_db
def test_errors_of_the_secret_callable_are_not_masked(user, api_settings, monkeypatch):
    def broken(u):
        raise TypeError("bug in the project's callable")

    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", broken)
    token = ref.encode({"user_id": user.pk, "username": "jpueblo"}, "whatever")
    with pytest.raises(TypeError, match="bug in the project's callable"):
        utils.jwt_decode_handler(token)


def test_secret_key_without_per_user_setting():
    assert utils.jwt_get_secret_key() == django_settings.SECRET_KEY
    assert utils.jwt_get_secret_key({"user_id": 1}) == django_settings.SECRET_KEY


# --- small handlers --------------------------------------------------------------------------------------


def test_get_user_id_handler_warns():
    value, caught = recorded_warnings(
        utils.jwt_get_user_id_from_payload_handler, {"user_id": 7}
    )
    assert value == 7
    assert caught == [(DeprecationWarning, USER_ID_WARNING)]


def test_get_username_handler():
    assert utils.jwt_get_username_from_payload_handler({"username": "a"}) == "a"
    assert utils.jwt_get_username_from_payload_handler({}) is None


def test_response_payload_handler():
    assert utils.jwt_response_payload_handler("tok") == {"token": "tok"}
    assert utils.jwt_response_payload_handler("tok", object(), object()) == {
        "token": "tok"
    }
