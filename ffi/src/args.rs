//! Turning C arguments into Rust values: NULL checks, lengths, UTF-8, handles, out-params, time.
//!
//! Each function here states what it needs from the caller as its `# Safety` contract; the
//! exported functions pass that contract on to C in their own documentation.

use std::ffi::{c_char, CStr};
use std::ptr::NonNull;

use chrono::{DateTime, Utc};

use crate::failure::Failure;
use crate::status::ferrojwt_status;

/// A `(const uint8_t *ptr, size_t len)` input. NULL is refused even when `len` is 0, so a
/// forgotten initialisation shows up as `NullArgument` rather than as an empty input.
///
/// # Safety
/// `ptr` must be NULL or readable for `len` bytes that stay unchanged for `'a`.
pub(crate) unsafe fn bytes<'a>(
    ptr: *const u8,
    len: usize,
    name: &'static str,
) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    if len > isize::MAX as usize {
        return Err(Failure::invalid_argument(format!(
            "{name}_len is larger than any object can be"
        )));
    }
    // SAFETY: non-NULL, `len` fits in isize, and the caller guarantees `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A NUL-terminated `const char *` input that must be UTF-8.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string that stays unchanged for `'a`.
pub(crate) unsafe fn text<'a>(ptr: *const c_char, name: &'static str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: non-NULL, and the caller guarantees a NUL-terminated string.
    let c_str = unsafe { CStr::from_ptr(ptr) };
    c_str.to_str().map_err(|e| {
        Failure::new(
            ferrojwt_status::InvalidUtf8,
            format!("{name} is not valid UTF-8 (at byte {})", e.valid_up_to()),
        )
    })
}

/// Checks that a JSON input is UTF-8 before the core parses it, so C callers get the dedicated
/// `InvalidUtf8` status instead of a generic parse error.
pub(crate) fn utf8<'a>(bytes: &'a [u8], name: &'static str) -> Result<&'a str, Failure> {
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            ferrojwt_status::InvalidUtf8,
            format!("{name} is not valid UTF-8 (at byte {})", e.valid_up_to()),
        )
    })
}

/// A `const T *` handle.
///
/// # Safety
/// `ptr` must be NULL or a live handle of type `T` created by this library, not mutated for `'a`.
pub(crate) unsafe fn handle<'a, T>(ptr: *const T, name: &'static str) -> Result<&'a T, Failure> {
    // SAFETY: the caller guarantees a live, properly aligned handle when non-NULL.
    unsafe { ptr.as_ref() }.ok_or_else(|| Failure::null(name))
}

/// A `T *` handle being configured.
///
/// # Safety
/// `ptr` must be NULL or a live handle of type `T` created by this library, used by no one else
/// for `'a`.
pub(crate) unsafe fn handle_mut<'a, T>(
    ptr: *mut T,
    name: &'static str,
) -> Result<&'a mut T, Failure> {
    // SAFETY: the caller guarantees a live handle with no other user while it is configured.
    unsafe { ptr.as_mut() }.ok_or_else(|| Failure::null(name))
}

/// An out-parameter, checked for NULL before any work is done and written only once the call
/// has succeeded.
pub(crate) struct Out<T> {
    ptr: NonNull<T>,
}

impl<T> Out<T> {
    /// # Safety
    /// `ptr` must be NULL or valid for writing one `T` until the exported call returns; the
    /// `Out` must not outlive that call.
    pub(crate) unsafe fn new(ptr: *mut T, name: &'static str) -> Result<Out<T>, Failure> {
        NonNull::new(ptr)
            .map(|ptr| Out { ptr })
            .ok_or_else(|| Failure::null(name))
    }

    pub(crate) fn write(self, value: T) {
        // SAFETY: `Out::new`'s contract: non-NULL and writable for the duration of the call.
        // `write` does not drop the old value, which is caller-owned C memory.
        unsafe { self.ptr.as_ptr().write(value) }
    }
}

/// Moves a handle to the heap and hands its ownership to C.
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Takes back ownership of a handle from C and drops it; NULL is a no-op.
///
/// # Safety
/// `ptr` must be NULL or a handle of type `T` from [`into_handle`] that has not been freed, and
/// no other thread may be using it.
pub(crate) unsafe fn free_handle<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: the caller guarantees `ptr` came from `Box::into_raw` and is freed only once.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// `now` in seconds since the Unix epoch (fractions allowed) as the core's clock type; NaN,
/// infinities and dates outside years 1-9999 are `InvalidArgument`.
pub(crate) fn instant(now: f64) -> Result<DateTime<Utc>, Failure> {
    jwt::datetime_from_f64(now).map_err(Failure::from)
}

/// The system clock, for the convenience variants.
pub(crate) fn system_now() -> DateTime<Utc> {
    Utc::now()
}
