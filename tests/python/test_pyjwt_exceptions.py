"""ferrojwt's exceptions are also PyJWT's when PyJWT is installed (`except jwt.X` keeps working).

The in-process tests run where PyJWT is installed (the `make test-matrix` cell dj52-drf316-pyjwt,
which sets FERROJWT_EXPECT_PYJWT=1 so that a missing PyJWT fails instead of skipping). The
subprocess tests run everywhere, against a stand-in `jwt` package with PyJWT's hierarchy, and
without any `jwt` at all.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import textwrap

import ferrojwt
import pytest
from ferrojwt import exceptions as ours

TESTS_DIR = pathlib.Path(__file__).parent

PYJWT_NAMES = [
    "PyJWTError",
    "InvalidTokenError",
    "DecodeError",
    "InvalidSignatureError",
    "ExpiredSignatureError",
    "InvalidAudienceError",
    "InvalidIssuerError",
    "InvalidIssuedAtError",
    "ImmatureSignatureError",
    "InvalidKeyError",
    "InvalidAlgorithmError",
    "MissingRequiredClaimError",
]

try:
    import jwt as pyjwt
except ImportError:
    pyjwt = None

needs_pyjwt = pytest.mark.skipif(
    pyjwt is None and os.environ.get("FERROJWT_EXPECT_PYJWT") != "1",
    reason="PyJWT is not installed here (the dj52-drf316-pyjwt matrix cell has it)",
)


@needs_pyjwt
@pytest.mark.parametrize("name", PYJWT_NAMES)
def test_each_class_is_a_pyjwt_class(name):
    assert pyjwt is not None, "FERROJWT_EXPECT_PYJWT=1 but PyJWT is not importable"
    assert issubclass(getattr(ours, name), getattr(pyjwt.exceptions, name))


@needs_pyjwt
def test_except_pyjwt_classes_catch_ferrojwt_errors():
    secret = "a-secret-of-reasonable-length"
    expired = ferrojwt.encode({"exp": 1}, secret)
    with pytest.raises(pyjwt.ExpiredSignatureError):
        ferrojwt.decode(expired, secret, algorithms=["HS256"])
    with pytest.raises(pyjwt.DecodeError):
        ferrojwt.decode("not.a.token", secret, algorithms=["HS256"])
    with pytest.raises(pyjwt.InvalidSignatureError):
        ferrojwt.decode(ferrojwt.encode({}, secret), "another-secret-entirely", algorithms=["HS256"])
    with pytest.raises(pyjwt.MissingRequiredClaimError) as info:
        ferrojwt.decode(ferrojwt.encode({}, secret), secret, algorithms=["HS256"], issuer="x")
    assert info.value.claim == "iss"
    assert str(info.value) == 'Token is missing the "iss" claim'


@needs_pyjwt
def test_pyjwt_errors_from_a_custom_decode_handler_map_to_1_11_messages(rf):
    from ferrojwt.drf import authentication
    from rest_framework import exceptions
    from rest_framework.request import Request

    def handler(token):
        raise pyjwt.ExpiredSignatureError("theirs")

    request = Request(rf.get("/", HTTP_AUTHORIZATION="JWT abc"))
    original = authentication.jwt_decode_handler
    authentication.jwt_decode_handler = handler
    try:
        with pytest.raises(exceptions.AuthenticationFailed, match="Signature has expired."):
            authentication.JSONWebTokenAuthentication().authenticate(request)
    finally:
        authentication.jwt_decode_handler = original


FAKE_PYJWT = {
    "jwt/__init__.py": "from .exceptions import *\n",
    "jwt/exceptions.py": textwrap.dedent(
        """
        class PyJWTError(Exception): pass
        class InvalidTokenError(PyJWTError): pass
        class DecodeError(InvalidTokenError): pass
        class InvalidSignatureError(DecodeError): pass
        class ExpiredSignatureError(InvalidTokenError): pass
        class InvalidAudienceError(InvalidTokenError): pass
        class InvalidIssuerError(InvalidTokenError): pass
        class InvalidIssuedAtError(InvalidTokenError): pass
        class ImmatureSignatureError(InvalidTokenError): pass
        class InvalidKeyError(PyJWTError): pass
        class InvalidAlgorithmError(InvalidTokenError): pass
        class MissingRequiredClaimError(InvalidTokenError):
            def __init__(self, claim):
                self.claim = claim
            def __str__(self):
                return 'Token is missing the "%s" claim' % self.claim
        """
    ),
}

CHECK = """
import sys, ferrojwt, jwt
from ferrojwt import exceptions as ours
names = %r
assert all(issubclass(getattr(ours, n), getattr(jwt, n)) for n in names)
try:
    ferrojwt.decode(ferrojwt.encode({"exp": 1}, "k" * 32), "k" * 32, algorithms=["HS256"])
except jwt.ExpiredSignatureError as exc:
    assert isinstance(exc, ours.ExpiredSignatureError)
    print("caught", type(exc).__name__)
""" % (PYJWT_NAMES,)


def test_subclasses_a_pyjwt_lookalike(tmp_path):
    for rel, text in FAKE_PYJWT.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert result.stdout.strip() == "caught ExpiredSignatureError", result.stderr


NO_PYJWT = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "jwt" or name.startswith("jwt."):
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, Block())
import ferrojwt
from ferrojwt import exceptions as ours
assert ours.PyJWTError.__bases__ == (Exception,)
assert issubclass(ours.InvalidSignatureError, ours.DecodeError)
try:
    ferrojwt.decode(ferrojwt.encode({"exp": 1}, "k" * 32), "k" * 32, algorithms=["HS256"])
except ours.ExpiredSignature:
    print("ok")
"""


def test_works_without_pyjwt():
    result = subprocess.run(
        [sys.executable, "-c", NO_PYJWT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr
