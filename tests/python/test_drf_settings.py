"""``ferrojwt.drf.settings``: the 21 settings of 1.11, their defaults, and how they are read."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from ferrojwt.drf import settings as jwt_settings
from ferrojwt.drf import utils

SPEC_DEFAULTS = {
    "JWT_ENCODE_HANDLER": "ferrojwt.drf.utils.jwt_encode_handler",
    "JWT_DECODE_HANDLER": "ferrojwt.drf.utils.jwt_decode_handler",
    "JWT_PAYLOAD_HANDLER": "ferrojwt.drf.utils.jwt_payload_handler",
    "JWT_PAYLOAD_GET_USER_ID_HANDLER": "ferrojwt.drf.utils.jwt_get_user_id_from_payload_handler",
    "JWT_PAYLOAD_GET_USERNAME_HANDLER": "ferrojwt.drf.utils.jwt_get_username_from_payload_handler",
    "JWT_RESPONSE_PAYLOAD_HANDLER": "ferrojwt.drf.utils.jwt_response_payload_handler",
    "JWT_SECRET_KEY": django_settings.SECRET_KEY,
    "JWT_GET_USER_SECRET_KEY": None,
    "JWT_PRIVATE_KEY": None,
    "JWT_PUBLIC_KEY": None,
    "JWT_ALGORITHM": "HS256",
    "JWT_VERIFY": True,
    "JWT_VERIFY_EXPIRATION": True,
    "JWT_LEEWAY": 0,
    "JWT_EXPIRATION_DELTA": datetime.timedelta(seconds=300),
    "JWT_AUDIENCE": None,
    "JWT_ISSUER": None,
    "JWT_ALLOW_REFRESH": False,
    "JWT_REFRESH_EXPIRATION_DELTA": datetime.timedelta(days=7),
    "JWT_AUTH_HEADER_PREFIX": "JWT",
    "JWT_AUTH_COOKIE": None,
}


def test_all_21_settings_with_spec_defaults():
    assert len(SPEC_DEFAULTS) == 21
    for name, value in SPEC_DEFAULTS.items():
        assert jwt_settings.DEFAULTS[name] == value, name


#: ferrojwt's additions and their defaults (docs/compatibility.md): each opt-in is off by default.
FERROJWT_ADDITIONS = {
    "JWT_AUTH_COOKIE_CSRF": True,
    "JWT_ALLOW_REFRESH_EXPIRED": False,
    "JWT_LOOKUP_USER_BY_ID": False,
    "JWT_AUTH_HEADER_PREFIXES": (),
    "JWT_AUTH_COOKIE_SECURE": False,
    "JWT_AUTH_COOKIE_SAMESITE": None,
    "JWT_AUTH_COOKIE_DOMAIN": None,
    "JWT_AUTH_COOKIE_PATH": "/",
    "JWT_REQUEST_AUTH_PAYLOAD": False,
    "JWT_STATELESS_USER": False,
}


def test_only_documented_additions():
    additions = {k: v for k, v in jwt_settings.DEFAULTS.items() if k not in SPEC_DEFAULTS}
    assert additions == FERROJWT_ADDITIONS


def test_additions_are_documented():
    import pathlib

    docs = (pathlib.Path(__file__).parents[2] / "docs" / "compatibility.md").read_text()
    missing = [name for name in FERROJWT_ADDITIONS if f"`{name}`" not in docs]
    assert not missing


def test_import_strings():
    assert set(jwt_settings.IMPORT_STRINGS) == {
        "JWT_ENCODE_HANDLER",
        "JWT_DECODE_HANDLER",
        "JWT_PAYLOAD_HANDLER",
        "JWT_PAYLOAD_GET_USER_ID_HANDLER",
        "JWT_PAYLOAD_GET_USERNAME_HANDLER",
        "JWT_RESPONSE_PAYLOAD_HANDLER",
        "JWT_GET_USER_SECRET_KEY",
    }


def test_user_settings_is_the_projects_jwt_auth():
    assert (
        jwt_settings.USER_SETTINGS is None
    )  # testproject.settings defines no JWT_AUTH


def test_is_a_drf_apisettings(api_settings):
    from rest_framework.settings import APISettings

    assert isinstance(api_settings, APISettings)


def test_handlers_resolve_to_the_utils_functions(api_settings):
    assert api_settings.JWT_ENCODE_HANDLER is utils.jwt_encode_handler
    assert api_settings.JWT_DECODE_HANDLER is utils.jwt_decode_handler
    assert api_settings.JWT_PAYLOAD_HANDLER is utils.jwt_payload_handler
    assert (
        api_settings.JWT_PAYLOAD_GET_USER_ID_HANDLER
        is utils.jwt_get_user_id_from_payload_handler
    )
    assert (
        api_settings.JWT_PAYLOAD_GET_USERNAME_HANDLER
        is utils.jwt_get_username_from_payload_handler
    )
    assert (
        api_settings.JWT_RESPONSE_PAYLOAD_HANDLER is utils.jwt_response_payload_handler
    )


def test_secret_key_defaults_to_django_secret_key(api_settings):
    assert api_settings.JWT_SECRET_KEY == django_settings.SECRET_KEY


def test_unknown_setting_raises_attribute_error(api_settings):
    with pytest.raises(AttributeError, match="Invalid API setting: 'JWT_NOPE'"):
        api_settings.JWT_NOPE  # noqa: B018


def test_rest_framework_settings_do_not_leak_in(api_settings):
    # testproject.settings.REST_FRAMEWORK contains JWT_AUTH_HEADER_PREFIX = "Leaked".
    assert api_settings.JWT_AUTH_HEADER_PREFIX == "JWT"


def test_attributes_are_assignable_at_runtime(api_settings):
    api_settings.JWT_AUTH_HEADER_PREFIX = "Bearer"
    assert api_settings.JWT_AUTH_HEADER_PREFIX == "Bearer"


def test_override_settings_jwt_auth_reloads(api_settings):
    assert api_settings.JWT_ALGORITHM == "HS256"
    with override_settings(JWT_AUTH={"JWT_ALGORITHM": "HS512", "JWT_LEEWAY": 5}):
        assert api_settings.JWT_ALGORITHM == "HS512"
        assert api_settings.JWT_LEEWAY == 5
        assert api_settings.JWT_ISSUER is None
    assert api_settings.JWT_ALGORITHM == "HS256"
    assert api_settings.JWT_LEEWAY == 0


def test_user_settings_from_jwt_auth_with_import_strings():
    with override_settings(
        JWT_AUTH={
            "JWT_RESPONSE_PAYLOAD_HANDLER": "testproject.handlers.response_with_user",
            "JWT_EXPIRATION_DELTA": datetime.timedelta(hours=1),
        }
    ):
        fresh = jwt_settings.JWTAPISettings(
            None, jwt_settings.DEFAULTS, jwt_settings.IMPORT_STRINGS
        )
        assert fresh.JWT_EXPIRATION_DELTA == datetime.timedelta(hours=1)
        from testproject.handlers import response_with_user

        assert fresh.JWT_RESPONSE_PAYLOAD_HANDLER is response_with_user
        assert fresh.JWT_ALGORITHM == "HS256"
