//! The refresh-window policy of djangorestframework_jwt 1.11.
//!
//! Issue: a token carries `exp = now + expiration` and `orig_iat = now` (the time of the original
//! login). Refresh: the presented token is verified in full (an expired token cannot be refreshed
//! unless [`RefreshPolicy::allow_expired`] is set), `orig_iat` must be present and truthy, and the
//! refresh is refused once `now > orig_iat + refresh_delta` (strictly greater: at the boundary
//! second it still succeeds). The new token gets a fresh `exp`, never capped at the window, and the
//! original `orig_iat`.

use std::borrow::Cow;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::Value;

use crate::claims::{is_falsy, numeric_date_value, timestamp_secs, Claims};
use crate::error::{Error, ErrorKind, Result};
use crate::key::{Key, KeySet};
use crate::token::{decode_at, decode_with_keyset, Decoded};
use crate::validation::Validation;

/// How long tokens live and how long they may be refreshed.
///
/// ```
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use ferrojwt::{Claims, RefreshPolicy};
/// let policy = RefreshPolicy::new(TimeDelta::hours(1), TimeDelta::days(7));
/// let mut claims = Claims::new();
/// policy.stamp(&mut claims, Utc.timestamp_opt(1_000_000, 0).unwrap());
/// assert_eq!(claims["exp"], 1_003_600);
/// assert_eq!(claims["orig_iat"], 1_000_000);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefreshPolicy {
    /// Lifetime of every issued token (`JWT_EXPIRATION_DELTA`).
    pub expiration: TimeDelta,
    /// How long after `orig_iat` a token may still be refreshed, in whole seconds
    /// (`JWT_REFRESH_EXPIRATION_DELTA`; sub-second parts are dropped as 1.11 drops them).
    pub refresh_delta_secs: i64,
    /// Refresh tokens whose `exp` has passed while the window is still open (off by default:
    /// 1.11 refused them, and the window alone is a weaker guarantee).
    pub allow_expired: bool,
}

impl RefreshPolicy {
    /// A policy with 1.11's semantics: expired tokens cannot be refreshed.
    pub fn new(expiration: TimeDelta, refresh: TimeDelta) -> RefreshPolicy {
        RefreshPolicy {
            expiration,
            refresh_delta_secs: refresh.num_seconds(),
            allow_expired: false,
        }
    }

    /// Sets `exp = now + expiration` and `orig_iat = now` (whole seconds, rounded down, as
    /// `timegm(utctimetuple())` does), keeping the claims' other entries and their order. An
    /// `exp` past year 9999 (or, for a negative expiration, before year 1) stops at that end:
    /// the NumericDates a token may carry.
    pub fn stamp(&self, claims: &mut Claims, now: DateTime<Utc>) {
        use crate::claims::{MAX_NUMERIC_DATE, MIN_NUMERIC_DATE};
        // An overflow goes the way the expiration points: a huge negative one must give a
        // token already expired, never one valid for ever.
        let overflow = if self.expiration < TimeDelta::zero() {
            i64::MIN
        } else {
            i64::MAX
        };
        let exp = now
            .checked_add_signed(self.expiration)
            .map_or(overflow, timestamp_secs)
            .clamp(MIN_NUMERIC_DATE as i64, MAX_NUMERIC_DATE as i64);
        claims.insert("exp".into(), Value::from(exp));
        claims.insert("orig_iat".into(), Value::from(timestamp_secs(now)));
    }

    /// Checks the refresh window of already-verified claims and returns the `orig_iat` value to
    /// carry over. Missing or falsy `orig_iat` → [`ErrorKind::MissingOrigIat`]; a non-number →
    /// [`ErrorKind::InvalidClaim`]; `now > orig_iat + delta` → [`ErrorKind::RefreshExpired`].
    pub fn check_window(&self, claims: &Claims, now: DateTime<Utc>) -> Result<Value> {
        let value = match claims.get("orig_iat") {
            Some(v) if !is_falsy(v) => v,
            _ => {
                return Err(Error::claim(
                    ErrorKind::MissingOrigIat,
                    "orig_iat",
                    "orig_iat field is required.",
                ))
            }
        };
        let orig_iat = numeric_date_value(value).ok_or_else(|| {
            Error::claim(
                ErrorKind::InvalidClaim,
                "orig_iat",
                "orig_iat claim must be a number.",
            )
        })?;
        let expires = orig_iat + self.refresh_delta_secs as f64;
        if timestamp_secs(now) as f64 > expires {
            return Err(Error::new(
                ErrorKind::RefreshExpired,
                "Refresh has expired.",
            ));
        }
        Ok(value.clone())
    }

    /// The whole refresh: verify `token`, check the window, and return new claims — the old ones
    /// with a fresh `exp` and the original `orig_iat` — ready to be signed.
    ///
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// use ferrojwt::{encode, Algorithm, Claims, Key, RefreshPolicy, Validation};
    /// let key = Key::from_secret(b"secret").unwrap();
    /// let policy = RefreshPolicy::new(TimeDelta::minutes(5), TimeDelta::days(7));
    /// let t0 = Utc.timestamp_opt(1_000_000, 0).unwrap();
    /// let mut claims: Claims = serde_json::from_str(r#"{"username":"ann"}"#).unwrap();
    /// policy.stamp(&mut claims, t0);
    /// let token = encode(&claims, Algorithm::HS256, &key).unwrap();
    /// let v = Validation::new(&[Algorithm::HS256]);
    /// let t1 = t0 + TimeDelta::minutes(4);
    /// let fresh = policy.refresh(token.as_bytes(), &key, &v, t1).unwrap();
    /// assert_eq!(fresh["orig_iat"], 1_000_000);
    /// assert_eq!(fresh["exp"], 1_000_000 + 240 + 300);
    /// ```
    pub fn refresh(
        &self,
        token: &[u8],
        key: &Key,
        validation: &Validation,
        now: DateTime<Utc>,
    ) -> Result<Claims> {
        let decoded = self.verify_for_refresh(token, key, validation, now)?;
        self.refreshed_claims(decoded.claims, now)
    }

    /// Verifies a token presented for refresh (honouring [`RefreshPolicy::allow_expired`]).
    pub fn verify_for_refresh(
        &self,
        token: &[u8],
        key: &Key,
        validation: &Validation,
        now: DateTime<Utc>,
    ) -> Result<Decoded> {
        decode_at(token, key, &self.refresh_validation(validation), now)
    }

    /// As [`RefreshPolicy::refresh`], verifying with a [`KeySet`] (the token's `kid` selects
    /// the key): for refresh with asymmetric keys under rotation.
    pub fn refresh_with_keyset(
        &self,
        token: &[u8],
        keys: &KeySet,
        validation: &Validation,
        now: DateTime<Utc>,
    ) -> Result<Claims> {
        let decoded = decode_with_keyset(token, keys, &self.refresh_validation(validation), now)?;
        self.refreshed_claims(decoded.claims, now)
    }

    /// `validation`, with the `exp` check off when [`RefreshPolicy::allow_expired`] is set.
    fn refresh_validation<'v>(&self, validation: &'v Validation) -> Cow<'v, Validation> {
        if self.allow_expired {
            let mut relaxed = validation.clone();
            relaxed.verify_exp = false;
            Cow::Owned(relaxed)
        } else {
            Cow::Borrowed(validation)
        }
    }

    /// Given verified claims, checks the window and returns the refreshed claims.
    pub fn refreshed_claims(&self, mut claims: Claims, now: DateTime<Utc>) -> Result<Claims> {
        let orig_iat = self.check_window(&claims, now)?;
        self.stamp(&mut claims, now);
        claims.insert("orig_iat".into(), orig_iat);
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algorithm::Algorithm;
    use crate::token::encode;
    use chrono::TimeZone;
    use serde_json::json;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
    }

    fn claims(v: Value) -> Claims {
        match v {
            Value::Object(m) => m,
            _ => Claims::new(),
        }
    }

    fn policy() -> RefreshPolicy {
        RefreshPolicy::new(TimeDelta::seconds(300), TimeDelta::seconds(1000))
    }

    #[test]
    fn window_boundary_is_inclusive() {
        let c = claims(json!({"orig_iat": 5000}));
        assert_eq!(policy().check_window(&c, at(6000)).unwrap(), json!(5000));
        let err = policy().check_window(&c, at(6001)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RefreshExpired);
        assert_eq!(err.message(), "Refresh has expired.");
    }

    #[test]
    fn missing_or_falsy_orig_iat() {
        for c in [
            json!({}),
            json!({"orig_iat": 0}),
            json!({"orig_iat": null}),
            json!({"orig_iat": false}),
            json!({"orig_iat": ""}),
        ] {
            let err = policy().check_window(&claims(c), at(1)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::MissingOrigIat);
            assert_eq!(err.message(), "orig_iat field is required.");
        }
        let err = policy()
            .check_window(&claims(json!({"orig_iat": "123"})), at(1))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidClaim);
    }

    #[test]
    fn sub_second_refresh_delta_is_dropped() {
        let p = RefreshPolicy::new(TimeDelta::seconds(1), TimeDelta::milliseconds(1999));
        assert_eq!(p.refresh_delta_secs, 1);
    }

    #[test]
    fn refresh_carries_orig_iat_and_renews_exp_in_order() {
        let key = Key::from_secret(b"k").unwrap_or_else(|e| unreachable!("{e}"));
        let v = Validation::new(&[Algorithm::HS256]);
        let c = claims(json!({"user_id": 1, "username": "a", "exp": 5300, "orig_iat": 5000}));
        let token = encode(&c, Algorithm::HS256, &key).unwrap();
        let fresh = policy()
            .refresh(token.as_bytes(), &key, &v, at(5200))
            .unwrap();
        assert_eq!(
            serde_json::to_string(&fresh).unwrap(),
            r#"{"user_id":1,"username":"a","exp":5500,"orig_iat":5000}"#
        );
        // Expired tokens are refused by default even inside the window...
        let err = policy()
            .refresh(token.as_bytes(), &key, &v, at(5300))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ExpiredSignature);
        // ...unless the policy opts in; the window still applies.
        let lenient = RefreshPolicy {
            allow_expired: true,
            ..policy()
        };
        assert!(lenient
            .refresh(token.as_bytes(), &key, &v, at(5900))
            .is_ok());
        let err = lenient
            .refresh(token.as_bytes(), &key, &v, at(6001))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RefreshExpired);
    }

    #[test]
    fn refresh_with_keyset_selects_by_kid_and_honours_allow_expired() {
        let signing = Key::from_secret(b"new").unwrap_or_else(|e| unreachable!("{e}"));
        let signing = signing.with_kid("b");
        let mut set = KeySet::new();
        set.push(Key::from_secret(b"old").unwrap().with_kid("a"))
            .unwrap();
        set.push(signing.clone()).unwrap();
        let v = Validation::new(&[Algorithm::HS256]);
        let c = claims(json!({"user_id": 1, "exp": 5300, "orig_iat": 5000}));
        let token = encode(&c, Algorithm::HS256, &signing).unwrap();
        let fresh = policy()
            .refresh_with_keyset(token.as_bytes(), &set, &v, at(5200))
            .unwrap();
        assert_eq!(fresh["exp"], 5500);
        assert_eq!(fresh["orig_iat"], 5000);
        let err = policy()
            .refresh_with_keyset(token.as_bytes(), &set, &v, at(5300))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ExpiredSignature);
        let lenient = RefreshPolicy {
            allow_expired: true,
            ..policy()
        };
        assert!(lenient
            .refresh_with_keyset(token.as_bytes(), &set, &v, at(5900))
            .is_ok());
        let other = encode(&c, Algorithm::HS256, &signing.clone().with_kid("zz")).unwrap();
        let err = policy()
            .refresh_with_keyset(other.as_bytes(), &set, &v, at(5200))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::KeyNotFound);
    }
}
