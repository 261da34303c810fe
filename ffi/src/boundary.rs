//! The one place where Rust panics are stopped before they reach C.
//!
//! Unwinding into a C frame is undefined behaviour, so every exported function runs its whole
//! body through [`guard`] (directly, or through [`run`] for the status-returning ones).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::failure::Failure;
use crate::last_error;
use crate::status::ferrojwt_status;

/// Runs `body`; if it panics, records an `Internal` last error and returns `on_panic` instead.
pub(crate) fn guard<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    // AssertUnwindSafe: a panic can at worst leave one setter's change to a handle half made,
    // which is still memory-safe Rust state; the caller is told through the Internal status.
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => {
            last_error::record(&Failure::new(
                ferrojwt_status::Internal,
                format!(
                    "internal error (a Rust panic, please report it): {}",
                    panic_text(payload.as_ref())
                ),
            ));
            on_panic
        }
    }
}

/// Runs a status-returning body: `Ok` becomes `FERROJWT_STATUS_OK`, a failure is recorded as the
/// thread's last error and its status returned.
pub(crate) fn run(body: impl FnOnce() -> Result<(), Failure>) -> ferrojwt_status {
    guard(ferrojwt_status::Internal, || match body() {
        Ok(()) => ferrojwt_status::Ok,
        Err(failure) => {
            last_error::record(&failure);
            failure.status
        }
    })
}

fn panic_text(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&'static str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "no message"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last_message() -> String {
        let mut buf = vec![0u8; 512];
        let mut written = 0usize;
        // SAFETY: `buf` has 512 writable bytes and `written` is a valid usize.
        let status = unsafe {
            crate::last_error::ferrojwt_last_error_message(
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut written,
            )
        };
        assert_eq!(status, ferrojwt_status::Ok);
        String::from_utf8_lossy(&buf[..written]).into_owned()
    }

    #[test]
    #[allow(clippy::panic)]
    fn a_panic_becomes_internal_with_its_message() {
        let status = run(|| panic!("boom at the boundary"));
        assert_eq!(status, ferrojwt_status::Internal);
        assert!(last_message().contains("boom at the boundary"));

        let value = guard(7, || -> i32 { panic!("{}", String::from("formatted")) });
        assert_eq!(value, 7);
        assert!(last_message().contains("formatted"));
    }

    #[test]
    fn failures_are_recorded_and_success_keeps_the_last_error() {
        let status = run(|| Err(Failure::null("thing")));
        assert_eq!(status, ferrojwt_status::NullArgument);
        assert_eq!(last_message(), "thing must not be NULL");
        assert_eq!(run(|| Ok(())), ferrojwt_status::Ok);
        assert_eq!(last_message(), "thing must not be NULL");
    }

    #[test]
    fn nul_bytes_in_messages_cannot_truncate_them() {
        let status = run(|| Err(Failure::invalid_argument("a\0b")));
        assert_eq!(status, ferrojwt_status::InvalidArgument);
        assert_eq!(last_message(), "a?b");
    }
}
