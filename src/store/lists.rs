//! Recorded list files and where each item stands in them (memberships).

use super::decode::Fields;
use super::{Result, Store, StoreError, format_time};
use crate::export::{Document, ExportList, ExportMembership};
use crate::model::Status;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// A list file as it is now, about to be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ListSource {
    /// The real path (symlinks resolved), or `embedded:…` for the built-in list.
    pub path: String,
    /// The name a new list gets: the file's H1, else its file name.
    pub name: String,
    /// Whether `name` was given by the user (`import --name`): it renames a recorded list too.
    pub named: bool,
    pub size: Option<i64>,
    pub mtime_ns: Option<i64>,
    pub hash: Option<String>,
    /// The built-in list seeded into a new database.
    pub seeded: bool,
}

#[cfg(test)]
impl ListSource {
    /// A list file at `path` named after it, for tests.
    pub(crate) fn for_test(path: &str) -> ListSource {
        ListSource {
            path: path.into(),
            name: path.into(),
            named: false,
            size: None,
            mtime_ns: None,
            hash: None,
            seeded: false,
        }
    }
}

/// A list the database follows.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRecord {
    pub id: i64,
    pub name: String,
    pub path: String,
    pub size: Option<i64>,
    pub mtime_ns: Option<i64>,
    pub hash: Option<String>,
    pub imported_at: DateTime<Utc>,
    pub seeded: bool,
}

impl ListRecord {
    /// Whether the list is a file on disk (not the embedded built-in list).
    pub fn is_file(&self) -> bool {
        !self.path.starts_with("embedded:")
    }
}

/// A list with its item counts, for `mlpath lists`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListCounts {
    pub list: ListRecord,
    pub items: i64,
    pub done: i64,
    pub skipped: i64,
}

/// What `remove_list` did.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRemoved {
    /// The items no list holds any more that had events, with their status.
    pub hidden: Vec<(String, Status)>,
    /// The lists that now name items the removed list named (their title, kind, links and
    /// venue), which only their files hold: read them again.
    pub heirs: Vec<ListRecord>,
}

/// A place of an item in a list file, for messages that send the user there.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub list: String,
    pub path: String,
    pub line: Option<i64>,
}

const LIST_COLUMNS: &str = "id, name, path, size, mtime_ns, hash, imported_at, seeded";

fn list_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ListRecord> {
    let f = Fields::new(r, "lists", 0)?;
    Ok(ListRecord {
        id: f.id(),
        name: f.get(1)?,
        path: f.get(2)?,
        size: f.get(3)?,
        mtime_ns: f.get(4)?,
        hash: f.get(5)?,
        imported_at: f.required_time(6)?,
        seeded: f.get(7)?,
    })
}

pub(super) fn list_by_path(conn: &Connection, path: &str) -> rusqlite::Result<Option<ListRecord>> {
    conn.query_row(
        &format!("SELECT {LIST_COLUMNS} FROM lists WHERE path = ?1"),
        [path],
        list_from_row,
    )
    .optional()
}

fn list_by_id(conn: &Connection, id: i64) -> rusqlite::Result<Option<ListRecord>> {
    conn.query_row(
        &format!("SELECT {LIST_COLUMNS} FROM lists WHERE id = ?1"),
        [id],
        list_from_row,
    )
    .optional()
}

pub(super) fn list_by_name(conn: &Connection, name: &str) -> rusqlite::Result<Option<ListRecord>> {
    conn.query_row(
        &format!("SELECT {LIST_COLUMNS} FROM lists WHERE name = ?1"),
        [name],
        list_from_row,
    )
    .optional()
}

impl Store {
    /// Every recorded list, oldest first.
    pub fn lists(&self) -> Result<Vec<ListRecord>> {
        let sql = format!("SELECT {LIST_COLUMNS} FROM lists ORDER BY id");
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.classify(e, "reading lists"))?;
        stmt.query_map([], list_from_row)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.classify(e, "reading lists"))
    }

    /// Every list with how many of its items there are, are done (or reviewed) and skipped.
    pub fn list_counts(&self) -> Result<Vec<ListCounts>> {
        let lists = self.lists()?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT count(*),
                        count(*) FILTER (WHERE i.status IN ('done', 'reviewed')),
                        count(*) FILTER (WHERE i.status = 'skipped')
                 FROM memberships m JOIN items i ON i.id = m.item_id WHERE m.list_id = ?1",
            )
            .map_err(|e| self.classify(e, "counting list items"))?;
        lists
            .into_iter()
            .map(|list| {
                let (items, done, skipped) = stmt
                    .query_row([list.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .map_err(|e| self.classify(e, "counting list items"))?;
                Ok(ListCounts {
                    list,
                    items,
                    done,
                    skipped,
                })
            })
            .collect()
    }

    /// Records that a list file was touched without changing (same hash): its new size and
    /// mtime, so the next refresh need not read it again.
    pub fn touch_list(&mut self, id: i64, size: i64, mtime_ns: Option<i64>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE lists SET size = ?2, mtime_ns = ?3 WHERE id = ?1",
                params![id, size, mtime_ns],
            )
            .map_err(|e| self.classify(e, "recording the list file"))?;
        Ok(())
    }

    /// Stops following a list: its items that no other list holds become removed (events kept),
    /// and those another list holds take their place in the first of those lists at once.
    /// Returns what the message needs and the lists to read again (see `ListRemoved`).
    pub fn remove_list(&mut self, name: &str) -> Result<Option<ListRemoved>> {
        let path = self.display_path();
        let fail = |doing| {
            let path = path.clone();
            move |e| StoreError::classify(e, &path, doing)
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail("starting to remove the list"))?;
        let Some(list) = list_by_name(&tx, name).map_err(fail("reading lists"))? else {
            return Ok(None);
        };
        let ids: Vec<i64> = tx
            .prepare("SELECT item_id FROM memberships WHERE list_id = ?1")
            .and_then(|mut s| s.query_map([list.id], |r| r.get(0))?.collect())
            .map_err(fail("reading the list's items"))?;
        let heirs = heirs_of(&tx, list.id).map_err(fail("reading the list's items"))?;
        tx.execute("DELETE FROM lists WHERE id = ?1", [list.id])
            .map_err(fail("removing the list"))?;
        let hidden = hide_orphans(&tx, &ids).map_err(fail("removing the list's items"))?;
        // Even with one list left: its items shared with this one still have this one's place.
        place_all_items(&tx).map_err(fail("placing items"))?;
        let heirs = heirs
            .into_iter()
            .filter_map(|id| list_by_id(&tx, id).transpose())
            .collect::<rusqlite::Result<_>>()
            .map_err(fail("reading lists"))?;
        tx.commit().map_err(fail("committing"))?;
        Ok(Some(ListRemoved { hidden, heirs }))
    }

    /// Whether an earlier list names some of this list's items: their title, kind, links and
    /// venue are that list's, and this list's own are only in its file.
    pub fn list_borrows_names(&self, list_id: i64) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM memberships m JOIN memberships o
                                ON o.item_id = m.item_id AND o.list_id < m.list_id
                                WHERE m.list_id = ?1)",
                [list_id],
                |r| r.get(0),
            )
            .map_err(|e| self.classify(e, "reading memberships"))
    }

    /// Names of the lists that hold each item, in list order.
    pub fn list_names_by_item(&self) -> Result<std::collections::HashMap<i64, Vec<String>>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT m.item_id, l.name FROM memberships m JOIN lists l ON l.id = m.list_id
                 ORDER BY m.list_id",
            )
            .map_err(|e| self.classify(e, "reading memberships"))?;
        let mut names: std::collections::HashMap<i64, Vec<String>> = Default::default();
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.classify(e, "reading memberships"))?;
        for row in rows {
            let (id, name) = row.map_err(|e| self.classify(e, "reading memberships"))?;
            names.entry(id).or_default().push(name);
        }
        Ok(names)
    }

    /// Records that `import FILE` read the list at `path` (its real path) on this machine: its
    /// folder may bound `open`'s relative links. Restore never records this, so a path that came
    /// from an export (`/`, say) widens nothing until the user imports that list themselves.
    pub fn trust_list_folder(&mut self, path: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES ('open_bound:' || ?1, '1')
                 ON CONFLICT (key) DO NOTHING",
                [path],
            )
            .map_err(|e| self.classify(e, "recording the list folder"))?;
        Ok(())
    }

    /// The folders `open` may resolve an item's relative links in: those of its lists that were
    /// imported here (for an item added by hand, of every such list, newest first).
    pub fn open_folders(&self, item_id: i64) -> Result<Vec<std::path::PathBuf>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT l.path FROM lists l JOIN meta ON meta.key = 'open_bound:' || l.path
                 WHERE l.id IN (SELECT list_id FROM memberships WHERE item_id = ?1)
                    OR NOT EXISTS (SELECT 1 FROM memberships WHERE item_id = ?1)
                 ORDER BY l.id IN (SELECT list_id FROM memberships WHERE item_id = ?1) DESC,
                          l.imported_at DESC, l.id",
            )
            .map_err(|e| self.classify(e, "reading lists"))?;
        let paths: Vec<String> = stmt
            .query_map([item_id], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.classify(e, "reading lists"))?;
        Ok(paths
            .iter()
            .filter_map(|p| {
                std::path::Path::new(p)
                    .parent()
                    .map(std::path::Path::to_path_buf)
            })
            .collect())
    }

    /// Where an item stands in each list that holds it (none for an item added by hand).
    pub fn places_of(&self, item_id: i64) -> Result<Vec<Place>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT l.name, l.path, m.line FROM memberships m JOIN lists l ON l.id = m.list_id
                 WHERE m.item_id = ?1 ORDER BY l.id",
            )
            .map_err(|e| self.classify(e, "reading memberships"))?;
        stmt.query_map([item_id], |r| {
            Ok(Place {
                list: r.get(0)?,
                path: r.get(1)?,
                line: r.get(2)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.classify(e, "reading memberships"))
    }
}

/// Marks removed the items among `ids` that no list holds any more (hand-added ones stay), and
/// returns those of them that have history.
pub(super) fn hide_orphans(
    conn: &Connection,
    ids: &[i64],
) -> rusqlite::Result<Vec<(String, Status)>> {
    let mut hide = conn.prepare_cached(
        "UPDATE items SET removed = 1 WHERE id = ?1 AND origin = 'list' AND removed = 0
         AND NOT EXISTS (SELECT 1 FROM memberships WHERE item_id = ?1)
         RETURNING id, slug, status, last_event_at IS NOT NULL",
    )?;
    let mut hidden = Vec::new();
    for id in ids {
        let row: Option<(String, Status, bool)> = hide
            .query_row([id], |r| {
                let f = Fields::new(r, "items", 0)?;
                Ok((f.get(1)?, f.get(2)?, f.get(3)?))
            })
            .optional()?;
        if let Some((slug, status, true)) = row {
            hidden.push((slug, status));
        }
    }
    Ok(hidden)
}

/// The lists that will name the items list `list_id` names and shares: for each such item, the
/// first other list that holds it (the first list that holds an item names it).
fn heirs_of(conn: &Connection, list_id: i64) -> rusqlite::Result<Vec<i64>> {
    conn.prepare(
        "SELECT DISTINCT (SELECT min(o.list_id) FROM memberships o
                          WHERE o.item_id = m.item_id AND o.list_id <> ?1) AS heir
         FROM memberships m
         WHERE m.list_id = ?1 AND heir IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM memberships o
                           WHERE o.item_id = m.item_id AND o.list_id < ?1)
         ORDER BY heir",
    )?
    .query_map([list_id], |r| r.get(0))?
    .collect()
}

/// Gives each listed item the section, position and line of its first list, and numbers the
/// positions across lists in list order, so that every report orders items by one column.
pub(super) fn place_items(conn: &Connection) -> rusqlite::Result<()> {
    let lists: i64 = conn.query_row("SELECT count(*) FROM lists", [], |r| r.get(0))?;
    // With one list, the import wrote each item's place in it already.
    if lists > 1 {
        place_listed_items(conn)?;
    }
    super::transfer::place_manual_items(conn)
}

/// `place_items` even with one list, where an item's place may still be another list's: after
/// that list was removed, or in a restored document.
pub(super) fn place_all_items(conn: &Connection) -> rusqlite::Result<()> {
    place_listed_items(conn)?;
    super::transfer::place_manual_items(conn)
}

fn place_listed_items(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE items SET section_id = p.section_id, position = p.pos, source_line = p.line
             FROM (SELECT item_id, section_id, line,
                          row_number() OVER (ORDER BY list_id, position) AS pos
                   FROM memberships m
                   WHERE list_id = (SELECT min(list_id) FROM memberships o
                                    WHERE o.item_id = m.item_id)) AS p
             WHERE items.id = p.item_id
               AND (items.position <> p.pos OR items.section_id <> p.section_id
                    OR items.source_line IS NOT p.line)",
        [],
    )?;
    Ok(())
}

/// Records a list after an import: a new one is inserted, a known one gets its new file
/// fingerprint (and name, when one was given). Returns its id.
pub(super) fn record_list(
    conn: &Connection,
    known: Option<&ListRecord>,
    source: &ListSource,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    match known {
        Some(list) => {
            conn.execute(
                "UPDATE lists SET size = ?2, mtime_ns = ?3, hash = ?4, imported_at = ?5,
                 name = CASE WHEN ?6 THEN ?7 ELSE name END WHERE id = ?1",
                params![
                    list.id,
                    source.size,
                    source.mtime_ns,
                    source.hash,
                    format_time(now),
                    source.named,
                    source.name
                ],
            )?;
            Ok(list.id)
        }
        None => {
            conn.execute(
                "INSERT INTO lists (name, path, size, mtime_ns, hash, imported_at, seeded)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    source.name,
                    source.path,
                    source.size,
                    source.mtime_ns,
                    source.hash,
                    format_time(now),
                    source.seeded
                ],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

/// The demo list seeded into a new database goes when the user imports a list of their own,
/// as long as none of its items has an event: its items that no other list holds are deleted.
pub(super) fn drop_untouched_seed(conn: &Connection) -> rusqlite::Result<()> {
    let seed: Option<i64> = conn
        .query_row("SELECT id FROM lists WHERE seeded = 1", [], |r| r.get(0))
        .optional()?;
    let Some(seed) = seed else { return Ok(()) };
    let touched: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM events e JOIN memberships m ON m.item_id = e.item_id
                        WHERE m.list_id = ?1)",
        [seed],
        |r| r.get(0),
    )?;
    if touched {
        return Ok(());
    }
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS seed_items (id INTEGER PRIMARY KEY)",
        [],
    )?;
    conn.execute("DELETE FROM temp.seed_items", [])?;
    conn.execute(
        "INSERT INTO temp.seed_items SELECT item_id FROM memberships WHERE list_id = ?1",
        [seed],
    )?;
    conn.execute("DELETE FROM lists WHERE id = ?1", [seed])?;
    // The keys sync gave them go with them (see `store::journal`).
    let unused = "id IN (SELECT id FROM temp.seed_items) AND origin = 'list'
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.item_id = items.id)
         AND NOT EXISTS (SELECT 1 FROM events e WHERE e.item_id = items.id)
         AND NOT EXISTS (SELECT 1 FROM item_changes c WHERE c.item_id = items.id)";
    conn.execute(
        &format!("DELETE FROM item_keys WHERE item_id IN (SELECT id FROM items WHERE {unused})"),
        [],
    )?;
    conn.execute(&format!("DELETE FROM items WHERE {unused}"), [])?;
    conn.execute("DELETE FROM temp.seed_items", [])?;
    Ok(())
}

/// The recorded lists, for the export.
pub(super) fn export_lists(conn: &Connection) -> rusqlite::Result<Vec<ExportList>> {
    let sql = format!("SELECT {LIST_COLUMNS} FROM lists ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map([], list_from_row)?
        .map(|row| {
            row.map(|l| ExportList {
                name: l.name,
                path: l.path,
                hash: l.hash,
                imported_at: l.imported_at,
                seeded: l.seeded,
            })
        })
        .collect()
}

/// Every membership with its item's id, ordered by `item_order` (over `items i`) and then by
/// list, for the export to merge with the items read in that order.
pub(super) fn export_memberships_sql(item_order: &str) -> String {
    format!(
        "SELECT m.item_id, l.name, s.path, m.position, m.line FROM memberships m
         JOIN lists l ON l.id = m.list_id JOIN sections s ON s.id = m.section_id
         JOIN items i ON i.id = m.item_id
         ORDER BY {item_order}, m.list_id"
    )
}

/// A row of `export_memberships_sql`: the item's id and its place in one list.
pub(super) fn export_membership(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(i64, ExportMembership)> {
    let f = Fields::new(r, "memberships", 0)?;
    Ok((
        f.id(),
        ExportMembership {
            list: f.get(1)?,
            section: f.json(2, super::decode::section_path)?,
            position: f.get(3)?,
            line: f.get(4)?,
        },
    ))
}

/// Records the lists of a restored document. A version 1 export knew one list, its
/// `list_source`: it becomes the recorded list, holding the list items that were not removed.
pub(super) fn restore_lists(
    conn: &Connection,
    doc: &Document,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    if doc.version < 2 {
        let Some(source) = &doc.list_source else {
            return Ok(());
        };
        let seeded = source.starts_with("embedded:");
        let name = if seeded {
            crate::listfile::title(crate::seed::SEED).unwrap_or_else(|| "built-in".into())
        } else {
            crate::listfile::file_name(source).to_string()
        };
        conn.execute(
            "INSERT INTO lists (name, path, imported_at, seeded) VALUES (?1, ?2, ?3, ?4)",
            params![name, source, format_time(now), seeded],
        )?;
        let list = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO memberships (list_id, item_id, section_id, position, line)
             SELECT ?1, id, section_id, position, source_line FROM items
             WHERE origin = 'list' AND removed = 0",
            [list],
        )?;
        return Ok(());
    }
    let mut ids = HashMap::new();
    for list in &doc.lists {
        conn.execute(
            "INSERT INTO lists (name, path, hash, imported_at, seeded) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                list.name,
                list.path,
                list.hash,
                format_time(list.imported_at),
                list.seeded
            ],
        )?;
        ids.insert(list.name.as_str(), conn.last_insert_rowid());
    }
    let mut sections = super::items::SectionIds::load(conn)?;
    let mut insert = conn.prepare(
        "INSERT INTO memberships (list_id, item_id, section_id, position, line)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for item in &doc.items {
        for m in &item.memberships {
            // A membership naming no exported list is an inconsistent export.
            let list = ids.get(m.list.as_str()).copied().unwrap_or(-1);
            let section = sections.id_for(conn, &m.section)?;
            insert.execute(params![list, item.id, section, m.position, m.line])?;
        }
    }
    // An item's place is its first list's, whatever the document says of it.
    place_all_items(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;
    use crate::store::ItemFilter;

    const A: &str = "## Papers\n- [Alpa](https://a.org)\n- [Shared](https://s.org)\n";
    const B: &str = "## Reading\n- [Shared again](https://s.org)\n- [Bert](https://b.org)\n";

    fn two_lists() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let now = chrono::Utc::now();
        store
            .import(&parse(A), &ListSource::for_test("/a.md"), now, false)
            .unwrap();
        let second = store
            .import(&parse(B), &ListSource::for_test("/b.md"), now, false)
            .unwrap();
        assert_eq!(second.summary.added, 2, "a shared item is new to this list");
        store
    }

    fn visible(store: &Store) -> Vec<String> {
        store
            .items(&ItemFilter::default())
            .unwrap()
            .into_iter()
            .map(|i| i.slug)
            .collect()
    }

    #[test]
    fn a_second_list_adds_and_a_shared_url_is_one_item() {
        let store = two_lists();
        assert_eq!(visible(&store), ["alpa", "shared", "bert"]);
        let names = store.list_names_by_item().unwrap();
        let shared = store.item_by_slug("shared").unwrap().unwrap();
        assert_eq!(names[&shared.id], ["/a.md", "/b.md"]);
        assert_eq!(shared.section, ["Papers"], "its place is the first list's");
        let counts = store.list_counts().unwrap();
        assert_eq!(counts.iter().map(|c| c.items).collect::<Vec<_>>(), [2, 2]);
    }

    #[test]
    fn an_item_is_hidden_only_when_no_list_holds_it() {
        let mut store = two_lists();
        let now = chrono::Utc::now();
        let shorter = "## Papers\n- [Alpa](https://a.org)\n";
        store
            .import(&parse(shorter), &ListSource::for_test("/a.md"), now, false)
            .unwrap();
        assert_eq!(
            visible(&store),
            ["alpa", "shared", "bert"],
            "b.md still holds it"
        );
        let removed = store.remove_list("/b.md").unwrap().unwrap();
        assert!(removed.hidden.is_empty(), "no item had events");
        assert!(
            removed.heirs.is_empty(),
            "a.md named the shared item already"
        );
        assert_eq!(visible(&store), ["alpa"]);
        assert!(store.item_by_slug("bert").unwrap().unwrap().removed);
        assert_eq!(store.remove_list("/b.md").unwrap(), None);
    }

    #[test]
    fn removing_the_first_list_places_its_shared_items_in_the_next_and_names_it() {
        let mut store = two_lists();
        let removed = store.remove_list("/a.md").unwrap().unwrap();
        let heirs: Vec<&str> = removed.heirs.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(
            heirs,
            ["/b.md"],
            "b.md's file holds the shared item's title"
        );
        let shared = store.item_by_slug("shared").unwrap().unwrap();
        assert_eq!(shared.section, ["Reading"], "its place is b.md's at once");
        assert_eq!(visible(&store), ["shared", "bert"]);
    }

    #[test]
    fn a_name_taken_by_another_list_is_refused() {
        let mut store = two_lists();
        let mut source = ListSource::for_test("/c.md");
        source.name = "/a.md".into();
        let err = store
            .import(&parse(A), &source, chrono::Utc::now(), false)
            .unwrap_err();
        assert!(err.to_string().contains("--name"), "{err}");
        assert_eq!(store.lists().unwrap().len(), 2);
    }

    #[test]
    fn the_single_list_of_an_older_database_becomes_the_first_list() {
        let conn = Connection::open_in_memory().unwrap();
        let (before, after): (Vec<_>, Vec<_>) = super::super::schema::MIGRATIONS
            .iter()
            .partition(|(name, _)| name.as_bytes() < b"0003".as_slice());
        for (_, sql) in &before {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO sections (id, path) VALUES (1, '[\"Papers\"]');
             INSERT INTO items (slug, title, section_id, position, kind, source_line)
             VALUES ('alpa', 'Alpa', 1, 1, 'paper', 3), ('gone', 'Gone', 1, 2, 'paper', 4);
             UPDATE items SET removed = 1 WHERE slug = 'gone';
             INSERT INTO meta VALUES ('list_source', '/home/me/notes/README.md'),
                                     ('list_imported_at', '2026-11-01T10:00:00Z');",
        )
        .unwrap();
        conn.execute_batch(after[0].1).unwrap();
        let (name, path, seeded): (String, String, bool) = conn
            .query_row("SELECT name, path, seeded FROM lists", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(
            (name.as_str(), path.as_str(), seeded),
            ("README.md", "/home/me/notes/README.md", false)
        );
        let members: Vec<(i64, i64)> = conn
            .prepare("SELECT item_id, line FROM memberships")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(members, [(1, 3)], "only items the list still held");
    }
}
