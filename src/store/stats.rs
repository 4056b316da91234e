//! The query behind `mlpath stats`: activity added up per stretch of time, in one pass over the
//! event log.

use super::decode::Fields;
use super::{Result, Store};
use crate::stats::Bucket;
use std::collections::HashMap;

/// Event kinds that are study: marking items, notes and sessions (not skip, reset, suspend...).
const STUDY_KINDS: &str = "'start', 'done', 'review', 'note', 'session'";

/// The condition (on events `e`) that an event is study: what `stats` counts and what makes
/// `status`'s streak. Only the items of the list with id `list` when given (0: the items no list
/// holds).
pub(super) fn study_condition(list: Option<i64>) -> String {
    let of_list = match list {
        Some(0) => {
            " AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.item_id = e.item_id)".to_string()
        }
        // An id, never user text.
        Some(id) => format!(
            " AND EXISTS (SELECT 1 FROM memberships m WHERE m.item_id = e.item_id AND m.list_id = {id})"
        ),
        None => String::new(),
    };
    // Boxes ticked in a list file are recorded by an import or a refresh: not study. (Looked up
    // by the command's key: a `NOT IN (SELECT …)` list is built again at each run of the query,
    // which made `status`'s one seek per day of streak cost 0.2 ms instead of 0.04.) Their
    // dones are the only ones without a rating, which a restore keeps (its commands are all
    // 'restore'). Nor is correcting or withdrawing a note (`supersedes`): the note counted
    // when it was written.
    format!(
        "e.kind IN ({STUDY_KINDS})
         AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id)
         AND e.supersedes IS NULL
         AND NOT (e.kind = 'done' AND e.rating IS NULL)
         AND NOT EXISTS (SELECT 1 FROM commands c
              WHERE c.id = e.command_id AND c.origin IN ('import', 'refresh')){of_list}"
    )
}

impl Store {
    /// Activity (see `crate::stats`) grouped by UTC hour, each hour split at `split_minute`
    /// (`stats::bucket_minute`) so that no group straddles a local midnight. Only the items of
    /// the list with id `list` when given (0: the items no list holds).
    pub(crate) fn activity(&self, list: Option<i64>, split_minute: u32) -> Result<Vec<Bucket>> {
        // The rows are added up here rather than by a GROUP BY, whose sort of every event cost
        // SQLite more than this pass (they mostly come in time order, a bucket after another).
        let sql = format!(
            "SELECT e.id, e.at, (e.kind = 'done') + 2 * (e.kind = 'review'), e.spent_s
             FROM events e WHERE {}",
            study_condition(list)
        );
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, "adding up activity"))?;
        let mut rows = stmt
            .query([])
            .map_err(|e| self.classify(e, "adding up activity"))?;
        let mut buckets = Buckets::new(split_minute);
        while let Some(row) = rows
            .next()
            .map_err(|e| self.classify(e, "adding up activity"))?
        {
            buckets
                .add(row)
                .map_err(|e| self.classify(e, "adding up activity"))?;
        }
        Ok(buckets.list)
    }
}

/// Events added up by UTC hour (`2026-11-28T09`) and side of the split minute.
struct Buckets {
    split: [u8; 2],
    list: Vec<Bucket>,
    index: HashMap<([u8; 13], bool), usize>,
    last: Option<(([u8; 13], bool), usize)>,
}

impl Buckets {
    fn new(split_minute: u32) -> Buckets {
        let split = format!("{:02}", split_minute.min(59));
        Buckets {
            split: [split.as_bytes()[0], split.as_bytes()[1]],
            list: Vec::new(),
            index: HashMap::new(),
            last: None,
        }
    }

    fn add(&mut self, row: &rusqlite::Row<'_>) -> rusqlite::Result<()> {
        let f = Fields::new(row, "events", 0)?;
        let at = row.get_ref(1)?.as_bytes().unwrap_or_default();
        // Stored times are RFC 3339 UTC with seconds; anything shorter is decoded (and refused).
        let (Some(hour), Some(minute)) = (at.get(..13), at.get(14..16)) else {
            f.required_time(1)?;
            return Ok(());
        };
        let key = (
            <[u8; 13]>::try_from(hour).unwrap_or_default(),
            minute >= &self.split[..],
        );
        let i = match self.last {
            Some((last, i)) if last == key => i,
            _ => match self.index.get(&key) {
                Some(&i) => i,
                None => {
                    // Any event of the bucket is on the bucket's local date; the first will do.
                    self.list.push(Bucket {
                        at: f.required_time(1)?,
                        ..Bucket::default()
                    });
                    self.index.insert(key, self.list.len() - 1);
                    self.list.len() - 1
                }
            },
        };
        self.last = Some((key, i));
        let bucket = &mut self.list[i];
        bucket.events += 1;
        match f.get::<i64>(2)? {
            1 => bucket.done += 1,
            2 => bucket.reviews += 1,
            _ => {}
        }
        bucket.spent_s += f.get::<Option<i64>>(3)?.unwrap_or(0).max(0) as u64;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Rating};
    use crate::store::{ListSource, NewCommand, NewEvent};
    use chrono::{DateTime, TimeZone, Utc};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
    }

    fn event(item_id: i64, kind: EventKind, at: DateTime<Utc>) -> NewEvent {
        NewEvent {
            item_id,
            kind,
            at,
            note: None,
            // Typed dones and reviews are rated; only a ticked box's done is not.
            rating: matches!(kind, EventKind::Done | EventKind::Review).then_some(Rating::Good),
            spent_s: (kind == EventKind::Session).then_some(1800),
            supersedes: None,
        }
    }

    fn store_with_items() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let list = crate::markdown::parse("# Papers\n- [A](https://a.org)\n- [B](https://b.org)\n");
        store
            .import(&list, &ListSource::for_test("t"), at(0, 0), false)
            .expect("import");
        store
    }

    #[test]
    fn activity_groups_hours_split_where_a_local_day_begins() {
        let mut store = store_with_items();
        let events = [
            event(1, EventKind::Start, at(18, 10)),
            event(1, EventKind::Session, at(18, 40)),
            event(2, EventKind::Done, at(18, 50)),
            event(2, EventKind::Review, at(19, 5)),
            event(2, EventKind::Skip, at(19, 6)),
            // Out of time order (an `--at` in the past): back to the 18h bucket.
            event(1, EventKind::Note, at(18, 20)),
        ];
        store
            .append_events(&NewCommand::typed("test", at(20, 0)), &events)
            .unwrap();
        let mut whole = store.activity(None, 0).unwrap();
        whole.sort_by_key(|b| b.at);
        assert_eq!(whole.len(), 2, "18h and 19h");
        assert_eq!(
            (whole[0].events, whole[0].done, whole[0].spent_s),
            (4, 1, 1800)
        );
        assert_eq!(
            (whole[1].events, whole[1].reviews),
            (1, 1),
            "skip is no study"
        );
        let mut split = store.activity(None, 30).unwrap();
        split.sort_by_key(|b| b.at);
        assert_eq!(split.len(), 3, "18:00-18:30, 18:30-19:00, 19:00-19:30");
        assert_eq!((split[0].at, split[0].events), (at(18, 10), 2));
        assert_eq!((split[1].at, split[1].events), (at(18, 40), 2));
    }

    #[test]
    fn undone_events_and_ticked_boxes_are_no_activity() {
        let mut store = store_with_items();
        store
            .append_events(
                &NewCommand::typed("start", at(9, 0)),
                &[event(1, EventKind::Start, at(9, 0))],
            )
            .unwrap();
        store
            .append_events(
                &NewCommand::typed("done", at(10, 0)),
                &[event(2, EventKind::Done, at(10, 0))],
            )
            .unwrap();
        store.undo_last_command(at(11, 0)).unwrap();
        let ticked = crate::markdown::parse(
            "# Papers\n- [x] [A](https://a.org)\n- [ ] [B](https://b.org)\n",
        );
        store
            .import(&ticked, &ListSource::for_test("t"), at(12, 0), false)
            .unwrap();
        let all = store.activity(None, 0).unwrap();
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!((all[0].at, all[0].events), (at(9, 0), 1));
    }
}
