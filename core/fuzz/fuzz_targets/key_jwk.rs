//! `Key::from_jwk` and `KeySet::from_jwks` on the same arbitrary bytes (RFC 7517 `oct`, `RSA`,
//! `EC`, `OKP`, with `kid`, `alg`, `use`, `key_ops`): Ok or a typed error, never a panic; every
//! parsed key is then used (see `common.rs`) and a parsed set verifies the fixed tokens.
#![no_main]

mod common;

use ferrojwt::{Key, KeySet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = Key::from_jwk(data) {
        common::exercise(&key);
    }
    if let Ok(set) = KeySet::from_jwks(data) {
        common::exercise_set(&set);
    }
});
