"""Serializers of the obtain, verify and refresh endpoints (djangorestframework_jwt 1.11).

Validation errors carry 1.11's exact strings. ``User`` and the handlers are module globals bound
at import, as in 1.11, so test suites can patch them here.

One deliberate difference: a token that fails a check other than expiry or decoding (audience,
issuer, algorithm, ``nbf``, ``iat``, a missing required claim) gives a 400 ``"Invalid token."``
here; 1.11 let those errors escape as a 500.
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from rest_framework import serializers

import ferrojwt
from ferrojwt.exceptions import MissingOrigIatError, RefreshExpiredError

from .compat import (
    DECODE_ERRORS,
    EXPIRED_SIGNATURE_ERRORS,
    INVALID_TOKEN_ERRORS,
    PasswordField,
    Serializer,
    get_user_model,
    get_username_field,
)
from .authentication import _lookup_user
from . import _config
from .settings import api_settings
from . import utils as _utils

__all__ = [
    "JSONWebTokenSerializer",
    "RefreshJSONWebTokenSerializer",
    "VerificationBaseSerializer",
    "VerifyJSONWebTokenSerializer",
]

User = get_user_model()
jwt_payload_handler = api_settings.JWT_PAYLOAD_HANDLER
jwt_encode_handler = api_settings.JWT_ENCODE_HANDLER
jwt_decode_handler = api_settings.JWT_DECODE_HANDLER
jwt_get_username_from_payload = api_settings.JWT_PAYLOAD_GET_USERNAME_HANDLER


class JSONWebTokenSerializer(Serializer):
    """Logs in with ``<USERNAME_FIELD>`` and ``password`` and issues a token.

    The username field is added per instance because its name depends on the user model.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.username_field] = serializers.CharField()
        self.fields["password"] = PasswordField(write_only=True)

    @property
    def username_field(self) -> str:
        return get_username_field()

    def validate(self, attrs):
        credentials = {
            self.username_field: attrs.get(self.username_field),
            "password": attrs.get("password"),
        }
        if not all(credentials.values()):
            msg = _('Must include "{username_field}" and "password".')
            raise serializers.ValidationError(
                msg.format(username_field=self.username_field)
            )

        user = authenticate(**credentials)
        if not user:
            raise serializers.ValidationError(
                _("Unable to log in with provided credentials.")
            )
        if not user.is_active:
            raise serializers.ValidationError(_("User account is disabled."))

        payload = jwt_payload_handler(user)
        return {"token": jwt_encode_handler(payload), "user": user}


class VerificationBaseSerializer(Serializer):
    """Shared checks of verify and refresh: the token decodes and names an active user."""

    token = serializers.CharField()

    def validate(self, attrs):
        raise NotImplementedError("Please define a validate method.")

    def _check_payload(self, token):
        try:
            return jwt_decode_handler(token)
        except EXPIRED_SIGNATURE_ERRORS:
            raise serializers.ValidationError(_("Signature has expired.")) from None
        except DECODE_ERRORS:
            raise serializers.ValidationError(_("Error decoding signature.")) from None
        except INVALID_TOKEN_ERRORS:
            raise serializers.ValidationError(_("Invalid token.")) from None

    def _check_user(self, payload):
        username = jwt_get_username_from_payload(payload)
        if not username:
            raise serializers.ValidationError(_("Invalid payload."))

        try:
            user = _lookup_user(User, payload, username)
        except User.DoesNotExist:
            raise serializers.ValidationError(_("User doesn't exist.")) from None

        if not user.is_active:
            raise serializers.ValidationError(_("User account is disabled."))
        return user


class VerifyJSONWebTokenSerializer(VerificationBaseSerializer):
    """Answers whether a token is currently valid; the token comes back unchanged."""

    def validate(self, attrs):
        token = attrs["token"]
        payload = self._check_payload(token)
        user = self._check_user(payload)
        return {"token": token, "user": user}


class RefreshJSONWebTokenSerializer(VerificationBaseSerializer):
    """Exchanges a still-valid token for one with a fresh ``exp`` and the same ``orig_iat``,
    until ``orig_iat + JWT_REFRESH_EXPIRATION_DELTA`` has passed.

    The window rule itself lives in the ferrojwt core (``ferrojwt.check_refresh_window``).
    With ``JWT_ALLOW_REFRESH_EXPIRED`` an expired token (valid in every other respect) is
    refreshed too while the window lasts; that needs ferrojwt's own decode handler.
    """

    def _check_refreshable_payload(self, token):
        if not (
            api_settings.JWT_ALLOW_REFRESH_EXPIRED
            and jwt_decode_handler is _utils.jwt_decode_handler
        ):
            return self._check_payload(token)
        # Every check but exp; the refresh window below then decides.
        try:
            payload = _utils._decode(token, api_settings, verify_exp=False)
        except DECODE_ERRORS:
            raise serializers.ValidationError(_("Error decoding signature.")) from None
        except INVALID_TOKEN_ERRORS:
            raise serializers.ValidationError(_("Invalid token.")) from None
        if not payload.get("orig_iat"):
            # Not refreshable at all: an expired token says so, as without the opt-in.
            return self._check_payload(token)
        return payload

    def validate(self, attrs):
        # A misconfigured window is the server's fault whatever the token: say so first.
        refresh_delta = _config.refresh_expiration_delta(api_settings)
        payload = self._check_refreshable_payload(attrs["token"])
        user = self._check_user(payload)

        try:
            orig_iat = ferrojwt.check_refresh_window(payload, refresh_delta)
        except MissingOrigIatError:
            raise serializers.ValidationError(
                _("orig_iat field is required.")
            ) from None
        except RefreshExpiredError:
            raise serializers.ValidationError(_("Refresh has expired.")) from None
        except DECODE_ERRORS:
            raise serializers.ValidationError(_("Error decoding signature.")) from None

        new_payload = jwt_payload_handler(user)
        new_payload["orig_iat"] = orig_iat
        return {"token": jwt_encode_handler(new_payload), "user": user}
