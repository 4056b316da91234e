//! An item's status, derived from its events. Pure.

use crate::model::{EventKind, Rating, Status};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One event as the derivation needs it. Undone events and undo markers are left out by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    /// How well it was remembered, for `done` and `review` (see `schedule`).
    pub rating: Option<Rating>,
    /// A session's length in seconds (0 for other events).
    pub spent_s: u32,
}

/// What the events of one item add up to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemState {
    pub status: Status,
    pub started_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_count: u32,
    pub note_count: u32,
    pub last_event_at: Option<DateTime<Utc>>,
    /// The item's study sessions added up, in seconds (kept across `reset`: time spent is history).
    pub time_spent_s: u32,
}

impl Default for ItemState {
    fn default() -> Self {
        ItemState {
            status: Status::Todo,
            started_at: None,
            done_at: None,
            reviewed_at: None,
            review_count: 0,
            note_count: 0,
            last_event_at: None,
            time_spent_s: 0,
        }
    }
}

/// Folds facts (in time order) into a state.
///
/// todo → started → done → reviewed; a later stage may be marked directly (the skipped stages
/// keep no timestamp), and stages never go back but by `reset`. `reset` goes back to todo and clears the stage times but not the notes.
/// `skip` sets the item aside until `start`, `done`, `review` or `reset`.
pub fn derive(facts: &[Fact]) -> ItemState {
    let mut s = ItemState::default();
    for fact in facts {
        // Removing an item by hand is not work on it: it changes neither status nor activity.
        if fact.kind == EventKind::Remove {
            continue;
        }
        s.last_event_at = Some(s.last_event_at.map_or(fact.at, |t| t.max(fact.at)));
        // Stages only move forward: an earlier stage recorded later in time (`done --at
        // yesterday` after today's `start`) keeps its timestamp but not the status.
        let advance = |s: &mut ItemState, to: Status| {
            if s.status == Status::Skipped || s.status.stage() < to.stage() {
                s.status = to;
            }
        };
        match fact.kind {
            EventKind::Start => {
                advance(&mut s, Status::Started);
                s.started_at = Some(fact.at);
            }
            EventKind::Done => {
                advance(&mut s, Status::Done);
                s.done_at = Some(fact.at);
            }
            EventKind::Review => {
                advance(&mut s, Status::Reviewed);
                s.reviewed_at = Some(fact.at);
                s.review_count += 1;
            }
            EventKind::Skip => s.status = Status::Skipped,
            EventKind::Reset => {
                s.status = Status::Todo;
                s.started_at = None;
                s.done_at = None;
                s.reviewed_at = None;
                s.review_count = 0;
            }
            EventKind::Note => s.note_count += 1,
            EventKind::Session => s.time_spent_s += fact.spent_s,
            // Scheduling only: see `schedule::replay`.
            EventKind::Suspend | EventKind::Resume | EventKind::Undo | EventKind::Remove => {}
        }
    }
    s
}

/// Whether marking `kind` on an item in `state` changes anything. `None` means it does;
/// `Some(reason)` says why not (the same stage again, or an earlier stage than it has).
pub fn no_op_reason(state: &ItemState, kind: EventKind) -> Option<String> {
    let target = match kind {
        EventKind::Start => Status::Started,
        EventKind::Done => Status::Done,
        EventKind::Skip if state.status == Status::Skipped => {
            return Some("is already skipped".into());
        }
        EventKind::Skip if state.status.is_finished() => {
            return Some(format!(
                "is already {}; reset it first to skip it",
                state.status
            ));
        }
        EventKind::Reset if state.status == Status::Todo => {
            return Some("is already todo".into());
        }
        _ => return None,
    };
    if state.status == Status::Skipped {
        return None;
    }
    if state.status == target {
        Some(format!("is already {target}"))
    } else if state.status.stage() > target.stage() {
        Some(format!(
            "is already {}; use `mlpath reset` to start over",
            state.status
        ))
    } else {
        None
    }
}

/// The earlier stage (and its time) that an event of `kind` at `at` would be dated before, if
/// any: a `done` before the item's start, a `review` before its done or start. Such times cannot
/// both be true; the event is still recorded, but the user is told.
pub fn dated_before_earlier_stage(
    state: &ItemState,
    kind: EventKind,
    at: DateTime<Utc>,
) -> Option<(EventKind, DateTime<Utc>)> {
    let earlier: &[(EventKind, Option<DateTime<Utc>>)] = match kind {
        EventKind::Done => &[(EventKind::Start, state.started_at)],
        EventKind::Review => &[
            (EventKind::Done, state.done_at),
            (EventKind::Start, state.started_at),
        ],
        _ => &[],
    };
    earlier
        .iter()
        .find_map(|&(stage, time)| time.filter(|&t| t > at).map(|t| (stage, t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
    }
    fn fact(kind: EventKind, day: u32) -> Fact {
        Fact {
            kind,
            at: at(day),
            rating: None,
            spent_s: 0,
        }
    }

    #[test]
    fn sessions_add_up_change_no_status_and_outlive_a_reset() {
        let session = |day, spent_s| Fact {
            spent_s,
            ..fact(EventKind::Session, day)
        };
        let s = derive(&[session(1, 600), fact(EventKind::Start, 2), session(3, 1800)]);
        assert_eq!(s.status, Status::Started);
        assert_eq!(s.time_spent_s, 2400);
        assert_eq!(s.last_event_at, Some(at(3)));
        let s = derive(&[session(1, 600), fact(EventKind::Reset, 2)]);
        assert_eq!((s.status, s.time_spent_s), (Status::Todo, 600));
    }

    #[test]
    fn no_events_is_todo() {
        assert_eq!(derive(&[]), ItemState::default());
    }

    #[test]
    fn stages_in_order_keep_their_times() {
        let s = derive(&[
            fact(EventKind::Start, 1),
            fact(EventKind::Done, 2),
            fact(EventKind::Review, 3),
            fact(EventKind::Review, 5),
            fact(EventKind::Note, 6),
        ]);
        assert_eq!(s.status, Status::Reviewed);
        assert_eq!(s.started_at, Some(at(1)));
        assert_eq!(s.done_at, Some(at(2)));
        assert_eq!(s.reviewed_at, Some(at(5)));
        assert_eq!(s.review_count, 2);
        assert_eq!(s.note_count, 1);
        assert_eq!(s.last_event_at, Some(at(6)));
    }

    #[test]
    fn done_directly_keeps_no_start_time() {
        let s = derive(&[fact(EventKind::Done, 2)]);
        assert_eq!(s.status, Status::Done);
        assert_eq!(s.started_at, None);
    }

    #[test]
    fn an_earlier_stage_recorded_later_in_time_does_not_go_back() {
        let s = derive(&[fact(EventKind::Done, 1), fact(EventKind::Start, 2)]);
        assert_eq!(s.status, Status::Done);
        assert_eq!(s.started_at, Some(at(2)));
        let s = derive(&[fact(EventKind::Review, 1), fact(EventKind::Done, 2)]);
        assert_eq!(s.status, Status::Reviewed);
    }

    #[test]
    fn reset_and_skip() {
        let s = derive(&[
            fact(EventKind::Done, 1),
            fact(EventKind::Note, 2),
            fact(EventKind::Reset, 3),
        ]);
        assert_eq!(s.status, Status::Todo);
        assert_eq!(s.done_at, None);
        assert_eq!(s.note_count, 1);
        let s = derive(&[fact(EventKind::Skip, 1), fact(EventKind::Start, 2)]);
        assert_eq!(s.status, Status::Started);
    }

    #[test]
    fn a_stage_dated_before_an_earlier_one_is_found() {
        let started = derive(&[fact(EventKind::Start, 5)]);
        assert_eq!(
            dated_before_earlier_stage(&started, EventKind::Done, at(4)),
            Some((EventKind::Start, at(5)))
        );
        assert_eq!(
            dated_before_earlier_stage(&started, EventKind::Done, at(5)),
            None,
            "the same time is possible"
        );
        assert_eq!(
            dated_before_earlier_stage(&started, EventKind::Done, at(6)),
            None
        );
        let done = derive(&[fact(EventKind::Start, 2), fact(EventKind::Done, 5)]);
        assert_eq!(
            dated_before_earlier_stage(&done, EventKind::Review, at(3)),
            Some((EventKind::Done, at(5))),
            "the nearest earlier stage is named"
        );
        assert_eq!(
            dated_before_earlier_stage(&done, EventKind::Review, at(1)),
            Some((EventKind::Done, at(5)))
        );
        for kind in [
            EventKind::Start,
            EventKind::Note,
            EventKind::Skip,
            EventKind::Reset,
        ] {
            assert_eq!(
                dated_before_earlier_stage(&done, kind, at(1)),
                None,
                "{kind}"
            );
        }
        let reset = derive(&[fact(EventKind::Start, 5), fact(EventKind::Reset, 6)]);
        assert_eq!(
            dated_before_earlier_stage(&reset, EventKind::Done, at(4)),
            None,
            "a reset forgets the stages"
        );
    }

    #[test]
    fn no_ops_are_reported() {
        let done = derive(&[fact(EventKind::Done, 1)]);
        assert!(
            no_op_reason(&done, EventKind::Done)
                .unwrap()
                .contains("already done")
        );
        assert!(
            no_op_reason(&done, EventKind::Start)
                .unwrap()
                .contains("reset")
        );
        assert_eq!(no_op_reason(&done, EventKind::Review), None);
        assert_eq!(no_op_reason(&done, EventKind::Reset), None);
        let todo = ItemState::default();
        assert!(no_op_reason(&todo, EventKind::Reset).is_some());
        assert_eq!(no_op_reason(&todo, EventKind::Start), None);
        let skipped = derive(&[fact(EventKind::Skip, 1)]);
        assert_eq!(no_op_reason(&skipped, EventKind::Start), None);
        assert!(no_op_reason(&skipped, EventKind::Skip).is_some());
    }
}
