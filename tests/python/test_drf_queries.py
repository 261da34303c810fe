"""Database queries per request (spec §1.5 step 3, §1.9, issue §6 #7).

The per-user secret (``JWT_GET_USER_SECRET_KEY``) costs exactly one query, by primary key, for
the key, and only when that setting is set; the user lookup by natural key is the other query,
as in 1.11 (its two-queries-per-request shape, #360, is kept for compatibility). Without the
setting, an authenticated request makes the user query alone.
"""

from __future__ import annotations

import re

import jwt_reference as ref
import pytest
from conftest import OBTAIN, PROTECTED, REFRESH, T0, VERIFY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from ferrojwt.drf import utils

pytestmark = pytest.mark.django_db


def per_user_secret(user):
    return f"secret-of-{user.username}"


@pytest.fixture
def per_user(api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", per_user_secret)


def token_for_user(user, **extra):
    payload = {"user_id": user.pk, "username": user.username, "exp": T0 + 300, **extra}
    return utils.jwt_encode_handler(payload)


def where(sql: str) -> str:
    """What a query selects users by: "pk" or "username" (or the raw WHERE clause)."""
    assert 'FROM "auth_user"' in sql, sql
    clause = sql.split(" WHERE ", 1)[1]
    if re.search(r'"auth_user"\."id" = ', clause):
        return "pk"
    if re.search(r'"auth_user"\."username" = ', clause):
        return "username"
    return clause


def captured(callable_):
    with CaptureQueriesContext(connection) as queries:
        result = callable_()
    return result, [where(q["sql"]) for q in queries.captured_queries]


# --- the authenticated request path -------------------------------------------------------------------


def test_without_per_user_secret_one_query_for_the_user(api_client, user, clock, django_assert_num_queries):
    token = token_for_user(user)
    with django_assert_num_queries(1):
        response = api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 200
    _, lookups = captured(lambda: api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}"))
    assert lookups == ["username"]


def test_per_user_secret_adds_exactly_one_query_by_pk(api_client, user, clock, per_user, django_assert_num_queries):
    token = token_for_user(user)
    with django_assert_num_queries(2):
        response = api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 200
    # First the key (by the unverified user_id), then the user (by natural key), as in 1.11.
    _, lookups = captured(lambda: api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}"))
    assert lookups == ["pk", "username"]


def test_per_user_secret_bad_signature_costs_only_the_key_query(api_client, user, clock, per_user):
    forged = ref.encode({"user_id": user.pk, "username": "jpueblo", "exp": T0 + 300}, "guessed")
    response, lookups = captured(lambda: api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {forged}"))
    assert response.status_code == 401
    assert lookups == ["pk"]


def test_no_key_query_for_a_malformed_token(api_client, user, per_user, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = api_client.get(PROTECTED, HTTP_AUTHORIZATION="JWT not.a-token")
    assert response.status_code == 401


def test_per_user_secret_and_lookup_by_id(api_client, user, clock, per_user, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_LOOKUP_USER_BY_ID", True)
    token = token_for_user(user)
    response, lookups = captured(lambda: api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}"))
    assert response.status_code == 200
    assert lookups == ["pk", "pk"]


def test_stateless_user_queries_only_for_the_per_user_key(api_client, user, clock, api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_STATELESS_USER", True)
    token = token_for_user(user)
    response, lookups = captured(lambda: api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}"))
    assert response.status_code == 200 and lookups == []
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", per_user_secret)
    token = token_for_user(user)
    response, lookups = captured(lambda: api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}"))
    assert response.status_code == 200 and lookups == ["pk"]


def test_verify_off_makes_no_key_query(api_client, user, per_user, api_settings, monkeypatch):
    token = ref.encode({"user_id": user.pk, "username": "jpueblo"}, "anything")
    monkeypatch.setattr(api_settings, "JWT_VERIFY", False)
    response, lookups = captured(lambda: api_client.get(PROTECTED, HTTP_AUTHORIZATION=f"JWT {token}"))
    assert response.status_code == 200
    assert lookups == ["username"]


# --- the handlers and the token endpoints --------------------------------------------------------------


def test_decode_handler_queries_only_with_the_setting(user, clock, api_settings, monkeypatch, django_assert_num_queries):
    token = token_for_user(user)
    with django_assert_num_queries(0):
        utils.jwt_decode_handler(token)
        utils.jwt_encode_handler({"user_id": user.pk, "username": "jpueblo"})
    monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", per_user_secret)
    token = token_for_user(user)
    with django_assert_num_queries(1):
        utils.jwt_decode_handler(token)
    with django_assert_num_queries(1):
        utils.jwt_encode_handler({"user_id": user.pk, "username": "jpueblo"})


def obtain(client):
    return client.post(OBTAIN, {"username": "jpueblo", "password": "password"}, format="json")


@pytest.mark.parametrize(
    ("with_secret", "expected"),
    [(False, ["username"]), (True, ["username", "pk"])],
    ids=["secret", "per-user-secret"],
)
def test_obtain_queries(api_client, user, clock, api_settings, monkeypatch, with_secret, expected):
    if with_secret:
        monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", per_user_secret)
    response, lookups = captured(lambda: obtain(api_client))
    assert response.status_code == 200
    assert lookups == expected  # authenticate(), then the key to sign with


@pytest.mark.parametrize(
    ("with_secret", "expected"),
    [(False, ["username"]), (True, ["pk", "username"])],
    ids=["secret", "per-user-secret"],
)
def test_verify_queries(api_client, user, clock, api_settings, monkeypatch, with_secret, expected):
    if with_secret:
        monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", per_user_secret)
    token = token_for_user(user)
    response, lookups = captured(lambda: api_client.post(VERIFY, {"token": token}, format="json"))
    assert response.status_code == 200
    assert lookups == expected


@pytest.mark.parametrize(
    ("with_secret", "expected"),
    [(False, ["username"]), (True, ["pk", "username", "pk"])],
    ids=["secret", "per-user-secret"],
)
def test_refresh_queries(api_client, user, clock, api_settings, monkeypatch, with_secret, expected):
    if with_secret:
        monkeypatch.setattr(api_settings, "JWT_GET_USER_SECRET_KEY", per_user_secret)
    token = token_for_user(user, orig_iat=T0 - 5)
    response, lookups = captured(lambda: api_client.post(REFRESH, {"token": token}, format="json"))
    assert response.status_code == 200
    # The old token's key, the user, and the key the new token is signed with.
    assert lookups == expected
