"""The default handlers of djangorestframework_jwt 1.11, on the ferrojwt core.

Each function keeps the original's name, signature and observable behaviour (payload key order,
the in-place conversion of datetimes by the encode handler, the DeprecationWarnings), because
projects point ``JWT_AUTH`` import strings at them, wrap them in their own handlers and assert on
their output in tests. Settings are read from ``api_settings`` on every call.

The wall clock is read through ``time.time()``, the same clock ``ferrojwt.decode`` uses when it is
not given ``now``, so issuing and checking a token always agree, and freezing ``time.time`` in a
test freezes both.
"""

from __future__ import annotations

import datetime
import time
import uuid
import warnings
from collections.abc import MutableMapping

from django.core.exceptions import ValidationError

import ferrojwt
from ferrojwt.exceptions import InvalidSignatureError

from .compat import get_user_model, get_username, get_username_field
from .settings import api_settings

__all__ = [
    "jwt_decode_handler",
    "jwt_encode_handler",
    "jwt_get_secret_key",
    "jwt_get_user_id_from_payload_handler",
    "jwt_get_username_from_payload_handler",
    "jwt_payload_handler",
    "jwt_response_payload_handler",
]

#: The claims PyJWT 1.x converted from datetimes to integers, in the caller's own dict.
_TIME_CLAIMS = ("exp", "iat", "nbf")


_EPOCH = datetime.datetime(1970, 1, 1)


def _utcnow() -> datetime.datetime:
    """Naive UTC now, what ``datetime.utcnow()`` returned (deprecated since Python 3.12)."""
    return _EPOCH + datetime.timedelta(seconds=time.time())


def jwt_payload_handler(user) -> dict:
    """The claims of a new token for ``user``, in 1.11's key order (which fixes the token's bytes).

    ``exp`` stays a naive UTC datetime here, as in 1.11; the encode handler turns it into an
    integer. ``orig_iat`` is only added while ``JWT_ALLOW_REFRESH`` is on, so tokens issued with
    it off can never be refreshed.
    """
    warnings.warn(
        "The following fields will be removed in the future: `email` and `user_id`. ",
        DeprecationWarning,
        stacklevel=2,
    )
    username_field = get_username_field()
    username = get_username(user)
    now = _utcnow()

    user_id = user.pk
    payload = {
        "user_id": str(user_id) if isinstance(user_id, uuid.UUID) else user_id,
        "username": username,
        "exp": now + api_settings.JWT_EXPIRATION_DELTA,
    }
    if hasattr(user, "email"):
        payload["email"] = user.email
    payload[username_field] = username

    if api_settings.JWT_ALLOW_REFRESH:
        payload["orig_iat"] = ferrojwt.numeric_date(now)
    if api_settings.JWT_AUDIENCE is not None:
        payload["aud"] = api_settings.JWT_AUDIENCE
    if api_settings.JWT_ISSUER is not None:
        payload["iss"] = api_settings.JWT_ISSUER
    return payload


def jwt_get_user_id_from_payload_handler(payload):
    """Deprecated in 1.11 and unused by the package; kept because projects still configure it."""
    warnings.warn(
        "The following will be removed in the future. "
        "Use `JWT_PAYLOAD_GET_USERNAME_HANDLER` instead.",
        DeprecationWarning,
        stacklevel=2,
    )
    return payload.get("user_id")


def jwt_get_username_from_payload_handler(payload):
    """Where the authentication class and the serializers find the natural key of the user."""
    return payload.get("username")


def jwt_get_secret_key(payload=None):
    """The HMAC secret for ``payload``: the per-user secret when ``JWT_GET_USER_SECRET_KEY`` is
    set (so rotating it revokes that user's tokens), else ``JWT_SECRET_KEY``.

    The per-user lookup queries the user by ``payload['user_id']``. A missing user raises the
    model's ``DoesNotExist`` here, as in 1.11, and so does a ``user_id`` that is not a valid
    primary key; the decode handler turns both into a token error.
    """
    get_user_secret_key = api_settings.JWT_GET_USER_SECRET_KEY
    if get_user_secret_key:
        return str(get_user_secret_key(_user_for_secret(payload)))
    return api_settings.JWT_SECRET_KEY


def _user_for_secret(payload):
    """The user a per-user secret belongs to; ``DoesNotExist`` for any unusable ``user_id``."""
    user_model = get_user_model()
    user_id = payload.get("user_id")
    try:
        return user_model._default_manager.get(pk=user_id)
    except (ValidationError, ValueError, TypeError) as exc:
        raise user_model.DoesNotExist(
            f"{user_id!r} is not a valid primary key"
        ) from exc


def jwt_encode_handler(payload) -> str:
    """Signs ``payload`` and returns the token as ``str``.

    Like 1.11 on PyJWT 1.x, ``exp``/``iat``/``nbf`` datetimes in the caller's dict are replaced by
    integer NumericDates *in place*: code (and tests) written for 1.11 compare the dict they passed
    in with the decoded token.
    """
    if isinstance(payload, MutableMapping):
        for claim in _TIME_CLAIMS:
            value = payload.get(claim)
            if isinstance(value, datetime.datetime):
                payload[claim] = ferrojwt.numeric_date(value)
    key = api_settings.JWT_PRIVATE_KEY or jwt_get_secret_key(payload)
    return ferrojwt.encode(payload, key, api_settings.JWT_ALGORITHM)


def _user_secret_for_token(token):
    """The per-user secret for an unverified token; a token naming no existing user is a token
    error (``InvalidSignatureError``: there is no key it could verify against), not a 500."""
    unverified = ferrojwt.decode(token, options={"verify_signature": False})
    try:
        return jwt_get_secret_key(unverified)
    except get_user_model().DoesNotExist as exc:
        raise InvalidSignatureError("No key for the user named by the token") from exc


def jwt_decode_handler(token) -> dict:
    """Verifies ``token`` (``str`` from a body or cookie, ``bytes`` from the header) with the
    settings of the moment and returns its claims in their original order.

    With ``JWT_VERIFY`` off nothing is checked, as in 1.11. Otherwise the signature and the claims
    are checked with PyJWT 1.x's rules (see docs/compatibility.md for the few deliberate
    differences). The token is pre-decoded without verification only when a per-user secret has
    to be looked up.
    """
    if not api_settings.JWT_VERIFY:
        return ferrojwt.decode(token, options={"verify_signature": False})

    if api_settings.JWT_GET_USER_SECRET_KEY:
        secret_key = _user_secret_for_token(token)
    else:
        secret_key = api_settings.JWT_SECRET_KEY

    return ferrojwt.decode(
        token,
        api_settings.JWT_PUBLIC_KEY or secret_key,
        algorithms=[api_settings.JWT_ALGORITHM],
        options={
            "verify_signature": True,
            "verify_exp": api_settings.JWT_VERIFY_EXPIRATION,
        },
        leeway=api_settings.JWT_LEEWAY,
        audience=api_settings.JWT_AUDIENCE,
        issuer=api_settings.JWT_ISSUER,
    )


def jwt_response_payload_handler(token, user=None, request=None) -> dict:
    """The body of a successful obtain/refresh/verify response; projects replace it to add user
    data (it need not contain ``token``)."""
    return {"token": token}
