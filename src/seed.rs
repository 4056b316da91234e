//! The built-in study list, and the one place that puts it into a brand-new database.
//!
//! Commands open the store through `Context::store`, which comes here; `import` and `restore`
//! open it unseeded, since they are about to fill it themselves.

use crate::listfile::{self, ListFile};
use crate::markdown;
use crate::store::{ListSource, Store};
use anyhow::Result;
use chrono::{DateTime, Utc};
use std::path::Path;

/// The embedded default list.
pub(crate) const SEED: &str = include_str!("../seed/ml-journey.md");
/// What `list_source` says for the embedded list.
pub(crate) const SEED_SOURCE: &str = "embedded:seed/ml-journey.md";

/// Opens the database at `path`; a brand-new one gets the embedded list first.
pub(crate) fn open_seeded(path: &Path, now: DateTime<Utc>) -> Result<Store> {
    let mut store = Store::open(path)?;
    if store.is_empty()? {
        let seed = list_file(true, None);
        let items = markdown::parse(&seed.text);
        let summary = store.import(&items, &seed.source, now, false)?.summary;
        // Another mlpath may have seeded it in the meantime; then there is nothing to say.
        if summary.added > 0 {
            eprintln!(
                "mlpath: new database {}: imported the built-in study list ({} items); `mlpath import FILE` imports your own",
                path.display(),
                summary.added
            );
        }
    }
    Ok(store)
}

/// The built-in list; `seeded` when it goes into a new database on its own.
pub(crate) fn list_file(seeded: bool, name: Option<&str>) -> ListFile {
    ListFile {
        text: SEED.to_string(),
        source: ListSource {
            path: SEED_SOURCE.to_string(),
            name: name
                .map(str::to_string)
                .or_else(|| listfile::title(SEED))
                .unwrap_or_else(|| "built-in".into()),
            named: name.is_some(),
            size: None,
            mtime_ns: None,
            hash: Some(listfile::hash(SEED.as_bytes())),
            seeded,
        },
    }
}
