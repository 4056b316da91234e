//! Importing a parsed list: matching it against the stored items and writing the changes.

use super::decode::{self, Fields};
use super::items::SectionIds;
use super::lists::{self, ListSource};
use super::{Result, Store, StoreError, format_time};
use crate::history::Origin;
use crate::markdown::gathered::Gathered;
use crate::markdown::{ListDates, ParsedItem};
use crate::sync::{self, Action, Changes, Existing, LinksDigest, Summary};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior, params};

/// What an import did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// The name of the list.
    pub list: String,
    /// How many items the list has.
    pub count: usize,
    pub summary: Summary,
    /// Item by item; empty for the first import into an empty database, where all are added.
    pub changes: Changes,
    /// Items done here whose box the list no longer ticks (see `sync::unticked`).
    pub unticked: Vec<String>,
}

impl Imported {
    /// Adds another list's import to this one (for one JSON document over several lists).
    pub(crate) fn add(&mut self, other: Imported) {
        self.count += other.count;
        self.summary.added += other.summary.added;
        self.summary.updated += other.summary.updated;
        self.summary.unchanged += other.summary.unchanged;
        self.summary.removed += other.summary.removed;
        self.changes.added.extend(other.changes.added);
        self.changes.updated.extend(other.changes.updated);
        self.changes.removed.extend(other.changes.removed);
        self.changes.unchanged += other.changes.unchanged;
        self.unticked.extend(other.unticked);
    }
}

/// What an import reads: items as a parser hands them on, or a whole list packed already.
enum Input<I> {
    Stream(I),
    /// The list, and an empty stream in its place.
    Packed(Gathered, I),
}

/// How an import runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportRun {
    /// `import --dry-run`: plans and writes nothing.
    DryRun,
    /// Writes, the dones of ticked boxes as a command of this origin: `Import` for
    /// `mlpath import` and the seed, `Refresh` for the re-import of a changed file.
    Write(Origin),
}

impl Store {
    /// Imports a parsed list in one transaction and returns what changed. With `dry_run`
    /// nothing is written.
    pub(crate) fn import(
        &mut self,
        parsed: &[ParsedItem],
        source: &ListSource,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<Imported> {
        let run = match dry_run {
            true => ImportRun::DryRun,
            false => ImportRun::Write(Origin::Import),
        };
        self.import_stream(parsed.iter().cloned().map(Ok), source, now, run)
    }

    /// Imports items as they arrive (from a parser on another thread, say) in one transaction,
    /// and returns what changed. Into a database without items they are written as they come;
    /// otherwise they are all gathered first, and only then is the write lock taken to match
    /// and write them, so that other mlpath commands never wait for a parse; a dry run never
    /// takes it. A list without items is refused (`StoreError::NoItems`), and an error in the
    /// stream rolls everything back.
    ///
    /// The list is recorded (or its record updated); items of other lists are never removed,
    /// and an item is removed (hidden) only when no list holds it any more.
    pub(crate) fn import_stream(
        &mut self,
        items: impl IntoIterator<Item = Result<ParsedItem>>,
        source: &ListSource,
        now: DateTime<Utc>,
        run: ImportRun,
    ) -> Result<Imported> {
        self.import_from(Input::Stream(items.into_iter()), source, now, run)
    }

    /// Whether an import into this database gathers the whole list before it writes (a dry
    /// run, or a database with items to match): then nothing is gained by parsing on another
    /// thread, and `import_packed` takes the list.
    pub(crate) fn import_gathers(&self, run: ImportRun) -> Result<bool> {
        Ok(run == ImportRun::DryRun
            || has_items(&self.conn).map_err(|e| self.classify(e, "reading items"))?)
    }

    /// Imports a whole list packed as it was parsed (see `import_gathers`).
    pub(crate) fn import_packed(
        &mut self,
        packed: Gathered,
        source: &ListSource,
        now: DateTime<Utc>,
        run: ImportRun,
    ) -> Result<Imported> {
        let none = std::iter::empty::<Result<ParsedItem>>();
        self.import_from(Input::Packed(packed, none), source, now, run)
    }

    fn import_from<I: Iterator<Item = Result<ParsedItem>>>(
        &mut self,
        input: Input<I>,
        source: &ListSource,
        now: DateTime<Utc>,
        run: ImportRun,
    ) -> Result<Imported> {
        let (dry_run, origin) = match run {
            ImportRun::DryRun => (true, Origin::Import),
            ImportRun::Write(origin) => (false, origin),
        };
        let path = self.display_path();
        let fail = |doing: &'static str| {
            let path = path.clone();
            move |e| StoreError::classify(e, &path, doing)
        };
        // Only an import into a database without items writes as it parses; any other is
        // gathered before a lock is taken (and before the stored items are read, so that the
        // parser's memory is gone by the time both are held).
        let fresh = !dry_run && !has_items(&self.conn).map_err(fail("reading items"))?;
        let cannot = |e: serde_json::Error| {
            StoreError::Invalid(format!("cannot hold the parsed list in memory: {e}"))
        };
        let (mut items, packed) = match input {
            Input::Stream(items) => (items, None),
            Input::Packed(packed, none) => (none, Some(packed)),
        };
        let mut gathered = None;
        if !fresh || packed.is_some() {
            let packed = match packed {
                Some(packed) => packed,
                None => {
                    // Packed while the parser still holds its document; values once it is done.
                    let mut packed = Gathered::default();
                    for item in items.by_ref() {
                        packed.push(&item?).map_err(cannot)?;
                    }
                    packed
                }
            };
            if packed.is_empty() {
                return Err(StoreError::NoItems);
            }
            gathered = Some(packed.into_items().map_err(cannot)?);
        }
        // A dry run plans in a read transaction: one snapshot, and never a writer's wait.
        let behavior = match dry_run {
            true => TransactionBehavior::Deferred,
            false => TransactionBehavior::Immediate,
        };
        let tx = self
            .conn
            .transaction_with_behavior(behavior)
            .map_err(fail("starting the import"))?;
        // Plan inside the write lock so that a concurrent import cannot slip in between.
        let known = lists::list_by_path(&tx, &source.path).map_err(fail("reading lists"))?;
        if known.is_none() && !source.seeded && !dry_run {
            lists::drop_untouched_seed(&tx).map_err(fail("replacing the built-in list"))?;
        }
        check_name(&tx, known.as_ref(), source)?;
        // A new list comes after every recorded one.
        let list_id = known.as_ref().map_or(i64::MAX, |l| l.id);
        let sections = SectionIds::load(&tx).map_err(fail("reading sections"))?;
        let existing = existing_for_sync(&tx, &sections, list_id).map_err(fail("reading items"))?;
        let mut imported = Imported {
            list: if source.named || known.is_none() {
                source.name.clone()
            } else {
                known.as_ref().map(|l| l.name.clone()).unwrap_or_default()
            },
            ..Imported::default()
        };
        if existing.is_empty() && !dry_run {
            let list_id =
                lists::record_list(&tx, None, source, now).map_err(fail("recording the list"))?;
            let mut writer =
                Writer::new(&tx, sections, list_id).map_err(fail("writing the import"))?;
            let items: Box<dyn Iterator<Item = Result<ParsedItem>>> = match gathered {
                Some(parsed) => Box::new(parsed.into_iter().map(Ok)),
                None => Box::new(items),
            };
            for item in items {
                let item = item?;
                imported.count += 1;
                let action = Action::Insert {
                    slug: item.slug.clone(),
                };
                writer
                    .write(imported.count as i64, &action, &item)
                    .map_err(fail("writing the import"))?;
            }
            if imported.count == 0 {
                return Err(StoreError::NoItems);
            }
            writer
                .finish(&[], origin, now)
                .map_err(fail("writing the import"))?;
            imported.summary.added = imported.count;
        } else {
            // Gathered already, unless another import filled the database since the check.
            let parsed: Vec<ParsedItem> = match gathered {
                Some(parsed) => parsed,
                None => items.collect::<Result<_>>()?,
            };
            if parsed.is_empty() {
                return Err(StoreError::NoItems);
            }
            let plan = sync::plan(&existing, &parsed);
            imported.count = parsed.len();
            imported.summary = plan.summary.clone();
            imported.changes = sync::account(&existing, &parsed, &plan);
            imported.unticked = sync::unticked(&existing, &parsed, &plan);
            if dry_run {
                return Ok(imported);
            }
            let list_id = lists::record_list(&tx, known.as_ref(), source, now)
                .map_err(fail("recording the list"))?;
            let mut writer =
                Writer::new(&tx, sections, list_id).map_err(fail("writing the import"))?;
            for (index, (action, item)) in plan.actions.iter().zip(&parsed).enumerate() {
                writer
                    .write(index as i64 + 1, action, item)
                    .map_err(fail("writing the import"))?;
            }
            writer
                .finish(&plan.remove, origin, now)
                .map_err(fail("writing the import"))?;
        }
        // The newest import is still "the list" for what reads one source (`open`, `where`).
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('list_source', ?1), ('list_imported_at', ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![source.path, format_time(now)],
        )
        .map_err(fail("recording the list source"))?;
        tx.commit().map_err(fail("committing the import"))?;
        Ok(imported)
    }
}

fn has_items(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM items)", [], |r| r.get(0))
}

/// A new list may not take the name of another recorded list.
fn check_name(
    conn: &Connection,
    known: Option<&lists::ListRecord>,
    source: &ListSource,
) -> Result<()> {
    if known.is_some() && !source.named {
        return Ok(());
    }
    let other = lists::list_by_name(conn, &source.name)
        .map_err(StoreError::sql("reading lists"))?
        .filter(|other| Some(other.id) != known.map(|k| k.id));
    match other {
        Some(other) => Err(StoreError::Invalid(format!(
            "a list named '{}' is already recorded ({}); pass --name NAME to import this one under another name",
            source.name, other.path
        ))),
        None => Ok(()),
    }
}

fn existing_for_sync(
    conn: &Connection,
    sections: &SectionIds,
    list_id: i64,
) -> rusqlite::Result<Vec<Existing>> {
    // One shared path per section, not one copy per item.
    let paths: std::collections::HashMap<i64, std::rc::Rc<[String]>> = sections
        .paths()
        .iter()
        .map(|(id, path)| (*id, path.as_slice().into()))
        .collect();
    // An item's place is its place in this list when the list holds it.
    let mut stmt = conn.prepare(
        "SELECT i.id, i.slug, i.title, COALESCE(m.section_id, i.section_id),
         COALESCE(m.position, i.position), i.kind, i.url, i.links, i.venue, i.year,
         CASE WHEN m.item_id IS NULL THEN i.source_line ELSE m.line END,
         i.origin, i.removed, i.list_checked, m.item_id IS NOT NULL,
         EXISTS (SELECT 1 FROM memberships o WHERE o.item_id = i.id AND o.list_id <> ?1),
         i.status, i.last_event_at IS NOT NULL,
         NOT EXISTS (SELECT 1 FROM memberships o WHERE o.item_id = i.id AND o.list_id < ?1)
         FROM items i LEFT JOIN memberships m ON m.item_id = i.id AND m.list_id = ?1",
    )?;
    let rows = stmt.query_map([list_id], |r| {
        let f = Fields::new(r, "items", 0)?;
        Ok(Existing {
            id: f.id(),
            slug: f.get(1)?,
            title: f.get(2)?,
            // The foreign keys on section_id make every item's section one of these.
            section: paths
                .get(&f.get::<i64>(3)?)
                .cloned()
                .unwrap_or_else(|| [].into()),
            position: f.get(4)?,
            kind: f.get(5)?,
            url: f.get(6)?,
            links: LinksDigest::of(&f.json(7, decode::links)?),
            venue: f.get(8)?,
            year: f.get(9)?,
            line: f.get(10)?,
            manual: f.get::<String>(11)? == "manual",
            removed: f.get(12)?,
            list_checked: f.get(13)?,
            in_list: f.get(14)?,
            elsewhere: f.get(15)?,
            status: f.get(16)?,
            has_events: f.get(17)?,
            owner: f.get(18)?,
        })
    })?;
    // Sized once: doubling a vector of every stored item would leave up to half of it unused.
    let count: i64 = conn.query_row("SELECT COUNT(*) FROM items", [], |r| r.get(0))?;
    let mut existing = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    for row in rows {
        existing.push(row?);
    }
    Ok(existing)
}

/// Writes imported items in list order, then their `[x]` done marks and the removals.
struct Writer<'t> {
    conn: &'t Connection,
    insert: rusqlite::CachedStatement<'t>,
    update: rusqlite::CachedStatement<'t>,
    member: rusqlite::CachedStatement<'t>,
    join: rusqlite::CachedStatement<'t>,
    sections: SectionIds,
    checked: Vec<(i64, ListDates)>,
    list_id: i64,
}

impl<'t> Writer<'t> {
    fn new(
        conn: &'t Connection,
        sections: SectionIds,
        list_id: i64,
    ) -> rusqlite::Result<Writer<'t>> {
        Ok(Writer {
            conn,
            member: conn.prepare_cached(
                "INSERT INTO memberships (list_id, item_id, section_id, position, line)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (list_id, item_id) DO UPDATE SET
                 section_id = excluded.section_id, position = excluded.position, line = excluded.line",
            )?,
            // A new item cannot be in the list yet: a plain insert. With foreign keys on, an
            // upsert needs a statement journal (a temporary file): 3.5 writes of 16 KiB per item.
            join: conn.prepare_cached(
                "INSERT INTO memberships (list_id, item_id, section_id, position, line)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            list_id,
            insert: conn.prepare_cached(
                "INSERT INTO items (slug, title, section_id, position, kind, url, venue, year,
                 source_line, list_checked, links) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            update: conn.prepare_cached(
                "UPDATE items SET title = ?2, section_id = ?3, position = ?4, kind = ?5, url = ?6,
                 venue = ?7, year = ?8, source_line = ?9, list_checked = ?10, links = ?11, removed = 0,
                 origin = 'list'
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
                own,
                ..
            } => {
                if *newly_checked {
                    self.checked.push((*id, item.dates));
                }
                if !*rewrite {
                    return Ok(());
                }
                if !*own {
                    // Another list gives the item its content: only its place here changes.
                    let section = self.sections.id_for(self.conn, &item.section)?;
                    self.member.execute(params![
                        self.list_id,
                        id,
                        section,
                        position,
                        item.line as i64
                    ])?;
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
        let item_id = id.unwrap_or_else(|| self.conn.last_insert_rowid());
        if id.is_none() && checked {
            self.checked.push((item_id, item.dates));
        }
        let membership = match id {
            None => &mut self.join,
            Some(_) => &mut self.member,
        };
        membership.execute(params![
            self.list_id,
            item_id,
            section,
            position,
            item.line as i64
        ])?;
        Ok(())
    }

    /// Takes the items this list no longer holds out of it (hiding those no list holds), marks
    /// `[x]` items done, and places every item.
    fn finish(self, remove: &[i64], origin: Origin, now: DateTime<Utc>) -> rusqlite::Result<()> {
        let mut leave = self
            .conn
            .prepare_cached("DELETE FROM memberships WHERE list_id = ?1 AND item_id = ?2")?;
        for id in remove {
            leave.execute([self.list_id, *id])?;
        }
        lists::hide_orphans(self.conn, remove)?;
        super::events::mark_done_from_list(self.conn, &self.checked, origin, now)?;
        lists::place_items(self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;
    use crate::store::ItemFilter;
    use crate::store::ListSource;

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
                .import_stream(
                    broken(),
                    &ListSource::for_test("t"),
                    Utc::now(),
                    ImportRun::Write(Origin::Import)
                )
                .is_err()
        );
        assert_eq!(count(&empty), 0, "streamed inserts are rolled back");
        let mut seeded = Store::open_in_memory().unwrap();
        seeded
            .import(&items, &ListSource::for_test("t"), Utc::now(), false)
            .unwrap();
        assert!(
            seeded
                .import_stream(
                    broken(),
                    &ListSource::for_test("t"),
                    Utc::now(),
                    ImportRun::Write(Origin::Import)
                )
                .is_err()
        );
        assert_eq!(
            seeded.items(&ItemFilter::default()).unwrap().len(),
            19,
            "nothing removed"
        );
    }

    /// A second connection to the same file that gives up at once when the database is locked.
    fn other_writer(path: &std::path::Path) -> Connection {
        let conn = Connection::open(path).unwrap();
        conn.busy_timeout(std::time::Duration::ZERO).unwrap();
        conn
    }

    #[test]
    fn a_reimport_reads_the_whole_list_before_taking_the_write_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let items = parse(crate::seed::SEED);
        let source = ListSource::for_test("t");
        let mut store = Store::open(&path).unwrap();
        store.import(&items, &source, Utc::now(), false).unwrap();
        let other = other_writer(&path);
        let mut free_while_parsing = Vec::new();
        let stream = items.iter().cloned().map(|item| {
            // Another writer can take the lock while the list is still being read.
            free_while_parsing.push(other.execute_batch("BEGIN IMMEDIATE; ROLLBACK").is_ok());
            Ok(item)
        });
        let imported = store
            .import_stream(
                stream,
                &source,
                Utc::now(),
                ImportRun::Write(Origin::Import),
            )
            .unwrap();
        assert_eq!((imported.count, imported.summary.unchanged), (19, 19));
        assert_eq!(free_while_parsing, vec![true; 19]);
    }

    #[test]
    fn a_dry_run_works_while_another_connection_holds_the_write_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let items = parse(crate::seed::SEED);
        let source = ListSource::for_test("t");
        let mut store = Store::open(&path).unwrap();
        store
            .import(&items[..10], &source, Utc::now(), false)
            .unwrap();
        let other = other_writer(&path);
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let imported = store.import(&items, &source, Utc::now(), true).unwrap();
        assert_eq!(
            (imported.summary.added, imported.summary.unchanged),
            (9, 10)
        );
        // An empty database, too: a dry run never writes, so it never waits.
        let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
        let holder = other_writer(&dir.path().join("empty.db"));
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        let imported = empty.import(&items, &source, Utc::now(), true).unwrap();
        assert_eq!(imported.summary.added, 19);
        other.execute_batch("ROLLBACK").unwrap();
        holder.execute_batch("ROLLBACK").unwrap();
    }

    #[test]
    fn an_empty_list_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let err = store
            .import_stream(
                std::iter::empty(),
                &ListSource::for_test("t"),
                Utc::now(),
                ImportRun::Write(Origin::Import),
            )
            .unwrap_err();
        assert!(matches!(err, StoreError::NoItems));
        assert!(store.meta("list_source").unwrap().is_none());
    }

    #[test]
    fn streamed_and_planned_imports_write_the_same_rows() {
        let items = parse(crate::seed::SEED);
        let mut streamed = Store::open_in_memory().unwrap();
        streamed
            .import(&items, &ListSource::for_test("t"), Utc::now(), false)
            .unwrap();
        let mut planned = Store::open_in_memory().unwrap();
        // A manual item makes the database non-empty, so the import plans first.
        planned
            .add_item(
                &crate::store::NewItem {
                    slug: "mine".into(),
                    title: "Mine".into(),
                    section: vec![],
                    kind: crate::model::Kind::Other,
                    url: None,
                    venue: None,
                    year: None,
                },
                Utc::now(),
            )
            .unwrap();
        planned
            .import(&items, &ListSource::for_test("t"), Utc::now(), false)
            .unwrap();
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
