//! `mlpath show`: one item's fields, then its timeline.

use super::fit::wrap;
use super::table::{Column, Table};
use super::{Output, local_time, safe, section};
use crate::session::format_duration;
use crate::views::ShowView;
use chrono::{DateTime, Utc};

/// Field names take this many columns, after a two-space indent.
const NAME_WIDTH: usize = 9;

/// The item's title, fields and events.
pub fn details(view: &ShowView, now: DateTime<Utc>, out: &Output) -> String {
    let item = &view.item;
    let mut text = String::new();
    for line in fitted(&safe(&item.title, false), out.width) {
        text.push_str(&format!("{line}\n"));
    }
    let room = out.width.map(|w| w.saturating_sub(2 + NAME_WIDTH));
    let mut field = |name: &str, value: &str| {
        for (i, line) in fitted(&safe(value, false), room).into_iter().enumerate() {
            let name = if i == 0 { name } else { "" };
            text.push_str(&format!("  {name:<NAME_WIDTH$}{line}\n"));
        }
    };
    field("slug", &format!("{} (id {})", item.slug, item.id));
    field("section", &section(&item.section));
    field("kind", item.kind.as_str());
    if let Some(venue) = &item.venue {
        field("venue", venue);
    }
    if let Some(year) = item.year {
        field("year", &year.to_string());
    }
    field("status", &status(view));
    if let Some(line) = schedule(view, now) {
        field("review", &line);
    }
    if item.state.time_spent_s > 0 {
        field("time", &format_duration(item.state.time_spent_s.into()));
    }
    if let Some(url) = &item.url {
        field("url", url);
    }
    // The primary URL is shown once, above; the other links follow.
    for link in item.links.iter().filter(|l| l.url != item.url) {
        let url = link.url.as_deref().unwrap_or("(empty)");
        match link.label.trim() {
            "" => field("link", url),
            label => field("link", &format!("{label}: {url}")),
        }
    }
    text.push('\n');
    text.push_str(&timeline(view, out));
    text
}

/// `next 2026-12-01 (in 3 days) · recall 97% · 2 reviews · 1 lapse`, or why there is none.
fn schedule(view: &ShowView, now: DateTime<Utc>) -> Option<String> {
    let item = &view.item;
    let card = item.card.as_ref()?;
    let plural = |n: u32, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let counts = format!(
        "{} · {}",
        plural(item.state.review_count, "review"),
        plural(view.lapses, "lapse")
    );
    if view.suspended {
        return Some(format!(
            "suspended (`mlpath review {} --resume`) · {counts}",
            item.slug
        ));
    }
    Some(format!(
        "next {} · recall {} · {counts}",
        super::due::due_date(card.due_at, now),
        super::due::percent(card.retrievability(now))
    ))
}

fn status(view: &ShowView) -> String {
    let state = &view.item.state;
    let mut status = state.status.to_string();
    if state.review_count > 1 {
        status.push_str(&format!(" ({} reviews)", state.review_count));
    }
    if view.item.removed {
        status.push_str(" (no longer in the list)");
    }
    status
}

/// The events, oldest first; notes keep their line breaks and wrap within their column.
fn timeline(view: &ShowView, out: &Output) -> String {
    if view.events.is_empty() {
        return "no events yet\n".into();
    }
    let mut table = Table::new(&[
        Column::new("when"),
        Column::new("event"),
        Column::new("note").fill(10).multiline(),
    ]);
    for event in &view.events {
        let kind = match event.rating {
            Some(rating) => format!("{} ({rating})", event.kind),
            None => event.kind.to_string(),
        };
        let note = super::event_note(event.note.as_deref(), event.spent_s);
        table.row([local_time(event.at).as_str(), kind.as_str(), &note]);
    }
    table.render(out)
}

/// Lines of at most `width` columns, wrapped at words; one line when nothing limits the width.
fn fitted(text: &str, width: Option<usize>) -> Vec<String> {
    match width {
        Some(w) => wrap(text, w),
        None => vec![text.to_string()],
    }
}
