//! Ranking for `mlpath next`: an additive score, in the spirit of Taskwarrior's urgency. Pure.
//!
//! score = 10·in_progress + 6·recency + 3·earliness + 2·section + 8·review, each term between 0
//! and 1:
//! - in_progress: 1 for a started item, else 0;
//! - recency: 1 / (1 + days since the item was last touched), started items only;
//! - earliness: 1 − (position − first) / (last − first) over the pool, so the earliest item in
//!   list order scores 1; todo items only;
//! - section: 1 in the section of the most recently touched item, 0.5 in a sibling section (same
//!   non-empty parent, e.g. `Videos / General` beside `Videos / Transformer`), else 0; todo only.
//! - review: 1 − R/2 for an item whose review is due, R being the chance of remembering it now
//!   (FSRS's retrievability), else 0. Just due (R ≈ 0.9) it is 0.55, worth 4.4; forgotten, 1.
//!
//! So any started item outranks any todo item (10 > 3 + 2) and any due review (10 > 8), started
//! items go most recently touched first, and todo items go in list order with a bonus for staying
//! in the section. A review that just fell due waits behind the next item of the current section
//! (4.4 < 3 + 2) and goes before it once its recall drops below 75% (8·(1 − 0.75/2) = 5).

use crate::model::Status;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub const W_IN_PROGRESS: f64 = 10.0;
pub const W_RECENCY: f64 = 6.0;
pub const W_EARLINESS: f64 = 3.0;
pub const W_SECTION: f64 = 2.0;
pub const W_REVIEW: f64 = 8.0;

/// A review that is due, as the ranking sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DueReview {
    pub due_at: DateTime<Utc>,
    /// The chance of remembering the item now, 0–1.
    pub retrievability: f64,
}

/// An item that `next` may suggest, with what the ranking needs of it.
#[derive(Debug, Clone, PartialEq)]
pub struct NextCandidate {
    pub id: i64,
    pub position: i64,
    pub section: Vec<String>,
    pub status: Status,
    pub started_at: Option<DateTime<Utc>>,
    pub last_event_at: Option<DateTime<Utc>>,
    /// Set when the item is due for review.
    pub review: Option<DueReview>,
}

/// What the ranking knows of the learner's situation.
#[derive(Debug, Clone)]
pub struct Situation {
    pub now: DateTime<Utc>,
    /// Section of the most recently touched item.
    pub current_section: Option<Vec<String>>,
    /// First and last list positions in the pool.
    pub positions: (i64, i64),
}

/// Each term's value, before weighting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Terms {
    pub in_progress: f64,
    pub recency: f64,
    pub earliness: f64,
    pub section: f64,
    pub review: f64,
}

impl Terms {
    pub fn score(&self) -> f64 {
        W_IN_PROGRESS * self.in_progress
            + W_RECENCY * self.recency
            + W_EARLINESS * self.earliness
            + W_SECTION * self.section
            + W_REVIEW * self.review
    }

    /// Each term rounded as the score is, for people and JSON.
    fn rounded(self) -> Terms {
        Terms {
            in_progress: round(self.in_progress),
            recency: round(self.recency),
            earliness: round(self.earliness),
            section: round(self.section),
            review: round(self.review),
        }
    }
}

/// Why an item is suggested.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    InProgressSince(DateTime<Utc>),
    InProgress,
    /// The first todo item of its section.
    NextInSection,
    /// The first todo item of the items without a section.
    NextInList,
    /// The next todo item after `previous` in the same section.
    After {
        previous: i64,
    },
    /// Its review is due.
    ReviewDue(DueReview),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub id: i64,
    pub score: f64,
    pub terms: Terms,
    pub reason: Reason,
}

pub fn terms(c: &NextCandidate, s: &Situation) -> Terms {
    if let Some(due) = c.review {
        return Terms {
            review: (1.0 - due.retrievability.clamp(0.0, 1.0) / 2.0),
            ..Terms::default()
        };
    }
    let started = c.status == Status::Started;
    let recency = match (started, c.last_event_at) {
        (true, Some(t)) => 1.0 / (1.0 + (s.now - t).num_seconds().max(0) as f64 / 86_400.0),
        _ => 0.0,
    };
    let (first, last) = s.positions;
    let earliness = if last > first {
        1.0 - (c.position - first) as f64 / (last - first) as f64
    } else {
        1.0
    };
    let section = match &s.current_section {
        Some(current) if *current == c.section => 1.0,
        Some(current)
            if current.len() > 1
                && current.len() == c.section.len()
                && current[..current.len() - 1] == c.section[..c.section.len() - 1] =>
        {
            0.5
        }
        _ => 0.0,
    };
    if started {
        return Terms {
            in_progress: 1.0,
            recency,
            ..Terms::default()
        };
    }
    Terms {
        earliness: earliness.clamp(0.0, 1.0),
        section,
        ..Terms::default()
    }
}

/// The best `n` candidates, best first; ties go to the earlier item in the list.
pub fn rank(candidates: &[NextCandidate], situation: &Situation, n: usize) -> Vec<Ranked> {
    let mut scored: Vec<(&NextCandidate, Terms)> = candidates
        .iter()
        .map(|c| (c, terms(c, situation)))
        .collect();
    scored.sort_by(|a, b| {
        b.1.score()
            .total_cmp(&a.1.score())
            .then(a.0.position.cmp(&b.0.position))
    });
    scored.dedup_by_key(|(c, _)| c.id);
    scored
        .into_iter()
        .take(n)
        .map(|(c, terms)| Ranked {
            id: c.id,
            score: round(terms.score()),
            terms: terms.rounded(),
            reason: reason(c, candidates),
        })
        .collect()
}

fn reason(c: &NextCandidate, all: &[NextCandidate]) -> Reason {
    if let Some(due) = c.review {
        return Reason::ReviewDue(due);
    }
    if c.status == Status::Started {
        return c
            .started_at
            .map_or(Reason::InProgress, Reason::InProgressSince);
    }
    let earlier = all
        .iter()
        .filter(|o| o.section == c.section && o.status == Status::Todo && o.position < c.position)
        .max_by_key(|o| o.position);
    match earlier {
        Some(previous) => Reason::After {
            previous: previous.id,
        },
        None if c.section.is_empty() => Reason::NextInList,
        None => Reason::NextInSection,
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap()
    }

    fn todo(id: i64, position: i64, section: &[&str]) -> NextCandidate {
        NextCandidate {
            id,
            position,
            section: section.iter().map(|s| s.to_string()).collect(),
            status: Status::Todo,
            started_at: None,
            last_event_at: None,
            review: None,
        }
    }

    fn due(id: i64, position: i64, retrievability: f64) -> NextCandidate {
        NextCandidate {
            status: Status::Reviewed,
            review: Some(DueReview {
                due_at: now(),
                retrievability,
            }),
            ..todo(id, position, &["A"])
        }
    }

    fn started(id: i64, position: i64, days_ago: i64) -> NextCandidate {
        let t = now() - Duration::days(days_ago);
        NextCandidate {
            status: Status::Started,
            started_at: Some(t),
            last_event_at: Some(t),
            ..todo(id, position, &["A"])
        }
    }

    fn situation(current: Option<&[&str]>) -> Situation {
        Situation {
            now: now(),
            current_section: current.map(|c| c.iter().map(|s| s.to_string()).collect()),
            positions: (1, 100),
        }
    }

    #[test]
    fn terms_are_between_zero_and_one() {
        let t = terms(&started(1, 1, 0), &situation(Some(&["A"])));
        assert_eq!(
            t,
            Terms {
                in_progress: 1.0,
                recency: 1.0,
                earliness: 0.0,
                section: 0.0,
                review: 0.0
            }
        );
        assert_eq!(t.score(), 16.0);
        let t = terms(&todo(2, 100, &["B", "x"]), &situation(Some(&["B", "y"])));
        assert_eq!(
            t,
            Terms {
                in_progress: 0.0,
                recency: 0.0,
                earliness: 0.0,
                section: 0.5,
                review: 0.0
            }
        );
    }

    #[test]
    fn started_items_first_most_recent_first() {
        let pool = [
            todo(1, 1, &["A"]),
            started(2, 90, 5),
            started(3, 95, 0),
            todo(4, 2, &["A"]),
        ];
        let ids: Vec<i64> = rank(&pool, &situation(None), 4)
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, [3, 2, 1, 4]);
    }

    #[test]
    fn recency_alone_orders_started_items() {
        // An old started item early in the list still follows a fresh one late in the list.
        let pool = [started(1, 1, 200), started(2, 100, 199)];
        let ids: Vec<i64> = rank(&pool, &situation(Some(&["A"])), 2)
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, [2, 1]);
    }

    #[test]
    fn staying_in_the_current_section_earns_a_bonus() {
        let pool = [
            todo(1, 1, &["Videos"]),
            todo(2, 50, &["Papers"]),
            todo(3, 51, &["Papers"]),
        ];
        let ranked = rank(&pool, &situation(Some(&["Papers"])), 3);
        let ids: Vec<i64> = ranked.iter().map(|r| r.id).collect();
        assert_eq!(ids, [2, 3, 1]);
        assert_eq!(ranked[0].reason, Reason::NextInSection);
        assert_eq!(ranked[1].reason, Reason::After { previous: 2 });
    }

    #[test]
    fn terms_are_rounded_like_the_score() {
        // Position 50 of 1..=100: earliness 1 − 49/99 = 0.50505…
        let ranked = rank(&[todo(1, 50, &["A"])], &situation(None), 1);
        assert_eq!(ranked[0].terms.earliness, 0.505);
        assert_eq!(ranked[0].score, 1.515);
    }

    #[test]
    fn without_a_current_section_list_order_wins() {
        let pool = [todo(2, 50, &["Papers"]), todo(1, 1, &["Videos"])];
        let ids: Vec<i64> = rank(&pool, &situation(None), 1)
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, [1]);
    }

    #[test]
    fn due_reviews_go_after_started_items_and_before_todo_once_recall_drops() {
        let pool = [
            todo(1, 1, &["A"]),
            started(2, 90, 30),
            due(3, 50, 0.9),
            due(4, 60, 0.6),
        ];
        let ranked = rank(&pool, &situation(Some(&["A"])), 4);
        let ids: Vec<i64> = ranked.iter().map(|r| r.id).collect();
        // started ≥ 10; due at 60% recall 8·0.7 = 5.6; todo first of its section 3 + 2 = 5;
        // just due at 90% recall 8·0.55 = 4.4.
        assert_eq!(ids, [2, 4, 1, 3]);
        assert_eq!(ranked[1].terms.review, 0.7);
        assert_eq!(ranked[1].score, 5.6);
        assert!(matches!(ranked[1].reason, Reason::ReviewDue(_)));
        assert_eq!(
            ranked[3].terms.earliness, 0.0,
            "a review has no list-order term"
        );
    }
}
