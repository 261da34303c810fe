"""The plain ``ferrojwt`` API that ``ferrojwt.drf`` is built on (PyJWT-style, PyJWT 1.x rules)."""

from __future__ import annotations

import datetime
import uuid
from collections import OrderedDict

import ferrojwt
import jwt_reference as ref
import pytest
from ferrojwt import exceptions as exc

KEY = "a-perfectly-ordinary-hmac-secret"
T0 = 1_700_000_000
UTC = datetime.UTC


def decode(token, **kwargs):
    kwargs.setdefault("algorithms", ["HS256"])
    return ferrojwt.decode(token, KEY, **kwargs)


# --- encode: byte-identical to PyJWT 1.x ---------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        {
            "user_id": 1,
            "username": "jpueblo",
            "exp": T0,
            "email": "jpueblo@example.com",
        },
        {"z": 1, "a": 2, "m": [3, {"y": None, "b": True, "c": False}]},
        {"name": "Jöhn Dœ ☃", "emoji": "😀", "quote": 'a "b" \\ c\n\t\u0001\u007f'},
        {
            "u64": 2**64 - 1,
            "i64": -(2**63),
            "zero": 0,
            "f": 1.5,
            "tiny": 1e-7,
            "huge": 1e100,
        },
        {"floats": [0.1, 2.0, -0.0, 123456789.125, 1e16, 1.0e-5]},
        {"html": "<script>&'</script>", "slash": "a/b"},
        {},
    ],
    ids=["drf", "order", "unicode", "numbers", "floats", "html", "empty"],
)
@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_encode_is_byte_identical_to_pyjwt1(payload, alg):
    assert ferrojwt.encode(payload, KEY, alg) == ref.encode(payload, KEY, alg)


def test_encode_default_algorithm_is_hs256():
    token = ferrojwt.encode({"a": 1}, KEY)
    assert token.split(".")[0] == "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
    assert isinstance(token, str)


def test_encode_extra_headers_follow_typ_and_alg():
    token = ferrojwt.encode({"a": 1}, KEY, headers={"kid": "key-1"})
    assert token == ref.encode({"a": 1}, KEY, headers={"kid": "key-1"})
    assert list(ferrojwt.get_unverified_header(token)) == ["typ", "alg", "kid"]


def test_encode_str_and_bytes_keys_agree():
    assert ferrojwt.encode({"a": 1}, KEY) == ferrojwt.encode({"a": 1}, KEY.encode())


def test_encode_converts_datetimes_without_mutating():
    exp = datetime.datetime(
        2030, 1, 2, 3, 4, 5, 999999
    )  # naive = UTC; microseconds dropped
    iat = datetime.datetime(
        2030, 1, 2, 5, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    payload = {"exp": exp, "iat": iat, "nbf": exp}
    token = ferrojwt.encode(payload, KEY)
    assert payload == {"exp": exp, "iat": iat, "nbf": exp}
    expected = int(datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp())
    decoded = ferrojwt.decode(token, options={"verify_signature": False})
    assert decoded == {"exp": expected, "iat": expected, "nbf": expected}


@pytest.mark.parametrize("claim", ["exp", "nbf", "iat", "orig_iat"])
@pytest.mark.parametrize("value", ["123", None, True, 10**18, float("inf")])
def test_encode_refuses_non_numeric_dates(claim, value):
    # A deviation from PyJWT 1.x, which signed anything (docs/compatibility.md). ``iat`` keeps
    # PyJWT's class for it, InvalidIssuedAtError.
    with pytest.raises(
        (exc.InvalidClaimError, exc.InvalidIssuedAtError, exc.InvalidArgumentError)
    ):
        ferrojwt.encode({claim: value}, KEY)


def test_integers_beyond_64_bits_are_refused_cleanly():
    # PyJWT 1.x / Python json handle any int; the core stops at 64 bits (docs/compatibility.md).
    with pytest.raises(exc.InvalidArgumentError):
        ferrojwt.encode({"big": 2**64}, KEY)
    with pytest.raises(exc.DecodeError):
        decode(ref.encode({"big": 2**64}, KEY))
    assert decode(ref.encode({"a": 2**64 - 1, "b": -(2**63)}, KEY)) == {
        "a": 2**64 - 1,
        "b": -(2**63),
    }


def test_encode_rejects_what_json_cannot_represent():
    with pytest.raises((TypeError, ValueError)):
        ferrojwt.encode({"id": uuid.uuid4()}, KEY)
    with pytest.raises(TypeError):
        ferrojwt.encode(["not", "a", "mapping"], KEY)


def test_encode_json_encoder_is_honoured():
    import json

    class UUIDEncoder(json.JSONEncoder):
        def default(self, o):
            if isinstance(o, uuid.UUID):
                return str(o)
            return super().default(o)

    value = uuid.UUID("12345678-1234-5678-1234-567812345678")
    token = ferrojwt.encode({"id": value}, KEY, json_encoder=UUIDEncoder)
    assert token == ref.encode({"id": str(value)}, KEY)


# --- decode -----------------------------------------------------------------------------------


def test_decode_round_trip_keeps_order_and_types():
    payload = OrderedDict(
        [("b", 1), ("a", "x"), ("big", 2**63), ("f", 0.5), ("l", [1, None])]
    )
    token = ferrojwt.encode(payload, KEY)
    for form in (token, token.encode("ascii")):
        decoded = decode(form)
        assert type(decoded) is dict
        assert list(decoded.items()) == list(payload.items())
        assert type(decoded["big"]) is int and type(decoded["f"]) is float


def test_decode_tokens_built_by_the_reference():
    token = ref.encode({"user_id": 7, "username": "é"}, KEY, "HS512")
    assert ferrojwt.decode(token, KEY, algorithms=["HS512"]) == {
        "user_id": 7,
        "username": "é",
    }


def test_wrong_key_is_invalid_signature():
    token = ferrojwt.encode({"a": 1}, KEY)
    with pytest.raises(exc.InvalidSignatureError):
        ferrojwt.decode(token, KEY + "x", algorithms=["HS256"])


def test_algorithms_required_to_verify():
    token = ferrojwt.encode({"a": 1}, KEY)
    with pytest.raises(exc.DecodeError):
        ferrojwt.decode(token, KEY)


@pytest.mark.parametrize("allowed", [["HS512"], ["HS384", "HS512"]])
def test_alg_not_in_allow_list(allowed):
    token = ferrojwt.encode({"a": 1}, KEY, "HS256")
    with pytest.raises(exc.InvalidAlgorithmError):
        ferrojwt.decode(token, KEY, algorithms=allowed)


@pytest.mark.parametrize("allowed", [["HS256"], ["none"], ["HS256", "none"]])
def test_alg_none_is_never_accepted(allowed):
    token = (
        ref.b64url(b'{"typ":"JWT","alg":"none"}') + "." + ref.b64url(b'{"a":1}') + "."
    )
    # Refused as a token error, or (``"none"`` in the allow-list) as an unusable argument.
    with pytest.raises(
        (exc.InvalidAlgorithmError, exc.DecodeError, exc.InvalidArgumentError)
    ):
        ferrojwt.decode(token, KEY, algorithms=allowed)


@pytest.mark.parametrize("alg", ["HS999", "none", None, "hs256", 5, "HS\ud800"])
def test_encode_with_an_unknown_alg_is_not_implemented(alg):
    # PyJWT 1.x and 2.x both raise NotImplementedError("Algorithm not supported").
    with pytest.raises(NotImplementedError, match="Algorithm not supported"):
        ferrojwt.encode({"a": 1}, KEY, alg)


def test_unknown_alg_is_invalid_algorithm():
    token = ref.sign_raw(b'{"typ":"JWT","alg":"HS999"}', b'{"a":1}', KEY)
    with pytest.raises(exc.InvalidAlgorithmError):
        ferrojwt.decode(token, KEY, algorithms=["HS256"])


GOOD = ref.encode({"a": 1}, KEY)
H, P, S = GOOD.split(".")


@pytest.mark.parametrize(
    "token",
    [
        "",
        "abc",
        f"{H}.{P}",
        f"{H}.{P}.{S}.{S}",
        f"{H}=.{P}.{S}",  # padding
        f"{H}.{P}!.{S}",  # PyJWT 1.x dropped junk characters; we do not
        f"{H}.{P[:-1]}.{S}",  # truncated segment
        f"{ref.b64url(b'not json')}.{P}.{S}",
        f"{H}.{ref.b64url(b'[1,2]')}.{S}",
        f"{ref.b64url(b'[]')}.{P}.{S}",
        "..",
        "é.é.é",
    ],
)
def test_malformed_tokens_are_decode_errors(token):
    with pytest.raises(exc.DecodeError):
        decode(token)
    with pytest.raises(exc.DecodeError):
        ferrojwt.decode(token, options={"verify_signature": False})


@pytest.mark.parametrize("signature", [f"{S}==", f"{S[:-1]}!", S[:-2], "", f"{S}A"])
def test_malformed_signatures_are_decode_errors(signature):
    with pytest.raises(exc.DecodeError):
        decode(f"{H}.{P}.{signature}")


@pytest.mark.parametrize(
    "payload_json",
    [
        b'{"a":1,"a":2}',
        b'{"a":NaN}',
        b'{"a":Infinity}',
        b'{"a":1,}',
        b"{'a':1}",
        b'{"a":1} x',
    ],
)
def test_non_rfc8259_or_duplicate_payloads_rejected_even_when_signed(payload_json):
    token = ref.sign_raw(b'{"typ":"JWT","alg":"HS256"}', payload_json, KEY)
    with pytest.raises(exc.DecodeError):
        decode(token)


def test_duplicate_header_names_rejected():
    token = ref.sign_raw(b'{"typ":"JWT","alg":"HS256","alg":"HS256"}', b'{"a":1}', KEY)
    with pytest.raises(exc.DecodeError):
        decode(token)


def test_non_token_types_rejected():
    with pytest.raises(exc.DecodeError):
        decode(12345)
    with pytest.raises(exc.DecodeError):
        decode(None)


def test_huge_token_rejected_before_parsing():
    # ferrojwt.encode refuses to write such a token; the reference signer does not.
    token = ref.encode({"pad": "x" * 70_000}, KEY)
    with pytest.raises(exc.TokenTooLargeError) as info:
        decode(token)
    assert isinstance(info.value, exc.DecodeError)
    with pytest.raises(exc.InvalidArgumentError):
        ferrojwt.encode({"pad": "x" * 70_000}, KEY)


# --- claims: the PyJWT 1.x profile ---------------------------------------------------------------


def test_exp_equal_to_now_is_expired():
    token = ferrojwt.encode({"exp": T0}, KEY)
    with pytest.raises(exc.ExpiredSignatureError):
        decode(token, now=T0)
    assert decode(token, now=T0 - 1) == {"exp": T0}


def test_now_is_whole_seconds():
    token = ferrojwt.encode({"exp": T0}, KEY)
    assert decode(token, now=T0 - 0.001) == {"exp": T0}
    with pytest.raises(exc.ExpiredSignatureError):
        decode(token, now=T0 + 0.999)


def test_leeway_boundaries_seconds_and_timedelta():
    token = ferrojwt.encode({"exp": T0}, KEY)
    for leeway in (10, 10.0, datetime.timedelta(seconds=10)):
        assert decode(token, now=T0 + 9, leeway=leeway) == {"exp": T0}
        with pytest.raises(exc.ExpiredSignatureError):
            decode(token, now=T0 + 10, leeway=leeway)


def test_now_as_datetime():
    token = ferrojwt.encode({"exp": T0}, KEY)
    before = datetime.datetime.fromtimestamp(T0 - 1, UTC)
    at = datetime.datetime.fromtimestamp(T0, UTC)
    assert decode(token, now=before) == {"exp": T0}
    with pytest.raises(exc.ExpiredSignatureError):
        decode(token, now=at)


def test_clock_read_through_time_time(clock):
    token = ferrojwt.encode({"exp": int(clock.now) + 1}, KEY)
    assert decode(token)
    clock.advance(1)
    with pytest.raises(exc.ExpiredSignatureError):
        decode(token)


def test_verify_exp_off():
    token = ferrojwt.encode({"exp": T0}, KEY)
    assert decode(token, now=T0 + 10**6, options={"verify_exp": False}) == {"exp": T0}


def test_signature_off_turns_claim_checks_off_unless_asked():
    token = ferrojwt.encode(
        {"exp": T0, "nbf": T0 + 100, "aud": "x", "iss": "y"}, "other-key"
    )
    opts = {"verify_signature": False}
    assert ferrojwt.decode(token, options=opts, now=T0 + 10**6)["exp"] == T0
    with pytest.raises(exc.ImmatureSignatureError):
        ferrojwt.decode(token, options={**opts, "verify_nbf": True}, now=T0)


def test_missing_exp_is_allowed():
    assert decode(ferrojwt.encode({"a": 1}, KEY), now=T0) == {"a": 1}


def test_nbf_boundaries():
    token = ferrojwt.encode({"nbf": T0}, KEY)
    assert decode(token, now=T0) == {"nbf": T0}
    with pytest.raises(exc.ImmatureSignatureError):
        decode(token, now=T0 - 1)
    assert decode(token, now=T0 - 5, leeway=5) == {"nbf": T0}


def test_iat_in_the_future_is_accepted():
    token = ferrojwt.encode({"iat": T0 + 3600}, KEY)
    assert decode(token, now=T0) == {"iat": T0 + 3600}


@pytest.mark.parametrize("claim", ["exp", "nbf"])
@pytest.mark.parametrize("value", ["123", None, True, [1], {"a": 1}])
def test_non_numeric_exp_nbf_are_decode_errors(claim, value):
    token = ref.encode({claim: value}, KEY)
    with pytest.raises(exc.DecodeError):
        decode(token, now=T0)


def test_non_numeric_iat_is_invalid_issued_at():
    token = ref.encode({"iat": "yesterday"}, KEY)
    with pytest.raises(exc.InvalidIssuedAtError):
        decode(token, now=T0)


def test_huge_exp_does_not_overflow():
    token = ref.encode({"exp": 10**30}, KEY)
    with pytest.raises(exc.DecodeError):
        decode(token, now=T0)
    far = 253402300799  # 9999-12-31T23:59:59Z
    token = ferrojwt.encode({"exp": far}, KEY)
    assert decode(token, now=T0) == {"exp": far}


def test_float_exp():
    token = ferrojwt.encode({"exp": T0 + 0.5}, KEY)
    assert decode(token, now=T0) == {"exp": T0 + 0.5}
    with pytest.raises(exc.ExpiredSignatureError):
        decode(token, now=T0 + 1)


def test_issuer():
    token = ferrojwt.encode({"iss": "me"}, KEY)
    assert decode(token, issuer="me") == {"iss": "me"}
    with pytest.raises(exc.InvalidIssuerError):
        decode(token, issuer="you")
    with pytest.raises(exc.MissingRequiredClaimError) as info:
        decode(ferrojwt.encode({"a": 1}, KEY), issuer="me")
    assert info.value.claim == "iss"
    assert str(info.value) == 'Token is missing the "iss" claim'


def test_audience():
    single = ferrojwt.encode({"aud": "web"}, KEY)
    listed = ferrojwt.encode({"aud": ["app", "web"]}, KEY)
    assert decode(single, audience="web")["aud"] == "web"
    assert decode(listed, audience="web")["aud"] == ["app", "web"]
    assert decode(single, audience=["other", "web"])["aud"] == "web"
    with pytest.raises(exc.InvalidAudienceError):
        decode(single, audience="app")
    with pytest.raises(exc.InvalidAudienceError):
        decode(single)  # token has aud, verifier expects none
    with pytest.raises(exc.MissingRequiredClaimError) as info:
        decode(ferrojwt.encode({"a": 1}, KEY), audience="web")
    assert info.value.claim == "aud"
    with pytest.raises(exc.InvalidAudienceError):
        decode(ferrojwt.encode({"aud": 7}, KEY), audience="web")
    with pytest.raises(exc.InvalidAudienceError):
        decode(ferrojwt.encode({"aud": ["web", 7]}, KEY), audience="web")


def test_check_order_iat_nbf_exp_iss_aud():
    claims = {"iat": "x", "nbf": T0 + 10, "exp": T0 - 10, "iss": "bad", "aud": "bad"}
    token = ref.encode(claims, KEY)
    kw = {"now": T0, "issuer": "good", "audience": "good"}
    with pytest.raises(exc.InvalidIssuedAtError):
        decode(token, **kw)
    claims.pop("iat")
    with pytest.raises(exc.ImmatureSignatureError):
        decode(ferrojwt.encode(claims, KEY), **kw)
    claims.pop("nbf")
    with pytest.raises(exc.ExpiredSignatureError):
        decode(ferrojwt.encode(claims, KEY), **kw)
    claims.pop("exp")
    with pytest.raises(exc.InvalidIssuerError):
        decode(ferrojwt.encode(claims, KEY), **kw)
    claims.pop("iss")
    with pytest.raises(exc.InvalidAudienceError):
        decode(ferrojwt.encode(claims, KEY), audience="good", now=T0)


def test_require_option():
    token = ferrojwt.encode({"a": 1}, KEY)
    with pytest.raises(exc.MissingRequiredClaimError) as info:
        decode(token, options={"require": ["exp"]})
    assert info.value.claim == "exp"


# --- keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "",
        b"",
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        "-----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----",
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host",
    ],
    ids=["empty-str", "empty-bytes", "pem", "cert", "rsa-pub", "ssh"],
)
def test_unusable_hmac_keys(key):
    with pytest.raises(exc.InvalidKeyError) as info:
        ferrojwt.encode({"a": 1}, key)
    assert not isinstance(info.value, exc.InvalidTokenError)
    with pytest.raises(exc.InvalidKeyError):
        ferrojwt.decode(GOOD, key, algorithms=["HS256"])


# --- exceptions -------------------------------------------------------------------------------------


def test_exception_hierarchy_matches_pyjwt():
    assert issubclass(exc.InvalidTokenError, exc.PyJWTError)
    assert issubclass(exc.DecodeError, exc.InvalidTokenError)
    assert issubclass(exc.InvalidSignatureError, exc.DecodeError)
    for name in (
        "ExpiredSignatureError",
        "InvalidAudienceError",
        "InvalidIssuerError",
        "InvalidIssuedAtError",
        "ImmatureSignatureError",
        "InvalidAlgorithmError",
        "MissingRequiredClaimError",
    ):
        cls = getattr(exc, name)
        assert issubclass(cls, exc.InvalidTokenError) and not issubclass(
            cls, exc.DecodeError
        )
        assert getattr(ferrojwt, name) is cls
    assert issubclass(exc.InvalidKeyError, exc.PyJWTError)
    assert not issubclass(exc.InvalidKeyError, exc.InvalidTokenError)
    assert issubclass(exc.InvalidClaimError, exc.DecodeError)
    assert issubclass(exc.TokenTooLargeError, exc.DecodeError)
    assert issubclass(exc.MissingOrigIatError, exc.InvalidTokenError)
    assert issubclass(exc.RefreshExpiredError, exc.InvalidTokenError)
    assert issubclass(exc.InvalidArgumentError, ValueError)
    assert exc.ExpiredSignature is exc.ExpiredSignatureError
    assert exc.InvalidAudience is exc.InvalidAudienceError
    assert exc.InvalidIssuer is exc.InvalidIssuerError


def test_errors_carry_a_kind():
    token = ferrojwt.encode({"exp": T0}, KEY)
    with pytest.raises(exc.ExpiredSignatureError) as info:
        decode(token, now=T0)
    assert info.value.kind == "ExpiredSignature"
    with pytest.raises(exc.InvalidSignatureError) as info:
        ferrojwt.decode(token, "nope", algorithms=["HS256"])
    assert info.value.kind == "InvalidSignature"


# --- helpers for the refresh rule ----------------------------------------------------------------------


def test_numeric_date():
    assert ferrojwt.numeric_date(datetime.datetime(1970, 1, 1, 0, 0, 10, 900000)) == 10
    aware = datetime.datetime(
        1970, 1, 1, 1, 0, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    assert ferrojwt.numeric_date(aware) == 10
    assert ferrojwt.numeric_date(5) == 5
    assert ferrojwt.numeric_date(5.5) == 5.5


def test_refresh_delta_seconds():
    assert ferrojwt.refresh_delta_seconds(datetime.timedelta(days=7)) == 7 * 86400
    assert (
        ferrojwt.refresh_delta_seconds(
            datetime.timedelta(seconds=10, microseconds=999999)
        )
        == 10
    )
    assert ferrojwt.refresh_delta_seconds(3600) == 3600
    assert ferrojwt.refresh_delta_seconds(3600.9) == 3600


def test_check_refresh_window_boundaries():
    delta = datetime.timedelta(days=1)
    assert ferrojwt.check_refresh_window({"orig_iat": T0}, delta, now=T0 + 86400) == T0
    with pytest.raises(exc.RefreshExpiredError):
        ferrojwt.check_refresh_window({"orig_iat": T0}, delta, now=T0 + 86401)
    assert ferrojwt.check_refresh_window({"orig_iat": T0}, 60, now=T0 + 60.9) == T0


def test_check_refresh_window_uses_time_time(clock):
    assert (
        ferrojwt.check_refresh_window({"orig_iat": int(clock.now) - 60}, 60)
        == int(clock.now) - 60
    )
    clock.advance(1)
    with pytest.raises(exc.RefreshExpiredError):
        ferrojwt.check_refresh_window({"orig_iat": int(clock.now) - 61}, 60)


@pytest.mark.parametrize(
    "payload", [{}, {"orig_iat": 0}, {"orig_iat": None}, {"orig_iat": ""}]
)
def test_check_refresh_window_requires_truthy_orig_iat(payload):
    with pytest.raises(exc.MissingOrigIatError):
        ferrojwt.check_refresh_window(payload, 60, now=T0)


def test_check_refresh_window_reads_orig_iat_once_and_never_adds_it():
    # Found by a fresh-user run: orig_iat was read twice (checked value vs returned value could
    # differ), a defaultdict gained the key, and errors from the mapping were swallowed.
    import collections

    reads = []

    class Counting(dict):
        def get(self, name, default=None):
            reads.append(name)
            return super().get(name, default)

        def __getitem__(self, name):
            reads.append(name)
            return super().__getitem__(name)

    assert ferrojwt.check_refresh_window(Counting(orig_iat=T0), 60, now=T0) == T0
    assert reads == ["orig_iat"]
    missing = collections.defaultdict(lambda: T0)
    with pytest.raises(exc.MissingOrigIatError):
        ferrojwt.check_refresh_window(missing, 60, now=T0)
    assert "orig_iat" not in missing

    class Broken(dict):
        def get(self, name, default=None):
            raise RuntimeError("mapping failed")

        __getitem__ = get

    with pytest.raises(RuntimeError, match="mapping failed"):
        ferrojwt.check_refresh_window(Broken(orig_iat=T0), 60, now=T0)


def test_check_refresh_window_with_a_delta_beyond_any_date():
    # Found by a fresh-user run: OverflowError. A huge window never ends; a huge negative one
    # has always ended.
    assert ferrojwt.check_refresh_window({"orig_iat": T0}, 10**30, now=T0 + 10**9) == T0
    with pytest.raises(exc.RefreshExpiredError):
        ferrojwt.check_refresh_window({"orig_iat": T0}, -(10**30), now=T0)


def test_check_refresh_window_with_infinite_deltas_and_huge_orig_iat():
    # Found by a fresh-user run: OverflowError / ValueError / InvalidArgumentError escaped.
    assert ferrojwt.check_refresh_window({"orig_iat": T0}, float("inf"), now=T0 + 10**9) == T0
    with pytest.raises(exc.RefreshExpiredError):
        ferrojwt.check_refresh_window({"orig_iat": T0}, float("-inf"), now=T0)
    with pytest.raises(exc.InvalidArgumentError, match="NaN"):
        ferrojwt.check_refresh_window({"orig_iat": T0}, float("nan"), now=T0)
    for huge in (10**30, -(10**30)):
        with pytest.raises(exc.InvalidClaimError):
            ferrojwt.check_refresh_window({"orig_iat": huge}, 60, now=T0)


@pytest.mark.parametrize("value", ["123", [1], {"a": 1}])
def test_check_refresh_window_non_numeric_orig_iat(value):
    with pytest.raises(exc.InvalidClaimError):
        ferrojwt.check_refresh_window({"orig_iat": value}, 60, now=T0)
