//! What sync needs from the database: this device's id, event ids, item keys, the events not
//! yet written to this device's journal, and how far each journal has been read. Receiving is
//! `receive.rs`; items added by hand travel as snapshots (`changes.rs`).

use super::decode::Fields;
use super::ids::{DEVICE, new_uid};
use super::{Result, Store, StoreError};
use crate::journal::line::{Body, EventBody, KeyBody, Line};
use crate::journal::read::{Position, Tail};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::collections::HashMap;

/// Run once, right after the migration that adds ids: a device id for this database, ids for
/// the events it has (in the order they were recorded, so that time ties keep their order),
/// and a first snapshot of each item added by hand, so that those items travel too.
pub(super) fn after_migration(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('device_id', ?1)",
        [new_uid()],
    )?;
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM events WHERE uid IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set = conn.prepare(&format!(
        "UPDATE events SET uid = ?2, device = {DEVICE} WHERE id = ?1"
    ))?;
    for id in ids {
        set.execute(params![id, new_uid()])?;
    }
    let manual: Vec<i64> = conn
        .prepare("SELECT id FROM items WHERE origin = 'manual' ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // Dated at the epoch: any later change, here or elsewhere, is newer.
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    for id in manual {
        super::changes::record(conn, id, epoch)?;
    }
    Ok(())
}

/// The lines this device has not yet written to its journal, and how far they go.
#[derive(Debug, Default)]
pub struct Outgoing {
    pub lines: Vec<Line>,
    pub marks: Marks,
    /// Rows looked at, written or left out: none means there is nothing to remember.
    pub considered: usize,
}

/// The last local row of each kind considered for the journal (written or left out).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Marks {
    events: i64,
    items: i64,
    keys: i64,
}

const MARKS: [&str; 3] = ["journal_events", "journal_items", "journal_keys"];

impl Store {
    /// This database's device id (made by the migration; `restore` fills a new database, so a
    /// restored history gets a new one).
    pub fn device_id(&self) -> Result<String> {
        self.meta("device_id")?
            .ok_or_else(|| StoreError::Invalid("the database has no device id".into()))
    }

    /// The sync folder the journal positions refer to, if any.
    pub(crate) fn journal_dir(&self) -> Result<Option<String>> {
        self.meta("journal_dir")
    }

    /// Starts over with a new sync folder: nothing read there yet, nothing of ours written.
    pub(crate) fn start_journal_dir(&mut self, dir: &str) -> Result<()> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to change folders"))?;
        let reset = || -> rusqlite::Result<()> {
            tx.execute("DELETE FROM journal_files", [])?;
            tx.execute("DELETE FROM meta WHERE key LIKE 'journal_%'", [])?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('journal_dir', ?1)",
                [dir],
            )?;
            Ok(())
        };
        reset().map_err(|e| StoreError::classify(e, &path, "recording the sync folder"))?;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving the sync folder"))
    }

    /// Where each journal (by file name) was last read up to.
    pub(crate) fn journal_positions(&self) -> Result<HashMap<String, Position>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT f.name, f.offset, f.line, m.value FROM journal_files f
                 LEFT JOIN meta m ON m.key = 'journal_tail:' || f.name",
            )
            .map_err(|e| self.classify(e, "reading journal positions"))?;
        stmt.query_map([], |r| {
            let tail: Option<String> = r.get(3)?;
            Ok((
                r.get(0)?,
                Position {
                    offset: r.get::<_, i64>(1)? as u64,
                    line: r.get::<_, i64>(2)? as u64,
                    tail: tail
                        .as_deref()
                        .map(decode_tail)
                        .transpose()?
                        .unwrap_or_default(),
                },
            ))
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.classify(e, "reading journal positions"))
    }

    /// This device's records not yet written to its journal, oldest first. Dones from ticked
    /// boxes are left out (every device reads them from the list file), and so are what other
    /// devices sent; without `notes`, note events and note texts stay on this device.
    /// `from_start` reads them all again, for a journal that lost lines.
    pub(crate) fn outgoing(&self, notes: bool, from_start: bool) -> Result<Outgoing> {
        outgoing(&self.conn, notes, from_start)
            .map_err(|e| self.classify(e, "reading what to journal"))
    }

    /// Which of `uids` this database recorded on this device (found in its own journal after a
    /// crash between writing and remembering it); the others were written by a copy.
    pub(crate) fn own_records(&self, uids: &[&str]) -> Result<Vec<bool>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM events WHERE uid = ?1 AND device = {DEVICE})
                     OR EXISTS (SELECT 1 FROM item_changes WHERE uid = ?1 AND device = {DEVICE})
                     OR EXISTS (SELECT 1 FROM key_changes WHERE uid = ?1 AND device = {DEVICE})"
            ))
            .map_err(|e| self.classify(e, "reading events"))?;
        uids.iter()
            .map(|uid| {
                stmt.query_row([uid], |r| r.get(0))
                    .map_err(|e| self.classify(e, "reading events"))
            })
            .collect()
    }

    /// Remembers, in one transaction, that this device's records up to `marks` are written and
    /// where its own journal now ends.
    pub(crate) fn mark_written(&mut self, marks: Marks, own: (&str, Position)) -> Result<()> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to record the journal"))?;
        let write = || -> rusqlite::Result<()> {
            for (key, value) in MARKS.iter().zip([marks.events, marks.items, marks.keys]) {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value.to_string()],
                )?;
            }
            set_position(&tx, own.0, own.1)
        };
        write().map_err(|e| StoreError::classify(e, &path, "recording the journal"))?;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving the journal position"))
    }
}

pub(super) fn set_position(conn: &Connection, name: &str, at: Position) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO journal_files (name, offset, line) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET offset = excluded.offset, line = excluded.line",
    )?
    .execute(params![name, at.offset as i64, at.line as i64])?;
    // Beside the position (in meta, under a `journal_` key that a new folder or device clears):
    // the line it follows, checked before reading on.
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES ('journal_tail:' || ?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![name, format!("{} {}", at.tail.len, at.tail.sum)])?;
    Ok(())
}

/// `"<len> <sum>"`, as `set_position` writes it.
fn decode_tail(text: &str) -> rusqlite::Result<Tail> {
    let parse = || {
        let (len, sum) = text.split_once(' ')?;
        Some(Tail {
            len: len.parse().ok()?,
            sum: sum.parse().ok()?,
        })
    };
    parse().ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            3,
            rusqlite::types::Type::Text,
            format!("a journal tail is `<len> <sum>`, not {text:?}").into(),
        )
    })
}

fn marks(conn: &Connection) -> rusqlite::Result<[i64; 3]> {
    let mut out = [0; 3];
    for (slot, key) in out.iter_mut().zip(MARKS) {
        let value: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?;
        *slot = value.and_then(|v| v.parse().ok()).unwrap_or(0);
    }
    Ok(out)
}

fn outgoing(conn: &Connection, notes: bool, from_start: bool) -> rusqlite::Result<Outgoing> {
    let [events_from, items_from, keys_from] = if from_start { [0; 3] } else { marks(conn)? };
    let device: String = conn.query_row(&format!("SELECT {DEVICE}"), [], |r| r.get(0))?;
    let mut out = Outgoing {
        considered: 0,
        lines: Vec::new(),
        marks: Marks {
            events: events_from,
            items: items_from,
            keys: keys_from,
        },
    };
    let mut stmt = conn.prepare(
        "SELECT k.id, k.uid, k.at, k.old_key, k.new_key FROM key_changes k
         WHERE k.id > ?1 AND k.device = ?2 ORDER BY k.id",
    )?;
    let mut rows = stmt.query(params![keys_from, device])?;
    while let Some(r) = rows.next()? {
        let f = Fields::new(r, "key_changes", 0)?;
        out.marks.keys = f.id();
        out.considered += 1;
        out.lines.push(Line {
            id: f.get(1)?,
            device: device.clone(),
            at: f.required_time(2)?,
            body: Body::Key(KeyBody {
                old: f.get(3)?,
                new: f.get(4)?,
            }),
        });
    }
    let mut stmt = conn.prepare(
        "SELECT c.id, c.uid, c.at, i.key, c.fields FROM item_changes c
         JOIN items i ON i.id = c.item_id
         WHERE c.id > ?1 AND c.device = ?2 ORDER BY c.id",
    )?;
    let mut rows = stmt.query(params![items_from, device])?;
    while let Some(r) = rows.next()? {
        let f = Fields::new(r, "item_changes", 0)?;
        out.marks.items = f.id();
        out.considered += 1;
        let fields: String = f.get(4)?;
        let fields = serde_json::from_str(&fields).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
        })?;
        out.lines.push(Line {
            id: f.get(1)?,
            device: device.clone(),
            at: f.required_time(2)?,
            body: Body::Item(crate::journal::ItemBody {
                item: f.get(3)?,
                fields,
            }),
        });
    }
    // Events of commands typed here (not an import's ticked boxes, not what sync received);
    // an undo only when what it cancels travels too.
    let mut stmt = conn.prepare(
        "SELECT e.id, e.uid, e.at, i.key, e.kind, e.note, e.rating, e.spent_s, t.uid, t.kind,
                COALESCE(c.origin, 'typed') NOT IN ('import', 'refresh', 'sync')
                AND (t.id IS NULL OR COALESCE(tc.origin, 'typed') NOT IN ('import', 'refresh')),
                s.uid
         FROM events e JOIN items i ON i.id = e.item_id
         LEFT JOIN events s ON s.id = e.supersedes
         LEFT JOIN commands c ON c.id = e.command_id
         LEFT JOIN events t ON t.id = e.undoes
         LEFT JOIN commands tc ON tc.id = t.command_id
         WHERE e.device = ?2 AND e.id > ?1 ORDER BY e.id",
    )?;
    let mut rows = stmt.query(params![events_from, device])?;
    while let Some(r) = rows.next()? {
        let f = Fields::new(r, "events", 0)?;
        out.marks.events = f.id();
        out.considered += 1;
        let travels: bool = f.get(10)?;
        let kind: crate::model::EventKind = f.get(4)?;
        let target: Option<crate::model::EventKind> = f.get(9)?;
        let is_note = |k| k == crate::model::EventKind::Note;
        if !travels || (!notes && (is_note(kind) || target.is_some_and(is_note))) {
            continue;
        }
        let item: Option<String> = f.get(3)?;
        out.lines.push(Line {
            id: f.get(1)?,
            device: device.clone(),
            at: f.required_time(2)?,
            body: Body::Event(EventBody {
                item: item.unwrap_or_default(),
                kind,
                note: f.get::<Option<String>>(5)?.filter(|_| notes),
                rating: f.get(6)?,
                spent_s: f.get(7)?,
                undoes: f.get(8)?,
                supersedes: f.get(11)?,
            }),
        });
    }
    Ok(out)
}

impl Store {
    /// For a copy of another device's database: a new device id, under which go this copy's
    /// records that the shared journal lacks (`written` are the ids it has); the others stay
    /// the original device's. Everything is then written and read again from the start
    /// (inserting by id keeps that from doubling anything).
    pub(crate) fn become_new_device(&mut self, written: &[String]) -> Result<()> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to make a device"))?;
        let change = || -> rusqlite::Result<()> {
            tx.execute("CREATE TEMP TABLE written (uid TEXT PRIMARY KEY)", [])?;
            {
                let mut add = tx.prepare("INSERT OR IGNORE INTO written (uid) VALUES (?1)")?;
                for uid in written {
                    add.execute([uid])?;
                }
            }
            let old: String = tx.query_row(&format!("SELECT {DEVICE}"), [], |r| r.get(0))?;
            let new = new_uid();
            for table in ["events", "item_changes", "key_changes"] {
                tx.execute(
                    &format!(
                        "UPDATE {table} SET device = ?2
                         WHERE device = ?1 AND uid NOT IN (SELECT uid FROM temp.written)"
                    ),
                    params![old, new],
                )?;
            }
            tx.execute("UPDATE meta SET value = ?1 WHERE key = 'device_id'", [&new])?;
            tx.execute("DELETE FROM journal_files", [])?;
            tx.execute(
                "DELETE FROM meta WHERE key LIKE 'journal_%' AND key <> 'journal_dir'",
                [],
            )?;
            tx.execute("DROP TABLE temp.written", [])?;
            Ok(())
        };
        change().map_err(|e| StoreError::classify(e, &path, "making a new device"))?;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving the new device"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema;

    /// A database of schema version 8 with history, upgraded: every event gets its own id in
    /// the order it was recorded, the database a device id, and the hand-added item a snapshot;
    /// what is written out leaves the ticked box's done behind.
    #[test]
    fn the_upgrade_gives_ids_and_journals_typed_events_and_hand_added_items() {
        let conn = Connection::open_in_memory().unwrap();
        let mut store = Store { conn, path: None };
        schema::apply(&mut store, &schema::MIGRATIONS[..8]).unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO sections (id, path) VALUES (1, '[]');
                 INSERT INTO items (id, slug, title, section_id, position, kind, url, origin)
                 VALUES (1, 'a', 'A', 1, 1, 'paper', 'https://A.org/a/', 'list'),
                        (2, 'mine', 'Mine', 1, 1, 'other', NULL, 'manual');
                 INSERT INTO commands (id, origin, verb, at) VALUES
                 (1, 'import', 'import', '2026-11-28T01:00:00Z'),
                 (2, 'typed', 'start', '2026-11-28T02:00:00Z');
                 INSERT INTO events (id, item_id, kind, at, command_id) VALUES
                 (1, 1, 'done', '2026-11-28T01:00:00Z', 1),
                 (2, 2, 'start', '2026-11-28T02:00:00Z', 2),
                 (3, 1, 'note', '2026-11-28T02:00:00Z', 2);",
            )
            .unwrap();
        schema::migrate(&mut store).unwrap();
        let uids: Vec<String> = store
            .conn
            .prepare("SELECT uid FROM events ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(uids.len(), 3);
        assert!(uids.windows(2).all(|w| w[0] < w[1]), "in recorded order");
        assert!(uids.iter().all(|u| crate::journal::is_uuid(u)));
        let device = store.device_id().unwrap();
        assert!(crate::journal::is_uuid(&device));
        store.assign_keys(DateTime::<Utc>::UNIX_EPOCH).unwrap();
        let out = store.outgoing(true, false).unwrap();
        let kinds: Vec<String> = out
            .lines
            .iter()
            .map(|l| match &l.body {
                Body::Event(e) => format!("{} {}", e.kind, e.item),
                Body::Item(i) => format!("item {}", i.item),
                Body::Key(k) => format!("key {}", k.new),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "item added#mine",
                "start added#mine",
                "note https://a.org/a"
            ],
            "the import's done stays out"
        );
        assert!(out.lines.iter().all(|l| l.device == device));
        // Written: nothing is left to write.
        store
            .mark_written(out.marks, ("me.jsonl", Position::default()))
            .unwrap();
        assert!(store.outgoing(true, false).unwrap().lines.is_empty());
        assert_eq!(
            store.outgoing(true, true).unwrap().lines.len(),
            3,
            "from the start"
        );
    }
}
