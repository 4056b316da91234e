//! Activity by local day: buckets of UTC time folded into the dates of a time zone.

use super::Bucket;
use chrono::{DateTime, NaiveDate, Offset, TimeZone, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// One local day of activity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Day {
    pub date: NaiveDate,
    /// Events that count as activity (see the module's documentation).
    pub events: u64,
    pub time_spent_s: u64,
    #[serde(skip)]
    pub done: u64,
    #[serde(skip)]
    pub reviews: u64,
}

impl Day {
    pub(crate) fn empty(date: NaiveDate) -> Day {
        Day {
            date,
            events: 0,
            time_spent_s: 0,
            done: 0,
            reviews: 0,
        }
    }
}

/// The minute of each UTC hour at which a local day can begin in `tz` (its offset's minutes):
/// 0 for whole-hour zones, 30 for UTC+5:30 (local midnight is 18:30 UTC), 15 for UTC+5:45.
/// The store adds events up per hour, split there, so that no bucket straddles a local midnight.
/// The offset is today's: in a zone whose offset changes by part of an hour (Lord Howe Island,
/// +10:30 and +11), an event of the other season within half an hour of midnight can land on
/// the day beside its own.
pub(crate) fn bucket_minute<Tz: TimeZone>(tz: &Tz, now: DateTime<Utc>) -> u32 {
    let offset_s = tz
        .offset_from_utc_datetime(&now.naive_utc())
        .fix()
        .local_minus_utc();
    ((-offset_s).rem_euclid(3600) / 60) as u32
}

/// Activity added up per local date in `tz`, in date order; days without any are absent.
pub(crate) fn daily<Tz: TimeZone>(activity: &[super::Bucket], tz: &Tz) -> BTreeMap<NaiveDate, Day> {
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    for b in activity {
        let date = b.at.with_timezone(tz).date_naive();
        let day = days.entry(date).or_insert(Day::empty(date));
        add(day, b);
    }
    days
}

fn add(day: &mut Day, b: &Bucket) {
    day.events += b.events;
    day.done += b.done;
    day.reviews += b.reviews;
    day.time_spent_s += b.spent_s;
}

/// Counts per minute added up per local day (in `tz`), in date order.
pub(crate) fn by_local_day<Tz: TimeZone>(
    minutes: Vec<(DateTime<Utc>, u64)>,
    tz: &Tz,
) -> Vec<(NaiveDate, u64)> {
    let mut days: Vec<(NaiveDate, u64)> = Vec::new();
    for (minute, n) in minutes {
        let day = minute.with_timezone(tz).date_naive();
        match days.last_mut() {
            Some((last, count)) if *last == day => *count += n,
            _ => days.push((day, n)),
        }
    }
    days
}
