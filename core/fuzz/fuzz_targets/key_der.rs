//! `Key::from_der` on arbitrary bytes (PKCS#8, PKCS#1, SEC1 private keys; SPKI, PKCS#1 public
//! keys): Ok or a typed error, never a panic; whatever parses is then used (see `common.rs`).
#![no_main]

mod common;

use ferrojwt::Key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = Key::from_der(data) {
        common::exercise(&key);
    }
});
