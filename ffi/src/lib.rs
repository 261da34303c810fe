//! The C ABI of ferrojwt: `libferrojwt.so` / `libferrojwt.a` and `include/ferrojwt.h`.
//!
//! A thin translation layer over the core crate (imported here as `jwt`): C pointers and lengths
//! become slices and strings, core errors become fixed `ferrojwt_status` numbers plus a
//! thread-local message, and no Rust panic ever unwinds into C. Every JWT rule lives in the core.
//!
//! The header is generated from this crate by cbindgen (`ffi/cbindgen.toml`), so the doc comments
//! on exported items are the C documentation. `tests/header.rs` fails when the committed header
//! is stale; `make header` regenerates it.

// The C names are the public API: snake_case types read naturally in C.
#![allow(non_camel_case_types)]

// The exported API, one module per group, in the order the header presents them (cbindgen
// follows declaration order; the blank lines keep rustfmt from sorting them).
mod version;

mod status;

mod last_error;

mod strings;

mod key;

mod key_set;

mod signer;

mod verifier;

mod refresh;

mod inspect;

// Helpers shared by the exported functions.
mod args;
mod boundary;
mod claims_json;
mod failure;

pub use inspect::{ferrojwt_unverified_claims, ferrojwt_unverified_header};
pub use key::{
    ferrojwt_key, ferrojwt_key_can_sign, ferrojwt_key_free, ferrojwt_key_from_der,
    ferrojwt_key_from_jwk, ferrojwt_key_from_pem, ferrojwt_key_from_secret, ferrojwt_key_parse,
};
pub use key_set::{
    ferrojwt_key_set, ferrojwt_key_set_add, ferrojwt_key_set_free, ferrojwt_key_set_from_jwks,
    ferrojwt_key_set_len, ferrojwt_key_set_new, ferrojwt_key_set_set_require_kid,
};
pub use last_error::ferrojwt_last_error_message;
pub use refresh::{
    ferrojwt_refresh_policy, ferrojwt_refresh_policy_free, ferrojwt_refresh_policy_new,
    ferrojwt_refresh_policy_refresh, ferrojwt_refresh_policy_refresh_at,
    ferrojwt_refresh_policy_set_allow_expired, ferrojwt_refresh_policy_stamp,
    ferrojwt_refresh_policy_stamp_at,
};
pub use signer::{
    ferrojwt_signer, ferrojwt_signer_free, ferrojwt_signer_new, ferrojwt_signer_set_kid,
    ferrojwt_signer_sign,
};
pub use status::{ferrojwt_status, ferrojwt_status_str};
pub use strings::ferrojwt_string_free;
pub use verifier::{
    ferrojwt_profile, ferrojwt_verifier, ferrojwt_verifier_add_algorithm,
    ferrojwt_verifier_add_audience, ferrojwt_verifier_add_required_claim, ferrojwt_verifier_free,
    ferrojwt_verifier_new, ferrojwt_verifier_new_keyset, ferrojwt_verifier_set_issuer,
    ferrojwt_verifier_set_leeway, ferrojwt_verifier_set_max_token_size,
    ferrojwt_verifier_set_required_typ, ferrojwt_verifier_set_verify_aud,
    ferrojwt_verifier_set_verify_exp, ferrojwt_verifier_set_verify_iat,
    ferrojwt_verifier_set_verify_iss, ferrojwt_verifier_set_verify_nbf, ferrojwt_verifier_verify,
    ferrojwt_verifier_verify_at,
};
pub use version::ferrojwt_version;

// The header promises that configured handles may be shared across threads; keep that true.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<ferrojwt_key>();
    shareable::<ferrojwt_key_set>();
    shareable::<ferrojwt_signer>();
    shareable::<ferrojwt_verifier>();
    shareable::<ferrojwt_refresh_policy>();
};
