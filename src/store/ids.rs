//! Ids that name things across devices: event and change ids, this device's id, item keys.

use rusqlite::{Connection, OptionalExtension, params};

/// A new globally unique id: a UUIDv7, ordered by creation within this process.
pub(super) fn new_uid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The SQL for this database's device id, for use inside statements.
pub(super) const DEVICE: &str = "(SELECT value FROM meta WHERE key = 'device_id')";

/// Names an item by `key` from now on; its older keys still find it.
pub(super) fn set_key(conn: &Connection, item_id: i64, key: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE items SET key = ?2 WHERE id = ?1")?
        .execute(params![item_id, key])?;
    conn.prepare_cached("INSERT OR IGNORE INTO item_keys (key, item_id) VALUES (?1, ?2)")?
        .execute(params![key, item_id])?;
    Ok(())
}

/// The item a key names here, if any.
pub(super) fn item_for_key(conn: &Connection, key: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT item_id FROM item_keys WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}
