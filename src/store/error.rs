use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};

/// Everything that can go wrong in the store, phrased for the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{0} is not an mlpath database (it is not an SQLite file); pass --db with another path"
    )]
    NotADatabase(PathBuf),
    #[error(
        "{0} is an SQLite database of another program (it has tables but no mlpath schema); pass --db with another path"
    )]
    Foreign(PathBuf),
    #[error(
        "{path} has schema version {found}, but this mlpath only knows up to version {supported}; upgrade mlpath to use it"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("another mlpath opened or closed a study session meanwhile; run the command again")]
    SessionMoved,
    #[error("{0} is a directory; pass --db with a file path")]
    IsADirectory(PathBuf),
    #[error("{0} is not a regular file; pass --db with the path of a database file")]
    NotAFile(PathBuf),
    #[error("the folder {0} does not exist; create it or pass --db with another path")]
    NoFolder(PathBuf),
    #[error(
        "{path} has schema version {found}, which no mlpath writes; it is not an mlpath database: pass --db with another path"
    )]
    BadVersion { path: PathBuf, found: i64 },
    #[error("cannot create the folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot write to {0}: the database or its folder is read-only; fix the permissions or pass --db with another path"
    )]
    ReadOnly(PathBuf),
    #[error(
        "cannot open {0}: check that the folder exists and is writable, or pass --db with another path"
    )]
    CannotOpen(PathBuf),
    #[error("{0} is busy: another mlpath has held it for too long; try again")]
    Busy(PathBuf),
    #[error("{0} is damaged ({1}); restore it from a backup")]
    Corrupt(PathBuf, String),
    #[error("the disk is full while writing {0}")]
    DiskFull(PathBuf),
    #[error("{doing}: {source}")]
    Sql {
        doing: &'static str,
        source: rusqlite::Error,
    },
    #[error("found no items: items are list entries or table rows with a link or a title")]
    NoItems,
    #[error("{0}")]
    Invalid(String),
    /// A stored value this mlpath does not know (see `decode`).
    #[error("{0}")]
    BadValue(String),
}

impl StoreError {
    /// Turns an SQLite error into the message a user can act on.
    pub(crate) fn classify(err: rusqlite::Error, path: &Path, doing: &'static str) -> StoreError {
        if let Some(bad) = super::decode::bad_value(&err) {
            return StoreError::BadValue(bad.to_string());
        }
        let path = path.to_path_buf();
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase(path),
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(path),
            Some(ErrorCode::CannotOpen) => StoreError::CannotOpen(path),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy(path),
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(path, err.to_string()),
            Some(ErrorCode::DiskFull) => StoreError::DiskFull(path),
            _ => StoreError::Sql { doing, source: err },
        }
    }

    /// For `map_err` where no path is at hand.
    pub(crate) fn sql(doing: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
        move |source| match super::decode::bad_value(&source) {
            Some(bad) => StoreError::BadValue(bad.to_string()),
            None => StoreError::Sql { doing, source },
        }
    }
}
