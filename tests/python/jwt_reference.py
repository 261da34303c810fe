"""An independent, pure-Python model of how PyJWT 1.x built HMAC tokens.

PyJWT 1.x (what djangorestframework_jwt 1.11 ran on) wrote the header ``{"typ":"JWT","alg":...}``
followed by any extra headers, the payload as ``json.dumps(payload, separators=(",", ":"))``, both
base64url-encoded without padding, and an HMAC over ``header.payload``. The tests compare
ferrojwt's output with this byte for byte. PyJWT itself is not installed in the test environment.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

DIGESTS = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_json(value) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode("utf-8"))


def encode(payload, key, algorithm="HS256", headers=None) -> str:
    header = {"typ": "JWT", "alg": algorithm}
    header.update(headers or {})
    signing_input = f"{b64url_json(header)}.{b64url_json(payload)}"
    key_bytes = key.encode("utf-8") if isinstance(key, str) else key
    mac = hmac.new(
        key_bytes, signing_input.encode("ascii"), DIGESTS[algorithm]
    ).digest()
    return f"{signing_input}.{b64url(mac)}"


def sign_raw(header_json: bytes, payload_json: bytes, key, algorithm="HS256") -> str:
    """A token over exact JSON bytes (for inputs ``json.dumps`` cannot produce)."""
    signing_input = f"{b64url(header_json)}.{b64url(payload_json)}"
    key_bytes = key.encode("utf-8") if isinstance(key, str) else key
    mac = hmac.new(
        key_bytes, signing_input.encode("ascii"), DIGESTS[algorithm]
    ).digest()
    return f"{signing_input}.{b64url(mac)}"
