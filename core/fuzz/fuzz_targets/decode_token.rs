//! Arbitrary bytes as a token: every decode path must return Ok or a typed error, never panic,
//! hang or allocate without bound. Tokens that start as valid ones (the corpus) get mutated into
//! near-misses, which is where parsers break.
#![no_main]

use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use ferrojwt::{
    decode_at, decode_unverified, decode_with_keyset, verify_jws, Algorithm, Key, KeySet,
    Validation,
};
use libfuzzer_sys::fuzz_target;

fn keys() -> &'static (Key, KeySet) {
    static KEYS: OnceLock<(Key, KeySet)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let secret = Key::from_secret(b"fuzz secret").expect("secret");
        let mut set = KeySet::new();
        set.push(
            Key::from_secret(b"fuzz secret")
                .expect("secret")
                .with_kid("a"),
        )
        .expect("push");
        set.push(
            Key::from_secret(b"other secret")
                .expect("secret")
                .with_kid("b"),
        )
        .expect("push");
        (secret, set)
    })
}

fuzz_target!(|data: &[u8]| {
    let (key, set) = keys();
    let now = Utc
        .timestamp_opt(1_500_000_000, 0)
        .single()
        .unwrap_or_default();
    let _ = decode_unverified(data);
    let mut v = Validation::new(&[Algorithm::HS256, Algorithm::HS512]);
    let _ = decode_at(data, key, &v, now);
    let _ = decode_with_keyset(data, set, &v, now);
    v.verify_signature = false;
    v.audience = Some(vec!["api".into()]);
    v.issuer = Some("me".into());
    let _ = ferrojwt::decode_with(data, None, &v, now);
    let strict = Validation::strict(&Algorithm::ALL);
    let _ = decode_with_keyset(data, set, &strict, now);
    let _ = verify_jws(data, set, &Algorithm::ALL, 1 << 16);
});
