//! Sign with HS256 and RS256, verify, refresh, and show typed errors.
//!
//! Run with `cargo run -p ferrojwt --example sign_and_verify`.

use chrono::{TimeDelta, Utc};
use ferrojwt::{
    decode, encode, Algorithm, Claims, ErrorKind, Key, KeySet, RefreshPolicy, Validation,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // HS256 with the refresh window djangorestframework_jwt uses.
    let secret = Key::from_secret(b"a long, random, server-side secret")?;
    let policy = RefreshPolicy::new(TimeDelta::hours(1), TimeDelta::days(7));
    let mut claims: Claims = serde_json::from_str(r#"{"user_id": 7, "username": "ann"}"#)?;
    policy.stamp(&mut claims, Utc::now());
    let token = encode(&claims, Algorithm::HS256, &secret)?;
    let hs = Validation::new(&[Algorithm::HS256]);
    println!("HS256 token: {token}");
    println!(
        "claims:      {:?}",
        decode(token.as_bytes(), &secret, &hs)?.claims
    );
    let refreshed = policy.refresh(token.as_bytes(), &secret, &hs, Utc::now())?;
    println!("refreshed:   {refreshed:?}");

    // RS256 with a key set: the token's kid picks the verification key.
    let private =
        Key::parse(include_bytes!("../tests/keys/rsa2048.pkcs8.pem"))?.with_kid("2026-12");
    let mut keys = KeySet::new();
    keys.push(Key::parse(include_bytes!("../tests/keys/rsa2048.spki.pem"))?.with_kid("2026-12"))?;
    let rs_token = encode(&claims, Algorithm::RS256, &private)?;
    let rs = Validation::new(&[Algorithm::RS256]);
    let verified = ferrojwt::decode_with_keyset(rs_token.as_bytes(), &keys, &rs, Utc::now())?;
    println!("RS256 kid:   {:?}", verified.header.kid());

    // Errors are typed: tampering, the wrong algorithm, a key of the wrong kind.
    let tampered = format!("{}x", &token[..token.len() - 1]);
    for (what, result) in [
        ("tampered", decode(tampered.as_bytes(), &secret, &hs)),
        ("HS256 only", decode(rs_token.as_bytes(), &secret, &hs)),
        ("RSA key for HS256", decode(token.as_bytes(), &private, &hs)),
    ] {
        let err = result.expect_err("must fail");
        println!("{what:>18}: {:?} ({err})", err.kind());
        assert_ne!(err.kind(), ErrorKind::Internal);
    }
    Ok(())
}
