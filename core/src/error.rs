//! The one error type of ferrojwt.
//!
//! Every layer (Rust, C, Python) sees the same [`ErrorKind`]; the C ABI maps each kind to a fixed
//! status number and the Python binding to a PyJWT-named exception class, so the kinds and their
//! meaning are a stable contract. Messages are for humans and may change.

use std::borrow::Cow;
use std::fmt;

/// What went wrong, in a form callers can branch on. Stable across releases: kinds are only added.
///
/// ```
/// use ferrojwt::{decode_unverified, ErrorKind};
/// let err = decode_unverified(b"not-a-token").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::MalformedToken);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The token is not a well-formed compact JWS (segments, base64url, JSON, header types).
    MalformedToken,
    /// The `alg` is not in the caller's allow-list, is `none`, or is unknown.
    InvalidAlgorithm,
    /// The key cannot be used for this algorithm (wrong family, empty or PEM-looking secret).
    InvalidKey,
    /// The key material could not be parsed.
    InvalidKeyFormat,
    /// No key matches the token's `kid`.
    KeyNotFound,
    /// The signature does not verify.
    InvalidSignature,
    /// `exp` has passed (`now >= exp + leeway`).
    ExpiredSignature,
    /// `nbf` is in the future (`nbf > now + leeway`).
    ImmatureSignature,
    /// A claim has the wrong JSON type or an out-of-range value; [`Error::claim`] names it.
    InvalidClaim,
    /// The `aud` claim does not match, or has the wrong shape.
    InvalidAudience,
    /// The `iss` claim does not match.
    InvalidIssuer,
    /// A required claim is absent; [`Error::claim`] names it.
    MissingRequiredClaim,
    /// The header lists a `crit` extension this library does not understand.
    UnsupportedCriticalHeader,
    /// The `typ` header does not match what the verifier requires.
    InvalidType,
    /// The token is longer than the configured maximum.
    TokenTooLarge,
    /// The refresh window (`orig_iat` + refresh delta) has passed.
    RefreshExpired,
    /// The token has no usable `orig_iat` (absent or falsy), so it cannot be refreshed.
    MissingOrigIat,
    /// The caller passed an unusable argument (bad option, unserialisable claims, ...).
    InvalidArgument,
    /// An output buffer is too small (C ABI).
    BufferTooSmall,
    /// A bug or an unexpected failure inside the library.
    Internal,
}

impl ErrorKind {
    /// A stable, machine-friendly name (`"ExpiredSignature"`), the same in every binding.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::MalformedToken => "MalformedToken",
            ErrorKind::InvalidAlgorithm => "InvalidAlgorithm",
            ErrorKind::InvalidKey => "InvalidKey",
            ErrorKind::InvalidKeyFormat => "InvalidKeyFormat",
            ErrorKind::KeyNotFound => "KeyNotFound",
            ErrorKind::InvalidSignature => "InvalidSignature",
            ErrorKind::ExpiredSignature => "ExpiredSignature",
            ErrorKind::ImmatureSignature => "ImmatureSignature",
            ErrorKind::InvalidClaim => "InvalidClaim",
            ErrorKind::InvalidAudience => "InvalidAudience",
            ErrorKind::InvalidIssuer => "InvalidIssuer",
            ErrorKind::MissingRequiredClaim => "MissingRequiredClaim",
            ErrorKind::UnsupportedCriticalHeader => "UnsupportedCriticalHeader",
            ErrorKind::InvalidType => "InvalidType",
            ErrorKind::TokenTooLarge => "TokenTooLarge",
            ErrorKind::RefreshExpired => "RefreshExpired",
            ErrorKind::MissingOrigIat => "MissingOrigIat",
            ErrorKind::InvalidArgument => "InvalidArgument",
            ErrorKind::BufferTooSmall => "BufferTooSmall",
            ErrorKind::Internal => "Internal",
        }
    }

    /// Every kind, in declaration order (bindings use it to build their mapping tables).
    pub const ALL: [ErrorKind; 20] = [
        ErrorKind::MalformedToken,
        ErrorKind::InvalidAlgorithm,
        ErrorKind::InvalidKey,
        ErrorKind::InvalidKeyFormat,
        ErrorKind::KeyNotFound,
        ErrorKind::InvalidSignature,
        ErrorKind::ExpiredSignature,
        ErrorKind::ImmatureSignature,
        ErrorKind::InvalidClaim,
        ErrorKind::InvalidAudience,
        ErrorKind::InvalidIssuer,
        ErrorKind::MissingRequiredClaim,
        ErrorKind::UnsupportedCriticalHeader,
        ErrorKind::InvalidType,
        ErrorKind::TokenTooLarge,
        ErrorKind::RefreshExpired,
        ErrorKind::MissingOrigIat,
        ErrorKind::InvalidArgument,
        ErrorKind::BufferTooSmall,
        ErrorKind::Internal,
    ];
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A ferrojwt failure: a stable [`ErrorKind`], a human message and, for claim errors, the claim.
///
/// ```
/// use ferrojwt::{Error, ErrorKind};
/// let e = Error::claim(ErrorKind::MissingRequiredClaim, "iss", "Token is missing the \"iss\" claim");
/// assert_eq!(e.kind(), ErrorKind::MissingRequiredClaim);
/// assert_eq!(e.claim_name(), Some("iss"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: Cow<'static, str>,
    claim: Option<Cow<'static, str>>,
}

impl Error {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Error {
            kind,
            message: message.into(),
            claim: None,
        }
    }

    /// An error about one claim (`exp`, `aud`, ...), so bindings can pick a finer class.
    pub fn claim(
        kind: ErrorKind,
        claim: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error {
            kind,
            message: message.into(),
            claim: Some(claim.into()),
        }
    }

    /// The stable kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The claim this error is about, if any.
    pub fn claim_name(&self) -> Option<&str> {
        self.claim.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Result alias used throughout ferrojwt.
///
/// ```
/// use ferrojwt::{Algorithm, ErrorKind, Key, Result};
/// fn sign_empty(secret: &[u8]) -> Result<String> {
///     ferrojwt::encode(&Default::default(), Algorithm::HS256, &Key::from_secret(secret)?)
/// }
/// assert!(sign_empty(b"k").is_ok());
/// assert_eq!(sign_empty(b"").unwrap_err().kind(), ErrorKind::InvalidKey);
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn malformed(message: impl Into<Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::MalformedToken, message)
}
