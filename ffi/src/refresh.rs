//! `ferrojwt_refresh_policy`: djangorestframework_jwt's `exp`/`orig_iat` stamping and refresh
//! window.

use std::ffi::c_char;

use chrono::{DateTime, TimeDelta, Utc};
use jwt::RefreshPolicy;

use crate::args::{self, Out};
use crate::boundary;
use crate::claims_json;
use crate::failure::Failure;
use crate::signer::ferrojwt_signer;
use crate::status::ferrojwt_status;
use crate::strings;
use crate::verifier::{ferrojwt_verifier, Keys};

/// How long issued tokens live and how long they may be refreshed. Opaque; create with
/// `ferrojwt_refresh_policy_new`, free with `ferrojwt_refresh_policy_free`.
///
/// Thread safety: configure it from one thread before sharing it; after that it is immutable and
/// may be used from any number of threads at once.
pub struct ferrojwt_refresh_policy {
    policy: RefreshPolicy,
}

/// Creates a refresh policy with djangorestframework_jwt 1.11's semantics.
///
/// - `expiration_seconds`: lifetime of every issued or refreshed token (`JWT_EXPIRATION_DELTA`):
///   stamping sets `exp = now + expiration_seconds`.
/// - `refresh_seconds`: how long after the original login (`orig_iat`) a token may still be
///   refreshed (`JWT_REFRESH_EXPIRATION_DELTA`): refused once `now > orig_iat + refresh_seconds`.
/// - `policy_out`: receives the new policy on success (owned by the caller, free with
///   `ferrojwt_refresh_policy_free`); untouched on failure.
///
/// Values too large to be a duration are `FERROJWT_STATUS_INVALID_ARGUMENT`. Expired tokens are
/// not refreshable unless `ferrojwt_refresh_policy_set_allow_expired` says otherwise.
///
/// Thread safety: may be called from any thread; the new policy is the caller's until shared.
///
/// # Safety
/// `policy_out` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_refresh_policy_new(
    expiration_seconds: i64,
    refresh_seconds: i64,
    policy_out: *mut *mut ferrojwt_refresh_policy,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract.
        let policy_out = unsafe { Out::new(policy_out, "policy_out") }?;
        let duration = |secs: i64, name: &str| {
            TimeDelta::try_seconds(secs)
                .ok_or_else(|| Failure::invalid_argument(format!("{name} is out of range: {secs}")))
        };
        let policy = RefreshPolicy::new(
            duration(expiration_seconds, "expiration_seconds")?,
            duration(refresh_seconds, "refresh_seconds")?,
        );
        policy_out.write(args::into_handle(ferrojwt_refresh_policy { policy }));
        Ok(())
    })
}

/// Lets tokens whose `exp` has passed be refreshed while the refresh window is still open (off
/// by default: djangorestframework_jwt 1.11 refused them).
///
/// Thread safety: not thread-safe; configure before sharing.
///
/// # Safety
/// `policy` must be NULL or a live policy no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_refresh_policy_set_allow_expired(
    policy: *mut ferrojwt_refresh_policy,
    allow: bool,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract.
        let policy = unsafe { args::handle_mut(policy, "policy") }?;
        policy.policy.allow_expired = allow;
        Ok(())
    })
}

/// The body shared by the two stamp functions.
///
/// # Safety
/// As `ferrojwt_refresh_policy_stamp_at`.
unsafe fn stamp_with_clock(
    policy: *const ferrojwt_refresh_policy,
    claims_json: *const u8,
    claims_len: usize,
    clock: impl FnOnce() -> Result<DateTime<Utc>, Failure>,
    claims_out: *mut *mut c_char,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds the exported function's contract for every pointer.
        let (policy, claims_json, claims_out) = unsafe {
            (
                args::handle(policy, "policy")?,
                args::bytes(claims_json, claims_len, "claims_json")?,
                Out::new(claims_out, "claims_out")?,
            )
        };
        let mut claims = claims_json::parse(claims_json, "claims_json")?;
        policy.policy.stamp(&mut claims, clock()?);
        claims_out.write(strings::to_c(claims_json::write(&claims))?);
        Ok(())
    })
}

/// Stamps claims for issuing a token: sets `exp = now + expiration` and `orig_iat = now` (whole
/// seconds, rounded down), keeping the other members and their order (an existing `exp` or
/// `orig_iat` is overwritten in place). Sign the result with `ferrojwt_signer_sign`.
///
/// - `claims_json`, `claims_len`: a UTF-8 JSON object (not NUL-terminated, not NULL).
/// - `now`: seconds since the Unix epoch; NaN, infinities and dates outside years 1-9999 are
///   `FERROJWT_STATUS_INVALID_ARGUMENT`.
/// - `claims_out`: receives the stamped claims as NUL-terminated JSON (owned by the caller, free
///   with `ferrojwt_string_free`); untouched on failure.
///
/// Thread safety: may be called concurrently on a shared policy.
///
/// # Safety
/// `policy` must be NULL or a live policy; `claims_json` NULL or readable for `claims_len`
/// bytes; `claims_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_refresh_policy_stamp_at(
    policy: *const ferrojwt_refresh_policy,
    claims_json: *const u8,
    claims_len: usize,
    now: f64,
    claims_out: *mut *mut c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `stamp_with_clock`'s.
    unsafe {
        stamp_with_clock(
            policy,
            claims_json,
            claims_len,
            || args::instant(now),
            claims_out,
        )
    }
}

/// As `ferrojwt_refresh_policy_stamp_at`, with `now` read from the system clock (UTC seconds
/// since the epoch). Same ownership, NULL handling and thread safety.
///
/// # Safety
/// As `ferrojwt_refresh_policy_stamp_at`.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_refresh_policy_stamp(
    policy: *const ferrojwt_refresh_policy,
    claims_json: *const u8,
    claims_len: usize,
    claims_out: *mut *mut c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `stamp_with_clock`'s.
    unsafe {
        stamp_with_clock(
            policy,
            claims_json,
            claims_len,
            || Ok(args::system_now()),
            claims_out,
        )
    }
}

/// The body shared by the two refresh functions.
///
/// # Safety
/// As `ferrojwt_refresh_policy_refresh_at`.
unsafe fn refresh_with_clock(
    policy: *const ferrojwt_refresh_policy,
    verifier: *const ferrojwt_verifier,
    signer: *const ferrojwt_signer,
    token: *const u8,
    token_len: usize,
    clock: impl FnOnce() -> Result<DateTime<Utc>, Failure>,
    token_out: *mut *mut c_char,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds the exported function's contract for every pointer.
        let (policy, verifier, signer, token, token_out) = unsafe {
            (
                args::handle(policy, "policy")?,
                args::handle(verifier, "verifier")?,
                args::handle(signer, "signer")?,
                args::bytes(token, token_len, "token")?,
                Out::new(token_out, "token_out")?,
            )
        };
        let now = clock()?;
        let claims = match &verifier.keys {
            Keys::One(key) => policy
                .policy
                .refresh(token, key, &verifier.validation, now)?,
            Keys::Set(set) => {
                policy
                    .policy
                    .refresh_with_keyset(token, set, &verifier.validation, now)?
            }
        };
        token_out.write(strings::to_c(signer.sign_claims(&claims)?)?);
        Ok(())
    })
}

/// Refreshes a token: verifies it in full with `verifier` (an expired token is refused unless
/// the policy allows it), requires a non-zero numeric `orig_iat`
/// (`FERROJWT_STATUS_MISSING_ORIG_IAT`), refuses once `now > orig_iat + refresh`
/// (`FERROJWT_STATUS_REFRESH_EXPIRED`; at the boundary second it still succeeds), and signs with
/// `signer` the same claims with a fresh `exp = now + expiration` and the original `orig_iat`.
///
/// `verifier` and `signer` are independent: with asymmetric keys, verify with the public key (or
/// a key set from `ferrojwt_verifier_new_keyset`, selected by `kid`) and sign with the private
/// key; the signer writes its own algorithm and `kid` into the new token.
///
/// - `token`, `token_len`: the presented token (not NUL-terminated, not NULL).
/// - `now`: seconds since the Unix epoch; NaN, infinities and dates outside years 1-9999 are
///   `FERROJWT_STATUS_INVALID_ARGUMENT`.
/// - `token_out`: receives the new NUL-terminated token (owned by the caller, free with
///   `ferrojwt_string_free`); untouched on failure.
///
/// Thread safety: may be called concurrently with shared, configured handles.
///
/// # Safety
/// `policy`, `verifier` and `signer` must each be NULL or live handles; `token` NULL or readable
/// for `token_len` bytes; `token_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_refresh_policy_refresh_at(
    policy: *const ferrojwt_refresh_policy,
    verifier: *const ferrojwt_verifier,
    signer: *const ferrojwt_signer,
    token: *const u8,
    token_len: usize,
    now: f64,
    token_out: *mut *mut c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `refresh_with_clock`'s.
    unsafe {
        refresh_with_clock(
            policy,
            verifier,
            signer,
            token,
            token_len,
            || args::instant(now),
            token_out,
        )
    }
}

/// As `ferrojwt_refresh_policy_refresh_at`, with `now` read from the system clock (UTC seconds
/// since the epoch). Same ownership, NULL handling and thread safety.
///
/// # Safety
/// As `ferrojwt_refresh_policy_refresh_at`.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_refresh_policy_refresh(
    policy: *const ferrojwt_refresh_policy,
    verifier: *const ferrojwt_verifier,
    signer: *const ferrojwt_signer,
    token: *const u8,
    token_len: usize,
    token_out: *mut *mut c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `refresh_with_clock`'s.
    unsafe {
        refresh_with_clock(
            policy,
            verifier,
            signer,
            token,
            token_len,
            || Ok(args::system_now()),
            token_out,
        )
    }
}

/// Frees a refresh policy. NULL is a no-op.
///
/// # Safety
/// `policy` must be NULL or a policy from this library that has not been freed, and no other
/// thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_refresh_policy_free(policy: *mut ferrojwt_refresh_policy) {
    // SAFETY: the caller upholds this function's contract.
    boundary::guard((), || unsafe { args::free_handle(policy) })
}
