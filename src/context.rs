//! What every command needs, worked out once: the database path, the clock, the output style.

use crate::cli::GlobalArgs;
use crate::error::usage;
use crate::render::Output;
use crate::store::{self, Store};
use crate::when::Purpose;
use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

pub struct Context {
    pub db_path: PathBuf,
    /// Whether `db_path` is the platform default (no --db, no MLPATH_DB): only then is its
    /// folder created.
    default_db: bool,
    /// The one reading of the clock for this command (`MLPATH_NOW` overrides it).
    pub now: DateTime<Utc>,
    pub json: bool,
    /// Colour and width for what is printed for people.
    pub out: Output,
    /// Whether the database this command opened has `sync.auto` on: read with the store, so
    /// that commands need not open the database again to find out (see `cmd::sync::auto`).
    pub sync_auto: std::cell::Cell<bool>,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Context> {
        let (db_path, default_db) = db_path(global)?;
        Ok(Context {
            db_path,
            default_db,
            now: now()?,
            json: global.json,
            out: Output::detect(),
            sync_auto: std::cell::Cell::new(false),
        })
    }

    /// Reads the value of a time flag (`--at`, `--since`) relative to this command's clock.
    pub fn time_flag(&self, flag: &str, text: &str) -> Result<DateTime<Utc>> {
        let purpose = if flag == "--since" {
            Purpose::Since
        } else {
            Purpose::At
        };
        let at = crate::when::parse(text, self.now, &chrono::Local, purpose)
            .map_err(|e| usage(format!("{flag}: {e}")))?;
        if !store::is_storable(at) {
            return Err(usage(format!(
                "{flag} {text}: {} is outside {}",
                store::format_time(at),
                store::STORABLE_YEARS
            )));
        }
        Ok(at)
    }

    /// Opens the database; a brand-new one gets the embedded list first (see `seed`), and
    /// list files that changed are re-imported (see `refresh`).
    pub fn store(&self) -> Result<Store> {
        self.create_data_dir()?;
        let mut store = crate::seed::open_seeded(&self.db_path, self.now)?;
        crate::refresh::run(&mut store, self.now)?;
        self.note_sync_auto(&store)?;
        Ok(store)
    }

    /// Opens the database without seeding it (for `import` and `restore`).
    pub fn store_unseeded(&self) -> Result<Store> {
        self.create_data_dir()?;
        let store = Store::open(&self.db_path)?;
        self.note_sync_auto(&store)?;
        Ok(store)
    }

    fn note_sync_auto(&self, store: &Store) -> Result<()> {
        let on = store.setting_on("sync.auto")?;
        self.sync_auto.set(self.sync_auto.get() || on);
        Ok(())
    }

    fn create_data_dir(&self) -> Result<()> {
        if self.default_db {
            Store::create_data_dir(&self.db_path)?;
        }
        Ok(())
    }
}

/// `--db`, else `MLPATH_DB`, else the platform data folder; always absolute, so every message
/// names the same file whatever folder mlpath runs in. Also says whether it is the default.
fn db_path(global: &GlobalArgs) -> Result<(PathBuf, bool)> {
    // MLPATH_DB is read here rather than by clap: clap counts an argument taken from the
    // environment as typed, and then shows `--db <PATH>` in every usage line.
    let given = global.db.clone().or_else(|| {
        std::env::var_os("MLPATH_DB")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    let default = given.is_none();
    let path = match given {
        Some(path) if path.as_os_str().is_empty() => {
            return Err(usage(
                "the database path is empty; pass --db PATH or set MLPATH_DB",
            ));
        }
        Some(path) => path,
        None => directories::ProjectDirs::from("", "", "mlpath")
            .context("cannot find a home folder for the database; pass --db PATH or set MLPATH_DB")?
            .data_dir()
            .join("mlpath.db"),
    };
    let absolute = std::path::absolute(&path)
        .with_context(|| format!("cannot make {} an absolute path", path.display()))?;
    Ok((absolute, default))
}

fn now() -> Result<DateTime<Utc>> {
    match std::env::var("MLPATH_NOW") {
        Ok(text) if !text.is_empty() => {
            let now = DateTime::parse_from_rfc3339(&text)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    usage(format!(
                        "MLPATH_NOW='{text}' is not an RFC 3339 time such as 2026-11-28T09:00:00Z"
                    ))
                })?;
            if !store::is_storable(now) {
                return Err(usage(format!(
                    "MLPATH_NOW='{text}' is outside {}",
                    store::STORABLE_YEARS
                )));
            }
            Ok(now)
        }
        _ => Ok(Utc::now()),
    }
}
