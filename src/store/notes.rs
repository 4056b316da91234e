//! Correcting and withdrawing notes: a new `note` event that supersedes the latest note in force.

use super::events::{
    EVENT_COLUMNS, EventRow, NOTE_IN_FORCE, NewCommand, NewEvent, event_from_row, insert_command,
    insert_event, refresh_state,
};
use super::{Result, Store, StoreError};
use crate::model::EventKind;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

impl Store {
    /// The item's latest note in force (the newest by time, then the last recorded), if any.
    pub(crate) fn latest_note(&self, item_id: i64) -> Result<Option<EventRow>> {
        latest_note(&self.conn, item_id).map_err(|e| self.classify(e, "reading notes"))
    }

    /// Records, as one command, `text` in place of `note` (a correction), or no text (a
    /// withdrawal), dated like the note it replaces. Returns the new event's id, or `None` when
    /// `note` is no longer the item's latest note in force (another mlpath changed it since it
    /// was read): nothing is recorded then.
    pub(crate) fn supersede_note(
        &mut self,
        command: &NewCommand,
        note: &EventRow,
        text: Option<String>,
    ) -> Result<Option<i64>> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to record"))?;
        let latest = latest_note(&tx, note.item_id)
            .map_err(|e| StoreError::classify(e, &path, "reading notes"))?;
        if latest.map(|n| n.id) != Some(note.id) {
            return Ok(None);
        }
        let event = NewEvent {
            item_id: note.item_id,
            kind: EventKind::Note,
            at: note.at,
            note: text,
            rating: None,
            spent_s: None,
            supersedes: Some(note.id),
        };
        let id = insert_command(&tx, command, None)
            .and_then(|command_id| insert_event(&tx, &event, command_id, None))
            .map_err(|e| StoreError::classify(e, &path, "recording the note"))?;
        refresh_state(&tx, note.item_id)
            .map_err(|e| StoreError::classify(e, &path, "updating status"))?;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving the note"))?;
        Ok(Some(id))
    }
}

fn latest_note(conn: &Connection, item_id: i64) -> rusqlite::Result<Option<EventRow>> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events e JOIN items i ON i.id = e.item_id
         WHERE e.item_id = ?1 AND e.note <> ?2 AND {NOTE_IN_FORCE}
         ORDER BY e.at DESC, e.id DESC LIMIT 1"
    );
    // Any event's note (`done -m`), but not the mark a ticked box leaves on its done.
    conn.query_row(
        &sql,
        rusqlite::params![item_id, crate::export::LIST_TICK_NOTE],
        event_from_row,
    )
    .optional()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ListSource;
    use chrono::{DateTime, TimeZone, Utc};

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, hour, 0, 0).unwrap()
    }

    fn store_with_item() -> (Store, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let items = crate::markdown::parse(crate::seed::SEED);
        store
            .import(&items, &ListSource::for_test("test"), at(0), false)
            .unwrap();
        let id = store.item_by_slug("orca").unwrap().unwrap().id;
        (store, id)
    }

    fn note(store: &mut Store, item_id: i64, text: &str, hour: u32) {
        let event = NewEvent {
            item_id,
            kind: EventKind::Note,
            at: at(hour),
            note: Some(text.into()),
            rating: None,
            spent_s: None,
            supersedes: None,
        };
        store
            .append_events(&NewCommand::typed("note", at(hour)), &[event])
            .unwrap();
    }

    fn notes(store: &Store, item_id: i64) -> Vec<String> {
        store
            .events_of(item_id)
            .unwrap()
            .into_iter()
            .filter_map(|e| e.note)
            .collect()
    }

    fn supersede(store: &mut Store, item_id: i64, text: Option<&str>, hour: u32) {
        let latest = store.latest_note(item_id).unwrap().unwrap();
        let command = NewCommand::typed("note", at(hour));
        let id = store
            .supersede_note(&command, &latest, text.map(String::from))
            .unwrap();
        assert!(id.is_some());
    }

    fn note_count(store: &Store, item_id: i64) -> u32 {
        let cached = store.item_by_id(item_id).unwrap().unwrap().state;
        assert_eq!(cached, store.derived_state(item_id).unwrap());
        cached.note_count
    }

    #[test]
    fn a_correction_replaces_the_latest_note_and_a_withdrawal_removes_it() {
        let (mut store, id) = store_with_item();
        note(&mut store, id, "first", 1);
        note(&mut store, id, "second", 2);
        supersede(&mut store, id, Some("second, corrected"), 3);
        assert_eq!(notes(&store, id), ["first", "second, corrected"]);
        assert_eq!(note_count(&store, id), 2);
        let latest = store.latest_note(id).unwrap().unwrap();
        assert_eq!(latest.at, at(2), "dated like the note it corrects");
        supersede(&mut store, id, None, 4);
        assert_eq!(notes(&store, id), ["first"]);
        assert_eq!(note_count(&store, id), 1);
        supersede(&mut store, id, None, 5);
        assert!(notes(&store, id).is_empty());
        assert_eq!(note_count(&store, id), 0);
        assert!(store.latest_note(id).unwrap().is_none());
    }

    #[test]
    fn undo_brings_the_earlier_note_back_and_redo_replaces_it_again() {
        let (mut store, id) = store_with_item();
        note(&mut store, id, "draft", 1);
        supersede(&mut store, id, Some("fixed"), 2);
        supersede(&mut store, id, None, 3);
        assert!(notes(&store, id).is_empty());
        store.undo_last_command(at(4)).unwrap();
        assert_eq!(notes(&store, id), ["fixed"]);
        store.undo_last_command(at(5)).unwrap();
        assert_eq!(notes(&store, id), ["draft"]);
        store.undo_last_command(at(6)).unwrap();
        assert!(notes(&store, id).is_empty());
        // Redo records copies: each correction must name the copy of the note it replaced.
        for (hour, expected) in [(7, vec!["draft"]), (8, vec!["fixed"]), (9, vec![])] {
            store.redo(at(hour)).unwrap();
            assert_eq!(notes(&store, id), expected, "redo at {hour}");
            assert_eq!(note_count(&store, id), expected.len() as u32);
        }
        store.undo_item(id, at(10)).unwrap();
        assert_eq!(notes(&store, id), ["fixed"]);
    }

    #[test]
    fn a_note_changed_meanwhile_is_not_superseded() {
        let (mut store, id) = store_with_item();
        note(&mut store, id, "one", 1);
        let read = store.latest_note(id).unwrap().unwrap();
        note(&mut store, id, "two", 2);
        let command = NewCommand::typed("note", at(3));
        let recorded = store.supersede_note(&command, &read, None).unwrap();
        assert_eq!(recorded, None);
        assert_eq!(notes(&store, id), ["one", "two"]);
    }

    #[test]
    fn the_schema_refuses_a_correction_of_anything_but_an_earlier_note_of_the_item() {
        let (mut store, id) = store_with_item();
        note(&mut store, id, "one", 1);
        let other = store.item_by_slug("flexgen").unwrap().unwrap().id;
        let note_id = store.latest_note(id).unwrap().unwrap().id;
        let insert = |item: i64, kind: &str, supersedes: i64| {
            store.conn.execute(
                "INSERT INTO events (item_id, kind, at, note, supersedes)
                 VALUES (?1, ?2, '2026-11-28T05:00:00Z', 'x', ?3)",
                rusqlite::params![item, kind, supersedes],
            )
        };
        assert!(
            insert(other, "note", note_id).is_err(),
            "another item's note"
        );
        assert!(insert(id, "done", note_id).is_err(), "not a note event");
        assert!(insert(id, "note", note_id + 100).is_err(), "no such event");
        assert!(insert(id, "note", note_id).is_ok());
    }
}
