//! The year's activity as a contribution calendar: one column a week (Monday first), one row a
//! weekday, each day shaded by how many events it had.

use super::svg::{Anchor, Svg};
use crate::session::format_duration;
use crate::stats::{Day, heat_level};
use chrono::{Datelike, Duration, NaiveDate};

/// The weeks drawn: a year and the week it ends in.
pub const WEEKS: i64 = 53;
const STEP: f64 = 15.0;
const CELL: f64 = 12.0;
const LEFT: f64 = 32.0;
const TOP: f64 = 18.0;

/// The last 53 weeks up to `today`; `days` in any order, days outside the range ignored.
pub fn heatmap(days: &[Day], today: NaiveDate) -> String {
    let first = crate::stats::week_start(today) - Duration::weeks(WEEKS - 1);
    let mut by_day: Vec<Day> = (0..WEEKS * 7)
        .map(|i| Day::empty(first + Duration::days(i)))
        .collect();
    for day in days {
        let offset = (day.date - first).num_days();
        if (0..WEEKS * 7).contains(&offset) && day.date <= today {
            by_day[offset as usize] = *day;
        }
    }
    let busiest = by_day.iter().map(|d| d.events).max().unwrap_or(0);
    let width = LEFT + WEEKS as f64 * STEP;
    let mut svg = Svg::new(
        width,
        TOP + 7.0 * STEP + 22.0,
        "Activity over the last year",
    );
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")] {
        svg.text(
            (LEFT - 6.0, TOP + row as f64 * STEP + 10.0),
            Anchor::End,
            name,
        );
    }
    for (i, day) in by_day.iter().enumerate() {
        let date = first + Duration::days(i as i64);
        if date > today {
            break;
        }
        let (week, weekday) = ((i / 7) as f64, (i % 7) as f64);
        let x = LEFT + week * STEP;
        if date.day() == 1 {
            svg.text(
                (x, TOP - 6.0),
                Anchor::Start,
                &date.format("%b").to_string(),
            );
        }
        let tip = tooltip(date, day);
        let class = format!("heat{}", heat_level(day.events, busiest));
        svg.rect((x, TOP + weekday * STEP), (CELL, CELL), &class, Some(&tip));
    }
    legend(&mut svg, width, TOP + 7.0 * STEP + 6.0);
    svg.finish()
}

/// "Less □□□□□ More" at the bottom right.
fn legend(svg: &mut Svg, width: f64, y: f64) {
    let mut x = width - 5.0 * STEP - 34.0;
    svg.text((x - 6.0, y + 10.0), Anchor::End, "Less");
    for level in 0..5 {
        svg.rect((x, y), (CELL, CELL), &format!("heat{level}"), None);
        x += STEP;
    }
    svg.text((x + 2.0, y + 10.0), Anchor::Start, "More");
}

fn tooltip(date: NaiveDate, day: &Day) -> String {
    let events = match day.events {
        0 => "no activity".to_string(),
        1 => "1 event".to_string(),
        n => format!("{n} events"),
    };
    match day.time_spent_s {
        0 => format!("{date}: {events}"),
        s => format!("{date}: {events}, {} studied", format_duration(s)),
    }
}

/// 0 for an idle day, else 1 to 4 by the share of the busiest day's count.
#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn day(text: &str, events: u64, time_spent_s: u64) -> Day {
        Day {
            events,
            time_spent_s,
            ..Day::empty(date(text))
        }
    }

    #[test]
    fn levels_grow_with_the_share_of_the_busiest_day() {
        assert_eq!(heat_level(0, 8), 0);
        assert_eq!(heat_level(1, 8), 1);
        assert_eq!(heat_level(3, 8), 2);
        assert_eq!(heat_level(8, 8), 4);
        assert_eq!(heat_level(5, 0), 4);
    }

    #[test]
    fn a_year_of_cells_ends_today_with_each_day_shaded() {
        let today = date("2026-11-28"); // a Saturday
        let days = [
            day("2026-11-27", 4, 4800),
            day("2026-11-26", 1, 0),
            day("2024-01-01", 9, 0),
        ];
        let svg = heatmap(&days, today);
        // 52 whole weeks and Monday to Saturday of this one, plus the legend's five cells.
        assert_eq!(svg.matches("<rect").count(), 52 * 7 + 6 + 5);
        assert!(
            svg.contains(r#"class="heat4"><title>2026-11-27: 4 events, 1h 20m studied</title>"#)
        );
        assert!(svg.contains(r#"class="heat1"><title>2026-11-26: 1 event</title>"#));
        assert!(svg.contains("<title>2026-11-28: no activity</title>"));
        assert!(!svg.contains("2026-11-29"));
        // The first column is the Monday 52 weeks before this week's.
        assert!(svg.contains("<title>2025-11-24: no activity</title>"));
        assert!(!svg.contains("2025-11-23"));
        assert!(svg.contains(">Dec</text>") && svg.contains(">Nov</text>"));
    }
}
