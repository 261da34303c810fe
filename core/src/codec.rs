//! Compact serialization: splitting a token, strict base64url, and parsing/writing the header.

use serde_json::{Map, Value};

use crate::claims::{ClaimSet, ClaimValue};
use crate::error::{malformed, Error, ErrorKind, Result};
use crate::json;
use crate::json_ref::ObjectRef;

/// Default cap on a token's length in bytes, checked before any parsing.
pub const DEFAULT_MAX_TOKEN_SIZE: usize = 64 * 1024;

/// The three segments of a compact JWS, still base64url-encoded.
pub(crate) struct Segments<'a> {
    pub header: &'a [u8],
    pub payload: &'a [u8],
    pub signature: &'a [u8],
    /// `header.payload`: the bytes the signature covers.
    pub signing_input: &'a [u8],
}

/// Splits `token` into exactly three segments, the header and payload non-empty.
pub(crate) fn split(token: &[u8]) -> Result<Segments<'_>> {
    let segments = split_allowing_empty_payload(token)?;
    if segments.payload.is_empty() {
        return Err(malformed("Empty payload segment"));
    }
    Ok(segments)
}

/// Splits `token` into exactly three segments, the header non-empty (a JWS payload may be empty;
/// a JWT's may not).
pub(crate) fn split_allowing_empty_payload(token: &[u8]) -> Result<Segments<'_>> {
    // Every decode scans the whole token for dots: a vectorised byte search.
    let mut dots = memchr::memchr_iter(b'.', token);
    let (Some(first), Some(second)) = (dots.next(), dots.next()) else {
        return Err(malformed("Not enough segments"));
    };
    if dots.next().is_some() {
        return Err(malformed("Too many segments"));
    }
    let header = &token[..first];
    let payload = &token[first + 1..second];
    if header.is_empty() {
        return Err(malformed("Empty header segment"));
    }
    Ok(Segments {
        header,
        payload,
        signature: &token[second + 1..],
        signing_input: &token[..second],
    })
}

/// Decodes canonical unpadded base64url; anything else (padding, `+/`, stray characters,
/// non-zero trailing bits) is refused, naming the segment.
pub(crate) fn b64_decode(segment: &[u8], what: &str) -> Result<Vec<u8>> {
    let mut out = vec![0; decoded_capacity(segment.len())];
    let len = b64_decode_into(segment, &mut out).ok_or_else(|| invalid_encoding(what))?;
    out.truncate(len);
    Ok(out)
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Each byte's 6-bit value in base64url, or `INVALID`.
const BASE64URL_VALUES: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[BASE64URL[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const INVALID: u8 = 0x80;

/// Room [`b64_decode_into`] needs for `len` characters.
fn decoded_capacity(len: usize) -> usize {
    len / 4 * 3 + 2
}

/// Decodes canonical unpadded base64url into `out` (at least [`decoded_capacity`] long) and
/// returns the length written, or `None` for anything else. Table-driven: JWT segments are a few
/// hundred characters, where a general-purpose engine's set-up costs more than the work.
fn b64_decode_into(segment: &[u8], out: &mut [u8]) -> Option<usize> {
    let value = |c: u8| u32::from(BASE64URL_VALUES[usize::from(c)]);
    let mut chunks = segment.chunks_exact(4);
    let mut written = 0;
    for chunk in &mut chunks {
        let (a, b, c, d) = (
            value(chunk[0]),
            value(chunk[1]),
            value(chunk[2]),
            value(chunk[3]),
        );
        if (a | b | c | d) & u32::from(INVALID) != 0 {
            return None;
        }
        let n = (a << 18) | (b << 12) | (c << 6) | d;
        out.get_mut(written..written + 3)?.copy_from_slice(&[
            (n >> 16) as u8,
            (n >> 8) as u8,
            n as u8,
        ]);
        written += 3;
    }
    match *chunks.remainder() {
        [] => {}
        // Canonical: the bits past the last whole byte must be zero.
        [a, b] => {
            let (a, b) = (value(a), value(b));
            if (a | b) & u32::from(INVALID) != 0 || b & 0x0f != 0 {
                return None;
            }
            *out.get_mut(written)? = ((a << 2) | (b >> 4)) as u8;
            written += 1;
        }
        [a, b, c] => {
            let (a, b, c) = (value(a), value(b), value(c));
            if (a | b | c) & u32::from(INVALID) != 0 || c & 0x03 != 0 {
                return None;
            }
            let n = (a << 10) | (b << 4) | (c >> 2);
            out.get_mut(written..written + 2)?
                .copy_from_slice(&[(n >> 8) as u8, n as u8]);
            written += 2;
        }
        _ => return None,
    }
    Some(written)
}

/// Room for a decoded segment on the stack, so the common token decodes without allocating;
/// larger segments go to the heap.
pub(crate) struct SegmentBuffer<const N: usize> {
    inline: [u8; N],
    heap: Vec<u8>,
}

impl<const N: usize> SegmentBuffer<N> {
    pub(crate) fn new() -> Self {
        SegmentBuffer {
            inline: [0; N],
            heap: Vec::new(),
        }
    }

    /// Decodes `segment` as [`b64_decode`] does, into this buffer.
    pub(crate) fn decode(&mut self, segment: &[u8], what: &str) -> Result<&[u8]> {
        if decoded_capacity(segment.len()) <= N {
            let len =
                b64_decode_into(segment, &mut self.inline).ok_or_else(|| invalid_encoding(what))?;
            Ok(&self.inline[..len])
        } else {
            self.heap = b64_decode(segment, what)?;
            Ok(&self.heap)
        }
    }
}

fn invalid_encoding(what: &str) -> Error {
    malformed(format!(
        "Invalid {what} encoding: not canonical unpadded base64url"
    ))
}

/// Encodes unpadded base64url onto `out` (a token under construction: base64url is ASCII, so the
/// finished bytes are checked as UTF-8 once, not chunk by chunk).
pub(crate) fn b64_encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    let char_of = |n: u32| BASE64URL[(n & 63) as usize];
    let start = out.len();
    out.resize(start + bytes.len().div_ceil(3) * 4, 0);
    let (whole, rest) = out[start..].split_at_mut(bytes.len() / 3 * 4);
    for (three, four) in bytes.chunks_exact(3).zip(whole.chunks_exact_mut(4)) {
        let n = (u32::from(three[0]) << 16) | (u32::from(three[1]) << 8) | u32::from(three[2]);
        four.copy_from_slice(&[
            char_of(n >> 18),
            char_of(n >> 12),
            char_of(n >> 6),
            char_of(n),
        ]);
    }
    let used = match *bytes.chunks_exact(3).remainder() {
        [a] => {
            let n = u32::from(a) << 4;
            rest[..2].copy_from_slice(&[char_of(n >> 6), char_of(n)]);
            2
        }
        [a, b] => {
            let n = (u32::from(a) << 10) | (u32::from(b) << 2);
            rest[..3].copy_from_slice(&[char_of(n >> 12), char_of(n >> 6), char_of(n)]);
            3
        }
        _ => 0,
    };
    out.truncate(start + bytes.len() / 3 * 4 + used);
}

/// A decoded JOSE header. The registered parameters have been type-checked; everything else is
/// kept in [`Header::as_map`] in its original order.
///
/// ```
/// let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.sig";
/// let decoded = ferrojwt::decode_unverified(token.as_bytes()).unwrap();
/// assert_eq!(decoded.header.alg(), "HS256");
/// assert_eq!(decoded.header.typ(), Some("JWT"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    map: Map<String, Value>,
}

impl Header {
    /// Parses and type-checks a header object (`alg` required; `kid`, `typ`, `cty` strings; `crit`
    /// a non-empty array of strings).
    pub(crate) fn from_map(map: Map<String, Value>) -> Result<Header> {
        check_header_types(&map)?;
        Ok(Header { map })
    }

    /// The owned header of a borrowed one [`check_header_types`] has accepted.
    pub(crate) fn from_checked_ref(header: &ObjectRef<'_>) -> Header {
        Header {
            map: header.to_map(),
        }
    }

    /// The `alg` value exactly as the token states it (possibly unknown or `none`).
    pub fn alg(&self) -> &str {
        self.map.get("alg").and_then(Value::as_str).unwrap_or("")
    }

    /// The `typ` parameter.
    pub fn typ(&self) -> Option<&str> {
        self.map.get("typ").and_then(Value::as_str)
    }

    /// The `kid` parameter.
    pub fn kid(&self) -> Option<&str> {
        self.map.get("kid").and_then(Value::as_str)
    }

    /// The `cty` parameter.
    pub fn cty(&self) -> Option<&str> {
        self.map.get("cty").and_then(Value::as_str)
    }

    /// The extensions listed in `crit`.
    pub fn crit(&self) -> impl Iterator<Item = &str> {
        self.map
            .get("crit")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
    }

    /// Every header parameter in token order.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.map
    }
}

/// The type rules of [`Header::from_map`], on either form of a header.
pub(crate) fn check_header_types<H: ClaimSet>(header: &H) -> Result<()> {
    match header.claim("alg") {
        Some(alg) if alg.as_text().is_some() => {}
        Some(_) => return Err(malformed("Invalid header: alg must be a string")),
        None => return Err(malformed("Invalid header: alg is missing")),
    }
    for name in ["kid", "typ", "cty"] {
        if let Some(v) = header.claim(name) {
            if v.as_text().is_none() {
                return Err(malformed(format!(
                    "Invalid header: {name} must be a string"
                )));
            }
        }
    }
    if let Some(crit) = header.claim("crit") {
        let ok = crit
            .as_items()
            .is_some_and(|items| !items.is_empty() && items.iter().all(|i| i.as_text().is_some()));
        if !ok {
            return Err(malformed(
                "Invalid header: crit must be a non-empty array of strings",
            ));
        }
    }
    Ok(())
}

/// Refuses headers that change how the token must be processed in ways ferrojwt does not
/// implement: any `crit` extension, and unencoded payloads (`b64: false`, RFC 7797). The header
/// must have passed [`check_header_types`].
pub(crate) fn check_processing_rules<H: ClaimSet>(header: &H) -> Result<()> {
    let first_crit = header
        .claim("crit")
        .and_then(ClaimValue::as_items)
        .and_then(|items| items.first())
        .and_then(ClaimValue::as_text);
    if let Some(name) = first_crit {
        return Err(Error::new(
            ErrorKind::UnsupportedCriticalHeader,
            format!("Unsupported critical header extension {name:?}"),
        ));
    }
    if let Some(b64) = header.claim("b64") {
        if b64.as_boolean() != Some(true) {
            return Err(Error::new(
                ErrorKind::UnsupportedCriticalHeader,
                "Unencoded payloads (b64) are not supported",
            ));
        }
    }
    Ok(())
}

/// Parses the header segment.
pub(crate) fn parse_header(segment: &[u8]) -> Result<Header> {
    let bytes = b64_decode(segment, "header")?;
    Header::from_map(json::parse_object(&bytes, "header")?)
}

#[cfg(test)]
mod tests {
    use super::*;
    // The base64 crate as the reference the table-driven coder is checked against.
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    #[test]
    fn split_requires_exactly_three_segments() {
        assert_eq!(
            split(b"a.b").err().map(|e| e.kind()),
            Some(ErrorKind::MalformedToken)
        );
        assert!(split(b"a.b.c.d").is_err());
        assert!(split(b".b.c").is_err());
        assert!(split(b"a..c").is_err());
        assert!(split(b"").is_err());
        let s = split(b"aa.bb.").unwrap();
        assert_eq!(s.signing_input, b"aa.bb");
        assert_eq!(s.signature, b"");
    }

    #[test]
    fn base64url_encoding_matches_rfc4648() {
        // RFC 4648 §10 vectors (unpadded), then every length up to 300 through the decoder.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut out = b"x.".to_vec();
            b64_encode_into(plain.as_bytes(), &mut out);
            assert_eq!(out, format!("x.{encoded}").as_bytes());
        }
        let bytes: Vec<u8> = (0..300u32).map(|i| (i * 167 + 13) as u8).collect();
        for len in 0..bytes.len() {
            let mut out = Vec::new();
            b64_encode_into(&bytes[..len], &mut out);
            assert_eq!(
                out,
                URL_SAFE_NO_PAD.encode(&bytes[..len]).as_bytes(),
                "{len}"
            );
            assert_eq!(b64_decode(&out, "x").unwrap(), &bytes[..len]);
        }
    }

    #[test]
    fn the_table_decoder_agrees_with_the_base64_crate() {
        // Random strings over the alphabet and the characters it must refuse, every length
        // residue, valid and not: same bytes, or both refuse.
        let chars =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_AQgw=+/ .\0\xff";
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let len = (next() % 12) as usize;
            let segment: Vec<u8> = (0..len)
                .map(|_| chars[(next() % chars.len() as u64) as usize])
                .collect();
            let ours = b64_decode(&segment, "x").ok();
            let reference = URL_SAFE_NO_PAD.decode(&segment).ok();
            assert_eq!(ours, reference, "{:?}", String::from_utf8_lossy(&segment));
            let mut buffer = SegmentBuffer::<16>::new();
            assert_eq!(
                buffer.decode(&segment, "x").ok().map(<[u8]>::to_vec),
                reference
            );
        }
    }

    #[test]
    fn base64url_is_strict() {
        assert_eq!(b64_decode(b"YQ", "x").unwrap(), b"a");
        for bad in [
            &b"YQ=="[..],
            b"YR",
            b"Y",
            b"Y+",
            b"Y/",
            b"Y Q",
            b"YQ\n",
            b"Y.Q",
        ] {
            assert!(b64_decode(bad, "x").is_err(), "{:?}", bad);
        }
    }

    #[test]
    fn header_types_are_checked() {
        let parse = |j: &str| Header::from_map(json::parse_object(j.as_bytes(), "h").unwrap());
        assert!(parse(r#"{"alg":"HS256","kid":"a","typ":"JWT","cty":"x"}"#).is_ok());
        for bad in [
            r#"{"typ":"JWT"}"#,
            r#"{"alg":1}"#,
            r#"{"alg":null}"#,
            r#"{"alg":"HS256","kid":5}"#,
            r#"{"alg":"HS256","typ":["JWT"]}"#,
            r#"{"alg":"HS256","cty":false}"#,
            r#"{"alg":"HS256","crit":[]}"#,
            r#"{"alg":"HS256","crit":"exp"}"#,
            r#"{"alg":"HS256","crit":[1]}"#,
        ] {
            assert_eq!(
                parse(bad).unwrap_err().kind(),
                ErrorKind::MalformedToken,
                "{bad}"
            );
        }
    }

    #[test]
    fn crit_and_unencoded_payloads_are_refused() {
        let parse =
            |j: &str| Header::from_map(json::parse_object(j.as_bytes(), "h").unwrap()).unwrap();
        for h in [
            r#"{"alg":"HS256","crit":["exp"]}"#,
            r#"{"alg":"HS256","b64":false}"#,
        ] {
            assert_eq!(
                check_processing_rules(parse(h).as_map())
                    .unwrap_err()
                    .kind(),
                ErrorKind::UnsupportedCriticalHeader
            );
        }
        assert!(check_processing_rules(parse(r#"{"alg":"HS256","b64":true}"#).as_map()).is_ok());
    }
}
