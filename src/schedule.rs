//! When to review an item again: its done and review events replayed through FSRS. Pure.
//!
//! The event log stays the only truth: the card is rebuilt from the item's events (undone ones
//! left out, in time order), so `undo`, `reset` and backdated events need no special care.

use crate::model::{EventKind, Kind, Rating};
use crate::state::Fact;
use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Parameters};
use serde::Serialize;

/// The `review.*` settings, with their defaults in this one place.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewSettings {
    /// The desired chance of still remembering an item when it comes due (0.70–0.97).
    pub retention: f64,
    /// The longest interval between two reviews, in days.
    pub max_interval: u32,
    /// Which kinds of item are scheduled.
    pub kinds: Vec<Kind>,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings {
            retention: 0.9,
            max_interval: 365,
            kinds: vec![Kind::Paper],
        }
    }
}

/// `review.retention`: a number from 0.70 to 0.97.
pub fn parse_retention(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(r) if (0.70..=0.97).contains(&r) => Ok(r),
        _ => Err(format!(
            "{text} is out of range; give a number from 0.70 to 0.97"
        )),
    }
}

/// `review.max-interval`: whole days, 1 to 36500.
pub fn parse_max_interval(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(days) if (1..=36_500).contains(&days) => Ok(days),
        _ => Err(format!("{text} is not a number of days from 1 to 36500")),
    }
}

/// `review.kinds`: kind names separated by commas, or `none`.
pub fn parse_kinds(text: &str) -> Result<Vec<Kind>, String> {
    if text.trim() == "none" {
        return Ok(Vec::new());
    }
    text.split(',')
        .map(|name| {
            Kind::parse(name.trim()).ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown kind '{}'; the kinds are {} (or none)",
                    name.trim(),
                    names.join(", ")
                )
            })
        })
        .collect()
}

impl ReviewSettings {
    /// The settings from their stored values; a missing or invalid value keeps its default.
    pub fn from_stored(
        retention: Option<&str>,
        max_interval: Option<&str>,
        kinds: Option<&str>,
    ) -> ReviewSettings {
        let d = ReviewSettings::default();
        ReviewSettings {
            retention: retention
                .and_then(|v| parse_retention(v).ok())
                .unwrap_or(d.retention),
            max_interval: max_interval
                .and_then(|v| parse_max_interval(v).ok())
                .unwrap_or(d.max_interval),
            kinds: kinds.and_then(|v| parse_kinds(v).ok()).unwrap_or(d.kinds),
        }
    }

    /// Whether items of `kind` get reviews.
    pub fn schedules(&self, kind: Kind) -> bool {
        self.kinds.contains(&kind)
    }

    fn fsrs(&self) -> FSRS {
        FSRS::new(Parameters {
            request_retention: self.retention,
            maximum_interval: self.max_interval.max(1) as i32,
            // The short-term scheduler plans same-day steps, which make no sense for papers.
            enable_short_term: false,
            // Fuzz would make due dates depend on a seed rather than on the events alone.
            enable_fuzz: false,
            ..Parameters::default()
        })
    }
}

/// What FSRS knows of an item after its last exposure (a rated done or a review).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardState {
    pub due_at: DateTime<Utc>,
    pub stability: f64,
    pub difficulty: f64,
    /// Rated exposures so far: the first `done` counts as one.
    pub reps: u32,
    /// Reviews rated `again`.
    pub lapses: u32,
    /// When the item was last done or reviewed with a rating.
    pub last_at: DateTime<Utc>,
}

impl CardState {
    /// The chance of remembering the item at `now`, as FSRS's forgetting curve predicts it.
    pub fn retrievability(&self, now: DateTime<Utc>) -> f64 {
        let days = (now - self.last_at).num_days().max(0) as f64;
        Parameters::forgetting_curve(days, self.stability)
    }
}

/// An item's review schedule: its card, if it has been exposed, and whether it is suspended.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Schedule {
    pub card: Option<CardState>,
    pub suspended: bool,
}

impl Schedule {
    /// When the item is due, or `None` when it is not scheduled (never rated, or suspended).
    /// Whether its kind is scheduled is the caller's question (see `ReviewSettings::schedules`).
    pub fn due_at(&self) -> Option<DateTime<Utc>> {
        self.card
            .as_ref()
            .filter(|_| !self.suspended)
            .map(|c| c.due_at)
    }
}

/// Why suspending or resuming an item would change nothing, if it would not.
pub fn no_op_reason(schedule: &Schedule, kind: EventKind) -> Option<String> {
    match kind {
        EventKind::Suspend if schedule.suspended => Some("is already suspended".into()),
        EventKind::Resume if !schedule.suspended => Some("is not suspended".into()),
        _ => None,
    }
}

/// Replays an item's facts (in time order, undone events left out) into its schedule.
///
/// A `done` without a rating is one that a ticked box in the list recorded: it is not an exposure,
/// so importing a list of finished items does not make them all due on one day. A review is
/// always one (an unrated review is rated good), and the first exposure of an item starts its card.
pub fn replay(facts: &[Fact], settings: &ReviewSettings) -> Schedule {
    let fsrs = settings.fsrs();
    let mut card: Option<Card> = None;
    let mut schedule = Schedule::default();
    for fact in facts {
        let rating = match (fact.kind, fact.rating) {
            (EventKind::Done, Some(r)) => r,
            (EventKind::Review, r) => r.unwrap_or(Rating::Good),
            (EventKind::Reset, _) => {
                card = None;
                continue;
            }
            (EventKind::Suspend, _) => {
                schedule.suspended = true;
                continue;
            }
            (EventKind::Resume, _) => {
                schedule.suspended = false;
                continue;
            }
            _ => continue,
        };
        let current = card.take().unwrap_or_else(|| Card {
            due: fact.at,
            last_review: fact.at,
            ..Card::default()
        });
        card = Some(fsrs.next(current, fact.at, to_fsrs(rating)).card);
    }
    schedule.card = card.map(|c| CardState {
        due_at: c.due,
        stability: c.stability,
        difficulty: c.difficulty,
        reps: c.reps.max(0) as u32,
        lapses: c.lapses.max(0) as u32,
        last_at: c.last_review,
    });
    schedule
}

fn to_fsrs(rating: Rating) -> rs_fsrs::Rating {
    match rating {
        Rating::Again => rs_fsrs::Rating::Again,
        Rating::Hard => rs_fsrs::Rating::Hard,
        Rating::Good => rs_fsrs::Rating::Good,
        Rating::Easy => rs_fsrs::Rating::Easy,
    }
}

#[cfg(test)]
mod tests;
