//! The one error type of the core.

use std::fmt;

/// Everything that can go wrong in the core, with a message that says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A caller's argument is out of range or malformed.
    InvalidArgument(String),
    /// A model or state file is not in the expected format.
    BadModel(String),
    /// Reading or writing a file failed.
    Io(String),
    /// Serialised partial statistics could not be read.
    BadState(String),
    /// The caller asked a running batch to stop.
    Interrupted,
    /// A result would need more memory than the process has left.
    OutOfMemory(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidArgument(m) => write!(f, "invalid argument: {m}"),
            Error::BadModel(m) => write!(f, "bad model file: {m}"),
            Error::Io(m) => write!(f, "i/o error: {m}"),
            Error::BadState(m) => write!(f, "bad serialised state: {m}"),
            Error::Interrupted => write!(f, "interrupted before the batch finished"),
            Error::OutOfMemory(m) => write!(f, "out of memory: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e.to_string())
    }
}

/// Result with the core's error.
pub type Result<T> = std::result::Result<T, Error>;
