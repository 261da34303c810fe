//! Arbitrary bytes as a token verified against RSA, EC (P-256, P-384, P-521) and Ed25519 public
//! keys (the test keys in `core/tests/keys`), singly and as key sets with and without `kid`: Ok or
//! a typed error, never a panic. Also checks that a verified token reads the same unverified, and
//! that an HMAC token never verifies against an asymmetric key (algorithm confusion).
#![no_main]

use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use ferrojwt::{
    decode_at, decode_header, decode_unverified, decode_with_keyset, verify_jws, Algorithm,
    Decoded, Family, Key, KeySet, Validation,
};
use libfuzzer_sys::fuzz_target;

const KEYS: [(&str, &[u8]); 6] = [
    ("rsa", include_bytes!("../../tests/keys/rsa2048.spki.pem")),
    ("ec256", include_bytes!("../../tests/keys/ec_p256.spki.pem")),
    ("ec384", include_bytes!("../../tests/keys/ec_p384.spki.pem")),
    ("ec521", include_bytes!("../../tests/keys/ec_p521.spki.pem")),
    ("ed", include_bytes!("../../tests/keys/ed25519.spki.pem")),
    ("ssh", include_bytes!("../../tests/keys/ssh_rsa.pub.txt")),
];


/// Every algorithm but the HMAC ones, from the core's own list.
fn asymmetric() -> Vec<Algorithm> {
    Algorithm::ALL
        .into_iter()
        .filter(|a| a.family() != Family::Hmac)
        .collect()
}

struct Verifiers {
    single: Vec<Key>,
    named: KeySet,
    unnamed: KeySet,
    kid_required: KeySet,
}

fn verifiers() -> &'static Verifiers {
    static V: OnceLock<Verifiers> = OnceLock::new();
    V.get_or_init(|| {
        let single: Vec<Key> = KEYS
            .iter()
            .map(|(name, bytes)| Key::parse(bytes).expect(name))
            .collect();
        let mut named = KeySet::new();
        let mut unnamed = KeySet::new();
        for (key, (name, _)) in single.iter().zip(KEYS) {
            named.push(key.clone().with_kid(name)).expect("push");
            unnamed.push(key.clone()).expect("push");
        }
        let kid_required = named.clone().require_kid(true);
        Verifiers {
            single,
            named,
            unnamed,
            kid_required,
        }
    })
}

/// A verified token must never be an HMAC one, and must read the same without verification.
fn check_verified(data: &[u8], verified: &Decoded) {
    let alg = Algorithm::from_name(verified.header.alg());
    assert!(
        alg.is_some_and(|a| a.family() != Family::Hmac),
        "{:?} verified against an asymmetric key",
        verified.header.alg()
    );
    match decode_unverified(data) {
        Ok(plain) => assert_eq!(&plain, verified, "verified and unverified reads differ"),
        Err(e) => panic!("verified token does not decode unverified: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let v = verifiers();
    let now = Utc
        .timestamp_opt(1_500_000_000, 0)
        .single()
        .unwrap_or_default();
    let _ = decode_header(data);
    let _ = decode_unverified(data);

    // Every algorithm allowed: the key type alone must stop HS* tokens.
    let all = Validation::new(&Algorithm::ALL);
    for key in &v.single {
        if let Ok(d) = decode_at(data, key, &all, now) {
            check_verified(data, &d);
        }
    }
    for set in [&v.named, &v.unnamed, &v.kid_required] {
        if let Ok(d) = decode_with_keyset(data, set, &all, now) {
            check_verified(data, &d);
        }
    }

    let asymmetric = asymmetric();
    let mut strict = Validation::strict(&asymmetric);
    strict.audience = Some(vec!["api".into()]);
    strict.issuer = Some("me".into());
    strict.required_typ = Some("JWT".into());
    if let Ok(d) = decode_with_keyset(data, &v.named, &strict, now) {
        check_verified(data, &d);
    }
    let _ = verify_jws(data, &v.named, &Algorithm::ALL, 1 << 16);
    let _ = verify_jws(data, &v.unnamed, &asymmetric, 4096);
});
