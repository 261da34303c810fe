//! The strict JSON reader and the Python-compatible writer: whatever the reader accepts, the
//! writer must write in a form the reader accepts again, to the same value; and whatever both
//! the reader and serde_json accept (ours is stricter) must read as the same value in both.
#![no_main]

use ferrojwt::{parse_json, to_python_json};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    if let (Ok(ours), Ok(reference)) = (parse_json(data), serde_json::from_slice::<Value>(data)) {
        assert!(same(&ours, &reference), "the reader and serde_json disagree: {ours} / {reference}");
    }
    if let Ok(Value::Object(map)) = parse_json(data) {
        let written = to_python_json(&map);
        match parse_json(written.as_bytes()) {
            Ok(Value::Object(again)) => assert_eq!(again, map, "re-read differs"),
            other => panic!("writer produced unreadable JSON {written:?}: {other:?}"),
        }
    }
});

/// Equality with numbers compared by value: serde_json reads `-0` as the float -0.0, ferrojwt as
/// the integer 0 (as Python's json does).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            x.as_f64() == y.as_f64()
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|((k, p), (l, q))| k == l && same(p, q))
        }
        _ => a == b,
    }
}
