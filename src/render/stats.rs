//! `mlpath stats`: streaks, the weeks table, the heatmap, then pace, ETA and goal as sentences.

use super::fit::{cut_front, width};
use super::table::{Column, Table};
use super::{Output, heatmap, section};
use crate::session::format_duration;
use crate::stats::{Goal, Summary};
use chrono::NaiveDate;

/// Sections with items left listed by name; `--json` has them all.
const SECTIONS_SHOWN: usize = 10;

/// What stats and the HTML report say instead of streaks and a pace of zero.
pub(crate) const NO_STUDY: &str = "No study recorded yet: `mlpath start ITEM`, `mlpath done ITEM` \
     and `mlpath review ITEM` record it (ticked boxes in a list file do not count)";

/// The whole report.
pub fn report(s: &Summary, out: &Output) -> String {
    let mut text = String::new();
    if s.any_activity {
        text.push_str(&paragraph(&streaks(s), out));
        text.push('\n');
        text.push_str(&weeks(s, out));
        text.push('\n');
        text.push_str(&heatmap::render(&s.days, out));
        text.push('\n');
        text.push_str(&paragraph(&pace(s), out));
    } else {
        text.push_str(&paragraph(
            &format!("{NO_STUDY}, and stats then shows streaks, weeks, a heatmap and your pace."),
            out,
        ));
    }
    text.push_str(&paragraph(&eta(s), out));
    text.push_str(&sections(s, out));
    if let Some(goal) = &s.goal {
        text.push_str(&paragraph(&goal_line(goal, s), out));
    }
    text
}

/// Text wrapped to the output's width at spaces only (a date such as 2027-03-06 stays whole),
/// ending with a newline.
fn paragraph(text: &str, out: &Output) -> String {
    let Some(w) = out.width else {
        return format!("{text}\n");
    };
    let options = textwrap::Options::new(w.max(1))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(text, options)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect()
}

pub(crate) fn streaks(s: &Summary) -> String {
    format!(
        "Streak: {} (longest {})",
        days(s.streak_current.into()),
        days(s.streak_longest.into())
    )
}

fn weeks(s: &Summary, out: &Output) -> String {
    let mut table = Table::new(&[
        Column::new("week of"),
        Column::new("done").right(),
        Column::new("reviews").right(),
        // On a narrow output the time goes before the dates are cut.
        Column::new("time").right().drops(1),
    ]);
    for w in &s.weeks {
        let label = w.week_start.to_string();
        let time = match w.time_spent_s {
            0 => String::new(),
            t => format_duration(t),
        };
        table.row([label, w.done.to_string(), w.reviews.to_string(), time]);
    }
    table.render(out)
}

pub(crate) fn pace(s: &Summary) -> String {
    format!(
        "Pace: {} a week ({} finished in the last 4 weeks, not counting boxes ticked in list \
         files)",
        per_week(s.pace_per_week),
        s.done_recently
    )
}

pub(crate) fn eta(s: &Summary) -> String {
    if !s.any_items {
        return "No items yet: `mlpath import FILE` adds your list.".into();
    }
    if s.left == 0 {
        return "Nothing left: every item is done or skipped.".into();
    }
    match s.eta {
        Some(eta) => format!(
            "ETA: {} left, {}",
            s.left,
            when(s.left, s.pace_per_week, eta)
        ),
        None => format!(
            "ETA: {} left, none yet: nothing was finished in the last 4 weeks to give a pace \
             (`mlpath done ITEM` records a finish)",
            s.left
        ),
    }
}

/// `~2 weeks, around 2026-12-12`.
fn when(left: u64, pace: f64, eta: NaiveDate) -> String {
    let weeks = left as f64 / pace;
    let span = if weeks < 1.0 {
        days((weeks * 7.0).ceil() as u64)
    } else {
        count(weeks.round() as u64, "week")
    };
    format!("~{span}, around {eta}")
}

/// One line per section with items left (at the whole pace), the first few by name.
fn sections(s: &Summary, out: &Output) -> String {
    if s.eta.is_none() || s.sections.len() < 2 {
        return String::new();
    }
    let mut text = String::new();
    for sec in s.sections.iter().take(SECTIONS_SHOWN) {
        let Some(eta) = sec.eta else { continue };
        let rest = format!(
            "{} left, {}",
            sec.left,
            when(sec.left, s.pace_per_week, eta)
        );
        // A heading that ends in its own colon (`Translations:`) does not get a second one.
        let name = section(&sec.section);
        let name = name.strip_suffix(':').unwrap_or(&name);
        match out.width {
            // Too narrow for both: the name on its own line, then what is left below it.
            Some(w) if 2 + width(name) + 2 + width(&rest) > w => {
                text.push_str(&format!("  {}:\n", cut_front(name, w.saturating_sub(3))));
                text.push_str(&paragraph(&format!("    {rest}"), out));
            }
            _ => text.push_str(&format!("  {name}: {rest}\n")),
        }
    }
    if s.sections.len() > SECTIONS_SHOWN {
        text.push_str(&paragraph(
            &format!(
                "  and {} more sections with items left (`--json` lists them all)",
                s.sections.len() - SECTIONS_SHOWN
            ),
            out,
        ));
    }
    text
}

pub(crate) fn goal_line(g: &Goal, s: &Summary) -> String {
    let date = g.date;
    if s.left == 0 {
        return format!("Goal {date}: reached, nothing is left.");
    }
    let Some(needed) = g.pace_needed else {
        return format!(
            "Goal {date}: passed with {} left; `mlpath config goal.date YYYY-MM-DD` sets another",
            s.left
        );
    };
    let span = match g.days_left {
        0 => None,
        1..14 => Some(days(g.days_left as u64)),
        _ => Some(count((g.days_left as f64 / 7.0).round() as u64, "week")),
    };
    let needs = match span {
        // The goal's own day is not passed: what is left is for today.
        None => format!("Goal {date} (today): {} left to finish today", s.left),
        Some(span) => format!(
            "Goal {date} (in {span}): {} left needs {} a week",
            s.left,
            items(needed)
        ),
    };
    if g.on_track {
        format!("{needs}; on track at {} a week", items(s.pace_per_week))
    } else {
        format!(
            "{needs}; at {} a week you are {} behind",
            items(s.pace_per_week),
            count(g.behind, "item")
        )
    }
}

/// `1 item`, `2.25 items`.
fn per_week(x: f64) -> String {
    match items(x).as_str() {
        "1" => "1 item".into(),
        n => format!("{n} items"),
    }
}

/// A number of items a week, without trailing zeros: `2.25`, `2`, `0.5`.
fn items(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn days(n: u64) -> String {
    count(n, "day")
}

fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_lose_trailing_zeros() {
        assert_eq!(items(2.25), "2.25");
        assert_eq!(items(2.0), "2");
        assert_eq!(items(0.5), "0.5");
        assert_eq!(items(0.0), "0");
    }

    #[test]
    fn spans_are_days_under_a_week_then_weeks() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(when(1, 2.0, day), "~4 days, around 2026-12-01");
        assert_eq!(when(3, 1.5, day), "~2 weeks, around 2026-12-01");
        assert_eq!(when(1, 1.0, day), "~1 week, around 2026-12-01");
    }
}
