//! Writing each item's status back into its list file as a task box. Only box characters
//! change (or, with `--add-boxes`, `[ ] ` is inserted after a bullet); the file is replaced
//! atomically, keeping its mode and symlink; a file changed since its import is refused.

use crate::error::failure;
use crate::listfile;
use crate::markdown::boxes::{self, BoxSpot, Edit};
use crate::model::Status;
use crate::store::{ItemAtLine, ListRecord, Store, Written};
use anyhow::Result;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// What write-back does to one list file (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ListWriteback {
    pub list: String,
    pub path: String,
    /// Slugs whose box is ticked, unticked, or added.
    pub ticked: Vec<String>,
    pub unticked: Vec<String>,
    pub added: Vec<String>,
    /// List items without a box, left so because `--add-boxes` was not given.
    pub without_box: usize,
    /// Items in table rows or paragraphs, where no box can go.
    #[serde(skip)]
    pub cannot_take_box: usize,
    /// Items on a line that has a box (before any is added).
    #[serde(skip)]
    pub boxed: usize,
    /// Whether the file was written.
    pub written: bool,
}

/// Whether `list.write-back` is on: every status change writes its box at once.
pub fn automatic(store: &Store) -> Result<bool> {
    Ok(store.setting_on("list.write-back")?)
}

/// Writes the boxes of one list's items (of `only` those, when given) into its file.
pub fn write_list(
    store: &mut Store,
    list: &ListRecord,
    only: Option<&[i64]>,
    add_boxes: bool,
    dry_run: bool,
) -> Result<ListWriteback> {
    let mut outcome = ListWriteback {
        list: list.name.clone(),
        path: list.path.clone(),
        ..ListWriteback::default()
    };
    let items: Vec<ItemAtLine> = store
        .items_at_lines(list.id)?
        .into_iter()
        .filter(|i| only.is_none_or(|ids| ids.contains(&i.id)))
        .collect();
    if items.is_empty() {
        return Ok(outcome);
    }
    let path = Path::new(&list.path);
    let text = read_unchanged(path, list)?;
    let spots = boxes::find_boxes(&text);
    let (edits, boxes) = plan(&items, &spots, add_boxes, &mut outcome);
    if edits.is_empty() || dry_run {
        return Ok(outcome);
    }
    refuse_read_only(path)?;
    let new = boxes::apply(&text, &edits);
    crate::files::write_atomically(path, |w| Ok(w.write_all(new.as_bytes())?))?;
    let (size, mtime_ns) = listfile::fingerprint(path)
        .map_err(|e| failure(format!("cannot read {}: {e}", path.display())))?;
    let written = Written {
        size,
        mtime_ns,
        hash: listfile::hash(new.as_bytes()),
        boxes,
    };
    store.record_written_list(list.id, &written)?;
    outcome.written = true;
    Ok(outcome)
}

/// The file's text, refused when it differs from what was last imported: write-back never
/// overwrites edits it has not read.
fn read_unchanged(path: &Path, list: &ListRecord) -> Result<String> {
    let bytes = crate::files::read_list(path)?;
    if list.hash.as_deref() != Some(listfile::hash(&bytes).as_str()) {
        return Err(failure(format!(
            "{} changed since it was last imported; run `mlpath import` first, then write back",
            path.display()
        )));
    }
    String::from_utf8(bytes).map_err(|_| failure(format!("{} is not UTF-8 text", path.display())))
}

/// A read-only file says "do not change me": replacing it through a temporary file would
/// succeed anyway (only the folder's permission counts), so it is refused here.
fn refuse_read_only(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path)
        .map_err(|e| failure(format!("cannot read {}: {e}", path.display())))?;
    if meta.permissions().readonly() {
        return Err(failure(format!(
            "{} is read-only; make it writable (chmod u+w) for mlpath to write its boxes",
            path.display()
        )));
    }
    Ok(())
}

/// The edits that make each line's box show its items' status (ticked when all of the items
/// on it are done or reviewed), and the boxes they set.
fn plan(
    items: &[ItemAtLine],
    spots: &HashMap<usize, BoxSpot>,
    add_boxes: bool,
    outcome: &mut ListWriteback,
) -> (Vec<Edit>, Vec<(i64, bool)>) {
    let mut by_line: BTreeMap<usize, Vec<&ItemAtLine>> = BTreeMap::new();
    for item in items {
        by_line.entry(item.line).or_default().push(item);
    }
    let mut edits = Vec::new();
    let mut set = Vec::new();
    for (line, on_line) in by_line {
        let done = on_line
            .iter()
            .all(|i| matches!(i.status, Status::Done | Status::Reviewed));
        let spot = spots.get(&line);
        match spot {
            Some(s) if s.mark.is_some() => outcome.boxed += on_line.len(),
            Some(s) if s.text_at.is_some() => {}
            _ => outcome.cannot_take_box += on_line.len(),
        }
        let Some(edit) = spot.and_then(|s| boxes::edit_for(s, done, add_boxes)) else {
            // Only items that could take a box count: not table rows or paragraphs.
            if spot.is_some_and(|s| s.mark.is_none() && s.text_at.is_some()) {
                outcome.without_box += on_line.len();
            }
            continue;
        };
        let slugs = on_line.iter().map(|i| i.slug.clone());
        match (edit.remove, done) {
            (0, _) => outcome.added.extend(slugs),
            (_, true) => outcome.ticked.extend(slugs),
            (_, false) => outcome.unticked.extend(slugs),
        }
        set.extend(on_line.iter().map(|i| (i.id, done)));
        edits.push(edit);
    }
    (edits, set)
}
