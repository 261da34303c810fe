//! `ferrojwt_verifier`: a key or key set plus the core's `Validation`, turning tokens into
//! verified claims.

use std::ffi::c_char;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use jwt::{Algorithm, Claims, Decoded, Key, KeySet, Validation};

use crate::args::{self, Out};
use crate::boundary;
use crate::claims_json;
use crate::failure::Failure;
use crate::key::ferrojwt_key;
use crate::key_set::ferrojwt_key_set;
use crate::status::ferrojwt_status;
use crate::strings;

/// The validation rule sets, chosen when a verifier is created.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ferrojwt_profile {
    /// PyJWT 1.x as djangorestframework_jwt 1.11 used it: whole-second clock, `exp` optional,
    /// `iat` only type-checked. One change: a token is expired from the second `exp` itself.
    Pyjwt1 = 0,
    /// RFC 8725 best practice: `exp` required, an `iat` in the future refused, `sub`/`jti` must
    /// be strings, fractional clock.
    Strict = 1,
}

/// Verifies tokens with one key or a key set and a set of checks. Opaque; create with
/// `ferrojwt_verifier_new` or `ferrojwt_verifier_new_keyset`, configure with `ferrojwt_verifier_add_*` / `ferrojwt_verifier_set_*`,
/// free with `ferrojwt_verifier_free`.
///
/// A new verifier checks `exp`, `nbf`, `iat`, `aud` and `iss`, with leeway 0, no audience (a
/// token carrying `aud` is then refused), no issuer requirement, a 64 KiB size cap, and an
/// EMPTY algorithm allow-list: add at least one algorithm, or every verification fails with
/// `FERROJWT_STATUS_INVALID_ARGUMENT`.
///
/// Thread safety: configure it from one thread before sharing it; after that it is immutable and
/// the verify functions may be called from any number of threads at once.
pub struct ferrojwt_verifier {
    pub(crate) keys: Keys,
    pub(crate) validation: Validation,
}

/// What a verifier checks signatures with.
pub(crate) enum Keys {
    One(Arc<Key>),
    Set(Arc<KeySet>),
}

impl ferrojwt_verifier {
    fn verify(&self, token: &[u8], now: DateTime<Utc>) -> Result<String, Failure> {
        let decoded: Decoded = match &self.keys {
            Keys::One(key) => jwt::decode_at(token, key, &self.validation, now)?,
            Keys::Set(set) => jwt::decode_with_keyset(token, set, &self.validation, now)?,
        };
        Ok(claims_json::write(&decoded.claims))
    }
}

/// The validation rules of a profile number from C.
fn profile_validation(profile: u32) -> Result<Validation, Failure> {
    // The core's constructors own what each profile implies (strict also requires `exp`).
    match profile {
        p if p == ferrojwt_profile::Pyjwt1 as u32 => Ok(Validation::new(&[])),
        p if p == ferrojwt_profile::Strict as u32 => Ok(Validation::strict(&[])),
        other => Err(Failure::invalid_argument(format!(
            "unknown profile {other}"
        ))),
    }
}

/// Creates a verifier for `key` with the rule set `profile` (`FERROJWT_PROFILE_PYJWT1` or
/// `FERROJWT_PROFILE_STRICT`; any other value is `FERROJWT_STATUS_INVALID_ARGUMENT`).
///
/// - `key`: not NULL; an HMAC secret, or a public or private asymmetric key (a private key
///   verifies with its public half). The verifier keeps its own reference; the key may be freed
///   afterwards.
/// - `verifier_out`: receives the new verifier on success (owned by the caller, free with
///   `ferrojwt_verifier_free`); untouched on failure.
///
/// A token whose `alg` does not fit the key's type is `FERROJWT_STATUS_INVALID_KEY` at
/// verification. Thread safety: may be called from any thread; `key` may be shared.
///
/// # Safety
/// `key` must be NULL or a live key; `verifier_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_new(
    key: *const ferrojwt_key,
    profile: u32,
    verifier_out: *mut *mut ferrojwt_verifier,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for both pointers.
        let (key, verifier_out) = unsafe {
            (
                args::handle(key, "key")?,
                Out::new(verifier_out, "verifier_out")?,
            )
        };
        let validation = profile_validation(profile)?;
        verifier_out.write(args::into_handle(ferrojwt_verifier {
            keys: Keys::One(Arc::clone(&key.key)),
            validation,
        }));
        Ok(())
    })
}

/// Creates a verifier that selects the key for each token from `set` by the token's `kid`
/// header, exactly as described for `ferrojwt_key_set` (a `kid` naming no key is
/// `FERROJWT_STATUS_KEY_NOT_FOUND`), with the rule set `profile` (`FERROJWT_PROFILE_PYJWT1` or
/// `FERROJWT_PROFILE_STRICT`; any other value is `FERROJWT_STATUS_INVALID_ARGUMENT`). Configure
/// it like any verifier (add algorithms first).
///
/// - `set`: not NULL. The verifier takes a snapshot of the set (sharing the key material): later
///   changes to the set do not affect it, and the set may be freed afterwards.
/// - `verifier_out`: receives the new verifier on success (owned by the caller, free with
///   `ferrojwt_verifier_free`); untouched on failure.
///
/// Returns `FERROJWT_STATUS_OK`, `FERROJWT_STATUS_NULL_ARGUMENT` or
/// `FERROJWT_STATUS_INVALID_ARGUMENT`. Thread safety: may be called from any thread while no
/// thread changes `set`; the new verifier follows the rules of `ferrojwt_verifier`.
///
/// # Safety
/// `set` must be NULL or a live key set; `verifier_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_new_keyset(
    set: *const ferrojwt_key_set,
    profile: u32,
    verifier_out: *mut *mut ferrojwt_verifier,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for both pointers.
        let (set, verifier_out) = unsafe {
            (
                args::handle(set, "set")?,
                Out::new(verifier_out, "verifier_out")?,
            )
        };
        let validation = profile_validation(profile)?;
        verifier_out.write(args::into_handle(ferrojwt_verifier {
            keys: Keys::Set(Arc::new(set.set.clone())),
            validation,
        }));
        Ok(())
    })
}

/// Runs `change` on a verifier being configured, after the NULL checks.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using.
unsafe fn configure(
    verifier: *mut ferrojwt_verifier,
    change: impl FnOnce(&mut Validation) -> Result<(), Failure>,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract.
        let verifier = unsafe { args::handle_mut(verifier, "verifier") }?;
        change(&mut verifier.validation)
    })
}

/// Adds an algorithm to the allow-list: `"HS256"`, `"HS384"`, `"HS512"`, `"RS256"`, `"RS384"`,
/// `"RS512"`, `"PS256"`, `"PS384"`, `"PS512"`, `"ES256"`, `"ES384"`, `"ES512"` (P-521), `"ES521"`
/// (PyJWT 1.x's name for ES512: tokens saying `ES521` need it) or `"EdDSA"` (exact,
/// case-sensitive JOSE names). A token whose `alg` is
/// not in the list is refused with `FERROJWT_STATUS_INVALID_ALGORITHM` before the key is used.
/// `"none"` and unknown names are `FERROJWT_STATUS_INVALID_ALGORITHM`. Adding one twice is
/// harmless.
///
/// `algorithm` is NUL-terminated, not NULL. Thread safety: not thread-safe; configure before
/// sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using; `algorithm` NULL or a
/// NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_add_algorithm(
    verifier: *mut ferrojwt_verifier,
    algorithm: *const c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract for both pointers.
    unsafe {
        configure(verifier, |v| {
            let algorithm: Algorithm = args::text(algorithm, "algorithm")?.parse()?;
            if !v.algorithms.contains(&algorithm) {
                v.algorithms.push(algorithm);
            }
            Ok(())
        })
    }
}

/// Sets the clock-skew tolerance in seconds (fractions allowed) applied to `exp`, `nbf` and, in
/// the strict profile, `iat`. NaN, infinities and absurd values are
/// `FERROJWT_STATUS_INVALID_ARGUMENT` and leave the setting unchanged.
///
/// Thread safety: not thread-safe; configure before sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_set_leeway(
    verifier: *mut ferrojwt_verifier,
    seconds: f64,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract.
    unsafe {
        configure(verifier, |v| {
            // The core owns the rule for acceptable leeway; ask it now, so the mistake is
            // reported here rather than on every later verification.
            let mut probe = Validation::new(&[]);
            probe.verify_signature = false;
            probe.leeway = seconds;
            probe.validate(&Claims::new(), DateTime::<Utc>::UNIX_EPOCH)?;
            v.leeway = seconds;
            Ok(())
        })
    }
}

/// Adds an accepted audience. A token passes the `aud` check when its `aud` (a string or an
/// array of strings) contains any accepted audience; once one is added, a token without `aud` is
/// refused with `FERROJWT_STATUS_MISSING_REQUIRED_CLAIM`.
///
/// `audience` is NUL-terminated UTF-8, not NULL. Thread safety: not thread-safe; configure before
/// sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using; `audience` NULL or a
/// NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_add_audience(
    verifier: *mut ferrojwt_verifier,
    audience: *const c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract for both pointers.
    unsafe {
        configure(verifier, |v| {
            let audience = args::text(audience, "audience")?;
            v.audience
                .get_or_insert_with(Vec::new)
                .push(audience.to_owned());
            Ok(())
        })
    }
}

/// Requires the `iss` claim to equal `issuer` exactly (a token without `iss` is then
/// `FERROJWT_STATUS_MISSING_REQUIRED_CLAIM`). Calling it again replaces the issuer.
///
/// `issuer` is NUL-terminated UTF-8, not NULL. Thread safety: not thread-safe; configure before
/// sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using; `issuer` NULL or a
/// NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_set_issuer(
    verifier: *mut ferrojwt_verifier,
    issuer: *const c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract for both pointers.
    unsafe {
        configure(verifier, |v| {
            v.issuer = Some(args::text(issuer, "issuer")?.to_owned());
            Ok(())
        })
    }
}

/// Requires the claim `name` to be present (`FERROJWT_STATUS_MISSING_REQUIRED_CLAIM`
/// otherwise). The strict profile already requires `exp`.
///
/// `name` is NUL-terminated UTF-8, not NULL. Thread safety: not thread-safe; configure before
/// sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using; `name` NULL or a
/// NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_add_required_claim(
    verifier: *mut ferrojwt_verifier,
    name: *const c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract for both pointers.
    unsafe {
        configure(verifier, |v| {
            let name = args::text(name, "name")?;
            if !v.required_claims.iter().any(|c| c == name) {
                v.required_claims.push(name.to_owned());
            }
            Ok(())
        })
    }
}

/// Requires the header's `typ` to match `typ`, compared as a media type (case-insensitive, an
/// `application/` prefix optional): `FERROJWT_STATUS_INVALID_TYPE` otherwise. Calling it again
/// replaces the value.
///
/// `typ` is NUL-terminated UTF-8, not NULL. Thread safety: not thread-safe; configure before
/// sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using; `typ` NULL or a
/// NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_set_required_typ(
    verifier: *mut ferrojwt_verifier,
    typ: *const c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract for both pointers.
    unsafe {
        configure(verifier, |v| {
            v.required_typ = Some(args::text(typ, "typ")?.to_owned());
            Ok(())
        })
    }
}

/// Sets the longest token accepted, in bytes (default 65536). Longer tokens are refused with
/// `FERROJWT_STATUS_TOKEN_TOO_LARGE` before any parsing.
///
/// Thread safety: not thread-safe; configure before sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_set_max_token_size(
    verifier: *mut ferrojwt_verifier,
    max_bytes: usize,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract.
    unsafe {
        configure(verifier, |v| {
            v.max_token_size = max_bytes;
            Ok(())
        })
    }
}

/// Turns the `exp` (expiry) check on or off (default on).
///
/// Thread safety: not thread-safe; configure before sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_set_verify_exp(
    verifier: *mut ferrojwt_verifier,
    enabled: bool,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract.
    unsafe {
        configure(verifier, |v| {
            v.verify_exp = enabled;
            Ok(())
        })
    }
}

/// Turns the `nbf` (not before) check on or off (default on).
///
/// Thread safety: not thread-safe; configure before sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_set_verify_nbf(
    verifier: *mut ferrojwt_verifier,
    enabled: bool,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract.
    unsafe {
        configure(verifier, |v| {
            v.verify_nbf = enabled;
            Ok(())
        })
    }
}

/// Turns the `iat` (issued at) check on or off (default on): its type, and in the strict profile
/// that it is not in the future.
///
/// Thread safety: not thread-safe; configure before sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_set_verify_iat(
    verifier: *mut ferrojwt_verifier,
    enabled: bool,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract.
    unsafe {
        configure(verifier, |v| {
            v.verify_iat = enabled;
            Ok(())
        })
    }
}

/// Turns the `aud` (audience) check on or off (default on).
///
/// Thread safety: not thread-safe; configure before sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_set_verify_aud(
    verifier: *mut ferrojwt_verifier,
    enabled: bool,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract.
    unsafe {
        configure(verifier, |v| {
            v.verify_aud = enabled;
            Ok(())
        })
    }
}

/// Turns the `iss` (issuer) check on or off (default on).
///
/// Thread safety: not thread-safe; configure before sharing.
///
/// # Safety
/// `verifier` must be NULL or a live verifier no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_set_verify_iss(
    verifier: *mut ferrojwt_verifier,
    enabled: bool,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract.
    unsafe {
        configure(verifier, |v| {
            v.verify_iss = enabled;
            Ok(())
        })
    }
}

/// The body shared by the two verify functions; `clock` runs only after the arguments check out.
///
/// # Safety
/// As `ferrojwt_verifier_verify_at`.
unsafe fn verify_with_clock(
    verifier: *const ferrojwt_verifier,
    token: *const u8,
    token_len: usize,
    clock: impl FnOnce() -> Result<DateTime<Utc>, Failure>,
    claims_out: *mut *mut c_char,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds the exported function's contract for every pointer.
        let (verifier, token, claims_out) = unsafe {
            (
                args::handle(verifier, "verifier")?,
                args::bytes(token, token_len, "token")?,
                Out::new(claims_out, "claims_out")?,
            )
        };
        let claims = verifier.verify(token, clock()?)?;
        claims_out.write(strings::to_c(claims)?);
        Ok(())
    })
}

/// Verifies a token's signature and validates its claims as of `now`, then returns the claims.
///
/// - `token`, `token_len`: the compact token (not NUL-terminated, not NULL; e.g. straight from an
///   `Authorization` header buffer).
/// - `now`: seconds since the Unix epoch (fractions allowed; the PyJWT 1.x profile rounds down
///   to whole seconds). NaN, infinities and dates outside years 1-9999 are
///   `FERROJWT_STATUS_INVALID_ARGUMENT`.
/// - `claims_out`: receives the verified claims as NUL-terminated compact JSON in token order,
///   ASCII-only (`\uXXXX` escapes), as Python's `json.dumps(separators=(",", ":"))` writes them
///   (owned by the caller, free with `ferrojwt_string_free`); untouched on failure.
///
/// Each failure has its own status (`FERROJWT_STATUS_INVALID_SIGNATURE`,
/// `FERROJWT_STATUS_EXPIRED_SIGNATURE`, `FERROJWT_STATUS_INVALID_ALGORITHM` for `alg: none` or an
/// algorithm outside the allow-list, `FERROJWT_STATUS_TOKEN_TOO_LARGE`, ...).
/// Thread safety: may be called concurrently on a shared, configured verifier.
///
/// # Safety
/// `verifier` must be NULL or a live verifier; `token` NULL or readable for `token_len` bytes;
/// `claims_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_verify_at(
    verifier: *const ferrojwt_verifier,
    token: *const u8,
    token_len: usize,
    now: f64,
    claims_out: *mut *mut c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `verify_with_clock`'s.
    unsafe {
        verify_with_clock(
            verifier,
            token,
            token_len,
            || args::instant(now),
            claims_out,
        )
    }
}

/// As `ferrojwt_verifier_verify_at`, with `now` read from the system clock (UTC seconds since
/// the epoch). Same ownership, NULL handling and thread safety.
///
/// # Safety
/// As `ferrojwt_verifier_verify_at`.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_verify(
    verifier: *const ferrojwt_verifier,
    token: *const u8,
    token_len: usize,
    claims_out: *mut *mut c_char,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `verify_with_clock`'s.
    unsafe {
        verify_with_clock(
            verifier,
            token,
            token_len,
            || Ok(args::system_now()),
            claims_out,
        )
    }
}

/// Frees a verifier. NULL is a no-op.
///
/// # Safety
/// `verifier` must be NULL or a verifier from this library that has not been freed, and no other
/// thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_verifier_free(verifier: *mut ferrojwt_verifier) {
    // SAFETY: the caller upholds this function's contract.
    boundary::guard((), || unsafe { args::free_handle(verifier) })
}
