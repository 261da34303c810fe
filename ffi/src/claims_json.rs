//! Claims JSON in and out: the core's strict parser for input, its Python-compatible writer for
//! output, so C sees exactly the bytes Python would.

use jwt::Claims;
use serde_json::Value;

use crate::args;
use crate::failure::Failure;

/// Parses caller-supplied claims: UTF-8, strict RFC 8259 JSON (no duplicates, no NaN), an object.
/// A parse failure is the caller's argument, not a token, hence `InvalidArgument`.
pub(crate) fn parse(bytes: &[u8], name: &'static str) -> Result<Claims, Failure> {
    args::utf8(bytes, name)?;
    match jwt::parse_json(bytes) {
        Ok(Value::Object(claims)) => Ok(claims),
        Ok(_) => Err(Failure::invalid_argument(format!(
            "{name} must be a JSON object"
        ))),
        Err(error) => Err(Failure::invalid_argument(format!(
            "{name} is not valid JSON: {}",
            error.message()
        ))),
    }
}

/// Writes claims (or a header) as compact, insertion-ordered, ASCII-only JSON.
pub(crate) fn write(map: &Claims) -> String {
    jwt::to_python_json(map)
}
