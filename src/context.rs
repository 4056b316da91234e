//! What every command needs, worked out once: the database path, the clock, the output style.

use crate::cli::GlobalArgs;
use crate::error::usage;
use crate::render::Output;
use crate::store::Store;
use crate::when::Purpose;
use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

pub struct Context {
    pub db_path: PathBuf,
    /// The one reading of the clock for this command (`MLPATH_NOW` overrides it).
    pub now: DateTime<Utc>,
    pub json: bool,
    /// Colour and width for what is printed for people.
    pub out: Output,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Context> {
        Ok(Context {
            db_path: db_path(global)?,
            now: now()?,
            json: global.json,
            out: Output::detect(),
        })
    }

    /// Reads the value of a time flag (`--at`, `--since`) relative to this command's clock.
    pub fn time_flag(&self, flag: &str, text: &str) -> Result<DateTime<Utc>> {
        let purpose = if flag == "--since" {
            Purpose::Since
        } else {
            Purpose::At
        };
        crate::when::parse(text, self.now, &chrono::Local, purpose)
            .map_err(|e| usage(format!("{flag}: {e}")))
    }

    /// Opens the database; a brand-new one gets the embedded list first (see `seed`), and
    /// list files that changed are re-imported (see `refresh`).
    pub fn store(&self) -> Result<Store> {
        let mut store = crate::seed::open_seeded(&self.db_path, self.now)?;
        crate::refresh::run(&mut store, self.now)?;
        Ok(store)
    }

    /// Opens the database without seeding it (for `import` and `restore`).
    pub fn store_unseeded(&self) -> Result<Store> {
        Ok(Store::open(&self.db_path)?)
    }
}

/// `--db`, else `MLPATH_DB`, else the platform data folder; always absolute, so every message
/// names the same file whatever folder mlpath runs in.
fn db_path(global: &GlobalArgs) -> Result<PathBuf> {
    // MLPATH_DB is read here rather than by clap: clap counts an argument taken from the
    // environment as typed, and then shows `--db <PATH>` in every usage line.
    let given = global.db.clone().or_else(|| {
        std::env::var_os("MLPATH_DB")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
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
    std::path::absolute(&path)
        .with_context(|| format!("cannot make {} an absolute path", path.display()))
}

fn now() -> Result<DateTime<Utc>> {
    match std::env::var("MLPATH_NOW") {
        Ok(text) if !text.is_empty() => DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                usage(format!(
                    "MLPATH_NOW='{text}' is not an RFC 3339 time such as 2026-11-28T09:00:00Z"
                ))
            }),
        _ => Ok(Utc::now()),
    }
}
