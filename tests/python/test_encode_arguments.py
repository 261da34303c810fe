"""ferrojwt.encode's argument handling, which runs natively: payload and header forms, key
stringification, datetimes, and the key cache under different algorithms."""

import collections
import datetime
import enum
import json
import types
from pathlib import Path

import pytest

import ferrojwt
from ferrojwt import InvalidArgumentError, InvalidKeyError

KEYS = Path(__file__).resolve().parents[2] / "core" / "tests" / "keys"
SECRET = "k" * 50


def claims_of(token):
    return ferrojwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})


def payload_json(token):
    import base64

    segment = token.split(".")[1]
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode()


def test_non_string_keys_are_written_as_json_dumps_writes_them():
    payload = {1: "a", 2.5: "b", None: "c", False: "d", True: "e", "s": "f"}
    token = ferrojwt.encode(payload, SECRET)
    assert payload_json(token) == json.dumps(payload, separators=(",", ":"))


@pytest.mark.parametrize(
    "payload", [{1: "a", "1": "b"}, {True: 1, "true": 2}, {None: 1, "null": 2}, {1.5: 0, "1.5": 0}]
)
def test_keys_that_repeat_a_name_once_stringified_are_refused(payload):
    # json.dumps would write the name twice; ferrojwt refuses to decode such a token, so it does
    # not write one either (it used to keep one of the values silently).
    with pytest.raises(InvalidArgumentError, match="duplicate member name"):
        ferrojwt.encode(payload, SECRET)


@pytest.mark.parametrize(
    "payload", [{1: "a", "1": "b"}, {"n": {True: 1, "true": 2}}, {"l": [{None: 1, "null": 2}]}]
)
def test_repeated_names_are_refused_with_a_json_encoder_too(payload):
    # Found by a fresh-user run: through json_encoder the names were merged by json.loads.
    with pytest.raises(InvalidArgumentError, match="duplicate member name"):
        ferrojwt.encode(payload, SECRET, json_encoder=json.JSONEncoder)
    with pytest.raises(InvalidArgumentError, match="duplicate member name"):
        ferrojwt.encode({"a": 1}, SECRET, headers=payload, json_encoder=json.JSONEncoder)


def test_any_mapping_is_accepted_and_never_modified():
    exp = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
    plain = {"sub": "ann", "exp": exp}
    ordered = collections.OrderedDict(plain)
    proxy = types.MappingProxyType(dict(plain))
    tokens = {ferrojwt.encode(p, SECRET) for p in (plain, ordered, proxy)}
    assert len(tokens) == 1
    assert claims_of(tokens.pop()) == {"sub": "ann", "exp": 1893456000}
    assert plain["exp"] is exp and ordered["exp"] is exp and proxy["exp"] is exp


def test_datetimes_are_numeric_dates_only_for_exp_iat_and_nbf():
    when = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
    token = ferrojwt.encode({"exp": when, "iat": when, "nbf": when}, SECRET)
    assert payload_json(token) == '{"exp":1893456000,"iat":1893456000,"nbf":1893456000}'
    with pytest.raises(TypeError, match="not JSON serializable"):
        ferrojwt.encode({"orig_iat": when}, SECRET)
    with pytest.raises(TypeError, match="not JSON serializable"):
        ferrojwt.encode({"nested": {"exp": when}}, SECRET)


def test_str_and_int_subclasses_are_written_as_their_values():
    class Role(str, enum.Enum):
        ADMIN = "admin"

    class Level(enum.IntEnum):
        HIGH = 3

    token = ferrojwt.encode({"role": Role.ADMIN, "level": Level.HIGH}, SECRET)
    assert payload_json(token) == '{"role":"admin","level":3}'


def test_headers_must_be_a_mapping():
    with pytest.raises(TypeError):
        ferrojwt.encode({"a": 1}, SECRET, headers=[("kid", "x")])
    token = ferrojwt.encode({"a": 1}, SECRET, headers={"kid": "x"})
    assert ferrojwt.get_unverified_header(token) == {"typ": "JWT", "alg": "HS256", "kid": "x"}


def test_signing_keys_follow_the_algorithm_even_when_cached():
    private = (KEYS / "rsa2048.pkcs8.pem").read_text()
    public = (KEYS / "rsa2048.spki.pem").read_text()
    token = ferrojwt.encode({"a": 1}, private, "RS256")
    assert ferrojwt.decode(token, public, algorithms=["RS256"]) == {"a": 1}
    # The same PEM object offered as an HMAC secret is refused, not reused as the RSA key.
    with pytest.raises(InvalidKeyError):
        ferrojwt.encode({"a": 1}, private, "HS256")
    with pytest.raises(TypeError):
        ferrojwt.encode({"a": 1}, ferrojwt.KeySet.from_entries([(None, SECRET.encode(), True)]), "HS256")


def test_encode_documents_itself():
    assert "PyJWT 1.x" in ferrojwt.encode.__doc__
    assert ferrojwt.encode({"a": 1}, SECRET) == ferrojwt.encode({"a": 1}, SECRET, "HS256")


# --- found by a fresh-user run (each failed before its fix) -----------------------------------


def test_es521_tokens_say_es521_as_pyjwt1_wrote_them():
    private = (KEYS / "ec_p521.pkcs8.pem").read_text()
    public = (KEYS / "ec_p521.spki.pem").read_text()
    token = ferrojwt.encode({"sub": "1"}, private, "ES521")
    assert ferrojwt.get_unverified_header(token) == {"typ": "JWT", "alg": "ES521"}
    assert ferrojwt.decode(token, public, algorithms=["ES521"]) == {"sub": "1"}
    with pytest.raises(ferrojwt.InvalidAlgorithmError):
        ferrojwt.decode(token, public, algorithms=["ES512"])


def test_floats_are_written_exactly_as_json_dumps_writes_them():
    # repr picks the even digit when two shortest strings are equally near (Rust's shortest
    # formatting may not): ~0.3 % of millisecond timestamps used to differ.
    import random

    rng = random.Random(20261204)
    values = [1805190918033.78125, 1e23, 5e-324, -0.0, 1e16, 1.5e-5, 123456789.125]
    values += [rng.uniform(1e12, 1e17) for _ in range(4000)]
    values += [rng.uniform(-1e6, 1e6) for _ in range(2000)]
    values += [rng.random() * 10 ** rng.randint(-30, 30) for _ in range(2000)]
    values += [float(rng.getrandbits(64)) / 2 ** rng.randint(0, 60) for _ in range(2000)]
    for value in values:
        token = ferrojwt.encode({"f": value}, SECRET)
        assert payload_json(token) == json.dumps({"f": value}, separators=(",", ":")), value


def test_non_finite_float_keys_are_named_as_json_names_them():
    payload = {float("inf"): 1, float("-inf"): 2, float("nan"): 3, 2.5: 4}
    token = ferrojwt.encode(payload, SECRET)
    assert payload_json(token) == json.dumps(payload, separators=(",", ":"))
    assert claims_of(token) == {"Infinity": 1, "-Infinity": 2, "NaN": 3, "2.5": 4}


def test_int_subclass_keys_are_named_by_their_int_value():
    class Flag(enum.IntEnum):
        ON = 1

    class Loud(int):
        def __str__(self):
            return "LOUD"

    payload = {Flag.ON: "a", Loud(7): "b", True: "c", 2**70: "d"}
    token = ferrojwt.encode(payload, SECRET)
    assert payload_json(token) == json.dumps(payload, separators=(",", ":"))


def test_user_code_cannot_make_the_encoder_panic():
    # A key's __str__ used to run mid-iteration; one that changed the dict being walked made
    # pyo3 panic (PanicException, a BaseException). Nothing user-defined runs there any more,
    # and a mapping mutated by user code is an ordinary error at worst.
    inner = {}

    class Sneaky(int):
        def __str__(self):
            inner["added"] = 1
            return "sneaky"

    inner[Sneaky(1)] = "x"
    token = ferrojwt.encode({"nested": inner}, SECRET)
    assert claims_of(token) == {"nested": {"1": "x"}}


def test_strings_that_are_not_unicode_are_an_invalid_argument():
    for payload in ({"s": "a\ud800b"}, {"a\udfff": 1}, {"n": {"s": "\ud800"}}):
        with pytest.raises(InvalidArgumentError, match="surrogate"):
            ferrojwt.encode(payload, SECRET)


def test_headers_may_be_any_mapping():
    headers = types.MappingProxyType({"kid": "k1"})
    token = ferrojwt.encode({"a": 1}, SECRET, headers=headers)
    assert ferrojwt.get_unverified_header(token) == {"typ": "JWT", "alg": "HS256", "kid": "k1"}
    token = ferrojwt.encode({"a": 1}, SECRET, headers=collections.OrderedDict(kid="k2"))
    assert ferrojwt.get_unverified_header(token)["kid"] == "k2"


def test_tokens_a_decode_would_refuse_are_not_written():
    with pytest.raises(InvalidArgumentError, match="bytes"):
        ferrojwt.encode({str(i): i for i in range(20000)}, SECRET)


def test_a_json_encoder_writing_no_object_is_named_in_the_error():
    # Found by a fresh-user run: "'list' object is not an instance of 'dict'".
    class AsList(json.JSONEncoder):
        def encode(self, o):
            return "[1,2]"

    with pytest.raises(TypeError, match="json_encoder AsList wrote a JSON list"):
        ferrojwt.encode({"x": 1}, SECRET, json_encoder=AsList)


def test_a_json_encoder_that_is_no_class_or_writes_no_json_is_named():
    # Found by a fresh-user run: AttributeError / "not callable" / JSONDecodeError from inside json.
    class Broken(json.JSONEncoder):
        def encode(self, o):
            return "{not json"

    for encoder in (lambda o: "{}", json.JSONEncoder(), Broken):
        with pytest.raises(TypeError, match="json_encoder"):
            ferrojwt.encode({"x": 1}, SECRET, json_encoder=encoder)
