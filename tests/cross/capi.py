"""A small ctypes binding of include/ferrojwt.h, enough for the cross-language tests.

It loads target/release/libferrojwt.so (or $FERROJWT_LIB) and raises CError(status name,
message) for any non-OK status, freeing every library string and handle it receives.
"""

from __future__ import annotations

import ctypes
import os
import pathlib
from ctypes import POINTER, c_bool, c_char_p, c_double, c_size_t, c_uint32, c_void_p

ROOT = pathlib.Path(__file__).resolve().parents[2]
LIB_PATH = os.environ.get("FERROJWT_LIB", str(ROOT / "target" / "release" / "libferrojwt.so"))
KEYS = ROOT / "core" / "tests" / "keys"

PYJWT1, STRICT = 0, 1

lib = ctypes.CDLL(LIB_PATH)


def _declare(name, *argtypes):
    fn = getattr(lib, name)
    fn.argtypes = list(argtypes)
    fn.restype = c_uint32
    return fn


_bytes_ctor = (c_char_p, c_size_t, POINTER(c_void_p))
for _name in ("key_from_secret", "key_from_pem", "key_from_der", "key_from_jwk", "key_parse"):
    _declare("ferrojwt_" + _name, *_bytes_ctor)
_declare("ferrojwt_key_set_from_jwks", *_bytes_ctor)
_declare("ferrojwt_key_set_new", POINTER(c_void_p))
_declare("ferrojwt_key_set_add", c_void_p, c_void_p, c_char_p)
_declare("ferrojwt_key_set_set_require_kid", c_void_p, c_bool)
_declare("ferrojwt_signer_new", c_void_p, c_char_p, POINTER(c_void_p))
_declare("ferrojwt_signer_set_kid", c_void_p, c_char_p)
_declare("ferrojwt_signer_sign", c_void_p, c_char_p, c_size_t, POINTER(c_void_p))
_declare("ferrojwt_verifier_new", c_void_p, c_uint32, POINTER(c_void_p))
_declare("ferrojwt_verifier_new_keyset", c_void_p, c_uint32, POINTER(c_void_p))
_declare("ferrojwt_verifier_add_algorithm", c_void_p, c_char_p)
_declare("ferrojwt_verifier_verify_at", c_void_p, c_char_p, c_size_t, c_double, POINTER(c_void_p))
_declare("ferrojwt_refresh_policy_new", ctypes.c_int64, ctypes.c_int64, POINTER(c_void_p))
_declare("ferrojwt_refresh_policy_stamp_at", c_void_p, c_char_p, c_size_t, c_double, POINTER(c_void_p))
_declare(
    "ferrojwt_refresh_policy_refresh_at",
    c_void_p, c_void_p, c_void_p, c_char_p, c_size_t, c_double, POINTER(c_void_p),
)
_declare("ferrojwt_last_error_message", ctypes.c_char_p, c_size_t, POINTER(c_size_t))
lib.ferrojwt_status_str.argtypes = [c_uint32]
lib.ferrojwt_status_str.restype = c_char_p
for _name in ("key", "key_set", "signer", "verifier", "refresh_policy"):
    getattr(lib, f"ferrojwt_{_name}_free").argtypes = [c_void_p]
    getattr(lib, f"ferrojwt_{_name}_free").restype = None
lib.ferrojwt_string_free.argtypes = [c_void_p]
lib.ferrojwt_string_free.restype = None


class CError(Exception):
    """A failed C call: `kind` is ferrojwt_status_str(status), e.g. "ExpiredSignature"."""

    def __init__(self, status: int):
        buf = ctypes.create_string_buffer(1024)
        lib.ferrojwt_last_error_message(buf, len(buf), None)
        self.status = status
        self.kind = lib.ferrojwt_status_str(status).decode()
        self.message = buf.value.decode()
        super().__init__(f"{self.kind}: {self.message}")


def _ok(status: int) -> None:
    if status != 0:
        raise CError(status)


def _take_string(ptr: c_void_p) -> str:
    try:
        return ctypes.string_at(ptr).decode("utf-8")
    finally:
        lib.ferrojwt_string_free(ptr)


class _Handle:
    _free = None

    def __init__(self, ptr: c_void_p):
        self.ptr = ptr

    def __del__(self):
        if self.ptr:
            type(self)._free(self.ptr)
            self.ptr = None


class Key(_Handle):
    _free = lib.ferrojwt_key_free

    @classmethod
    def _make(cls, ctor, data: bytes) -> "Key":
        out = c_void_p()
        _ok(ctor(data, len(data), ctypes.byref(out)))
        return cls(out)

    @classmethod
    def secret(cls, data: bytes) -> "Key":
        return cls._make(lib.ferrojwt_key_from_secret, data)

    @classmethod
    def parse(cls, data: bytes) -> "Key":
        return cls._make(lib.ferrojwt_key_parse, data)

    @classmethod
    def jwk(cls, text: str) -> "Key":
        return cls._make(lib.ferrojwt_key_from_jwk, text.encode())

    @classmethod
    def file(cls, name: str) -> "Key":
        return cls.parse((KEYS / name).read_bytes())


class KeySet(_Handle):
    _free = lib.ferrojwt_key_set_free

    @classmethod
    def from_jwks(cls, text: str, require_kid: bool = False) -> "KeySet":
        out = c_void_p()
        data = text.encode()
        _ok(lib.ferrojwt_key_set_from_jwks(data, len(data), ctypes.byref(out)))
        keyset = cls(out)
        _ok(lib.ferrojwt_key_set_set_require_kid(keyset.ptr, require_kid))
        return keyset


class Signer(_Handle):
    _free = lib.ferrojwt_signer_free

    def __init__(self, key: Key, algorithm: str, kid: str | None = None):
        out = c_void_p()
        _ok(lib.ferrojwt_signer_new(key.ptr, algorithm.encode(), ctypes.byref(out)))
        super().__init__(out)
        if kid is not None:
            _ok(lib.ferrojwt_signer_set_kid(self.ptr, kid.encode()))

    def sign(self, claims_json: str) -> str:
        out = c_void_p()
        data = claims_json.encode("utf-8")
        _ok(lib.ferrojwt_signer_sign(self.ptr, data, len(data), ctypes.byref(out)))
        return _take_string(out)


class Verifier(_Handle):
    _free = lib.ferrojwt_verifier_free

    def __init__(self, keys: Key | KeySet, algorithms, profile: int = PYJWT1):
        out = c_void_p()
        if isinstance(keys, KeySet):
            _ok(lib.ferrojwt_verifier_new_keyset(keys.ptr, profile, ctypes.byref(out)))
        else:
            _ok(lib.ferrojwt_verifier_new(keys.ptr, profile, ctypes.byref(out)))
        super().__init__(out)
        for algorithm in algorithms:
            _ok(lib.ferrojwt_verifier_add_algorithm(self.ptr, algorithm.encode()))

    def verify(self, token: str, now: float) -> str:
        out = c_void_p()
        data = token.encode("ascii")
        _ok(lib.ferrojwt_verifier_verify_at(self.ptr, data, len(data), now, ctypes.byref(out)))
        return _take_string(out)


class RefreshPolicy(_Handle):
    _free = lib.ferrojwt_refresh_policy_free

    def __init__(self, expiration_seconds: int, refresh_seconds: int):
        out = c_void_p()
        _ok(lib.ferrojwt_refresh_policy_new(expiration_seconds, refresh_seconds, ctypes.byref(out)))
        super().__init__(out)

    def stamp(self, claims_json: str, now: float) -> str:
        out = c_void_p()
        data = claims_json.encode("utf-8")
        _ok(lib.ferrojwt_refresh_policy_stamp_at(self.ptr, data, len(data), now, ctypes.byref(out)))
        return _take_string(out)

    def refresh(self, verifier: "Verifier", signer: "Signer", token: str, now: float) -> str:
        out = c_void_p()
        data = token.encode("ascii")
        _ok(
            lib.ferrojwt_refresh_policy_refresh_at(
                self.ptr, verifier.ptr, signer.ptr, data, len(data), now, ctypes.byref(out)
            )
        )
        return _take_string(out)
