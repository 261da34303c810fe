"""Type stubs for the Rust extension. Use the wrappers in ``ferrojwt`` rather than these."""

from typing import Any, Optional

__version__: str

class Key:
    """A parsed key, prepared once and reused."""

    @staticmethod
    def from_secret(secret: bytes) -> "Key": ...
    @property
    def family(self) -> str: ...

def encode(payload: dict, key: Key, algorithm: str, headers: Optional[dict] = None) -> str: ...
def decode(
    token: bytes,
    key: Optional[Key],
    algorithms: list[str],
    verify_signature: bool,
    verify_exp: bool,
    verify_nbf: bool,
    verify_iat: bool,
    verify_aud: bool,
    verify_iss: bool,
    audience: Optional[list[str]],
    issuer: Optional[str],
    leeway: float,
    now: float,
    required: list[str],
) -> dict: ...
def get_unverified_header(token: bytes) -> dict: ...
def check_refresh_window(payload: Any, refresh_delta_secs: int, now: float) -> Any: ...
