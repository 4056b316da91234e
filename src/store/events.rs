//! The append-only event log, and the cached item state kept in step with it.

use super::decode::Fields;
use super::{Result, Store, StoreError, format_time};
use crate::history::Origin;
use crate::markdown::ListDates;
use crate::model::{EventKind, Rating};
use crate::state::{self, Fact};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, TransactionBehavior, params};

/// An event to append.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub item_id: i64,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    /// For `done` and `review`: how well it was remembered (None for a box ticked in the list).
    pub rating: Option<Rating>,
    /// A session's length in seconds; `None` for every other kind.
    pub spent_s: Option<u32>,
    /// For a note that corrects (with text) or withdraws (without) an earlier note: its id.
    pub supersedes: Option<i64>,
}

/// A stored event, with the item it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub id: i64,
    pub item_id: i64,
    pub slug: String,
    pub title: String,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    pub rating: Option<Rating>,
    pub spent_s: Option<u32>,
    /// The note this one corrects or withdraws (see `NewEvent::supersedes`).
    pub supersedes: Option<i64>,
}

/// The command an event is recorded by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewCommand<'a> {
    pub(crate) origin: Origin,
    /// The command's name, e.g. `review`.
    pub(crate) verb: &'a str,
    pub(crate) at: DateTime<Utc>,
}

impl<'a> NewCommand<'a> {
    /// A command a person ran on this device.
    pub fn typed(verb: &'a str, at: DateTime<Utc>) -> NewCommand<'a> {
        NewCommand {
            origin: Origin::Typed,
            verb,
            at,
        }
    }
}

/// Events that count: not undo markers, and not cancelled by one. What `undo` can revert.
pub(super) const ACTIVE: &str =
    "e.kind <> 'undo' AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id)";

/// The event's note was corrected or withdrawn: an active `note` event supersedes it.
macro_rules! superseded {
    () => {
        "EXISTS (SELECT 1 FROM events s WHERE s.supersedes = e.id
            AND NOT EXISTS (SELECT 1 FROM events su WHERE su.undoes = s.id))"
    };
}

/// Events in force, as reports show them and the state derives from them: active, not a
/// withdrawal of a note, and not a `note` that an active correction or withdrawal replaced. A
/// done or review whose note (`-m`) was corrected stays in force: only its note is gone (see
/// `EVENT_COLUMNS`), and the correction is a note of its own.
pub(super) const IN_FORCE: &str = concat!(
    "e.kind <> 'undo'
    AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id)
    AND (e.supersedes IS NULL OR e.note IS NOT NULL)
    AND (e.kind <> 'note' OR NOT ",
    superseded!(),
    ")"
);

/// Notes in force: events in force whose note text was not corrected or withdrawn.
pub(super) const NOTE_IN_FORCE: &str = concat!(
    "e.kind <> 'undo'
    AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id)
    AND e.note IS NOT NULL AND NOT ",
    superseded!()
);

/// An event's columns as reports read them; a note that was corrected or withdrawn reads as none.
pub(super) const EVENT_COLUMNS: &str = concat!(
    "e.id, e.item_id, i.slug, i.title, e.kind, e.at,
    CASE WHEN e.note IS NOT NULL AND ",
    superseded!(),
    " THEN NULL ELSE e.note END,
    e.rating, e.spent_s, e.supersedes"
);

pub(super) fn event_from_row(row: &Row<'_>) -> rusqlite::Result<EventRow> {
    let f = Fields::new(row, "events", 0)?;
    Ok(EventRow {
        id: f.id(),
        item_id: f.get(1)?,
        slug: f.get(2)?,
        title: f.get(3)?,
        kind: f.get(4)?,
        at: f.required_time(5)?,
        note: f.get(6)?,
        rating: f.get(7)?,
        spent_s: f.get(8)?,
        supersedes: f.get(9)?,
    })
}

impl Store {
    /// Appends the events of one command in one transaction and updates the state of the items
    /// they touch; returns the new events' ids, in order. A command without events records
    /// nothing (and so leaves `redo` as it was).
    pub fn append_events(&mut self, command: &NewCommand, events: &[NewEvent]) -> Result<Vec<i64>> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to record"))?;
        let command_id = insert_command(&tx, command, None)
            .map_err(|e| StoreError::classify(e, &path, "recording the command"))?;
        let mut event_ids = Vec::with_capacity(events.len());
        for event in events {
            event_ids.push(
                insert_event(&tx, event, command_id, None)
                    .map_err(|e| StoreError::classify(e, &path, "recording an event"))?,
            );
        }
        let mut ids: Vec<i64> = events.iter().map(|e| e.item_id).collect();
        ids.dedup();
        for id in ids {
            refresh_state(&tx, id)
                .map_err(|e| StoreError::classify(e, &path, "updating status"))?;
        }
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving events"))?;
        Ok(event_ids)
    }

    /// Appends, as one command, each event that changes something for its item, and returns,
    /// per event, its new id or why it was left out (see `state::no_op_reason`). The check reads the item
    /// inside the write transaction, so identical commands run at once record one event, not
    /// one each. A command left with no events records nothing.
    ///
    /// It also replaces the open study session as `session` says, in the same transaction
    /// (see `store::sessions`).
    pub(crate) fn append_changes_and_session(
        &mut self,
        command: &NewCommand,
        events: &[NewEvent],
        session: Option<&super::sessions::SessionUpdate>,
    ) -> Result<Vec<std::result::Result<i64, String>>> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to record"))?;
        if let Some(update) = session {
            super::sessions::replace_open(&tx, update).map_err(|e| match e {
                super::sessions::Replace::Moved => StoreError::SessionMoved,
                super::sessions::Replace::Sql(e) => {
                    StoreError::classify(e, &path, "keeping the study session")
                }
            })?;
        }
        let mut command_id = None;
        let mut reasons = Vec::with_capacity(events.len());
        for event in events {
            let current = super::items::state_of(&tx, event.item_id)
                .map_err(|e| StoreError::classify(e, &path, "reading the item"))?;
            let reason = match state::no_op_reason(&current, event.kind) {
                None => super::cards::no_op_reason(&tx, event.kind, event.item_id)
                    .map_err(|e| StoreError::classify(e, &path, "reading the item"))?,
                reason => reason,
            };
            if let Some(reason) = reason {
                reasons.push(Err(reason));
                continue;
            }
            let id = match command_id {
                Some(id) => id,
                None => *command_id.insert(
                    insert_command(&tx, command, None)
                        .map_err(|e| StoreError::classify(e, &path, "recording the command"))?,
                ),
            };
            let event_id = insert_event(&tx, event, id, None)
                .map_err(|e| StoreError::classify(e, &path, "recording an event"))?;
            refresh_state(&tx, event.item_id)
                .map_err(|e| StoreError::classify(e, &path, "updating status"))?;
            reasons.push(Ok(event_id));
        }
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving events"))?;
        Ok(reasons)
    }

    /// The events of one item that count, oldest first.
    pub(crate) fn events_of(&self, item_id: i64) -> Result<Vec<EventRow>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN items i ON i.id = e.item_id
             WHERE e.item_id = ?1 AND {IN_FORCE} ORDER BY e.at, e.uid"
        );
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, "reading events"))?;
        stmt.query_map([item_id], event_from_row)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.classify(e, "reading events"))
    }

    /// The newest events that count across all items, newest first.
    pub(crate) fn recent_events(
        &self,
        since: Option<DateTime<Utc>>,
        limit: usize,
        include_removed: bool,
        list: Option<i64>,
    ) -> Result<Vec<EventRow>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN items i ON i.id = e.item_id
             WHERE {IN_FORCE} AND (?1 IS NULL OR e.at >= ?1) AND (?3 OR i.removed = 0)
             AND (?4 IS NULL OR i.id IN (SELECT item_id FROM memberships WHERE list_id = ?4))
             ORDER BY e.at DESC, e.uid DESC LIMIT ?2"
        );
        let since = since.map(format_time);
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, "reading the log"))?;
        stmt.query_map(
            params![since, limit as i64, include_removed, list],
            event_from_row,
        )
        .and_then(|rows| rows.collect())
        .map_err(|e| self.classify(e, "reading the log"))
    }

    /// The review schedule derived afresh from the log, for checking the cache.
    #[cfg(test)]
    pub(crate) fn derived_schedule(&self, item_id: i64) -> Result<crate::schedule::Schedule> {
        let facts =
            facts_of(&self.conn, item_id).map_err(|e| self.classify(e, "reading events"))?;
        let settings = self.review_settings()?;
        Ok(crate::schedule::replay(&facts, &settings))
    }

    /// The state derived afresh from the log, for checking the cache.
    #[cfg(test)]
    pub(crate) fn derived_state(&self, item_id: i64) -> Result<state::ItemState> {
        facts_of(&self.conn, item_id)
            .map(|facts| state::derive(&facts))
            .map_err(|e| self.classify(e, "reading events"))
    }
}

/// Records a command and returns its id.
pub(super) fn insert_command(
    conn: &Connection,
    command: &NewCommand,
    reverts: Option<i64>,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO commands (origin, verb, at, reverts) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        command.origin.as_str(),
        command.verb,
        format_time(command.at),
        reverts
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn insert_event(
    conn: &Connection,
    event: &NewEvent,
    command_id: i64,
    undoes: Option<i64>,
) -> rusqlite::Result<i64> {
    // Commands check their times first; this keeps a time that could not be read back out.
    if !super::is_storable(event.at) {
        return Err(rusqlite::Error::ToSqlConversionFailure(
            format!(
                "{} is outside {}",
                format_time(event.at),
                super::STORABLE_YEARS
            )
            .into(),
        ));
    }
    // A globally unique id and this device's, so the event can travel (see `journal`).
    conn.prepare_cached(&format!(
        "INSERT INTO events (item_id, kind, at, note, undoes, command_id, rating, spent_s,
                             supersedes, uid, device)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, {})",
        super::ids::DEVICE
    ))?
    .execute(params![
        event.item_id,
        event.kind,
        format_time(event.at),
        event.note,
        undoes,
        command_id,
        event.rating,
        event.spent_s,
        event.supersedes,
        super::ids::new_uid()
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn facts_of(conn: &Connection, item_id: i64) -> rusqlite::Result<Vec<Fact>> {
    let sql = format!(
        "SELECT e.id, e.kind, e.at, e.rating, e.spent_s FROM events e
         WHERE e.item_id = ?1 AND {IN_FORCE} ORDER BY e.at, e.uid"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map([item_id], |r| {
        let f = Fields::new(r, "events", 0)?;
        Ok(Fact {
            kind: f.get(1)?,
            at: f.required_time(2)?,
            rating: f.get(3)?,
            spent_s: f.get::<Option<u32>>(4)?.unwrap_or(0),
        })
    })?
    .collect()
}

/// Recomputes every card that has something to replay: after the migration that introduced them,
/// and whenever a `review.*` setting changes the intervals.
pub(super) fn refresh_all_schedules(conn: &Connection) -> rusqlite::Result<()> {
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT DISTINCT item_id FROM events
             WHERE kind IN ('done', 'review', 'reset', 'suspend', 'resume')",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        super::cards::write_schedule(conn, id, &facts_of(conn, id)?)?;
    }
    Ok(())
}

/// Rewrites the cached state columns of one item, and its review card, from its events.
pub(super) fn refresh_state(conn: &Connection, item_id: i64) -> rusqlite::Result<()> {
    let facts = facts_of(conn, item_id)?;
    super::cards::write_schedule(conn, item_id, &facts)?;
    let s = state::derive(&facts);
    conn.prepare_cached(
        "UPDATE items SET status = ?2, started_at = ?3, done_at = ?4, reviewed_at = ?5,
         review_count = ?6, note_count = ?7, last_event_at = ?8, time_spent_s = ?9 WHERE id = ?1",
    )?
    .execute(params![
        item_id,
        s.status,
        s.started_at.map(format_time),
        s.done_at.map(format_time),
        s.reviewed_at.map(format_time),
        s.review_count,
        s.note_count,
        s.last_event_at.map(format_time),
        s.time_spent_s,
    ])?;
    Ok(())
}

/// `- [x]` items in an imported list count as done at import time, recorded by one command of
/// `origin` (an import or a refresh: never reverted by plain `undo`).
pub(super) fn mark_done_from_list(
    conn: &Connection,
    ticked: &[(i64, ListDates)],
    origin: Origin,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let mut command_id = None;
    for &(item_id, dates) in ticked {
        let current: String =
            conn.query_row("SELECT status FROM items WHERE id = ?1", [item_id], |r| {
                r.get(0)
            })?;
        if current == "done" || current == "reviewed" {
            continue;
        }
        let command = match command_id {
            Some(id) => id,
            None => {
                // A refresh is named as such: it ran before the typed command, not as it.
                let verb = match origin {
                    Origin::Refresh => "refresh",
                    _ => "import",
                };
                let command = NewCommand {
                    origin,
                    verb,
                    at: now,
                };
                *command_id.insert(insert_command(conn, &command, None)?)
            }
        };
        // A date the list gives (` — done 2026-11-20`, as the markdown export writes) is kept;
        // else the box was ticked now. Never later than now.
        let dated = |day: Option<chrono::NaiveDate>| {
            day.and_then(|d| crate::when::local_noon(d, &chrono::Local))
                .map_or(now, |t| t.min(now))
        };
        let done_at = dated(dates.done.or(dates.reviewed));
        let mut facts = vec![(EventKind::Done, done_at)];
        if dates.reviewed.is_some() {
            facts.push((EventKind::Review, dated(dates.reviewed).max(done_at)));
        }
        for (kind, at) in facts {
            let event = NewEvent {
                item_id,
                kind,
                at,
                note: Some(crate::export::LIST_TICK_NOTE.into()),
                // Not an exposure: a list of finished items must not fall due all on one day.
                // (A review the list dates is one: replay rates an unrated review good.)
                rating: None,
                spent_s: None,
                supersedes: None,
            };
            insert_event(conn, &event, command, None)?;
        }
        refresh_state(conn, item_id)?;
    }
    Ok(())
}

/// Each item's notes (when written, text), oldest first, by item id.
pub(crate) type NotesByItem = std::collections::HashMap<i64, Vec<(DateTime<Utc>, String)>>;

impl Store {
    /// Every item's notes by item id, each item's oldest first, with when each was written; the
    /// mark a ticked box leaves on its done is not a note of the user's. One query for a whole
    /// export or report (a query per item made the markdown export of 100,000 items take 3 s).
    pub(crate) fn all_notes(&self) -> Result<NotesByItem> {
        let fail = |e| self.classify(e, "reading notes");
        let sql = format!(
            "SELECT e.id, e.at, e.note, e.item_id FROM events e
             WHERE e.note <> ?1 AND {NOTE_IN_FORCE}
             ORDER BY e.item_id, e.at, e.id"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let rows = stmt
            .query_map([crate::export::LIST_TICK_NOTE], |r| {
                let f = Fields::new(r, "events", 0)?;
                Ok((f.get::<i64>(3)?, (f.required_time(1)?, f.get::<String>(2)?)))
            })
            .map_err(fail)?;
        let mut notes = NotesByItem::new();
        for row in rows {
            let (item, note) = row.map_err(fail)?;
            notes.entry(item).or_default().push(note);
        }
        Ok(notes)
    }

    /// The notes of each item, joined, for searching.
    pub(crate) fn notes_by_item(&self) -> Result<std::collections::HashMap<i64, String>> {
        let sql = format!("SELECT e.item_id, e.note FROM events e WHERE {NOTE_IN_FORCE}");
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, "reading notes"))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.classify(e, "reading notes"))?;
        let mut map = std::collections::HashMap::<i64, String>::new();
        for row in rows {
            let (id, note) = row.map_err(|e| self.classify(e, "reading notes"))?;
            let entry = map.entry(id).or_default();
            entry.push(' ');
            entry.push_str(&note);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;
    use crate::store::ListSource;
    use chrono::TimeZone;

    fn seeded() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let items = parse(crate::seed::SEED);
        store
            .import(&items, &ListSource::for_test("test"), Utc::now(), false)
            .unwrap();
        store
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
    }

    #[test]
    fn cached_state_equals_a_fresh_derivation() {
        let mut store = seeded();
        let flexgen = store.item_by_slug("flexgen").unwrap().unwrap().id;
        let orca = store.item_by_slug("orca").unwrap().unwrap().id;
        let script = [
            (flexgen, EventKind::Start, 1),
            (flexgen, EventKind::Done, 3),
            (orca, EventKind::Done, 2),
            (flexgen, EventKind::Review, 4),
            (orca, EventKind::Note, 5),
            (flexgen, EventKind::Review, 6),
            (orca, EventKind::Reset, 7),
            (orca, EventKind::Skip, 8),
        ];
        for (item_id, kind, day) in script {
            store
                .append_events(
                    &NewCommand::typed(kind.as_str(), at(day)),
                    &[NewEvent {
                        item_id,
                        kind,
                        at: at(day),
                        note: None,
                        rating: None,
                        spent_s: None,
                        supersedes: None,
                    }],
                )
                .unwrap();
        }
        store.undo_last_command(at(9)).unwrap();
        for id in [flexgen, orca] {
            let cached = store.item_by_id(id).unwrap().unwrap().state;
            assert_eq!(cached, store.derived_state(id).unwrap());
        }
        let orca_state = store.item_by_id(orca).unwrap().unwrap().state;
        assert_eq!(
            orca_state.status,
            crate::model::Status::Todo,
            "skip was undone"
        );
        assert_eq!(
            store
                .item_by_id(flexgen)
                .unwrap()
                .unwrap()
                .state
                .review_count,
            2
        );
    }

    #[test]
    fn undo_never_deletes_rows() {
        let mut store = seeded();
        let id = store.item_by_slug("alpa").unwrap().unwrap().id;
        store
            .append_events(
                &NewCommand::typed("done", at(1)),
                &[NewEvent {
                    item_id: id,
                    kind: EventKind::Done,
                    at: at(1),
                    note: None,
                    rating: None,
                    spent_s: None,
                    supersedes: None,
                }],
            )
            .unwrap();
        let undone = store.undo_item(id, at(2)).unwrap();
        assert_eq!(undone[0].kind, EventKind::Done);
        let rows: i64 = store
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 2);
        assert!(store.events_of(id).unwrap().is_empty());
        assert!(store.undo_item(id, at(3)).unwrap().is_empty());
    }
}
