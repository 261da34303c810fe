"""ferrojwt: native JSON Web Tokens with a PyJWT-style API.

``encode``/``decode``/``get_unverified_header`` take PyJWT's argument names and raise PyJWT's
exception classes (see :mod:`ferrojwt.exceptions`), so most code switches by changing an import.
Everything that decides whether a token is valid runs in the Rust core; this module only converts
arguments. The clock is read here with :func:`time.time` (never inside Rust), so freezegun and
time-machine keep working in your tests; pass ``now=`` to fix it explicitly.

Differences from PyJWT that are deliberate (see docs/compatibility.md): ``algorithms`` is always
required to verify, ``none`` is never accepted, a token is expired once ``now >= exp + leeway``,
and base64url/JSON are parsed strictly.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import json as _json
import math
import threading
import time as _time
from typing import Any, Mapping, Optional, Union

from . import _native
from .exceptions import (
    DecodeError,
    ExpiredSignature,
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidArgumentError,
    InvalidAudience,
    InvalidAudienceError,
    InvalidClaimError,
    InvalidIssuedAtError,
    InvalidIssuer,
    InvalidIssuerError,
    InvalidJTIError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidSubjectError,
    InvalidTokenError,
    InvalidTypeError,
    KeyNotFoundError,
    MissingOrigIatError,
    MissingRequiredClaimError,
    PyJWTError,
    RefreshExpiredError,
    TokenTooLargeError,
    UnsupportedCriticalHeaderError,
)

__version__ = _native.__version__

#: A parsed key (``Key.from_secret``, ``Key.parse`` for PEM/DER/OpenSSH/JWK text, ``Key.from_jwk``).
Key = _native.Key
#: Verification keys selected by ``kid`` (``KeySet.from_jwks``, ``KeySet.from_entries``).
KeySet = _native.KeySet

__all__ = [
    "Key",
    "KeySet",
    "encode",
    "decode",
    "get_unverified_header",
    "numeric_date",
    "refresh_delta_seconds",
    "check_refresh_window",
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

_TIME_CLAIMS = ("exp", "iat", "nbf")
_KEY_CACHE_SIZE = 64
_key_cache: dict = {}

KeyLike = Any


def numeric_date(value: Any) -> Any:
    """A NumericDate for ``value``: datetimes become ``timegm(value.utctimetuple())`` (whole
    seconds, as PyJWT 1.x wrote them; naive datetimes count as UTC), numbers pass through."""
    if isinstance(value, _dt.datetime):
        return calendar.timegm(value.utctimetuple())
    return value


# The core's names (``ES521`` included: PyJWT 1.x's name for ES512, written as such).
_HMAC_ALGORITHMS = frozenset(_native.HMAC_ALGORITHMS)
_KNOWN_ALGORITHMS = frozenset(_native.ALGORITHMS)
_ASYMMETRIC_MARKERS = (b"-----BEGIN", b"ssh-rsa", b"ssh-ed25519", b"ecdsa-sha2-", b"{")
_ASYMMETRIC_TEXT_MARKERS = tuple(m.decode("ascii") for m in _ASYMMETRIC_MARKERS)


def _serialize_cryptography_key(key: Any) -> bytes:
    """DER for a `cryptography` key object: PKCS#8 for private keys, SPKI for public keys."""
    from cryptography.hazmat.primitives import serialization as ser

    if hasattr(key, "private_bytes"):
        return key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    return key.public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo)


def _key(key: Any, algorithms: tuple) -> Any:
    """The native key for ``key``, parsed once and cached (``decode`` also keeps the last few
    ``str``/``bytes`` keys by identity, in front of this cache).

    Secrets and asymmetric keys are told apart by the algorithms in play (as PyJWT does): only
    HMAC algorithms → a secret; no HMAC algorithm → PEM, DER, JWK or OpenSSH; a mix → by content.
    A PEM given as an HMAC secret is refused (InvalidKeyError), which blocks algorithm confusion.
    """
    cls = key.__class__
    if cls is Key or cls is KeySet:
        return key
    # The hot path of every decode: one dict lookup. The cache key holds the key object itself,
    # so a cached `cryptography` object stays alive and its identity cannot be reused.
    try:
        return _key_cache[key, algorithms]
    except KeyError:
        cacheable = True
    except (TypeError, ValueError):  # unhashable: a JWK dict, a bytearray, a writable memoryview
        cacheable = False
    parsed = _parse_key(key, algorithms)
    if cacheable:
        _bounded_put(_key_cache, (key, algorithms), parsed, _KEY_CACHE_SIZE)
    return parsed


_cache_lock = threading.Lock()


def _bounded_put(cache: dict, key: Any, value: Any, size: int) -> None:
    """Stores ``value`` in ``cache``, dropping the oldest entry when ``size`` are held. Misses
    only: under the lock, so that threads filling the cache never evict the same entry twice."""
    with _cache_lock:
        if key not in cache and len(cache) >= size:
            del cache[next(iter(cache))]
        cache[key] = value


def _parse_key(key: Any, algorithms: tuple) -> Any:
    if isinstance(key, (_native.Key, _native.KeySet)):
        return key
    # Names no algorithm implements ("none", typos) say nothing about the key; the core refuses
    # them with the right error once the key is in hand. With none left, the content decides.
    known = [a for a in algorithms if a in _KNOWN_ALGORITHMS]
    hmac_only = bool(known) and all(a in _HMAC_ALGORITHMS for a in known)
    no_hmac = bool(known) and not any(a in _HMAC_ALGORITHMS for a in known)
    if isinstance(key, (str, bytes)):
        # Text goes to the core as it is: the binding turns it into UTF-8 (refusing lone
        # surrogates) the same way for every key.
        if isinstance(key, str):
            head, markers = key.lstrip("\ufeff \t\r\n"), _ASYMMETRIC_TEXT_MARKERS
        else:
            head, markers = key.lstrip(b"\xef\xbb\xbf \t\r\n"), _ASYMMETRIC_MARKERS
        asymmetric = no_hmac or (not hmac_only and head.startswith(markers))
        if asymmetric and key:
            return _native.Key.parse(key)
        return _native.Key.from_secret(key)
    if isinstance(key, (bytearray, memoryview)):
        return _parse_key(bytes(key), algorithms)
    if hasattr(key, "private_bytes") or hasattr(key, "public_bytes"):
        return _native.Key.parse(_serialize_cryptography_key(key))
    if isinstance(key, Mapping):  # a JWK as a dict
        return _native.Key.from_jwk(key)
    raise TypeError(
        f"Expecting a str or bytes key, a cryptography key object, a JWK dict, ferrojwt.Key or "
        f"ferrojwt.KeySet, not {type(key).__name__}"
    )


def _token_bytes(jwt: Any) -> bytes:
    if isinstance(jwt, str):
        try:
            return jwt.encode("ascii")
        except UnicodeEncodeError:
            raise DecodeError("Invalid token: non-ASCII characters") from None
    if isinstance(jwt, (bytes, bytearray, memoryview)):
        return bytes(jwt)
    raise DecodeError(f"Invalid token type. Token must be a {bytes}")


def _now(now: Any) -> float:
    if now is None:
        return _time.time()
    if isinstance(now, _dt.datetime):
        if now.tzinfo is None:
            now = now.replace(tzinfo=_dt.timezone.utc)
        return now.timestamp()
    if isinstance(now, bool) or not isinstance(now, (int, float)):
        raise TypeError("now must be a number of seconds or a datetime")
    return float(now)


def _seconds(value: Any, name: str) -> float:
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds or a timedelta")
    return float(value)


#: Signs a payload and returns the token (PyJWT's ``encode``). It runs natively; a payload that
#: is not a plain ``dict``, or a ``json_encoder``, first goes through ``_prepare_for_encode``.
encode = _native.encode


def _prepare_for_encode(
    payload: Any, headers: Optional[Mapping[str, Any]], json_encoder: Optional[type]
) -> tuple:
    """``encode``'s slow path: any mapping (payload or headers) as a new ``dict`` (the caller's is
    never modified), ``exp``/``iat``/``nbf`` datetimes as NumericDates, then ``json_encoder`` (a
    ``json.JSONEncoder`` subclass) applied to the payload and the headers through ``json``."""
    if not isinstance(payload, Mapping):
        raise TypeError(
            "Expecting a mapping object, as JWT only supports JSON objects as payloads."
        )
    payload = dict(payload)
    for claim in _TIME_CLAIMS:
        if isinstance(payload.get(claim), _dt.datetime):
            payload[claim] = numeric_date(payload[claim])
    if headers is not None:
        if not isinstance(headers, Mapping):
            raise TypeError(f"headers must be a mapping, not {type(headers).__name__}")
        headers = dict(headers)
    if json_encoder is not None:
        if not isinstance(json_encoder, type):
            raise TypeError(
                "json_encoder must be a class (a json.JSONEncoder subclass), "
                f"not {type(json_encoder).__name__}"
            )
        payload = _through_encoder(payload, json_encoder)
        if headers is not None:
            headers = _through_encoder(headers, json_encoder)
    return payload, headers


def _through_encoder(value: dict, json_encoder: type) -> dict:
    """``value`` as ``json_encoder`` writes it, read back. Names the encoder writes twice (``1``
    and ``"1"``) are refused as the native path refuses them: ``json.loads`` would keep one."""
    text = _json.dumps(value, separators=(",", ":"), cls=json_encoder)
    try:
        written = _json.loads(text, object_pairs_hook=_unique_members)
    except ValueError as exc:
        if isinstance(exc, InvalidArgumentError):
            raise
        raise TypeError(f"json_encoder {json_encoder.__name__} wrote invalid JSON: {exc}") from exc
    if not isinstance(written, dict):
        raise TypeError(
            f"json_encoder {json_encoder.__name__} wrote a JSON {type(written).__name__}, "
            "not an object: a JWT payload and header must be JSON objects"
        )
    return written


def _unique_members(pairs: list) -> dict:
    members = dict(pairs)
    if len(members) != len(pairs):
        seen = set()
        for name, _ in pairs:
            if name in seen:
                raise InvalidArgumentError(f"duplicate member name {name!r}")
            seen.add(name)
    return members


#: Verifies a token and returns its claims (PyJWT's ``decode``). It runs natively, arguments
#: included: only unusual arguments (a ``datetime`` ``now``, a ``timedelta`` leeway, a key that is
#: not ``str``/``bytes``, PyJWT 1.x's ``verify=``) call back into the helpers below.
decode = _native.decode


def _legacy_verify_keyword(options: Optional[Mapping[str, Any]], kwargs: dict) -> Mapping[str, Any]:
    """PyJWT 1.x's ``verify`` argument (``verify=False`` turns the signature check off unless
    ``options`` say otherwise: as in PyJWT 1.x, an explicit ``verify_signature`` wins)."""
    if kwargs.pop("verify", None) is False:
        options = {"verify_signature": False, **(options or {})}
    if kwargs:
        raise TypeError(f"decode() got unexpected keyword arguments: {', '.join(sorted(kwargs))}")
    return options


def get_unverified_header(jwt: Union[str, bytes]) -> dict:
    """The header of ``jwt``, parsed strictly but not verified: use it only to pick a key."""
    return _native.get_unverified_header(_token_bytes(jwt))


def refresh_delta_seconds(delta: Union[_dt.timedelta, int, float]) -> int:
    """The refresh window in whole seconds, as djangorestframework_jwt 1.11 computed it: a
    timedelta counts ``days * 86400 + seconds`` (microseconds dropped), a number is ``int()``-ed."""
    if isinstance(delta, _dt.timedelta):
        return delta.days * 86400 + delta.seconds
    if isinstance(delta, float) and not math.isfinite(delta):
        if math.isnan(delta):
            raise InvalidArgumentError("the refresh delta must be a number of seconds, not NaN")
        # An infinite window: the core saturates integers beyond 64 bits the same way.
        return 10**30 if delta > 0 else -(10**30)
    return int(delta)


def check_refresh_window(
    payload: Mapping[str, Any],
    refresh_delta: Union[_dt.timedelta, int, float],
    now: Union[float, _dt.datetime, None] = None,
) -> Any:
    """Applies the core's refresh-window rule to verified claims and returns the ``orig_iat`` to
    carry into the new token. Raises :class:`MissingOrigIatError` (absent or falsy ``orig_iat``),
    :class:`InvalidClaimError` (not a number) or :class:`RefreshExpiredError`
    (``now > orig_iat + refresh_delta``)."""
    return _native.check_refresh_window(
        payload, refresh_delta_seconds(refresh_delta), _now(now)
    )
