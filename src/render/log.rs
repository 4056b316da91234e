//! `mlpath log`: one line per event, newest first.

use super::table::{Column, Table};
use super::{Output, local_time};
use crate::views::LogEntry;

/// The log table, or a line saying that there is nothing to show.
pub fn table(entries: &[LogEntry], out: &Output) -> String {
    if entries.is_empty() {
        return "no events yet\n".into();
    }
    let mut table = Table::new(&[
        Column::new("when"),
        Column::new("item"),
        Column::new("event"),
        Column::new("note").fill(10),
    ]);
    for e in entries {
        let note = super::event_note(e.note.as_deref(), e.spent_s);
        table.row([local_time(e.at).as_str(), &e.slug, e.kind.as_str(), &note]);
    }
    table.render(out)
}
