"""``JSONWebTokenAuthentication``: DRF authentication by ``Authorization: JWT <token>``.

Messages, statuses and the ``WWW-Authenticate`` challenge are those of djangorestframework_jwt
1.11, because API clients match on them. ``jwt_decode_handler`` and
``jwt_get_username_from_payload`` are module globals bound from the settings at import time, as
in 1.11: test suites patch them here, and the methods below look them up on every call.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.encoding import smart_str
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)

from .compat import (
    DECODE_ERRORS,
    EXPIRED_SIGNATURE_ERRORS,
    INVALID_TOKEN_ERRORS,
    get_user_model,
)
from . import _config, _user_lookup
from .settings import api_settings
from .stateless import TokenUser

__all__ = ["BaseJSONWebTokenAuthentication", "JSONWebTokenAuthentication"]

jwt_decode_handler = api_settings.JWT_DECODE_HANDLER
jwt_get_username_from_payload = api_settings.JWT_PAYLOAD_GET_USERNAME_HANDLER


def _accepted_prefixes() -> set:
    """``JWT_AUTH_HEADER_PREFIX`` plus the opt-in ``JWT_AUTH_HEADER_PREFIXES``, lower-cased."""
    extra = _config.header_prefixes(api_settings)
    return {p.lower() for p in (_config.header_prefix(api_settings), *extra)}


def _lookup_user(user_model, payload, username):
    """By natural key (1.11), or by primary key with ``JWT_LOOKUP_USER_BY_ID``: a username freed
    and re-registered then no longer matches old tokens. ``DoesNotExist`` for any miss,
    including a ``user_id`` that is absent or not a valid primary key."""
    manager = user_model._default_manager
    if not api_settings.JWT_LOOKUP_USER_BY_ID:
        return _user_lookup.get_by_natural_key(manager, username)
    user_id = payload.get("user_id")
    if user_id is None:
        raise user_model.DoesNotExist("the token has no user_id")
    try:
        return manager.get(pk=user_id)
    except (ValidationError, ValueError, TypeError) as exc:
        raise user_model.DoesNotExist(f"{user_id!r} is not a valid primary key") from exc


#: Set on the request by ``JSONWebTokenAuthentication.get_jwt_value``: True when the token it
#: returned came from the ``JWT_AUTH_COOKIE`` cookie (and so needs the CSRF check).
_FROM_COOKIE = "_ferrojwt_token_from_cookie"


class BaseJSONWebTokenAuthentication(BaseAuthentication):
    """Everything except finding the token: subclasses implement ``get_jwt_value(request)`` to
    read it from somewhere else (a query parameter, another header) and keep the checks."""

    def authenticate(self, request):
        """Returns ``(user, token)`` (``request.auth`` is the raw token, as 1.11 on PyPI), or None
        when the request carries no token for us so that other authenticators may try."""
        jwt_value = self.get_jwt_value(request)
        if jwt_value is None:
            return None

        try:
            payload = jwt_decode_handler(jwt_value)
        except EXPIRED_SIGNATURE_ERRORS:
            raise exceptions.AuthenticationFailed(_("Signature has expired.")) from None
        except DECODE_ERRORS:
            raise exceptions.AuthenticationFailed(
                _("Error decoding signature.")
            ) from None
        except INVALID_TOKEN_ERRORS:
            raise exceptions.AuthenticationFailed() from None

        user = self.authenticate_credentials(payload)
        if api_settings.JWT_REQUEST_AUTH_PAYLOAD:
            return (user, payload)
        return (user, jwt_value)

    #: The class of ``request.user`` with ``JWT_STATELESS_USER``: called as ``cls(payload, username)``.
    stateless_user_class = TokenUser

    def authenticate_credentials(self, payload):
        """The active user the verified ``payload`` names, looked up by natural key (1.11), by
        ``user_id`` with ``JWT_LOOKUP_USER_BY_ID``, or built from the claims without a query
        with ``JWT_STATELESS_USER``."""
        username = jwt_get_username_from_payload(payload)
        if not username:
            raise exceptions.AuthenticationFailed(_("Invalid payload."))

        if api_settings.JWT_STATELESS_USER:
            return self.stateless_user_class(payload, username)

        user_model = get_user_model()
        try:
            user = _lookup_user(user_model, payload, username)
        except user_model.DoesNotExist:
            # 1.11's wording, misleading as it is: clients match on it.
            raise exceptions.AuthenticationFailed(_("Invalid signature.")) from None

        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User account is disabled."))
        return user


class JSONWebTokenAuthentication(BaseJSONWebTokenAuthentication):
    """Reads the token from ``Authorization: <JWT_AUTH_HEADER_PREFIX> <token>``, or from the
    ``JWT_AUTH_COOKIE`` cookie when the header is absent.

    A header with another scheme (``Basic``, ``Token``…) is left to the other authenticators.
    """

    www_authenticate_realm = "api"

    def authenticate(self, request):
        """As the base class, then, for a token that came from the cookie, Django's CSRF check on
        unsafe methods (unless ``JWT_AUTH_COOKIE_CSRF`` is False).

        The order is SessionAuthentication's: the check runs only once the token has been
        verified and names an active user, so a broken or expired cookie token is a 401 with its
        own message, never a CSRF failure. Tokens from the ``Authorization`` header are never
        CSRF-checked (a browser does not add that header on its own).
        """
        result = super().authenticate(request)
        if (
            result is not None
            and getattr(request, _FROM_COOKIE, False)
            and api_settings.JWT_AUTH_COOKIE_CSRF
        ):
            self.enforce_csrf(request)
        return result

    def get_jwt_value(self, request):
        """The token (bytes from the header, str from the cookie) or None."""
        setattr(request, _FROM_COOKIE, False)
        auth = get_authorization_header(request).split()

        if not auth:
            cookie_name = _config.auth_cookie(api_settings)
            if not cookie_name:
                return None
            value = request.COOKIES.get(cookie_name)
            setattr(request, _FROM_COOKIE, value is not None)
            return value

        try:
            scheme = smart_str(auth[0])
        except UnicodeDecodeError:
            # Not UTF-8, so not any configured prefix: left to the other authenticators (1.11
            # let DjangoUnicodeDecodeError escape, a 500 any client could cause).
            return None
        if scheme.lower() not in _accepted_prefixes():
            return None

        if len(auth) == 1:
            msg = _("Invalid Authorization header. No credentials provided.")
            raise exceptions.AuthenticationFailed(msg)
        if len(auth) > 2:
            msg = _(
                "Invalid Authorization header. Credentials string should not contain spaces."
            )
            raise exceptions.AuthenticationFailed(msg)
        return auth[1]

    def enforce_csrf(self, request):
        """Refuses a cookie-borne token on an unsafe method without a valid CSRF token: a
        browser sends the cookie on cross-site requests too (1.11 never checked; DESIGN.md).

        This is DRF's own ``SessionAuthentication.enforce_csrf``: Django's
        ``CsrfViewMiddleware`` checks, and a failure is ``PermissionDenied('CSRF Failed:
        <reason>')``, a 403.
        """
        SessionAuthentication.enforce_csrf(self, request)

    def authenticate_header(self, request):
        """The 401 challenge, ``JWT realm="api"``, following the configured prefix."""
        return f'{_config.header_prefix(api_settings)} realm="{self.www_authenticate_realm}"'
