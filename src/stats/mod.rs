//! Study statistics for `mlpath stats` and the HTML report: streaks, weeks, the heatmap's days,
//! pace, ETA and goal, computed from plain data. Pure: the clock and the time zone are parameters.
//!
//! Activity is what a person recorded: start, done, review, note and study sessions, not undone.
//! Boxes ticked in a list file (the done events of an import or refresh) are left out everywhere
//! here: mlpath learns of them when it reads the file, not when the item was studied. Days,
//! weeks and streaks are local dates in the given time zone; weeks start on Monday.

mod days;

pub(crate) use days::{Day, bucket_minute, by_local_day, daily};

use crate::progress::{self, SectionProgress};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use serde::Serialize;

/// Weeks in the terminal heatmap, and so the days `Summary::days` covers.
pub(crate) const HEATMAP_WEEKS: usize = 26;
/// Weeks the table shows unless `--weeks` says otherwise.
pub(crate) const DEFAULT_WEEKS: u16 = 8;
/// The pace is the items finished over this many weeks, divided by it.
pub(crate) const PACE_WEEKS: u64 = 4;

/// Activity over one stretch of time no local day boundary crosses (see `bucket_minute`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Bucket {
    /// An instant inside the stretch: every event of the bucket is on this instant's local date.
    pub at: DateTime<Utc>,
    /// Events that count as activity.
    pub events: u64,
    pub done: u64,
    pub reviews: u64,
    /// Study sessions ending in the stretch, added up.
    pub spent_s: u64,
}

/// What the statistics are computed from.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    pub now: DateTime<Utc>,
    /// All activity, in any order.
    pub activity: Vec<Bucket>,
    /// Progress per section in list order (`progress::by_section`): what is left, where.
    pub sections: Vec<SectionProgress>,
    /// `goal.date`: the day the whole list (or `--list`) should be finished.
    pub goal: Option<NaiveDate>,
    /// Weeks in `Summary::weeks`, the current one last.
    pub weeks: usize,
    /// Weeks of days in `Summary::days` (the heatmap), the current one last.
    pub heatmap_weeks: usize,
}

/// Everything `stats` shows; `--json` prints it as it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Summary {
    /// Consecutive days with activity up to today (or yesterday, while today has none yet).
    pub streak_current: u32,
    pub streak_longest: u32,
    /// The last `Input::weeks` weeks, oldest first.
    pub weeks: Vec<Week>,
    /// Every day of the last `Input::heatmap_weeks` weeks up to today, oldest first.
    pub days: Vec<Day>,
    /// Items finished per week over the last four weeks (today and the 27 days before).
    pub pace_per_week: f64,
    /// Items not finished yet (todo and started; skipped items are not left).
    pub left: u64,
    /// When the items left would be finished at this pace; null when nothing is left or the
    /// pace is 0.
    pub eta: Option<NaiveDate>,
    /// Each section with items left, in list order.
    pub sections: Vec<SectionEta>,
    pub goal: Option<Goal>,
    #[serde(skip)]
    pub today: NaiveDate,
    /// Items finished in the pace's four weeks.
    #[serde(skip)]
    pub done_recently: u64,
    /// Whether any activity was ever recorded.
    #[serde(skip)]
    pub any_activity: bool,
    /// Whether there is any item at all (nothing left means all done only then).
    #[serde(skip)]
    pub any_items: bool,
}

/// One week of the table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Week {
    /// Its Monday.
    pub week_start: NaiveDate,
    pub done: u64,
    pub reviews: u64,
    pub time_spent_s: u64,
}

/// A section's items left and when they would be finished, the whole pace going to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SectionEta {
    pub section: Vec<String>,
    pub left: u64,
    pub eta: Option<NaiveDate>,
}

/// Where the learner stands against `goal.date`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Goal {
    pub date: NaiveDate,
    /// Days from today to the goal (negative once it has passed).
    pub days_left: i64,
    /// Items a week needed from today to finish by the goal (on its day, the day counts as one);
    /// null once it has passed.
    pub pace_needed: Option<f64>,
    /// Whether the current pace finishes the items left by the goal (true once nothing is left).
    pub on_track: bool,
    /// Items that would still be left on the goal's day at the current pace.
    pub behind: u64,
}

/// Computes the summary in the time zone `tz`.
pub(crate) fn summarize<Tz: TimeZone>(input: &Input, tz: &Tz) -> Summary {
    let today = input.now.with_timezone(tz).date_naive();
    let days = daily(&input.activity, tz);
    let active: Vec<NaiveDate> = days
        .iter()
        .rev()
        .filter(|(_, d)| d.events > 0)
        .map(|(date, _)| *date)
        .collect();
    let done_recently: u64 = days
        .range(today - Days::new(PACE_WEEKS * 7 - 1)..=today)
        .map(|(_, d)| d.done)
        .sum();
    let pace = round2(done_recently as f64 / PACE_WEEKS as f64);
    let left: u64 = input.sections.iter().map(left_in).sum();
    let sections = input
        .sections
        .iter()
        .filter(|s| left_in(s) > 0)
        .map(|s| SectionEta {
            section: s.section.clone(),
            left: left_in(s),
            eta: eta(left_in(s), pace, today),
        })
        .collect();
    Summary {
        streak_current: progress::streak(active.iter().copied(), today),
        streak_longest: longest_streak(&active),
        weeks: weeks(&days, today, input.weeks),
        days: heatmap_days(&days, today, input.heatmap_weeks),
        pace_per_week: pace,
        left,
        eta: eta(left, pace, today),
        sections,
        goal: input.goal.map(|date| goal(date, left, pace, today)),
        today,
        done_recently,
        any_activity: !active.is_empty(),
        any_items: input.sections.iter().any(|s| s.counts.total > 0),
    }
}

/// The `goal.date` setting: a date as YYYY-MM-DD, or `none` for no goal.
pub(crate) fn parse_goal(text: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        // Four-digit years only, as every date mlpath prints.
        .filter(|d| (1970..=9999).contains(&d.year()) && text.len() == 10)
        .map(Some)
        .ok_or_else(|| {
            format!("'{text}' is not a date; give one as YYYY-MM-DD (e.g. 2027-03-01), or none")
        })
}

/// A new goal must lie ahead: a date before `today` would be a goal already missed.
pub(crate) fn check_goal_ahead(text: &str, today: NaiveDate) -> Result<(), String> {
    match parse_goal(text)? {
        Some(date) if date < today => Err(format!(
            "{date} is already past (today is {today}); give today or a later date, or none"
        )),
        _ => Ok(()),
    }
}

/// A calendar cell's shade, 0 (no study) to 4: quarters of the busiest day, any study at least 1.
pub(crate) fn heat_level(events: u64, busiest: u64) -> u8 {
    match events {
        0 => 0,
        n => (n * 4).div_ceil(busiest.max(1)).clamp(1, 4) as u8,
    }
}

/// The Monday of `day`'s week.
pub(crate) fn week_start(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

fn left_in(section: &SectionProgress) -> u64 {
    section.counts.todo + section.counts.started
}

/// The day `left` items are finished at `pace` items a week: today plus the whole days needed.
pub(crate) fn eta(left: u64, pace: f64, today: NaiveDate) -> Option<NaiveDate> {
    if left == 0 || pace <= 0.0 {
        return None;
    }
    let days = (left as f64 / pace * 7.0).ceil();
    // Beyond chrono's calendar (a pace of 0.25 for a billion items) there is no date to give.
    today.checked_add_days(Days::new(days.min(u32::MAX as f64) as u64))
}

fn goal(date: NaiveDate, left: u64, pace: f64, today: NaiveDate) -> Goal {
    let days_left = (date - today).num_days();
    // On the goal's own day, that day is still there to study in.
    let days_to_study = match days_left {
        ..0 => 0,
        0 => 1,
        n => n,
    };
    let weeks_left = days_to_study as f64 / 7.0;
    let reachable = (pace * weeks_left).floor() as u64;
    Goal {
        date,
        days_left,
        pace_needed: (days_left >= 0).then(|| round2(left as f64 / weeks_left)),
        on_track: reachable >= left,
        behind: left.saturating_sub(reachable),
    }
}

/// The longest run of consecutive dates in `active` (newest first, distinct).
fn longest_streak(active: &[NaiveDate]) -> u32 {
    let (mut longest, mut run) = (0, 0);
    let mut previous: Option<NaiveDate> = None;
    for &day in active {
        run = match previous {
            Some(p) if p.pred_opt() == Some(day) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    longest
}

fn weeks(
    days: &std::collections::BTreeMap<NaiveDate, Day>,
    today: NaiveDate,
    n: usize,
) -> Vec<Week> {
    let this_week = week_start(today);
    (0..n as u64)
        .rev()
        .filter_map(|back| this_week.checked_sub_days(Days::new(back * 7)))
        .map(|start| {
            let mut week = Week {
                week_start: start,
                done: 0,
                reviews: 0,
                time_spent_s: 0,
            };
            for (_, d) in days.range(start..start + Days::new(7)) {
                week.done += d.done;
                week.reviews += d.reviews;
                week.time_spent_s += d.time_spent_s;
            }
            week
        })
        .collect()
}

fn heatmap_days(
    days: &std::collections::BTreeMap<NaiveDate, Day>,
    today: NaiveDate,
    n_weeks: usize,
) -> Vec<Day> {
    let back = Days::new(7 * n_weeks.saturating_sub(1) as u64);
    let first = week_start(today).checked_sub_days(back).unwrap_or(today);
    first
        .iter_days()
        .take_while(|d| *d <= today)
        .map(|date| days.get(&date).copied().unwrap_or(Day::empty(date)))
        .collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests;
