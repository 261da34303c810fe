//! Arbitrary bytes through every key parser (auto-detect, PEM, DER, JWK, JWK Set, OpenSSH,
//! secrets): Ok or a typed error, never a panic.
#![no_main]

use ferrojwt::{Algorithm, Claims, Key, KeySet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = [
        Key::parse(data),
        Key::from_pem(data),
        Key::from_der(data),
        Key::from_jwk(data),
        Key::from_openssh(data),
        Key::from_secret(data),
    ];
    let _ = KeySet::from_jwks(data);
    // Whatever parses must then behave: sign if it can, and never panic on use.
    for key in parsed.into_iter().flatten() {
        for alg in Algorithm::ALL {
            if key.check_algorithm(alg).is_ok() && key.can_sign() {
                let _ = ferrojwt::encode(&Claims::new(), alg, &key);
            }
        }
    }
});
