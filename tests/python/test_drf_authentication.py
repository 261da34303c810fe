"""``JSONWebTokenAuthentication`` through the full DRF stack (spec §1.7)."""

from __future__ import annotations

import base64

import jwt_reference as ref
import pytest
from conftest import T0
from ferrojwt.drf import authentication
from ferrojwt.drf.authentication import JSONWebTokenAuthentication
from rest_framework.test import APIClient, APIRequestFactory

pytestmark = pytest.mark.django_db

URL = "/protected/"
CHALLENGE = 'JWT realm="api"'
NOT_PROVIDED = "Authentication credentials were not provided."


def get(client, header=None, url=URL):
    if header is None:
        return client.get(url)
    return client.get(url, HTTP_AUTHORIZATION=header)


def assert_401(response, detail, challenge=CHALLENGE):
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": detail}
    assert response["WWW-Authenticate"] == challenge


def test_valid_token_authenticates_and_auth_is_the_raw_token(
    api_client, user, token_for
):
    token = token_for(user)
    response = get(api_client, f"JWT {token}")
    assert response.status_code == 200
    assert response.json() == {
        "username": "jpueblo",
        "auth_type": "bytes",
        "auth": token,
    }


def test_payload_keys_of_an_obtained_token(api_client, user, token_for):
    import ferrojwt

    payload = ferrojwt.decode(token_for(user), options={"verify_signature": False})
    assert set(payload) == {"user_id", "username", "exp", "email"}


def test_missing_header_is_401_with_challenge(api_client):
    assert_401(get(api_client), NOT_PROVIDED)


def test_empty_header_is_401_with_challenge(api_client):
    assert_401(get(api_client, ""), NOT_PROVIDED)


@pytest.mark.parametrize("prefix", ["Bearer", "Token", "Basic", "JWTX"])
def test_other_prefix_is_not_ours(api_client, user, token_for, prefix):
    token = token_for(user)
    assert_401(get(api_client, f"{prefix} {token}"), NOT_PROVIDED)
    request = APIRequestFactory().get(URL, HTTP_AUTHORIZATION=f"{prefix} {token}")
    assert JSONWebTokenAuthentication().authenticate(request) is None


@pytest.mark.parametrize("header", ["\xff", "\xe9 abc", "Bearer\xff x", "JWT\xe9 token"])
def test_scheme_that_is_not_utf8_is_not_ours(api_client, user, header):
    # WSGI hands headers over as latin-1; 1.11's smart_str() on such a scheme raised
    # DjangoUnicodeDecodeError, a 500 for any client. It cannot be our prefix: not ours.
    assert_401(get(api_client, header), NOT_PROVIDED)


def test_token_that_is_not_utf8_is_a_decode_error(api_client, user):
    assert_401(get(api_client, "JWT \xff\xfe.abc.def"), "Error decoding signature.")


@pytest.mark.parametrize("prefix", ["jwt", "Jwt", "JWT"])
def test_prefix_is_case_insensitive(api_client, user, token_for, prefix):
    assert get(api_client, f"{prefix} {token_for(user)}").status_code == 200


def test_whitespace_runs_separate_prefix_and_token(api_client, user, token_for):
    assert get(api_client, f"JWT \t  {token_for(user)}  ").status_code == 200


def test_prefix_only_is_no_credentials(api_client):
    assert_401(
        get(api_client, "JWT"), "Invalid Authorization header. No credentials provided."
    )


def test_token_with_spaces(api_client, user, token_for):
    assert_401(
        get(api_client, f"JWT {token_for(user)} extra"),
        "Invalid Authorization header. Credentials string should not contain spaces.",
    )


def test_expired_token(api_client, user, make_token, clock):
    token = make_token({"username": "jpueblo", "exp": T0})  # exp == now: expired
    assert_401(get(api_client, f"JWT {token}"), "Signature has expired.")
    fresh = make_token({"username": "jpueblo", "exp": T0 + 1})
    assert get(api_client, f"JWT {fresh}").status_code == 200


def tamper_signature(token: str) -> str:
    head, payload, sig = token.split(".")
    first = "A" if sig[0] != "A" else "B"
    return f"{head}.{payload}.{first}{sig[1:]}"


def tamper_payload(token: str) -> str:
    head, _, sig = token.split(".")
    forged = ref.b64url_json({"user_id": 1, "username": "admin", "exp": 4102444800})
    return f"{head}.{forged}.{sig}"


@pytest.mark.parametrize(
    "mangle",
    [
        tamper_signature,
        tamper_payload,
        lambda t: t + "x",
        lambda t: t.rsplit(".", 1)[0],
        lambda t: "garbage",
        lambda t: t.replace(".", "", 1),
        lambda t: ref.encode({"username": "jpueblo"}, "wrong-secret"),
        lambda t: ref.sign_raw(
            b'{"typ":"JWT","alg":"HS256"}', b'{"username":"jpueblo","exp":"soon"}', "x"
        ),
    ],
    ids=[
        "signature",
        "payload",
        "suffix",
        "two-segments",
        "garbage",
        "joined",
        "wrong-key",
        "bad-exp",
    ],
)
def test_undecodable_tokens(api_client, user, token_for, mangle):
    token = mangle(token_for(user))
    assert_401(get(api_client, f"JWT {token}"), "Error decoding signature.")


@pytest.mark.parametrize("claim", ["exp", "nbf"])
def test_string_date_signed_with_the_right_key_is_a_decode_error(
    api_client, user, raw_token, claim
):
    token = raw_token({"username": "jpueblo", claim: "4102444800"})
    assert_401(get(api_client, f"JWT {token}"), "Error decoding signature.")


def test_alg_none_is_refused(api_client, user):
    token = (
        ref.b64url(b'{"typ":"JWT","alg":"none"}')
        + "."
        + ref.b64url_json({"username": "jpueblo"})
        + "."
    )
    # PyJWT 1.x: InvalidAlgorithmError ('The specified alg value is not allowed'), not a
    # DecodeError, so 1.11 answered DRF's default message.
    assert_401(get(api_client, f"JWT {token}"), "Incorrect authentication credentials.")


def test_other_algorithm_is_incorrect_credentials(api_client, user, settings):
    token = ref.encode({"username": "jpueblo"}, settings.SECRET_KEY, "HS512")
    assert_401(get(api_client, f"JWT {token}"), "Incorrect authentication credentials.")


def test_audience_mismatch_is_incorrect_credentials(
    api_client, user, make_token, api_settings, monkeypatch
):
    token = make_token({"username": "jpueblo", "aud": "someone-else"})
    monkeypatch.setattr(api_settings, "JWT_AUDIENCE", "us")
    assert_401(get(api_client, f"JWT {token}"), "Incorrect authentication credentials.")


def test_future_nbf_is_incorrect_credentials(api_client, user, make_token, clock):
    token = make_token({"username": "jpueblo", "nbf": T0 + 60})
    assert_401(get(api_client, f"JWT {token}"), "Incorrect authentication credentials.")


def test_non_numeric_iat_is_incorrect_credentials(api_client, user, raw_token):
    token = raw_token({"username": "jpueblo", "iat": "today"})
    assert_401(get(api_client, f"JWT {token}"), "Incorrect authentication credentials.")


def test_unknown_user_is_invalid_signature(api_client, make_token):
    token = make_token({"username": "nobody"})
    assert_401(get(api_client, f"JWT {token}"), "Invalid signature.")


def test_inactive_user(api_client, inactive_user, token_for):
    assert_401(
        get(api_client, f"JWT {token_for(inactive_user)}"), "User account is disabled."
    )


@pytest.mark.parametrize(
    "payload", [{"user_id": 1}, {"username": ""}, {"username": None}]
)
def test_payload_without_username(api_client, user, make_token, payload):
    assert_401(get(api_client, f"JWT {make_token(payload)}"), "Invalid payload.")


@pytest.mark.parametrize("orig_iat", ["yesterday", [1], True])
def test_non_numeric_orig_iat_is_a_decode_error(api_client, user, raw_token, orig_iat):
    # 1.11 ignored orig_iat here; ferrojwt type-checks every NumericDate (docs/compatibility.md).
    token = raw_token({"username": "jpueblo", "orig_iat": orig_iat})
    assert_401(get(api_client, f"JWT {token}"), "Error decoding signature.")


def test_oversized_token_is_a_decode_error(api_client, user):
    token = ref.encode({"username": "jpueblo", "pad": "x" * 70_000}, "k")
    assert_401(get(api_client, f"JWT {token}"), "Error decoding signature.")


# --- settings changed at run time ------------------------------------------------------------------


def test_runtime_header_prefix(api_client, user, token_for, api_settings, monkeypatch):
    token = token_for(user)
    monkeypatch.setattr(api_settings, "JWT_AUTH_HEADER_PREFIX", "Bearer")
    assert get(api_client, f"Bearer {token}").status_code == 200
    assert get(api_client, f"bearer {token}").status_code == 200
    assert_401(get(api_client, f"JWT {token}"), NOT_PROVIDED, 'Bearer realm="api"')
    assert_401(get(api_client), NOT_PROVIDED, 'Bearer realm="api"')


def test_runtime_secret_rotation(
    api_client, user, token_for, api_settings, monkeypatch
):
    token = token_for(user)
    monkeypatch.setattr(api_settings, "JWT_SECRET_KEY", "a-brand-new-secret")
    assert_401(get(api_client, f"JWT {token}"), "Error decoding signature.")


def test_runtime_verify_expiration(
    api_client, user, make_token, api_settings, monkeypatch
):
    token = make_token({"username": "jpueblo", "exp": 1})
    assert_401(get(api_client, f"JWT {token}"), "Signature has expired.")
    monkeypatch.setattr(api_settings, "JWT_VERIFY_EXPIRATION", False)
    assert get(api_client, f"JWT {token}").status_code == 200


def test_runtime_leeway(api_client, user, make_token, api_settings, monkeypatch, clock):
    token = make_token({"username": "jpueblo", "exp": T0 - 30})
    assert_401(get(api_client, f"JWT {token}"), "Signature has expired.")
    monkeypatch.setattr(api_settings, "JWT_LEEWAY", 31)
    assert get(api_client, f"JWT {token}").status_code == 200


def test_authenticate_header_follows_prefix(api_settings, monkeypatch):
    auth = JSONWebTokenAuthentication()
    request = APIRequestFactory().get(URL)
    assert auth.authenticate_header(request) == 'JWT realm="api"'
    monkeypatch.setattr(api_settings, "JWT_AUTH_HEADER_PREFIX", "Token")
    assert auth.authenticate_header(request) == 'Token realm="api"'


# --- patch points and other authenticators --------------------------------------------------------------


def test_module_global_decode_handler_is_a_patch_point(api_client, user, monkeypatch):
    seen = []

    def fake_decode(token):
        seen.append(token)
        return {"username": "jpueblo"}

    monkeypatch.setattr(authentication, "jwt_decode_handler", fake_decode)
    assert get(api_client, "JWT anything-at-all").status_code == 200
    assert seen == [b"anything-at-all"]


def test_module_global_username_getter_is_a_patch_point(
    api_client, user, make_token, monkeypatch
):
    monkeypatch.setattr(
        authentication, "jwt_get_username_from_payload", lambda p: p["login"]
    )
    assert get(api_client, f"JWT {make_token({'login': 'jpueblo'})}").status_code == 200


def test_custom_decode_handler_errors_are_mapped(api_client, user, monkeypatch):
    from ferrojwt.exceptions import ExpiredSignatureError

    def expired(token):
        raise ExpiredSignatureError("Signature has expired")

    monkeypatch.setattr(authentication, "jwt_decode_handler", expired)
    assert_401(get(api_client, "JWT x"), "Signature has expired.")


def test_basic_header_reaches_basic_authentication(api_client, user, token_for):
    basic = "Basic " + base64.b64encode(b"jpueblo:password").decode()
    assert get(api_client, basic, "/basic-then-jwt/").status_code == 200
    assert (
        get(api_client, f"JWT {token_for(user)}", "/basic-then-jwt/").status_code == 200
    )
    response = get(api_client, None, "/basic-then-jwt/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Basic realm="api"'


def test_session_first_gives_403(api_client):
    response = get(api_client, None, "/session-first/")
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response


def test_base_class_has_no_header_logic():
    from ferrojwt.drf.authentication import BaseJSONWebTokenAuthentication

    class QueryParam(BaseJSONWebTokenAuthentication):
        def get_jwt_value(self, request):
            return request.query_params.get("token")

    from rest_framework.request import Request

    request = Request(APIRequestFactory().get(URL))
    assert QueryParam().authenticate(request) is None


# --- cookie transport -------------------------------------------------------------------------------------


@pytest.fixture
def cookie_mode(api_settings, monkeypatch):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE", "jwt")


def test_cookie_token_authenticates_safe_methods(cookie_mode, user, token_for):
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["jwt"] = token_for(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["auth_type"] == "str"


def test_cookie_ignored_when_not_configured(user, token_for):
    client = APIClient()
    client.cookies["jwt"] = token_for(user)
    assert_401(client.get(URL), NOT_PROVIDED)


def test_cookie_not_consulted_when_header_has_other_prefix(
    cookie_mode, user, token_for
):
    client = APIClient()
    client.cookies["jwt"] = token_for(user)
    assert_401(client.get(URL, HTTP_AUTHORIZATION="Basic abc"), NOT_PROVIDED)


def test_header_wins_over_cookie(cookie_mode, user, token_for):
    client = APIClient()
    client.cookies["jwt"] = "garbage"
    assert (
        client.get(URL, HTTP_AUTHORIZATION=f"JWT {token_for(user)}").status_code == 200
    )


def test_empty_cookie_is_a_decode_error(cookie_mode):
    client = APIClient()
    client.cookies["jwt"] = ""
    assert_401(client.get(URL), "Error decoding signature.")


def test_cookie_token_on_unsafe_method_needs_csrf(cookie_mode, user, token_for):
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["jwt"] = token_for(user)
    response = client.post(URL, {}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF Failed:")


def test_cookie_token_with_csrf_token_passes(cookie_mode, user, token_for):
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["jwt"] = token_for(user)
    client.cookies["csrftoken"] = "a" * 32
    response = client.post(URL, {}, format="json", HTTP_X_CSRFTOKEN="a" * 32)
    assert response.status_code == 200


def test_cookie_csrf_can_be_turned_off(
    cookie_mode, user, token_for, api_settings, monkeypatch
):
    monkeypatch.setattr(api_settings, "JWT_AUTH_COOKIE_CSRF", False)
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["jwt"] = token_for(user)
    assert client.post(URL, {}, format="json").status_code == 200


def test_header_token_needs_no_csrf(cookie_mode, user, token_for):
    client = APIClient(enforce_csrf_checks=True)
    response = client.post(
        URL, {}, format="json", HTTP_AUTHORIZATION=f"JWT {token_for(user)}"
    )
    assert response.status_code == 200


# --- cookie CSRF: authenticate first, then enforce CSRF, as SessionAuthentication does ---------------
#
# DRF's SessionAuthentication only runs its CSRF check once it has an active user: an anonymous or
# broken session is not a CSRF failure. The same order holds for cookie-borne tokens, so a client
# whose cookie token is invalid or expired learns that (401 with the token message), not "CSRF
# Failed" (403).


def csrf_client(token):
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["jwt"] = token
    return client


@pytest.mark.parametrize(
    ("token", "detail"),
    [
        ("garbage", "Error decoding signature."),
        ("", "Error decoding signature."),
        (ref.encode({"username": "jpueblo"}, "wrong-secret"), "Error decoding signature."),
    ],
    ids=["garbage", "empty", "wrong-key"],
)
def test_invalid_cookie_token_on_post_is_401_not_403(cookie_mode, user, token, detail):
    assert_401(csrf_client(token).post(URL, {}, format="json"), detail)


def test_expired_cookie_token_on_post_is_401(cookie_mode, user, make_token, clock):
    token = make_token({"username": "jpueblo", "exp": T0})
    assert_401(csrf_client(token).post(URL, {}, format="json"), "Signature has expired.")


def test_cookie_token_of_unknown_or_inactive_user_on_post_is_401(
    cookie_mode, inactive_user, token_for, make_token
):
    assert_401(
        csrf_client(token_for(inactive_user)).post(URL, {}, format="json"),
        "User account is disabled.",
    )
    assert_401(
        csrf_client(make_token({"username": "nobody"})).post(URL, {}, format="json"),
        "Invalid signature.",
    )


def test_cookie_token_without_username_on_post_is_401(cookie_mode, user, make_token):
    token = make_token({"user_id": 1})
    assert_401(csrf_client(token).post(URL, {}, format="json"), "Invalid payload.")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_valid_cookie_token_without_csrf_is_403(cookie_mode, user, token_for, method):
    response = getattr(csrf_client(token_for(user)), method)(URL, {}, format="json")
    assert response.status_code == 403
    # Django's reason, prefixed as SessionAuthentication.enforce_csrf does.
    assert response.json() == {"detail": "CSRF Failed: CSRF cookie not set."}


def test_valid_cookie_token_with_a_wrong_csrf_token_is_403(cookie_mode, user, token_for):
    client = csrf_client(token_for(user))
    client.cookies["csrftoken"] = "a" * 32
    response = client.post(URL, {}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF Failed: CSRF token missing."}
    response = client.post(URL, {}, format="json", HTTP_X_CSRFTOKEN="b" * 32)
    assert response.status_code == 403
    # Django's wording of this reason changed across versions ("CSRF token incorrect." on 4.2,
    # naming the header since 5.0); the prefix is DRF's.
    detail = response.json()["detail"]
    assert detail.startswith("CSRF Failed: CSRF token") and detail.endswith("incorrect.")


def test_cookie_csrf_failure_matches_session_authentication(cookie_mode, user, token_for):
    """Same request, same answer as DRF's own SessionAuthentication gives for a logged-in user."""
    from rest_framework.authentication import SessionAuthentication
    from rest_framework.exceptions import PermissionDenied
    from rest_framework.request import Request

    from rest_framework.parsers import JSONParser

    factory = APIRequestFactory(enforce_csrf_checks=True)
    factory.cookies["jwt"] = token_for(user)
    factory.cookies["csrftoken"] = "a" * 32

    def request():
        django_request = factory.post(URL, {}, format="json", HTTP_X_CSRFTOKEN="c" * 32)
        return Request(django_request, parsers=[JSONParser()])

    ours, theirs = request(), request()
    with pytest.raises(PermissionDenied) as ours_error:
        JSONWebTokenAuthentication().authenticate(ours)
    with pytest.raises(PermissionDenied) as theirs_error:
        SessionAuthentication().enforce_csrf(theirs)
    assert str(ours_error.value.detail) == str(theirs_error.value.detail)
    assert str(ours_error.value.detail).startswith("CSRF Failed: ")


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_cookie_token_on_safe_methods_needs_no_csrf(cookie_mode, user, token_for, method):
    response = getattr(csrf_client(token_for(user)), method)(URL)
    assert response.status_code in (200, 405) and response.status_code != 403


def test_header_token_on_post_needs_no_csrf_even_with_a_cookie(cookie_mode, user, token_for):
    client = csrf_client("garbage")
    response = client.post(URL, {}, format="json", HTTP_AUTHORIZATION=f"JWT {token_for(user)}")
    assert response.status_code == 200


def test_invalid_header_token_with_cookie_mode_is_401(cookie_mode, user, token_for):
    client = csrf_client(token_for(user))
    assert_401(
        client.post(URL, {}, format="json", HTTP_AUTHORIZATION="JWT garbage"),
        "Error decoding signature.",
    )
