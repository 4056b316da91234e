//! The report's item table: one row an item, in list order, under a row for each section.

use super::escape::{text, web_link};
use crate::model::{Status, section_label};
use crate::render::local_date;
use crate::session::format_duration;
use chrono::{DateTime, Utc};
use std::io::{self, Write};

/// One item as the table shows it.
#[derive(Debug, Clone)]
pub struct ItemLine<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub section: &'a [String],
    pub status: Status,
    pub started_at: Option<DateTime<Utc>>,
    /// When it was finished: done, or else first reviewed.
    pub finished_at: Option<DateTime<Utc>>,
    pub review_count: u32,
    pub time_spent_s: u32,
    /// When it is due for review, for a scheduled item.
    pub next_review: Option<DateTime<Utc>>,
    /// Its notes, oldest first; empty unless the report was asked for them.
    pub notes: &'a [(DateTime<Utc>, String)],
}

pub(super) const HEAD: &str = "<table class=\"items\"><thead><tr><th>Item</th><th>Status</th>\
<th>Started</th><th>Finished</th><th>Time</th><th>Next review</th></tr></thead><tbody>\n";

pub(super) const TAIL: &str = "</tbody></table>\n";

/// Writes rows one by one, with a section row whenever the section changes.
pub(super) struct Rows {
    section: Option<Vec<String>>,
}

impl Rows {
    pub fn new() -> Rows {
        Rows { section: None }
    }

    pub fn write(&mut self, out: &mut dyn Write, item: &ItemLine) -> io::Result<()> {
        if self.section.as_deref() != Some(item.section) {
            let name = match item.section.is_empty() {
                true => "(no section)".to_string(),
                false => section_label(item.section),
            };
            writeln!(
                out,
                "<tr class=\"section\"><th colspan=\"6\">{}</th></tr>",
                text(&name)
            )?;
            self.section = Some(item.section.to_vec());
        }
        let status = item.status.as_str();
        let title = match web_link(item.url) {
            Some(href) => format!("<a href=\"{href}\">{}</a>", text(item.title)),
            None => text(item.title).into_owned(),
        };
        write!(
            out,
            "<tr class=\"item\" data-slug=\"{}\"><td>{title}<br><span class=\"muted\">{}</span>",
            text(item.slug),
            text(item.slug)
        )?;
        write_notes(out, item.notes)?;
        let reviews = match item.review_count {
            0 => String::new(),
            1 => " · 1 review".to_string(),
            n => format!(" · {n} reviews"),
        };
        writeln!(
            out,
            "</td><td data-label=\"Status\"><span class=\"status {status}\">{status}</span>{reviews}</td>\
             <td class=\"date\" data-label=\"Started\">{}</td><td class=\"date\" data-label=\"Finished\">{}</td>\
             <td class=\"num\" data-label=\"Time\">{}</td><td class=\"date\" data-label=\"Next review\">{}</td></tr>",
            date(item.started_at),
            date(item.finished_at),
            match item.time_spent_s {
                0 => String::new(),
                s => format_duration(s.into()),
            },
            date(item.next_review),
        )
    }
}

fn write_notes(out: &mut dyn Write, notes: &[(DateTime<Utc>, String)]) -> io::Result<()> {
    if notes.is_empty() {
        return Ok(());
    }
    out.write_all(b"<ul class=\"notes\">")?;
    for (at, note) in notes {
        write!(
            out,
            "<li><time>{}</time> {}</li>",
            local_date(*at),
            text(note)
        )?;
    }
    out.write_all(b"</ul>")
}

fn date(t: Option<DateTime<Utc>>) -> String {
    t.map(local_date).unwrap_or_default()
}
