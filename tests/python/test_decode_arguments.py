"""ferrojwt.decode's argument handling, which runs natively (with a key cache by identity in front
of ferrojwt._key's cache by value): every accepted form of each argument, and that no cached key
is ever used under the wrong algorithms."""

import base64
import collections
import datetime
import hashlib
import hmac
import inspect
import types
from pathlib import Path

import pytest

import ferrojwt
from ferrojwt import (
    DecodeError,
    ExpiredSignatureError,
    InvalidAlgorithmError,
    InvalidArgumentError,
    InvalidKeyError,
    InvalidSignatureError,
)

KEYS = Path(__file__).resolve().parents[2] / "core" / "tests" / "keys"
T0 = 1_700_000_000
CLAIMS = {"user_id": 1, "username": "ann", "exp": T0 + 100, "orig_iat": T0}


def fresh(text: str) -> str:
    """An equal str that is a different object (so the identity cache cannot know it)."""
    return "".join(list(text))


def test_rsa_public_key_text_is_never_an_hmac_secret_even_once_cached():
    private = (KEYS / "rsa2048.pkcs8.pem").read_text()
    public = (KEYS / "rsa2048.spki.pem").read_text()
    token = ferrojwt.encode(CLAIMS, private, "RS256")
    assert ferrojwt.decode(token, public, algorithms=["RS256"], now=T0)["username"] == "ann"
    # The same str object, now offered as an HMAC secret (the algorithm-confusion attack).
    forged = ferrojwt.encode(CLAIMS, "unused", "HS256")
    with pytest.raises(InvalidKeyError):
        ferrojwt.decode(forged, public, algorithms=["HS256"], now=T0)
    # And in the other order, for a fresh object: refused first, still verifies as RS256 after.
    public2 = fresh(public)
    with pytest.raises(InvalidKeyError):
        ferrojwt.decode(forged, public2, algorithms=["HS256"], now=T0)
    assert ferrojwt.decode(token, public2, algorithms=["RS256"], now=T0)["user_id"] == 1


def test_many_secrets_in_turn_each_verify_only_their_own_tokens():
    secrets = [f"secret-number-{i}-" + "k" * 40 for i in range(20)]
    tokens = [ferrojwt.encode(CLAIMS, s, "HS256") for s in secrets]
    for _ in range(3):  # more secrets than cache slots, cycled: every lookup evicts
        for i, secret in enumerate(secrets):
            assert ferrojwt.decode(tokens[i], secret, algorithms=["HS256"], now=T0) == CLAIMS
            with pytest.raises(InvalidSignatureError):
                ferrojwt.decode(tokens[i - 1], secret, algorithms=["HS256"], now=T0)
            as_bytes = secret.encode()
            assert ferrojwt.decode(tokens[i], as_bytes, algorithms=("HS256",), now=T0) == CLAIMS


def test_equal_secrets_that_are_different_objects_agree():
    secret = "s" * 50
    token = ferrojwt.encode(CLAIMS, secret, "HS256")
    for _ in range(3):
        assert ferrojwt.decode(token, fresh(secret), algorithms=["HS256"], now=T0) == CLAIMS


def test_omitted_key_is_the_empty_secret_and_none_is_a_type_error():
    token = ferrojwt.encode(CLAIMS, "k" * 50, "HS256")
    with pytest.raises(InvalidKeyError):
        ferrojwt.decode(token, algorithms=["HS256"], now=T0)
    with pytest.raises(InvalidKeyError):
        ferrojwt.decode(token, "", algorithms=["HS256"], now=T0)
    with pytest.raises(TypeError):
        ferrojwt.decode(token, None, algorithms=["HS256"], now=T0)
    with pytest.raises(TypeError):
        ferrojwt.decode(token, 12345, algorithms=["HS256"], now=T0)


def test_algorithms_in_every_form():
    secret = "k" * 50
    token = ferrojwt.encode(CLAIMS, secret, "HS256")
    for algorithms in (
        "HS256",
        ["HS256"],
        ("HS256",),
        {"HS256"},
        frozenset({"HS256", "HS512"}),
        (name for name in ["HS512", "HS256"]),
        ["none", "HS256", 7, None],  # unknown names and non-strings are simply not allowed
    ):
        assert ferrojwt.decode(token, secret, algorithms=algorithms, now=T0) == CLAIMS
    with pytest.raises(InvalidAlgorithmError):
        ferrojwt.decode(token, secret, algorithms=["HS512"], now=T0)
    # A list naming no implemented algorithm allows nothing.
    for nothing_known in (["none"], ["hs256"], ""):
        with pytest.raises(InvalidAlgorithmError):
            ferrojwt.decode(token, secret, algorithms=nothing_known, now=T0)
    # Only public-key algorithms: the secret is read as (and fails as) public-key text.
    with pytest.raises(InvalidKeyError):
        ferrojwt.decode(token, secret, algorithms=("RS256", "ES256"), now=T0)
    for missing in (None, [], (), set()):
        with pytest.raises(DecodeError, match="algorithms"):
            ferrojwt.decode(token, secret, algorithms=missing, now=T0)
    with pytest.raises(TypeError):
        ferrojwt.decode(token, secret, algorithms=5, now=T0)
    # Without signature verification no allow-list (and no key) is needed.
    assert ferrojwt.decode(token, options={"verify_signature": False}) == CLAIMS


def test_leeway_and_now_forms():
    secret = "k" * 50
    token = ferrojwt.encode(CLAIMS, secret, "HS256")
    at_exp = T0 + 100
    for leeway in (1, 1.5, datetime.timedelta(seconds=1)):
        assert ferrojwt.decode(token, secret, algorithms=["HS256"], leeway=leeway, now=at_exp)
    for now in (
        at_exp,
        float(at_exp),
        datetime.datetime.fromtimestamp(at_exp, datetime.timezone.utc),
        datetime.datetime.fromtimestamp(at_exp, datetime.timezone.utc).replace(tzinfo=None),
    ):
        with pytest.raises(ExpiredSignatureError):
            ferrojwt.decode(token, secret, algorithms=["HS256"], now=now)
    for bad in (True, "1", [1]):
        with pytest.raises(TypeError):
            ferrojwt.decode(token, secret, algorithms=["HS256"], leeway=bad, now=T0)
        with pytest.raises(TypeError):
            ferrojwt.decode(token, secret, algorithms=["HS256"], now=bad)


def test_pyjwt1_verify_keyword_and_unknown_keywords():
    token = ferrojwt.encode(CLAIMS, "k" * 50, "HS256")
    assert ferrojwt.decode(token, "wrong", verify=False) == CLAIMS
    with pytest.raises(InvalidSignatureError):
        ferrojwt.decode(token, "wrong", algorithms=["HS256"], verify=True, now=T0)
    with pytest.raises(TypeError, match="colour"):
        ferrojwt.decode(token, "k" * 50, algorithms=["HS256"], colour="red")


def test_token_forms():
    secret = "k" * 50
    token = ferrojwt.encode(CLAIMS, secret, "HS256")
    for form in (token, token.encode(), bytearray(token.encode()), memoryview(token.encode())):
        assert ferrojwt.decode(form, secret, algorithms=["HS256"], now=T0) == CLAIMS
    for bad in (token + "é", token[:10] + "\ud800" + token[10:], 12345, None):
        with pytest.raises(DecodeError):
            ferrojwt.decode(bad, secret, algorithms=["HS256"], now=T0)


def test_options_may_be_any_mapping():
    token = ferrojwt.encode(CLAIMS, "k" * 50, "HS256")
    options = types.MappingProxyType({"verify_exp": False})
    assert ferrojwt.decode(token, "k" * 50, algorithms=["HS256"], options=options, now=T0 + 999)


def test_decode_documents_itself():
    assert "allow-list" in ferrojwt.decode.__doc__
    params = list(inspect.signature(ferrojwt.decode).parameters)
    assert params[:8] == [
        "jwt", "key", "algorithms", "options", "audience", "issuer", "leeway", "now"
    ]


# --- found by a fresh-user run (each failed before its fix) -----------------------------------


@pytest.mark.parametrize(
    "options",
    [
        collections.defaultdict(list),
        collections.defaultdict(lambda: None),
        collections.defaultdict(dict),
        collections.defaultdict(str),
        collections.defaultdict(bool),
    ],
)
def test_an_options_mapping_with_defaults_turns_no_check_off(options):
    # A defaultdict answers every missing option with a falsy default: reading the options with
    # options[name] switched the signature and expiry checks off.
    forged = ferrojwt.encode({"admin": True, "exp": 1}, "attacker-secret-" + "x" * 20)
    with pytest.raises(InvalidSignatureError):
        ferrojwt.decode(forged, "k" * 50, algorithms=["HS256"], options=options)
    assert dict(options) == {}  # and the caller's mapping is left as it was


def test_options_are_read_like_pyjwt2_merges_them():
    token = ferrojwt.encode({"exp": 1}, "k" * 50)
    chained = collections.ChainMap({"verify_exp": False}, {})
    assert ferrojwt.decode(token, "k" * 50, algorithms=["HS256"], options=chained) == {"exp": 1}
    with pytest.raises(ExpiredSignatureError):
        ferrojwt.decode(token, "k" * 50, algorithms=["HS256"], options=types.MappingProxyType({}))


def test_an_explicit_verify_signature_option_beats_the_legacy_verify_keyword():
    # PyJWT 1.7.1 keeps the explicit option (setdefault); PyJWT 2 ignores verify=.
    forged = ferrojwt.encode({"admin": True}, "attacker-secret-" + "x" * 20)
    with pytest.raises(InvalidSignatureError):
        ferrojwt.decode(
            forged, "k" * 50, verify=False, options={"verify_signature": True}, algorithms=["HS256"]
        )
    assert ferrojwt.decode(forged, "k" * 50, verify=False) == {"admin": True}


def test_pyjwt1_positional_verify():
    # PyJWT 1.x's third parameter was `verify`: decode(token, key, False) skipped verification.
    token = ferrojwt.encode({"a": 1}, "k" * 50)
    assert ferrojwt.decode(token, "wrong", False) == {"a": 1}
    with pytest.raises(DecodeError, match="algorithms"):
        ferrojwt.decode(token, "k" * 50, True)


def test_a_bool_allow_list_given_by_keyword_never_turns_verification_off():
    # Found by a fresh-user run: algorithms=False by keyword was read as 1.x's positional verify.
    forged = ferrojwt.encode({"admin": True}, "attacker-secret-" + "x" * 20)
    for flag in (False, True):
        with pytest.raises(DecodeError, match="algorithms"):
            ferrojwt.decode(forged, "k" * 50, algorithms=flag)


def test_pyjwt1_positional_verify_with_keyword_algorithms():
    # decode(token, key, True, algorithms=[...]): 1.x's own call style (djangorestframework_jwt
    # 1.11's handler passes verify positionally-by-keyword; users pass it positionally).
    token = ferrojwt.encode({"a": 1}, "k" * 50)
    assert ferrojwt.decode(token, "k" * 50, True, algorithms=["HS256"]) == {"a": 1}
    with pytest.raises(InvalidSignatureError):
        ferrojwt.decode(token, "wrong", True, algorithms=["HS256"])
    assert ferrojwt.decode(token, "wrong", False, algorithms=["HS256"]) == {"a": 1}
    # 1.x order: verify, algorithms, options.
    assert ferrojwt.decode(token, "k" * 50, True, ["HS256"], {"verify_exp": False}) == {"a": 1}
    # 2.x order: algorithms, options.
    assert ferrojwt.decode(token, "k" * 50, ["HS256"], {"verify_exp": False}) == {"a": 1}
    with pytest.raises(TypeError, match="multiple values"):
        ferrojwt.decode(token, "k" * 50, ["HS256"], algorithms=["HS256"])
    with pytest.raises(TypeError, match="multiple values"):
        ferrojwt.decode(token, "k" * 50, True, ["HS256"], algorithms=["HS256"])
    with pytest.raises(TypeError, match="positional"):
        ferrojwt.decode(token, "k" * 50, ["HS256"], None, None)


def test_der_key_with_trailing_bytes_is_neither_a_key_nor_a_secret():
    # Found by a fresh-user run: SPKI DER plus one NUL byte parsed as an RSA key, yet was
    # accepted as an HMAC secret too, so with ["RS256", "HS256"] a token MACed with those bytes verified.
    der = (KEYS / "rsa2048.spki.der").read_bytes() + b"\x00"
    forged = ferrojwt.encode({"admin": True}, b"placeholder-secret-" + b"x" * 20)
    head, body, _ = forged.split(".")
    mac = hmac.new(der, f"{head}.{body}".encode(), hashlib.sha256).digest()
    forged = f"{head}.{body}." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
    with pytest.raises(ferrojwt.InvalidKeyError):
        ferrojwt.decode(forged, der, algorithms=["RS256", "HS256"])
    with pytest.raises(ferrojwt.InvalidKeyError):
        ferrojwt.decode(forged, der, algorithms=["HS256"])


def test_a_list_naming_no_implemented_algorithm_refuses_the_token_like_pyjwt():
    token = ferrojwt.encode({"a": 1}, "k" * 50)
    for names in (["none"], ["hs256"], ["HS999", "whatever"]):
        with pytest.raises(InvalidAlgorithmError):
            ferrojwt.decode(token, "k" * 50, algorithms=names)
    # Structure errors still come first, as for any allow-list.
    with pytest.raises(DecodeError):
        ferrojwt.decode("not.a-token", "k" * 50, algorithms=["none"])


def test_decode_and_encode_signatures_show_their_defaults():
    assert str(inspect.signature(ferrojwt.decode)).startswith("(jwt, key='', algorithms=None")
    assert "algorithm='HS256'" in str(inspect.signature(ferrojwt.encode))
    assert "--" not in ferrojwt.decode.__doc__.splitlines()[0:3]


def test_mixed_allow_lists_read_the_key_for_the_tokens_algorithm():
    # PyJWT prepares the key for the token's alg; ferrojwt used to decide from the key's first
    # bytes alone, refusing DER public keys and secrets that start with "{".
    private = (KEYS / "rsa2048.pkcs8.pem").read_text()
    der_public = (KEYS / "rsa2048.spki.der").read_bytes()
    both = ["HS256", "RS256"]
    token = ferrojwt.encode({"a": 1}, private, "RS256")
    assert ferrojwt.decode(token, der_public, algorithms=both) == {"a": 1}
    brace_secret = '{"a":1} is my secret, not a JWK ' + "x" * 20
    token = ferrojwt.encode({"a": 2}, brace_secret, "HS256")
    assert ferrojwt.decode(token, brace_secret, algorithms=both) == {"a": 2}
    # Never the confusion attack: public-key text is no HMAC secret, whatever the token says.
    public_pem = (KEYS / "rsa2048.spki.pem").read_text()
    import base64, hashlib, hmac as hmac_module

    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signing_input = b64(b'{"typ":"JWT","alg":"HS256"}') + "." + b64(b'{"admin":true}')
    for key_text in (public_pem, der_public):
        material = key_text.encode() if isinstance(key_text, str) else key_text
        mac = hmac_module.new(material, signing_input.encode(), hashlib.sha256).digest()
        forged = signing_input + "." + b64(mac)
        with pytest.raises(InvalidKeyError):
            ferrojwt.decode(forged, key_text, algorithms=both)


def test_pem_with_text_before_it_and_openssh_ecdsa_keys():
    private = (KEYS / "ec_p256.pkcs8.pem").read_text()
    token = ferrojwt.encode({"a": 1}, private, "ES256")
    public = (KEYS / "ec_p256.spki.pem").read_text()
    for form in (
        "\ufeff" + public,
        "# verification key\n" + public,
        "Bag Attributes\n    localKeyID: 01\n" + public,
        (KEYS / "ec_p256.openssh.pub.txt").read_text(),
    ):
        assert ferrojwt.decode(token, form, algorithms=["ES256"]) == {"a": 1}
        assert ferrojwt.decode(token, form, algorithms=["ES256", "HS256"]) == {"a": 1}


def test_a_required_claim_that_is_null_is_missing():
    import jwt_reference as ref  # ferrojwt.encode refuses a null exp

    token = ref.sign_raw(b'{"typ":"JWT","alg":"HS256"}', b'{"exp":null}', "k" * 50)
    with pytest.raises(ferrojwt.MissingRequiredClaimError):
        ferrojwt.decode(token, "k" * 50, algorithms=["HS256"], options={"require": ["exp"]})


def test_a_writable_memoryview_key_is_read_not_refused_as_unhashable():
    # Found by a fresh-user run: hashing a writable memoryview raises ValueError, not TypeError,
    # and escaped the key cache.
    secret = bytearray(b"k" * 50)
    token = ferrojwt.encode({"a": 1}, bytes(secret))
    assert ferrojwt.decode(token, memoryview(secret), algorithms=["HS256"]) == {"a": 1}


def test_the_key_cache_survives_many_threads_filling_it():
    # Found by a fresh-user run: eviction was pop(next(iter(cache))), which two threads could
    # race on (KeyError / RuntimeError out of decode).
    import sys
    import threading

    secrets = [f"secret-{i:04d}-" + "x" * 40 for i in range(400)]
    tokens = [ferrojwt.encode({"i": i}, s) for i, s in enumerate(secrets)]
    failures = []

    def work(offset):
        try:
            for _ in range(5):
                for i in range(offset, len(secrets), 3):
                    # Fresh str objects: the identity cache misses, the Python cache is used.
                    key = "".join(secrets[i])
                    assert ferrojwt._key(key, ("HS256",)) is not None
                    assert ferrojwt.decode(tokens[i], key, algorithms=["HS256"]) == {"i": i}
        except Exception as exc:  # noqa: BLE001 - any escape is the failure
            failures.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(n % 3,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []


def test_verify_signature_is_read_once():
    # Found by a fresh-user run: the option was read twice (key choice, then validation), so an
    # object whose truth changes between reads could pick a key and then skip its check.
    class Flip:
        def __init__(self):
            self.reads = 0

        def __bool__(self):
            self.reads += 1
            return self.reads == 1

    forged = ferrojwt.encode({"admin": True}, "attacker-secret-" + "x" * 20)
    flag = Flip()
    with pytest.raises(InvalidSignatureError):
        ferrojwt.decode(forged, "k" * 50, algorithms=["HS256"], options={"verify_signature": flag})
    assert flag.reads == 1


def test_lone_surrogates_in_decode_arguments_are_typed_errors_or_unknown_names():
    # A lone surrogate used to escape as a bare UnicodeEncodeError. In an allow-list it is just
    # a name no algorithm has; elsewhere it is an InvalidArgumentError, as in encode.
    token = ferrojwt.encode({"a": 1, "aud": "x", "iss": "y"}, "k" * 50)
    assert ferrojwt.decode(token, "k" * 50, algorithms=["HS256", "\ud800"], audience="x") == {
        "a": 1,
        "aud": "x",
        "iss": "y",
    }
    with pytest.raises(InvalidAlgorithmError):
        ferrojwt.decode(token, "k" * 50, algorithms=["\ud800"])
    for kwargs in (
        {"audience": "\ud800"},
        {"audience": ["x", "\ud800"]},
        {"issuer": "\ud800"},
        {"options": {"require": ["\ud800"]}},
        {"options": {"require": "\ud800"}},
    ):
        with pytest.raises(ferrojwt.InvalidArgumentError, match="surrogate"):
            ferrojwt.decode(token, "k" * 50, algorithms=["HS256"], **kwargs)


def test_options_must_be_a_mapping():
    # Found by a fresh-user run: dict() also took a list of pairs, where PyJWT 2 needs a mapping.
    forged = ferrojwt.encode({"admin": True}, "attacker-secret-" + "x" * 20)
    for options in ([("verify_signature", 0)], "abc", 5):
        with pytest.raises(TypeError, match="options must be a mapping"):
            ferrojwt.decode(forged, "k" * 50, algorithms=["HS256"], options=options)
    with pytest.raises(TypeError, match="options must be a mapping"):
        ferrojwt.decode(forged, "k" * 50, ["HS256"], [("verify_signature", False)])


def test_key_constructors_take_text_as_decode_does():
    # Found by a fresh-user run: Key.parse(open(...).read()) was a TypeError about bytes.
    private = (KEYS / "rsa2048.pkcs8.pem").read_text()
    pem = (KEYS / "rsa2048.spki.pem").read_text()
    signed = ferrojwt.encode({"a": 1}, private, "RS256")
    for public in (pem, pem.encode(), bytearray(pem.encode()), memoryview(pem.encode())):
        key = ferrojwt.Key.parse(public)
        assert key.key_type == "Rsa" and key.can_sign is False
        assert ferrojwt.decode(signed, key, algorithms=["RS256"]) == {"a": 1}
    mac = ferrojwt.encode({"a": 2}, "k" * 50)
    for secret in ("k" * 50, memoryview(b"k" * 50), bytearray(b"k" * 50)):
        key = ferrojwt.Key.from_secret(secret)
        assert ferrojwt.decode(mac, key, algorithms=["HS256"]) == {"a": 2}
    with pytest.raises(ferrojwt.InvalidSignatureError):
        ferrojwt.decode(mac, ferrojwt.Key.from_secret("j" * 50), algorithms=["HS256"])
    jwk = '{"kty":"oct","k":"' + base64.urlsafe_b64encode(b"k" * 50).decode().rstrip("=") + '"}'
    assert ferrojwt.decode(mac, ferrojwt.Key.from_jwk(jwk), algorithms=["HS256"]) == {"a": 2}
    with pytest.raises(TypeError, match="key material must be str, bytes"):
        ferrojwt.Key.parse(5)


def test_a_text_key_with_a_lone_surrogate_is_a_typed_error():
    # Found by a fresh-user run: a bare UnicodeEncodeError from the key cache's fallback.
    token = ferrojwt.encode({"a": 1}, "k" * 50)
    for algorithms in (["HS256"], ["HS256", "RS256"]):
        with pytest.raises(ferrojwt.InvalidArgumentError, match="surrogate"):
            ferrojwt.decode(token, "\ud800" * 40, algorithms=algorithms)
    with pytest.raises(ferrojwt.InvalidArgumentError, match="surrogate"):
        ferrojwt.encode({"a": 1}, "\ud800" * 40)


def test_key_from_jwk_takes_a_dict_as_decode_does():
    jwk = {"kty": "oct", "k": base64.urlsafe_b64encode(b"k" * 40).decode().rstrip("=")}
    token = ferrojwt.encode({"a": 1}, b"k" * 40)
    key = ferrojwt.Key.from_jwk(jwk)
    assert ferrojwt.decode(token, key, algorithms=["HS256"]) == {"a": 1}
    keyset = ferrojwt.KeySet.from_jwks({"keys": [dict(jwk, kid="a")]})
    with_kid = ferrojwt.encode({"a": 1}, b"k" * 40, headers={"kid": "a"})
    assert ferrojwt.decode(with_kid, keyset, algorithms=["HS256"]) == {"a": 1}
    with pytest.raises(ferrojwt.InvalidKeyError):
        ferrojwt.Key.from_jwk(dict(jwk, kty="RSA"))
