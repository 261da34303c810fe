"""Small helpers the other modules share, under the names ``rest_framework_jwt.compat`` used.

``get_user_model`` is re-exported because test suites written for the original import it from
here. The ``*_ERRORS`` tuples let the authentication class and the serializers recognise errors
raised by a custom ``JWT_DECODE_HANDLER`` built on PyJWT, as well as ferrojwt's own.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework import serializers

from ferrojwt import exceptions as _exc

__all__ = [
    "DECODE_ERRORS",
    "EXPIRED_SIGNATURE_ERRORS",
    "INVALID_TOKEN_ERRORS",
    "PasswordField",
    "Serializer",
    "get_user_model",
    "get_username",
    "get_username_field",
]


def _with_pyjwt(name: str, ours: type) -> tuple:
    """``ours`` plus PyJWT's class of the same name when PyJWT is installed.

    ferrojwt's classes already derive from PyJWT's, but not the reverse: a decode handler that
    calls PyJWT directly raises PyJWT's classes, which an ``except`` on ours alone would miss.
    """
    try:
        import jwt.exceptions as pyjwt_exceptions
    except ImportError:  # PyJWT is optional.
        return (ours,)
    theirs = getattr(pyjwt_exceptions, name, None)
    if (
        isinstance(theirs, type)
        and issubclass(theirs, BaseException)
        and theirs is not ours
    ):
        return (ours, theirs)
    return (ours,)


EXPIRED_SIGNATURE_ERRORS = _with_pyjwt(
    "ExpiredSignatureError", _exc.ExpiredSignatureError
)
DECODE_ERRORS = _with_pyjwt("DecodeError", _exc.DecodeError)
INVALID_TOKEN_ERRORS = _with_pyjwt("InvalidTokenError", _exc.InvalidTokenError)


class Serializer(serializers.Serializer):
    """A serializer exposing ``.object``: views and user code of the original read the validated
    result under that name (a leftover of DRF 2)."""

    @property
    def object(self):
        return self.validated_data


class PasswordField(serializers.CharField):
    """A ``CharField`` that the browsable API and schema generators render as a password input."""

    def __init__(self, *args, **kwargs):
        style = dict(kwargs.pop("style", None) or {})
        style["input_type"] = "password"
        super().__init__(*args, style=style, **kwargs)


def get_username_field() -> str:
    """The login field of the active user model; ``'username'`` for models that do not say."""
    try:
        return get_user_model().USERNAME_FIELD
    except AttributeError:
        return "username"


def get_username(user) -> str:
    """The user's natural key, falling back to ``.username`` for objects that are not Django
    users (test doubles, legacy models)."""
    try:
        return user.get_username()
    except AttributeError:
        return user.username
