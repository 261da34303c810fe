//! The strict JSON reader and the Python-compatible writer: whatever the reader accepts, the
//! writer must write in a form the reader accepts again, to the same value.
#![no_main]

use ferrojwt::{parse_json, to_python_json};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    if let Ok(Value::Object(map)) = parse_json(data) {
        let written = to_python_json(&map);
        match parse_json(written.as_bytes()) {
            Ok(Value::Object(again)) => assert_eq!(again, map, "re-read differs"),
            other => panic!("writer produced unreadable JSON {written:?}: {other:?}"),
        }
    }
});
