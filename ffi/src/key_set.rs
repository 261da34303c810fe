//! `ferrojwt_key_set`: several verification keys, selected per token by `kid` (the core's
//! `KeySet` rules, unchanged).

use std::ffi::c_char;

use jwt::KeySet;

use crate::args::{self, Out};
use crate::boundary;
use crate::key::ferrojwt_key;
use crate::status::ferrojwt_status;

/// Several verification keys, selected per token by its `kid` header: key rotation and JWKS
/// endpoints. Opaque; create with `ferrojwt_key_set_new` or `ferrojwt_key_set_from_jwks`, free
/// with `ferrojwt_key_set_free`; verify with a verifier from `ferrojwt_verifier_new_keyset`.
///
/// Selection: a token whose `kid` names keys in the set is checked against those keys only; a
/// `kid` that names none is `FERROJWT_STATUS_KEY_NOT_FOUND` (unless no key in the set has a kid,
/// in which case kids are not used at all). A token without `kid` is tried against every key whose
/// type fits its algorithm, or refused with `FERROJWT_STATUS_KEY_NOT_FOUND` when
/// `ferrojwt_key_set_set_require_kid` is on. An empty set verifies nothing
/// (`FERROJWT_STATUS_KEY_NOT_FOUND`).
///
/// A verifier takes a snapshot of the set when it is created: later changes to the set do not
/// affect it, and the set may be freed right after.
///
/// Thread safety: configure it (`ferrojwt_key_set_add`, `ferrojwt_key_set_set_require_kid`) from
/// one thread; `ferrojwt_key_set_len` and `ferrojwt_verifier_new_keyset` may be called from any
/// number of threads at once while no thread changes the set.
pub struct ferrojwt_key_set {
    pub(crate) set: KeySet,
}

/// Creates an empty key set (kids not required); add keys with `ferrojwt_key_set_add`.
///
/// - `set_out`: receives the new set (owned by the caller, free with `ferrojwt_key_set_free`);
///   untouched on failure.
///
/// Returns `FERROJWT_STATUS_OK` or `FERROJWT_STATUS_NULL_ARGUMENT`.
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `set_out` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_set_new(
    set_out: *mut *mut ferrojwt_key_set,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract.
        let set_out = unsafe { Out::new(set_out, "set_out") }?;
        set_out.write(args::into_handle(ferrojwt_key_set { set: KeySet::new() }));
        Ok(())
    })
}

/// Creates a key set from a JWK Set (`{"keys": [...]}`, RFC 7517 section 5), as served by a
/// JWKS endpoint. Each key keeps its `kid`, `alg`, `use` and `key_ops`; keys of a `kty` this
/// library does not know are skipped (check `ferrojwt_key_set_len`). Kids are not required
/// until `ferrojwt_key_set_set_require_kid` says so.
///
/// - `jwks_json`, `jwks_len`: UTF-8 JSON text (not NUL-terminated; not NULL; only read during
///   the call).
/// - `set_out`: receives the new set (owned by the caller, free with `ferrojwt_key_set_free`);
///   untouched on failure.
///
/// Returns `FERROJWT_STATUS_OK`, `FERROJWT_STATUS_INVALID_UTF8`,
/// `FERROJWT_STATUS_INVALID_KEY_FORMAT` (not JSON, no `keys` array, a malformed entry),
/// `FERROJWT_STATUS_INVALID_KEY` (an unusable entry, two entries with the same `kid`, secrets
/// mixed with asymmetric keys), `FERROJWT_STATUS_NULL_ARGUMENT` or
/// `FERROJWT_STATUS_INVALID_ARGUMENT`. The message names the offending entry.
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `jwks_json` must be NULL or readable for `jwks_len` bytes; `set_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_set_from_jwks(
    jwks_json: *const u8,
    jwks_len: usize,
    set_out: *mut *mut ferrojwt_key_set,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for both pointers.
        let (jwks, set_out) = unsafe {
            (
                args::bytes(jwks_json, jwks_len, "jwks_json")?,
                Out::new(set_out, "set_out")?,
            )
        };
        args::utf8(jwks, "jwks_json")?;
        let set = KeySet::from_jwks(jwks)?;
        set_out.write(args::into_handle(ferrojwt_key_set { set }));
        Ok(())
    })
}

/// Adds `key` to the set under the key id `kid`.
///
/// - `key`: not NULL. The set keeps its own reference to the key material; the key may be freed
///   afterwards, and the same key may be added to several sets or under several kids.
/// - `kid`: NUL-terminated UTF-8, or NULL to keep the key's own kid (from its JWK), if any.
///
/// Refused with `FERROJWT_STATUS_INVALID_KEY`, leaving the set unchanged: a kid already in the
/// set, and mixing HMAC secrets with asymmetric keys in one set. Public and private keys of
/// different asymmetric types may be mixed (the token's `alg` picks the fitting ones).
/// Returns `FERROJWT_STATUS_OK`, `FERROJWT_STATUS_INVALID_KEY`, `FERROJWT_STATUS_INVALID_UTF8`
/// or `FERROJWT_STATUS_NULL_ARGUMENT`.
/// Thread safety: not thread-safe for `set`; configure before sharing. `key` may be shared.
///
/// # Safety
/// `set` must be NULL or a live key set no other thread is using; `key` NULL or a live key;
/// `kid` NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_set_add(
    set: *mut ferrojwt_key_set,
    key: *const ferrojwt_key,
    kid: *const c_char,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for every pointer.
        let (set, key, kid) = unsafe {
            (
                args::handle_mut(set, "set")?,
                args::handle(key, "key")?,
                if kid.is_null() {
                    None
                } else {
                    Some(args::text(kid, "kid")?)
                },
            )
        };
        // A clone shares the parsed material; only the label is the set's own.
        let key = (*key.key).clone();
        let key = match kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        };
        set.set.push(key)?;
        Ok(())
    })
}

/// Switches whether tokens without a `kid` header are refused (`FERROJWT_STATUS_KEY_NOT_FOUND`)
/// instead of being tried against every fitting key. Off by default.
///
/// Returns `FERROJWT_STATUS_OK` or `FERROJWT_STATUS_NULL_ARGUMENT`.
/// Thread safety: not thread-safe; configure before sharing. Verifiers already created from the
/// set keep the setting they were created with.
///
/// # Safety
/// `set` must be NULL or a live key set no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_set_set_require_kid(
    set: *mut ferrojwt_key_set,
    require: bool,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract.
        let set = unsafe { args::handle_mut(set, "set") }?;
        set.set = std::mem::take(&mut set.set).require_kid(require);
        Ok(())
    })
}

/// Writes the number of keys in the set to `len_out` (a JWK Set's unknown key types are not
/// counted).
///
/// Returns `FERROJWT_STATUS_OK` or `FERROJWT_STATUS_NULL_ARGUMENT`; `len_out` is untouched on
/// failure. Thread safety: may be called from any number of threads while no thread changes
/// the set.
///
/// # Safety
/// `set` must be NULL or a live key set; `len_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_set_len(
    set: *const ferrojwt_key_set,
    len_out: *mut usize,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for both pointers.
        let (set, len_out) = unsafe { (args::handle(set, "set")?, Out::new(len_out, "len_out")?) };
        len_out.write(set.set.len());
        Ok(())
    })
}

/// Frees a key set. NULL is a no-op. Verifiers created from it stay valid.
///
/// # Safety
/// `set` must be NULL or a key set from this library that has not been freed, and no other
/// thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_set_free(set: *mut ferrojwt_key_set) {
    // SAFETY: the caller upholds this function's contract.
    boundary::guard((), || unsafe { args::free_handle(set) })
}
