//! The terminal heatmap of `stats`: a column per week, a row per weekday (Monday first), month
//! names on top, each day shaded by its activity. The shades are distinct characters, so the
//! map reads without colour (`NO_COLOR`); with colour they are also greener.

use super::Output;
use crate::stats::{Day, heat_level};
use anstyle::{Ansi256Color, Style};
use chrono::{Datelike, NaiveDate};

/// Shades from no activity to the busiest days.
const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];
/// The 256-colour palette's greys and greens for the shades.
const COLOURS: [u8; 5] = [240, 22, 28, 34, 40];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// Columns taken by the weekday labels ("Mon ") and by each week (a shade and a space).
const LABEL: usize = 4;
const CELL: usize = 2;

/// The map of `days` (whole weeks from a Monday, the last one up to today), as many of the most
/// recent weeks as fit the output's width, then a legend. No line is wider than the output
/// from 5 columns up.
pub fn render(days: &[Day], out: &Output) -> String {
    let weeks: Vec<&[Day]> = days.chunks(7).collect();
    let room = out
        .width
        .map_or(weeks.len(), |w| w.saturating_sub(LABEL) / CELL);
    let shown = &weeks[weeks.len() - weeks.len().min(room.max(1))..];
    let busiest = days.iter().map(|d| d.events).max().unwrap_or(0);
    let mut text = months(shown, out.width);
    for (row, name) in WEEKDAYS.iter().enumerate() {
        let mut line = format!("{name:<LABEL$}");
        for week in shown {
            match week.get(row) {
                Some(day) => {
                    line.push_str(&shade(heat_level(day.events, busiest).into(), out.color))
                }
                None => line.push(' '), // later this week
            }
            line.push(' ');
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text.push_str(&legend(busiest, out));
    text
}

/// Month names above the first week holding the month's 1st; the first week is named after its
/// own month when there is room before the next name.
fn months(weeks: &[&[Day]], width: Option<usize>) -> String {
    let mut names: Vec<(usize, NaiveDate)> = Vec::new();
    for (i, week) in weeks.iter().enumerate() {
        if let Some(first) = week.iter().find(|d| d.date.day() == 1) {
            names.push((i, first.date));
        } else if i == 0 {
            names.extend(week.first().map(|d| (0, d.date)));
        }
    }
    let mut line = " ".repeat(LABEL);
    for (n, &(i, date)) in names.iter().enumerate() {
        let at = LABEL + i * CELL;
        let name = date.format("%b").to_string();
        let next = names.get(n + 1).map(|&(j, _)| LABEL + j * CELL);
        // A name needs its width and a space before the next one, and the output's width.
        if line.chars().count() > at
            || next.is_some_and(|next| at + name.len() + 1 > next)
            || width.is_some_and(|w| at + name.len() > w)
        {
            continue;
        }
        line.push_str(&" ".repeat(at - line.chars().count()));
        line.push_str(&name);
    }
    format!("{}\n", line.trim_end())
}

/// 0 for a day without activity, else 1 to 4 in quarters of the busiest day.
fn shade(level: usize, color: bool) -> String {
    let c = SHADES[level];
    if !color {
        return c.to_string();
    }
    let style = Style::new().fg_color(Some(Ansi256Color(COLOURS[level]).into()));
    format!("{style}{c}{style:#}")
}

/// `less · ░ ▒ ▓ █ more (the busiest day: 4 events)`, or the first shorter form that fits the
/// output's width: the busiest day on a line of its own, then shorter words, then the shades
/// alone, then nothing.
fn legend(busiest: u64, out: &Output) -> String {
    let plain: String = SHADES.iter().map(|c| format!("{c} ")).collect();
    let plain = plain.trim_end();
    let (most, short) = match busiest {
        0 => (
            "no study in these weeks".to_string(),
            "no study".to_string(),
        ),
        1 => (
            "the busiest day: 1 event".to_string(),
            "busiest: 1".to_string(),
        ),
        n => (
            format!("the busiest day: {n} events"),
            format!("busiest: {n}"),
        ),
    };
    let pad = " ".repeat(LABEL);
    let scale = format!("{pad}less {plain} more");
    let candidates = [
        format!("{scale} ({most})"),
        format!("{scale}\n{pad}({most})"),
        format!("{scale}\n({most})"),
        format!("{scale}\n({short})"),
        format!("less {plain} more\n({short})"),
        plain.to_string(),
    ];
    let fits = |text: &&String| {
        out.width
            .is_none_or(|w| text.lines().all(|l| l.chars().count() <= w))
    };
    let Some(chosen) = candidates.iter().find(fits) else {
        return String::new();
    };
    // Measured without colour; the shades are coloured once chosen.
    let shades: Vec<String> = (0..SHADES.len()).map(|l| shade(l, out.color)).collect();
    format!("{}\n", chosen.replacen(plain, &shades.join(" "), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(first: NaiveDate, n: usize, events: impl Fn(usize) -> u64) -> Vec<Day> {
        first
            .iter_days()
            .take(n)
            .enumerate()
            .map(|(i, date)| Day {
                events: events(i),
                ..Day::empty(date)
            })
            .collect()
    }

    fn plain(width: Option<usize>) -> Output {
        Output {
            color: false,
            width,
        }
    }

    #[test]
    fn levels_are_quarters_of_the_busiest_day() {
        let cases = [
            (0, 8, 0),
            (1, 8, 1),
            (2, 8, 1),
            (3, 8, 2),
            (6, 8, 3),
            (7, 8, 4),
            (8, 8, 4),
        ];
        for (events, busiest, want) in cases {
            assert_eq!(heat_level(events, busiest), want, "{events} of {busiest}");
        }
    }

    #[test]
    fn weeks_are_columns_with_monday_on_top() {
        // Monday 2026-11-16 to Saturday 2026-11-28: the last week has no Sunday yet.
        let first = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        let map = render(&days(first, 13, |i| [4, 0, 1][i % 3]), &plain(None));
        assert_eq!(
            map,
            "    Nov\n\
             Mon █ ·\n\
             Tue · ░\n\
             Wed ░ █\n\
             Thu █ ·\n\
             Fri · ░\n\
             Sat ░ █\n\
             Sun █\n    \
             less · ░ ▒ ▓ █ more (the busiest day: 4 events)\n"
        );
    }

    #[test]
    fn a_narrow_output_shows_the_latest_weeks_that_fit() {
        let first = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let all = days(first, 26 * 7 - 1, |i| (i % 5) as u64);
        let map = render(&all, &plain(Some(24)));
        let mon = map.lines().find(|l| l.starts_with("Mon")).unwrap();
        assert_eq!(
            mon.chars().count(),
            4 + 10 * 2 - 1,
            "10 weeks in 24 columns"
        );
        let wide = render(&all, &plain(Some(100)));
        let mon = wide.lines().find(|l| l.starts_with("Mon")).unwrap();
        assert_eq!(mon.chars().count(), 4 + 26 * 2 - 1);
        assert!(wide.starts_with("    Jun     Jul"), "{wide}");
    }

    #[test]
    fn no_line_is_wider_than_the_output() {
        // Monday 2026-06-08 to Tuesday 2026-12-01: December's name falls on the last column.
        let first = NaiveDate::from_ymd_opt(2026, 6, 8).unwrap();
        for busiest in [0, 1, 7, 12, 123_456] {
            let all = days(first, 177, |i| if i == 176 { busiest } else { 0 });
            for w in 5..=80 {
                let map = render(&all, &plain(Some(w)));
                for line in map.lines() {
                    assert!(line.chars().count() <= w, "{w}: {line:?}\n{map}");
                }
                let legend = map.lines().skip(8).collect::<Vec<_>>().join("\n");
                if w >= 9 {
                    assert!(legend.contains("· ░ ▒ ▓ █"), "{w}: {map}");
                }
                if w >= 32 && (1..100).contains(&busiest) {
                    assert!(legend.contains("the busiest day"), "{w}: {map}");
                }
            }
        }
    }
}
