//! Queries behind `status` and `next`, shaped so that neither reads every item.

use super::{Result, Store, parse_opt_time, parse_time};
use crate::model::{Kind, Status};
use crate::progress::Group;
use crate::rank::Candidate;
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

/// Which items `next` and `status` consider.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    pub kind: Option<Kind>,
    /// Words that must all appear in the section's JSON text; callers filter exactly afterwards.
    pub section_words: Vec<String>,
}

impl Pool {
    /// SQL conditions and their parameters (kind first, then one LIKE per word).
    fn conditions(&self) -> (String, Vec<String>) {
        let mut sql = String::from("removed = 0");
        let mut values = Vec::new();
        if let Some(kind) = self.kind {
            sql.push_str(" AND kind = ?");
            values.push(kind.as_str().to_string());
        }
        for word in &self.section_words {
            sql.push_str(" AND section LIKE ? ESCAPE '\\'");
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            values.push(format!("%{escaped}%"));
        }
        (sql, values)
    }
}

fn parse_section(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

impl Store {
    /// Item counts per (section, status), with the first list position of each group.
    pub fn status_groups(&self, pool: &Pool) -> Result<Vec<Group>> {
        let (cond, values) = pool.conditions();
        let sql = format!(
            "SELECT section, status, count(*), min(position) FROM items WHERE {cond} GROUP BY section, status"
        );
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, "counting progress"))?;
        stmt.query_map(rusqlite::params_from_iter(values), |r| {
            let status: String = r.get(1)?;
            Ok(Group {
                section: parse_section(&r.get::<_, String>(0)?),
                status: Status::parse(&status).unwrap_or(Status::Todo),
                count: r.get::<_, i64>(2)? as u64,
                first_position: r.get(3)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.classify(e, "counting progress"))
    }

    /// Time of the newest event that counts.
    pub fn last_activity(&self) -> Result<Option<DateTime<Utc>>> {
        let at: Option<String> = self
            .conn
            .query_row(
                "SELECT e.at FROM events e WHERE e.kind <> 'undo'
                 AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id)
                 ORDER BY e.at DESC, e.id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.classify(e, "reading the last activity"))?;
        at.as_deref()
            .map(parse_time)
            .transpose()
            .map_err(|e| self.classify(e, "reading the last activity"))
    }

    /// Event times to the minute (UTC), newest first, for streaks in local time.
    /// Read lazily: the caller stops at the first gap.
    pub fn for_each_event_minute(&self, mut f: impl FnMut(DateTime<Utc>) -> bool) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT DISTINCT substr(e.at, 1, 16) AS minute FROM events e WHERE e.kind <> 'undo'
                 AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id) ORDER BY minute DESC",
            )
            .map_err(|e| self.classify(e, "reading events"))?;
        let mut rows = stmt
            .query([])
            .map_err(|e| self.classify(e, "reading events"))?;
        while let Some(row) = rows
            .next()
            .map_err(|e| self.classify(e, "reading events"))?
        {
            let minute: String = row.get(0).map_err(|e| self.classify(e, "reading events"))?;
            let at = parse_time(&format!("{minute}:00Z"))
                .map_err(|e| self.classify(e, "reading events"))?;
            if !f(at) {
                break;
            }
        }
        Ok(())
    }

    /// Section of the most recently touched item in the list.
    pub fn current_section(&self) -> Result<Option<Vec<String>>> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT section FROM items WHERE removed = 0 AND last_event_at IS NOT NULL
                 ORDER BY last_event_at DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.classify(e, "finding the current section"))?;
        Ok(text.as_deref().map(parse_section))
    }

    /// First and last positions of todo and started items in the pool.
    pub fn pool_positions(&self, pool: &Pool) -> Result<Option<(i64, i64)>> {
        let (cond, values) = pool.conditions();
        let sql = format!(
            "SELECT min(position), max(position) FROM items WHERE {cond} AND status IN ('todo', 'started')"
        );
        let (min, max): (Option<i64>, Option<i64>) = self
            .conn
            .query_row(&sql, rusqlite::params_from_iter(values), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| self.classify(e, "reading positions"))?;
        Ok(min.zip(max))
    }

    /// The only items that can rank in the top `n`: every started item, and the first `n` todo
    /// items overall, in `section` and in sections beside it (same parent).
    pub fn next_candidates(
        &self,
        pool: &Pool,
        section: Option<&[String]>,
        n: usize,
    ) -> Result<Vec<Candidate>> {
        let (cond, values) = pool.conditions();
        let columns = "id, position, section, status, started_at, last_event_at";
        let mut queries: Vec<(String, Vec<String>)> = vec![
            (
                format!("SELECT {columns} FROM items WHERE {cond} AND status = 'started'"),
                vec![],
            ),
            (
                format!(
                    "SELECT {columns} FROM items WHERE {cond} AND status = 'todo' ORDER BY position LIMIT {n}"
                ),
                vec![],
            ),
        ];
        if let Some(section) = section {
            let exact = serde_json::to_string(section).unwrap_or_default();
            queries.push((
                format!(
                    "SELECT {columns} FROM items WHERE {cond} AND status = 'todo' AND section = ? ORDER BY position LIMIT {n}"
                ),
                vec![exact],
            ));
            if section.len() > 1 {
                // Sections beside this one share the JSON text up to the parent's last element;
                // the ranker checks the depth.
                let parent =
                    serde_json::to_string(&section[..section.len() - 1]).unwrap_or_default();
                let prefix = format!("{},", parent.trim_end_matches(']'));
                queries.push((
                    format!(
                        "SELECT {columns} FROM items WHERE {cond} AND status = 'todo'
                         AND substr(section, 1, length(?)) = ? ORDER BY position LIMIT {}",
                        n * 4
                    ),
                    vec![prefix.clone(), prefix],
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

fn candidate_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Candidate> {
    let status: String = r.get(3)?;
    Ok(Candidate {
        id: r.get(0)?,
        position: r.get(1)?,
        section: parse_section(&r.get::<_, String>(2)?),
        status: Status::parse(&status).unwrap_or(Status::Todo),
        started_at: parse_opt_time(r.get(4)?)?,
        last_event_at: parse_opt_time(r.get(5)?)?,
    })
}
