"""Shared fixtures: a controllable clock, users, token helpers, and api_settings isolation."""

from __future__ import annotations

import time

import pytest

#: Projects with their own settings, run in a subprocess (test_migration_paths.py) or in their own
#: virtualenv (make test-migration-original), never collected under testproject.settings.
collect_ignore = ["migration_alias", "migration_original"]

#: An arbitrary fixed instant (2023-11-14T22:13:20Z) plus a fraction, to show whole seconds win.
T0 = 1_700_000_000

#: The endpoints of tests/python/testproject/urls.py: 1.11's documented URLs and a view that
#: requires JSONWebTokenAuthentication.
OBTAIN, VERIFY, REFRESH, PROTECTED = (
    "/api-token-auth/",
    "/api-token-verify/",
    "/api-token-refresh/",
    "/protected/",
)


class Clock:
    """Stands in for ``time.time``: ``ferrojwt.decode`` and ``ferrojwt.drf`` both read it."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    frozen = Clock(T0 + 0.25)
    monkeypatch.setattr(time, "time", frozen)
    return frozen


@pytest.fixture(autouse=True)
def _isolated_api_settings():
    """Every test starts from the settings of testproject.settings, whatever the last one set."""
    from ferrojwt.drf.settings import api_settings

    saved = dict(vars(api_settings))
    saved_cached = set(api_settings._cached_attrs)
    yield
    vars(api_settings).clear()
    vars(api_settings).update(saved)
    api_settings._cached_attrs = saved_cached


@pytest.fixture
def api_settings():
    from ferrojwt.drf.settings import api_settings

    return api_settings


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(
        username="jpueblo", email="jpueblo@example.com", password="password"
    )


@pytest.fixture
def inactive_user(django_user_model):
    return django_user_model.objects.create_user(
        username="sleeper",
        email="sleeper@example.com",
        password="password",
        is_active=False,
    )


@pytest.fixture
def make_token():
    """Encodes a payload with the encode handler of the moment (settings as currently set)."""
    from ferrojwt.drf import utils

    def make(payload):
        return utils.jwt_encode_handler(dict(payload))

    return make


@pytest.fixture
def raw_token(api_settings):
    """Signs a payload with the configured secret by the pure-Python PyJWT 1.x model: for claims
    ferrojwt itself refuses to encode (a string ``exp``, a null ``orig_iat``...)."""
    import jwt_reference

    def make(payload):
        return jwt_reference.encode(
            payload, api_settings.JWT_SECRET_KEY, api_settings.JWT_ALGORITHM
        )

    return make


@pytest.fixture
def token_for():
    """A token for ``user`` built exactly as the obtain endpoint would."""
    from ferrojwt.drf import utils

    def make(user):
        return utils.jwt_encode_handler(utils.jwt_payload_handler(user))

    return make


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
