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
from collections.abc import Mapping, MutableMapping

from django.core.exceptions import ImproperlyConfigured, ValidationError

import ferrojwt
from ferrojwt.exceptions import InvalidArgumentError, InvalidKeyError, InvalidSignatureError

from . import _config
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
        "exp": now + _config.expiration_delta(api_settings),
    }
    if hasattr(user, "email"):
        payload["email"] = user.email
    payload[username_field] = username

    if api_settings.JWT_ALLOW_REFRESH:
        payload["orig_iat"] = ferrojwt.numeric_date(now)
    audience = _config.audience(api_settings)
    if audience is not None:
        payload["aud"] = audience
    issuer = _config.issuer(api_settings)
    if issuer is not None:
        payload["iss"] = issuer
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


def jwt_get_secret_key(payload=None, settings=None):
    """The HMAC secret for ``payload``: the per-user secret when ``JWT_GET_USER_SECRET_KEY`` is
    set (so rotating it revokes that user's tokens), else ``JWT_SECRET_KEY``.

    The per-user lookup queries the user by ``payload['user_id']``. A missing user raises the
    model's ``DoesNotExist`` here, as in 1.11, and so does a ``user_id`` that is not a valid
    primary key; the decode handler turns both into a token error. ``settings`` (an
    ``APISettings``; default ``ferrojwt.drf.settings.api_settings``) lets the handlers for the
    original package read its settings object instead.
    """
    s = api_settings if settings is None else settings
    get_user_secret_key = s.JWT_GET_USER_SECRET_KEY
    if get_user_secret_key:
        return str(get_user_secret_key(_user_for_secret(payload)))
    return s.JWT_SECRET_KEY


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


# --- keys and algorithms from the settings ------------------------------------------------------


class ImproperlyConfiguredKey(ImproperlyConfigured, InvalidKeyError):
    """A key in ``JWT_AUTH`` cannot be used with ``JWT_ALGORITHM``. Also an ``InvalidKeyError``,
    which is what 1.11 (PyJWT) raised for the same mistakes."""


class ImproperlyConfiguredAlgorithm(ImproperlyConfigured, NotImplementedError):
    """``JWT_ALGORITHM`` names no algorithm ferrojwt implements. Also a ``NotImplementedError``,
    which is what 1.11 (PyJWT) raised on encode."""


_HMAC_ALGORITHMS = ferrojwt._HMAC_ALGORITHMS
_KNOWN_ALGORITHMS = ferrojwt._KNOWN_ALGORITHMS
_KEYSET_CACHE_SIZE = 32
_keyset_cache: dict = {}


def _algorithm(s) -> str:
    """``JWT_ALGORITHM``, checked: a misconfiguration is reported once, by name, not as a token
    error on every request."""
    algorithm = s.JWT_ALGORITHM
    if not isinstance(algorithm, str) or algorithm not in _KNOWN_ALGORITHMS:
        raise ImproperlyConfiguredAlgorithm(
            f"JWT_AUTH['JWT_ALGORITHM'] = {algorithm!r} is not supported; use one of "
            f"{', '.join(sorted(_KNOWN_ALGORITHMS))}"
        )
    return algorithm


def _is_key_collection(value) -> bool:
    """A list/tuple of keys or a ``{kid: key}`` dict (key rotation), not one key (a JWK dict has
    ``kty``)."""
    if isinstance(value, (list, tuple)):
        return True
    return isinstance(value, Mapping) and "kty" not in value


def _entries(value) -> list:
    """``[(kid or None, key), ...]`` for a rotation list or ``{kid: key}`` dict."""
    if isinstance(value, Mapping):
        return [(str(kid), key) for kid, key in value.items()]
    return [(None, key) for key in value]


def _material(key) -> bytes:
    if isinstance(key, str):
        return key.encode("utf-8")
    if isinstance(key, (bytes, bytearray, memoryview)):
        return bytes(key)
    if hasattr(key, "private_bytes") or hasattr(key, "public_bytes"):
        return ferrojwt._serialize_cryptography_key(key)
    raise TypeError(f"a key in a rotation list must be str, bytes or a cryptography key, not {type(key).__name__}")


def _bad_key(setting: str, exc: BaseException) -> ImproperlyConfiguredKey:
    error = ImproperlyConfiguredKey(
        f"JWT_AUTH['{setting}'] cannot be used with JWT_ALGORITHM: {exc}"
    )
    error.__cause__ = exc
    return error


def _native_key(setting: str, value, algorithm: str):
    """The parsed key (or ``KeySet`` for a rotation list/dict) for ``value``, taken from the setting
    named ``setting``; an unusable key is ``ImproperlyConfiguredKey`` naming that setting."""
    try:
        if not _is_key_collection(value):
            return ferrojwt._key(value, (algorithm,))
        secret = algorithm in _HMAC_ALGORITHMS
        entries = tuple((kid, _material(key), secret) for kid, key in _entries(value))
        if not entries:
            raise ValueError("the list of keys is empty")
        cached = _keyset_cache.get(entries)
        if cached is None:
            cached = ferrojwt.KeySet.from_entries(list(entries))
            ferrojwt._bounded_put(_keyset_cache, entries, cached, _KEYSET_CACHE_SIZE)
        return cached
    except (InvalidKeyError, InvalidArgumentError, TypeError, ValueError) as exc:
        raise _bad_key(setting, exc) from exc


def _signing_key(s, payload, algorithm: str):
    """``(native key, kid or None, setting name)`` to sign ``payload`` with: ``JWT_PRIVATE_KEY``,
    else the (per-user) secret; of a rotation list or dict, the first entry."""
    if s.JWT_PRIVATE_KEY:
        setting, value = "JWT_PRIVATE_KEY", s.JWT_PRIVATE_KEY
    else:
        setting = "JWT_GET_USER_SECRET_KEY" if s.JWT_GET_USER_SECRET_KEY else "JWT_SECRET_KEY"
        value = jwt_get_secret_key(payload, s)
    kid = None
    if _is_key_collection(value):
        entries = _entries(value)
        if not entries:
            raise _bad_key(setting, ValueError("the list of keys is empty"))
        kid, value = entries[0]
    return _native_key(setting, value, algorithm), kid, setting


def _encode(payload, s) -> str:
    if isinstance(payload, MutableMapping):
        for claim in _TIME_CLAIMS:
            value = payload.get(claim)
            if isinstance(value, datetime.datetime):
                payload[claim] = ferrojwt.numeric_date(value)
    algorithm = _algorithm(s)
    key, kid, setting = _signing_key(s, payload, algorithm)
    try:
        return ferrojwt.encode(payload, key, algorithm, headers={"kid": kid} if kid else None)
    except InvalidKeyError as exc:
        if isinstance(exc, ImproperlyConfigured):
            raise
        raise _bad_key(setting, exc) from exc


def jwt_encode_handler(payload) -> str:
    """Signs ``payload`` and returns the token as ``str``.

    Like 1.11 on PyJWT 1.x, ``exp``/``iat``/``nbf`` datetimes in the caller's dict are replaced by
    integer NumericDates *in place*: code (and tests) written for 1.11 compare the dict they passed
    in with the decoded token. With a rotation list or ``{kid: key}`` dict as the key, the first
    key signs (and its ``kid`` goes into the header).
    """
    return _encode(payload, api_settings)


def _user_secret_for_token(token, s=None):
    """The per-user secret for an unverified token; a token naming no existing user is a token
    error (``InvalidSignatureError``: there is no key it could verify against), not a 500."""
    unverified = ferrojwt.decode(token, options={"verify_signature": False})
    try:
        return jwt_get_secret_key(unverified, s)
    except get_user_model().DoesNotExist as exc:
        raise InvalidSignatureError("No key for the user named by the token") from exc


def _decode(token, s, verify_exp=None) -> dict:
    if not s.JWT_VERIFY:
        return ferrojwt.decode(token, options={"verify_signature": False})

    algorithm = _algorithm(s)
    if s.JWT_PUBLIC_KEY:
        setting, value = "JWT_PUBLIC_KEY", s.JWT_PUBLIC_KEY
    elif s.JWT_GET_USER_SECRET_KEY:
        setting, value = "JWT_GET_USER_SECRET_KEY", _user_secret_for_token(token, s)
    else:
        setting, value = "JWT_SECRET_KEY", s.JWT_SECRET_KEY
    key = _native_key(setting, value, algorithm)

    try:
        return ferrojwt.decode(
            token,
            key,
            algorithms=[algorithm],
            options={
                "verify_signature": True,
                "verify_exp": s.JWT_VERIFY_EXPIRATION if verify_exp is None else verify_exp,
            },
            leeway=_config.leeway(s),
            audience=_config.audience(s),
            issuer=_config.issuer(s),
        )
    except InvalidKeyError as exc:
        # The algorithm is fixed by the settings, so a key of the wrong family is the settings'
        # fault, never the token's.
        raise _bad_key(setting, exc) from exc


def jwt_decode_handler(token) -> dict:
    """Verifies ``token`` (``str`` from a body or cookie, ``bytes`` from the header) with the
    settings of the moment and returns its claims in their original order.

    With ``JWT_VERIFY`` off nothing is checked, as in 1.11. Otherwise the signature and the claims
    are checked with PyJWT 1.x's rules (see docs/compatibility.md for the few deliberate
    differences). The token is pre-decoded without verification only when a per-user secret has
    to be looked up. A rotation list or ``{kid: key}`` dict verifies with any of its keys (a
    token's ``kid`` selects the key). A key or algorithm that cannot work is
    ``ImproperlyConfigured`` naming the setting.
    """
    return _decode(token, api_settings)


def jwt_response_payload_handler(token, user=None, request=None) -> dict:
    """The body of a successful obtain/refresh/verify response; projects replace it to add user
    data (it need not contain ``token``)."""
    return {"token": token}
