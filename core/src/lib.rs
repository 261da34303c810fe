//! # ferrojwt
//!
//! A strict, fast JSON Web Token engine. It signs and verifies compact JWS tokens, validates
//! claims (`exp`, `nbf`, `iat`, `aud`, `iss`, leeway, an injectable clock) in either the PyJWT 1.x
//! profile djangorestframework_jwt used or a strict RFC 8725 profile, and implements the
//! `orig_iat` refresh window. Tokens are byte-identical to PyJWT 1.x's for the same claims.
//!
//! Secure by default: `alg: none` cannot be expressed, an algorithm allow-list is required, a key
//! only works with its own algorithm family, MACs are compared in constant time, base64url and
//! JSON are parsed strictly (no padding, no duplicates, no NaN), and token size is capped.
//!
//! ```
//! use chrono::{TimeDelta, Utc};
//! use ferrojwt::{decode, encode, Algorithm, Claims, Key, RefreshPolicy, Validation};
//!
//! let key = Key::from_secret(b"a long random server secret")?;
//! let mut claims: Claims = serde_json::from_str(r#"{"user_id": 7, "username": "ann"}"#)?;
//! RefreshPolicy::new(TimeDelta::hours(1), TimeDelta::days(7)).stamp(&mut claims, Utc::now());
//!
//! let token = encode(&claims, Algorithm::HS256, &key)?;
//! let decoded = decode(token.as_bytes(), &key, &Validation::new(&[Algorithm::HS256]))?;
//! assert_eq!(decoded.claims["username"], "ann");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

mod algorithm;
mod claims;
mod codec;
mod crypto;
mod error;
mod json;
mod json_ref;
mod key;
mod refresh;
mod token;
mod validation;

pub use algorithm::{Algorithm, Family};
pub use claims::{
    datetime_from_f64, numeric_date, numeric_date_value, Claims, MAX_NUMERIC_DATE,
    MIN_NUMERIC_DATE, NUMERIC_DATE_CLAIMS,
};
pub use codec::{Header, DEFAULT_MAX_TOKEN_SIZE};
pub use crypto::{raw as raw_crypto, Curve, KeyType, MIN_RSA_BITS};
pub use error::{Error, ErrorKind, Result};
pub use json::{
    parse as parse_json, parse_ref as parse_json_ref, to_python_json, write_python_float,
    NESTED_TOO_DEEPLY,
};
pub use json_ref::{JsonRef, ObjectRef};
pub use key::{Key, KeySet, ASYMMETRIC_SECRET_MESSAGE};
pub use refresh::RefreshPolicy;
pub use token::{
    decode, decode_at, decode_claims_with, decode_header, decode_unverified, decode_with,
    decode_with_keyset, encode, encode_ref, encode_with_header, verify_jws, Decoded, UnsignedToken,
    VerifiedJws, Verifier,
};
pub use validation::{Profile, Validation};

/// The library version (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
