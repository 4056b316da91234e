//! Following the list files: before a command, each recorded list whose file changed size or
//! mtime is re-imported, with one line on stderr. When nothing changed this costs one `stat`
//! per list. `MLPATH_NO_REFRESH=1` or `mlpath config list.refresh off` turns it off.
//! `lists rm` reads again, whatever their fingerprint, the lists that take over its items.

use crate::history::Origin;
use crate::listfile::{self, io_reason};
use crate::render::{imports, safe};
use crate::store::{ImportRun, ListRecord, Store};
use anyhow::Result;
use chrono::{DateTime, Utc};
use std::path::Path;

/// Whether refreshing is on: not turned off by the environment or the setting.
fn enabled(store: &Store) -> Result<bool> {
    if std::env::var_os("MLPATH_NO_REFRESH").is_some_and(|v| !v.is_empty() && v != "0") {
        return Ok(false);
    }
    Ok(store.setting_on("list.refresh")?)
}

/// Re-imports the list files that changed since their last import. Problems with one file are
/// warnings: the command goes on with what the database has.
pub(crate) fn run(store: &mut Store, now: DateTime<Utc>) -> Result<()> {
    if !enabled(store)? {
        return Ok(());
    }
    for list in store.lists()? {
        if list.is_file()
            && let Err(e) = refresh_one(store, &list, now)
        {
            eprintln!("mlpath: warning: {}", safe(&format!("{e:#}"), false));
        }
    }
    Ok(())
}

fn refresh_one(store: &mut Store, list: &ListRecord, now: DateTime<Utc>) -> Result<()> {
    let path = Path::new(&list.path);
    let file_name = listfile::file_name(&list.path);
    let (size, mtime) = match listfile::fingerprint(path) {
        Ok(found) => found,
        Err(e) => {
            eprintln!(
                "mlpath: warning: {} of list '{}' cannot be read ({}); its items stay as they were",
                safe(&list.path, false),
                safe(&list.name, false),
                io_reason(&e)
            );
            return Ok(());
        }
    };
    if Some(size) == list.size && mtime == list.mtime_ns {
        return Ok(());
    }
    let mut file = listfile::read(path, None)?;
    if file.source.hash == list.hash {
        // Touched, not changed: remember the new mtime so the next command only stats it.
        return Ok(store.touch_list(list.id, size, mtime)?);
    }
    let imported = listfile::import(
        store,
        &mut file,
        now,
        ImportRun::Write(Origin::Refresh),
        &list.path,
    )?;
    let s = &imported.summary;
    if s.added + s.updated + s.removed > 0 {
        eprintln!("mlpath: {}", imports::refresh_line(file_name, &imported));
    }
    for line in imports::hidden_lines(file_name, &imported.changes) {
        eprintln!("mlpath: {line}");
    }
    if let Some(line) = imports::unticked_line(file_name, &imported.unticked) {
        eprintln!("mlpath: {line}");
    }
    Ok(())
}

/// Reads `list` again from its file (or the built-in list) and re-imports it, after `lists rm`
/// of `removed` left it naming items whose title, kind, links and venue only its file holds.
/// Problems are warnings: the items keep their place, and the next import fixes their names.
pub(crate) fn reread_heir(store: &mut Store, list: &ListRecord, removed: &str, now: DateTime<Utc>) {
    let file_name = listfile::file_name(&list.path);
    let file = match list.is_file() {
        true => listfile::read(Path::new(&list.path), None),
        false => Ok(crate::seed::list_file(list.seeded, None)),
    };
    let imported = file.and_then(|mut file| {
        listfile::import(
            store,
            &mut file,
            now,
            ImportRun::Write(Origin::Refresh),
            &list.path,
        )
    });
    match imported {
        Ok(imported) => {
            if let Some(line) = imports::reread_line(file_name, removed, &imported) {
                eprintln!("mlpath: {line}");
            }
            for line in imports::hidden_lines(file_name, &imported.changes) {
                eprintln!("mlpath: {line}");
            }
            if let Some(line) = imports::unticked_line(file_name, &imported.unticked) {
                eprintln!("mlpath: {line}");
            }
        }
        Err(e) => eprintln!(
            "mlpath: warning: {}; the items it shared with '{}' keep that list's titles until `mlpath import` reads it",
            safe(&format!("{e:#}"), false),
            safe(removed, false),
        ),
    }
}
