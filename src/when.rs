//! Reading `--at` and `--since` values: `2026-11-20`, `yesterday`, `3 days ago`, `5h`. Pure.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Parses WHEN relative to `now`, reading dates without a zone in `tz`. Future times are refused.
pub fn parse<Tz: TimeZone>(
    text: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    let at = parse_any(t, now, tz).ok_or_else(|| {
        format!(
            "cannot read the time '{t}'; use RFC 3339, YYYY-MM-DD, \"YYYY-MM-DD HH:MM\", today, yesterday, \"3 days ago\", 3d or 5h"
        )
    })?;
    if at > now {
        return Err(format!("the time '{t}' is in the future"));
    }
    Ok(at)
}

fn parse_any<Tz: TimeZone>(t: &str, now: DateTime<Utc>, tz: &Tz) -> Option<DateTime<Utc>> {
    let lower = t.to_ascii_lowercase();
    match lower.as_str() {
        "now" | "today" => return Some(now),
        "yesterday" => return Some(now - Duration::days(1)),
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
    relative(&lower).map(|ago| now - ago)
}

fn local<Tz: TimeZone>(naive: NaiveDateTime, tz: &Tz) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(earliest, _) => Some(earliest.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// `3 days ago`, `3d`, `1 hour ago`, `5h`, `2 weeks ago`, `2w`, `30 minutes ago`.
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
        "min" | "minute" | "minutes" => Duration::minutes(amount),
        _ => return None,
    };
    Some(duration)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
    }

    #[test]
    fn accepted_forms() {
        let cases = [
            ("2026-11-20T08:30:00Z", "2026-11-20T08:30:00Z"),
            ("2026-11-20T10:30:00+02:00", "2026-11-20T08:30:00Z"),
            ("2026-11-20", "2026-11-20T00:00:00Z"),
            ("2026-11-20 14:05", "2026-11-20T14:05:00Z"),
            ("today", "2026-11-28T12:00:00Z"),
            ("Yesterday", "2026-11-27T12:00:00Z"),
            ("3 days ago", "2026-11-25T12:00:00Z"),
            ("3d", "2026-11-25T12:00:00Z"),
            ("1 hour ago", "2026-11-28T11:00:00Z"),
            ("5h", "2026-11-28T07:00:00Z"),
            ("2w", "2026-11-14T12:00:00Z"),
        ];
        for (input, expected) in cases {
            let got = parse(input, now(), &Utc).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(crate::store::format_time(got), expected, "{input}");
        }
    }

    #[test]
    fn local_dates_use_the_given_zone() {
        let paris = FixedOffset::east_opt(3600).unwrap();
        let got = parse("2026-11-20 10:00", now(), &paris).unwrap();
        assert_eq!(crate::store::format_time(got), "2026-11-20T09:00:00Z");
    }

    #[test]
    fn refusals() {
        for bad in [
            "tomorrow",
            "2026-13-01",
            "3 parsecs ago",
            "",
            "d",
            "2027-01-01",
            "-3d",
        ] {
            assert!(parse(bad, now(), &Utc).is_err(), "{bad} should be refused");
        }
        assert!(
            parse("2027-01-01", now(), &Utc)
                .unwrap_err()
                .contains("future")
        );
    }
}
