//! Queries behind `mlpath report` (the HTML page), each one aggregated pass.

use super::decode::Fields;
use super::events::ACTIVE;
use super::{Result, Store};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// The notes of each item, oldest first, as (time, text).
pub type NotesByItem = HashMap<i64, Vec<(DateTime<Utc>, String)>>;

/// Items `list` filters to (all when `None`), as an SQL condition on `items`; an id, never text.
fn in_list(list: Option<i64>) -> String {
    match list {
        Some(id) => format!("items.id IN (SELECT item_id FROM memberships WHERE list_id = {id})"),
        None => "1 = 1".to_string(),
    }
}

impl Store {
    /// How many items were finished (done, or reviewed without a done) in each UTC hour, in
    /// time order: hours, so that the caller can count them by local day.
    pub(crate) fn finished_by_hour(&self, list: Option<i64>) -> Result<Vec<(DateTime<Utc>, u64)>> {
        let sql = format!(
            "SELECT min(id), substr(coalesce(done_at, reviewed_at), 1, 13) || ':00:00Z' AS hour,
                    count(*)
             FROM items WHERE removed = 0 AND status IN ('done', 'reviewed') AND {}
             GROUP BY hour ORDER BY hour",
            in_list(list)
        );
        let doing = "counting finished items";
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, doing))?;
        let rows = stmt
            .query_map([], |r| {
                let f = Fields::new(r, "items", 0)?;
                Ok((f.required_time(1)?, f.get::<i64>(2)?.max(0) as u64))
            })
            .map_err(|e| self.classify(e, doing))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.classify(e, doing))
    }

    /// Events that count (and study time) per UTC hour since `since`, in time order, for the
    /// activity calendar.
    pub(crate) fn activity_by_hour(
        &self,
        list: Option<i64>,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, u64, u64)>> {
        let sql = format!(
            "SELECT min(e.id), substr(e.at, 1, 13) || ':00:00Z' AS hour, count(*),
                    sum(coalesce(e.spent_s, 0))
             FROM events e JOIN items ON items.id = e.item_id
             WHERE e.at >= ?1 AND {ACTIVE} AND items.removed = 0 AND {}
             GROUP BY hour ORDER BY hour",
            in_list(list)
        );
        let doing = "counting activity";
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, doing))?;
        let rows = stmt
            .query_map([super::format_time(since)], |r| {
                let f = Fields::new(r, "events", 0)?;
                let count = |i| f.get::<i64>(i).map(|n| n.max(0) as u64);
                Ok((f.required_time(1)?, count(2)?, count(3)?))
            })
            .map_err(|e| self.classify(e, doing))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.classify(e, doing))
    }

    /// Every note of the items (of `list`), by item, oldest first.
    pub(crate) fn notes_for_report(&self, list: Option<i64>) -> Result<NotesByItem> {
        let sql = format!(
            "SELECT e.id, e.item_id, e.at, e.note FROM events e JOIN items ON items.id = e.item_id
             WHERE e.note IS NOT NULL AND {ACTIVE} AND {}
             ORDER BY e.item_id, e.at, e.id",
            in_list(list)
        );
        let doing = "reading notes";
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, doing))?;
        let mut rows = stmt.query([]).map_err(|e| self.classify(e, doing))?;
        let mut notes = NotesByItem::new();
        while let Some(row) = rows.next().map_err(|e| self.classify(e, doing))? {
            let note = Fields::new(row, "events", 0)
                .and_then(|f| Ok((f.get::<i64>(1)?, f.required_time(2)?, f.get::<String>(3)?)));
            let (item, at, text) = note.map_err(|e| self.classify(e, doing))?;
            notes.entry(item).or_default().push((at, text));
        }
        Ok(notes)
    }
}
