//! JSON values borrowed from the bytes they were parsed from.
//!
//! Decoding reads every header and claims set into these first: strings without escapes stay
//! slices of the decoded segment and an object is a plain vector of members, so the hot path
//! neither copies strings nor hashes names. [`ObjectRef::to_map`] gives the owned
//! `serde_json` form the public [`crate::Decoded`] carries; bindings can instead build their own
//! objects straight from the borrowed form (see [`crate::decode_claims_with`]).

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use crate::error::{Error, ErrorKind, Result};

/// A JSON value as ferrojwt's strict reader produced it, borrowing from the input where it can.
///
/// Numbers keep the reader's three kinds: integers that fit `i64`, larger ones up to `u64::MAX`
/// (others are refused at parse time), and finite floats (anything written with `.` or an
/// exponent).
#[derive(Clone, Debug, PartialEq)]
pub enum JsonRef<'a> {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer within `i64`.
    Int(i64),
    /// An integer above `i64::MAX` (at most `u64::MAX`).
    UInt(u64),
    /// A number written with a fraction or exponent; always finite.
    Float(f64),
    /// A string, borrowed unless it contained escapes.
    Str(Cow<'a, str>),
    /// An array.
    Array(Vec<JsonRef<'a>>),
    /// An object, members in input order (names are unique: the reader refuses duplicates).
    Object(ObjectRef<'a>),
}

/// A JSON object whose members keep their input order; names are unique.
///
/// Lookups scan the members: claims sets and headers hold a handful, where a scan beats hashing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectRef<'a> {
    members: Vec<(Cow<'a, str>, JsonRef<'a>)>,
}

impl<'a> ObjectRef<'a> {
    /// An object from members built elsewhere (a binding's dict, say), refused
    /// ([`ErrorKind::InvalidArgument`]) if two members have the same name: ferrojwt would not
    /// decode a token that repeats a claim, so it does not write one.
    ///
    /// ```
    /// use ferrojwt::{ErrorKind, JsonRef, ObjectRef};
    /// let ok = ObjectRef::from_members(vec![("a".into(), JsonRef::Int(1))]).unwrap();
    /// assert_eq!(ok.get("a"), Some(&JsonRef::Int(1)));
    /// let twice = vec![("a".into(), JsonRef::Null), ("a".into(), JsonRef::Null)];
    /// assert_eq!(ObjectRef::from_members(twice).unwrap_err().kind(), ErrorKind::InvalidArgument);
    /// ```
    pub fn from_members(members: Vec<(Cow<'a, str>, JsonRef<'a>)>) -> Result<Self> {
        crate::json::check_duplicate_names(&members)
            .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.message().to_owned()))?;
        Ok(ObjectRef { members })
    }

    /// A borrowed view of an owned map (no strings are copied).
    pub fn borrowing(map: &'a Map<String, Value>) -> Self {
        ObjectRef {
            members: map
                .iter()
                .map(|(name, value)| (Cow::Borrowed(name.as_str()), JsonRef::borrowing(value)))
                .collect(),
        }
    }

    /// Wraps members the reader has already checked for duplicate names.
    pub(crate) fn from_unique_members(members: Vec<(Cow<'a, str>, JsonRef<'a>)>) -> Self {
        ObjectRef { members }
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<&JsonRef<'a>> {
        self.members
            .iter()
            .find(|(n, _)| n.as_ref() == name)
            .map(|(_, v)| v)
    }

    /// The members in input order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &JsonRef<'a>)> {
        self.members.iter().map(|(n, v)| (n.as_ref(), v))
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the object has no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The owned, insertion-ordered `serde_json` form.
    pub fn to_map(&self) -> Map<String, Value> {
        let mut map = Map::with_capacity(self.members.len());
        for (name, value) in &self.members {
            map.insert(name.as_ref().to_owned(), value.to_value());
        }
        map
    }
}

impl<'a> JsonRef<'a> {
    /// A borrowed view of an owned value (no strings are copied).
    pub fn borrowing(value: &'a Value) -> Self {
        match value {
            Value::Null => JsonRef::Null,
            Value::Bool(b) => JsonRef::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => JsonRef::Int(i),
                (None, Some(u)) => JsonRef::UInt(u),
                // serde_json numbers are finite.
                (None, None) => JsonRef::Float(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => JsonRef::Str(Cow::Borrowed(s)),
            Value::Array(items) => JsonRef::Array(items.iter().map(JsonRef::borrowing).collect()),
            Value::Object(map) => JsonRef::Object(ObjectRef::borrowing(map)),
        }
    }

    /// The owned `serde_json` form.
    pub fn to_value(&self) -> Value {
        match self {
            JsonRef::Null => Value::Null,
            JsonRef::Bool(b) => Value::Bool(*b),
            JsonRef::Int(i) => Value::from(*i),
            JsonRef::UInt(u) => Value::from(*u),
            // The reader only produces finite floats, which always have a Number.
            JsonRef::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            JsonRef::Str(s) => Value::String(s.as_ref().to_owned()),
            JsonRef::Array(items) => Value::Array(items.iter().map(JsonRef::to_value).collect()),
            JsonRef::Object(object) => Value::Object(object.to_map()),
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonRef::Str(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_ref;

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let input = br#"{"plain":"abc","escaped":"a\nb"}"#;
        let JsonRef::Object(object) = parse_ref(input).unwrap() else {
            panic!("not an object")
        };
        assert!(matches!(
            object.get("plain"),
            Some(JsonRef::Str(Cow::Borrowed("abc")))
        ));
        assert!(matches!(object.get("escaped"), Some(JsonRef::Str(Cow::Owned(s))) if s == "a\nb"));
        assert_eq!(object.get("missing"), None);
    }

    #[test]
    fn owned_form_keeps_order_and_number_kinds() {
        let input =
            br#"{"z":1,"a":-2,"u":18446744073709551615,"f":1.5,"n":null,"l":[true,{"k":"v"}]}"#;
        let JsonRef::Object(object) = parse_ref(input).unwrap() else {
            panic!("not an object")
        };
        let map = object.to_map();
        let names: Vec<_> = map.keys().map(String::as_str).collect();
        assert_eq!(names, ["z", "a", "u", "f", "n", "l"]);
        assert_eq!(serde_json::to_vec(&map).unwrap(), input);
        assert_eq!(map["u"].as_u64(), Some(u64::MAX));
        assert!(map["f"].is_f64());
    }
}
