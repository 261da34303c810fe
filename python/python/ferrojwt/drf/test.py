"""Test helpers of djangorestframework_jwt 1.11: a client that logs in by obtaining a token.

``APIJWTClient.login`` posts to the hard-coded ``/api-token-auth/`` (1.11's documented URL), so a
project using it must route ``obtain_jwt_token`` there in its test URLconf.
"""

from __future__ import annotations

from rest_framework import status
from rest_framework.test import APIClient, APITestCase

from .settings import api_settings

__all__ = ["APIJWTClient", "APIJWTTestCase"]


class APIJWTClient(APIClient):
    """An ``APIClient`` whose ``login`` obtains a token and sends it on every later request."""

    def login(self, **credentials):
        """True and authenticated from now on when the credentials obtain a token, else False."""
        response = self.post("/api-token-auth/", credentials, format="json")
        if response.status_code != status.HTTP_200_OK:
            return False
        token = response.data["token"]
        self.credentials(
            HTTP_AUTHORIZATION=f"{api_settings.JWT_AUTH_HEADER_PREFIX} {token}"
        )
        return True


class APIJWTTestCase(APITestCase):
    """An ``APITestCase`` whose ``self.client`` is an ``APIJWTClient``."""

    client_class = APIJWTClient
