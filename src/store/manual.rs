//! Changing and removing items added by hand (`mlpath edit`, `mlpath rm`).

use super::events::{NewCommand, NewEvent, insert_command, insert_event};
use super::items::SectionIds;
use super::{Result, Store, StoreError};
use crate::model::{EventKind, Kind};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior, params};

/// What `mlpath edit` changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemEdit {
    pub title: Option<String>,
    pub url: Option<String>,
    pub section: Option<Vec<String>>,
    pub kind: Option<Kind>,
    pub venue: Option<String>,
}

impl Store {
    /// Changes an item in one transaction (its links follow a new URL; the year a new venue).
    pub fn edit_item(&mut self, id: i64, edit: &ItemEdit, now: DateTime<Utc>) -> Result<()> {
        let path = self.display_path();
        let fail = |doing| {
            let path = path.clone();
            move |e| StoreError::classify(e, &path, doing)
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail("starting to edit"))?;
        let section = match &edit.section {
            Some(section) => {
                let mut ids = SectionIds::load(&tx).map_err(fail("reading sections"))?;
                Some(
                    ids.id_for(&tx, section)
                        .map_err(fail("adding the section"))?,
                )
            }
            None => None,
        };
        let links = edit
            .url
            .as_deref()
            .map(|u| super::transfer::manual_links_json(Some(u)));
        let year = edit.venue.as_deref().map(crate::markdown::venue_year);
        tx.execute(
            "UPDATE items SET title = COALESCE(?2, title), url = COALESCE(?3, url),
             links = COALESCE(?4, links), section_id = COALESCE(?5, section_id),
             kind = COALESCE(?6, kind), venue = COALESCE(?7, venue),
             year = CASE WHEN ?8 THEN ?9 ELSE year END WHERE id = ?1",
            params![
                id,
                edit.title,
                edit.url,
                links,
                section,
                edit.kind.map(Kind::as_str),
                edit.venue,
                year.is_some(),
                year.flatten()
            ],
        )
        .map_err(fail("editing the item"))?;
        super::transfer::place_manual_items(&tx).map_err(fail("placing the item"))?;
        super::changes::record(&tx, id, now).map_err(fail("recording the change"))?;
        tx.commit().map_err(fail("saving the item"))
    }

    /// Removes items added by hand (hidden, their events kept) as one command of `remove`
    /// events, which `undo` reverts and `redo` records again (see `removal_undone`).
    pub fn remove_by_hand(&mut self, command: &NewCommand, ids: &[i64]) -> Result<()> {
        let path = self.display_path();
        let fail = |doing| {
            let path = path.clone();
            move |e| StoreError::classify(e, &path, doing)
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail("starting to remove"))?;
        let command_id =
            insert_command(&tx, command, None).map_err(fail("recording the command"))?;
        for &item_id in ids {
            let event = NewEvent {
                item_id,
                kind: EventKind::Remove,
                at: command.at,
                note: None,
                rating: None,
                spent_s: None,
                supersedes: None,
            };
            insert_event(&tx, &event, command_id, None).map_err(fail("recording the removal"))?;
            set_removed(&tx, item_id, true).map_err(fail("removing the item"))?;
        }
        tx.commit().map_err(fail("saving the removal"))
    }
}

/// Applies what undo or redo did to a `remove` event: cancelled (`undone`), the item is shown
/// again; recorded again, it is hidden again, unless a list holds it by now.
pub(super) fn removal_undone(
    conn: &Connection,
    item_id: i64,
    undone: bool,
) -> rusqlite::Result<()> {
    set_removed(conn, item_id, !undone)
}

fn set_removed(conn: &Connection, item_id: i64, removed: bool) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE items SET removed = ?2 WHERE id = ?1 AND origin = 'manual'
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.item_id = ?1)",
    )?
    .execute(params![item_id, removed])?;
    Ok(())
}
