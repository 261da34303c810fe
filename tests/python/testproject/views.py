"""Protected views the tests call through the full DRF stack."""

from ferrojwt.drf.authentication import JSONWebTokenAuthentication
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


class ProtectedView(APIView):
    """Echoes who is logged in and what ``request.auth`` is."""

    authentication_classes = (JSONWebTokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    def _answer(self, request):
        auth = request.auth
        return Response(
            {
                "username": request.user.get_username(),
                "auth_type": type(auth).__name__,
                "auth": auth.decode("ascii") if isinstance(auth, bytes) else auth,
            }
        )

    def get(self, request):
        return self._answer(request)

    def post(self, request):
        return self._answer(request)


class BasicThenJWTView(ProtectedView):
    """JWT second: a ``Basic`` header must reach BasicAuthentication untouched."""

    authentication_classes = (BasicAuthentication, JSONWebTokenAuthentication)


class SessionFirstView(ProtectedView):
    """Session first: DRF answers 403 (no challenge), as spec §1.7 describes."""

    authentication_classes = (SessionAuthentication, JSONWebTokenAuthentication)


class DefaultAuthView(APIView):
    """Uses REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES / DEFAULT_PERMISSION_CLASSES, read per
    request (APIView binds them when the class is defined, before a test can override them)."""

    @property
    def authentication_classes(self):
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_AUTHENTICATION_CLASSES

    @property
    def permission_classes(self):
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_PERMISSION_CLASSES

    def get(self, request):
        return Response({"username": request.user.get_username()})
