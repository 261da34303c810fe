//! `ferrojwt_key`: key material, parsed once and shared by the signers and verifiers built on it.

use std::sync::Arc;

use jwt::Key;

use crate::args::{self, Out};
use crate::boundary;
use crate::failure::Failure;
use crate::status::ferrojwt_status;

/// A parsed signing/verifying key: an HMAC secret, or an RSA, EC (P-256, P-384, P-521) or
/// Ed25519 public or private key. Opaque; create with a `ferrojwt_key_from_*` function or
/// `ferrojwt_key_parse`, free with `ferrojwt_key_free`.
///
/// Signers, verifiers and key sets keep their own reference to the key material, so a key may be
/// freed as soon as the handles that need it have been created. A key is immutable: it may be
/// used from any number of threads at once.
pub struct ferrojwt_key {
    pub(crate) key: Arc<Key>,
}

/// The body shared by the constructors: checks the pointers, runs `parse` on the input bytes and
/// hands the key to C.
///
/// # Safety
/// `input` must be NULL or readable for `input_len` bytes; `key_out` NULL or writable.
unsafe fn new_key(
    input: *const u8,
    input_len: usize,
    name: &'static str,
    key_out: *mut *mut ferrojwt_key,
    parse: impl FnOnce(&[u8]) -> Result<Key, Failure>,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds the exported function's contract for both pointers.
        let (input, key_out) = unsafe {
            (
                args::bytes(input, input_len, name)?,
                Out::new(key_out, "key_out")?,
            )
        };
        let key = parse(input)?;
        key_out.write(args::into_handle(ferrojwt_key { key: Arc::new(key) }));
        Ok(())
    })
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
/// or `FERROJWT_STATUS_INVALID_ARGUMENT`. Thread safety: may be called from any thread.
///
/// # Safety
/// `secret` must be NULL or readable for `secret_len` bytes; `key_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_from_secret(
    secret: *const u8,
    secret_len: usize,
    key_out: *mut *mut ferrojwt_key,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `new_key`'s.
    unsafe {
        new_key(secret, secret_len, "secret", key_out, |secret| {
            Ok(Key::from_secret(secret)?)
        })
    }
}

/// Creates an asymmetric key from the first PEM block of `pem`: `PRIVATE KEY` (PKCS#8),
/// `RSA PRIVATE KEY` (PKCS#1), `EC PRIVATE KEY` (SEC1), `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY`
/// (PKCS#1) or `CERTIFICATE` (its public key). RSA keys must have at least 2048 bits; EC keys
/// are P-256, P-384 or P-521; OKP keys are Ed25519. Encrypted PEM is not supported.
///
/// - `pem`, `pem_len`: the PEM text (not NUL-terminated; not NULL; only read during the call).
/// - `key_out`: receives the new key on success (owned by the caller, free with
///   `ferrojwt_key_free`); untouched on failure.
///
/// A private key signs and verifies; a public key or certificate only verifies.
/// Returns `FERROJWT_STATUS_OK`, `FERROJWT_STATUS_INVALID_KEY_FORMAT` (not PEM, bad base64 or
/// DER, unsupported key type or curve), `FERROJWT_STATUS_INVALID_KEY` (an RSA key under 2048
/// bits, a weak key), `FERROJWT_STATUS_NULL_ARGUMENT` or `FERROJWT_STATUS_INVALID_ARGUMENT`.
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `pem` must be NULL or readable for `pem_len` bytes; `key_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_from_pem(
    pem: *const u8,
    pem_len: usize,
    key_out: *mut *mut ferrojwt_key,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `new_key`'s.
    unsafe { new_key(pem, pem_len, "pem", key_out, |pem| Ok(Key::from_pem(pem)?)) }
}

/// Creates an asymmetric key from DER bytes: PKCS#8 or PKCS#1 private keys, SEC1 EC private
/// keys, SPKI or PKCS#1 public keys, or an X.509 certificate (its public key); the form is
/// detected from the content.
///
/// - `der`, `der_len`: the DER bytes (not NULL; only read during the call).
/// - `key_out`: receives the new key on success (owned by the caller, free with
///   `ferrojwt_key_free`); untouched on failure.
///
/// Returns `FERROJWT_STATUS_OK`, `FERROJWT_STATUS_INVALID_KEY_FORMAT`,
/// `FERROJWT_STATUS_INVALID_KEY`, `FERROJWT_STATUS_NULL_ARGUMENT` or
/// `FERROJWT_STATUS_INVALID_ARGUMENT`. Thread safety: may be called from any thread.
///
/// # Safety
/// `der` must be NULL or readable for `der_len` bytes; `key_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_from_der(
    der: *const u8,
    der_len: usize,
    key_out: *mut *mut ferrojwt_key,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `new_key`'s.
    unsafe { new_key(der, der_len, "der", key_out, |der| Ok(Key::from_der(der)?)) }
}

/// Creates a key from one JSON Web Key (RFC 7517): `kty` `oct` (an HMAC secret, at least as long
/// as the hash, RFC 7518 section 3.2), `RSA`, `EC` (P-256, P-384, P-521) or `OKP` (Ed25519),
/// public or private. The JWK's `kid` is kept (signers write it, key sets select by it), and its
/// `alg`, `use` and `key_ops` restrict what the key may be used for.
///
/// - `jwk_json`, `jwk_len`: the JWK as UTF-8 JSON text (not NUL-terminated; not NULL; only read
///   during the call).
/// - `key_out`: receives the new key on success (owned by the caller, free with
///   `ferrojwt_key_free`); untouched on failure.
///
/// Returns `FERROJWT_STATUS_OK`, `FERROJWT_STATUS_INVALID_UTF8`,
/// `FERROJWT_STATUS_INVALID_KEY_FORMAT` (not JSON, missing or malformed members, an unknown
/// `kty`), `FERROJWT_STATUS_INVALID_KEY` (`use` other than `sig`, a short secret, a weak key),
/// `FERROJWT_STATUS_NULL_ARGUMENT` or `FERROJWT_STATUS_INVALID_ARGUMENT`.
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `jwk_json` must be NULL or readable for `jwk_len` bytes; `key_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_from_jwk(
    jwk_json: *const u8,
    jwk_len: usize,
    key_out: *mut *mut ferrojwt_key,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `new_key`'s.
    unsafe {
        new_key(jwk_json, jwk_len, "jwk_json", key_out, |jwk| {
            args::utf8(jwk, "jwk_json")?;
            Ok(Key::from_jwk(jwk)?)
        })
    }
}

/// Creates an asymmetric key from `material` in any supported form, detected from its content:
/// PEM (`-----BEGIN`), an OpenSSH public key line (`ssh-rsa ...`, `ssh-ed25519 ...`), a JWK (a
/// JSON object), otherwise DER. HMAC secrets are not detected (any bytes can be a secret): use
/// `ferrojwt_key_from_secret` for them; a JWK Set needs `ferrojwt_key_set_from_jwks`.
///
/// - `material`, `material_len`: the key bytes (not NULL; only read during the call).
/// - `key_out`: receives the new key on success (owned by the caller, free with
///   `ferrojwt_key_free`); untouched on failure.
///
/// Returns the statuses of the form it detected (`FERROJWT_STATUS_INVALID_KEY_FORMAT` for
/// anything unparsable), `FERROJWT_STATUS_NULL_ARGUMENT` or `FERROJWT_STATUS_INVALID_ARGUMENT`.
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `material` must be NULL or readable for `material_len` bytes; `key_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_parse(
    material: *const u8,
    material_len: usize,
    key_out: *mut *mut ferrojwt_key,
) -> ferrojwt_status {
    // SAFETY: the caller upholds this function's contract, which is `new_key`'s.
    unsafe {
        new_key(material, material_len, "material", key_out, |material| {
            Ok(Key::parse(material)?)
        })
    }
}

/// Reports whether `key` can sign: an HMAC secret or a private key, not restricted by a JWK's
/// `key_ops`. Public keys and certificates only verify.
///
/// - `can_sign_out`: receives the answer on success; untouched on failure.
///
/// Returns `FERROJWT_STATUS_OK` or `FERROJWT_STATUS_NULL_ARGUMENT`.
/// Thread safety: may be called from any thread, also on a key shared with other threads.
///
/// # Safety
/// `key` must be NULL or a live key; `can_sign_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_key_can_sign(
    key: *const ferrojwt_key,
    can_sign_out: *mut bool,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for both pointers.
        let (key, can_sign_out) = unsafe {
            (
                args::handle(key, "key")?,
                Out::new(can_sign_out, "can_sign_out")?,
            )
        };
        can_sign_out.write(key.key.can_sign());
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
