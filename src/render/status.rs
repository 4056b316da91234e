//! `mlpath status`: a headline, then progress per section.

use super::fit::join_parts;
use super::table::{Column, Table};
use super::{Output, relative, section};
use crate::progress::{self, Counts};
use crate::views::StatusView;
use chrono::{DateTime, Utc};

const BAR_WIDTH: usize = 10;

/// The headline and the table.
pub fn report(view: &StatusView, now: DateTime<Utc>, out: &Output) -> String {
    format!("{}\n{}", headline(view, now, out), table(view, out))
}

/// `3/19 done (16.7%) · 1 in progress · …`, over the same total as the table's; the percentage
/// leaves skipped items out, and says so when there are any.
fn headline(view: &StatusView, now: DateTime<Utc>, out: &Output) -> String {
    let t = &view.totals;
    let done = t.done + t.reviewed;
    let mut parts = vec![match t.skipped {
        0 => format!("{done}/{} done ({:.1}%)", t.total, view.percent),
        n => format!(
            "{done}/{} done ({:.1}% excl. {n} skipped)",
            t.total, view.percent
        ),
    }];
    parts.push(format!("{} in progress", t.started));
    match view.due {
        0 => {}
        1 => parts.push("1 review due".into()),
        n => parts.push(format!("{n} reviews due")),
    }
    parts.push(match view.last_activity {
        Some(at) => format!("last activity {}", relative(at, now)),
        None => "no activity yet".into(),
    });
    let days = view.streak_days;
    parts.push(format!(
        "streak {days} day{}",
        if days == 1 { "" } else { "s" }
    ));
    join_parts(&parts, out.width)
}

/// Columns within which a section name is never cut to make room for the counts.
const SECTION_WHOLE: usize = 50;

/// Progress per section and in total. On a narrow output the counts that matter least go first
/// (skipped, reviewed, started, the bar, todo, done, total), so section names stay whole (up to
/// SECTION_WHOLE columns).
fn table(view: &StatusView, out: &Output) -> String {
    if view.sections.is_empty() {
        return "no items match\n".into();
    }
    let mut columns = vec![
        // Names up to SECTION_WHOLE stay whole; a longer one (a sentence read as a heading) is
        // cut at its front down to that before the counts go.
        Column::new("section").front().fill(SECTION_WHOLE),
        Column::new("total").right().drops(7),
        Column::new("todo").right().drops(5),
        Column::new("started").right().drops(3),
        Column::new("done").right().drops(6),
        Column::new("reviewed").right().drops(1),
        Column::new("skipped").right().drops(0),
        Column::new("progress").drops(4),
        Column::new("%").right(),
    ];
    // Time spent shows once sessions are recorded; it goes early on a narrow output (after
    // skipped and reviewed), so that the main counts stay.
    let timed = view.totals.time_spent_s > 0;
    if timed {
        columns.push(Column::new("time").right().drops(2));
    }
    let mut table = Table::new(&columns);
    let mut add = |label: &str, counts: &Counts, percent: f64| {
        let numbers = [
            counts.total,
            counts.todo,
            counts.started,
            counts.done,
            counts.reviewed,
            counts.skipped,
        ]
        .map(|n| n.to_string());
        let bar = progress::bar(percent, BAR_WIDTH);
        let percent = format!("{percent:.1}");
        let time = match counts.time_spent_s {
            0 => String::new(),
            s => crate::session::format_duration(s),
        };
        let mut cells = vec![label];
        cells.extend(numbers.iter().map(String::as_str));
        cells.extend([bar.as_str(), percent.as_str()]);
        if timed {
            cells.push(time.as_str());
        }
        table.row(cells);
    };
    let mut current: Option<&str> = None;
    for (i, s) in view.sections.iter().enumerate() {
        let Some(list) = s.list.as_deref() else {
            add(&section(&s.section), &s.counts, s.percent);
            continue;
        };
        // Several lists: each list's row (the sum of its sections) heads them, indented.
        if current != Some(list) {
            current = Some(list);
            let mut counts = Counts::default();
            for row in view.sections[i..]
                .iter()
                .take_while(|r| r.list.as_deref() == Some(list))
            {
                counts.merge(&row.counts);
            }
            add(list, &counts, counts.percent());
        }
        add(&format!("  {}", section(&s.section)), &s.counts, s.percent);
    }
    add("total", &view.totals, view.percent);
    table.render(out)
}
