//! Errors the user caused (unknown item, bad date): a message and an exit code.

/// Exit code for usage errors: unknown or ambiguous items, bad arguments.
pub const USAGE: i32 = 2;

/// An error whose message is complete as it stands and whose exit code is chosen.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct UserError {
    pub code: i32,
    pub message: String,
}

/// A usage error (exit code 2).
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UserError {
        code: USAGE,
        message: message.into(),
    }
    .into()
}

/// An error that ends the command with exit code 1.
pub fn failure(message: impl Into<String>) -> anyhow::Error {
    UserError {
        code: 1,
        message: message.into(),
    }
    .into()
}

/// The exit code for any error that reaches `main`.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    err.downcast_ref::<UserError>().map_or(1, |e| e.code)
}
