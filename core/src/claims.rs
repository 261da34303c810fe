//! Claims sets and NumericDate handling.
//!
//! A claims set is an insertion-ordered JSON object (order fixes the bytes of the token, which is
//! how ferrojwt reproduces PyJWT's output). NumericDates (`exp`, `nbf`, `iat`, `orig_iat`) must be
//! finite JSON numbers within years 1..=9999; everything is compared as `f64`, which is exact for
//! every integer in that range, so nothing can overflow or wrap.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::json_ref::{JsonRef, ObjectRef};

/// An insertion-ordered JSON object: the claims of a token.
///
/// ```
/// use ferrojwt::Claims;
/// let mut claims = Claims::new();
/// claims.insert("user_id".into(), 7.into());
/// claims.insert("username".into(), "ann".into());
/// // Insertion order is kept: it fixes the bytes of the token.
/// assert_eq!(serde_json::to_string(&claims).unwrap(), r#"{"user_id":7,"username":"ann"}"#);
/// ```
pub type Claims = Map<String, Value>;

/// Smallest NumericDate accepted: 0001-01-01T00:00:00Z.
pub const MIN_NUMERIC_DATE: f64 = -62_135_596_800.0;
/// Largest NumericDate accepted: 9999-12-31T23:59:59Z.
pub const MAX_NUMERIC_DATE: f64 = 253_402_300_799.0;

/// The names ferrojwt treats as NumericDate claims.
pub const NUMERIC_DATE_CLAIMS: [&str; 4] = ["exp", "nbf", "iat", "orig_iat"];

/// Reads claim `name` as a NumericDate: `Ok(None)` when absent, [`ErrorKind::InvalidClaim`] when it
/// is not a finite number within range. `message` is the error text for a wrong type.
pub fn numeric_date(claims: &Claims, name: &str, message: &'static str) -> Result<Option<f64>> {
    numeric_date_in(claims, name, message)
}

pub(crate) fn numeric_date_in<C: ClaimSet + ?Sized>(
    claims: &C,
    name: &str,
    message: &'static str,
) -> Result<Option<f64>> {
    match claims.claim(name) {
        None => Ok(None),
        Some(value) => {
            match value.number() {
                None => Err(Error::claim(
                    ErrorKind::InvalidClaim,
                    name.to_owned(),
                    message,
                )),
                Some(number) => in_numeric_date_range(Some(number))
                    .map(Some)
                    .ok_or_else(|| {
                        Error::claim(
                    ErrorKind::InvalidClaim,
                    name.to_owned(),
                    format!("{name} is out of range: a NumericDate falls between years 1 and 9999"),
                )
                    }),
            }
        }
    }
}

/// A JSON value as a NumericDate, if it is one.
pub fn numeric_date_value(value: &Value) -> Option<f64> {
    in_numeric_date_range(ClaimValue::number(value))
}

/// Either form of a JSON value as a NumericDate, if it is one.
pub(crate) fn numeric_date_of<V: ClaimValue>(value: &V) -> Option<f64> {
    in_numeric_date_range(value.number())
}

fn in_numeric_date_range(number: Option<f64>) -> Option<f64> {
    number.filter(|f| f.is_finite() && (MIN_NUMERIC_DATE..=MAX_NUMERIC_DATE).contains(f))
}

/// Python truthiness of a JSON value: djangorestframework_jwt 1.11 tests `if orig_iat:`.
pub fn is_falsy(v: &Value) -> bool {
    ClaimValue::is_falsy(v)
}

/// Read access to a claim value, whether owned (`serde_json`) or borrowed ([`JsonRef`]): the claim
/// checks are written once against this and run on both forms.
pub(crate) trait ClaimValue: Sized {
    /// Any JSON number as `f64` (integers convert exactly within NumericDate range).
    fn number(&self) -> Option<f64>;
    fn as_text(&self) -> Option<&str>;
    fn as_boolean(&self) -> Option<bool>;
    fn as_items(&self) -> Option<&[Self]>;
    fn is_null(&self) -> bool;
    /// Python truthiness.
    fn is_falsy(&self) -> bool;
}

/// Lookup of a claim (or header parameter) by name.
pub(crate) trait ClaimSet {
    type Value: ClaimValue;
    fn claim(&self, name: &str) -> Option<&Self::Value>;
}

impl ClaimValue for Value {
    fn number(&self) -> Option<f64> {
        let n = self.as_number()?;
        if let Some(i) = n.as_i64() {
            Some(i as f64)
        } else if let Some(u) = n.as_u64() {
            Some(u as f64)
        } else {
            n.as_f64()
        }
    }
    fn as_text(&self) -> Option<&str> {
        self.as_str()
    }
    fn as_boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn as_items(&self) -> Option<&[Value]> {
        self.as_array().map(Vec::as_slice)
    }
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn is_falsy(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Bool(b) => !b,
            Value::Number(n) => n.as_f64() == Some(0.0),
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
        }
    }
}

impl ClaimValue for JsonRef<'_> {
    fn number(&self) -> Option<f64> {
        match self {
            JsonRef::Int(i) => Some(*i as f64),
            JsonRef::UInt(u) => Some(*u as f64),
            JsonRef::Float(f) => Some(*f),
            _ => None,
        }
    }
    fn as_text(&self) -> Option<&str> {
        self.as_str()
    }
    fn as_boolean(&self) -> Option<bool> {
        match self {
            JsonRef::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn as_items(&self) -> Option<&[Self]> {
        match self {
            JsonRef::Array(items) => Some(items),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        matches!(self, JsonRef::Null)
    }
    fn is_falsy(&self) -> bool {
        match self {
            JsonRef::Null => true,
            JsonRef::Bool(b) => !b,
            JsonRef::Int(i) => *i == 0,
            JsonRef::UInt(_) => false,
            JsonRef::Float(f) => *f == 0.0,
            JsonRef::Str(s) => s.is_empty(),
            JsonRef::Array(a) => a.is_empty(),
            JsonRef::Object(o) => o.is_empty(),
        }
    }
}

impl ClaimSet for Map<String, Value> {
    type Value = Value;
    fn claim(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

impl<'a> ClaimSet for ObjectRef<'a> {
    type Value = JsonRef<'a>;
    fn claim(&self, name: &str) -> Option<&JsonRef<'a>> {
        self.get(name)
    }
}

/// Seconds since the epoch for `now`, with the sub-second part (used by the strict profile).
pub fn timestamp_f64(now: DateTime<Utc>) -> f64 {
    now.timestamp() as f64 + f64::from(now.timestamp_subsec_nanos()) / 1e9
}

/// `now` as whole seconds, rounded down, as PyJWT 1.x computed it (`timegm(utcnow().utctimetuple())`).
pub fn timestamp_secs(now: DateTime<Utc>) -> i64 {
    now.timestamp()
}

/// Builds `now` from seconds since the epoch (a float, as Python's `time.time()` gives).
pub fn datetime_from_f64(secs: f64) -> Result<DateTime<Utc>> {
    // Up to the last instant of year 9999, not just its last whole second.
    if !secs.is_finite() || !(MIN_NUMERIC_DATE..MAX_NUMERIC_DATE + 1.0).contains(&secs) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            "now must be a finite timestamp between years 1 and 9999",
        ));
    }
    let whole = secs.floor();
    let nanos = ((secs - whole) * 1e9).floor().clamp(0.0, 999_999_999.0) as u32;
    DateTime::from_timestamp(whole as i64, nanos)
        .ok_or_else(|| Error::new(ErrorKind::InvalidArgument, "now is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(v: Value) -> Claims {
        match v {
            Value::Object(m) => m,
            _ => Claims::new(),
        }
    }

    #[test]
    fn numeric_dates_accept_ints_and_finite_floats() {
        let c = claims(json!({"a": 1500000000, "b": 1500000000.5, "c": -5}));
        assert_eq!(numeric_date(&c, "a", "m").unwrap(), Some(1500000000.0));
        assert_eq!(numeric_date(&c, "b", "m").unwrap(), Some(1500000000.5));
        assert_eq!(numeric_date(&c, "c", "m").unwrap(), Some(-5.0));
        assert_eq!(numeric_date(&c, "missing", "m").unwrap(), None);
    }

    #[test]
    fn numeric_dates_refuse_other_types_and_huge_values() {
        let c = claims(json!({
            "s": "1500000000", "b": true, "n": null, "big": 1e20,
            "u": u64::MAX, "neg": -1e12, "arr": [1], "obj": {}
        }));
        for name in ["s", "b", "n", "big", "u", "neg", "arr", "obj"] {
            let err = numeric_date(&c, name, "bad").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidClaim, "{name}");
            assert_eq!(err.claim_name(), Some(name));
        }
    }

    #[test]
    fn now_from_float_keeps_subseconds_and_floors() {
        let now = datetime_from_f64(1500000000.75).unwrap();
        assert_eq!(timestamp_secs(now), 1500000000);
        assert!((timestamp_f64(now) - 1500000000.75).abs() < 1e-6);
        let before_epoch = datetime_from_f64(-0.5).unwrap();
        assert_eq!(timestamp_secs(before_epoch), -1);
        assert!(datetime_from_f64(f64::NAN).is_err());
        assert!(datetime_from_f64(MAX_NUMERIC_DATE + 0.9999).is_ok());
        assert!(datetime_from_f64(MAX_NUMERIC_DATE + 1.0).is_err());
        assert!(datetime_from_f64(1e300).is_err());
    }
}
