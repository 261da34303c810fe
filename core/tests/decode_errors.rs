//! Every malformed token, wrong key or wrong algorithm gets its typed error, never a panic.

#![allow(clippy::unwrap_used, clippy::panic)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{TimeZone, Utc};
use ferrojwt::{decode_at, encode, Algorithm, Claims, ErrorKind, Key, Validation};

fn b64(s: &str) -> String {
    URL_SAFE_NO_PAD.encode(s)
}

fn key() -> Key {
    Key::from_secret(b"server secret").unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.timestamp_opt(1_000_000, 0).unwrap()
}

fn kind(token: &str) -> ErrorKind {
    let v = Validation::new(&[Algorithm::HS256]);
    decode_at(token.as_bytes(), &key(), &v, now())
        .unwrap_err()
        .kind()
}

fn signed(header: &str, payload: &str) -> String {
    // Sign arbitrary header/payload bytes with HS256 so only the part under test is wrong.
    let input = format!("{}.{}", b64(header), b64(payload));
    let k = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, b"server secret");
    let tag = aws_lc_rs::hmac::sign(&k, input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(tag.as_ref()))
}

#[test]
fn good_token_passes() {
    let t = signed(r#"{"typ":"JWT","alg":"HS256"}"#, r#"{"exp":1000001}"#);
    let v = Validation::new(&[Algorithm::HS256]);
    assert!(decode_at(t.as_bytes(), &key(), &v, now()).is_ok());
}

#[test]
fn alg_none_and_disallowed_algorithms() {
    let none = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64("{}"));
    assert_eq!(kind(&none), ErrorKind::InvalidAlgorithm);
    let none_sig = signed(r#"{"alg":"none"}"#, "{}");
    assert_eq!(kind(&none_sig), ErrorKind::InvalidAlgorithm);
    assert_eq!(
        kind(&signed(r#"{"alg":"HS512"}"#, "{}")),
        ErrorKind::InvalidAlgorithm
    );
    assert_eq!(
        kind(&signed(r#"{"alg":"hs256"}"#, "{}")),
        ErrorKind::InvalidAlgorithm
    );
    assert_eq!(
        kind(&signed(r#"{"alg":"RS256"}"#, "{}")),
        ErrorKind::InvalidAlgorithm
    );
}

#[test]
fn hmac_key_with_an_allowed_rsa_alg_is_a_key_error() {
    let t = signed(r#"{"alg":"RS256"}"#, "{}");
    let v = Validation::new(&[Algorithm::HS256, Algorithm::RS256]);
    let err = decode_at(t.as_bytes(), &key(), &v, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

#[test]
fn tampering_is_an_invalid_signature() {
    let t = signed(r#"{"alg":"HS256"}"#, r#"{"user":"ann"}"#);
    let (input, sig) = t.rsplit_once('.').unwrap();
    let forged = format!(
        "{}.{}.{sig}",
        b64(r#"{"alg":"HS256"}"#),
        b64(r#"{"user":"bob"}"#)
    );
    assert_eq!(kind(&forged), ErrorKind::InvalidSignature);
    assert_eq!(kind(&format!("{input}.")), ErrorKind::InvalidSignature);
    let other = Key::from_secret(b"other secret").unwrap();
    let v = Validation::new(&[Algorithm::HS256]);
    let err = decode_at(t.as_bytes(), &other, &v, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    // A truncated signature must not verify either.
    assert_eq!(kind(&t[..t.len() - 3]), ErrorKind::InvalidSignature);
}

#[test]
fn structure_errors_are_malformed() {
    let good = signed(r#"{"alg":"HS256"}"#, "{}");
    let malformed = [
        "",
        "abc",
        "a.b",
        "a.b.c.d",
        &format!("{good}="),
        &good.replace('.', ".."),
        &format!("{}={}", &good[..4], &good[4..]),
        &signed("[]", "{}"),
        &signed(r#"{"alg":"HS256"}"#, "[]"),
        &signed(r#"{"alg":"HS256"}"#, r#"{"a":1,"a":2}"#),
        &signed(r#"{"alg":"HS256"}"#, r#"{"a":NaN}"#),
        &signed(r#"{"alg":"HS256","alg":"HS256"}"#, "{}"),
        &signed(r#"{"alg":"HS256","kid":1}"#, "{}"),
        &signed(r#"{"alg":"HS256"}"#, "not json"),
        "\u{e9}\u{e9}.\u{e9}.\u{e9}",
    ];
    for t in malformed {
        assert_eq!(kind(t), ErrorKind::MalformedToken, "{t:?}");
    }
}

#[test]
fn claims_json_is_only_parsed_after_the_signature_verifies() {
    // A forged token with a broken payload reports the forgery, not the JSON.
    let t = format!(
        "{}.{}.{}",
        b64(r#"{"alg":"HS256"}"#),
        b64("{{{"),
        b64("sig")
    );
    assert_eq!(kind(&t), ErrorKind::InvalidSignature);
}

#[test]
fn critical_headers_are_refused() {
    let t = signed(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, "{}");
    assert_eq!(kind(&t), ErrorKind::UnsupportedCriticalHeader);
}

#[test]
fn oversized_tokens_are_refused_before_parsing() {
    let mut v = Validation::new(&[Algorithm::HS256]);
    let huge = "a".repeat(v.max_token_size + 1);
    let err = decode_at(huge.as_bytes(), &key(), &v, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TokenTooLarge);
    v.max_token_size = 20;
    let t = signed(r#"{"alg":"HS256"}"#, "{}");
    let err = decode_at(t.as_bytes(), &key(), &v, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TokenTooLarge);
}

#[test]
fn encode_refuses_what_decode_would_refuse() {
    let k = key();
    let bad: Claims = serde_json::from_str(r#"{"exp":"tomorrow"}"#).unwrap();
    assert_eq!(
        encode(&bad, Algorithm::HS256, &k).unwrap_err().kind(),
        ErrorKind::InvalidClaim
    );
    let ok: Claims = serde_json::from_str(r#"{"exp":1e3}"#).unwrap();
    assert!(encode(&ok, Algorithm::HS256, &k).is_ok());
    assert_eq!(
        encode(&ok, Algorithm::RS256, &k).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
}

#[test]
fn every_prefix_of_a_token_fails_cleanly() {
    let t = signed(
        r#"{"typ":"JWT","alg":"HS256"}"#,
        r#"{"user_id":1,"exp":1000001}"#,
    );
    for end in 0..t.len() {
        let v = Validation::new(&[Algorithm::HS256]);
        assert!(
            decode_at(&t.as_bytes()[..end], &key(), &v, now()).is_err(),
            "{end}"
        );
    }
}
