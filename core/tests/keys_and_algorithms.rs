//! Every algorithm with every key form: parsing, sign/verify round trips, interop with tokens
//! signed by PyJWT 2 + cryptography, key-confusion refusals, key sets and rotation, and a
//! round-trip property test over random claims.

#![allow(clippy::unwrap_used, clippy::panic)]

use base64::Engine;
use chrono::{TimeZone, Utc};
use ferrojwt::{
    decode_at, decode_with_keyset, encode, encode_with_header, parse_json, Algorithm, Claims,
    Curve, ErrorKind, Key, KeySet, KeyType, Validation,
};
use serde_json::{Map, Value};

fn key_bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn key(name: &str) -> Key {
    Key::parse(&key_bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn now() -> chrono::DateTime<Utc> {
    Utc.timestamp_opt(1_500_000_100, 0).unwrap()
}

fn claims(json: &str) -> Claims {
    match parse_json(json.as_bytes()).unwrap() {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

#[test]
fn every_key_form_parses_to_its_type() {
    let cases: &[(&str, KeyType, bool)] = &[
        ("rsa2048.pkcs8.pem", KeyType::Rsa, true),
        ("rsa2048.pkcs1.pem", KeyType::Rsa, true),
        ("rsa2048.pkcs8.der", KeyType::Rsa, true),
        ("rsa2048.spki.pem", KeyType::Rsa, false),
        ("rsa2048.spki.der", KeyType::Rsa, false),
        ("rsa2048.pkcs1pub.pem", KeyType::Rsa, false),
        ("rsa2048.cert.pem", KeyType::Rsa, false),
        ("ec_p256.pkcs8.pem", KeyType::Ec(Curve::P256), true),
        ("ec_p256.sec1.pem", KeyType::Ec(Curve::P256), true),
        ("ec_p256.spki.pem", KeyType::Ec(Curve::P256), false),
        ("ec_p384.sec1.pem", KeyType::Ec(Curve::P384), true),
        ("ec_p384.spki.pem", KeyType::Ec(Curve::P384), false),
        ("ec_p521.pkcs8.pem", KeyType::Ec(Curve::P521), true),
        ("ec_p521.sec1.pem", KeyType::Ec(Curve::P521), true),
        ("ec_p521.spki.pem", KeyType::Ec(Curve::P521), false),
        ("ed25519.pkcs8.pem", KeyType::Ed25519, true),
        ("ed25519.spki.pem", KeyType::Ed25519, false),
        ("ssh_ed25519.pub.txt", KeyType::Ed25519, false),
        ("ssh_rsa.pub.txt", KeyType::Rsa, false),
        ("ssh_rsa.pkcs1.pem", KeyType::Rsa, true),
        ("ec_p256.openssh.pub.txt", KeyType::Ec(Curve::P256), false),
        ("ec_p384.openssh.pub.txt", KeyType::Ec(Curve::P384), false),
        ("ec_p521.openssh.pub.txt", KeyType::Ec(Curve::P521), false),
    ];
    for (name, ty, private) in cases {
        let k = key(name);
        assert_eq!(k.key_type(), *ty, "{name}");
        assert_eq!(k.can_sign(), *private, "{name}");
    }
}

#[test]
fn weak_and_unsupported_keys_are_refused_with_a_reason() {
    for name in ["rsa1024.pkcs8.pem", "rsa1024.spki.pem"] {
        let err = Key::parse(&key_bytes(name)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{name}");
        assert!(err.message().contains("2048"), "{name}: {err}");
    }
    let err = Key::parse(&key_bytes("ed448.pkcs8.pem")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKeyFormat);
    assert!(err.message().contains("expected"), "{err}");
}

fn pairs() -> Vec<(Algorithm, &'static str, Vec<&'static str>)> {
    let rsa_public = vec![
        "rsa2048.spki.pem",
        "rsa2048.spki.der",
        "rsa2048.pkcs1pub.pem",
        "rsa2048.cert.pem",
        "rsa2048.cert.der",
        "rsa2048.pkcs1pub.der",
        "rsa2048.pkcs1.pem",
        "rsa2048.pkcs1.der",
    ];
    let mut out = vec![];
    for alg in [
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
    ] {
        out.push((alg, "rsa2048.pkcs8.pem", rsa_public.clone()));
    }
    out.push((
        Algorithm::ES256,
        "ec_p256.sec1.pem",
        vec![
            "ec_p256.spki.pem",
            "ec_p256.pkcs8.pem",
            "ec_p256.spki.der",
            "ec_p256.cert.pem",
            "ec_p256.cert.der",
            "ec_p256.openssh.pub.txt",
        ],
    ));
    out.push((
        Algorithm::ES384,
        "ec_p384.pkcs8.pem",
        vec![
            "ec_p384.spki.pem",
            "ec_p384.sec1.pem",
            "ec_p384.openssh.pub.txt",
        ],
    ));
    for alg in [Algorithm::ES512, Algorithm::ES521] {
        out.push((
            alg,
            "ec_p521.pkcs8.pem",
            vec![
                "ec_p521.spki.pem",
                "ec_p521.sec1.pem",
                "ec_p521.openssh.pub.txt",
            ],
        ));
    }
    out.push((
        Algorithm::EdDSA,
        "ed25519.pkcs8.pem",
        vec!["ed25519.spki.pem", "ed25519.spki.der"],
    ));
    out.push((
        Algorithm::RS256,
        "ssh_rsa.pkcs1.pem",
        vec!["ssh_rsa.pub.txt"],
    ));
    out
}

#[test]
fn sign_with_private_verify_with_every_public_form() {
    let c = claims(r#"{"sub":"42","exp":1500000200}"#);
    for (alg, private, publics) in pairs() {
        let signer = key(private);
        let token = encode(&c, alg, &signer).unwrap();
        let v = Validation::new(&[alg]);
        for public in publics {
            let decoded = decode_at(token.as_bytes(), &key(public), &v, now())
                .unwrap_or_else(|e| panic!("{alg} {private} -> {public}: {e}"));
            assert_eq!(decoded.claims, c);
        }
        // A flipped bit anywhere in the signature fails.
        let mut bytes = token.clone().into_bytes();
        let last = bytes.len() - 5;
        bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
        let err = decode_at(&bytes, &signer, &v, now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature, "{alg}");
    }
}

#[test]
fn public_keys_cannot_sign() {
    let err = encode(&Claims::new(), Algorithm::RS256, &key("rsa2048.spki.pem")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

#[test]
fn tokens_signed_by_pyjwt2_verify() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/pyjwt2_asym_tokens.json"
    );
    let cases = parse_json(&std::fs::read(path).unwrap()).unwrap();
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 10);
    for case in cases {
        let alg: Algorithm = case["alg"].as_str().unwrap().parse().unwrap();
        let public = key(case["public"].as_str().unwrap());
        let token = case["token"].as_str().unwrap();
        let decoded = decode_at(token.as_bytes(), &public, &Validation::new(&[alg]), now())
            .unwrap_or_else(|e| panic!("{alg}: {e}"));
        assert_eq!(decoded.claims["name"], "J\u{f6}rg");
        assert_eq!(decoded.header.kid(), Some(alg.as_str()));
        // Only the stated algorithm is accepted for that token.
        let others: Vec<Algorithm> = Algorithm::ALL
            .iter()
            .copied()
            .filter(|a| *a != alg)
            .collect();
        let err =
            decode_at(token.as_bytes(), &public, &Validation::new(&others), now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidAlgorithm);
    }
}

#[test]
fn public_key_bytes_can_never_become_an_hmac_secret() {
    // The classic confusion: sign HS256 with the server's public PEM as the secret.
    for public in [
        "rsa2048.spki.pem",
        "rsa2048.cert.pem",
        "ssh_rsa.pub.txt",
        "ec_p256.spki.pem",
    ] {
        let pem = key_bytes(public);
        let err = Key::from_secret(&pem).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{public}");
        // And a verifier holding the real public key refuses an HS256 token outright.
        let forged = {
            let secret = Key::from_secret(b"attacker-chosen").unwrap();
            encode(&claims("{}"), Algorithm::HS256, &secret).unwrap()
        };
        let v = Validation::new(&[Algorithm::HS256, Algorithm::RS256, Algorithm::ES256]);
        let err = decode_at(forged.as_bytes(), &key(public), &v, now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{public}");
    }
}

/// PyJWT 1.x (and so djangorestframework_jwt 1.11) named ES512 `ES521` and wrote that name into
/// its tokens: they must verify under that name, and new ones must say it too.
#[test]
fn es521_is_pyjwt1s_name_for_es512_and_stays_in_the_header() {
    let private = key("ec_p521.pkcs8.pem");
    let public = key("ec_p521.spki.pem");
    let token = encode(&claims(r#"{"sub":"1"}"#), Algorithm::ES521, &private).unwrap();
    let header = token.split('.').next().unwrap();
    assert_eq!(header, "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzUyMSJ9"); // {"typ":"JWT","alg":"ES521"}
    let v = |algs: &[Algorithm]| Validation::new(algs);
    let decoded = decode_at(token.as_bytes(), &public, &v(&[Algorithm::ES521]), now()).unwrap();
    assert_eq!(decoded.header.alg(), "ES521");
    // As in PyJWT 1.x, each name must be allowed by that name.
    for (token_alg, allowed) in [
        (Algorithm::ES521, Algorithm::ES512),
        (Algorithm::ES512, Algorithm::ES521),
    ] {
        let token = encode(&claims("{}"), token_alg, &private).unwrap();
        let err = decode_at(token.as_bytes(), &public, &v(&[allowed]), now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidAlgorithm);
    }
    // And only a P-521 key serves it.
    let err = encode(&claims("{}"), Algorithm::ES521, &key("ec_p256.pkcs8.pem")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

/// PEM as exported by other tools: a UTF-8 BOM, comment lines, openssl's `Bag Attributes`.
#[test]
fn pem_with_text_before_the_block_parses() {
    let pem = String::from_utf8(key_bytes("rsa2048.spki.pem")).unwrap();
    let private = String::from_utf8(key_bytes("rsa2048.pkcs8.pem")).unwrap();
    for prefix in [
        "\u{feff}",
        "# the API's verification key\n",
        "Bag Attributes\n    localKeyID: 01 02 03\nsubject=/CN=test\n",
    ] {
        let public = Key::parse(format!("{prefix}{pem}").as_bytes()).unwrap();
        assert_eq!(public.key_type(), KeyType::Rsa, "{prefix:?}");
        let signer = Key::parse(format!("{prefix}{private}").as_bytes()).unwrap();
        let token = encode(&claims("{}"), Algorithm::RS256, &signer).unwrap();
        let v = Validation::new(&[Algorithm::RS256]);
        assert!(decode_at(token.as_bytes(), &public, &v, now()).is_ok());
    }
    // An OpenSSH ECDSA key names its curve twice; they must agree.
    let line = String::from_utf8(key_bytes("ec_p256.openssh.pub.txt")).unwrap();
    let swapped = line.replacen("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", 1);
    assert_eq!(
        Key::parse(swapped.as_bytes()).unwrap_err().kind(),
        ErrorKind::InvalidKeyFormat
    );
}

#[test]
fn ec_keys_only_serve_their_own_curve() {
    let v = Validation::new(&[Algorithm::ES256, Algorithm::ES384]);
    let token = encode(&claims("{}"), Algorithm::ES384, &key("ec_p384.pkcs8.pem")).unwrap();
    let err = decode_at(token.as_bytes(), &key("ec_p256.spki.pem"), &v, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    let err = encode(&claims("{}"), Algorithm::ES256, &key("ec_p384.pkcs8.pem")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

#[test]
fn key_rotation_with_kid() {
    let old = key("rsa2048.pkcs8.pem").with_kid("2026-01");
    let new = key("ssh_rsa.pkcs1.pem").with_kid("2026-07");
    let mut verifiers = KeySet::new();
    verifiers
        .push(key("rsa2048.spki.pem").with_kid("2026-01"))
        .unwrap();
    verifiers
        .push(key("ssh_rsa.pub.txt").with_kid("2026-07"))
        .unwrap();
    let v = Validation::new(&[Algorithm::RS256]);
    let c = claims(r#"{"sub":"1"}"#);
    for signer in [&old, &new] {
        let token = encode(&c, Algorithm::RS256, signer).unwrap();
        let decoded = decode_with_keyset(token.as_bytes(), &verifiers, &v, now()).unwrap();
        assert_eq!(decoded.header.kid(), signer.kid());
    }
    // Unknown kid.
    let mut header = Map::new();
    header.insert("kid".into(), Value::String("2025-01".into()));
    let stray =
        encode_with_header(&c, Algorithm::RS256, &key("rsa2048.pkcs8.pem"), &header).unwrap();
    let err = decode_with_keyset(stray.as_bytes(), &verifiers, &v, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyNotFound);
    // No kid: every RSA key is tried; with require_kid the token is refused.
    let anonymous = encode(&c, Algorithm::RS256, &key("ssh_rsa.pkcs1.pem")).unwrap();
    assert!(decode_with_keyset(anonymous.as_bytes(), &verifiers, &v, now()).is_ok());
    let strict = verifiers.require_kid(true);
    let err = decode_with_keyset(anonymous.as_bytes(), &strict, &v, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyNotFound);
    // A kid naming the wrong key does not fall back to the others.
    let mut wrong = Map::new();
    wrong.insert("kid".into(), Value::String("2026-01".into()));
    let mislabelled =
        encode_with_header(&c, Algorithm::RS256, &key("ssh_rsa.pkcs1.pem"), &wrong).unwrap();
    let err = decode_with_keyset(mislabelled.as_bytes(), &strict, &v, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
}

#[test]
fn jwk_sets_round_trip_with_private_jwks() {
    // RFC 7517 appendix-style set: an EC and an RSA public key; private JWKs sign.
    let jwks = br#"{"keys":[
      {"kty":"EC","crv":"P-256","kid":"ec1","use":"sig",
       "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"},
      {"kty":"OKP","crv":"X448","x":"AAAA"},
      {"kty":"OKP","crv":"Ed25519","kid":"ed1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
    ]}"#;
    // The X448 entry (an ECDH key on a curve ferrojwt does not sign with) is skipped, not fatal.
    let set = KeySet::from_jwks(jwks).unwrap();
    assert_eq!(set.len(), 2);
    assert_eq!(set.skipped().len(), 1);
    assert!(set.skipped()[0].contains("entry 1"), "{:?}", set.skipped());
    let ok = br#"{"keys":[
      {"kty":"EC","crv":"P-256","kid":"ec1","use":"sig",
       "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"},
      {"kty":"oct-unknown","k":"AAAA"},
      {"kty":"OKP","crv":"Ed25519","kid":"ed1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
    ]}"#;
    let set = KeySet::from_jwks(ok).unwrap();
    assert_eq!(set.len(), 2); // the unknown kty is skipped (RFC 7517 section 5)
                              // RFC 8037 A.1/A.4: the Ed25519 private JWK and its signature over the example payload.
    let private = Key::from_jwk(
        br#"{"kty":"OKP","crv":"Ed25519","kid":"ed1",
        "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
    )
    .unwrap();
    let token = encode(&claims(r#"{"a":1}"#), Algorithm::EdDSA, &private).unwrap();
    let v = Validation::new(&[Algorithm::EdDSA]);
    assert!(decode_with_keyset(token.as_bytes(), &set, &v, now()).is_ok());
    let rfc8037 = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    assert!(ferrojwt::verify_jws(rfc8037.as_bytes(), &set, &[Algorithm::EdDSA], 4096).is_ok());
}

/// A small deterministic generator, so the property test needs no extra dependency and every
/// failure reproduces.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn value(&mut self, depth: u32) -> Value {
        match self.next() % if depth > 2 { 5 } else { 7 } {
            0 => Value::Null,
            1 => Value::Bool(self.next().is_multiple_of(2)),
            2 => Value::from(self.next() as i64),
            3 => Value::from(f64::from_bits(self.next() >> 2).clamp(-1e300, 1e300)),
            4 => {
                let len = self.next() % 12;
                let s: String = (0..len)
                    .map(|_| char::from_u32((self.next() % 0x2_0000) as u32).unwrap_or('\u{fffd}'))
                    .collect();
                Value::String(s)
            }
            5 => Value::Array(
                (0..self.next() % 4)
                    .map(|_| self.value(depth + 1))
                    .collect(),
            ),
            _ => Value::Object(self.map(depth + 1)),
        }
    }

    fn map(&mut self, depth: u32) -> Map<String, Value> {
        let mut m = Map::new();
        for i in 0..self.next() % 6 {
            m.insert(format!("k{i}_{}", self.next() % 1000), self.value(depth));
        }
        m
    }
}

#[test]
fn round_trip_random_claims_over_every_algorithm() {
    let keys: Vec<(Algorithm, Key)> = vec![
        (
            Algorithm::HS256,
            Key::from_secret(b"round trip secret").unwrap(),
        ),
        (
            Algorithm::HS384,
            Key::from_secret(b"round trip secret").unwrap(),
        ),
        (
            Algorithm::HS512,
            Key::from_secret(b"round trip secret").unwrap(),
        ),
        (Algorithm::RS256, key("rsa2048.pkcs8.pem")),
        (Algorithm::RS384, key("rsa2048.pkcs8.pem")),
        (Algorithm::RS512, key("rsa2048.pkcs8.pem")),
        (Algorithm::PS256, key("rsa2048.pkcs8.pem")),
        (Algorithm::PS384, key("rsa2048.pkcs8.pem")),
        (Algorithm::PS512, key("rsa2048.pkcs8.pem")),
        (Algorithm::ES256, key("ec_p256.pkcs8.pem")),
        (Algorithm::ES384, key("ec_p384.pkcs8.pem")),
        (Algorithm::ES512, key("ec_p521.pkcs8.pem")),
        (Algorithm::ES521, key("ec_p521.pkcs8.pem")),
        (Algorithm::EdDSA, key("ed25519.pkcs8.pem")),
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for round in 0..40 {
        for (alg, k) in &keys {
            let mut c = rng.map(0);
            c.insert(
                "exp".into(),
                Value::from(1_500_000_101 + (rng.next() % 1000) as i64),
            );
            let token = encode(&c, *alg, k).unwrap();
            let decoded = decode_at(token.as_bytes(), k, &Validation::new(&[*alg]), now())
                .unwrap_or_else(|e| panic!("round {round} {alg}: {e}\n{c:?}"));
            assert_eq!(decoded.claims, c, "round {round} {alg}");
            assert_eq!(
                decoded.claims.keys().collect::<Vec<_>>(),
                c.keys().collect::<Vec<_>>()
            );
        }
    }
}

// --- RSA keys with an empty or all-zero modulus (a debug build used to panic: `0 * 8 - 8`) -------

fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn pkcs1_public(n: &[u8], e: &[u8]) -> Vec<u8> {
    der_tlv(0x30, &[der_tlv(0x02, n), der_tlv(0x02, e)].concat())
}

fn spki_rsa(pkcs1: &[u8]) -> Vec<u8> {
    let algorithm = der_tlv(
        0x30,
        &[
            der_tlv(
                0x06,
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
            ),
            vec![0x05, 0x00],
        ]
        .concat(),
    );
    let bits = der_tlv(0x03, &[&[0u8][..], pkcs1].concat());
    der_tlv(0x30, &[algorithm, bits].concat())
}

fn ssh_rsa(n: &[u8], e: &[u8]) -> Vec<u8> {
    let s = |b: &[u8]| [&(b.len() as u32).to_be_bytes()[..], b].concat();
    let blob = [s(b"ssh-rsa"), s(e), s(n)].concat();
    format!(
        "ssh-rsa {} zero@test",
        base64::engine::general_purpose::STANDARD.encode(blob)
    )
    .into_bytes()
}

fn assert_key_error(what: &str, result: ferrojwt::Result<Key>) {
    match result {
        Ok(k) => panic!("{what}: accepted as {k:?}"),
        Err(e) => assert!(
            matches!(
                e.kind(),
                ErrorKind::InvalidKeyFormat | ErrorKind::InvalidKey
            ),
            "{what}: {e:?}"
        ),
    }
}

#[test]
fn rsa_keys_with_an_empty_or_zero_modulus_are_refused_not_a_panic() {
    let private = br#"{"kty":"RSA","n":"","e":"AQAB","d":"AA","p":"AA","q":"AA","dp":"AA","dq":"AA","qi":"AA"}"#;
    assert_key_error("private JWK, n empty", Key::from_jwk(private));
    let private_zero = br#"{"kty":"RSA","n":"AAAA","e":"AQAB","d":"AA","p":"AA","q":"AA","dp":"AA","dq":"AA","qi":"AA"}"#;
    assert_key_error("private JWK, n zero", Key::from_jwk(private_zero));
    for jwk in [
        &br#"{"kty":"RSA","n":"","e":"AQAB"}"#[..],
        br#"{"kty":"RSA","n":"AAAA","e":"AQAB"}"#,
        br#"{"kty":"RSA","n":"AA","e":"AQAB"}"#,
        br#"{"kty":"RSA","n":"AQAB","e":""}"#,
        br#"{"kty":"RSA","n":"AQAB","e":"AAAA"}"#,
    ] {
        let what = String::from_utf8_lossy(jwk);
        assert_key_error(&what, Key::from_jwk(jwk));
        let set = format!(r#"{{"keys":[{what}]}}"#);
        match KeySet::from_jwks(set.as_bytes()) {
            Ok(_) => panic!("{set}: accepted"),
            Err(e) => assert!(
                matches!(
                    e.kind(),
                    ErrorKind::InvalidKeyFormat | ErrorKind::InvalidKey
                ),
                "{set}: {e:?}"
            ),
        }
    }
    for n in [&[][..], &[0], &[0, 0, 0]] {
        let pkcs1 = pkcs1_public(n, &[1, 0, 1]);
        assert_key_error(&format!("PKCS#1 DER n={n:?}"), Key::from_der(&pkcs1));
        assert_key_error(
            &format!("SPKI DER n={n:?}"),
            Key::from_der(&spki_rsa(&pkcs1)),
        );
        assert_key_error(
            &format!("OpenSSH n={n:?}"),
            Key::parse(&ssh_rsa(n, &[1, 0, 1])),
        );
    }
}

// --- JWK Sets as identity providers publish them: encryption keys next to signing keys -----------

/// The modulus and exponent of rsa2048.*, read from its PKCS#1 DER, as JWK base64url.
fn rsa2048_n_e() -> (String, String) {
    let der = key_bytes("rsa2048.pkcs1pub.der");
    // 30 82 01 0a | 02 82 01 01 00 <256 bytes n> | 02 03 <e>
    assert_eq!(&der[..5], &[0x30, 0x82, 0x01, 0x0a, 0x02]);
    let n = &der[9..9 + 256];
    let e = &der[9 + 256 + 2..];
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    (b64(n), b64(e))
}

fn keycloak_like_jwks() -> String {
    let (n, e) = rsa2048_n_e();
    format!(
        r#"{{"keys":[
      {{"kid":"enc1","kty":"RSA","alg":"RSA-OAEP","use":"enc","n":"AAAA","e":"AQAB"}},
      {{"kid":"sig1","kty":"RSA","alg":"RS256","use":"sig","n":"{n}","e":"{e}"}},
      {{"kid":"oaep","kty":"RSA","alg":"RSA-OAEP-256","n":"{n}","e":"{e}"}},
      {{"kid":"wrap","kty":"RSA","key_ops":["encrypt","wrapKey"],"n":"{n}","e":"{e}"}},
      {{"kid":"k1","kty":"EC","crv":"secp256k1","x":"AAAA","y":"AAAA"}},
      {{"kid":"x1","kty":"OKP","crv":"X25519","x":"AAAA"}},
      {{"kid":"e448","kty":"OKP","crv":"Ed448","x":"AAAA"}},
      {{"kid":"pq","kty":"AKP","alg":"ML-DSA-44","pub":"AAAA"}},
      {{"kid":"ec-enc","kty":"EC","crv":"P-256","use":"enc","alg":"ECDH-ES",
        "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}},
      {{"kid":"secret-enc","kty":"oct","use":"enc","k":"c2VjcmV0"}}
    ]}}"#
    )
}

#[test]
fn jwks_skips_entries_not_for_signature_verification() {
    let set = KeySet::from_jwks(keycloak_like_jwks().as_bytes()).unwrap();
    assert_eq!(set.len(), 1);
    assert_eq!(set.iter().next().unwrap().kid(), Some("sig1"));
    let skipped = set.skipped();
    assert_eq!(skipped.len(), 9, "{skipped:?}");
    for (needle, i) in [
        ("use", 0),
        ("alg", 2),
        ("key_ops", 3),
        ("crv", 4),
        ("crv", 5),
        ("crv", 6),
        ("ML-DSA-44", 7),
        ("use", 8),
        ("use", 9),
    ] {
        assert!(
            skipped
                .iter()
                .any(|s| s.contains(&format!("entry {i} ")) && s.contains(needle)),
            "entry {i} ({needle}): {skipped:?}"
        );
    }

    let signer = key("rsa2048.pkcs8.pem");
    let v = Validation::new(&[Algorithm::RS256]);
    let c = claims(r#"{"sub":"1"}"#);
    let with_kid = |kid: &str| {
        let mut header = Map::new();
        header.insert("kid".into(), Value::String(kid.into()));
        encode_with_header(&c, Algorithm::RS256, &signer, &header).unwrap()
    };
    assert!(decode_with_keyset(with_kid("sig1").as_bytes(), &set, &v, now()).is_ok());
    // No kid: only the usable key is tried.
    let anonymous = encode(&c, Algorithm::RS256, &signer).unwrap();
    assert!(decode_with_keyset(anonymous.as_bytes(), &set, &v, now()).is_ok());
    // A skipped entry is never usable, even when it holds the very key that signed the token.
    for kid in ["oaep", "wrap", "enc1"] {
        let err = decode_with_keyset(with_kid(kid).as_bytes(), &set, &v, now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::KeyNotFound, "{kid}: {err}");
        assert!(err.message().contains("skipped"), "{kid}: {err}");
    }
}

#[test]
fn jwks_with_no_usable_key_or_a_broken_usable_entry_is_an_error() {
    let (n, e) = rsa2048_n_e();
    let only_enc = format!(
        r#"{{"keys":[{{"kid":"enc1","kty":"RSA","use":"enc","n":"{n}","e":"{e}"}},{{"kty":"OKP","crv":"X25519","x":"AAAA"}}]}}"#
    );
    for text in [only_enc.as_str(), r#"{"keys":[]}"#] {
        let err = KeySet::from_jwks(text.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::KeyNotFound, "{text}: {err}");
        assert!(err.message().contains("no key usable"), "{err}");
    }
    let err = KeySet::from_jwks(only_enc.as_bytes()).unwrap_err();
    assert!(err.message().contains("entry 0"), "{err}");

    let good = format!(r#"{{"kid":"sig1","kty":"RSA","use":"sig","n":"{n}","e":"{e}"}}"#);
    let broken: &[(&str, ErrorKind)] = &[
        // usable-looking entries with bad material are errors, never silently dropped
        (
            r#"{"kid":"a","kty":"RSA","use":"sig","n":"!!","e":"AQAB"}"#,
            ErrorKind::InvalidKeyFormat,
        ),
        (
            r#"{"kid":"a","kty":"RSA","e":"AQAB"}"#,
            ErrorKind::InvalidKeyFormat,
        ),
        (
            r#"{"kid":"a","kty":"RSA","n":"AAAA","e":"AQAB"}"#,
            ErrorKind::InvalidKeyFormat,
        ),
        (
            r#"{"kid":"a","kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#,
            ErrorKind::InvalidKeyFormat,
        ),
        (
            r#"{"kid":"a","kty":"OKP","crv":"Ed25519","x":"AAAA"}"#,
            ErrorKind::InvalidKeyFormat,
        ),
        // a signature alg that contradicts the key type
        (
            r#"{"kid":"a","kty":"EC","crv":"P-256","alg":"RS256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}"#,
            ErrorKind::InvalidKey,
        ),
        // not a JWK at all
        (r#"{"kid":"a","n":"AAAA"}"#, ErrorKind::InvalidKeyFormat),
        (r#"{"kty":7}"#, ErrorKind::InvalidKeyFormat),
        (
            r#"{"kty":"RSA","use":5,"n":"AAAA","e":"AQAB"}"#,
            ErrorKind::InvalidKeyFormat,
        ),
        (
            r#"{"kty":"RSA","key_ops":"verify","n":"AAAA","e":"AQAB"}"#,
            ErrorKind::InvalidKeyFormat,
        ),
        (
            r#"{"kty":"RSA","alg":7,"n":"AAAA","e":"AQAB"}"#,
            ErrorKind::InvalidKeyFormat,
        ),
        (r#""not an object""#, ErrorKind::InvalidKeyFormat),
    ];
    for (entry, kind) in broken {
        let text = format!(r#"{{"keys":[{good},{entry}]}}"#);
        let err = KeySet::from_jwks(text.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), *kind, "{entry}: {err}");
        assert!(err.message().contains("entry 1"), "{entry}: {err}");
    }
    for text in [
        "not json",
        "[]",
        "{}",
        r#"{"keys":{}}"#,
        r#"{"keys":[],"keys":[]}"#,
    ] {
        let err = KeySet::from_jwks(text.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKeyFormat, "{text}: {err}");
    }
    // Two usable keys with one kid stay ambiguous; a skipped entry sharing a kid is harmless.
    let dup = format!(r#"{{"keys":[{good},{good}]}}"#);
    assert_eq!(
        KeySet::from_jwks(dup.as_bytes()).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    let shadow = format!(
        r#"{{"keys":[{{"kid":"sig1","kty":"RSA","use":"enc","n":"{n}","e":"{e}"}},{good}]}}"#
    );
    assert_eq!(KeySet::from_jwks(shadow.as_bytes()).unwrap().len(), 1);
}

#[test]
fn raw_public_keys_are_not_der() {
    // aws-lc parses raw EC points and raw Ed25519 keys too; `from_der` must not, or any 32 bytes
    // (such as an SPKI that happens to be 32 bytes long) would be an Ed25519 key.
    let ed = key_bytes("ed25519.spki.der");
    let ec = key_bytes("ec_p256.spki.der");
    for (what, raw) in [
        ("raw Ed25519", &ed[ed.len() - 32..]),
        ("raw P-256 point", &ec[ec.len() - 65..]),
        ("32 bytes of 0x30", &[0x30; 32][..]),
    ] {
        let err = Key::from_der(raw).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKeyFormat, "{what}: {err}");
    }
}
