//! Items and their links, read back for reports; section ids.

use super::decode::{self, Fields};
use super::report::SECTION_PATH;
use super::{Result, Store, StoreError};
use crate::model::{Kind, Link, Status};
use crate::schedule::Schedule;
use crate::state::ItemState;
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::HashMap;

/// An item with its cached state, as reports need it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub section: Vec<String>,
    pub position: i64,
    pub kind: Kind,
    pub url: Option<String>,
    pub venue: Option<String>,
    pub year: Option<i32>,
    pub manual: bool,
    pub removed: bool,
    pub state: ItemState,
    /// The cached review card (see `schedule`).
    pub schedule: Schedule,
}

/// Which items to read. Text filters are applied by the caller.
#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    pub include_removed: bool,
    pub statuses: Vec<Status>,
    pub kind: Option<Kind>,
    /// Only the items of this list (its id).
    pub list: Option<i64>,
}

fn item_columns() -> String {
    format!(
        "id, slug, title, {SECTION_PATH}, position, kind, url, venue, year, origin, removed, \
         status, started_at, done_at, reviewed_at, review_count, note_count, last_event_at, \
         time_spent_s, {}",
        super::cards::schedule_columns()
    )
}

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<ItemRow> {
    let f = Fields::new(row, "items", 0)?;
    Ok(ItemRow {
        id: f.id(),
        slug: f.get(1)?,
        title: f.get(2)?,
        section: f.json(3, decode::section_path)?,
        position: f.get(4)?,
        kind: f.get(5)?,
        url: f.get(6)?,
        venue: f.get(7)?,
        year: f.get(8)?,
        manual: f.get::<String>(9)? == "manual",
        removed: f.get(10)?,
        state: ItemState {
            status: f.get(11)?,
            started_at: f.time(12)?,
            done_at: f.time(13)?,
            reviewed_at: f.time(14)?,
            review_count: f.get(15)?,
            note_count: f.get(16)?,
            last_event_at: f.time(17)?,
            time_spent_s: f.get(18)?,
        },
        schedule: super::cards::schedule_from_row(&f, 19)?,
    })
}

/// The cached state of one item, read with `conn` (inside a transaction, for instance).
pub(super) fn state_of(conn: &Connection, item_id: i64) -> rusqlite::Result<ItemState> {
    conn.prepare_cached(
        "SELECT id, status, started_at, done_at, reviewed_at, review_count, note_count,
         last_event_at, time_spent_s FROM items WHERE id = ?1",
    )?
    .query_row([item_id], |row| {
        let f = Fields::new(row, "items", 0)?;
        Ok(ItemState {
            status: f.get(1)?,
            started_at: f.time(2)?,
            done_at: f.time(3)?,
            reviewed_at: f.time(4)?,
            review_count: f.get(5)?,
            note_count: f.get(6)?,
            last_event_at: f.time(7)?,
            time_spent_s: f.get(8)?,
        })
    })
}

impl Store {
    /// True when the database has never had a list imported nor an item added.
    pub(crate) fn is_empty(&self) -> Result<bool> {
        let any: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM items LIMIT 1", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.classify(e, "counting items"))?;
        Ok(any.is_none() && self.meta("list_source")?.is_none())
    }

    /// Whether any item is shown (not removed): without one, reports say how to get a list.
    pub(crate) fn has_live_items(&self) -> Result<bool> {
        let any: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM items WHERE removed = 0 LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.classify(e, "counting items"))?;
        Ok(any.is_some())
    }

    /// Items in list order.
    pub fn items(&self, filter: &ItemFilter) -> Result<Vec<ItemRow>> {
        query_items(&self.conn, filter).map_err(|e| self.classify(e, "listing items"))
    }

    pub(crate) fn item_by_id(&self, id: i64) -> Result<Option<ItemRow>> {
        let sql = format!("SELECT {} FROM items WHERE id = ?1", item_columns());
        self.conn
            .query_row(&sql, [id], item_from_row)
            .optional()
            .map_err(|e| self.classify(e, "reading an item"))
    }

    pub(crate) fn item_by_slug(&self, slug: &str) -> Result<Option<ItemRow>> {
        let sql = format!("SELECT {} FROM items WHERE slug = ?1", item_columns());
        self.conn
            .query_row(&sql, [slug], item_from_row)
            .optional()
            .map_err(|e| self.classify(e, "reading an item"))
    }

    /// Hands each item in list order, with its links and (`with_lists`) the names of the lists
    /// that hold it, to `each`, one row at a time: nothing is gathered, so memory stays flat
    /// however long the list is. Stops at `each`'s first error.
    pub(crate) fn each_item<E: From<StoreError>>(
        &self,
        filter: &ItemFilter,
        with_lists: bool,
        mut each: impl FnMut(ItemRow, Vec<Link>, Vec<String>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let fail = |e| E::from(self.classify(e, "listing items"));
        // The names are read per row through memberships_item (item_id, list_id), in list order.
        let lists = match with_lists {
            true => {
                "(SELECT json_group_array(l.name ORDER BY l.id) FROM memberships m
                 JOIN lists l ON l.id = m.list_id WHERE m.item_id = items.id)"
            }
            false => "'[]'",
        };
        let sql = items_sql(filter, &format!(", links, {lists}"));
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        // The links and list names come last, after the item's own columns.
        let links_column = stmt.column_count() - 2;
        let mut rows = stmt.query([]).map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let item = item_from_row(row).map_err(fail)?;
            let (links, names) = Fields::new(row, "items", 0)
                .and_then(|f| {
                    let links = f.json(links_column, decode::links)?;
                    Ok((links, f.json(links_column + 1, decode::list_names)?))
                })
                .map_err(fail)?;
            each(item, links, names)?;
        }
        Ok(())
    }

    pub(crate) fn links_of(&self, item_id: i64) -> Result<Vec<Link>> {
        let links = self
            .conn
            .query_row(
                "SELECT id, links FROM items WHERE id = ?1",
                [item_id],
                |r| Fields::new(r, "items", 0)?.json(1, decode::links),
            )
            .optional()
            .map_err(|e| self.classify(e, "reading links"))?;
        Ok(links.unwrap_or_default())
    }
}

fn query_items(conn: &Connection, filter: &ItemFilter) -> rusqlite::Result<Vec<ItemRow>> {
    let mut stmt = conn.prepare(&items_sql(filter, ""))?;
    stmt.query_map([], item_from_row)?.collect()
}

/// The query for the items `filter` selects, in list order, with `extra` columns after the
/// item's own.
fn items_sql(filter: &ItemFilter, extra: &str) -> String {
    // A list's items are read from its memberships, placed as it places them.
    let from = match filter.list {
        Some(list) => super::report::placed_in(list, "items"),
        None => "items".into(),
    };
    let mut sql = format!("SELECT {}{extra} FROM {from} WHERE 1 = 1", item_columns());
    if !filter.include_removed {
        sql.push_str(" AND removed = 0");
    }
    if !filter.statuses.is_empty() {
        // Status and kind names come from our own enums, never from user text.
        let list: Vec<String> = filter
            .statuses
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        sql.push_str(&format!(" AND status IN ({})", list.join(",")));
    }
    if let Some(kind) = filter.kind {
        sql.push_str(&format!(" AND kind = '{}'", kind.as_str()));
    }
    // Items added by hand share the position of their section's last list item, and follow it.
    sql.push_str(" ORDER BY position, origin = 'manual', added, id");
    sql
}

/// Section ids by path, created on demand while an import or an added item writes.
pub(super) struct SectionIds {
    ids: HashMap<String, i64>,
    /// The same sections by id, each path decoded once.
    paths: HashMap<i64, Vec<String>>,
}

impl SectionIds {
    pub(super) fn load(conn: &Connection) -> rusqlite::Result<SectionIds> {
        let mut stmt = conn.prepare("SELECT id, path FROM sections")?;
        let mut sections = SectionIds {
            ids: HashMap::new(),
            paths: HashMap::new(),
        };
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let f = Fields::new(row, "sections", 0)?;
            sections
                .paths
                .insert(f.id(), f.json(1, decode::section_path)?);
            sections.ids.insert(f.get(1)?, f.id());
        }
        Ok(sections)
    }

    pub(super) fn id_for(
        &mut self,
        conn: &Connection,
        section: &[String],
    ) -> rusqlite::Result<i64> {
        let path = serde_json::to_string(section).unwrap_or_else(|_| "[]".into());
        if let Some(&id) = self.ids.get(&path) {
            return Ok(id);
        }
        conn.prepare_cached("INSERT INTO sections (path) VALUES (?1)")?
            .execute([&path])?;
        let id = conn.last_insert_rowid();
        self.ids.insert(path, id);
        self.paths.insert(id, section.to_vec());
        Ok(id)
    }

    /// Paths by id.
    pub(super) fn paths(&self) -> &HashMap<i64, Vec<String>> {
        &self.paths
    }
}
