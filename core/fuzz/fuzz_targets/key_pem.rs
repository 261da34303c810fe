//! `Key::from_pem` on arbitrary bytes (PKCS#8, PKCS#1, SEC1, SPKI, certificates, encrypted and
//! unknown blocks): Ok or a typed error, never a panic; whatever parses is then used to verify a
//! fixed token per algorithm and, when it can, to sign and verify its own signature.
#![no_main]

mod common;

use ferrojwt::Key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = Key::from_pem(data) {
        common::exercise(&key);
    }
});
