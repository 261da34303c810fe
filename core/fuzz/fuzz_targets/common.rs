//! Shared by the key-parser targets: what every parsed key must survive. Included with `mod
//! common;` from each target (a plain module, not a fuzz target itself).
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use ferrojwt::{decode_at, decode_with_keyset, encode, verify_jws, Algorithm, Claims, ErrorKind, Key, KeySet, Validation};

/// One valid token per algorithm, claims `{"sub":"fuzz","exp":1600000000}`, signed by the keys in
/// `core/tests/keys` (rsa2048, ec_p256/p384/p521, ed25519; HMAC: `fuzz secret`).
pub const FIXED_TOKENS: [(Algorithm, &str); 13] = [
    (
        Algorithm::HS256,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.6q2_TahS91uHI0E3Qg9S5VB5gxWPfy4TGRdQnmq9NTI",
    ),
    (
        Algorithm::HS384,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzM4NCJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.jgQ-gWFLOBUCSs1tXBF4s34UZp2rHKddYCrWO5EPGTxJC4bOj04uH-GtBfsrDLqR",
    ),
    (
        Algorithm::HS512,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.1G66xx7veQReClclF1dzwFuKRcJqKhaC33gImS_CADZwqL8aFqazpGKLRr3c_04MFtcze3etPES0K8e6htZd6w",
    ),
    (
        Algorithm::RS256,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.aV0GneeD2IVV5_wbZxvzve5b6WhcAyEsnq0lfKZp_yZz9JhnO-bGYz_aCkSv-vWluFUoVw0c9fD1VJ-DuE5OV3GS0tZETKQeOacGlU2nJCG200xrdJ4girschpQPJmoosmLKpT_c5PzWVdf039_SAAhEOrim6lzEoR03P-NAr7N5OpylhsPeeZNbYIj6ikG_iFETDkTs5fz_i_8La4sYeTvx8OL3rCcaoUAkm5EuRT_1jZw2QGuqUmdxTDUS2YCLxJJa63oCyXSKyn-fU1VnhH8DXs7IUK73tzUn2ubT_DeNga3OaBrf4pXVyOVmmdFLtxtsXyTcGr_4XjepBNS-3g",
    ),
    (
        Algorithm::RS384,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzM4NCJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.lnawVQkRL5i-qJ68_ZHrHtUnpq5Zetb3ImFttd7bekd7Du_HaFxgv7O_t2fWQ_U4dHRNiH0w01BpvUinW_ksmwygn4eg4njEj3KrzvFKXfl7XiWZHihKc5iglh9mnyiVlSkiMtP4arVUwThOdd6V0btGUvhGMRVFj8ghO4WdNUtQi98DScuoBVRPjKKb-tYClXabDtjJkaZYBEF56fJMXHa_DUbnEoIk6rBnTlc5mGS0FqPv5pj2mPgQ9gTvy3VGDes7u1SZUJ_8VGK9kpmuPplLYKqTvwS4ljQdyKOdtJUCRbPsnM6iaxmfGSCLewZzbk4Sq8u5v78f0q-UeWo-eg",
    ),
    (
        Algorithm::RS512,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.OKozctilLRC0FT2YFuYoh4owNoSeABRtCMoEHqq6Pi44w8pseCnDfDorQtf75qeOdcorkqC2rGjgYATFFzIvQJ_426fGIkulFQLMQSM6KMOwI5buwEPbdwmoXlWTmYtMjtsvcLglb42av9Qbf4W-5jQzqjw-geO-7Npl4CStzSZcPBDlyjGemVZ05FQshNwwWlU8Ndudu1jlmsNHndS-X2ve9MewlfmydcGhGR5vs2wcsy1DCjVI5VdcOCZB4gu9uL1tAkOe8dWG-DlEhDu7EUjOgbLQPlTOAQev1RXd-31bj4T4KIHgQlSRqI0EbWo-tu2sa-xPKwosWueNxZaqFw",
    ),
    (
        Algorithm::PS256,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.AVICEPE97SenKD8ut7M2yCe0UDlW1rGw0SBFpgvDHDhKy3NVaTvAP_nq5je1B6RFlOIuav90EORVwh4OY9o1k5OMXoNA0KzaqE3wzrKmmLI0VYsAJQJpNVXxJXpWpRrTLfCHztSC9QY1VXNMSIyDrkVSHRO_j7b9l2zPz1iPV9nY16wlSplJ4D8Nkt_HyWXalb3hNVf8wUUkdhrc9pvifBU7HBkhpbANEBNpCBLwKpzkGZZXSk-CqWhvJVNkLS9m_PCKZxd9y3qlaSm_rMcUXq9H9ewJeddDdozL-b41dguEDDVrxkfnVOtphf4odcLmZrrP2n4RYDRDJct60ziK8Q",
    ),
    (
        Algorithm::PS384,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzM4NCJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.i-Vi6Df7kMigx_AXJaSX5FWGPbV52dQivDCiTMZN1rflE5390_Ol0_YIG4g2A-x2SsG8lxSPpqPJiwX-OLKLCNyM-tKEG_V8PTB-mukl7HMvYDz6OJnKvHF1Pwb8bDIN1L3otZ-ttDNqfTSfkfhGra1frNfviNt4JExZzNQ_-7k2xKjdrgvxQJq77eOS3J_qkCX12EcvuMSan4DSSu4q0q6Wstq-Vuc40y3rysSMvY8H81d6SrSvBUSeFOTH5KhLNSkM2sy7LAzh7aBHyvdIEUaTj4llwWYdGdHuUEQQpAIyvmVUAkJhwxv5nL5FocUIJ0ny53NHq7btc3kkoVdlPg",
    ),
    (
        Algorithm::PS512,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzUxMiJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.ewEP3z9S7xa8UFXtXDF8ErDapDTrpIGEokmBgoMg2SmgRROZUMYzRcYrPW6z8pHtLvXZNdq0P-xNyAlrhxWvWOqmr021KQMaOjEBGFtzppZI85n6kNFfSmEu0qbNqSmhEV_ylNPI18ee9WtHxo9qO1yD5KkpiLfsMfk6Z8MVx8SBjhIwsQCG_OzHXNW5BZUIYnBg4PtiLb7fTKpEmUiN9UVQ4g3LBBgaYQpC7St0lR1k3ttTW6DDGstV1HiPHyovzkK4ct5gH4O1JlFJPn1qJVns02KHDn41mOSZuuPuRicLdPEK47OdxIxAU0IPQD0XuD98gDVRKppeishW87Rx-g",
    ),
    (
        Algorithm::ES256,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.MhnyvESNkhLGQmt9YlW6Ru1Gpq8UCTU6_0uyYIpi1uYNgndxPRDQLaFmJj0rz7D4yAhZyw8PDryF2Qww7GyVtg",
    ),
    (
        Algorithm::ES384,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.V1nnjGbu9QS3hAeKXSHYGnvAQ1X5CYve69a7vu57OunQo39FskCBs30KvZOP8vutwzFG5A1uR4oqnoal0MCX_b074ZprgYlBmLebJW0wd5cvzRWvgr4mHv5lyj1FVDlZ",
    ),
    (
        Algorithm::ES512,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzUxMiJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ.ASLxGMeupq3Ru1v-q5GaUrjZdry7EA5DSOKD-qf76y-tBuQ74aSjZXj9yCQUqehGeXlwXUlKulkS82eunl5ab76AAOk4txVQNHjQB_y96Oq1bW4F36prtG1fdvjDGvpnkmkLwmVQ2m8_a3vvQUG7qaR47BUZDzOcAdzZyZLfKPPzkWjh",
    ),
    (
        Algorithm::EdDSA,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9.eyJzdWIiOiJmdXp6IiwiZXhwIjoxNjAwMDAwMDAwfQ._hLvWwF8T6MnuzvjIg51CZPhu-rY-ivdwVWCXpW14RAecJSehV7kOlfi47XWi8jjZj5iVsghCxz01mqGo-ebCw",
    ),
];

/// The fuzzing clock: before the fixed tokens' `exp`.
pub fn now() -> DateTime<Utc> {
    Utc.timestamp_opt(1_500_000_000, 0)
        .single()
        .unwrap_or_default()
}

fn claims() -> Claims {
    let mut c = Claims::new();
    c.insert("sub".into(), "fuzz".into());
    c.insert("exp".into(), 1_600_000_000_i64.into());
    c
}

/// Uses a parsed key the way a program would: for every algorithm the key accepts, verify the
/// fixed token of that algorithm (Ok or a typed error), and when the key can sign, sign and
/// check that the key verifies its own signature — a key that signs what it cannot verify is a
/// bug (inconsistent private/public halves accepted by a parser).
pub fn exercise(key: &Key) {
    let _ = format!("{key:?}");
    let _ = (key.kid(), key.algorithm(), key.key_type(), key.family());
    let now = now();
    for (alg, token) in FIXED_TOKENS {
        if key.check_algorithm(alg).is_err() {
            continue;
        }
        let v = Validation::new(&[alg]);
        let _ = decode_at(token.as_bytes(), key, &v, now);
        if !key.can_sign() {
            continue;
        }
        let claims = claims();
        let Ok(signed) = encode(&claims, alg, key) else {
            continue;
        };
        match decode_at(signed.as_bytes(), key, &v, now) {
            Ok(d) => assert_eq!(d.claims, claims, "{alg}: claims changed in a round trip"),
            // JWK key_ops may allow sign without verify.
            Err(e) if e.kind() == ErrorKind::InvalidKey => {}
            Err(e) => panic!("{alg}: {key:?} cannot verify its own signature: {e}"),
        }
    }
}

/// As [`exercise`] for each key of a set, then the set as a verifier of every fixed token.
pub fn exercise_set(set: &KeySet) {
    for key in set.iter() {
        exercise(key);
    }
    let _ = (set.len(), set.is_empty(), set.get("a"));
    let now = now();
    let all = Validation::new(&Algorithm::ALL);
    for (_, token) in FIXED_TOKENS {
        let _ = decode_with_keyset(token.as_bytes(), set, &all, now);
        let _ = verify_jws(token.as_bytes(), set, &Algorithm::ALL, 1 << 16);
    }
}
