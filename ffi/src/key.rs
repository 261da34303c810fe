//! `ferrojwt_key`: key material, parsed once and shared by the signers and verifiers built on it.

use std::sync::Arc;

use jwt::Key;

use crate::args::{self, Out};
use crate::boundary;
use crate::status::ferrojwt_status;

/// A parsed signing/verifying key. Opaque; create with a `ferrojwt_key_from_*` function, free with
/// `ferrojwt_key_free`.
///
/// Signers and verifiers keep their own reference to the key material, so a key may be freed as
/// soon as the handles that need it have been created. A key is immutable: it may be used from
/// any number of threads at once.
pub struct ferrojwt_key {
    pub(crate) key: Arc<Key>,
}

/// Creates an HMAC key (for HS256, HS384, HS512) from a shared secret.
///
/// - `secret`, `secret_len`: the secret bytes (any bytes, not NUL-terminated; copied). `secret`
///   must not be NULL. An empty secret, or one that looks like public-key material (a PEM block,
///   certificate or OpenSSH key), is refused with `FERROJWT_STATUS_INVALID_KEY`: that blocks the
///   algorithm-confusion attack.
/// - `key_out`: receives the new key on success (owned by the caller, free with
///   `ferrojwt_key_free`); untouched on failure.
///
/// Returns `FERROJWT_STATUS_OK`, `FERROJWT_STATUS_INVALID_KEY`, `FERROJWT_STATUS_NULL_ARGUMENT`
/// or `FERROJWT_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `secret` must be readable for `secret_len` bytes; `key_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_from_secret(
    secret: *const u8,
    secret_len: usize,
    key_out: *mut *mut ferrojwt_key,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for both pointers.
        let (secret, key_out) = unsafe {
            (
                args::bytes(secret, secret_len, "secret")?,
                Out::new(key_out, "key_out")?,
            )
        };
        let key = Key::from_secret(secret)?;
        key_out.write(args::into_handle(ferrojwt_key { key: Arc::new(key) }));
        Ok(())
    })
}

/// Frees a key. NULL is a no-op. Signers and verifiers created from it stay valid.
///
/// # Safety
/// `key` must be NULL or a key from this library that has not been freed, and no other thread
/// may be using it.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_free(key: *mut ferrojwt_key) {
    // SAFETY: the caller upholds this function's contract.
    boundary::guard((), || unsafe { args::free_handle(key) })
}
