//! Times for people: local, to the minute, or relative to now.

use chrono::{DateTime, Local, Utc};

/// Local date and time, to the minute.
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// Local hour and minute only: `15:30`.
pub fn local_clock(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%H:%M").to_string()
}

/// Local date only.
pub fn local_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

/// "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", then the date.
pub fn relative(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - t).num_seconds();
    let days_apart =
        (now.with_timezone(&Local).date_naive() - t.with_timezone(&Local).date_naive()).num_days();
    match secs {
        s if s < 0 => local_time(t),
        0..60 => "just now".into(),
        60..3600 => plural(secs / 60, "minute"),
        3600..86_400 if days_apart == 0 => plural(secs / 3600, "hour"),
        _ => match days_apart {
            0 => plural(secs / 3600, "hour"),
            1 => "yesterday".into(),
            2..=13 => format!("{days_apart} days ago"),
            _ => local_date(t),
        },
    }
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit} ago")
    } else {
        format!("{n} {unit}s ago")
    }
}
