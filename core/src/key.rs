//! Keys, parsed once and reused for every sign and verify.
//!
//! A [`Key`] knows its [`Family`]; using it with an algorithm of another family is refused before
//! any cryptography runs, so an asymmetric public key can never be replayed as an HMAC secret.

use std::sync::OnceLock;

use aws_lc_rs::hmac;

use crate::algorithm::{Algorithm, Family};
use crate::error::{Error, ErrorKind, Result};

/// Markers of public-key material (PEM, certificates, OpenSSH). A secret containing one of them is
/// refused: it is the classic HS256-with-the-RSA-public-key confusion attack (PyJWT's rule, widened
/// to every PEM block and OpenSSH key type).
const ASYMMETRIC_MARKERS: [&[u8]; 6] = [
    b"-----BEGIN",
    b"ssh-rsa",
    b"ssh-ed25519",
    b"ssh-dss",
    b"ecdsa-sha2-",
    b"sk-ssh-",
];

/// The message PyJWT uses for the same refusal; DRF users may match on it.
pub const ASYMMETRIC_SECRET_MESSAGE: &str =
    "The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.";

/// A signing or verifying key, with an optional key id (`kid`).
///
/// ```
/// use ferrojwt::{Algorithm, Family, Key};
/// let key = Key::from_secret(b"a long, random, server-side secret").unwrap();
/// assert_eq!(key.family(), Family::Hmac);
/// assert!(key.check_algorithm(Algorithm::HS512).is_ok());
/// assert!(key.check_algorithm(Algorithm::RS256).is_err());
/// ```
pub struct Key {
    material: Material,
    kid: Option<String>,
}

enum Material {
    Hmac(HmacKey),
}

pub(crate) struct HmacKey {
    secret: Vec<u8>,
    // aws-lc precomputes the inner and outer pads per digest; keep each once it is first needed.
    hs256: OnceLock<hmac::Key>,
    hs384: OnceLock<hmac::Key>,
    hs512: OnceLock<hmac::Key>,
}

impl HmacKey {
    pub(crate) fn for_algorithm(&self, alg: Algorithm) -> Result<&hmac::Key> {
        let (cell, digest) = match alg {
            Algorithm::HS256 => (&self.hs256, hmac::HMAC_SHA256),
            Algorithm::HS384 => (&self.hs384, hmac::HMAC_SHA384),
            Algorithm::HS512 => (&self.hs512, hmac::HMAC_SHA512),
            other => return Err(family_mismatch(Family::Hmac, other)),
        };
        Ok(cell.get_or_init(|| hmac::Key::new(digest, &self.secret)))
    }
}

fn family_mismatch(family: Family, alg: Algorithm) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("a {family:?} key cannot be used with {alg}"),
    )
}

impl Key {
    /// An HMAC secret (HS256/384/512). Empty secrets and secrets that look like public-key
    /// material (PEM blocks, certificates, OpenSSH keys) are refused with [`ErrorKind::InvalidKey`].
    pub fn from_secret(secret: &[u8]) -> Result<Key> {
        if secret.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "an HMAC secret must not be empty",
            ));
        }
        if ASYMMETRIC_MARKERS
            .iter()
            .any(|m| secret.windows(m.len()).any(|w| w == *m))
        {
            return Err(Error::new(ErrorKind::InvalidKey, ASYMMETRIC_SECRET_MESSAGE));
        }
        Ok(Key {
            material: Material::Hmac(HmacKey {
                secret: secret.to_vec(),
                hs256: OnceLock::new(),
                hs384: OnceLock::new(),
                hs512: OnceLock::new(),
            }),
            kid: None,
        })
    }

    /// The same key, labelled with a key id (written by signers, matched by verifiers).
    pub fn with_kid(mut self, kid: impl Into<String>) -> Key {
        self.kid = Some(kid.into());
        self
    }

    /// The key id, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The algorithm family this key belongs to.
    pub fn family(&self) -> Family {
        match self.material {
            Material::Hmac(_) => Family::Hmac,
        }
    }

    /// `Ok` if this key may be used with `alg`, otherwise [`ErrorKind::InvalidKey`].
    pub fn check_algorithm(&self, alg: Algorithm) -> Result<()> {
        if alg.family() == self.family() {
            Ok(())
        } else {
            Err(family_mismatch(self.family(), alg))
        }
    }

    pub(crate) fn hmac(&self, alg: Algorithm) -> Result<&hmac::Key> {
        match &self.material {
            Material::Hmac(h) => h.for_algorithm(alg),
        }
    }
}

impl std::fmt::Debug for Key {
    // Never print key material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("family", &self.family())
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_secret_is_refused() {
        assert_eq!(
            Key::from_secret(b"").unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    fn public_key_material_is_refused_as_a_secret() {
        for s in [
            &b"-----BEGIN PUBLIC KEY-----\nMIIB...\n-----END PUBLIC KEY-----"[..],
            b"-----BEGIN CERTIFICATE-----",
            b"-----BEGIN RSA PUBLIC KEY-----",
            b"  -----BEGIN EC PRIVATE KEY-----",
            b"ssh-rsa AAAAB3NzaC1yc2E user@host",
            b"ssh-ed25519 AAAAC3 user@host",
            b"ecdsa-sha2-nistp256 AAAA",
        ] {
            let err = Key::from_secret(s).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidKey);
            assert_eq!(err.message(), ASYMMETRIC_SECRET_MESSAGE);
        }
    }

    #[test]
    fn hmac_key_refuses_other_families() {
        let key = Key::from_secret(b"secret").unwrap();
        for alg in Algorithm::ALL {
            assert_eq!(
                key.check_algorithm(alg).is_ok(),
                alg.family() == Family::Hmac
            );
        }
        assert!(key.hmac(Algorithm::ES256).is_err());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let key = Key::from_secret(b"topsecret").unwrap().with_kid("k1");
        let shown = format!("{key:?}");
        assert!(!shown.contains("topsecret"));
        assert!(shown.contains("k1"));
    }
}
