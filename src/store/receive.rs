//! Receiving other devices' journal lines: inserted by id (so reading a line twice adds
//! nothing), under one 'sync' command that this device's `undo` never reverts, with the
//! journals' new positions saved in the same transaction, so that a sync killed at any moment
//! either took a line and its position or neither.

use super::events::{ACTIVE, insert_command, insert_event, refresh_state};
use super::ids::item_for_key;
use super::journal::set_position;
use super::{NewCommand, NewEvent, Result, Store, StoreError, format_time, received_items};
use crate::history::Origin;
use crate::journal::line::{Body, EventBody, KeyBody, Line};
use crate::journal::read::Position;
use crate::model::EventKind;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::collections::BTreeSet;

/// The lines read from one journal, and where the next read of it starts.
#[derive(Debug)]
pub struct Incoming {
    pub file: String,
    pub lines: Vec<Line>,
    pub next: Position,
}

/// What a sync received.
#[derive(Debug, Default, PartialEq)]
pub struct Received {
    /// New events recorded here.
    pub events: usize,
    /// Items added or changed by hand elsewhere and changed here.
    pub items: usize,
    /// Lines kept for later: they name an item this device does not have (yet).
    pub held: usize,
    /// Lines refused, with why (e.g. an undo of another device's event).
    pub refused: Vec<String>,
    /// The items whose state was derived again (write-back follows them).
    pub touched: Vec<i64>,
}

enum Outcome {
    Known,
    Recorded(i64),
    Held,
    Refused(String),
}

struct Receiver<'c> {
    conn: &'c Connection,
    now: DateTime<Utc>,
    command: Option<i64>,
    touched: BTreeSet<i64>,
    report: Received,
}

impl Store {
    /// Records what other devices' journals say, and where each journal was read up to.
    pub(crate) fn receive(&mut self, batches: &[Incoming], now: DateTime<Utc>) -> Result<Received> {
        let held: bool = self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM journal_inbox)", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.classify(e, "reading held lines"))?;
        if batches.is_empty() && !held {
            return Ok(Received::default());
        }
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to receive"))?;
        let mut receiver = Receiver {
            conn: &tx,
            now,
            command: None,
            touched: BTreeSet::new(),
            report: Received::default(),
        };
        receiver
            .run(batches)
            .map_err(|e| StoreError::classify(e, &path, "receiving events"))?;
        let report = receiver.report;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving what was received"))?;
        Ok(report)
    }
}

impl Receiver<'_> {
    fn run(&mut self, batches: &[Incoming]) -> rusqlite::Result<()> {
        self.retry_held()?;
        // Keys first, then items, then events: an event can name an item added in the same sync.
        for pass in 0..3 {
            for batch in batches {
                for line in &batch.lines {
                    let wanted = matches!(
                        (&line.body, pass),
                        (Body::Key(_), 0) | (Body::Item(_), 1) | (Body::Event(_), 2)
                    );
                    if wanted {
                        let outcome = self.apply(line)?;
                        self.count(line, outcome)?;
                    }
                }
            }
        }
        for batch in batches {
            set_position(self.conn, &batch.file, batch.next)?;
        }
        if self.report.items > 0 {
            // Once for all the hand-added items received: each place depends on the others.
            super::transfer::place_manual_items(self.conn)?;
        }
        for &id in &self.touched {
            refresh_state(self.conn, id)?;
        }
        self.report.touched = self.touched.iter().copied().collect();
        Ok(())
    }

    /// Lines held by an earlier sync, tried again now that more items may be known.
    fn retry_held(&mut self) -> rusqlite::Result<()> {
        let held: Vec<(String, String)> = self
            .conn
            .prepare("SELECT uid, line FROM journal_inbox ORDER BY uid")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (uid, text) in held {
            let line = serde_json::from_str::<Line>(&text).ok();
            let outcome = match &line {
                Some(line) => self.apply(line)?,
                None => Outcome::Refused(String::new()),
            };
            if !matches!(outcome, Outcome::Held) {
                self.conn
                    .execute("DELETE FROM journal_inbox WHERE uid = ?1", [&uid])?;
            }
            // Counted as on its first reading; a line refused now is said so, as then.
            if let Some(line) = &line
                && !matches!(outcome, Outcome::Held)
            {
                self.count(line, outcome)?;
            }
        }
        Ok(())
    }

    fn count(&mut self, line: &Line, outcome: Outcome) -> rusqlite::Result<()> {
        match outcome {
            Outcome::Known => {}
            Outcome::Recorded(id) => {
                match line.body {
                    Body::Event(_) => self.report.events += 1,
                    Body::Item(_) => self.report.items += 1,
                    Body::Key(_) => {}
                }
                if matches!(line.body, Body::Event(_)) {
                    self.touched.insert(id);
                }
            }
            Outcome::Held => {
                let text = serde_json::to_string(line).expect("a line serializes");
                let added = self.conn.execute(
                    "INSERT OR IGNORE INTO journal_inbox (uid, line) VALUES (?1, ?2)",
                    params![line.id, text],
                )?;
                self.report.held += added;
            }
            Outcome::Refused(why) => self.report.refused.push(why),
        }
        Ok(())
    }

    fn apply(&mut self, line: &Line) -> rusqlite::Result<Outcome> {
        match &line.body {
            Body::Event(event) => self.event(line, event),
            Body::Item(item) => Ok(
                match received_items::receive(
                    self.conn,
                    &line.id,
                    &line.device,
                    line.at,
                    &item.item,
                    &item.fields,
                )? {
                    received_items::Received::Known => Outcome::Known,
                    received_items::Received::Kept => Outcome::Known,
                    received_items::Received::Applied(id) => Outcome::Recorded(id),
                },
            ),
            Body::Key(key) => self.key(line, key),
        }
    }

    fn event(&mut self, line: &Line, event: &EventBody) -> rusqlite::Result<Outcome> {
        let known: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE uid = ?1)")?
            .query_row([&line.id], |r| r.get(0))?;
        if known {
            return Ok(Outcome::Known);
        }
        let Some(item_id) = item_for_key(self.conn, &event.item)? else {
            return Ok(Outcome::Held);
        };
        let undoes = match &event.undoes {
            None => None,
            Some(target) => {
                let found: Option<(i64, Option<String>)> = self
                    .conn
                    .prepare_cached("SELECT id, device FROM events WHERE uid = ?1")?
                    .query_row([target], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                match found {
                    None => return Ok(Outcome::Held),
                    Some((_, device)) if device.as_deref() != Some(line.device.as_str()) => {
                        return Ok(Outcome::Refused(format!(
                            "an undo from device {} names an event of another device",
                            crate::journal::line::short(&line.device)
                        )));
                    }
                    Some((id, _)) => Some(id),
                }
            }
        };
        let supersedes = match &event.supersedes {
            None => None,
            Some(target) => {
                // What the schema's trigger demands, checked first: a refusal, not a failure. The
                // note corrected may be any event's (`done -m`), as `note --edit` allows.
                let found: Option<(i64, i64, bool)> = self
                    .conn
                    .prepare_cached(
                        "SELECT id, item_id, note IS NOT NULL FROM events WHERE uid = ?1",
                    )?
                    .query_row([target], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                match found {
                    None => return Ok(Outcome::Held),
                    Some((id, item, noted)) if item == item_id && noted => Some(id),
                    Some(_) => {
                        return Ok(Outcome::Refused(format!(
                            "a note from device {} corrects something that is not a note of its item here",
                            crate::journal::line::short(&line.device)
                        )));
                    }
                }
            }
        };
        let command = match self.command {
            Some(id) => id,
            None => *self.command.insert(insert_command(
                self.conn,
                &NewCommand {
                    origin: Origin::Sync,
                    verb: "sync",
                    at: self.now,
                },
                None,
            )?),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO events (item_id, kind, at, note, undoes, command_id, rating, spent_s,
                                     supersedes, uid, device)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                item_id,
                event.kind,
                format_time(line.at),
                event.note,
                undoes,
                command,
                event.rating,
                event.spent_s,
                supersedes,
                line.id,
                line.device
            ])?;
        // A removal hides a hand-added item; its undo shows it again (as `undo` does here).
        if event.kind == EventKind::Remove {
            super::manual::removal_undone(self.conn, item_id, false)?;
        }
        if let Some(target) = undoes {
            let kind: String =
                self.conn
                    .query_row("SELECT kind FROM events WHERE id = ?1", [target], |r| {
                        r.get(0)
                    })?;
            if kind == EventKind::Remove.as_str() {
                super::manual::removal_undone(self.conn, item_id, true)?;
            }
        }
        if matches!(event.kind, EventKind::Done | EventKind::Review) {
            self.cancel_ticked_boxes(item_id, command)?;
        }
        Ok(Outcome::Recorded(item_id))
    }

    /// A done that another device journaled replaces the done this device read from a ticked
    /// box (the box the other device's write-back ticked, or one ticked here by hand): that
    /// device has no such done, which is never journaled, so keeping ours would date the item
    /// differently here. Cancelled by an undo marker of this sync's command, never journaled.
    fn cancel_ticked_boxes(&mut self, item_id: i64, command: i64) -> rusqlite::Result<()> {
        let ticked: Vec<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.id FROM events e JOIN commands c ON c.id = e.command_id
                 WHERE e.item_id = ?1 AND e.kind = 'done' AND c.origin IN ('import', 'refresh')
                 AND {ACTIVE}"
            ))?
            .query_map([item_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ticked {
            let marker = NewEvent {
                item_id,
                kind: EventKind::Undo,
                at: self.now,
                note: None,
                rating: None,
                spent_s: None,
                supersedes: None,
            };
            insert_event(self.conn, &marker, command, Some(id))?;
        }
        Ok(())
    }

    /// Another device knows an item by a new key: the new key finds the same item here.
    fn key(&mut self, line: &Line, key: &KeyBody) -> rusqlite::Result<Outcome> {
        let known: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM key_changes WHERE uid = ?1)")?
            .query_row([&line.id], |r| r.get(0))?;
        if known {
            return Ok(Outcome::Known);
        }
        let Some(item_id) = item_for_key(self.conn, &key.old)? else {
            return Ok(Outcome::Held);
        };
        self.conn.execute(
            "INSERT INTO key_changes (uid, device, at, old_key, new_key) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![line.id, line.device, format_time(line.at), key.old, key.new],
        )?;
        self.conn.execute(
            "INSERT OR IGNORE INTO item_keys (key, item_id) VALUES (?1, ?2)",
            params![key.new, item_id],
        )?;
        Ok(Outcome::Known)
    }
}
