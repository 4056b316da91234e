//! Undo and redo: cancelling the events of a command, and recording them again.
//! Which command to revert is decided here, inside the write transaction; see `crate::history`.

use super::events::{
    ACTIVE, EVENT_COLUMNS, EventRow, NewCommand, NewEvent, event_from_row, insert_command,
    insert_event, refresh_state,
};
use super::{Result, Store, StoreError};
use crate::history::{self, REDO, Typed, UNDO};
use crate::model::EventKind;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

impl Store {
    /// Cancels every event still in force of the last command typed on this device (never an
    /// import's, a refresh's or a restore's) and returns them; empty when there is none.
    pub(crate) fn undo_last_command(&mut self, now: DateTime<Utc>) -> Result<Vec<EventRow>> {
        self.reverting("undo", |tx| {
            let sql = format!(
                "SELECT c.id FROM commands c
                 WHERE c.origin = 'typed' AND c.verb <> '{UNDO}' AND EXISTS (
                     SELECT 1 FROM events e WHERE e.command_id = c.id AND {ACTIVE})
                 ORDER BY c.id DESC LIMIT 1"
            );
            let Some(command) = tx.query_row(&sql, [], |r| r.get(0)).optional()? else {
                return Ok(Vec::new());
            };
            let sql = format!(
                "SELECT {EVENT_COLUMNS} FROM events e JOIN items i ON i.id = e.item_id
                 WHERE e.command_id = ?1 AND {ACTIVE} ORDER BY e.id"
            );
            let events = query_events(tx, &sql, command)?;
            cancel(tx, &events, Some(command), now)?;
            super::sessions::drop_opened_by(tx, &events)?;
            Ok(events)
        })
    }

    /// Cancels the latest event in force of one item that this device recorded (another
    /// device's events are its own to undo), and returns it.
    pub(crate) fn undo_item(&mut self, item_id: i64, now: DateTime<Utc>) -> Result<Vec<EventRow>> {
        self.reverting("undo", |tx| {
            let sql = format!(
                "SELECT {EVENT_COLUMNS}, e.command_id FROM events e JOIN items i ON i.id = e.item_id
                 WHERE e.item_id = ?1 AND {ACTIVE} AND e.device IS {}
                 ORDER BY e.id DESC LIMIT 1",
                super::ids::DEVICE
            );
            let last = tx
                .query_row(&sql, [item_id], |r| {
                    Ok((event_from_row(r)?, r.get::<_, Option<i64>>(10)?))
                })
                .optional()?;
            let Some((event, command)) = last else {
                return Ok(Vec::new());
            };
            let events = vec![event];
            cancel(tx, &events, command, now)?;
            super::sessions::drop_opened_by(tx, &events)?;
            Ok(events)
        })
    }

    /// Records again the events that the last undo cancelled, unless a command was typed since;
    /// returns them (empty when there is nothing to redo).
    pub(crate) fn redo(&mut self, now: DateTime<Utc>) -> Result<Vec<EventRow>> {
        self.reverting("redo", |tx| {
            let Some(undo) = redo_target(tx)? else {
                return Ok(Vec::new());
            };
            let sql = format!(
                "SELECT {EVENT_COLUMNS} FROM events u JOIN events e ON e.id = u.undoes
                 JOIN items i ON i.id = e.item_id WHERE u.command_id = ?1 ORDER BY e.id"
            );
            let events = query_events(tx, &sql, undo)?;
            let command = insert_command(tx, &NewCommand::typed(REDO, now), Some(undo))?;
            for e in &events {
                let supersedes = match e.supersedes {
                    Some(note) => Some(live_copy(tx, note)?),
                    None => None,
                };
                let again = NewEvent {
                    item_id: e.item_id,
                    kind: e.kind,
                    at: e.at,
                    note: e.note.clone(),
                    rating: e.rating,
                    spent_s: e.spent_s,
                    supersedes,
                };
                insert_event(tx, &again, command, None)?;
                if e.kind == EventKind::Remove {
                    super::manual::removal_undone(tx, e.item_id, false)?;
                }
            }
            refresh_items(tx, &events)?;
            Ok(events)
        })
    }

    /// Runs `body` in a write transaction, so that what is reverted is decided under the lock.
    fn reverting(
        &mut self,
        doing: &'static str,
        body: impl FnOnce(&Transaction) -> std::result::Result<Vec<EventRow>, Stop>,
    ) -> Result<Vec<EventRow>> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to revert"))?;
        let events = body(&tx).map_err(|stop| match stop {
            Stop::Sql(e) => StoreError::classify(e, &path, doing),
            Stop::Refused(why) => StoreError::Invalid(why),
        })?;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving the change"))?;
        Ok(events)
    }
}

/// Why a revert stops (its transaction rolled back): SQLite failed, or it would make a double.
enum Stop {
    Sql(rusqlite::Error),
    Refused(String),
}

impl From<rusqlite::Error> for Stop {
    fn from(e: rusqlite::Error) -> Self {
        Stop::Sql(e)
    }
}

fn query_events(conn: &Connection, sql: &str, id: i64) -> rusqlite::Result<Vec<EventRow>> {
    conn.prepare(sql)?
        .query_map([id], event_from_row)?
        .collect()
}

/// Appends an undo command whose undo markers cancel `events`, and re-derives their items.
/// An item removed by hand comes back only while no other item has its URL.
fn cancel(
    conn: &Connection,
    events: &[EventRow],
    reverts: Option<i64>,
    now: DateTime<Utc>,
) -> std::result::Result<(), Stop> {
    let command = insert_command(conn, &NewCommand::typed(UNDO, now), reverts)?;
    for e in events {
        let marker = NewEvent {
            item_id: e.item_id,
            kind: EventKind::Undo,
            at: now,
            note: None,
            rating: None,
            spent_s: None,
            supersedes: None,
        };
        insert_event(conn, &marker, command, Some(e.id))?;
        if e.kind == EventKind::Remove {
            refuse_double(conn, e)?;
            super::manual::removal_undone(conn, e.item_id, true)?;
        }
    }
    Ok(refresh_items(conn, events)?)
}

/// Stops the undo of a removal when another item in view has the removed item's URL by now
/// (added or edited meanwhile, or received from another device): both would be live, one
/// URL and one sync key for two items.
fn refuse_double(conn: &Connection, removal: &EventRow) -> std::result::Result<(), Stop> {
    let double: Option<(String, String)> = conn
        .query_row(
            "SELECT o.slug, i.url FROM items i JOIN items o ON o.url = i.url AND o.id <> i.id
             WHERE i.id = ?1 AND i.removed = 1 AND o.removed = 0 LIMIT 1",
            [removal.item_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match double {
        Some((other, url)) => Err(Stop::Refused(format!(
            "cannot bring {slug} back: {other} has its URL {url} now; `mlpath rm {other}`, then \
             `mlpath undo {slug} --all`, or `mlpath relink {slug} {other}` gives {other} its history",
            slug = removal.slug
        ))),
        None => Ok(()),
    }
}

/// The event that stands for `event` now: itself while it is not undone, else the copy a redo
/// recorded of it (followed through later undos and redos). A redone note correction names
/// this, so that it replaces the note as it is now, not a cancelled copy. Redo copies the
/// events an undo cancelled in id order, so the copy is the one at the same rank in the redo.
fn live_copy(conn: &Connection, event: i64) -> rusqlite::Result<i64> {
    let mut current = event;
    loop {
        let undone_by: Option<i64> = conn
            .query_row(
                "SELECT command_id FROM events WHERE undoes = ?1 LIMIT 1",
                [current],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let Some(undo) = undone_by else {
            return Ok(current);
        };
        let copy: Option<i64> = conn
            .query_row(
                "SELECT (SELECT c.id FROM events c WHERE c.command_id = r.id ORDER BY c.id
                         LIMIT 1 OFFSET (SELECT count(*) FROM events u WHERE u.command_id = ?1
                                         AND u.undoes < ?2))
                 FROM commands r WHERE r.verb = 'redo' AND r.reverts = ?1",
                [undo, current],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        match copy {
            Some(copy) => current = copy,
            // Never redone: the correction keeps naming the note it was written against.
            None => return Ok(current),
        }
    }
}

fn refresh_items(conn: &Connection, events: &[EventRow]) -> rusqlite::Result<()> {
    let mut ids: Vec<i64> = events.iter().map(|e| e.item_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().try_for_each(|id| refresh_state(conn, id))
}

/// Walks the typed commands newest first, reading only as far as `history::redo_target` needs.
fn redo_target(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id, verb, reverts FROM commands WHERE origin = 'typed' ORDER BY id DESC",
    )?;
    let mut failed = None;
    let rows = stmt
        .query_map([], |r| {
            Ok(Typed {
                id: r.get(0)?,
                verb: r.get(1)?,
                reverts: r.get(2)?,
            })
        })?
        .map_while(|row| row.map_err(|e| failed = Some(e)).ok());
    let target = history::redo_target(rows);
    match failed {
        Some(e) => Err(e),
        None => Ok(target),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, hour, 0, 0).unwrap()
    }

    fn status(store: &Store, id: i64) -> String {
        store
            .item_by_id(id)
            .unwrap()
            .unwrap()
            .state
            .status
            .to_string()
    }

    /// A database of schema version 1 (events without commands), upgraded.
    fn upgraded_from_v1() -> Store {
        let conn = Connection::open_in_memory().unwrap();
        let mut store = Store { conn, path: None };
        schema::apply(&mut store, &schema::MIGRATIONS[..1]).unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO sections (id, path) VALUES (1, '[]');
                 INSERT INTO items (id, slug, title, section_id, position, kind)
                 VALUES (1, 'a', 'A', 1, 1, 'paper'), (2, 'b', 'B', 1, 2, 'paper');
                 INSERT INTO events (id, item_id, kind, at, note, undoes) VALUES
                 (1, 1, 'start', '2026-11-28T01:00:00Z', NULL, NULL),
                 (2, 2, 'done', '2026-11-28T02:00:00Z', 'marked [x] in the imported list', NULL),
                 (3, 1, 'done', '2026-11-28T03:00:00Z', NULL, NULL),
                 (4, 1, 'undo', '2026-11-28T04:00:00Z', NULL, 3);",
            )
            .unwrap();
        schema::migrate(&mut store).unwrap();
        for id in [1, 2] {
            refresh_state(&store.conn, id).unwrap();
        }
        store
    }

    #[test]
    fn events_from_before_commands_undo_one_at_a_time_but_never_an_import() {
        let mut store = upgraded_from_v1();
        assert_eq!(status(&store, 1), "started");
        assert_eq!(status(&store, 2), "done");
        let undone = store.undo_last_command(at(5)).unwrap();
        assert_eq!(undone.len(), 1);
        assert_eq!(undone[0].id, 1, "the start; the done was undone already");
        assert!(store.undo_last_command(at(6)).unwrap().is_empty());
        assert_eq!(status(&store, 2), "done", "the [x] box came from an import");
        let redone = store.redo(at(7)).unwrap();
        assert_eq!(redone[0].id, 1);
        let redone = store.redo(at(8)).unwrap();
        assert_eq!(
            redone[0].id, 3,
            "the undo from before the upgrade is redone too"
        );
        assert_eq!(status(&store, 1), "done");
        assert!(store.redo(at(9)).unwrap().is_empty());
    }

    #[test]
    fn every_event_belongs_to_a_command() {
        let mut store = upgraded_from_v1();
        store.undo_last_command(at(5)).unwrap();
        store.redo(at(6)).unwrap();
        let orphans: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM events WHERE command_id IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
        let origins: Vec<String> = store
            .conn
            .prepare("SELECT origin FROM commands ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            origins,
            ["typed", "import", "typed", "typed", "typed", "typed"]
        );
    }

    /// Random sequences of commands, undos and redos against an editor's model: an undo brings
    /// back the state before the command it reverts, a redo the state after it, a command that
    /// records something clears what there was to redo; the cached state always equals a fresh
    /// derivation. Seeded, so a failure is reproducible.
    #[test]
    fn undo_and_redo_behave_like_an_editor() {
        use crate::state::{ItemState, no_op_reason};
        for seed in 1..=8u64 {
            let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let mut next = move |n: u64| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                rng % n
            };
            let mut store = Store::open_in_memory().unwrap();
            store
                .import(
                    &crate::markdown::parse(crate::seed::SEED),
                    &crate::store::ListSource::for_test("test"),
                    at(0),
                    false,
                )
                .unwrap();
            let ids: Vec<i64> = (1..=4).collect();
            let snapshot = |store: &Store| -> Vec<ItemState> {
                ids.iter()
                    .map(|&id| store.item_by_id(id).unwrap().unwrap().state)
                    .collect()
            };
            let kinds = [
                EventKind::Start,
                EventKind::Done,
                EventKind::Review,
                EventKind::Skip,
                EventKind::Reset,
                EventKind::Note,
            ];
            // States before each command in force, and (before, after) of each undone one.
            let mut applied: Vec<Vec<ItemState>> = Vec::new();
            let mut undone: Vec<(Vec<ItemState>, Vec<ItemState>)> = Vec::new();
            for step in 0..100 {
                let now = at(1) + chrono::Duration::minutes(step);
                let before = snapshot(&store);
                match next(4) {
                    0 => {
                        let undid = store.undo_last_command(now).unwrap();
                        assert_eq!(undid.is_empty(), applied.is_empty(), "seed {seed}");
                        if let Some(expected) = applied.pop() {
                            assert_eq!(snapshot(&store), expected, "undo, seed {seed}");
                            undone.push((expected, before));
                        }
                    }
                    1 => {
                        let redid = store.redo(now).unwrap();
                        assert_eq!(redid.is_empty(), undone.is_empty(), "seed {seed}");
                        if let Some((was, expected)) = undone.pop() {
                            assert_eq!(snapshot(&store), expected, "redo, seed {seed}");
                            applied.push(was);
                        }
                    }
                    _ => {
                        let kind = kinds[next(kinds.len() as u64) as usize];
                        // Events dated up to two hours back, so that times interleave.
                        let when = now - chrono::Duration::minutes(next(120) as i64);
                        let events: Vec<NewEvent> = ids
                            .iter()
                            .zip(&before)
                            .filter(|_| next(2) == 0)
                            .filter(|(_, state)| no_op_reason(state, kind).is_none())
                            .map(|(&item_id, _)| NewEvent {
                                item_id,
                                kind,
                                at: when,
                                note: (kind == EventKind::Note).then(|| "n".to_string()),
                                rating: None,
                                spent_s: None,
                                supersedes: None,
                            })
                            .collect();
                        store
                            .append_events(&NewCommand::typed(kind.as_str(), now), &events)
                            .unwrap();
                        if !events.is_empty() {
                            applied.push(before);
                            undone.clear();
                        }
                    }
                }
                for &id in &ids {
                    let cached = store.item_by_id(id).unwrap().unwrap().state;
                    assert_eq!(cached, store.derived_state(id).unwrap(), "seed {seed}");
                }
            }
        }
    }
}
