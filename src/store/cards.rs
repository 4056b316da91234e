//! Review cards: each item's FSRS schedule cached beside its state, and the due queue.

use super::decode::Fields;
use super::report::{Pool, SECTION_PATH, candidate_from_row};
use super::{Result, Store, format_time};
use crate::model::EventKind;
use crate::rank::{DueReview, NextCandidate};
use crate::schedule::{self, CardState, ReviewSettings, Schedule};
use crate::state::Fact;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

/// A due item, as `mlpath due` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct DueRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub card: CardState,
    pub review_count: u32,
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// The review settings in force: the `review.*` values of `mlpath config`, else the defaults.
pub(super) fn review_settings(conn: &Connection) -> rusqlite::Result<ReviewSettings> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, value FROM settings
         WHERE key IN ('review.retention', 'review.max-interval', 'review.kinds')",
    )?;
    let stored: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let get = |key: &str| {
        stored
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    Ok(ReviewSettings::from_stored(
        get("review.retention"),
        get("review.max-interval"),
        get("review.kinds"),
    ))
}

/// Rewrites the cached card of one item from its facts (see `schedule::replay`).
pub(super) fn write_schedule(
    conn: &Connection,
    item_id: i64,
    facts: &[Fact],
) -> rusqlite::Result<()> {
    let settings = review_settings(conn)?;
    let s = schedule::replay(facts, &settings);
    let card = s.card.as_ref();
    conn.prepare_cached(
        "UPDATE items SET due_at = ?2, stability = ?3, difficulty = ?4, reps = ?5, lapses = ?6,
         rated_at = ?7, suspended = ?8 WHERE id = ?1",
    )?
    .execute(params![
        item_id,
        card.map(|c| format_time(c.due_at)),
        card.map(|c| c.stability),
        card.map(|c| c.difficulty),
        card.map_or(0, |c| c.reps),
        card.map_or(0, |c| c.lapses),
        card.map(|c| format_time(c.last_at)),
        s.suspended,
    ])?;
    Ok(())
}

const SCHEDULE_COLUMNS: &str = "due_at, stability, difficulty, reps, lapses, rated_at, suspended";

/// Reads the cached schedule from the seven `SCHEDULE_COLUMNS` starting at `first`: a card
/// has all of them or none (the CHECKs of the migration keep the values in range).
pub(super) fn schedule_from_row(f: &Fields, first: usize) -> rusqlite::Result<Schedule> {
    let due_at = f.time(first)?;
    let stability: Option<f64> = f.get(first + 1)?;
    let difficulty: Option<f64> = f.get(first + 2)?;
    let rated_at = f.time(first + 5)?;
    let suspended: bool = f.get(first + 6)?;
    let card = match (due_at, stability, difficulty, rated_at) {
        (Some(due_at), Some(stability), Some(difficulty), Some(last_at)) => Some(CardState {
            due_at,
            stability,
            difficulty,
            reps: f.get(first + 3)?,
            lapses: f.get(first + 4)?,
            last_at,
        }),
        (None, None, None, None) => None,
        _ => return Err(f.missing(first + 1)),
    };
    Ok(Schedule { card, suspended })
}

/// Why suspending or resuming an item changes nothing, read inside the write lock.
pub(super) fn no_op_reason(
    conn: &Connection,
    kind: EventKind,
    item_id: i64,
) -> rusqlite::Result<Option<String>> {
    if !matches!(kind, EventKind::Suspend | EventKind::Resume) {
        return Ok(None);
    }
    let suspended: bool = conn
        .prepare_cached("SELECT suspended FROM items WHERE id = ?1")?
        .query_row([item_id], |r| r.get(0))?;
    let schedule = Schedule {
        card: None,
        suspended,
    };
    Ok(schedule::no_op_reason(&schedule, kind))
}

pub(super) fn schedule_columns() -> &'static str {
    SCHEDULE_COLUMNS
}

impl Store {
    /// The `review.*` settings in force.
    pub(crate) fn review_settings(&self) -> Result<ReviewSettings> {
        review_settings(&self.conn).map_err(|e| self.classify(e, "reading settings"))
    }

    /// The condition on `items` for "due at ?1": scheduled kind, in the list, not suspended.
    fn due_condition(&self, list: Option<i64>) -> Result<String> {
        let settings = self.review_settings()?;
        // Kind names come from our own enum, never from user text.
        let kinds: Vec<String> = settings
            .kinds
            .iter()
            .map(|k| format!("'{}'", k.as_str()))
            .collect();
        let kinds = if kinds.is_empty() {
            "NULL".to_string()
        } else {
            kinds.join(",")
        };
        // A list id, never user text; 0 stands for the items no list holds.
        let of_list = match list {
            Some(0) => " AND id NOT IN (SELECT item_id FROM memberships)".to_string(),
            Some(id) => {
                format!(" AND id IN (SELECT item_id FROM memberships WHERE list_id = {id})")
            }
            None => String::new(),
        };
        Ok(format!(
            "due_at <= ?1 AND suspended = 0 AND removed = 0 AND kind IN ({kinds}){of_list}"
        ))
    }

    /// Items due at `now` whose kind is scheduled, most overdue first; at most `limit`; only
    /// those of the list with id `list` when given.
    pub(crate) fn due_items(
        &self,
        now: DateTime<Utc>,
        limit: usize,
        list: Option<i64>,
    ) -> Result<Vec<DueRow>> {
        let sql = format!(
            "SELECT id, slug, title, review_count, reviewed_at, {SCHEDULE_COLUMNS} FROM items
             WHERE {} ORDER BY due_at, position LIMIT ?2",
            self.due_condition(list)?
        );
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, "reading due items"))?;
        let rows = stmt
            .query_map(
                params![format_time(now), limit.min(i64::MAX as usize) as i64],
                |r| {
                    let f = Fields::new(r, "items", 0)?;
                    let schedule = schedule_from_row(&f, 5)?;
                    Ok(DueRow {
                        id: f.id(),
                        slug: f.get(1)?,
                        title: f.get(2)?,
                        review_count: f.get(3)?,
                        reviewed_at: f.time(4)?,
                        card: schedule.card.ok_or_else(|| f.missing(6))?,
                    })
                },
            )
            .map_err(|e| self.classify(e, "reading due items"))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.classify(e, "reading due items"))
    }

    /// Items of the pool due for review at `now`, most overdue first, as `next` ranks them.
    pub(crate) fn due_candidates(
        &self,
        pool: &Pool,
        now: DateTime<Utc>,
        n: usize,
    ) -> Result<Vec<NextCandidate>> {
        let (cond, values) = pool.conditions();
        let sql = format!(
            "SELECT id, position, {SECTION_PATH}, status, started_at, last_event_at,
                    {SCHEDULE_COLUMNS}
             FROM {} WHERE {} AND {cond} ORDER BY due_at, position LIMIT {n}",
            pool.table(), // the pool holds the list: the condition need not
            self.due_condition(None)?.replace("?1", "?")
        );
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, "finding due reviews"))?;
        let params = std::iter::once(format_time(now)).chain(values);
        stmt.query_map(rusqlite::params_from_iter(params), |r| {
            let mut candidate = candidate_from_row(r)?;
            let f = Fields::new(r, "items", 0)?;
            candidate.review = schedule_from_row(&f, 6)?.card.map(|card| DueReview {
                due_at: card.due_at,
                retrievability: card.retrievability(now),
            });
            Ok(candidate)
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.classify(e, "finding due reviews"))
    }

    /// How many items are due at `now` (scheduled kinds, in the list).
    /// `due_count`'s query, its one parameter the time (a test checks its plan).
    pub(super) fn due_count_sql(&self, list: Option<i64>) -> Result<String> {
        Ok(format!(
            "SELECT count(*) FROM items WHERE {}",
            self.due_condition(list)?
        ))
    }

    pub(crate) fn due_count(&self, now: DateTime<Utc>, list: Option<i64>) -> Result<usize> {
        let sql = self.due_count_sql(list)?;
        self.conn
            .query_row(&sql, [format_time(now)], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.classify(e, "counting due items"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Rating};
    use crate::store::{ListSource, NewCommand, NewEvent};
    use chrono::{Duration, TimeZone};

    fn at(day: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + Duration::days(day)
    }

    fn seeded() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let items = crate::markdown::parse(crate::seed::SEED);
        store
            .import(&items, &ListSource::for_test("test"), at(0), false)
            .unwrap();
        store
    }

    fn record(store: &mut Store, item_id: i64, kind: EventKind, day: i64, rating: Option<Rating>) {
        let event = NewEvent {
            item_id,
            kind,
            at: at(day),
            note: None,
            rating,
            spent_s: None,
            supersedes: None,
        };
        store
            .append_events(&NewCommand::typed(kind.as_str(), at(day)), &[event])
            .unwrap();
    }

    #[test]
    fn cached_cards_equal_a_fresh_replay_through_undo_and_backdating() {
        let mut store = seeded();
        let ids: Vec<i64> = ["flexgen", "orca", "alpa"]
            .iter()
            .map(|s| store.item_by_slug(s).unwrap().unwrap().id)
            .collect();
        // A fixed pseudo-random script: every kind of event, ratings, backdated days, undos.
        let mut rng: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng % n
        };
        for step in 0..200 {
            let id = ids[next(3) as usize];
            let day = step / 2 + next(5) as i64 - 2;
            match next(10) {
                0..=2 => record(
                    &mut store,
                    id,
                    EventKind::Done,
                    day,
                    Some(Rating::ALL[next(4) as usize]),
                ),
                3..=6 => record(
                    &mut store,
                    id,
                    EventKind::Review,
                    day,
                    Some(Rating::ALL[next(4) as usize]),
                ),
                7 => record(&mut store, id, EventKind::Reset, day, None),
                8 => {
                    store.undo_last_command(at(day)).unwrap();
                }
                _ => {
                    store.undo_item(id, at(day)).unwrap();
                }
            }
            for &id in &ids {
                let cached = store.item_by_id(id).unwrap().unwrap().schedule;
                assert_eq!(cached, store.derived_schedule(id).unwrap(), "step {step}");
            }
        }
        let scheduled = ids
            .iter()
            .filter(|&&id| {
                store
                    .item_by_id(id)
                    .unwrap()
                    .unwrap()
                    .schedule
                    .card
                    .is_some()
            })
            .count();
        assert!(scheduled > 0, "the script leaves some cards to compare");
    }

    #[test]
    fn a_list_tick_schedules_nothing_and_a_setting_reschedules_everything() {
        let mut store = seeded();
        let flexgen = store.item_by_slug("flexgen").unwrap().unwrap().id;
        let orca = store.item_by_slug("orca").unwrap().unwrap().id;
        record(&mut store, orca, EventKind::Done, 0, None);
        assert_eq!(store.item_by_id(orca).unwrap().unwrap().schedule.card, None);
        record(&mut store, flexgen, EventKind::Done, 0, Some(Rating::Good));
        record(
            &mut store,
            flexgen,
            EventKind::Review,
            3,
            Some(Rating::Good),
        );
        let due = |store: &Store| {
            store
                .item_by_id(flexgen)
                .unwrap()
                .unwrap()
                .schedule
                .due_at()
        };
        let before = due(&store).unwrap();
        assert_eq!(store.due_items(before, 10, None).unwrap().len(), 1);
        assert_eq!(store.due_count(before, None).unwrap(), 1);
        assert_eq!(
            store
                .due_count(before - Duration::seconds(1), None)
                .unwrap(),
            0
        );
        store
            .set_review_setting("review.retention", "0.97")
            .unwrap();
        let after = due(&store).unwrap();
        assert!(after < before, "{after} vs {before}");
        assert_eq!(
            store.item_by_id(flexgen).unwrap().unwrap().schedule,
            store.derived_schedule(flexgen).unwrap()
        );
        store.set_review_setting("review.kinds", "video").unwrap();
        assert_eq!(
            store.due_count(before, None).unwrap(),
            0,
            "papers are no longer scheduled"
        );
    }
}
