//! Whole-database operations: export, restore, backup, and items added by hand.

use super::decode::{self, Fields};
use super::items::SectionIds;
use super::{Result, Store, StoreError, format_time};
use crate::export::{Document, ExportEvent, ExportItem, FORMAT, VERSION};
use crate::model::{Kind, Link};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;

/// An item added with `mlpath add`.
#[derive(Debug, Clone)]
pub struct NewItem {
    pub slug: String,
    pub title: String,
    pub section: Vec<String>,
    pub kind: Kind,
    pub url: Option<String>,
    pub venue: Option<String>,
    pub year: Option<i32>,
}

impl Store {
    /// What an export says before its items: format, version and where the list came from.
    pub(crate) fn export_header(&self) -> Result<Document<()>> {
        Ok(Document {
            format: FORMAT.into(),
            version: VERSION,
            list_source: self.meta("list_source")?,
            lists: super::lists::export_lists(&self.conn)
                .map_err(|e| self.classify(e, "reading lists"))?,
            items: (),
        })
    }

    /// Hands every item with its events, in list order, to `each`, one at a time.
    pub(crate) fn each_export_item<E: From<StoreError>>(
        &self,
        each: impl FnMut(ExportItem) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        // Errors of `each` pass through untouched; the store's own are classified.
        enum Stop<E> {
            Sql(rusqlite::Error),
            Each(E),
        }
        impl<E> From<rusqlite::Error> for Stop<E> {
            fn from(e: rusqlite::Error) -> Self {
                Stop::Sql(e)
            }
        }
        let mut each = each;
        each_export_item(&self.conn, |item| each(item).map_err(Stop::Each)).map_err(|e| match e {
            Stop::Sql(e) => E::from(self.classify(e, "reading the database")),
            Stop::Each(e) => e,
        })
    }

    /// Loads an exported document into this database, which must have no items yet.
    pub(crate) fn restore(&mut self, doc: &Document, now: DateTime<Utc>) -> Result<usize> {
        if doc.format != FORMAT {
            return Err(StoreError::Invalid(format!(
                "this is not an mlpath export (format '{}')",
                doc.format
            )));
        }
        if doc.version > VERSION {
            return Err(StoreError::Invalid(format!(
                "the export has version {}, but this mlpath reads up to version {VERSION}; upgrade mlpath",
                doc.version
            )));
        }
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting the restore"))?;
        let any: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM items UNION ALL SELECT 1 FROM events LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| StoreError::classify(e, &path, "checking the database"))?;
        if any.is_some() {
            return Err(StoreError::Invalid(format!(
                "{} already has items; restore into a new database with --db NEW_PATH",
                path.display()
            )));
        }
        write_document(&tx, doc, now).map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, Some(msg))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Invalid(format!("the export is inconsistent: {msg}"))
            }
            other => StoreError::classify(other, &path, "restoring"),
        })?;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "committing the restore"))?;
        Ok(doc.items.len())
    }

    /// Copies the live database to `target` with SQLite's online backup API.
    pub(crate) fn backup_to(&self, target: &Path) -> Result<()> {
        // Private like the database; SQLite would create it readable by everyone.
        let _ = crate::files::create_private(target);
        self.conn
            .backup(
                rusqlite::MAIN_DB,
                target,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| StoreError::classify(e, target, "writing the backup"))
    }

    /// Adds an item by hand, at the end of its section (or of the list).
    pub(crate) fn add_item(&mut self, item: &NewItem, now: DateTime<Utc>) -> Result<i64> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to add"))?;
        let id = insert_manual(&tx, item, false)
            .and_then(|id| place_manual_items(&tx).map(|()| id))
            .and_then(|id| super::changes::record(&tx, id, now).map(|()| id))
            .map_err(|e| StoreError::classify(e, &path, "adding the item"))?;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving the item"))?;
        Ok(id)
    }

    /// The item that already has this URL, if any.
    pub(crate) fn item_with_url(&self, url: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT slug FROM items WHERE url = ?1 AND removed = 0",
                [url],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.classify(e, "reading items"))
    }

    /// The hand-added item, removed, that has this URL, if any. Its URL still names it (so do
    /// the sync keys): `undo` brings it back, and a new item with the URL would be its double.
    pub(crate) fn removed_item_with_url(&self, url: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT slug FROM items WHERE url = ?1 AND removed = 1 AND origin = 'manual'
                 ORDER BY id DESC LIMIT 1",
                [url],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.classify(e, "reading items"))
    }

    /// Slug and title of every hand-added item that was removed, newest first.
    pub(crate) fn removed_titles(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT slug, title FROM items WHERE removed = 1 AND origin = 'manual'
                 ORDER BY id DESC",
            )
            .map_err(|e| self.classify(e, "reading titles"))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.classify(e, "reading titles"))
    }

    /// Slug and title of every item in the list (removed ones aside).
    pub(crate) fn titles(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT slug, title FROM items WHERE removed = 0")
            .map_err(|e| self.classify(e, "reading titles"))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.classify(e, "reading titles"))
    }

    /// Every slug in use, removed items included.
    pub(crate) fn all_slugs(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT slug FROM items")
            .map_err(|e| self.classify(e, "reading slugs"))?;
        stmt.query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.classify(e, "reading slugs"))
    }
}

/// Inserts an item added by hand (here, or on another device: `removed` as it is there); the
/// caller places it (`place_manual_items`), once for all it adds.
pub(super) fn insert_manual(
    conn: &Connection,
    item: &NewItem,
    removed: bool,
) -> rusqlite::Result<i64> {
    let section_id = SectionIds::load(conn)?.id_for(conn, &item.section)?;
    conn.execute(
        "INSERT INTO items (slug, title, section_id, position, kind, url, links, venue, year,
                            origin, removed)
         VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?8, 'manual', ?9)",
        params![
            item.slug,
            item.title,
            section_id,
            item.kind.as_str(),
            item.url,
            manual_links_json(item.url.as_deref()),
            item.venue,
            item.year,
            removed
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A hand-added item's links, as stored: its URL as its one link, labelled "link".
pub(super) fn manual_links_json(url: Option<&str>) -> String {
    let links: Vec<Link> = url
        .map(|u| Link {
            label: "link".into(),
            url: Some(u.to_string()),
        })
        .into_iter()
        .collect();
    serde_json::to_string(&links).unwrap_or_else(|_| "[]".into())
}

/// Items added by hand sit after the last list item of their section, its subsections included
/// (`Papers / LLM` ends after `Papers / LLM / LLM inference`), or at the end of the list, sharing
/// that item's position; `items` orders them after it. Rerun after every import.
pub(super) fn place_manual_items(conn: &Connection) -> rusqlite::Result<()> {
    // A section's path is a JSON array; its subsections' paths start with it minus its `]`,
    // then a comma: `["Papers","LLM"]` → `["Papers","LLM",…`.
    conn.execute(
        "UPDATE items SET position = COALESCE(
             (SELECT max(l.position) FROM items l
              WHERE l.origin = 'list' AND l.removed = 0 AND l.section_id IN (
                  SELECT ls.id FROM sections ls, sections ms
                  WHERE ms.id = items.section_id AND ms.path <> '[]'
                    AND (ls.id = ms.id OR substr(ls.path, 1, length(ms.path))
                         = substr(ms.path, 1, length(ms.path) - 1) || ','))),
             (SELECT max(l.position) FROM items l WHERE l.origin = 'list'),
             0)
         WHERE origin = 'manual'",
        [],
    )?;
    Ok(())
}

const EXPORT_ITEM_ORDER: &str = "i.position, i.origin = 'manual', i.added, i.id";

/// Reads items in list order with their events and memberships, and hands each item to `each`.
/// Three queries in the same order, merged: events and memberships come sorted by their item's
/// list position, so each item's follow the previous item's and nothing is gathered but one
/// item's.
fn each_export_item<E: From<rusqlite::Error>>(
    conn: &Connection,
    mut each: impl FnMut(ExportItem) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut items = conn.prepare(&format!(
        "SELECT i.id, i.slug, i.title, s.path, i.position, i.kind, i.url, i.links, i.venue, i.year,
         i.source_line, i.origin, i.removed, i.list_checked, i.key
         FROM items i JOIN sections s ON s.id = i.section_id ORDER BY {EXPORT_ITEM_ORDER}"
    ))?;
    let mut events = conn.prepare(&format!(
        "SELECT e.id, e.item_id, e.kind, e.at, e.note, e.undoes, e.rating, e.spent_s, e.supersedes,
                e.uid
         FROM events e JOIN items i ON i.id = e.item_id ORDER BY {EXPORT_ITEM_ORDER}, e.id"
    ))?;
    let mut memberships = conn.prepare(&super::lists::export_memberships_sql(EXPORT_ITEM_ORDER))?;
    let mut events = events.query_map([], export_event)?.peekable();
    let mut memberships = memberships
        .query_map([], super::lists::export_membership)?
        .peekable();
    for item in items.query_map([], export_item)? {
        let mut item = item?;
        take_rows_of(item.id, &mut events, &mut item.events)?;
        take_rows_of(item.id, &mut memberships, &mut item.memberships)?;
        each(item)?;
    }
    Ok(())
}

/// Moves the leading rows of `rows` that belong to `item_id` into `into`. A read error is taken
/// too, and returned, rather than being mistaken for the end of the item's rows.
fn take_rows_of<T>(
    item_id: i64,
    rows: &mut std::iter::Peekable<impl Iterator<Item = rusqlite::Result<(i64, T)>>>,
    into: &mut Vec<T>,
) -> rusqlite::Result<()> {
    while let Some(row) = rows.next_if(|row| row.as_ref().map_or(true, |(id, _)| *id == item_id)) {
        into.push(row?.1);
    }
    Ok(())
}

fn export_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<ExportItem> {
    let f = Fields::new(r, "items", 0)?;
    Ok(ExportItem {
        id: f.id(),
        slug: f.get(1)?,
        title: f.get(2)?,
        section: f.json(3, decode::section_path)?,
        position: f.get(4)?,
        kind: f.get(5)?,
        url: f.get(6)?,
        links: f.json(7, decode::links)?,
        venue: f.get(8)?,
        year: f.get(9)?,
        source_line: f.get(10)?,
        origin: f.get(11)?,
        removed: f.get(12)?,
        list_checked: f.get(13)?,
        key: f.get(14)?,
        memberships: Vec::new(),
        events: Vec::new(),
    })
}

/// An event and the id of its item.
fn export_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, ExportEvent)> {
    let f = Fields::new(r, "events", 0)?;
    Ok((
        f.get(1)?,
        ExportEvent {
            id: f.id(),
            kind: f.get(2)?,
            at: f.required_time(3)?,
            note: f.get(4)?,
            undoes: f.get(5)?,
            rating: f.get(6)?,
            spent_s: f.get(7)?,
            supersedes: f.get(8)?,
            uid: f.get(9)?,
        },
    ))
}

fn write_document(conn: &Connection, doc: &Document, now: DateTime<Utc>) -> rusqlite::Result<()> {
    let mut sections = SectionIds::load(conn)?;
    let mut insert_item = conn.prepare(
        "INSERT INTO items (id, slug, title, section_id, position, kind, url, links, venue, year,
         source_line, origin, removed, list_checked)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for item in &doc.items {
        let section_id = sections.id_for(conn, &item.section)?;
        insert_item.execute(params![
            item.id,
            item.slug,
            item.title,
            section_id,
            item.position,
            item.kind.as_str(),
            item.url,
            serde_json::to_string(&item.links).unwrap_or_else(|_| "[]".into()),
            item.venue,
            item.year,
            item.source_line,
            item.origin,
            item.removed,
            item.list_checked
        ])?;
        if let Some(key) = item.key.as_deref().filter(|k| !k.is_empty()) {
            super::ids::set_key(conn, item.id, key)?;
        }
    }
    // Events in the order they were recorded, so that `undoes` always names an earlier row.
    let mut all: Vec<(i64, &ExportEvent)> = doc
        .items
        .iter()
        .flat_map(|i| i.events.iter().map(move |e| (i.id, e)))
        .collect();
    all.sort_by_key(|(_, e)| e.id);
    // The whole history is one restore command: plain `undo` never reverts it.
    let command = super::events::insert_command(
        conn,
        &super::NewCommand {
            origin: crate::history::Origin::Restore,
            verb: "restore",
            at: now,
        },
        None,
    )?;
    // The restored history is this new database's own: new ids, this device's.
    let mut insert_event = conn.prepare(&format!(
        "INSERT INTO events (id, item_id, kind, at, note, undoes, command_id, rating, spent_s,
                             supersedes, uid, device)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, {})",
        super::ids::DEVICE
    ))?;
    for (item_id, e) in all {
        insert_event.execute(params![
            e.id,
            item_id,
            e.kind.as_str(),
            format_time(e.at),
            e.note,
            e.undoes,
            command,
            e.rating,
            e.spent_s,
            e.supersedes,
            e.uid.clone().unwrap_or_else(super::ids::new_uid)
        ])?;
    }
    if let Some(source) = &doc.list_source {
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('list_source', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [source],
        )?;
    }
    super::lists::restore_lists(conn, doc, now)?;
    for item in &doc.items {
        super::events::refresh_state(conn, item.id)?;
        // Items added by hand travel to other devices as snapshots of their fields.
        super::changes::record(conn, item.id, now)?;
    }
    Ok(())
}
