//! The SQLite store: the only place that holds a connection or writes SQL.

mod boxes;
mod cards;
mod changes;
mod decode;
mod error;
mod events;
mod ids;
mod import;
mod items;
mod journal;
mod lists;
mod manual;
mod notes;
mod receive;
mod received_items;
mod report;
mod report_page;
mod schema;
mod sessions;
mod settings;
mod stats;
mod transfer;
mod undo;

pub use boxes::{ItemAtLine, Written};
pub use cards::DueRow;
pub use error::StoreError;
pub use events::{EventRow, NewCommand, NewEvent};
pub use import::{ImportRun, Imported};
pub use items::{ItemFilter, ItemRow};
pub use journal::{Marks, Outgoing};
pub use lists::{ListCounts, ListRecord, ListRemoved, ListSource, Place};
pub use manual::ItemEdit;
pub use receive::{Incoming, Received};
pub use report::Pool;
pub use schema::LATEST_VERSION;
pub use sessions::SessionUpdate;
pub use transfer::NewItem;

use chrono::{DateTime, Datelike, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub type Result<T> = std::result::Result<T, StoreError>;

/// How long a command waits for another mlpath process to finish writing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Owns the database connection.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A file that is not an SQLite database, or one written by a newer mlpath, is refused
    /// before anything is written to it.
    /// The folder must exist: only the default data folder is created, by `create_data_dir`.
    pub fn open(path: &Path) -> Result<Store> {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => return Err(StoreError::IsADirectory(path.to_path_buf())),
            // A device or a pipe: SQLite would fail on it midway and leave a `-journal` beside it.
            Ok(meta) if !meta.is_file() => {
                return Err(StoreError::NotAFile(path.to_path_buf()));
            }
            Ok(_) => {}
            Err(_) => {
                let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
                if let Some(parent) = parent.filter(|p| !p.is_dir()) {
                    return Err(StoreError::NoFolder(parent.to_path_buf()));
                }
            }
        }
        // SQLite would create the file readable by everyone; its WAL files copy its mode. An
        // error here is left for SQLite to report in its own words.
        let _ = crate::files::create_private(path);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::classify(e, path, "opening the database"))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.configure()?;
        Ok(store)
    }

    /// A private in-memory database, for tests.
    #[cfg(test)]
    pub(crate) fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(StoreError::sql("opening memory db"))?;
        let mut store = Store { conn, path: None };
        store.configure()?;
        Ok(store)
    }

    /// Creates the default data folder (and its parents) for the database at `path`.
    pub(crate) fn create_data_dir(path: &Path) -> Result<()> {
        match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(parent) => {
                crate::files::create_private_dir(parent).map_err(|source| StoreError::CreateDir {
                    path: parent.to_path_buf(),
                    source,
                })
            }
            None => Ok(()),
        }
    }

    fn configure(&mut self) -> Result<()> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(StoreError::sql("setting the busy timeout"))?;
        // Reading the header first: a file that is not SQLite fails here, untouched.
        // Version and tables in one statement, so both come from the same snapshot even while
        // another mlpath is creating the schema.
        let (version, tables, ours): (i64, i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT count(*) FROM sqlite_master WHERE type = 'table'),
                        (SELECT count(*) FROM sqlite_master WHERE type = 'table'
                         AND name IN ('sections', 'items', 'events', 'meta'))",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.classify(e, "reading the schema version"))?;
        if version < 0 {
            return Err(StoreError::BadVersion {
                path: self.display_path(),
                found: version,
            });
        }
        // A schema version without mlpath's tables is another program's: nothing is changed,
        // not even the journal mode, before that is known.
        if version > 0 && ours < 4 {
            return Err(StoreError::Foreign(self.display_path()));
        }
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path: self.display_path(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        if version == 0 {
            // Schema version 0 with tables in it is some other program's database: leave it be.
            if tables > 0 {
                return Err(StoreError::Foreign(self.display_path()));
            }
            // Only a new file takes a page size; 16 KiB pages halve the writes of an import.
            self.conn
                .execute_batch("PRAGMA page_size = 16384;")
                .map_err(|e| self.classify(e, "setting the page size"))?;
        }
        self.use_wal()?;
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .map_err(|e| self.classify(e, "setting pragmas"))?;
        schema::migrate(self)
    }

    /// Switches to WAL. A database already in WAL needs no lock; a new one does, and SQLite
    /// answers "busy" at once, without its busy handler, while another process creates the same
    /// file, so the switch is retried for as long as the busy timeout.
    fn use_wal(&self) -> Result<()> {
        let started = std::time::Instant::now();
        loop {
            let mode = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
            match mode {
                Ok(_) => return Ok(()),
                Err(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(self.classify(e, "switching to WAL")),
            }
        }
    }

    fn user_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.classify(e, "reading the schema version"))
    }

    /// The schema version of the open database.
    pub(crate) fn schema_version(&self) -> Result<i64> {
        self.user_version()
    }

    pub(crate) fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn display_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"))
    }

    fn classify(&self, err: rusqlite::Error, doing: &'static str) -> StoreError {
        StoreError::classify(err, &self.display_path(), doing)
    }

    /// Reads a value from the meta table.
    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.classify(e, "reading settings"))
    }
}

/// What `is_storable` accepts, for messages.
pub(crate) const STORABLE_YEARS: &str = "the years 1970 to 9999 that mlpath records";

/// Whether a time can be stored: RFC 3339 text has four-digit years, and no study log
/// predates 1970.
pub(crate) fn is_storable(t: DateTime<Utc>) -> bool {
    (1970..=9999).contains(&t.year())
}

/// Timestamps are stored as RFC 3339 UTC with seconds, which sort as text.
pub(crate) fn format_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse_time(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

// Declared last: the module-graph check (layers.rs) reads a file only up to its first
// `#[cfg(test)]`.
#[cfg(test)]
mod properties;
