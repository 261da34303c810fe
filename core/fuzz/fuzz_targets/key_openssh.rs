//! `Key::from_openssh` on arbitrary bytes (`ssh-rsa` / `ssh-ed25519` lines, other key types
//! refused): Ok or a typed error, never a panic; whatever parses verifies the fixed tokens.
#![no_main]

mod common;

use ferrojwt::Key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = Key::from_openssh(data) {
        common::exercise(&key);
    }
});
