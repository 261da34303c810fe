//! The rule "an encode never produces a token ferrojwt itself would not decode", for every way a
//! fresh-user run found around it (each case failed before its fix).

#![allow(clippy::unwrap_used, clippy::panic)]

use std::borrow::Cow;

use chrono::{TimeDelta, TimeZone, Utc};
use ferrojwt::{
    decode_at, encode, encode_ref, Algorithm, Claims, ErrorKind, JsonRef, Key, ObjectRef,
    RefreshPolicy, Validation, DEFAULT_MAX_TOKEN_SIZE, MAX_NUMERIC_DATE, MIN_NUMERIC_DATE,
};

fn object(members: Vec<(&'static str, JsonRef<'static>)>) -> ObjectRef<'static> {
    ObjectRef::from_members(
        members
            .into_iter()
            .map(|(n, v)| (Cow::Borrowed(n), v))
            .collect(),
    )
    .unwrap()
}

fn secret() -> Key {
    Key::from_secret(b"encode refusals secret").unwrap()
}

#[test]
fn non_finite_floats_are_refused_in_claims_and_headers() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let claims = object(vec![("f", JsonRef::Float(bad))]);
        let err = encode_ref(&claims, Algorithm::HS256, &secret(), &ObjectRef::default());
        assert_eq!(err.unwrap_err().kind(), ErrorKind::InvalidArgument, "{bad}");
        let nested = object(vec![("a", JsonRef::Array(vec![JsonRef::Float(bad)]))]);
        let header = object(vec![("x", JsonRef::Float(bad))]);
        for (claims, header) in [(&nested, &ObjectRef::default()), (&object(vec![]), &header)] {
            let err = encode_ref(claims, Algorithm::HS256, &secret(), header).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{bad}");
        }
    }
}

#[test]
fn header_values_nested_too_deeply_are_refused() {
    let mut deep = JsonRef::Null;
    for _ in 0..200 {
        deep = JsonRef::Array(vec![deep]);
    }
    let header = object(vec![("x", deep)]);
    let err = encode_ref(&object(vec![]), Algorithm::HS256, &secret(), &header).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    // Not "claims nested too deeply" for a header (found by a fresh-user run).
    assert!(!err.message().contains("claims"), "{err}");
    assert!(
        err.message().contains("nested more than 64 levels deep"),
        "{err}"
    );
}

#[test]
fn tokens_longer_than_a_decode_accepts_are_refused() {
    let mut claims = Claims::new();
    claims.insert("blob".into(), "x".repeat(DEFAULT_MAX_TOKEN_SIZE).into());
    let err = encode(&claims, Algorithm::HS256, &secret()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    // Just under the limit still works, and decodes.
    claims.insert("blob".into(), "x".repeat(DEFAULT_MAX_TOKEN_SIZE / 2).into());
    let token = encode(&claims, Algorithm::HS256, &secret()).unwrap();
    let now = Utc.timestamp_opt(1_000, 0).unwrap();
    assert!(decode_at(
        token.as_bytes(),
        &secret(),
        &Validation::new(&[Algorithm::HS256]),
        now
    )
    .is_ok());
}

#[test]
fn a_refresh_stamp_beyond_year_9999_stops_there_and_encodes() {
    let policy = RefreshPolicy::new(TimeDelta::MAX, TimeDelta::days(7));
    let mut claims = Claims::new();
    policy.stamp(&mut claims, Utc::now());
    assert_eq!(claims["exp"], MAX_NUMERIC_DATE as i64);
    assert!(encode(&claims, Algorithm::HS256, &secret()).is_ok());
}

#[test]
fn a_refresh_stamp_before_year_1_stops_there_too() {
    // Found by a fresh-user run: a huge negative expiration overflowed to the *latest* date, so
    // a token meant to be already expired was valid until year 9999.
    let policy = RefreshPolicy::new(TimeDelta::MIN, TimeDelta::days(7));
    let mut claims = Claims::new();
    policy.stamp(&mut claims, Utc::now());
    assert_eq!(claims["exp"], MIN_NUMERIC_DATE as i64);
    let token = encode(&claims, Algorithm::HS256, &secret()).unwrap();
    let err = decode_at(
        token.as_bytes(),
        &secret(),
        &Validation::new(&[Algorithm::HS256]),
        Utc::now(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ferrojwt::ErrorKind::ExpiredSignature, "{err}");
    // Negative but in range: an ordinary past date.
    let policy = RefreshPolicy::new(TimeDelta::seconds(-60), TimeDelta::days(7));
    let now = Utc.timestamp_opt(1_000_000, 0).unwrap();
    policy.stamp(&mut claims, now);
    assert_eq!(claims["exp"], 1_000_000 - 60);
}
