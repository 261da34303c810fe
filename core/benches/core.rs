//! The Rust core against jsonwebtoken 12 (aws-lc-rs backend) called directly, and a minimal
//! hand-written HS256 verify (aws-lc-rs hmac + base64 + serde_json) as the floor.
//! Payload: djangorestframework_jwt's {user_id, username, exp, email, orig_iat}; a 50-character
//! HS256 secret; RSA 2048 / P-256 / Ed25519 keys from core/tests/keys. `make bench` runs it.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use ferrojwt::{Algorithm, Claims, Key, Validation};
use serde::{Deserialize, Serialize};

const SECRET: &[u8] = b"bench-secret-key-kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";

#[derive(Serialize, Deserialize)]
struct DrfClaims {
    user_id: u64,
    username: String,
    exp: i64,
    email: String,
    orig_iat: i64,
}

fn claims() -> (DrfClaims, Claims) {
    let now = Utc::now().timestamp();
    let c = DrfClaims {
        user_id: 1,
        username: "alice".into(),
        exp: now + 86_400,
        email: "alice@example.com".into(),
        orig_iat: now,
    };
    let map: Claims = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    (c, map)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The floor: what any HS256 verifier must do at least.
fn floor_verify(token: &[u8], key: &aws_lc_rs::hmac::Key, now: i64) -> serde_json::Value {
    let mut dots = token.iter().enumerate().filter(|(_, b)| **b == b'.');
    let first = dots.next().unwrap().0;
    let second = dots.next().unwrap().0;
    let header = URL_SAFE_NO_PAD.decode(&token[..first]).unwrap();
    let header: serde_json::Value = serde_json::from_slice(&header).unwrap();
    assert_eq!(header["alg"], "HS256");
    let sig = URL_SAFE_NO_PAD.decode(&token[second + 1..]).unwrap();
    aws_lc_rs::hmac::verify(key, &token[..second], &sig).unwrap();
    let payload = URL_SAFE_NO_PAD.decode(&token[first + 1..second]).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&payload).unwrap();
    assert!(claims["exp"].as_i64().unwrap() > now);
    claims
}

fn hs256(c: &mut Criterion) {
    let (typed, map) = claims();
    let key = Key::from_secret(SECRET).unwrap();
    let token = ferrojwt::encode(&map, Algorithm::HS256, &key).unwrap();
    let validation = Validation::new(&[Algorithm::HS256]);
    let jek = jsonwebtoken::EncodingKey::from_secret(SECRET).unwrap();
    let jdk = jsonwebtoken::DecodingKey::from_secret(SECRET).unwrap();
    let jheader = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    let jval = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    let floor_key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, SECRET);

    let mut g = c.benchmark_group("HS256");
    g.bench_function("encode/ferrojwt", |b| {
        b.iter(|| ferrojwt::encode(black_box(&map), Algorithm::HS256, &key).unwrap())
    });
    g.bench_function("encode/jsonwebtoken", |b| {
        b.iter(|| jsonwebtoken::encode(&jheader, black_box(&typed), &jek).unwrap())
    });
    g.bench_function("decode/ferrojwt", |b| {
        b.iter(|| {
            ferrojwt::decode_at(black_box(token.as_bytes()), &key, &validation, Utc::now()).unwrap()
        })
    });
    g.bench_function("decode/ferrojwt-in-place", |b| {
        b.iter(|| {
            let verifier = ferrojwt::Verifier::Key(&key);
            ferrojwt::decode_claims_with(
                black_box(token.as_bytes()),
                verifier,
                &validation,
                Utc::now(),
                |_, claims| claims.len(),
            )
            .unwrap()
        })
    });
    g.bench_function("decode/jsonwebtoken", |b| {
        b.iter(|| jsonwebtoken::decode::<DrfClaims>(black_box(&token), &jdk, &jval).unwrap())
    });
    g.bench_function("decode/floor", |b| {
        b.iter(|| {
            floor_verify(
                black_box(token.as_bytes()),
                &floor_key,
                Utc::now().timestamp(),
            )
        })
    });
    g.finish();
}

fn asymmetric(c: &mut Criterion) {
    let (typed, map) = claims();
    let cases = [
        (
            "RS256",
            Algorithm::RS256,
            jsonwebtoken::Algorithm::RS256,
            "rsa2048.pkcs8.pem",
            "rsa2048.spki.pem",
        ),
        (
            "PS256",
            Algorithm::PS256,
            jsonwebtoken::Algorithm::PS256,
            "rsa2048.pkcs8.pem",
            "rsa2048.spki.pem",
        ),
        (
            "ES256",
            Algorithm::ES256,
            jsonwebtoken::Algorithm::ES256,
            "ec_p256.pkcs8.pem",
            "ec_p256.spki.pem",
        ),
        (
            "EdDSA",
            Algorithm::EdDSA,
            jsonwebtoken::Algorithm::EdDSA,
            "ed25519.pkcs8.pem",
            "ed25519.spki.pem",
        ),
    ];
    for (name, alg, jalg, private, public) in cases {
        let sk = Key::parse(&read(private)).unwrap();
        let vk = Key::parse(&read(public)).unwrap();
        let token = ferrojwt::encode(&map, alg, &sk).unwrap();
        let validation = Validation::new(&[alg]);
        let (jek, jdk) = match jalg {
            jsonwebtoken::Algorithm::RS256 | jsonwebtoken::Algorithm::PS256 => (
                jsonwebtoken::EncodingKey::from_rsa_pem(&read(private)).unwrap(),
                jsonwebtoken::DecodingKey::from_rsa_pem(&read(public)).unwrap(),
            ),
            jsonwebtoken::Algorithm::ES256 => (
                jsonwebtoken::EncodingKey::from_ec_pem(&read(private)).unwrap(),
                jsonwebtoken::DecodingKey::from_ec_pem(&read(public)).unwrap(),
            ),
            _ => (
                jsonwebtoken::EncodingKey::from_ed_pem(&read(private)).unwrap(),
                jsonwebtoken::DecodingKey::from_ed_pem(&read(public)).unwrap(),
            ),
        };
        let jheader = jsonwebtoken::Header::new(jalg);
        let jval = jsonwebtoken::Validation::new(jalg);
        let mut g = c.benchmark_group(name);
        if alg.family() == ferrojwt::Family::Rsa || alg.family() == ferrojwt::Family::RsaPss {
            // RSA signing is ~1 ms per call: fewer samples keep the run short.
            g.sample_size(10);
        }
        g.bench_function("encode/ferrojwt", |b| {
            b.iter(|| ferrojwt::encode(black_box(&map), alg, &sk).unwrap())
        });
        g.bench_function("encode/jsonwebtoken", |b| {
            b.iter(|| jsonwebtoken::encode(&jheader, black_box(&typed), &jek).unwrap())
        });
        g.bench_function("decode/ferrojwt", |b| {
            b.iter(|| {
                ferrojwt::decode_at(black_box(token.as_bytes()), &vk, &validation, Utc::now())
                    .unwrap()
            })
        });
        g.bench_function("decode/jsonwebtoken", |b| {
            b.iter(|| jsonwebtoken::decode::<DrfClaims>(black_box(&token), &jdk, &jval).unwrap())
        });
        g.finish();
    }
}

fn config() -> Criterion {
    let quick = std::env::var_os("BENCH_QUICK").is_some_and(|v| v == "1");
    let secs = if quick { 1 } else { 3 };
    Criterion::default()
        .warm_up_time(Duration::from_millis(if quick { 300 } else { 1000 }))
        .measurement_time(Duration::from_secs(secs))
        .sample_size(if quick { 20 } else { 50 })
        .without_plots()
}

criterion_group! {
    name = benches;
    config = config();
    targets = hs256, asymmetric
}
criterion_main!(benches);
