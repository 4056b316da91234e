//! What write-back reads and records: each item's line and status in a list, and the file as
//! written (so that the next refresh does not take mlpath's own write for an edit).

use super::{Result, Store};
use crate::model::Status;
use rusqlite::params;

/// An item of a list at its line, with the status its box should show.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemAtLine {
    pub id: i64,
    pub slug: String,
    pub line: usize,
    pub status: Status,
}

/// A list file as write-back left it, and the boxes it now shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub size: i64,
    pub mtime_ns: Option<i64>,
    pub hash: String,
    /// (item id, whether its box is ticked now)
    pub boxes: Vec<(i64, bool)>,
}

impl Store {
    /// The items of a list that have a line in its file, in list order.
    pub fn items_at_lines(&self, list_id: i64) -> Result<Vec<ItemAtLine>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT i.id, i.slug, m.line, i.status FROM memberships m
                 JOIN items i ON i.id = m.item_id
                 WHERE m.list_id = ?1 AND m.line IS NOT NULL ORDER BY m.position",
            )
            .map_err(|e| self.classify(e, "reading the list's items"))?;
        let rows = stmt
            .query_map([list_id], |r| {
                Ok(ItemAtLine {
                    id: r.get(0)?,
                    slug: r.get(1)?,
                    line: r.get::<_, i64>(2)? as usize,
                    status: r.get(3)?,
                })
            })
            .and_then(|rows| rows.collect());
        rows.map_err(|e| self.classify(e, "reading the list's items"))
    }

    /// Records a list file that write-back wrote: its size, mtime and hash, and for each item
    /// whose box it set whether the file shows it ticked (what the next import compares with).
    pub fn record_written_list(&mut self, list_id: i64, written: &Written) -> Result<()> {
        let path = self.display_path();
        let classify = |e| super::StoreError::classify(e, &path, "recording the list file");
        let tx = self.conn.transaction().map_err(classify)?;
        tx.execute(
            "UPDATE lists SET size = ?2, mtime_ns = ?3, hash = ?4 WHERE id = ?1",
            params![list_id, written.size, written.mtime_ns, written.hash],
        )
        .map_err(classify)?;
        {
            let mut stmt = tx
                .prepare("UPDATE items SET list_checked = ?2 WHERE id = ?1")
                .map_err(classify)?;
            for (id, ticked) in &written.boxes {
                stmt.execute(params![id, ticked]).map_err(classify)?;
            }
        }
        tx.commit().map_err(classify)
    }
}
