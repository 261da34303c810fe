"""Migration path (c): keep the original ``djangorestframework-jwt`` 1.11 (Django <= 3.2) and let
ferrojwt sign and verify. In ``settings.py``::

    JWT_AUTH = {
        "JWT_ENCODE_HANDLER": "ferrojwt.drf.handlers_for_original.jwt_encode_handler",
        "JWT_DECODE_HANDLER": "ferrojwt.drf.handlers_for_original.jwt_decode_handler",
        # ... the rest unchanged
    }

The two handlers are ferrojwt.drf's, reading the *original* package's
``rest_framework_jwt.settings.api_settings`` (so runtime changes made there are honoured). They
return ``str`` and accept ``str`` or ``bytes`` whatever PyJWT is installed (1.x, 2.x or none), and
raise exceptions that are subclasses of PyJWT's classes.

The original's authentication class and serializers say ``except jwt.ExpiredSignature``, a
name PyJWT 2 removed: evaluating that clause raised ``AttributeError`` (HTTP 500) for every bad
token. Importing this module puts the PyJWT 1.x aliases ``ExpiredSignature``,
``InvalidAudience`` and ``InvalidIssuer`` back on the ``jwt`` module when they are missing.
"""

from __future__ import annotations

from . import utils as _utils

__all__ = ["install_pyjwt1_aliases", "jwt_decode_handler", "jwt_encode_handler"]

_PYJWT1_ALIASES = {
    "ExpiredSignature": "ExpiredSignatureError",
    "InvalidAudience": "InvalidAudienceError",
    "InvalidIssuer": "InvalidIssuerError",
}


def install_pyjwt1_aliases() -> bool:
    """Adds PyJWT 1.x's removed names to an installed PyJWT 2; True when PyJWT is importable."""
    try:
        import jwt
    except ImportError:
        return False
    for old, new in _PYJWT1_ALIASES.items():
        if not hasattr(jwt, old) and hasattr(jwt, new):
            setattr(jwt, old, getattr(jwt, new))
    return True


def _original_settings():
    from rest_framework_jwt.settings import api_settings

    return api_settings


def jwt_encode_handler(payload) -> str:
    """1.11's encode handler on ferrojwt, configured by the original ``api_settings``."""
    return _utils._encode(payload, _original_settings())


def jwt_decode_handler(token) -> dict:
    """1.11's decode handler on ferrojwt, configured by the original ``api_settings``."""
    return _utils._decode(token, _original_settings())


install_pyjwt1_aliases()
