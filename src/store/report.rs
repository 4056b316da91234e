//! Queries behind `status` and `next`, shaped so that neither reads every item.

use super::decode::{self, Fields};
use super::{Result, Store, format_time};
use crate::model::Kind;
use crate::progress::Group;
use crate::rank::NextCandidate;
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use std::collections::HashMap;

/// Which items `next` and `status` consider.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    pub kind: Option<Kind>,
    /// Words that must all appear in the section path; callers filter exactly afterwards.
    pub section_words: Vec<String>,
    /// Only the items of this list (its id; 0 for the items no list holds).
    pub list: Option<i64>,
}

impl Pool {
    /// SQL conditions on `items` and their parameters (kind first, then one LIKE per word).
    pub(super) fn conditions(&self) -> (String, Vec<String>) {
        let mut sql = String::from("removed = 0");
        let mut values = Vec::new();
        if let Some(kind) = self.kind {
            sql.push_str(" AND kind = ?");
            values.push(kind.as_str().to_string());
        }
        // Items added by hand, which no list holds. (The items of one list are read from that
        // list's memberships: `source` and `table`, which every query on a pool reads from.)
        if self.list == Some(0) {
            sql.push_str(" AND id NOT IN (SELECT item_id FROM memberships)");
        }
        for word in &self.section_words {
            sql.push_str(
                " AND section_id IN (SELECT id FROM sections WHERE path LIKE ? ESCAPE '\\')",
            );
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            values.push(format!("%{escaped}%"));
        }
        (sql, values)
    }
}

impl Pool {
    /// What to read the pool's items from, `index` being the planner's hint for the whole
    /// table: with one list, its items placed as that list places them (section and position).
    pub(super) fn source(&self, index: &str) -> String {
        match self.list {
            Some(list) if list > 0 => placed_in(list, "items"),
            _ => format!("items INDEXED BY {index}"),
        }
    }

    /// The same without a hint, for queries the planner reads well by itself.
    pub(super) fn table(&self) -> String {
        match self.list {
            Some(list) if list > 0 => placed_in(list, "items"),
            _ => "items".into(),
        }
    }
}

/// The items of one list as that list places them, for a `FROM`: a subquery named `alias`
/// whose first columns, the membership's section, position and line, stand for the item's own
/// (of two columns with one name, SQLite keeps the name for the first). For list 0 (the items
/// no list holds) it is the `items` table. `list` is an id, never user text.
pub(super) fn placed_in(list: i64, alias: &str) -> String {
    match list {
        0 => format!("items AS {alias}"),
        _ => format!(
            "(SELECT m.section_id, m.position, m.line AS source_line, i.*
              FROM memberships m JOIN items i ON i.id = m.item_id WHERE m.list_id = {list}) AS {alias}"
        ),
    }
}

/// SQL for an item's section path, as a column.
pub(super) const SECTION_PATH: &str =
    "(SELECT path FROM sections WHERE sections.id = items.section_id)";

/// `status_groups`' query and its parameters (a test checks that it reads its index alone).
pub(super) fn status_groups_sql(pool: &Pool) -> (String, Vec<String>) {
    let (cond, values) = pool.conditions();
    let sql = format!(
        "SELECT min(id), section_id, status, count(*), min(position), sum(time_spent_s)
         FROM {from} WHERE {cond} GROUP BY section_id, status",
        from = pool.source("items_section")
    );
    (sql, values)
}

impl Store {
    /// Item counts per (section, status), with the first list position of each group; `paths`
    /// are the sections' paths (`section_paths`, read once for all the pools of a command).
    pub(crate) fn status_groups(
        &self,
        pool: &Pool,
        paths: &HashMap<i64, Vec<String>>,
    ) -> Result<Vec<Group>> {
        let (sql, values) = status_groups_sql(pool);
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, "counting progress"))?;
        stmt.query_map(rusqlite::params_from_iter(values), |r| {
            // A group names its first item, should its status be one this mlpath does not know.
            let f = Fields::new(r, "items", 0)?;
            Ok(Group {
                // The foreign key on section_id makes every item's section one of these.
                section: paths.get(&f.get::<i64>(1)?).cloned().unwrap_or_default(),
                status: f.get(2)?,
                count: f.get::<i64>(3)? as u64,
                first_position: f.get(4)?,
                time_spent_s: f.get::<i64>(5)?.max(0) as u64,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.classify(e, "counting progress"))
    }

    /// Every section path by id, each parsed once.
    pub(crate) fn section_paths(&self) -> Result<HashMap<i64, Vec<String>>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, path FROM sections")
            .map_err(|e| self.classify(e, "reading sections"))?;
        stmt.query_map([], |r| {
            let f = Fields::new(r, "sections", 0)?;
            Ok((f.id(), f.json(1, decode::section_path)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.classify(e, "reading sections"))
    }

    /// Time of the newest study (see `study_condition`) of the list with id `list`, or of all.
    pub(crate) fn last_activity(&self, list: Option<i64>) -> Result<Option<DateTime<Utc>>> {
        self.latest_study_before(list, None)
    }

    /// The newest study before `before` (or at all) of the list with id `list`, or of all: the
    /// events are read back in time along their time index to the first one that counts, so
    /// `status`'s streak costs a seek per day, and agrees with `stats`'s.
    pub(crate) fn latest_study_before(
        &self,
        list: Option<i64>,
        before: Option<DateTime<Utc>>,
    ) -> Result<Option<DateTime<Utc>>> {
        // A bound that sorts after every timestamp keeps the index usable when there is none.
        let bound = before.map_or_else(|| "9999".to_string(), format_time);
        // The hint keeps SQLite from reading a list's events by item and sorting them all.
        let sql = format!(
            "SELECT e.id, e.at FROM events e INDEXED BY events_at WHERE e.at < ?1 AND {}
             ORDER BY e.at DESC LIMIT 1",
            super::stats::study_condition(list)
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.classify(e, "reading events"))?;
        stmt.query_row([bound], |r| Fields::new(r, "events", 0)?.required_time(1))
            .optional()
            .map_err(|e| self.classify(e, "reading events"))
    }

    /// Section of the most recently touched item in the pool's list (its place in that list).
    pub(crate) fn current_section(&self, pool: &Pool) -> Result<Option<Vec<String>>> {
        // The newest event, read backwards along its time index, names the item.
        let sql = format!(
            "SELECT i.section_id, (SELECT path FROM sections WHERE sections.id = i.section_id)
             FROM events e JOIN {} ON i.id = e.item_id
             WHERE i.removed = 0 AND e.kind <> 'undo'
             AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id)
             ORDER BY e.at DESC, e.id DESC LIMIT 1",
            match pool.list {
                Some(list) if list > 0 => placed_in(list, "i"),
                _ => "items i".into(),
            }
        );
        self.conn
            .query_row(&sql, [], |r| {
                Fields::new(r, "sections", 0)?.json(1, decode::section_path)
            })
            .optional()
            .map_err(|e| self.classify(e, "finding the current section"))
    }

    /// First and last positions of todo and started items in the pool.
    pub(crate) fn pool_positions(&self, pool: &Pool) -> Result<Option<(i64, i64)>> {
        let (cond, values) = pool.conditions();
        let mut ends: Vec<i64> = Vec::new();
        // One index seek per status and end, rather than a scan of the pool.
        for status in ["todo", "started"] {
            for order in ["ASC", "DESC"] {
                let sql = format!(
                    "SELECT position FROM {from}
                     WHERE {cond} AND status = '{status}' ORDER BY position {order} LIMIT 1",
                    from = pool.source("items_status")
                );
                let found: Option<i64> = self
                    .conn
                    .query_row(&sql, rusqlite::params_from_iter(&values), |r| r.get(0))
                    .optional()
                    .map_err(|e| self.classify(e, "reading positions"))?;
                ends.extend(found);
            }
        }
        Ok(ends.iter().min().copied().zip(ends.iter().max().copied()))
    }

    /// The only items that can rank in the top `n`: the `n` most recently touched started items
    /// (they rank by recency alone), and the first `n` todo items overall, in `section` and in
    /// the sections beside it (same parent).
    pub(crate) fn next_candidates(
        &self,
        pool: &Pool,
        section: Option<&[String]>,
        n: usize,
    ) -> Result<Vec<NextCandidate>> {
        let (cond, values) = pool.conditions();
        let columns = format!("id, position, {SECTION_PATH}, status, started_at, last_event_at");
        let recent = pool.source("items_recent");
        let by_status = pool.source("items_status");
        let by_section = pool.source("items_section");
        let mut queries: Vec<(String, Vec<String>)> = vec![
            (
                // Read backwards along (status, last_event_at), stopping after n rows: the time
                // does not grow with the number of started items.
                format!(
                    "SELECT {columns} FROM {recent}
                     WHERE {cond} AND status = 'started' ORDER BY last_event_at DESC LIMIT {n}"
                ),
                vec![],
            ),
            (
                format!(
                    "SELECT {columns} FROM {by_status}
                     WHERE {cond} AND status = 'todo' ORDER BY position LIMIT {n}"
                ),
                vec![],
            ),
        ];
        if let Some(section) = section {
            let exact = serde_json::to_string(section).unwrap_or_default();
            queries.push((
                format!(
                    "SELECT {columns} FROM {by_section} WHERE {cond} AND status = 'todo'
                     AND section_id = (SELECT id FROM sections WHERE path = ?) ORDER BY position LIMIT {n}"
                ),
                vec![exact],
            ));
            if section.len() > 1 {
                // Paths beside this one share the JSON text up to the parent's last element and
                // a comma: a range of the sections' unique index. The ranker checks the depth.
                let parent =
                    serde_json::to_string(&section[..section.len() - 1]).unwrap_or_default();
                let stem = parent.trim_end_matches(']');
                queries.push((
                    format!(
                        "SELECT {columns} FROM {by_section} WHERE {cond} AND status = 'todo'
                         AND section_id IN (SELECT id FROM sections WHERE path >= ? AND path < ?)
                         ORDER BY position LIMIT {}",
                        n * 4
                    ),
                    vec![format!("{stem},"), format!("{stem}-")],
                ));
            }
        }
        let mut out = Vec::new();
        for (sql, extra) in queries {
            let mut stmt = self
                .conn
                .prepare(&sql)
                .map_err(|e| self.classify(e, "finding candidates"))?;
            let params = values.iter().chain(&extra);
            let rows = stmt
                .query_map(rusqlite::params_from_iter(params), candidate_from_row)
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(|e| self.classify(e, "finding candidates"))?;
            out.extend(rows);
        }
        Ok(out)
    }
}

pub(super) fn candidate_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NextCandidate> {
    let f = Fields::new(r, "items", 0)?;
    Ok(NextCandidate {
        id: f.id(),
        position: f.get(1)?,
        section: f.json(2, decode::section_path)?,
        status: f.get(3)?,
        started_at: f.time(4)?,
        last_event_at: f.time(5)?,
        review: None,
    })
}
