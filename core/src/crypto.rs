//! The only module that performs cryptography (aws-lc-rs): key material parsed into ready-to-use
//! objects, and raw sign/verify over the JWS signing input.
//!
//! Keys are parsed once: an HMAC key keeps its precomputed pads per digest, a public key its parsed
//! `EVP_PKEY` per algorithm, so nothing is re-parsed per token. MAC comparison is aws-lc's
//! constant-time `hmac::verify`; nothing here compares secrets by hand. RSA keys under 2048 bits
//! are refused for signing and verifying.

use std::sync::OnceLock;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    self, EcdsaKeyPair, Ed25519KeyPair, KeyPair, ParsedPublicKey, RsaKeyPair, RsaSubjectPublicKey,
};
use aws_lc_rs::{hmac, rsa};

use crate::algorithm::{Algorithm, Family};
use crate::error::{Error, ErrorKind, Result};

/// Smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;

/// An elliptic curve usable with ECDSA in JOSE.
///
/// ```
/// use ferrojwt::{Curve, Key, KeyType};
/// let jwk = br#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
/// assert_eq!(Key::from_jwk(jwk).unwrap().key_type(), KeyType::Ec(Curve::P256));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (ES256).
    P256,
    /// NIST P-384 (ES384).
    P384,
    /// NIST P-521 (ES512).
    P521,
}

impl Curve {
    /// The only algorithm this curve signs with in JOSE.
    pub fn algorithm(self) -> Algorithm {
        match self {
            Curve::P256 => Algorithm::ES256,
            Curve::P384 => Algorithm::ES384,
            Curve::P521 => Algorithm::ES512,
        }
    }

    /// The JWK `crv` name.
    pub fn jwk_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// Byte length of one coordinate.
    pub fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    const ALL: [Curve; 3] = [Curve::P256, Curve::P384, Curve::P521];

    fn signing(self) -> &'static signature::EcdsaSigningAlgorithm {
        match self {
            Curve::P256 => &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            Curve::P384 => &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
            Curve::P521 => &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
        }
    }

    fn verifying(self) -> &'static signature::EcdsaVerificationAlgorithm {
        match self {
            Curve::P256 => &signature::ECDSA_P256_SHA256_FIXED,
            Curve::P384 => &signature::ECDSA_P384_SHA384_FIXED,
            Curve::P521 => &signature::ECDSA_P521_SHA512_FIXED,
        }
    }
}

/// The type of a key: which algorithms it may ever be used with.
///
/// ```
/// use ferrojwt::{Algorithm, Key, KeyType};
/// let key = Key::from_secret(b"server-side secret").unwrap();
/// assert_eq!(key.key_type(), KeyType::Hmac);
/// assert!(KeyType::Hmac.supports(Algorithm::HS512));
/// assert!(!KeyType::Rsa.supports(Algorithm::HS256));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// A shared secret: HS256/384/512.
    Hmac,
    /// An RSA key: RS* and PS*.
    Rsa,
    /// An EC key on one curve: the single ES algorithm of that curve.
    Ec(Curve),
    /// An Ed25519 key: EdDSA.
    Ed25519,
}

impl KeyType {
    /// Whether a key of this type may be used with `alg`.
    pub fn supports(self, alg: Algorithm) -> bool {
        match self {
            KeyType::Hmac => alg.family() == Family::Hmac,
            KeyType::Rsa => matches!(alg.family(), Family::Rsa | Family::RsaPss),
            // ES521 is PyJWT 1.x's name for ES512, so a P-521 key serves both.
            KeyType::Ec(curve) => curve.algorithm() == alg.signature(),
            KeyType::Ed25519 => alg == Algorithm::EdDSA,
        }
    }
}

/// Parsed key material.
pub(crate) enum Material {
    // Boxed: the three precomputed HMAC states dwarf the other variants.
    Hmac(Box<HmacKey>),
    Rsa {
        private: Option<RsaKeyPair>,
        public: Box<RsaPublic>,
    },
    Ec {
        curve: Curve,
        private: Option<EcdsaKeyPair>,
        public: ParsedPublicKey,
    },
    Ed25519 {
        private: Option<Ed25519KeyPair>,
        public: ParsedPublicKey,
    },
}

pub(crate) struct HmacKey {
    secret: Vec<u8>,
    // aws-lc precomputes the inner and outer pads per digest; keep each once it is first needed.
    hs256: OnceLock<hmac::Key>,
    hs384: OnceLock<hmac::Key>,
    hs512: OnceLock<hmac::Key>,
}

pub(crate) struct RsaPublic {
    der: Vec<u8>,
    // One parsed key per algorithm (aws-lc binds a parsed key to its verification algorithm).
    parsed: [OnceLock<ParsedPublicKey>; 6],
}

fn key_format(message: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::InvalidKeyFormat, message)
}

/// Whether an RSA modulus carries the ROCA fingerprint (CVE-2017-15361): Infineon's generator made
/// primes `k·M + (65537^a mod M)`, so `n` is a power of 65537 modulo every small prime dividing `M`
/// (the primes up to 701 for 2048-bit and larger keys). A random modulus fails that test at some
/// prime with overwhelming probability.
fn roca_fingerprint(n: &[u8]) -> bool {
    const PRIMES: [u32; 124] = [
        3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181,
        191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281,
        283, 293, 307, 311, 313, 317, 331, 337, 347, 353, 359, 367, 373, 379, 383, 389, 397, 401,
        409, 419, 421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509,
        521, 523, 541, 547, 557, 563, 569, 571, 577, 587, 593, 599, 601, 607, 613, 617, 619, 631,
        641, 643, 647, 653, 659, 661, 673, 677, 683, 691, 701,
    ];
    PRIMES.iter().all(|&p| {
        let residue = n
            .iter()
            .fold(0u32, |acc, &b| (acc * 256 + u32::from(b)) % p);
        let generator = 65537 % p;
        let mut x = 1;
        loop {
            if x == residue {
                return true;
            }
            x = x * generator % p;
            if x == 1 {
                return false;
            }
        }
    })
}

/// Bit length of a big-endian unsigned integer; `None` when it is zero (no significant byte) or
/// too long to count. Checked arithmetic: the input is attacker-controlled (JWK `n`, DER, OpenSSH).
fn bit_length(be: &[u8]) -> Option<usize> {
    let significant = &be[be.iter().take_while(|b| **b == 0).count()..];
    let first = significant.first()?;
    significant
        .len()
        .checked_mul(8)?
        .checked_sub(first.leading_zeros() as usize)
}

fn check_rsa_modulus(n: &[u8]) -> Result<()> {
    let bits = bit_length(n).ok_or_else(|| key_format("RSA modulus is empty or zero"))?;
    let significant = &n[n.iter().take_while(|b| **b == 0).count()..];
    if bits < MIN_RSA_BITS {
        return Err(small_rsa(bits));
    }
    if roca_fingerprint(significant) {
        return Err(Error::new(
            ErrorKind::InvalidKey,
            "this RSA key was generated by a ROCA-vulnerable library (CVE-2017-15361) and is refused",
        ));
    }
    Ok(())
}

fn small_rsa_private() -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("RSA keys under {MIN_RSA_BITS} bits are refused"),
    )
}

fn small_rsa(bits: usize) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("RSA keys under {MIN_RSA_BITS} bits are refused (this one has {bits})"),
    )
}

impl Material {
    pub(crate) fn hmac(secret: &[u8]) -> Material {
        Material::Hmac(Box::new(HmacKey {
            secret: secret.to_vec(),
            hs256: OnceLock::new(),
            hs384: OnceLock::new(),
            hs512: OnceLock::new(),
        }))
    }

    /// A private key from DER (PKCS#8 of any type, PKCS#1 RSA, SEC1 EC), or `None` if the bytes
    /// are not a private key of a supported type.
    pub(crate) fn private_from_der(der: &[u8]) -> Result<Option<Material>> {
        // aws-lc refuses small RSA keys itself; say so rather than "unrecognised key".
        let too_small = |r: &aws_lc_rs::error::KeyRejected| r.description_() == "TooSmall";
        let rsa = match RsaKeyPair::from_pkcs8(der) {
            Err(r) if !too_small(&r) => RsaKeyPair::from_der(der),
            other => other,
        };
        if matches!(&rsa, Err(r) if too_small(r)) {
            return Err(small_rsa_private());
        }
        if let Ok(pair) = rsa {
            check_rsa_modulus(
                pair.public_key()
                    .modulus()
                    .big_endian_without_leading_zero(),
            )?;
            let public = RsaPublic::new(pair.public_key().as_ref().to_vec());
            return Ok(Some(Material::Rsa {
                private: Some(pair),
                public,
            }));
        }
        for curve in Curve::ALL {
            if let Ok(pair) = EcdsaKeyPair::from_private_key_der(curve.signing(), der) {
                let public = ParsedPublicKey::new(curve.verifying(), pair.public_key().as_ref())
                    .map_err(|_| key_format("EC private key has an invalid public point"))?;
                return Ok(Some(Material::Ec {
                    curve,
                    private: Some(pair),
                    public,
                }));
            }
        }
        if let Ok(pair) = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
            let public = ParsedPublicKey::new(&signature::ED25519, pair.public_key().as_ref())
                .map_err(|_| key_format("Ed25519 private key has an invalid public key"))?;
            return Ok(Some(Material::Ed25519 {
                private: Some(pair),
                public,
            }));
        }
        Ok(None)
    }

    /// A public key from DER (SPKI of any type, PKCS#1 RSAPublicKey), or `None`.
    pub(crate) fn public_from_der(der: &[u8]) -> Result<Option<Material>> {
        if let Ok(rsa) = RsaSubjectPublicKey::from_der(der) {
            check_rsa_modulus(rsa.modulus().big_endian_without_leading_zero())?;
            return Ok(Some(Material::Rsa {
                private: None,
                public: RsaPublic::new(der.to_vec()),
            }));
        }
        // aws-lc also takes raw keys (an EC point, 32 Ed25519 bytes); DER means SPKI here, or any
        // 32 bytes would become an Ed25519 key. The smallest SPKI (Ed25519) is 44 bytes.
        if der.first() != Some(&0x30) || der.len() <= 32 {
            return Ok(None);
        }
        Ok(Self::ec_public(der).or_else(|| Self::ed25519_public(der)))
    }

    /// An EC public key from SPKI DER or an uncompressed SEC1 point, on whichever curve it is.
    pub(crate) fn ec_public(bytes: &[u8]) -> Option<Material> {
        Curve::ALL.into_iter().find_map(|curve| {
            ParsedPublicKey::new(curve.verifying(), bytes)
                .ok()
                .map(|public| Material::Ec {
                    curve,
                    private: None,
                    public,
                })
        })
    }

    /// An Ed25519 public key from SPKI DER or the raw 32 bytes.
    pub(crate) fn ed25519_public(bytes: &[u8]) -> Option<Material> {
        ParsedPublicKey::new(&signature::ED25519, bytes)
            .ok()
            .map(|public| Material::Ed25519 {
                private: None,
                public,
            })
    }

    /// An RSA public key from its modulus and exponent (big-endian, JWK or OpenSSH).
    pub(crate) fn rsa_from_components(n: &[u8], e: &[u8]) -> Result<Material> {
        let der = der::rsa_public_key(n, e);
        Self::public_from_der(&der)?
            .filter(|m| m.key_type() == KeyType::Rsa)
            .ok_or_else(|| key_format("invalid RSA modulus or exponent"))
    }

    /// An RSA private key from JWK components.
    pub(crate) fn rsa_private_from_components(c: &RsaComponents<'_>) -> Result<Material> {
        let components = rsa::KeyPairComponents {
            public_key: rsa::PublicKeyComponents { n: c.n, e: c.e },
            d: c.d,
            p: c.p,
            q: c.q,
            dP: c.dp,
            dQ: c.dq,
            qInv: c.qi,
        };
        check_rsa_modulus(c.n)?;
        let pair = RsaKeyPair::from_components(&components)
            .map_err(|_| key_format("inconsistent RSA private key components"))?;
        let public = RsaPublic::new(pair.public_key().as_ref().to_vec());
        Ok(Material::Rsa {
            private: Some(pair),
            public,
        })
    }

    /// An EC private key from the scalar and public point (JWK `d`, `x`, `y`).
    pub(crate) fn ec_private_from_components(
        curve: Curve,
        d: &[u8],
        point: &[u8],
    ) -> Result<Material> {
        let pair = EcdsaKeyPair::from_private_key_and_public_key(curve.signing(), d, point)
            .map_err(|_| key_format("EC private key does not match its public point"))?;
        let public = ParsedPublicKey::new(curve.verifying(), point)
            .map_err(|_| key_format("invalid EC public point"))?;
        Ok(Material::Ec {
            curve,
            private: Some(pair),
            public,
        })
    }

    /// An Ed25519 private key from its seed and public key (JWK `d`, `x`).
    pub(crate) fn ed25519_private_from_components(seed: &[u8], public: &[u8]) -> Result<Material> {
        let pair = Ed25519KeyPair::from_seed_and_public_key(seed, public)
            .map_err(|_| key_format("Ed25519 private key does not match its public key"))?;
        let parsed = ParsedPublicKey::new(&signature::ED25519, public)
            .map_err(|_| key_format("invalid Ed25519 public key"))?;
        Ok(Material::Ed25519 {
            private: Some(pair),
            public: parsed,
        })
    }

    pub(crate) fn key_type(&self) -> KeyType {
        match self {
            Material::Hmac(_) => KeyType::Hmac,
            Material::Rsa { .. } => KeyType::Rsa,
            Material::Ec { curve, .. } => KeyType::Ec(*curve),
            Material::Ed25519 { .. } => KeyType::Ed25519,
        }
    }

    /// Length of an HMAC secret (`None` for asymmetric keys).
    pub(crate) fn hmac_secret_len(&self) -> Option<usize> {
        match self {
            Material::Hmac(h) => Some(h.secret.len()),
            _ => None,
        }
    }

    pub(crate) fn can_sign(&self) -> bool {
        match self {
            Material::Hmac(_) => true,
            Material::Rsa { private, .. } => private.is_some(),
            Material::Ec { private, .. } => private.is_some(),
            Material::Ed25519 { private, .. } => private.is_some(),
        }
    }
}

/// Big-endian RSA private components, as a JWK carries them.
pub(crate) struct RsaComponents<'a> {
    pub n: &'a [u8],
    pub e: &'a [u8],
    pub d: &'a [u8],
    pub p: &'a [u8],
    pub q: &'a [u8],
    pub dp: &'a [u8],
    pub dq: &'a [u8],
    pub qi: &'a [u8],
}

impl HmacKey {
    fn for_algorithm(&self, alg: Algorithm) -> Result<&hmac::Key> {
        let (cell, digest) = match alg {
            Algorithm::HS256 => (&self.hs256, hmac::HMAC_SHA256),
            Algorithm::HS384 => (&self.hs384, hmac::HMAC_SHA384),
            Algorithm::HS512 => (&self.hs512, hmac::HMAC_SHA512),
            other => return Err(mismatch(KeyType::Hmac, other)),
        };
        Ok(cell.get_or_init(|| hmac::Key::new(digest, &self.secret)))
    }
}

impl RsaPublic {
    fn new(der: Vec<u8>) -> Box<RsaPublic> {
        Box::new(RsaPublic {
            der,
            parsed: Default::default(),
        })
    }

    fn for_algorithm(&self, alg: Algorithm) -> Result<&ParsedPublicKey> {
        let (slot, params): (usize, &'static signature::RsaParameters) = match alg {
            Algorithm::RS256 => (0, &signature::RSA_PKCS1_2048_8192_SHA256),
            Algorithm::RS384 => (1, &signature::RSA_PKCS1_2048_8192_SHA384),
            Algorithm::RS512 => (2, &signature::RSA_PKCS1_2048_8192_SHA512),
            Algorithm::PS256 => (3, &signature::RSA_PSS_2048_8192_SHA256),
            Algorithm::PS384 => (4, &signature::RSA_PSS_2048_8192_SHA384),
            Algorithm::PS512 => (5, &signature::RSA_PSS_2048_8192_SHA512),
            other => return Err(mismatch(KeyType::Rsa, other)),
        };
        if let Some(parsed) = self.parsed[slot].get() {
            return Ok(parsed);
        }
        let parsed = ParsedPublicKey::new(params, &self.der)
            .map_err(|_| key_format("RSA public key rejected"))?;
        Ok(self.parsed[slot].get_or_init(|| parsed))
    }
}

pub(crate) fn mismatch(key_type: KeyType, alg: Algorithm) -> Error {
    let what = match key_type {
        KeyType::Hmac => "an HMAC secret".to_owned(),
        KeyType::Rsa => "an RSA key".to_owned(),
        KeyType::Ec(c) => format!("an EC {} key", c.jwk_name()),
        KeyType::Ed25519 => "an Ed25519 key".to_owned(),
    };
    Error::new(
        ErrorKind::InvalidKey,
        format!("{what} cannot be used with {alg}"),
    )
}

/// Signs `message` with `key` under `alg`, returning the raw JWS signature bytes.
/// A signature: a MAC stays on the stack (HS256 tokens are signed at a rate where the
/// allocation shows); public-key signatures are bytes.
pub(crate) enum Signature {
    Mac(hmac::Tag),
    Bytes(Vec<u8>),
}

impl AsRef<[u8]> for Signature {
    fn as_ref(&self) -> &[u8] {
        match self {
            Signature::Mac(tag) => tag.as_ref(),
            Signature::Bytes(bytes) => bytes,
        }
    }
}

pub(crate) fn sign(alg: Algorithm, key: &Material, message: &[u8]) -> Result<Signature> {
    if !key.key_type().supports(alg) {
        return Err(mismatch(key.key_type(), alg));
    }
    let no_private = || {
        Error::new(
            ErrorKind::InvalidKey,
            "a public key cannot sign: a private key is required",
        )
    };
    let failed = |_| Error::new(ErrorKind::Internal, "signing failed");
    let bytes = match key {
        Material::Hmac(h) => return Ok(Signature::Mac(hmac::sign(h.for_algorithm(alg)?, message))),
        Material::Rsa { private, .. } => {
            let pair = private.as_ref().ok_or_else(no_private)?;
            let encoding: &'static dyn signature::RsaEncoding = match alg {
                Algorithm::RS256 => &signature::RSA_PKCS1_SHA256,
                Algorithm::RS384 => &signature::RSA_PKCS1_SHA384,
                Algorithm::RS512 => &signature::RSA_PKCS1_SHA512,
                Algorithm::PS256 => &signature::RSA_PSS_SHA256,
                Algorithm::PS384 => &signature::RSA_PSS_SHA384,
                _ => &signature::RSA_PSS_SHA512,
            };
            let mut out = vec![0u8; pair.public_modulus_len()];
            pair.sign(encoding, &SystemRandom::new(), message, &mut out)
                .map_err(failed)?;
            out
        }
        Material::Ec { private, .. } => {
            let pair = private.as_ref().ok_or_else(no_private)?;
            let sig = pair.sign(&SystemRandom::new(), message).map_err(failed)?;
            sig.as_ref().to_vec()
        }
        Material::Ed25519 { private, .. } => {
            let pair = private.as_ref().ok_or_else(no_private)?;
            pair.sign(message).as_ref().to_vec()
        }
    };
    Ok(Signature::Bytes(bytes))
}

/// Verifies `signature` over `message`; [`ErrorKind::InvalidSignature`] when it does not match.
pub(crate) fn verify(
    alg: Algorithm,
    key: &Material,
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    if !key.key_type().supports(alg) {
        return Err(mismatch(key.key_type(), alg));
    }
    let ok = match key {
        Material::Hmac(h) => hmac::verify(h.for_algorithm(alg)?, message, signature).is_ok(),
        Material::Rsa { public, .. } => public
            .for_algorithm(alg)?
            .verify_sig(message, signature)
            .is_ok(),
        Material::Ec { public, .. } | Material::Ed25519 { public, .. } => {
            public.verify_sig(message, signature).is_ok()
        }
    };
    if ok {
        Ok(())
    } else {
        Err(bad_signature())
    }
}

pub(crate) fn bad_signature() -> Error {
    Error::new(ErrorKind::InvalidSignature, "Signature verification failed")
}

/// Raw primitives for the Wycheproof conformance tests, which exercise the crypto layer below
/// the JWS format.
#[doc(hidden)]
pub mod raw {
    use super::*;

    /// HMAC-SHA-2 with a tag possibly truncated to `tag.len()`; `Ok(false)` on mismatch.
    pub fn hmac_verify(bits: u16, key: &[u8], message: &[u8], tag: &[u8]) -> Result<bool> {
        let digest = match bits {
            256 => hmac::HMAC_SHA256,
            384 => hmac::HMAC_SHA384,
            512 => hmac::HMAC_SHA512,
            _ => return Err(Error::new(ErrorKind::InvalidArgument, "unsupported digest")),
        };
        let full = hmac::sign(&hmac::Key::new(digest, key), message);
        // Constant-time comparison from aws-lc, on the (possibly truncated) prefix.
        Ok(tag.len() <= full.as_ref().len()
            && aws_lc_rs::constant_time::verify_slices_are_equal(&full.as_ref()[..tag.len()], tag)
                .is_ok())
    }

    /// Verifies with a public key given as SPKI DER under `alg`.
    pub fn verify_spki(
        alg: Algorithm,
        spki_der: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<bool> {
        let material = Material::public_from_der(spki_der)?
            .ok_or_else(|| key_format("unsupported public key"))?;
        match super::verify(alg, &material, message, signature) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == ErrorKind::InvalidSignature => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// Minimal DER writing for RSA public keys assembled from components.
mod der {
    fn push_len(out: &mut Vec<u8>, len: usize) {
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes = len.to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            out.push(0x80 | (bytes.len() - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
    }

    fn push_uint(out: &mut Vec<u8>, value: &[u8]) {
        let trimmed = {
            let skip = value.iter().take_while(|b| **b == 0).count();
            &value[skip.min(value.len().saturating_sub(1))..]
        };
        let pad = trimmed.first().is_some_and(|b| b & 0x80 != 0);
        out.push(0x02);
        push_len(out, trimmed.len() + usize::from(pad));
        if pad {
            out.push(0);
        }
        out.extend_from_slice(trimmed);
    }

    /// PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`.
    pub fn rsa_public_key(n: &[u8], e: &[u8]) -> Vec<u8> {
        let mut body = Vec::with_capacity(n.len() + e.len() + 16);
        push_uint(&mut body, n);
        push_uint(&mut body, e);
        let mut out = Vec::with_capacity(body.len() + 8);
        out.push(0x30);
        push_len(&mut out, body.len());
        out.extend_from_slice(&body);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4231 test case 2 (HMAC-SHA-256 with key "Jefe").
    #[test]
    fn hmac_sha256_matches_rfc4231() {
        let key = Material::hmac(b"Jefe");
        let tag = sign(Algorithm::HS256, &key, b"what do ya want for nothing?")
            .unwrap()
            .as_ref()
            .to_vec();
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

    #[test]
    fn roca_fingerprint_spots_powers_of_65537_only() {
        // 65537^3 is trivially a power of 65537 modulo every prime.
        let n: u128 = 65537u128 * 65537 * 65537;
        assert!(roca_fingerprint(&n.to_be_bytes()));
        let n: u128 = 65537u128 * 65537 * 65537 + 2;
        assert!(!roca_fingerprint(&n.to_be_bytes()));
    }

    #[test]
    fn key_types_bind_algorithms() {
        assert!(KeyType::Rsa.supports(Algorithm::PS384));
        assert!(!KeyType::Rsa.supports(Algorithm::HS256));
        assert!(KeyType::Ec(Curve::P384).supports(Algorithm::ES384));
        assert!(!KeyType::Ec(Curve::P384).supports(Algorithm::ES256));
        assert!(!KeyType::Ed25519.supports(Algorithm::ES256));
        assert!(!KeyType::Hmac.supports(Algorithm::EdDSA));
    }

    #[test]
    fn der_integers_are_minimal_and_positive() {
        let der = der::rsa_public_key(&[0x00, 0x80, 0x01], &[0x01, 0x00, 0x01]);
        let want = [
            0x30, 0x0a, 0x02, 0x03, 0x00, 0x80, 0x01, 0x02, 0x03, 0x01, 0x00, 0x01,
        ];
        assert_eq!(der, want);
    }
}
