//! Ids that name things across devices: event and change ids (UUIDv7), this device's id, and
//! item keys, given when sync first sees an item.

use super::{Result, Store, StoreError, format_time};
use crate::journal::key;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

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

impl Store {
    /// Gives every item its key the first time sync sees it, and journals the key of a list
    /// item whose URL changed in its list (checked only when a list changed since last time).
    pub(crate) fn assign_keys(&mut self, now: DateTime<Utc>) -> Result<usize> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to name items"))?;
        let changed =
            assign_keys(&tx, now).map_err(|e| StoreError::classify(e, &path, "naming items"))?;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving item keys"))?;
        Ok(changed)
    }
}

/// See `Store::assign_keys`.
fn assign_keys(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    let fingerprint: String = conn.query_row(
        "SELECT COALESCE(group_concat(id || ':' || COALESCE(hash, '') || ':' || imported_at), '')
         FROM (SELECT * FROM lists ORDER BY id)",
        [],
        |r| r.get(0),
    )?;
    let seen: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'keys_lists'", [], |r| {
            r.get(0)
        })
        .optional()?;
    // Only items never named yet, unless a list changed (a list item's URL may have too).
    let all_list_items = seen.as_deref() != Some(fingerprint.as_str());
    // Two queries rather than one with OR: the first reads the few unnamed items through the
    // partial index items_unkeyed, so a sync with nothing new scans no table.
    let columns = "SELECT i.id, i.key, i.url, i.title,
                (SELECT min(l.path) FROM memberships m JOIN lists l ON l.id = m.list_id
                 WHERE m.item_id = i.id) FROM items i";
    let mut sql = format!("{columns} WHERE i.key IS NULL");
    if all_list_items {
        sql.push_str(&format!(
            " UNION ALL {columns} WHERE i.key IS NOT NULL AND i.origin = 'list' AND i.removed = 0"
        ));
    }
    let mut stmt = conn.prepare(&sql)?;
    let rows: Vec<(i64, Option<String>, String)> = stmt
        .query_map([], |r| {
            let url: Option<String> = r.get(2)?;
            let title: String = r.get(3)?;
            let list: Option<String> = r.get(4)?;
            let list = list.as_deref().map(key::file_name);
            Ok((
                r.get(0)?,
                r.get(1)?,
                key::natural(url.as_deref(), list, &title),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut changed = 0;
    for (id, old, new) in rows {
        if old.as_deref() == Some(new.as_str()) {
            continue;
        }
        set_key(conn, id, &new)?;
        if let Some(old) = old {
            changed += 1;
            conn.execute(
                &format!(
                    "INSERT INTO key_changes (uid, device, at, old_key, new_key)
                     VALUES (?1, {DEVICE}, ?2, ?3, ?4)"
                ),
                params![new_uid(), format_time(now), old, new],
            )?;
        }
    }
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('keys_lists', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [fingerprint],
    )?;
    Ok(changed)
}
