//! `Failure`: a status plus the message that goes into the thread's last error.

use std::borrow::Cow;

use crate::status::ferrojwt_status;

/// Why a call failed, before it is turned into a return value and a last-error message.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: ferrojwt_status,
    pub(crate) message: Cow<'static, str>,
}

impl Failure {
    pub(crate) fn new(status: ferrojwt_status, message: impl Into<Cow<'static, str>>) -> Self {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn null(name: &str) -> Self {
        Failure::new(
            ferrojwt_status::NullArgument,
            format!("{name} must not be NULL"),
        )
    }

    pub(crate) fn invalid_argument(message: impl Into<Cow<'static, str>>) -> Self {
        Failure::new(ferrojwt_status::InvalidArgument, message)
    }
}

impl From<jwt::Error> for Failure {
    fn from(error: jwt::Error) -> Self {
        Failure::new(
            ferrojwt_status::from_kind(error.kind()),
            error.message().to_owned(),
        )
    }
}
