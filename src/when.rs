//! Reading `--at` and `--since` values: `2026-11-20`, `yesterday 14:00`, `last monday`,
//! `3 days ago`, `5h`. Pure: the clock and the time zone are parameters.
//!
//! The forms mlpath has always read are parsed here; everything else goes to `interim`, the
//! parser atuin uses, with two corrections for looking back in time: a weekday means the most
//! recent one (interim reads `monday` as the next), and the short forms `3d`, `5h`, `30m` mean
//! ago (interim reads them forward).

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// What the time is for, which decides what a bare `today` or `yesterday` means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// When an event happened (`--at`): `today` is now, `yesterday` is 24 hours ago.
    At,
    /// The start of a period (`--since`): `today` and `yesterday` start at local midnight.
    Since,
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Parses WHEN relative to `now`, reading times without a zone in `tz`. Future times are refused.
pub fn parse<Tz: TimeZone>(
    text: &str,
    now: DateTime<Utc>,
    tz: &Tz,
    purpose: Purpose,
) -> Result<DateTime<Utc>, String> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = parse_any(&t, now, tz, purpose).ok_or_else(|| {
        format!(
            "cannot read the time '{t}'; use YYYY-MM-DD, \"YYYY-MM-DD HH:MM\", RFC 3339, today, yesterday, \"yesterday 14:00\", \"last monday\", \"3 days ago\", 3d, 5h or 30m"
        )
    })?;
    if at > now {
        return Err(format!("the time '{t}' is in the future"));
    }
    Ok(at)
}

fn parse_any<Tz: TimeZone>(
    t: &str,
    now: DateTime<Utc>,
    tz: &Tz,
    purpose: Purpose,
) -> Option<DateTime<Utc>> {
    let lower = t.to_lowercase();
    match (lower.as_str(), purpose) {
        ("now", _) | ("today", Purpose::At) => return Some(now),
        ("yesterday", Purpose::At) => return Some(now - Duration::days(1)),
        ("today", Purpose::Since) => return start_of_local_day(now, 0, tz),
        ("yesterday", Purpose::Since) => return start_of_local_day(now, 1, tz),
        _ => {}
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Some(at.with_timezone(&Utc));
    }
    if let Ok(date) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return local(date.and_hms_opt(0, 0, 0)?, tz);
    }
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return local(naive, tz);
        }
    }
    if let Some(ago) = relative(&lower) {
        return now.checked_sub_signed(ago);
    }
    natural(t, now, tz)
}

/// Everything else, through interim. A leading weekday is read as the most recent one.
fn natural<Tz: TimeZone>(t: &str, now: DateTime<Utc>, tz: &Tz) -> Option<DateTime<Utc>> {
    // interim reads a lone letter such as `d` as "now"; that is a typo, not a time.
    if t.chars().count() < 2 {
        return None;
    }
    let first = t.split(' ').next().unwrap_or_default().to_lowercase();
    let weekday_first = first.len() >= 3 && WEEKDAYS.iter().any(|day| day.starts_with(&first));
    let text = if weekday_first {
        format!("last {t}")
    } else {
        t.to_string()
    };
    let local_now = now.with_timezone(tz);
    let at = interim::parse_date_string(&text, local_now, interim::Dialect::Us)
        .ok()?
        .with_timezone(&Utc);
    // `monday 9:30` on a Monday morning before 9:30 means last week's.
    if weekday_first && at > now {
        return at.checked_sub_signed(Duration::weeks(1));
    }
    Some(at)
}

/// Noon of a local calendar day, as a moment: a date read from a list (`done 2026-11-20`) stays
/// that day in the user's time zone, whatever the clock change.
pub fn local_noon<Tz: TimeZone>(day: NaiveDate, tz: &Tz) -> Option<DateTime<Utc>> {
    local(day.and_hms_opt(12, 0, 0)?, tz)
}

/// A past day as people say it, the way `--at` reads it: `today`, `yesterday`, the weekday
/// (`Wed`) within the last week, else the date. A day after `today` is given as its date.
pub fn day_word(day: NaiveDate, today: NaiveDate) -> String {
    match (today - day).num_days() {
        0 => "today".into(),
        1 => "yesterday".into(),
        2..=6 => day.format("%a").to_string(),
        _ => day.format("%Y-%m-%d").to_string(),
    }
}

/// Local midnight `days_back` days before `now`'s local date.
fn start_of_local_day<Tz: TimeZone>(
    now: DateTime<Utc>,
    days_back: u64,
    tz: &Tz,
) -> Option<DateTime<Utc>> {
    let day = now
        .with_timezone(tz)
        .date_naive()
        .checked_sub_days(chrono::Days::new(days_back))?;
    // Where a clock change skips midnight, the day starts at the first hour that exists.
    (0..3).find_map(|hour| local(day.and_hms_opt(hour, 0, 0)?, tz))
}

fn local<Tz: TimeZone>(naive: NaiveDateTime, tz: &Tz) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(earliest, _) => Some(earliest.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// `3 days ago`, `3d`, `1 hour ago`, `5h`, `2 weeks ago`, `2w`, `30 minutes ago`, `30m`.
fn relative(text: &str) -> Option<Duration> {
    let text = text.strip_suffix(" ago").unwrap_or(text).trim();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let amount: i64 = text[..digits_end].parse().ok()?;
    if amount > 100_000 {
        return None;
    }
    let duration = match text[digits_end..].trim() {
        "d" | "day" | "days" => Duration::days(amount),
        "h" | "hour" | "hours" => Duration::hours(amount),
        "w" | "week" | "weeks" => Duration::weeks(amount),
        "m" | "min" | "mins" | "minute" | "minutes" => Duration::minutes(amount),
        _ => return None,
    };
    Some(duration)
}

#[cfg(test)]
mod tests;
