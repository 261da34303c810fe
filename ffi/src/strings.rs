//! Strings handed to C (tokens, JSON) and `ferrojwt_string_free`.

use std::ffi::{c_char, CString};

use crate::boundary;
use crate::failure::Failure;
use crate::status::ferrojwt_status;

/// Converts a library-produced string into an owned C string for an out-parameter.
pub(crate) fn to_c(text: String) -> Result<*mut c_char, Failure> {
    // Tokens are base64url and JSON output escapes control characters, so a NUL here is a bug.
    CString::new(text).map(CString::into_raw).map_err(|_| {
        Failure::new(
            ferrojwt_status::Internal,
            "internal error: output contains a NUL byte",
        )
    })
}

/// Frees a string returned by this library (a token or a JSON text). NULL is a no-op.
///
/// Ownership: every `char *` the library writes to an out-parameter belongs to the caller and must
/// be released exactly once with this function, never with `free()`.
/// Thread safety: may be called from any thread, for a string no other thread is using.
///
/// # Safety
/// `string` must be NULL or a string returned by this library that has not been freed yet.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_string_free(string: *mut c_char) {
    boundary::guard((), || {
        if !string.is_null() {
            // SAFETY: the caller guarantees it came from `CString::into_raw` in `to_c` and is
            // freed only once.
            drop(unsafe { CString::from_raw(string) });
        }
    })
}
