//! Conformance: every Wycheproof vector in ../shared/testvectors/wycheproof that concerns JWS,
//! JWK, and the raw signature primitives JOSE uses, each expected result asserted.
//!
//! "acceptable" vectors (either answer is allowed) are reported with what ferrojwt did; none of
//! the files in the current snapshot has any for the JOSE layer. The few vectors where ferrojwt
//! deliberately answers otherwise are listed in `DEVIATIONS` with the reason (and in
//! docs/conformance.md); ferrojwt's answer to each is asserted too, so a change shows.

#![allow(clippy::unwrap_used, clippy::panic)]

use ferrojwt::{parse_json, raw_crypto, verify_jws, Algorithm, Key, KeySet};
use serde_json::Value;

/// The vectors live outside the repository, in the `shared/` folder beside it (where CI puts
/// them), or wherever `FERROJWT_TESTVECTORS` points. A clone without them skips these tests
/// with a notice; under CI (`CI` set) a missing folder fails instead, so it cannot go unseen.
fn load(name: &str) -> Option<Value> {
    let dir = std::env::var("FERROJWT_TESTVECTORS")
        .unwrap_or_else(|_| format!("{}/../../shared/testvectors", env!("CARGO_MANIFEST_DIR")));
    let dir = format!("{dir}/wycheproof");
    if !std::path::Path::new(&dir).is_dir() && std::env::var_os("CI").is_none() {
        eprintln!(
            "SKIPPED {name}: no Wycheproof vectors at {dir} (set FERROJWT_TESTVECTORS to the \
             folder holding wycheproof/)"
        );
        return None;
    }
    let path = format!("{dir}/{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Some(parse_json(&bytes).unwrap())
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// (file, tcId, what ferrojwt answers: accepted?, why it differs from the vector's expectation).
const DEVIATIONS: &[(&str, u64, bool, &str)] = &[
    (
        "json_web_signature_test.json",
        346,
        false,
        "the JWK's alg (PS256) binds the key (RFC 8725 3.1); the token is PS384",
    ),
    (
        "json_web_signature_test.json",
        350,
        false,
        "the JWK's alg (PS256) binds the key (RFC 8725 3.1); the token is PS384",
    ),
    (
        "json_web_signature_test.json",
        367,
        true,
        "the vector's jws is byte-identical to tc357 (valid): the bad padding is not in the data",
    ),
    (
        "json_web_signature_test.json",
        370,
        true,
        "the vector's jws is byte-identical to tc357 (valid): the bad padding is not in the data",
    ),
    (
        "json_web_signature_test.json",
        372,
        false,
        "strict base64url: a '?' inside the header segment is refused, not skipped",
    ),
    (
        "json_web_signature_test.json",
        373,
        false,
        "strict base64url: a '?' inside the payload segment is refused, not skipped",
    ),
];

struct Tally {
    file: &'static str,
    checked: usize,
    acceptable: Vec<String>,
    failures: Vec<String>,
}

impl Tally {
    fn new(file: &'static str) -> Tally {
        Tally {
            file,
            checked: 0,
            acceptable: vec![],
            failures: vec![],
        }
    }

    fn record(&mut self, id: &Value, comment: &str, expected: &str, accepted: bool, detail: &str) {
        self.checked += 1;
        let tc = id.as_u64().unwrap_or_default();
        if let Some((_, _, ours, why)) = DEVIATIONS
            .iter()
            .find(|(f, t, _, _)| *f == self.file && *t == tc)
        {
            if accepted != *ours {
                self.failures.push(format!(
                    "tc{tc} {comment}: documented deviation ({why}) no longer holds: accepted={accepted}"
                ));
            }
            return;
        }
        match expected {
            "valid" if accepted => {}
            "invalid" if !accepted => {}
            "acceptable" => self
                .acceptable
                .push(format!("tc{id} {comment}: accepted={accepted}")),
            _ => self.failures.push(format!(
                "tc{id} {comment}: expected {expected}, accepted={accepted} ({detail})"
            )),
        }
    }

    fn finish(self, min: usize) {
        eprintln!(
            "{}: {} vectors, {} acceptable {:?}",
            self.file,
            self.checked,
            self.acceptable.len(),
            self.acceptable
        );
        assert!(
            self.checked >= min,
            "{}: only {} vectors ran",
            self.file,
            self.checked
        );
        assert!(
            self.failures.is_empty(),
            "{}:\n{}",
            self.file,
            self.failures.join("\n")
        );
    }
}

fn keyset_from_group(group: &Value) -> Result<KeySet, String> {
    let jwk = group
        .get("public")
        .or_else(|| group.get("private"))
        .unwrap();
    let text = serde_json::to_vec(jwk).unwrap();
    if jwk.get("keys").is_some() {
        KeySet::from_jwks(&text).map_err(|e| e.to_string())
    } else {
        let mut set = KeySet::new();
        set.push(Key::from_jwk(&text).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
        Ok(set)
    }
}

fn run_jws_file(file: &'static str, min: usize) {
    let Some(data) = load(file) else { return };
    let mut tally = Tally::new(file);
    for group in data["testGroups"].as_array().unwrap() {
        let keys = keyset_from_group(group);
        for t in group["tests"].as_array().unwrap() {
            let (accepted, detail) = match (&keys, t["jws"].as_str()) {
                (Err(e), _) => (false, format!("key refused: {e}")),
                (Ok(_), None) => (false, "JSON serialization is not supported".to_owned()),
                (Ok(set), Some(jws)) => {
                    match verify_jws(jws.as_bytes(), set, &Algorithm::ALL, 1 << 20) {
                        Ok(_) => (true, String::new()),
                        Err(e) => (false, format!("{:?}: {e}", e.kind())),
                    }
                }
            };
            let comment = t["comment"].as_str().unwrap_or_default();
            tally.record(
                &t["tcId"],
                comment,
                t["result"].as_str().unwrap(),
                accepted,
                &detail,
            );
        }
    }
    tally.finish(min);
}

#[test]
fn json_web_signature_vectors() {
    run_jws_file("json_web_signature_test.json", 401);
}

#[test]
fn json_web_key_vectors() {
    run_jws_file("json_web_key_test.json", 26);
}

fn run_signature_file(file: &'static str, alg: Algorithm, min: usize) {
    let Some(data) = load(file) else { return };
    let mut tally = Tally::new(file);
    for group in data["testGroups"].as_array().unwrap() {
        let der = hex(group["publicKeyDer"].as_str().unwrap());
        for t in group["tests"].as_array().unwrap() {
            let msg = hex(t["msg"].as_str().unwrap());
            let sig = hex(t["sig"].as_str().unwrap());
            let (accepted, detail) = match raw_crypto::verify_spki(alg, &der, &msg, &sig) {
                Ok(ok) => (ok, String::new()),
                Err(e) => (false, format!("{:?}: {e}", e.kind())),
            };
            let comment = t["comment"].as_str().unwrap_or_default();
            tally.record(
                &t["tcId"],
                comment,
                t["result"].as_str().unwrap(),
                accepted,
                &detail,
            );
        }
    }
    tally.finish(min);
}

#[test]
fn ecdsa_p1363_vectors() {
    run_signature_file(
        "ecdsa_secp256r1_sha256_p1363_test.json",
        Algorithm::ES256,
        200,
    );
    run_signature_file(
        "ecdsa_secp384r1_sha384_p1363_test.json",
        Algorithm::ES384,
        200,
    );
    run_signature_file(
        "ecdsa_secp521r1_sha512_p1363_test.json",
        Algorithm::ES512,
        200,
    );
}

#[test]
fn rsa_pkcs1_vectors() {
    run_signature_file("rsa_signature_2048_sha256_test.json", Algorithm::RS256, 200);
    run_signature_file("rsa_signature_2048_sha384_test.json", Algorithm::RS384, 200);
    run_signature_file("rsa_signature_2048_sha512_test.json", Algorithm::RS512, 200);
}

#[test]
fn rsa_pss_vectors() {
    run_signature_file(
        "rsa_pss_2048_sha256_mgf1_32_test.json",
        Algorithm::PS256,
        80,
    );
}

#[test]
fn ed25519_vectors() {
    run_signature_file("ed25519_test.json", Algorithm::EdDSA, 140);
}

#[test]
fn hmac_vectors() {
    for (file, bits) in [
        ("hmac_sha256_test.json", 256u16),
        ("hmac_sha384_test.json", 384),
        ("hmac_sha512_test.json", 512),
    ] {
        let Some(data) = load(file) else { return };
        let mut tally = Tally::new(file);
        for group in data["testGroups"].as_array().unwrap() {
            for t in group["tests"].as_array().unwrap() {
                let key = hex(t["key"].as_str().unwrap());
                let msg = hex(t["msg"].as_str().unwrap());
                let tag = hex(t["tag"].as_str().unwrap());
                let accepted = raw_crypto::hmac_verify(bits, &key, &msg, &tag).unwrap();
                let comment = t["comment"].as_str().unwrap_or_default();
                tally.record(
                    &t["tcId"],
                    comment,
                    t["result"].as_str().unwrap(),
                    accepted,
                    "",
                );
            }
        }
        tally.finish(150);
    }
}
