//! Strict JSON reading and Python-compatible JSON writing for JOSE headers and claims.
//!
//! Reading is RFC 8259 only (no NaN/Infinity, no trailing commas, no lone surrogates), rejects
//! duplicate member names at any depth (last-wins parsing invites parser-differential attacks),
//! bounds nesting depth, and refuses integers outside 64 bits rather than rounding them to a float.
//!
//! Writing reproduces Python's `json.dumps(obj, separators=(",", ":"))` with `ensure_ascii=True`
//! byte for byte: insertion order, `\uXXXX` escapes in lower-case hex, and floats in Python's
//! `repr` form. That is what makes our tokens identical to PyJWT 1.x's.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::{malformed, Error, ErrorKind, Result};
use crate::json_ref::{JsonRef, ObjectRef};

/// Deepest nesting of arrays and objects accepted in a header or claims set.
pub const MAX_DEPTH: usize = 64;

/// Parses `input` as one strict JSON value.
pub fn parse(input: &[u8]) -> Result<Value> {
    parse_ref(input).map(|value| value.to_value())
}

/// Parses `input` as one strict JSON value, borrowing strings from it where possible.
pub fn parse_ref(input: &[u8]) -> Result<JsonRef<'_>> {
    let text = std::str::from_utf8(input).map_err(|_| malformed("JSON is not valid UTF-8"))?;
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    reader.skip_ws();
    let value = reader.value(0).map_err(|e| *e)?;
    reader.skip_ws();
    if reader.pos != reader.bytes.len() {
        return Err(*reader.error("unexpected data after the JSON value"));
    }
    Ok(value)
}

/// Parses `input` and requires a JSON object (headers and claims sets are objects).
pub fn parse_object(input: &[u8], what: &'static str) -> Result<Map<String, Value>> {
    parse_object_ref(input, what).map(|object| object.to_map())
}

/// As [`parse_object`], borrowing from `input`.
pub fn parse_object_ref<'a>(input: &'a [u8], what: &'static str) -> Result<ObjectRef<'a>> {
    match parse_ref(input) {
        Ok(JsonRef::Object(object)) => Ok(object),
        Ok(_) => Err(malformed(format!("Invalid {what}: must be a JSON object"))),
        Err(e) => Err(malformed(format!("Invalid {what}: {}", e.message()))),
    }
}

/// Objects up to this many members are checked for duplicate names pairwise; larger ones are
/// sorted, so a 64 KiB token of short names costs O(n log n), not O(n²).
const PAIRWISE_DUPLICATE_CHECK: usize = 16;

/// Refuses an object that repeats a member name, naming the first member that repeats one.
pub(crate) fn check_duplicate_names(members: &[(Cow<'_, str>, JsonRef<'_>)]) -> ReadResult<()> {
    let duplicate = |name: &str| Box::new(malformed(format!("duplicate member name {name:?}")));
    if members.len() <= PAIRWISE_DUPLICATE_CHECK {
        for (i, (name, _)) in members.iter().enumerate() {
            if members[..i].iter().any(|(seen, _)| seen == name) {
                return Err(duplicate(name));
            }
        }
        return Ok(());
    }
    let mut names: Vec<&str> = members.iter().map(|(n, _)| n.as_ref()).collect();
    names.sort_unstable();
    if names.windows(2).all(|pair| pair[0] != pair[1]) {
        return Ok(());
    }
    // Rare error path: find the first repeat in input order for the message.
    let mut seen = std::collections::HashSet::new();
    match members.iter().find(|(name, _)| !seen.insert(name.as_ref())) {
        Some((name, _)) => Err(duplicate(name)),
        None => Ok(()),
    }
}

/// The reader's results: errors are boxed so that a `Result<JsonRef>` stays as small as the value
/// (every member returns one; moving a wide error type through each dominated parsing time).
type ReadResult<T> = std::result::Result<T, Box<Error>>;

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, what: &str) -> Box<Error> {
        Box::new(malformed(format!("{what} at byte {}", self.pos)))
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect_literal(&mut self, literal: &str, value: JsonRef<'a>) -> ReadResult<JsonRef<'a>> {
        if self.bytes[self.pos..].starts_with(literal.as_bytes()) {
            self.pos += literal.len();
            Ok(value)
        } else {
            Err(self.error("invalid literal"))
        }
    }

    fn value(&mut self, depth: usize) -> ReadResult<JsonRef<'a>> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(JsonRef::Str(self.string()?)),
            Some(b't') => self.expect_literal("true", JsonRef::Bool(true)),
            Some(b'f') => self.expect_literal("false", JsonRef::Bool(false)),
            Some(b'n') => self.expect_literal("null", JsonRef::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
            None => Err(self.error("unexpected end of JSON")),
        }
    }

    fn object(&mut self, depth: usize) -> ReadResult<JsonRef<'a>> {
        if depth > MAX_DEPTH {
            return Err(self.error("JSON nested too deeply"));
        }
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(JsonRef::Object(ObjectRef::default()));
        }
        // Claims sets and headers rarely have more: one allocation for the usual object.
        let mut members = Vec::with_capacity(8);
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':'"));
            }
            self.pos += 1;
            self.skip_ws();
            // Strings and numbers (nearly every claim) are pushed as they are read: building them
            // through `value` first cost a stack round trip per member.
            match self.peek() {
                Some(b'"') => {
                    let text = self.string()?;
                    members.push((key, JsonRef::Str(text)));
                }
                Some(b'-' | b'0'..=b'9') => {
                    let number = self.number()?;
                    members.push((key, number));
                }
                _ => {
                    let value = self.value(depth)?;
                    members.push((key, value));
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    check_duplicate_names(&members)?;
                    return Ok(JsonRef::Object(ObjectRef::from_unique_members(members)));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> ReadResult<JsonRef<'a>> {
        if depth > MAX_DEPTH {
            return Err(self.error("JSON nested too deeply"));
        }
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(JsonRef::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(JsonRef::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn hex4(&mut self) -> ReadResult<u32> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))
    }

    fn string(&mut self) -> ReadResult<Cow<'a, str>> {
        self.pos += 1; // opening quote
        let start = self.pos;
        // Fast path: no escapes, which is nearly every JWT string; it stays a slice of the input.
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'"' => {
                    let s = &self.text[start..self.pos];
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                b'\\' => break,
                0x00..=0x1f => return Err(self.error("control character in string")),
                _ => self.pos += 1,
            }
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            let b = self
                .peek()
                .ok_or_else(|| self.error("unterminated string"))?;
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    self.pos += 1;
                    let esc = self
                        .peek()
                        .ok_or_else(|| self.error("unterminated string"))?;
                    self.pos += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                if !self.bytes[self.pos..].starts_with(b"\\u") {
                                    return Err(self.error("lone surrogate in \\u escape"));
                                }
                                self.pos += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.error("lone surrogate in \\u escape"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else {
                                first
                            };
                            let ch = char::from_u32(code)
                                .ok_or_else(|| self.error("lone surrogate in \\u escape"))?;
                            out.push(ch);
                        }
                        _ => return Err(self.error("invalid escape")),
                    }
                }
                0x00..=0x1f => return Err(self.error("control character in string")),
                _ => {
                    // Copy the run up to the next quote, backslash or control byte in one go.
                    let run_start = self.pos;
                    while let Some(&c) = self.bytes.get(self.pos) {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    out.push_str(&self.text[run_start..self.pos]);
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> ReadResult<JsonRef<'a>> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let digits_start = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let text = &self.text[start..self.pos];
        // Up to 18 digits always fit an i64: the usual NumericDate or id needs no parser.
        if integer && self.pos - digits_start <= 18 {
            let magnitude = self.bytes[digits_start..self.pos]
                .iter()
                .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
            return Ok(JsonRef::Int(if negative { -magnitude } else { magnitude }));
        }
        if integer {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(JsonRef::Int(i));
            }
            if let Ok(u) = text.parse::<u64>() {
                return Ok(JsonRef::UInt(u));
            }
            return Err(self.error("integer outside the 64-bit range"));
        }
        let f: f64 = text.parse().map_err(|_| self.error("invalid number"))?;
        if f.is_finite() {
            Ok(JsonRef::Float(f))
        } else {
            Err(self.error("number out of range"))
        }
    }
}

/// Appends `value` as Python's `json.dumps(value, separators=(",", ":"))` would write it.
pub fn write_ref(out: &mut String, value: &JsonRef<'_>) {
    match value {
        JsonRef::Null => out.push_str("null"),
        JsonRef::Bool(true) => out.push_str("true"),
        JsonRef::Bool(false) => out.push_str("false"),
        JsonRef::Int(i) => write_integer(out, i.unsigned_abs(), *i < 0),
        JsonRef::UInt(u) => write_integer(out, *u, false),
        JsonRef::Float(f) => write_python_float(out, *f),
        JsonRef::Str(s) => write_string(out, s),
        JsonRef::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_ref(out, item);
            }
            out.push(']');
        }
        JsonRef::Object(object) => write_object_ref(out, object),
    }
}

/// Appends an object in member order, Python-style.
pub fn write_object_ref(out: &mut String, object: &ObjectRef<'_>) {
    out.push('{');
    for (i, (name, value)) in object.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, name);
        out.push(':');
        write_ref(out, value);
    }
    out.push('}');
}

/// Serialises a map to Python-compatible compact JSON.
pub fn to_python_json(map: &Map<String, Value>) -> String {
    let mut out = String::with_capacity(128);
    write_object_ref(&mut out, &ObjectRef::borrowing(map));
    out
}

/// "00" to "99": integers are written two digits per division.
const DIGIT_PAIRS: [u8; 200] = {
    let mut table = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        table[2 * i] = b'0' + (i / 10) as u8;
        table[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    table
};

/// Decimal digits of an integer (every token carries two or three NumericDates; the formatting
/// machinery of `write!` costs more than the digits).
fn write_integer(out: &mut String, magnitude: u64, negative: bool) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = magnitude;
    while rest >= 100 {
        let pair = (rest % 100) as usize * 2;
        rest /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    }
    if rest >= 10 {
        let pair = rest as usize * 2;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        digits[at] = b'0' + rest as u8;
    }
    if negative {
        out.push('-');
    }
    // ASCII digits: always UTF-8.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// Python's `repr(float)`: the shortest round-tripping digits, positional notation when the
/// decimal exponent is in [-4, 16), scientific (`1e+16`, `1.5e-05`) otherwise.
pub fn write_python_float(out: &mut String, f: f64) {
    use std::fmt::Write;
    if f == 0.0 {
        out.push_str(if f.is_sign_negative() { "-0.0" } else { "0.0" });
        return;
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.2345e-7". When two strings of that
    // length both round-trip and lie equally near `f`, Rust may take the upper one where Python
    // takes the even one; the correctly rounded string of the same length (`{:.Ne}` rounds half to
    // even) is Python's whenever it round-trips.
    let mut sci = format!("{f:e}");
    let digit_count = sci
        .split('e')
        .next()
        .map_or(0, |m| m.bytes().filter(u8::is_ascii_digit).count());
    let nearest = format!("{f:.*e}", digit_count.saturating_sub(1));
    if nearest != sci && nearest.parse::<f64>() == Ok(f) {
        sci = nearest;
    }
    let (mantissa, exp) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        if exp < 0 {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        } else if exp + 1 >= n {
            out.push_str(&digits);
            for _ in 0..(exp + 1 - n) {
                out.push('0');
            }
            out.push_str(".0");
        } else {
            let split = (exp + 1) as usize;
            out.push_str(&digits[..split]);
            out.push('.');
            out.push_str(&digits[split..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
}

fn write_string(out: &mut String, s: &str) {
    use std::fmt::Write;
    out.push('"');
    // Nearly every claim is printable ASCII with nothing to escape: one byte scan, one copy.
    if s.bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut run_start = 0;
    for (i, ch) in s.char_indices() {
        let plain = (' '..='~').contains(&ch) && ch != '"' && ch != '\\';
        if plain {
            continue;
        }
        out.push_str(&s[run_start..i]);
        run_start = i + ch.len_utf8();
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            _ => {
                let mut units = [0u16; 2];
                for unit in ch.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push_str(&s[run_start..]);
    out.push('"');
}

/// Why a value nested deeper than 64 arrays/objects is not written (claims or header alike).
pub const NESTED_TOO_DEEPLY: &str = "JSON value nested more than 64 levels deep";

/// Rejects values that Python's encoder would write but strict readers refuse (NaN and the
/// infinities, nesting deeper than [`MAX_DEPTH`]), so an encode never produces a token that
/// ferrojwt itself would not decode.
pub fn check_encodable(value: &JsonRef<'_>, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::new(ErrorKind::InvalidArgument, NESTED_TOO_DEEPLY));
    }
    match value {
        JsonRef::Float(f) if !f.is_finite() => Err(Error::new(
            ErrorKind::InvalidArgument,
            "Out of range float values are not JSON compliant",
        )),
        JsonRef::Array(items) => items.iter().try_for_each(|v| check_encodable(v, depth + 1)),
        JsonRef::Object(object) => object
            .iter()
            .try_for_each(|(_, v)| check_encodable(v, depth + 1)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_depth_message_names_the_limit() {
        assert!(NESTED_TOO_DEEPLY.contains(&format!(" {MAX_DEPTH} ")));
    }

    fn float(f: f64) -> String {
        let mut s = String::new();
        write_python_float(&mut s, f);
        s
    }

    #[test]
    fn floats_match_python_repr() {
        // Expected strings are what CPython's repr() prints for each value.
        let cases: &[(f64, &str)] = &[
            (1.5, "1.5"),
            (123.0, "123.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e15, "1000000000000000.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.25e-7, "1.25e-07"),
            (-2.5, "-2.5"),
            (-0.0, "-0.0"),
            (1500000000.25, "1500000000.25"),
            (1e300, "1e+300"),
            (5e-324, "5e-324"),
            // Ties between two shortest strings go to the even digit, as in Python.
            (1_805_190_918_033.781_2, "1805190918033.7812"),
            (1e23, "1e+23"),
        ];
        for (f, want) in cases {
            assert_eq!(float(*f), *want, "{f:e}");
        }
    }

    #[test]
    fn strings_match_python_ensure_ascii() {
        let v = JsonRef::Str("a\"b\\c\n\u{7f}é€😀\u{1}/".into());
        let mut s = String::new();
        write_ref(&mut s, &v);
        assert_eq!(s, r#""a\"b\\c\n\u007f\u00e9\u20ac\ud83d\ude00\u0001/""#);
    }

    #[test]
    fn reads_what_it_writes() {
        let text = br#"{"a":[1,-2,3.5,true,false,null,{"b":"\u00e9\ud83d\ude00"}],"c":18446744073709551615}"#;
        let v = parse_ref(text).unwrap();
        let mut out = String::new();
        write_ref(&mut out, &v);
        assert_eq!(out.as_bytes(), text);
    }

    #[test]
    fn rejects_non_rfc8259_input() {
        for bad in [
            &b"{\"a\":NaN}"[..],
            b"{\"a\":Infinity}",
            b"{\"a\":1,}",
            b"{'a':1}",
            b"{\"a\":01}",
            b"{\"a\":1.}",
            b"{\"a\":.5}",
            b"{\"a\":1e}",
            b"{\"a\":\"\\ud800\"}",
            b"{\"a\":\"\\udc00\"}",
            b"{\"a\":\"\x01\"}",
            b"{\"a\":\"\\x\"}",
            b"{\"a\":1} x",
            b"{\"a\":1,\"a\":2}",
            b"{\"a\":{\"b\":1,\"b\":1}}",
            b"{\"a\":123456789012345678901234567890}",
            b"{\"a\":1e400}",
            b"\xff",
            b"",
            b"{",
            b"{\"a\"",
            b"[1,2",
            b"tru",
        ] {
            assert!(parse(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(deep.as_bytes()).is_err());
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(ok.as_bytes()).is_ok());
        let huge = "[".repeat(1_000_000);
        assert!(parse(huge.as_bytes()).is_err());
    }

    #[test]
    fn integers_are_written_exactly() {
        for (value, text) in [
            (JsonRef::Int(0), "0"),
            (JsonRef::Int(-7), "-7"),
            (JsonRef::Int(10), "10"),
            (JsonRef::Int(99), "99"),
            (JsonRef::Int(100), "100"),
            (JsonRef::Int(-1001), "-1001"),
            (JsonRef::Int(1_700_000_000), "1700000000"),
            (JsonRef::Int(i64::MAX), "9223372036854775807"),
            (JsonRef::Int(i64::MIN), "-9223372036854775808"),
            (JsonRef::UInt(u64::MAX), "18446744073709551615"),
        ] {
            let mut out = String::new();
            write_ref(&mut out, &value);
            assert_eq!(out, text);
        }
    }

    #[test]
    fn integers_keep_their_exact_value_at_every_length() {
        let int = |text: &'static str| parse_ref(text.as_bytes()).unwrap();
        assert_eq!(int("0"), JsonRef::Int(0));
        assert_eq!(int("-0"), JsonRef::Int(0));
        assert_eq!(
            int("999999999999999999"),
            JsonRef::Int(999_999_999_999_999_999)
        );
        assert_eq!(
            int("-999999999999999999"),
            JsonRef::Int(-999_999_999_999_999_999)
        );
        assert_eq!(
            int("1000000000000000000"),
            JsonRef::Int(1_000_000_000_000_000_000)
        );
        assert_eq!(int("9223372036854775807"), JsonRef::Int(i64::MAX));
        assert_eq!(int("-9223372036854775808"), JsonRef::Int(i64::MIN));
        assert_eq!(int("9223372036854775808"), JsonRef::UInt(1 << 63));
        assert_eq!(int("18446744073709551615"), JsonRef::UInt(u64::MAX));
        assert_eq!(int("1.5e3"), JsonRef::Float(1500.0));
        for out_of_range in ["18446744073709551616", "-9223372036854775809", "1e999"] {
            assert!(
                parse_ref(out_of_range.as_bytes()).is_err(),
                "{out_of_range}"
            );
        }
    }

    #[test]
    fn duplicate_names_are_refused_in_small_and_large_objects() {
        let message = |input: &str| parse(input.as_bytes()).unwrap_err().message().to_owned();
        // An escape spells the same name: still a duplicate.
        assert!(message(r#"{"a":1,"\u0061":2}"#).contains(r#"duplicate member name "a""#));
        for n in [PAIRWISE_DUPLICATE_CHECK, PAIRWISE_DUPLICATE_CHECK + 1, 500] {
            let mut members: Vec<String> = (0..n).map(|i| format!("\"m{i}\":{i}")).collect();
            let unique = format!("{{{}}}", members.join(","));
            assert!(parse(unique.as_bytes()).is_ok(), "{n} unique members");
            // The first repeat in input order is the one reported, whatever the object's size.
            members.insert(n / 2, "\"m3\":0".into());
            members.push("\"m1\":0".into());
            let repeated = format!("{{{}}}", members.join(","));
            assert!(
                message(&repeated).contains(r#"duplicate member name "m3""#),
                "{n}"
            );
        }
        // Nested objects are checked too, and names are compared exactly (case matters).
        assert!(parse(br#"{"a":{"x":1,"X":2}}"#).is_ok());
        assert!(parse(br#"{"a":[{"x":1,"x":2}]}"#).is_err());
    }

    #[test]
    fn objects_keep_insertion_order() {
        let v = parse_object(br#"{"z":1,"a":2,"m":3}"#, "payload").unwrap();
        let keys: Vec<_> = v.keys().map(String::as_str).collect();
        assert_eq!(keys, ["z", "a", "m"]);
    }
}
