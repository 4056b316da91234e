//! Items added by hand travel between devices as snapshots of their fields, one per add, edit,
//! removal or restore. The newest snapshot by (time, id) is what every device shows, whatever
//! order they arrive in.

use super::decode::{self, Fields};
use super::format_time;
use super::ids::{DEVICE, new_uid, set_key};
use crate::journal::ItemFields;
use crate::journal::key;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// Records the current fields of a hand-added item as this device's change at `at`.
pub(super) fn record(conn: &Connection, item_id: i64, at: DateTime<Utc>) -> rusqlite::Result<()> {
    let Some((key, fields)) = snapshot(conn, item_id)? else {
        return Ok(());
    };
    if key.is_none() {
        let key = key::natural(fields.url.as_deref(), None, &fields.title);
        set_key(conn, item_id, &key)?;
    }
    let uid = new_uid();
    set_added(conn, item_id, &uid)?;
    conn.prepare_cached(&format!(
        "INSERT INTO item_changes (uid, device, item_id, at, fields)
         VALUES (?1, {DEVICE}, ?2, ?3, ?4)"
    ))?
    .execute(params![
        uid,
        item_id,
        format_time(at),
        serde_json::to_string(&fields).expect("fields serialize")
    ])?;
    Ok(())
}

/// The key and fields of a hand-added item (`None` for an item from a list).
fn snapshot(
    conn: &Connection,
    item_id: i64,
) -> rusqlite::Result<Option<(Option<String>, ItemFields)>> {
    conn.query_row(
        "SELECT i.id, i.key, i.slug, i.title, s.path, i.kind, i.url, i.venue, i.year, i.removed
         FROM items i JOIN sections s ON s.id = i.section_id
         WHERE i.id = ?1 AND i.origin = 'manual'",
        [item_id],
        |r| {
            let f = Fields::new(r, "items", 0)?;
            Ok((
                f.get(1)?,
                ItemFields {
                    slug: f.get(2)?,
                    title: f.get(3)?,
                    section: f.json(4, decode::section_path)?,
                    kind: f.get(5)?,
                    url: f.get(6)?,
                    venue: f.get(7)?,
                    year: f.get(8)?,
                    removed: f.get(9)?,
                },
            ))
        },
    )
    .optional()
}

/// Keeps the id of the item's first snapshot, wherever it was made: its place among items added
/// by hand at the same spot (see the migration).
pub(super) fn set_added(conn: &Connection, item_id: i64, uid: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE items SET added = min(COALESCE(added, ?2), ?2) WHERE id = ?1")?
        .execute(params![item_id, uid])?;
    Ok(())
}
