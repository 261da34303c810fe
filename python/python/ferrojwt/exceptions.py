"""Exceptions raised by ferrojwt, named and arranged as PyJWT's.

The hierarchy is PyJWT's (``PyJWTError > InvalidTokenError > DecodeError > InvalidSignatureError``,
and so on), so code written against PyJWT catches ferrojwt's errors unchanged. When PyJWT itself is
importable, every class here is *also* a subclass of PyJWT's class of the same name, so
``except jwt.ExpiredSignatureError`` in existing code keeps working after the switch.

ferrojwt adds a few classes of its own, each under the PyJWT class that best describes it.
The native core raises these by name; ``_native`` looks each class up in this module.
"""

from __future__ import annotations

try:  # PyJWT is optional: when present, our classes also derive from its classes.
    import jwt.exceptions as _pyjwt
except Exception:  # pragma: no cover - depends on the environment
    _pyjwt = None


def _also(name: str) -> tuple:
    """PyJWT's class `name`, as an extra base, when PyJWT is installed and defines it."""
    cls = getattr(_pyjwt, name, None) if _pyjwt is not None else None
    return (cls,) if isinstance(cls, type) else ()


class PyJWTError(*(_also("PyJWTError") or (Exception,))):
    """Base class of every ferrojwt (and PyJWT) error."""


class InvalidTokenError(PyJWTError, *_also("InvalidTokenError")):
    """The token is not acceptable (bad structure, signature or claims)."""


class DecodeError(InvalidTokenError, *_also("DecodeError")):
    """The token could not be parsed, or its signature or a date claim's type is wrong."""


class InvalidSignatureError(DecodeError, *_also("InvalidSignatureError")):
    """The signature does not verify."""


class ExpiredSignatureError(InvalidTokenError, *_also("ExpiredSignatureError")):
    """``exp`` has passed."""


class InvalidAudienceError(InvalidTokenError, *_also("InvalidAudienceError")):
    """``aud`` does not match or has the wrong shape."""


class InvalidIssuerError(InvalidTokenError, *_also("InvalidIssuerError")):
    """``iss`` does not match."""


class InvalidIssuedAtError(InvalidTokenError, *_also("InvalidIssuedAtError")):
    """``iat`` is not a number (or, in the strict profile, lies in the future)."""


class ImmatureSignatureError(InvalidTokenError, *_also("ImmatureSignatureError")):
    """``nbf`` (or, strictly, ``iat``) is in the future."""


class InvalidKeyError(PyJWTError, *_also("InvalidKeyError")):
    """The key cannot be used: wrong family for the algorithm, empty, or public-key material
    given as an HMAC secret."""


class InvalidAlgorithmError(InvalidTokenError, *_also("InvalidAlgorithmError")):
    """The ``alg`` is not allowed, unknown, or ``none``."""


class MissingRequiredClaimError(InvalidTokenError, *_also("MissingRequiredClaimError")):
    """A required claim is absent. ``claim`` names it."""

    def __init__(self, claim: str) -> None:
        self.claim = claim
        super().__init__(claim)

    def __str__(self) -> str:
        return f'Token is missing the "{self.claim}" claim'


class InvalidSubjectError(InvalidTokenError, *_also("InvalidSubjectError")):
    """``sub`` is not a string (strict profile)."""


class InvalidJTIError(InvalidTokenError, *_also("InvalidJTIError")):
    """``jti`` is not a string (strict profile)."""


# ferrojwt's own classes.


class InvalidClaimError(DecodeError):
    """A NumericDate claim (``exp``, ``nbf``, ``orig_iat``) is not a finite number in range.

    A ``DecodeError`` because PyJWT 1.x raised ``DecodeError`` for a non-integer ``exp``/``nbf``,
    and djangorestframework_jwt answers those with "Error decoding signature.".
    """


class UnsupportedCriticalHeaderError(DecodeError):
    """The header lists a ``crit`` extension (or ``b64: false``) that ferrojwt does not implement."""


class TokenTooLargeError(DecodeError):
    """The token exceeds the configured maximum size; nothing was parsed."""


class InvalidTypeError(InvalidTokenError):
    """The ``typ`` header is not the one the verifier requires."""


class KeyNotFoundError(InvalidTokenError):
    """No configured key matches the token's ``kid``."""


class MissingOrigIatError(InvalidTokenError):
    """The token has no (truthy) ``orig_iat`` claim, so it cannot be refreshed."""


class RefreshExpiredError(InvalidTokenError):
    """The refresh window (``orig_iat`` + refresh delta) has passed."""


class InvalidArgumentError(PyJWTError, ValueError):
    """An argument to ferrojwt is unusable (options, claims that cannot be serialised, ...)."""


# PyJWT 1.x aliases, still imported by code written for djangorestframework_jwt.
ExpiredSignature = ExpiredSignatureError
InvalidAudience = InvalidAudienceError
InvalidIssuer = InvalidIssuerError

__all__ = [
    "PyJWTError",
    "InvalidTokenError",
    "DecodeError",
    "InvalidSignatureError",
    "ExpiredSignatureError",
    "InvalidAudienceError",
    "InvalidIssuerError",
    "InvalidIssuedAtError",
    "ImmatureSignatureError",
    "InvalidKeyError",
    "InvalidAlgorithmError",
    "MissingRequiredClaimError",
    "InvalidSubjectError",
    "InvalidJTIError",
    "InvalidClaimError",
    "UnsupportedCriticalHeaderError",
    "TokenTooLargeError",
    "InvalidTypeError",
    "KeyNotFoundError",
    "MissingOrigIatError",
    "RefreshExpiredError",
    "InvalidArgumentError",
    "ExpiredSignature",
    "InvalidAudience",
    "InvalidIssuer",
]
