//! The only module that performs cryptography: raw sign and verify over the JWS signing input.
//!
//! MAC comparison is aws-lc's constant-time `hmac::verify`; nothing here compares secrets by hand.

use aws_lc_rs::hmac;

use crate::algorithm::{Algorithm, Family};
use crate::error::{Error, ErrorKind, Result};
use crate::key::Key;

/// Signs `message` with `key` under `alg`, returning the raw signature bytes.
pub(crate) fn sign(alg: Algorithm, key: &Key, message: &[u8]) -> Result<Vec<u8>> {
    key.check_algorithm(alg)?;
    match alg.family() {
        Family::Hmac => Ok(hmac::sign(key.hmac(alg)?, message).as_ref().to_vec()),
        _ => Err(unsupported(alg)),
    }
}

/// Verifies `signature` over `message`; [`ErrorKind::InvalidSignature`] when it does not match.
pub(crate) fn verify(alg: Algorithm, key: &Key, message: &[u8], signature: &[u8]) -> Result<()> {
    key.check_algorithm(alg)?;
    match alg.family() {
        Family::Hmac => {
            hmac::verify(key.hmac(alg)?, message, signature).map_err(|_| bad_signature())
        }
        _ => Err(unsupported(alg)),
    }
}

pub(crate) fn bad_signature() -> Error {
    Error::new(ErrorKind::InvalidSignature, "Signature verification failed")
}

fn unsupported(alg: Algorithm) -> Error {
    Error::new(
        ErrorKind::InvalidAlgorithm,
        format!("{alg} is not supported by this build yet"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4231 test case 2 (HMAC-SHA-256 with key "Jefe").
    #[test]
    fn hmac_sha256_matches_rfc4231() {
        let key = Key::from_secret(b"Jefe").unwrap();
        let tag = sign(Algorithm::HS256, &key, b"what do ya want for nothing?").unwrap();
        let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(verify(
            Algorithm::HS256,
            &key,
            b"what do ya want for nothing?",
            &tag
        )
        .is_ok());
        let mut bad = tag.clone();
        bad[0] ^= 1;
        let err = verify(
            Algorithm::HS256,
            &key,
            b"what do ya want for nothing?",
            &bad,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature);
        assert!(verify(Algorithm::HS256, &key, b"x", &tag[..31]).is_err());
    }
}
