//! JOSE signature algorithms and the key family each one needs.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind};

/// The kind of key an algorithm uses. A key may only ever be used with algorithms of its family,
/// which is what blocks algorithm-confusion attacks (an RSA public key used as an HMAC secret).
///
/// ```
/// use ferrojwt::{Algorithm, Family};
/// assert_eq!(Algorithm::PS256.family(), Family::RsaPss);
/// assert_ne!(Algorithm::RS256.family(), Algorithm::HS256.family());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// HS256/384/512: a shared secret.
    Hmac,
    /// RS256/384/512: RSASSA-PKCS1-v1_5.
    Rsa,
    /// PS256/384/512: RSASSA-PSS.
    RsaPss,
    /// ES256/384/512: ECDSA on P-256/P-384/P-521.
    Ec,
    /// EdDSA: Ed25519.
    EdDsa,
}

/// A JWS signature algorithm. `none` is deliberately not representable.
///
/// ```
/// use ferrojwt::Algorithm;
/// let alg: Algorithm = "HS256".parse().unwrap();
/// assert_eq!(alg, Algorithm::HS256);
/// assert_eq!(alg.as_str(), "HS256");
/// assert!("none".parse::<Algorithm>().is_err());
/// ```
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512.
    PS512,
    /// ECDSA P-256 with SHA-256.
    ES256,
    /// ECDSA P-384 with SHA-384.
    ES384,
    /// ECDSA P-521 with SHA-512.
    ES512,
    /// PyJWT 1.x's name for ES512: the same signature (P-521, SHA-512), but its tokens say
    /// `alg: ES521`. As in PyJWT 1.x, an allow-list must name `ES521` to accept them, and signing
    /// with it writes `ES521`, so tokens stay byte-identical to djangorestframework_jwt 1.11's.
    ES521,
    /// Ed25519.
    EdDSA,
}

impl Algorithm {
    /// Every algorithm, in a fixed order.
    pub const ALL: [Algorithm; 14] = [
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::ES512,
        Algorithm::ES521,
        Algorithm::EdDSA,
    ];

    /// The `alg` header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::ES512 => "ES512",
            Algorithm::ES521 => "ES521",
            Algorithm::EdDSA => "EdDSA",
        }
    }

    /// The signature algorithm proper, names aside: [`Algorithm::ES521`] is [`Algorithm::ES512`].
    ///
    /// ```
    /// use ferrojwt::Algorithm;
    /// assert_eq!(Algorithm::ES521.signature(), Algorithm::ES512);
    /// assert_eq!(Algorithm::HS256.signature(), Algorithm::HS256);
    /// ```
    pub fn signature(self) -> Algorithm {
        match self {
            Algorithm::ES521 => Algorithm::ES512,
            other => other,
        }
    }

    /// The key family this algorithm needs.
    pub fn family(self) -> Family {
        match self {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => Family::Hmac,
            Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 => Family::Rsa,
            Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512 => Family::RsaPss,
            Algorithm::ES256 | Algorithm::ES384 | Algorithm::ES512 | Algorithm::ES521 => Family::Ec,
            Algorithm::EdDSA => Family::EdDsa,
        }
    }

    /// Parses an `alg` value exactly (case-sensitive, as RFC 7515 requires).
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Some(match name {
            "HS256" => Algorithm::HS256,
            "HS384" => Algorithm::HS384,
            "HS512" => Algorithm::HS512,
            "RS256" => Algorithm::RS256,
            "RS384" => Algorithm::RS384,
            "RS512" => Algorithm::RS512,
            "PS256" => Algorithm::PS256,
            "PS384" => Algorithm::PS384,
            "PS512" => Algorithm::PS512,
            "ES256" => Algorithm::ES256,
            "ES384" => Algorithm::ES384,
            "ES512" => Algorithm::ES512,
            "ES521" => Algorithm::ES521,
            "EdDSA" => Algorithm::EdDSA,
            _ => return None,
        })
    }
}

impl FromStr for Algorithm {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Algorithm::from_name(s)
            .ok_or_else(|| Error::new(ErrorKind::InvalidAlgorithm, "Algorithm not supported"))
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for alg in Algorithm::ALL {
            assert_eq!(alg.as_str().parse::<Algorithm>(), Ok(alg));
        }
    }

    #[test]
    fn none_and_case_variants_are_refused() {
        for bad in ["none", "None", "hs256", "HS256 ", "", "HS1"] {
            let err = bad.parse::<Algorithm>().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidAlgorithm, "{bad}");
        }
    }
}
