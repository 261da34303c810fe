//! `Key::parse` (format detection: PEM, OpenSSH, JWK, else DER) and `Key::from_secret` (HMAC
//! secrets; empty and public-key-looking secrets refused) on arbitrary bytes: Ok or a typed
//! error, never a panic; whatever parses is then used (see `common.rs`).
#![no_main]

mod common;

use ferrojwt::Key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = Key::parse(data) {
        common::exercise(&key);
    }
    if let Ok(key) = Key::from_secret(data) {
        assert!(!data.is_empty(), "an empty secret was accepted");
        assert!(
            !data.windows(10).any(|w| w == b"-----BEGIN"),
            "a PEM-looking secret was accepted"
        );
        common::exercise(&key);
    }
});
