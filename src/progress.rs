//! Progress maths for `mlpath status`: counts per section, percentages, study streaks. Pure.

use crate::model::Status;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// How many items are in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    pub total: u64,
    pub todo: u64,
    pub started: u64,
    pub done: u64,
    pub reviewed: u64,
    pub skipped: u64,
    /// The items' study sessions added up, in seconds.
    pub time_spent_s: u64,
}

impl Counts {
    pub fn add(&mut self, status: Status, n: u64) {
        self.total += n;
        match status {
            Status::Todo => self.todo += n,
            Status::Started => self.started += n,
            Status::Done => self.done += n,
            Status::Reviewed => self.reviewed += n,
            Status::Skipped => self.skipped += n,
        }
    }

    /// Adds another group's counts to these.
    pub fn merge(&mut self, other: &Counts) {
        self.total += other.total;
        self.todo += other.todo;
        self.started += other.started;
        self.done += other.done;
        self.reviewed += other.reviewed;
        self.skipped += other.skipped;
        self.time_spent_s += other.time_spent_s;
    }

    /// (done + reviewed) / (total − skipped), in percent; 0 when nothing is left to count.
    pub fn percent(&self) -> f64 {
        let denominator = self.total - self.skipped;
        if denominator == 0 {
            return 0.0;
        }
        let finished = (self.done + self.reviewed) as f64;
        (finished * 1000.0 / denominator as f64).round() / 10.0
    }
}

/// One row of the status table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionProgress {
    /// With several lists: the list this row belongs to (`section` is inside it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    pub section: Vec<String>,
    #[serde(flatten)]
    pub counts: Counts,
    pub percent: f64,
}

/// Counts of one (section, status) group, with the list position of its first item.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub section: Vec<String>,
    pub status: Status,
    pub count: u64,
    pub first_position: i64,
    /// The group's items' time spent, in seconds.
    pub time_spent_s: u64,
}

/// Rolls groups up into sections (cut to `depth` levels when given), in list order, and totals.
pub fn by_section(groups: &[Group], depth: Option<usize>) -> (Counts, Vec<SectionProgress>) {
    // Keys borrow from the groups; each path is copied once, for its row, at the end.
    let mut rows: Vec<(i64, &[String], Counts)> = Vec::new();
    let mut index: HashMap<&[String], usize> = HashMap::new();
    let mut totals = Counts::default();
    for group in groups {
        let cut = depth.map_or(group.section.len(), |d| d.min(group.section.len()));
        let section = &group.section[..cut];
        totals.add(group.status, group.count);
        totals.time_spent_s += group.time_spent_s;
        let row = *index.entry(section).or_insert_with(|| {
            rows.push((group.first_position, section, Counts::default()));
            rows.len() - 1
        });
        let (first, _, counts) = &mut rows[row];
        *first = (*first).min(group.first_position);
        counts.add(group.status, group.count);
        counts.time_spent_s += group.time_spent_s;
    }
    rows.sort_by_key(|(first, _, _)| *first);
    let sections = rows
        .into_iter()
        .map(|(_, section, counts)| SectionProgress {
            list: None,
            section: section.to_vec(),
            percent: counts.percent(),
            counts,
        })
        .collect();
    (totals, sections)
}

/// Consecutive local days with at least one event, counting back from today. Today counts once
/// it has an event; before that the streak ending yesterday still stands.
/// `days` are the distinct local dates with events, newest first.
pub fn streak(days: impl IntoIterator<Item = NaiveDate>, today: NaiveDate) -> u32 {
    let mut expected: Option<NaiveDate> = None;
    let mut count = 0;
    for day in days {
        if day > today {
            continue;
        }
        match expected {
            None if day == today || day == today - Duration::days(1) => {
                count = 1;
                expected = Some(day - Duration::days(1));
            }
            None => return 0,
            Some(e) if day == e => {
                count += 1;
                expected = Some(day - Duration::days(1));
            }
            Some(e) if day > e => {} // the same day again
            Some(_) => break,
        }
    }
    count
}

/// The streak found by walking back one local day (in `tz`) at a time from `now`:
/// `latest_before(t)` gives the newest event strictly before `t`, so each day costs one lookup,
/// and the walk stops at the first day without events.
pub fn walk_streak<Tz: TimeZone, E>(
    now: DateTime<Utc>,
    tz: &Tz,
    mut latest_before: impl FnMut(DateTime<Utc>) -> Result<Option<DateTime<Utc>>, E>,
) -> Result<u32, E> {
    let today = now.with_timezone(tz).date_naive();
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut bound = now + Duration::seconds(1);
    while let Some(at) = latest_before(bound)? {
        let day = at.with_timezone(tz).date_naive();
        let oldest_kept = days.last().copied().unwrap_or(today) - Duration::days(1);
        if day < oldest_kept {
            break;
        }
        if days.last() != Some(&day) {
            days.push(day);
        }
        let start = start_of_day(day, tz);
        if start >= bound {
            break; // no step back: never loop
        }
        bound = start;
    }
    Ok(streak(days, today))
}

/// The first instant of a local day (midnight, or the first hour that exists on a DST day).
fn start_of_day<Tz: TimeZone>(day: NaiveDate, tz: &Tz) -> DateTime<Utc> {
    (0..3)
        .filter_map(|hour| day.and_hms_opt(hour, 0, 0))
        .find_map(|t| tz.from_local_datetime(&t).earliest())
        .map_or_else(
            || day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
            |t| t.with_timezone(&Utc),
        )
}

/// A bar of `width` cells for a percentage.
pub fn bar(percent: f64, width: usize) -> String {
    let filled = ((percent / 100.0) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// The sections a chart shows: every section (`all`) when they are at most `max`, else the
/// top-level ones (the first `max` of them), and how many more there are.
pub fn for_charts(
    groups: &[Group],
    all: Vec<SectionProgress>,
    max: usize,
) -> (Vec<SectionProgress>, usize) {
    let mut sections = match all.len() > max {
        true => by_section(groups, Some(1)).1,
        false => all,
    };
    let left_out = sections.len().saturating_sub(max);
    sections.truncate(max);
    (sections, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(section: &[&str], status: Status, count: u64, first: i64) -> Group {
        Group {
            section: section.iter().map(|s| s.to_string()).collect(),
            status,
            count,
            first_position: first,
            time_spent_s: count * 60,
        }
    }

    #[test]
    fn percent_excludes_skipped_items() {
        let mut c = Counts::default();
        c.add(Status::Done, 2);
        c.add(Status::Reviewed, 1);
        c.add(Status::Todo, 3);
        c.add(Status::Skipped, 2);
        assert_eq!(c.total, 8);
        assert_eq!(c.percent(), 50.0);
        assert_eq!(Counts::default().percent(), 0.0);
        let mut all_skipped = Counts::default();
        all_skipped.add(Status::Skipped, 2);
        assert_eq!(all_skipped.percent(), 0.0);
    }

    #[test]
    fn charts_show_every_section_when_few_else_top_levels_cut_to_the_limit() {
        let groups = [
            group(&["A", "x"], Status::Done, 1, 1),
            group(&["A", "y"], Status::Todo, 1, 2),
            group(&["B", "z"], Status::Todo, 1, 3),
            group(&["C"], Status::Todo, 1, 4),
        ];
        let all = by_section(&groups, None).1;
        let (shown, left_out) = for_charts(&groups, all.clone(), 4);
        assert_eq!((shown.len(), left_out), (4, 0));
        let (shown, left_out) = for_charts(&groups, all, 2);
        let names: Vec<String> = shown.iter().map(|r| r.section.join(" / ")).collect();
        assert_eq!(names, ["A", "B"]);
        assert_eq!(left_out, 1);
    }

    #[test]
    fn sections_in_list_order_and_rolled_up() {
        let groups = [
            group(&["Papers", "LLM", "Inference"], Status::Done, 2, 20),
            group(&["Videos", "General"], Status::Todo, 5, 2),
            group(&["Papers", "Speech"], Status::Todo, 1, 30),
            group(&["Papers", "LLM", "Inference"], Status::Todo, 3, 21),
            group(&["Tutorials"], Status::Todo, 1, 1),
        ];
        let (totals, rows) = by_section(&groups, None);
        assert_eq!(totals.total, 12);
        let names: Vec<String> = rows.iter().map(|r| r.section.join(" / ")).collect();
        assert_eq!(
            names,
            [
                "Tutorials",
                "Videos / General",
                "Papers / LLM / Inference",
                "Papers / Speech"
            ]
        );
        assert_eq!(rows[2].percent, 40.0);
        let (_, rolled) = by_section(&groups, Some(1));
        let names: Vec<String> = rolled.iter().map(|r| r.section.join(" / ")).collect();
        assert_eq!(names, ["Tutorials", "Videos", "Papers"]);
        assert_eq!(rolled[2].counts.total, 6);
        // Time adds up like the counts (the test groups give each item a minute).
        assert_eq!(rolled[2].counts.time_spent_s, 6 * 60);
        assert_eq!(totals.time_spent_s, 12 * 60);
        let rolled_total: u64 = rolled.iter().map(|r| r.counts.total).sum();
        assert_eq!(rolled_total, totals.total);
    }

    #[test]
    fn streaks() {
        let d = |day: u32| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        assert_eq!(streak([d(28), d(27), d(26), d(24)], d(28)), 3);
        assert_eq!(
            streak([d(27), d(26)], d(28)),
            2,
            "not broken until a whole day passes"
        );
        assert_eq!(streak([d(26), d(25)], d(28)), 0);
        assert_eq!(streak([], d(28)), 0);
        assert_eq!(streak([d(28)], d(28)), 1);
    }

    #[test]
    fn streak_walk_seeks_once_per_day_in_local_time() {
        use chrono::FixedOffset;
        let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap();
        // Events at 23:00 UTC are the next day in UTC+2.
        let events = [
            at(28, 8),
            at(28, 7),
            at(27, 23),
            at(26, 9),
            at(25, 23),
            at(23, 10),
        ];
        let lookups = std::cell::Cell::new(0);
        let latest_before = |t: DateTime<Utc>| -> Result<Option<DateTime<Utc>>, ()> {
            lookups.set(lookups.get() + 1);
            Ok(events.iter().copied().filter(|e| *e < t).max())
        };
        let now = at(28, 9);
        assert_eq!(walk_streak(now, &Utc, latest_before), Ok(4)); // 28, 27, 26, 25
        assert!(lookups.get() <= 6, "one lookup a day: {}", lookups.get());
        let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
        // In UTC+2 the events fall on the 28th, 28th, 28th, 26th, 26th: no event on the 27th.
        assert_eq!(walk_streak(now, &plus2, latest_before), Ok(1));
    }

    #[test]
    fn bars() {
        assert_eq!(bar(50.0, 10), "█████░░░░░");
        assert_eq!(bar(0.0, 4), "░░░░");
        assert_eq!(bar(100.0, 4), "████");
    }
}
