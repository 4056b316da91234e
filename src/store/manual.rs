//! Changing and removing items added by hand (`mlpath edit`, `mlpath rm`).

use super::items::SectionIds;
use super::{Result, Store, StoreError};
use crate::model::{Kind, Link};
use rusqlite::{TransactionBehavior, params};

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
    pub fn edit_item(&mut self, id: i64, edit: &ItemEdit) -> Result<()> {
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
        let links = edit.url.as_ref().map(|u| {
            let links = [Link {
                label: "link".into(),
                url: Some(u.clone()),
            }];
            serde_json::to_string(&links).unwrap_or_else(|_| "[]".into())
        });
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
        tx.commit().map_err(fail("saving the item"))
    }

    /// Hides (or shows again) items; their events stay.
    pub fn set_removed(&mut self, ids: &[i64], removed: bool) -> Result<()> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to remove"))?;
        for id in ids {
            tx.execute(
                "UPDATE items SET removed = ?2 WHERE id = ?1",
                params![id, removed],
            )
            .map_err(|e| StoreError::classify(e, &path, "removing the item"))?;
        }
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving the removal"))
    }
}
