//! Items and links: importing a parsed list and reading items back.

use super::report::{SECTION_PATH, parse_section};
use super::{Result, Store, StoreError, format_time, parse_opt_time};
use crate::markdown::ParsedItem;
use crate::model::{Kind, Link, Status};
use crate::state::ItemState;
use crate::sync::{self, Action, Existing, Summary};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
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
    pub line: Option<i64>,
    pub manual: bool,
    pub removed: bool,
    pub state: ItemState,
}

/// Which items to read. Text filters are applied by the caller.
#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    pub include_removed: bool,
    pub statuses: Vec<Status>,
    pub kind: Option<Kind>,
}

fn item_columns() -> String {
    format!(
        "id, slug, title, {SECTION_PATH}, position, kind, url, venue, year, source_line, origin, \
         removed, status, started_at, done_at, reviewed_at, review_count, note_count, last_event_at"
    )
}

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<ItemRow> {
    let section: String = row.get(3)?;
    let kind: String = row.get(5)?;
    let status: String = row.get(12)?;
    Ok(ItemRow {
        id: row.get(0)?,
        slug: row.get(1)?,
        title: row.get(2)?,
        section: parse_section(&section),
        position: row.get(4)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::Other),
        url: row.get(6)?,
        venue: row.get(7)?,
        year: row.get(8)?,
        line: row.get(9)?,
        manual: row.get::<_, String>(10)? == "manual",
        removed: row.get(11)?,
        state: ItemState {
            status: Status::parse(&status).unwrap_or(Status::Todo),
            started_at: parse_opt_time(row.get(13)?)?,
            done_at: parse_opt_time(row.get(14)?)?,
            reviewed_at: parse_opt_time(row.get(15)?)?,
            review_count: row.get(16)?,
            note_count: row.get(17)?,
            last_event_at: parse_opt_time(row.get(18)?)?,
        },
    })
}

impl Store {
    /// True when the database has never had a list imported nor an item added.
    pub fn is_empty(&self) -> Result<bool> {
        let any: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM items LIMIT 1", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.classify(e, "counting items"))?;
        Ok(any.is_none() && self.meta("list_source")?.is_none())
    }

    /// Items in list order.
    pub fn items(&self, filter: &ItemFilter) -> Result<Vec<ItemRow>> {
        query_items(&self.conn, filter).map_err(|e| self.classify(e, "listing items"))
    }

    pub fn item_by_id(&self, id: i64) -> Result<Option<ItemRow>> {
        let sql = format!("SELECT {} FROM items WHERE id = ?1", item_columns());
        self.conn
            .query_row(&sql, [id], item_from_row)
            .optional()
            .map_err(|e| self.classify(e, "reading an item"))
    }

    pub fn item_by_slug(&self, slug: &str) -> Result<Option<ItemRow>> {
        let sql = format!("SELECT {} FROM items WHERE slug = ?1", item_columns());
        self.conn
            .query_row(&sql, [slug], item_from_row)
            .optional()
            .map_err(|e| self.classify(e, "reading an item"))
    }

    /// Links of every item, keyed by item id, in order.
    pub fn all_links(&self) -> Result<HashMap<i64, Vec<Link>>> {
        query_all_links(&self.conn).map_err(|e| self.classify(e, "reading links"))
    }

    pub fn links_of(&self, item_id: i64) -> Result<Vec<Link>> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT links FROM items WHERE id = ?1", [item_id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.classify(e, "reading links"))?;
        Ok(text.as_deref().map(parse_links).unwrap_or_default())
    }

    /// Imports a parsed list in one transaction and returns what changed. With `dry_run`
    /// nothing is written.
    pub fn import(
        &mut self,
        parsed: &[ParsedItem],
        source: &str,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<Summary> {
        Ok(self
            .import_stream(parsed.iter().cloned().map(Ok), source, now, dry_run)?
            .1)
    }

    /// Imports items as they arrive (from a parser on another thread, say) in one transaction,
    /// and returns how many there were and what changed. Into a database without items they
    /// are written as they come; otherwise they are gathered and matched first. A list without
    /// items is refused (`StoreError::NoItems`), and an error in the stream rolls everything back.
    pub fn import_stream(
        &mut self,
        items: impl IntoIterator<Item = Result<ParsedItem>>,
        source: &str,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<(usize, Summary)> {
        let path = self.display_path();
        let fail = |doing: &'static str| {
            let path = path.clone();
            move |e| StoreError::classify(e, &path, doing)
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail("starting the import"))?;
        // Plan inside the write lock so that a concurrent import cannot slip in between.
        let sections = SectionIds::load(&tx).map_err(fail("reading sections"))?;
        let existing = existing_for_sync(&tx, &sections).map_err(fail("reading items"))?;
        let (count, summary) = if existing.is_empty() && !dry_run {
            let mut writer = Writer::new(&tx, sections).map_err(fail("writing the import"))?;
            let mut count = 0;
            for item in items {
                let item = item?;
                count += 1;
                let action = Action::Insert {
                    slug: item.slug.clone(),
                };
                writer
                    .write(count as i64, &action, &item)
                    .map_err(fail("writing the import"))?;
            }
            if count == 0 {
                return Err(StoreError::NoItems);
            }
            writer
                .finish(&[], now)
                .map_err(fail("writing the import"))?;
            (
                count,
                Summary {
                    added: count,
                    ..Summary::default()
                },
            )
        } else {
            let parsed: Vec<ParsedItem> = items.into_iter().collect::<Result<_>>()?;
            if parsed.is_empty() {
                return Err(StoreError::NoItems);
            }
            let plan = sync::plan(&existing, &parsed);
            if dry_run {
                return Ok((parsed.len(), plan.summary));
            }
            let mut writer = Writer::new(&tx, sections).map_err(fail("writing the import"))?;
            for (index, (action, item)) in plan.actions.iter().zip(&parsed).enumerate() {
                writer
                    .write(index as i64 + 1, action, item)
                    .map_err(fail("writing the import"))?;
            }
            writer
                .finish(&plan.remove, now)
                .map_err(fail("writing the import"))?;
            (parsed.len(), plan.summary)
        };
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('list_source', ?1), ('list_imported_at', ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![source, format_time(now)],
        )
        .map_err(fail("recording the list source"))?;
        tx.commit().map_err(fail("committing the import"))?;
        Ok((count, summary))
    }
}

fn query_items(conn: &Connection, filter: &ItemFilter) -> rusqlite::Result<Vec<ItemRow>> {
    let mut sql = format!("SELECT {} FROM items WHERE 1 = 1", item_columns());
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
    sql.push_str(" ORDER BY position, origin = 'manual', id");
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map([], item_from_row)?.collect()
}

fn query_all_links(conn: &Connection) -> rusqlite::Result<HashMap<i64, Vec<Link>>> {
    let mut stmt = conn.prepare("SELECT id, links FROM items")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, parse_links(&r.get::<_, String>(1)?)))
    })?;
    rows.collect()
}

fn parse_links(text: &str) -> Vec<Link> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Section ids by path, created on demand while an import or an added item writes.
pub(super) struct SectionIds {
    ids: HashMap<String, i64>,
}

impl SectionIds {
    pub(super) fn load(conn: &Connection) -> rusqlite::Result<SectionIds> {
        let mut stmt = conn.prepare("SELECT path, id FROM sections")?;
        let ids = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(SectionIds { ids })
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
        Ok(id)
    }

    /// Paths by id, each parsed once.
    fn paths(&self) -> HashMap<i64, Vec<String>> {
        self.ids
            .iter()
            .map(|(path, &id)| (id, parse_section(path)))
            .collect()
    }
}

fn existing_for_sync(conn: &Connection, sections: &SectionIds) -> rusqlite::Result<Vec<Existing>> {
    let paths = sections.paths();
    let mut stmt = conn.prepare(
        "SELECT id, slug, title, section_id, position, kind, url, links, venue, year, source_line,
         origin, removed, list_checked FROM items",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Existing {
            id: r.get(0)?,
            slug: r.get(1)?,
            title: r.get(2)?,
            section: paths.get(&r.get::<_, i64>(3)?).cloned().unwrap_or_default(),
            position: r.get(4)?,
            kind: Kind::parse(&r.get::<_, String>(5)?).unwrap_or(Kind::Other),
            url: r.get(6)?,
            links: parse_links(&r.get::<_, String>(7)?),
            venue: r.get(8)?,
            year: r.get(9)?,
            line: r.get(10)?,
            manual: r.get::<_, String>(11)? == "manual",
            removed: r.get(12)?,
            list_checked: r.get(13)?,
        })
    })?;
    rows.collect()
}

/// Writes imported items in list order, then their `[x]` done marks and the removals.
struct Writer<'t> {
    conn: &'t Connection,
    insert: rusqlite::CachedStatement<'t>,
    update: rusqlite::CachedStatement<'t>,
    sections: SectionIds,
    checked: Vec<i64>,
}

impl<'t> Writer<'t> {
    fn new(conn: &'t Connection, sections: SectionIds) -> rusqlite::Result<Writer<'t>> {
        Ok(Writer {
            conn,
            insert: conn.prepare_cached(
                "INSERT INTO items (slug, title, section_id, position, kind, url, venue, year,
                 source_line, list_checked, links) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            update: conn.prepare_cached(
                "UPDATE items SET title = ?2, section_id = ?3, position = ?4, kind = ?5, url = ?6,
                 venue = ?7, year = ?8, source_line = ?9, list_checked = ?10, links = ?11, removed = 0
                 WHERE id = ?1",
            )?,
            sections,
            checked: Vec::new(),
        })
    }

    fn write(&mut self, position: i64, action: &Action, item: &ParsedItem) -> rusqlite::Result<()> {
        let checked = item.checked == Some(true);
        let (stmt, key, id): (
            &mut rusqlite::CachedStatement<'t>,
            &dyn rusqlite::ToSql,
            Option<i64>,
        ) = match action {
            Action::Insert { slug } => (&mut self.insert, slug, None),
            Action::Update {
                id,
                rewrite,
                newly_checked,
                ..
            } => {
                if *newly_checked {
                    self.checked.push(*id);
                }
                if !*rewrite {
                    return Ok(());
                }
                (&mut self.update, id, Some(*id))
            }
        };
        let section = self.sections.id_for(self.conn, &item.section)?;
        let links = serde_json::to_string(&item.links).unwrap_or_else(|_| "[]".into());
        stmt.execute(params![
            key,
            item.title,
            section,
            position,
            item.kind.as_str(),
            item.url,
            item.venue,
            item.year,
            item.line as i64,
            checked,
            links
        ])?;
        if id.is_none() && checked {
            self.checked.push(self.conn.last_insert_rowid());
        }
        Ok(())
    }

    fn finish(self, remove: &[i64], now: DateTime<Utc>) -> rusqlite::Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("UPDATE items SET removed = 1 WHERE id = ?1")?;
        for id in remove {
            stmt.execute([id])?;
        }
        for id in self.checked {
            super::events::mark_done_from_list(self.conn, id, now)?;
        }
        super::transfer::place_manual_items(self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn count(store: &Store) -> usize {
        store
            .items(&ItemFilter {
                include_removed: true,
                ..ItemFilter::default()
            })
            .unwrap()
            .len()
    }

    #[test]
    fn a_stream_that_fails_midway_writes_nothing() {
        let items = parse(crate::context::SEED);
        let broken = || {
            items
                .iter()
                .take(5)
                .cloned()
                .map(Ok)
                .chain([Err(StoreError::Invalid("parser crashed".into()))])
        };
        let mut empty = Store::open_in_memory().unwrap();
        assert!(
            empty
                .import_stream(broken(), "t", Utc::now(), false)
                .is_err()
        );
        assert_eq!(count(&empty), 0, "streamed inserts are rolled back");
        let mut seeded = Store::open_in_memory().unwrap();
        seeded.import(&items, "t", Utc::now(), false).unwrap();
        assert!(
            seeded
                .import_stream(broken(), "t", Utc::now(), false)
                .is_err()
        );
        assert_eq!(
            seeded.items(&ItemFilter::default()).unwrap().len(),
            19,
            "nothing removed"
        );
    }

    #[test]
    fn an_empty_list_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let err = store
            .import_stream(std::iter::empty(), "t", Utc::now(), false)
            .unwrap_err();
        assert!(matches!(err, StoreError::NoItems));
        assert!(store.meta("list_source").unwrap().is_none());
    }

    #[test]
    fn streamed_and_planned_imports_write_the_same_rows() {
        let items = parse(crate::context::SEED);
        let mut streamed = Store::open_in_memory().unwrap();
        streamed.import(&items, "t", Utc::now(), false).unwrap();
        let mut planned = Store::open_in_memory().unwrap();
        // A manual item makes the database non-empty, so the import plans first.
        planned
            .add_item(&crate::store::NewItem {
                slug: "mine".into(),
                title: "Mine".into(),
                section: vec![],
                kind: crate::model::Kind::Other,
                url: None,
                venue: None,
            })
            .unwrap();
        planned.import(&items, "t", Utc::now(), false).unwrap();
        let rows = |s: &Store| -> Vec<(String, Vec<String>, i64)> {
            s.items(&ItemFilter::default())
                .unwrap()
                .into_iter()
                .filter(|i| !i.manual)
                .map(|i| (i.slug, i.section, i.position))
                .collect()
        };
        assert_eq!(rows(&streamed), rows(&planned));
    }
}
