//! Unverified inspection: a token's header and claims as JSON, with nothing checked but the
//! structure.

use std::ffi::c_char;

use crate::args::{self, Out};
use crate::boundary;
use crate::claims_json;
use crate::failure::Failure;
use crate::status::ferrojwt_status;
use crate::strings;

/// # Safety
/// As `ferrojwt_unverified_header`.
unsafe fn inspect(
    token: *const u8,
    token_len: usize,
    json_out: *mut *mut c_char,
    part: impl FnOnce(&[u8]) -> Result<String, Failure>,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds the exported function's contract for both pointers.
        let (token, json_out) = unsafe {
            (
                args::bytes(token, token_len, "token")?,
                Out::new(json_out, "json_out")?,
            )
        };
        json_out.write(strings::to_c(part(token)?)?);
        Ok(())
    })
}

/// Returns a token's header as JSON WITHOUT verifying anything (to pick a key by `kid`, or to
/// debug). The structure is still checked strictly (segments, base64url, JSON, header parameter
/// types): `FERROJWT_STATUS_MALFORMED_TOKEN` otherwise; tokens over 64 KiB are
/// `FERROJWT_STATUS_TOKEN_TOO_LARGE`.
///
/// - `token`, `token_len`: the compact token (not NUL-terminated, not NULL).
/// - `json_out`: receives the header as NUL-terminated compact JSON in token order (owned by the
///   caller, free with `ferrojwt_string_free`); untouched on failure.
///
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `token` must be NULL or readable for `token_len` bytes; `json_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_unverified_header(
    token: *const u8,
    token_len: usize,
    json_out: *mut *mut c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `inspect`'s.
    unsafe {
        inspect(token, token_len, json_out, |token| {
            let header = jwt::decode_header(token)?;
            Ok(claims_json::write(header.as_map()))
        })
    }
}

/// Returns a token's claims as JSON WITHOUT verifying the signature or any claim. Never trust
/// the result for access decisions; use a verifier for that. The structure is checked as in
/// `ferrojwt_unverified_header`, including the signature segment's base64url.
///
/// - `token`, `token_len`: the compact token (not NUL-terminated, not NULL).
/// - `json_out`: receives the claims as NUL-terminated compact JSON in token order (owned by the
///   caller, free with `ferrojwt_string_free`); untouched on failure.
///
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `token` must be NULL or readable for `token_len` bytes; `json_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_unverified_claims(
    token: *const u8,
    token_len: usize,
    json_out: *mut *mut c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `inspect`'s.
    unsafe {
        inspect(token, token_len, json_out, |token| {
            let decoded = jwt::decode_unverified(token)?;
            Ok(claims_json::write(&decoded.claims))
        })
    }
}
