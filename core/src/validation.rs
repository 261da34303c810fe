//! Validation options and the claim checks, in a fixed, documented order.
//!
//! Order (PyJWT 1.x's, which djangorestframework_jwt users observe through the first error they
//! get): required claims → `iat` → `nbf` → `exp` → `orig_iat` type → `iss` → `aud` → (strict
//! profile) `sub`/`jti` types.

use crate::algorithm::Algorithm;
use crate::claims::{numeric_date_in, timestamp_f64, timestamp_secs, ClaimSet, ClaimValue, Claims};
use crate::codec::{Header, DEFAULT_MAX_TOKEN_SIZE};
use crate::error::{Error, ErrorKind, Result};
use chrono::{DateTime, Utc};

/// Which set of rules to apply.
///
/// ```
/// use ferrojwt::{Algorithm, Profile, Validation};
/// assert_eq!(Validation::new(&[Algorithm::HS256]).profile, Profile::PyJwt1);
/// assert_eq!(Validation::strict(&[Algorithm::ES256]).profile, Profile::Strict);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// PyJWT 1.x as djangorestframework_jwt 1.11 used it: integer-second `now`, `exp` optional,
    /// `iat` only type-checked, no `sub`/`jti` checks. One change: `exp == now` is expired.
    PyJwt1,
    /// RFC 8725 best practice: `exp` required, an `iat` in the future (beyond leeway) refused,
    /// `sub`/`jti` must be strings, fractional `now`.
    Strict,
}

/// What a decode checks. Build with [`Validation::new`] (PyJWT 1.x profile) or
/// [`Validation::strict`], then adjust the public fields.
///
/// ```
/// use ferrojwt::{Algorithm, Validation};
/// let mut v = Validation::new(&[Algorithm::HS256]);
/// v.leeway = 30.0;
/// v.audience = Some(vec!["my-api".into()]);
/// v.issuer = Some("https://issuer.example".into());
/// ```
#[derive(Clone, Debug)]
pub struct Validation {
    /// The allow-list: a token whose `alg` is not here is refused before any key is touched.
    pub algorithms: Vec<Algorithm>,
    /// The rule set.
    pub profile: Profile,
    /// Verify the signature (off only for inspection; claims are still checked if enabled).
    pub verify_signature: bool,
    /// Check `exp`.
    pub verify_exp: bool,
    /// Check `nbf`.
    pub verify_nbf: bool,
    /// Check `iat` (its type; in the strict profile also that it is not in the future).
    pub verify_iat: bool,
    /// Check `aud` against [`Validation::audience`].
    pub verify_aud: bool,
    /// Check `iss` against [`Validation::issuer`].
    pub verify_iss: bool,
    /// Clock skew tolerance in seconds (finite; may be fractional).
    pub leeway: f64,
    /// Accepted audiences; a token matches if any of its `aud` values is here. `None` means the
    /// token must not carry `aud` at all (PyJWT's rule).
    pub audience: Option<Vec<String>>,
    /// The required issuer.
    pub issuer: Option<String>,
    /// Claims that must be present.
    pub required_claims: Vec<String>,
    /// The required `typ` header, compared as a media type (case-insensitive, `application/`
    /// optional). `None` skips the check.
    pub required_typ: Option<String>,
    /// Longest token accepted, in bytes.
    pub max_token_size: usize,
}

impl Validation {
    /// The PyJWT 1.x profile with every check on, for the given allow-list.
    pub fn new(algorithms: &[Algorithm]) -> Validation {
        Validation {
            algorithms: algorithms.to_vec(),
            profile: Profile::PyJwt1,
            verify_signature: true,
            verify_exp: true,
            verify_nbf: true,
            verify_iat: true,
            verify_aud: true,
            verify_iss: true,
            leeway: 0.0,
            audience: None,
            issuer: None,
            required_claims: Vec::new(),
            required_typ: None,
            max_token_size: DEFAULT_MAX_TOKEN_SIZE,
        }
    }

    /// The strict profile (RFC 8725): as [`Validation::new`], plus `exp` required.
    pub fn strict(algorithms: &[Algorithm]) -> Validation {
        Validation {
            profile: Profile::Strict,
            required_claims: vec!["exp".into()],
            ..Validation::new(algorithms)
        }
    }

    pub(crate) fn check_options(&self) -> Result<()> {
        if self.verify_signature && self.algorithms.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "an algorithm allow-list is required to verify a signature",
            ));
        }
        if !self.leeway.is_finite() || self.leeway.abs() > 1e10 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "leeway must be a finite number of seconds, at most 1e10 (about 317 years)",
            ));
        }
        Ok(())
    }

    /// Checks the header's `typ` when [`Validation::required_typ`] is set.
    pub fn validate_header(&self, header: &Header) -> Result<()> {
        self.check_typ(header.typ())
    }

    /// Checks a header's `typ` value against [`Validation::required_typ`].
    pub(crate) fn check_typ(&self, typ: Option<&str>) -> Result<()> {
        let Some(want) = &self.required_typ else {
            return Ok(());
        };
        let matches = typ.is_some_and(|typ| media_type(typ) == media_type(want));
        if matches {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::InvalidType,
                format!("Invalid token type: expected {want:?}"),
            ))
        }
    }

    /// Runs the claim checks against `now`.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use ferrojwt::{Algorithm, Claims, ErrorKind, Validation};
    /// let claims: Claims = serde_json::from_str(r#"{"exp": 1000}"#).unwrap();
    /// let v = Validation::new(&[Algorithm::HS256]);
    /// let at = |s| Utc.timestamp_opt(s, 0).unwrap();
    /// assert!(v.validate(&claims, at(999)).is_ok());
    /// assert_eq!(v.validate(&claims, at(1000)).unwrap_err().kind(), ErrorKind::ExpiredSignature);
    /// ```
    pub fn validate(&self, claims: &Claims, now: DateTime<Utc>) -> Result<()> {
        self.validate_claims(claims, now)
    }

    /// [`Validation::validate`] for either form of a claims set (owned or borrowed).
    pub(crate) fn validate_claims<C: ClaimSet>(
        &self,
        claims: &C,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.check_options()?;
        let now = match self.profile {
            Profile::PyJwt1 => timestamp_secs(now) as f64,
            Profile::Strict => timestamp_f64(now),
        };
        let leeway = self.leeway;

        for name in &self.required_claims {
            // Present but null counts as missing, as PyJWT's `payload.get(claim) is None`.
            if claims.claim(name).is_none_or(ClaimValue::is_null) {
                return Err(missing(name.clone()));
            }
        }

        if self.verify_iat {
            let iat = numeric_date_in(claims, "iat", "Issued At claim (iat) must be an integer.")?;
            if let (Some(iat), Profile::Strict) = (iat, self.profile) {
                if iat > now + leeway {
                    return Err(Error::claim(
                        ErrorKind::ImmatureSignature,
                        "iat",
                        "The token is not yet valid (iat)",
                    ));
                }
            }
        }

        if self.verify_nbf {
            if let Some(nbf) =
                numeric_date_in(claims, "nbf", "Not Before claim (nbf) must be an integer.")?
            {
                if nbf > now + leeway {
                    return Err(Error::claim(
                        ErrorKind::ImmatureSignature,
                        "nbf",
                        "The token is not yet valid (nbf)",
                    ));
                }
            }
        }

        if self.verify_exp {
            if let Some(exp) = numeric_date_in(
                claims,
                "exp",
                "Expiration Time claim (exp) must be an integer.",
            )? {
                // RFC 7519 §4.1.4: the token must not be accepted on or after exp.
                if now >= exp + leeway {
                    return Err(Error::claim(
                        ErrorKind::ExpiredSignature,
                        "exp",
                        "Signature has expired",
                    ));
                }
            }
        }

        // orig_iat is typed like the other NumericDates, except that falsy values (null, false,
        // "", 0) are left to the refresh rule, which reports them as "orig_iat field is required."
        // exactly as 1.11 did.
        if claims.claim("orig_iat").is_some_and(|v| !v.is_falsy()) {
            numeric_date_in(claims, "orig_iat", "orig_iat claim must be a number.")?;
        }

        if self.verify_iss {
            if let Some(issuer) = &self.issuer {
                match claims.claim("iss") {
                    None => return Err(missing("iss".to_owned())),
                    Some(iss) if iss.as_text() == Some(issuer.as_str()) => {}
                    Some(_) => {
                        return Err(Error::claim(
                            ErrorKind::InvalidIssuer,
                            "iss",
                            "Invalid issuer",
                        ))
                    }
                }
            }
        }

        if self.verify_aud {
            self.validate_aud(claims)?;
        }

        if self.profile == Profile::Strict {
            for name in ["sub", "jti"] {
                if let Some(v) = claims.claim(name) {
                    if v.as_text().is_none() {
                        return Err(Error::claim(
                            ErrorKind::InvalidClaim,
                            name,
                            format!("{name} claim must be a string"),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn validate_aud<C: ClaimSet>(&self, claims: &C) -> Result<()> {
        let invalid = |msg: &'static str| Error::claim(ErrorKind::InvalidAudience, "aud", msg);
        let token_aud = claims.claim("aud");
        let expected = match (&self.audience, token_aud) {
            (None, None) => return Ok(()),
            (Some(_), None) => return Err(missing("aud".to_owned())),
            (None, Some(_)) => return Err(invalid("Invalid audience")),
            (Some(expected), Some(_)) => expected,
        };
        let matches = |s: &str| expected.iter().any(|e| e == s);
        let Some(token_aud) = token_aud else {
            return Err(invalid("Invalid claim format in token"));
        };
        let found = if let Some(s) = token_aud.as_text() {
            matches(s)
        } else if let Some(items) = token_aud.as_items() {
            let mut found = false;
            for item in items {
                match item.as_text() {
                    Some(s) => found |= matches(s),
                    None => return Err(invalid("Invalid claim format in token")),
                }
            }
            found
        } else {
            return Err(invalid("Invalid claim format in token"));
        };
        if found {
            Ok(())
        } else {
            Err(invalid("Invalid audience"))
        }
    }
}

fn missing(name: String) -> Error {
    let message = format!("Token is missing the \"{name}\" claim");
    Error::claim(ErrorKind::MissingRequiredClaim, name, message)
}

fn media_type(typ: &str) -> String {
    let lower = typ.to_ascii_lowercase();
    match lower.strip_prefix("application/") {
        Some(rest) => rest.to_owned(),
        None => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::{json, Value};

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
    }

    fn claims(v: Value) -> Claims {
        match v {
            Value::Object(m) => m,
            _ => Claims::new(),
        }
    }

    fn kind(v: &Validation, c: Value, now: i64) -> Option<ErrorKind> {
        v.validate(&claims(c), at(now)).err().map(|e| e.kind())
    }

    fn hs() -> Validation {
        Validation::new(&[Algorithm::HS256])
    }

    #[test]
    fn exp_boundaries() {
        let v = hs();
        // exp == now is expired (RFC 7519), exp == now + 1 is valid.
        assert_eq!(
            kind(&v, json!({"exp": 1000}), 1000),
            Some(ErrorKind::ExpiredSignature)
        );
        assert_eq!(kind(&v, json!({"exp": 1001}), 1000), None);
        assert_eq!(
            kind(&v, json!({"exp": 999}), 1000),
            Some(ErrorKind::ExpiredSignature)
        );
    }

    #[test]
    fn exp_boundaries_with_leeway() {
        let mut v = hs();
        v.leeway = 10.0;
        assert_eq!(
            kind(&v, json!({"exp": 990}), 1000),
            Some(ErrorKind::ExpiredSignature)
        );
        assert_eq!(kind(&v, json!({"exp": 991}), 1000), None);
    }

    #[test]
    fn now_is_whole_seconds_in_the_pyjwt1_profile() {
        let v = hs();
        let c = claims(json!({"exp": 1001}));
        let late = Utc
            .timestamp_opt(1000, 999_000_000)
            .single()
            .unwrap_or_default();
        assert!(v.validate(&c, late).is_ok());
        let strict = Validation {
            profile: Profile::Strict,
            ..hs()
        };
        let c = claims(json!({"exp": 1000.5}));
        assert!(strict.validate(&c, late).is_err());
    }

    #[test]
    fn verify_exp_off_skips_exp_entirely() {
        let mut v = hs();
        v.verify_exp = false;
        assert_eq!(kind(&v, json!({"exp": 1}), 1000), None);
        assert_eq!(kind(&v, json!({"exp": "soon"}), 1000), None);
    }

    #[test]
    fn nbf_boundaries() {
        let mut v = hs();
        assert_eq!(kind(&v, json!({"nbf": 1000}), 1000), None);
        assert_eq!(
            kind(&v, json!({"nbf": 1001}), 1000),
            Some(ErrorKind::ImmatureSignature)
        );
        v.leeway = 5.0;
        assert_eq!(kind(&v, json!({"nbf": 1005}), 1000), None);
        assert_eq!(
            kind(&v, json!({"nbf": 1006}), 1000),
            Some(ErrorKind::ImmatureSignature)
        );
    }

    #[test]
    fn numeric_date_types_are_checked() {
        let v = hs();
        for c in [
            json!({"exp": "1500000000"}),
            json!({"nbf": true}),
            json!({"iat": null}),
            json!({"iat": "x"}),
            json!({"orig_iat": "x"}),
            json!({"orig_iat": [1]}),
            json!({"exp": 1e300}),
        ] {
            let err = v.validate(&claims(c.clone()), at(0)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidClaim, "{c}");
        }
    }

    #[test]
    fn falsy_orig_iat_is_left_to_the_refresh_rule() {
        for c in [
            json!({"orig_iat": null}),
            json!({"orig_iat": false}),
            json!({"orig_iat": ""}),
            json!({"orig_iat": 0}),
        ] {
            assert_eq!(kind(&hs(), c, 1000), None);
        }
    }

    #[test]
    fn future_iat_only_matters_in_the_strict_profile() {
        assert_eq!(kind(&hs(), json!({"iat": 5000}), 1000), None);
        let strict = Validation::strict(&[Algorithm::HS256]);
        assert_eq!(
            kind(&strict, json!({"iat": 5000, "exp": 9000}), 1000),
            Some(ErrorKind::ImmatureSignature)
        );
        assert_eq!(
            kind(&strict, json!({"iat": 500}), 1000),
            Some(ErrorKind::MissingRequiredClaim)
        );
        assert_eq!(
            kind(&strict, json!({"exp": 9000, "sub": 5}), 1000),
            Some(ErrorKind::InvalidClaim)
        );
    }

    #[test]
    fn check_order_is_iat_nbf_exp_iss_aud() {
        let mut v = hs();
        v.issuer = Some("me".into());
        v.audience = Some(vec!["api".into()]);
        let all_bad = json!({"iat": "x", "nbf": 5000, "exp": 1, "iss": "you", "aud": "other"});
        assert_eq!(kind(&v, all_bad, 1000), Some(ErrorKind::InvalidClaim));
        let c = json!({"nbf": 5000, "exp": 1, "iss": "you", "aud": "other"});
        assert_eq!(kind(&v, c, 1000), Some(ErrorKind::ImmatureSignature));
        let c = json!({"exp": 1, "iss": "you", "aud": "other"});
        assert_eq!(kind(&v, c, 1000), Some(ErrorKind::ExpiredSignature));
        let c = json!({"iss": "you", "aud": "other"});
        assert_eq!(kind(&v, c, 1000), Some(ErrorKind::InvalidIssuer));
        let c = json!({"iss": "me", "aud": "other"});
        assert_eq!(kind(&v, c, 1000), Some(ErrorKind::InvalidAudience));
        let c = json!({"iss": "me", "aud": ["x", "api"]});
        assert_eq!(kind(&v, c, 1000), None);
    }

    #[test]
    fn issuer_rules() {
        let mut v = hs();
        v.issuer = Some("me".into());
        let err = v.validate(&claims(json!({})), at(0)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingRequiredClaim);
        assert_eq!(err.claim_name(), Some("iss"));
        assert_eq!(err.message(), "Token is missing the \"iss\" claim");
        assert_eq!(
            kind(&v, json!({"iss": 1}), 0),
            Some(ErrorKind::InvalidIssuer)
        );
        v.verify_iss = false;
        assert_eq!(kind(&v, json!({"iss": "you"}), 0), None);
    }

    #[test]
    fn audience_rules_follow_pyjwt1() {
        let v = hs();
        assert_eq!(kind(&v, json!({}), 0), None);
        assert_eq!(
            kind(&v, json!({"aud": "api"}), 0),
            Some(ErrorKind::InvalidAudience)
        );
        let mut v = hs();
        v.audience = Some(vec!["api".into(), "web".into()]);
        assert_eq!(
            kind(&v, json!({}), 0),
            Some(ErrorKind::MissingRequiredClaim)
        );
        assert_eq!(kind(&v, json!({"aud": "web"}), 0), None);
        assert_eq!(kind(&v, json!({"aud": ["x", "api"]}), 0), None);
        assert_eq!(
            kind(&v, json!({"aud": ["x"]}), 0),
            Some(ErrorKind::InvalidAudience)
        );
        assert_eq!(
            kind(&v, json!({"aud": []}), 0),
            Some(ErrorKind::InvalidAudience)
        );
        let err = v
            .validate(&claims(json!({"aud": ["api", 1]})), at(0))
            .unwrap_err();
        assert_eq!(err.message(), "Invalid claim format in token");
        assert_eq!(
            kind(&v, json!({"aud": {"a": 1}}), 0),
            Some(ErrorKind::InvalidAudience)
        );
        let mut off = v.clone();
        off.verify_aud = false;
        assert_eq!(kind(&off, json!({"aud": "nope"}), 0), None);
    }

    #[test]
    fn required_claims_come_first() {
        let mut v = hs();
        v.required_claims = vec!["jti".into()];
        let err = v
            .validate(&claims(json!({"exp": 1})), at(1000))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingRequiredClaim);
        assert_eq!(err.claim_name(), Some("jti"));
    }

    #[test]
    fn a_required_claim_that_is_null_is_missing() {
        // PyJWT 1.x and 2.x both test `payload.get(claim) is None`.
        let mut v = hs();
        v.required_claims = vec!["exp".into()];
        let err = v
            .validate(&claims(json!({"exp": null})), at(1000))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingRequiredClaim);
        assert_eq!(err.claim_name(), Some("exp"));
        let err = Validation::strict(&[Algorithm::HS256])
            .validate(&claims(json!({"exp": null})), at(1000))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingRequiredClaim);
    }

    #[test]
    fn bad_options_are_invalid_arguments() {
        let mut v = hs();
        v.leeway = f64::NAN;
        assert_eq!(kind(&v, json!({}), 0), Some(ErrorKind::InvalidArgument));
        let v = Validation::new(&[]);
        assert_eq!(kind(&v, json!({}), 0), Some(ErrorKind::InvalidArgument));
    }

    #[test]
    fn typ_is_compared_as_a_media_type() {
        let header = |t: &str| {
            let map = crate::json::parse_object(
                format!(r#"{{"alg":"HS256","typ":"{t}"}}"#).as_bytes(),
                "h",
            )
            .unwrap_or_default();
            Header::from_map(map)
        };
        let mut v = hs();
        v.required_typ = Some("at+jwt".into());
        assert!(v
            .validate_header(&header("application/AT+JWT").unwrap())
            .is_ok());
        assert!(v.validate_header(&header("at+jwt").unwrap()).is_ok());
        assert_eq!(
            v.validate_header(&header("JWT").unwrap())
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidType
        );
    }
}
