//! `Key::parse` (format detection: PEM, OpenSSH, JWK, else DER) and `Key::from_secret` (HMAC
//! secrets; empty and public-key-looking secrets refused) on arbitrary bytes: Ok or a typed
//! error, never a panic; whatever parses is then used (see `common.rs`), and nothing is both an
//! asymmetric key and a secret.
#![no_main]

mod common;

use ferrojwt::Key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = Key::parse(data) {
        // The confusion guard's promise: bytes that are a public/private key are never a secret.
        assert!(
            key.key_type() == ferrojwt::KeyType::Hmac || Key::from_secret(data).is_err(),
            "the same bytes parsed as a {:?} key and as an HMAC secret",
            key.key_type()
        );
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
