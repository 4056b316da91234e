//! `mlpath list`: one line per item.

use super::table::{Column, Table};
use super::{Output, relative, section};
use crate::views::ItemView;
use chrono::{DateTime, Utc};

/// On a narrow output the title is cut first (down to `MIN_TITLE`), then changed, kind and
/// section go, in that order; a long section path is cut from the front.
const MIN_TITLE: usize = 24;

/// The list table, or a line saying that nothing matched.
pub fn table(items: &[ItemView], now: DateTime<Utc>, out: &Output) -> String {
    if items.is_empty() {
        return "no items match\n".into();
    }
    let section_cap = out.width.map_or(usize::MAX, |w| (w / 5).max(16));
    let mut table = Table::new(&[
        Column::new("slug"),
        Column::new("title").fill(MIN_TITLE),
        Column::new("section").cap_front(section_cap).drops(3),
        Column::new("kind").drops(2),
        Column::new("status"),
        Column::new("changed").drops(1),
    ]);
    for item in items {
        let mut status = item.state.status.to_string();
        if item.removed {
            status.push_str(" (removed)");
        }
        let changed = item.state.last_event_at.map(|t| relative(t, now));
        table.row([
            item.slug.as_str(),
            &item.title,
            &section(&item.section),
            item.kind.as_str(),
            &status,
            changed.as_deref().unwrap_or(""),
        ]);
    }
    table.render(out)
}
