//! `mlpath report`: one self-contained HTML page (its style inline, its charts inline SVG, no
//! script, nothing fetched), written head first, then the items streamed one row at a time.

mod charts;
mod escape;
mod from_store;
mod heatmap;
mod items;
mod style;
mod svg;

pub use from_store::{subject, write_report};
pub use heatmap::WEEKS as CALENDAR_WEEKS;
pub use items::ItemLine;

use crate::progress::{Counts, SectionProgress};
use crate::render::{local_time, stats as sentences};
use crate::session::format_duration;
use crate::stats::Summary;
use crate::views::LogEntry;
use chrono::{DateTime, NaiveDate, Utc};
use escape::text;
use std::io::{self, Write};

/// Everything above the item table.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    /// What the report covers: a list's name, or all lists.
    pub subject: &'a str,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub totals: &'a Counts,
    /// The sections the bar charts show (rolled up when there are many).
    pub sections: &'a [SectionProgress],
    /// How many sections the charts leave out.
    pub sections_left_out: usize,
    /// Streaks, the calendar's days (`CALENDAR_WEEKS` of them), pace, ETA and goal.
    pub stats: &'a Summary,
    /// Items finished per day, in date order.
    pub finished_by_day: &'a [(NaiveDate, u64)],
    pub recent: &'a [LogEntry],
    /// Whether notes are shown (in the log and under each item).
    pub notes: bool,
}

/// Writes a page: `begin` writes all above the item table, `item` a row, `finish` the rest.
pub struct PageWriter<'w> {
    out: &'w mut dyn Write,
    rows: items::Rows,
}

impl<'w> PageWriter<'w> {
    pub fn begin(out: &'w mut dyn Write, page: &Page) -> io::Result<PageWriter<'w>> {
        write_head(out, page)?;
        write_charts(out, page)?;
        write_log(out, page)?;
        write!(out, "<h2>Items</h2>\n{}", items::HEAD)?;
        Ok(PageWriter {
            out,
            rows: items::Rows::new(),
        })
    }

    pub fn item(&mut self, item: &ItemLine) -> io::Result<()> {
        self.rows.write(self.out, item)
    }

    pub fn finish(self) -> io::Result<()> {
        write!(
            self.out,
            "{}<footer>Made by mlpath {} from its event log.</footer>\n</main>\n</body>\n</html>\n",
            items::TAIL,
            env!("CARGO_PKG_VERSION")
        )
    }
}

fn write_head(out: &mut dyn Write, page: &Page) -> io::Result<()> {
    let subject = text(page.subject);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"mlpath\">\n\
         <title>Study report: {subject}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n\
         <h1>Study report</h1>\n<p class=\"muted\">{subject} · {}</p>\n",
        style::CSS,
        local_time(page.now)
    )?;
    let (t, stats) = (page.totals, page.stats);
    let eta = match (stats.left, stats.eta) {
        (0, _) => "nothing left".to_string(),
        (_, Some(date)) => date.to_string(),
        (_, None) => "no pace yet".to_string(),
    };
    let tiles = [
        (
            "Finished",
            format!(
                "{} of {} ({}%)",
                t.done + t.reviewed,
                t.total - t.skipped,
                t.percent()
            ),
        ),
        ("In progress", t.started.to_string()),
        ("Time spent", format_duration(t.time_spent_s)),
        ("Streak", count_days(stats.streak_current)),
        ("ETA", eta),
    ];
    out.write_all(b"<ul class=\"summary\">")?;
    for (label, value) in tiles {
        write!(out, "<li>{label}<b>{}</b></li>", text(&value))?;
    }
    out.write_all(b"</ul>\n")?;
    // The same sentences as `mlpath stats`.
    let mut lines = if stats.any_activity {
        vec![sentences::streaks(stats), sentences::pace(stats)]
    } else {
        vec![format!("{}.", sentences::NO_STUDY)]
    };
    lines.push(sentences::eta(stats));
    lines.extend(stats.goal.map(|g| sentences::goal_line(&g, stats)));
    for line in lines {
        writeln!(out, "<p class=\"muted\">{}</p>", text(&line))?;
    }
    Ok(())
}

fn count_days(n: u32) -> String {
    match n {
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

fn write_charts(out: &mut dyn Write, page: &Page) -> io::Result<()> {
    let left_out = match page.sections_left_out {
        0 => String::new(),
        n => format!("<p class=\"muted\">and {n} more sections, in the table below</p>"),
    };
    write!(
        out,
        "<section class=\"charts\">\n\
         <figure class=\"wide\"><figcaption>Activity, last 12 months</figcaption><div class=\"scroll\">{}</div></figure>\n\
         <figure><figcaption>Items finished over time</figcaption>{}</figure>\n\
         <figure><figcaption>Progress per section</figcaption>{}{left_out}</figure>\n\
         <figure><figcaption>Time per section</figcaption>{}{left_out}</figure>\n\
         </section>\n",
        heatmap::heatmap(&page.stats.days, page.today),
        charts::cumulative(
            page.finished_by_day,
            page.totals.total - page.totals.skipped,
            page.today
        ),
        charts::progress_bars(page.sections),
        charts::time_bars(page.sections),
    )
}

fn write_log(out: &mut dyn Write, page: &Page) -> io::Result<()> {
    out.write_all(b"<h2>Recent activity</h2>\n")?;
    if page.recent.is_empty() {
        return out.write_all(b"<p class=\"muted\">Nothing recorded yet.</p>\n");
    }
    out.write_all(b"<ol class=\"log\">\n")?;
    for e in page.recent {
        let mut extra = String::new();
        if let Some(s) = e.spent_s {
            extra.push_str(&format!(" · {}", format_duration(s.into())));
        }
        if let Some(note) = e.note.as_deref().filter(|_| page.notes) {
            extra.push_str(&format!(" · {}", text(note)));
        }
        writeln!(
            out,
            "<li><time>{}</time> {} <b>{}</b>{extra}</li>",
            local_time(e.at),
            e.kind.as_str(),
            text(&e.title)
        )?;
    }
    out.write_all(b"</ol>\n")
}
