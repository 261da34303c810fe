"""Type stubs for the Rust extension. Use the wrappers in ``ferrojwt`` rather than these."""

from typing import Any, Iterable, Mapping, Optional, Union

__version__: str
#: Every `alg` name the core accepts (canonical names, then aliases such as ``ES521``).
ALGORITHMS: list[str]
#: The HMAC ones among them.
HMAC_ALGORITHMS: list[str]

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

def encode(
    payload: Mapping[str, Any],
    key: Any,
    algorithm: Optional[str] = "HS256",
    headers: Optional[Mapping[str, Any]] = None,
    json_encoder: Optional[type] = None,
) -> str: ...
def decode(
    jwt: Union[str, bytes],
    key: Any = "",
    algorithms: Optional[Iterable[str]] = None,
    options: Optional[Mapping[str, Any]] = None,
    audience: Union[str, Iterable[str], None] = None,
    issuer: Optional[str] = None,
    leeway: Any = 0,
    now: Any = None,
    **kwargs: Any,
) -> dict: ...
def get_unverified_header(token: bytes) -> dict: ...
def check_refresh_window(payload: Any, refresh_delta_secs: int, now: float) -> Any: ...
