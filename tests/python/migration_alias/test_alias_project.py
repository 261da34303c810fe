"""Migration path (b): a project that only knows ``rest_framework_jwt`` runs on ferrojwt.drf after
one added line in settings.py (``import ferrojwt.drf.compat_alias``)."""

import importlib
import json
import pathlib
import time
from unittest import mock

import pytest

#: Tokens issued by the original djangorestframework-jwt 1.11.0 handlers (tests/fixtures/gen_drfjwt.py).
FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "drfjwt_tokens.json"


def fixture(name="HS256 refresh on"):
    return next(c for c in json.loads(FIXTURES.read_text())["cases"] if c["name"] == name)
SUBMODULES = ["settings", "utils", "authentication", "serializers", "views", "compat", "test", "models"]


@pytest.fixture
def client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(
        username="jpueblo", email="jpueblo@example.com", password="password"
    )


@pytest.mark.parametrize("name", SUBMODULES)
def test_submodules_are_the_same_objects(name):
    alias = importlib.import_module(f"rest_framework_jwt.{name}")
    assert alias is importlib.import_module(f"ferrojwt.drf.{name}")
    assert alias.__name__ == f"ferrojwt.drf.{name}"
    assert alias.__spec__.name == f"ferrojwt.drf.{name}"


def test_package_and_attribute_access():
    import ferrojwt.drf
    import rest_framework_jwt
    import rest_framework_jwt.utils

    assert rest_framework_jwt is ferrojwt.drf
    assert rest_framework_jwt.utils is ferrojwt.drf.utils
    from rest_framework_jwt.settings import api_settings
    from ferrojwt.drf.settings import api_settings as ours

    assert api_settings is ours


def test_unknown_submodule_is_still_an_import_error():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("rest_framework_jwt.no_such_module")


def test_installed_app_label():
    from django.apps import apps

    config = apps.get_app_config("ferrojwt_drf")
    assert config.name == "ferrojwt.drf"


def test_setting_strings_resolve_to_ferrojwt():
    from ferrojwt.drf import utils
    from rest_framework_jwt.settings import api_settings

    assert api_settings.JWT_ENCODE_HANDLER is utils.jwt_encode_handler
    assert api_settings.JWT_DECODE_HANDLER is utils.jwt_decode_handler
    assert api_settings.JWT_RESPONSE_PAYLOAD_HANDLER is utils.jwt_response_payload_handler


def test_default_authentication_classes_string():
    from ferrojwt.drf.authentication import JSONWebTokenAuthentication
    from rest_framework.settings import api_settings as drf_settings

    assert drf_settings.DEFAULT_AUTHENTICATION_CLASSES == [JSONWebTokenAuthentication]


def test_obtain_authenticate_verify_refresh(client, user):
    response = client.post("/api-token-auth/", {"username": "jpueblo", "password": "password"}, format="json")
    assert response.status_code == 200
    token = response.data["token"]
    assert token.startswith("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.")

    assert client.get("/whoami/").status_code == 401
    assert client.get("/whoami/")["WWW-Authenticate"] == 'JWT realm="api"'
    client.credentials(HTTP_AUTHORIZATION=f"JWT {token}")
    response = client.get("/whoami/")
    assert response.status_code == 200 and response.data == {"username": "jpueblo"}

    client.credentials()
    assert client.post("/api-token-verify/", {"token": token}, format="json").data == {"token": token}
    assert client.post("/api-token-refresh/", {"token": token}, format="json").status_code == 200


@pytest.mark.parametrize("target", ["rest_framework_jwt.views", "ferrojwt.drf.views"])
def test_patching_either_name_works(client, user, target):
    with mock.patch(f"{target}.jwt_response_payload_handler", return_value={"patched": True}):
        response = client.post(
            "/api-token-auth/", {"username": "jpueblo", "password": "password"}, format="json"
        )
    assert response.data == {"patched": True}


def test_apijwttestcase_from_the_alias(user):
    from rest_framework_jwt.test import APIJWTClient

    jwt_client = APIJWTClient()
    assert jwt_client.login(username="jpueblo", password="password")
    assert jwt_client.get("/whoami/").status_code == 200


def test_token_issued_before_the_migration_authenticates(client, user, monkeypatch):
    """A token the original djangorestframework_jwt 1.11 handlers issued on PyJWT 1.7.1 (same
    SECRET_KEY) authenticates and refreshes."""
    case = fixture()
    monkeypatch.setattr(time, "time", lambda: case["now"] + 100.5)
    client.credentials(HTTP_AUTHORIZATION=f"JWT {case['token']}")
    response = client.get("/whoami/")
    assert response.status_code == 200, response.data
    response = client.post("/api-token-refresh/", {"token": case["token"]}, format="json")
    assert response.status_code == 200


def test_new_tokens_are_byte_identical_to_pyjwt1(user, monkeypatch):
    """ferrojwt's token for the same claims is the one 1.11's handlers + PyJWT 1.7.1 printed."""
    from rest_framework_jwt.utils import jwt_encode_handler

    case = fixture()
    assert jwt_encode_handler(json.loads(case["payload_json"])) == case["token"]
