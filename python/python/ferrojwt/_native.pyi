"""Type stubs for the Rust extension. Use the wrappers in ``ferrojwt`` rather than these."""

from typing import Any, Optional, Union

__version__: str

class Key:
    """A parsed key, prepared once and reused."""

    @staticmethod
    def from_secret(secret: bytes) -> "Key": ...
    @staticmethod
    def parse(material: bytes) -> "Key": ...
    @staticmethod
    def from_jwk(jwk: bytes) -> "Key": ...
    @property
    def key_type(self) -> str: ...
    @property
    def kid(self) -> Optional[str]: ...
    @property
    def can_sign(self) -> bool: ...

class KeySet:
    """Verification keys selected by ``kid``."""

    @staticmethod
    def from_jwks(jwks: bytes, require_kid: bool = False) -> "KeySet": ...
    @staticmethod
    def from_entries(
        entries: list[tuple[Optional[str], bytes, bool]], require_kid: bool = False
    ) -> "KeySet": ...
    def __len__(self) -> int: ...

def encode(payload: dict, key: Key, algorithm: str, headers: Optional[dict] = None) -> str: ...
def decode(
    token: bytes,
    key: Union[Key, KeySet, None],
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
