//! Byte-identical output against PyJWT 1.7.1 (what djangorestframework_jwt 1.11 pins), and the
//! real token from the article the Django flow comes from.

#![allow(clippy::unwrap_used, clippy::panic)]

use chrono::{TimeZone, Utc};
use ferrojwt::{
    decode_at, decode_header, decode_unverified, decode_with, encode, encode_with_header,
    parse_json, Algorithm, Claims, ErrorKind, Key, Validation,
};
use serde_json::{Map, Value};

fn fixtures() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/pyjwt1_tokens.json"
    );
    let text = std::fs::read(path).expect("fixture file");
    match parse_json(&text).expect("fixture JSON") {
        Value::Array(items) => items,
        other => panic!("unexpected fixture shape {other}"),
    }
}

fn object(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

#[test]
fn tokens_are_byte_identical_to_pyjwt_1_7_1() {
    let cases = fixtures();
    assert!(cases.len() >= 7);
    for case in cases {
        let name = case["name"].as_str().unwrap_or_default();
        let claims = match parse_json(case["payload_json"].as_str().unwrap_or_default().as_bytes())
        {
            Ok(Value::Object(m)) => m,
            other => panic!("{name}: {other:?}"),
        };
        let alg: Algorithm = case["alg"].as_str().unwrap_or_default().parse().unwrap();
        let key = Key::from_secret(case["secret"].as_str().unwrap_or_default().as_bytes()).unwrap();
        let headers = object(&case["headers"]);
        let token = encode_with_header(&claims, alg, &key, &headers).unwrap();
        assert_eq!(token, case["token"].as_str().unwrap_or_default(), "{name}");

        // And ferrojwt verifies PyJWT's token, giving back the same claims in the same order.
        let mut v = Validation::new(&[alg]);
        v.verify_exp = false;
        let now = Utc.timestamp_opt(1_500_000_000, 0).unwrap();
        let decoded = decode_at(token.as_bytes(), &key, &v, now).unwrap();
        assert_eq!(
            decoded.claims.keys().collect::<Vec<_>>(),
            claims.keys().collect::<Vec<_>>(),
            "{name}"
        );
        assert_eq!(decoded.claims, claims, "{name}");
    }
}

const ARTICLE_TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoxLCJ1c2VybmFtZSI6InJlYWRlciIsImV4cCI6MTUxMjgyNzc1NSwiZW1haWwiOiJyZWFkZXJAZXhhbXBsZS5jb20iLCJvcmlnX2lhdCI6MTUxMjc0MTM1NX0.xiPc-3xM9LcfsmuufvhwpjbqwZIHKTlrwwbo9pnLauU";

#[test]
fn article_token_header_and_claims() {
    let header = decode_header(ARTICLE_TOKEN.as_bytes()).unwrap();
    assert_eq!(
        serde_json::to_string(header.as_map()).unwrap(),
        r#"{"typ":"JWT","alg":"HS256"}"#
    );
    let decoded = decode_unverified(ARTICLE_TOKEN.as_bytes()).unwrap();
    assert_eq!(
        serde_json::to_string(&decoded.claims).unwrap(),
        r#"{"user_id":1,"username":"reader","exp":1512827755,"email":"reader@example.com","orig_iat":1512741355}"#
    );
}

#[test]
fn article_token_fails_with_any_secret_and_is_expired() {
    let v = Validation::new(&[Algorithm::HS256]);
    for secret in [&b"secret"[..], b"django-insecure-key", b"reader"] {
        let key = Key::from_secret(secret).unwrap();
        let err = decode_at(ARTICLE_TOKEN.as_bytes(), &key, &v, Utc::now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    }
    let mut no_sig = Validation::new(&[Algorithm::HS256]);
    no_sig.verify_signature = false;
    let err = decode_with(ARTICLE_TOKEN.as_bytes(), None, &no_sig, Utc::now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ExpiredSignature);
    // Before its exp it would pass every claim check.
    let then = Utc.timestamp_opt(1_512_741_400, 0).unwrap();
    assert!(decode_with(ARTICLE_TOKEN.as_bytes(), None, &no_sig, then).is_ok());
}

#[test]
fn article_payload_re_encodes_to_the_same_segments() {
    let claims: Claims = decode_unverified(ARTICLE_TOKEN.as_bytes()).unwrap().claims;
    let key = Key::from_secret(b"any secret").unwrap();
    let token = encode(&claims, Algorithm::HS256, &key).unwrap();
    let prefix = |t: &str| {
        t.rsplit_once('.')
            .map(|(p, _)| p.to_owned())
            .unwrap_or_default()
    };
    assert_eq!(prefix(&token), prefix(ARTICLE_TOKEN));
}
