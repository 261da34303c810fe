"""Custom user models: another ``USERNAME_FIELD``, a UUID primary key (spec §1.3, issue §6 #5)."""

from __future__ import annotations

import uuid

import ferrojwt
import pytest
from django.test import override_settings
from ferrojwt.drf import serializers as jwt_serializers
from ferrojwt.drf import utils
from ferrojwt.drf.compat import get_username_field

pytestmark = pytest.mark.django_db

OBTAIN, VERIFY, REFRESH = (
    "/api-token-auth/",
    "/api-token-verify/",
    "/api-token-refresh/",
)


@pytest.fixture
def swap_user_model(monkeypatch):
    """Swaps AUTH_USER_MODEL; serializers.User is bound at import (as in 1.11), so patch it too."""
    from django.apps import apps

    def swap(label):
        override = override_settings(AUTH_USER_MODEL=label)
        override.enable()
        monkeypatch.setattr(jwt_serializers, "User", apps.get_model(label))
        return override

    overrides = []
    yield lambda label: overrides.append(swap(label)) or apps.get_model(label)
    for override in reversed(overrides):
        override.disable()


def make_user(model, password="pw", **fields):
    user = model(**fields)
    user.set_password(password)
    user.save()
    return user


def claims(token):
    return ferrojwt.decode(token, options={"verify_signature": False})


def test_email_as_username_field(api_client, swap_user_model):
    EmailUser = swap_user_model("testapp.EmailUser")
    user = make_user(EmailUser, email="ann@example.com")
    assert get_username_field() == "email"

    response = api_client.post(
        OBTAIN, {"email": "ann@example.com", "password": "pw"}, format="json"
    )
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    payload = claims(token)
    # `email` was already present, so USERNAME_FIELD overwrote it in place.
    assert list(payload) == ["user_id", "username", "exp", "email"]
    assert payload["username"] == payload["email"] == "ann@example.com"
    assert payload["user_id"] == user.pk

    response = api_client.get("/protected/", HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 200
    assert response.json()["username"] == "ann@example.com"
    assert api_client.post(VERIFY, {"token": token}, format="json").status_code == 200


def test_email_user_obtain_requires_the_email_field(api_client, swap_user_model):
    swap_user_model("testapp.EmailUser")
    response = api_client.post(
        OBTAIN, {"username": "x", "password": "pw"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"email": ["This field is required."]}


def test_other_username_field_is_appended(api_client, swap_user_model):
    HandleUser = swap_user_model("testapp.HandleUser")
    make_user(HandleUser, handle="annie", email="ann@example.com")
    response = api_client.post(
        OBTAIN, {"handle": "annie", "password": "pw"}, format="json"
    )
    assert response.status_code == 200, response.content
    payload = claims(response.json()["token"])
    assert list(payload) == ["user_id", "username", "exp", "email", "handle"]
    assert payload["username"] == payload["handle"] == "annie"
    assert payload["email"] == "ann@example.com"


def test_uuid_primary_key(api_client, swap_user_model, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_ALLOW_REFRESH", True)
    UUIDUser = swap_user_model("testapp.UUIDUser")
    user = make_user(UUIDUser, username="uuidy")
    assert isinstance(user.pk, uuid.UUID)

    response = api_client.post(
        OBTAIN, {"username": "uuidy", "password": "pw"}, format="json"
    )
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    payload = claims(token)
    assert list(payload) == [
        "user_id",
        "username",
        "exp",
        "orig_iat",
    ]  # no email attribute
    assert payload["user_id"] == str(user.pk)

    assert (
        api_client.get("/protected/", HTTP_AUTHORIZATION=f"JWT {token}").status_code
        == 200
    )
    response = api_client.post(REFRESH, {"token": token}, format="json")
    assert response.status_code == 200
    assert claims(response.json()["token"])["user_id"] == str(user.pk)


def test_uuid_user_with_per_user_secret(
    api_client, swap_user_model, api_settings, monkeypatch
):
    UUIDUser = swap_user_model("testapp.UUIDUser")
    user = make_user(UUIDUser, username="uuidy")
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", lambda u: u.secret)

    token = utils.jwt_encode_handler(utils.jwt_payload_handler(user))
    assert (
        ferrojwt.decode(token, str(user.secret), algorithms=["HS256"])["username"]
        == "uuidy"
    )
    assert (
        api_client.get("/protected/", HTTP_AUTHORIZATION=f"JWT {token}").status_code
        == 200
    )

    user.secret = uuid.uuid4()  # logging the user out everywhere
    user.save()
    response = api_client.get("/protected/", HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 401
    assert response.json() == {"detail": "Error decoding signature."}

    import jwt_reference as ref

    forged = ref.encode({"user_id": "not-a-uuid", "username": "uuidy"}, "guess")
    response = api_client.get("/protected/", HTTP_AUTHORIZATION=f"JWT {forged}")
    assert response.status_code == 401
    assert response.json() == {"detail": "Error decoding signature."}


@pytest.mark.parametrize(
    ("label", "field"),
    [("testapp.EmailUser", "email"), ("testapp.HandleUser", "handle")],
)
def test_must_include_names_the_username_field(api_client, swap_user_model, monkeypatch, label, field):
    """'Must include "{username_field}" and "password".' is formatted with USERNAME_FIELD."""
    from rest_framework import serializers

    from ferrojwt.drf import views
    from ferrojwt.drf.compat import PasswordField

    swap_user_model(label)
    message = f'Must include "{field}" and "password".'

    serializer = jwt_serializers.JSONWebTokenSerializer()
    assert serializer.username_field == field
    with pytest.raises(serializers.ValidationError) as info:
        serializer.validate({field: "", "password": "pw"})
    assert info.value.detail == [message]

    class Lenient(jwt_serializers.JSONWebTokenSerializer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[self.username_field] = serializers.CharField(required=False, allow_blank=True)
            self.fields["password"] = PasswordField(write_only=True, required=False, allow_blank=True)

    monkeypatch.setattr(views.ObtainJSONWebToken, "serializer_class", Lenient)
    response = api_client.post(OBTAIN, {field: "someone", "password": ""}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [message]}
    # The stock field is required under its own name, before validate() runs.
    monkeypatch.setattr(
        views.ObtainJSONWebToken, "serializer_class", jwt_serializers.JSONWebTokenSerializer
    )
    response = api_client.post(OBTAIN, {"password": "pw"}, format="json")
    assert response.json() == {field: ["This field is required."]}
