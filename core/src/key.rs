//! Keys in every common form, parsed once into reusable objects, and key sets selected by `kid`.
//!
//! Forms: raw HMAC secrets; PEM and DER (PKCS#1, PKCS#8, SPKI, SEC1, X.509 certificates); JWK and
//! JWK Sets (RFC 7517, honouring `kid`, `use`, `key_ops` and `alg`); OpenSSH public keys
//! (`ssh-rsa`, `ssh-ed25519`). Each [`Key`] knows its [`KeyType`] and is refused for algorithms of
//! another type before any cryptography runs, so an asymmetric public key can never be replayed as
//! an HMAC secret.

use std::sync::Arc;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::{Map, Value};

use crate::algorithm::{Algorithm, Family};
use crate::crypto::{self, Curve, KeyType, Material, RsaComponents};
use crate::error::{Error, ErrorKind, Result};
use crate::json;

/// Markers of public-key material (PEM, certificates, OpenSSH). A secret containing one of them is
/// refused: it is the classic HS256-with-the-RSA-public-key confusion attack (PyJWT's rule, widened
/// to every PEM block and OpenSSH key type).
const ASYMMETRIC_MARKERS: [&[u8]; 7] = [
    b"-----BEGIN",
    b"---- BEGIN SSH2", // RFC 4716, what ssh-keygen -e writes
    b"ssh-rsa",
    b"ssh-ed25519",
    b"ssh-dss",
    b"ecdsa-sha2-",
    b"sk-ssh-",
];

/// The message PyJWT uses for the same refusal; DRF users may match on it.
pub const ASYMMETRIC_SECRET_MESSAGE: &str =
    "The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.";

const FORMS: &str =
    "an RSA (PKCS#1, PKCS#8 or SPKI; at least 2048 bits), EC (SEC1, PKCS#8 or SPKI; \
P-256, P-384 or P-521) or Ed25519 (PKCS#8 or SPKI) key";

fn format_error(message: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::InvalidKeyFormat, message)
}

/// A signing or verifying key, with an optional key id (`kid`) and, from a JWK, the algorithm and
/// operations it is restricted to.
///
/// ```
/// use ferrojwt::{Algorithm, Key, KeyType};
/// let key = Key::from_secret(b"a long, random, server-side secret").unwrap();
/// assert_eq!(key.key_type(), KeyType::Hmac);
/// assert!(key.check_algorithm(Algorithm::HS512).is_ok());
/// assert!(key.check_algorithm(Algorithm::RS256).is_err());
/// ```
///
/// Cloning is cheap: clones share the parsed material (and its precomputed state); `kid`, `alg`
/// and the allowed operations are per clone, so a clone can be relabelled with [`Key::with_kid`].
#[derive(Clone)]
pub struct Key {
    material: Arc<Material>,
    kid: Option<String>,
    alg: Option<Algorithm>,
    may_sign: bool,
    may_verify: bool,
    // JWK secrets follow RFC 7518 §3.2 (at least the hash size); raw secrets keep
    // djangorestframework_jwt compatibility (any non-empty secret).
    rfc7518_secret_length: bool,
}

impl Key {
    fn new(material: Material) -> Key {
        Key {
            material: Arc::new(material),
            kid: None,
            alg: None,
            may_sign: true,
            may_verify: true,
            rfc7518_secret_length: false,
        }
    }

    /// An HMAC secret (HS256/384/512). Empty secrets and secrets that look like public-key
    /// material (PEM blocks, certificates, OpenSSH keys) are refused with [`ErrorKind::InvalidKey`].
    pub fn from_secret(secret: &[u8]) -> Result<Key> {
        secret_material(secret).map(Key::new)
    }

    /// An asymmetric key in any supported text or binary form, detected from its content: PEM
    /// (`-----BEGIN`), OpenSSH (`ssh-…`), a JWK (a JSON object), otherwise DER.
    ///
    /// ```
    /// let pem = b"-----BEGIN PUBLIC KEY-----\n\
    /// MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
    /// -----END PUBLIC KEY-----\n";
    /// let key = ferrojwt::Key::parse(pem).unwrap();
    /// assert_eq!(key.key_type(), ferrojwt::KeyType::Ed25519);
    /// assert!(!key.can_sign());
    /// ```
    pub fn parse(input: &[u8]) -> Result<Key> {
        let trimmed = trim_ascii_start(input.strip_prefix(UTF8_BOM).unwrap_or(input));
        if trimmed.starts_with(b"-----BEGIN") {
            Key::from_pem(trimmed)
        } else if trimmed.starts_with(b"ssh-") || trimmed.starts_with(b"ecdsa-sha2-") {
            Key::from_openssh(trimmed)
        } else if trimmed.starts_with(b"{") {
            Key::from_jwk(trimmed)
        } else if has_pem_begin_line(trimmed) {
            // Text before the block: comments, or the `Bag Attributes` openssl writes when it
            // exports from PKCS#12 (cryptography, and so PyJWT, skip it too).
            Key::from_pem(trimmed)
        } else if looks_like_encoded_text(trimmed) {
            Err(format_error(
                "base64 or hex text is not a key format: give the key as PEM (with its \
                 -----BEGIN line), JWK, OpenSSH, or DER bytes",
            ))
        } else {
            Key::from_der(input)
        }
    }

    /// A key from the first PEM block of `pem`: `PRIVATE KEY` (PKCS#8), `RSA PRIVATE KEY`,
    /// `EC PRIVATE KEY`, `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY` or `CERTIFICATE` (its public key).
    pub fn from_pem(pem: &[u8]) -> Result<Key> {
        let (label, der) = pem_decode(pem)?;
        match label.as_str() {
            "CERTIFICATE" => {
                let spki = certificate_spki(without_trailing_whitespace(&der)?).ok_or_else(|| {
                    format_error("CERTIFICATE: not a well-formed X.509 certificate")
                })?;
                Key::public_from_der(spki)
            }
            "PUBLIC KEY" | "RSA PUBLIC KEY" => Key::public_from_der(&der),
            "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => Key::private_from_der(&der),
            "ENCRYPTED PRIVATE KEY" => Err(format_error(
                "encrypted private keys are not supported: decrypt the key first",
            )),
            other => Err(format_error(format!(
                "unsupported PEM block {other:?}: expected PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE"
            ))),
        }
    }

    /// A key from DER: a private key (PKCS#8, PKCS#1, SEC1), a public key (SPKI, PKCS#1) or an
    /// X.509 certificate (its public key, as `from_pem` reads a `CERTIFICATE` block).
    pub fn from_der(der: &[u8]) -> Result<Key> {
        let der = without_trailing_whitespace(der)?;
        // A certificate is recognised by its structure alone, so it cannot be mistaken for a key.
        if let Some(spki) = certificate_spki(der) {
            return Key::public_from_der(spki);
        }
        if let Some(m) = Material::private_from_der(der)? {
            return Ok(Key::new(m));
        }
        if let Some(m) = Material::public_from_der(der)? {
            return Ok(Key::new(m));
        }
        Err(format_error(format!("expected {FORMS} in DER")))
    }

    fn private_from_der(der: &[u8]) -> Result<Key> {
        let der = without_trailing_whitespace(der)?;
        Material::private_from_der(der)?
            .map(Key::new)
            .ok_or_else(|| format_error(format!("expected a private key: {FORMS}")))
    }

    fn public_from_der(der: &[u8]) -> Result<Key> {
        let der = without_trailing_whitespace(der)?;
        Material::public_from_der(der)?
            .map(Key::new)
            .ok_or_else(|| format_error(format!("expected a public key: {FORMS}")))
    }

    /// A public key in OpenSSH form (`ssh-rsa AAAA… comment` or `ssh-ed25519 AAAA… comment`).
    pub fn from_openssh(line: &[u8]) -> Result<Key> {
        let text = std::str::from_utf8(line)
            .map_err(|_| format_error("OpenSSH key is not valid UTF-8"))?;
        let mut parts = text.split_ascii_whitespace();
        let (Some(kind), Some(body)) = (parts.next(), parts.next()) else {
            return Err(format_error(
                "expected an OpenSSH public key: <type> <base64> [comment]",
            ));
        };
        let blob = STANDARD
            .decode(body)
            .map_err(|_| format_error("OpenSSH key body is not valid base64"))?;
        let mut reader = SshReader(&blob);
        let inner_kind = reader.string()?;
        if inner_kind != kind.as_bytes() {
            return Err(format_error("OpenSSH key type does not match its body"));
        }
        let material = match kind {
            "ssh-rsa" => {
                let e = reader.string()?;
                let n = reader.string()?;
                Material::rsa_from_components(n, e)?
            }
            "ssh-ed25519" => {
                let pk = reader.string()?;
                if pk.len() != 32 {
                    return Err(format_error("ssh-ed25519 key must be 32 bytes"));
                }
                Material::ed25519_public(pk)
                    .ok_or_else(|| format_error("invalid ssh-ed25519 key"))?
            }
            "ecdsa-sha2-nistp256" | "ecdsa-sha2-nistp384" | "ecdsa-sha2-nistp521" => {
                let curve = match kind {
                    "ecdsa-sha2-nistp256" => Curve::P256,
                    "ecdsa-sha2-nistp384" => Curve::P384,
                    _ => Curve::P521,
                };
                if reader.string()? != &kind.as_bytes()["ecdsa-sha2-".len()..] {
                    return Err(format_error(
                        "OpenSSH ECDSA curve does not match the key type",
                    ));
                }
                let point = reader.string()?;
                Material::ec_public(point)
                    .filter(|m| m.key_type() == KeyType::Ec(curve))
                    .ok_or_else(|| format_error(format!("invalid {kind} key point")))?
            }
            other => {
                return Err(format_error(format!(
                    "unsupported OpenSSH key type {other:?}: expected ssh-rsa, ssh-ed25519 or \
                     ecdsa-sha2-nistp256/384/521"
                )))
            }
        };
        if !reader.0.is_empty() {
            return Err(format_error("trailing data in OpenSSH key"));
        }
        Ok(Key::new(material))
    }

    /// A key from a JWK (RFC 7517) given as JSON text.
    ///
    /// ```
    /// let jwk = br#"{"kty":"oct","kid":"k1","k":"c2VjcmV0","alg":"HS256"}"#;
    /// let key = ferrojwt::Key::from_jwk(jwk).unwrap();
    /// assert_eq!(key.kid(), Some("k1"));
    /// assert!(key.check_algorithm(ferrojwt::Algorithm::HS384).is_err()); // bound to HS256
    /// ```
    pub fn from_jwk(json_text: &[u8]) -> Result<Key> {
        let map = json::parse_object(json_text, "JWK")
            .map_err(|e| format_error(e.message().to_owned()))?;
        Key::from_jwk_map(&map)?
            .ok_or_else(|| format_error("unsupported JWK kty: expected oct, RSA, EC or OKP"))
    }

    /// A key from a parsed JWK object; `Ok(None)` for a `kty` ferrojwt does not understand (which a
    /// key set skips, as RFC 7517 §5 asks).
    pub fn from_jwk_map(jwk: &Map<String, Value>) -> Result<Option<Key>> {
        let field = |name: &str| -> Result<Option<&str>> {
            match jwk.get(name) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => Err(format_error(format!("JWK {name} must be a string"))),
            }
        };
        let bytes = |name: &str| -> Result<Option<Vec<u8>>> {
            field(name)?
                .map(|s| {
                    URL_SAFE_NO_PAD.decode(s).map_err(|_| {
                        format_error(format!("JWK {name} is not canonical unpadded base64url"))
                    })
                })
                .transpose()
        };
        let required = |name: &str| -> Result<Vec<u8>> {
            bytes(name)?.ok_or_else(|| format_error(format!("JWK is missing {name}")))
        };
        let kty = field("kty")?.ok_or_else(|| format_error("JWK is missing kty"))?;
        let material = match kty {
            "oct" => {
                let k = required("k")?;
                secret_material(&k)?
            }
            "RSA" => {
                let (n, e) = (required("n")?, required("e")?);
                match bytes("d")? {
                    None => Material::rsa_from_components(&n, &e)?,
                    Some(d) => {
                        let (p, q) = (required("p")?, required("q")?);
                        let (dp, dq, qi) = (required("dp")?, required("dq")?, required("qi")?);
                        if jwk.contains_key("oth") {
                            return Err(format_error(
                                "multi-prime RSA keys (oth) are not supported",
                            ));
                        }
                        Material::rsa_private_from_components(&RsaComponents {
                            n: &n,
                            e: &e,
                            d: &d,
                            p: &p,
                            q: &q,
                            dp: &dp,
                            dq: &dq,
                            qi: &qi,
                        })?
                    }
                }
            }
            "EC" => {
                let curve = match field("crv")? {
                    Some("P-256") => Curve::P256,
                    Some("P-384") => Curve::P384,
                    Some("P-521") => Curve::P521,
                    other => {
                        return Err(format_error(format!(
                            "unsupported EC curve {other:?}: expected P-256, P-384 or P-521"
                        )))
                    }
                };
                let (x, y) = (required("x")?, required("y")?);
                let len = curve.coordinate_len();
                if x.len() != len || y.len() != len {
                    return Err(format_error(format!(
                        "JWK x and y must be {len} bytes for {}",
                        curve.jwk_name()
                    )));
                }
                let mut point = Vec::with_capacity(1 + 2 * len);
                point.push(0x04);
                point.extend_from_slice(&x);
                point.extend_from_slice(&y);
                match bytes("d")? {
                    Some(d) => {
                        if d.len() != len {
                            return Err(format_error(format!("JWK d must be {len} bytes")));
                        }
                        Material::ec_private_from_components(curve, &d, &point)?
                    }
                    None => Material::ec_public(&point)
                        .filter(|m| m.key_type() == KeyType::Ec(curve))
                        .ok_or_else(|| format_error("JWK x/y is not a point on the curve"))?,
                }
            }
            "OKP" => {
                if field("crv")? != Some("Ed25519") {
                    return Err(format_error("unsupported OKP curve: expected Ed25519"));
                }
                let x = required("x")?;
                if x.len() != 32 {
                    return Err(format_error("JWK x must be 32 bytes for Ed25519"));
                }
                match bytes("d")? {
                    Some(d) if d.len() == 32 => Material::ed25519_private_from_components(&d, &x)?,
                    Some(_) => return Err(format_error("JWK d must be 32 bytes for Ed25519")),
                    None => Material::ed25519_public(&x)
                        .ok_or_else(|| format_error("invalid Ed25519 public key"))?,
                }
            }
            _ => return Ok(None),
        };
        let mut key = Key::new(material);
        key.rfc7518_secret_length = true;
        key.kid = field("kid")?.map(str::to_owned);
        if let Some(alg) = field("alg")? {
            let alg = Algorithm::from_name(alg)
                .ok_or_else(|| format_error(format!("JWK alg {alg:?} is not supported")))?;
            if !key.key_type().supports(alg) {
                return Err(crypto::mismatch(key.key_type(), alg));
            }
            key.alg = Some(alg);
        }
        match field("use")? {
            None | Some("sig") => {}
            Some(other) => {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!("JWK use {other:?} is not for signatures"),
                ))
            }
        }
        if let Some(ops) = jwk.get("key_ops") {
            let ops = ops
                .as_array()
                .filter(|a| a.iter().all(Value::is_string))
                .ok_or_else(|| format_error("JWK key_ops must be an array of strings"))?;
            key.may_sign = ops.iter().any(|o| o == "sign");
            key.may_verify = ops.iter().any(|o| o == "verify");
        }
        Ok(Some(key))
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

    /// The algorithm this key is bound to (from a JWK's `alg`), if any.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.alg
    }

    /// What the key is, and so which algorithms it may be used with.
    pub fn key_type(&self) -> KeyType {
        self.material.key_type()
    }

    /// The family of the key's algorithms (an RSA key reports [`Family::Rsa`] and also serves
    /// RSA-PSS; see [`KeyType::supports`]).
    pub fn family(&self) -> Family {
        match self.key_type() {
            KeyType::Hmac => Family::Hmac,
            KeyType::Rsa => Family::Rsa,
            KeyType::Ec(_) => Family::Ec,
            KeyType::Ed25519 => Family::EdDsa,
        }
    }

    /// Whether the key can sign (a secret or a private key, not restricted by `key_ops`).
    pub fn can_sign(&self) -> bool {
        self.material.can_sign() && self.may_sign
    }

    /// `Ok` if this key may be used with `alg`, otherwise [`ErrorKind::InvalidKey`].
    pub fn check_algorithm(&self, alg: Algorithm) -> Result<()> {
        if !self.key_type().supports(alg) {
            return Err(crypto::mismatch(self.key_type(), alg));
        }
        if let (true, Some(len)) = (self.rfc7518_secret_length, self.material.hmac_secret_len()) {
            let min = match alg {
                Algorithm::HS384 => 48,
                Algorithm::HS512 => 64,
                _ => 32,
            };
            if len < min {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!("a JWK secret for {alg} must be at least {min} bytes (RFC 7518 §3.2), not {len}"),
                ));
            }
        }
        match self.alg {
            // A JWK's `alg` names the signature algorithm: ES521 is ES512 under PyJWT 1.x's name
            // (RFC 7520's P-521 example key, as Wycheproof carries it, says ES521).
            Some(bound) if bound.signature() != alg.signature() => Err(Error::new(
                ErrorKind::InvalidKey,
                format!("this key is restricted to {bound}, not {alg}"),
            )),
            _ => Ok(()),
        }
    }

    pub(crate) fn sign(&self, alg: Algorithm, message: &[u8]) -> Result<crypto::Signature> {
        self.check_algorithm(alg)?;
        if !self.may_sign {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "JWK key_ops does not allow sign",
            ));
        }
        crypto::sign(alg, &self.material, message)
    }

    pub(crate) fn verify(&self, alg: Algorithm, message: &[u8], signature: &[u8]) -> Result<()> {
        self.check_algorithm(alg)?;
        if !self.may_verify {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "JWK key_ops does not allow verify",
            ));
        }
        crypto::verify(alg, &self.material, message, signature)
    }
}

impl std::fmt::Debug for Key {
    // Never print key material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("type", &self.key_type())
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("can_sign", &self.can_sign())
            .finish_non_exhaustive()
    }
}

/// Several verification keys, selected per token by `kid`: how a fleet rotates keys without
/// downtime (publish the new key, start signing with it, retire the old one later).
///
/// Selection: a token whose `kid` names keys in the set is checked against those keys only; a `kid`
/// that names none is [`ErrorKind::KeyNotFound`] (unless no key in the set has a kid, in which
/// case kids are not used at all). A token without `kid` is tried against every key whose type
/// fits its algorithm, or refused when [`KeySet::require_kid`] is set.
///
/// ```
/// use ferrojwt::{Key, KeySet};
/// let mut set = KeySet::new();
/// set.push(Key::from_secret(b"old secret").unwrap().with_kid("2026-01")).unwrap();
/// set.push(Key::from_secret(b"new secret").unwrap().with_kid("2026-07")).unwrap();
/// assert!(set.push(Key::from_secret(b"dup").unwrap().with_kid("2026-07")).is_err());
/// assert_eq!(set.len(), 2);
/// assert!(set.get("2026-07").is_some());
/// ```
#[derive(Clone, Debug, Default)]
pub struct KeySet {
    keys: Vec<Key>,
    require_kid: bool,
    // JWK Set entries left out by `from_jwks`: (their kid, why), for diagnostics only.
    skipped: Vec<(Option<String>, String)>,
}

impl KeySet {
    /// An empty set.
    pub fn new() -> KeySet {
        KeySet::default()
    }

    /// A JWK Set (`{"keys": [...]}`) as identity providers publish it, keeping the entries usable
    /// for signature verification and skipping the rest.
    ///
    /// Real sets (Keycloak, Auth0, Azure AD) carry encryption keys next to signing keys, so an
    /// entry is **skipped** (left out of the set, never used, reported by [`KeySet::skipped`])
    /// when it is not meant for signatures or not something ferrojwt verifies with:
    /// - `use` other than `"sig"` (e.g. `"enc"`);
    /// - `key_ops` without `"verify"`;
    /// - an `alg` that is not a JWS algorithm ferrojwt implements (`RSA-OAEP`, `ECDH-ES`, `ES256K`…);
    /// - a `kty` other than `oct`, `RSA`, `EC`, `OKP` (RFC 7517 §5), an EC `crv` other than
    ///   P-256/P-384/P-521, an OKP `crv` other than Ed25519 (X25519, X448, Ed448).
    ///
    /// Skipped entries are classified from those members alone; their key material is not read.
    ///
    /// Errors, for the whole set:
    /// - [`ErrorKind::InvalidKeyFormat`]: not JSON, not an object with a `keys` array, an entry
    ///   that is not an object or has no string `kty`, a `use`/`key_ops`/`alg` of the wrong JSON
    ///   type, or an entry that *would* be used but whose key is malformed (bad base64url, an RSA
    ///   modulus that is empty or zero, an EC point off the curve, …): a broken signing key is a
    ///   publishing error that must be seen, not silently dropped.
    /// - [`ErrorKind::InvalidKey`]: a usable entry whose `alg` contradicts its key (`RS256` on an
    ///   EC key), an RSA key under 2048 bits, two usable entries with one `kid`, secrets mixed with
    ///   public keys (see [`KeySet::push`]).
    /// - [`ErrorKind::KeyNotFound`]: no usable entry remains (including `{"keys": []}`); the
    ///   message lists why each entry was skipped.
    ///
    /// ```
    /// use ferrojwt::{ErrorKind, KeySet};
    /// let jwks = br#"{"keys":[
    ///   {"kty":"OKP","crv":"Ed25519","kid":"sig-1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
    ///   {"kty":"RSA","kid":"enc-1","use":"enc","alg":"RSA-OAEP","n":"AAAA","e":"AQAB"}
    /// ]}"#;
    /// let set = KeySet::from_jwks(jwks).unwrap();
    /// assert_eq!(set.len(), 1);
    /// assert!(set.skipped()[0].contains("use \"enc\""));
    /// let only_enc = br#"{"keys":[{"kty":"RSA","use":"enc","n":"AAAA","e":"AQAB"}]}"#;
    /// assert_eq!(KeySet::from_jwks(only_enc).unwrap_err().kind(), ErrorKind::KeyNotFound);
    /// ```
    pub fn from_jwks(json_text: &[u8]) -> Result<KeySet> {
        let map = json::parse_object(json_text, "JWK Set")
            .map_err(|e| format_error(e.message().to_owned()))?;
        let keys = map
            .get("keys")
            .and_then(Value::as_array)
            .ok_or_else(|| format_error("JWK Set must have a keys array"))?;
        let mut set = KeySet::new();
        for (i, jwk) in keys.iter().enumerate() {
            let obj = jwk
                .as_object()
                .ok_or_else(|| format_error(format!("JWK Set entry {i} is not an object")))?;
            let kid = obj.get("kid").and_then(Value::as_str);
            let label = match kid {
                Some(kid) => format!("JWK Set entry {i} (kid {kid:?})"),
                None => format!("JWK Set entry {i}"),
            };
            let in_entry = |e: Error| Error::new(e.kind(), format!("{label}: {}", e.message()));
            let skip = not_for_verification(obj).map_err(in_entry)?;
            let key = match skip {
                Some(why) => None.ok_or(why),
                None => Key::from_jwk_map(obj)
                    .map_err(in_entry)?
                    .ok_or_else(|| "kty is not supported".to_owned()),
            };
            match key {
                Ok(key) => set.push(key).map_err(in_entry)?,
                Err(why) => set
                    .skipped
                    .push((kid.map(str::to_owned), format!("{label}: {why}"))),
            }
        }
        if set.is_empty() {
            let mut message = "the JWK Set has no key usable for signature verification".to_owned();
            if !set.skipped.is_empty() {
                message.push_str(" (skipped: ");
                message.push_str(&set.skipped().join("; "));
                message.push(')');
            }
            return Err(Error::new(ErrorKind::KeyNotFound, message));
        }
        Ok(set)
    }

    /// Adds a key. Refused ([`ErrorKind::InvalidKey`]): a second key with the same `kid` (which
    /// key a token means would be ambiguous), and mixing secrets with public/private key pairs in
    /// one set (a rotation never changes symmetry; a mixed set invites confusing the two).
    pub fn push(&mut self, key: Key) -> Result<()> {
        if let Some(kid) = key.kid() {
            if self.get(kid).is_some() {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!("duplicate kid {kid:?} in key set"),
                ));
            }
        }
        let secret = key.key_type() == KeyType::Hmac;
        if self
            .keys
            .iter()
            .any(|k| (k.key_type() == KeyType::Hmac) != secret)
        {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "a key set may not mix HMAC secrets with asymmetric keys",
            ));
        }
        self.keys.push(key);
        Ok(())
    }

    /// Refuse tokens that carry no `kid`.
    pub fn require_kid(mut self, yes: bool) -> KeySet {
        self.require_kid = yes;
        self
    }

    /// Why each entry [`KeySet::from_jwks`] left out was skipped (`"JWK Set entry 2 (kid
    /// \"enc1\"): use \"enc\" is not for signatures"`), in document order. Skipped entries are not in
    /// the set and can never verify anything; this is for diagnostics only.
    pub fn skipped(&self) -> Vec<&str> {
        self.skipped.iter().map(|(_, why)| why.as_str()).collect()
    }

    /// Whether tokens without `kid` are refused.
    pub fn requires_kid(&self) -> bool {
        self.require_kid
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Key> {
        self.keys.iter()
    }

    /// The first key with this `kid`.
    pub fn get(&self, kid: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.kid() == Some(kid))
    }

    /// The keys a token with `kid` and `alg` must be verified against, in order.
    pub(crate) fn candidates(&self, kid: Option<&str>, alg: Algorithm) -> Result<Vec<&Key>> {
        select(&self.keys, self.require_kid, kid, alg).map_err(|e| {
            // Say why, when the token names an entry `from_jwks` skipped (an encryption key...).
            let skipped =
                kid.and_then(|kid| self.skipped.iter().find(|(k, _)| k.as_deref() == Some(kid)));
            match skipped {
                Some((_, why)) if e.kind() == ErrorKind::KeyNotFound => Error::new(
                    ErrorKind::KeyNotFound,
                    format!("{} ({why}, so it was skipped)", e.message()),
                ),
                _ => e,
            }
        })
    }
}

/// Why a JWK Set entry is not for signature verification (`Ok(Some(reason))`), judged from its
/// `use`, `key_ops`, `alg`, `kty` and `crv` only; `Err` when one of those has the wrong JSON type.
fn not_for_verification(jwk: &Map<String, Value>) -> Result<Option<String>> {
    let string = |name: &str| -> Result<Option<&str>> {
        match jwk.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(format_error(format!("JWK {name} must be a string"))),
        }
    };
    let kty = string("kty")?.ok_or_else(|| format_error("JWK is missing kty"))?;
    if let Some(usage) = string("use")? {
        if usage != "sig" {
            return Ok(Some(format!("use {usage:?} is not for signatures")));
        }
    }
    if let Some(ops) = jwk.get("key_ops") {
        let ops = ops
            .as_array()
            .filter(|a| a.iter().all(Value::is_string))
            .ok_or_else(|| format_error("JWK key_ops must be an array of strings"))?;
        if !ops.iter().any(|o| o == "verify") {
            return Ok(Some("key_ops does not include \"verify\"".to_owned()));
        }
    }
    if let Some(alg) = string("alg")? {
        if Algorithm::from_name(alg).is_none() {
            return Ok(Some(format!(
                "alg {alg:?} is not a JWS signature algorithm ferrojwt implements"
            )));
        }
    }
    let curve = match kty {
        "oct" | "RSA" => return Ok(None),
        "EC" => ["P-256", "P-384", "P-521"].as_slice(),
        "OKP" => ["Ed25519"].as_slice(),
        other => return Ok(Some(format!("kty {other:?} is not supported"))),
    };
    match string("crv")? {
        Some(crv) if !curve.contains(&crv) => Ok(Some(format!(
            "{kty} crv {crv:?} is not supported for signatures"
        ))),
        // A supported curve, or none at all (a malformed key: parsing reports it).
        _ => Ok(None),
    }
}

pub(crate) fn select<'k>(
    keys: &'k [Key],
    require_kid: bool,
    kid: Option<&str>,
    alg: Algorithm,
) -> Result<Vec<&'k Key>> {
    let named = keys.iter().any(|k| k.kid.is_some());
    let pool: Vec<&Key> = match kid {
        Some(kid) if named => {
            let found: Vec<&Key> = keys.iter().filter(|k| k.kid() == Some(kid)).collect();
            if found.is_empty() {
                return Err(Error::new(
                    ErrorKind::KeyNotFound,
                    format!("No key matches the token's kid {kid:?}"),
                ));
            }
            found
        }
        None if require_kid => {
            return Err(Error::new(
                ErrorKind::KeyNotFound,
                "The token has no kid and this verifier requires one",
            ))
        }
        _ => keys.iter().collect(),
    };
    let fitting: Vec<&Key> = pool
        .iter()
        .copied()
        .filter(|k| k.check_algorithm(alg).is_ok())
        .collect();
    if fitting.is_empty() {
        // Report why the (first) key does not fit: the type mismatch is the useful message.
        return Err(match pool.first() {
            Some(k) => k
                .check_algorithm(alg)
                .err()
                .unwrap_or_else(|| Error::new(ErrorKind::KeyNotFound, "No usable key")),
            None => Error::new(ErrorKind::KeyNotFound, "No key to verify with"),
        });
    }
    Ok(fitting)
}

/// The checks of [`Key::from_secret`], shared with JWK `oct` keys.
fn secret_material(secret: &[u8]) -> Result<Material> {
    if secret.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidKey,
            "an HMAC secret must not be empty",
        ));
    }
    // Text in UTF-16 or UTF-32 (NUL bytes between the characters) is also looked at as the
    // text it carries, so that a PEM or JWK file saved that way is recognised too.
    let narrowed: Option<Vec<u8>> = secret
        .contains(&0)
        .then(|| secret.iter().copied().filter(|b| *b != 0).collect());
    for form in std::iter::once(secret).chain(narrowed.as_deref()) {
        if ASYMMETRIC_MARKERS
            .iter()
            .any(|m| form.windows(m.len()).any(|w| w == *m))
        {
            return Err(Error::new(ErrorKind::InvalidKey, ASYMMETRIC_SECRET_MESSAGE));
        }
        if let Some(found) = asymmetric_encoding(form) {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                format!("{ASYMMETRIC_SECRET_MESSAGE} Found {found}."),
            ));
        }
    }
    Ok(Material::hmac(secret))
}

/// What key material `secret` is or holds, when it is an asymmetric key in a form without
/// PEM/OpenSSH markers: DER (public, private or a certificate) anywhere in it, JWK / JWK Set text
/// naming an asymmetric `kty` (also escaped once more as a JSON string, or as a Python dict's
/// repr), or any of these, or PEM/OpenSSH text, in base64 or hex. Prefixes, quotes and suffixes
/// do not hide a key: other loaders skip them. The tests are structural (any key type, any size,
/// whether or not ferrojwt could use it); ordinary secrets, random bytes included, never have
/// these shapes.
fn asymmetric_encoding(secret: &[u8]) -> Option<String> {
    if let Some(found) = key_inside(secret) {
        return Some(found);
    }
    for encoded in text_encodings(secret) {
        let found = if ASYMMETRIC_MARKERS
            .iter()
            .any(|m| encoded.bytes.windows(m.len()).any(|w| w == *m))
        {
            Some("PEM or OpenSSH key text".to_owned())
        } else {
            key_inside(&encoded.bytes)
        };
        if let Some(found) = found {
            return Some(format!("{} of {found}", encoded.kind));
        }
    }
    None
}

/// DER key material starting at any byte of `bytes`, or JWK text in it.
fn key_inside(bytes: &[u8]) -> Option<String> {
    let starts = bytes.iter().enumerate().filter(|(_, b)| **b == 0x30);
    if let Some(what) = starts.map(|(at, _)| &bytes[at..]).find_map(der_key_shape) {
        return Some(format!("a DER-encoded {what}"));
    }
    if let Some(found) = jwk_kty(bytes) {
        return Some(found);
    }
    // JWK text stored as a JSON string value (`"{\"kty\":\"RSA\",…}"`).
    if bytes.windows(2).any(|w| w == b"\\\"") {
        let mut unescaped = Vec::with_capacity(bytes.len());
        let mut rest = bytes;
        while let Some((&b, after)) = rest.split_first() {
            match (b, after.first()) {
                (b'\\', Some(&next)) if next == b'"' || next == b'\\' => {
                    unescaped.push(next);
                    rest = &after[1..];
                }
                _ => {
                    unescaped.push(b);
                    rest = after;
                }
            }
        }
        return jwk_kty(&unescaped);
    }
    None
}

/// Bytes that runs of base64 (either alphabet) or hex text in `secret` decode to.
struct Decoded {
    kind: &'static str,
    bytes: Vec<u8>,
}

/// Every run of at least 40 base64 characters (line breaks allowed) or 80 hex digits, decoded
/// at each of the four (two) alignments, so that characters in front of the encoded key do not
/// shift it out of view; characters after it are dropped with the incomplete last group.
fn text_encodings(secret: &[u8]) -> Vec<Decoded> {
    use base64::alphabet;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let config = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let engines = [
        GeneralPurpose::new(&alphabet::STANDARD, config),
        GeneralPurpose::new(&alphabet::URL_SAFE, config),
    ];
    let base64_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_');
    let mut found = Vec::new();
    for run in secret.split(|b| !(base64_char(*b) || b.is_ascii_whitespace())) {
        let compact: Vec<u8> = run
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        if compact.len() < 40 {
            continue;
        }
        for skip in 0..4 {
            let whole = &compact[skip..];
            let quads = &whole[..whole.len() / 4 * 4];
            for engine in &engines {
                // All of it (its last group may be short), else up to the last whole group.
                if let Ok(bytes) = engine.decode(whole).or_else(|_| engine.decode(quads)) {
                    found.push(Decoded {
                        kind: "base64",
                        bytes,
                    });
                }
            }
        }
    }
    for run in secret.split(|b| !b.is_ascii_hexdigit()) {
        if run.len() < 80 {
            continue;
        }
        for skip in 0..2 {
            let bytes = run[skip..]
                .chunks_exact(2)
                .map(|pair| {
                    let digit = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
                    digit(pair[0]) << 4 | digit(pair[1])
                })
                .collect();
            found.push(Decoded { kind: "hex", bytes });
        }
    }
    found
}

/// The one DER element `der` holds, without the ASCII whitespace a DER file read as text may end
/// in. Any other bytes after it are refused: the key parsers underneath would ignore them, and
/// then the same bytes would be both a usable key and (to a looser guard) an HMAC secret.
/// Input that is not one well-formed element is passed on for the parsers to explain.
fn without_trailing_whitespace(der: &[u8]) -> Result<&[u8]> {
    match der_element(der) {
        Some((_, _, element, rest)) if rest.iter().all(u8::is_ascii_whitespace) => Ok(element),
        Some(_) => Err(format_error(
            "trailing data after the DER key: expected one DER element, optionally followed by whitespace",
        )),
        None => Ok(der),
    }
}

/// The DER structures of key material, identified by their element tags: a certificate, an SPKI
/// public key, a PKCS#1 RSA public or private key, a PKCS#8 (plain or encrypted) or SEC1 private
/// key. The input must start with one SEQUENCE; whatever follows it is ignored, so that key
/// material with anything appended is still never a secret. Not trimmed first, since DER itself
/// may end in a whitespace-valued byte.
fn der_key_shape(input: &[u8]) -> Option<&'static str> {
    let (0x30, body, der, _) = der_element(input)? else {
        return None;
    };
    // (tag, contents) of each element of the SEQUENCE; at most the 10 a PKCS#1 private key has.
    let mut elements = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let (tag, contents, _, after) = der_element(rest)?;
        if elements.len() == 10 {
            return None;
        }
        elements.push((tag, contents));
        rest = after;
    }
    let tags: Vec<u8> = elements.iter().map(|e| e.0).collect();
    let starts_with_oid = |contents: &[u8]| contents.first() == Some(&0x06);
    let small_int = |contents: &[u8], max: u8| matches!(contents, [v] if *v <= max);
    match (tags.as_slice(), elements.as_slice()) {
        ([0x30, 0x30, 0x03], _) if certificate_spki(der).is_some() => Some("X.509 certificate"),
        ([0x30, 0x03], [(_, algorithm), _]) if starts_with_oid(algorithm) => {
            Some("public key (SubjectPublicKeyInfo)")
        }
        // RSAPublicKey { modulus, publicExponent }; a modulus of 512 bits at least, so that an
        // ECDSA signature (r, s) is not taken for one.
        ([0x02, 0x02], [(_, n), _]) if n.len() >= 64 => Some("RSA public key (PKCS#1)"),
        // PrivateKeyInfo / OneAsymmetricKey { version, algorithm, privateKey, ... }
        ([0x02, 0x30, 0x04, ..], [(_, v), (_, algorithm), ..])
            if small_int(v, 1) && starts_with_oid(algorithm) =>
        {
            Some("private key (PKCS#8)")
        }
        // EncryptedPrivateKeyInfo { encryptionAlgorithm, encryptedData }
        ([0x30, 0x04], [(_, algorithm), _]) if starts_with_oid(algorithm) => {
            Some("encrypted private key (PKCS#8)")
        }
        // RSAPrivateKey { version, n, e, d, p, q, dP, dQ, qInv [, otherPrimeInfos] }
        ([0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, ..], [(_, v), ..])
            if small_int(v, 1) =>
        {
            Some("RSA private key (PKCS#1)")
        }
        // ECPrivateKey { version 1, privateKey, [0] parameters, [1] publicKey }
        ([0x02, 0x04], [(_, v), _])
        | ([0x02, 0x04, 0xA0 | 0xA1], [(_, v), ..])
        | ([0x02, 0x04, 0xA0, 0xA1], [(_, v), ..])
            if matches!(v, [1]) =>
        {
            Some("EC private key (SEC1)")
        }
        _ => None,
    }
}

/// The asymmetric `kty` named by JWK or JWK Set text: any `"kty": "<not oct>"` member in text
/// that has a `{`. Found by scanning, not parsing, so that text no JSON parser takes whole
/// (bytes after it, a lone surrogate, `1e400`, a repeated name, deep nesting) is recognised
/// too: other JWK libraries are more lenient than ferrojwt's reader.
fn jwk_kty(text: &[u8]) -> Option<String> {
    if !text.contains(&b'{') {
        return None;
    }
    let skip_space = |at: usize| {
        text[at..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(text.len(), |n| at + n)
    };
    // Single quotes too: a JWK dict's Python repr is pasted into settings as often as its JSON.
    let quotes = text
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'"' || **b == b'\'');
    for (at, _) in quotes {
        let Some((name, after_name)) = json_string_at(text, at) else {
            continue;
        };
        if name != "kty" {
            continue;
        }
        let colon = skip_space(after_name);
        if text.get(colon) != Some(&b':') {
            continue;
        }
        let value_at = skip_space(colon + 1);
        if let Some((kty, _)) = json_string_at(text, value_at) {
            if kty != "oct" {
                return Some(format!("JWK text with kty {kty:?}"));
            }
        }
    }
    None
}

/// The JSON string starting at the quote `text[at]` (`"`, or `'` as Python writes), unescaped
/// leniently (an escape that is not valid JSON stands for U+FFFD), and the index after its
/// closing quote. Lenient on purpose, unlike the token reader: this looks for keys that other
/// loaders would take. Only short strings: a `kty` name or value, even fully escaped, fits in 64
/// bytes, and the bound keeps a scan from every quote linear in the input.
fn json_string_at(text: &[u8], at: usize) -> Option<(String, usize)> {
    let quote = *text.get(at).filter(|q| **q == b'"' || **q == b'\'')?;
    let text = &text[..text.len().min(at + 64)];
    let mut out = Vec::new();
    let mut i = at + 1;
    loop {
        match *text.get(i)? {
            b if b == quote => return Some((String::from_utf8_lossy(&out).into_owned(), i + 1)),
            b'\\' => {
                let escaped = *text.get(i + 1)?;
                i += 2;
                let c = match escaped {
                    b'n' => '\n',
                    b't' => '\t',
                    b'r' => '\r',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'u' => {
                        let hex = text.get(i..i + 4)?;
                        i += 4;
                        std::str::from_utf8(hex)
                            .ok()
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .and_then(char::from_u32)
                            .unwrap_or('\u{fffd}')
                    }
                    other => char::from(other),
                };
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether `text` is a run of base64 or hex characters (line breaks allowed) long enough to be an
/// encoded key. DER never is: its tags (0x02 to 0x06) and most of its lengths are not text.
fn looks_like_encoded_text(text: &[u8]) -> bool {
    text.len() >= 40
        && text
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b.is_ascii_whitespace() || b"+/-_=".contains(b))
}

/// Whether `text` is UTF-8 with a PEM BEGIN line after other lines.
fn has_pem_begin_line(text: &[u8]) -> bool {
    std::str::from_utf8(text).is_ok_and(|t| t.contains("\n-----BEGIN "))
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Decodes the first PEM block: its label and DER body.
fn pem_decode(pem: &[u8]) -> Result<(String, Vec<u8>)> {
    let text = std::str::from_utf8(pem).map_err(|_| format_error("PEM is not valid UTF-8"))?;
    let begin = text
        .find("-----BEGIN ")
        .ok_or_else(|| format_error("no PEM BEGIN line"))?;
    let rest = &text[begin + 11..];
    let label_end = rest
        .find("-----")
        .ok_or_else(|| format_error("malformed PEM BEGIN line"))?;
    let label = &rest[..label_end];
    let body_and_end = &rest[label_end + 5..];
    let end_marker = format!("-----END {label}-----");
    let end = body_and_end
        .find(&end_marker)
        .ok_or_else(|| format_error(format!("no matching {end_marker:?} line")))?;
    let body = &body_and_end[..end];
    if body.contains(':') {
        return Err(format_error(
            "PEM headers (legacy encrypted keys) are not supported: decrypt the key first",
        ));
    }
    let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = STANDARD
        .decode(compact)
        .map_err(|_| format_error(format!("PEM {label} body is not valid base64")))?;
    Ok((label.to_owned(), der))
}

/// One DER TLV: (tag, contents, whole element, rest).
type Tlv<'a> = (u8, &'a [u8], &'a [u8], &'a [u8]);

fn der_element(input: &[u8]) -> Option<Tlv<'_>> {
    let (&tag, after_tag) = input.split_first()?;
    let (&first, mut after_len) = after_tag.split_first()?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || after_len.len() < n {
            return None;
        }
        let mut len = 0usize;
        for &b in &after_len[..n] {
            len = (len << 8) | usize::from(b);
        }
        after_len = &after_len[n..];
        len
    };
    if after_len.len() < len {
        return None;
    }
    let header = input.len() - after_len.len();
    Some((
        tag,
        &after_len[..len],
        &input[..header + len],
        &after_len[len..],
    ))
}

/// The SubjectPublicKeyInfo element of an X.509 certificate.
fn certificate_spki(cert: &[u8]) -> Option<&[u8]> {
    let (0x30, cert_body, _, _) = der_element(cert)? else {
        return None;
    };
    let (0x30, tbs, _, _) = der_element(cert_body)? else {
        return None;
    };
    let mut rest = tbs;
    let (tag, _, _, after) = der_element(rest)?;
    if tag == 0xA0 {
        rest = after; // explicit version
    }
    // serialNumber, signature, issuer, validity, subject
    for _ in 0..5 {
        rest = der_element(rest)?.3;
    }
    let (tag, _, spki, _) = der_element(rest)?;
    (tag == 0x30).then_some(spki)
}

struct SshReader<'a>(&'a [u8]);

impl<'a> SshReader<'a> {
    fn string(&mut self) -> Result<&'a [u8]> {
        let bad = || format_error("truncated OpenSSH key");
        if self.0.len() < 4 {
            return Err(bad());
        }
        let len = u32::from_be_bytes([self.0[0], self.0[1], self.0[2], self.0[3]]) as usize;
        let rest = &self.0[4..];
        if rest.len() < len {
            return Err(bad());
        }
        self.0 = &rest[len..];
        Ok(&rest[..len])
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
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let key = Key::from_secret(b"topsecret").unwrap().with_kid("k1");
        let shown = format!("{key:?}");
        assert!(!shown.contains("topsecret"));
        assert!(shown.contains("k1"));
    }

    #[test]
    fn malformed_inputs_name_the_problem() {
        let cases: [(&[u8], &str); 7] = [
            (
                b"-----BEGIN FOO-----\nAAAA\n-----END FOO-----",
                "unsupported PEM block",
            ),
            (
                b"-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----",
                "base64",
            ),
            (b"-----BEGIN PUBLIC KEY-----\nAAAA\n", "no matching"),
            (
                b"-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----",
                "public key",
            ),
            (b"ssh-dss AAAAB3NzaC1kc3M=", "unsupported OpenSSH key type"),
            (
                b"{\"kty\":\"EC\",\"crv\":\"P-999\"}",
                "unsupported EC curve",
            ),
            (b"\x30\x03\x02\x01\x00", "DER"),
        ];
        for (input, needle) in cases {
            let err = Key::parse(input).unwrap_err();
            assert!(
                err.message().contains(needle),
                "{:?}: {}",
                String::from_utf8_lossy(input),
                err.message()
            );
        }
    }

    #[test]
    fn jwk_oct_honours_alg_use_and_key_ops() {
        let k = Key::from_jwk(br#"{"kty":"oct","k":"c2VjcmV0","key_ops":["verify"]}"#).unwrap();
        assert!(!k.can_sign());
        assert!(k.sign(Algorithm::HS256, b"x").is_err());
        let err = Key::from_jwk(br#"{"kty":"oct","k":"c2VjcmV0","use":"enc"}"#).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        let err = Key::from_jwk(br#"{"kty":"oct","k":"c2VjcmV0","alg":"RS256"}"#).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        let err = Key::from_jwk(br#"{"kty":"oct","k":"c2VjcmV0="}"#).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKeyFormat);
    }

    #[test]
    fn keyset_selection_rules() {
        let mut set = KeySet::new();
        set.push(Key::from_secret(b"a").unwrap().with_kid("a"))
            .unwrap();
        set.push(Key::from_secret(b"b").unwrap().with_kid("b"))
            .unwrap();
        assert_eq!(
            set.candidates(Some("b"), Algorithm::HS256).unwrap().len(),
            1
        );
        assert_eq!(
            set.candidates(Some("zz"), Algorithm::HS256)
                .unwrap_err()
                .kind(),
            ErrorKind::KeyNotFound
        );
        assert_eq!(set.candidates(None, Algorithm::HS256).unwrap().len(), 2);
        assert_eq!(
            set.candidates(Some("a"), Algorithm::RS256)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidKey
        );
        let strict = KeySet {
            require_kid: true,
            ..set
        };
        assert_eq!(
            strict
                .candidates(None, Algorithm::HS256)
                .unwrap_err()
                .kind(),
            ErrorKind::KeyNotFound
        );
    }

    #[test]
    fn clones_share_material_but_not_labels() {
        let key = Key::from_secret(b"shared").unwrap().with_kid("one");
        let relabelled = key.clone().with_kid("two");
        assert_eq!(key.kid(), Some("one"));
        assert_eq!(relabelled.kid(), Some("two"));
        assert!(Arc::ptr_eq(&key.material, &relabelled.material));
        let signature = key.sign(Algorithm::HS256, b"m").unwrap();
        assert!(relabelled
            .verify(Algorithm::HS256, b"m", signature.as_ref())
            .is_ok());
    }

    #[test]
    fn der_reader_refuses_truncation() {
        assert!(der_element(&[0x30, 0x05, 0x00]).is_none());
        assert!(der_element(&[0x30, 0x85, 0, 0, 0, 0, 1]).is_none());
        assert!(certificate_spki(&[0x30, 0x00]).is_none());
        assert_eq!(
            der_element(&[0x02, 0x01, 0x05, 0xff]).map(|e| e.1),
            Some(&[5u8][..])
        );
    }
}
