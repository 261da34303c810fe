"""The obtain, verify and refresh endpoints of djangorestframework_jwt 1.11.

They authenticate nobody and require no permission (``authentication_classes = ()``), so a stale
or broken ``Authorization`` header never stops a client from logging in again. POST only; a
success is a 200 whose body comes from ``jwt_response_payload_handler``, a module global looked up
on every request because test suites patch it here.
"""

from __future__ import annotations

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import (
    JSONWebTokenSerializer,
    RefreshJSONWebTokenSerializer,
    VerifyJSONWebTokenSerializer,
)
from . import _config
from .settings import api_settings
from .utils import _utcnow

__all__ = [
    "JSONWebTokenAPIView",
    "ObtainJSONWebToken",
    "RefreshJSONWebToken",
    "VerifyJSONWebToken",
    "obtain_jwt_token",
    "refresh_jwt_token",
    "verify_jwt_token",
]

jwt_response_payload_handler = api_settings.JWT_RESPONSE_PAYLOAD_HANDLER


class JSONWebTokenAPIView(APIView):
    """Runs ``serializer_class`` on the POSTed data and answers with a token.

    Subclasses only set ``serializer_class``; ``get_serializer*`` follow DRF's generic-view names
    so that code overriding them keeps working.
    """

    permission_classes = ()
    authentication_classes = ()
    serializer_class = None

    def get_serializer_context(self):
        return {"request": self.request, "view": self}

    def get_serializer_class(self):
        assert self.serializer_class is not None, (
            f"'{self.__class__.__name__}' should either include a `serializer_class` attribute, "
            "or override the `get_serializer_class()` method."
        )
        return self.serializer_class

    def get_serializer(self, *args, **kwargs):
        serializer_class = self.get_serializer_class()
        kwargs["context"] = self.get_serializer_context()
        return serializer_class(*args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            data = request.data
        except RecursionError:
            # Python's json (and so DRF's JSONParser) recurses per nesting level: a body of
            # 100,000 '[' is a RecursionError, a 500 anyone could cause on these open endpoints.
            raise exceptions.ParseError("JSON parse error - nested too deeply") from None
        serializer = self.get_serializer(data=data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)

        user = serializer.object.get("user") or request.user
        token = serializer.object.get("token")
        response = Response(jwt_response_payload_handler(token, user, request))

        cookie_name = _config.auth_cookie(api_settings)
        if cookie_name:
            expires = _utcnow() + _config.expiration_delta(api_settings)  # naive UTC, as in 1.11
            response.set_cookie(
                cookie_name,
                token,
                expires=expires,
                httponly=True,
                # ferrojwt opt-ins; the defaults are what 1.11's set_cookie produced.
                secure=bool(api_settings.JWT_AUTH_COOKIE_SECURE),
                samesite=_config.cookie_samesite(api_settings),
                domain=api_settings.JWT_AUTH_COOKIE_DOMAIN,
                path=api_settings.JWT_AUTH_COOKIE_PATH or "/",
            )
        return response


class ObtainJSONWebToken(JSONWebTokenAPIView):
    """Username and password in, token out."""

    serializer_class = JSONWebTokenSerializer


class VerifyJSONWebToken(JSONWebTokenAPIView):
    """Token in, the same token out while it is valid."""

    serializer_class = VerifyJSONWebTokenSerializer


class RefreshJSONWebToken(JSONWebTokenAPIView):
    """Valid token in, a new token with a fresh ``exp`` and the same ``orig_iat`` out."""

    serializer_class = RefreshJSONWebTokenSerializer


obtain_jwt_token = ObtainJSONWebToken.as_view()
refresh_jwt_token = RefreshJSONWebToken.as_view()
verify_jwt_token = VerifyJSONWebToken.as_view()
