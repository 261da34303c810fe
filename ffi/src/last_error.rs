//! The per-thread last error and `ferrojwt_last_error_message`.

use std::cell::RefCell;
use std::ffi::c_char;

use crate::boundary;
use crate::failure::Failure;
use crate::status::ferrojwt_status;

thread_local! {
    // Kept as bytes without any NUL so it can always be handed out as one C string.
    static LAST_ERROR: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Remembers `failure`'s message as this thread's last error.
pub(crate) fn record(failure: &Failure) {
    // A message may quote caller input (a claim name, a typ); an embedded NUL would cut it short.
    let message: Vec<u8> = failure
        .message
        .bytes()
        .map(|b| if b == 0 { b'?' } else { b })
        .collect();
    // During thread teardown the slot may already be gone; losing the message then is harmless.
    let _ = LAST_ERROR.try_with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = message;
        }
    });
}

/// # Safety
/// As `ferrojwt_last_error_message`.
unsafe fn copy_last_error(
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> Result<(), Failure> {
    if buf.is_null() && len != 0 {
        return Err(Failure::null("buf"));
    }
    let message = LAST_ERROR
        .try_with(|slot| slot.try_borrow().map(|m| m.clone()).unwrap_or_default())
        .unwrap_or_default();
    let needed = message.len() + 1;
    let report = |value: usize| {
        if !written.is_null() {
            // SAFETY: the caller passes NULL or a valid `size_t *` (the function's contract).
            unsafe { written.write(value) };
        }
    };
    if len < needed {
        report(needed);
        return Err(Failure::new(
            ferrojwt_status::BufferTooSmall,
            "the buffer is too small",
        ));
    }
    // SAFETY: `buf` is non-NULL (len >= 1 here) and the caller guarantees it is writable for
    // `len >= needed` bytes; the message is a separate Rust allocation, so nothing overlaps.
    unsafe {
        std::ptr::copy_nonoverlapping(message.as_ptr(), buf.cast::<u8>(), message.len());
        buf.add(message.len()).write(0);
    }
    report(message.len());
    Ok(())
}

/// Copies the message of the last failed call on this thread into `buf` as a NUL-terminated
/// string (an empty string if no call on this thread has failed yet).
///
/// The message is human-readable and may change between versions; branch on the status the
/// failed call returned, not on this text. Successful calls leave the last error unchanged, and
/// this function never changes it, so it can be retried with a larger buffer.
///
/// - `buf`: a buffer of `len` bytes. May be NULL only when `len` is 0 (a size query).
/// - `written`: may be NULL. On `FERROJWT_STATUS_OK` it receives the length of the message
///   without the NUL. On `FERROJWT_STATUS_BUFFER_TOO_SMALL` it receives the buffer size needed,
///   including the NUL, and `buf` is left untouched.
///
/// Returns `FERROJWT_STATUS_OK`, `FERROJWT_STATUS_BUFFER_TOO_SMALL`, or
/// `FERROJWT_STATUS_NULL_ARGUMENT` (NULL `buf` with a non-zero `len`).
///
/// Thread safety: reads only the calling thread's last error.
///
/// # Safety
/// `buf` must be NULL or writable for `len` bytes; `written` must be NULL or point to a writable
/// `size_t`.
#[no_mangle]
pub unsafe extern "C" fn ferrojwt_last_error_message(
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> ferrojwt_status {
    // Not `boundary::run`: reporting a too-small buffer must not replace the message being read.
    boundary::guard(ferrojwt_status::Internal, || {
        // SAFETY: the caller upholds this function's contract, which is `copy_last_error`'s.
        match unsafe { copy_last_error(buf, len, written) } {
            Ok(()) => ferrojwt_status::Ok,
            Err(failure) => failure.status,
        }
    })
}
