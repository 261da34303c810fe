//! The encode and decode pipelines (see DESIGN.md, "The three paths through the code").

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::algorithm::Algorithm;
use crate::claims::{numeric_date_of, Claims, NUMERIC_DATE_CLAIMS};
use crate::codec::{self, Header};
use crate::error::{Error, ErrorKind, Result};
use crate::json;
use crate::json_ref::{JsonRef, ObjectRef};
use crate::key::{Key, KeySet};
use crate::validation::Validation;

/// A decoded token: its header and its claims, in token order.
///
/// ```
/// use ferrojwt::{decode, encode, Algorithm, Claims, Key, Validation};
/// let key = Key::from_secret(b"secret").unwrap();
/// let claims: Claims = serde_json::from_str(r#"{"user_id":1,"username":"ann"}"#).unwrap();
/// let token = encode(&claims, Algorithm::HS256, &key).unwrap();
/// let decoded = decode(token.as_bytes(), &key, &Validation::new(&[Algorithm::HS256])).unwrap();
/// assert_eq!(decoded.header.alg(), "HS256");
/// assert_eq!(decoded.claims, claims);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The JOSE header.
    pub header: Header,
    /// The claims set.
    pub claims: Claims,
}

/// Signs `claims` with `key` under `alg`. The header is `{"typ":"JWT","alg":…}` (plus `kid` when
/// the key has one), and the claims are written in insertion order exactly as Python's
/// `json.dumps(separators=(",", ":"))` does, so the token is byte-identical to PyJWT 1.x's.
///
/// ```
/// use ferrojwt::{encode, Algorithm, Claims, Key};
/// let claims: Claims = serde_json::from_str(r#"{"sub":"42","exp":1500000300}"#).unwrap();
/// let key = Key::from_secret(b"secret").unwrap();
/// let token = encode(&claims, Algorithm::HS256, &key).unwrap();
/// assert!(token.starts_with("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."));
/// ```
pub fn encode(claims: &Claims, alg: Algorithm, key: &Key) -> Result<String> {
    encode_with_header(claims, alg, key, &Map::new())
}

/// As [`encode`], with extra header parameters written after `typ` and `alg` (PyJWT's
/// `headers=`). `typ` may be overridden (a JSON `null` drops it); `alg` may only repeat `alg`;
/// `crit` and `b64` are refused because ferrojwt would refuse to decode the result.
pub fn encode_with_header(
    claims: &Claims,
    alg: Algorithm,
    key: &Key,
    extra_header: &Map<String, Value>,
) -> Result<String> {
    encode_ref(
        &ObjectRef::borrowing(claims),
        alg,
        key,
        &ObjectRef::borrowing(extra_header),
    )
}

/// As [`encode_with_header`], for claims and header parameters in borrowed form (how a binding
/// passes its own objects without building a `serde_json` map). An empty `extra_header` adds
/// nothing.
///
/// ```
/// use ferrojwt::{encode_ref, Algorithm, JsonRef, Key, ObjectRef};
/// let claims = ObjectRef::from_members(vec![("sub".into(), JsonRef::Str("42".into()))]).unwrap();
/// let key = Key::from_secret(b"secret").unwrap();
/// let token = encode_ref(&claims, Algorithm::HS256, &key, &ObjectRef::default()).unwrap();
/// assert!(token.starts_with("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9."));
/// ```
pub fn encode_ref(
    claims: &ObjectRef<'_>,
    alg: Algorithm,
    key: &Key,
    extra_header: &ObjectRef<'_>,
) -> Result<String> {
    UnsignedToken::new(claims, alg, key, extra_header)?.sign()
}

/// A token's header and claims segments, checked and encoded, waiting for the signature of the
/// key they were written for: lets a binding build it while it holds its interpreter lock and
/// sign (slow for RSA) without it.
#[derive(Clone, Debug)]
pub struct UnsignedToken<'k> {
    key: &'k Key,
    alg: Algorithm,
    /// base64url segments and dots: ASCII.
    text: Vec<u8>,
}

impl<'k> UnsignedToken<'k> {
    /// Runs every check of [`encode_ref`] and writes `base64url(header) "." base64url(claims)`.
    pub fn new(
        claims: &ObjectRef<'_>,
        alg: Algorithm,
        key: &'k Key,
        extra_header: &ObjectRef<'_>,
    ) -> Result<UnsignedToken<'k>> {
        key.check_algorithm(alg)?;
        if !key.can_sign() {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "this key cannot sign: a secret or a private key is required",
            ));
        }
        let mut json = String::with_capacity(256);
        if extra_header.is_empty() && key.kid().is_none() {
            // The usual header needs no map: it is PyJWT's fixed `{"typ":"JWT","alg":…}`.
            json.push_str(r#"{"typ":"JWT","alg":""#);
            json.push_str(alg.as_str());
            json.push_str(r#""}"#);
        } else {
            extra_header
                .iter()
                .try_for_each(|(_, v)| json::check_encodable(v, 1))?;
            let header = build_header(alg, key, &extra_header.to_map())?;
            json::write_object_ref(&mut json, &ObjectRef::borrowing(&header));
        }
        check_claims_encodable(claims)?;
        let header_len = json.len();
        json::write_object_ref(&mut json, claims);
        let mut text = Vec::with_capacity(json.len() * 4 / 3 + 100);
        codec::b64_encode_into(&json.as_bytes()[..header_len], &mut text);
        text.push(b'.');
        codec::b64_encode_into(&json.as_bytes()[header_len..], &mut text);
        Ok(UnsignedToken { key, alg, text })
    }

    /// Signs and returns the compact token. A token longer than ferrojwt decodes
    /// ([`DEFAULT_MAX_TOKEN_SIZE`](crate::DEFAULT_MAX_TOKEN_SIZE)) is refused
    /// ([`ErrorKind::InvalidArgument`]): nobody could verify it with the defaults.
    pub fn sign(self) -> Result<String> {
        let UnsignedToken { key, alg, mut text } = self;
        let signature = key.sign(alg, &text)?;
        text.push(b'.');
        codec::b64_encode_into(signature.as_ref(), &mut text);
        if text.len() > codec::DEFAULT_MAX_TOKEN_SIZE {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "the token would be {} bytes, more than the {} a decode accepts",
                    text.len(),
                    codec::DEFAULT_MAX_TOKEN_SIZE
                ),
            ));
        }
        String::from_utf8(text)
            .map_err(|_| Error::new(ErrorKind::Internal, "a token is always ASCII"))
    }
}

fn build_header(
    alg: Algorithm,
    key: &Key,
    extra: &Map<String, Value>,
) -> Result<Map<String, Value>> {
    let mut header = Map::new();
    header.insert("typ".into(), Value::String("JWT".into()));
    header.insert("alg".into(), Value::String(alg.as_str().into()));
    if let Some(kid) = key.kid() {
        header.insert("kid".into(), Value::String(kid.into()));
    }
    for (name, value) in extra {
        match name.as_str() {
            "alg" if value.as_str() != Some(alg.as_str()) => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    "the alg header must match the signing algorithm",
                ))
            }
            "typ" if value.is_null() => {
                header.shift_remove("typ");
                continue;
            }
            "kid" | "typ" | "cty" if !value.is_string() => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!("the {name} header parameter must be a string"),
                ))
            }
            "crit" | "b64" => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!("the {name} header parameter is not supported"),
                ))
            }
            _ => {}
        }
        header.insert(name.clone(), value.clone());
    }
    Ok(header)
}

fn check_claims_encodable(claims: &ObjectRef<'_>) -> Result<()> {
    for name in NUMERIC_DATE_CLAIMS {
        if let Some(value) = claims.get(name) {
            if numeric_date_of(value).is_none() {
                return Err(Error::claim(
                    ErrorKind::InvalidClaim,
                    name,
                    format!("{name} must be a number (a NumericDate between years 1 and 9999)"),
                ));
            }
        }
    }
    claims
        .iter()
        .try_for_each(|(_, v)| json::check_encodable(v, 1))
}

/// Verifies and validates `token` against the system clock. See [`decode_at`].
pub fn decode(token: &[u8], key: &Key, validation: &Validation) -> Result<Decoded> {
    decode_at(token, key, validation, Utc::now())
}

/// Verifies `token` with `key` and validates its claims as of `now`.
///
/// Order: size cap → segments → header → `crit` → `alg` against the allow-list → key family →
/// signature → claims JSON → `typ` → claim checks. Claims are only parsed once the signature
/// has verified. With `validation.verify_signature == false` the key is not used.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use ferrojwt::{decode_at, encode, Algorithm, Claims, ErrorKind, Key, Validation};
/// let key = Key::from_secret(b"secret").unwrap();
/// let claims: Claims = serde_json::from_str(r#"{"user":"ann","exp":2000}"#).unwrap();
/// let token = encode(&claims, Algorithm::HS256, &key).unwrap();
/// let v = Validation::new(&[Algorithm::HS256]);
/// let now = Utc.timestamp_opt(1000, 0).unwrap();
/// assert_eq!(decode_at(token.as_bytes(), &key, &v, now).unwrap().claims, claims);
/// let later = Utc.timestamp_opt(2000, 0).unwrap();
/// let err = decode_at(token.as_bytes(), &key, &v, later).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::ExpiredSignature);
/// ```
pub fn decode_at(
    token: &[u8],
    key: &Key,
    validation: &Validation,
    now: DateTime<Utc>,
) -> Result<Decoded> {
    decode_with(token, Some(key), validation, now)
}

/// As [`decode_at`], for callers that may not have a key: `key` may be `None` only when
/// `validation.verify_signature` is off (inspection with claim checks, PyJWT's
/// `options={"verify_signature": False}`), otherwise [`ErrorKind::InvalidArgument`].
pub fn decode_with(
    token: &[u8],
    key: Option<&Key>,
    validation: &Validation,
    now: DateTime<Utc>,
) -> Result<Decoded> {
    let verifier = match key {
        Some(k) => Verifier::Key(k),
        None => Verifier::Unverified,
    };
    decode_claims_with(token, verifier, validation, now, owned)
}

/// Verifies `token` against a [`KeySet`] (the token's `kid` selects the key; see [`KeySet`]) and
/// validates its claims as of `now`.
pub fn decode_with_keyset(
    token: &[u8],
    keys: &KeySet,
    validation: &Validation,
    now: DateTime<Utc>,
) -> Result<Decoded> {
    decode_claims_with(token, Verifier::KeySet(keys), validation, now, owned)
}

fn owned(header: &ObjectRef<'_>, claims: &ObjectRef<'_>) -> Decoded {
    Decoded {
        header: Header::from_checked_ref(header),
        claims: claims.to_map(),
    }
}

/// What a decode verifies the signature with.
#[derive(Clone, Copy)]
pub enum Verifier<'a> {
    /// Nothing: allowed only when `verify_signature` is off (inspection).
    Unverified,
    /// One key.
    Key(&'a Key),
    /// A key set; the token's `kid` selects the key (see [`KeySet`]).
    KeySet(&'a KeySet),
}

/// The pipeline of [`decode_at`] (same checks, same order), handing the verified header and
/// claims to `build` in their borrowed form instead of copying them into a [`Decoded`].
///
/// This is how a binding turns claims into its own objects with no intermediate `serde_json`
/// map: `build` runs only once every check has passed.
///
/// ```
/// use chrono::Utc;
/// use ferrojwt::{decode_claims_with, encode, Algorithm, Claims, Key, Validation, Verifier};
/// let key = Key::from_secret(b"secret").unwrap();
/// let claims: Claims = serde_json::from_str(r#"{"user":"ann"}"#).unwrap();
/// let token = encode(&claims, Algorithm::HS256, &key).unwrap();
/// let v = Validation::new(&[Algorithm::HS256]);
/// let user = decode_claims_with(token.as_bytes(), Verifier::Key(&key), &v, Utc::now(), |_, c| {
///     c.get("user").and_then(|u| u.as_str()).map(str::to_owned)
/// });
/// assert_eq!(user.unwrap().as_deref(), Some("ann"));
/// ```
pub fn decode_claims_with<R>(
    token: &[u8],
    verifier: Verifier<'_>,
    validation: &Validation,
    now: DateTime<Utc>,
    build: impl FnOnce(&ObjectRef<'_>, &ObjectRef<'_>) -> R,
) -> Result<R> {
    validation.check_options()?;
    let mut header_buffer = codec::SegmentBuffer::<256>::new();
    let segments = open(token, validation.max_token_size)?;
    let header = checked_header(header_buffer.decode(segments.header, "header")?)?;
    if validation.verify_signature {
        check_signature(&segments, &header, verifier, &validation.algorithms)?;
    }
    if segments.payload.is_empty() {
        return Err(Error::new(
            ErrorKind::MalformedToken,
            "Empty payload segment",
        ));
    }
    let mut payload_buffer = codec::SegmentBuffer::<1024>::new();
    let payload = payload_buffer.decode(segments.payload, "payload")?;
    let claims = json::parse_object_ref(payload, "payload")?;
    validation.check_typ(header.get("typ").and_then(JsonRef::as_str))?;
    validation.validate_claims(&claims, now)?;
    Ok(build(&header, &claims))
}

/// A verified compact JWS: its header and raw payload bytes (for payloads that are not JWT claims).
///
/// ```
/// use ferrojwt::{encode, verify_jws, Algorithm, Claims, Key, KeySet};
/// let token = encode(&Claims::new(), Algorithm::HS256, &Key::from_secret(b"k").unwrap()).unwrap();
/// let mut keys = KeySet::new();
/// keys.push(Key::from_secret(b"k").unwrap()).unwrap();
/// let jws = verify_jws(token.as_bytes(), &keys, &[Algorithm::HS256], 65536).unwrap();
/// assert_eq!(jws.payload, b"{}");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedJws {
    /// The JOSE header.
    pub header: Header,
    /// The decoded payload bytes.
    pub payload: Vec<u8>,
}

/// Verifies a compact JWS whose payload need not be JSON: size cap, structure, header rules, `alg`
/// against `algorithms`, key selection (by `kid` in a [`KeySet`]) and signature.
///
/// ```
/// use ferrojwt::{verify_jws, Algorithm, Key, KeySet};
/// // RFC 7515 appendix A.1 (HS256).
/// let jwk = br#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
/// let mut keys = KeySet::new();
/// keys.push(Key::from_jwk(jwk).unwrap());
/// let token = b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// let jws = verify_jws(token, &keys, &[Algorithm::HS256], 65536).unwrap();
/// assert!(jws.payload.starts_with(b"{\"iss\":\"joe\""));
/// ```
pub fn verify_jws(
    token: &[u8],
    keys: &KeySet,
    algorithms: &[Algorithm],
    max_token_size: usize,
) -> Result<VerifiedJws> {
    let segments = open(token, max_token_size)?;
    let header_json = codec::b64_decode(segments.header, "header")?;
    let header = checked_header(&header_json)?;
    check_signature(&segments, &header, Verifier::KeySet(keys), algorithms)?;
    Ok(VerifiedJws {
        header: Header::from_checked_ref(&header),
        payload: codec::b64_decode(segments.payload, "payload")?,
    })
}

/// Size cap, then the three segments.
fn open(token: &[u8], max_token_size: usize) -> Result<codec::Segments<'_>> {
    if token.len() > max_token_size {
        return Err(Error::new(
            ErrorKind::TokenTooLarge,
            format!(
                "Token is {} bytes, more than the maximum of {}",
                token.len(),
                max_token_size
            ),
        ));
    }
    codec::split_allowing_empty_payload(token)
}

/// The header parsed, type-checked and held to the processing rules (`crit`, `b64`).
fn checked_header(header_json: &[u8]) -> Result<ObjectRef<'_>> {
    let header = json::parse_object_ref(header_json, "header")?;
    codec::check_header_types(&header)?;
    codec::check_processing_rules(&header)?;
    Ok(header)
}

/// `alg` against the allow-list, key selection and family, then the signature itself.
fn check_signature(
    segments: &codec::Segments<'_>,
    header: &ObjectRef<'_>,
    verifier: Verifier<'_>,
    algorithms: &[Algorithm],
) -> Result<()> {
    let alg_name = header.get("alg").and_then(JsonRef::as_str).unwrap_or("");
    let alg = allowed_algorithm(alg_name, algorithms)?;
    let one;
    let candidates: &[&Key] = match verifier {
        Verifier::Key(k) => {
            k.check_algorithm(alg)?;
            one = [k];
            &one
        }
        Verifier::KeySet(set) => {
            &set.candidates(header.get("kid").and_then(JsonRef::as_str), alg)?
        }
        Verifier::Unverified => {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "a key is required to verify a signature",
            ))
        }
    };
    // Every signature ferrojwt can verify (RSA up to 8192 bits) fits on the stack.
    let mut buffer = codec::SegmentBuffer::<1032>::new();
    let signature = buffer.decode(segments.signature, "signature")?;
    let mut result = Err(crate::crypto::bad_signature());
    for key in candidates {
        result = key.verify(alg, segments.signing_input, signature);
        if result.is_ok() {
            break;
        }
    }
    result
}

/// Parses `token` without verifying anything: for inspection (`kid` lookup, debugging) only.
/// The structure is still checked strictly (segments, base64url, JSON, header types).
///
/// ```
/// let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.sig";
/// let d = ferrojwt::decode_unverified(token.as_bytes()).unwrap();
/// assert_eq!(d.claims["a"], 1);
/// ```
pub fn decode_unverified(token: &[u8]) -> Result<Decoded> {
    if token.len() > codec::DEFAULT_MAX_TOKEN_SIZE {
        return Err(Error::new(ErrorKind::TokenTooLarge, "Token is too large"));
    }
    let segments = codec::split(token)?;
    let header = codec::parse_header(segments.header)?;
    codec::b64_decode(segments.signature, "signature")?;
    let payload = codec::b64_decode(segments.payload, "payload")?;
    let claims = json::parse_object(&payload, "payload")?;
    Ok(Decoded { header, claims })
}

/// Parses only the header of `token` (PyJWT's `get_unverified_header`).
pub fn decode_header(token: &[u8]) -> Result<Header> {
    if token.len() > codec::DEFAULT_MAX_TOKEN_SIZE {
        return Err(Error::new(ErrorKind::TokenTooLarge, "Token is too large"));
    }
    let segments = codec::split(token)?;
    codec::parse_header(segments.header)
}

fn allowed_algorithm(alg: &str, allowed: &[Algorithm]) -> Result<Algorithm> {
    allowed
        .iter()
        .copied()
        .find(|a| a.as_str() == alg)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidAlgorithm,
                "The specified alg value is not allowed",
            )
        })
}
