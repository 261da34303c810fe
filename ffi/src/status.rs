//! `ferrojwt_status`: the fixed numbers every call returns, and their names.

use std::ffi::{c_char, CStr};

use jwt::ErrorKind;

/// The result of a call. `FERROJWT_STATUS_OK` (0) is success; every other value is a failure
/// whose details are in `ferrojwt_last_error_message`.
///
/// The numbers are fixed forever and never reused: 1-99 mirror the core's error kinds (new kinds
/// take the next free number), 100 and up are failures of the C boundary itself. Callers should
/// treat an unknown number as a generic failure, because later versions may add values.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ferrojwt_status {
    /// Success.
    Ok = 0,
    /// The token is not a well-formed compact JWS (segments, base64url, JSON, header types).
    MalformedToken = 1,
    /// The algorithm is unknown, `none`, or (when verifying) not in the verifier's allow-list.
    InvalidAlgorithm = 2,
    /// The key cannot be used for this algorithm (wrong family, empty or PEM-looking secret).
    InvalidKey = 3,
    /// The key material could not be parsed.
    InvalidKeyFormat = 4,
    /// No key matches the token's `kid`.
    KeyNotFound = 5,
    /// The signature does not verify: wrong key or a tampered token.
    InvalidSignature = 6,
    /// `exp` has passed (`now >= exp + leeway`).
    ExpiredSignature = 7,
    /// `nbf` (or, in the strict profile, `iat`) is in the future.
    ImmatureSignature = 8,
    /// A claim has the wrong JSON type or an out-of-range value.
    InvalidClaim = 9,
    /// The `aud` claim does not match, or has the wrong shape.
    InvalidAudience = 10,
    /// The `iss` claim does not match.
    InvalidIssuer = 11,
    /// A required claim is absent.
    MissingRequiredClaim = 12,
    /// The header lists a `crit` extension this library does not understand.
    UnsupportedCriticalHeader = 13,
    /// The `typ` header does not match what the verifier requires.
    InvalidType = 14,
    /// The token is longer than the configured maximum.
    TokenTooLarge = 15,
    /// The refresh window (`orig_iat` + refresh delta) has passed.
    RefreshExpired = 16,
    /// The token has no usable `orig_iat`, so it cannot be refreshed.
    MissingOrigIat = 17,
    /// An argument is unusable: bad option value, claims JSON that does not parse or is not an
    /// object, a length too large to be real.
    InvalidArgument = 18,
    /// An output buffer is too small; the call reports the size it needs.
    BufferTooSmall = 19,
    /// A bug inside the library (including a caught Rust panic). Please report it.
    Internal = 20,
    /// A pointer argument that must not be NULL was NULL.
    NullArgument = 100,
    /// A `const char *` argument or a JSON input is not valid UTF-8.
    InvalidUtf8 = 101,
}

impl ferrojwt_status {
    /// The status a core error kind maps to. The core's enum is `non_exhaustive`; a kind added
    /// there before it gets its own number here surfaces as `Internal` rather than failing to build.
    pub(crate) fn from_kind(kind: ErrorKind) -> ferrojwt_status {
        match kind {
            ErrorKind::MalformedToken => ferrojwt_status::MalformedToken,
            ErrorKind::InvalidAlgorithm => ferrojwt_status::InvalidAlgorithm,
            ErrorKind::InvalidKey => ferrojwt_status::InvalidKey,
            ErrorKind::InvalidKeyFormat => ferrojwt_status::InvalidKeyFormat,
            ErrorKind::KeyNotFound => ferrojwt_status::KeyNotFound,
            ErrorKind::InvalidSignature => ferrojwt_status::InvalidSignature,
            ErrorKind::ExpiredSignature => ferrojwt_status::ExpiredSignature,
            ErrorKind::ImmatureSignature => ferrojwt_status::ImmatureSignature,
            ErrorKind::InvalidClaim => ferrojwt_status::InvalidClaim,
            ErrorKind::InvalidAudience => ferrojwt_status::InvalidAudience,
            ErrorKind::InvalidIssuer => ferrojwt_status::InvalidIssuer,
            ErrorKind::MissingRequiredClaim => ferrojwt_status::MissingRequiredClaim,
            ErrorKind::UnsupportedCriticalHeader => ferrojwt_status::UnsupportedCriticalHeader,
            ErrorKind::InvalidType => ferrojwt_status::InvalidType,
            ErrorKind::TokenTooLarge => ferrojwt_status::TokenTooLarge,
            ErrorKind::RefreshExpired => ferrojwt_status::RefreshExpired,
            ErrorKind::MissingOrigIat => ferrojwt_status::MissingOrigIat,
            ErrorKind::InvalidArgument => ferrojwt_status::InvalidArgument,
            ErrorKind::BufferTooSmall => ferrojwt_status::BufferTooSmall,
            ErrorKind::Internal => ferrojwt_status::Internal,
            _ => ferrojwt_status::Internal,
        }
    }

    /// The stable name: the core's `ErrorKind::name()` for the shared kinds, so C, Python and
    /// Rust print the same word.
    fn name(code: u32) -> &'static CStr {
        match code {
            0 => c"OK",
            1 => c"MalformedToken",
            2 => c"InvalidAlgorithm",
            3 => c"InvalidKey",
            4 => c"InvalidKeyFormat",
            5 => c"KeyNotFound",
            6 => c"InvalidSignature",
            7 => c"ExpiredSignature",
            8 => c"ImmatureSignature",
            9 => c"InvalidClaim",
            10 => c"InvalidAudience",
            11 => c"InvalidIssuer",
            12 => c"MissingRequiredClaim",
            13 => c"UnsupportedCriticalHeader",
            14 => c"InvalidType",
            15 => c"TokenTooLarge",
            16 => c"RefreshExpired",
            17 => c"MissingOrigIat",
            18 => c"InvalidArgument",
            19 => c"BufferTooSmall",
            20 => c"Internal",
            100 => c"NullArgument",
            101 => c"InvalidUtf8",
            _ => c"Unknown",
        }
    }
}

/// The stable name of a status (`"OK"`, `"ExpiredSignature"`, `"NullArgument"`, ...), the same
/// word the Rust and Python layers use for the kind; `"Unknown"` for a number this version does
/// not define.
///
/// Returns a static NUL-terminated string: never NULL, never freed by the caller.
/// Thread safety: may be called from any thread at any time.
#[no_mangle]
pub extern "C" fn ferrojwt_status_str(status: u32) -> *const c_char {
    crate::boundary::guard(c"Internal".as_ptr(), || {
        ferrojwt_status::name(status).as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_core_kind_has_its_own_number_and_name() {
        let mut seen = HashSet::new();
        for kind in ErrorKind::ALL {
            let status = ferrojwt_status::from_kind(kind);
            assert!(seen.insert(status), "{kind} shares a number");
            let name = ferrojwt_status::name(status as u32).to_str().ok();
            assert_eq!(name, Some(kind.name()));
            assert!((1..100).contains(&(status as u32)));
        }
        // A new core kind must get a number here before this passes again.
        assert_eq!(seen.len(), 20);
    }

    #[test]
    fn boundary_statuses_are_named_and_unknown_numbers_are_not_a_crash() {
        assert_eq!(ferrojwt_status::name(0), c"OK");
        assert_eq!(ferrojwt_status::name(100), c"NullArgument");
        assert_eq!(ferrojwt_status::name(101), c"InvalidUtf8");
        assert_eq!(ferrojwt_status::name(21), c"Unknown");
        assert_eq!(ferrojwt_status::name(u32::MAX), c"Unknown");
    }
}
