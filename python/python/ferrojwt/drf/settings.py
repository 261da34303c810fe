"""``api_settings``: djangorestframework_jwt 1.11's ``JWT_AUTH`` settings object.

Projects and their test suites rely on three properties of the original, all kept here:

* every setting is read through ``api_settings.<NAME>`` at the moment it is used, so assigning an
  attribute at run time (``api_settings.JWT_AUDIENCE = 'x'``) takes effect on the next request;
* the handler settings are import strings, resolved the first time they are read;
* ``JWT_SECRET_KEY`` defaults to ``settings.SECRET_KEY`` as it was when this module was imported.

One addition (see docs/compatibility.md): ``override_settings(JWT_AUTH=...)`` now works, because
the cached values are dropped when Django announces that ``JWT_AUTH`` changed.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.signals import setting_changed
from rest_framework.settings import APISettings

#: Every setting of djangorestframework_jwt 1.11 with its default, plus ferrojwt's own additions
#: (listed at the end and in docs/compatibility.md).
DEFAULTS = {
    "JWT_ENCODE_HANDLER": "ferrojwt.drf.utils.jwt_encode_handler",
    "JWT_DECODE_HANDLER": "ferrojwt.drf.utils.jwt_decode_handler",
    "JWT_PAYLOAD_HANDLER": "ferrojwt.drf.utils.jwt_payload_handler",
    "JWT_PAYLOAD_GET_USER_ID_HANDLER": "ferrojwt.drf.utils.jwt_get_user_id_from_payload_handler",
    "JWT_PAYLOAD_GET_USERNAME_HANDLER": "ferrojwt.drf.utils.jwt_get_username_from_payload_handler",
    "JWT_RESPONSE_PAYLOAD_HANDLER": "ferrojwt.drf.utils.jwt_response_payload_handler",
    "JWT_SECRET_KEY": settings.SECRET_KEY,
    "JWT_GET_USER_SECRET_KEY": None,
    "JWT_PRIVATE_KEY": None,
    "JWT_PUBLIC_KEY": None,
    "JWT_ALGORITHM": "HS256",
    "JWT_VERIFY": True,
    "JWT_VERIFY_EXPIRATION": True,
    "JWT_LEEWAY": 0,
    "JWT_EXPIRATION_DELTA": datetime.timedelta(seconds=300),
    "JWT_AUDIENCE": None,
    "JWT_ISSUER": None,
    "JWT_ALLOW_REFRESH": False,
    "JWT_REFRESH_EXPIRATION_DELTA": datetime.timedelta(days=7),
    "JWT_AUTH_HEADER_PREFIX": "JWT",
    "JWT_AUTH_COOKIE": None,
    # ferrojwt addition: a token read from JWT_AUTH_COOKIE must pass Django's CSRF check on
    # unsafe methods (1.11 never checked; DESIGN.md). False restores 1.11's behaviour.
    "JWT_AUTH_COOKIE_CSRF": True,
    # ferrojwt opt-ins (spec §6), all off by default; see docs/compatibility.md.
    # Refresh accepts an expired (otherwise valid) token while orig_iat + refresh delta lasts.
    "JWT_ALLOW_REFRESH_EXPIRED": False,
    # Users are looked up by the payload's user_id (primary key) instead of its username.
    "JWT_LOOKUP_USER_BY_ID": False,
    # More Authorization schemes accepted besides JWT_AUTH_HEADER_PREFIX, e.g. ("Bearer",).
    "JWT_AUTH_HEADER_PREFIXES": (),
    # Attributes of the cookie set by the token views when JWT_AUTH_COOKIE is set.
    "JWT_AUTH_COOKIE_SECURE": False,
    "JWT_AUTH_COOKIE_SAMESITE": None,
    "JWT_AUTH_COOKIE_DOMAIN": None,
    "JWT_AUTH_COOKIE_PATH": "/",
    # request.auth is the verified payload (dict) instead of the raw token.
    "JWT_REQUEST_AUTH_PAYLOAD": False,
    # request.user is built from the verified claims (ferrojwt.drf.stateless.TokenUser): no query.
    "JWT_STATELESS_USER": False,
}

#: The settings whose string values are dotted paths to import.
IMPORT_STRINGS = (
    "JWT_ENCODE_HANDLER",
    "JWT_DECODE_HANDLER",
    "JWT_PAYLOAD_HANDLER",
    "JWT_PAYLOAD_GET_USER_ID_HANDLER",
    "JWT_PAYLOAD_GET_USERNAME_HANDLER",
    "JWT_RESPONSE_PAYLOAD_HANDLER",
    "JWT_GET_USER_SECRET_KEY",
)

#: The project's ``JWT_AUTH`` dict as it was when this module was imported (or ``None``).
USER_SETTINGS = getattr(settings, "JWT_AUTH", None)


class JWTAPISettings(APISettings):
    """DRF's ``APISettings`` reading ``JWT_AUTH`` instead of ``REST_FRAMEWORK``.

    The base class falls back to ``settings.REST_FRAMEWORK`` whenever the dict it was given is
    empty or None, so a project without ``JWT_AUTH`` would otherwise read its JWT settings out of
    ``REST_FRAMEWORK``. This subclass always reads ``JWT_AUTH``, and re-reads it after ``reload()``.
    """

    @property
    def user_settings(self):
        if not hasattr(self, "_user_settings"):
            self._user_settings = getattr(settings, "JWT_AUTH", None) or {}
        return self._user_settings

    def reload(self):
        """Forgets every resolved or assigned setting, so the next read comes from ``JWT_AUTH``.

        Unlike the base class this also drops values assigned directly (``api_settings.X = v``),
        which the base class does not track, and never fails on an attribute already removed.
        """
        for name in [name for name in vars(self) if name in self.defaults]:
            delattr(self, name)
        self._cached_attrs.clear()
        vars(self).pop("_user_settings", None)


api_settings = JWTAPISettings(USER_SETTINGS, DEFAULTS, IMPORT_STRINGS)


def _reload_api_settings(*, setting, **kwargs):
    """Drops cached values when ``JWT_AUTH`` changes, so ``override_settings`` works in tests."""
    if setting == "JWT_AUTH":
        api_settings.reload()


setting_changed.connect(
    _reload_api_settings, dispatch_uid="ferrojwt.drf.settings.reload"
)
