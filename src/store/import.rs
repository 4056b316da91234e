//! Importing a parsed list: matching it against the stored items and writing the changes.

use super::items::{SectionIds, parse_links};
use super::{Result, Store, StoreError, format_time};
use crate::history::Origin;
use crate::markdown::ParsedItem;
use crate::model::Kind;
use crate::sync::{self, Action, Existing, Summary};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior, params};

impl Store {
    /// Imports a parsed list in one transaction and returns what changed. With `dry_run`
    /// nothing is written.
    pub(crate) fn import(
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
    pub(crate) fn import_stream(
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
        super::events::mark_done_from_list(self.conn, &self.checked, Origin::Import, now)?;
        super::transfer::place_manual_items(self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;
    use crate::store::ItemFilter;

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
        let items = parse(crate::seed::SEED);
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
        let items = parse(crate::seed::SEED);
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
                year: None,
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
