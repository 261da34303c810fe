//! `ferrojwt_version`.

use std::ffi::c_char;

use crate::boundary;

const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The library version, `"MAJOR.MINOR.PATCH"`, equal to `FERROJWT_VERSION` for a header that
/// matches the library. Comparing the two at start-up catches a header/library mismatch. The ABI
/// is not stable before 1.0.
///
/// Returns a static NUL-terminated string: never NULL, never freed by the caller.
/// Thread safety: may be called from any thread at any time.
#[no_mangle]
pub extern "C" fn ferrojwt_version() -> *const c_char {
    boundary::guard(VERSION.as_ptr().cast(), || VERSION.as_ptr().cast())
}
