"""``APIJWTTestCase`` used the way 1.11's users used it: a unittest-style Django test case."""

from django.contrib.auth import get_user_model
from ferrojwt.drf.test import APIJWTClient, APIJWTTestCase


class LoginTests(APIJWTTestCase):
    def setUp(self):
        get_user_model().objects.create_user(username="case", password="pw")

    def test_client_class(self):
        self.assertIsInstance(self.client, APIJWTClient)

    def test_login_then_protected(self):
        self.assertTrue(self.client.login(username="case", password="pw"))
        response = self.client.get("/protected/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["username"], "case")
