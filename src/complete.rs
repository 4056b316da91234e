//! Dynamic shell completion (clap_complete's `COMPLETE=$SHELL mlpath`): item slugs and list
//! names, read from the database in use. Completion never creates or changes a database.

use crate::store::{ItemFilter, Store};
use clap_complete::CompletionCandidate;
use std::ffi::OsStr;
use std::path::PathBuf;

/// The database a command would use (`MLPATH_DB`, else the data folder); `--db` is not seen
/// while completing.
fn existing_store() -> Option<Store> {
    let path = std::env::var_os("MLPATH_DB")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "mlpath").map(|d| d.data_dir().join("mlpath.db"))
        })?;
    path.is_file().then(|| Store::open(&path).ok()).flatten()
}

fn matching(names: impl IntoIterator<Item = String>, current: &OsStr) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy();
    names
        .into_iter()
        .filter(|n| n.starts_with(prefix.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}

/// Slugs of the items in the lists (not removed ones).
pub fn slugs(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(store) = existing_store() else {
        return Vec::new();
    };
    let items = store.items(&ItemFilter::default()).unwrap_or_default();
    matching(items.into_iter().map(|i| i.slug), current)
}

/// Slugs of removed items (the old item `relink` gives the history of).
pub fn removed_slugs(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(store) = existing_store() else {
        return Vec::new();
    };
    let filter = ItemFilter {
        include_removed: true,
        ..ItemFilter::default()
    };
    let items = store.items(&filter).unwrap_or_default();
    let removed = items.into_iter().filter(|i| i.removed).map(|i| i.slug);
    matching(removed, current)
}

/// Names of the recorded lists.
pub fn lists(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(store) = existing_store() else {
        return Vec::new();
    };
    let lists = store.lists().unwrap_or_default();
    matching(lists.into_iter().map(|l| l.name), current)
}
