//! HMAC key confusion in every encoding: asymmetric key material (PEM, OpenSSH, DER, base64 DER,
//! JWK and JWK Set text) can never become an HMAC secret, while ordinary secrets keep working.
//!
//! The attack: a verifier that holds an RSA/EC public key as bytes is handed an HS256 token whose
//! MAC was computed with those (public) bytes as the secret. `Key::from_secret` refusing every
//! encoding of a key closes it for callers that pass key bytes where a secret is expected.

#![allow(clippy::unwrap_used, clippy::panic)]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use ferrojwt::{encode, Algorithm, Claims, ErrorKind, Key, ASYMMETRIC_SECRET_MESSAGE};

fn key_bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assert_refused(what: &str, secret: &[u8]) {
    let err = match Key::from_secret(secret) {
        Ok(_) => panic!("{what}: accepted as an HMAC secret"),
        Err(e) => e,
    };
    assert_eq!(err.kind(), ErrorKind::InvalidKey, "{what}: {err}");
    assert!(
        err.message().starts_with(ASYMMETRIC_SECRET_MESSAGE),
        "{what}: {err}"
    );
}

const DER_KEYS: &[&str] = &[
    // Public keys: SPKI of every type, PKCS#1 RSAPublicKey, X.509 certificates.
    "rsa2048.spki.der",
    "rsa1024.spki.der", // too small to use, still never a secret
    "rsa2048.pkcs1pub.der",
    "ec_p256.spki.der",
    "ec_p521.spki.der",
    "ed25519.spki.der",
    "rsa2048.cert.der",
    "ec_p256.cert.der",
    // Private keys: PKCS#8 of every type, PKCS#1 RSAPrivateKey, SEC1 ECPrivateKey.
    "rsa2048.pkcs8.der",
    "rsa2048.pkcs1.der",
    "ec_p256.pkcs8.der",
    "ec_p384.pkcs8.der",
    "ec_p256.sec1.der",
    "ec_p521.sec1.der",
    "ed25519.pkcs8.der",
];

#[test]
fn der_keys_and_certificates_are_refused_as_secrets() {
    for name in DER_KEYS {
        let der = key_bytes(name);
        assert_refused(name, &der);
        // With a trailing newline (a DER file handled as text) too.
        let mut with_newline = der.clone();
        with_newline.push(b'\n');
        assert_refused(&format!("{name} + newline"), &with_newline);
        // With any trailing bytes: a key file with junk after it is still key material.
        for tail in [&b"\x00"[..], b"\x00\x00\x00\x00", b"junk", b"\n\x00"] {
            let mut with_tail = der.clone();
            with_tail.extend_from_slice(tail);
            assert_refused(&format!("{name} + {tail:?}"), &with_tail);
        }
    }
}

#[test]
fn der_with_trailing_data_is_not_a_key_either() {
    // Found by a fresh-user run: SPKI DER + one NUL parsed as an RSA key while the secret guard,
    // which then allowed only whitespace after the SEQUENCE, let the same bytes be an HMAC secret;
    // with ["RS256", "HS256"] allowed, an HS256 token MACed with those bytes verified.
    for name in DER_KEYS {
        let mut der = key_bytes(name);
        der.push(0);
        let err = Key::parse(&der)
            .err()
            .unwrap_or_else(|| panic!("{name} + NUL: parsed"));
        assert_eq!(err.kind(), ErrorKind::InvalidKeyFormat, "{name}: {err}");
        assert!(err.message().contains("trailing"), "{name}: {err}");
        assert!(Key::from_der(&der).is_err(), "{name} + NUL: from_der");
        assert!(Key::from_secret(&der).is_err(), "{name} + NUL: from_secret");
        // Trailing whitespace (a DER file read as text) still parses.
        der.pop();
        der.extend_from_slice(b"\r\n");
        // In a PEM block too, whatever the label (a CERTIFICATE was read up to its end only).
        let pem_of = |label: &str, der: &[u8]| {
            format!(
                "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
                STANDARD.encode(der)
            )
        };
        let mut with_junk = der.clone();
        with_junk.extend_from_slice(b"junk");
        let label = if name.contains("cert") {
            "CERTIFICATE"
        } else {
            "PUBLIC KEY"
        };
        if name.contains("spki") || name.contains("cert") {
            let err = Key::parse(pem_of(label, &with_junk).as_bytes()).err();
            let err = err.unwrap_or_else(|| panic!("{name} in PEM + junk: parsed"));
            assert!(err.message().contains("trailing"), "{name}: {err}");
        }
        if *name != "rsa1024.spki.der" {
            Key::parse(&der).unwrap_or_else(|e| panic!("{name} + CRLF: {e}"));
        }
    }
}

#[test]
fn der_of_key_types_ferrojwt_cannot_use_is_refused_too() {
    // Ed448 PKCS#8 (unsupported as a key, but still key material) and a DSA-style SPKI with an
    // unknown algorithm OID: the refusal is structural, not "does aws-lc accept it".
    let ed448 = key_bytes("ed448.pkcs8.pem");
    let text = std::str::from_utf8(&ed448).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    assert_refused("ed448 pkcs8 der", &STANDARD.decode(body).unwrap());
    // SEQUENCE { SEQUENCE { OID 1.2.3.4 }, BIT STRING { 00 01 02 } }
    let spki = [
        0x30, 0x0e, 0x30, 0x05, 0x06, 0x03, 0x2a, 0x03, 0x04, 0x03, 0x05, 0x00, 0x01, 0x02, 0x03,
        0x04,
    ];
    assert_refused("unknown-algorithm spki", &spki);
    // DER may end in a whitespace-valued byte: it must not be trimmed away before the check.
    for last in [b'\n', b' ', b'\t', b'\r'] {
        let mut ends_in_space = spki;
        ends_in_space[15] = last;
        assert_refused("spki ending in a whitespace byte", &ends_in_space);
    }
}

#[test]
fn base64_der_without_pem_armour_is_refused() {
    // Keycloak's realm "public key", many env vars: the SPKI as one base64 line, no markers.
    for name in ["rsa2048.spki.der", "ec_p256.spki.der", "rsa2048.cert.der"] {
        let der = key_bytes(name);
        assert_refused(&format!("{name} base64"), STANDARD.encode(&der).as_bytes());
        let wrapped: String = STANDARD
            .encode(&der)
            .as_bytes()
            .chunks(64)
            .map(|c| format!("{}\n", std::str::from_utf8(c).unwrap()))
            .collect();
        assert_refused(&format!("{name} base64 wrapped"), wrapped.as_bytes());
        assert_refused(
            &format!("{name} base64url"),
            URL_SAFE_NO_PAD.encode(&der).as_bytes(),
        );
    }
}

const RSA_PUBLIC_JWK: &str = r#"{"kty":"RSA","kid":"r1","use":"sig","alg":"RS256","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"}"#;
const EC_PUBLIC_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
const EC_PRIVATE_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;
const OKP_PUBLIC_JWK: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;

#[test]
fn asymmetric_jwk_text_is_refused_as_a_secret() {
    let pretty = "\n  {\n    \"kty\": \"RSA\",\n    \"n\": \"AQAB\",\n    \"e\": \"AQAB\"\n  }\n";
    let cases: Vec<(&str, String)> = vec![
        ("RSA public JWK", RSA_PUBLIC_JWK.to_owned()),
        ("EC public JWK", EC_PUBLIC_JWK.to_owned()),
        ("EC private JWK", EC_PRIVATE_JWK.to_owned()),
        ("OKP public JWK", OKP_PUBLIC_JWK.to_owned()),
        ("pretty-printed RSA JWK", pretty.to_owned()),
        ("BOM + JWK", format!("\u{feff}{EC_PUBLIC_JWK}")),
        // Even a kty ferrojwt does not implement (X25519 encryption key, a future kty): public
        // key material all the same.
        (
            "OKP X25519 JWK",
            r#"{"kty":"OKP","crv":"X25519","x":"AAAA"}"#.to_owned(),
        ),
        ("future kty", r#"{"kty":"AKP","pub":"AAAA"}"#.to_owned()),
        (
            "JWKS",
            format!(r#"{{"keys":[{RSA_PUBLIC_JWK},{EC_PUBLIC_JWK}]}}"#),
        ),
        (
            "JWKS with an oct entry first",
            format!(r#"{{"keys":[{{"kty":"oct","k":"c2VjcmV0"}},{OKP_PUBLIC_JWK}]}}"#),
        ),
        (
            "JWKS with duplicate names (lenient reader)",
            format!(r#"{{"keys":[],"keys":[{EC_PUBLIC_JWK}]}}"#),
        ),
    ];
    for (what, text) in cases {
        assert_refused(what, text.as_bytes());
    }
}

#[test]
fn key_text_with_anything_around_it_is_still_refused() {
    // Found by a fresh-user run: the JWK test parsed the text and gave up on any error (bytes
    // after it, a lone surrogate, 1e400, a second kty, deep nesting), DER had to start at byte
    // 0, and UTF-16 text hid the PEM markers.
    let jwk = RSA_PUBLIC_JWK.trim_end_matches('}');
    let deep = format!("{}{}", "[".repeat(130), "]".repeat(130));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("JWK + NUL", format!("{RSA_PUBLIC_JWK}\0").into_bytes()),
        (
            "JWK + junk",
            format!("{RSA_PUBLIC_JWK} and more").into_bytes(),
        ),
        (
            "JWK, lone surrogate",
            format!(r#"{jwk},"kid":"\ud800"}}"#).into_bytes(),
        ),
        ("JWK, 1e400", format!(r#"{jwk},"x":1e400}}"#).into_bytes()),
        (
            "JWK, second kty oct",
            format!(r#"{jwk},"kty":"oct"}}"#).into_bytes(),
        ),
        (
            "JWK, deep member",
            format!(r#"{jwk},"x":{deep}}}"#).into_bytes(),
        ),
        (
            "space BOM JWK",
            format!(" \u{feff}{RSA_PUBLIC_JWK}").into_bytes(),
        ),
        (
            "junk before JWK",
            format!("key: {RSA_PUBLIC_JWK}").into_bytes(),
        ),
        (
            "escaped kty",
            br#"{"k\u0074y":"R\u0053A","n":"AQAB","e":"AQAB"}x"#.to_vec(),
        ),
        (
            "newline + DER",
            [&b"\n"[..], &key_bytes("rsa2048.spki.der")].concat(),
        ),
        (
            "BOM + DER",
            [UTF8_BOM, &key_bytes("ec_p256.spki.der")].concat(),
        ),
        ("base64 DER + junk", {
            let mut b = STANDARD.encode(key_bytes("rsa2048.spki.der")).into_bytes();
            b.extend_from_slice(b" junk");
            b
        }),
        ("padded base64 DER + junk", {
            let mut b = STANDARD.encode(key_bytes("ec_p256.spki.der")).into_bytes();
            assert!(b.ends_with(b"="));
            b.extend_from_slice(b"\njunk!");
            b
        }),
        ("base64url DER + junk", {
            let mut b = URL_SAFE_NO_PAD
                .encode(key_bytes("ec_p256.spki.der"))
                .into_bytes();
            b.extend_from_slice(b"$");
            b
        }),
    ];
    for (what, bytes) in &cases {
        assert_refused(what, bytes);
    }
    // Found by the next fresh-user run: prefixes before base64 or raw DER, and more encodings.
    let spki = key_bytes("rsa2048.spki.der");
    let b64 = STANDARD.encode(&spki);
    let pem = String::from_utf8(key_bytes("ec_p256.spki.pem")).unwrap();
    let ssh = String::from_utf8(key_bytes("ssh_rsa.pub.txt")).unwrap();
    let ssh_blob = ssh.split_whitespace().nth(1).unwrap().to_owned();
    let escaped_jwk = RSA_PUBLIC_JWK.replace('"', "\\\"");
    let hex: String = spki.iter().map(|b| format!("{b:02x}")).collect();
    let more: Vec<(String, Vec<u8>)> = vec![
        (
            "quoted base64 DER".into(),
            format!("\"{b64}\"").into_bytes(),
        ),
        ("x + base64 DER".into(), format!("x{b64}").into_bytes()),
        ("VT + base64 DER".into(), format!("\x0b{b64}").into_bytes()),
        (
            "NBSP + base64 DER".into(),
            format!("\u{a0}{b64}").into_bytes(),
        ),
        (
            "junk + base64url DER".into(),
            format!("junk{}", URL_SAFE_NO_PAD.encode(&spki)).into_bytes(),
        ),
        ("MM + base64 DER".into(), format!("MM{b64}").into_bytes()),
        ("NUL + DER".into(), [&[0u8][..], &spki].concat()),
        ("junk + DER".into(), [&b"key="[..], &spki].concat()),
        (
            "JWK as a JSON string".into(),
            format!("\"{escaped_jwk}\"").into_bytes(),
        ),
        ("base64 of PEM".into(), STANDARD.encode(&pem).into_bytes()),
        (
            "base64 of JWK".into(),
            STANDARD.encode(RSA_PUBLIC_JWK).into_bytes(),
        ),
        ("hex DER".into(), hex.clone().into_bytes()),
        ("0x + hex DER".into(), format!("0x{hex}").into_bytes()),
        ("bare OpenSSH blob".into(), ssh_blob.into_bytes()),
        (
            "RFC 4716 SSH2 key".into(),
            b"---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n".to_vec(),
        ),
        (
            "Python repr JWK".into(),
            RSA_PUBLIC_JWK.replace('"', "'").into_bytes(),
        ),
    ];
    for (what, bytes) in &more {
        assert_refused(what, bytes);
    }
    for name in ["rsa2048.spki.pem", "ssh_rsa.pub.txt"] {
        let text = String::from_utf8(key_bytes(name)).unwrap();
        let utf16le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_refused(&format!("{name} UTF-16LE"), &utf16le);
        assert_refused(&format!("{name} UTF-16BE"), &utf16be);
    }
    let jwk16: Vec<u8> = RSA_PUBLIC_JWK
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_refused("JWK UTF-16LE", &jwk16);
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

#[test]
fn jwk_oct_keys_are_checked_like_raw_secrets() {
    // A JWK "oct" whose k is (the DER of) a public key or a public JWK is the same confusion.
    let spki = key_bytes("rsa2048.spki.der");
    let oct = format!(r#"{{"kty":"oct","k":"{}"}}"#, URL_SAFE_NO_PAD.encode(&spki));
    let err = Key::from_jwk(oct.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
    let oct = format!(
        r#"{{"kty":"oct","k":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(EC_PUBLIC_JWK)
    );
    let err = Key::from_jwk(oct.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
}

#[test]
fn pem_and_openssh_keep_pyjwts_exact_message() {
    for name in [
        "rsa2048.spki.pem",
        "rsa2048.cert.pem",
        "ec_p256.cert.pem",
        "ssh_rsa.pub.txt",
    ] {
        let err = Key::from_secret(&key_bytes(name)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{name}");
        assert_eq!(err.message(), ASYMMETRIC_SECRET_MESSAGE, "{name}");
    }
}

#[test]
fn the_messages_say_what_was_found() {
    let err = Key::from_secret(&key_bytes("rsa2048.cert.der")).unwrap_err();
    assert!(err.message().contains("DER"), "{err}");
    assert!(err.message().contains("certificate"), "{err}");
    let err = Key::from_secret(EC_PUBLIC_JWK.as_bytes()).unwrap_err();
    assert!(err.message().contains("JWK"), "{err}");
    assert!(err.message().contains("EC"), "{err}");
}

/// A small deterministic generator (no extra dependency; failures reproduce).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

#[test]
fn ordinary_secrets_keep_working() {
    let sign = |secret: &[u8]| {
        let key = Key::from_secret(secret)
            .unwrap_or_else(|e| panic!("{:?}: {e}", String::from_utf8_lossy(secret)));
        encode(&Claims::new(), Algorithm::HS256, &key).unwrap();
    };
    for s in [
        &b"secret"[..],
        b"a long, random, server-side secret",
        b"0",
        b"0123456789abcdef0123456789abcdef0123456789abcdef",
        b"{not json",
        b"{}",
        br#"{"a":1}"#,
        br#"{"kty":5}"#,
        // A symmetric JWK's text used as the secret is a mistake, but not a key confusion.
        br#"{"kty":"oct","k":"c2VjcmV0"}"#,
        br#"{"keys":[]}"#,
        br#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#,
        br#"{"kty":"oct"} and then some"#,
        // Long base64/hex-looking secrets that hold no key (Django's get_random_secret_key
        // style, secrets.token_hex, secrets.token_urlsafe).
        b"b64-ish-0123456789abcdefghijABCDEFGHIJ0123456789abcdefghij",
        b"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a089f86d081884c7d659a2feaa0",
        b"Xr7yJd1cQm0M4lQeZ2yJp8l3dVfA9g-_Kx1T0pN6sW4uHqBvEcRiOaLkYtZjUwMn",
        br#"my "kty": "RSA" secret, no brace"#,
        b"a secret with a \"kty\" in quotes {",
        // base64 of something that is not a key
        b"c2VjcmV0IHNlY3JldCBzZWNyZXQ=",
        b"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", // a truncated SPKI prefix
        // DER that is not a key: an INTEGER, a SEQUENCE of one INTEGER, an empty SEQUENCE.
        &[0x02, 0x01, 0x05],
        &[0x30, 0x03, 0x02, 0x01, 0x05],
        &[0x30, 0x00],
        // Django's startproject key style.
        b"django-insecure-3$w^k!q2(9t@7#z%x&l*8m_0v)h=p+y1b6n4c5j",
    ] {
        sign(s);
    }
    sign("pässwörd ✓".as_bytes());
    // Random secrets of every common size, and random bytes that start like a DER SEQUENCE.
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for round in 0..4000 {
        let len = 1 + (rng.next() % 96) as usize;
        let mut s = rng.bytes(len);
        if round % 2 == 0 {
            s[0] = 0x30;
            if len > 1 {
                s[1] = (len - 2).min(0x7f) as u8;
            }
        }
        sign(&s);
    }
}

#[test]
fn scanning_a_long_secret_of_quotes_and_escapes_stays_fast() {
    // The JWK scan starts at every quote; escaped quotes must not make it quadratic (which, at
    // this size, would take this test from milliseconds to many minutes: no timer needed).
    let secret: Vec<u8> = b"{"
        .iter()
        .chain(b"\\\"".repeat(200_000).iter())
        .copied()
        .collect();
    assert!(Key::from_secret(&secret).is_ok());
    let mut named = secret.clone();
    named.extend_from_slice(br#" "kty": "EC" }"#);
    assert_refused("escapes then a kty", &named);
}

#[test]
fn base64_key_text_given_as_a_key_says_what_to_do() {
    // Found by a fresh-user run: it was read as DER ("trailing data after the DER key").
    let b64 = STANDARD.encode(key_bytes("rsa2048.spki.der"));
    let err = Key::parse(b64.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKeyFormat, "{err}");
    assert!(err.message().contains("base64 or hex text"), "{err}");
    assert!(err.message().contains("PEM"), "{err}");
}
