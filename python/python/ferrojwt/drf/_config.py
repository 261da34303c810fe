"""Checked reads of the scalar ``JWT_AUTH`` settings whose wrong type 1.11 only noticed deep
inside PyJWT or the payload handler (a bare ``TypeError``/``ValueError``, HTTP 500, naming no
setting).

Each function takes the settings object (``api_settings``, or the original package's for
migration path c), reads one setting at the moment it is used, as 1.11 did, and returns the value
to use or raises ``ImproperlyConfigured`` naming the setting and the value. Nothing is checked at
import time. The accepted values are the ones 1.11 worked with (docs/compatibility.md,
"Misconfiguration").
"""

from __future__ import annotations

import datetime
import decimal
import math
import numbers

from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "audience",
    "auth_cookie",
    "cookie_samesite",
    "header_prefix",
    "header_prefixes",
    "expiration_delta",
    "issuer",
    "leeway",
    "refresh_expiration_delta",
]

#: The largest leeway and token lifetimes accepted (seconds; about 317 years): beyond that a
#: datetime overflows, or the core's 64-bit seconds would.
_MAX_LEEWAY = 1e10
_MAX_DELTA = datetime.timedelta(seconds=_MAX_LEEWAY)
_SAMESITE = frozenset({"lax", "strict", "none"})


def _bad(setting: str, value, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"JWT_AUTH['{setting}'] = {value!r} is not valid: {expected}")


def _is_number(value) -> bool:
    # Decimal is a numbers.Number but not a numbers.Real; 1.11's arithmetic took it all the same.
    return isinstance(value, (numbers.Real, decimal.Decimal)) and not isinstance(value, bool)


def leeway(s):
    """``JWT_LEEWAY``: a number of seconds (int, float, ``Decimal``...) or a ``timedelta``."""
    value = s.JWT_LEEWAY
    expected = "use a number of seconds or a datetime.timedelta"
    if isinstance(value, datetime.timedelta):
        seconds = value.total_seconds()
    elif _is_number(value):
        try:
            seconds = float(value)
        except (TypeError, ValueError, OverflowError):
            raise _bad("JWT_LEEWAY", value, expected) from None
    else:
        raise _bad("JWT_LEEWAY", value, expected)
    if not math.isfinite(seconds) or abs(seconds) > _MAX_LEEWAY:
        raise _bad("JWT_LEEWAY", value, f"{expected}, finite and at most {_MAX_LEEWAY:.0e} s")
    if isinstance(value, (int, float, datetime.timedelta)):
        return value
    return seconds


def audience(s):
    """``JWT_AUDIENCE``: None, a string, or a list/tuple/set of strings (any of which matches)."""
    value = s.JWT_AUDIENCE
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, set, frozenset)) and not value:
        # Tokens issued with it could never verify: every one would be refused.
        raise _bad("JWT_AUDIENCE", value, "use None, a string or a non-empty list of strings")
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return value
    if isinstance(value, (set, frozenset)) and all(isinstance(item, str) for item in value):
        # Any member matches, but a set has no JSON form: the payload gets a stable list.
        return sorted(value)
    raise _bad("JWT_AUDIENCE", value, "use None, a string or a list of strings")


def issuer(s):
    """``JWT_ISSUER``: None or a string (RFC 7519 ``iss`` is a StringOrURI)."""
    value = s.JWT_ISSUER
    if value is None or isinstance(value, str):
        return value
    raise _bad("JWT_ISSUER", value, "use None or a string")


def expiration_delta(s) -> datetime.timedelta:
    """``JWT_EXPIRATION_DELTA``: a ``timedelta``, as in 1.11 (which added it to a datetime)."""
    value = s.JWT_EXPIRATION_DELTA
    if isinstance(value, datetime.timedelta):
        if abs(value) > _MAX_DELTA:
            raise _bad("JWT_EXPIRATION_DELTA", value, f"use at most {_MAX_DELTA!r}")
        return value
    raise _bad(
        "JWT_EXPIRATION_DELTA",
        value,
        "use a datetime.timedelta, e.g. datetime.timedelta(seconds=300)",
    )


def refresh_expiration_delta(s):
    """``JWT_REFRESH_EXPIRATION_DELTA``: a ``timedelta`` or a number of seconds; as in 1.11,
    anything ``int()`` accepts (so also ``"86400"``), truncated to whole seconds."""
    value = s.JWT_REFRESH_EXPIRATION_DELTA
    expected = "use a datetime.timedelta or a number of seconds"
    if isinstance(value, datetime.timedelta):
        seconds = value.total_seconds()
    else:
        try:
            seconds = int(value)
        except (TypeError, ValueError, OverflowError):
            raise _bad("JWT_REFRESH_EXPIRATION_DELTA", value, expected) from None
    if abs(seconds) > _MAX_LEEWAY:
        raise _bad(
            "JWT_REFRESH_EXPIRATION_DELTA", value, f"{expected}, at most {_MAX_LEEWAY:.0e} s"
        )
    return value


def cookie_samesite(s):
    """``JWT_AUTH_COOKIE_SAMESITE``: None (no attribute), ``'Lax'``, ``'Strict'`` or ``'None'``
    (any case), which Django's ``set_cookie`` accepts."""
    value = s.JWT_AUTH_COOKIE_SAMESITE
    if value is None:
        return None
    if isinstance(value, str) and value.lower() in _SAMESITE:
        return value
    raise _bad("JWT_AUTH_COOKIE_SAMESITE", value, "use None, 'Lax', 'Strict' or 'None'")


def header_prefix(s) -> str:
    """``JWT_AUTH_HEADER_PREFIX``: the scheme word of ``Authorization: <prefix> <token>``."""
    value = s.JWT_AUTH_HEADER_PREFIX
    if isinstance(value, str) and value and not any(c.isspace() for c in value):
        return value
    raise _bad("JWT_AUTH_HEADER_PREFIX", value, "use one word, such as 'JWT' or 'Bearer'")


def header_prefixes(s) -> tuple:
    """``JWT_AUTH_HEADER_PREFIXES`` (opt-in): more accepted scheme words, as a tuple."""
    value = s.JWT_AUTH_HEADER_PREFIXES
    if not value:
        return ()
    if isinstance(value, str):
        value = (value,)
    if isinstance(value, (list, tuple, set, frozenset)) and all(
        isinstance(p, str) and p and not any(c.isspace() for c in p) for p in value
    ):
        return tuple(value)
    raise _bad(
        "JWT_AUTH_HEADER_PREFIXES", value, "use a word or a list of words, such as ('Bearer',)"
    )


def auth_cookie(s):
    """``JWT_AUTH_COOKIE``: the cookie name, or a false value (None, '') for no cookie."""
    value = s.JWT_AUTH_COOKIE
    if not value:
        return None
    if isinstance(value, str):
        return value
    raise _bad("JWT_AUTH_COOKIE", value, "use None or a cookie name")
