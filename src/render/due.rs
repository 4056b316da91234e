//! `mlpath due`: what to review, most overdue first; and due dates for people.

use super::table::{Column, Table};
use super::{Output, local_date};
use crate::views::DueEntry;
use chrono::{DateTime, Local, Utc};

/// The due table, or a line saying that nothing is due.
pub fn table(entries: &[DueEntry], now: DateTime<Utc>, out: &Output) -> String {
    if entries.is_empty() {
        return "no reviews due\n".into();
    }
    // The date goes before the last review and the review count on a narrow terminal: the
    // relative day says more there.
    let mut table = Table::new(&[
        Column::new("due").drops(3),
        Column::new("when"),
        Column::new("item"),
        Column::new("recall").right(),
        Column::new("reviews").right().drops(2),
        Column::new("last review").drops(1),
        Column::new("title").fill(10),
    ]);
    for e in entries {
        table.row([
            local_date(e.due_at).as_str(),
            &relative_day(e.due_at, now),
            &e.slug,
            &percent(e.retrievability),
            &e.reviews.to_string(),
            &e.last_review_at.map_or("never".into(), local_date),
            &e.title,
        ]);
    }
    table.render(out)
}

/// A chance as a whole percentage: `88%`.
pub fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// A due date for people: the date with "today", "tomorrow", "in 9 days" or "3 days overdue".
pub fn due_date(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    format!("{} ({})", local_date(due), relative_day(due, now))
}

/// "today", "tomorrow", "in 9 days" or "3 days overdue", by local calendar day.
fn relative_day(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let days = (due.with_timezone(&Local).date_naive() - now.with_timezone(&Local).date_naive())
        .num_days();
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "1 day overdue".to_string(),
        d if d < 0 => format!("{} days overdue", -d),
        d => format!("in {d} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn due_dates_count_calendar_days() {
        // The tests run with TZ unset or UTC: local dates are UTC dates.
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
        let at = |d, h| Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap();
        assert_eq!(due_date(at(28, 23), now), "2026-11-28 (today)");
        assert_eq!(due_date(at(29, 1), now), "2026-11-29 (tomorrow)");
        assert_eq!(due_date(at(30, 9), now), "2026-11-30 (in 2 days)");
        assert_eq!(due_date(at(27, 9), now), "2026-11-27 (1 day overdue)");
        assert_eq!(due_date(at(20, 9), now), "2026-11-20 (8 days overdue)");
        assert_eq!(percent(0.877), "88%");
    }
}
