//! `ferrojwt_signer`: an algorithm, a key and an optional `kid`, signing claims JSON into tokens.

use std::ffi::c_char;
use std::sync::Arc;

use jwt::{Algorithm, Claims, Key};
use serde_json::Value;

use crate::args::{self, Out};
use crate::boundary;
use crate::claims_json;
use crate::failure::Failure;
use crate::key::ferrojwt_key;
use crate::status::ferrojwt_status;
use crate::strings;

/// Signs claims into compact tokens with one algorithm and key. Opaque; create with
/// `ferrojwt_signer_new`, free with `ferrojwt_signer_free`.
///
/// Thread safety: configure it (`ferrojwt_signer_set_*`) from one thread before sharing it; after
/// that it is immutable and `ferrojwt_signer_sign` may be called from any number of threads at
/// once.
pub struct ferrojwt_signer {
    key: Arc<Key>,
    algorithm: Algorithm,
    // Header parameters written after `typ` and `alg`; the core's `encode_with_header` rules apply.
    extra_header: Claims,
}

impl ferrojwt_signer {
    pub(crate) fn sign_claims(&self, claims: &Claims) -> Result<String, Failure> {
        Ok(jwt::encode_with_header(
            claims,
            self.algorithm,
            &self.key,
            &self.extra_header,
        )?)
    }
}

/// Creates a signer for `algorithm` with `key`. `algorithm` is an exact, case-sensitive JOSE
/// name: `"HS256"`, `"HS384"`, `"HS512"` (an HMAC secret), `"RS256"`, `"RS384"`, `"RS512"`,
/// `"PS256"`, `"PS384"`, `"PS512"` (an RSA private key), `"ES256"`, `"ES384"`, `"ES512"` (an EC
/// private key on P-256, P-384, P-521 respectively), `"ES521"` (PyJWT 1.x's name for ES512, written
/// as such into the header) or `"EdDSA"` (an Ed25519 private key).
/// HS, RS and EdDSA signatures are deterministic; PS and ES signatures are randomized.
///
/// - `key`: not NULL; must be able to sign (`ferrojwt_key_can_sign`): a public key or
///   certificate is `FERROJWT_STATUS_INVALID_KEY`. If the key has a `kid` (from its JWK), every
///   token's header carries it (`ferrojwt_signer_set_kid` overrides it). The signer keeps its own
///   reference; the key may be freed afterwards.
/// - `algorithm`: NUL-terminated, not NULL. `"none"` and unknown names are
///   `FERROJWT_STATUS_INVALID_ALGORITHM`; an algorithm of another key family (an RSA algorithm
///   with an HMAC key, ES384 with a P-256 key) is `FERROJWT_STATUS_INVALID_KEY`.
/// - `signer_out`: receives the new signer on success (owned by the caller, free with
///   `ferrojwt_signer_free`); untouched on failure.
///
/// Thread safety: may be called from any thread; `key` may be shared.
///
/// # Safety
/// `key` must be NULL or a live key; `algorithm` NULL or a NUL-terminated string; `signer_out`
/// writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_signer_new(
    key: *const ferrojwt_key,
    algorithm: *const c_char,
    signer_out: *mut *mut ferrojwt_signer,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for every pointer.
        let (key, algorithm, signer_out) = unsafe {
            (
                args::handle(key, "key")?,
                args::text(algorithm, "algorithm")?,
                Out::new(signer_out, "signer_out")?,
            )
        };
        let algorithm: Algorithm = algorithm.parse()?;
        key.key.check_algorithm(algorithm)?;
        // Refused here rather than at every `ferrojwt_signer_sign`.
        if !key.key.can_sign() {
            return Err(Failure::new(
                ferrojwt_status::InvalidKey,
                "this key cannot sign: a secret or a private key is required",
            ));
        }
        signer_out.write(args::into_handle(ferrojwt_signer {
            key: Arc::clone(&key.key),
            algorithm,
            extra_header: Claims::new(),
        }));
        Ok(())
    })
}

/// Sets the `kid` (key id) header parameter written into every token, after `typ` and `alg`
/// (`{"typ":"JWT","alg":"HS256","kid":"..."}`), replacing the key's own `kid` if it has one.
/// Calling it again replaces the value.
///
/// `kid` is NUL-terminated UTF-8, not NULL (`FERROJWT_STATUS_INVALID_UTF8` otherwise).
/// Thread safety: not thread-safe; call before sharing the signer.
///
/// # Safety
/// `signer` must be NULL or a live signer no other thread is using; `kid` NULL or a
/// NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_signer_set_kid(
    signer: *mut ferrojwt_signer,
    kid: *const c_char,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for both pointers.
        let (signer, kid) =
            unsafe { (args::handle_mut(signer, "signer")?, args::text(kid, "kid")?) };
        signer
            .extra_header
            .insert("kid".to_owned(), Value::String(kid.to_owned()));
        Ok(())
    })
}

/// Signs a claims set and returns the compact token.
///
/// - `claims_json`, `claims_len`: the claims as a UTF-8 JSON object (not NUL-terminated; not
///   NULL). It is parsed strictly (RFC 8259, duplicate names refused) and written back in the
///   same member order, exactly as Python's `json.dumps(separators=(",", ":"))` writes it, so the
///   token is byte-identical to PyJWT 1.x's. `exp`, `nbf`, `iat` and `orig_iat`, when present,
///   must be numbers (`FERROJWT_STATUS_INVALID_CLAIM`).
/// - `token_out`: receives the NUL-terminated token on success (owned by the caller, free with
///   `ferrojwt_string_free`); untouched on failure.
///
/// Returns `FERROJWT_STATUS_INVALID_UTF8` for non-UTF-8 claims and
/// `FERROJWT_STATUS_INVALID_ARGUMENT` for claims that are not a JSON object.
/// Thread safety: may be called concurrently on a shared, configured signer.
///
/// # Safety
/// `signer` must be NULL or a live signer; `claims_json` NULL or readable for `claims_len`
/// bytes; `token_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_signer_sign(
    signer: *const ferrojwt_signer,
    claims_json: *const u8,
    claims_len: usize,
    token_out: *mut *mut c_char,
) -> ferrojwt_status {
    boundary::run(|| {
        // SAFETY: the caller upholds this function's contract for every pointer.
        let (signer, claims_json, token_out) = unsafe {
            (
                args::handle(signer, "signer")?,
                args::bytes(claims_json, claims_len, "claims_json")?,
                Out::new(token_out, "token_out")?,
            )
        };
        let claims = claims_json::parse(claims_json, "claims_json")?;
        let token = signer.sign_claims(&claims)?;
        token_out.write(strings::to_c(token)?);
        Ok(())
    })
}

/// Frees a signer. NULL is a no-op.
///
/// # Safety
/// `signer` must be NULL or a signer from this library that has not been freed, and no other
/// thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_signer_free(signer: *mut ferrojwt_signer) {
    // SAFETY: the caller upholds this function's contract.
    boundary::guard((), || unsafe { args::free_handle(signer) })
}
